#include "compare/comparisonview.h"

#include "charts/lagdecimator.h"
#include "export/pngexporter.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "style/chartstyle.h"
#include "style/theme.h"
#include "stats/verdict.h"

#include <QApplication>
#include <QCheckBox>
#include <QEvent>
#include <QGraphicsLayout>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPixmap>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {
// Log axes cannot show zero; lateness at or below zero sits on this floor.
constexpr double kLogMinMs = 0.01;
// A hair below the floor: QLogValueAxis computes ln(0.01)/ln(10) as just above -2 and would
// drop the bottom decade's tick and label.
constexpr double kLogAxisMinMs = kLogMinMs * (1.0 - 1e-9);
// Below this the linear axis does not shrink, so sub-millisecond jitter does not look like lag.
constexpr double kLinearFloorMs = 5.0;

enum Column { ModeColumn, P50, P95, P99, P99Corrected, Max, LongTasks, Missed, Tasks, Busy, VerdictColumn, ColumnCount };

void styleChart(QChart *chart, const QFont &base, const QString &title)
{
    ChartStyle::prepare(chart, QMargins(4, 2, 10, 0));
    chart->setTitle(title);
    chart->setTitleFont(ChartStyle::scaled(base, 1.1, true));
    chart->setTitleBrush(Theme::textColor());
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->legend()->setFont(base);
    chart->legend()->setLabelColor(Theme::textColor());
    chart->legend()->setMarkerShape(QLegend::MarkerShapeRectangle);
}

void styleAxis(QAbstractAxis *axis, const QFont &base, const QString &title)
{
    axis->setTitleText(title);
    ChartStyle::styleAxis(axis, ChartStyle::scaled(base, 0.95));
}

QLogValueAxis *logAxis(double min, double max)
{
    auto *axis = new QLogValueAxis;
    axis->setBase(10.0);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(8);
    axis->setRange(min, max);
    return axis;
}

void removeAxesAndSeries(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

void hideFromLegend(QChart *chart, QAbstractSeries *series)
{
    for (QLegendMarker *marker : chart->legend()->markers(series))
        marker->setVisible(false);
}

QPen referencePen()
{
    QPen pen(Theme::mutedTextColor(), 1.0, Qt::DashLine);
    pen.setCosmetic(true);
    return pen;
}

void addLabel(QChart *chart, const QString &text, const QFont &font, QGraphicsSimpleTextItem **label,
              QGraphicsRectItem **veil)
{
    *veil = new QGraphicsRectItem(chart);
    (*veil)->setPen(Qt::NoPen);
    QColor background = Theme::backgroundColor();
    background.setAlpha(210);
    (*veil)->setBrush(background);
    (*veil)->setZValue(100);
    *label = new QGraphicsSimpleTextItem(text, chart);
    (*label)->setFont(font);
    (*label)->setBrush(Theme::mutedTextColor());
    (*label)->setZValue(101);
}

void placeLabel(QGraphicsSimpleTextItem *label, QGraphicsRectItem *veil, QPointF at, bool visible)
{
    label->setVisible(visible);
    veil->setVisible(visible);
    label->setPos(at);
    const QRectF text = label->boundingRect();
    veil->setRect(QRectF(at.x() - 2, at.y(), text.width() + 4, text.height()));
}

QIcon swatch(ExecMode mode)
{
    QPixmap pixmap(14, 14);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.fillRect(QRect(1, 1, 12, 12), Theme::modeColor(mode));
    return QIcon(pixmap);
}
} // namespace

ComparisonView::ComparisonView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Loop Lab — comparing modes"), this))
    , m_subtitle(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_legend(new QLabel(this))
    , m_logBox(new QCheckBox(tr("Log scale"), this))
    , m_lagView(new QChartView(this))
    , m_histogramView(new QChartView(this))
    , m_table(new QTableWidget(this))
{
    setAutoFillBackground(true);
    applyTheme();

    m_title->setFont(ChartStyle::scaled(font(), 1.4, true));
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setFont(ChartStyle::scaled(font(), 1.1, true));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setToolTip(tr("Computed from these runs' measurements."));
    m_logBox->setChecked(m_logScale);
    m_logBox->setToolTip(tr("Lag chart: logarithmic lateness axis, so sub-millisecond and 100 ms lag both show."));
    connect(m_logBox, &QCheckBox::toggled, this, &ComparisonView::setLogScale);

    for (QChartView *view : {m_lagView, m_histogramView}) {
        view->setRenderHint(QPainter::Antialiasing);
        view->setFrameShape(QFrame::NoFrame);
        view->setBackgroundBrush(Theme::backgroundColor());
        view->setMinimumHeight(260);
    }
    styleChart(m_lagView->chart(), font(), tr("Tick lateness over time, each run from its own start"));
    styleChart(m_histogramView->chart(), font(), tr("Lateness distribution: share of ticks per bucket"));
    connect(m_lagView->chart(), &QChart::plotAreaChanged, this, [this] {
        placeReferenceLabels();
        if (lagColumns() != m_lastColumns)
            m_lagRebuild.schedule();
    });
    connect(m_histogramView->chart(), &QChart::plotAreaChanged, this, &ComparisonView::placeHistogramLabels);
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);

    m_table->setColumnCount(ColumnCount);
    const QList<QPair<QString, QString>> headers = {
        {tr("Mode"), tr("Where each task ran")},
        {tr("p50\n(ms)"), tr("Median tick lateness")},
        {tr("p95\n(ms)"), tr("95th percentile of tick lateness")},
        {tr("p99\n(ms)"), tr("99th percentile of tick lateness")},
        {tr("p99 corrected\n(ms)"), tr("p99 counting the ticks a blocked loop should have fired (coordinated omission)")},
        {tr("max\n(ms)"), tr("Lateness of the latest tick")},
        {tr("long\ntasks"), tr("Ticks at least %1 ms late").arg(Statistics::kLongTaskMs)},
        {tr("missed\nticks"), tr("Ticks that never fired because the loop was blocked")},
        {tr("tasks\ndone"), tr("Tasks completed in the run")},
        {tr("loop\nbusy"), tr("Share of the run the GUI thread spent running tasks")},
        {tr("Verdict"), tr("What the run showed, computed from its figures")},
    };
    for (int c = 0; c < ColumnCount; ++c) {
        auto *item = new QTableWidgetItem(headers.at(c).first);
        item->setToolTip(headers.at(c).second);
        m_table->setHorizontalHeaderItem(c, item);
    }
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_table->setFont(ChartStyle::scaled(font(), 1.1));
    m_table->setStyleSheet(QStringLiteral("QTableView::item { padding: 3px 8px; }"));
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(VerdictColumn, QHeaderView::Stretch);
    header->setDefaultAlignment(Qt::AlignCenter);
    QFont headerFont = header->font();
    headerFont.setBold(true);
    header->setFont(headerFont);
    // Wrapped verdicts change height with the column width, known only after layout.
    connect(header, &QHeaderView::sectionResized, this, &ComparisonView::scheduleTableFit);

    auto *legendNote = new QLabel(
        tr("Lateness: how much later than scheduled the loop's ticker fired; every figure is in ms. "
           "Corrected: counting the ticks a blocked loop should have fired. "
           "Long task: a tick ≥ %1 ms late. Loop busy: share of the run the GUI thread spent running tasks.")
            .arg(Statistics::kLongTaskMs),
        this);
    legendNote->setWordWrap(true);
    legendNote->setObjectName(QStringLiteral("legendNote"));
    QPalette muted = legendNote->palette();
    muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
    legendNote->setPalette(muted);

    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title, 1);
    titleRow->addWidget(m_logBox);
    auto *charts = new QHBoxLayout;
    charts->setSpacing(8);
    charts->addWidget(m_lagView, 3);
    charts->addWidget(m_histogramView, 2);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(4);
    layout->addLayout(titleRow);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_verdict);
    layout->addWidget(m_legend);
    layout->addLayout(charts, 1);
    layout->addWidget(m_table);
    layout->addWidget(legendNote);

    setResults({}, RunConfig());
}

ComparisonView::~ComparisonView() = default;

void ComparisonView::setResults(const QVector<Comparison::Result> &results, const RunConfig &base)
{
    m_results = results;
    m_base = base;
    m_subtitle->setText(describeWorkload(base));
    m_verdict->setText(Comparison::verdict(results));
    bool anyBlocked = false;
    for (const Comparison::Result &r : results)
        anyBlocked = anyBlocked || r.summary.longTasks > 0 || r.summary.p99Ms >= Verdict::kFrameMs;
    QPalette p = m_verdict->palette();
    p.setColor(QPalette::WindowText, anyBlocked ? Theme::modeColor(ExecMode::Inline) : Theme::modeColor(ExecMode::Pool));
    m_verdict->setPalette(p);

    QStringList legend;
    for (const Comparison::Result &r : results) {
        legend << QStringLiteral("<span style=\"white-space:nowrap\"><span style=\"color:%1; font-size:large\">&#9632;</span>"
                                     "&nbsp;<b>%2</b> — %3</span>")
                      .arg(Theme::modeColor(r.mode).name(), Kinds::name(r.mode), Kinds::label(r.mode).toHtmlEscaped());
    }
    m_legend->setText(legend.join(QStringLiteral(" &nbsp;&nbsp;&nbsp; ")));

    m_xMaxS = 0;
    for (const Comparison::Result &r : results)
        m_xMaxS = std::max(m_xMaxS, double(r.endNs - r.startNs) / 1e9);
    if (!(m_xMaxS > 0))
        m_xMaxS = base.durationS > 0 ? base.durationS : 1.0;

    buildLagChart();
    buildHistogram();
    buildTable();
}

void ComparisonView::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    m_logBox->setChecked(on);
    buildLagChart();
}

QString ComparisonView::verdictText() const
{
    return m_verdict->text();
}

QString ComparisonView::describeWorkload(const RunConfig &base)
{
    const QString work = base.work == WorkKind::Io ? tr("blocking I/O of %1 ms").arg(base.ioMs)
                                                   : tr("CPU: parse + walk %1 KB of JSON").arg(base.jsonKb);
    return tr("Same workload in each mode, one run after another — work: %1, one task every %2 ms · "
              "ticker every %3 ms · %4 workers · %5 s per mode")
        .arg(work)
        .arg(base.periodMs)
        .arg(base.intervalMs)
        .arg(base.workers)
        .arg(base.durationS, 0, 'g', 3);
}

int ComparisonView::bucketOf(double ms)
{
    if (!(ms > kHistogramMinMs))
        return 0;
    const int b = int(std::floor(std::log10(ms / kHistogramMinMs) * kBucketsPerDecade + 1e-9));
    return std::clamp(b, 0, kHistogramBuckets - 1);
}

double ComparisonView::bucketLowerMs(int bucket)
{
    return kHistogramMinMs * std::pow(10.0, double(bucket) / kBucketsPerDecade);
}

void ComparisonView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTableHeight();
}

void ComparisonView::buildLagChart()
{
    QChart *chart = m_lagView->chart();
    removeAxesAndSeries(chart);
    for (Reference &r : m_references) {
        delete r.label;
        delete r.veil;
    }
    m_references.clear();
    m_lagSeries.clear();

    auto *xAxis = new QValueAxis;
    xAxis->setTickType(QValueAxis::TicksDynamic);
    xAxis->setTickAnchor(0.0);
    xAxis->setMinorTickCount(0);
    styleAxis(xAxis, font(), tr("time since the run started (s)"));
    chart->addAxis(xAxis, Qt::AlignBottom);

    double maxMs = 0;
    for (const Comparison::Result &r : std::as_const(m_results))
        maxMs = std::max(maxMs, r.summary.maxMs);
    const double wanted = std::max(kLinearFloorMs, maxMs * 1.1);
    QAbstractAxis *yAxis = nullptr;
    if (m_logScale) {
        m_yMaxMs = std::pow(10.0, std::ceil(std::log10(std::max(wanted, 200.0)) - 1e-9));
        yAxis = logAxis(kLogAxisMinMs, m_yMaxMs);
        styleAxis(yAxis, font(), tr("tick lateness (ms, log scale)"));
    } else {
        const double step = ChartStyle::niceStep(wanted / 6.0);
        m_yMaxMs = std::ceil(wanted / step - 1e-9) * step;
        auto *axis = new QValueAxis;
        axis->setRange(0.0, m_yMaxMs);
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0.0);
        axis->setTickInterval(step);
        axis->setMinorTickCount(0);
        axis->setLabelFormat(ChartStyle::formatForStep(step));
        yAxis = axis;
        styleAxis(yAxis, font(), tr("tick lateness (ms)"));
    }
    chart->addAxis(yAxis, Qt::AlignLeft);
    const double xStep = ChartStyle::niceStep(m_xMaxS / 10.0);
    xAxis->setRange(0.0, m_xMaxS);
    xAxis->setTickInterval(xStep);
    xAxis->setLabelFormat(ChartStyle::formatForStep(xStep));

    const QList<QPair<double, QString>> references = {
        {1000.0 / 60.0, tr("16.7 ms · one frame")},
        {Statistics::kLongTaskMs, tr("50 ms · long task")},
        {100.0, tr("100 ms · input feels slow")},
    };
    for (const auto &[ms, text] : references) {
        Reference r;
        r.ms = ms;
        r.series = new QLineSeries;
        r.series->setName(text);
        r.series->setPen(referencePen());
        r.series->append(0.0, ms);
        r.series->append(m_xMaxS, ms);
        chart->addSeries(r.series);
        r.series->attachAxis(xAxis);
        r.series->attachAxis(yAxis);
        hideFromLegend(chart, r.series);
        addLabel(chart, text, ChartStyle::scaled(font(), 0.9), &r.label, &r.veil);
        m_references.append(r);
    }

    // Worst first, so the quieter lines are drawn over its spikes and stay visible; the
    // shared legend above the charts keeps the order the modes ran in.
    QVector<int> order(m_results.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return m_results.at(a).summary.p99Ms > m_results.at(b).summary.p99Ms;
    });
    m_lagSeries = QList<QLineSeries *>(m_results.size(), nullptr);
    for (int i : std::as_const(order)) {
        const ExecMode mode = m_results.at(i).mode;
        auto *series = new QLineSeries;
        series->setName(Kinds::name(mode));
        QPen pen(Theme::modeColor(mode), 1.6);
        pen.setJoinStyle(Qt::RoundJoin);
        series->setPen(pen);
        chart->addSeries(series);
        series->attachAxis(xAxis);
        series->attachAxis(yAxis);
        m_lagSeries[i] = series;
    }
    chart->legend()->hide();
    rebuildLagSeries();
}

void ComparisonView::rebuildLagSeries()
{
    m_lagRebuild.cancel();
    const int columns = lagColumns();
    m_lastColumns = columns;
    const LagDecimator decimator(0.0, m_xMaxS, columns);
    for (int i = 0; i < m_results.size() && i < m_lagSeries.size(); ++i) {
        const Comparison::Result &r = m_results.at(i);
        QList<QPointF> points;
        if (r.recorder)
            points = decimator.decimate(r.recorder->ticks(), r.startNs);
        const double floor = m_logScale ? kLogMinMs : 0.0;
        for (QPointF &p : points)
            p.setY(std::max(p.y(), floor));
        m_lagSeries.at(i)->replace(points);
    }
    placeReferenceLabels();
}

void ComparisonView::placeReferenceLabels()
{
    QChart *chart = m_lagView->chart();
    const QRectF plot = chart->plotArea();
    for (Reference &r : m_references) {
        const bool inside = plot.isValid() && r.ms <= m_yMaxMs;
        const double lineY = chart->mapToPosition(QPointF(m_xMaxS, r.ms), r.series).y();
        const QRectF text = r.label->boundingRect();
        double y = lineY - text.height() - 1;
        if (y < plot.top())
            y = lineY + 2;
        placeLabel(r.label, r.veil, QPointF(plot.right() - text.width() - 6, y), inside);
    }
}

void ComparisonView::placeHistogramLabels()
{
    QChart *chart = m_histogramView->chart();
    const QRectF plot = chart->plotArea();
    double freeFrom = plot.left();
    for (Reference &r : m_histogramReferences) {
        const double lineX = chart->mapToPosition(QPointF(r.ms, m_histogramMaxShare), r.series).x();
        // The thresholds sit close on a log axis: a label that would overlap its neighbour is left out.
        const bool fits = plot.isValid() && lineX + 3 >= freeFrom
                          && lineX + 3 + r.label->boundingRect().width() <= plot.right();
        placeLabel(r.label, r.veil, QPointF(lineX + 3, plot.top() + 2), fits);
        if (fits)
            freeFrom = lineX + 3 + r.label->boundingRect().width() + 4;
    }
}

int ComparisonView::lagColumns() const
{
    const double width = m_lagView->chart()->plotArea().width();
    if (width >= 16)
        return int(width);
    // Not laid out yet: guess from the widget, the next plotAreaChanged corrects it.
    return std::max(100, m_lagView->width() - 80);
}

void ComparisonView::buildHistogram()
{
    QChart *chart = m_histogramView->chart();
    removeAxesAndSeries(chart);
    for (Reference &r : m_histogramReferences) {
        delete r.label;
        delete r.veil;
    }
    m_histogramReferences.clear();

    // Raw ticks, as the lag chart draws them; the corrected figures are in the table.
    QVector<QVector<double>> shares;
    int first = kHistogramBuckets;
    int last = -1;
    double maxShare = 0;
    for (const Comparison::Result &r : std::as_const(m_results)) {
        QVector<double> share(kHistogramBuckets, 0.0);
        const quint32 n = r.recorder ? r.recorder->tickCount() : 0;
        for (quint32 i = 0; i < n; ++i)
            share[bucketOf(double(r.recorder->tick(i).latenessNs()) / 1e6)] += 1;
        for (int b = 0; b < kHistogramBuckets; ++b) {
            if (share.at(b) == 0)
                continue;
            share[b] *= 100.0 / double(n);
            first = std::min(first, b);
            last = std::max(last, b);
            maxShare = std::max(maxShare, share.at(b));
        }
        shares.append(share);
    }
    if (last < 0) {
        first = 0;
        last = kHistogramBuckets / 2;
    }
    // Whole decades, and always the thresholds, so two exports line up by eye.
    const double xMin = std::min(0.1, std::pow(10.0, std::floor(std::log10(bucketLowerMs(first)) + 1e-9)));
    const double xMax = std::max(1000.0, std::pow(10.0, std::ceil(std::log10(bucketLowerMs(last + 1)) - 1e-9)));
    const double yStep = ChartStyle::niceStep(std::max(maxShare, 1.0) * 1.1 / 5.0);
    m_histogramMaxShare = std::ceil(std::max(maxShare, 1.0) * 1.1 / yStep - 1e-9) * yStep;

    QLogValueAxis *xAxis = logAxis(xMin * (1.0 - 1e-9), xMax);
    styleAxis(xAxis, font(), tr("tick lateness (ms, log scale; %1 buckets per decade)").arg(kBucketsPerDecade));
    chart->addAxis(xAxis, Qt::AlignBottom);
    auto *yAxis = new QValueAxis;
    yAxis->setRange(0.0, m_histogramMaxShare);
    yAxis->setTickType(QValueAxis::TicksDynamic);
    yAxis->setTickAnchor(0.0);
    yAxis->setTickInterval(yStep);
    yAxis->setMinorTickCount(0);
    yAxis->setLabelFormat(ChartStyle::formatForStep(yStep));
    styleAxis(yAxis, font(), tr("share of the run's ticks (%)"));
    chart->addAxis(yAxis, Qt::AlignLeft);

    const QList<QPair<double, QString>> references = {
        {1000.0 / 60.0, tr("frame")},
        {Statistics::kLongTaskMs, tr("long")},
        {100.0, tr("slow")},
    };
    for (const auto &[ms, text] : references) {
        Reference r;
        r.ms = ms;
        r.series = new QLineSeries;
        r.series->setPen(referencePen());
        r.series->append(ms, 0.0);
        r.series->append(ms, m_histogramMaxShare);
        chart->addSeries(r.series);
        r.series->attachAxis(xAxis);
        r.series->attachAxis(yAxis);
        addLabel(chart, text, ChartStyle::scaled(font(), 0.85), &r.label, &r.veil);
        m_histogramReferences.append(r);
    }

    // Worst first, as on the lag chart, so the narrow peaks of the quiet modes stay on top.
    QVector<int> order(m_results.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [this](int a, int b) {
        return m_results.at(a).summary.p99Ms > m_results.at(b).summary.p99Ms;
    });
    for (int i : std::as_const(order)) {
        const ExecMode mode = m_results.at(i).mode;
        const QVector<double> &share = shares.at(i);
        auto *upper = new QLineSeries;
        upper->append(bucketLowerMs(first), 0.0);
        for (int b = first; b <= last; ++b) {
            upper->append(bucketLowerMs(b), share.at(b));
            upper->append(bucketLowerMs(b + 1), share.at(b));
        }
        upper->append(bucketLowerMs(last + 1), 0.0);
        auto *area = new QAreaSeries(upper);
        upper->setParent(area); // the area does not own its outline; removeAllSeries deletes the area
        area->setName(Kinds::name(mode));
        QColor fill = Theme::modeColor(mode);
        fill.setAlpha(40);
        area->setBrush(fill);
        QPen pen(Theme::modeColor(mode), 2.0);
        pen.setJoinStyle(Qt::MiterJoin);
        area->setPen(pen);
        chart->addSeries(area);
        area->attachAxis(xAxis);
        area->attachAxis(yAxis);
    }
    chart->legend()->hide();
    placeHistogramLabels();
}

void ComparisonView::buildTable()
{
    m_table->clearContents();
    m_table->setRowCount(int(m_results.size()));
    double bestP99 = 0, worstP99 = 0;
    for (int i = 0; i < m_results.size(); ++i) {
        const double p99 = m_results.at(i).summary.p99Ms;
        bestP99 = i == 0 ? p99 : std::min(bestP99, p99);
        worstP99 = i == 0 ? p99 : std::max(worstP99, p99);
    }
    const bool rank = m_results.size() > 1 && worstP99 > bestP99;
    auto number = [this](int row, int column, const QString &text) -> QTableWidgetItem * {
        auto *item = new QTableWidgetItem(text);
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, column, item);
        return item;
    };
    for (int row = 0; row < m_results.size(); ++row) {
        const Comparison::Result &r = m_results.at(row);
        const Summary &s = r.summary;
        QString modeText = Kinds::name(r.mode);
        if (r.interrupted)
            modeText += QLatin1Char('\n') + tr("stopped after %1 s").arg(s.durationS, 0, 'f', 1);
        auto *mode = new QTableWidgetItem(swatch(r.mode), modeText);
        mode->setToolTip(Kinds::label(r.mode));
        QFont bold = m_table->font();
        bold.setBold(true);
        mode->setFont(bold);
        m_table->setItem(row, ModeColumn, mode);
        number(row, P50, Comparison::formatMs(s.p50Ms));
        number(row, P95, Comparison::formatMs(s.p95Ms));
        QTableWidgetItem *p99 = number(row, P99, Comparison::formatMs(s.p99Ms));
        if (rank && (s.p99Ms == worstP99 || s.p99Ms == bestP99)) {
            p99->setFont(bold);
            p99->setForeground(s.p99Ms == worstP99 ? Theme::modeColor(ExecMode::Inline) : Theme::modeColor(ExecMode::Pool));
            p99->setToolTip(s.p99Ms == worstP99 ? tr("Worst p99 of these runs") : tr("Best p99 of these runs"));
        }
        number(row, P99Corrected, Comparison::formatMs(s.p99CorrectedMs));
        number(row, Max, Comparison::formatMs(s.maxMs));
        number(row, LongTasks, QString::number(s.longTasks));
        number(row, Missed, QString::number(s.missedTicks));
        number(row, Tasks, QString::number(s.tasks));
        number(row, Busy, QString::number(s.loopBusyPct, 'f', 1) + QStringLiteral(" %"));
        auto *verdict = new QTableWidgetItem(s.verdict);
        verdict->setToolTip(s.verdict);
        m_table->setItem(row, VerdictColumn, verdict);
    }
    fitTableHeight();
}

void ComparisonView::scheduleTableFit()
{
    if (m_fitPending)
        return;
    m_fitPending = true;
    QMetaObject::invokeMethod(
        this, [this] {
            if (m_fitPending)
                fitTableHeight();
        },
        Qt::QueuedConnection);
}

void ComparisonView::fitTableHeight()
{
    m_fitPending = false;
    m_table->resizeRowsToContents();
    int height = m_table->horizontalHeader()->sizeHint().height() + 2 * m_table->frameWidth();
    for (int row = 0; row < m_table->rowCount(); ++row)
        height += m_table->rowHeight(row);
    m_table->setFixedHeight(height);
}

QImage ComparisonView::render(const QVector<Comparison::Result> &results, const RunConfig &base, QSize size,
                              bool logScale)
{
    ComparisonView view;
    view.setAttribute(Qt::WA_DontShowOnScreen);
    view.setLogScale(logScale);
    view.m_logBox->hide(); // a control, not part of the picture; the axis title says "log"
    view.resize(size);
    view.setResults(results, base);
    view.show(); // lays out every child at its final size before rendering
    // Twice: the table's wrapped rows, and so the view's minimum height, settle only once
    // the columns have their final widths.
    for (int pass = 0; pass < 2; ++pass) {
        QApplication::processEvents();
        view.fitTableHeight();
        view.resize(size);
        QApplication::processEvents();
    }
    view.rebuildLagSeries();
    view.placeHistogramLabels();
    QApplication::processEvents();
    QImage image = PngExporter::render(&view, 1.0);
    if (image.size() != size) // asked for less than the view's minimum size
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

bool ComparisonView::encodePng(const QVector<Comparison::Result> &results, const RunConfig &base, QSize size,
                               QByteArray *png, QString *error)
{
    return PngExporter::encode(render(results, base, size), png, error);
}

bool ComparisonView::exportPng(const QVector<Comparison::Result> &results, const RunConfig &base, const QString &path,
                               QSize size, QString *error)
{
    return PngExporter::save(render(results, base, size), path, error);
}

void ComparisonView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (!Theme::isThemeChange(event) || m_applyingTheme)
        return;
    m_applyingTheme = true;
    applyTheme();
    for (QChartView *view : {m_lagView, m_histogramView}) {
        view->setBackgroundBrush(Theme::backgroundColor());
        ChartStyle::applyTheme(view->chart());
    }
    if (auto *note = findChild<QLabel *>(QStringLiteral("legendNote"))) {
        QPalette muted = note->palette();
        muted.setColor(QPalette::WindowText, Theme::mutedTextColor());
        note->setPalette(muted);
    }
    if (!m_results.isEmpty())
        setResults(m_results, m_base); // reference lines and labels take the new colours
    m_applyingTheme = false;
}

void ComparisonView::applyTheme()
{
    QPalette p = palette();
    p.setColor(QPalette::Window, Theme::backgroundColor());
    p.setColor(QPalette::WindowText, Theme::textColor());
    setPalette(p);
}
