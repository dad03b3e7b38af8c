#pragma once

#include "kinds.h"

#include <QWidget>

#include <memory>

class LatencyChart;
class QLabel;
class QSplitter;
class Recorder;
class StatsStrip;
class TimelineView;
struct RunConfig;
struct Summary;

// What the window shows and what a PNG export contains: a header naming the run, the
// statistics strip, the latency chart and the task timeline. The same widget renders the
// headless export, so the image and the window never disagree.
class Dashboard : public QWidget
{
    Q_OBJECT
public:
    explicit Dashboard(QWidget *parent = nullptr);

    StatsStrip *stats() const { return m_stats; }
    LatencyChart *latencyChart() const { return m_chart; }
    TimelineView *timeline() const { return m_timeline; }

    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs);
    // Redraws the charts with what the recorder holds up to nowNs.
    void refreshCharts(qint64 nowNs);
    void setSummary(const Summary &summary, const RunConfig &config, ExecMode currentMode);
    void clear(ExecMode currentMode);
    void setLive(bool live);
    QString verdictText() const;
    // Gives the timeline the height its lanes need and the chart the rest (for exports).
    void fitTimeline();

    // "CPU work: 2048 KB JSON every 100 ms · mode ..." — the header's second line.
    static QString describeRun(const Summary &summary, const RunConfig &config);

private:
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_verdict;
    StatsStrip *m_stats;
    QSplitter *m_splitter;
    LatencyChart *m_chart;
    TimelineView *m_timeline;
};
