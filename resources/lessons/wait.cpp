// WaitExecutor: offload, then park the GUI thread
void WaitExecutor::submit(
    const TaskRequest &request)
{
    QSemaphore done;           // future.result()
    startTask(request, &done);
    const quint32 wait = beginLoopWait();
    done.acquire();            // no ticks, no paints
    endLoopWait(wait);         // the wait span
}
// future.waitForFinished() parks it the same way,
// but may run a task no pool thread has started
// right here (work stealing): then the work, too,
// lands on the GUI lane.

// The fix: let a watcher call back; return at once
auto *watcher = new QFutureWatcher<void>(this);
connect(watcher, &QFutureWatcher<void>::finished,
        watcher, &QObject::deleteLater);
watcher->setFuture(startOnPool(request));
