#include "window/statsstrip.h"

#include "stats/statistics.h"
#include "stats/summary.h"
#include "style/theme.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

#include <algorithm>
#include <iterator>

namespace {
constexpr int kMarginX = 8;
constexpr int kMarginY = 4;
constexpr int kSpacingX = 14;
constexpr int kSpacingY = 4;

QString msText(double ms)
{
    return StatsStrip::tr("%1 ms").arg(Statistics::formatMs(ms));
}

QString stallsCaption()
{
    QStringList limits;
    for (double ms : Statistics::kBandsMs)
        limits << QString::number(ms);
    return StatsStrip::tr("stalls ≥ %1 ms").arg(limits.join(QLatin1Char('/')));
}

QString stallsValue(const Summary &s)
{
    QStringList counts;
    for (qint64 n : s.stallsAtLeast)
        counts << QString::number(n);
    return counts.join(QLatin1Char('/'));
}

QString ticksToolTip(const Summary &s)
{
    QString tip = StatsStrip::tr("Ticker wake-ups measured so far.");
    if (s.decimatedTicks || s.decimatedSpans)
        tip += QLatin1Char('\n')
               + StatsStrip::tr("* Older history decimated to bound memory: %1 ticks and %2 tasks are kept as counts "
                                "and histograms, so every figure still counts them; percentiles are within 1.6 % "
                                "and the charts show that part as each interval's worst tick.")
                     .arg(s.decimatedTicks)
                     .arg(s.decimatedSpans);
    return tip;
}

QString stallsToolTip(const Summary &s)
{
    QStringList lines{StatsStrip::tr("Ticks at least this late (one stall each):")};
    for (size_t i = 0; i < Statistics::kBandsMs.size(); ++i) {
        lines << StatsStrip::tr("≥ %1 ms (%2): %3")
                     .arg(Statistics::kBandsMs[i])
                     .arg(Statistics::bandName(int(i)))
                     .arg(s.stallsAtLeast[i]);
    }
    return lines.join(QLatin1Char('\n'));
}
} // namespace

StatsStrip::StatsStrip(QWidget *parent)
    : QWidget(parent)
{
    // Laid out by hand (layoutFigures): a row that wraps, which no stock Qt layout does.
    QSizePolicy policy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    policy.setHeightForWidth(true);
    setSizePolicy(policy);
    addFigure(QStringLiteral("p50"), tr("lag p50"), tr("Median lateness of the ticker: half of the ticks woke later than this."));
    addFigure(QStringLiteral("p95"), tr("p95"), tr("95th percentile of ticker lateness."));
    addFigure(QStringLiteral("p99"), tr("p99"), tr("99th percentile of ticker lateness: the stutter a user notices."));
    addFigure(QStringLiteral("p99c"), tr("p99 corrected"),
              tr("99th percentile counting the ticks a blocked loop should have fired. A blocked loop takes no "
                 "samples while blocked, so the plain p99 understates a freeze (coordinated omission)."));
    addFigure(QStringLiteral("max"), tr("max"), tr("The latest tick: the longest freeze of the event loop."));
    addFigure(QStringLiteral("ticks"), tr("ticks"), ticksToolTip(Summary()));
    addFigure(QStringLiteral("missed"), tr("missed ticks"),
              tr("Ticks that should have fired while the loop was blocked: what the stall correction adds."));
    addFigure(QStringLiteral("tasks"), tr("tasks done"), tr("Tasks completed, and how many were cancelled: queued or cut short when the run stopped."));
    addFigure(QStringLiteral("long"), tr("long tasks"), tr("Loop stalls of 50 ms or more (ticks at least 50 ms late)."));
    addFigure(QStringLiteral("stalls"), stallsCaption(), stallsToolTip(Summary()));
    addFigure(QStringLiteral("busy"), tr("loop busy"), tr("Share of the run the GUI thread spent running tasks."));
    addFigure(QStringLiteral("mode"), tr("mode"), tr("Where the next submitted task runs."));
    clear(ExecMode::Inline);
}

void StatsStrip::addFigure(const QString &key, const QString &title, const QString &toolTip)
{
    auto *box = new QWidget(this);
    box->setObjectName(QLatin1String("figure-") + key); // what tests and accessibility tools find
    auto *column = new QVBoxLayout(box);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    auto *caption = new QLabel(title, box);
    caption->setObjectName(QStringLiteral("caption"));
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
    m_figures.append({key, box, value});
}

void StatsStrip::setSummary(const Summary &s, ExecMode currentMode)
{
    const QPair<QString, QString> texts[] = {
        {QStringLiteral("p50"), msText(s.p50Ms)},
        {QStringLiteral("p95"), msText(s.p95Ms)},
        {QStringLiteral("p99"), msText(s.p99Ms)},
        {QStringLiteral("p99c"), msText(s.p99CorrectedMs)},
        {QStringLiteral("max"), msText(s.maxMs)},
        {QStringLiteral("ticks"), QString::number(s.ticks) + (s.decimatedTicks ? QStringLiteral(" *") : QString())},
        {QStringLiteral("missed"), QString::number(s.missedTicks)},
        {QStringLiteral("tasks"), s.cancelled ? tr("%1 · %n cancelled", nullptr, int(s.cancelled)).arg(s.tasks)
                                              : QString::number(s.tasks)},
        {QStringLiteral("long"), QString::number(s.longTasks)},
        {QStringLiteral("stalls"), stallsValue(s)},
        {QStringLiteral("busy"), QString::number(s.loopBusyPct, 'f', 1) + QStringLiteral(" %")},
        {QStringLiteral("mode"), m_modeText.isEmpty() ? Kinds::shortLabel(currentMode) : m_modeText},
    };
    for (const auto &[key, text] : texts) {
        if (const Figure *f = figure(key))
            f->value->setText(text);
    }
    figure(QStringLiteral("stalls"))->box->setToolTip(stallsToolTip(s));
    figure(QStringLiteral("ticks"))->box->setToolTip(ticksToolTip(s));
    QLabel *mode = figure(QStringLiteral("mode"))->value;
    QPalette p = mode->palette();
    p.setColor(QPalette::WindowText, m_modeText.isEmpty() ? Theme::modeColor(currentMode) : Theme::textColor());
    mode->setPalette(p);
    fitFigures();
}

void StatsStrip::setModeText(const QString &text)
{
    m_modeText = text;
}

void StatsStrip::clear(ExecMode currentMode)
{
    setSummary(Summary(), currentMode);
    for (const Figure &f : std::as_const(m_figures)) {
        if (f.key != QLatin1String("mode"))
            f.value->setText(QStringLiteral("—"));
    }
    figure(QStringLiteral("stalls"))->box->setToolTip(stallsToolTip(Summary()));
    figure(QStringLiteral("ticks"))->box->setToolTip(ticksToolTip(Summary()));
    fitFigures();
}

QString StatsStrip::valueText(const QString &key) const
{
    const Figure *f = figure(key);
    return f ? f->value->text() : QString();
}

int StatsStrip::layoutFigures(int width, QVector<QRect> *places) const
{
    int x = kMarginX, y = kMarginY, rowHeight = 0;
    for (const Figure &f : m_figures) {
        const QSize size = f.box->sizeHint();
        if (x > kMarginX && x + size.width() > width - kMarginX) { // wrap before this figure
            x = kMarginX;
            y += rowHeight + kSpacingY;
            rowHeight = 0;
        }
        if (places)
            places->append(QRect(QPoint(x, y), size));
        x += size.width() + kSpacingX;
        rowHeight = std::max(rowHeight, size.height());
    }
    return y + rowHeight + kMarginY;
}

int StatsStrip::heightForWidth(int width) const
{
    return layoutFigures(width, nullptr);
}

QSize StatsStrip::sizeHint() const
{
    int width = 2 * kMarginX - kSpacingX;
    for (const Figure &f : m_figures)
        width += f.box->sizeHint().width() + kSpacingX;
    return QSize(width, heightForWidth(width));
}

QSize StatsStrip::minimumSizeHint() const
{
    int widest = 0;
    for (const Figure &f : m_figures)
        widest = std::max(widest, f.box->sizeHint().width());
    const int width = widest + 2 * kMarginX;
    return QSize(width, heightForWidth(sizeHint().width()));
}

int StatsStrip::figureRow(const QString &key) const
{
    QVector<QRect> places;
    layoutFigures(width(), &places);
    int row = 0, lastY = -1;
    for (int i = 0; i < int(m_figures.size()); ++i) {
        if (places.at(i).y() != lastY && lastY >= 0)
            ++row;
        lastY = places.at(i).y();
        if (m_figures.at(i).key == key)
            return row;
    }
    return -1;
}

void StatsStrip::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitFigures();
}

const StatsStrip::Figure *StatsStrip::figure(const QString &key) const
{
    for (const Figure &f : m_figures) {
        if (f.key == key)
            return &f;
    }
    return nullptr;
}

void StatsStrip::fitFigures()
{
    QVector<QRect> places;
    const int height = layoutFigures(width(), &places);
    for (int i = 0; i < int(m_figures.size()); ++i)
        m_figures.at(i).box->setGeometry(places.at(i));
    // A new value may change how many rows the strip needs.
    if (height != this->height())
        updateGeometry();
}

void StatsStrip::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!Theme::isThemeChange(event))
        return;
    // Light/dark switch: the captions' muted colour was set by hand.
    const QList<QLabel *> captions = findChildren<QLabel *>(QStringLiteral("caption"));
    for (QLabel *caption : captions) {
        QPalette muted = caption->palette();
        muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
        caption->setPalette(muted);
    }
}
