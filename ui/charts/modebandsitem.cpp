#include "charts/modebandsitem.h"

#include "style/stripfill.h"
#include "style/theme.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

ModeBandsItem::ModeBandsItem(QGraphicsItem *parent)
    : QGraphicsItem(parent)
{
}

void ModeBandsItem::setBands(QVector<Band> bands, double x0S, double x1S, const QRectF &plot)
{
    // The same bands over the same range come every frame while the range holds.
    auto same = [](const Band &a, const Band &b) {
        return a.mode == b.mode && a.startS == b.startS && a.endS == b.endS;
    };
    if (plot == m_plot && x0S == m_x0S && x1S == m_x1S
        && std::equal(bands.cbegin(), bands.cend(), m_bands.cbegin(), m_bands.cend(), same))
        return;
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
    const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
    painter->save();
    painter->setClipRect(m_plot, Qt::IntersectClip);
    painter->setPen(Qt::NoPen);
    auto fillAntialiased = [painter](const QRectF &r, const QColor &color) {
        if (r.width() <= 0 || r.height() <= 0)
            return;
        StripFill::fillRectAntialiased(painter, r, color);
    };
    // Mode by mode, as the area series were painted: where two bands meet, the edge pixel
    // blends in the same order. Antialiased, the rasterizer sweeps a path's whole bounding
    // box, so each band's partly covered edge pixels go to it in thin strips, and its fully
    // covered inner pixels get a plain fill, which gives them the same colour.
    for (ExecMode mode : Kinds::allModes()) {
        const QColor color = Theme::modeBandColor(mode);
        for (const Band &b : m_bands) {
            if (b.mode != mode)
                continue;
            const QRectF band(QPointF(m_plot.left() + (b.startS - m_x0S) * scale, m_plot.top()),
                              QPointF(m_plot.left() + (b.endS - m_x0S) * scale, m_plot.bottom()));
            const double left = std::ceil(band.left());
            const double right = std::floor(band.right());
            const double top = std::ceil(band.top());
            const double bottom = std::floor(band.bottom());
            if (!antialiased) {
                StripFill::fillRect(painter, band, color);
                continue;
            }
            if (right <= left || bottom <= top) { // narrower than a pixel: all of it is edge
                fillAntialiased(band, color);
                continue;
            }
            fillAntialiased(QRectF(QPointF(band.left(), band.top()), QPointF(left, band.bottom())), color);
            fillAntialiased(QRectF(QPointF(right, band.top()), QPointF(band.right(), band.bottom())), color);
            fillAntialiased(QRectF(QPointF(left, band.top()), QPointF(right, top)), color);
            fillAntialiased(QRectF(QPointF(left, bottom), QPointF(right, band.bottom())), color);
            painter->setRenderHint(QPainter::Antialiasing, false);
            StripFill::fillRect(painter, QRectF(QPointF(left, top), QPointF(right, bottom)), color);
            painter->setRenderHint(QPainter::Antialiasing, true);
        }
    }
    painter->restore();
}
