#pragma once

#include <QtGlobal>

#include <cmath>

// Pure time <-> pixel mapping for the timeline (and anything else drawing a time axis).
// A view shows [startNs, startNs + spanNs) across widthPx pixels starting at x = leftPx.
struct TimeAxis
{
    qint64 startNs = 0;
    qint64 spanNs = 10'000'000'000; // 10 s
    int leftPx = 0;
    int widthPx = 1;

    double nsPerPx() const;
    double mapTimeToX(qint64 ns) const;
    qint64 mapXToTime(double x) const;
    qint64 endNs() const { return startNs + spanNs; }

    // Zoom by factor (>1 zooms in) keeping the time under pixel x fixed; spanNs is clamped.
    TimeAxis zoomedAround(double x, double factor, qint64 minSpanNs, qint64 maxSpanNs) const;
    // Pans by dx pixels (positive dx moves the view to earlier times, as dragging right does).
    TimeAxis pannedBy(double dx) const;

    // The zoom factor for wheel steps (angle-delta units, 120 a notch): one notch is x1.41, so
    // the timeline and the lag chart zoom alike.
    static double wheelFactor(int steps) { return std::pow(2.0, steps / 240.0); }
};
