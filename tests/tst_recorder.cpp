#include "run/livestats.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "run/summarizer.h"
#include "stats/statistics.h"

#include <QSet>
#include <QTest>

#include <thread>
#include <vector>

class tst_Recorder : public QObject
{
    Q_OBJECT
private slots:
    void spanLifecycle();
    void spanSlotFitsBudget();
    void manyThreadsAtOnce();
    void lanesPerThread();
    void ticksWhileReading();
    void rawHistoryStaysBounded();
    void runningSpanKeepsItsChunk();
    void compactWhileRecording();
    void queuedSpansAfterCompaction();
};

void tst_Recorder::spanLifecycle()
{
    Recorder recorder;
    QCOMPARE(recorder.span(0).state, SpanState::Empty); // nothing allocated yet
    const quint32 id = recorder.beginSpan(WorkKind::Cpu, ExecMode::Pool, 100);
    QCOMPARE(id, 0u);
    Span s = recorder.span(id);
    QCOMPARE(s.state, SpanState::Queued);
    QCOMPARE(s.kind, WorkKind::Cpu);
    QCOMPARE(s.mode, ExecMode::Pool);
    QCOMPARE(s.submitNs, 100);
    QCOMPARE(s.startNs, 0);
    recorder.markStart(id, 3, 150);
    s = recorder.span(id);
    QCOMPARE(s.state, SpanState::Running);
    QCOMPARE(s.lane, 3);
    QCOMPARE(s.startNs, 150);
    QCOMPARE(s.endNs, 0);
    recorder.markEnd(id, 400, SpanState::Cancelled);
    s = recorder.span(id);
    QCOMPARE(s.state, SpanState::Cancelled);
    QCOMPARE(s.kind, WorkKind::Cpu);
    QCOMPARE(s.lane, 3);
    QCOMPARE(s.queuedNs(), 50);
    QCOMPARE(s.ranNs(), 250);
}

void tst_Recorder::spanSlotFitsBudget()
{
    QVERIFY(Recorder::spanSlotBytes() <= 64);
    QVERIFY(sizeof(Span) <= 64);
    QCOMPARE(sizeof(TickSample), size_t(16));
}

void tst_Recorder::manyThreadsAtOnce()
{
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    constexpr int threads = 8;
    constexpr int perThread = 20000; // crosses several chunk boundaries
    std::atomic_bool done{false};
    std::atomic<int> readerViolations{0};

    // A reader snapshots while the writers work: it must never see a half-written span.
    std::thread reader([&] {
        while (!done.load()) {
            const quint32 n = recorder.spanCount();
            for (quint32 i = n > 500 ? n - 500 : 0; i < n; ++i) {
                const Span s = recorder.span(i);
                if (s.state == SpanState::Empty)
                    continue;
                if (s.submitNs <= 0 || (s.startNs && s.startNs < s.submitNs) || (s.endNs && s.endNs < s.startNs))
                    readerViolations.fetch_add(1);
            }
        }
    });
    std::vector<std::thread> writers;
    for (int t = 0; t < threads; ++t) {
        writers.emplace_back([&recorder, t] {
            const int lane = recorder.laneForCurrentThread(QStringLiteral("pool"));
            for (int i = 0; i < perThread; ++i) {
                const qint64 base = qint64(t + 1) * 1000000000 + i * 10;
                const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, base);
                recorder.markStart(id, lane, base + 3);
                recorder.markEnd(id, base + 7, SpanState::Done);
            }
        });
    }
    for (auto &w : writers)
        w.join();
    done.store(true);
    reader.join();

    QCOMPARE(readerViolations.load(), 0);
    QCOMPARE(recorder.spanCount(), quint32(threads * perThread));
    QCOMPARE(recorder.laneNames().size(), threads + 1);
    QSet<int> lanes;
    const QVector<Span> spans = recorder.spans();
    QCOMPARE(spans.size(), threads * perThread);
    for (const Span &s : spans) {
        QCOMPARE(s.state, SpanState::Done);
        QCOMPARE(s.startNs - s.submitNs, 3);
        QCOMPARE(s.endNs - s.startNs, 4);
        lanes.insert(s.lane);
    }
    QCOMPARE(lanes.size(), threads);
    QVERIFY(!lanes.contains(0));
}

void tst_Recorder::lanesPerThread()
{
    Recorder recorder;
    QCOMPARE(recorder.registerLane(QStringLiteral("GUI thread")), 0);
    const int mine = recorder.laneForCurrentThread(QStringLiteral("pool"));
    QCOMPARE(recorder.laneForCurrentThread(QStringLiteral("pool")), mine);
    int other = -1;
    std::thread([&] { other = recorder.laneForCurrentThread(QStringLiteral("pool")); }).join();
    QVERIFY(other != mine);
    QCOMPARE(recorder.laneNames(),
             QStringList({QStringLiteral("GUI thread"), QStringLiteral("pool-1"), QStringLiteral("pool-2")}));

    // A second recorder used by the same thread gets its own lane table.
    Recorder second;
    second.registerLane(QStringLiteral("GUI thread"));
    QCOMPARE(second.laneForCurrentThread(QStringLiteral("pool")), 1);
    QCOMPARE(recorder.laneForCurrentThread(QStringLiteral("pool")), mine);
}

void tst_Recorder::ticksWhileReading()
{
    Recorder recorder;
    constexpr quint32 total = 3 * Recorder::kChunkSize + 17;
    std::atomic<int> bad{0};
    std::thread producer([&recorder] {
        for (quint32 i = 0; i < total; ++i)
            recorder.addTick({qint64(i) * 10, qint64(i) * 10 + 1});
    });
    quint32 seen = 0;
    while (seen < total) {
        const quint32 n = recorder.tickCount();
        for (; seen < n; ++seen) {
            const TickSample t = recorder.tick(seen);
            if (t.expectedNs != qint64(seen) * 10 || t.latenessNs() != 1)
                bad.fetch_add(1);
        }
    }
    producer.join();
    QCOMPARE(bad.load(), 0);
    QCOMPARE(recorder.ticks(total - 2).size(), 2);
}

void tst_Recorder::rawHistoryStaysBounded()
{
    // 200 s at 1 kHz ticks and 1 kHz spans, raw history 2 s, compacted every simulated second.
    constexpr qint64 ms = 1000000;
    constexpr quint32 total = 200000;
    constexpr qint64 late = 100000; // 0.1 ms, and every 1000th tick 60 ms: a long task
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    recorder.setRawHistory(2000 * ms, ms);
    LiveStats live;
    const qint64 chunks = qint64(Recorder::kChunkSize) * (16 + Recorder::spanSlotBytes());
    qint64 peakBytes = 0;
    for (quint32 i = 0; i < total; ++i) {
        const qint64 t = qint64(i) * ms;
        const qint64 lateNs = i % 1000 == 0 ? 60 * ms : late;
        recorder.addTick({t, t + lateNs});
        const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, t);
        recorder.markStart(id, 1, t + 10);
        recorder.markEnd(id, t + 500000, SpanState::Done);
        if (i % 1000 == 999) {
            live.update(recorder, 0, t, ms);
            recorder.compact(t);
            peakBytes = qMax(peakBytes, recorder.rawBytes());
        }
    }
    // Unbounded, this would be total * 56 B = 11 MB; bounded: the window (2 s) in at most two
    // chunks each, and the next one made ahead.
    QVERIFY2(peakBytes <= 3 * chunks, qPrintable(QString::number(peakBytes)));
    QVERIFY(recorder.firstTick() > 0);
    QVERIFY(recorder.firstSpan() > 0);
    QVERIFY(recorder.isDecimated());
    QCOMPARE(recorder.ticks().size(), qsizetype(total - recorder.firstTick()));

    // Statistics still count every tick and span, dropped or not.
    RunConfig config;
    config.intervalMs = 1;
    const Summary s = Summarizer::summarize(recorder, config, 0, qint64(total) * ms);
    QCOMPARE(s.ticks, qint64(total));
    QCOMPARE(s.decimatedTicks, qint64(recorder.firstTick()));
    QCOMPARE(s.decimatedSpans, qint64(recorder.firstSpan()));
    QCOMPARE(s.tasks, qint64(total));
    QCOMPARE(s.longTasks, qint64(total / 1000));
    QCOMPARE(s.stallsAtLeast[0], qint64(total / 1000)); // 16.7 ms
    QCOMPARE(s.missedTicks, qint64(total / 1000) * 59); // 60 ms late at 1 ms: 59, 58, ... 1 ms
    QCOMPARE(s.maxMs, 60.0);
    QVERIFY(qAbs(s.p50Ms - 0.1) <= 0.1 * 0.016);
    QVERIFY(qAbs(s.taskMsMedian - 0.49999) <= 0.5 * 0.016);
    QVERIFY(s.loopBusyPct == 0); // nothing ran on the loop lane

    live.update(recorder, 0, qint64(total) * ms, ms);
    const Summary l = live.summary(config);
    QCOMPARE(l.ticks, s.ticks);
    QCOMPARE(l.tasks, s.tasks);
    QCOMPARE(l.longTasks, s.longTasks);
    QCOMPARE(l.missedTicks, s.missedTicks);

    // A dropped tick reads back as its interval's worst; a dropped span as empty.
    QCOMPARE(recorder.tick(0).latenessNs(), 60 * ms);
    QCOMPARE(recorder.tick(1).latenessNs(), 60 * ms);
    QCOMPARE(recorder.span(0).state, SpanState::Empty);
    const DecimatedHistory h = recorder.history();
    QCOMPARE(h.ticks(), qint64(recorder.firstTick()));
    QVERIFY(h.intervals().size() <= DecimatedHistory::kMaxIntervals);
}

void tst_Recorder::runningSpanKeepsItsChunk()
{
    constexpr qint64 ms = 1000000;
    Recorder recorder;
    recorder.setRawHistory(ms, ms);
    const quint32 running = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, 0);
    recorder.markStart(running, 1, 1);
    for (quint32 i = 1; i < 2 * Recorder::kChunkSize; ++i) {
        const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, i);
        recorder.markEnd(id, i + 1, SpanState::Cancelled);
    }
    recorder.compact(1000 * ms);
    QCOMPARE(recorder.firstSpan(), 0u); // the first chunk holds a span still running
    recorder.markEnd(running, 2, SpanState::Done);
    recorder.compact(1000 * ms);
    QCOMPARE(recorder.firstSpan(), Recorder::kChunkSize * 2);
    QCOMPARE(recorder.history().tasks(), 1);
    QCOMPARE(recorder.history().cancelled(), qint64(2 * Recorder::kChunkSize - 1));
}

void tst_Recorder::compactWhileRecording()
{
    // Workers record spans while the tick thread adds ticks and compacts (under TSan too).
    constexpr int threads = 3;
    constexpr quint32 perThread = Recorder::kChunkSize; // 3 chunks in all
    Recorder recorder;
    recorder.setRawHistory(1, 1);
    std::atomic<int> running{threads};
    std::vector<std::thread> workers;
    for (int t = 0; t < threads; ++t) {
        workers.emplace_back([&recorder, &running, t] {
            for (quint32 i = 0; i < perThread; ++i) {
                const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, 10);
                recorder.markStart(id, t + 1, 20);
                recorder.markEnd(id, 30, SpanState::Done);
            }
            running.fetch_sub(1);
        });
    }
    qint64 now = 0;
    while (running.load() > 0) {
        recorder.addTick({now, now + 1});
        now += 1000;
        if (now % 64000 == 0) {
            recorder.compact(now);
            const quint32 first = recorder.firstSpan();
            const quint32 n = recorder.spanCount();
            for (quint32 id = first; id < n; id += 97)
                (void)recorder.span(id);
        }
    }
    for (std::thread &w : workers)
        w.join();
    recorder.compact(now + 1000);
    recorder.compact(now + 2000);
    const DecimatedHistory h = recorder.history();
    qint64 rawDone = 0;
    for (const Span &s : recorder.spans())
        rawDone += s.state == SpanState::Done ? 1 : 0;
    QCOMPARE(h.tasks() + rawDone, qint64(threads) * perThread);
    QCOMPARE(h.spans(), qint64(recorder.firstSpan()));
    QVERIFY(recorder.firstSpan() >= 2 * Recorder::kChunkSize);
}

void tst_Recorder::queuedSpansAfterCompaction()
{
    // Stopping a pool run looks up the spans still queued; after a long run the oldest
    // chunks are gone and must be skipped, not read.
    constexpr qint64 ms = 1000000;
    Recorder recorder;
    recorder.setRawHistory(1000 * ms, ms);
    const quint32 total = 2 * Recorder::kChunkSize;
    for (quint32 i = 0; i < total; ++i) {
        const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, qint64(i) * ms);
        recorder.markStart(id, 1, qint64(i) * ms + 10);
        recorder.markEnd(id, qint64(i) * ms + 20, SpanState::Done);
    }
    recorder.compact(qint64(total) * ms);
    QVERIFY(recorder.firstSpan() > 0);
    const quint32 queued = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, qint64(total) * ms);
    QCOMPARE(recorder.queuedSpans(ExecMode::Pool), QVector<quint32>{queued});
    QVERIFY(recorder.queuedSpans(ExecMode::Inline).isEmpty());
}

QTEST_GUILESS_MAIN(tst_Recorder)
#include "tst_recorder.moc"
