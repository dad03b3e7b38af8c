#pragma once

#include "stats/laghistogram.h"
#include "engine/span.h"
#include "stats/spantally.h"
#include "stats/ticktally.h"
#include "engine/ticksample.h"

#include <QJsonObject>
#include <QVector>

#include <array>

// What a long run keeps of the ticks and spans it no longer holds sample by sample
// (see Recorder::setRawHistory): exact counts, histograms of every value (percentiles
// within 1.6 %) and the lateness range of each interval, so charts can still draw it.
// Bounded: past kMaxIntervals the intervals merge pairwise into ones twice as long.
class DecimatedHistory
{
public:
    struct Interval
    {
        quint32 firstIndex = 0; // tick index of the first tick in it
        quint32 count = 0;
        qint64 startNs = 0; // expected time of its first tick
        qint64 minLateNs = 0;
        TickSample worst; // the latest tick of the interval
    };

    static constexpr int kMaxIntervals = 4096;
    static constexpr qint64 kFirstIntervalNs = 1000000000;

    void addTick(quint32 index, const TickSample &tick, qint64 intervalNs);
    // A finished span; loopBusyNs is added apart, as the union of a batch of loop spans.
    void addSpan(const Span &span);
    void addLoopBusyNs(qint64 ns) { m_loopBusyNs += ns; }

    // The worst tick of the interval holding a dropped tick index.
    TickSample tickAt(quint32 index) const;

    qint64 ticks() const { return m_ticks; }
    qint64 spans() const { return m_spans; }
    const TickTally &tickTally() const { return m_ticksTally; }
    const LagHistogram &lateness() const { return m_ticksTally.lateness; }
    const LagHistogram &corrected() const { return m_ticksTally.corrected; }
    qint64 missedTicks() const { return m_ticksTally.missedTicks; }
    qint64 longTasks() const { return m_ticksTally.longTasks; }
    const std::array<qint64, 6> &stallsAtLeast() const { return m_ticksTally.stallsAtLeast; }
    const SpanTally &tally() const { return m_tally; }
    qint64 tasks() const { return m_tally.tasks; }
    qint64 cancelled() const { return m_tally.cancelled; }
    qint64 loopBusyNs() const { return m_loopBusyNs; }
    const QVector<Interval> &intervals() const { return m_intervals; }
    qint64 intervalNs() const { return m_intervalNs; }

    // For run files; times relative to originNs. fromJson returns an empty string or what
    // is wrong with the object.
    QJsonObject toJson(qint64 originNs) const;
    static QString fromJson(const QJsonObject &json, qint64 originNs, DecimatedHistory *out);

private:
    void mergeIntervals();

    qint64 m_ticks = 0;
    TickTally m_ticksTally;
    QVector<Interval> m_intervals;
    qint64 m_intervalNs = kFirstIntervalNs;
    qint64 m_intervalStartNs = 0;

    qint64 m_spans = 0;
    SpanTally m_tally;
    qint64 m_loopBusyNs = 0;
};
