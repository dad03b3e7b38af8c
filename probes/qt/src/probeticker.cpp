#include "probeticker.h"

#include "eventring.h"
#include "loopstate.h"
#include "probeclock.h"

#include <QSocketNotifier>

#include <sys/timerfd.h>
#include <unistd.h>

ProbeTicker::ProbeTicker(EventRing *ring, LoopState *loop, int64_t intervalNs, int64_t slowNs)
    : m_ring(ring)
    , m_loop(loop)
    , m_intervalNs(intervalNs)
    , m_slowNs(slowNs)
{
}

ProbeTicker::~ProbeTicker()
{
    m_loop->deadlineNs.store(0, std::memory_order_release);
    delete m_notifier;
    if (m_fd >= 0)
        ::close(m_fd);
}

bool ProbeTicker::start()
{
    m_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_fd < 0)
        return false;
    m_notifier = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read);
    QObject::connect(m_notifier, &QSocketNotifier::activated, this, [this] { onReadable(); });
    m_loop->ticks.store(0, std::memory_order_relaxed);
    m_loop->loopTid.store(ProbeClock::currentTid(), std::memory_order_relaxed);
    m_expectedNs = ProbeClock::nowNs() + m_intervalNs;
    m_loop->deadlineNs.store(m_expectedNs, std::memory_order_release);
    arm(m_expectedNs);
    return true;
}

void ProbeTicker::arm(int64_t deadlineNs)
{
    itimerspec spec{};
    spec.it_value.tv_sec = deadlineNs / 1000000000;
    spec.it_value.tv_nsec = deadlineNs % 1000000000;
    timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void ProbeTicker::onReadable()
{
    // Read the clock first: anything done before it would hide lag.
    const int64_t actualNs = ProbeClock::nowNs();
    uint64_t expirations = 0;
    if (::read(m_fd, &expirations, sizeof expirations) != sizeof expirations)
        return; // spurious wake-up: the deadline has not passed yet
    const int64_t lagNs = actualNs > m_expectedNs ? actualNs - m_expectedNs : 0;
    ProbeRecord tick;
    tick.type = ProbeRecord::Type::Tick;
    tick.tid = ProbeClock::currentTid();
    tick.ns = actualNs;
    tick.durNs = lagNs;
    m_ring->push(tick);
    if (lagNs >= m_slowNs) {
        ProbeRecord stall = tick;
        stall.type = ProbeRecord::Type::Stall;
        stall.ns = m_expectedNs;
        m_ring->push(stall);
    }
    // The schedule rule copied from core/engine/tickerprobe.cpp (the probe links nothing of
    // ours): fixed rate; after a stall of a whole interval, restart from the late tick.
    if (actualNs - m_expectedNs >= m_intervalNs)
        m_expectedNs = actualNs + m_intervalNs;
    else
        m_expectedNs += m_intervalNs;
    arm(m_expectedNs);
    m_loop->deadlineNs.store(m_expectedNs, std::memory_order_release);
    if (m_loop->ticks.fetch_add(1, std::memory_order_relaxed) == 0 && m_firstTick)
        m_firstTick();
}
