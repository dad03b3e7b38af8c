// The Qt probe in other programs, as a user meets it: `looplab record -- qtprobe_plain`
// injects it by LD_PRELOAD into a Widgets program that knows nothing of Loop Lab; the linked
// qtprobe_demo adds spans; Loop Lab absent or killed mid-run changes nothing for the
// program; a program without Qt runs as usual and record says why it heard nothing.
// Margins are generous: a loaded 2-core machine must not fail these.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

class tst_QtProbeInject : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void injectedStallCulpritAndLanes();
    void stacksSwitchedOff();
    void linkedSpansOnTheWorkerLane();
    void applicationRecreated();
    void noLoopLabListening();
    void loopLabKilledMidRun();
    void programWithoutQt();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
        qint64 elapsedMs = 0;
    };
    Result run(const QString &program, const QStringList &args, const QProcessEnvironment &env);
    Result record(const QStringList &args);
    Result record(const QStringList &args, const QProcessEnvironment &env);
    QJsonObject readJson(const QString &path);
    QProcessEnvironment environment() const;

    QTemporaryDir m_dir;
    QString m_looplab;
};

void tst_QtProbeInject::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_looplab = qEnvironmentVariable("LOOPLAB_BINARY");
    QVERIFY2(!m_looplab.isEmpty(), "ctest sets LOOPLAB_BINARY");
}

QProcessEnvironment tst_QtProbeInject::environment() const
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    // Never the user's Loop Lab: the default socket lies in the test's folder.
    env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_dir.path());
    env.remove(QStringLiteral("LOOPLAB_SOCKET"));
    // An AddressSanitizer build preloads an instrumented probe before libasan.
    const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
    env.insert(QStringLiteral("ASAN_OPTIONS"), (asan.isEmpty() ? QString() : asan + QLatin1Char(':'))
                                                   + QStringLiteral("verify_asan_link_order=0"));
    return env;
}

tst_QtProbeInject::Result tst_QtProbeInject::run(const QString &program, const QStringList &args, const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    QElapsedTimer wall;
    wall.start();
    p.start(program, args);
    Result r;
    if (!p.waitForStarted(30000) || !p.waitForFinished(120000)) {
        p.kill();
        p.waitForFinished();
        r.err = "did not run or did not finish: " + p.errorString().toUtf8();
        return r;
    }
    r.elapsedMs = wall.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

tst_QtProbeInject::Result tst_QtProbeInject::record(const QStringList &args)
{
    return record(args, environment());
}

tst_QtProbeInject::Result tst_QtProbeInject::record(const QStringList &args, const QProcessEnvironment &env)
{
    return run(m_looplab, QStringList{QStringLiteral("record")} + args, env);
}

QJsonObject tst_QtProbeInject::readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

namespace {
QString culprits(const QJsonArray &stalls)
{
    QStringList out;
    for (const QJsonValue &s : stalls)
        out << QStringLiteral("%1 ms: %2").arg(s.toObject().value(QStringLiteral("duration_ms")).toDouble())
                   .arg(s.toObject().value(QStringLiteral("culprit")).toString());
    return out.join(QStringLiteral("; "));
}

QJsonObject stallWith(const QJsonArray &stalls, const QString &text)
{
    for (const QJsonValue &s : stalls) {
        if (s.toObject().value(QStringLiteral("culprit")).toString().contains(text))
            return s.toObject();
    }
    return {};
}

// Spans on the lane named `lane` in a saved run ([id, kind, mode, state, lane, ...]).
int spansOnLane(const QJsonObject &run, const QString &lane)
{
    const int index = int(run.value(QStringLiteral("lanes")).toArray().toVariantList().indexOf(lane));
    if (index < 0)
        return -1;
    int n = 0;
    for (const QJsonValue &span : run.value(QStringLiteral("spans")).toArray())
        n += span.toArray().at(4).toInt() == index;
    return n;
}
} // namespace

void tst_QtProbeInject::injectedStallCulpritAndLanes()
{
    const QString json = m_dir.filePath(QStringLiteral("plain.json"));
    const QString saved = m_dir.filePath(QStringLiteral("plain.looplab.json"));
    const Result r = record({QStringLiteral("--duration"), QStringLiteral("20"), QStringLiteral("--summary-json"), json,
                             QStringLiteral("--save-run"), saved, QStringLiteral("--"), QStringLiteral(QTPROBE_PLAIN),
                             QStringLiteral("--count-signal-handlers")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("Loop Lab record: qtprobe_plain (qt, pid "), r.out.constData());
    const QJsonObject summary = readJson(json);
    QCOMPARE(summary.value(QStringLiteral("source")).toObject().value(QStringLiteral("runtime")).toString(), QStringLiteral("qt"));
    QVERIFY(summary.value(QStringLiteral("ticks")).toInt() > 20);
    const QJsonArray stalls = summary.value(QStringLiteral("stalls")).toArray();
    // The click: the handler sleeps 200 ms inside the button's mouse release.
    const QJsonObject click = stallWith(stalls, QStringLiteral("QPushButton \"loadButton\""));
    QVERIFY2(!click.isEmpty(), qPrintable(culprits(stalls)));
    const QString culprit = click.value(QStringLiteral("culprit")).toString();
    QVERIFY2(culprit.startsWith(QStringLiteral("QMouseEvent (MouseButtonRelease) \u2192 QPushButton \"loadButton\"")),
             qPrintable(culprit));
    // The stack sampled mid-stall names the handler's function (the program has -rdynamic).
    QVERIFY2(culprit.contains(QStringLiteral(" \u00b7 in ")) && culprit.contains(QStringLiteral("Demo::load")), qPrintable(culprit));
    const double ms = click.value(QStringLiteral("duration_ms")).toDouble();
    QVERIFY2(ms >= 150 && ms <= 2000, qPrintable(culprits(stalls)));
    // 150 ms asleep before app.exec(): before the first tick.
    const QJsonObject before = stallWith(stalls, QStringLiteral("before the event loop first ran"));
    QVERIFY2(!before.isEmpty(), qPrintable(culprits(stalls)));
    QVERIFY2(before.value(QStringLiteral("duration_ms")).toDouble() >= 100, qPrintable(culprits(stalls)));
    QVERIFY2(r.out.contains("QMouseEvent (MouseButtonRelease)"), r.out.constData());
    QVERIFY2(r.out.contains("real-time signal handlers: 1\n"), r.out.constData()); // the probe's
    // The worker QThread is a lane by its objectName, though it sends no spans.
    const QJsonObject run = readJson(saved);
    QVERIFY2(run.value(QStringLiteral("lanes")).toArray().contains(QStringLiteral("worker")),
             QJsonDocument(run.value(QStringLiteral("lanes")).toArray()).toJson(QJsonDocument::Compact).constData());
}

void tst_QtProbeInject::stacksSwitchedOff()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("LOOPLAB_QT_STACKS"), QStringLiteral("0"));
    const QString json = m_dir.filePath(QStringLiteral("nostacks.json"));
    const Result r = record({QStringLiteral("--summary-json"), json, QStringLiteral("--"), QStringLiteral(QTPROBE_PLAIN)}, env);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonArray stalls = readJson(json).value(QStringLiteral("stalls")).toArray();
    const QJsonObject click = stallWith(stalls, QStringLiteral("QPushButton \"loadButton\""));
    QVERIFY2(!click.isEmpty(), qPrintable(culprits(stalls)));
    // No signal, no stack: the culprit is the delivery alone.
    QCOMPARE(click.value(QStringLiteral("culprit")).toString(),
             QStringLiteral("QMouseEvent (MouseButtonRelease) \u2192 QPushButton \"loadButton\""));
    for (const QJsonValue &s : stalls)
        QVERIFY2(!s.toObject().value(QStringLiteral("culprit")).toString().contains(QStringLiteral(" \u00b7 in ")), qPrintable(culprits(stalls)));
}

void tst_QtProbeInject::linkedSpansOnTheWorkerLane()
{
    const QString json = m_dir.filePath(QStringLiteral("demo.json"));
    const QString saved = m_dir.filePath(QStringLiteral("demo.looplab.json"));
    const Result r = record({QStringLiteral("--summary-json"), json, QStringLiteral("--save-run"), saved, QStringLiteral("--"),
                             QStringLiteral(QTPROBE_DEMO), QStringLiteral("--no-click")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject summary = readJson(json);
    // Linked and preloaded both: one probe, one connection.
    QCOMPARE(summary.value(QStringLiteral("source")).toObject().value(QStringLiteral("runtime")).toString(), QStringLiteral("qt"));
    QVERIFY(summary.value(QStringLiteral("stalls")).toArray().size() <= 1); // only the one before the loop
    const int spans = spansOnLane(readJson(saved), QStringLiteral("worker"));
    // About 45 "crunch" spans of 30 ms in 1.5 s; a loaded machine gets fewer.
    QVERIFY2(spans >= 5, qPrintable(QString::number(spans)));
    QVERIFY2(summary.value(QStringLiteral("tasks")).toInt() >= 5, qPrintable(QString::number(summary.value(QStringLiteral("tasks")).toInt())));
}

void tst_QtProbeInject::applicationRecreated()
{
    const QString json = m_dir.filePath(QStringLiteral("recreate.json"));
    const Result r = record({QStringLiteral("--summary-json"), json, QStringLiteral("--"), QStringLiteral(QTPROBE_PLAIN),
                             QStringLiteral("--recreate")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // Two applications of 300 ms each, one connection: ticks from both.
    QVERIFY2(readJson(json).value(QStringLiteral("ticks")).toInt() > 30, r.out.constData());
}

void tst_QtProbeInject::noLoopLabListening()
{
    QProcessEnvironment plain = environment();
    const Result alone = run(QStringLiteral(QTPROBE_PLAIN), {QStringLiteral("--run-ms"), QStringLiteral("600")}, plain);
    QVERIFY2(alone.exitCode == 0, alone.err.constData());

    QProcessEnvironment preloaded = plain;
    preloaded.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral(LOOPLAB_QT_PROBE_FILE));
    preloaded.insert(QStringLiteral("LOOPLAB_SOCKET"), m_dir.filePath(QStringLiteral("nobody-listens.sock")));
    const Result probed = run(QStringLiteral(QTPROBE_PLAIN),
                              {QStringLiteral("--run-ms"), QStringLiteral("600"), QStringLiteral("--count-signal-handlers")}, preloaded);
    QVERIFY2(probed.exitCode == 0, probed.err.constData());
    QVERIFY2(probed.err.isEmpty(), probed.err.constData()); // a guest says nothing
    // Its two stalls (before the loop, the click) took no stack: no one would have seen it.
    QVERIFY2(probed.out.contains("real-time signal handlers: 0\n"), probed.out.constData());
    QVERIFY2(probed.elapsedMs < alone.elapsedMs + 2000, qPrintable(QStringLiteral("%1 ms against %2 ms").arg(probed.elapsedMs).arg(alone.elapsedMs)));

    // Linked, without LOOPLAB_SOCKET: the default path (in the test's XDG_RUNTIME_DIR) has no Loop Lab.
    const Result linked = run(QStringLiteral(QTPROBE_DEMO), {QStringLiteral("--run-ms"), QStringLiteral("600")}, plain);
    QVERIFY2(linked.exitCode == 0, linked.err.constData());
    QVERIFY2(linked.elapsedMs < alone.elapsedMs + 2000, qPrintable(QStringLiteral("%1 ms against %2 ms").arg(linked.elapsedMs).arg(alone.elapsedMs)));
}

void tst_QtProbeInject::loopLabKilledMidRun()
{
    QProcessEnvironment env = environment();
    env.insert(QStringLiteral("LOOPLAB_SOCKET"), m_dir.filePath(QStringLiteral("killed.sock")));
    const auto startListen = [&](QProcess *listen) {
        listen->setProcessEnvironment(env);
        listen->setProcessChannelMode(QProcess::MergedChannels);
        listen->start(m_looplab, {QStringLiteral("listen")});
        return listen->waitForStarted(30000);
    };
    QProcess listen;
    QVERIFY(startListen(&listen));
    QByteArray said;
    QTRY_VERIFY_WITH_TIMEOUT((said += listen.readAll()).contains("listening at"), 30000);

    QProcess program;
    program.setProcessEnvironment(env);
    program.start(QStringLiteral(QTPROBE_DEMO), {QStringLiteral("--no-click"), QStringLiteral("--run-ms"), QStringLiteral("6000")});
    QVERIFY(program.waitForStarted(30000));
    QTRY_VERIFY_WITH_TIMEOUT((said += listen.readAll()).contains("connected"), 30000);
    ::kill(pid_t(listen.processId()), SIGKILL);
    QVERIFY(listen.waitForFinished(10000));

    // Loop Lab comes back: the probe connects again with a new hello (it retries every second).
    QProcess again;
    QVERIFY(startListen(&again));
    QByteArray saidAgain;
    QTRY_VERIFY_WITH_TIMEOUT((saidAgain += again.readAll()).contains("qtprobe_demo connected"), 30000);
    QVERIFY2(program.waitForFinished(60000), "the program did not end");
    QCOMPARE(program.exitStatus(), QProcess::NormalExit);
    QCOMPARE(program.exitCode(), 0);
    ::kill(pid_t(again.processId()), SIGINT);
    QVERIFY(again.waitForFinished(30000));
    saidAgain += again.readAll();
    QVERIFY2(saidAgain.contains("Loop Lab record: qtprobe_demo (qt, pid"), saidAgain.constData());
}

void tst_QtProbeInject::programWithoutQt()
{
    const Result r = record({QStringLiteral("--"), QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("echo hi")});
    QVERIFY2(r.exitCode != 0, r.err.constData());
    QVERIFY2(r.out.contains("hi"), r.out.constData());
    QVERIFY2(r.err.contains("/bin/sh sent nothing"), r.err.constData());
    QVERIFY2(r.err.contains("Python asyncio programs") && r.err.contains("dynamically linked Qt 6 programs"), r.err.constData());
    QVERIFY2(r.err.contains("The program still ran"), r.err.constData());
}

QTEST_GUILESS_MAIN(tst_QtProbeInject)
#include "tst_qtprobeinject.moc"
