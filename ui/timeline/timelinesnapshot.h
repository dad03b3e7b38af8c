#pragma once

#include "engine/span.h"

#include <QStringList>
#include <QVector>

#include <functional>

class Recorder;

// What the timeline has pulled from the Recorder: its spans, lanes, mode switches and
// counters, and the few figures drawing needs about them. refresh() copies only what is new
// or changed, so a frame of a long run costs what happened since the last one.
class TimelineSnapshot
{
public:
    // Forgets everything; with a recorder, reads its lanes, mode switches and counters.
    void reset(const Recorder *recorder, qint64 nowNs);
    // Drops what the recorder decimated since the last call; returns whether there was any.
    bool dropDecimated(const Recorder &recorder);
    // Pulls new and changed spans, then lanes, mode switches and counters. finished(s) is
    // called once for each span as it finishes (it never changes after that).
    void refresh(const Recorder &recorder, qint64 nowNs, const std::function<void(const Span &)> &finished);

    qint64 nowNs() const { return m_nowNs; }
    // Index == span id - firstId(); only published spans, so they stay in submit order.
    const QVector<Span> &spans() const { return m_spans; }
    quint32 firstId() const { return m_firstId; }
    bool holds(int spanId) const { return spanId >= int(m_firstId) && spanId - int(m_firstId) < m_spans.size(); }
    const Span &spanById(quint32 id) const { return m_spans.at(int(id - m_firstId)); }
    // Ids of the spans still queued or running.
    const QVector<quint32> &unfinished() const { return m_unfinished; }
    const QStringList &lanes() const { return m_lanes; }
    const QVector<ModeSwitch> &modeSwitches() const { return m_modeSwitches; }
    // Where the decimated part ends (the first kept span's submit time), or 0 when none.
    qint64 decimatedEndNs() const;

    // Rows: one per lane, the queue row, then the counter rows.
    int spanRowCount() const
    {
        return int(qMax<qsizetype>(m_lanes.size(), m_maxLane + 1)) + (m_showQueueRow ? 1 : 0);
    }
    int rowCount() const { return spanRowCount() + int(m_counterRows.size()); }
    int queueRow() const { return m_showQueueRow ? spanRowCount() - 1 : -1; } // -1 when hidden
    int rowOf(const Span &span) const { return span.startNs ? int(span.lane) : queueRow(); }
    // The end, or now while queued or running.
    qint64 spanEndNs(const Span &span) const
    {
        if (span.isFinished())
            return span.endNs;
        return qMax(m_nowNs, span.startNs ? span.startNs : span.submitNs);
    }
    // First index into spans() whose span may reach fromNs.
    int firstCandidate(qint64 fromNs) const;

    // Drawn below the span rows, in this order.
    const QVector<Counter> &counterRows() const { return m_counterRows; }
    const QVector<CounterSample> &counterSamples(Counter counter) const { return m_counters[int(counter)].samples; }
    double counterMax(Counter counter) const; // the value a counter row's top stands for

    // What the legend lists besides the kinds every run has.
    bool seenWait() const { return m_seenWait; }
    bool seenItem() const { return m_seenItem; }
    // A program's spans (WorkKind::Code), and Loop Lab's own I/O or CPU tasks.
    bool seenCode() const { return m_seenCode; }
    bool seenOurs() const { return m_seenOurs; }
    bool seenTransfer() const { return m_seenTransfer; }

private:
    // A counter's samples copied so far (only the new tail is copied per refresh) and their maximum.
    struct CounterTrack
    {
        QVector<CounterSample> samples;
        double maxValue = 0;
    };

    void pullCounters(const Recorder &recorder);

    qint64 m_nowNs = 0;
    // Follows the recorder's firstSpan(): what it decimated is dropped here too.
    QVector<Span> m_spans;
    quint32 m_firstId = 0;
    QVector<quint32> m_unfinished;
    QStringList m_lanes;
    QVector<ModeSwitch> m_modeSwitches;
    int m_maxLane = -1;
    qint64 m_maxFinishedLengthNs = 0;
    qint64 m_maxSpanLengthNs = 0;
    // Sticky per run, so the rows do not jump while pool tasks flicker through the queue.
    bool m_showQueueRow = false;
    bool m_seenWait = false;
    bool m_seenItem = false;
    bool m_seenCode = false;
    bool m_seenOurs = false;
    bool m_seenTransfer = false;
    CounterTrack m_counters[3]; // by Counter
    QVector<Counter> m_counterRows;
};
