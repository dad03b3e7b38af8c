#include "engine/tickerprobe.h"

#include "engine/monotonicclock.h"
#include "engine/recorder.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <sys/timerfd.h>
#include <unistd.h>

TickerProbe::TickerProbe(Recorder *recorder, qint64 intervalNs, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_intervalNs(intervalNs)
{
    Q_ASSERT(intervalNs > 0);
}

TickerProbe::~TickerProbe()
{
    stop();
}

bool TickerProbe::start(QString *error)
{
    if (m_fd >= 0)
        return true;
    m_fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (m_fd < 0) {
        if (error)
            *error = QStringLiteral("cannot create the ticker timer: %1").arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &TickerProbe::onReadable);
    m_expectedNs = MonotonicClock::nowNs() + m_intervalNs;
    arm(m_expectedNs);
    return true;
}

void TickerProbe::stop()
{
    if (m_fd < 0)
        return;
    delete m_notifier;
    m_notifier = nullptr;
    ::close(m_fd);
    m_fd = -1;
}

void TickerProbe::setTickGate(std::function<void()> enter, std::function<void()> leave)
{
    m_enterGate = std::move(enter);
    m_leaveGate = std::move(leave);
}

void TickerProbe::arm(qint64 deadlineNs)
{
    itimerspec spec{};
    spec.it_value.tv_sec = deadlineNs / 1000000000;
    spec.it_value.tv_nsec = deadlineNs % 1000000000;
    timerfd_settime(m_fd, TFD_TIMER_ABSTIME, &spec, nullptr);
}

void TickerProbe::onReadable()
{
    // Read the clock first: anything done before it would hide lag, anything after it is ours.
    qint64 actualNs = MonotonicClock::nowNs();
    quint64 expirations = 0;
    if (::read(m_fd, &expirations, sizeof expirations) != sizeof expirations)
        return; // spurious wake-up: the deadline has not passed yet
    if (m_enterGate) {
        m_enterGate();
        actualNs = MonotonicClock::nowNs();
    }
    m_recorder->addTick({m_expectedNs, actualNs});
    if (m_leaveGate)
        m_leaveGate();

    if (actualNs - m_expectedNs >= m_intervalNs)
        m_expectedNs = actualNs + m_intervalNs;
    else
        m_expectedNs += m_intervalNs;
    arm(m_expectedNs);
    emit ticked();
}
