// ThreadExecutor: a QThread running exec(), and a
// worker object that lives on it
m_worker->moveToThread(&m_thread);
connect(&m_thread, &QThread::finished,
        m_worker, &QObject::deleteLater);
m_thread.start();          // run() calls exec()

void ThreadExecutor::submit(
    const TaskRequest &request)
{
    // Posted to thread-1's queue; runs there in turn
    QMetaObject::invokeMethod(
        m_worker,
        [this, request] { runTask(request, m_lane); },
        Qt::QueuedConnection);
}
// runTask() emits taskDone on thread-1; the Session
// gets it through a queued connection
