#include "stats/ticktally.h"

#include "stats/statistics.h"
#include "stats/summary.h"

void TickTally::add(qint64 latenessNs, qint64 intervalNs)
{
    lateness.add(latenessNs);
    corrected.add(latenessNs);
    Statistics::forMissedTicks(latenessNs, intervalNs, [this](qint64 ns) {
        corrected.add(ns);
        ++missedTicks;
    });
    if (latenessNs >= qint64(Statistics::kLongTaskMs * 1e6))
        ++longTasks;
    for (size_t b = 0; b < Statistics::kBandsMs.size(); ++b) {
        if (latenessNs >= qint64(Statistics::kBandsMs[b] * 1e6))
            ++stallsAtLeast[b];
    }
}

void TickTally::merge(const TickTally &other)
{
    lateness.merge(other.lateness);
    corrected.merge(other.corrected);
    missedTicks += other.missedTicks;
    longTasks += other.longTasks;
    for (size_t b = 0; b < stallsAtLeast.size(); ++b)
        stallsAtLeast[b] += other.stallsAtLeast[b];
}

void TickTally::fill(Summary *s) const
{
    s->ticks = lateness.count();
    s->p50Ms = double(lateness.percentileNs(50)) / 1e6;
    s->p95Ms = double(lateness.percentileNs(95)) / 1e6;
    s->p99Ms = double(lateness.percentileNs(99)) / 1e6;
    s->maxMs = double(lateness.maxNs()) / 1e6;
    s->p95CorrectedMs = double(corrected.percentileNs(95)) / 1e6;
    s->p99CorrectedMs = double(corrected.percentileNs(99)) / 1e6;
    s->missedTicks = missedTicks;
    s->longTasks = longTasks;
    s->stallsAtLeast = stallsAtLeast;
}
