#pragma once

#include "style/coalescedcall.h"
#include "engine/kinds.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <memory>

class LagHistogramChart;
class LatencyChart;
class LongTaskLog;
class QLabel;
class QSplitter;
class QTabWidget;
class Recorder;
class StatsStrip;
class TimelineView;
struct RunConfig;
struct Summary;

// What the window shows and what a PNG export contains: a header naming the run, the
// statistics strip, the latency chart, the task timeline and below them a tab with the
// lateness histogram (shown in exports) or the long-task log. The same widget renders the
// headless export, so the image and the window never disagree.
class Dashboard : public QWidget
{
    Q_OBJECT
public:
    explicit Dashboard(QWidget *parent = nullptr);

    StatsStrip *stats() const { return m_stats; }
    LatencyChart *latencyChart() const { return m_chart; }
    TimelineView *timeline() const { return m_timeline; }
    LagHistogramChart *histogram() const { return m_histogram; }
    LongTaskLog *longTaskLog() const { return m_longTasks; }

    // intervalNs: the ticker interval, for the histogram's stall correction; 0 keeps the last
    // one known (setSummary also passes the run's).
    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs, qint64 intervalNs = 0);
    // Redraws the charts with what the recorder holds up to nowNs. While live, at most every
    // kMinFrameNs, and in the gap right after a probe tick (see refreshCharts); the histogram
    // at most every kHistogramEveryNs, and only while its tab shows.
    void refreshCharts(qint64 nowNs);
    void setSummary(const Summary &summary, const RunConfig &config, ExecMode currentMode);
    // The header's second line for a run not of Loop Lab's own workload (a program's);
    // empty: describeRun() of each summary, as before. setRecorder() keeps it.
    void setDescription(const QString &text);
    void clear(ExecMode currentMode);
    void setLive(bool live);
    QString verdictText() const;
    // Gives the timeline the height its lanes need, the tabs their default height and the
    // chart the rest (for exports).
    void fitTimeline();
    // A run whose lanes do not fit gets room from the chart, up to the share fitTimeline()
    // gives the timeline; what the user made larger stays.
    void growTimelineToFit();
    // Lines the lag chart's plot up with the timeline's, so one time is one x in both (done
    // by itself after every layout change; exports call it before they render).
    void alignPlots();

    // A histogram redraw lays out and paints the whole chart (several ms under load); its bars
    // move slowly, once a second follows a run well enough.
    static constexpr qint64 kHistogramEveryNs = 1'000'000'000;
    // Every other tick of the window's 16 ms frame timer (~31 fps), counted from the tick that
    // asked for the frame: a frame put off into the gap after a probe tick must not push the
    // next one a whole timer tick later (that gave 25 fps).
    static constexpr qint64 kMinFrameNs = 24'000'000;
    static constexpr qint64 kFrameBudgetNs = 8'000'000; // what a live frame may take, at most
    static constexpr int kTabsHeight = 200;

    // "CPU work: 2048 KB JSON every 100 ms · mode ..." — the header's second line.
    static QString describeRun(const Summary &summary, const RunConfig &config);

    // What a scroll area around the dashboard may shrink it to: the panes' minimum heights
    // and the wrapped texts' heights at this width (the default sums the preferred heights).
    int heightForWidth(int width) const override;

signals:
    // A frame was drawn up to nowNs (live: in the gap after a probe tick, see refreshCharts).
    void drawn(qint64 nowNs);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyTheme();
    void updateLongTasksTab();
    void refreshNow(qint64 nowNs);
    // 0 when a frame started now ends before the probe's next tick is due; otherwise how long
    // to wait until just after that tick.
    qint64 waitForGapNs(qint64 nowNs) const;

    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_verdict;
    StatsStrip *m_stats;
    QSplitter *m_splitter;
    LatencyChart *m_chart;
    TimelineView *m_timeline;
    QTabWidget *m_tabs;
    LagHistogramChart *m_histogram;
    LongTaskLog *m_longTasks;
    qint64 m_histogramShownNs = -1; // nowNs of its last live redraw; -1: none this run
    std::shared_ptr<const Recorder> m_recorder;
    qint64 m_originNs = 0;
    qint64 m_intervalNs = 0;
    CoalescedCall m_alignCall{this, [this] { alignPlots(); }};
    qint64 m_lastFrameNs = 0;
    qint64 m_pendingNowNs = 0; // nowNs of the frame waiting in m_gapTimer
    QElapsedTimer m_pendingSince;
    QTimer m_gapTimer;
    int m_fittedHeight = -1; // the timeline's preferred height growTimelineToFit() last saw
    int m_shownStalls = -1;
    int m_summaryLongTasks = -1; // from the last setSummary(); -1: none for this run yet
    QString m_description;
};
