#include "executors/executor.h"

#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "engine/workload.h"

#include <sys/resource.h>

Executor::Executor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_cancel(std::move(cancel))
{
}

void Executor::lowerCurrentThreadPriority()
{
    // Linux keeps a nice value per thread; PRIO_PROCESS with 0 means the calling thread.
    thread_local bool lowered = false;
    if (!lowered) {
        setpriority(PRIO_PROCESS, 0, kWorkerNice);
        lowered = true;
    }
}

SpanState Executor::runTask(const TaskRequest &request, int lane)
{
    m_recorder->markStart(request.id, lane, MonotonicClock::nowNs());
    // Dequeued after Stop: never started for real.
    const SpanState state = Workload::isCancelled(*m_cancel) ? SpanState::Cancelled : work(request);
    m_recorder->markEnd(request.id, MonotonicClock::nowNs(), state);
    emit taskDone(request.id, state);
    return state;
}

void Executor::cancelQueued(int lane)
{
    const qint64 now = MonotonicClock::nowNs();
    const QVector<quint32> queued = m_recorder->queuedSpans(mode());
    for (quint32 id : queued) {
        m_recorder->markStart(id, lane, now);
        m_recorder->markEnd(id, now, SpanState::Cancelled);
        emit taskDone(id, SpanState::Cancelled);
    }
}

SpanState Executor::work(const TaskRequest &request)
{
    const std::atomic_bool &cancel = *m_cancel;
    if (request.kind == WorkKind::Io) {
        Workload::blockingIo(request.ioMs, cancel);
        return Workload::isCancelled(cancel) ? SpanState::Cancelled : SpanState::Done;
    }
    const qint64 keys = Workload::parseAndWalk(request.json, cancel);
    if (keys >= 0)
        return SpanState::Done;
    return Workload::isCancelled(cancel) ? SpanState::Cancelled : SpanState::Failed;
}
