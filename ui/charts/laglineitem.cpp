#include "charts/laglineitem.h"

#include <QPainter>

#include <algorithm>

LagLineItem::LagLineItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
}

void LagLineItem::setLine(QList<QPointF> points, const LagMapping &mapping)
{
    if (mapping == m_mapping && points == m_points)
        return;
    if (mapping.size != m_mapping.size)
        prepareGeometryChange();
    m_points = std::move(points);
    m_mapping = mapping;
    remap();
}

void LagLineItem::setPlotArea(const QRectF &plot)
{
    if (plot.topLeft() != pos())
        setPos(plot.topLeft());
    if (plot.size() == m_mapping.size)
        return;
    prepareGeometryChange();
    m_mapping.size = plot.size();
    remap();
}

void LagLineItem::setPen(const QPen &pen)
{
    if (pen == m_pen)
        return;
    m_pen = pen;
    update();
}

void LagLineItem::remap()
{
    m_pixels.resize(m_mapping.isValid() ? m_points.size() : 0);
    for (qsizetype i = 0; i < m_pixels.size(); ++i)
        m_pixels[i] = m_mapping.map(m_points.at(i));
    update();
}

QRectF LagLineItem::clipRect() const
{
    // As Qt Charts clips its series: half a pixel more where the plot area's fractional
    // position or size allows it, so a line along an edge still shows, never more.
    QRectF clip(QPointF(0, 0), m_mapping.size);
    const qreal x1 = pos().x() - int(pos().x());
    const qreal y1 = pos().y() - int(pos().y());
    const qreal x2 = (clip.width() + 0.5) - int(clip.width() + 0.5);
    const qreal y2 = (clip.height() + 0.5) - int(clip.height() + 0.5);
    clip.adjust(-x1, -y1, std::max(x1, x2), std::max(y1, y2));
    return clip;
}

QRectF LagLineItem::boundingRect() const
{
    return clipRect();
}

void LagLineItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_pixels.size() < 2)
        return;
    painter->save();
    painter->setPen(m_pen);
    painter->setClipRect(clipRect(), Qt::IntersectClip);
    // Segment by segment as the series did: a polyline would blend the antialiased joins
    // once instead of twice, a visible change of the line.
    for (qsizetype i = 1; i < m_pixels.size(); ++i)
        painter->drawLine(m_pixels.at(i - 1), m_pixels.at(i));
    painter->restore();
}
