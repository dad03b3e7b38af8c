#include "timeline/timelineview.h"

#include "engine/kinds.h"
#include "engine/recorder.h"
#include "style/theme.h"

#include <QElapsedTimer>
#include <QHelpEvent>
#include <QImage>
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
constexpr int kLaneHeight = 22;
// Below this lane names do not fit; more rows than fit scroll instead of shrinking further.
constexpr int kMinLaneHeight = 16;
// A counter row is this many lanes tall, so a depth of 32 still reads as steps.
constexpr int kCounterRowUnits = 2;
// Room above a counter's maximum for the re-entry marks.
constexpr int kCounterTopPad = 6;
constexpr double kMinMarkSpacingPx = 4.0;
constexpr double kHitTolerancePx = 2.0;
constexpr double kMinTickSpacingPx = 90.0;
constexpr qint64 kMinSpanNs = 10'000; // 10 µs across the whole view
constexpr int kSummariseSpansPerPx = 2;

QString formatMs(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    const int decimals = ms >= 100 ? 0 : ms >= 10 ? 1 : ms >= 1 ? 2 : 3;
    return TimelineView::tr("%1 ms").arg(QString::number(ms, 'f', decimals));
}

QColor withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

QFont smallFont(const QFont &base)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    else
        f.setPixelSize(qMax(8, f.pixelSize() * 85 / 100));
    return f;
}

// Queued time: a light tint so thin slivers still show, with hatching on top.
QBrush queuedTint(const QColor &c)
{
    return withAlpha(c, 80);
}

QBrush queuedHatch(const QColor &c)
{
    return QBrush(withAlpha(c, 230), Qt::BDiagPattern);
}

QBrush failedHatch()
{
    return QBrush(QColor(255, 255, 255, 170), Qt::DiagCrossPattern);
}

// A repeating tile of diagonal lines; denser than Qt's hatch patterns, which get lost in a
// bar a few pixels wide.
QBrush stripes(const QColor &line, const QColor &fill, int period, int lineWidth, bool cross)
{
    QImage tile(period, period, QImage::Format_ARGB32_Premultiplied);
    tile.fill(fill);
    for (int i = 0; i < period; ++i) {
        for (int w = 0; w < lineWidth; ++w) {
            tile.setPixelColor((i + w) % period, i, line);
            if (cross)
                tile.setPixelColor((i + w) % period, period - 1 - i, line);
        }
    }
    return QBrush(tile);
}

// The loop waiting on something else: crossed out, so it never reads as the loop's own work.
const QBrush &waitBrush()
{
    static const QBrush brush = stripes(Theme::workColor(WorkKind::Wait),
                                        withAlpha(Theme::workColor(WorkKind::Wait), 110), 8, 1, true);
    return brush;
}

// Striped the other way from queued time, which sits in the thinner strip below.
const QBrush &transferBrush()
{
    static const QBrush brush = stripes(Theme::transferColor(), withAlpha(Theme::transferColor(), 70), 6, 2, false);
    return brush;
}

QPolygonF reentryMark(double x, double tipY)
{
    return QPolygonF({QPointF(x - 3.5, tipY - 5), QPointF(x + 3.5, tipY - 5), QPointF(x, tipY)});
}

QColor outlineOf(const QColor &c)
{
    return c.darker(170);
}

enum class Swatch { Solid, Queued, Wait, Transfer, Cancelled, Failed, Mark };

// Legend entries that only show when the run has them.
enum LegendFlag { ShowWait = 1, ShowItem = 2, ShowTransfer = 4, ShowReentry = 8 };

struct LegendItem
{
    QString name;
    QColor color;
    Swatch swatch;
};

QVector<LegendItem> legendItems(int flags)
{
    QVector<LegendItem> items{
        {Kinds::shortLabel(WorkKind::Io), Theme::workColor(WorkKind::Io), Swatch::Solid},
        {Kinds::shortLabel(WorkKind::Cpu), Theme::workColor(WorkKind::Cpu), Swatch::Solid},
    };
    if (flags & ShowItem)
        items.append({Kinds::shortLabel(WorkKind::Item), Theme::workColor(WorkKind::Item), Swatch::Solid});
    if (flags & ShowWait)
        items.append({Kinds::shortLabel(WorkKind::Wait), Theme::workColor(WorkKind::Wait), Swatch::Wait});
    items.append({TimelineView::tr("queued"), Theme::workColor(WorkKind::Io), Swatch::Queued});
    if (flags & ShowTransfer)
        items.append({TimelineView::tr("transfer"), Theme::transferColor(), Swatch::Transfer});
    items.append({TimelineView::tr("cancelled"), Theme::cancelledColor(), Swatch::Cancelled});
    items.append({TimelineView::tr("failed"), Theme::failedColor(), Swatch::Failed});
    if (flags & ShowReentry)
        items.append({TimelineView::tr("re-entry"), Theme::counterColor(Counter::Reentry), Swatch::Mark});
    return items;
}

constexpr int kLegendGap = 12;

int swatchSize(const QFontMetrics &fm)
{
    return qMax(8, fm.height() - 6);
}

int legendWidth(const QFontMetrics &fm, int flags)
{
    int total = -kLegendGap;
    for (const LegendItem &item : legendItems(flags))
        total += swatchSize(fm) + 4 + fm.horizontalAdvance(item.name) + kLegendGap;
    return total;
}
} // namespace

TimelineView::TimelineView(QWidget *parent)
    : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setMouseTracking(true); // the hover line follows the cursor without a button held
    m_rowScroll = new QScrollBar(Qt::Vertical, this);
    m_rowScroll->setObjectName(QStringLiteral("timelineRows"));
    m_rowScroll->setToolTip(tr("More lanes than fit: scroll them here or with Shift+wheel."));
    m_rowScroll->hide();
    connect(m_rowScroll, &QScrollBar::valueChanged, this, qOverload<>(&QWidget::update));
    m_axis.spanNs = m_visibleNs;
    updateAxisGeometry();
}

TimelineView::~TimelineView() = default;

void TimelineView::setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs)
{
    m_recorder = std::move(recorder);
    m_originNs = originNs;
    m_nowNs = originNs;
    m_spans.clear();
    m_firstId = 0;
    m_unfinished.clear();
    m_pyramid.clear();
    m_lanes.clear();
    m_modeSwitches.clear();
    m_maxLane = -1;
    m_maxFinishedLengthNs = 0;
    m_maxSpanLengthNs = 0;
    m_showQueueRow = false;
    m_seenWait = false;
    m_seenItem = false;
    m_seenTransfer = false;
    for (CounterTrack &track : m_counters)
        track = CounterTrack();
    m_counterRows.clear();
    if (m_dragging) {
        m_dragging = false;
        unsetCursor();
    }
    m_hoverNs = -1;
    if (m_recorder) {
        m_lanes = m_recorder->laneNames();
        m_modeSwitches = m_recorder->modeSwitches();
        pullCounters();
    }
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
    m_nowNs = nowNs;

    // Returns whether the span is finished, i.e. will never change again.
    auto absorb = [this](const Span &s) {
        m_maxLane = qMax(m_maxLane, int(s.lane));
        if (s.startNs == 0)
            m_showQueueRow = true;
        m_seenWait = m_seenWait || s.kind == WorkKind::Wait;
        m_seenItem = m_seenItem || s.kind == WorkKind::Item;
        if (!s.isFinished())
            return false;
        m_seenTransfer = m_seenTransfer || s.transferNs() > 0;
        m_maxFinishedLengthNs = qMax(m_maxFinishedLengthNs, s.endNs - s.submitNs);
        indexFinished(s);
        return true;
    };

    dropDecimated();
    int kept = 0;
    for (int i = 0; i < m_unfinished.size(); ++i) {
        const quint32 id = m_unfinished.at(i);
        const Span s = m_recorder->span(id);
        // Dropped by a compaction since dropDecimated(): the next refresh drops it here too.
        if (s.state == SpanState::Empty) {
            m_unfinished[kept++] = id;
            continue;
        }
        m_spans[int(id - m_firstId)] = s;
        if (!absorb(s))
            m_unfinished[kept++] = id;
    }
    m_unfinished.resize(kept);

    // Stop at the first id not yet published, so the snapshot has no holes and stays sorted.
    const quint32 count = m_recorder->spanCount();
    for (quint32 id = m_firstId + quint32(m_spans.size()); id < count; ++id) {
        const Span s = m_recorder->span(id);
        if (s.state == SpanState::Empty)
            break;
        m_spans.append(s);
        if (!absorb(s))
            m_unfinished.append(id);
    }

    qint64 longest = m_maxFinishedLengthNs;
    for (quint32 id : std::as_const(m_unfinished)) {
        if (id < m_firstId)
            continue;
        const Span &s = spanById(id);
        longest = qMax(longest, spanEndNs(s) - s.submitNs);
    }
    m_maxSpanLengthNs = longest;

    // Read after the spans: every lane a span names is registered before the span starts.
    m_lanes = m_recorder->laneNames();
    m_modeSwitches = m_recorder->modeSwitches();
    pullCounters();

    if (m_live) {
        followNow();
    } else if (m_wholeRun) {
        m_axis.startNs = m_originNs;
        m_axis.spanNs = maxSpanNs();
    }
    updateScrollBar();
    viewChanged();
}

void TimelineView::dropDecimated()
{
    const quint32 first = m_recorder->firstSpan();
    if (first <= m_firstId)
        return;
    const quint32 drop = qMin(first - m_firstId, quint32(m_spans.size()));
    m_spans.remove(0, qsizetype(drop));
    m_firstId = first;
    m_pyramid.dropBefore(first);
    m_unfinished.removeIf([first](quint32 id) { return id < first; });
}

qint64 TimelineView::decimatedEndNs() const
{
    return m_firstId > 0 && !m_spans.isEmpty() ? m_spans.constFirst().submitNs : 0;
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
    const Layout l = layout();
    return l.laneHeight > 0 ? m_rowScroll->value() / l.laneHeight : 0;
}

TimeAxis TimelineView::axis() const
{
    return m_axis;
}

int TimelineView::spanAt(const QPoint &pos) const
{
    if (m_spans.isEmpty())
        return -1;
    const Layout l = layout();
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
    for (int i = firstCandidate(fromNs); i < m_spans.size(); ++i) {
        const Span &s = m_spans.at(i);
        if (s.submitNs > toNs)
            break;
        if (rowOf(s) != row)
            continue;
        const qint64 endNs = spanEndNs(s);
        double score = distance(s.submitNs, s.startNs ? s.startNs : endNs) + 0.5;
        if (s.startNs) // running time wins over the queued time of the next task on that lane
            score = qMin(score, distance(s.startNs, endNs));
        if (score <= kHitTolerancePx + 0.5 && score < bestScore) {
            bestScore = score;
            best = int(m_firstId) + i;
        }
    }
    return best;
}

QString TimelineView::toolTipFor(int spanId) const
{
    if (spanId < int(m_firstId) || spanId - int(m_firstId) >= m_spans.size())
        return {};
    const Span &s = spanById(quint32(spanId));
    const qint64 endNs = spanEndNs(s);
    const qint64 queuedNs = (s.startNs ? s.startNs : endNs) - s.submitNs;
    const qint64 transferNs = s.transferNs();
    const qint64 ranNs = s.startNs ? endNs - s.startNs - transferNs : 0;
    const bool wait = s.kind == WorkKind::Wait;
    QString kind = Kinds::name(s.kind);
    if (wait)
        kind = tr("%1 (blocked on another thread's work)").arg(kind);
    else if (s.kind == WorkKind::Item)
        kind = tr("%1 (one queue item)").arg(kind);
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
    for (int row = 0; row < rowCount(); ++row)
        names << rowName(row);
    return names;
}

qint64 TimelineView::lastPaintNs() const
{
    return m_lastPaintNs;
}

void TimelineView::setLevelOfDetail(bool on)
{
    m_levelOfDetail = on;
    update();
}

int TimelineView::preferredHeight() const
{
    const int band = fontMetrics().height() + 6;
    const int units = spanRowCount() + kCounterRowUnits * int(m_counterRows.size());
    return 2 * band + std::max(units, 3) * kLaneHeight + 8;
}

QSize TimelineView::sizeHint() const
{
    return QSize(900, 260);
}

QSize TimelineView::minimumSizeHint() const
{
    return QSize(300, 120);
}

TimelineView::Layout TimelineView::layout() const
{
    Layout l;
    const int band = fontMetrics().height() + 6;
    l.axisTop = band;
    l.viewTop = 2 * band;
    l.spanRows = spanRowCount();
    l.rowCount = rowCount();
    const int counterRows = l.rowCount - l.spanRows;
    const int units = l.spanRows + kCounterRowUnits * counterRows;
    if (units > 0)
        l.laneHeight = qBound(kMinLaneHeight, (height() - l.viewTop) / units, kLaneHeight);
    // Rows that do not fit scroll under the fixed axis and legend.
    l.rowsTop = l.viewTop - (!m_rowScroll->isHidden() ? m_rowScroll->value() : 0);
    l.counterHeight = kCounterRowUnits * l.laneHeight;
    l.spansBottom = l.rowsTop + l.laneHeight * l.spanRows;
    l.rowsBottom = l.spansBottom + l.counterHeight * counterRows;
    l.plotLeft = m_axis.leftPx;
    l.plotRight = m_axis.leftPx + m_axis.widthPx;
    return l;
}

int TimelineView::rowCount() const
{
    return spanRowCount() + int(m_counterRows.size());
}

int TimelineView::spanRowCount() const
{
    if (!m_recorder)
        return 0;
    return int(qMax<qsizetype>(m_lanes.size(), m_maxLane + 1)) + (m_showQueueRow ? 1 : 0);
}

int TimelineView::queueRow() const
{
    return m_showQueueRow ? spanRowCount() - 1 : -1;
}

int TimelineView::rowOf(const Span &span) const
{
    return span.startNs ? int(span.lane) : queueRow();
}

QString TimelineView::rowName(int row) const
{
    if (row == queueRow())
        return tr("queue");
    const int spanRows = spanRowCount();
    if (row >= spanRows && row < spanRows + m_counterRows.size()) {
        switch (m_counterRows.at(row - spanRows)) {
        case Counter::QueueDepth: return tr("queue depth");
        case Counter::NestingDepth: return tr("nesting depth");
        case Counter::Reentry: return tr("re-entered handler");
        }
    }
    // Lane names are data (saved runs, traces): only the fixed ones have a translation.
    if (row >= 0 && row < m_lanes.size()) {
        const QString &lane = m_lanes.at(row);
        if (lane == QLatin1String("GUI thread"))
            return tr("GUI thread");
        if (lane == QLatin1String("producer"))
            return tr("producer");
        return lane;
    }
    return tr("lane %1").arg(row);
}

qint64 TimelineView::spanEndNs(const Span &span) const
{
    if (span.isFinished())
        return span.endNs;
    return qMax(m_nowNs, span.startNs ? span.startNs : span.submitNs);
}

int TimelineView::firstCandidate(qint64 fromNs) const
{
    const qint64 earliest = fromNs - m_maxSpanLengthNs;
    const auto it = std::partition_point(m_spans.cbegin(), m_spans.cend(),
                                         [earliest](const Span &s) { return s.submitNs < earliest; });
    return int(it - m_spans.cbegin());
}

void TimelineView::pullCounters()
{
    for (Counter c : {Counter::QueueDepth, Counter::NestingDepth, Counter::Reentry}) {
        CounterTrack &track = m_counters[int(c)];
        const qsizetype known = track.samples.size();
        {
            // counter() shares the recorder's buffer; while we hold it, the next addCounter
            // has to copy the whole buffer under the recorder's mutex. So copy only the tail
            // we have not seen, in one go, and let go at once.
            const QVector<CounterSample> all = m_recorder->counter(c);
            if (all.size() <= known)
                continue;
            track.samples.resize(all.size());
            std::copy(all.cbegin() + known, all.cend(), track.samples.begin() + known);
        }
        for (auto it = track.samples.cbegin() + known; it != track.samples.cend(); ++it)
            track.maxValue = qMax(track.maxValue, it->value);
    }
    // Counters only grow, so once a row shows it stays.
    m_counterRows.clear();
    if (!m_counters[int(Counter::QueueDepth)].samples.isEmpty())
        m_counterRows.append(Counter::QueueDepth);
    if (!m_counters[int(Counter::NestingDepth)].samples.isEmpty()
        || !m_counters[int(Counter::Reentry)].samples.isEmpty())
        m_counterRows.append(Counter::NestingDepth);
}

double TimelineView::counterMax(Counter counter) const
{
    const double max = m_counters[int(counter)].maxValue;
    // Re-entries are drawn on the nesting row, at the depth they ran at.
    if (counter == Counter::NestingDepth)
        return qMax(max, m_counters[int(Counter::Reentry)].maxValue);
    return max;
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
    const int band = fontMetrics().height() + 6;
    const int viewTop = 2 * band;
    const int units = spanRowCount() + kCounterRowUnits * int(m_counterRows.size());
    const int available = height() - viewTop;
    const int laneHeight = units > 0 ? qBound(kMinLaneHeight, available / qMax(1, units), kLaneHeight) : kLaneHeight;
    const int overflow = units * laneHeight - available;
    const bool show = overflow > 0 && available > 0;
    if (show) {
        m_rowScroll->setRange(0, overflow);
        m_rowScroll->setPageStep(available);
        m_rowScroll->setSingleStep(laneHeight);
        const int w = m_rowScroll->sizeHint().width();
        m_rowScroll->setGeometry(width() - w, viewTop, w, available);
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
    m_axis.startNs = qMax(m_nowNs, m_originNs + m_visibleNs) - m_visibleNs;
}

qint64 TimelineView::runEndNs() const
{
    return qMax(m_nowNs, m_originNs);
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
        const Layout l = layout();
        // The rows scroll under the axis and legend: everything in them is clipped below it.
        p.setClipRect(QRect(0, l.viewTop, width(), height() - l.viewTop));
        paintRows(p, l);
        paintModes(p, l);
        paintGrid(p, l);
        paintDecimated(p, l);
        paintSpans(p, l);
        for (int i = 0; i < m_counterRows.size(); ++i)
            paintCounter(p, l, l.spanRows + i, m_counterRows.at(i));
        paintLabels(p, l);
        p.setClipping(false);
        paintAxis(p, l);
        paintLegend(p);
        paintHover(p, l);
        if (m_spans.isEmpty()) {
            p.setPen(Theme::mutedTextColor());
            p.drawText(QRect(l.plotLeft, l.rowsTop, l.plotRight - l.plotLeft, qMax(l.laneHeight, l.rowsBottom - l.rowsTop)),
                       Qt::AlignCenter, m_recorder ? tr("No tasks yet") : tr("No run"));
        }
    }
    m_lastPaintNs = timer.nsecsElapsed();
    emit painted(m_lastPaintNs);
}

void TimelineView::paintDecimated(QPainter &p, const Layout &l)
{
    const qint64 endNs = decimatedEndNs();
    if (endNs <= 0 || l.spanRows == 0 || endNs <= m_axis.startNs)
        return;
    const double x0 = qMax(double(l.plotLeft), m_axis.mapTimeToX(qMax(m_originNs, m_axis.startNs)));
    const double x1 = qMin(double(l.plotRight + 1), m_axis.mapTimeToX(endNs));
    if (x1 <= x0)
        return;
    // Subtle: it says "nothing kept here", not "something happened here".
    const QRectF band(x0, l.rowsTop, x1 - x0, l.spansBottom - l.rowsTop);
    p.fillRect(band, withAlpha(Theme::mutedTextColor(), 25));
    p.fillRect(band, QBrush(withAlpha(Theme::mutedTextColor(), 60), Qt::BDiagPattern));
    const QString text = tr("decimated");
    if (p.fontMetrics().horizontalAdvance(text) + 8 < band.width()) {
        p.setPen(Theme::mutedTextColor());
        p.drawText(band, Qt::AlignCenter, text);
    }
}

void TimelineView::paintRows(QPainter &p, const Layout &l)
{
    for (int row = 1; row < l.rowCount; row += 2)
        p.fillRect(QRect(0, l.rowTop(row), width(), l.rowHeight(row)), Theme::alternateLaneColor());
    if (!m_recorder)
        return;
    // Before the run started there is nothing to see: shade it so it does not read as idle.
    const double originX = m_axis.mapTimeToX(m_originNs);
    if (originX > l.plotLeft) {
        const int right = int(qMin<double>(originX, l.plotRight));
        p.fillRect(QRect(l.plotLeft, l.rowsTop, right - l.plotLeft, l.rowsBottom - l.rowsTop),
                   QColor(0, 0, 0, 12));
    }
}

void TimelineView::paintModes(QPainter &p, const Layout &l)
{
    if (m_modeSwitches.isEmpty())
        return;
    const double left = l.plotLeft;
    const double right = l.plotRight;
    const int n = int(m_modeSwitches.size());
    for (int i = 0; i < n; ++i) {
        const ModeSwitch &sw = m_modeSwitches.at(i);
        const qint64 endNs = i + 1 < n ? m_modeSwitches.at(i + 1).ns : qMax(m_nowNs, sw.ns);
        const double x0 = qBound(left, m_axis.mapTimeToX(sw.ns), right);
        const double x1 = qBound(left, m_axis.mapTimeToX(endNs), right);
        if (x1 > x0)
            p.fillRect(QRectF(x0, l.rowsTop, x1 - x0, l.rowsBottom - l.rowsTop), Theme::modeBandColor(sw.mode));
    }

    const QFont font = smallFont(p.font());
    p.save();
    p.setFont(font);
    const QFontMetrics fm(font);
    const double labelLimit = legendLeft() - 8;
    struct Label
    {
        double x;
        int i;
    };
    QVarLengthArray<Label, 8> labels;
    QVarLengthArray<Label, 8> headerLines;
    for (int i = 0; i < n; ++i) {
        const ModeSwitch &sw = m_modeSwitches.at(i);
        const double x = m_axis.mapTimeToX(sw.ns);
        const double bandEnd = i + 1 < n ? m_axis.mapTimeToX(m_modeSwitches.at(i + 1).ns) : right;
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
        p.setPen(Theme::modeColor(m_modeSwitches.at(line.i).mode));
        p.drawLine(QPointF(line.x, 2), QPointF(line.x, l.axisTop - 2));
    }
    // Newest first: when names collide, the latest switch is the one worth reading.
    double nextLeft = 1e18;
    for (auto it = labels.crbegin(); it != labels.crend(); ++it) {
        const ModeSwitch &sw = m_modeSwitches.at(it->i);
        const QString name = Kinds::name(sw.mode);
        if (it->x + fm.horizontalAdvance(name) + 4 > nextLeft)
            continue;
        p.setPen(Theme::modeColor(sw.mode));
        p.drawText(QPointF(it->x, 2 + fm.ascent()), name);
        nextLeft = it->x;
    }
    p.restore();
}

void TimelineView::paintGrid(QPainter &p, const Layout &l)
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

void TimelineView::addSegment(Batch batch, double x0, double x1, int row, double y, double h, const Layout &l,
                              bool air)
{
    if (x1 < l.plotLeft - 1 || x0 > l.plotRight)
        return;
    if (x1 - x0 < 1) {
        // Narrow spans merge into one rectangle per pixel column and lane.
        x0 = std::floor(x0);
        x1 = x0 + 1;
    } else {
        // A pixel of air at the end tells back-to-back tasks apart.
        if (air && x1 - x0 >= 4)
            x1 -= 1;
        x0 = qMax<double>(x0, l.plotLeft - 2);
        x1 = qMin<double>(x1, l.plotRight + 2);
    }
    if (m_collecting) {
        m_intervals[size_t(row * BatchCount + batch)].emplace_back(x0, x1);
        return;
    }
    // Overlapping segments of one batch and lane (tasks waiting together, items in one pixel
    // column) become one rectangle, so translucent tints do not stack up darker.
    QVector<QRectF> &rects = m_batches[batch];
    int &last = m_lastRect[size_t(row * BatchCount + batch)];
    if (last >= 0) {
        QRectF &r = rects[last];
        if (x0 <= r.right() && x1 >= r.left()) {
            r.setLeft(qMin(r.left(), x0));
            r.setRight(qMax(r.right(), x1));
            return;
        }
    }
    last = int(rects.size());
    rects.append(QRectF(x0, y, x1 - x0, h));
}

TimelineView::SpanFrame TimelineView::spanFrame(const Layout &l) const
{
    // Two tracks per lane: running time on top, waiting time in a thin strip below it, because
    // a task waits for its lane while the one before it still runs there.
    SpanFrame f;
    // TimeAxis::mapTimeToX with the division hoisted out of a loop that may see every span.
    f.pxPerNs = 1.0 / m_axis.nsPerPx();
    f.leftPx = m_axis.leftPx;
    f.viewStartNs = m_axis.startNs;
    f.viewEndNs = m_axis.endNs();
    f.runTop = qMax(1, l.laneHeight * 2 / 22);
    f.queuedHeight = qMax(1, l.laneHeight * 5 / 22);
    f.queuedTop = l.laneHeight - 2 - f.queuedHeight;
    f.runHeight = qMax(1, f.queuedTop - 1 - f.runTop);
    f.queue = queueRow();
    return f;
}

void TimelineView::spanBatches(const Span &s, Batch *queued, Batch *run)
{
    *queued = QueuedIo;
    *run = RunIo;
    switch (s.kind) {
    case WorkKind::Io: break;
    case WorkKind::Cpu: *queued = QueuedCpu; *run = RunCpu; break;
    case WorkKind::Wait: *queued = QueuedWait; *run = RunWait; break;
    case WorkKind::Item: *queued = QueuedItem; *run = RunItem; break;
    }
    if (s.state == SpanState::Cancelled) {
        *queued = QueuedCancelled;
        *run = RunCancelled;
    } else if (s.state == SpanState::Failed) {
        *queued = QueuedFailed;
        *run = RunFailed;
    }
}

inline void TimelineView::addSpan(const Span &s, const Layout &l, const SpanFrame &f)
{
    const qint64 endNs = spanEndNs(s);
    const int row = rowOf(s);
    if (s.submitNs > f.viewEndNs || endNs < f.viewStartNs || row < 0 || row >= l.spanRows)
        return;
    Batch queued;
    Batch run;
    spanBatches(s, &queued, &run);
    auto toX = [&](qint64 ns) { return f.leftPx + double(ns - f.viewStartNs) * f.pxPerNs; };
    const double top = l.rowsTop + row * l.laneHeight;
    const double submitX = toX(s.submitNs);
    const double endX = toX(endNs);
    const double startX = s.startNs ? toX(s.startNs) : endX;
    // A started span's sub-pixel wait would only add a sliver in front of its run bar.
    if (!s.startNs || startX - submitX >= 1)
        addSegment(queued, submitX, startX, row, top + (row == f.queue ? f.runTop : f.queuedTop),
                   row == f.queue ? f.queuedTop + f.queuedHeight - f.runTop : f.queuedHeight, l);
    if (!s.startNs)
        return;
    // Time spent getting the task to its worker process, before the work itself.
    const double runX = s.runNs > s.startNs ? toX(s.runNs) : startX;
    if (runX - startX >= 1) {
        addSegment(Transfer, startX, runX, row, top + f.runTop, f.runHeight, l, false);
        addSegment(run, runX, endX, row, top + f.runTop, f.runHeight, l);
    } else {
        addSegment(run, startX, endX, row, top + f.runTop, f.runHeight, l);
    }
}

void TimelineView::indexFinished(const Span &s)
{
    Batch queued;
    Batch run;
    spanBatches(s, &queued, &run);
    // Track 0 * BatchCount + batch is the queue row; lane n's tracks follow at (n + 1) * BatchCount.
    if (s.startNs) {
        const qint64 longest = qMax(qMax(s.startNs - s.submitNs, s.transferNs()), s.endNs - s.startNs);
        m_pyramid.add((int(s.lane) + 1) * BatchCount + run, s.startNs, longest, s.id);
    } else {
        m_pyramid.add(queued, s.submitNs, s.endNs - s.submitNs, s.id);
    }
}

void TimelineView::collectSummarised(const Layout &l, const SpanFrame &f)
{
    const size_t needed = size_t(l.spanRows * BatchCount);
    if (m_intervals.size() < needed)
        m_intervals.resize(needed);
    for (auto &intervals : m_intervals)
        intervals.clear();
    m_collecting = true;
    for (quint32 id : std::as_const(m_unfinished)) {
        if (id >= m_firstId)
            addSpan(spanById(id), l, f);
    }
    // Spans at least half a pixel long somewhere are drawn one by one, the rest by column.
    const int minLevel = SpanPyramid::levelOf(qint64(0.5 / f.pxPerNs));
    m_pyramid.forLongSpans(minLevel, m_axis.startNs, m_axis.endNs(),
                           [&](quint32 id) { addSpan(spanById(id), l, f); });
    m_collecting = false;

    const qint64 viewStart = m_axis.startNs;
    const double leftPx = m_axis.leftPx;
    // Past the plot's right edge means past the view's end, where addSpan() draws nothing.
    const double right = l.plotRight;
    auto column = [&](qint64 ns) {
        const double x = leftPx + double(ns - viewStart) * f.pxPerNs;
        return x > right ? l.plotRight + 1 : int(std::floor(x));
    };
    for (int track = 0; track < m_pyramid.trackCount(); ++track) {
        const int lane = track / BatchCount - 1;
        const auto batch = Batch(track % BatchCount);
        const int row = lane < 0 ? f.queue : lane;
        if (row < 0 || row >= l.spanRows)
            continue;
        auto &intervals = m_intervals[size_t(row * BatchCount + batch)];
        m_pyramid.forShortColumns(track, minLevel, l.plotLeft, l.plotRight, column,
                                  [&](int c) { intervals.emplace_back(c, c + 1); });
    }

    // Join what overlaps or touches, as addSegment() does with spans in order.
    for (int row = 0; row < l.spanRows; ++row) {
        const double top = l.rowsTop + row * l.laneHeight;
        for (int b = 0; b < BatchCount; ++b) {
            auto &intervals = m_intervals[size_t(row * BatchCount + b)];
            if (intervals.empty())
                continue;
            std::sort(intervals.begin(), intervals.end());
            const bool queued = isQueuedBatch(Batch(b));
            const double y = top + (!queued ? f.runTop : row == f.queue ? f.runTop : f.queuedTop);
            const double h = !queued ? f.runHeight : row == f.queue ? f.queuedTop + f.queuedHeight - f.runTop
                                                                     : f.queuedHeight;
            QVector<QRectF> &rects = m_batches[b];
            QRectF r(intervals.front().first, y, intervals.front().second - intervals.front().first, h);
            for (auto it = intervals.cbegin() + 1; it != intervals.cend(); ++it) {
                if (it->first <= r.right()) {
                    r.setRight(qMax(r.right(), it->second));
                } else {
                    rects.append(r);
                    r = QRectF(it->first, y, it->second - it->first, h);
                }
            }
            rects.append(r);
        }
    }
}

void TimelineView::paintSpans(QPainter &p, const Layout &l)
{
    if (m_spans.isEmpty() || l.spanRows == 0)
        return;
    for (auto &batch : m_batches)
        batch.clear();
    m_lastRect.assign(size_t(l.spanRows * BatchCount), -1);

    const SpanFrame f = spanFrame(l);
    const int first = firstCandidate(m_axis.startNs);
    const qint64 viewEnd = m_axis.endNs();
    const int last = int(std::partition_point(m_spans.cbegin() + first, m_spans.cend(),
                                              [viewEnd](const Span &s) { return s.submitNs <= viewEnd; })
                         - m_spans.cbegin());
    // A few spans per pixel column and more, most of them under half a pixel: those become
    // column marks. Where most are longer, drawing each one is cheaper than gathering.
    const qsizetype inView = last - first;
    if (m_levelOfDetail && inView > kSummariseSpansPerPx * m_axis.widthPx
        && 2 * m_pyramid.countLongSpans(SpanPyramid::levelOf(qint64(0.5 / f.pxPerNs)), m_axis.startNs, viewEnd)
               < inView) {
        collectSummarised(l, f);
    } else {
        for (int i = first; i < last; ++i)
            addSpan(m_spans.at(i), l, f);
    }

    p.save();
    p.setClipRect(QRect(l.plotLeft, l.rowsTop, l.plotRight - l.plotLeft + 1, l.spansBottom - l.rowsTop), Qt::IntersectClip);
    auto draw = [&p](const QVector<QRectF> &rects, const QBrush &brush, const QPen &pen) {
        if (rects.isEmpty())
            return;
        p.setPen(pen);
        p.setBrush(brush);
        p.drawRects(rects.constData(), int(rects.size()));
    };
    const QColor io = Theme::workColor(WorkKind::Io);
    const QColor cpu = Theme::workColor(WorkKind::Cpu);
    const QColor wait = Theme::workColor(WorkKind::Wait);
    const QColor item = Theme::workColor(WorkKind::Item);
    const QColor cancelled = Theme::cancelledColor();
    const QColor failed = Theme::failedColor();
    const struct { Batch batch; QColor color; } queuedBatches[] = {
        {QueuedIo, io}, {QueuedCpu, cpu}, {QueuedWait, wait}, {QueuedItem, item},
        {QueuedCancelled, cancelled}, {QueuedFailed, failed}};
    for (const auto &q : queuedBatches) {
        draw(m_batches[q.batch], queuedTint(q.color), Qt::NoPen);
        draw(m_batches[q.batch], queuedHatch(q.color), Qt::NoPen);
    }
    draw(m_batches[Transfer], transferBrush(), Qt::NoPen);
    draw(m_batches[RunIo], io, Qt::NoPen);
    draw(m_batches[RunCpu], cpu, Qt::NoPen);
    draw(m_batches[RunItem], item, Qt::NoPen);
    draw(m_batches[RunWait], waitBrush(), Qt::NoPen);
    draw(m_batches[RunCancelled], cancelled, outlineOf(cancelled));
    draw(m_batches[RunFailed], failed, outlineOf(failed));
    draw(m_batches[RunFailed], failedHatch(), Qt::NoPen);
    p.restore();
}

void TimelineView::paintCounter(QPainter &p, const Layout &l, int row, Counter counter)
{
    const QVector<CounterSample> &samples = m_counters[int(counter)].samples;
    if (counter == Counter::NestingDepth)
        paintReentries(p, l, row);
    if (samples.isEmpty())
        return;
    const double maxValue = qMax(1.0, counterMax(counter));
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
    const qint64 holdNs = it != end ? it->ns : qMax(m_nowNs, samples.constLast().ns);
    addFlat(x + 1, column(holdNs), value);

    const QColor color = Theme::counterColor(counter);
    p.save();
    p.setClipRect(QRect(l.plotLeft, top, l.plotRight - l.plotLeft + 1, l.counterHeight - 1), Qt::IntersectClip);
    p.setPen(Qt::NoPen);
    p.setBrush(withAlpha(color, 70));
    p.drawRects(m_counterFill.constData(), int(m_counterFill.size()));
    p.setBrush(color);
    p.drawRects(m_counterEdge.constData(), int(m_counterEdge.size()));
    p.restore();
}

void TimelineView::paintReentries(QPainter &p, const Layout &l, int row)
{
    const QVector<CounterSample> &marks = m_counters[int(Counter::Reentry)].samples;
    if (marks.isEmpty())
        return;
    // Same scale as the nesting depth plot: the mark's tip sits on the depth it ran at.
    const double maxValue = qMax(1.0, counterMax(Counter::NestingDepth));
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
        p.drawPolygon(reentryMark(x, base - qBound(0.0, it->value, maxValue) * scale));
    }
    p.restore();
}

void TimelineView::paintLabels(QPainter &p, const Layout &l)
{
    const QFontMetrics fm = p.fontMetrics();
    const int queue = queueRow();
    if (l.laneHeight >= fm.height() - 4) {
        for (int row = 0; row < l.spanRows; ++row) {
            const QRect r(6, l.rowTop(row), kLabelWidth - 10, l.laneHeight);
            p.setPen(row == queue ? Theme::mutedTextColor() : Theme::textColor());
            p.drawText(r, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(rowName(row), Qt::ElideRight, r.width()));
        }
        // Counter rows, in small type to fit the label column: the name, and under it the
        // value the top of the row stands for.
        p.save();
        p.setFont(smallFont(p.font()));
        const QFontMetrics sfm = p.fontMetrics();
        for (int row = l.spanRows; row < l.rowCount; ++row) {
            const Counter counter = m_counterRows.at(row - l.spanRows);
            const QRect r(6, l.rowTop(row) + 3, kLabelWidth - 10, l.counterHeight - 4);
            p.setPen(Theme::textColor());
            p.drawText(r, Qt::AlignLeft | Qt::AlignTop, sfm.elidedText(rowName(row), Qt::ElideRight, r.width()));
            if (r.height() >= 2 * sfm.height()) {
                p.setPen(Theme::mutedTextColor());
                const QString max = tr("max %1").arg(counterMax(counter));
                p.drawText(r.adjusted(0, sfm.height(), 0, 0), Qt::AlignLeft | Qt::AlignTop, max);
            }
        }
        p.restore();
    }
    p.setPen(Theme::gridColor());
    p.drawLine(l.plotLeft - 1, l.rowsTop, l.plotLeft - 1, l.rowsBottom - 1);
}

void TimelineView::paintAxis(QPainter &p, const Layout &l)
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

void TimelineView::paintLegend(QPainter &p)
{
    const QFontMetrics fm = p.fontMetrics();
    const int swatch = swatchSize(fm);
    const int top = 3;
    int x = legendLeft();
    p.fillRect(QRect(x - 6, 0, width() - x + 6, fm.height() + 5), Theme::backgroundColor());
    for (const LegendItem &item : legendItems(legendFlags())) {
        const QRect r(x, top + (fm.height() - swatch) / 2, swatch, swatch);
        switch (item.swatch) {
        case Swatch::Solid:
            p.fillRect(r, item.color);
            break;
        case Swatch::Queued:
            p.fillRect(r, queuedTint(item.color));
            p.fillRect(r, queuedHatch(item.color));
            break;
        case Swatch::Wait:
            p.fillRect(r, waitBrush());
            break;
        case Swatch::Transfer:
            p.fillRect(r, transferBrush());
            break;
        case Swatch::Mark:
            p.save();
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(item.color);
            p.drawPolygon(reentryMark(r.center().x() + 0.5, r.bottom() - 1));
            p.restore();
            break;
        case Swatch::Cancelled:
        case Swatch::Failed:
            p.setPen(outlineOf(item.color));
            p.setBrush(item.color);
            p.drawRect(r.adjusted(0, 0, -1, -1));
            if (item.swatch == Swatch::Failed)
                p.fillRect(r.adjusted(1, 1, -1, -1), failedHatch());
            break;
        }
        x += swatch + 4;
        p.setPen(Theme::textColor());
        p.drawText(QPointF(x, top + fm.ascent()), item.name);
        x += fm.horizontalAdvance(item.name) + kLegendGap;
    }
}

int TimelineView::legendLeft() const
{
    return width() - kRightMargin - legendWidth(fontMetrics(), legendFlags());
}

int TimelineView::legendFlags() const
{
    int flags = 0;
    if (m_seenWait)
        flags |= ShowWait;
    if (m_seenItem)
        flags |= ShowItem;
    if (m_seenTransfer)
        flags |= ShowTransfer;
    if (!m_counters[int(Counter::Reentry)].samples.isEmpty())
        flags |= ShowReentry;
    return flags;
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

void TimelineView::paintHover(QPainter &p, const Layout &l)
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

bool TimelineView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const int id = spanAt(help->pos());
        const Layout l = layout();
        const qint64 decimatedEnd = decimatedEndNs();
        if (id >= 0) {
            QToolTip::showText(help->globalPos(), toolTipFor(id), this);
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
