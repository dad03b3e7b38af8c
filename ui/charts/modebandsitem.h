#pragma once

#include "engine/kinds.h"

#include <QGraphicsItem>
#include <QVector>

// The latency chart's mode bands as one item under the series: a full-height rectangle per
// stretch of a mode. One area series per mode made Qt Charts rebuild and re-stroke every band
// on each frame; this paints the same shapes, mode by mode in the series' old order.
class ModeBandsItem : public QGraphicsItem
{
public:
    struct Band
    {
        ExecMode mode;
        double startS; // clipped to the shown range
        double endS;
    };

    explicit ModeBandsItem(QGraphicsItem *parent = nullptr);

    // The bands over the shown range [x0S, x1S], drawn across plot.
    void setBands(QVector<Band> bands, double x0S, double x1S, const QRectF &plot);
    void setPlotArea(const QRectF &plot);
    const QVector<Band> &bands() const { return m_bands; }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    QVector<Band> m_bands;
    double m_x0S = 0;
    double m_x1S = 1;
    QRectF m_plot;
};
