#pragma once

#include <QPointF>
#include <QSizeF>

// Lateness points (s, ms) to pixels relative to the plot area's top left, with the arithmetic
// of Qt Charts' XYDomain and XLogYDomain: the line then falls on the pixels the series drew.
struct LagMapping
{
    double x0 = 0; // the shown range, s
    double x1 = 1;
    double y0 = 0; // the y axis' range, ms
    double y1 = 1;
    bool logY = false;
    double logBase = 10.0;
    QSizeF size; // the plot area's

    bool isValid() const;
    // Log y: p.y() must be above zero (the chart lifts lower points to the axis floor).
    QPointF map(const QPointF &p) const;
    // How many pixels one second spans.
    double pxPerSecond() const;

    bool operator==(const LagMapping &other) const;
    bool operator!=(const LagMapping &other) const { return !(*this == other); }
};
