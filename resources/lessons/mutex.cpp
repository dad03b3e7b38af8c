// MutexExecutor::work(), on a pool thread
QMutexLocker lock(&m_shared);   // the whole task
return PoolExecutor::work(request);

// MutexExecutor::submit(), on the GUI thread
{
    QMutexLocker lock(&m_shared); // waits a task
    ++m_tasksSubmitted;   // for nanoseconds of work
}

// The fix: slow part unlocked, lock to publish
const Result result = compute(request);
{
    QMutexLocker lock(&m_shared);
    m_latest = result;
}
