#include "timeline/timelineview.h"

#include "engine/kinds.h"
#include "engine/recorder.h"
#include "style/stripfill.h"
#include "style/theme.h"
#include "timeline/timelinelegend.h"
#include "timeline/timelinestyle.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QCursor>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QVarLengthArray>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
constexpr int kLabelWidth = 90;
constexpr int kRightMargin = 8;
// Room above a counter's maximum for the re-entry marks.
constexpr int kCounterTopPad = 6;
constexpr double kMinMarkSpacingPx = 4.0;
constexpr double kHitTolerancePx = 2.0;
constexpr double kMinTickSpacingPx = 90.0;
constexpr qint64 kMinSpanNs = 10'000; // 10 µs across the whole view
// One key press zooms as far as one wheel notch.
constexpr int kKeyZoomSteps = 120;

QString formatMs(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    const int decimals = ms >= 100 ? 0 : ms >= 10 ? 1 : ms >= 1 ? 2 : 3;
    return TimelineView::tr("%1 ms").arg(QString::number(ms, 'f', decimals));
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMouseTracking(true); // the hover line follows the cursor without a button held
    setFocusPolicy(Qt::StrongFocus); // + - arrows 0 F (keyPressEvent)
    m_rowScroll = new QScrollBar(Qt::Vertical, this);
    m_rowScroll->setObjectName(QStringLiteral("timelineRows"));
    m_rowScroll->setToolTip(tr("More lanes than fit: scroll them here or with Shift+wheel."));
    m_rowScroll->hide();
    connect(m_rowScroll, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    m_axis.spanNs = m_visibleNs;
    updateAxisGeometry();
}

TimelineView::~TimelineView() = default;

void TimelineView::setProgramRun(bool program)
{
    if (program == m_programRun)
        return;
    m_programRun = program;
    update();
}

void TimelineView::setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs)
{
    m_recorder = std::move(recorder);
    m_originNs = originNs;
    m_snapshot.reset(m_recorder.get(), originNs);
    m_batcher.clear();
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
    }
    m_hoverNs = -1;
    m_axis.spanNs = m_visibleNs;
    // A run opened or shown stopped shows all of itself, however long it turns out to be.
    m_wholeRun = !m_live;
    if (m_live)
        followNow();
    else
        m_axis.startNs = originNs;
    m_rowScroll->setValue(0);
    updateScrollBar();
    viewChanged();
}

void TimelineView::refresh(qint64 nowNs)
{
    if (!m_recorder)
        return;
    QElapsedTimer timer;
    timer.start();
    if (m_snapshot.dropDecimated(*m_recorder))
        m_batcher.dropBefore(m_snapshot.firstId());
    // The batcher's pyramid takes each span once, when it finishes.
    m_snapshot.refresh(*m_recorder, nowNs, [this](const Span &s) { m_batcher.indexFinished(s); });

    if (m_live) {
        followNow();
    } else if (m_wholeRun) {
        m_axis.startNs = m_originNs;
        m_axis.spanNs = maxSpanNs();
    }
    updateScrollBar();
    viewChanged();
    emit refreshed(timer.nsecsElapsed());
}

bool TimelineView::isLive() const
{
    return m_live;
}

void TimelineView::setLive(bool live)
{
    const bool changed = m_live != live;
    m_live = live;
    if (m_live) {
        m_wholeRun = false;
        followNow();
    }
    viewChanged();
    if (changed)
        emit liveChanged(m_live);
}

void TimelineView::setVisibleSeconds(double seconds)
{
    m_visibleNs = qMax(kMinSpanNs, qint64(std::llround(seconds * 1e9)));
    if (m_live) {
        followNow();
        viewChanged();
    }
}

void TimelineView::showAll()
{
    leaveLive();
    m_wholeRun = true;
    m_axis.startNs = m_originNs;
    m_axis.spanNs = maxSpanNs();
    viewChanged();
}

void TimelineView::showRange(qint64 startNs, qint64 endNs)
{
    if (endNs < startNs)
        std::swap(startNs, endNs);
    // First, so whoever reacts to leaving live (and may show the whole run) goes before us.
    leaveLive();
    m_wholeRun = false;
    const qint64 length = endNs - startNs;
    m_axis.spanNs = qMax(kMinSpanNs, length + 2 * (length / 5));
    m_axis.startNs = startNs + length / 2 - m_axis.spanNs / 2;
    viewChanged();
}

void TimelineView::showSpan(qint64 startNs, qint64 endNs)
{
    if (endNs < startNs)
        std::swap(startNs, endNs);
    leaveLive();
    m_wholeRun = false;
    m_axis.spanNs = qMax(kMinSpanNs, endNs - startNs);
    m_axis.startNs = startNs;
    viewChanged();
}

void TimelineView::zoomAt(qint64 anchorNs, double factor)
{
    const double x = qBound(double(m_axis.leftPx), m_axis.mapTimeToX(anchorNs), double(m_axis.leftPx + m_axis.widthPx));
    // Zooming out from a view already wider than the run (the live window early on) keeps it.
    const qint64 maxSpan = qMax(maxSpanNs(), m_axis.spanNs);
    m_axis = m_axis.zoomedAround(x, factor, kMinSpanNs, maxSpan);
    leaveLive();
    m_wholeRun = false;
    clampToRun();
    viewChanged();
}

void TimelineView::zoomBy(double factor)
{
    const QPoint cursor = mapFromGlobal(QCursor::pos());
    const bool inside = underMouse() && cursor.x() >= m_axis.leftPx && cursor.x() <= m_axis.leftPx + m_axis.widthPx;
    const double x = inside ? double(cursor.x()) : m_axis.leftPx + m_axis.widthPx / 2.0;
    zoomAt(m_axis.mapXToTime(x), factor);
}

void TimelineView::panBy(double fraction)
{
    m_axis = m_axis.pannedBy(-fraction * m_axis.widthPx);
    leaveLive();
    m_wholeRun = false;
    clampToRun();
    viewChanged();
}

int TimelineView::naturalPlotLeft()
{
    return kLabelWidth;
}

void TimelineView::setPlotEdges(int left, int rightMargin)
{
    if (left == m_plotLeft && rightMargin == m_rightMargin)
        return;
    m_plotLeft = left;
    m_rightMargin = rightMargin;
    updateAxisGeometry();
    update();
}

void TimelineView::setHoverNs(qint64 ns)
{
    if (ns == m_hoverNs)
        return;
    m_hoverNs = ns;
    update();
}

int TimelineView::firstVisibleRow() const
{
    const TimelineLayout l = layout();
    return l.laneHeight > 0 ? m_rowScroll->value() / l.laneHeight : 0;
}

TimeAxis TimelineView::axis() const
{
    return m_axis;
}

int TimelineView::spanAt(const QPoint &pos) const
{
    const QVector<Span> &spans = m_snapshot.spans();
    if (spans.isEmpty())
        return -1;
    const TimelineLayout l = layout();
    if (l.spanRows == 0 || pos.x() < l.plotLeft || pos.x() > l.plotRight || pos.y() < l.viewTop
        || pos.y() < l.rowsTop || pos.y() >= l.spansBottom)
        return -1;
    const int row = (pos.y() - l.rowsTop) / l.laneHeight;
    const double cx = pos.x() + 0.5; // centre of the pixel under the cursor
    const qint64 fromNs = m_axis.mapXToTime(cx - kHitTolerancePx - 1);
    const qint64 toNs = m_axis.mapXToTime(cx + kHitTolerancePx + 1);

    // The same segments paintSpans() draws, each at least one pixel column wide.
    auto distance = [&](qint64 t0, qint64 t1) {
        double x0 = m_axis.mapTimeToX(t0);
        double x1 = m_axis.mapTimeToX(t1);
        if (x1 - x0 < 1) {
            x0 = std::floor(x0);
            x1 = x0 + 1;
        }
        return qMax(0.0, qMax(x0 - cx, cx - x1));
    };

    int best = -1;
    double bestScore = kHitTolerancePx + 1;
    for (int i = m_snapshot.firstCandidate(fromNs); i < spans.size(); ++i) {
        const Span &s = spans.at(i);
        if (s.submitNs > toNs)
            break;
        if (m_snapshot.rowOf(s) != row)
            continue;
        const qint64 endNs = m_snapshot.spanEndNs(s);
        double score = distance(s.submitNs, s.startNs ? s.startNs : endNs) + 0.5;
        if (s.startNs) // running time wins over the queued time of the next task on that lane
            score = qMin(score, distance(s.startNs, endNs));
        if (score <= kHitTolerancePx + 0.5 && score < bestScore) {
            bestScore = score;
            best = int(m_snapshot.firstId()) + i;
        }
    }
    return best;
}

QString TimelineView::toolTipFor(int spanId) const
{
    if (!m_snapshot.holds(spanId))
        return {};
    const Span &s = m_snapshot.spanById(quint32(spanId));
    const qint64 endNs = m_snapshot.spanEndNs(s);
    const qint64 queuedNs = (s.startNs ? s.startNs : endNs) - s.submitNs;
    const qint64 transferNs = s.transferNs();
    const qint64 ranNs = s.startNs ? endNs - s.startNs - transferNs : 0;
    const bool wait = s.kind == WorkKind::Wait;
    QString kind = Kinds::name(s.kind);
    if (wait)
        kind = tr("%1 (blocked on another thread's work)").arg(kind);
    else if (s.kind == WorkKind::Item)
        kind = tr("%1 (one queue item)").arg(kind);
    else if (s.kind == WorkKind::Code)
        kind = tr("%1 (what the program reported: an executor call or a slow callback)").arg(kind);
    QString queued = formatMs(queuedNs);
    if (s.state == SpanState::Queued)
        queued = tr("%1 so far").arg(queued);
    QString ran = formatMs(ranNs);
    if (s.state == SpanState::Running)
        ran = tr("%1 so far").arg(ran);

    QStringList lines;
    lines << tr("Task %1").arg(s.id) << tr("Kind: %1").arg(kind) << tr("Mode: %1").arg(Kinds::name(s.mode))
          << tr("Queued: %1").arg(queued);
    if (transferNs > 0)
        lines << tr("Transfer: %1").arg(formatMs(transferNs));
    lines << (wait ? tr("Blocked: %1") : tr("Ran: %1")).arg(ran)
          << tr("Thread: %1").arg(s.startNs ? rowName(s.lane) : tr("— (never started)"))
          << tr("State: %1").arg(Kinds::name(s.state));
    return lines.join(QLatin1Char('\n'));
}

QStringList TimelineView::laneNames() const
{
    QStringList names;
    for (int row = 0; row < m_snapshot.rowCount(); ++row)
        names << rowName(row);
    return names;
}

qint64 TimelineView::lastPaintNs() const
{
    return m_lastPaintNs;
}

void TimelineView::setLevelOfDetail(bool on)
{
    m_batcher.setLevelOfDetail(on);
    update();
}

int TimelineView::preferredHeight() const
{
    return layout().preferredHeight();
}

QSize TimelineView::sizeHint() const
{
    return QSize(900, 260);
}

QSize TimelineView::minimumSizeHint() const
{
    return QSize(300, 120);
}

TimelineLayout TimelineView::layout() const
{
    TimelineLayout::Input in;
    in.fontHeight = fontMetrics().height();
    in.height = height();
    in.spanRows = m_snapshot.spanRowCount();
    in.counterRows = int(m_snapshot.counterRows().size());
    in.scroll = !m_rowScroll->isHidden() ? m_rowScroll->value() : 0;
    in.plotLeft = m_axis.leftPx;
    in.plotRight = m_axis.leftPx + m_axis.widthPx;
    return TimelineLayout::compute(in);
}

QString TimelineView::rowName(int row) const
{
    if (row == m_snapshot.queueRow())
        return tr("queue");
    const int spanRows = m_snapshot.spanRowCount();
    const QVector<Counter> &counterRows = m_snapshot.counterRows();
    if (row >= spanRows && row < spanRows + counterRows.size()) {
        switch (counterRows.at(row - spanRows)) {
        case Counter::QueueDepth: return tr("queue depth");
        case Counter::NestingDepth: return tr("nesting depth");
        case Counter::Reentry: return tr("re-entered handler");
        }
    }
    // Lane names are data (saved runs, traces): only the fixed ones have a translation.
    const QStringList &lanes = m_snapshot.lanes();
    if (row >= 0 && row < lanes.size()) {
        const QString &lane = lanes.at(row);
        if (lane == QLatin1String("GUI thread"))
            return tr("GUI thread");
        if (lane == QLatin1String("producer"))
            return tr("producer");
        return lane;
    }
    return tr("lane %1").arg(row);
}

void TimelineView::updateAxisGeometry()
{
    const int left = qMax(kLabelWidth, m_plotLeft);
    int right = qMax(kRightMargin, m_rightMargin);
    if (!m_rowScroll->isHidden())
        right = qMax(right, m_rowScroll->sizeHint().width() + 2);
    m_axis.leftPx = left;
    m_axis.widthPx = qMax(1, width() - left - right);
}

void TimelineView::updateScrollBar()
{
    // Whether the rows fit does not depend on where they are scrolled to.
    TimelineLayout::Input in;
    in.fontHeight = fontMetrics().height();
    in.height = height();
    in.spanRows = m_snapshot.spanRowCount();
    in.counterRows = int(m_snapshot.counterRows().size());
    const TimelineLayout l = TimelineLayout::compute(in);
    const int available = l.viewBottom - l.viewTop;
    const int overflow = l.overflow();
    const bool show = overflow > 0 && available > 0;
    if (show) {
        m_rowScroll->setRange(0, overflow);
        m_rowScroll->setPageStep(available);
        m_rowScroll->setSingleStep(l.laneHeight);
        const int w = m_rowScroll->sizeHint().width();
        m_rowScroll->setGeometry(width() - w, l.viewTop, w, available);
    }
    if (show != !m_rowScroll->isHidden()) {
        m_rowScroll->setVisible(show);
        updateAxisGeometry();
        emit plotEdgesChanged();
    }
}

int TimelineView::requiredRightMargin() const
{
    return !m_rowScroll->isHidden() ? qMax(kRightMargin, m_rowScroll->sizeHint().width() + 2) : kRightMargin;
}

void TimelineView::followNow()
{
    // As the lag chart does: the first seconds fill the window from the left, then it slides.
    m_axis.spanNs = m_visibleNs;
    m_axis.startNs = qMax(m_snapshot.nowNs(), m_originNs + m_visibleNs) - m_visibleNs;
}

qint64 TimelineView::runEndNs() const
{
    return qMax(m_snapshot.nowNs(), m_originNs);
}

qint64 TimelineView::maxSpanNs() const
{
    const qint64 run = runEndNs() - m_originNs;
    return run > 0 ? qMax(kMinSpanNs, run) : m_visibleNs;
}

void TimelineView::clampToRun()
{
    if (!m_recorder)
        return;
    // The view may be wider than the run (the live window of a short run): then it starts at 0.
    const qint64 latestStart = qMax(m_originNs, runEndNs() - m_axis.spanNs);
    m_axis.startNs = qBound(m_originNs, m_axis.startNs, latestStart);
}

void TimelineView::viewChanged()
{
    const qint64 start = m_axis.startNs;
    const qint64 end = m_axis.endNs();
    if (start != m_emittedStartNs || end != m_emittedEndNs) {
        m_emittedStartNs = start;
        m_emittedEndNs = end;
        emit rangeChanged(start, end);
    }
    update();
}

void TimelineView::leaveLive()
{
    if (!m_live)
        return;
    m_live = false;
    emit liveChanged(false);
}

qint64 TimelineView::tickStepNs() const
{
    const double wanted = m_axis.nsPerPx() * kMinTickSpacingPx;
    qint64 decade = 1;
    while (true) {
        for (qint64 m : {1, 2, 5}) {
            if (double(m * decade) >= wanted)
                return m * decade;
        }
        if (decade > std::numeric_limits<qint64>::max() / 100)
            return decade * 10;
        decade *= 10;
    }
}

void TimelineView::resizeEvent(QResizeEvent *event)
{
    updateScrollBar();
    updateAxisGeometry();
    QWidget::resizeEvent(event);
}

void TimelineView::paintEvent(QPaintEvent *)
{
    QElapsedTimer timer;
    timer.start();
    {
        QPainter p(this);
        // We only draw straight boxes and lines.
        p.setRenderHint(QPainter::Antialiasing, false);
        p.fillRect(rect(), Theme::backgroundColor());
        const TimelineLayout l = layout();
        const int legendFlags = TimelineLegend::flags(m_snapshot, m_programRun);
        const int legendLeft = TimelineLegend::left(fontMetrics(), legendFlags, width() - kRightMargin);
        // The rows scroll under the axis and legend: everything in them is clipped below it.
        p.setClipRect(QRect(0, l.viewTop, width(), height() - l.viewTop));
        paintRows(p, l);
        paintModes(p, l, legendLeft);
        paintGrid(p, l);
        paintDecimated(p, l);
        m_batcher.paint(p, m_axis, l);
        const QVector<Counter> &counterRows = m_snapshot.counterRows();
        for (int i = 0; i < counterRows.size(); ++i)
            paintCounter(p, l, l.spanRows + i, counterRows.at(i));
        paintLabels(p, l);
        p.setClipping(false);
        paintAxis(p, l);
        TimelineLegend::paint(p, legendFlags, legendLeft, width());
        paintHover(p, l);
        if (hasFocus() && p.device() == this) { // the keyboard zooms and pans here; not in exports
            QPen pen(palette().color(QPalette::Highlight), 1.0);
            p.setPen(pen);
            p.setBrush(Qt::NoBrush);
            p.drawRect(rect().adjusted(0, 0, -1, -1));
        }
        if (m_snapshot.spans().isEmpty()) {
            p.setPen(Theme::mutedTextColor());
            p.drawText(QRect(l.plotLeft, l.rowsTop, l.plotRight - l.plotLeft, qMax(l.laneHeight, l.rowsBottom - l.rowsTop)),
                       Qt::AlignCenter, m_recorder ? tr("No tasks yet") : tr("No run"));
        }
    }
    m_lastPaintNs = timer.nsecsElapsed();
    emit painted(m_lastPaintNs);
}

void TimelineView::paintDecimated(QPainter &p, const TimelineLayout &l)
{
    const qint64 endNs = m_snapshot.decimatedEndNs();
    if (endNs <= 0 || l.spanRows == 0 || endNs <= m_axis.startNs)
        return;
    const double x0 = qMax(double(l.plotLeft), m_axis.mapTimeToX(qMax(m_originNs, m_axis.startNs)));
    const double x1 = qMin(double(l.plotRight + 1), m_axis.mapTimeToX(endNs));
    if (x1 <= x0)
        return;
    // Subtle: it says "nothing kept here", not "something happened here".
    const QRectF band(x0, l.rowsTop, x1 - x0, l.spansBottom - l.rowsTop);
    StripFill::fillRect(&p, band, TimelineStyle::withAlpha(Theme::mutedTextColor(), 25));
    StripFill::fillRect(&p, band, QBrush(TimelineStyle::withAlpha(Theme::mutedTextColor(), 60), Qt::BDiagPattern));
    const QString text = tr("decimated");
    if (p.fontMetrics().horizontalAdvance(text) + 8 < band.width()) {
        p.setPen(Theme::mutedTextColor());
        p.drawText(band, Qt::AlignCenter, text);
    }
}

void TimelineView::paintRows(QPainter &p, const TimelineLayout &l)
{
    for (int row = 1; row < l.rowCount; row += 2)
        p.fillRect(QRect(0, l.rowTop(row), width(), l.rowHeight(row)), Theme::alternateLaneColor());
    if (!m_recorder)
        return;
    // Before the run started there is nothing to see: shade it so it does not read as idle.
    const double originX = m_axis.mapTimeToX(m_originNs);
    if (originX > l.plotLeft) {
        const int right = int(qMin<double>(originX, l.plotRight));
        StripFill::fillRect(&p, QRect(l.plotLeft, l.rowsTop, right - l.plotLeft, l.rowsBottom - l.rowsTop),
                            QColor(0, 0, 0, 12));
    }
}

void TimelineView::paintModes(QPainter &p, const TimelineLayout &l, int legendLeft)
{
    const QVector<ModeSwitch> &switches = m_snapshot.modeSwitches();
    if (switches.isEmpty())
        return;
    const double left = l.plotLeft;
    const double right = l.plotRight;
    const int n = int(switches.size());
    for (int i = 0; i < n; ++i) {
        const ModeSwitch &sw = switches.at(i);
        const qint64 endNs = i + 1 < n ? switches.at(i + 1).ns : qMax(m_snapshot.nowNs(), sw.ns);
        const double x0 = qBound(left, m_axis.mapTimeToX(sw.ns), right);
        const double x1 = qBound(left, m_axis.mapTimeToX(endNs), right);
        if (x1 > x0)
            StripFill::fillRect(&p, QRectF(x0, l.rowsTop, x1 - x0, l.rowsBottom - l.rowsTop),
                                Theme::modeBandColor(sw.mode));
    }

    const QFont font = TimelineStyle::smallFont(p.font());
    p.save();
    p.setFont(font);
    const QFontMetrics fm(font);
    const double labelLimit = legendLeft - 8;
    struct Label
    {
        double x;
        int i;
    };
    QVarLengthArray<Label, 8> labels;
    QVarLengthArray<Label, 8> headerLines;
    for (int i = 0; i < n; ++i) {
        const ModeSwitch &sw = switches.at(i);
        const double x = m_axis.mapTimeToX(sw.ns);
        const double bandEnd = i + 1 < n ? m_axis.mapTimeToX(switches.at(i + 1).ns) : right;
        if (x >= left && x <= right) {
            // Across the lanes and beside the name; the tick labels in between stay clear.
            p.setPen(Theme::modeColor(sw.mode));
            p.drawLine(QPointF(x, l.rowsTop), QPointF(x, l.rowsBottom - 1));
            headerLines.append({x, i});
        }
        // The band's name sits at its start, at the left edge once that scrolled away, and
        // just left of the legend rather than under it.
        const int w = fm.horizontalAdvance(Kinds::name(sw.mode));
        const double labelX = qMin(qMax(x, left) + 3, labelLimit - w);
        if (bandEnd > left && x <= right && labelX >= left)
            labels.append({labelX, i});
    }
    // The header above the axis does not scroll with the rows.
    p.setClipping(false);
    for (const Label &line : headerLines) {
        p.setPen(Theme::modeColor(switches.at(line.i).mode));
        p.drawLine(QPointF(line.x, 2), QPointF(line.x, l.axisTop - 2));
    }
    // Newest first: when names collide, the latest switch is the one worth reading.
    double nextLeft = 1e18;
    for (auto it = labels.crbegin(); it != labels.crend(); ++it) {
        const ModeSwitch &sw = switches.at(it->i);
        const QString name = Kinds::name(sw.mode);
        if (it->x + fm.horizontalAdvance(name) + 4 > nextLeft)
            continue;
        p.setPen(Theme::modeColor(sw.mode));
        p.drawText(QPointF(it->x, 2 + fm.ascent()), name);
        nextLeft = it->x;
    }
    p.restore();
}

void TimelineView::paintGrid(QPainter &p, const TimelineLayout &l)
{
    const qint64 step = tickStepNs();
    const qint64 rel = m_axis.startNs - m_originNs;
    qint64 t = m_originNs + (rel / step) * step;
    if (t < m_axis.startNs)
        t += step;
    QVector<QLineF> lines;
    for (; t <= m_axis.endNs(); t += step) {
        if (m_recorder && t < m_originNs)
            continue;
        const double x = std::floor(m_axis.mapTimeToX(t));
        lines.append(QLineF(x, l.rowsTop, x, l.rowsBottom - 1));
    }
    for (int row = 0; row < l.rowCount; ++row) {
        const int y = l.rowTop(row) + l.rowHeight(row) - 1;
        lines.append(QLineF(0, y, width(), y));
    }
    p.setPen(Theme::gridColor());
    p.drawLines(lines);
}

void TimelineView::paintCounter(QPainter &p, const TimelineLayout &l, int row, Counter counter)
{
    const QVector<CounterSample> &samples = m_snapshot.counterSamples(counter);
    if (counter == Counter::NestingDepth)
        paintReentries(p, l, row);
    if (samples.isEmpty())
        return;
    const double maxValue = qMax(1.0, m_snapshot.counterMax(counter));
    const int top = l.rowTop(row);
    const double base = top + l.counterHeight - 2; // the pixel row a zero value sits on
    const double scale = (base - (top + kCounterTopPad)) / maxValue;
    auto toY = [=](double v) { return std::round(base - qBound(0.0, v, maxValue) * scale); };
    const double pxPerNs = 1.0 / m_axis.nsPerPx();
    auto toX = [&](qint64 ns) { return double(m_axis.leftPx) + double(ns - m_axis.startNs) * pxPerNs; };
    // Columns outside the plot are clamped to its edges; the clip trims the rest.
    auto column = [&](qint64 ns) { return std::floor(qBound(l.plotLeft - 1.0, toX(ns), l.plotRight + 1.0)); };

    m_counterFill.clear();
    m_counterEdge.clear();
    // One column where the value changed: its whole range, min..max.
    auto addColumn = [&](double x, double lo, double hi) {
        const double yHi = toY(hi);
        m_counterFill.append(QRectF(x, yHi, 1, base + 1 - yHi));
        m_counterEdge.append(QRectF(x, yHi, 1, toY(lo) - yHi + 1));
    };
    // Columns [x0, x1) where the value held still.
    auto addFlat = [&](double x0, double x1, double v) {
        if (x1 <= x0)
            return;
        const double y = toY(v);
        m_counterFill.append(QRectF(x0, y, x1 - x0, base + 1 - y));
        m_counterEdge.append(QRectF(x0, y, x1 - x0, 1));
    };

    // The value at the view's start is the last sample at or before it.
    const auto begin = samples.cbegin();
    const auto end = samples.cend();
    auto it = std::upper_bound(begin, end, m_axis.startNs,
                               [](qint64 ns, const CounterSample &s) { return ns < s.ns; });
    if (it != begin)
        --it;
    if (it->ns > m_axis.endNs())
        return;
    double value = it->value;
    double x = column(it->ns);
    double lo = value;
    double hi = value;
    const qint64 viewEnd = m_axis.endNs();
    for (++it; it != end && it->ns <= viewEnd; ++it) {
        // Samples from two threads can be a hair out of order; they share the column then.
        const double next = qMax(x, column(it->ns));
        if (next > x) {
            addColumn(x, lo, hi);
            addFlat(x + 1, next, value);
            x = next;
            lo = hi = value;
        }
        value = it->value;
        lo = qMin(lo, value);
        hi = qMax(hi, value);
    }
    addColumn(x, lo, hi);
    // The last value holds until now (or the sample after the view).
    const qint64 holdNs = it != end ? it->ns : qMax(m_snapshot.nowNs(), samples.constLast().ns);
    addFlat(x + 1, column(holdNs), value);

    const QColor color = Theme::counterColor(counter);
    p.save();
    p.setClipRect(QRect(l.plotLeft, top, l.plotRight - l.plotLeft + 1, l.counterHeight - 1), Qt::IntersectClip);
    p.setPen(Qt::NoPen);
    p.setBrush(TimelineStyle::withAlpha(color, 70));
    p.drawRects(m_counterFill.constData(), int(m_counterFill.size()));
    p.setBrush(color);
    p.drawRects(m_counterEdge.constData(), int(m_counterEdge.size()));
    p.restore();
}

void TimelineView::paintReentries(QPainter &p, const TimelineLayout &l, int row)
{
    const QVector<CounterSample> &marks = m_snapshot.counterSamples(Counter::Reentry);
    if (marks.isEmpty())
        return;
    // Same scale as the nesting depth plot: the mark's tip sits on the depth it ran at.
    const double maxValue = qMax(1.0, m_snapshot.counterMax(Counter::NestingDepth));
    const int top = l.rowTop(row);
    const double base = top + l.counterHeight - 2;
    const double scale = (base - (top + kCounterTopPad)) / maxValue;
    const qint64 fromNs = m_axis.mapXToTime(l.plotLeft - 4);
    const qint64 toNs = m_axis.mapXToTime(l.plotRight + 4);
    auto it = std::lower_bound(marks.cbegin(), marks.cend(), fromNs,
                               [](const CounterSample &s, qint64 ns) { return s.ns < ns; });
    p.save();
    p.setClipRect(QRect(l.plotLeft, top, l.plotRight - l.plotLeft + 1, l.counterHeight - 1), Qt::IntersectClip);
    p.setRenderHint(QPainter::Antialiasing, true);
    p.setPen(Qt::NoPen);
    p.setBrush(Theme::counterColor(Counter::Reentry));
    double lastX = -1e9;
    for (; it != marks.cend() && it->ns <= toNs; ++it) {
        const double x = std::round(m_axis.mapTimeToX(it->ns)) + 0.5;
        if (x - lastX < kMinMarkSpacingPx)
            continue;
        lastX = x;
        p.drawPolygon(TimelineStyle::reentryMark(x, base - qBound(0.0, it->value, maxValue) * scale));
    }
    p.restore();
}

void TimelineView::paintLabels(QPainter &p, const TimelineLayout &l)
{
    const QFontMetrics fm = p.fontMetrics();
    const int queue = m_snapshot.queueRow();
    if (l.laneHeight >= fm.height() - 4) {
        for (int row = 0; row < l.spanRows; ++row) {
            const QRect r(6, l.rowTop(row), kLabelWidth - 10, l.laneHeight);
            p.setPen(row == queue ? Theme::mutedTextColor() : Theme::textColor());
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(rowName(row), Qt::ElideRight, r.width()));
        }
        // Counter rows, in small type to fit the label column: the name, and under it the
        // value the top of the row stands for.
        p.save();
        p.setFont(TimelineStyle::smallFont(p.font()));
        const QFontMetrics sfm = p.fontMetrics();
        for (int row = l.spanRows; row < l.rowCount; ++row) {
            const Counter counter = m_snapshot.counterRows().at(row - l.spanRows);
            const QRect r(6, l.rowTop(row) + 3, kLabelWidth - 10, l.counterHeight - 4);
            p.setPen(Theme::textColor());
            p.drawText(r, Qt::AlignLeft | Qt::AlignTop, sfm.elidedText(rowName(row), Qt::ElideRight, r.width()));
            if (r.height() >= 2 * sfm.height()) {
                p.setPen(Theme::mutedTextColor());
                const QString max = tr("max %1").arg(m_snapshot.counterMax(counter));
                p.drawText(r.adjusted(0, sfm.height(), 0, 0), Qt::AlignLeft | Qt::AlignTop, max);
            }
        }
        p.restore();
    }
    p.setPen(Theme::gridColor());
    p.drawLine(l.plotLeft - 1, l.rowsTop, l.plotLeft - 1, l.rowsBottom - 1);
}

void TimelineView::paintAxis(QPainter &p, const TimelineLayout &l)
{
    const int baseline = l.viewTop - 1;
    p.setPen(Theme::mutedTextColor());
    p.drawLine(l.plotLeft, baseline, l.plotRight, baseline);

    const qint64 step = tickStepNs();
    const double stepSeconds = double(step) / 1e9;
    const int decimals = stepSeconds >= 1 ? 0 : qMin(9, int(std::ceil(-std::log10(stepSeconds) - 1e-9)));
    const QFontMetrics fm = p.fontMetrics();
    const qint64 rel = m_axis.startNs - m_originNs;
    qint64 t = m_originNs + (rel / step) * step;
    if (t < m_axis.startNs)
        t += step;
    double lastRight = -1e9;
    for (; t <= m_axis.endNs(); t += step) {
        if (m_recorder && t < m_originNs)
            continue;
        const double x = std::floor(m_axis.mapTimeToX(t));
        p.setPen(Theme::mutedTextColor());
        p.drawLine(QPointF(x, baseline - 3), QPointF(x, baseline));
        const QString label = tr("%1 s").arg(QString::number(double(t - m_originNs) / 1e9, 'f', decimals));
        const int w = fm.horizontalAdvance(label);
        const double left = qBound(double(l.plotLeft - 4), x - w / 2.0, double(width() - w - 2));
        if (left < lastRight + 8)
            continue;
        p.setPen(Theme::textColor());
        p.drawText(QPointF(left, baseline - 4 - fm.descent()), label);
        lastRight = left + w;
    }
}

void TimelineView::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() ? delta.y() : delta.x();
    if (steps == 0) {
        event->ignore();
        return;
    }
    if (event->modifiers() & Qt::ShiftModifier) { // the lanes, when more than fit
        if (m_rowScroll->isHidden()) {
            event->ignore();
            return;
        }
        m_rowScroll->setValue(m_rowScroll->value() - steps * m_rowScroll->singleStep() / 120);
        event->accept();
        return;
    }
    const double factor = TimeAxis::wheelFactor(steps);
    const double x = qBound(double(m_axis.leftPx), event->position().x(), double(m_axis.leftPx + m_axis.widthPx));
    zoomAt(m_axis.mapXToTime(x), factor);
    event->accept();
}

void TimelineView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || event->position().x() < m_axis.leftPx) {
        QWidget::mousePressEvent(event);
        return;
    }
    m_dragging = true;
    m_lastDragX = event->position().x();
    setCursor(Qt::ClosedHandCursor);
    event->accept();
}

void TimelineView::mouseMoveEvent(QMouseEvent *event)
{
    const double x = event->position().x();
    if (!m_dragging) {
        const bool inPlot = x >= m_axis.leftPx && x <= m_axis.leftPx + m_axis.widthPx && m_recorder;
        const qint64 ns = inPlot ? m_axis.mapXToTime(x) : -1;
        setHoverNs(ns);
        emit hovered(ns);
        QWidget::mouseMoveEvent(event);
        return;
    }
    if (x != m_lastDragX) {
        m_axis = m_axis.pannedBy(x - m_lastDragX);
        m_lastDragX = x;
        leaveLive();
        m_wholeRun = false;
        clampToRun();
        viewChanged();
    }
    event->accept();
}

void TimelineView::leaveEvent(QEvent *event)
{
    setHoverNs(-1);
    emit hovered(-1);
    QWidget::leaveEvent(event);
}

void TimelineView::keyPressEvent(QKeyEvent *event)
{
    const double pan = event->modifiers() & Qt::ShiftModifier ? 0.5 : 0.1;
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(TimeAxis::wheelFactor(kKeyZoomSteps));
        break;
    case Qt::Key_Minus:
        zoomBy(TimeAxis::wheelFactor(-kKeyZoomSteps));
        break;
    case Qt::Key_Left:
        panBy(-pan);
        break;
    case Qt::Key_Right:
        panBy(pan);
        break;
    case Qt::Key_0:
        showAll();
        break;
    case Qt::Key_F: // toggles, as View > Follow live does
        setLive(!m_live);
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void TimelineView::focusInEvent(QFocusEvent *event)
{
    update(); // the focus frame
    QWidget::focusInEvent(event);
}

void TimelineView::focusOutEvent(QFocusEvent *event)
{
    update();
    QWidget::focusOutEvent(event);
}

void TimelineView::paintHover(QPainter &p, const TimelineLayout &l)
{
    if (m_hoverNs < 0)
        return;
    const double x = std::floor(m_axis.mapTimeToX(m_hoverNs)) + 0.5;
    if (x < l.plotLeft || x > l.plotRight)
        return;
    QPen pen(Theme::textColor(), 1.0, Qt::DashLine);
    pen.setCosmetic(true);
    p.setPen(pen);
    p.drawLine(QPointF(x, l.axisTop), QPointF(x, qMin(l.rowsBottom, height()) - 1));
}

void TimelineView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton || !m_dragging) {
        QWidget::mouseReleaseEvent(event);
        return;
    }
    m_dragging = false;
    unsetCursor();
    event->accept();
}

int TimelineView::labelRowAt(const TimelineLayout &l, const QPoint &pos) const
{
    if (pos.x() >= l.plotLeft || pos.y() < l.viewTop || pos.y() >= l.viewBottom)
        return -1;
    for (int row = 0; row < l.rowCount; ++row) {
        if (pos.y() >= l.rowTop(row) && pos.y() < l.rowTop(row) + l.rowHeight(row))
            return row;
    }
    return -1;
}

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int id = spanAt(help->pos());
        const TimelineLayout l = layout();
        const qint64 decimatedEnd = m_snapshot.decimatedEndNs();
        const int labelRow = labelRowAt(l, help->pos());
        if (id >= 0) {
            QToolTip::showText(help->globalPos(), toolTipFor(id), this);
        } else if (labelRow >= 0) { // a long thread name is cut in the label column
            QToolTip::showText(help->globalPos(), rowName(labelRow), this);
        } else if (decimatedEnd > 0 && help->pos().x() >= l.plotLeft && help->pos().y() >= l.rowsTop
                   && help->pos().y() < l.spansBottom
                   && m_axis.mapXToTime(help->pos().x()) < decimatedEnd) {
            QToolTip::showText(help->globalPos(),
                               tr("Older tasks were decimated to keep memory bounded (raw history): "
                                  "the statistics still count them, the timeline no longer draws them."),
                               this);
        } else {
            QToolTip::hideText();
            event->ignore();
        }
        return true;
    }
    return QWidget::event(event);
}
