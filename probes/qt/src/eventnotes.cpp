#include "eventnotes.h"

#include "probeclock.h"

#include <QCoreApplication>
#include <QEvent>
#include <QObject>
#include <QTimer>

namespace {
// Deliveries a handler makes happen inside its own (a repaint, a child added, a resize):
// while one of these runs inside another delivery, the outer one is what the program is
// doing. Alone (a paint from the event loop) they are the culprit themselves.
bool isSideEvent(QEvent::Type type)
{
    switch (type) {
    case QEvent::ChildAdded: case QEvent::ChildPolished: case QEvent::ChildRemoved:
    case QEvent::ParentChange: case QEvent::ParentAboutToChange: case QEvent::DynamicPropertyChange:
    case QEvent::ThreadChange: case QEvent::Paint: case QEvent::UpdateRequest: case QEvent::UpdateLater:
    case QEvent::Polish: case QEvent::PolishRequest: case QEvent::Resize: case QEvent::Move:
    case QEvent::Show: case QEvent::Hide: case QEvent::ShowToParent: case QEvent::HideToParent:
    case QEvent::StyleChange: case QEvent::FontChange: case QEvent::PaletteChange:
    case QEvent::LayoutRequest: case QEvent::Enter: case QEvent::Leave: case QEvent::HoverEnter:
    case QEvent::HoverLeave: case QEvent::HoverMove: case QEvent::FocusIn: case QEvent::FocusOut:
    case QEvent::FocusAboutToChange: case QEvent::WindowActivate: case QEvent::WindowDeactivate:
    case QEvent::ActivationChange: case QEvent::ZOrderChange: case QEvent::EnabledChange:
    case QEvent::WindowStateChange: case QEvent::ToolTipChange: case QEvent::StatusTip:
    case QEvent::CursorChange: case QEvent::ModifiedChange: case QEvent::WindowTitleChange:
    case QEvent::WindowIconChange: case QEvent::LanguageChange: case QEvent::LocaleChange:
    case QEvent::PlatformSurface: case QEvent::ScreenChangeInternal:
    case QEvent::ActionAdded: case QEvent::ActionChanged: case QEvent::ActionRemoved: // a QAction's setters
    case QEvent::ToolBarChange: case QEvent::ReadOnlyChange: case QEvent::MouseTrackingChange:
    case QEvent::ContentsRectChange: case QEvent::ApplicationFontChange: case QEvent::ApplicationPaletteChange:
        return true;
    default:
        return false;
    }
}

// The deliveries that may still be running on the GUI thread, outermost first, told apart
// by the stack address of the callback: a new delivery at the same depth or shallower means
// the deeper ones have returned. Touched by the GUI thread only.
struct Open
{
    QObject *receiver;
    const char *className;
    const char *ownerClass;
    const std::type_info *eventClass;
    int type;
    int timerId;
    int64_t ns;
    uintptr_t sp;
    bool side;
};
constexpr int kOpenMax = 32;
Open g_open[kOpenMax];
int g_depth = 0;
} // namespace

// Qt's hook table for tools (qhooks_p.h, a private header; its layout is stable ABI that
// GammaRay relies on too): index 4 is called by ~QObject with the object going away.
extern "C" Q_DECL_IMPORT quintptr qtHookData[];

namespace {
constexpr int kHookDataSize = 1;
constexpr int kRemoveQObjectHook = 4;
using RemoveQObjectCallback = void (*)(QObject *);
RemoveQObjectCallback g_previousRemoveHook = nullptr;
std::atomic<bool> g_hooked{false};
bool hooked()
{
    return g_hooked.load(std::memory_order_acquire);
}
} // namespace

std::atomic<QObject *> EventNotes::s_reading{nullptr};
std::atomic<QObject *> EventNotes::s_dead{nullptr};
std::atomic<bool> EventNotes::s_installed{false};
std::atomic<pthread_t> EventNotes::s_guiThread{pthread_t()};
std::atomic<QObject *> EventNotes::s_ours{nullptr};
std::atomic<uint64_t> EventNotes::s_sequence{0};
std::atomic<QObject *> EventNotes::s_receiver{nullptr};
std::atomic<const char *> EventNotes::s_className{nullptr};
std::atomic<const char *> EventNotes::s_ownerClass{nullptr};
std::atomic<const std::type_info *> EventNotes::s_eventClass{nullptr};
std::atomic<int> EventNotes::s_type{0};
std::atomic<int> EventNotes::s_timerId{0};
std::atomic<int64_t> EventNotes::s_ns{0};

void EventNotes::install(QObject *ours)
{
    g_depth = 0;
    s_guiThread.store(pthread_self(), std::memory_order_relaxed);
    s_ours.store(ours, std::memory_order_relaxed);
    if (!s_installed.exchange(true))
        QInternal::registerCallback(QInternal::EventNotifyCallback, &EventNotes::callback);
    if (!hooked() && qtHookData[kHookDataSize] > quintptr(kRemoveQObjectHook)) {
        // Installed once and kept: a tool that hooked after us would lose its chain otherwise.
        g_previousRemoveHook = reinterpret_cast<RemoveQObjectCallback>(qtHookData[kRemoveQObjectHook]);
        qtHookData[kRemoveQObjectHook] = reinterpret_cast<quintptr>(&EventNotes::objectRemoved);
        g_hooked.store(true, std::memory_order_release);
    }
}

void EventNotes::disable()
{
    s_guiThread.store(pthread_t(), std::memory_order_relaxed);
}

void EventNotes::uninstall()
{
    g_depth = 0;
    if (s_installed.exchange(false))
        QInternal::unregisterCallback(QInternal::EventNotifyCallback, &EventNotes::callback);
    s_ours.store(nullptr, std::memory_order_relaxed);
    // The receivers noted may be gone soon: nothing is being delivered that a reader may touch.
    const uint64_t s = s_sequence.load(std::memory_order_relaxed);
    s_sequence.store(s + 1, std::memory_order_relaxed);
    s_receiver.store(nullptr, std::memory_order_release);
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
    const uintptr_t sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    while (g_depth > 0 && g_open[g_depth - 1].sp <= sp)
        --g_depth;
    if (g_depth == kOpenMax) {
        // Deeper than we keep (a setEnabled() recursing down a widget tree sends one event
        // per level): the new one replaces the innermost. The outer ones are surely still
        // running, and the outermost non-side one is what the program is doing.
        --g_depth;
    }
    const QMetaObject *meta = receiver->metaObject();
    // A QTimer's timeout is its owner's work: name the owner too.
    QObject *owner = meta == &QTimer::staticMetaObject ? receiver->parent() : nullptr;
    const QEvent::Type type = event->type();
    g_open[g_depth++] = {receiver, meta->className(), owner ? owner->metaObject()->className() : nullptr, &typeid(*event), int(type),
                         type == QEvent::Timer ? static_cast<QTimerEvent *>(event)->timerId() : 0, ProbeClock::nowNs(), sp,
                         isSideEvent(type)};
    // What the program is doing: the innermost delivery that is not a side one.
    const Open *chosen = &g_open[g_depth - 1];
    for (int i = g_depth - 1; i >= 0; --i) {
        if (!g_open[i].side) {
            chosen = &g_open[i];
            break;
        }
    }
    const uint64_t s = s_sequence.load(std::memory_order_relaxed);
    s_sequence.store(s + 1, std::memory_order_relaxed);
    s_receiver.store(chosen->receiver, std::memory_order_release);
    s_className.store(chosen->className, std::memory_order_release);
    s_ownerClass.store(chosen->ownerClass, std::memory_order_release);
    s_eventClass.store(chosen->eventClass, std::memory_order_release);
    s_type.store(chosen->type, std::memory_order_release);
    s_timerId.store(chosen->timerId, std::memory_order_release);
    s_ns.store(chosen->ns, std::memory_order_release);
    s_sequence.store(s + 2, std::memory_order_release);
    if (s_dead.load(std::memory_order_relaxed) == chosen->receiver)
        s_dead.store(nullptr, std::memory_order_seq_cst); // a new object at a freed address
    return false;
}

void EventNotes::objectRemoved(QObject *object)
{
    // Any thread. The noted receiver is going: the watchdog must not read its name from now
    // on, and if it is reading it right now, that read (a QString copy) ends first.
    if (object == s_receiver.load(std::memory_order_seq_cst)) {
        s_dead.store(object, std::memory_order_seq_cst);
        while (s_reading.load(std::memory_order_seq_cst) == object) {
        }
    }
    if (g_previousRemoveHook)
        g_previousRemoveHook(object);
}

bool EventNotes::objectNameWhileAlive(const Note &note, QString *name)
{
    if (!hooked())
        return false; // without the hook a name could be read from a freed object

    s_reading.store(note.receiver, std::memory_order_seq_cst);
    bool same = false;
    if (s_dead.load(std::memory_order_seq_cst) != note.receiver) {
        Note now;
        same = read(&now) && now.sequence == note.sequence;
        if (same)
            *name = note.receiver->objectName();
    }
    s_reading.store(nullptr, std::memory_order_seq_cst);
    return same;
}

bool EventNotes::read(Note *note)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const uint64_t before = s_sequence.load(std::memory_order_acquire);
        if (before & 1)
            continue;
        note->receiver = s_receiver.load(std::memory_order_acquire);
        note->className = s_className.load(std::memory_order_acquire);
        note->ownerClass = s_ownerClass.load(std::memory_order_acquire);
        note->eventClass = s_eventClass.load(std::memory_order_acquire);
        note->type = s_type.load(std::memory_order_acquire);
        note->timerId = s_timerId.load(std::memory_order_acquire);
        note->ns = s_ns.load(std::memory_order_acquire);
        if (s_sequence.load(std::memory_order_relaxed) == before) {
            note->sequence = before;
            return note->receiver != nullptr;
        }
    }
    return false;
}
