#include "eventnotes.h"

#include "probeclock.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>

std::atomic<bool> EventNotes::s_installed{false};
std::atomic<pthread_t> EventNotes::s_guiThread{pthread_t()};
std::atomic<QObject *> EventNotes::s_ours{nullptr};
std::atomic<uint64_t> EventNotes::s_sequence{0};
std::atomic<QObject *> EventNotes::s_receiver{nullptr};
std::atomic<const char *> EventNotes::s_className{nullptr};
std::atomic<const std::type_info *> EventNotes::s_eventClass{nullptr};
std::atomic<int> EventNotes::s_type{0};
std::atomic<int> EventNotes::s_timerId{0};
std::atomic<int64_t> EventNotes::s_ns{0};

void EventNotes::install(QObject *ours)
{
    s_guiThread.store(pthread_self(), std::memory_order_relaxed);
    s_ours.store(ours, std::memory_order_relaxed);
    if (!s_installed.exchange(true))
        QInternal::registerCallback(QInternal::EventNotifyCallback, &EventNotes::callback);
}

void EventNotes::uninstall()
{
    if (s_installed.exchange(false))
        QInternal::unregisterCallback(QInternal::EventNotifyCallback, &EventNotes::callback);
    s_ours.store(nullptr, std::memory_order_relaxed);
    // The receivers noted may be gone soon: nothing is being delivered that a reader may touch.
    const uint64_t s = s_sequence.load(std::memory_order_relaxed);
    s_sequence.store(s + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    s_receiver.store(nullptr, std::memory_order_relaxed);
    s_sequence.store(s + 2, std::memory_order_release);
}

bool EventNotes::callback(void **data)
{
    // cbdata is {receiver, event, &result}; returning false lets Qt deliver as usual.
    if (!pthread_equal(pthread_self(), s_guiThread.load(std::memory_order_relaxed)))
        return false;
    auto *receiver = static_cast<QObject *>(data[0]);
    auto *event = static_cast<QEvent *>(data[1]);
    if (!receiver || !event)
        return false;
    const uint64_t s = s_sequence.load(std::memory_order_relaxed);
    s_sequence.store(s + 1, std::memory_order_relaxed);
    std::atomic_thread_fence(std::memory_order_release);
    s_receiver.store(receiver, std::memory_order_relaxed);
    s_className.store(receiver->metaObject()->className(), std::memory_order_relaxed);
    s_eventClass.store(&typeid(*event), std::memory_order_relaxed);
    s_type.store(int(event->type()), std::memory_order_relaxed);
    s_timerId.store(event->type() == QEvent::Timer ? static_cast<QTimerEvent *>(event)->timerId() : 0,
                    std::memory_order_relaxed);
    s_ns.store(ProbeClock::nowNs(), std::memory_order_relaxed);
    s_sequence.store(s + 2, std::memory_order_release);
    return false;
}

bool EventNotes::read(Note *note)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const uint64_t before = s_sequence.load(std::memory_order_acquire);
        if (before & 1)
            continue;
        note->receiver = s_receiver.load(std::memory_order_relaxed);
        note->className = s_className.load(std::memory_order_relaxed);
        note->eventClass = s_eventClass.load(std::memory_order_relaxed);
        note->type = s_type.load(std::memory_order_relaxed);
        note->timerId = s_timerId.load(std::memory_order_relaxed);
        note->ns = s_ns.load(std::memory_order_relaxed);
        std::atomic_thread_fence(std::memory_order_acquire);
        if (s_sequence.load(std::memory_order_relaxed) == before) {
            note->sequence = before;
            return note->receiver != nullptr;
        }
    }
    return false;
}
