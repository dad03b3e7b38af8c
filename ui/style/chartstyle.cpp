#include "style/chartstyle.h"

#include "style/theme.h"

#include <QGraphicsLayout>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>

QFont ChartStyle::adjusted(const QFont &base, double deltaPt, bool bold)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(std::max(6.0, f.pointSizeF() + deltaPt));
    f.setBold(bold);
    return f;
}

QFont ChartStyle::scaled(const QFont &base, double factor, bool bold)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * factor);
    f.setBold(bold);
    return f;
}

namespace {
void colourAxis(QAbstractAxis *axis)
{
    const bool dark = Theme::isDark();
    axis->setLabelsColor(Theme::textColor());
    axis->setTitleBrush(Theme::mutedTextColor());
    axis->setGridLineColor(Theme::gridColor());
    axis->setLinePenColor(dark ? Theme::gridColor().lighter(140) : Theme::gridColor().darker(130));
    axis->setMinorGridLineColor(dark ? Theme::gridColor().darker(120) : Theme::gridColor().lighter(106));
}
} // namespace

void ChartStyle::styleAxis(QAbstractAxis *axis, const QFont &font)
{
    axis->setLabelsFont(font);
    axis->setTitleFont(font);
    colourAxis(axis);
}

void ChartStyle::applyTheme(QChart *chart)
{
    chart->setBackgroundBrush(Theme::backgroundColor());
    chart->setTitleBrush(Theme::textColor());
    chart->legend()->setLabelColor(Theme::textColor());
    const QList<QAbstractAxis *> axes = chart->axes();
    for (QAbstractAxis *axis : axes)
        colourAxis(axis);
}

void ChartStyle::prepare(QChart *chart, const QMargins &margins)
{
    chart->setTheme(QChart::ChartThemeLight);
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setBackgroundBrush(Theme::backgroundColor());
    chart->setBackgroundPen(Qt::NoPen);
    chart->setBackgroundRoundness(0);
    chart->setMargins(margins);
    chart->layout()->setContentsMargins(0, 0, 0, 0);
}

void ChartStyle::prepareView(QChartView *view, const QMargins &margins, const QFont &titleFont,
                             const QFont &legendFont, Qt::Alignment legendSide)
{
    QChart *chart = view->chart();
    prepare(chart, margins);
    chart->setTitleFont(titleFont);
    chart->setTitleBrush(Theme::textColor());
    chart->legend()->setAlignment(legendSide);
    chart->legend()->setFont(legendFont);
    chart->legend()->setLabelColor(Theme::textColor());
    chart->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
    view->setBackgroundBrush(Theme::backgroundColor());
    view->setFrameShape(QFrame::NoFrame);
    view->setRenderHint(QPainter::Antialiasing);
}

QLogValueAxis *ChartStyle::logAxis(double min, double max, int minorTickCount)
{
    auto *axis = new QLogValueAxis;
    axis->setBase(10.0);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(minorTickCount);
    axis->setRange(min, max);
    return axis;
}

QValueAxis *ChartStyle::stepAxis()
{
    auto *axis = new QValueAxis;
    axis->setTickType(QValueAxis::TicksDynamic);
    axis->setTickAnchor(0.0);
    axis->setMinorTickCount(0);
    return axis;
}
