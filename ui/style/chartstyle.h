#pragma once

#include <QFont>
#include <QMargins>
#include <QString>

class QAbstractAxis;
class QChart;
class QChartView;
class QLogValueAxis;
class QValueAxis;

// The look every Qt Charts view of Loop Lab shares: fonts derived from the widget's own
// and axes in the theme's colours.
class ChartStyle
{
public:
    // Log axes cannot show zero; lateness at or below zero sits on this floor, ms.
    static constexpr double kLogMinMs = 0.01;
    // A hair below the floor, for the axis' range: QLogValueAxis computes ln(0.01)/ln(10) as
    // just above -2 and would drop the bottom decade's tick and label.
    static constexpr double kLogAxisMinMs = kLogMinMs * (1.0 - 1e-9);

    // base grown by deltaPt points (never below 6 pt).
    static QFont adjusted(const QFont &base, double deltaPt, bool bold = false);
    // base scaled by factor.
    static QFont scaled(const QFont &base, double factor, bool bold = false);
    // Light theme, no animation (every frame replaces the data; animating towards it would
    // only lag behind), the theme's background and tight margins.
    static void prepare(QChart *chart, const QMargins &margins);
    // prepare() for the view's chart, the title and the legend (on legendSide) in the theme's
    // text colour, and the view around it frameless and antialiased.
    static void prepareView(QChartView *view, const QMargins &margins, const QFont &titleFont,
                            const QFont &legendFont, Qt::Alignment legendSide);
    // Labels and title in font, grid and line in the theme's colours.
    static void styleAxis(QAbstractAxis *axis, const QFont &font);
    // Base 10, labelled %g, from min to max.
    static QLogValueAxis *logAxis(double min, double max, int minorTickCount = 8);
    // Linear, its ticks on multiples of the tick interval counted from zero, no minor ticks.
    static QValueAxis *stepAxis();
    // Re-reads the theme's neutral colours after a light/dark switch: background, title,
    // legend labels and every axis of chart.
    static void applyTheme(QChart *chart);
};
