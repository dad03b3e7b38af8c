#include "stats/statistics.h"

#include "engine/span.h"
#include "engine/ticksample.h"

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

QString Statistics::formatMs(double ms)
{
    const int decimals = ms >= 100 ? 0 : ms >= 10 ? 1 : 2;
    return QString::number(ms, 'f', decimals);
}

QVector<ModeFigures> Statistics::byMode(const QVector<ModeSwitch> &switches, const QVector<TickSample> &ticks)
{
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
