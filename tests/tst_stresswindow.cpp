#include "window/dashboard.h"
#include "window/mainwindow.h"
#include "procfs.h"
#include "engine/recorder.h"
#include "formats/runfile.h"
#include "sanitized.h"
#include "run/session.h"
#include "windowfixture.h"

#include <QAction>
#include <QElapsedTimer>
#include <QImage>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QTimer>

// The window under abuse, offscreen: mode toggles and start/stop as fast as keys repeat,
// exports while the charts update, and closing with a huge backlog.
// Process mode is left out here: its worker would be this test binary (tst_stress covers it).
class tst_StressWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void thousandModeToggles();
    void twoHundredStartStopCycles();
    void exportsWhileRunning();
    void closeWithTenThousandQueuedSavesRun();

private:
    QAction *action(const QString &name) const { return m_window->findChild<QAction *>(name); }
    bool noneLeft() const { return ProcFs::threadCount() <= m_threadBaseline && ProcFs::childPids().isEmpty(); }
    void allFinished();

    MainWindow *m_window = nullptr;
    QTemporaryDir m_dir;
    int m_threadBaseline = 0;
};

void tst_StressWindow::initTestCase()
{
    WindowFixture::isolateSettings("tst_stresswindow");
    QFile::remove(MainWindow::autosavePath());
    // PNG export scales images on Qt's global pool; its idle threads would linger for 30 s
    // and look like threads the window forgot.
    QThreadPool::globalInstance()->setExpiryTimeout(0);
    // Warm up what Qt starts once per process (the global pool, the offscreen platform).
    init();
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    QTest::qWait(200);
    cleanup();
    QFile::remove(MainWindow::autosavePath());
    m_threadBaseline = ProcFs::threadCount();
}

void tst_StressWindow::init()
{
    m_window = WindowFixture::showWindow(QSize(1200, 800));
    QVERIFY(m_window);
}

void tst_StressWindow::cleanup()
{
    WindowFixture::closeWindow(m_window);
}

void tst_StressWindow::allFinished()
{
    for (const Span &span : m_window->session()->recorder()->spans())
        QVERIFY2(span.isFinished(), qPrintable(QStringLiteral("span %1: %2").arg(span.id).arg(Kinds::name(span.state))));
}

void tst_StressWindow::thousandModeToggles()
{
    QList<QAction *> toggles;
    for (ExecMode mode : Kinds::allModes()) {
        if (mode != ExecMode::Process)
            toggles << action(QStringLiteral("mode-") + Kinds::name(mode));
    }
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    m_window->session()->setIoMs(5);
    m_window->session()->setPeriodMs(2);
    // Toggles and Stop arrive as events, as key presses do: in nested mode the loop may not
    // return to this function until the run stops.
    int toggled = 0;
    QTimer toggler;
    toggler.setInterval(1);
    connect(&toggler, &QTimer::timeout, m_window, [&] {
        toggles.at(toggled++ % toggles.size())->trigger();
        if (toggled == 1000) {
            toggler.stop();
            m_window->stopRun();
        }
    });
    QSignalSpy finished(m_window->session(), &Session::finished);
    toggler.start();
    // Generous: every toggle repaints the charts (the bands are one item, but each is filled).
    QTRY_VERIFY2_WITH_TIMEOUT(finished.size() == 1, qPrintable(QStringLiteral("%1 toggles").arg(toggled)),
                              Sanitized::margin(240000));
    QVERIFY(m_window->session()->recorder()->modeSwitches().size() >= 1000);
    allFinished();
    // The stopped view shows the whole run, every band included.
    QVERIFY(!m_window->dashboard()->grab().isNull());
    QTRY_VERIFY_WITH_TIMEOUT(noneLeft(), Sanitized::margin(2000));
}

void tst_StressWindow::twoHundredStartStopCycles()
{
    QAction *startStop = action(QStringLiteral("startStop"));
    QSignalSpy finished(m_window->session(), &Session::finished);
    const QList<ExecMode> modes = Kinds::allModes();
    for (int i = 0; i < 200; ++i) {
        const ExecMode mode = modes.at(i % modes.size());
        m_window->setMode(mode == ExecMode::Process ? ExecMode::Pool : mode);
        startStop->trigger();
        QVERIFY(m_window->session()->isRunning());
        m_window->session()->setIoMs(5); // after start: the controls' values were taken at start
        m_window->session()->setPeriodMs(2);
        QTimer::singleShot(i % 3 == 0 ? 20 : 1, startStop, &QAction::trigger); // Space, pressed again
        QTRY_COMPARE_WITH_TIMEOUT(finished.size(), i + 1, Sanitized::margin(10000));
        QCOMPARE(startStop->text(), QStringLiteral("Start"));
        allFinished();
    }
    QTRY_VERIFY_WITH_TIMEOUT(noneLeft(), Sanitized::margin(2000));
}

void tst_StressWindow::exportsWhileRunning()
{
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    Session *session = m_window->session();
    session->setIoMs(20);
    session->setPeriodMs(5);
    const QString run = m_dir.filePath(QStringLiteral("running.looplab.json"));
    const QString trace = m_dir.filePath(QStringLiteral("running.trace.json"));
    int exported = 0;
    QElapsedTimer wall;
    wall.start();
    while (wall.elapsed() < 1500) {
        for (auto target : {ExportDialog::Target::Dashboard, ExportDialog::Target::LatencyChart, ExportDialog::Target::Timeline}) {
            const QString png = m_dir.filePath(QStringLiteral("running-%1.png").arg(exported++));
            QVERIFY2(m_window->exportPng(target, exported % 2 ? 1.0 : 2.0, png), qPrintable(m_window->lastError()));
            QVERIFY(!QImage(png).isNull());
            QTest::qWait(10);
        }
        // A run is saved or traced once it is over: refused while running, and no file.
        QVERIFY(!m_window->saveRun(run));
        QVERIFY(!m_window->exportTrace(trace));
        QVERIFY(!QFile::exists(run) && !QFile::exists(trace));
        m_window->setMode(exported % 2 ? ExecMode::Thread : ExecMode::Pool);
    }
    QVERIFY(session->isRunning());
    m_window->stopRun();
    QVERIFY(m_window->saveRun(run));
    QVERIFY(m_window->exportTrace(trace));
    allFinished();
    QVERIFY(exported >= 6);
}

void tst_StressWindow::closeWithTenThousandQueuedSavesRun()
{
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    Session *session = m_window->session();
    session->setWork(WorkKind::Cpu);
    session->setJsonKb(Sanitized::work(512)); // a parse cannot be interrupted: keep it short
    session->setPeriodMs(600000);
    session->submitBurst(10000);
    QTest::qWait(300); // CPU tasks running behind the backlog
    QVERIFY(ProcFs::threadCount() > m_threadBaseline);

    QElapsedTimer wall;
    wall.start();
    QVERIFY(m_window->close());
    QTRY_VERIFY_WITH_TIMEOUT(noneLeft(), Sanitized::margin(2000));
    QVERIFY2(wall.elapsed() < Sanitized::margin(2000), qPrintable(QStringLiteral("%1 ms").arg(wall.elapsed())));

    // What was measured is kept, and File > Open can read it.
    QFile file(MainWindow::autosavePath());
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    LoadedRun saved;
    QString error;
    QVERIFY2(RunFile::load(file.readAll(), &saved, &error), qPrintable(error));
    QVERIFY(saved.recorder->spanCount() >= 10000);
    QVERIFY(saved.recorder->tickCount() > 0);
    int cancelled = 0;
    for (const Span &span : saved.recorder->spans()) {
        QVERIFY(span.isFinished());
        cancelled += span.state == SpanState::Cancelled;
    }
    QVERIFY2(cancelled >= 9000, qPrintable(QString::number(cancelled)));
    QVERIFY(m_window->openRun(MainWindow::autosavePath()));
    QFile::remove(MainWindow::autosavePath());
}

QTEST_MAIN(tst_StressWindow)
#include "tst_stresswindow.moc"
