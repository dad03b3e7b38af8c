#pragma once

#include "engine/decimatedhistory.h"
#include "engine/span.h"
#include "engine/ticksample.h"

#include <QMutex>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>
#include <thread>
#include <unordered_map>
#include <vector>

// Records ticks and task spans from any thread without ever making the loop thread wait
// on a worker: span slots live in fixed chunks that never move, ids come from one atomic
// counter, and each slot's fields are atomics written by exactly one thread at a time
// (the submitter, then the thread that runs the task). Readers take consistent snapshots.
// Lane names and mode switches are rare and sit behind a mutex.
// Memory is bounded when setRawHistory() is given a window: compact() then drops whole
// chunks of old ticks and finished spans and keeps their figures in history().
class Recorder
{
public:
    Recorder();
    ~Recorder();
    Recorder(const Recorder &) = delete;
    Recorder &operator=(const Recorder &) = delete;

    // Lanes: one per thread or process that runs tasks. Lane 0 is the loop ("GUI") thread.
    int registerLane(const QString &name);
    // The calling thread's lane, created as "<prefix>-N" on first use.
    int laneForCurrentThread(const QString &prefix);
    QStringList laneNames() const;

    // Spans. beginSpan publishes a queued span and returns its id.
    quint32 beginSpan(WorkKind kind, ExecMode mode, qint64 submitNs);
    void markStart(quint32 id, int lane, qint64 ns);
    // Only for tasks that travel before they run (worker processes); others run at start.
    void markRun(quint32 id, qint64 ns);
    void markEnd(quint32 id, qint64 ns, SpanState state);
    quint32 spanCount() const { return m_spanCount.load(std::memory_order_acquire); }
    // A snapshot of one span; state Empty if the id is allocated but not yet published,
    // or below firstSpan() (dropped).
    Span span(quint32 id) const;
    QVector<Span> spans() const;
    // Ids of the spans of one mode still waiting in a queue (state Queued).
    QVector<quint32> queuedSpans(ExecMode mode) const;

    // Ticks come from the one thread that owns the probe.
    void addTick(const TickSample &tick);
    quint32 tickCount() const { return m_tickCount.load(std::memory_order_acquire); }
    // Below firstTick(): the worst tick of the decimated interval holding that index.
    TickSample tick(quint32 index) const;
    // Raw ticks from max(from, firstTick()) on.
    QVector<TickSample> ticks(quint32 from = 0) const;

    // Bounded memory: keep raw ticks and spans for the last rawNs (0: keep all, the default).
    // Older ones are dropped a whole chunk at a time by compact(), which must run on the
    // thread that adds ticks; a span is dropped only once it and its whole chunk finished.
    // Their counts and histograms stay in history(), so statistics still cover every tick.
    void setRawHistory(qint64 rawNs, qint64 tickIntervalNs);
    void compact(qint64 nowNs);
    // Indices below these were dropped (decimated into history()).
    quint32 firstTick() const { return m_firstTick.load(std::memory_order_acquire); }
    quint32 firstSpan() const { return m_firstSpan.load(std::memory_order_acquire); }
    bool isDecimated() const { return firstTick() > 0 || firstSpan() > 0; }
    DecimatedHistory history() const;
    // Only history().intervals(), without copying the histograms (what charts draw).
    QVector<DecimatedHistory::Interval> decimatedIntervals() const;
    // A run read back from a file: on an empty recorder, the dropped part comes first and
    // the raw ticks and spans added next take the indices after it.
    void restoreHistory(const DecimatedHistory &history);
    // Bytes of raw tick and span chunks held now (with the spare and the retired ones).
    qint64 rawBytes() const;

    void addModeSwitch(qint64 ns, ExecMode mode);
    QVector<ModeSwitch> modeSwitches() const;

    // Counters: a few samples per second from one or two threads, so a mutex is fine.
    void addCounter(Counter counter, qint64 ns, double value);
    // Samples from index `from` on, so a reader can take only what is new.
    QVector<CounterSample> counter(Counter counter, qsizetype from = 0) const;
    bool hasCounter(Counter counter) const;

    // 16 K per chunk: 256 KB of ticks or 640 KB of spans, the unit compact() frees.
    static constexpr int kChunkBits = 14;
    static constexpr quint32 kChunkSize = 1u << kChunkBits;
    static constexpr int kMaxChunks = 16384; // 268 M spans or ticks per run
    // Bytes one recorded span costs (the slot), for the memory budget.
    static constexpr int spanSlotBytes();

    // No initialisers: chunks come zeroed from the kernel (see mapChunk), so that nothing
    // writes a fresh chunk twice.
    struct SpanSlot
    {
        std::atomic<qint64> submitNs;
        std::atomic<qint64> startNs;
        std::atomic<qint64> runNs;
        std::atomic<qint64> endNs;
        // kind:4 | mode:4 | state:4 | unused:4 | lane:16
        std::atomic<quint32> meta;
    };

private:
    static Span readSlot(const SpanSlot *slot, quint32 id);
    SpanSlot *spanSlot(quint32 id) const;
    SpanSlot *ensureSpanSlot(quint32 id);
    TickSample *ensureTickSlot(quint32 index);
    void compactTicks(qint64 cutoffNs);
    void compactSpans(qint64 cutoffNs);

    std::atomic<SpanSlot *> m_spanChunks[kMaxChunks];
    std::atomic<TickSample *> m_tickChunks[kMaxChunks];
    std::atomic<quint32> m_spanCount{0};
    std::atomic<quint32> m_tickCount{0};
    std::atomic<quint32> m_firstTick{0};
    std::atomic<quint32> m_firstSpan{0};
    qint64 m_rawNs = 0;
    qint64 m_tickIntervalNs = 0;
    // Chunks unlinked by the last compact(), freed by the next: a reader on another
    // thread that loaded the pointer just before is done with it by then.
    std::vector<std::pair<void *, size_t>> m_retired;
    std::atomic<void *> m_spareSpanChunk{nullptr};
    std::atomic<void *> m_spareTickChunk{nullptr};

    const quint64 m_serial;
    mutable QMutex m_mutex;
    QStringList m_lanes;
    std::unordered_map<std::thread::id, int> m_threadLanes;
    QVector<ModeSwitch> m_modeSwitches;
    QVector<CounterSample> m_counters[3];
    DecimatedHistory m_history; // under m_mutex
};

constexpr int Recorder::spanSlotBytes()
{
    return int(sizeof(SpanSlot));
}
