#pragma once

#include <QFont>
#include <QMargins>
#include <QString>

class QAbstractAxis;
class QChart;

// The look every Qt Charts view of Loop Lab shares: fonts derived from the widget's own
// and axes in the theme's colours.
class ChartStyle
{
public:
    // base grown by deltaPt points (never below 6 pt).
    static QFont adjusted(const QFont &base, double deltaPt, bool bold = false);
    // base scaled by factor.
    static QFont scaled(const QFont &base, double factor, bool bold = false);
    // Light theme, no animation (every frame replaces the data; animating towards it would
    // only lag behind), the theme's background and tight margins.
    static void prepare(QChart *chart, const QMargins &margins);
    // Labels and title in font, grid and line in the theme's colours.
    static void styleAxis(QAbstractAxis *axis, const QFont &font);
    // Re-reads the theme's neutral colours after a light/dark switch: background, title,
    // legend labels and every axis of chart.
    static void applyTheme(QChart *chart);
    // Axis ticks: the smallest of 1, 2, 2.5 or 5 times a power of ten that is >= value.
    static double niceStep(double value);
    // A printf label format that shows every multiple of step exactly.
    static QString formatForStep(double step);
};
