#pragma once

#include "eventnotes.h"
#include "probethread.h"

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>

struct LoopState;

// A thread of the probe's (looplab-watch) that notices the GUI thread's tick is overdue and
// reads, while the stall lasts, what the GUI thread is delivering: the stall's culprit, which
// the sender asks for when the late tick reports the stall.
class ProbeWatchdog
{
public:
    explicit ProbeWatchdog(const LoopState *loop);
    ProbeWatchdog(const ProbeWatchdog &) = delete;
    ProbeWatchdog &operator=(const ProbeWatchdog &) = delete;

    void start();
    // Asks the thread to end and waits for it at most until deadlineNs; false if it is
    // still running (then it is detached).
    bool stop(int64_t deadlineNs) { return m_thread.stop(deadlineNs); }
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
    ProbeThread m_thread{"looplab-watch"};
    // The stall being sampled: what was seen, how often.
    int64_t m_sampledDue = 0;
    std::deque<Candidate> m_candidates;
    // The last stalls' culprits, newest last.
    std::mutex m_foundLock;
    std::deque<std::pair<int64_t, std::string>> m_found;
};
