#include "stats/laghistogram.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "run/summarizer.h"
#include "stats/statistics.h"

#include <QTest>

class tst_Statistics : public QObject
{
    Q_OBJECT
private slots:
    void percentile_data();
    void percentile();
    void unionLength();
    void summarizeConstructedRun();
    void missedTicks_data();
    void missedTicks();
    void stallCorrection();
    void verdictPerMode();
};

void tst_Statistics::percentile_data()
{
    QTest::addColumn<QVector<double>>("values");
    QTest::addColumn<double>("p");
    QTest::addColumn<double>("expected");

    QVector<double> hundred;
    for (int i = 100; i >= 1; --i) // unsorted on purpose
        hundred << i;
    QTest::newRow("empty") << QVector<double>{} << 50.0 << 0.0;
    QTest::newRow("single p50") << QVector<double>{7} << 50.0 << 7.0;
    QTest::newRow("single p99") << QVector<double>{7} << 99.0 << 7.0;
    QTest::newRow("1..100 p50") << hundred << 50.0 << 50.0;
    QTest::newRow("1..100 p95") << hundred << 95.0 << 95.0;
    QTest::newRow("1..100 p99") << hundred << 99.0 << 99.0;
    QTest::newRow("1..100 p100") << hundred << 100.0 << 100.0;
    QTest::newRow("1..100 p0") << hundred << 0.0 << 1.0;
    QTest::newRow("one spike p99 of 10") << QVector<double>{1, 1, 1, 1, 1, 1, 1, 1, 1, 200} << 99.0 << 200.0;
    QTest::newRow("one spike p50 of 10") << QVector<double>{1, 1, 1, 1, 1, 1, 1, 1, 1, 200} << 50.0 << 1.0;
    QTest::newRow("four values p50") << QVector<double>{4, 1, 3, 2} << 50.0 << 2.0;
}

void tst_Statistics::percentile()
{
    QFETCH(QVector<double>, values);
    QFETCH(double, p);
    QFETCH(double, expected);
    QCOMPARE(Statistics::percentile(values, p), expected);
}

void tst_Statistics::unionLength()
{
    using Intervals = QVector<QPair<qint64, qint64>>;
    QCOMPARE(Statistics::unionLength({}), 0);
    QCOMPARE(Statistics::unionLength(Intervals{{0, 10}}), 10);
    QCOMPARE(Statistics::unionLength(Intervals{{20, 30}, {0, 10}}), 20);
    QCOMPARE(Statistics::unionLength(Intervals{{0, 10}, {5, 15}}), 15);
    QCOMPARE(Statistics::unionLength(Intervals{{0, 100}, {10, 20}, {30, 40}}), 100);
    QCOMPARE(Statistics::unionLength(Intervals{{0, 10}, {10, 20}}), 20);
    QCOMPARE(Statistics::unionLength(Intervals{{5, 5}, {9, 3}}), 0); // empty and reversed ignored
}

void tst_Statistics::summarizeConstructedRun()
{
    constexpr qint64 ms = 1000000;
    constexpr qint64 t0 = 5000 * ms; // an arbitrary monotonic-clock origin
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    const int pool = recorder.registerLane(QStringLiteral("pool-1"));
    // 100 ticks: 97 on time (+0.1 ms), 3 stalls of 60, 120 and 200 ms.
    for (int i = 0; i < 100; ++i) {
        qint64 late = ms / 10;
        if (i == 10)
            late = 60 * ms;
        if (i == 50)
            late = 120 * ms;
        if (i == 90)
            late = 200 * ms;
        recorder.addTick({t0 + i * 10 * ms, t0 + i * 10 * ms + late});
    }
    // Two inline tasks of 100 ms on the loop lane, one pool task with 5 ms queue wait,
    // one cancelled pool task.
    quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Inline, t0);
    recorder.markStart(id, 0, t0);
    recorder.markEnd(id, t0 + 100 * ms, SpanState::Done);
    id = recorder.beginSpan(WorkKind::Io, ExecMode::Inline, t0 + 200 * ms);
    recorder.markStart(id, 0, t0 + 200 * ms);
    recorder.markEnd(id, t0 + 300 * ms, SpanState::Done);
    id = recorder.beginSpan(WorkKind::Cpu, ExecMode::Pool, t0 + 400 * ms);
    recorder.markStart(id, pool, t0 + 405 * ms);
    recorder.markEnd(id, t0 + 455 * ms, SpanState::Done);
    id = recorder.beginSpan(WorkKind::Cpu, ExecMode::Pool, t0 + 500 * ms);
    recorder.markStart(id, pool, t0 + 500 * ms);
    recorder.markEnd(id, t0 + 500 * ms, SpanState::Cancelled);

    RunConfig config;
    config.work = WorkKind::Io;
    config.mode = ExecMode::Inline;
    const Summary s = Summarizer::summarize(recorder, config, t0, t0 + 1000 * ms);
    QCOMPARE(s.ticks, 100);
    QCOMPARE(s.p50Ms, 0.1);
    QCOMPARE(s.p99Ms, 120.0);
    QCOMPARE(s.maxMs, 200.0);
    QCOMPARE(s.longTasks, 3);
    QCOMPARE(s.tasks, 3);
    QCOMPARE(s.cancelled, 1);
    QCOMPARE(s.taskMsMedian, 100.0);
    QCOMPARE(s.queueWaitMsMedian, 0.0);
    QCOMPARE(s.loopBusyPct, 20.0);
    QCOMPARE(s.durationS, 1.0);
    QCOMPARE(s.mode, QStringLiteral("inline"));
}

void tst_Statistics::missedTicks_data()
{
    QTest::addColumn<qint64>("latenessMs");
    QTest::addColumn<qint64>("intervalMs");
    QTest::addColumn<QVector<qint64>>("expectedMs");
    QTest::newRow("on time") << qint64(0) << qint64(10) << QVector<qint64>{};
    QTest::newRow("under one interval") << qint64(9) << qint64(10) << QVector<qint64>{};
    QTest::newRow("two intervals") << qint64(20) << qint64(10) << QVector<qint64>{10};
    QTest::newRow("a 200 ms stall") << qint64(200) << qint64(10)
                                   << QVector<qint64>{190, 180, 170, 160, 150, 140, 130, 120, 110, 100,
                                                      90,  80,  70,  60,  50,  40,  30,  20,  10};
    QTest::newRow("not a multiple") << qint64(35) << qint64(10) << QVector<qint64>{25, 15};
    QTest::newRow("no interval") << qint64(35) << qint64(0) << QVector<qint64>{};
}

void tst_Statistics::missedTicks()
{
    QFETCH(qint64, latenessMs);
    QFETCH(qint64, intervalMs);
    QFETCH(QVector<qint64>, expectedMs);
    QVector<qint64> got;
    Statistics::forMissedTicks(latenessMs * 1000000, intervalMs * 1000000, [&got](qint64 ns) { got << ns / 1000000; });
    QCOMPARE(got, expectedMs);
}

void tst_Statistics::stallCorrection()
{
    // 98 punctual ticks and two 200 ms stalls at a 10 ms interval. Raw, the stalls are
    // 2 % of the samples and p95 looks perfect; corrected, the 38 ticks that could not
    // fire during them count too and p95 shows the freeze.
    constexpr qint64 ms = 1000000;
    constexpr qint64 t0 = 1000 * ms;
    Recorder recorder;
    for (int i = 0; i < 100; ++i) {
        const qint64 late = (i == 30 || i == 70) ? 200 * ms : ms / 10;
        recorder.addTick({t0 + i * 10 * ms, t0 + i * 10 * ms + late});
    }
    RunConfig config;
    config.intervalMs = 10;
    const Summary s = Summarizer::summarize(recorder, config, t0, t0 + 2000 * ms);
    QCOMPARE(s.missedTicks, 38);
    QCOMPARE(s.p95Ms, 0.1);
    QCOMPARE(s.p99Ms, 200.0); // raw p99 stays raw
    // 138 samples: the top 5 % (7) are the two 200s and 190, 190, 180, 180, 170.
    QCOMPARE(s.p95CorrectedMs, 170.0);
    QCOMPARE(s.p99CorrectedMs, 200.0);
    QCOMPARE(s.stallsAtLeast[0], 2); // >= 16.7 ms
    QCOMPARE(s.stallsAtLeast[3], 2); // >= 200 ms
    QCOMPARE(s.stallsAtLeast[4], 0); // >= 250 ms

    LagHistogram raw, corrected;
    Summarizer::histograms(recorder, 10 * ms, &raw, &corrected);
    QCOMPARE(raw.count(), 100);
    QCOMPARE(corrected.count(), 138);
}

// A run that switched modes: each tick counts for the mode in force when it fell due, and
// the verdict gives one clause per mode after the whole-run sentence.
void tst_Statistics::verdictPerMode()
{
    constexpr qint64 ms = 1000000;
    constexpr qint64 t0 = 9000 * ms;
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    recorder.addModeSwitch(t0, ExecMode::Inline);
    recorder.addModeSwitch(t0 + 1000 * ms, ExecMode::Pool);
    recorder.addModeSwitch(t0 + 2000 * ms, ExecMode::Inline);
    // Inline: 2 stalls of 200 ms in its first second, one of 150 ms in its last; pool: 0.4 ms.
    for (int i = 0; i < 300; ++i) {
        const qint64 due = t0 + i * 10 * ms;
        qint64 late = i < 100 || i >= 200 ? ms : 4 * ms / 10;
        if (i == 20 || i == 60)
            late = 200 * ms;
        if (i == 250)
            late = 150 * ms;
        recorder.addTick({due, due + late});
    }
    RunConfig config;
    const Summary s = Summarizer::summarize(recorder, config, t0, t0 + 3000 * ms);
    QCOMPARE(s.byMode.size(), 2);
    QCOMPARE(s.byMode.at(0).mode, ExecMode::Inline);
    QCOMPARE(s.byMode.at(0).ticks, 200);
    QCOMPARE(s.byMode.at(0).longTasks, 3);
    QCOMPARE(s.byMode.at(0).maxMs, 200.0);
    QCOMPARE(s.byMode.at(1).mode, ExecMode::Pool);
    QCOMPARE(s.byMode.at(1).ticks, 100);
    QCOMPARE(s.byMode.at(1).longTasks, 0);
    QCOMPARE(s.byMode.at(1).p99Ms, 0.4);
    QVERIFY2(s.verdict.startsWith(QStringLiteral("Loop blocked: 3 stalls")), qPrintable(s.verdict));
    QVERIFY2(s.verdict.contains(QStringLiteral("By mode: Blocking: blocked, 3 stalls, worst 200 ms; "
                                               "Offload: responsive, p99 0.40 ms.")),
             qPrintable(s.verdict));

    // One mode only: no per-mode clause.
    Recorder single;
    single.registerLane(QStringLiteral("GUI thread"));
    single.addModeSwitch(t0, ExecMode::Pool);
    single.addTick({t0, t0 + ms});
    const Summary one = Summarizer::summarize(single, config, t0, t0 + 100 * ms);
    QVERIFY(one.byMode.isEmpty());
    QVERIFY(!one.verdict.contains(QStringLiteral("By mode")));
}

QTEST_GUILESS_MAIN(tst_Statistics)
#include "tst_statistics.moc"
