#include "formats/runexport.h"

#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "stats/statistics.h"
#include "stats/summary.h"
#include "looplabversion.h"


#include <cmath>

namespace {
double rounded(double value, int decimals = 3)
{
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

QByteArray ms(qint64 ns)
{
    return QByteArray::number(double(ns) / 1e6, 'f', 3);
}
} // namespace

QJsonObject RunExport::summaryJson(const Summary &s, const RunConfig &config)
{
    QJsonObject stalls; // {"16.7": n, "50": n, ...}
    for (size_t b = 0; b < Statistics::kBandsMs.size(); ++b)
        stalls.insert(QString::number(Statistics::kBandsMs[b]), s.stallsAtLeast[b]);
    QJsonObject json{
        {QStringLiteral("work"), s.work},
        {QStringLiteral("mode"), s.mode},
        {QStringLiteral("duration_s"), rounded(s.durationS)},
        {QStringLiteral("interval_ms"), s.intervalMs},
        {QStringLiteral("ticks"), s.ticks},
        {QStringLiteral("decimated_ticks"), s.decimatedTicks},
        {QStringLiteral("decimated_spans"), s.decimatedSpans},
        {QStringLiteral("p50_ms"), rounded(s.p50Ms)},
        {QStringLiteral("p95_ms"), rounded(s.p95Ms)},
        {QStringLiteral("p99_ms"), rounded(s.p99Ms)},
        {QStringLiteral("max_ms"), rounded(s.maxMs)},
        {QStringLiteral("p95_corrected_ms"), rounded(s.p95CorrectedMs)},
        {QStringLiteral("p99_corrected_ms"), rounded(s.p99CorrectedMs)},
        {QStringLiteral("missed_ticks"), s.missedTicks},
        {QStringLiteral("stalls_at_least"), stalls},
        {QStringLiteral("tasks"), s.tasks},
        {QStringLiteral("tasks_cancelled"), s.cancelled},
        {QStringLiteral("tasks_failed"), s.failed},
        {QStringLiteral("task_ms_median"), rounded(s.taskMsMedian)},
        {QStringLiteral("queue_wait_ms_median"), rounded(s.queueWaitMsMedian)},
        {QStringLiteral("long_tasks"), s.longTasks},
        {QStringLiteral("loop_busy_pct"), rounded(s.loopBusyPct, 2)},
        {QStringLiteral("queue_wait_ms_max"), rounded(s.queueWaitMsMax)},
        {QStringLiteral("loop_waits"), s.loopWaits},
        {QStringLiteral("loop_wait_ms"), rounded(s.loopWaitMs)},
        {QStringLiteral("max_queue_depth"), s.maxQueueDepth},
        {QStringLiteral("producer_waits"), s.producerWaits},
        {QStringLiteral("max_nesting_depth"), s.maxNestingDepth},
        {QStringLiteral("reentries"), s.reentries},
        {QStringLiteral("verdict"), s.verdict},
        {QStringLiteral("version"), QStringLiteral(LOOPLAB_VERSION)},
    };
    // interval_ms above is the summary's; the other parameters come from the one table.
    for (const RunParameter &p : RunParameter::all()) {
        if (p.perRun && p.field != &RunConfig::intervalMs)
            json.insert(QLatin1String(p.key), config.*p.field);
    }
    return json;
}

QByteArray RunExport::csv(const Recorder &recorder, qint64 startNs)
{
    QByteArray out = "record,id,t_ms,lateness_ms,kind,mode,lane,state,submit_ms,start_ms,run_ms,end_ms\n";
    const quint32 ticks = recorder.tickCount();
    // Raw samples only: a decimated run's older part is in the summary, not here.
    for (quint32 i = recorder.firstTick(); i < ticks; ++i) {
        const TickSample t = recorder.tick(i);
        out += "tick," + QByteArray::number(i) + ',' + ms(t.actualNs - startNs) + ',' + ms(t.latenessNs())
            + ",,,,,,,,\n";
    }
    const QStringList lanes = recorder.laneNames();
    const quint32 spans = recorder.spanCount();
    for (quint32 i = recorder.firstSpan(); i < spans; ++i) {
        const Span s = recorder.span(i);
        if (s.state == SpanState::Empty)
            continue;
        out += "span," + QByteArray::number(s.id) + ",,," + Kinds::name(s.kind).toUtf8() + ','
            + Kinds::name(s.mode).toUtf8() + ',' + (s.startNs ? lanes.value(s.lane).toUtf8() : QByteArray()) + ','
            + Kinds::name(s.state).toUtf8() + ',' + ms(s.submitNs - startNs) + ','
            + (s.startNs ? ms(s.startNs - startNs) : QByteArray()) + ','
            + (s.startNs ? ms(s.runNs - startNs) : QByteArray()) + ',' + (s.endNs ? ms(s.endNs - startNs) : QByteArray())
            + '\n';
    }
    return out;
}
