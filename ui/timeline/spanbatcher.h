#pragma once

#include "engine/span.h"
#include "timeline/spanpyramid.h"
#include "timeline/timeaxis.h"

#include <QRectF>
#include <QVector>

#include <utility>
#include <vector>

class QPainter;
class TimelineSnapshot;
struct TimelineLayout;

// Draws the snapshot's spans in the span rows: every visible part becomes a rectangle in its
// colour batch, and each batch is one fill call. Spans under a pixel merge into one mark per
// pixel column; with level of detail on, a view holding many spans per pixel reads the
// finished spans' pyramid instead of visiting each one.
class SpanBatcher
{
public:
    explicit SpanBatcher(const TimelineSnapshot &snapshot);

    // The pyramid of finished spans: fed as they finish, trimmed as the recorder decimates.
    void clear();
    void indexFinished(const Span &s);
    void dropBefore(quint32 firstId);

    // On by default. Off draws every span one by one (the tests compare the two pictures).
    void setLevelOfDetail(bool on) { m_levelOfDetail = on; }
    void paint(QPainter &p, const TimeAxis &axis, const TimelineLayout &l);

private:
    // Which batch a drawn rectangle joins: one fill call per batch.
    enum Batch { QueuedIo, QueuedCpu, QueuedWait, QueuedItem, QueuedCode, QueuedCancelled, QueuedFailed, Transfer,
                 RunIo, RunCpu, RunWait, RunItem, RunCode, RunCancelled, RunFailed, BatchCount };

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

    static bool isQueuedBatch(Batch batch) { return batch < Transfer; }
    static void spanBatches(const Span &s, Batch *queued, Batch *run);
    SpanFrame spanFrame(const TimeAxis &axis, const TimelineLayout &l) const;
    void addSegment(Batch batch, double x0, double x1, int row, double y, double h, const TimelineLayout &l,
                    bool air = true);
    void addSpan(const Span &s, const TimelineLayout &l, const SpanFrame &f);
    // The summarised path: exact spans and per-column marks gathered per row and batch, then
    // joined where they touch, as addSegment() joins them.
    void collectSummarised(const TimeAxis &axis, const TimelineLayout &l, const SpanFrame &f);

    const TimelineSnapshot &m_snapshot;
    SpanPyramid m_pyramid; // finished spans
    bool m_levelOfDetail = true;
    // Reused between paints so a frame does not allocate.
    QVector<QRectF> m_batches[BatchCount];
    std::vector<int> m_lastRect; // per row and batch: index of its newest rectangle, or -1
    bool m_collecting = false; // addSegment() gathers into m_intervals instead of joining
    std::vector<std::vector<std::pair<double, double>>> m_intervals; // per row and batch
};
