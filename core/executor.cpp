#include "executor.h"

#include "monotonicclock.h"
#include "recorder.h"
#include "workload.h"

#include <new>

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

namespace {
std::atomic<qint64> s_outOfMemoryTasks{0};
} // namespace

qint64 Executor::outOfMemoryTasks()
{
    return s_outOfMemoryTasks.load();
}

SpanState Executor::runTask(const TaskRequest &request, int lane)
{
    m_recorder->markStart(request.id, lane, MonotonicClock::nowNs());
    SpanState state = SpanState::Cancelled; // dequeued after Stop: never started for real
    if (!Workload::isCancelled(*m_cancel)) {
        // Qt's JSON parser throws std::bad_alloc when the document does not fit (a low
        // ulimit -v): the task fails, the thread and the run go on.
        try {
            state = work(request);
        } catch (const std::bad_alloc &) {
            ++s_outOfMemoryTasks;
            state = SpanState::Failed;
        }
    }
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
