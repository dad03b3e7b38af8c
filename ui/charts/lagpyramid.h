#pragma once

#include <QPointF>
#include <QVector>

// Per-block minimum and maximum of a growing run of points, in levels of 8, 16, 32, ...
// points, so the lowest and highest point of any index range is found in O(log n) instead
// of a pass over every point. Appended to as points arrive; the points stay with the caller.
class LagPyramid
{
public:
    struct Extremes
    {
        qsizetype lo = -1; // index of the first point with the lowest y
        qsizetype hi = -1; // index of the first point with the highest y
    };

    void clear();
    // Summarises points [size(), count) of the same list it saw before (which only grew).
    void append(const QPointF *points, qsizetype count);
    // The caller dropped the first `dropped` points (the recorder decimated them); points and
    // count are what is left. Whole blocks go; only the levels they do not divide are rebuilt.
    void dropFront(const QPointF *points, qsizetype count, qsizetype dropped);
    qsizetype size() const { return m_count; }
    // Indices i where x[i] < x[i - 1] (a tick handled late, after later ones): between them
    // x never decreases, so a pixel column's points sit together and binary search works.
    const QVector<qsizetype> &descents() const { return m_descents; }

    // The first lowest and first highest point in [first, last), as a pass in index order
    // with strict comparisons would find them. first < last <= size().
    Extremes extremes(const QPointF *points, qsizetype first, qsizetype last) const;

    static constexpr int kBaseShift = 3; // the finest level's blocks hold 8 points

private:
    void buildUpperLevels();

    // The extremes' values sit beside their indices, so a query reads the levels only and
    // not the points they came from (3.6 M points are far beyond any cache).
    struct Block
    {
        double loY;
        double hiY;
        qint32 lo;
        qint32 hi;
    };

    QVector<QVector<Block>> m_levels; // level k: blocks of 8 << k points
    QVector<qsizetype> m_descents;
    qsizetype m_count = 0;
};
