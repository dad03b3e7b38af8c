#include "compare/comparisonview.h"

#include "charts/lagdecimator.h"
#include "compare/comparisonbuckets.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "style/axisstep.h"
#include "style/chartstyle.h"
#include "style/theme.h"
#include "stats/verdict.h"

#include <QApplication>
#include <QCheckBox>
#include <QEvent>
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
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>

namespace {
enum Column { ModeColumn, P50, P95, P99, P99Corrected, Max, LongTasks, Missed, Tasks, Busy, VerdictColumn, ColumnCount };

void prepareView(QChartView *view, const QFont &base, const QString &title)
{
    ChartStyle::prepareView(view, QMargins(4, 2, 10, 0), ChartStyle::scaled(base, 1.1, true), base, Qt::AlignBottom);
    view->chart()->setTitle(title);
    view->setMinimumHeight(260);
}

void styleAxis(QAbstractAxis *axis, const QFont &base, const QString &title)
{
    axis->setTitleText(title);
    ChartStyle::styleAxis(axis, ChartStyle::scaled(base, 0.95));
}

void removeAxesAndSeries(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}

// The comparison's labels sit on a slightly denser veil than the live chart's.
constexpr int kVeilAlpha = 210;
constexpr double kVeilPadding = 2;

void placeLabel(ReferenceLine &line, QPointF at, bool visible)
{
    line.setLabelVisible(visible);
    line.placeLabel(at, kVeilPadding);
}

void removeLabels(QList<ReferenceLine> *lines)
{
    for (ReferenceLine &r : *lines)
        r.removeLabel();
    lines->clear();
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

    prepareView(m_lagView, font(), tr("Tick lateness over time, each run from its own start"));
    prepareView(m_histogramView, font(), tr("Lateness distribution: share of ticks per bucket"));
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

    m_xMaxS = ComparisonBuckets::timeSpanS(results, base.durationS);

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

void ComparisonView::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    fitTableHeight();
}

void ComparisonView::buildLagChart()
{
    QChart *chart = m_lagView->chart();
    removeAxesAndSeries(chart);
    removeLabels(&m_references);
    m_lagSeries.clear();

    QValueAxis *xAxis = ChartStyle::stepAxis();
    styleAxis(xAxis, font(), tr("time since the run started (s)"));
    chart->addAxis(xAxis, Qt::AlignBottom);

    const ComparisonBuckets::Axis lateness = ComparisonBuckets::latenessAxis(m_results, m_logScale);
    m_yMaxMs = lateness.max;
    QAbstractAxis *yAxis = nullptr;
    if (m_logScale) {
        yAxis = ChartStyle::logAxis(ChartStyle::kLogAxisMinMs, m_yMaxMs);
        styleAxis(yAxis, font(), tr("tick lateness (ms, log scale)"));
    } else {
        QValueAxis *axis = ChartStyle::stepAxis();
        axis->setRange(0.0, m_yMaxMs);
        axis->setTickInterval(lateness.step);
        axis->setLabelFormat(AxisStep::labelFormat(lateness.step));
        yAxis = axis;
        styleAxis(yAxis, font(), tr("tick lateness (ms)"));
    }
    chart->addAxis(yAxis, Qt::AlignLeft);
    const ComparisonBuckets::Axis time = ComparisonBuckets::timeAxis(m_xMaxS);
    xAxis->setRange(0.0, time.max);
    xAxis->setTickInterval(time.step);
    xAxis->setLabelFormat(AxisStep::labelFormat(time.step));

    const QList<QPair<double, QString>> references = {
        {1000.0 / 60.0, tr("16.7 ms · one frame")},
        {Statistics::kLongTaskMs, tr("50 ms · long task")},
        {100.0, tr("100 ms · input feels slow")},
    };
    for (const auto &[ms, text] : references) {
        ReferenceLine r(chart, ms, text, ChartStyle::scaled(font(), 0.9), Qt::DashLine, kVeilAlpha);
        r.setSpan(0.0, m_xMaxS);
        r.series()->attachAxis(xAxis);
        r.series()->attachAxis(yAxis);
        r.hideFromLegend(chart);
        m_references.append(r);
    }

    // The shared legend above the charts keeps the order the modes ran in.
    m_lagSeries = QList<QLineSeries *>(m_results.size(), nullptr);
    for (int i : ComparisonBuckets::drawingOrder(m_results)) {
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
        const double floor = m_logScale ? ChartStyle::kLogMinMs : 0.0;
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
    for (ReferenceLine &r : m_references) {
        const bool inside = plot.isValid() && r.ms() <= m_yMaxMs;
        const double lineY = chart->mapToPosition(QPointF(m_xMaxS, r.ms()), r.series()).y();
        placeLabel(r, r.labelPosAtRight(plot, lineY), inside);
    }
}

void ComparisonView::placeHistogramLabels()
{
    QChart *chart = m_histogramView->chart();
    const QRectF plot = chart->plotArea();
    double freeFrom = plot.left();
    for (ReferenceLine &r : m_histogramReferences) {
        const double lineX = chart->mapToPosition(QPointF(r.ms(), m_histogramMaxShare), r.series()).x();
        // The thresholds sit close on a log axis: a label that would overlap its neighbour is left out.
        const double width = r.labelBounds().width();
        const bool fits = plot.isValid() && lineX + 3 >= freeFrom && lineX + 3 + width <= plot.right();
        placeLabel(r, QPointF(lineX + 3, plot.top() + 2), fits);
        if (fits)
            freeFrom = lineX + 3 + width + 4;
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
    removeLabels(&m_histogramReferences);

    const ComparisonBuckets::Histogram histogram = ComparisonBuckets::histogram(m_results);
    m_histogramMaxShare = histogram.share.max;

    QLogValueAxis *xAxis = ChartStyle::logAxis(histogram.xMinMs * (1.0 - 1e-9), histogram.xMaxMs);
    styleAxis(xAxis, font(),
              tr("tick lateness (ms, log scale; %1 buckets per decade)").arg(ComparisonBuckets::kBucketsPerDecade));
    chart->addAxis(xAxis, Qt::AlignBottom);
    QValueAxis *yAxis = ChartStyle::stepAxis();
    yAxis->setRange(0.0, m_histogramMaxShare);
    yAxis->setTickInterval(histogram.share.step);
    yAxis->setLabelFormat(AxisStep::labelFormat(histogram.share.step));
    styleAxis(yAxis, font(), tr("share of the run's ticks (%)"));
    chart->addAxis(yAxis, Qt::AlignLeft);

    const QList<QPair<double, QString>> references = {
        {1000.0 / 60.0, tr("frame")},
        {Statistics::kLongTaskMs, tr("long")},
        {100.0, tr("slow")},
    };
    for (const auto &[ms, text] : references) {
        ReferenceLine r(chart, ms, text, ChartStyle::scaled(font(), 0.85), Qt::DashLine, kVeilAlpha);
        r.setHeight(0.0, m_histogramMaxShare);
        r.series()->attachAxis(xAxis);
        r.series()->attachAxis(yAxis);
        m_histogramReferences.append(r);
    }

    // Worst first, as on the lag chart, so the narrow peaks of the quiet modes stay on top.
    for (int i : ComparisonBuckets::drawingOrder(m_results)) {
        const ExecMode mode = m_results.at(i).mode;
        auto *upper = new QLineSeries;
        upper->append(ComparisonBuckets::outline(histogram.shares.at(i), histogram.first, histogram.last));
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

void ComparisonView::prepareOffscreen()
{
    setAttribute(Qt::WA_DontShowOnScreen);
    m_logBox->hide(); // a control, not part of the picture; the axis title says "log"
}

void ComparisonView::settle(QSize size)
{
    show(); // lays out every child at its final size before rendering
    // Twice: the table's wrapped rows, and so the view's minimum height, settle only once
    // the columns have their final widths.
    for (int pass = 0; pass < 2; ++pass) {
        QApplication::processEvents();
        fitTableHeight();
        resize(size);
        QApplication::processEvents();
    }
    rebuildLagSeries();
    placeHistogramLabels();
    QApplication::processEvents();
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
