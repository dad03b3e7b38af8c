#include "executors/waitexecutor.h"

#include <QSemaphore>

void WaitExecutor::submit(const TaskRequest &request)
{
    // The loop blocks until a pool thread has done the work, as future.result() does. Not
    // QFuture::waitForFinished(): it takes a task no pool thread has started yet and runs it
    // on the waiting thread itself (Qt's work stealing), and the loop thread wins that race
    // nearly every time, so the work would not be on the pool lane at all.
    QSemaphore done;
    startTask(request, &done);
    const quint32 wait = beginLoopWait();
    done.acquire();
    endLoopWait(wait);
}
