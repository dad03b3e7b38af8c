#pragma once

#include "charts/lagmapping.h"

#include <QGraphicsItem>
#include <QList>
#include <QPen>
#include <QPointF>

// The latency chart's lag envelope: the decimated (s, ms) points as one line, painted as
// Qt Charts' line series painted it. The series re-stroked the whole line for its hit shape
// on every geometry change; this item only maps the points (no shape, no hover).
// It sits at the plot area's top left, as the series' item did, and draws nothing outside it.
class LagLineItem : public QGraphicsItem
{
public:
    explicit LagLineItem(QGraphicsItem *parent = nullptr);

    // Both at once, so a frame maps the points once.
    void setLine(QList<QPointF> points, const LagMapping &mapping);
    // The plot area moved or changed size; the range stays.
    void setPlotArea(const QRectF &plot);
    void setPen(const QPen &pen);

    const QList<QPointF> &points() const { return m_points; }
    const LagMapping &mapping() const { return m_mapping; }
    // Where the points are drawn, relative to the plot area's top left.
    const QList<QPointF> &pixelPoints() const { return m_pixels; }
    QPen pen() const { return m_pen; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    void remap();
    QRectF clipRect() const;

    QList<QPointF> m_points;
    QList<QPointF> m_pixels;
    LagMapping m_mapping;
    QPen m_pen;
};
