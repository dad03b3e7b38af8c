#include "charts/laglineitem.h"

#include <QPaintEngine>
#include <QPainter>
#include <QVarLengthArray>

#include <algorithm>
#include <limits>

LagLineItem::LagLineItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
}

void LagLineItem::setLine(QList<QPointF> points, const LagMapping &mapping)
{
    if (mapping != m_mapping || !m_mapping.isValid() || m_pixels.size() != m_points.size()) {
        if (mapping.size != m_mapping.size)
            prepareGeometryChange();
        m_points = std::move(points);
        m_mapping = mapping;
        remap();
        return;
    }
    // Same range: a frame of a running run changes only the last columns. Map those again
    // and repaint from the leftmost segment that changed, old or new.
    const qsizetype common = std::mismatch(m_points.cbegin(), m_points.cend(), points.cbegin(), points.cend()).first
                             - m_points.cbegin();
    if (common == m_points.size() && common == points.size())
        return;
    const qsizetype from = std::max<qsizetype>(0, common - 1);
    double left = std::numeric_limits<double>::infinity();
    for (qsizetype i = from; i < m_pixels.size(); ++i)
        left = std::min(left, m_pixels.at(i).x());
    m_points = std::move(points);
    m_pixels.resize(m_points.size());
    for (qsizetype i = common; i < m_pixels.size(); ++i)
        m_pixels[i] = m_mapping.map(m_points.at(i));
    for (qsizetype i = from; i < m_pixels.size(); ++i)
        left = std::min(left, m_pixels.at(i).x());
    const QRectF clip = clipRect();
    // The pen's half width and a pixel of antialiasing either side of the old line's end.
    left = std::max(clip.left(), left - m_pen.widthF() - 2.0);
    update(QRectF(QPointF(left, clip.top()), clip.bottomRight()));
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
    // once instead of twice, a visible change of the line. The raster engine draws a thin
    // cosmetic pen's lines one by one anyway, so those go in one call.
    const bool oneByOne = painter->paintEngine()->type() == QPaintEngine::Raster && m_pen.isCosmetic()
                          && m_pen.widthF() <= 1.0;
    if (oneByOne) {
        QVarLengthArray<QLineF, 1024> lines;
        lines.reserve(m_pixels.size() - 1);
        for (qsizetype i = 1; i < m_pixels.size(); ++i)
            lines.append(QLineF(m_pixels.at(i - 1), m_pixels.at(i)));
        painter->drawLines(lines.constData(), int(lines.size()));
    } else {
        for (qsizetype i = 1; i < m_pixels.size(); ++i)
            painter->drawLine(m_pixels.at(i - 1), m_pixels.at(i));
    }
    painter->restore();
}
