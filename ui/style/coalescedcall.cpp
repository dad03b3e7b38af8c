#include "style/coalescedcall.h"

#include <QMetaObject>
#include <QObject>

CoalescedCall::CoalescedCall(QObject *context, std::function<void()> call)
    : m_context(context)
    , m_call(std::move(call))
{
}

void CoalescedCall::schedule()
{
    if (m_pending || !m_context)
        return;
    m_pending = true;
    // Queued on the context, so the call cannot outlive the object that owns this helper.
    QMetaObject::invokeMethod(
        m_context.data(),
        [this] {
            if (!m_pending)
                return;
            m_pending = false;
            m_call();
        },
        Qt::QueuedConnection);
}
