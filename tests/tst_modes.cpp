#include "engine/monotonicclock.h"
#include "procfs.h"
#include "engine/recorder.h"
#include "sanitized.h"
#include "run/session.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

// Every lesson's executor, run for real: each must show its signature on the loop's lag.
class tst_Modes : public QObject
{
    Q_OBJECT
private slots:
    void signature_data();
    void signature();
    void boundedPoolQueueWaitGrows();
    void queueRecordsDepthAndBackPressure();
    void queueLetsTheTickerInBetweenSlices();
    void nestedRecordsDepthAndReentry();
    void gilCpuBlocksButGilIoDoesNot();
    void stopLeavesNoThreadOrChild();
    void stopWhileNestedIsSafe();

private:
    static RunConfig config(ExecMode mode, WorkKind work, double seconds = 1.5);
    static Summary run(const RunConfig &config, std::shared_ptr<const Recorder> *recorder = nullptr);
    static Summary runWithTasks(RunConfig config, qint64 minTasks = 2);
};

RunConfig tst_Modes::config(ExecMode mode, WorkKind work, double seconds)
{
    RunConfig c;
    c.mode = mode;
    c.work = work;
    c.durationS = seconds;
    c.ioMs = 100;
    c.periodMs = 150;
    c.jsonKb = Sanitized::work(4096); // a parse of tens of ms, so a blocked loop shows whatever the machine
    c.workers = 2;
    c.workerProgram = qEnvironmentVariable("LOOPLAB_BINARY");
    // Under the GIL the parse is the part that holds the lock, and it runs in Qt, which the
    // sanitizers do not instrument: a smaller document would shrink exactly that part (under
    // TSan a 512 KB parse held it ~10 ms, no more than a switch interval or two).
    if (mode == ExecMode::Gil)
        c.jsonKb = 4096;
    return c;
}

Summary tst_Modes::run(const RunConfig &config, std::shared_ptr<const Recorder> *recorder)
{
    Session session;
    session.setConfig(config);
    QSignalSpy finished(&session, &Session::finished);
    QString error;
    if (!session.start(&error)) {
        qWarning("start failed: %s", qPrintable(error));
        return {};
    }
    if (!finished.wait(int(config.durationS * 1000) + 20000))
        return {};
    if (recorder)
        *recorder = session.recorder();
    return session.summary();
}

// Enough finished tasks is a precondition of each claim, not the claim: on a machine shared
// with other work the low-priority workers may finish fewer, so such a run is repeated twice
// and four times as long before its figures are judged.
Summary tst_Modes::runWithTasks(RunConfig config, qint64 minTasks)
{
    Summary s;
    for (int attempt = 0; attempt < 3; ++attempt) {
        s = run(config);
        if (s.tasks >= minTasks)
            break;
        qWarning("only %lld tasks finished in %g s (a busy machine?), running longer", qint64(s.tasks), config.durationS);
        config.durationS *= 2;
    }
    return s;
}

void tst_Modes::signature_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("work");
    QTest::addColumn<bool>("blocks");
    auto row = [](const char *name, ExecMode mode, WorkKind work, bool blocks) {
        QTest::newRow(name) << int(mode) << int(work) << blocks;
    };
    row("inline io", ExecMode::Inline, WorkKind::Io, true);
    row("inline cpu", ExecMode::Inline, WorkKind::Cpu, true);
    row("wait io", ExecMode::Wait, WorkKind::Io, true);
    row("wait cpu", ExecMode::Wait, WorkKind::Cpu, true);
    row("mutex io", ExecMode::Mutex, WorkKind::Io, true);
    row("gil cpu", ExecMode::Gil, WorkKind::Cpu, true);
    row("pool io", ExecMode::Pool, WorkKind::Io, false);
    row("pool cpu", ExecMode::Pool, WorkKind::Cpu, false);
    row("thread io", ExecMode::Thread, WorkKind::Io, false);
    row("thread cpu", ExecMode::Thread, WorkKind::Cpu, false);
    row("process io", ExecMode::Process, WorkKind::Io, false);
    row("process cpu", ExecMode::Process, WorkKind::Cpu, false);
    row("nested io", ExecMode::Nested, WorkKind::Io, false);
    row("nested cpu", ExecMode::Nested, WorkKind::Cpu, false);
    row("gil io", ExecMode::Gil, WorkKind::Io, false);
}

void tst_Modes::signature()
{
    QFETCH(int, mode);
    QFETCH(int, work);
    QFETCH(bool, blocks);
    RunConfig c = config(ExecMode(mode), WorkKind(work));
    if (ExecMode(mode) == ExecMode::Mutex)
        c.periodMs = 60; // the next submit always finds the previous task holding the lock
    const Summary s = runWithTasks(c);
    QVERIFY2(s.tasks >= 2, qPrintable(QString::number(s.tasks)));
    const QString figures = QStringLiteral("p99 %1 ms, max %2 ms, tasks %3, task median %4 ms")
                                .arg(s.p99Ms).arg(s.maxMs).arg(s.tasks).arg(s.taskMsMedian);
    if (blocks) {
        // A blocked loop's p99 is a good part of a task: 20 ms, or half the task where a
        // sanitized build's smaller document makes a task shorter than 40 ms (under TSan a
        // 28 ms GIL task gave p99 19.3 ms: blocked, and below a fixed 20 ms bar).
        QVERIFY2(s.p99Ms >= qMin(20.0, 0.5 * s.taskMsMedian), qPrintable(figures));
        QVERIFY2(!s.verdict.startsWith(QStringLiteral("Loop responsive")), qPrintable(s.verdict));
    } else {
        // Generous: two CPU workers on a two-core machine still leave the loop far from blocked.
        QVERIFY2(s.p99Ms < 15 && s.longTasks == 0, qPrintable(figures));
    }
}

void tst_Modes::boundedPoolQueueWaitGrows()
{
    RunConfig c = config(ExecMode::Pool, WorkKind::Io);
    c.workers = 1;
    c.ioMs = 100;
    c.periodMs = 40;
    std::shared_ptr<const Recorder> recorder;
    const Summary s = run(c, &recorder);
    QVector<qint64> waits;
    for (const Span &span : recorder->spans()) {
        if (span.state == SpanState::Done)
            waits << span.queuedNs();
    }
    QVERIFY(waits.size() >= 8);
    QVERIFY2(waits.last() > waits.at(2) + 300 * 1000000LL,
             qPrintable(QStringLiteral("%1 -> %2 ms").arg(waits.at(2) / 1e6).arg(waits.last() / 1e6)));
    QVERIFY(s.queueWaitMsMax > 300);
    QCOMPARE(s.longTasks, 0);
    QVERIFY(s.verdict.contains(QStringLiteral("queued")));
}

void tst_Modes::queueRecordsDepthAndBackPressure()
{
    RunConfig c = config(ExecMode::Queue, WorkKind::Io);
    c.periodMs = 1;
    c.itemUs = 3000;
    c.queueCapacity = 16;
    std::shared_ptr<const Recorder> recorder;
    const Summary s = run(c, &recorder);
    const QVector<CounterSample> depth = recorder->counter(Counter::QueueDepth);
    QVERIFY(depth.size() > 50);
    QCOMPARE(s.maxQueueDepth, 16); // fills to capacity and no further
    QVERIFY(s.producerWaits > 10); // back-pressure
    QVERIFY(s.tasks > 100);
    QVERIFY2(s.p99Ms < 25 && s.longTasks == 0, qPrintable(QString::number(s.p99Ms))); // consumed in short slices
    QVERIFY(recorder->laneNames().contains(QStringLiteral("producer")));
}

// The loop takes items in slices of about 4 ms and a tick that falls due runs before the
// next slice, so no tick waits behind more than the rest of one slice. (The next slice was
// once a posted call, which Qt's GLib dispatcher runs twice for each turn of the socket
// notifiers: ticks waited behind two slices.) Counted in items, not milliseconds, so a busy
// machine that stretches every item does not change the count.
void tst_Modes::queueLetsTheTickerInBetweenSlices()
{
    RunConfig c = config(ExecMode::Queue, WorkKind::Io, 2);
    c.periodMs = 1;
    c.itemUs = 2000;
    c.queueCapacity = 32;
    c.intervalMs = 10;
    std::shared_ptr<const Recorder> recorder;
    const Summary s = run(c, &recorder);
    QVERIFY(recorder);
    QVector<qint64> starts;
    for (const Span &span : recorder->spans()) {
        if (span.kind == WorkKind::Item && span.state == SpanState::Done && span.lane == 0)
            starts << span.startNs;
    }
    std::sort(starts.begin(), starts.end());
    QVERIFY2(starts.size() > 300, qPrintable(QString::number(starts.size())));
    int worst = 0, ticks = 0, prompt = 0;
    for (const TickSample &tick : recorder->ticks()) {
        if (tick.expectedNs < starts.first() || tick.actualNs > starts.last())
            continue;
        ++ticks;
        const auto from = std::upper_bound(starts.begin(), starts.end(), tick.expectedNs);
        const auto to = std::lower_bound(starts.begin(), starts.end(), tick.actualNs);
        const int waitedBehind = int(to - from);
        worst = std::max(worst, waitedBehind);
        prompt += waitedBehind <= 1 ? 1 : 0;
    }
    QVERIFY2(ticks > 100, qPrintable(QString::number(ticks)));
    // A slice is two items of 2 ms (three when the clock lands just short of the slice's end),
    // so a tick waits behind one item at most, rarely more. Behind two slices it was 2 to 4.
    const QString figures = QStringLiteral("%1 of %2 ticks waited behind 1 item or none, the worst behind %3; p99 %4 ms")
                                .arg(prompt).arg(ticks).arg(worst).arg(s.p99Ms);
    QVERIFY2(prompt >= ticks * 9 / 10 && worst <= 3, qPrintable(figures));
}

void tst_Modes::nestedRecordsDepthAndReentry()
{
    RunConfig c = config(ExecMode::Nested, WorkKind::Io);
    c.ioMs = 300;
    c.periodMs = 100; // the next submit fires while the previous one still waits
    const Summary s = run(c);
    QVERIFY(s.maxNestingDepth >= 2);
    QVERIFY(s.reentries >= 1);
    QCOMPARE(s.longTasks, 0);
}

void tst_Modes::gilCpuBlocksButGilIoDoesNot()
{
    // Every tick needs the GIL. A parse holds it throughout (json.loads is one C call), so
    // some tick waits well past a switch interval; blocking I/O lets it go, so ticks wait
    // for nothing. Each run is held to what the model must do, not to another run: a busy
    // machine slows a parse and the wait for it alike.
    const RunConfig cpuConfig = config(ExecMode::Gil, WorkKind::Cpu);
    const Summary cpu = runWithTasks(cpuConfig);
    const QString cpuFigures = QStringLiteral("max %1 ms, p99 %2 ms, task median %3 ms, switch interval %4 ms")
                                   .arg(cpu.maxMs).arg(cpu.p99Ms).arg(cpu.taskMsMedian).arg(cpuConfig.switchMs);
    QVERIFY2(cpu.tasks >= 2, qPrintable(cpuFigures));
    QVERIFY2(cpu.maxMs >= 3 * cpuConfig.switchMs, qPrintable(cpuFigures));
    QVERIFY2(!cpu.verdict.startsWith(QStringLiteral("Loop responsive")), qPrintable(cpu.verdict));

    const Summary io = runWithTasks(config(ExecMode::Gil, WorkKind::Io));
    QVERIFY2(io.tasks >= 2, qPrintable(QString::number(io.tasks)));
    // The same bound as every mode that does not block (signature()).
    QVERIFY2(io.p99Ms < 15 && io.longTasks == 0, qPrintable(QStringLiteral("p99 %1 ms").arg(io.p99Ms)));
}

void tst_Modes::stopLeavesNoThreadOrChild()
{
    run(config(ExecMode::Pool, WorkKind::Io, 0.3)); // warm up whatever Qt starts once per process
    const int baseline = ProcFs::threadCount();
    for (ExecMode mode : Kinds::allModes()) {
        // Tasks are still running when the run's own timer stops it (inside a nested loop,
        // for the nested mode): they must be asked to stop, not waited for.
        RunConfig c = config(mode, WorkKind::Io, 0.3);
        c.ioMs = 1000;
        c.periodMs = 20;
        QElapsedTimer wall;
        wall.start();
        Session session;
        session.setConfig(c);
        QSignalSpy finished(&session, &Session::finished);
        QVERIFY(session.start());
        QVERIFY(finished.wait(10000));
        // 0.3 s run + at most one blocking task the loop cannot leave + the shutdown bound.
        QVERIFY2(wall.elapsed() < 300 + 1000 + Session::kShutdownTimeoutMs,
                 qPrintable(Kinds::name(mode) + QStringLiteral(": %1 ms").arg(wall.elapsed())));
        QTRY_VERIFY2(ProcFs::threadCount() <= baseline,
                     qPrintable(Kinds::name(mode) + QStringLiteral(": %1 threads, %2 before").arg(ProcFs::threadCount()).arg(baseline)));
        QTRY_VERIFY2(ProcFs::childPids().isEmpty(), qPrintable(Kinds::name(mode)));
        for (const Span &s : session.recorder()->spans())
            QVERIFY2(s.isFinished(), qPrintable(Kinds::name(mode) + QLatin1Char(' ') + Kinds::name(s.state)));
    }
}

void tst_Modes::stopWhileNestedIsSafe()
{
    // The duration timer fires inside a nested event loop: Stop must unwind every level.
    RunConfig c = config(ExecMode::Nested, WorkKind::Io, 0.5);
    c.ioMs = 2000;
    c.periodMs = 50;
    const Summary s = run(c);
    QVERIFY(s.maxNestingDepth >= 3);
    QVERIFY(s.cancelled >= 3);
}

QTEST_GUILESS_MAIN(tst_Modes)
#include "tst_modes.moc"
