// NestedExecutor: offload, then spin a local loop
void NestedExecutor::submit(
    const TaskRequest &request)
{
    QFutureWatcher<void> watcher;
    QEventLoop loop;
    connect(&watcher,
            &QFutureWatcher<void>::finished,
            &loop, &QEventLoop::quit);
    watcher.setFuture(startOnPool(request));

    const std::shared_ptr<bool> alive = m_alive;
    m_loops.append(&loop);   // the depth counter
    loop.exec();  // ticks, clicks, other handlers:
                  // all run in here, a level down
    if (!*alive)
        return;   // Stop ran in there, deleted us
    m_loops.removeOne(&loop);
}

// Session: Qt never re-enters a QTimer's own
// handler, so in this mode each submission is a
// queued call, which a nested loop does deliver
QMetaObject::invokeMethod(this, &Session::submitNow,
                          Qt::QueuedConnection);
