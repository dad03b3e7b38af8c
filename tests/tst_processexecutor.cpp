#include "engine/monotonicclock.h"
#include "executors/process/processexecutor.h"
#include "engine/recorder.h"
#include "sanitized.h"
#include "engine/tickerprobe.h"
#include "engine/workload.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <cerrno>
#include <csignal>
#include <functional>

namespace {
constexpr qint64 kMs = 1000000;

QString workerProgram()
{
    return qEnvironmentVariable("LOOPLAB_BINARY");
}

// Runs a real event loop until done() holds or the time is up. QTest::qWait sleeps between
// event batches, which the ticker probe would rightly report as lag.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    if (done())
        return true;
    QElapsedTimer timer;
    timer.start();
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (done() || timer.hasExpired(timeoutMs))
            loop.quit();
    });
    poll.start(2);
    loop.exec();
    return done();
}

void spinFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

// Reaped, not merely dead: a zombie still answers kill(pid, 0).
bool processGone(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == -1 && errno == ESRCH;
}

struct Fixture
{
    Recorder recorder;
    std::shared_ptr<std::atomic_bool> cancel = std::make_shared<std::atomic_bool>(false);

    Fixture() { recorder.registerLane(QStringLiteral("GUI thread")); }

    quint32 submit(ProcessExecutor &executor, WorkKind kind, int ioMs, const QByteArray &json = {})
    {
        TaskRequest request;
        request.kind = kind;
        request.ioMs = ioMs;
        request.json = json;
        request.id = recorder.beginSpan(kind, ExecMode::Process, MonotonicClock::nowNs());
        executor.submit(request);
        return request.id;
    }

    QString laneName(quint32 id) const { return recorder.laneNames().value(recorder.span(id).lane); }
};
} // namespace

class tst_ProcessExecutor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cpuTaskRunsInChild();
    void ioTasksRunInParallel();
    void loopStaysResponsive();
    void shutdownCancelsRunning();
    void killedChildFailsTaskAndIsReplaced();
    void destructorLeavesNoChild();
    void missingProgramFailsTasks();
};

void tst_ProcessExecutor::initTestCase()
{
    QVERIFY2(QFileInfo(workerProgram()).isExecutable(), "LOOPLAB_BINARY must name the looplab executable");
}

void tst_ProcessExecutor::cpuTaskRunsInChild()
{
    Fixture f;
    ProcessExecutor executor(&f.recorder, f.cancel, 1, workerProgram());
    QCOMPARE(executor.mode(), ExecMode::Process);
    QCOMPARE(f.recorder.laneNames(), QStringList({QStringLiteral("GUI thread"), QStringLiteral("process-1")}));
    QSignalSpy done(&executor, &Executor::taskDone);
    const quint32 id = f.submit(executor, WorkKind::Cpu, 0, Workload::generateJson(256));
    QVERIFY(done.wait(10000));
    QCOMPARE(done.count(), 1);
    QCOMPARE(done.at(0).at(0).value<quint32>(), id);
    QCOMPARE(done.at(0).at(1).value<SpanState>(), SpanState::Done);

    const Span s = f.recorder.span(id);
    QCOMPARE(s.state, SpanState::Done);
    QCOMPARE(s.mode, ExecMode::Process);
    QCOMPARE(f.laneName(id), QStringLiteral("process-1"));
    QVERIFY(s.startNs >= s.submitNs);
    QVERIFY2(s.runNs > s.startNs, "the transfer to the child takes time");
    QVERIFY(s.endNs > s.runNs);
    QVERIFY(s.endNs <= MonotonicClock::nowNs());

    const qint64 pid = executor.processIds().value(0);
    QVERIFY(pid > 0);
    QVERIFY(executor.shutdown(2000));
    QVERIFY(processGone(pid));
}

void tst_ProcessExecutor::ioTasksRunInParallel()
{
    Fixture f;
    ProcessExecutor executor(&f.recorder, f.cancel, 2, workerProgram());
    QVERIFY(spinUntil([&] { return executor.startedWorkers() == 2; }, 10000));
    QSignalSpy done(&executor, &Executor::taskDone);
    QElapsedTimer wall;
    wall.start();
    const quint32 a = f.submit(executor, WorkKind::Io, 200);
    const quint32 b = f.submit(executor, WorkKind::Io, 200);
    QVERIFY(spinUntil([&] { return done.count() == 2; }, 5000));
    // One after the other would take 400 ms; the sanitizers slow the hand-off, not the sleep.
    QVERIFY2(wall.elapsed() < Sanitized::margin(350), qPrintable(QString::number(wall.elapsed())));
    for (quint32 id : {a, b}) {
        const Span s = f.recorder.span(id);
        QCOMPARE(s.state, SpanState::Done);
        QVERIFY(s.endNs - s.runNs >= 195 * kMs);
    }
    // The proof that does not depend on speed: each one slept while the other did.
    const Span sa = f.recorder.span(a);
    const Span sb = f.recorder.span(b);
    QVERIFY(sa.runNs < sb.endNs && sb.runNs < sa.endNs);
    QCOMPARE(QSet<QString>({f.laneName(a), f.laneName(b)}),
             QSet<QString>({QStringLiteral("process-1"), QStringLiteral("process-2")}));
    QVERIFY(executor.shutdown(2000));
}

void tst_ProcessExecutor::loopStaysResponsive()
{
    Fixture f;
    const QByteArray json = Workload::generateJson(4096);
    ProcessExecutor executor(&f.recorder, f.cancel, 2, workerProgram());
    QVERIFY(spinUntil([&] { return executor.startedWorkers() == 2; }, 10000));
    QSignalSpy done(&executor, &Executor::taskDone);
    TickerProbe probe(&f.recorder, 10 * kMs);
    QVERIFY(probe.start());
    QList<quint32> ids;
    for (int i = 0; i < 4; ++i)
        ids << f.submit(executor, WorkKind::Cpu, 0, json);
    QVERIFY(spinUntil([&] { return done.count() == ids.size(); }, 30000));
    spinFor(50);
    probe.stop();

    qint64 parseNs = 0;
    for (quint32 id : std::as_const(ids)) {
        const Span s = f.recorder.span(id);
        QCOMPARE(s.state, SpanState::Done);
        QVERIFY(s.runNs > s.startNs);
        parseNs += s.endNs - s.runNs;
    }
    QVERIFY(f.recorder.tickCount() >= 5);
    qint64 maxLateNs = 0;
    for (const TickSample &t : f.recorder.ticks())
        maxLateNs = qMax(maxLateNs, t.latenessNs());
    QVERIFY2(maxLateNs < 50 * kMs, qPrintable(QStringLiteral("max lateness %1 ms while the children parsed for %2 ms")
                                                   .arg(double(maxLateNs) / kMs)
                                                   .arg(double(parseNs) / kMs)));
    QVERIFY(executor.shutdown(2000));
}

void tst_ProcessExecutor::shutdownCancelsRunning()
{
    Fixture f;
    ProcessExecutor executor(&f.recorder, f.cancel, 2, workerProgram());
    QVERIFY(spinUntil([&] { return executor.startedWorkers() == 2; }, 10000));
    QSignalSpy done(&executor, &Executor::taskDone);
    QList<quint32> ids;
    for (int i = 0; i < 3; ++i)
        ids << f.submit(executor, WorkKind::Io, 5000); // the third waits in the queue
    spinFor(Sanitized::margin(200)); // the children are sleeping now
    const qint64 cancelNs = MonotonicClock::nowNs();
    const QList<qint64> pids = executor.processIds();
    QCOMPARE(pids.size(), 2);

    QElapsedTimer timer;
    timer.start();
    f.cancel->store(true);
    QVERIFY(executor.shutdown(2000)); // nothing had to be killed
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));

    QCOMPARE(done.count(), 3);
    for (quint32 id : std::as_const(ids))
        QCOMPARE(f.recorder.span(id).state, SpanState::Cancelled);
    // The running two answered "cancelled" from the child, which had received them.
    for (quint32 id : {ids[0], ids[1]}) {
        const Span s = f.recorder.span(id);
        QVERIFY(s.runNs > s.startNs);
        QVERIFY(s.endNs - cancelNs < 1000 * kMs);
    }
    for (qint64 pid : pids)
        QVERIFY2(processGone(pid), qPrintable(QString::number(pid)));
    QCOMPARE(executor.processIds(), QList<qint64>({0, 0}));

    // Late submissions end at once.
    const quint32 late = f.submit(executor, WorkKind::Io, 10);
    QCOMPARE(f.recorder.span(late).state, SpanState::Cancelled);
}

void tst_ProcessExecutor::killedChildFailsTaskAndIsReplaced()
{
    Fixture f;
    ProcessExecutor executor(&f.recorder, f.cancel, 1, workerProgram());
    QVERIFY(spinUntil([&] { return executor.startedWorkers() == 1; }, 10000));
    const qint64 pid = executor.processIds().value(0);
    QVERIFY(pid > 0);
    QSignalSpy done(&executor, &Executor::taskDone);
    const quint32 victim = f.submit(executor, WorkKind::Io, 5000);
    const quint32 next = f.submit(executor, WorkKind::Io, 50);
    spinFor(100);
    QCOMPARE(f.recorder.span(victim).state, SpanState::Running);

    QTest::ignoreMessage(QtWarningMsg, "looplab: worker process 1 crashed");
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QVERIFY(spinUntil([&] { return done.count() == 2; }, 10000));
    QCOMPARE(done.at(0).at(0).value<quint32>(), victim);
    QCOMPARE(f.recorder.span(victim).state, SpanState::Failed);
    QCOMPARE(done.at(1).at(0).value<quint32>(), next);
    QCOMPARE(f.recorder.span(next).state, SpanState::Done);
    QCOMPARE(f.laneName(next), QStringLiteral("process-1"));
    QCOMPARE(f.recorder.laneNames().size(), 2); // the replacement kept the lane

    const qint64 replacement = executor.processIds().value(0);
    QVERIFY(replacement > 0);
    QVERIFY(replacement != pid);
    QVERIFY(processGone(pid));
    QVERIFY(executor.shutdown(2000));
    QVERIFY(processGone(replacement));
}

void tst_ProcessExecutor::destructorLeavesNoChild()
{
    Fixture f;
    QList<qint64> pids;
    QList<quint32> ids;
    {
        ProcessExecutor executor(&f.recorder, f.cancel, 2, workerProgram());
        QVERIFY(spinUntil([&] { return executor.startedWorkers() == 2; }, 10000));
        pids = executor.processIds();
        ids << f.submit(executor, WorkKind::Io, 5000);
        spinFor(100);
    }
    for (qint64 pid : std::as_const(pids))
        QVERIFY2(processGone(pid), qPrintable(QString::number(pid)));
    QCOMPARE(f.recorder.span(ids[0]).state, SpanState::Cancelled);
}

void tst_ProcessExecutor::missingProgramFailsTasks()
{
    Fixture f;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot start worker process")));
    ProcessExecutor executor(&f.recorder, f.cancel, 2, QStringLiteral("/nonexistent/looplab"));
    QSignalSpy done(&executor, &Executor::taskDone);
    const quint32 id = f.submit(executor, WorkKind::Io, 10);
    QVERIFY(spinUntil([&] { return done.count() == 1; }, 10000));
    QCOMPARE(f.recorder.span(id).state, SpanState::Failed);
    // Once every slot is known to be broken, tasks fail at once.
    const quint32 later = f.submit(executor, WorkKind::Io, 10);
    QCOMPARE(f.recorder.span(later).state, SpanState::Failed);
    QVERIFY(executor.shutdown(2000));
}

QTEST_GUILESS_MAIN(tst_ProcessExecutor)
#include "tst_processexecutor.moc"
