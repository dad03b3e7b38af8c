#pragma once

#include "stats/laghistogram.h"

#include <array>

struct Summary;

// What ticks add up to: lateness raw and stall-corrected, missed ticks, long tasks and the
// stalls per reference band. Shared by the live statistics and the decimated history, so
// both count a tick the same way.
struct TickTally
{
    LagHistogram lateness;
    LagHistogram corrected;
    qint64 missedTicks = 0;
    qint64 longTasks = 0;
    std::array<qint64, 6> stallsAtLeast{}; // one per Statistics::kBandsMs

    void add(qint64 latenessNs, qint64 intervalNs);
    void merge(const TickTally &other);
    // The tick figures of a Summary: counts, and percentiles from the histograms.
    void fill(Summary *s) const;
};
