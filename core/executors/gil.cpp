#include "executors/gil.h"

Gil::Gil(int switchIntervalMs)
    : m_interval(qMax(1, switchIntervalMs))
{
}

void Gil::acquire()
{
    std::unique_lock lock(m_mutex);
    ++m_waiters;
    while (m_locked) {
        const quint64 seen = m_switchNumber;
        if (!m_released.wait_for(lock, m_interval, [this] { return !m_locked; }) && m_switchNumber == seen)
            m_dropRequest.store(true, std::memory_order_relaxed); // held a whole interval: ask for it
    }
    --m_waiters;
    m_locked = true;
    m_dropRequest.store(false, std::memory_order_relaxed);
    ++m_switchNumber;
    m_switches.fetch_add(1, std::memory_order_relaxed);
    m_switched.notify_all();
}

void Gil::release()
{
    {
        std::lock_guard lock(m_mutex);
        m_locked = false;
    }
    m_released.notify_one();
}

void Gil::yieldPoint()
{
    if (!m_dropRequest.load(std::memory_order_relaxed))
        return;
    quint64 mine;
    {
        std::unique_lock lock(m_mutex);
        mine = m_switchNumber;
        m_locked = false;
        m_released.notify_one();
        // Forced switching: wait until someone else has taken it, or nobody wants it.
        m_switched.wait(lock, [this, mine] { return m_switchNumber != mine || m_waiters == 0; });
    }
    acquire();
}
