#pragma once

#include <QtGlobal>

#include <atomic>
#include <condition_variable>
#include <mutex>

// A model of CPython's global interpreter lock: one holder at a time. A thread that has
// waited a whole switch interval asks the holder to drop it; the holder does so at its next
// yieldPoint() and does not take it back until another thread has had it (CPython's
// "forced switching"). Code that cannot yield (a C parser, like json.loads) keeps it.
class Gil
{
public:
    explicit Gil(int switchIntervalMs);

    void acquire();
    void release();
    // Called by the holder where Python would check between bytecodes.
    void yieldPoint();
    qint64 switches() const { return m_switches.load(std::memory_order_relaxed); }

private:
    std::mutex m_mutex;
    std::condition_variable m_released;
    std::condition_variable m_switched;
    bool m_locked = false;
    int m_waiters = 0;
    quint64 m_switchNumber = 0;
    std::atomic_bool m_dropRequest{false};
    std::atomic<qint64> m_switches{0};
    const std::chrono::milliseconds m_interval;
};
