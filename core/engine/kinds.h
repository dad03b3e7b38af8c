#pragma once

#include <QString>
#include <QStringList>

// The small vocabularies shared by the engine, the command line and the window.
// Io and Cpu are the tasks a user picks. Wait marks the loop thread blocked on something
// other than its own work (a future, a mutex); Item is one queue item handled by the loop.
// Code: a span a program reported through its probe (an executor call, a slow callback):
// what it did is the program's, not one of Loop Lab's workloads.
enum class WorkKind : quint8 { Io, Cpu, Wait, Item, Code };

// Where a submitted task runs; each mode is one lesson's executor (see docs and Lessons).
enum class ExecMode : quint8 { Inline, Pool, Thread, Process, Gil, Wait, Nested, Mutex, Queue };

enum class SpanState : quint8 { Empty, Queued, Running, Done, Cancelled, Failed };

// Values sampled over time besides ticks and spans: the queue lesson's queue depth, the
// nested lesson's event-loop nesting depth, and each handler that ran re-entered (value:
// the depth it ran at).
enum class Counter : quint8 { QueueDepth, NestingDepth, Reentry };

class Kinds
{
public:
    static QString name(WorkKind kind);
    static QString name(ExecMode mode);
    static QString name(SpanState state);
    static QString name(Counter counter);
    // Human labels for the window and the exported images.
    static QString label(WorkKind kind);
    static QString label(ExecMode mode);
    // One word for the statistics strip and legends.
    static QString shortLabel(ExecMode mode);
    static QString shortLabel(WorkKind kind);

    static bool parse(const QString &text, WorkKind *kind);
    static bool parse(const QString &text, ExecMode *mode);

    static QStringList modeNames();
    static QList<ExecMode> allModes();
};
