#include "compare/comparisonbuckets.h"

#include "engine/recorder.h"
#include "style/axisstep.h"

#include <algorithm>
#include <cmath>
#include <numeric>

int ComparisonBuckets::bucketOf(double ms)
{
    if (!(ms > kHistogramMinMs))
        return 0;
    const int b = int(std::floor(std::log10(ms / kHistogramMinMs) * kBucketsPerDecade + 1e-9));
    return std::clamp(b, 0, kHistogramBuckets - 1);
}

double ComparisonBuckets::bucketLowerMs(int bucket)
{
    return kHistogramMinMs * std::pow(10.0, double(bucket) / kBucketsPerDecade);
}

ComparisonBuckets::Histogram ComparisonBuckets::histogram(const QVector<Comparison::Result> &results)
{
    Histogram h;
    int first = kHistogramBuckets;
    int last = -1;
    double maxShare = 0;
    for (const Comparison::Result &r : results) {
        QVector<double> share(kHistogramBuckets, 0.0);
        const quint32 n = r.recorder ? r.recorder->tickCount() : 0;
        for (quint32 i = 0; i < n; ++i)
            share[bucketOf(double(r.recorder->tick(i).latenessNs()) / 1e6)] += 1;
        for (int b = 0; b < kHistogramBuckets; ++b) {
            if (share.at(b) == 0)
                continue;
            share[b] *= 100.0 / double(n);
            first = std::min(first, b);
            last = std::max(last, b);
            maxShare = std::max(maxShare, share.at(b));
        }
        h.shares.append(share);
    }
    if (last < 0) {
        first = 0;
        last = kHistogramBuckets / 2;
    }
    h.first = first;
    h.last = last;
    // Whole decades, and always the thresholds, so two exports line up by eye.
    h.xMinMs = std::min(0.1, std::pow(10.0, std::floor(std::log10(bucketLowerMs(first)) + 1e-9)));
    h.xMaxMs = std::max(1000.0, std::pow(10.0, std::ceil(std::log10(bucketLowerMs(last + 1)) - 1e-9)));
    h.share.step = AxisStep::nice(std::max(maxShare, 1.0) * 1.1 / 5.0);
    h.share.max = std::ceil(std::max(maxShare, 1.0) * 1.1 / h.share.step - 1e-9) * h.share.step;
    return h;
}

QList<QPointF> ComparisonBuckets::outline(const QVector<double> &share, int first, int last)
{
    QList<QPointF> points;
    points.append(QPointF(bucketLowerMs(first), 0.0));
    for (int b = first; b <= last; ++b) {
        points.append(QPointF(bucketLowerMs(b), share.at(b)));
        points.append(QPointF(bucketLowerMs(b + 1), share.at(b)));
    }
    points.append(QPointF(bucketLowerMs(last + 1), 0.0));
    return points;
}

double ComparisonBuckets::timeSpanS(const QVector<Comparison::Result> &results, double durationS)
{
    double span = 0;
    for (const Comparison::Result &r : results)
        span = std::max(span, double(r.endNs - r.startNs) / 1e9);
    if (!(span > 0))
        span = durationS > 0 ? durationS : 1.0;
    return span;
}

ComparisonBuckets::Axis ComparisonBuckets::timeAxis(double spanS)
{
    return {spanS, AxisStep::nice(spanS / 10.0)};
}

ComparisonBuckets::Axis ComparisonBuckets::latenessAxis(const QVector<Comparison::Result> &results, bool logScale)
{
    double maxMs = 0;
    for (const Comparison::Result &r : results)
        maxMs = std::max(maxMs, r.summary.maxMs);
    const double wanted = std::max(kLinearFloorMs, maxMs * 1.1);
    if (logScale)
        return {std::pow(10.0, std::ceil(std::log10(std::max(wanted, 200.0)) - 1e-9)), 0.0};
    const double step = AxisStep::nice(wanted / 6.0);
    return {std::ceil(wanted / step - 1e-9) * step, step};
}

QVector<int> ComparisonBuckets::drawingOrder(const QVector<Comparison::Result> &results)
{
    QVector<int> order(results.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&results](int a, int b) {
        return results.at(a).summary.p99Ms > results.at(b).summary.p99Ms;
    });
    return order;
}
