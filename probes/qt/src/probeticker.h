#pragma once

#include <QObject>

#include <cstdint>
#include <functional>

class EventRing;
class QSocketNotifier;
struct LoopState;

// The ticker on the GUI thread: a timerfd watched by a QSocketNotifier on a fixed-rate
// schedule, the same as Loop Lab's own (core/engine/tickerprobe.cpp), so lag means the
// same number in both places. Each wake-up pushes a tick record, a late one a stall.
class ProbeTicker : public QObject
{
public:
    ProbeTicker(EventRing *ring, LoopState *loop, int64_t intervalNs, int64_t slowNs);
    ~ProbeTicker() override;

    bool start();
    QSocketNotifier *notifier() const { return m_notifier; }
    // Called on the GUI thread after the first tick (the program has named itself by then).
    void setFirstTickHook(std::function<void()> hook) { m_firstTick = std::move(hook); }

private:
    void arm(int64_t deadlineNs);
    void onReadable();

    EventRing *m_ring;
    LoopState *m_loop;
    const int64_t m_intervalNs;
    const int64_t m_slowNs;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    int64_t m_expectedNs = 0;
    std::function<void()> m_firstTick;
};
