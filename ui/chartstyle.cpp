#include "chartstyle.h"

#include "theme.h"

#include <QGraphicsLayout>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>

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

void ChartStyle::styleAxis(QAbstractAxis *axis, const QFont &font)
{
    axis->setLabelsFont(font);
    axis->setLabelsColor(Theme::textColor());
    axis->setTitleFont(font);
    axis->setTitleBrush(Theme::mutedTextColor());
    axis->setGridLineColor(Theme::gridColor());
    axis->setLinePenColor(Theme::gridColor().darker(130));
    axis->setMinorGridLineColor(Theme::gridColor().lighter(106));
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
