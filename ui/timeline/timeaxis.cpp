#include "timeline/timeaxis.h"

#include <cmath>

double TimeAxis::nsPerPx() const
{
    return double(spanNs) / double(qMax(1, widthPx));
}

double TimeAxis::mapTimeToX(qint64 ns) const
{
    // Subtract in integers first: absolute monotonic times do not fit a double's mantissa
    // at nanosecond resolution.
    return leftPx + double(ns - startNs) / nsPerPx();
}

qint64 TimeAxis::mapXToTime(double x) const
{
    return startNs + qint64(std::llround((x - leftPx) * nsPerPx()));
}

TimeAxis TimeAxis::zoomedAround(double x, double factor, qint64 minSpanNs, qint64 maxSpanNs) const
{
    if (!(factor > 0) || !std::isfinite(factor))
        return *this;
    const qint64 lo = qMax<qint64>(1, minSpanNs);
    const qint64 hi = qMax(lo, maxSpanNs);
    TimeAxis out = *this;
    const double wanted = double(spanNs) / factor;
    out.spanNs = wanted <= double(lo) ? lo : wanted >= double(hi) ? hi : qint64(std::llround(wanted));
    // The time under x stays put: offsetPx * nsPerPx is the same before and after.
    const double offsetPx = x - leftPx;
    const double anchorOffsetNs = offsetPx * nsPerPx();
    out.startNs = startNs + qint64(std::llround(anchorOffsetNs - offsetPx * out.nsPerPx()));
    return out;
}

TimeAxis TimeAxis::pannedBy(double dx) const
{
    TimeAxis out = *this;
    out.startNs = startNs - qint64(std::llround(dx * nsPerPx()));
    return out;
}
