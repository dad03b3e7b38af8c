#include "run/comparison.h"
#include "engine/recorder.h"
#include "sanitized.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

Q_DECLARE_METATYPE(ExecMode)

class tst_Comparison : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void inlineVersusPool();
    void cancelBetweenRunsKeepsFinishedRun();
    void cancelMidRunKeepsWhatWasMeasured();
    void badConfigRefused();
    void verdictRanksRuns();

private:
    static RunConfig ioConfig(double seconds);
};

void tst_Comparison::initTestCase()
{
    qRegisterMetaType<ExecMode>();
}

RunConfig tst_Comparison::ioConfig(double seconds)
{
    RunConfig config;
    config.work = WorkKind::Io;
    config.ioMs = 100;
    config.periodMs = 200;
    config.workers = 4;
    config.durationS = seconds;
    return config;
}

void tst_Comparison::inlineVersusPool()
{
    Comparison comparison;
    comparison.setConfig(ioConfig(1.0));
    comparison.setModes({ExecMode::Inline, ExecMode::Pool});
    QSignalSpy progress(&comparison, &Comparison::progress);
    QSignalSpy runFinished(&comparison, &Comparison::runFinished);
    QSignalSpy finished(&comparison, &Comparison::finished);
    QSignalSpy failed(&comparison, &Comparison::failed);

    QString error;
    QVERIFY2(comparison.start(&error), qPrintable(error));
    QVERIFY(comparison.isRunning());
    QCOMPARE(comparison.currentIndex(), 0);
    QVERIFY(finished.wait(15000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(failed.count(), 0);
    QVERIFY(!comparison.isRunning());
    QVERIFY(!comparison.wasCancelled());

    QCOMPARE(progress.count(), 2);
    QCOMPARE(progress.at(0).at(0).toInt(), 0);
    QCOMPARE(progress.at(0).at(1).toInt(), 2);
    QCOMPARE(progress.at(0).at(2).value<ExecMode>(), ExecMode::Inline);
    QCOMPARE(progress.at(1).at(0).toInt(), 1);
    QCOMPARE(progress.at(1).at(2).value<ExecMode>(), ExecMode::Pool);
    QCOMPARE(runFinished.count(), 2);
    QCOMPARE(runFinished.at(0).at(0).toInt(), 0);
    QCOMPARE(runFinished.at(1).at(0).toInt(), 1);

    const QVector<Comparison::Result> results = comparison.results();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).mode, ExecMode::Inline);
    QCOMPARE(results.at(1).mode, ExecMode::Pool);
    for (const Comparison::Result &r : results) {
        QVERIFY(r.recorder);
        QVERIFY(r.recorder->tickCount() > 20);
        QVERIFY(r.endNs > r.startNs);
        QVERIFY(!r.interrupted);
        QCOMPARE(r.summary.mode, Kinds::name(r.mode));
        QVERIFY2(qAbs(r.summary.durationS - 1.0) < 0.3, qPrintable(QString::number(r.summary.durationS)));
        QVERIFY(r.summary.tasks >= 3);
    }
    // The runs did not overlap.
    QVERIFY(results.at(1).startNs >= results.at(0).endNs);
    const double inlineP99 = results.at(0).summary.p99Ms;
    const double poolP99 = results.at(1).summary.p99Ms;
    QVERIFY2(inlineP99 >= 50, qPrintable(QString::number(inlineP99)));
    // ThreadSanitizer adds a few ms to every tick the loop handles, not hundreds as a block does.
    QVERIFY2(poolP99 < (Sanitized::kActive ? 50 : 20), qPrintable(QString::number(poolP99)));
    QVERIFY2(inlineP99 > (Sanitized::kActive ? 2 : 5) * poolP99, qPrintable(QStringLiteral("%1 vs %2").arg(inlineP99).arg(poolP99)));

    const QJsonObject json = Comparison::summaryJson(results, comparison.config());
    QCOMPARE(json.value(QLatin1String("work")).toString(), QStringLiteral("io"));
    QCOMPARE(json.value(QLatin1String("duration_s")).toDouble(), 1.0);
    QCOMPARE(json.value(QLatin1String("modes")).toArray(),
             QJsonArray({QStringLiteral("inline"), QStringLiteral("pool")}));
    const QJsonArray runs = json.value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    for (int i = 0; i < 2; ++i) {
        const QJsonObject run = runs.at(i).toObject();
        QCOMPARE(run.value(QLatin1String("mode")).toString(), Kinds::name(results.at(i).mode));
        QCOMPARE(run.value(QLatin1String("work")).toString(), QStringLiteral("io"));
        QCOMPARE(run.value(QLatin1String("io_ms")).toInt(), 100);
        for (const char *key : {"p50_ms", "p95_ms", "p99_ms", "max_ms", "p99_corrected_ms", "missed_ticks",
                                "long_tasks", "tasks", "loop_busy_pct", "verdict"})
            QVERIFY2(run.contains(QLatin1String(key)), key);
        QVERIFY(!run.contains(QLatin1String("interrupted")));
    }
    QVERIFY(runs.at(0).toObject().value(QLatin1String("p99_ms")).toDouble() >= 50);
    const QString verdict = json.value(QLatin1String("verdict")).toString();
    QVERIFY2(verdict.startsWith(QStringLiteral("Worst p99: inline ")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("best: pool ")), qPrintable(verdict));
}

void tst_Comparison::cancelBetweenRunsKeepsFinishedRun()
{
    Comparison comparison;
    comparison.setConfig(ioConfig(0.6));
    comparison.setModes({ExecMode::Inline, ExecMode::Pool, ExecMode::Thread});
    QSignalSpy progress(&comparison, &Comparison::progress);
    QSignalSpy finished(&comparison, &Comparison::finished);
    // Cancel as soon as the second run starts: it has measured nothing yet, so it is dropped.
    connect(&comparison, &Comparison::progress, &comparison, [&comparison](int index) {
        if (index == 1)
            comparison.cancel();
    });
    QVERIFY(comparison.start());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QVERIFY(comparison.wasCancelled());
    QVERIFY(!comparison.isRunning());
    QCOMPARE(comparison.currentIndex(), -1);
    const QVector<Comparison::Result> results = comparison.results();
    QCOMPARE(results.size(), 1);
    QCOMPARE(results.at(0).mode, ExecMode::Inline);
    QVERIFY(!results.at(0).interrupted);
    QVERIFY(results.at(0).summary.ticks > 0);

    // Nothing starts after a cancel.
    QTest::qWait(800);
    QCOMPARE(progress.count(), 2);
    QCOMPARE(finished.count(), 1);
    QCOMPARE(comparison.results().size(), 1);
}

void tst_Comparison::cancelMidRunKeepsWhatWasMeasured()
{
    Comparison comparison;
    comparison.setConfig(ioConfig(0.5));
    comparison.setModes({ExecMode::Pool, ExecMode::Inline});
    QSignalSpy runFinished(&comparison, &Comparison::runFinished);
    QSignalSpy finished(&comparison, &Comparison::finished);
    connect(&comparison, &Comparison::progress, &comparison, [&comparison](int index) {
        if (index == 1)
            QTimer::singleShot(250, &comparison, &Comparison::cancel);
    });
    QVERIFY(comparison.start());
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);
    QCOMPARE(runFinished.count(), 2);
    const QVector<Comparison::Result> results = comparison.results();
    QCOMPARE(results.size(), 2);
    QCOMPARE(results.at(0).mode, ExecMode::Pool);
    QVERIFY(!results.at(0).interrupted);
    QCOMPARE(results.at(1).mode, ExecMode::Inline);
    QVERIFY(results.at(1).interrupted);
    QVERIFY(results.at(1).summary.ticks > 0);
    QVERIFY2(results.at(1).summary.durationS < 0.45, qPrintable(QString::number(results.at(1).summary.durationS)));

    const QJsonArray runs = Comparison::summaryJson(results, comparison.config()).value(QLatin1String("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    QVERIFY(runs.at(1).toObject().value(QLatin1String("interrupted")).toBool());
    QVERIFY(Comparison::verdict(results).contains(QStringLiteral("Stopped early: inline.")));

    comparison.cancel(); // idle: nothing happens
    QCOMPARE(finished.count(), 1);
}

void tst_Comparison::badConfigRefused()
{
    Comparison comparison;
    QSignalSpy progress(&comparison, &Comparison::progress);
    QSignalSpy finished(&comparison, &Comparison::finished);
    QString error;

    comparison.setConfig(ioConfig(1.0));
    QVERIFY(!comparison.start(&error));
    QVERIFY2(error.contains(QStringLiteral("no modes")), qPrintable(error));

    comparison.setModes({ExecMode::Inline, ExecMode::Pool});
    comparison.setConfig(ioConfig(0));
    error.clear();
    QVERIFY(!comparison.start(&error));
    QVERIFY2(error.contains(QStringLiteral("duration")), qPrintable(error));

    RunConfig bad = ioConfig(1.0);
    bad.intervalMs = 0;
    comparison.setConfig(bad);
    error.clear();
    QVERIFY(!comparison.start(&error));
    QVERIFY2(error.contains(QStringLiteral("interval")), qPrintable(error));

    comparison.setConfig(ioConfig(1.0));
    comparison.setModes({ExecMode::Pool, ExecMode::Pool});
    error.clear();
    QVERIFY(!comparison.start(&error));
    QVERIFY2(error.contains(QStringLiteral("twice")), qPrintable(error));

    QVERIFY(!comparison.isRunning());
    QCOMPARE(progress.count(), 0);
    QCOMPARE(finished.count(), 0);
    QVERIFY(comparison.results().isEmpty());

    comparison.setModes({ExecMode::Pool});
    comparison.setConfig(ioConfig(0.3));
    QVERIFY(comparison.start(&error));
    error.clear();
    QVERIFY(!comparison.start(&error)); // already running
    QVERIFY(!error.isEmpty());
    QVERIFY(finished.wait(5000));
    QCOMPARE(comparison.results().size(), 1);
}

void tst_Comparison::verdictRanksRuns()
{
    auto result = [](ExecMode mode, double p99, qint64 longTasks) -> Comparison::Result {
        Comparison::Result r;
        r.mode = mode;
        r.summary.p99Ms = p99;
        r.summary.maxMs = p99 * 2;
        r.summary.longTasks = longTasks;
        return r;
    };
    const QVector<Comparison::Result> results = {result(ExecMode::Inline, 201, 9), result(ExecMode::Pool, 0.42, 0),
                                                 result(ExecMode::Gil, 57, 3), result(ExecMode::Process, 0.3, 0)};
    const QString verdict = Comparison::verdict(results);
    QVERIFY2(verdict.startsWith(QStringLiteral("Worst p99: inline 201 ms; best: process 0.30 ms.")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("Stalled the loop (ticks ≥ 50 ms late): inline, gil.")), qPrintable(verdict));
    QVERIFY2(verdict.contains(QStringLiteral("Within one frame (p99 < 16.7 ms): pool, process.")), qPrintable(verdict));
    QCOMPARE(Comparison::verdict({}), QStringLiteral("No run finished."));
    QCOMPARE(Comparison::verdict({result(ExecMode::Pool, 0.42, 0)}), QStringLiteral("pool: p99 0.42 ms, worst 0.84 ms."));
}

QTEST_GUILESS_MAIN(tst_Comparison)
#include "tst_comparison.moc"
