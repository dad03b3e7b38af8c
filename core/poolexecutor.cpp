#include "poolexecutor.h"

#include "recorder.h"

#include <QtConcurrent/QtConcurrentRun>

PoolExecutor::PoolExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers,
                           QObject *parent)
    : Executor(recorder, std::move(cancel), parent)
{
    m_pool.setMaxThreadCount(qMax(1, workers));
    m_pool.setObjectName(QStringLiteral("looplab-pool"));
}

PoolExecutor::~PoolExecutor()
{
    m_cancel->store(true);
    m_pool.waitForDone();
}

void PoolExecutor::submit(const TaskRequest &request)
{
    // The future is not kept: the task reports through the recorder and taskDone.
    (void)QtConcurrent::run(&m_pool, [this, request] {
        runTask(request, m_recorder->laneForCurrentThread(QStringLiteral("pool")));
    });
}

bool PoolExecutor::shutdown(int timeoutMs)
{
    // Queued tasks still run, but see the cancel flag at once and end as cancelled.
    return m_pool.waitForDone(timeoutMs);
}
