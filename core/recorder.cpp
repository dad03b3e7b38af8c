#include "recorder.h"

#include <QMutexLocker>

namespace {
std::atomic<quint64> s_nextSerial{1};

// The calling thread's lane in the recorder it last used: a cache so that a worker
// looks up its lane without taking the mutex on every task.
thread_local quint64 tl_serial = 0;
thread_local int tl_lane = -1;

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
        delete[] chunk.load();
    for (auto &chunk : m_tickChunks)
        delete[] chunk.load();
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
        auto *fresh = new SpanSlot[kChunkSize];
        if (m_spanChunks[c].compare_exchange_strong(chunk, fresh, std::memory_order_acq_rel))
            chunk = fresh;
        else
            delete[] fresh;
    }
    return chunk + (id & (kChunkSize - 1));
}

quint32 Recorder::beginSpan(WorkKind kind, ExecMode mode, qint64 submitNs)
{
    const quint32 id = m_spanCount.fetch_add(1, std::memory_order_acq_rel);
    SpanSlot *slot = ensureSpanSlot(id);
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
    for (quint32 id = 0; id < count; ++id) {
        const quint32 meta = spanSlot(id)->meta.load(std::memory_order_acquire);
        if (SpanState((meta >> 8) & 0xf) == SpanState::Queued && ExecMode((meta >> 4) & 0xf) == mode)
            ids << id;
    }
    return ids;
}

Span Recorder::span(quint32 id) const
{
    Span s;
    s.id = id;
    const SpanSlot *slot = id < spanCount() ? spanSlot(id) : nullptr;
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
    out.reserve(int(n));
    for (quint32 i = 0; i < n; ++i)
        out.append(span(i));
    return out;
}

TickSample *Recorder::ensureTickSlot(quint32 index)
{
    const quint32 c = index >> kChunkBits;
    Q_ASSERT(c < quint32(kMaxChunks));
    TickSample *chunk = m_tickChunks[c].load(std::memory_order_relaxed);
    if (!chunk) {
        chunk = new TickSample[kChunkSize];
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
    const TickSample *chunk = m_tickChunks[index >> kChunkBits].load(std::memory_order_acquire);
    return chunk[index & (kChunkSize - 1)];
}

QVector<TickSample> Recorder::ticks(quint32 from) const
{
    const quint32 n = tickCount();
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
