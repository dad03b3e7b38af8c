#pragma once

#include "eventnotes.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

struct LoopState;

// A std::thread (not a QThread: invisible to the program) that notices the GUI thread's tick
// is overdue and reads, while the stall lasts, what the GUI thread is delivering: the stall's
// culprit, which the sender asks for when the late tick reports the stall.
class ProbeWatchdog
{
public:
    explicit ProbeWatchdog(const LoopState *loop);
    ProbeWatchdog(const ProbeWatchdog &) = delete;
    ProbeWatchdog &operator=(const ProbeWatchdog &) = delete;

    void start();
    // Asks the thread to end and waits for it at most until deadlineNs; false if it is
    // still running (then it is detached).
    bool stop(int64_t deadlineNs);
    // The culprit found for the stall whose late tick was due at dueNs; "unknown" if none.
    std::string culpritFor(int64_t dueNs);

    static std::string describe(const EventNotes::Note &note, const std::string &objectName);

private:
    struct Candidate
    {
        QObject *receiver;
        int type;
        int timerId;
        int count;
        std::string text;
    };
    void run();
    void sample(int64_t dueNs, bool beforeFirstTick);
    void remember(int64_t dueNs, const std::string &culprit);

    const LoopState *m_loop;
    std::thread m_thread;
    std::mutex m_lock;
    std::condition_variable m_wake;
    std::condition_variable m_ended;
    bool m_stopping = false;
    bool m_done = false;
    // The stall being sampled: what was seen, how often.
    int64_t m_sampledDue = 0;
    std::deque<Candidate> m_candidates;
    // The last stalls' culprits, newest last (guarded by m_lock).
    std::deque<std::pair<int64_t, std::string>> m_found;
};
