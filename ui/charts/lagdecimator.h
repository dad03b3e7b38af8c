#pragma once

#include "engine/ticksample.h"

class LagPyramid;

#include <QList>
#include <QPointF>

// Thins a run of (x, y) points, sorted by x, to at most two per pixel column: the column's
// minimum and maximum in x order. Averaging or picking every n-th point would drop a
// one-tick spike; min/max keeps it at any zoom level.
// Points before xStart share one extra column, and so do points after xEnd, so a caller
// can pass one neighbour on each side and the line still runs in from the plot edges.
class LagDecimator
{
public:
    LagDecimator(double xStart, double xEnd, int columns);

    double xStart() const { return m_xStart; }
    double xEnd() const { return m_xEnd; }
    int columns() const { return m_columns; }
    // -1 before xStart, columns() after xEnd (xEnd itself is in the last column).
    int columnOf(double x) const;
    // Upper bound of the output size for any input.
    int maxPoints() const { return 2 * (m_columns + 2); }

    // Where the last column's group of points began and how much output came before it: a
    // caller whose points only grew at the end since can decimate again from there.
    struct Resume
    {
        qsizetype index = -1;
        qsizetype outSize = 0;
    };

    // Appends the decimated [first, last) to out.
    void decimate(const QPointF *first, const QPointF *last, QList<QPointF> *out) const;
    QList<QPointF> decimate(const QList<QPointF> &points) const;
    // The same output for points[first, last), read from the pyramid over points: a binary
    // search per column and O(log n) blocks for its extremes, instead of a pass over every
    // point. Where x steps back (see LagPyramid::descents) columns split as in the pass.
    void decimate(const QPointF *points, qsizetype first, qsizetype last, const LagPyramid &pyramid,
                  QList<QPointF> *out, Resume *resume = nullptr) const;
    // Ticks become (seconds since originNs, lateness in ms), as the chart plots them.
    QList<QPointF> decimate(const QList<TickSample> &ticks, qint64 originNs) const;

    static QPointF toPoint(const TickSample &tick, qint64 originNs);

private:
    double m_xStart;
    double m_xEnd;
    int m_columns;
    double m_columnsPerUnit;
};
