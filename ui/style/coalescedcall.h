#pragma once

#include <QPointer>

#include <functional>

class QObject;

// A call made once on the next event-loop turn however often it was asked for in between
// (a rubber band moving the axes, several resizes). The call is dropped with its context.
class CoalescedCall
{
public:
    CoalescedCall(QObject *context, std::function<void()> call);

    void schedule();
    // The caller did the work directly; a queued call still pending does nothing.
    void cancel() { m_pending = false; }

private:
    QPointer<QObject> m_context;
    std::function<void()> m_call;
    bool m_pending = false;
};
