#include "stats/verdict.h"

#include "stats/statistics.h"
#include "stats/summary.h"

#include <QCoreApplication>

namespace {
QString ms(double value)
{
    return Statistics::formatMs(value);
}
} // namespace

QString Verdict::describe(const Summary &s)
{
    if (s.ticks == 0)
        return tr("No ticks measured yet.");
    QString out;
    if (s.longTasks > 0) {
        out = tr("Loop blocked: %n stalls ≥ %1 ms, worst %2 ms, p99 %3 ms.", nullptr, int(s.longTasks))
                  .arg(Statistics::kLongTaskMs)
                  .arg(ms(s.maxMs), ms(s.p99Ms));
    } else if (s.p99Ms >= kFrameMs) {
        out = tr("Loop sluggish: p99 %1 ms is over one frame (%2 ms), worst %3 ms.")
                  .arg(ms(s.p99Ms))
                  .arg(kFrameMs)
                  .arg(ms(s.maxMs));
    } else {
        out = tr("Loop responsive: p99 %1 ms, worst %2 ms.").arg(ms(s.p99Ms), ms(s.maxMs));
    }
    if (!s.byMode.isEmpty()) {
        QStringList parts;
        for (const ModeFigures &m : s.byMode) {
            if (m.longTasks > 0)
                parts << tr("%1: blocked, %n stalls, worst %2 ms", nullptr, int(m.longTasks))
                             .arg(Kinds::shortLabel(m.mode), ms(m.maxMs));
            else if (m.p99Ms >= kFrameMs)
                parts << tr("%1: sluggish, p99 %2 ms").arg(Kinds::shortLabel(m.mode), ms(m.p99Ms));
            else
                parts << tr("%1: responsive, p99 %2 ms").arg(Kinds::shortLabel(m.mode), ms(m.p99Ms));
        }
        out += QLatin1Char(' ') + tr("By mode: %1.").arg(parts.join(QStringLiteral("; ")));
    }
    if (s.loopWaits > 0)
        out += QLatin1Char(' ')
            + tr("The GUI thread waited %n times for other threads, %1 ms in all.", nullptr, int(s.loopWaits)).arg(ms(s.loopWaitMs));
    if (s.queueWaitMsMax >= 100)
        out += QLatin1Char(' ')
            + tr("Tasks queued for a worker: up to %1 ms (median %2 ms).").arg(ms(s.queueWaitMsMax), ms(s.queueWaitMsMedian));
    if (s.maxQueueDepth > 0)
        out += QLatin1Char(' ')
            + tr("Queue depth peaked at %1; the producer was held back %n times.", nullptr, int(s.producerWaits)).arg(s.maxQueueDepth);
    if (s.maxNestingDepth > 0)
        out += QLatin1Char(' ')
            + tr("Event loops nested %1 deep; %n handlers ran re-entered.", nullptr, int(s.reentries)).arg(s.maxNestingDepth);
    if (s.cancelled > 0)
        out += QLatin1Char(' ') + tr("%n tasks were cancelled at stop.", nullptr, int(s.cancelled));
    if (s.failed > 0)
        out += QLatin1Char(' ') + tr("%n tasks failed.", nullptr, int(s.failed));
    return out;
}
