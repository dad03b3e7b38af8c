#include "run/livestats.h"

#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "run/summarizer.h"
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

    m_modes = Summarizer::modes(recorder);
}

Summary LiveStats::summary(const RunConfig &config) const
{
    Summary s;
    s.work = Kinds::name(config.work);
    s.mode = m_modes.isEmpty() ? Kinds::name(config.mode) : m_modes;
    s.durationS = double(m_nowNs - m_startNs) / 1e9;
    s.intervalMs = config.intervalMs;
    m_ticksTally.fill(&s);
    m_tally.fill(&s);
    const qint64 runNs = m_nowNs - m_startNs;
    s.loopBusyPct = runNs > 0 ? qMin(100.0, 100.0 * double(m_loopBusyNs + m_loopBusyRunningNs) / double(runNs)) : 0;
    s.maxQueueDepth = m_maxQueueDepth;
    s.maxNestingDepth = m_maxNestingDepth;
    s.reentries = m_reentries;
    s.decimatedTicks = m_decimatedTicks;
    s.decimatedSpans = m_decimatedSpans;
    s.verdict = Verdict::describe(s);
    return s;
}
