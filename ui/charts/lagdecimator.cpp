#include "charts/lagdecimator.h"

#include "charts/lagpyramid.h"

#include <algorithm>

#include <cmath>

namespace {
// One pass over any indexable input; pointAt(i) yields the i-th point.
template<typename PointAt>
void decimateInto(const LagDecimator &d, qsizetype count, PointAt pointAt, QList<QPointF> *out)
{
    qsizetype i = 0;
    while (i < count) {
        const QPointF first = pointAt(i);
        const int column = d.columnOf(first.x());
        QPointF lo = first;
        QPointF hi = first;
        qsizetype loIndex = i;
        qsizetype hiIndex = i;
        for (++i; i < count; ++i) {
            const QPointF p = pointAt(i);
            if (d.columnOf(p.x()) != column)
                break;
            if (p.y() < lo.y()) {
                lo = p;
                loIndex = i;
            }
            if (p.y() > hi.y()) {
                hi = p;
                hiIndex = i;
            }
        }
        if (loIndex == hiIndex) {
            out->append(lo);
        } else if (loIndex < hiIndex) {
            out->append(lo);
            out->append(hi);
        } else {
            out->append(hi);
            out->append(lo);
        }
    }
}
} // namespace

LagDecimator::LagDecimator(double xStart, double xEnd, int columns)
    : m_xStart(xStart)
    , m_xEnd(xEnd > xStart ? xEnd : xStart + 1e-9)
    , m_columns(columns > 0 ? columns : 1)
    , m_columnsPerUnit(m_columns / (m_xEnd - m_xStart))
{
}

int LagDecimator::columnOf(double x) const
{
    if (x < m_xStart)
        return -1;
    if (x > m_xEnd)
        return m_columns;
    const int c = int(std::floor((x - m_xStart) * m_columnsPerUnit));
    return c < m_columns ? c : m_columns - 1;
}

void LagDecimator::decimate(const QPointF *first, const QPointF *last, QList<QPointF> *out) const
{
    decimateInto(*this, last - first, [first](qsizetype i) { return first[i]; }, out);
}

void LagDecimator::decimate(const QPointF *points, qsizetype first, qsizetype last, const LagPyramid &pyramid,
                            QList<QPointF> *out, Resume *resume) const
{
    if (last > pyramid.size()) {
        if (resume)
            *resume = {first, out->size()};
        decimate(points + first, points + last, out);
        return;
    }
    const QVector<qsizetype> &descents = pyramid.descents();
    auto descent = std::upper_bound(descents.cbegin(), descents.cend(), first);
    qsizetype i = first;
    while (i < last) {
        // A column's group ends where the column changes, in index order, as in the pass.
        const int column = columnOf(points[i].x());
        qsizetype j = i + 1;
        while (j < last) {
            while (descent != descents.cend() && *descent < j)
                ++descent;
            if (descent != descents.cend() && *descent == j) {
                if (columnOf(points[j].x()) != column)
                    break;
                ++j;
                continue;
            }
            // [j - 1, stretchEnd) is sorted and its first point is in this column.
            const qsizetype stretchEnd = descent != descents.cend() ? qMin(*descent, last) : last;
            // Galloping, then binary search: the column's end is usually near, and the
            // probes stay in memory the next column reads anyway.
            auto inColumn = [&](const QPointF &p) { return columnOf(p.x()) <= column; };
            qsizetype step = 1;
            qsizetype lo = j;
            while (lo + step < stretchEnd && inColumn(points[lo + step])) {
                lo += step;
                step *= 2;
            }
            const qsizetype hi = qMin(stretchEnd, lo + step);
            j = std::partition_point(points + lo, points + hi, inColumn) - points;
            if (j < stretchEnd)
                break;
        }
        if (resume)
            *resume = {i, out->size()};
        const LagPyramid::Extremes e = pyramid.extremes(points, i, j);
        if (e.lo == e.hi) {
            out->append(points[e.lo]);
        } else {
            out->append(points[qMin(e.lo, e.hi)]);
            out->append(points[qMax(e.lo, e.hi)]);
        }
        i = j;
    }
}

QList<QPointF> LagDecimator::decimate(const QList<QPointF> &points) const
{
    QList<QPointF> out;
    decimate(points.constData(), points.constData() + points.size(), &out);
    return out;
}

QList<QPointF> LagDecimator::decimate(const QList<TickSample> &ticks, qint64 originNs) const
{
    QList<QPointF> out;
    decimateInto(
        *this, ticks.size(), [&](qsizetype i) { return toPoint(ticks.at(i), originNs); }, &out);
    return out;
}

QPointF LagDecimator::toPoint(const TickSample &tick, qint64 originNs)
{
    return QPointF(double(tick.actualNs - originNs) / 1e9, double(tick.latenessNs()) / 1e6);
}
