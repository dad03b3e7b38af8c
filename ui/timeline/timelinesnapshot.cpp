#include "timeline/timelinesnapshot.h"

#include "engine/recorder.h"

#include <algorithm>

void TimelineSnapshot::reset(const Recorder *recorder, qint64 nowNs)
{
    m_nowNs = nowNs;
    m_spans.clear();
    m_firstId = 0;
    m_unfinished.clear();
    m_lanes.clear();
    m_modeSwitches.clear();
    m_maxLane = -1;
    m_maxFinishedLengthNs = 0;
    m_maxSpanLengthNs = 0;
    m_showQueueRow = false;
    m_seenWait = false;
    m_seenItem = false;
    m_seenCode = false;
    m_seenOurs = false;
    m_seenTransfer = false;
    for (CounterTrack &track : m_counters)
        track = CounterTrack();
    m_counterRows.clear();
    if (recorder) {
        m_lanes = recorder->laneNames();
        m_modeSwitches = recorder->modeSwitches();
        pullCounters(*recorder);
    }
}

bool TimelineSnapshot::dropDecimated(const Recorder &recorder)
{
    const quint32 first = recorder.firstSpan();
    if (first <= m_firstId)
        return false;
    const quint32 drop = qMin(first - m_firstId, quint32(m_spans.size()));
    m_spans.remove(0, qsizetype(drop));
    m_firstId = first;
    m_unfinished.removeIf([first](quint32 id) { return id < first; });
    return true;
}

void TimelineSnapshot::refresh(const Recorder &recorder, qint64 nowNs,
                               const std::function<void(const Span &)> &finished)
{
    m_nowNs = nowNs;

    // Returns whether the span is finished, i.e. will never change again.
    auto absorb = [this, &finished](const Span &s) {
        m_maxLane = qMax(m_maxLane, int(s.lane));
        if (s.startNs == 0)
            m_showQueueRow = true;
        m_seenWait = m_seenWait || s.kind == WorkKind::Wait;
        m_seenItem = m_seenItem || s.kind == WorkKind::Item;
        m_seenCode = m_seenCode || s.kind == WorkKind::Code;
        m_seenOurs = m_seenOurs || s.kind == WorkKind::Io || s.kind == WorkKind::Cpu;
        if (!s.isFinished())
            return false;
        m_seenTransfer = m_seenTransfer || s.transferNs() > 0;
        m_maxFinishedLengthNs = qMax(m_maxFinishedLengthNs, s.endNs - s.submitNs);
        finished(s);
        return true;
    };

    int kept = 0;
    for (int i = 0; i < m_unfinished.size(); ++i) {
        const quint32 id = m_unfinished.at(i);
        const Span s = recorder.span(id);
        // Dropped by a compaction since dropDecimated(): the next refresh drops it here too.
        if (s.state == SpanState::Empty) {
            m_unfinished[kept++] = id;
            continue;
        }
        m_spans[int(id - m_firstId)] = s;
        if (!absorb(s))
            m_unfinished[kept++] = id;
    }
    m_unfinished.resize(kept);

    // Stop at the first id not yet published, so the snapshot has no holes and stays sorted.
    const quint32 count = recorder.spanCount();
    for (quint32 id = m_firstId + quint32(m_spans.size()); id < count; ++id) {
        const Span s = recorder.span(id);
        if (s.state == SpanState::Empty)
            break;
        m_spans.append(s);
        if (!absorb(s))
            m_unfinished.append(id);
    }

    qint64 longest = m_maxFinishedLengthNs;
    for (quint32 id : std::as_const(m_unfinished)) {
        if (id < m_firstId)
            continue;
        const Span &s = spanById(id);
        longest = qMax(longest, spanEndNs(s) - s.submitNs);
    }
    m_maxSpanLengthNs = longest;

    // Read after the spans: every lane a span names is registered before the span starts.
    m_lanes = recorder.laneNames();
    m_modeSwitches = recorder.modeSwitches();
    pullCounters(recorder);
}

qint64 TimelineSnapshot::decimatedEndNs() const
{
    return m_firstId > 0 && !m_spans.isEmpty() ? m_spans.constFirst().submitNs : 0;
}

int TimelineSnapshot::firstCandidate(qint64 fromNs) const
{
    // Spans are in submit order, and none is longer than m_maxSpanLengthNs.
    const qint64 earliest = fromNs - m_maxSpanLengthNs;
    const auto it = std::partition_point(m_spans.cbegin(), m_spans.cend(),
                                         [earliest](const Span &s) { return s.submitNs < earliest; });
    return int(it - m_spans.cbegin());
}

void TimelineSnapshot::pullCounters(const Recorder &recorder)
{
    for (Counter c : {Counter::QueueDepth, Counter::NestingDepth, Counter::Reentry}) {
        CounterTrack &track = m_counters[int(c)];
        const qsizetype known = track.samples.size();
        {
            // counter() shares the recorder's buffer; while we hold it, the next addCounter
            // has to copy the whole buffer under the recorder's mutex. So copy only the tail
            // we have not seen, in one go, and let go at once.
            const QVector<CounterSample> all = recorder.counter(c);
            if (all.size() <= known)
                continue;
            track.samples.resize(all.size());
            std::copy(all.cbegin() + known, all.cend(), track.samples.begin() + known);
        }
        for (auto it = track.samples.cbegin() + known; it != track.samples.cend(); ++it)
            track.maxValue = qMax(track.maxValue, it->value);
    }
    // Counters only grow, so once a row shows it stays.
    m_counterRows.clear();
    if (!m_counters[int(Counter::QueueDepth)].samples.isEmpty())
        m_counterRows.append(Counter::QueueDepth);
    if (!m_counters[int(Counter::NestingDepth)].samples.isEmpty()
        || !m_counters[int(Counter::Reentry)].samples.isEmpty())
        m_counterRows.append(Counter::NestingDepth);
}

double TimelineSnapshot::counterMax(Counter counter) const
{
    const double max = m_counters[int(counter)].maxValue;
    // Re-entries are drawn on the nesting row, at the depth they ran at.
    if (counter == Counter::NestingDepth)
        return qMax(max, m_counters[int(Counter::Reentry)].maxValue);
    return max;
}
