#include "charts/lagpyramid.h"


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
        // Strict comparisons keep the first of equal values.
        Block block{points[b * base].y(), points[b * base].y(), qint32(b * base), qint32(b * base)};
        for (qsizetype i = b * base + 1; i < (b + 1) * base; ++i) {
            const double y = points[i].y();
            if (y < block.loY) {
                block.loY = y;
                block.lo = qint32(i);
            }
            if (y > block.hiY) {
                block.hiY = y;
                block.hi = qint32(i);
            }
        }
        m_levels[0].append(block);
    }
    buildUpperLevels();
}

void LagPyramid::buildUpperLevels()
{
    for (int k = 0; m_levels[k].size() >= 2; ++k) {
        if (k + 1 == m_levels.size())
            m_levels.append(QVector<Block>());
        const QVector<Block> &below = m_levels[k];
        QVector<Block> &level = m_levels[k + 1];
        for (qsizetype b = level.size(); 2 * b + 1 < below.size(); ++b) {
            const Block &l = below[2 * b];
            const Block &r = below[2 * b + 1];
            const bool rightLower = r.loY < l.loY;
            const bool rightHigher = r.hiY > l.hiY;
            level.append({rightLower ? r.loY : l.loY, rightHigher ? r.hiY : l.hiY, rightLower ? r.lo : l.lo,
                          rightHigher ? r.hi : l.hi});
        }
    }
}

void LagPyramid::dropFront(const QPointF *points, qsizetype count, qsizetype dropped)
{
    if (dropped <= 0)
        return;
    if (dropped >= m_count || dropped % (qsizetype(1) << kBaseShift) != 0) {
        clear();
        append(points, count);
        return;
    }
    m_descents.removeIf([dropped](qsizetype i) { return i <= dropped; });
    for (qsizetype &i : m_descents)
        i -= dropped;
    m_count -= dropped;
    for (int k = 0; k < m_levels.size(); ++k) {
        const qsizetype size = qsizetype(1) << (kBaseShift + k);
        if (dropped % size != 0) {
            // Blocks of this size no longer start on a multiple of it: made again from below.
            m_levels.resize(k);
            buildUpperLevels();
            break;
        }
        QVector<Block> &level = m_levels[k];
        level.remove(0, qMin(level.size(), dropped / size));
        for (Block &b : level) {
            b.lo -= qint32(dropped);
            b.hi -= qint32(dropped);
        }
    }
    append(points, count);
}

LagPyramid::Extremes LagPyramid::extremes(const QPointF *points, qsizetype first, qsizetype last) const
{
    // Visited in index order with strict comparisons, so ties keep the earliest point.
    Extremes e;
    double loY = 0;
    double hiY = 0;
    auto take = [&](double lowY, qsizetype low, double highY, qsizetype high) {
        if (e.lo < 0 || lowY < loY) {
            loY = lowY;
            e.lo = low;
        }
        if (e.hi < 0 || highY > hiY) {
            hiY = highY;
            e.hi = high;
        }
    };
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
            take(points[i].y(), i, points[i].y(), i);
            ++i;
            continue;
        }
        const Block &block = m_levels[level][i >> (kBaseShift + level)];
        take(block.loY, block.lo, block.hiY, block.hi);
        i += qsizetype(1) << (kBaseShift + level);
    }
    return e;
}
