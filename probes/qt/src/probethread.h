#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

// A named std::thread (not a QThread: invisible to the program) that runs until asked to
// stop, and that the program's exit waits for only until a deadline: past it the thread is
// detached, so its owner must never be freed.
class ProbeThread
{
public:
    explicit ProbeThread(std::string name);
    ProbeThread(const ProbeThread &) = delete;
    ProbeThread &operator=(const ProbeThread &) = delete;

    void start(std::function<void()> body);
    // Asks the body to end and waits for it at most until deadlineNs; false if it is still
    // running (then it is detached).
    bool stop(int64_t deadlineNs);
    // From the body: sleeps waitNs or until stop() is called; true once stopping.
    bool waitFor(int64_t waitNs);
    bool stopping();

private:
    const std::string m_name;
    std::function<void()> m_body;
    std::thread m_thread;
    std::mutex m_lock;
    std::condition_variable m_wake;
    std::condition_variable m_ended;
    bool m_stopping = false;
    bool m_done = false;
};
