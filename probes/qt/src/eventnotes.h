#pragma once

#include <atomic>
#include <cstdint>
#include <typeinfo>

#include <pthread.h>

class QObject;
class QString;

// What the GUI thread is delivering: each event delivery on it, as it begins, is noted in a
// seqlock of a few atomics (no strings, no allocation) through Qt's EventNotifyCallback;
// the watchdog reads the note while the GUI thread is stuck. Qt's RemoveQObject hook tells
// when the noted receiver is destroyed, so its objectName is never read from freed memory.
class EventNotes
{
public:
    struct Note
    {
        QObject *receiver = nullptr;
        const char *className = nullptr; // the receiver's metaObject()->className(), static data
        const char *ownerClass = nullptr; // a QTimer's parent's class name
        const std::type_info *eventClass = nullptr;
        int type = 0;     // QEvent::Type
        int timerId = 0;  // for a QTimerEvent
        int64_t ns = 0;   // when the delivery began
        uint64_t sequence = 0; // changes with every note
    };

    // On the GUI thread: note deliveries on it from now on; `ours` (the ticker's notifier) is
    // noted as "not delivering anything of the program's".
    static void install(QObject *ours);
    static void uninstall();
    // After fork, in the child: no Qt call is safe there; the callback steps aside.
    static void disable();
    // From any thread: the newest note; false if none was ever made or it kept changing.
    static bool read(Note *note);
    static QObject *ours() { return s_ours.load(std::memory_order_relaxed); }
    // From the watchdog: the noted receiver's objectName, while the note is unchanged and the
    // receiver not being destroyed (Qt's RemoveQObject hook tells, and waits for a read going
    // on: a QString copy); false if not.
    static bool objectNameWhileAlive(const Note &note, QString *name);

private:
    static bool callback(void **data);
    static void objectRemoved(QObject *object);

    static std::atomic<QObject *> s_reading; // the receiver whose name the watchdog is reading
    static std::atomic<QObject *> s_dead;    // the noted receiver, once it is being destroyed

    static std::atomic<bool> s_installed;
    static std::atomic<pthread_t> s_guiThread;
    static std::atomic<QObject *> s_ours;
    static std::atomic<uint64_t> s_sequence; // odd while a note is being written
    static std::atomic<QObject *> s_receiver;
    static std::atomic<const char *> s_className;
    static std::atomic<const char *> s_ownerClass;
    static std::atomic<const std::type_info *> s_eventClass;
    static std::atomic<int> s_type;
    static std::atomic<int> s_timerId;
    static std::atomic<int64_t> s_ns;
};
