#include "executor.h"

#include "monotonicclock.h"
#include "recorder.h"
#include "workload.h"

Executor::Executor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_cancel(std::move(cancel))
{
}

SpanState Executor::runTask(const TaskRequest &request, int lane)
{
    const std::atomic_bool &cancel = *m_cancel;
    m_recorder->markStart(request.id, lane, MonotonicClock::nowNs());
    SpanState state = SpanState::Done;
    if (cancel.load(std::memory_order_relaxed)) {
        state = SpanState::Cancelled; // dequeued after Stop: never started for real
    } else if (request.kind == WorkKind::Io) {
        Workload::blockingIo(request.ioMs, cancel);
        if (cancel.load(std::memory_order_relaxed))
            state = SpanState::Cancelled;
    } else {
        const qint64 keys = Workload::parseAndWalk(request.json, cancel);
        if (keys < 0)
            state = cancel.load(std::memory_order_relaxed) ? SpanState::Cancelled : SpanState::Failed;
    }
    m_recorder->markEnd(request.id, MonotonicClock::nowNs(), state);
    emit taskDone(request.id, state);
    return state;
}
