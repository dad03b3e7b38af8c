#include "charts/modebandsitem.h"

#include "style/theme.h"

#include <QPainter>
#include <QPainterPath>

ModeBandsItem::ModeBandsItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
}

void ModeBandsItem::setBands(QVector<Band> bands, double x0S, double x1S, const QRectF &plot)
{
    if (plot != m_plot)
        prepareGeometryChange();
    m_bands = std::move(bands);
    m_x0S = x0S;
    m_x1S = x1S;
    m_plot = plot;
    update();
}

void ModeBandsItem::setPlotArea(const QRectF &plot)
{
    if (plot == m_plot)
        return;
    prepareGeometryChange();
    m_plot = plot;
    update();
}

QRectF ModeBandsItem::boundingRect() const
{
    return m_plot;
}

void ModeBandsItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *, QWidget *)
{
    if (m_bands.isEmpty() || !m_plot.isValid() || !(m_x1S > m_x0S))
        return;
    const double scale = m_plot.width() / (m_x1S - m_x0S);
    painter->save();
    painter->setClipRect(m_plot, Qt::IntersectClip);
    painter->setPen(Qt::NoPen);
    // Mode by mode, each mode's stretches one path: where two bands meet, the edge pixel
    // blends as it did when each mode was its own area series.
    for (ExecMode mode : Kinds::allModes()) {
        QPainterPath path;
        for (const Band &b : m_bands) {
            if (b.mode != mode)
                continue;
            const double x0 = m_plot.left() + (b.startS - m_x0S) * scale;
            const double x1 = m_plot.left() + (b.endS - m_x0S) * scale;
            path.addRect(QRectF(QPointF(x0, m_plot.top()), QPointF(x1, m_plot.bottom())));
        }
        if (!path.isEmpty())
            painter->fillPath(path, Theme::modeBandColor(mode));
    }
    painter->restore();
}
