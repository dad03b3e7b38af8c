#include "statistics.h"

#include "laghistogram.h"
#include "recorder.h"
#include "runconfig.h"
#include "verdict.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

double Statistics::percentile(QVector<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return percentileSorted(values, p);
}

double Statistics::percentileSorted(const QVector<double> &sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    // Nearest rank: the smallest value with at least p% of the data at or below it.
    const double rank = std::ceil(p / 100.0 * double(sorted.size()));
    const qsizetype index = qBound<qsizetype>(0, qsizetype(rank) - 1, sorted.size() - 1);
    return sorted.at(index);
}

qint64 Statistics::unionLength(QVector<QPair<qint64, qint64>> intervals)
{
    std::sort(intervals.begin(), intervals.end());
    qint64 total = 0;
    qint64 curStart = 0, curEnd = 0;
    bool open = false;
    for (const auto &[start, end] : std::as_const(intervals)) {
        if (end <= start)
            continue;
        if (!open || start > curEnd) {
            if (open)
                total += curEnd - curStart;
            curStart = start;
            curEnd = end;
            open = true;
        } else {
            curEnd = std::max(curEnd, end);
        }
    }
    if (open)
        total += curEnd - curStart;
    return total;
}

QString Statistics::bandName(int index)
{
    static const char *const names[] = {QT_TRANSLATE_NOOP("Statistics", "frame"),
                                        QT_TRANSLATE_NOOP("Statistics", "long task"),
                                        QT_TRANSLATE_NOOP("Statistics", "slow response"),
                                        QT_TRANSLATE_NOOP("Statistics", "INP good limit"),
                                        QT_TRANSLATE_NOOP("Statistics", "hang"),
                                        QT_TRANSLATE_NOOP("Statistics", "INP poor limit")};
    return QCoreApplication::translate("Statistics", names[qBound(0, index, int(kBandsMs.size()) - 1)]);
}

void Statistics::histograms(const Recorder &recorder, qint64 intervalNs, LagHistogram *raw, LagHistogram *corrected)
{
    const quint32 n = recorder.tickCount();
    for (quint32 i = 0; i < n; ++i) {
        const qint64 late = recorder.tick(i).latenessNs();
        raw->add(late);
        corrected->add(late);
        forMissedTicks(late, intervalNs, [corrected](qint64 ns) { corrected->add(ns); });
    }
}

Summary Statistics::summarize(const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs)
{
    Summary s;
    s.work = Kinds::name(config.work);
    s.intervalMs = config.intervalMs;
    s.durationS = double(endNs - startNs) / 1e9;

    QStringList modes;
    for (const ModeSwitch &m : recorder.modeSwitches()) {
        if (!modes.contains(Kinds::name(m.mode)))
            modes << Kinds::name(m.mode);
    }
    if (modes.isEmpty())
        modes << Kinds::name(config.mode);
    s.mode = modes.join(QLatin1Char('+'));

    QVector<double> lateness;
    QVector<double> corrected;
    const QVector<TickSample> ticks = recorder.ticks();
    const qint64 intervalNs = qint64(config.intervalMs) * 1000000;
    lateness.reserve(ticks.size());
    for (const TickSample &t : ticks) {
        const double ms = double(t.latenessNs()) / 1e6;
        lateness.append(ms);
        corrected.append(ms);
        if (ms >= kLongTaskMs)
            ++s.longTasks;
        for (size_t b = 0; b < kBandsMs.size(); ++b) {
            if (ms >= kBandsMs[b])
                ++s.stallsAtLeast[b];
        }
        forMissedTicks(t.latenessNs(), intervalNs, [&](qint64 ns) {
            corrected.append(double(ns) / 1e6);
            ++s.missedTicks;
        });
    }
    std::sort(corrected.begin(), corrected.end());
    s.p95CorrectedMs = percentileSorted(corrected, 95);
    s.p99CorrectedMs = percentileSorted(corrected, 99);
    std::sort(lateness.begin(), lateness.end());
    s.ticks = lateness.size();
    s.p50Ms = percentileSorted(lateness, 50);
    s.p95Ms = percentileSorted(lateness, 95);
    s.p99Ms = percentileSorted(lateness, 99);
    s.maxMs = lateness.isEmpty() ? 0 : lateness.last();

    QVector<double> ran, waited;
    QVector<QPair<qint64, qint64>> loopBusy;
    const quint32 n = recorder.spanCount();
    for (quint32 i = 0; i < n; ++i) {
        const Span span = recorder.span(i);
        if (span.lane == 0 && span.startNs)
            loopBusy.append({span.startNs, span.endNs ? span.endNs : endNs});
        if (span.kind == WorkKind::Wait) { // the loop (or producer) stuck waiting: not a task
            if (span.lane == 0) {
                ++s.loopWaits;
                s.loopWaitMs += double(span.ranNs()) / 1e6;
            } else {
                ++s.producerWaits;
            }
            continue;
        }
        if (span.state == SpanState::Done) {
            ++s.tasks;
            ran.append(double(span.ranNs()) / 1e6);
            waited.append(double(span.queuedNs()) / 1e6);
        } else if (span.state == SpanState::Cancelled) {
            ++s.cancelled;
        } else if (span.state == SpanState::Failed) {
            ++s.failed;
        }
    }
    s.taskMsMedian = median(ran);
    s.queueWaitMsMedian = median(waited);
    s.queueWaitMsMax = percentile(waited, 100);
    for (const CounterSample &c : recorder.counter(Counter::QueueDepth))
        s.maxQueueDepth = qMax(s.maxQueueDepth, qint64(c.value));
    for (const CounterSample &c : recorder.counter(Counter::NestingDepth))
        s.maxNestingDepth = qMax(s.maxNestingDepth, qint64(c.value));
    s.reentries = recorder.counter(Counter::Reentry).size();
    const qint64 runNs = endNs - startNs;
    s.loopBusyPct = runNs > 0 ? 100.0 * double(unionLength(loopBusy)) / double(runNs) : 0;
    s.verdict = Verdict::describe(s);
    return s;
}
