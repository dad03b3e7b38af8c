#pragma once

#include "stats/laghistogram.h"
#include "engine/span.h"

struct Summary;

// What finished spans add up to: task outcomes, how long tasks ran and queued, and the
// loop's (lane 0) and the producer's waits. Shared by the live statistics and the
// decimated history, so both count a span the same way.
struct SpanTally
{
    qint64 tasks = 0;
    qint64 cancelled = 0;
    qint64 failed = 0;
    qint64 loopWaits = 0;
    qint64 loopWaitNs = 0;
    qint64 producerWaits = 0;
    LagHistogram ran;
    LagHistogram waited;

    void add(const Span &span);
    void merge(const SpanTally &other);
    // The task and wait figures of a Summary; medians from the histograms.
    void fill(Summary *s) const;
};
