#include "statsstrip.h"

#include "summary.h"
#include "theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace {
QString msText(double ms)
{
    return ms < 10 ? QString::number(ms, 'f', 2) + QStringLiteral(" ms") : QString::number(ms, 'f', 1) + QStringLiteral(" ms");
}
} // namespace

StatsStrip::StatsStrip(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->setSpacing(18);
    addFigure(QStringLiteral("p50"), tr("lag p50"), tr("Median lateness of the ticker: half of the ticks woke later than this."));
    addFigure(QStringLiteral("p95"), tr("p95"), tr("95th percentile of ticker lateness."));
    addFigure(QStringLiteral("p99"), tr("p99"), tr("99th percentile of ticker lateness: the stutter a user notices."));
    addFigure(QStringLiteral("max"), tr("max"), tr("The latest tick: the longest freeze of the event loop."));
    addFigure(QStringLiteral("ticks"), tr("ticks"), tr("Ticker wake-ups measured so far."));
    addFigure(QStringLiteral("tasks"), tr("tasks done"), tr("Tasks completed (cancelled ones in brackets)."));
    addFigure(QStringLiteral("long"), tr("long tasks"), tr("Loop stalls of 50 ms or more (ticks at least 50 ms late)."));
    addFigure(QStringLiteral("busy"), tr("loop busy"), tr("Share of the run the GUI thread spent running tasks."));
    addFigure(QStringLiteral("mode"), tr("mode"), tr("Where the next submitted task runs."));
    layout->addStretch(1);
    clear(ExecMode::Inline);
}

QLabel *StatsStrip::addFigure(const QString &key, const QString &title, const QString &toolTip)
{
    auto *box = new QWidget(this);
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto *caption = new QLabel(title, box);
    QPalette muted = caption->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    caption->setPalette(muted);
    QFont small = caption->font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    caption->setFont(small);
    auto *value = new QLabel(box);
    QFont bold = value->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    value->setFont(bold);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    column->addWidget(caption);
    column->addWidget(value);
    box->setToolTip(toolTip);
    value->setAccessibleName(title);
    qobject_cast<QHBoxLayout *>(layout())->addWidget(box);
    m_values.append({key, value});
    return value;
}

void StatsStrip::setSummary(const Summary &s, ExecMode currentMode)
{
    const QPair<QString, QString> texts[] = {
        {QStringLiteral("p50"), msText(s.p50Ms)},
        {QStringLiteral("p95"), msText(s.p95Ms)},
        {QStringLiteral("p99"), msText(s.p99Ms)},
        {QStringLiteral("max"), msText(s.maxMs)},
        {QStringLiteral("ticks"), QString::number(s.ticks)},
        {QStringLiteral("tasks"), QString::number(s.tasks) + (s.cancelled ? QStringLiteral(" (%1)").arg(s.cancelled) : QString())},
        {QStringLiteral("long"), QString::number(s.longTasks)},
        {QStringLiteral("busy"), QString::number(s.loopBusyPct, 'f', 1) + QStringLiteral(" %")},
        {QStringLiteral("mode"), Kinds::shortLabel(currentMode)},
    };
    for (const auto &[key, text] : texts) {
        for (auto &[k, label] : m_values) {
            if (k == key)
                label->setText(text);
        }
    }
    for (auto &[k, label] : m_values) {
        if (k == QLatin1String("mode")) {
            QPalette p = label->palette();
            p.setColor(QPalette::WindowText, Theme::modeColor(currentMode));
            label->setPalette(p);
        }
    }
}

void StatsStrip::clear(ExecMode currentMode)
{
    for (auto &[key, label] : m_values)
        label->setText(QStringLiteral("—"));
    setSummary(Summary(), currentMode);
    for (auto &[key, label] : m_values) {
        if (key != QLatin1String("mode"))
            label->setText(QStringLiteral("—"));
    }
}

QString StatsStrip::valueText(const QString &key) const
{
    for (const auto &[k, label] : m_values) {
        if (k == key)
            return label->text();
    }
    return {};
}
