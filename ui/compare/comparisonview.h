#pragma once

#include "charts/referenceline.h"
#include "style/coalescedcall.h"
#include "run/comparison.h"

#include <QSize>
#include <QWidget>

class QChartView;
class QCheckBox;
class QLabel;
class QLineSeries;
class QTableWidget;

// Several runs of one workload side by side, for the window and the exported image: a
// header naming the workload and ranking the modes, their lateness over time overlaid,
// their lateness distributions overlaid and a table of figures, one row per mode. The
// numbers come from ComparisonBuckets; ComparisonExporter makes the image.
class ComparisonView : public QWidget
{
    Q_OBJECT
public:
    explicit ComparisonView(QWidget *parent = nullptr);
    ~ComparisonView() override;

    void setResults(const QVector<Comparison::Result> &results, const RunConfig &base);
    QVector<Comparison::Result> results() const { return m_results; }

    // Log y axis on the lag chart (default): blocked and offloaded modes differ by
    // several decades, which a linear axis flattens to a line at zero.
    void setLogScale(bool on);
    bool isLogScale() const { return m_logScale; }

    QTableWidget *table() const { return m_table; }
    QChartView *lagChart() const { return m_lagView; }
    QChartView *histogramChart() const { return m_histogramView; }
    QString verdictText() const;

    // For an image rather than the screen: never shown on it, and without the log-scale box,
    // a control rather than part of the picture (the axis title says "log").
    void prepareOffscreen();
    // Shows the view (off screen, after prepareOffscreen) and lets every child settle at size.
    void settle(QSize size);

    // "Work: CPU: parse + walk 2048 KB of JSON, one task every 100 ms · ..." — the subtitle.
    static QString describeWorkload(const RunConfig &base);

private:
    void resizeEvent(QResizeEvent *event) override;
    // Light/dark switch: neutral colours again, and the charts rebuilt in them.
    void changeEvent(QEvent *event) override;
    void applyTheme();

    void buildLagChart();
    void buildHistogram();
    void buildTable();
    void rebuildLagSeries();
    void placeReferenceLabels();
    void placeHistogramLabels();
    int lagColumns() const;
    void fitTableHeight();
    void scheduleTableFit();

    QVector<Comparison::Result> m_results;
    RunConfig m_base;
    bool m_applyingTheme = false;
    bool m_logScale = true;
    CoalescedCall m_lagRebuild{this, [this] { rebuildLagSeries(); }};
    bool m_fitPending = false;
    int m_lastColumns = 0;
    double m_yMaxMs = 0;
    double m_xMaxS = 1;
    double m_histogramMaxShare = 1;

    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_verdict;
    QLabel *m_legend;
    QCheckBox *m_logBox;
    QChartView *m_lagView;
    QChartView *m_histogramView;
    QTableWidget *m_table;
    QList<QLineSeries *> m_lagSeries;
    // Dashed threshold lines (16.7, 50, 100 ms): horizontal on the lag chart, vertical on the
    // histogram.
    QList<ReferenceLine> m_references;
    QList<ReferenceLine> m_histogramReferences;
};
