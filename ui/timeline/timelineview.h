#pragma once

#include "timeline/spanbatcher.h"
#include "timeline/timeaxis.h"
#include "timeline/timelinelayout.h"
#include "timeline/timelinesnapshot.h"

#include <QRectF>
#include <QVector>
#include <QWidget>

#include <memory>

class QPainter;
class QScrollBar;
class Recorder;

// The per-thread task timeline. It owns the time axis the lag chart follows (Dashboard links
// the two). It paints and takes input; what it shows comes from a TimelineSnapshot of the
// recorder and sits where TimelineLayout puts it, a SpanBatcher draws the spans and
// TimelineLegend the key.
class TimelineView : public QWidget
{
    Q_OBJECT
public:
    explicit TimelineView(QWidget *parent = nullptr);
    ~TimelineView() override;

    // Shows this run's data; originNs is time zero of the axis (the run start). Null clears.
    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs);
    // A recorded program's run: its spans are its own code, so the legend leaves out Loop
    // Lab's I/O and CPU even before the first span arrives.
    void setProgramRun(bool program);
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
    // The keyboard's and View menu's zoom: around the cursor when it is over the plot,
    // otherwise around the view's centre.
    void zoomBy(double factor);
    // Pans by this fraction of the view (positive: later times), as a drag does.
    void panBy(double fraction);

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
    // Where the rows sit now (the tests find spans and pixels with it).
    TimelineLayout layout() const;

signals:
    void liveChanged(bool live);
    void painted(qint64 paintNs);
    // refresh() took this long (ns); it ended just now.
    void refreshed(qint64 refreshNs);
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
    void keyPressEvent(QKeyEvent *event) override;
    void focusInEvent(QFocusEvent *event) override;
    void focusOutEvent(QFocusEvent *event) override;
    bool event(QEvent *event) override;

private:
    QString rowName(int row) const;
    // The row whose name is at pos in the label column; -1 elsewhere.
    int labelRowAt(const TimelineLayout &l, const QPoint &pos) const;
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

    void paintRows(QPainter &p, const TimelineLayout &l);
    void paintModes(QPainter &p, const TimelineLayout &l, int legendLeft);
    void paintGrid(QPainter &p, const TimelineLayout &l);
    void paintDecimated(QPainter &p, const TimelineLayout &l);
    void paintCounter(QPainter &p, const TimelineLayout &l, int row, Counter counter);
    void paintReentries(QPainter &p, const TimelineLayout &l, int row);
    void paintLabels(QPainter &p, const TimelineLayout &l);
    void paintAxis(QPainter &p, const TimelineLayout &l);
    void paintHover(QPainter &p, const TimelineLayout &l);

    std::shared_ptr<const Recorder> m_recorder;
    bool m_programRun = false;
    qint64 m_originNs = 0;
    TimelineSnapshot m_snapshot;
    SpanBatcher m_batcher{m_snapshot};

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
    QVector<QRectF> m_counterFill;
    QVector<QRectF> m_counterEdge;
};
