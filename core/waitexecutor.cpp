#include "waitexecutor.h"

void WaitExecutor::submit(const TaskRequest &request)
{
    QFuture<void> future = startOnPool(request);
    const quint32 wait = beginLoopWait();
    future.waitForFinished();
    endLoopWait(wait);
}
