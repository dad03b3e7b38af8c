#pragma once

#include <QPointF>
#include <QRectF>
#include <QString>

class QChart;
class QFont;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;

// A threshold line (16.7 ms · one frame, 50 ms · long task, ...) on a chart: a muted series in
// penStyle and its label on a veil that keeps the label legible over the data. A handle: the
// chart owns the series and the items, and the caller attaches axes and places the label.
class ReferenceLine
{
public:
    ReferenceLine() = default;
    // Adds the series (named text, empty until setSpan) and the label, hidden until placed.
    ReferenceLine(QChart *chart, double ms, const QString &text, const QFont &font, Qt::PenStyle penStyle,
                  int veilAlpha);

    double ms() const { return m_ms; }
    QLineSeries *series() const { return m_series; }
    // Horizontal from x0 to x1 at ms, for a lateness-over-time chart.
    void setSpan(double x0, double x1);
    // Vertical from y0 to y1 at ms, for a chart with lateness across.
    void setHeight(double y0, double y1);
    // Qt Charts shows a series' marker again with the series; the label names the line.
    void hideFromLegend(QChart *chart);

    QRectF labelBounds() const;
    // Top right of plot, just above the line at lineY, or below it when above is off the plot.
    QPointF labelPosAtRight(const QRectF &plot, double lineY) const;
    void setLabelVisible(bool visible);
    // The label at at, on a veil padding px wider each side.
    void placeLabel(QPointF at, double padding);
    QRectF veilRect() const;
    // Deletes the label and its veil; the series goes with the chart's series.
    void removeLabel();
    // Light/dark switch: the line, the veil and the label in the theme's colours again.
    void applyTheme();

private:
    double m_ms = 0;
    int m_veilAlpha = 200;
    QLineSeries *m_series = nullptr;
    QGraphicsRectItem *m_veil = nullptr;
    QGraphicsSimpleTextItem *m_label = nullptr;
};
