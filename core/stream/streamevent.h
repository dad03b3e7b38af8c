#pragma once

#include "engine/kinds.h"

#include <QString>

// The first line of a stream (docs/PROTOCOL.md, "Hello"), checked.
struct StreamHello
{
    int protocol = 0;
    qint64 pid = 0;
    QString program;
    QString runtime;
    QString runtimeVersion; // may be empty
    int intervalMs = 0;
    qint64 loopTid = 0;
    qint64 ns = 0; // its ts, CLOCK_MONOTONIC
};

// One event of a stream as StreamDecoder hands it on: checked, times in CLOCK_MONOTONIC
// nanoseconds, strings cut to a bounded length. Which fields mean something depends on type.
struct StreamEvent
{
    enum class Type : quint8 {
        Hello,       // the fields are in StreamDecoder::hello()
        ThreadName,  // name
        ProcessName, // name
        Tick,        // ns: when it woke; durationNs: its lag
        Task,        // an "X" task span: name, ns (start), durationNs, submitNs, state, kind
        TaskBegin,   // a "B": name, ns, submitNs, kind
        TaskEnd,     // the "E" closing the newest open "B" on tid: ns, state
        Stall,       // ns, durationNs, culprit, task
        Counter,     // name, value
        Dropped,     // value: the probe's total of dropped events so far
        Ignored,     // a valid event Loop Lab does not use (counted, kept out of the recording)
    };
    // What the program called the work ("kind" in a task's args).
    enum class TaskKind : quint8 { Executor, Callback, Task };

    Type type = Type::Ignored;
    qint64 tid = 0;
    qint64 ns = 0;
    qint64 durationNs = 0;
    qint64 submitNs = 0; // submit_us where given, else ns
    SpanState state = SpanState::Done;
    TaskKind kind = TaskKind::Executor;
    double value = 0;
    QString name;
    QString culprit;
    QString task;
};
