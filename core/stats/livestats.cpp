#include "stats/livestats.h"

#include "engine/recorder.h"
#include "run/runconfig.h"
#include "stats/statistics.h"
#include "stats/verdict.h"

void LiveStats::reset()
{
    *this = LiveStats();
}

void LiveStats::update(const Recorder &recorder, qint64 startNs, qint64 nowNs, qint64 intervalNs)
{
    m_intervalNs = intervalNs;
    m_startNs = startNs;
    m_nowNs = nowNs;
    if (m_nextTick < recorder.firstTick() || m_nextSpan < recorder.firstSpan()) {
        // Started after the recorder dropped old samples (a run loaded or reopened late):
        // take the dropped part from its history once, then go on from the raw samples.
        const DecimatedHistory h = recorder.history();
        if (m_nextTick == 0) {
            m_ticksTally.merge(h.tickTally());
        }
        if (m_nextSpan == 0) {
            m_tally.merge(h.tally());
            m_loopBusyNs += h.loopBusyNs();
        }
        m_nextTick = qMax(m_nextTick, recorder.firstTick());
        m_nextSpan = qMax(m_nextSpan, recorder.firstSpan());
    }
    m_decimatedTicks = recorder.firstTick();
    m_decimatedSpans = recorder.firstSpan();
    const quint32 ticks = recorder.tickCount();
    for (; m_nextTick < ticks; ++m_nextTick) {
        m_ticksTally.add(recorder.tick(m_nextTick).latenessNs(), m_intervalNs);
    }

    const quint32 spans = recorder.spanCount();
    for (; m_nextSpan < spans; ++m_nextSpan)
        m_unfinished.append(m_nextSpan);
    m_loopBusyRunningNs = 0;
    qsizetype kept = 0;
    for (const quint32 id : std::as_const(m_unfinished)) {
        if (id < recorder.firstSpan())
            continue; // dropped: finished long ago, so counted already
        const Span s = recorder.span(id);
        if (!s.isFinished()) {
            if (s.startNs && s.lane == 0)
                m_loopBusyRunningNs += nowNs - s.startNs;
            m_unfinished[kept++] = id;
            continue;
        }
        if (s.lane == 0)
            m_loopBusyNs += s.ranNs();
        m_tally.add(s);
    }
    m_unfinished.resize(kept);

    for (const CounterSample &c : recorder.counter(Counter::QueueDepth, m_queueSamples)) {
        m_maxQueueDepth = qMax(m_maxQueueDepth, qint64(c.value));
        ++m_queueSamples;
    }
    for (const CounterSample &c : recorder.counter(Counter::NestingDepth, m_nestingSamples)) {
        m_maxNestingDepth = qMax(m_maxNestingDepth, qint64(c.value));
        ++m_nestingSamples;
    }
    m_reentries += recorder.counter(Counter::Reentry, m_reentries).size();

    QStringList modes;
    for (const ModeSwitch &m : recorder.modeSwitches()) {
        if (!modes.contains(Kinds::name(m.mode)))
            modes << Kinds::name(m.mode);
    }
    m_modes = modes.join(QLatin1Char('+'));
}

Summary LiveStats::summary(const RunConfig &config) const
{
    Summary s;
    s.work = Kinds::name(config.work);
    s.mode = m_modes.isEmpty() ? Kinds::name(config.mode) : m_modes;
    s.durationS = double(m_nowNs - m_startNs) / 1e9;
    s.intervalMs = config.intervalMs;
    s.ticks = m_ticksTally.lateness.count();
    s.p50Ms = double(m_ticksTally.lateness.percentileNs(50)) / 1e6;
    s.p95Ms = double(m_ticksTally.lateness.percentileNs(95)) / 1e6;
    s.p99Ms = double(m_ticksTally.lateness.percentileNs(99)) / 1e6;
    s.maxMs = double(m_ticksTally.lateness.maxNs()) / 1e6;
    s.p95CorrectedMs = double(m_ticksTally.corrected.percentileNs(95)) / 1e6;
    s.p99CorrectedMs = double(m_ticksTally.corrected.percentileNs(99)) / 1e6;
    s.missedTicks = m_ticksTally.missedTicks;
    s.stallsAtLeast = m_ticksTally.stallsAtLeast;
    s.tasks = m_tally.tasks;
    s.cancelled = m_tally.cancelled;
    s.failed = m_tally.failed;
    s.taskMsMedian = double(m_tally.ran.percentileNs(50)) / 1e6;
    s.queueWaitMsMedian = double(m_tally.waited.percentileNs(50)) / 1e6;
    s.longTasks = m_ticksTally.longTasks;
    const qint64 runNs = m_nowNs - m_startNs;
    s.loopBusyPct = runNs > 0 ? qMin(100.0, 100.0 * double(m_loopBusyNs + m_loopBusyRunningNs) / double(runNs)) : 0;
    s.queueWaitMsMax = double(m_tally.waited.maxNs()) / 1e6;
    s.loopWaits = m_tally.loopWaits;
    s.loopWaitMs = double(m_tally.loopWaitNs) / 1e6;
    s.producerWaits = m_tally.producerWaits;
    s.maxQueueDepth = m_maxQueueDepth;
    s.maxNestingDepth = m_maxNestingDepth;
    s.reentries = m_reentries;
    s.decimatedTicks = m_decimatedTicks;
    s.decimatedSpans = m_decimatedSpans;
    s.verdict = Verdict::describe(s);
    return s;
}
