// Session: one task per period, from a timer
// living on the GUI thread
connect(&m_submitTimer, &QTimer::timeout,
        this, &Session::submitOne);

// InlineExecutor: the task runs in that handler
void InlineExecutor::submit(
    const TaskRequest &request)
{
    runTask(request, 0);  // lane 0: the GUI thread
}
// runTask() calls Workload::blockingIo(): the GUI
// thread sleeps for ioMs, and the ticker's wake-up
// waits behind it
