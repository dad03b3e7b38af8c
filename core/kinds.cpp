#include "kinds.h"

QString Kinds::name(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QStringLiteral("io");
    case WorkKind::Cpu: return QStringLiteral("cpu");
    }
    return {};
}

QString Kinds::name(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QStringLiteral("inline");
    case ExecMode::Pool: return QStringLiteral("pool");
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

QString Kinds::label(WorkKind kind)
{
    switch (kind) {
    case WorkKind::Io: return QStringLiteral("Blocking I/O");
    case WorkKind::Cpu: return QStringLiteral("CPU (JSON parse + walk)");
    }
    return {};
}

QString Kinds::label(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QStringLiteral("Blocking — run on the GUI thread");
    case ExecMode::Pool: return QStringLiteral("Offload — run on the thread pool");
    }
    return {};
}

QString Kinds::shortLabel(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Inline: return QStringLiteral("Blocking");
    case ExecMode::Pool: return QStringLiteral("Offload");
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

QStringList Kinds::workNames()
{
    return {name(WorkKind::Io), name(WorkKind::Cpu)};
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
    return {ExecMode::Inline, ExecMode::Pool};
}
