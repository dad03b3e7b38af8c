#include "window/dashboard.h"

#include "charts/laghistogramchart.h"
#include "charts/latencychart.h"
#include "window/longtasklog.h"
#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "window/statsstrip.h"
#include "stats/summary.h"
#include "style/theme.h"
#include "timeline/timelineview.h"
#include "stats/verdict.h"

#include <QEvent>
#include <cmath>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

Dashboard::Dashboard(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Loop Lab — event-loop lag"), this))
    , m_subtitle(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_stats(new StatsStrip(this))
    , m_splitter(new QSplitter(Qt::Vertical, this))
    , m_chart(new LatencyChart(m_splitter))
    , m_timeline(new TimelineView(m_splitter))
    , m_tabs(new QTabWidget(m_splitter))
    , m_histogram(new LagHistogramChart(m_tabs))
    , m_longTasks(new LongTaskLog(m_tabs))
{
    setAutoFillBackground(true);
    applyTheme();

    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    m_title->setFont(titleFont);
    m_subtitle->setWordWrap(true);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont verdictFont = m_verdict->font();
    verdictFont.setBold(true);
    m_verdict->setFont(verdictFont);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setToolTip(tr("Computed from this run's measurements."));
    m_verdict->setAccessibleName(tr("Verdict"));
    m_subtitle->setAccessibleName(tr("Run description"));
    // The charts are read by screen readers through their names; the figures are in the strip.
    m_chart->setAccessibleName(tr("Latency chart"));
    m_chart->setAccessibleDescription(tr("Ticker lateness over time, with the reference lines and a band per mode."));
    // The hover label shows the lag under the cursor; how to zoom goes to the status bar.
    m_chart->setStatusTip(tr("Drag to zoom both charts, wheel to zoom around the cursor; right click or double "
                             "click shows the whole run."));
    m_timeline->setStatusTip(tr("Wheel zooms both charts, drag pans, Shift+wheel scrolls the lanes, F follows live."));
    m_timeline->setAccessibleName(tr("Task timeline"));
    m_timeline->setAccessibleDescription(tr("One lane per thread or process: queued time hatched, running time solid. "
                                            "Wheel zooms, drag pans, Shift+wheel scrolls the lanes, F follows live."));
    m_tabs->setAccessibleName(tr("Histogram and long tasks"));

    // The histogram first: it is what an exported image shows.
    m_tabs->addTab(m_histogram, tr("Histogram"));
    m_tabs->setTabToolTip(0, tr("Tick lateness, raw and stall-corrected, in log-spaced buckets."));
    m_tabs->addTab(m_longTasks, tr("Long tasks"));
    m_tabs->setTabToolTip(1, tr("Every loop stall of 50 ms or more and what ran on the loop meanwhile. "
                                "Click a row to show it on the timeline."));
    m_tabs->setDocumentMode(true);
    m_tabs->setMinimumHeight(140);
    // On a small screen (1024×700) the splitter's share shrinks to a few hundred pixels; these
    // keep the lag chart readable (its axes and a plot) and two timeline lanes in view.
    m_chart->setMinimumHeight(180);
    m_timeline->setMinimumHeight(90);
    connect(m_longTasks, &LongTaskLog::stallActivated, m_timeline, &TimelineView::showRange);
    // One time axis: the timeline owns it (follow, zoom, pan, jumps) and the chart shows the
    // same range at the same pixels; the chart's own gestures become the timeline's.
    auto toNs = [this](double s) { return m_originNs + qint64(std::llround(s * 1e9)); };
    connect(m_timeline, &TimelineView::rangeChanged, this, [this](qint64 start, qint64 end) {
        m_chart->setShownRange(double(start - m_originNs) / 1e9, double(end - m_originNs) / 1e9);
    });
    connect(m_chart, &LatencyChart::rangeSelected, this,
            [this, toNs](double s0, double s1) { m_timeline->showSpan(toNs(s0), toNs(s1)); });
    connect(m_chart, &LatencyChart::wholeRunRequested, m_timeline, &TimelineView::showAll);
    connect(m_chart, &LatencyChart::zoomRequested, this,
            [this, toNs](double at, double factor) { m_timeline->zoomAt(toNs(at), factor); });
    connect(m_chart, &LatencyChart::hovered, this,
            [this, toNs](double s) { m_timeline->setHoverNs(s < 0 ? -1 : toNs(s)); });
    connect(m_timeline, &TimelineView::hovered, this, [this](qint64 ns) {
        m_chart->setHoverSeconds(ns < 0 ? -1.0 : double(ns - m_originNs) / 1e9);
    });
    connect(m_chart, &LatencyChart::plotAreaMoved, this, [this] { m_alignCall.schedule(); });
    connect(m_timeline, &TimelineView::plotEdgesChanged, this, [this] { m_alignCall.schedule(); });
    const TimeAxis axis = m_timeline->axis();
    m_chart->setShownRange(double(axis.startNs) / 1e9, double(axis.endNs()) / 1e9);
    // A hidden histogram is not redrawn while live; it catches up when its tab shows.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_histogram->isVisible())
            m_histogram->refresh();
    });
    m_gapTimer.setSingleShot(true);
    m_gapTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_gapTimer, &QTimer::timeout, this,
            [this] { refreshNow(m_pendingNowNs + m_pendingSince.nsecsElapsed()); });

    m_splitter->addWidget(m_chart);
    m_splitter->addWidget(m_timeline);
    m_splitter->addWidget(m_tabs);
    // Growing the window grows the lag chart and the timeline; the tabs keep their height.
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setStretchFactor(2, 0);
    m_splitter->setChildrenCollapsible(false);
    // The tabs keep these 180 px; the chart and timeline share the rest 3:1 at the first layout.
    m_splitter->setSizes({620, 250, 180});

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_subtitle);
    layout->addWidget(m_verdict);
    layout->addWidget(m_stats);
    layout->addWidget(m_splitter, 1);
}

void Dashboard::setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs, qint64 intervalNs)
{
    m_histogramShownNs = -1;
    m_summaryLongTasks = -1;
    m_gapTimer.stop();
    m_lastFrameNs = 0;
    m_recorder = recorder;
    m_originNs = originNs;
    if (intervalNs > 0)
        m_intervalNs = intervalNs;
    m_chart->setRecorder(recorder, originNs);
    m_histogram->setRecorder(recorder, intervalNs > 0 ? intervalNs : m_histogram->intervalNs());
    m_longTasks->setRecorder(recorder, originNs);
    m_timeline->setRecorder(std::move(recorder), originNs);
    updateLongTasksTab();
}

void Dashboard::refreshCharts(qint64 nowNs)
{
    // Only a run going on now has ticks to keep clear of (exports and tests pass other times).
    const bool running = qAbs(MonotonicClock::nowNs() - nowNs) < 100'000'000;
    // LOOPLAB_EVERY_FRAME=1 draws every frame at once, as before (bench_watching compares).
    static const bool everyFrame = qEnvironmentVariableIntValue("LOOPLAB_EVERY_FRAME") != 0;
    if (!m_chart->isLive() || !m_recorder || !running || everyFrame) {
        m_gapTimer.stop();
        refreshNow(nowNs);
        return;
    }
    // Watching must not change what is measured: the GUI thread is the loop under test, so
    // a frame (refresh, paint, flush to the X server) that overlaps a probe tick shows up as
    // lag. Draw at a sane rate, and start each frame in the gap right after a tick.
    if (m_gapTimer.isActive() || nowNs - m_lastFrameNs < kMinFrameNs)
        return;
    m_lastFrameNs = nowNs;
    const qint64 waitNs = waitForGapNs(nowNs);
    if (waitNs <= 0) {
        refreshNow(nowNs);
        return;
    }
    m_pendingNowNs = nowNs;
    m_pendingSince.start();
    m_gapTimer.start(int((waitNs + 999'999) / 1'000'000));
}

qint64 Dashboard::waitForGapNs(qint64 nowNs) const
{
    const quint32 count = m_recorder->tickCount();
    if (count == 0 || m_intervalNs <= 0)
        return 0;
    // The probe runs a fixed-rate schedule from its last tick; a late loop skips, not shifts.
    qint64 nextDueNs = m_recorder->tick(count - 1).expectedNs + m_intervalNs;
    if (nextDueNs <= nowNs)
        nextDueNs += ((nowNs - nextDueNs) / m_intervalNs + 1) * m_intervalNs;
    const qint64 budgetNs = qMin(kFrameBudgetNs, m_intervalNs * 8 / 10);
    if (nextDueNs - nowNs >= budgetNs)
        return 0;
    return nextDueNs - nowNs + 300'000; // the tick's handler has run by then
}

void Dashboard::refreshNow(qint64 nowNs)
{
    // The timeline first: it moves the shared range, and the chart's refresh draws it.
    m_timeline->refresh(nowNs);
    if (m_timeline->preferredHeight() != m_fittedHeight) // lanes came or went
        growTimelineToFit();
    m_chart->refresh(nowNs);
    m_longTasks->refresh();
    // Counting every tick into two histograms is cheap, redrawing bars each frame is not.
    if (!m_chart->isLive()) {
        m_histogram->refresh();
    } else if (m_histogram->isVisible()
               && (m_histogramShownNs < 0 || nowNs - m_histogramShownNs >= kHistogramEveryNs)) {
        m_histogramShownNs = nowNs;
        m_histogram->refresh();
    }
    updateLongTasksTab();
    emit drawn(nowNs);
}

void Dashboard::setSummary(const Summary &summary, const RunConfig &config, ExecMode currentMode)
{
    // One Summary for every figure the dashboard shows: the strip, the histogram's title and
    // legend, the long-tasks tab and the verdict say the same numbers, rounded the same way.
    m_stats->setSummary(summary, currentMode);
    m_histogram->setIntervalNs(qint64(config.intervalMs) * 1000000);
    // While live the histogram draws its new figures with its next bars (refreshNow).
    if (summary.ticks > 0)
        m_histogram->setFigures(summary.p99Ms, summary.p99CorrectedMs,
                                m_chart->isLive() ? LagHistogramChart::Redraw::AtRefresh
                                                  : LagHistogramChart::Redraw::Now);
    m_summaryLongTasks = summary.ticks > 0 ? int(summary.longTasks) : -1;
    updateLongTasksTab();
    m_subtitle->setText(m_description.isEmpty() ? describeRun(summary, config) : m_description);
    m_verdict->setText(summary.verdict);
    const bool blocked = summary.longTasks > 0 || summary.p99Ms >= Verdict::kFrameMs;
    QPalette p = m_verdict->palette();
    p.setColor(QPalette::WindowText, blocked ? Theme::modeColor(ExecMode::Inline) : Theme::modeColor(ExecMode::Pool));
    m_verdict->setPalette(p);
}

void Dashboard::setDescription(const QString &text)
{
    m_description = text;
    m_timeline->setProgramRun(!text.isEmpty());
    if (!text.isEmpty())
        m_subtitle->setText(text);
}

QString Dashboard::verdictText() const
{
    return m_verdict->text();
}

void Dashboard::clear(ExecMode currentMode)
{
    m_stats->clear(currentMode);
    m_description.clear();
    m_timeline->setProgramRun(false);
    m_subtitle->setText(tr("No run yet: press Start (Space), or pick a lesson on the right."));
    m_verdict->clear();
    setRecorder(nullptr, 0);
}

void Dashboard::setLive(bool live)
{
    // A timeline that left live by itself (zoom, pan, a long-task row) keeps its view.
    const bool wasLive = m_timeline->isLive();
    m_chart->setLive(live);
    m_timeline->setLive(live);
    if (!live && wasLive)
        m_timeline->showAll();
}

QString Dashboard::describeRun(const Summary &s, const RunConfig &config)
{
    const QString work = config.work == WorkKind::Io
        ? tr("blocking I/O of %1 ms").arg(config.ioMs)
        : tr("CPU: parse + walk %1 KB of JSON").arg(config.jsonKb);
    QStringList modes;
    QStringList runners; // who runs the tasks, once per kind of runner the run used
    for (const QString &name : s.mode.split(QLatin1Char('+'), Qt::SkipEmptyParts)) {
        ExecMode mode;
        if (!Kinds::parse(name, &mode)) {
            modes << name;
            continue;
        }
        modes << Kinds::label(mode);
        QString runner;
        switch (mode) {
        case ExecMode::Inline:
            break;
        case ExecMode::Process:
            runner = tr("%n worker processes", nullptr, config.workers);
            break;
        case ExecMode::Thread:
            runner = tr("one dedicated thread");
            break;
        case ExecMode::Queue:
            runner = tr("one producer thread");
            break;
        default:
            runner = tr("%n pool threads", nullptr, config.workers);
            break;
        }
        if (!runner.isEmpty() && !runners.contains(runner))
            runners << runner;
    }
    return tr("Work: %1, one task every %2 ms · ticker every %3 ms%4 · %5 s\nMode: %6")
        .arg(work)
        .arg(config.periodMs)
        .arg(config.intervalMs)
        .arg(runners.isEmpty() ? QString() : QStringLiteral(" · ") + runners.join(QStringLiteral(" · ")))
        .arg(s.durationS, 0, 'f', 1)
        .arg(modes.join(QStringLiteral(" → ")));
}

void Dashboard::fitTimeline()
{
    const int total = m_splitter->height() - 2 * m_splitter->handleWidth();
    const int tabs = qBound(m_tabs->minimumHeight(), kTabsHeight, total / 4);
    const int timeline = qBound(m_timeline->minimumSizeHint().height(), m_timeline->preferredHeight(),
                                (total - tabs) * 2 / 5);
    m_splitter->setSizes({total - tabs - timeline, timeline, tabs});
}

void Dashboard::growTimelineToFit()
{
    m_fittedHeight = m_timeline->preferredHeight();
    QList<int> sizes = m_splitter->sizes();
    if (!isVisible() || sizes.size() != 3 || m_fittedHeight <= sizes.at(1))
        return;
    // At most the share fitTimeline() gives it, and never below the chart's minimum.
    const int cap = qMin((sizes.at(0) + sizes.at(1)) * 2 / 5,
                         sizes.at(0) + sizes.at(1) - m_chart->minimumSizeHint().height());
    const int grown = qMin(m_fittedHeight, cap) - sizes.at(1);
    if (grown <= 0)
        return;
    sizes[0] -= grown;
    sizes[1] += grown;
    m_splitter->setSizes(sizes);
}

int Dashboard::heightForWidth(int width) const
{
    return layout()->minimumHeightForWidth(width);
}

void Dashboard::alignPlots()
{
    m_alignCall.cancel();
    const int left = qMax(TimelineView::naturalPlotLeft(), int(std::ceil(m_chart->naturalPlotLeft() - 1e-6)));
    const int right = qMax(m_timeline->requiredRightMargin(), int(std::ceil(m_chart->naturalRightMargin() - 1e-6)));
    m_chart->setPlotEdges(left, right);
    m_timeline->setPlotEdges(left, right);
}

void Dashboard::updateLongTasksTab()
{
    // The run's count (every tick ≥ 50 ms late, decimated history included), not the rows
    // the log has listed so far.
    const int stalls = m_summaryLongTasks >= 0 ? m_summaryLongTasks : m_longTasks->stallCount();
    if (stalls == m_shownStalls)
        return;
    m_shownStalls = stalls;
    m_tabs->setTabText(1, stalls > 0 ? tr("Long tasks (%1)").arg(stalls) : tr("Long tasks"));
}

void Dashboard::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (Theme::isThemeChange(event))
        applyTheme();
}

void Dashboard::applyTheme()
{
    // The same neutral colours as the charts, so an export reads as one picture.
    QPalette p = palette();
    p.setColor(QPalette::Window, Theme::backgroundColor());
    p.setColor(QPalette::WindowText, Theme::textColor());
    setPalette(p);
}
