#pragma once

#include "stats/laghistogram.h"

#include <QtCharts/QChartView>

#include <array>
#include <memory>

class QAbstractAxis;
class QBarCategoryAxis;
class QBarSeries;
class QBarSet;
class Recorder;

// Ticker lateness as two histograms side by side: the ticks as recorded, and with the ticks a
// blocked loop should have fired added back (stall correction, see Statistics). Fed
// incrementally: a refresh adds only the ticks recorded since the last one.
class LagHistogramChart : public QChartView
{
    Q_OBJECT
public:
    // Log-spaced buckets: <0.1, 0.1–0.3, 0.3–1, ... 300–1000, ≥1000 ms.
    static constexpr int kCategories = 10;

    explicit LagHistogramChart(QWidget *parent = nullptr);
    ~LagHistogramChart() override;

    // intervalNs: the ticker interval the stall correction assumes (0: no correction yet).
    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 intervalNs);
    // A different interval recounts the run from its first tick.
    void setIntervalNs(qint64 intervalNs);
    qint64 intervalNs() const;
    // Adds the ticks recorded since the last call and redraws, with the figures held back by
    // setFigures(..., Redraw::AtRefresh). Each redraw lays out and paints the whole chart (a
    // few ms on the GUI thread): meant for about once a second while live, not every frame.
    void refresh();

    // On by default: a handful of stalls next to thousands of punctual ticks.
    void setLogScale(bool on);
    bool isLogScale() const;

    qint64 count(int category, bool corrected) const;
    qint64 totalCount(bool corrected) const;
    // The buckets' own estimate, within 1.6 %.
    double p99Ms(bool corrected) const;
    // The run's figures (the same Summary the statistics strip shows), for the title and the
    // legend; negative: none yet, show the buckets' estimate. titleText() follows at once;
    // AtRefresh leaves the drawn title and legend to the next refresh() (a live run's
    // figures change a few times a second, and each change relays the chart out).
    enum class Redraw { Now, AtRefresh };
    void setFigures(double p99Ms, double p99CorrectedMs, Redraw redraw = Redraw::Now);
    QString titleText() const { return m_title; }

    static int categoryOf(qint64 latenessNs);
    static QString categoryName(int category);

signals:
    // After every redraw of the bars, the title or the legend (refresh, setFigures, recount).
    void updated();

protected:
    void resizeEvent(QResizeEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
    // Light/dark switch: the colours set once in the constructor are read again.
    void changeEvent(QEvent *event) override;

private:
    void recount();
    void pullTicks();
    void updateChart();
    void updateTitle();
    // Two lines per bucket label ("0.1–" over "0.3") when one line is wider than its column.
    void updateCategoryLabels();
    bool m_wrappedLabels = false;
    static constexpr int kLegendBelowPx = 900;
    void updateLabels(Redraw redraw = Redraw::Now);
    void installYAxis();
    void cacheGridLines();
    void showBarToolTip(bool status, int index, QBarSet *set);

    std::shared_ptr<const Recorder> m_recorder;
    qint64 m_intervalNs = 0;
    quint32 m_nextTick = 0;
    // The histograms give the percentiles; the bucket counts are kept beside them because
    // LagHistogram's own buckets are far finer than the chart's.
    LagHistogram m_raw;
    LagHistogram m_corrected;
    std::array<qint64, kCategories> m_rawCounts{};
    std::array<qint64, kCategories> m_correctedCounts{};

    QBarSeries *m_series = nullptr;
    QBarSet *m_rawSet = nullptr;
    QBarSet *m_correctedSet = nullptr;
    QBarCategoryAxis *m_xAxis = nullptr;
    QAbstractAxis *m_yAxis = nullptr;
    bool m_logScale = true;
    QString m_title; // the first line, with the p99s
    double m_figuresP99Ms = -1;
    double m_figuresP99CorrectedMs = -1;
    bool m_labelsHeld = false; // setFigures(..., AtRefresh) not drawn yet
};
