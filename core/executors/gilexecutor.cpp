#include "executors/gilexecutor.h"

#include "executors/gil.h"
#include "engine/workload.h"

#include <QScopeGuard>

GilExecutor::GilExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers, Gil *gil,
                         QObject *parent)
    : PoolExecutor(recorder, std::move(cancel), workers, parent)
    , m_gil(gil)
{
}

GilExecutor::~GilExecutor()
{
    joinPool();
}

SpanState GilExecutor::work(const TaskRequest &request)
{
    const std::atomic_bool &cancel = *m_cancel;
    m_gil->acquire(); // calling the Python function
    // Released on every way out, a std::bad_alloc from the parse included, or the loop
    // thread would wait for the lock forever.
    const auto release = qScopeGuard([this] { m_gil->release(); });
    SpanState state = SpanState::Done;
    if (request.kind == WorkKind::Io) {
        m_gil->release(); // blocking I/O runs without the GIL
        Workload::blockingIo(request.ioMs, cancel);
        m_gil->acquire();
        if (Workload::isCancelled(cancel))
            state = SpanState::Cancelled;
    } else {
        const qint64 keys = Workload::parseAndWalk(request.json, cancel, [this] { m_gil->yieldPoint(); });
        if (keys < 0)
            state = Workload::isCancelled(cancel) ? SpanState::Cancelled : SpanState::Failed;
    }
    return state;
}
