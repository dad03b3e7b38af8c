#include "engine/kinds.h"

#include <QCoreApplication>

QString Kinds::name(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QStringLiteral("io");
    case WorkKind::Cpu: return QStringLiteral("cpu");
    case WorkKind::Wait: return QStringLiteral("wait");
    case WorkKind::Item: return QStringLiteral("item");
    case WorkKind::Code: return QStringLiteral("code");
    }
    return {};
}

QString Kinds::name(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QStringLiteral("inline");
    case ExecMode::Pool: return QStringLiteral("pool");
    case ExecMode::Thread: return QStringLiteral("thread");
    case ExecMode::Process: return QStringLiteral("process");
    case ExecMode::Gil: return QStringLiteral("gil");
    case ExecMode::Wait: return QStringLiteral("wait");
    case ExecMode::Nested: return QStringLiteral("nested");
    case ExecMode::Mutex: return QStringLiteral("mutex");
    case ExecMode::Queue: return QStringLiteral("queue");
    }
    return {};
}

QString Kinds::name(SpanState state)
{
    switch (state) {
    case SpanState::Empty: return QStringLiteral("empty");
    case SpanState::Queued: return QStringLiteral("queued");
    case SpanState::Running: return QStringLiteral("running");
    case SpanState::Done: return QStringLiteral("done");
    case SpanState::Cancelled: return QStringLiteral("cancelled");
    case SpanState::Failed: return QStringLiteral("failed");
    }
    return {};
}

QString Kinds::name(Counter counter)
{
    switch (counter) {
    case Counter::QueueDepth: return QStringLiteral("queue depth");
    case Counter::NestingDepth: return QStringLiteral("nesting depth");
    case Counter::Reentry: return QStringLiteral("re-entered handler");
    }
    return {};
}

QString Kinds::label(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QCoreApplication::translate("Kinds", "Blocking I/O");
    case WorkKind::Cpu: return QCoreApplication::translate("Kinds", "CPU (JSON parse + walk)");
    case WorkKind::Wait: return QCoreApplication::translate("Kinds", "Loop blocked waiting");
    case WorkKind::Item: return QCoreApplication::translate("Kinds", "Queue item");
    case WorkKind::Code: return QCoreApplication::translate("Kinds", "The program's own code");
    }
    return {};
}

QString Kinds::label(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QCoreApplication::translate("Kinds", "Blocking — run on the GUI thread");
    case ExecMode::Pool: return QCoreApplication::translate("Kinds", "Offload — run on the thread pool");
    case ExecMode::Thread: return QCoreApplication::translate("Kinds", "Dedicated thread with its own event loop");
    case ExecMode::Process: return QCoreApplication::translate("Kinds", "Worker processes");
    case ExecMode::Gil: return QCoreApplication::translate("Kinds", "Thread pool under a GIL");
    case ExecMode::Wait: return QCoreApplication::translate("Kinds", "Offload, then block waiting on the future");
    case ExecMode::Nested: return QCoreApplication::translate("Kinds", "Offload, then wait in a nested event loop");
    case ExecMode::Mutex: return QCoreApplication::translate("Kinds", "Offload, but share a mutex with the GUI thread");
    case ExecMode::Queue: return QCoreApplication::translate("Kinds", "Producer thread → bounded queue → loop");
    }
    return {};
}

QString Kinds::shortLabel(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QCoreApplication::translate("Kinds", "I/O");
    case WorkKind::Cpu: return QCoreApplication::translate("Kinds", "CPU");
    case WorkKind::Wait: return QCoreApplication::translate("Kinds", "wait");
    case WorkKind::Item: return QCoreApplication::translate("Kinds", "item");
    case WorkKind::Code: return QCoreApplication::translate("Kinds", "code");
    }
    return {};
}

QString Kinds::shortLabel(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QCoreApplication::translate("Kinds", "Blocking");
    case ExecMode::Pool: return QCoreApplication::translate("Kinds", "Offload");
    case ExecMode::Thread: return QCoreApplication::translate("Kinds", "Thread");
    case ExecMode::Process: return QCoreApplication::translate("Kinds", "Processes");
    case ExecMode::Gil: return QCoreApplication::translate("Kinds", "GIL");
    case ExecMode::Wait: return QCoreApplication::translate("Kinds", "Wait");
    case ExecMode::Nested: return QCoreApplication::translate("Kinds", "Nested");
    case ExecMode::Mutex: return QCoreApplication::translate("Kinds", "Mutex");
    case ExecMode::Queue: return QCoreApplication::translate("Kinds", "Queue");
    }
    return {};
}

bool Kinds::parse(const QString &text, WorkKind *kind)
{
    for (WorkKind k : {WorkKind::Io, WorkKind::Cpu}) {
        if (text == name(k)) {
            *kind = k;
            return true;
        }
    }
    return false;
}

bool Kinds::parse(const QString &text, ExecMode *mode)
{
    for (ExecMode m : allModes()) {
        if (text == name(m)) {
            *mode = m;
            return true;
        }
    }
    return false;
}

QStringList Kinds::modeNames()
{
    QStringList names;
    for (ExecMode m : allModes())
        names << name(m);
    return names;
}

QList<ExecMode> Kinds::allModes()
{
    return {ExecMode::Inline, ExecMode::Pool,  ExecMode::Thread, ExecMode::Process, ExecMode::Gil,
            ExecMode::Wait,   ExecMode::Nested, ExecMode::Mutex,  ExecMode::Queue};
}
