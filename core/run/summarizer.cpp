#include "run/summarizer.h"

#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "stats/statistics.h"
#include "stats/verdict.h"

#include <algorithm>

namespace {
// A decimated run's tick percentiles come from histograms (within 1.6 %); a run that kept
// every tick gets exact nearest-rank ones.
void exactTickPercentiles(const QVector<TickSample> &ticks, qint64 intervalNs, Summary *s)
{
    QVector<double> lateness;
    QVector<double> corrected;
    lateness.reserve(ticks.size());
    for (const TickSample &t : ticks) {
        const double ms = double(t.latenessNs()) / 1e6;
        lateness.append(ms);
        corrected.append(ms);
        Statistics::forMissedTicks(t.latenessNs(), intervalNs, [&corrected](qint64 ns) { corrected.append(double(ns) / 1e6); });
    }
    std::sort(lateness.begin(), lateness.end());
    std::sort(corrected.begin(), corrected.end());
    s->p50Ms = Statistics::percentileSorted(lateness, 50);
    s->p95Ms = Statistics::percentileSorted(lateness, 95);
    s->p99Ms = Statistics::percentileSorted(lateness, 99);
    s->maxMs = lateness.isEmpty() ? 0 : lateness.last();
    s->p95CorrectedMs = Statistics::percentileSorted(corrected, 95);
    s->p99CorrectedMs = Statistics::percentileSorted(corrected, 99);
}
} // namespace

Summary Summarizer::summarize(const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs)
{
    const DecimatedHistory history = recorder.history();
    const qint64 intervalNs = qint64(config.intervalMs) * 1000000;
    const QVector<TickSample> ticks = recorder.ticks();

    // Counted as the live statistics count: the decimated part's tallies plus every raw sample.
    TickTally tickTally = history.tickTally();
    for (const TickSample &t : ticks)
        tickTally.add(t.latenessNs(), intervalNs);
    SpanTally spanTally = history.tally();
    QVector<double> ran, waited; // exact medians when no span was decimated
    QVector<QPair<qint64, qint64>> loopBusy;
    const quint32 n = recorder.spanCount();
    for (quint32 i = recorder.firstSpan(); i < n; ++i) {
        const Span span = recorder.span(i);
        if (span.lane == 0 && span.startNs)
            loopBusy.append({span.startNs, span.endNs ? span.endNs : endNs});
        spanTally.add(span);
        if (span.kind != WorkKind::Wait && span.state == SpanState::Done) {
            ran.append(double(span.ranNs()) / 1e6);
            waited.append(double(span.queuedNs()) / 1e6);
        }
    }

    Summary s;
    s.work = Kinds::name(config.work);
    s.intervalMs = config.intervalMs;
    s.durationS = double(endNs - startNs) / 1e9;
    s.mode = modes(recorder);
    if (s.mode.isEmpty())
        s.mode = Kinds::name(config.mode);
    s.decimatedTicks = history.ticks();
    s.decimatedSpans = history.spans();
    tickTally.fill(&s);
    spanTally.fill(&s);
    if (history.ticks() == 0 && history.spans() == 0)
        exactTickPercentiles(ticks, intervalNs, &s);
    if (history.spans() == 0) {
        s.taskMsMedian = Statistics::median(ran);
        s.queueWaitMsMedian = Statistics::median(waited);
        s.queueWaitMsMax = Statistics::percentile(waited, 100);
    }

    for (const CounterSample &c : recorder.counter(Counter::QueueDepth))
        s.maxQueueDepth = qMax(s.maxQueueDepth, qint64(c.value));
    for (const CounterSample &c : recorder.counter(Counter::NestingDepth))
        s.maxNestingDepth = qMax(s.maxNestingDepth, qint64(c.value));
    s.reentries = recorder.counter(Counter::Reentry).size();
    const qint64 runNs = endNs - startNs;
    const qint64 busyNs = Statistics::unionLength(loopBusy) + history.loopBusyNs();
    s.loopBusyPct = runNs > 0 ? qMin(100.0, 100.0 * double(busyNs) / double(runNs)) : 0;
    s.byMode = Statistics::byMode(recorder.modeSwitches(), ticks);
    s.verdict = Verdict::describe(s);
    return s;
}

void Summarizer::setProgram(Summary *s, const QString &program, const QString &runtime)
{
    s->work = program;
    s->mode = runtime;
}

void Summarizer::histograms(const Recorder &recorder, qint64 intervalNs, LagHistogram *raw, LagHistogram *corrected)
{
    TickTally tally = recorder.history().tickTally();
    const quint32 n = recorder.tickCount();
    for (quint32 i = recorder.firstTick(); i < n; ++i)
        tally.add(recorder.tick(i).latenessNs(), intervalNs);
    raw->merge(tally.lateness);
    corrected->merge(tally.corrected);
}

QString Summarizer::modes(const Recorder &recorder)
{
    QStringList names;
    for (const ModeSwitch &m : recorder.modeSwitches()) {
        if (!names.contains(Kinds::name(m.mode)))
            names << Kinds::name(m.mode);
    }
    return names.join(QLatin1Char('+'));
}
