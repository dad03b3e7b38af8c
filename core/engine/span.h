#pragma once

#include "engine/kinds.h"

// One task's life: submitted, started on a lane (thread or process), ended.
// A plain value; the recorder hands these out as snapshots.
struct Span
{
    quint32 id = 0;
    WorkKind kind = WorkKind::Io;
    ExecMode mode = ExecMode::Inline;
    SpanState state = SpanState::Empty;
    quint16 lane = 0;
    qint64 submitNs = 0;
    qint64 startNs = 0; // taken off the queue by a worker; 0 while queued
    // The work itself began. Equal to startNs except where the task first had to travel
    // (worker processes: serialisation and transfer through a pipe take [startNs, runNs)).
    qint64 runNs = 0;
    qint64 endNs = 0; // 0 while queued or running

    bool isFinished() const
    {
        return state == SpanState::Done || state == SpanState::Cancelled || state == SpanState::Failed;
    }
    qint64 queuedNs() const { return startNs ? startNs - submitNs : 0; }
    qint64 ranNs() const { return (startNs && endNs) ? endNs - startNs : 0; }
    qint64 transferNs() const { return (startNs && runNs > startNs) ? runNs - startNs : 0; }
};
Q_DECLARE_TYPEINFO(Span, Q_PRIMITIVE_TYPE);

// One sample of a Counter.
struct CounterSample
{
    qint64 ns = 0;
    double value = 0;
};
Q_DECLARE_TYPEINFO(CounterSample, Q_PRIMITIVE_TYPE);

// A moment the user (or a lesson) switched the executor for the next tasks.
struct ModeSwitch
{
    qint64 ns = 0;
    ExecMode mode = ExecMode::Inline;
};
Q_DECLARE_TYPEINFO(ModeSwitch, Q_PRIMITIVE_TYPE);
