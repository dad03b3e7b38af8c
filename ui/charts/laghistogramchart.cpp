#include "charts/laghistogramchart.h"

#include "engine/recorder.h"
#include "stats/statistics.h"
#include "style/chartstyle.h"
#include "style/theme.h"

#include <QCursor>
#include <QGraphicsLineItem>
#include <QGraphicsScene>
#include <QGraphicsLayout>
#include <QThread>
#include <QToolTip>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <cmath>

namespace {
// Upper edges of the buckets but the last, ns.
constexpr std::array<qint64, LagHistogramChart::kCategories - 1> kEdgesNs = {
    100'000, 300'000, 1'000'000, 3'000'000, 10'000'000, 30'000'000, 100'000'000, 300'000'000, 1'000'000'000};
// Where log bars start: a single tick still gets a visible bar.
constexpr double kLogFloor = 0.5;
constexpr int kExplanationMinHeight = 170;

QString msText(double ms)
{
    return LagHistogramChart::tr("%1 ms").arg(Statistics::formatMs(ms));
}

QString explanation()
{
    return LagHistogramChart::tr("A blocked loop takes no samples while blocked; corrected counts the ticks that "
                                 "should have fired (coordinated omission)");
}
} // namespace

LagHistogramChart::LagHistogramChart(QWidget *parent)
    : QChartView(parent)
{
    QChart *c = chart();
    // The legend beside the plot: the tab this sits in is short, and wide.
    ChartStyle::prepareView(this, QMargins(4, 0, 8, 0), ChartStyle::adjusted(font(), -0.5),
                            ChartStyle::adjusted(font(), -1), Qt::AlignRight);
    setToolTip(tr("%1. The p99 figures come from the buckets, within 1.6 %.").arg(explanation()));
    setAccessibleName(tr("Lateness histogram"));

    m_rawSet = new QBarSet(tr("raw"));
    m_rawSet->setColor(Theme::lagColor());
    m_rawSet->setBorderColor(Theme::lagColor().darker(130));
    m_correctedSet = new QBarSet(tr("stall-corrected"));
    const QColor corrected = Theme::modeColor(ExecMode::Inline);
    m_correctedSet->setColor(corrected);
    m_correctedSet->setBorderColor(corrected.darker(130));
    m_series = new QBarSeries(this);
    m_series->append(m_rawSet);
    m_series->append(m_correctedSet);
    m_series->setBarWidth(0.8);
    c->addSeries(m_series);
    connect(m_series, &QBarSeries::hovered, this, &LagHistogramChart::showBarToolTip);

    m_xAxis = new QBarCategoryAxis;
    QStringList names;
    // Axis labels are rich text: "<0.1" would read as a tag.
    for (int i = 0; i < kCategories; ++i)
        names << categoryName(i).toHtmlEscaped();
    m_xAxis->append(names);
    m_xAxis->setTitleText(tr("tick lateness (ms)"));
    ChartStyle::styleAxis(m_xAxis, ChartStyle::adjusted(font(), -1.5));
    m_xAxis->setGridLineVisible(false);
    c->addAxis(m_xAxis, Qt::AlignBottom);
    m_series->attachAxis(m_xAxis);

    installYAxis();
    updateChart();
}

LagHistogramChart::~LagHistogramChart() = default;

void LagHistogramChart::setRecorder(std::shared_ptr<const Recorder> recorder, qint64 intervalNs)
{
    m_recorder = std::move(recorder);
    m_intervalNs = qMax<qint64>(0, intervalNs);
    m_figuresP99Ms = m_figuresP99CorrectedMs = -1; // a new run: no figures yet
    recount();
}

void LagHistogramChart::setIntervalNs(qint64 intervalNs)
{
    intervalNs = qMax<qint64>(0, intervalNs);
    if (intervalNs == m_intervalNs)
        return;
    m_intervalNs = intervalNs;
    recount();
}

qint64 LagHistogramChart::intervalNs() const
{
    return m_intervalNs;
}

void LagHistogramChart::refresh()
{
    Q_ASSERT(QThread::currentThread() == thread());
    const quint32 before = m_nextTick;
    pullTicks();
    if (m_nextTick != before || m_labelsHeld)
        updateChart();
}

void LagHistogramChart::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    installYAxis();
    updateChart();
}

bool LagHistogramChart::isLogScale() const
{
    return m_logScale;
}

qint64 LagHistogramChart::count(int category, bool corrected) const
{
    if (category < 0 || category >= kCategories)
        return 0;
    return corrected ? m_correctedCounts[size_t(category)] : m_rawCounts[size_t(category)];
}

qint64 LagHistogramChart::totalCount(bool corrected) const
{
    return corrected ? m_corrected.count() : m_raw.count();
}

double LagHistogramChart::p99Ms(bool corrected) const
{
    return double((corrected ? m_corrected : m_raw).percentileNs(99)) / 1e6;
}

int LagHistogramChart::categoryOf(qint64 latenessNs)
{
    int i = 0;
    while (i < int(kEdgesNs.size()) && latenessNs >= kEdgesNs[size_t(i)])
        ++i;
    return i;
}

QString LagHistogramChart::categoryName(int category)
{
    static const char *const names[kCategories] = {"<0.1",   "0.1–0.3", "0.3–1",    "1–3",     "3–10",
                                                   "10–30", "30–100",  "100–300", "300–1000", "≥1000"};
    return QString::fromUtf8(names[qBound(0, category, kCategories - 1)]);
}

void LagHistogramChart::recount()
{
    m_nextTick = 0;
    m_raw.clear();
    m_corrected.clear();
    m_rawCounts.fill(0);
    m_correctedCounts.fill(0);
    pullTicks();
    updateChart();
}

void LagHistogramChart::pullTicks()
{
    if (!m_recorder)
        return;
    // Ticks the recorder decimated before we read them (a reopened long run): from its
    // histograms, not from tick(), which answers with each interval's worst tick.
    const quint32 first = m_recorder->firstTick();
    if (m_nextTick < first) {
        const DecimatedHistory history = m_recorder->history();
        const LagHistogram *sources[] = {&history.lateness(), &history.corrected()};
        LagHistogram *targets[] = {&m_raw, &m_corrected};
        std::array<qint64, kCategories> *counts[] = {&m_rawCounts, &m_correctedCounts};
        for (int k = 0; k < 2; ++k) {
            targets[k]->merge(*sources[k]);
            for (int b = 0; b < LagHistogram::kBuckets; ++b) {
                if (const qint64 n = sources[k]->bucketCount(b))
                    (*counts[k])[size_t(categoryOf(qint64(LagHistogram::bucketLowerNs(b))))] += n;
            }
        }
        m_nextTick = first;
    }
    const quint32 count = m_recorder->tickCount();
    for (; m_nextTick < count; ++m_nextTick) {
        const qint64 late = m_recorder->tick(m_nextTick).latenessNs();
        const int category = categoryOf(late);
        m_raw.add(late);
        m_corrected.add(late);
        ++m_rawCounts[size_t(category)];
        ++m_correctedCounts[size_t(category)];
        Statistics::forMissedTicks(late, m_intervalNs, [this](qint64 ns) {
            m_corrected.add(ns);
            ++m_correctedCounts[size_t(categoryOf(ns))];
        });
    }
}

void LagHistogramChart::updateChart()
{
    qint64 maxCount = 0;
    for (int i = 0; i < kCategories; ++i) {
        maxCount = qMax(maxCount, qMax(m_rawCounts[size_t(i)], m_correctedCounts[size_t(i)]));
        // Empty buckets sit on the log axis' floor, where they draw nothing.
        const double low = m_logScale ? kLogFloor : 0.0;
        const double raw = m_rawCounts[size_t(i)] ? double(m_rawCounts[size_t(i)]) : low;
        const double corrected = m_correctedCounts[size_t(i)] ? double(m_correctedCounts[size_t(i)]) : low;
        if (m_rawSet->count() <= i) {
            m_rawSet->append(raw);
            m_correctedSet->append(corrected);
        } else {
            if (m_rawSet->at(i) != raw)
                m_rawSet->replace(i, raw);
            if (m_correctedSet->at(i) != corrected)
                m_correctedSet->replace(i, corrected);
        }
    }

    if (m_logScale) {
        const double decades = std::ceil(std::log10(double(qMax<qint64>(10, maxCount)) * 1.5));
        auto *axis = static_cast<QLogValueAxis *>(m_yAxis);
        const double top = std::pow(10.0, decades);
        if (axis->min() != kLogFloor || axis->max() != top) // a new range relays the chart out
            axis->setRange(kLogFloor, top);
    } else {
        auto *axis = static_cast<QValueAxis *>(m_yAxis);
        axis->setRange(0, double(qMax<qint64>(5, maxCount)) * 1.1);
        axis->applyNiceNumbers();
    }

    updateLabels();
}

void LagHistogramChart::setFigures(double p99Ms, double p99CorrectedMs, Redraw redraw)
{
    m_figuresP99Ms = p99Ms;
    m_figuresP99CorrectedMs = p99CorrectedMs;
    updateLabels(redraw);
}

void LagHistogramChart::updateLabels(Redraw redraw)
{
    // The run's own p99 (setFigures), so the title says what the statistics strip says; the
    // buckets' estimate only until the first figures arrive.
    const bool any = m_raw.count() > 0;
    const bool given = m_figuresP99Ms >= 0;
    const QString rawP99 = given ? msText(m_figuresP99Ms) : any ? msText(p99Ms(false)) : QStringLiteral("—");
    const QString correctedP99 = given ? msText(m_figuresP99CorrectedMs) : any ? msText(p99Ms(true)) : QStringLiteral("—");
    m_title = tr("<b>Lateness histogram: raw vs stall-corrected</b>&nbsp;&nbsp;p99 raw %1 · corrected %2")
                  .arg(rawP99, correctedP99);
    m_labelsHeld = redraw == Redraw::AtRefresh;
    if (m_labelsHeld)
        return;
    // A new label relays the legend out and the whole chart with it, even when unchanged.
    const QString rawLabel = tr("raw · p99 %1").arg(rawP99);
    const QString correctedLabel = tr("stall-corrected · p99 %1").arg(correctedP99);
    if (m_rawSet->label() != rawLabel)
        m_rawSet->setLabel(rawLabel);
    if (m_correctedSet->label() != correctedLabel)
        m_correctedSet->setLabel(correctedLabel);
    updateTitle();
    emit updated();
}

void LagHistogramChart::updateTitle()
{
    // The explanation costs a line of plot height; below this it stays in the tooltip.
    const bool room = height() >= kExplanationMinHeight;
    const QString title = room ? m_title + QStringLiteral("<br><span style=\"color:") + Theme::mutedTextColor().name()
                                     + QStringLiteral("\">") + explanation() + QStringLiteral("</span>")
                               : m_title;
    if (chart()->title() != title)
        chart()->setTitle(title);
}

void LagHistogramChart::resizeEvent(QResizeEvent *event)
{
    QChartView::resizeEvent(event);
    updateTitle();
    updateCategoryLabels();
}

void LagHistogramChart::paintEvent(QPaintEvent *event)
{
    cacheGridLines();
    QChartView::paintEvent(event);
}

void LagHistogramChart::cacheGridLines()
{
    // Antialiased lines across the plot were half of each paint (the log axis draws eight
    // minor grid lines a decade). They move only with the range or the size, so each is drawn
    // once into a pixmap of its own, blitted after: the same pixels. Qt Charts adds new line
    // items when the range grows, so this looks again before every paint.
    const QList<QGraphicsItem *> items = scene()->items();
    for (QGraphicsItem *item : items) {
        if (item->type() == QGraphicsLineItem::Type && item->cacheMode() == QGraphicsItem::NoCache)
            item->setCacheMode(QGraphicsItem::DeviceCoordinateCache);
    }
}

void LagHistogramChart::updateCategoryLabels()
{
    // A narrow chart (the dashboard at 1024 px) gives the legend's width to the buckets.
    const Qt::Alignment legendSide = width() < kLegendBelowPx ? Qt::AlignBottom : Qt::AlignRight;
    if (chart()->legend()->alignment() != legendSide)
        chart()->legend()->setAlignment(legendSide);
    const QFontMetrics fm(m_xAxis->labelsFont());
    int widest = 0;
    for (int i = 0; i < kCategories; ++i)
        widest = qMax(widest, fm.horizontalAdvance(categoryName(i)));
    // The plot's width is not known before the first layout; the widget's is close enough.
    const double plotWidth = width() - 80 - (legendSide == Qt::AlignRight ? 170 : 0);
    const bool wrap = widest + 8 > plotWidth / kCategories;
    if (wrap == m_wrappedLabels)
        return;
    m_wrappedLabels = wrap;
    QStringList names;
    const QString dash = QStringLiteral("–");
    for (int i = 0; i < kCategories; ++i) {
        QString name = categoryName(i).toHtmlEscaped(); // rich text: "<0.1" would read as a tag
        const int at = name.indexOf(dash);
        if (wrap && at > 0)
            name.insert(at + dash.size(), QStringLiteral("<br>"));
        names << name;
    }
    m_xAxis->setCategories(names);
}

void LagHistogramChart::installYAxis()
{
    // Empty buckets hold zero on a linear axis and the floor on a log one, which cannot take
    // zero. Each value moves while an axis that can show it is attached, or Qt Charts warns.
    auto moveEmpty = [this](double from, double to) {
        for (QBarSet *set : {m_rawSet, m_correctedSet}) {
            for (int i = 0; i < set->count(); ++i) {
                if (set->at(i) == from)
                    set->replace(i, to);
            }
        }
    };
    QChart *c = chart();
    if (m_logScale)
        moveEmpty(0.0, kLogFloor);
    if (m_yAxis) {
        m_series->detachAxis(m_yAxis);
        c->removeAxis(m_yAxis);
        delete m_yAxis;
    }
    if (m_logScale) {
        m_yAxis = ChartStyle::logAxis(kLogFloor, 10.0, -1);
    } else {
        auto *axis = new QValueAxis;
        axis->setLabelFormat(QStringLiteral("%.0f"));
        axis->setRange(0, 5);
        m_yAxis = axis;
    }
    m_yAxis->setTitleText(tr("ticks"));
    ChartStyle::styleAxis(m_yAxis, ChartStyle::adjusted(font(), -1.5));
    c->addAxis(m_yAxis, Qt::AlignLeft);
    m_series->attachAxis(m_yAxis);
    if (!m_logScale)
        moveEmpty(kLogFloor, 0.0);
}

void LagHistogramChart::showBarToolTip(bool status, int index, QBarSet *set)
{
    if (!status || index < 0 || index >= kCategories) {
        QToolTip::hideText();
        return;
    }
    const bool corrected = set == m_correctedSet;
    const qint64 n = count(index, corrected);
    const qint64 total = totalCount(corrected);
    const double share = total > 0 ? 100.0 * double(n) / double(total) : 0.0;
    const QString shareText = QString::number(share, 'f', share < 1 ? 2 : 1);
    QString text = corrected ? tr("Stall-corrected, %1 ms: %n ticks (%2 %)", nullptr, int(n)).arg(categoryName(index), shareText)
                             : tr("Raw, %1 ms: %n ticks (%2 %)", nullptr, int(n)).arg(categoryName(index), shareText);
    if (corrected)
        text += QLatin1Char('\n') + explanation() + QLatin1Char('.');
    QToolTip::showText(QCursor::pos(), text, this);
}

void LagHistogramChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (!Theme::isThemeChange(event))
        return;
    ChartStyle::applyTheme(chart());
    setBackgroundBrush(Theme::backgroundColor());
    m_rawSet->setColor(Theme::lagColor());
    m_rawSet->setBorderColor(Theme::isDark() ? Theme::lagColor().lighter(130) : Theme::lagColor().darker(130));
}
