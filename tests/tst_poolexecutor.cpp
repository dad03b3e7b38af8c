#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "executors/poolexecutor.h"
#include "sanitized.h"

#include <QSet>
#include <QTest>

#include <atomic>

// PoolExecutor queues submitted tasks itself and drains them with at most one pool
// runnable per worker: every task must still run once, on a pool lane, with its times.
class tst_PoolExecutor : public QObject
{
    Q_OBJECT
private slots:
    void runsEveryTaskOnce();
    void runsAgainAfterIdle();
    void shutdownCancelsQueued();

private:
    static quint32 submit(Recorder &recorder, PoolExecutor &executor, int ioMs);
    static bool allFinished(const Recorder &recorder);
};

quint32 tst_PoolExecutor::submit(Recorder &recorder, PoolExecutor &executor, int ioMs)
{
    TaskRequest request;
    request.kind = WorkKind::Io;
    request.ioMs = ioMs;
    request.id = recorder.beginSpan(request.kind, ExecMode::Pool, MonotonicClock::nowNs());
    executor.submit(request);
    return request.id;
}

bool tst_PoolExecutor::allFinished(const Recorder &recorder)
{
    for (const Span &s : recorder.spans()) {
        if (!s.isFinished())
            return false;
    }
    return true;
}

void tst_PoolExecutor::runsEveryTaskOnce()
{
    constexpr int kTasks = 5000;
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    auto cancel = std::make_shared<std::atomic_bool>(false);
    PoolExecutor executor(&recorder, cancel, 2);
    std::atomic_int done{0};
    connect(&executor, &Executor::taskDone, &executor, [&done] { ++done; }, Qt::DirectConnection);
    for (int i = 0; i < kTasks; ++i)
        submit(recorder, executor, 0);
    QTRY_VERIFY_WITH_TIMEOUT(allFinished(recorder), Sanitized::margin(10000));

    QSet<int> lanes;
    for (const Span &s : recorder.spans()) {
        QCOMPARE(s.state, SpanState::Done);
        QVERIFY(s.submitNs <= s.startNs);
        QVERIFY(s.startNs <= s.endNs);
        lanes << s.lane;
    }
    QCOMPARE(recorder.spanCount(), quint32(kTasks));
    QVERIFY(!lanes.contains(0)); // never on the loop lane
    QVERIFY(lanes.size() <= 2);
    for (int lane : std::as_const(lanes))
        QVERIFY(recorder.laneNames().at(lane).startsWith(QStringLiteral("pool-")));
    QVERIFY(executor.shutdown(5000));
    QCOMPARE(done.load(), kTasks);
}

void tst_PoolExecutor::runsAgainAfterIdle()
{
    // Each task finds the queue empty after it, so its drainer ends: the next submit must
    // start a new one.
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    auto cancel = std::make_shared<std::atomic_bool>(false);
    PoolExecutor executor(&recorder, cancel, 1);
    for (int i = 0; i < 5; ++i) {
        const quint32 id = submit(recorder, executor, 0);
        QTRY_COMPARE_WITH_TIMEOUT(recorder.span(id).state, SpanState::Done, Sanitized::margin(5000));
    }
    QVERIFY(executor.shutdown(5000));
}

void tst_PoolExecutor::shutdownCancelsQueued()
{
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    auto cancel = std::make_shared<std::atomic_bool>(false);
    PoolExecutor executor(&recorder, cancel, 1);
    const quint32 running = submit(recorder, executor, 5000);
    for (int i = 0; i < 10; ++i)
        submit(recorder, executor, 0);
    QTRY_COMPARE_WITH_TIMEOUT(recorder.span(running).state, SpanState::Running, Sanitized::margin(5000));
    cancel->store(true);
    QVERIFY(executor.shutdown(Sanitized::margin(5000)));
    for (const Span &s : recorder.spans())
        QCOMPARE(s.state, SpanState::Cancelled);
}

QTEST_GUILESS_MAIN(tst_PoolExecutor)
#include "tst_poolexecutor.moc"
