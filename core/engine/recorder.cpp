#include "engine/recorder.h"

#include "stats/statistics.h"

#include <QMutexLocker>

#include <cstring>

#include <sys/mman.h>

namespace {
std::atomic<quint64> s_nextSerial{1};

// The calling thread's lane in the recorder it last used: a cache so that a worker
// looks up its lane without taking the mutex on every task.
thread_local quint64 tl_serial = 0;
thread_local int tl_lane = -1;

constexpr quint32 kPrefetchAhead = 8;
constexpr size_t kSpanChunkBytes = sizeof(Recorder::SpanSlot) * Recorder::kChunkSize;
constexpr size_t kTickChunkBytes = sizeof(TickSample) * Recorder::kChunkSize;

// Straight from the kernel: the pages come zeroed (so no constructor writes them first)
// and go back to it when a chunk is dropped (malloc might keep them), which is what keeps
// a long run's resident memory bounded. MAP_POPULATE faults all pages in one call: taking
// them one first touch at a time cost more than the recording itself (2-3x per event).
void *mapChunk(size_t bytes)
{
    void *p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
    if (p == MAP_FAILED)
        qFatal("looplab: out of memory for the recorder");
    return p;
}

void unmapChunk(void *p, size_t bytes)
{
    if (p)
        munmap(p, bytes);
}

quint32 packMeta(WorkKind kind, ExecMode mode, SpanState state, int lane)
{
    return quint32(kind) | (quint32(mode) << 4) | (quint32(state) << 8) | (quint32(lane) << 16);
}
} // namespace

Recorder::Recorder()
    : m_serial(s_nextSerial.fetch_add(1))
{
    for (auto &chunk : m_spanChunks)
        chunk.store(nullptr, std::memory_order_relaxed);
    for (auto &chunk : m_tickChunks)
        chunk.store(nullptr, std::memory_order_relaxed);
}

Recorder::~Recorder()
{
    for (auto &chunk : m_spanChunks)
        unmapChunk(chunk.load(), kSpanChunkBytes);
    for (auto &chunk : m_tickChunks)
        unmapChunk(chunk.load(), kTickChunkBytes);
    for (const auto &[p, bytes] : m_retired)
        unmapChunk(p, bytes);
    unmapChunk(m_spareSpanChunk.load(), kSpanChunkBytes);
    unmapChunk(m_spareTickChunk.load(), kTickChunkBytes);
}

int Recorder::registerLane(const QString &name)
{
    QMutexLocker lock(&m_mutex);
    m_lanes << name;
    return int(m_lanes.size()) - 1;
}

int Recorder::laneForCurrentThread(const QString &prefix)
{
    if (tl_serial == m_serial)
        return tl_lane;
    const auto self = std::this_thread::get_id();
    QMutexLocker lock(&m_mutex);
    auto it = m_threadLanes.find(self);
    int lane;
    if (it != m_threadLanes.end()) {
        lane = it->second;
    } else {
        int sameKind = 0;
        for (const QString &existing : std::as_const(m_lanes))
            sameKind += existing.startsWith(prefix + QLatin1Char('-')) ? 1 : 0;
        m_lanes << prefix + QLatin1Char('-') + QString::number(sameKind + 1);
        lane = int(m_lanes.size()) - 1;
        m_threadLanes.emplace(self, lane);
    }
    tl_serial = m_serial;
    tl_lane = lane;
    return lane;
}

QStringList Recorder::laneNames() const
{
    QMutexLocker lock(&m_mutex);
    return m_lanes;
}

Recorder::SpanSlot *Recorder::spanSlot(quint32 id) const
{
    SpanSlot *chunk = m_spanChunks[id >> kChunkBits].load(std::memory_order_acquire);
    return chunk ? chunk + (id & (kChunkSize - 1)) : nullptr;
}

Recorder::SpanSlot *Recorder::ensureSpanSlot(quint32 id)
{
    const quint32 c = id >> kChunkBits;
    Q_ASSERT(c < quint32(kMaxChunks));
    SpanSlot *chunk = m_spanChunks[c].load(std::memory_order_acquire);
    if (!chunk) {
        // Two submitters may race to create the same chunk: the loser frees its copy.
        auto *fresh = static_cast<SpanSlot *>(m_spareSpanChunk.exchange(nullptr, std::memory_order_acq_rel));
        if (!fresh)
            fresh = static_cast<SpanSlot *>(mapChunk(kSpanChunkBytes));
        if (m_spanChunks[c].compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel))
            chunk = fresh;
        else
            unmapChunk(fresh, kSpanChunkBytes);
    }
    return chunk + (id & (kChunkSize - 1));
}

quint32 Recorder::beginSpan(WorkKind kind, ExecMode mode, qint64 submitNs)
{
    const quint32 id = m_spanCount.fetch_add(1, std::memory_order_acq_rel);
    SpanSlot *slot = ensureSpanSlot(id);
    // Own the slots a few spans ahead before writing them: a store to a line not in this
    // core's cache would otherwise stall the next fetch_add until it completes.
    if ((id & (kChunkSize - 1)) + kPrefetchAhead < kChunkSize)
        __builtin_prefetch(slot + kPrefetchAhead, 1);
    slot->submitNs.store(submitNs, std::memory_order_relaxed);
    slot->meta.store(packMeta(kind, mode, SpanState::Queued, 0), std::memory_order_release);
    return id;
}

void Recorder::markStart(quint32 id, int lane, qint64 ns)
{
    SpanSlot *slot = spanSlot(id);
    Q_ASSERT(slot);
    slot->startNs.store(ns, std::memory_order_relaxed);
    const quint32 meta = slot->meta.load(std::memory_order_relaxed);
    const quint32 kept = meta & 0xffu; // kind and mode
    slot->meta.store(kept | (quint32(SpanState::Running) << 8) | (quint32(lane) << 16),
                     std::memory_order_release);
}

void Recorder::markRun(quint32 id, qint64 ns)
{
    SpanSlot *slot = spanSlot(id);
    Q_ASSERT(slot);
    // Published by the release store of the next markEnd (or read as equal to start before).
    slot->runNs.store(ns, std::memory_order_relaxed);
}

void Recorder::markEnd(quint32 id, qint64 ns, SpanState state)
{
    SpanSlot *slot = spanSlot(id);
    Q_ASSERT(slot);
    slot->endNs.store(ns, std::memory_order_relaxed);
    const quint32 meta = slot->meta.load(std::memory_order_relaxed);
    slot->meta.store((meta & ~0xf00u) | (quint32(state) << 8), std::memory_order_release);
}

QVector<quint32> Recorder::queuedSpans(ExecMode mode) const
{
    QVector<quint32> ids;
    const quint32 count = spanCount();
    // From firstSpan(): the chunks below it were dropped (every span in them had finished).
    for (quint32 id = firstSpan(); id < count; ++id) {
        const SpanSlot *slot = spanSlot(id);
        if (!slot)
            continue;
        const quint32 meta = slot->meta.load(std::memory_order_acquire);
        if (SpanState((meta >> 8) & 0xf) == SpanState::Queued && ExecMode((meta >> 4) & 0xf) == mode)
            ids << id;
    }
    return ids;
}

Span Recorder::span(quint32 id) const
{
    const SpanSlot *slot = id < spanCount() && id >= firstSpan() ? spanSlot(id) : nullptr;
    return readSlot(slot, id);
}

Span Recorder::readSlot(const SpanSlot *slot, quint32 id)
{
    Span s;
    s.id = id;
    if (!slot)
        return s;
    const quint32 meta = slot->meta.load(std::memory_order_acquire);
    s.state = SpanState((meta >> 8) & 0xf);
    if (s.state == SpanState::Empty)
        return s;
    s.kind = WorkKind(meta & 0xf);
    s.mode = ExecMode((meta >> 4) & 0xf);
    s.lane = quint16(meta >> 16);
    s.submitNs = slot->submitNs.load(std::memory_order_relaxed);
    if (s.state != SpanState::Queued) {
        s.startNs = slot->startNs.load(std::memory_order_relaxed);
        s.runNs = s.startNs;
    }
    if (s.isFinished()) {
        s.endNs = slot->endNs.load(std::memory_order_relaxed);
        s.runNs = qMax(s.startNs, slot->runNs.load(std::memory_order_relaxed));
    }
    return s;
}

QVector<Span> Recorder::spans() const
{
    const quint32 n = spanCount();
    QVector<Span> out;
    const quint32 first = qMin(firstSpan(), n);
    out.reserve(int(n - first));
    for (quint32 i = first; i < n; ++i)
        out.append(span(i));
    return out;
}

TickSample *Recorder::ensureTickSlot(quint32 index)
{
    const quint32 c = index >> kChunkBits;
    Q_ASSERT(c < quint32(kMaxChunks));
    TickSample *chunk = m_tickChunks[c].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = static_cast<TickSample *>(m_spareTickChunk.exchange(nullptr, std::memory_order_acq_rel));
        if (!chunk)
            chunk = static_cast<TickSample *>(mapChunk(kTickChunkBytes));
        m_tickChunks[c].store(chunk, std::memory_order_release);
    }
    return chunk + (index & (kChunkSize - 1));
}

void Recorder::addTick(const TickSample &tick)
{
    const quint32 index = m_tickCount.load(std::memory_order_relaxed);
    *ensureTickSlot(index) = tick;
    m_tickCount.store(index + 1, std::memory_order_release);
}

TickSample Recorder::tick(quint32 index) const
{
    Q_ASSERT(index < tickCount());
    const TickSample *chunk =
        index >= firstTick() ? m_tickChunks[index >> kChunkBits].load(std::memory_order_acquire) : nullptr;
    if (chunk)
        return chunk[index & (kChunkSize - 1)];
    QMutexLocker lock(&m_mutex);
    return m_history.tickAt(index);
}

QVector<TickSample> Recorder::ticks(quint32 from) const
{
    const quint32 n = tickCount();
    from = qMax(from, firstTick());
    QVector<TickSample> out;
    if (from >= n)
        return out;
    out.reserve(int(n - from));
    for (quint32 i = from; i < n; ++i)
        out.append(tick(i));
    return out;
}

void Recorder::addModeSwitch(qint64 ns, ExecMode mode)
{
    QMutexLocker lock(&m_mutex);
    m_modeSwitches.append({ns, mode});
}

QVector<ModeSwitch> Recorder::modeSwitches() const
{
    QMutexLocker lock(&m_mutex);
    return m_modeSwitches;
}

void Recorder::addCounter(Counter counter, qint64 ns, double value)
{
    QMutexLocker lock(&m_mutex);
    m_counters[int(counter)].append({ns, value});
}

QVector<CounterSample> Recorder::counter(Counter counter, qsizetype from) const
{
    QMutexLocker lock(&m_mutex);
    const QVector<CounterSample> &all = m_counters[int(counter)];
    // A real copy: a shared one would make the next addCounter copy the whole series
    // under the mutex, stalling the thread that records.
    return QVector<CounterSample>(all.constBegin() + qBound<qsizetype>(0, from, all.size()), all.constEnd());
}

bool Recorder::hasCounter(Counter counter) const
{
    QMutexLocker lock(&m_mutex);
    return !m_counters[int(counter)].isEmpty();
}

void Recorder::setRawHistory(qint64 rawNs, qint64 tickIntervalNs)
{
    m_rawNs = qMax<qint64>(0, rawNs);
    m_tickIntervalNs = tickIntervalNs;
}

void Recorder::compact(qint64 nowNs)
{
    // A dropped chunk becomes the next one to fill (zeroed here, off the recording path);
    // the others go back to the kernel.
    for (const auto &[p, bytes] : m_retired) {
        std::atomic<void *> &spare = bytes == kSpanChunkBytes ? m_spareSpanChunk : m_spareTickChunk;
        void *expected = nullptr;
        std::memset(p, 0, bytes);
        if (!spare.compare_exchange_strong(expected, p, std::memory_order_acq_rel))
            unmapChunk(p, bytes);
    }
    m_retired.clear();
    if (m_rawNs > 0) {
        compactTicks(nowNs - m_rawNs);
        compactSpans(nowNs - m_rawNs);
    }
    // Past half a chunk, the next one is made now rather than by whoever records first in it.
    const quint32 ticks = tickCount();
    if ((ticks & (kChunkSize - 1)) >= kChunkSize / 2 && (ticks >> kChunkBits) + 1 < quint32(kMaxChunks))
        ensureTickSlot(((ticks >> kChunkBits) + 1) << kChunkBits);
    const quint32 spans = spanCount();
    if ((spans & (kChunkSize - 1)) >= kChunkSize / 2 && (spans >> kChunkBits) + 1 < quint32(kMaxChunks))
        ensureSpanSlot(((spans >> kChunkBits) + 1) << kChunkBits);
}

void Recorder::compactTicks(qint64 cutoffNs)
{
    quint32 first = m_firstTick.load(std::memory_order_relaxed);
    const quint32 count = m_tickCount.load(std::memory_order_relaxed);
    while (count - first >= kChunkSize) {
        const quint32 c = first >> kChunkBits;
        TickSample *chunk = m_tickChunks[c].load(std::memory_order_relaxed);
        if (chunk[kChunkSize - 1].actualNs >= cutoffNs)
            break;
        {
            QMutexLocker lock(&m_mutex);
            for (quint32 i = 0; i < kChunkSize; ++i)
                m_history.addTick(first + i, chunk[i], m_tickIntervalNs);
        }
        // Readers that honour firstTick() stop using the chunk before it is unlinked.
        first += kChunkSize;
        m_firstTick.store(first, std::memory_order_release);
        m_tickChunks[c].store(nullptr, std::memory_order_release);
        m_retired.emplace_back(chunk, kTickChunkBytes);
    }
}

void Recorder::compactSpans(qint64 cutoffNs)
{
    quint32 first = m_firstSpan.load(std::memory_order_relaxed);
    const quint32 count = spanCount();
    while (count - first >= kChunkSize) {
        const quint32 c = first >> kChunkBits;
        SpanSlot *chunk = m_spanChunks[c].load(std::memory_order_acquire);
        if (!chunk)
            break;
        // Only a chunk whose every span ended before the cutoff: nothing writes to it again.
        QVector<Span> spans;
        spans.reserve(int(kChunkSize));
        for (quint32 i = 0; i < kChunkSize; ++i) {
            const Span s = readSlot(chunk + i, first + i);
            if (!s.isFinished() || s.endNs >= cutoffNs)
                break;
            spans.append(s);
        }
        if (spans.size() < qsizetype(kChunkSize))
            break;
        QVector<QPair<qint64, qint64>> loopBusy;
        for (const Span &s : std::as_const(spans)) {
            if (s.lane == 0 && s.startNs)
                loopBusy.append({s.startNs, s.endNs});
        }
        {
            QMutexLocker lock(&m_mutex);
            for (const Span &s : std::as_const(spans))
                m_history.addSpan(s);
            m_history.addLoopBusyNs(Statistics::unionLength(loopBusy));
        }
        first += kChunkSize;
        m_firstSpan.store(first, std::memory_order_release);
        m_spanChunks[c].store(nullptr, std::memory_order_release);
        m_retired.emplace_back(chunk, kSpanChunkBytes);
    }
}

DecimatedHistory Recorder::history() const
{
    QMutexLocker lock(&m_mutex);
    return m_history;
}

QVector<DecimatedHistory::Interval> Recorder::decimatedIntervals() const
{
    QMutexLocker lock(&m_mutex);
    return m_history.intervals();
}

void Recorder::restoreHistory(const DecimatedHistory &history)
{
    Q_ASSERT(tickCount() == 0 && spanCount() == 0);
    QMutexLocker lock(&m_mutex);
    m_history = history;
    m_tickCount.store(quint32(history.ticks()), std::memory_order_release);
    m_firstTick.store(quint32(history.ticks()), std::memory_order_release);
    m_spanCount.store(quint32(history.spans()), std::memory_order_release);
    m_firstSpan.store(quint32(history.spans()), std::memory_order_release);
}

qint64 Recorder::rawBytes() const
{
    qint64 bytes = 0;
    for (int c = 0; c < kMaxChunks; ++c) {
        if (m_spanChunks[c].load(std::memory_order_acquire))
            bytes += qint64(kSpanChunkBytes);
        if (m_tickChunks[c].load(std::memory_order_acquire))
            bytes += qint64(kTickChunkBytes);
    }
    for (const auto &retired : m_retired)
        bytes += qint64(retired.second);
    if (m_spareSpanChunk.load(std::memory_order_acquire))
        bytes += qint64(kSpanChunkBytes);
    if (m_spareTickChunk.load(std::memory_order_acquire))
        bytes += qint64(kTickChunkBytes);
    return bytes;
}
