#include "stats/laghistogram.h"
#include "run/livestats.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "run/summarizer.h"
#include "stats/statistics.h"

#include <QRandomGenerator>
#include <QTest>

class tst_LagHistogram : public QObject
{
    Q_OBJECT
private slots:
    void bucketsAreContiguous();
    void percentilesWithinPrecision();
    void emptyAndClear();
    void liveStatsMatchExactSummary();
};

void tst_LagHistogram::bucketsAreContiguous()
{
    for (int b = 0; b + 1 < LagHistogram::kBuckets; ++b) {
        QCOMPARE(LagHistogram::bucketUpperNs(b), LagHistogram::bucketLowerNs(b + 1));
        QCOMPARE(LagHistogram::bucketOf(LagHistogram::bucketLowerNs(b)), b);
        QCOMPARE(LagHistogram::bucketOf(LagHistogram::bucketUpperNs(b) - 1), b);
    }
    QCOMPARE(LagHistogram::bucketOf(0), 0);
    QCOMPARE(LagHistogram::bucketOf(127), 127);
    QCOMPARE(LagHistogram::bucketOf(128), 128);
}

void tst_LagHistogram::percentilesWithinPrecision()
{
    QRandomGenerator rng(42);
    LagHistogram histogram;
    QVector<double> exact;
    for (int i = 0; i < 50000; ++i) {
        // Mostly sub-millisecond, with a tail of stalls up to a second.
        const qint64 ns = i % 100 == 0 ? qint64(rng.bounded(1e9)) : qint64(rng.bounded(500000.0)) + 50000;
        histogram.add(ns);
        exact << double(ns);
    }
    for (double p : {50.0, 90.0, 95.0, 99.0, 99.9}) {
        const double want = Statistics::percentile(exact, p);
        const double got = double(histogram.percentileNs(p));
        QVERIFY2(std::abs(got - want) <= want * 0.016 + 1,
                 qPrintable(QStringLiteral("p%1: %2 vs %3").arg(p).arg(got).arg(want)));
    }
    QCOMPARE(double(histogram.maxNs()), Statistics::percentile(exact, 100));
    QCOMPARE(histogram.count(), 50000);
}

void tst_LagHistogram::emptyAndClear()
{
    LagHistogram histogram;
    QCOMPARE(histogram.percentileNs(99), 0);
    histogram.add(5000000, 3);
    QCOMPARE(histogram.count(), 3);
    QVERIFY(std::abs(histogram.percentileNs(50) - 5000000) < 80000);
    histogram.add(-5); // clamps to zero rather than corrupting a bucket
    QCOMPARE(histogram.count(), 4);
    histogram.clear();
    QCOMPARE(histogram.count(), 0);
    QCOMPARE(histogram.maxNs(), 0);
}

void tst_LagHistogram::liveStatsMatchExactSummary()
{
    constexpr qint64 ms = 1000000;
    constexpr qint64 t0 = 1000 * ms;
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    recorder.addModeSwitch(t0, ExecMode::Inline);
    LiveStats live;
    // Fed in two halves, as the frame timer would.
    for (int i = 0; i < 1000; ++i) {
        recorder.addTick({t0 + i * 10 * ms, t0 + i * 10 * ms + (i % 97 == 0 ? 120 * ms : ms / 5)});
        if (i % 50 == 0) {
            const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Inline, t0 + i * 10 * ms);
            recorder.markStart(id, 0, t0 + i * 10 * ms);
            recorder.markEnd(id, t0 + i * 10 * ms + 200 * ms, SpanState::Done);
        }
        if (i == 500)
            live.update(recorder, t0, t0 + i * 10 * ms, 10 * ms);
    }
    live.update(recorder, t0, t0 + 10000 * ms, 10 * ms);
    RunConfig config;
    const Summary approx = live.summary(config);
    const Summary exact = Summarizer::summarize(recorder, config, t0, t0 + 10000 * ms);
    QCOMPARE(approx.ticks, exact.ticks);
    QCOMPARE(approx.tasks, exact.tasks);
    QCOMPARE(approx.longTasks, exact.longTasks);
    QCOMPARE(approx.maxMs, exact.maxMs);
    QVERIFY(std::abs(approx.p50Ms - exact.p50Ms) <= exact.p50Ms * 0.016);
    QVERIFY(std::abs(approx.p99Ms - exact.p99Ms) <= exact.p99Ms * 0.016);
    QVERIFY(std::abs(approx.loopBusyPct - exact.loopBusyPct) < 0.01);
    QCOMPARE(approx.mode, exact.mode);
    QCOMPARE(approx.missedTicks, exact.missedTicks);
    QCOMPARE(approx.stallsAtLeast, exact.stallsAtLeast);
    QVERIFY(std::abs(approx.p99CorrectedMs - exact.p99CorrectedMs) <= exact.p99CorrectedMs * 0.016);
}

QTEST_GUILESS_MAIN(tst_LagHistogram)
#include "tst_laghistogram.moc"
