// QueueExecutor::produce(), on a plain std::thread
std::unique_lock lock(m_mutex);
m_notFull.wait(lock, [this] {    // back-pressure:
    return m_items.size() < m_capacity;
});                              // full? wait
m_items.push_back(id);
lock.unlock();
QMetaObject::invokeMethod(this,
    &QueueExecutor::consume, Qt::QueuedConnection);

// QueueExecutor::consume(), on the GUI thread: pops
// what is there, never waits on the queue, stops
// after a 4 ms slice and lets the ticker run
m_notFull.notify_one();
m_nextSlice.start(); // a zero QTimer: a posted call
                     // would go before the ticker
