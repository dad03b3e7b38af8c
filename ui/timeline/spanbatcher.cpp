#include "timeline/spanbatcher.h"

#include "style/theme.h"
#include "timeline/timelinelayout.h"
#include "timeline/timelinesnapshot.h"
#include "timeline/timelinestyle.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace {
constexpr int kSummariseSpansPerPx = 2;
} // namespace

SpanBatcher::SpanBatcher(const TimelineSnapshot &snapshot)
    : m_snapshot(snapshot)
{
}

void SpanBatcher::clear()
{
    m_pyramid.clear();
}

void SpanBatcher::indexFinished(const Span &s)
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

void SpanBatcher::dropBefore(quint32 firstId)
{
    m_pyramid.dropBefore(firstId);
}

void SpanBatcher::paint(QPainter &p, const TimeAxis &axis, const TimelineLayout &l)
{
    const QVector<Span> &spans = m_snapshot.spans();
    if (spans.isEmpty() || l.spanRows == 0)
        return;
    for (auto &batch : m_batches)
        batch.clear();
    m_lastRect.assign(size_t(l.spanRows * BatchCount), -1);

    const SpanFrame f = spanFrame(axis, l);
    const int first = m_snapshot.firstCandidate(axis.startNs);
    const qint64 viewEnd = axis.endNs();
    const int last = int(std::partition_point(spans.cbegin() + first, spans.cend(),
                                              [viewEnd](const Span &s) { return s.submitNs <= viewEnd; })
                         - spans.cbegin());
    // A few spans per pixel column and more, most of them under half a pixel: those become
    // column marks. Where most are longer, drawing each one is cheaper than gathering.
    const qsizetype inView = last - first;
    if (m_levelOfDetail && inView > kSummariseSpansPerPx * axis.widthPx
        && 2 * m_pyramid.countLongSpans(SpanPyramid::levelOf(qint64(0.5 / f.pxPerNs)), axis.startNs, viewEnd)
               < inView) {
        collectSummarised(axis, l, f);
    } else {
        for (int i = first; i < last; ++i)
            addSpan(spans.at(i), l, f);
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
    const QColor code = Theme::workColor(WorkKind::Code);
    const QColor cancelled = Theme::cancelledColor();
    const QColor failed = Theme::failedColor();
    const struct { Batch batch; QColor color; } queuedBatches[] = {
        {QueuedIo, io}, {QueuedCpu, cpu}, {QueuedWait, wait}, {QueuedItem, item}, {QueuedCode, code},
        {QueuedCancelled, cancelled}, {QueuedFailed, failed}};
    for (const auto &q : queuedBatches) {
        draw(m_batches[q.batch], TimelineStyle::queuedTint(q.color), Qt::NoPen);
        draw(m_batches[q.batch], TimelineStyle::queuedHatch(q.color), Qt::NoPen);
    }
    draw(m_batches[Transfer], TimelineStyle::transferBrush(), Qt::NoPen);
    draw(m_batches[RunIo], io, Qt::NoPen);
    draw(m_batches[RunCpu], cpu, Qt::NoPen);
    draw(m_batches[RunItem], item, Qt::NoPen);
    draw(m_batches[RunCode], code, Qt::NoPen);
    draw(m_batches[RunWait], TimelineStyle::waitBrush(), Qt::NoPen);
    draw(m_batches[RunCancelled], cancelled, TimelineStyle::outlineOf(cancelled));
    draw(m_batches[RunFailed], failed, TimelineStyle::outlineOf(failed));
    draw(m_batches[RunFailed], TimelineStyle::failedHatch(), Qt::NoPen);
    p.restore();
}

void SpanBatcher::spanBatches(const Span &s, Batch *queued, Batch *run)
{
    *queued = QueuedIo;
    *run = RunIo;
    switch (s.kind) {
    case WorkKind::Io: break;
    case WorkKind::Cpu: *queued = QueuedCpu; *run = RunCpu; break;
    case WorkKind::Wait: *queued = QueuedWait; *run = RunWait; break;
    case WorkKind::Item: *queued = QueuedItem; *run = RunItem; break;
    case WorkKind::Code: *queued = QueuedCode; *run = RunCode; break;
    }
    if (s.state == SpanState::Cancelled) {
        *queued = QueuedCancelled;
        *run = RunCancelled;
    } else if (s.state == SpanState::Failed) {
        *queued = QueuedFailed;
        *run = RunFailed;
    }
}

SpanBatcher::SpanFrame SpanBatcher::spanFrame(const TimeAxis &axis, const TimelineLayout &l) const
{
    // Two tracks per lane: running time on top, waiting time in a thin strip below it, because
    // a task waits for its lane while the one before it still runs there.
    SpanFrame f;
    // TimeAxis::mapTimeToX with the division hoisted out of a loop that may see every span.
    f.pxPerNs = 1.0 / axis.nsPerPx();
    f.leftPx = axis.leftPx;
    f.viewStartNs = axis.startNs;
    f.viewEndNs = axis.endNs();
    // In proportion to a full-size lane: 2 px of air on top, a 5 px queued strip.
    f.runTop = qMax(1, l.laneHeight * 2 / TimelineLayout::kLaneHeight);
    f.queuedHeight = qMax(1, l.laneHeight * 5 / TimelineLayout::kLaneHeight);
    f.queuedTop = l.laneHeight - 2 - f.queuedHeight;
    f.runHeight = qMax(1, f.queuedTop - 1 - f.runTop);
    f.queue = m_snapshot.queueRow();
    return f;
}

void SpanBatcher::addSegment(Batch batch, double x0, double x1, int row, double y, double h, const TimelineLayout &l,
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

inline void SpanBatcher::addSpan(const Span &s, const TimelineLayout &l, const SpanFrame &f)
{
    const qint64 endNs = m_snapshot.spanEndNs(s);
    const int row = m_snapshot.rowOf(s);
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

void SpanBatcher::collectSummarised(const TimeAxis &axis, const TimelineLayout &l, const SpanFrame &f)
{
    const size_t needed = size_t(l.spanRows * BatchCount);
    if (m_intervals.size() < needed)
        m_intervals.resize(needed);
    for (auto &intervals : m_intervals)
        intervals.clear();
    m_collecting = true;
    for (quint32 id : m_snapshot.unfinished()) {
        if (id >= m_snapshot.firstId())
            addSpan(m_snapshot.spanById(id), l, f);
    }
    // Spans at least half a pixel long somewhere are drawn one by one, the rest by column.
    const int minLevel = SpanPyramid::levelOf(qint64(0.5 / f.pxPerNs));
    m_pyramid.forLongSpans(minLevel, axis.startNs, axis.endNs(),
                           [&](quint32 id) { addSpan(m_snapshot.spanById(id), l, f); });
    m_collecting = false;

    const qint64 viewStart = axis.startNs;
    const double leftPx = axis.leftPx;
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
