#include "lagpyramid.h"

namespace {
// Keeps the earlier index on ties: blocks are visited in index order.
void takeLower(const QPointF *points, qint32 candidate, qsizetype &best)
{
    if (best < 0 || points[candidate].y() < points[best].y())
        best = candidate;
}

void takeHigher(const QPointF *points, qint32 candidate, qsizetype &best)
{
    if (best < 0 || points[candidate].y() > points[best].y())
        best = candidate;
}
} // namespace

void LagPyramid::clear()
{
    m_levels.clear();
    m_descents.clear();
    m_count = 0;
}

void LagPyramid::append(const QPointF *points, qsizetype count)
{
    if (count <= m_count)
        return;
    for (qsizetype i = qMax<qsizetype>(1, m_count); i < count; ++i) {
        if (points[i].x() < points[i - 1].x())
            m_descents.append(i);
    }
    m_count = count;

    // Level 0 from the points, each further level from pairs of the one below; only whole blocks.
    constexpr qsizetype base = qsizetype(1) << kBaseShift;
    if (m_levels.isEmpty())
        m_levels.append(QVector<Block>());
    for (qsizetype b = m_levels[0].size(); (b + 1) * base <= count; ++b) {
        qsizetype lo = -1;
        qsizetype hi = -1;
        for (qsizetype i = b * base; i < (b + 1) * base; ++i) {
            takeLower(points, qint32(i), lo);
            takeHigher(points, qint32(i), hi);
        }
        m_levels[0].append({qint32(lo), qint32(hi)});
    }
    for (int k = 0; m_levels[k].size() >= 2; ++k) {
        if (k + 1 == m_levels.size())
            m_levels.append(QVector<Block>());
        const QVector<Block> &below = m_levels[k];
        QVector<Block> &level = m_levels[k + 1];
        for (qsizetype b = level.size(); 2 * b + 1 < below.size(); ++b) {
            const Block &l = below[2 * b];
            const Block &r = below[2 * b + 1];
            level.append({points[r.lo].y() < points[l.lo].y() ? r.lo : l.lo,
                          points[r.hi].y() > points[l.hi].y() ? r.hi : l.hi});
        }
    }
}

LagPyramid::Extremes LagPyramid::extremes(const QPointF *points, qsizetype first, qsizetype last) const
{
    Extremes e;
    qsizetype i = first;
    while (i < last) {
        // The coarsest whole block that starts at i and ends by last.
        int level = -1;
        for (int k = 0; k < m_levels.size(); ++k) {
            const int shift = kBaseShift + k;
            const qsizetype size = qsizetype(1) << shift;
            if ((i & (size - 1)) != 0 || i + size > last || (i >> shift) >= m_levels[k].size())
                break;
            level = k;
        }
        if (level < 0) {
            takeLower(points, qint32(i), e.lo);
            takeHigher(points, qint32(i), e.hi);
            ++i;
            continue;
        }
        const Block &block = m_levels[level][i >> (kBaseShift + level)];
        takeLower(points, block.lo, e.lo);
        takeHigher(points, block.hi, e.hi);
        i += qsizetype(1) << (kBaseShift + level);
    }
    return e;
}
