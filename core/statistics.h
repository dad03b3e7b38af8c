#pragma once

#include "summary.h"

#include <QVector>

class Recorder;
struct RunConfig;

// Pure computations over recorded data; nothing here reads a clock.
class Statistics
{
public:
    static constexpr double kLongTaskMs = 50.0;

    // Nearest-rank percentile (p in 0..100) of values; sorts a copy. 0 for no values.
    static double percentile(QVector<double> values, double p);
    // The same on values already sorted ascending.
    static double percentileSorted(const QVector<double> &sorted, double p);
    static double median(QVector<double> values) { return percentile(std::move(values), 50); }

    // Total length of the union of [start, end) intervals, in the same unit.
    static qint64 unionLength(QVector<QPair<qint64, qint64>> intervals);

    static Summary summarize(const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs);
};
