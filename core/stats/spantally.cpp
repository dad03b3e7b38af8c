#include "stats/spantally.h"

#include "stats/summary.h"

void SpanTally::add(const Span &span)
{
    if (span.kind == WorkKind::Wait) { // the loop (or producer) stuck waiting: not a task
        if (span.lane == 0) {
            ++loopWaits;
            loopWaitNs += span.ranNs();
        } else {
            ++producerWaits;
        }
        return;
    }
    if (span.state == SpanState::Done) {
        ++tasks;
        ran.add(span.ranNs());
        waited.add(span.queuedNs());
    } else if (span.state == SpanState::Cancelled) {
        ++cancelled;
    } else if (span.state == SpanState::Failed) {
        ++failed;
    }
}

void SpanTally::merge(const SpanTally &other)
{
    tasks += other.tasks;
    cancelled += other.cancelled;
    failed += other.failed;
    loopWaits += other.loopWaits;
    loopWaitNs += other.loopWaitNs;
    producerWaits += other.producerWaits;
    ran.merge(other.ran);
    waited.merge(other.waited);
}

void SpanTally::fill(Summary *s) const
{
    s->tasks = tasks;
    s->cancelled = cancelled;
    s->failed = failed;
    s->taskMsMedian = double(ran.percentileNs(50)) / 1e6;
    s->queueWaitMsMedian = double(waited.percentileNs(50)) / 1e6;
    s->queueWaitMsMax = double(waited.maxNs()) / 1e6;
    s->loopWaits = loopWaits;
    s->loopWaitMs = double(loopWaitNs) / 1e6;
    s->producerWaits = producerWaits;
}
