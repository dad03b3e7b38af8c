// The same PoolExecutor, with --workers 1
m_pool.setMaxThreadCount(1);

// Every 100 ms on the GUI thread: still only an
// enqueue. QThreadPool keeps what it cannot start
// yet in a queue of its own.
(void)startOnPool(request);

// runTask() marks the start when pool-1 finally
// takes the task: queue wait = startNs - submitNs
