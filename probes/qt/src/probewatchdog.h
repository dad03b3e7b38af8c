#pragma once

#include "eventnotes.h"
#include "probethread.h"
#include "stacksampler.h"
#include "stacksymbols.h"

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

struct LoopState;

// A thread of the probe's (looplab-watch) that notices the GUI thread's tick is overdue and
// reads, while the stall lasts, what the GUI thread is delivering and (unless switched off)
// samples its stack: the stall's culprit, which the sender asks for when the late tick
// reports the stall.
class ProbeWatchdog
{
public:
    struct Culprit
    {
        std::string text;                // one line for people
        std::vector<std::string> frames; // the stack's functions, innermost first; may be empty
    };

    ProbeWatchdog(const LoopState *loop, bool stacks);
    ProbeWatchdog(const ProbeWatchdog &) = delete;
    ProbeWatchdog &operator=(const ProbeWatchdog &) = delete;

    void start();
    // Asks the thread to end and waits for it at most until deadlineNs; false if it is
    // still running (then it is detached).
    bool stop(int64_t deadlineNs) { return m_thread.stop(deadlineNs); }
    // The culprit found for the stall whose late tick was due at dueNs; "unknown" if none.
    Culprit culpritFor(int64_t dueNs);

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
    struct Stack
    {
        std::vector<std::string> frames;
        std::string line;
        int count;
        StackSymbols::Outer outer; // what of Qt's machinery holds these frames
    };
    void run();
    void sample(int64_t dueNs, bool beforeFirstTick);
    bool sampleEvent(int64_t dueNs);
    bool sampleStack(int64_t dueNs);
    void remember(int64_t dueNs);

    const LoopState *m_loop;
    const bool m_stacks;
    ProbeThread m_thread{"looplab-watch"};
    StackSampler m_sampler;
    // The stall being sampled: what was seen, how often.
    int64_t m_sampledDue = 0;
    std::deque<Candidate> m_candidates;
    std::string m_event; // the most seen delivery
    std::deque<Stack> m_samples;
    std::vector<std::string> m_lastFrames; // the stack of the last sample taken
    int m_stackSamples = 0;
    int64_t m_nextStackNs = 0;
    // The last stalls' culprits, newest last.
    std::mutex m_foundLock;
    std::deque<std::pair<int64_t, Culprit>> m_found;
};
