#pragma once

#include "engine/span.h"
#include "timeline/spanpyramid.h"
#include "timeline/timeaxis.h"

#include <QVector>
#include <QWidget>

#include <memory>
#include <vector>

class QPainter;
class QScrollBar;
class Recorder;

// The per-thread task timeline. It owns the time axis the lag chart follows (Dashboard links
// the two).
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // Shows this run's data; originNs is time zero of the axis (the run start). Null clears.
    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs);
    // Pulls new and changed spans from the recorder. Called by the window's frame timer while
    // a run is going (at most once per frame), and once after it stops. nowNs = current time
    // while running, the run end afterwards; in live mode the view follows nowNs.
    void refresh(qint64 nowNs);

    bool isLive() const;
    void setLive(bool live); // true: the view follows the newest data
    void setVisibleSeconds(double seconds); // the live window width, default 10 s
    // Shows the whole run [origin, nowNs] (used after a run stops and for export).
    void showAll();
    // Leaves live mode and centres [startNs, endNs] with a fifth of its length as margin on
    // each side (the long-task log's rows jump here).
    void showRange(qint64 startNs, qint64 endNs);
    // Leaves live mode and shows exactly [startNs, endNs] (the lag chart's rubber band).
    void showSpan(qint64 startNs, qint64 endNs);
    // Zooms by factor (>1 zooms in) keeping anchorNs where it is, as the wheel does; zooming
    // out stops at the whole run (or the live window, if wider).
    void zoomAt(qint64 anchorNs, double factor);

    // Where the plot starts and ends, so the lag chart can line up with it pixel for pixel:
    // left is never less than the lane names' column; -1 restores the default.
    static int naturalPlotLeft();
    void setPlotEdges(int left, int rightMargin);
    // The right margin the plot needs (more while the lane scroll bar shows).
    int requiredRightMargin() const;
    // A vertical line at this time across every row (the cursor over this view or the lag
    // chart); -1 hides it.
    void setHoverNs(qint64 ns);
    qint64 hoverNs() const { return m_hoverNs; }
    // First row drawn at the top when the rows do not fit (they scroll; see rowScroll()).
    int firstVisibleRow() const;

    TimeAxis axis() const;
    // Index into the recorder's span ids of the span drawn under pos, or -1.
    int spanAt(const QPoint &pos) const;
    // What the tooltip for that span says.
    QString toolTipFor(int spanId) const;
    // Rows as drawn, top to bottom: one per lane, the queue row, then the counter rows
    // ("queue depth", "nesting depth") when the run has them.
    QStringList laneNames() const;
    // Cost of the last paintEvent, ns.
    qint64 lastPaintNs() const;
    // On by default: a view holding many spans per pixel reads the finished spans' pyramid.
    // Off draws every span one by one (the tests compare the two pictures).
    void setLevelOfDetail(bool on);

    // The height that shows every row at full size (at least three lanes' worth; a counter
    // row is two lanes tall).
    int preferredHeight() const;
    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void liveChanged(bool live);
    void painted(qint64 paintNs);
    // The time range shown changed (follow, zoom, pan, a jump, a new run).
    void rangeChanged(qint64 startNs, qint64 endNs);
    // The cursor is over this time in the plot; -1 when it left.
    void hovered(qint64 ns);
    // requiredRightMargin() changed (the lane scroll bar came or went).
    void plotEdgesChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    bool event(QEvent *event) override;

private:
    // Which batch a drawn rectangle joins: one fill call per batch.
    enum Batch { QueuedIo, QueuedCpu, QueuedWait, QueuedItem, QueuedCancelled, QueuedFailed, Transfer,
                 RunIo, RunCpu, RunWait, RunItem, RunCancelled, RunFailed, BatchCount };

    // Span rows (lanes, then the queue row) are laneHeight tall; counter rows below them
    // are counterHeight tall.
    struct Layout
    {
        int rowsTop = 0;
        int laneHeight = 22;
        int counterHeight = 44;
        int rowCount = 0;
        int spanRows = 0;
        int spansBottom = 0;
        int rowsBottom = 0;
        int plotLeft = 0;
        int plotRight = 0;
        int axisTop = 0;
        int viewTop = 0; // where the rows' visible part starts (rowsTop is above it when scrolled)

        int rowTop(int row) const
        {
            return row < spanRows ? rowsTop + row * laneHeight : spansBottom + (row - spanRows) * counterHeight;
        }
        int rowHeight(int row) const { return row < spanRows ? laneHeight : counterHeight; }
    };

    // What every span of one paint shares: where a lane's two tracks sit inside its row,
    // and the time to x scale.
    struct SpanFrame
    {
        double pxPerNs = 0;
        double leftPx = 0;
        qint64 viewStartNs = 0;
        qint64 viewEndNs = 0;
        int runTop = 0;
        int runHeight = 0;
        int queuedTop = 0;
        int queuedHeight = 0;
        int queue = -1; // the queue row, or -1
    };

    // A counter's samples copied so far (only the new tail is copied per refresh) and their maximum.
    struct CounterTrack
    {
        QVector<CounterSample> samples;
        double maxValue = 0;
    };

    Layout layout() const;
    int rowCount() const;
    int spanRowCount() const;
    int queueRow() const; // -1 when the queue row is hidden
    int rowOf(const Span &span) const;
    QString rowName(int row) const;
    qint64 spanEndNs(const Span &span) const; // end, or now while queued or running
    // First snapshot index whose span may reach fromNs (spans are in submit order).
    int firstCandidate(qint64 fromNs) const;
    void addSegment(Batch batch, double x0, double x1, int row, double y, double h, const Layout &l,
                    bool air = true);
    SpanFrame spanFrame(const Layout &l) const;
    static bool isQueuedBatch(Batch batch) { return batch < Transfer; }
    static void spanBatches(const Span &s, Batch *queued, Batch *run);
    void addSpan(const Span &s, const Layout &l, const SpanFrame &f);
    void indexFinished(const Span &s);
    // The summarised path: exact spans and per-column marks gathered per row and batch, then
    // joined where they touch, as addSegment() joins them.
    void collectSummarised(const Layout &l, const SpanFrame &f);
    void pullCounters();
    void dropDecimated();
    const Span &spanById(quint32 id) const { return m_spans.at(int(id - m_firstId)); }
    // Where the decimated part ends (the first kept span's submit time), or 0 when none.
    qint64 decimatedEndNs() const;
    void paintDecimated(QPainter &p, const Layout &l);
    double counterMax(Counter counter) const; // the value a counter row's top stands for
    qint64 tickStepNs() const;
    void updateAxisGeometry();
    void followNow();
    void leaveLive();
    // After a user zoom or pan: the view stays inside the run and no wider than maxSpanNs().
    void clampToRun();
    qint64 maxSpanNs() const;
    qint64 runEndNs() const;
    // Emits rangeChanged when the range differs from the last one emitted, and repaints.
    void viewChanged();
    void updateScrollBar();
    void paintHover(QPainter &p, const Layout &l);

    void paintRows(QPainter &p, const Layout &l);
    void paintModes(QPainter &p, const Layout &l);
    void paintGrid(QPainter &p, const Layout &l);
    void paintSpans(QPainter &p, const Layout &l);
    void paintCounter(QPainter &p, const Layout &l, int row, Counter counter);
    void paintReentries(QPainter &p, const Layout &l, int row);
    void paintLabels(QPainter &p, const Layout &l);
    void paintAxis(QPainter &p, const Layout &l);
    void paintLegend(QPainter &p);
    int legendLeft() const;
    int legendFlags() const; // which optional legend entries show

    std::shared_ptr<const Recorder> m_recorder;
    qint64 m_originNs = 0;
    qint64 m_nowNs = 0;
    // Local snapshot, index == span id - m_firstId; only published spans, so it stays in
    // submit order. Follows the recorder's firstSpan(): what it decimated is dropped here too.
    QVector<Span> m_spans;
    quint32 m_firstId = 0;
    QVector<quint32> m_unfinished;
    QStringList m_lanes;
    QVector<ModeSwitch> m_modeSwitches;
    int m_maxLane = -1;
    qint64 m_maxFinishedLengthNs = 0;
    qint64 m_maxSpanLengthNs = 0;
    // Sticky per run, so the rows do not jump while pool tasks flicker through the queue.
    bool m_showQueueRow = false;
    // What the legend lists besides the kinds every run has.
    bool m_seenWait = false;
    bool m_seenItem = false;
    bool m_seenTransfer = false;
    CounterTrack m_counters[3]; // by Counter
    QVector<Counter> m_counterRows; // drawn below the span rows, in this order

    TimeAxis m_axis;
    bool m_live = true;
    // Not live and showing the whole run: the view keeps showing all of it as it grows (a
    // reopened run, the last seconds of a stopped one).
    bool m_wholeRun = false;
    qint64 m_emittedStartNs = -1;
    qint64 m_emittedEndNs = -1;
    int m_plotLeft = -1;
    int m_rightMargin = -1;
    qint64 m_hoverNs = -1;
    QScrollBar *m_rowScroll = nullptr; // shown when the rows do not fit
    qint64 m_visibleNs = 10'000'000'000;
    bool m_dragging = false;
    double m_lastDragX = 0;

    qint64 m_lastPaintNs = 0;
    // Reused between paints so a frame does not allocate.
    QVector<QRectF> m_batches[BatchCount];
    std::vector<int> m_lastRect; // per row and batch: index of its newest rectangle, or -1
    SpanPyramid m_pyramid; // finished spans
    bool m_levelOfDetail = true;
    bool m_collecting = false; // addSegment() gathers into m_intervals instead of joining
    std::vector<std::vector<std::pair<double, double>>> m_intervals; // per row and batch
    QVector<QRectF> m_counterFill;
    QVector<QRectF> m_counterEdge;
};
