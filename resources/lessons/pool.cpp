// PoolExecutor: a QThreadPool owned by the run
m_pool.setMaxThreadCount(workers);   // --workers

QFuture<void> PoolExecutor::startOnPool(
    const TaskRequest &request)
{
    auto job = [this, request] {   // on pool-N
        runTask(request, m_recorder->
                laneForCurrentThread(lanePrefix()));
    };
    // Enqueue and return: the GUI thread is free
    // again within microseconds
    return QtConcurrent::run(&m_pool, job);
}

// Session: results come back to the GUI thread
connect(executor, &Executor::taskDone,
        this, &Session::taskFinished,
        Qt::QueuedConnection);
