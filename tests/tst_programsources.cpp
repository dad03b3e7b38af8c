#include "engine/monotonicclock.h"
#include "run/session.h"
#include "stream/streamsource.h"
#include "timeline/timelineview.h"
#include "window/dashboard.h"
#include "window/longtasklog.h"
#include "window/programsources.h"
#include "window/statsstrip.h"
#include "windowfixture.h"

#include <QAction>
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLocalSocket>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The window as a viewer of other programs: it listens while it runs, each program that
// connects becomes a source beside the built-in experiment, and picking one shows its run.
class tst_ProgramSources : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void programAppearsAndShowsItsRun();
    void listenFailureLeavesTheWindowWorking();
    void recordAProgram();

private:
    QString socketPath() const { return m_dir.filePath(QStringLiteral("looplab.sock")); }
    QLabel *listening(MainWindow *window) const { return window->findChild<QLabel *>(QStringLiteral("listening")); }

    QTemporaryDir m_dir;
    MainWindow *m_window = nullptr;
    MainWindow *m_second = nullptr;
};

namespace {
const QString kCulprit = QStringLiteral("time.sleep ← fetch_report (app.py:12) ← handler (app.py:20)");
constexpr int kTicks = 25;

QByteArray line(const QString &json)
{
    return json.toUtf8() + '\n';
}

// A program's stream: hello, a named worker, ticks every 10 ms with one 300 ms late, the
// stall that made it late with its culprit, and a task span on the worker.
QByteArray programStream()
{
    const double base = double(MonotonicClock::nowNs()) / 1e3 - 1e6; // a second ago, µs
    QByteArray out;
    out += line(QStringLiteral("{\"ph\":\"M\",\"name\":\"looplab_hello\",\"pid\":4242,\"tid\":4242,\"ts\":%1,"
                               "\"args\":{\"protocol\":1,\"program\":\"app.py\",\"runtime\":\"python\","
                               "\"runtime_version\":\"3.11.2\",\"clock\":\"monotonic\",\"interval_ms\":10,\"loop_tid\":4242}}")
                    .arg(base, 0, 'f', 3));
    out += line(QStringLiteral("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":4242,\"tid\":4250,\"ts\":0,"
                               "\"args\":{\"name\":\"asyncio_0\"}}"));
    double ts = base;
    for (int i = 0; i < kTicks; ++i) {
        const bool late = i == 12;
        ts += late ? 300000 : 10000;
        out += line(QStringLiteral("{\"ph\":\"C\",\"cat\":\"looplab.tick\",\"name\":\"loop lag\",\"pid\":4242,"
                                   "\"tid\":4242,\"ts\":%1,\"args\":{\"lag_ms\":%2}}")
                        .arg(ts, 0, 'f', 3)
                        .arg(late ? 290.0 : 0.2));
        if (late) {
            out += line(QStringLiteral("{\"ph\":\"X\",\"cat\":\"looplab.stall\",\"name\":\"stall\",\"pid\":4242,"
                                       "\"tid\":4242,\"ts\":%1,\"dur\":290000,\"args\":{\"culprit\":\"%2\",\"task\":\"Task-3\"}}")
                            .arg(ts - 290000, 0, 'f', 3)
                            .arg(kCulprit));
        }
    }
    out += line(QStringLiteral("{\"ph\":\"X\",\"cat\":\"looplab.task\",\"name\":\"fetch_report\",\"pid\":4242,\"tid\":4250,"
                               "\"ts\":%1,\"dur\":100000,\"args\":{\"submit_us\":%2,\"kind\":\"executor\"}}")
                    .arg(base + 50000, 0, 'f', 3)
                    .arg(base + 40000, 0, 'f', 3));
    return out;
}
} // namespace

void tst_ProgramSources::initTestCase()
{
    QVERIFY(m_dir.isValid());
    qputenv("LOOPLAB_SOCKET", socketPath().toLocal8Bit());
    WindowFixture::isolateSettings("tst_programsources");
}

void tst_ProgramSources::cleanup()
{
    WindowFixture::closeWindow(m_second);
    WindowFixture::closeWindow(m_window);
}

void tst_ProgramSources::programAppearsAndShowsItsRun()
{
    m_window = WindowFixture::showWindow(QSize(1200, 800));
    QVERIFY(m_window);
    QVERIFY(m_window->programSources()->isListening());
    QVERIFY(listening(m_window)->text().contains(socketPath()));
    QVERIFY(listening(m_window)->toolTip().contains(QStringLiteral("looplab record")));
    QComboBox *chooser = m_window->sourceChooser();
    QCOMPARE(chooser->count(), 1);

    QLocalSocket program;
    program.connectToServer(socketPath());
    QVERIFY(program.waitForConnected(5000));
    program.write(programStream());
    QVERIFY(program.waitForBytesWritten(5000));
    QTRY_COMPARE(chooser->count(), 2);
    QTRY_COMPARE(chooser->itemText(1), QStringLiteral("app.py — python, pid 4242 (live)"));
    StreamSource *source = m_window->programSources()->sources().constFirst();

    // Picking it shows its run: its threads as lanes, its stall with the culprit, its figures.
    chooser->setCurrentIndex(1);
    emit chooser->activated(1);
    QCOMPARE(m_window->shownSource(), source);
    QVERIFY(!m_window->session()->isRunning());
    Dashboard *dashboard = m_window->dashboard();
    QTRY_VERIFY(dashboard->timeline()->laneNames().contains(QStringLiteral("app.py loop")));
    QVERIFY(dashboard->timeline()->laneNames().contains(QStringLiteral("asyncio_0")));
    LongTaskLog *log = dashboard->longTaskLog();
    QVERIFY(log->showsCulprits());
    QVERIFY(!log->isColumnHidden(LongTaskLog::CulpritColumn));
    QTRY_COMPARE(log->stallCount(), 1);
    QTRY_COMPARE(log->cellText(0, LongTaskLog::CulpritColumn), kCulprit);
    QCOMPARE(log->cellText(0, LongTaskLog::StallColumn), QStringLiteral("290 ms"));
    QTRY_COMPARE(dashboard->stats()->valueText(QStringLiteral("ticks")), QString::number(kTicks));
    QCOMPARE(dashboard->stats()->valueText(QStringLiteral("mode")), QStringLiteral("python"));

    // The program leaves: it is marked ended and its exact figures stay.
    program.disconnectFromServer();
    QTRY_COMPARE(chooser->itemText(1), QStringLiteral("app.py — python, pid 4242 (ended)"));
    QCOMPARE(dashboard->stats()->valueText(QStringLiteral("long")), QStringLiteral("1"));
    QCOMPARE(dashboard->stats()->valueText(QStringLiteral("ticks")), QString::number(kTicks));

    // Save run and Export trace write the program's run.
    const QString run = m_dir.filePath(QStringLiteral("program.looplab.json"));
    QVERIFY(m_window->saveRun(run));
    QVERIFY(QFileInfo(run).size() > 0);
    const QString trace = m_dir.filePath(QStringLiteral("program.trace.json"));
    QVERIFY(m_window->exportTrace(trace));
    QVERIFY(QFileInfo(trace).size() > 0);

    // A garbage client is cut off and listed so; the first source stays, and stays shown.
    QLocalSocket garbage;
    garbage.connectToServer(socketPath());
    QVERIFY(garbage.waitForConnected(5000));
    garbage.write("this is not JSON\n");
    QVERIFY(garbage.waitForBytesWritten(5000));
    QTRY_COMPARE(chooser->count(), 3);
    QVERIFY2(chooser->itemText(2).contains(QStringLiteral("cut off")), qPrintable(chooser->itemText(2)));
    QCOMPARE(chooser->itemText(1), QStringLiteral("app.py — python, pid 4242 (ended)"));
    QCOMPARE(m_window->shownSource(), source);
    QCOMPARE(chooser->currentIndex(), 1);

    // The built-in experiment can be picked again and runs as before.
    chooser->setCurrentIndex(0);
    emit chooser->activated(0);
    QCOMPARE(m_window->shownSource(), nullptr);
    QVERIFY(!log->showsCulprits());
    QVERIFY(log->isColumnHidden(LongTaskLog::CulpritColumn));
    QVERIFY(!dashboard->timeline()->laneNames().contains(QStringLiteral("asyncio_0")));
    m_window->startRun();
    QVERIFY(m_window->session()->isRunning());
    QTRY_VERIFY(m_window->session()->recorder()->tickCount() >= 5);
    m_window->stopRun();
    QVERIFY(dashboard->timeline()->laneNames().constFirst() != QStringLiteral("app.py loop"));

    // Start while a program is shown goes back to the built-in experiment.
    chooser->setCurrentIndex(1);
    emit chooser->activated(1);
    QCOMPARE(m_window->shownSource(), source);
    m_window->findChild<QAction *>(QStringLiteral("startStop"))->trigger();
    QCOMPARE(m_window->shownSource(), nullptr);
    QCOMPARE(chooser->currentIndex(), 0);
    QVERIFY(m_window->session()->isRunning());
    m_window->stopRun();

    // The saved program run reopens as it was: what ran, its stall and the culprit.
    QVERIFY(m_window->openRun(run));
    QVERIFY(log->showsCulprits());
    QTRY_COMPARE(log->stallCount(), 1);
    QCOMPARE(log->cellText(0, LongTaskLog::CulpritColumn), kCulprit);
    QCOMPARE(dashboard->stats()->valueText(QStringLiteral("mode")), QStringLiteral("python"));
    QVERIFY(dashboard->timeline()->laneNames().contains(QStringLiteral("asyncio_0")));
    QCOMPARE(m_window->session()->snapshot().program, QStringLiteral("app.py"));
    // A new run of the built-in experiment is Loop Lab's own again.
    m_window->startRun();
    QVERIFY(m_window->session()->isRunning());
    QVERIFY(!log->showsCulprits());
    QVERIFY(m_window->session()->snapshot().program.isEmpty());
    m_window->stopRun();
    QVERIFY(dashboard->stats()->valueText(QStringLiteral("mode")) != QStringLiteral("python"));
}

void tst_ProgramSources::listenFailureLeavesTheWindowWorking()
{
    m_window = WindowFixture::showWindow(QSize(1000, 700));
    QVERIFY(m_window);
    QVERIFY(m_window->programSources()->isListening());
    m_second = WindowFixture::showWindow(QSize(1000, 700));
    QVERIFY(m_second);
    QVERIFY(!m_second->programSources()->isListening());
    const QString text = listening(m_second)->text();
    QVERIFY2(text.startsWith(QStringLiteral("Not listening for programs: Another Loop Lab is already listening on ")),
             qPrintable(text));
    QVERIFY(text.contains(socketPath()));
    QVERIFY(!m_second->findChild<QAction *>(QStringLiteral("recordProgram"))->isEnabled());
    // No dialog, and the window runs its experiment as before.
    QCOMPARE(m_second->lastError(), QString());
    m_second->startRun();
    QVERIFY(m_second->session()->isRunning());
    QTRY_VERIFY(m_second->session()->recorder()->tickCount() >= 5);
    m_second->stopRun();
    // The first window still has the socket.
    QVERIFY(m_window->programSources()->isListening());
    QVERIFY(QFileInfo::exists(socketPath()));
}

void tst_ProgramSources::recordAProgram()
{
    if (QStandardPaths::findExecutable(QStringLiteral("python3")).isEmpty())
        QSKIP("python3 is not installed");
    m_window = WindowFixture::showWindow(QSize(1000, 700));
    QVERIFY(m_window);
    // The probe connects when the program's first event loop starts.
    QVERIFY(m_window->recordProgram(QStringLiteral("python3 -c \"import asyncio, time\n"
                                                   "async def main():\n"
                                                   "    await asyncio.sleep(0.3)\n"
                                                   "    time.sleep(0.2)\n"
                                                   "    await asyncio.sleep(0.3)\n"
                                                   "asyncio.run(main())\""),
                                    m_dir.path()));
    QComboBox *chooser = m_window->sourceChooser();
    QTRY_COMPARE_WITH_TIMEOUT(chooser->count(), 2, 15000);
    QVERIFY2(chooser->itemText(1).contains(QStringLiteral("python")), qPrintable(chooser->itemText(1)));
    StreamSource *source = m_window->programSources()->sources().constFirst();
    QTRY_VERIFY_WITH_TIMEOUT(!source->isConnected(), 15000);
    QCOMPARE(source->endReason(), QString());
    QVERIFY(source->recording().recorder()->tickCount() > 0);
    QCOMPARE(source->recording().stalls().size(), 1);

    // A command that cannot start says why.
    QVERIFY(!m_window->recordProgram(QStringLiteral("/nonexistent/program"), m_dir.path()));
    QVERIFY(m_window->lastError().contains(QStringLiteral("/nonexistent/program")));
}

QTEST_MAIN(tst_ProgramSources)
#include "tst_programsources.moc"
