#include "engine/decimatedhistory.h"

#include "stats/statistics.h"

#include <QJsonArray>

#include <algorithm>
#include <cmath>

void DecimatedHistory::addTick(quint32 index, const TickSample &tick, qint64 intervalNs)
{
    const qint64 late = tick.latenessNs();
    ++m_ticks;
    m_ticksTally.add(late, intervalNs);

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
    m_tally.add(span);
}

TickSample DecimatedHistory::tickAt(quint32 index) const
{
    const auto it = std::upper_bound(m_intervals.cbegin(), m_intervals.cend(), index,
                                     [](quint32 i, const Interval &iv) { return i < iv.firstIndex; });
    return it == m_intervals.cbegin() ? TickSample{} : std::prev(it)->worst;
}

namespace {
// Counts and times in a file: whole numbers a double holds exactly.
constexpr double kMaxExact = 9007199254740992.0;

bool toWhole(const QJsonValue &v, double lo, qint64 *out)
{
    const double d = v.toDouble(qQNaN());
    if (!v.isDouble() || !std::isfinite(d) || d != std::floor(d) || d < lo || d > kMaxExact)
        return false;
    *out = qint64(d);
    return true;
}

QJsonObject histogramJson(const LagHistogram &h)
{
    QJsonArray buckets;
    for (int b = 0; b < LagHistogram::kBuckets; ++b) {
        if (h.bucketCount(b))
            buckets.append(QJsonArray{b, double(h.bucketCount(b))});
    }
    return {{QStringLiteral("max_ns"), double(h.maxNs())}, {QStringLiteral("buckets"), buckets}};
}

bool readHistogram(const QJsonValue &v, LagHistogram *h)
{
    const QJsonObject o = v.toObject();
    qint64 max = 0;
    if (!v.isObject() || !toWhole(o.value(QLatin1String("max_ns")), 0, &max))
        return false;
    const QJsonArray buckets = o.value(QLatin1String("buckets")).toArray();
    if (buckets.size() > LagHistogram::kBuckets)
        return false;
    for (const QJsonValue &b : buckets) {
        const QJsonArray pair = b.toArray();
        qint64 bucket = 0, count = 0;
        if (pair.size() != 2 || !toWhole(pair.at(0), 0, &bucket) || bucket >= LagHistogram::kBuckets
            || !toWhole(pair.at(1), 1, &count))
            return false;
        h->addToBucket(int(bucket), count);
    }
    h->setMaxNs(max);
    return true;
}
} // namespace

QJsonObject DecimatedHistory::toJson(qint64 originNs) const
{
    QJsonArray stalls;
    for (const qint64 n : m_ticksTally.stallsAtLeast)
        stalls.append(double(n));
    QJsonArray intervals;
    for (const Interval &iv : m_intervals)
        intervals.append(QJsonArray{double(iv.firstIndex), double(iv.count), double(iv.startNs - originNs),
                                    double(iv.minLateNs), double(iv.worst.expectedNs - originNs),
                                    double(iv.worst.latenessNs())});
    return {
        {QStringLiteral("ticks"), double(m_ticks)},
        {QStringLiteral("spans"), double(m_spans)},
        {QStringLiteral("missed_ticks"), double(m_ticksTally.missedTicks)},
        {QStringLiteral("long_tasks"), double(m_ticksTally.longTasks)},
        {QStringLiteral("stalls_at_least"), stalls},
        {QStringLiteral("tasks"), double(m_tally.tasks)},
        {QStringLiteral("cancelled"), double(m_tally.cancelled)},
        {QStringLiteral("failed"), double(m_tally.failed)},
        {QStringLiteral("loop_waits"), double(m_tally.loopWaits)},
        {QStringLiteral("loop_wait_ns"), double(m_tally.loopWaitNs)},
        {QStringLiteral("producer_waits"), double(m_tally.producerWaits)},
        {QStringLiteral("loop_busy_ns"), double(m_loopBusyNs)},
        {QStringLiteral("lateness"), histogramJson(m_ticksTally.lateness)},
        {QStringLiteral("corrected"), histogramJson(m_ticksTally.corrected)},
        {QStringLiteral("ran"), histogramJson(m_tally.ran)},
        {QStringLiteral("waited"), histogramJson(m_tally.waited)},
        {QStringLiteral("interval_ns"), double(m_intervalNs)},
        {QStringLiteral("intervals"), intervals},
    };
}

QString DecimatedHistory::fromJson(const QJsonObject &json, qint64 originNs, DecimatedHistory *out)
{
    DecimatedHistory h;
    struct
    {
        const char *key;
        qint64 *field;
    } counts[] = {
        {"ticks", &h.m_ticks},         {"spans", &h.m_spans},           {"missed_ticks", &h.m_ticksTally.missedTicks},
        {"long_tasks", &h.m_ticksTally.longTasks}, {"tasks", &h.m_tally.tasks},           {"cancelled", &h.m_tally.cancelled},
        {"failed", &h.m_tally.failed},       {"loop_waits", &h.m_tally.loopWaits},  {"loop_wait_ns", &h.m_tally.loopWaitNs},
        {"producer_waits", &h.m_tally.producerWaits}, {"loop_busy_ns", &h.m_loopBusyNs}, {"interval_ns", &h.m_intervalNs},
    };
    for (const auto &[key, field] : counts) {
        if (!toWhole(json.value(QLatin1String(key)), 0, field))
            return QStringLiteral("the decimated history's %1 is missing or not a whole number").arg(QLatin1String(key));
    }
    const QJsonArray stalls = json.value(QLatin1String("stalls_at_least")).toArray();
    if (stalls.size() != qsizetype(h.m_ticksTally.stallsAtLeast.size()))
        return QStringLiteral("the decimated history's stalls are not %1 counts").arg(h.m_ticksTally.stallsAtLeast.size());
    for (size_t b = 0; b < h.m_ticksTally.stallsAtLeast.size(); ++b) {
        if (!toWhole(stalls.at(qsizetype(b)), 0, &h.m_ticksTally.stallsAtLeast[b]))
            return QStringLiteral("the decimated history's stalls are not whole numbers");
    }
    if (!readHistogram(json.value(QLatin1String("lateness")), &h.m_ticksTally.lateness)
        || !readHistogram(json.value(QLatin1String("corrected")), &h.m_ticksTally.corrected)
        || !readHistogram(json.value(QLatin1String("ran")), &h.m_tally.ran)
        || !readHistogram(json.value(QLatin1String("waited")), &h.m_tally.waited))
        return QStringLiteral("a histogram of the decimated history is damaged");
    if (h.m_ticksTally.lateness.count() != h.m_ticks)
        return QStringLiteral("the decimated history counts %1 ticks but its histogram %2")
            .arg(QString::number(h.m_ticks), QString::number(h.m_ticksTally.lateness.count()));
    // Every missed tick was added to the corrected histogram beside the tick that missed it.
    if (h.m_ticksTally.corrected.count() != h.m_ticks + h.m_ticksTally.missedTicks)
        return QStringLiteral("the decimated history claims %1 missed ticks, but its corrected histogram holds %2 "
                              "beyond its %3 ticks")
            .arg(QString::number(h.m_ticksTally.missedTicks),
                 QString::number(h.m_ticksTally.corrected.count() - h.m_ticks), QString::number(h.m_ticks));
    if (h.m_ticksTally.longTasks > h.m_ticks)
        return QStringLiteral("the decimated history claims more long ticks than ticks");
    for (const qint64 n : h.m_ticksTally.stallsAtLeast) {
        if (n > h.m_ticks)
            return QStringLiteral("the decimated history claims more stalls than ticks");
    }
    const QJsonArray intervals = json.value(QLatin1String("intervals")).toArray();
    if (intervals.size() > kMaxIntervals || h.m_intervalNs < 1)
        return QStringLiteral("the decimated history's intervals are damaged");
    for (const QJsonValue &v : intervals) {
        const QJsonArray a = v.toArray();
        qint64 f[6] = {};
        bool ok = a.size() == 6;
        for (int i = 0; ok && i < 6; ++i)
            ok = toWhole(a.at(i), i >= 2 ? -kMaxExact : 0, &f[i]);
        if (!ok || f[0] >= h.m_ticks || f[1] > h.m_ticks)
            return QStringLiteral("the decimated history's intervals are damaged");
        const TickSample worst{originNs + f[4], originNs + f[4] + f[5]};
        h.m_intervals.append({quint32(f[0]), quint32(f[1]), originNs + f[2], f[3], worst});
    }
    if (!h.m_intervals.isEmpty())
        h.m_intervalStartNs = h.m_intervals.last().startNs;
    *out = std::move(h);
    return {};
}
