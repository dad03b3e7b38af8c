#include "executors/mutexexecutor.h"

MutexExecutor::~MutexExecutor()
{
    joinPool(); // a task that outlived shutdown() still holds m_shared
}

void MutexExecutor::submit(const TaskRequest &request)
{
    const quint32 wait = beginLoopWait();
    {
        QMutexLocker lock(&m_shared);
        ++m_tasksSubmitted;
    }
    endLoopWait(wait);
    PoolExecutor::submit(request);
}

SpanState MutexExecutor::work(const TaskRequest &request)
{
    QMutexLocker lock(&m_shared); // held across the slow work: the mistake this lesson shows
    return PoolExecutor::work(request);
}
