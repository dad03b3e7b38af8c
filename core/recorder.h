#pragma once

#include "span.h"
#include "ticksample.h"

#include <QMutex>
#include <QStringList>
#include <QVector>

#include <atomic>
#include <memory>
#include <thread>
#include <unordered_map>

// Records ticks and task spans from any thread without ever making the loop thread wait
// on a worker: span slots live in fixed chunks that never move, ids come from one atomic
// counter, and each slot's fields are atomics written by exactly one thread at a time
// (the submitter, then the thread that runs the task). Readers take consistent snapshots.
// Lane names and mode switches are rare and sit behind a mutex.
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
    // A snapshot of one span; state Empty if the id is allocated but not yet published.
    Span span(quint32 id) const;
    QVector<Span> spans() const;
    // Ids of the spans of one mode still waiting in a queue (state Queued).
    QVector<quint32> queuedSpans(ExecMode mode) const;

    // Ticks come from the one thread that owns the probe.
    void addTick(const TickSample &tick);
    quint32 tickCount() const { return m_tickCount.load(std::memory_order_acquire); }
    TickSample tick(quint32 index) const;
    QVector<TickSample> ticks(quint32 from = 0) const;

    void addModeSwitch(qint64 ns, ExecMode mode);
    QVector<ModeSwitch> modeSwitches() const;

    // Counters: a few samples per second from one or two threads, so a mutex is fine.
    void addCounter(Counter counter, qint64 ns, double value);
    // Samples from index `from` on, so a reader can take only what is new.
    QVector<CounterSample> counter(Counter counter, qsizetype from = 0) const;
    bool hasCounter(Counter counter) const;

    static constexpr int kChunkBits = 16;
    static constexpr quint32 kChunkSize = 1u << kChunkBits;
    static constexpr int kMaxChunks = 4096; // 268 M spans or ticks per run
    // Bytes one recorded span costs (the slot), for the memory budget.
    static constexpr int spanSlotBytes();

private:
    struct SpanSlot
    {
        std::atomic<qint64> submitNs{0};
        std::atomic<qint64> startNs{0};
        std::atomic<qint64> runNs{0};
        std::atomic<qint64> endNs{0};
        // kind:4 | mode:4 | state:4 | unused:4 | lane:16
        std::atomic<quint32> meta{0};
    };
    SpanSlot *spanSlot(quint32 id) const;
    SpanSlot *ensureSpanSlot(quint32 id);
    TickSample *ensureTickSlot(quint32 index);

    std::atomic<SpanSlot *> m_spanChunks[kMaxChunks];
    std::atomic<TickSample *> m_tickChunks[kMaxChunks];
    std::atomic<quint32> m_spanCount{0};
    std::atomic<quint32> m_tickCount{0};

    const quint64 m_serial;
    mutable QMutex m_mutex;
    QStringList m_lanes;
    std::unordered_map<std::thread::id, int> m_threadLanes;
    QVector<ModeSwitch> m_modeSwitches;
    QVector<CounterSample> m_counters[3];
};

constexpr int Recorder::spanSlotBytes()
{
    return int(sizeof(SpanSlot));
}
