#pragma once

#include "run/comparison.h"

#include <QList>
#include <QPointF>
#include <QVector>

// The numbers behind the comparison's charts, from the runs alone: the lateness buckets of
// each run's ticks, the ranges and steps of the axes and the order the runs are drawn in.
// Pure Qt Core (no widgets, no charts), so it is tested with plain tables.
class ComparisonBuckets
{
public:
    // Histogram buckets: log-spaced from kHistogramMinMs, kBucketsPerDecade per decade.
    static constexpr double kHistogramMinMs = 0.01;
    static constexpr int kBucketsPerDecade = 4;
    static constexpr int kHistogramBuckets = 6 * kBucketsPerDecade; // up to 10 s
    static int bucketOf(double ms);
    static double bucketLowerMs(int bucket);

    // A linear axis from 0 to max in ticks of step.
    struct Axis
    {
        double max = 0;
        double step = 0;
    };

    // The share of each run's raw ticks per bucket (the corrected figures are in the table),
    // and the ranges that show them all.
    struct Histogram
    {
        QVector<QVector<double>> shares; // per run, per bucket: % of the run's ticks
        int first = 0; // the buckets drawn: every one with a tick in any run
        int last = 0;
        double xMinMs = 0; // whole decades, and always the thresholds
        double xMaxMs = 0;
        Axis share; // %
    };
    static Histogram histogram(const QVector<Comparison::Result> &results);
    // One run's shares as a step outline from bucket first to last, on the floor at both ends.
    static QList<QPointF> outline(const QVector<double> &share, int first, int last);

    // The lag chart's time axis: the longest run, or the configured duration when none ran.
    static double timeSpanS(const QVector<Comparison::Result> &results, double durationS);
    static Axis timeAxis(double spanS);
    // Its lateness axis: whole decades to at least 200 ms on a log scale (step 0), or nice
    // steps above the worst tick, never below kLinearFloorMs.
    static constexpr double kLinearFloorMs = 5.0;
    static Axis latenessAxis(const QVector<Comparison::Result> &results, bool logScale);

    // Worst p99 first, so the quieter runs are drawn over its spikes and stay visible.
    static QVector<int> drawingOrder(const QVector<Comparison::Result> &results);
};
