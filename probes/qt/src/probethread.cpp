#include "probethread.h"

#include "probeclock.h"

#include <algorithm>
#include <chrono>

#include <pthread.h>

ProbeThread::ProbeThread(std::string name)
    : m_name(std::move(name))
{
}

void ProbeThread::start(std::function<void()> body)
{
    m_body = std::move(body);
    m_thread = std::thread([this] {
        pthread_setname_np(pthread_self(), m_name.c_str());
        m_body();
        std::lock_guard<std::mutex> lock(m_lock);
        m_done = true;
        m_ended.notify_all();
    });
}

bool ProbeThread::stop(int64_t deadlineNs)
{
    if (!m_thread.joinable())
        return true;
    std::unique_lock<std::mutex> lock(m_lock);
    m_stopping = true;
    m_wake.notify_all();
    const bool done = m_ended.wait_for(lock, std::chrono::nanoseconds(std::max<int64_t>(0, deadlineNs - ProbeClock::nowNs())),
                                       [this] { return m_done; });
    lock.unlock();
    if (done)
        m_thread.join();
    else
        m_thread.detach(); // the program's exit goes on; the thread's state is never freed
    return done;
}

bool ProbeThread::waitFor(int64_t waitNs)
{
    std::unique_lock<std::mutex> lock(m_lock);
    return m_wake.wait_for(lock, std::chrono::nanoseconds(waitNs), [this] { return m_stopping; });
}

bool ProbeThread::stopping()
{
    std::lock_guard<std::mutex> lock(m_lock);
    return m_stopping;
}
