#include "style/chartstyle.h"

#include "style/theme.h"

#include <QGraphicsLayout>
#include <QtCharts/QAbstractAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>

#include <algorithm>
#include <cmath>

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

double ChartStyle::niceStep(double value)
{
    if (!(value > 0))
        return 1.0;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    const double f = value / magnitude;
    const double nice = f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 2.5 ? 2.5 : f <= 5.0 ? 5.0 : 10.0;
    return nice * magnitude;
}

QString ChartStyle::formatForStep(double step)
{
    int decimals = 0;
    while (decimals < 6 && std::abs(step * std::pow(10.0, decimals)
                                    - std::round(step * std::pow(10.0, decimals))) > 1e-6)
        ++decimals;
    return QStringLiteral("%.") + QString::number(decimals) + QLatin1Char('f');
}
