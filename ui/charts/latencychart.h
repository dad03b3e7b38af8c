#pragma once

#include "style/coalescedcall.h"
#include "charts/lagdecimator.h"
#include "charts/laglineitem.h"
#include "charts/lagpyramid.h"
#include "charts/modebandsitem.h"
#include "charts/referenceline.h"
#include "engine/span.h"

#include <QtCharts/QChartView>

#include <QList>
#include <QPointF>
#include <QVector>

#include <memory>

class QAbstractAxis;
class QAreaSeries;
class QGraphicsLineItem;
class QGraphicsRectItem;
class QGraphicsSimpleTextItem;
class QLineSeries;
class QValueAxis;
class Recorder;

// Ticker lateness over time, drawn with Qt Charts. On its own it follows live or shows the
// whole run; in the dashboard it shows the timeline's range (setShownRange) and hands its
// zoom, wheel and hover to it, so the two share one time axis.
class LatencyChart : public QChartView
{
    Q_OBJECT
public:
    explicit LatencyChart(QWidget *parent = nullptr);
    ~LatencyChart() override;

    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs);
    // Pulls new ticks and redraws; called at most once per frame by the window while running,
    // and once after the run stops. nowNs: current time while running, run end afterwards.
    void refresh(qint64 nowNs);

    // Live: the x axis scrolls with the last visibleSeconds(); otherwise the whole run shows.
    void setLive(bool live);
    bool isLive() const;
    void setVisibleSeconds(double seconds); // default 10
    double visibleSeconds() const;
    void setLogScale(bool on);
    bool isLogScale() const;

    // Dashed reference lines at Statistics::kBandsMs[bandIndex] (frame, long task, slow
    // response, INP good limit, hang, INP poor limit). The first three show by default.
    void setThresholdVisible(int bandIndex, bool on);
    bool isThresholdVisible(int bandIndex) const;

    // The y range currently shown, ms.
    double yMaxMs() const;
    // Points of the lag line now (after decimation), (s, ms).
    int plottedPointCount() const;
    const QList<QPointF> &plottedPoints() const;
    const LagLineItem *lagLine() const { return m_lineItem; }
    // Tick points held, raw and from the recorder's decimated intervals (bounded when the
    // recorder bounds its raw history).
    int heldPointCount() const;
    qint64 lastUpdateNs() const; // cost of the last refresh, ns

    // From now on the x axis shows [startS, endS] (seconds since the origin), live or not;
    // the rubber band, wheel and a right or double click become requests (signals below).
    void setShownRange(double startS, double endS);
    bool isLinked() const { return m_linked; }
    // Where Qt Charts put the plot left to itself, and extra room to line it up with another
    // view: the plot then starts at x = left and ends rightMargin px before the edge.
    double naturalPlotLeft() const;
    double naturalRightMargin() const;
    void setPlotEdges(int left, int rightMargin);
    // A vertical line at this time (s) with the lag there; negative hides it.
    void setHoverSeconds(double seconds);
    // What the hover label says, for tests ("3.42 s · lag 12.3 ms").
    QString hoverText() const;
    // The mode bands drawn now, clipped to the shown range.
    const QVector<ModeBandsItem::Band> &modeBands() const;

signals:
    void updated(qint64 updateNs);
    // Linked only: the user dragged a range, asked for the whole run, or turned the wheel.
    void rangeSelected(double startS, double endS);
    void wholeRunRequested();
    void zoomRequested(double atS, double factor);
    // The cursor is over this time (s) in the plot; negative when it left.
    void hovered(double seconds);
    // The plot area moved or changed size (the dashboard lines the timeline up again).
    void plotAreaMoved();

private:
    struct ModeBand
    {
        ExecMode mode = ExecMode::Inline;
        // Empty: the series only gives the legend its entry; m_bandsItem draws the band.
        QLineSeries *upper = nullptr;
        QAreaSeries *area = nullptr;
    };
    struct Threshold
    {
        ReferenceLine line;
        bool visible = false;
    };

    // Light/dark switch: the colours set once in the constructor are read again.
    void changeEvent(QEvent *event) override;
    void applyTheme();
    // Right click or double click: back to the whole run after a rubber-band zoom.
    void mousePressEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void placeHover();
    // The worst lateness within half a pixel column of seconds, or the nearest tick's; NaN
    // when the run has no tick.
    double lagAt(double seconds) const;
    double secondsAt(const QPointF &pos) const;

    // True when new ticks came in.
    bool pullTicks();
    void followDecimation();
    // holdWithinPixel: from refresh(), which keeps a range that moved by less than a pixel.
    void rebuild(bool holdWithinPixel = false);
    void resetZoom();
    void installYAxis();
    void onXRangeChanged(double min, double max);
    void onPlotAreaChanged();
    void placeReferenceLabels();
    void updateBands(double x0, double x1);
    int plotColumns() const;
    double endSeconds() const;
    void setLagPen(const QPen &pen);

    std::shared_ptr<const Recorder> m_recorder;
    qint64 m_originNs = 0;
    qint64 m_nowNs = 0;
    // (s since origin, lateness ms), one per raw tick the recorder holds (from m_firstTick),
    // appended as ticks arrive so a live refresh copies only the new ones, and dropped from
    // the front as the recorder decimates.
    QVector<QPointF> m_points;
    quint32 m_firstTick = 0;
    quint32 m_cachedTicks = 0;
    // The decimated part before m_points: each interval's fewest and worst lateness, by x.
    QVector<QPointF> m_decimated;
    LagPyramid m_pyramid; // over m_points, so a whole-run rebuild reads O(pixels)
    // The last decimation and what it was for: when only ticks were appended since, in the
    // same range, it is redone from its last column on (the pyramid's binary searches over
    // 3.6 M points miss the cache; a whole-run frame read every column's again).
    struct Decimation
    {
        bool valid = false;
        double x0 = 0;
        double x1 = 0;
        int columns = 0;
        bool logScale = false;
        quint32 firstTick = 0;
        qsizetype first = 0; // the slice of m_points
        qsizetype last = 0;
        LagDecimator::Resume resume;
        QList<QPointF> plotted;
    };
    Decimation m_lastDecimation;
    QVector<ModeSwitch> m_modeSwitches;

    // Empty: gives the legend its entry; m_lineItem draws the line.
    QLineSeries *m_lagSeries = nullptr;
    LagLineItem *m_lineItem = nullptr;
    QList<ModeBand> m_bands;
    ModeBandsItem *m_bandsItem = nullptr;
    QList<Threshold> m_references;
    QValueAxis *m_xAxis = nullptr;
    QAbstractAxis *m_yAxis = nullptr;

    bool m_live = true;
    double m_visibleSeconds = 10.0;
    bool m_logScale = false;
    bool m_zoomed = false;
    double m_zoomStart = 0;
    double m_zoomEnd = 0;
    double m_shownStart = 0; // the x range last applied, s
    double m_shownEnd = 0;
    bool m_applyingRange = false;
    bool m_linked = false;
    double m_linkStart = 0;
    double m_linkEnd = 10;
    int m_extraLeft = 0;
    int m_extraRight = 0;
    double m_hoverSeconds = -1;
    QGraphicsLineItem *m_hoverLine = nullptr;
    QGraphicsRectItem *m_hoverBackground = nullptr;
    QGraphicsSimpleTextItem *m_hoverLabel = nullptr;
    CoalescedCall m_rebuildCall{this, [this] { rebuild(); }};
    int m_lastColumns = 0;
    double m_yMaxMs = 0;
    qint64 m_lastUpdateNs = 0;
};
