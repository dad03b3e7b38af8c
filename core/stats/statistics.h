#pragma once

#include "stats/summary.h"

#include <QVector>

#include <array>

struct ModeSwitch;
struct TickSample;

// The bottom layer of lag math: thresholds, percentiles, interval unions and the missed-tick
// correction, on plain values. Nothing here reads a clock or a recorder (the recorder and
// the tallies use it; run/Summarizer builds a run's Summary on top of it).
class Statistics
{
public:
    static constexpr double kLongTaskMs = 50.0;
    // Thresholds whose stalls are counted and drawn as bands: one frame, a long task,
    // a slow response, interaction-to-next-paint good / poor limits (200 / 500 ms) and a
    // hang (250 ms). Summary::stallsAtLeast follows this order.
    static constexpr std::array<double, 6> kBandsMs = {16.7, 50.0, 100.0, 200.0, 250.0, 500.0};
    static QString bandName(int index);
    // The one rounding every figure in milliseconds is shown with, in the window, the
    // verdicts and the comparison: 2.37, 12.7, 192 (three significant digits, no unit).
    static QString formatMs(double ms);

    // A blocked loop takes no samples while blocked, so plain percentiles understate a
    // freeze (coordinated omission). For a tick late by L with interval I, these are the
    // latenesses the ticks that should have fired meanwhile would have had: L-I, L-2I, ...
    // down to I (HdrHistogram's recordValueWithExpectedInterval). Calls add(ns) for each.
    template<typename Add>
    static void forMissedTicks(qint64 latenessNs, qint64 intervalNs, Add add)
    {
        if (intervalNs <= 0)
            return;
        for (qint64 missing = latenessNs - intervalNs; missing >= intervalNs; missing -= intervalNs)
            add(missing);
    }
    // Nearest-rank percentile (p in 0..100) of values; sorts a copy. 0 for no values.
    static double percentile(QVector<double> values, double p);
    // The same on values already sorted ascending.
    static double percentileSorted(const QVector<double> &sorted, double p);
    static double median(QVector<double> values) { return percentile(std::move(values), 50); }

    // Total length of the union of [start, end) intervals, in the same unit.
    static qint64 unionLength(QVector<QPair<qint64, qint64>> intervals);

    // Summary::byMode: the ticks split by the mode in force when each fell due (switches in
    // time order). Empty unless at least two modes had ticks.
    static QVector<ModeFigures> byMode(const QVector<ModeSwitch> &switches, const QVector<TickSample> &ticks);
};
