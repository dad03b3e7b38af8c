#pragma once

#include <QObject>

#include <functional>

class QSocketNotifier;
class Recorder;

// Wakes on the thread that owns it every interval and records how late each wake-up was.
// A Linux timerfd armed at absolute CLOCK_MONOTONIC deadlines and watched by a
// QSocketNotifier replaces QTimer: Qt's millisecond timers round on their own and
// would show up as lag on an idle loop.
// Fixed rate: each deadline is the previous one plus one interval, so a 200 ms block
// shows as one tick ~200 ms late; after a stall of a whole interval or more the schedule
// restarts from the late tick instead of inventing the missed ones.
class TickerProbe : public QObject
{
    Q_OBJECT
public:
    explicit TickerProbe(Recorder *recorder, qint64 intervalNs, QObject *parent = nullptr);
    ~TickerProbe() override;

    bool start(QString *error = nullptr);
    void stop();
    qint64 intervalNs() const { return m_intervalNs; }

    // Work the tick must do before it counts as having run, such as taking a lock that
    // models Python's GIL. The wait for it is part of the measured lateness.
    void setTickGate(std::function<void()> enter, std::function<void()> leave);

signals:
    void ticked();

private:
    void onReadable();
    void arm(qint64 deadlineNs);

    Recorder *m_recorder;
    const qint64 m_intervalNs;
    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    qint64 m_expectedNs = 0;
    std::function<void()> m_enterGate;
    std::function<void()> m_leaveGate;
};
