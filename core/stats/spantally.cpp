#include "stats/spantally.h"

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
