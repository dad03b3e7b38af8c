#include "gilexecutor.h"

#include "gil.h"
#include "workload.h"

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
    SpanState state = SpanState::Done;
    if (request.kind == WorkKind::Io) {
        m_gil->release(); // blocking I/O runs without the GIL
        Workload::blockingIo(request.ioMs, cancel);
        m_gil->acquire();
        if (cancel.load(std::memory_order_relaxed))
            state = SpanState::Cancelled;
    } else {
        const qint64 keys = Workload::parseAndWalk(request.json, cancel, [this] { m_gil->yieldPoint(); });
        if (keys < 0)
            state = cancel.load(std::memory_order_relaxed) ? SpanState::Cancelled : SpanState::Failed;
    }
    m_gil->release();
    return state;
}
