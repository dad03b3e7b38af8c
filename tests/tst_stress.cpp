#include "procfs.h"
#include "engine/recorder.h"
#include "sanitized.h"
#include "run/session.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QTest>

// The session under abuse: many mode switches, many start/stop cycles, and Stop with a
// huge backlog. Each must end with every span finished and no thread or child left.
// Core only, so it also runs under ThreadSanitizer (ctest -L core).
class tst_Stress : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void thousandModeToggles();
    void twoHundredStartStopCycles();
    void stopWithTenThousandQueued_data();
    void stopWithTenThousandQueued();
    void sigtermWithBacklog_data();
    void sigtermWithBacklog();

private:
    static RunConfig config(ExecMode mode, WorkKind work);
    static bool noneLeft(int threadBaseline);
    static bool allFinished(const Session &session, QString *what);

    int m_threadBaseline = 0;
};

RunConfig tst_Stress::config(ExecMode mode, WorkKind work)
{
    RunConfig c;
    c.mode = mode;
    c.work = work;
    c.durationS = 0; // until stopped
    c.ioMs = 5;
    c.periodMs = 2;
    c.jsonKb = Sanitized::work(512);
    c.workers = 2;
    c.itemUs = 200;
    c.workerProgram = qEnvironmentVariable("LOOPLAB_BINARY");
    return c;
}

bool tst_Stress::noneLeft(int threadBaseline)
{
    return ProcFs::threadCount() <= threadBaseline && ProcFs::childPids().isEmpty();
}

bool tst_Stress::allFinished(const Session &session, QString *what)
{
    for (const Span &span : session.recorder()->spans()) {
        if (!span.isFinished()) {
            *what = QStringLiteral("span %1 (%2) is %3").arg(span.id).arg(Kinds::name(span.mode), Kinds::name(span.state));
            return false;
        }
    }
    return true;
}

void tst_Stress::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("LOOPLAB_BINARY")), "LOOPLAB_BINARY must point at the looplab executable");
    // Warm up whatever Qt starts once per process (the global pool, the process reaper).
    Session warmUp;
    warmUp.setConfig(config(ExecMode::Process, WorkKind::Io));
    QVERIFY(warmUp.start());
    QTest::qWait(100);
    warmUp.stop();
    QTRY_VERIFY(ProcFs::childPids().isEmpty());
    m_threadBaseline = ProcFs::threadCount();
}

void tst_Stress::thousandModeToggles()
{
    Session session;
    session.setConfig(config(ExecMode::Pool, WorkKind::Io));
    QVERIFY(session.start());
    // Toggles and Stop arrive as events, as a user's keys do: in nested mode the loop may
    // not return to this function until the run stops.
    const QList<ExecMode> modes = Kinds::allModes();
    int toggles = 0;
    QTimer toggler;
    toggler.setInterval(1);
    connect(&toggler, &QTimer::timeout, &session, [&] {
        session.setMode(modes.at(toggles++ % modes.size()));
        if (toggles == 1000) {
            toggler.stop();
            session.stop();
        }
    });
    QSignalSpy finished(&session, &Session::finished);
    toggler.start();
    QVERIFY(finished.wait(Sanitized::margin(60000)));
    QCOMPARE(toggles, 1000);
    QVERIFY(session.recorder()->modeSwitches().size() >= 1000);
    QVERIFY(session.recorder()->spanCount() > 0);
    QString what;
    QVERIFY2(allFinished(session, &what), qPrintable(what));
    QTRY_VERIFY_WITH_TIMEOUT(noneLeft(m_threadBaseline), Sanitized::margin(2000));
}

void tst_Stress::twoHundredStartStopCycles()
{
    Session session;
    QSignalSpy started(&session, &Session::started);
    QSignalSpy finished(&session, &Session::finished);
    const QList<ExecMode> modes = Kinds::allModes();
    for (int i = 0; i < 200; ++i) {
        const ExecMode mode = modes.at(i % modes.size());
        session.setConfig(config(mode, i % 2 ? WorkKind::Cpu : WorkKind::Io));
        QString error;
        QVERIFY2(session.start(&error), qPrintable(error));
        // Some stop before the first task, some mid-task; Stop arrives as an event.
        QTimer::singleShot(i % 3 == 0 ? 20 : 1, &session, &Session::stop);
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, Sanitized::margin(10000));
        QString what;
        QVERIFY2(allFinished(session, &what), qPrintable(Kinds::name(mode) + QLatin1Char(' ') + what));
    }
    QCOMPARE(started.size(), 200);
    QTRY_VERIFY_WITH_TIMEOUT(noneLeft(m_threadBaseline), Sanitized::margin(2000));
}

void tst_Stress::stopWithTenThousandQueued_data()
{
    QTest::addColumn<int>("mode");
    for (ExecMode mode : {ExecMode::Pool, ExecMode::Thread, ExecMode::Process, ExecMode::Gil})
        QTest::newRow(qPrintable(Kinds::name(mode))) << int(mode);
}

void tst_Stress::stopWithTenThousandQueued()
{
    QFETCH(int, mode);
    RunConfig c = config(ExecMode(mode), WorkKind::Cpu);
    // Parses of a few ms, still running at Stop. A parse cannot be interrupted, and on a
    // loaded machine a nice-10 worker gets a sliver of the CPU, so larger documents would
    // measure the machine's load rather than the shutdown.
    c.periodMs = 600000; // only the burst
    Session session;
    session.setConfig(c);
    QVERIFY(session.start());
    session.submitBurst(10000);
    QTest::qWait(300); // CPU tasks running (worker processes started) behind the backlog
    QElapsedTimer wall;
    wall.start();
    session.stop();
    QTRY_VERIFY_WITH_TIMEOUT(noneLeft(m_threadBaseline), Sanitized::margin(2000));
    QVERIFY2(wall.elapsed() < Sanitized::margin(2000), qPrintable(QStringLiteral("%1 ms").arg(wall.elapsed())));
    QCOMPARE(session.recorder()->spanCount(), 10000u);
    QString what;
    QVERIFY2(allFinished(session, &what), qPrintable(what));
    QVERIFY(session.summary().cancelled >= 9000);
}

void tst_Stress::sigtermWithBacklog_data()
{
    QTest::addColumn<QString>("mode");
    QTest::newRow("pool") << QStringLiteral("pool");
    QTest::newRow("process") << QStringLiteral("process");
}

void tst_Stress::sigtermWithBacklog()
{
    // The command line has no burst: one task per millisecond on one busy worker builds
    // the backlog, about 10,000 queued tasks after 10 s.
    QFETCH(QString, mode);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("partial.json"));
    QProcess looplab;
    looplab.start(qEnvironmentVariable("LOOPLAB_BINARY"),
                  {QStringLiteral("run"), QStringLiteral("--mode"), mode, QStringLiteral("--work"), QStringLiteral("cpu"),
                   QStringLiteral("--json-kb"), QString::number(Sanitized::work(512)), QStringLiteral("--workers"),
                   QStringLiteral("1"), QStringLiteral("--period"), QStringLiteral("1"), QStringLiteral("--duration"),
                   QStringLiteral("600"), QStringLiteral("--summary-json"), path});
    QVERIFY(looplab.waitForStarted());
    QTest::qWait(Sanitized::kActive ? 20000 : 10000); // each submission costs more there
    const QList<int> children = ProcFs::childPids(int(looplab.processId()));
    if (mode == QLatin1String("process"))
        QVERIFY(!children.isEmpty());
    QElapsedTimer wall;
    wall.start();
    looplab.terminate(); // SIGTERM
    QVERIFY(looplab.waitForFinished(Sanitized::margin(5000)));
    QVERIFY2(wall.elapsed() < Sanitized::margin(2000), qPrintable(QStringLiteral("%1 ms").arg(wall.elapsed())));
    QCOMPARE(looplab.exitStatus(), QProcess::NormalExit);
    QCOMPARE(looplab.exitCode(), 0);
    for (int pid : children)
        QTRY_VERIFY_WITH_TIMEOUT(!ProcFs::exists(pid), 2000);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
    const int cancelled = summary.value(QStringLiteral("tasks_cancelled")).toInt();
    QVERIFY2(cancelled >= 5000, qPrintable(QString::number(cancelled))); // a loaded machine's timer may lag
    QVERIFY(summary.value(QStringLiteral("ticks")).toInt() > 100);
}

QTEST_GUILESS_MAIN(tst_Stress)
#include "tst_stress.moc"
