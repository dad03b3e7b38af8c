#include "recorder.h"

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

QTEST_GUILESS_MAIN(tst_Recorder)
#include "tst_recorder.moc"
