#pragma once

#include <QFont>

class QAbstractAxis;

// The look every Qt Charts view of Loop Lab shares: fonts derived from the widget's own
// and axes in the theme's colours.
class ChartStyle
{
public:
    // base grown by deltaPt points (never below 6 pt).
    static QFont adjusted(const QFont &base, double deltaPt, bool bold = false);
    // base scaled by factor.
    static QFont scaled(const QFont &base, double factor, bool bold = false);
    // Labels and title in font, grid and line in the theme's colours.
    static void styleAxis(QAbstractAxis *axis, const QFont &font);
};
