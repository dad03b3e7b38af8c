#include "stats/statistics.h"

#include "stats/laghistogram.h"
#include "engine/recorder.h"
#include "run/runconfig.h"
#include "stats/verdict.h"

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
    const DecimatedHistory history = recorder.history();
    raw->merge(history.lateness());
    corrected->merge(history.corrected());
    const quint32 n = recorder.tickCount();
    for (quint32 i = recorder.firstTick(); i < n; ++i) {
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

    // A decimated run (Recorder::setRawHistory) kept counts and histograms of the ticks
    // and spans it dropped: counts stay exact, percentiles then come from histograms of
    // every value (within 1.6 %). An undecimated run gets exact nearest-rank percentiles.
    const DecimatedHistory history = recorder.history();
    const bool decimated = history.ticks() > 0 || history.spans() > 0;
    s.decimatedTicks = history.ticks();
    s.decimatedSpans = history.spans();

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
    std::sort(lateness.begin(), lateness.end());
    s.ticks = lateness.size() + history.ticks();
    s.missedTicks += history.missedTicks();
    s.longTasks += history.longTasks();
    for (size_t b = 0; b < kBandsMs.size(); ++b)
        s.stallsAtLeast[b] += history.stallsAtLeast()[b];
    if (!decimated) {
        s.p95CorrectedMs = percentileSorted(corrected, 95);
        s.p99CorrectedMs = percentileSorted(corrected, 99);
        s.p50Ms = percentileSorted(lateness, 50);
        s.p95Ms = percentileSorted(lateness, 95);
        s.p99Ms = percentileSorted(lateness, 99);
        s.maxMs = lateness.isEmpty() ? 0 : lateness.last();
    } else {
        LagHistogram all = history.lateness();
        LagHistogram allCorrected = history.corrected();
        for (const double ms : std::as_const(lateness))
            all.add(qint64(ms * 1e6));
        for (const double ms : std::as_const(corrected))
            allCorrected.add(qint64(ms * 1e6));
        s.p95CorrectedMs = double(allCorrected.percentileNs(95)) / 1e6;
        s.p99CorrectedMs = double(allCorrected.percentileNs(99)) / 1e6;
        s.p50Ms = double(all.percentileNs(50)) / 1e6;
        s.p95Ms = double(all.percentileNs(95)) / 1e6;
        s.p99Ms = double(all.percentileNs(99)) / 1e6;
        s.maxMs = double(all.maxNs()) / 1e6;
    }

    QVector<double> ran, waited;
    QVector<QPair<qint64, qint64>> loopBusy;
    const quint32 n = recorder.spanCount();
    for (quint32 i = recorder.firstSpan(); i < n; ++i) {
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
    s.tasks += history.tasks();
    s.cancelled += history.cancelled();
    s.failed += history.tally().failed;
    s.loopWaits += history.tally().loopWaits;
    s.loopWaitMs += double(history.tally().loopWaitNs) / 1e6;
    s.producerWaits += history.tally().producerWaits;
    if (history.spans() == 0) {
        s.taskMsMedian = median(ran);
        s.queueWaitMsMedian = median(waited);
        s.queueWaitMsMax = percentile(waited, 100);
    } else {
        LagHistogram allRan = history.tally().ran;
        LagHistogram allWaited = history.tally().waited;
        for (const double ms : std::as_const(ran))
            allRan.add(qint64(ms * 1e6));
        for (const double ms : std::as_const(waited))
            allWaited.add(qint64(ms * 1e6));
        s.taskMsMedian = double(allRan.percentileNs(50)) / 1e6;
        s.queueWaitMsMedian = double(allWaited.percentileNs(50)) / 1e6;
        s.queueWaitMsMax = double(allWaited.maxNs()) / 1e6;
    }
    for (const CounterSample &c : recorder.counter(Counter::QueueDepth))
        s.maxQueueDepth = qMax(s.maxQueueDepth, qint64(c.value));
    for (const CounterSample &c : recorder.counter(Counter::NestingDepth))
        s.maxNestingDepth = qMax(s.maxNestingDepth, qint64(c.value));
    s.reentries = recorder.counter(Counter::Reentry).size();
    const qint64 runNs = endNs - startNs;
    const qint64 busyNs = unionLength(loopBusy) + history.loopBusyNs();
    s.loopBusyPct = runNs > 0 ? qMin(100.0, 100.0 * double(busyNs) / double(runNs)) : 0;
    s.byMode = byMode(recorder, ticks);
    s.verdict = Verdict::describe(s);
    return s;
}

QString Statistics::formatMs(double ms)
{
    const int decimals = ms >= 100 ? 0 : ms >= 10 ? 1 : 2;
    return QString::number(ms, 'f', decimals);
}

QVector<ModeFigures> Statistics::byMode(const Recorder &recorder, const QVector<TickSample> &ticks)
{
    const QVector<ModeSwitch> switches = recorder.modeSwitches();
    QVector<ExecMode> order;
    for (const ModeSwitch &m : switches) {
        if (!order.contains(m.mode))
            order << m.mode;
    }
    if (order.size() < 2)
        return {};
    // A tick belongs to the mode in force when it fell due: the last switch at or before it.
    QVector<QVector<double>> lateness(order.size());
    int at = 0;
    for (const TickSample &t : ticks) {
        while (at + 1 < switches.size() && switches.at(at + 1).ns <= t.expectedNs)
            ++at;
        lateness[order.indexOf(switches.at(at).mode)].append(double(t.latenessNs()) / 1e6);
    }
    QVector<ModeFigures> out;
    for (int i = 0; i < order.size(); ++i) {
        QVector<double> &values = lateness[i];
        if (values.isEmpty())
            continue;
        std::sort(values.begin(), values.end());
        ModeFigures f;
        f.mode = order.at(i);
        f.ticks = values.size();
        f.longTasks = values.end() - std::lower_bound(values.begin(), values.end(), kLongTaskMs);
        f.p99Ms = percentileSorted(values, 99);
        f.maxMs = values.last();
        out << f;
    }
    return out.size() >= 2 ? out : QVector<ModeFigures>();
}
