#include "charts/referenceline.h"

#include "style/theme.h"

#include <QBrush>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>

namespace {
QColor veilColour(int alpha)
{
    QColor veil = Theme::backgroundColor();
    veil.setAlpha(alpha);
    return veil;
}
} // namespace

ReferenceLine::ReferenceLine(QChart *chart, double ms, const QString &text, const QFont &font,
                             Qt::PenStyle penStyle, int veilAlpha)
    : m_ms(ms)
    , m_veilAlpha(veilAlpha)
{
    m_series = new QLineSeries;
    m_series->setName(text);
    QPen pen(Theme::mutedTextColor(), 1.0, penStyle);
    pen.setCosmetic(true);
    m_series->setPen(pen);
    chart->addSeries(m_series);
    m_veil = new QGraphicsRectItem(chart);
    m_veil->setPen(Qt::NoPen);
    m_veil->setBrush(veilColour(m_veilAlpha));
    m_veil->setZValue(100);
    m_label = new QGraphicsSimpleTextItem(text, chart);
    m_label->setFont(font);
    m_label->setBrush(Theme::mutedTextColor());
    m_label->setZValue(101);
}

void ReferenceLine::setSpan(double x0, double x1)
{
    // Unchanged spans come every frame; a replace re-maps and repaints the line.
    const QList<QPointF> span{QPointF(x0, m_ms), QPointF(x1, m_ms)};
    if (m_series->points() != span)
        m_series->replace(span);
}

void ReferenceLine::setHeight(double y0, double y1)
{
    m_series->replace(QList<QPointF>{QPointF(m_ms, y0), QPointF(m_ms, y1)});
}

void ReferenceLine::hideFromLegend(QChart *chart)
{
    for (QLegendMarker *marker : chart->legend()->markers(m_series))
        marker->setVisible(false);
}

QRectF ReferenceLine::labelBounds() const
{
    return m_label->boundingRect();
}

QPointF ReferenceLine::labelPosAtRight(const QRectF &plot, double lineY) const
{
    const QRectF text = labelBounds();
    double y = lineY - text.height() - 1;
    if (y < plot.top())
        y = lineY + 2;
    return QPointF(plot.right() - text.width() - 6, y);
}

void ReferenceLine::setLabelVisible(bool visible)
{
    m_label->setVisible(visible);
    m_veil->setVisible(visible);
}

void ReferenceLine::placeLabel(QPointF at, double padding)
{
    m_label->setPos(at);
    const QRectF text = labelBounds();
    m_veil->setRect(QRectF(at.x() - padding, at.y(), text.width() + 2 * padding, text.height()));
}

QRectF ReferenceLine::veilRect() const
{
    return m_veil->rect();
}

void ReferenceLine::removeLabel()
{
    delete m_label;
    delete m_veil;
    m_label = nullptr;
    m_veil = nullptr;
}

void ReferenceLine::applyTheme()
{
    QPen pen = m_series->pen();
    pen.setColor(Theme::mutedTextColor());
    m_series->setPen(pen);
    m_veil->setBrush(veilColour(m_veilAlpha));
    m_label->setBrush(Theme::mutedTextColor());
}
