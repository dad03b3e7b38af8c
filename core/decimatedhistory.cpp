#include "decimatedhistory.h"

#include "statistics.h"

#include <algorithm>

void DecimatedHistory::addTick(quint32 index, const TickSample &tick, qint64 intervalNs)
{
    const qint64 late = tick.latenessNs();
    ++m_ticks;
    m_lateness.add(late);
    m_corrected.add(late);
    Statistics::forMissedTicks(late, intervalNs, [this](qint64 ns) {
        m_corrected.add(ns);
        ++m_missedTicks;
    });
    if (late >= qint64(Statistics::kLongTaskMs * 1e6))
        ++m_longTasks;
    for (size_t b = 0; b < Statistics::kBandsMs.size(); ++b) {
        if (late >= qint64(Statistics::kBandsMs[b] * 1e6))
            ++m_stallsAtLeast[b];
    }

    if (m_intervals.isEmpty() || tick.expectedNs >= m_intervalStartNs + m_intervalNs) {
        if (m_intervals.size() >= kMaxIntervals)
            mergeIntervals();
        if (m_intervals.isEmpty() || tick.expectedNs >= m_intervalStartNs + m_intervalNs) {
            m_intervalStartNs = tick.expectedNs;
            m_intervals.append({index, 0, tick.expectedNs, late, tick});
        }
    }
    Interval &last = m_intervals.last();
    ++last.count;
    last.minLateNs = qMin(last.minLateNs, late);
    if (late >= last.worst.latenessNs())
        last.worst = tick;
}

void DecimatedHistory::mergeIntervals()
{
    // Twice as long each: the memory stays bounded however long the run.
    QVector<Interval> merged;
    merged.reserve(m_intervals.size() / 2 + 1);
    for (qsizetype i = 0; i < m_intervals.size(); i += 2) {
        Interval a = m_intervals.at(i);
        if (i + 1 < m_intervals.size()) {
            const Interval &b = m_intervals.at(i + 1);
            a.count += b.count;
            a.minLateNs = qMin(a.minLateNs, b.minLateNs);
            if (b.worst.latenessNs() >= a.worst.latenessNs())
                a.worst = b.worst;
        }
        merged.append(a);
    }
    m_intervals = merged;
    m_intervalNs *= 2;
    m_intervalStartNs = m_intervals.last().startNs;
}

void DecimatedHistory::addSpan(const Span &span)
{
    ++m_spans;
    if (span.kind == WorkKind::Wait) {
        if (span.lane == 0) {
            ++m_loopWaits;
            m_loopWaitNs += span.ranNs();
        } else {
            ++m_producerWaits;
        }
        return;
    }
    if (span.state == SpanState::Done) {
        ++m_tasks;
        m_ran.add(span.ranNs());
        m_waited.add(span.queuedNs());
    } else if (span.state == SpanState::Cancelled) {
        ++m_cancelled;
    } else if (span.state == SpanState::Failed) {
        ++m_failed;
    }
}

TickSample DecimatedHistory::tickAt(quint32 index) const
{
    const auto it = std::upper_bound(m_intervals.cbegin(), m_intervals.cend(), index,
                                     [](quint32 i, const Interval &iv) { return i < iv.firstIndex; });
    return it == m_intervals.cbegin() ? TickSample{} : std::prev(it)->worst;
}
