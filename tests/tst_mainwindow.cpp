#include "dashboard.h"
#include "latencychart.h"
#include "mainwindow.h"
#include "recorder.h"
#include "session.h"
#include "statsstrip.h"
#include "timelineview.h"

#include <QAction>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

class tst_MainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void toggleChangesExecutorOfNextTask();
    void startStopClear();
    void blockingRunShowsInStats();
    void exportPngWritesImage_data();
    void exportPngWritesImage();
    void exportToUnwritablePathFails();
    void settingsRemembered();
    void everyModeHasAToggle();
    void lessonSetsModeAndStarts();
    void saveOpenRoundTrip();
    void openDamagedKeepsView();

private:
    QAction *action(const QString &name) const { return m_window->findChild<QAction *>(name); }
    static bool isFlat(const QImage &image);

    MainWindow *m_window = nullptr;
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("looplab-tests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
    QSettings().clear();
}

void tst_MainWindow::init()
{
    m_window = new MainWindow;
    m_window->resize(1200, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
}

void tst_MainWindow::cleanup()
{
    m_window->close();
    delete m_window;
    m_window = nullptr;
}

bool tst_MainWindow::isFlat(const QImage &image)
{
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 5)
        for (int x = 0; x < image.width(); x += 5)
            colours.insert(image.pixel(x, y));
    return colours.size() < 10;
}

void tst_MainWindow::toggleChangesExecutorOfNextTask()
{
    m_window->setMode(ExecMode::Pool);
    Session *session = m_window->session();
    QSignalSpy tasks(session, &Session::taskFinished);
    action(QStringLiteral("startStop"))->trigger();
    QVERIFY(session->isRunning());
    QTRY_VERIFY(tasks.count() >= 2);

    action(QStringLiteral("mode-inline"))->trigger();
    QCOMPARE(m_window->currentMode(), ExecMode::Inline);
    QCOMPARE(session->config().mode, ExecMode::Inline);
    const quint32 firstInline = session->recorder()->spanCount();
    QTRY_VERIFY(session->recorder()->spanCount() >= firstInline + 2);
    action(QStringLiteral("mode-pool"))->trigger();
    const quint32 firstPoolAgain = session->recorder()->spanCount();
    QTRY_VERIFY(session->recorder()->spanCount() >= firstPoolAgain + 1);
    action(QStringLiteral("startStop"))->trigger();
    QVERIFY(!session->isRunning());

    const auto recorder = session->recorder();
    for (quint32 id = 0; id < recorder->spanCount(); ++id) {
        const Span s = recorder->span(id);
        const bool inlineTask = id >= firstInline && id < firstPoolAgain;
        QCOMPARE(s.mode, inlineTask ? ExecMode::Inline : ExecMode::Pool);
        if (s.startNs)
            QCOMPARE(s.lane == 0, inlineTask); // inline tasks sit on the GUI-thread lane
    }
    // The switch is marked for both charts to draw.
    QCOMPARE(recorder->modeSwitches().size(), 3);
    QCOMPARE(m_window->dashboard()->timeline()->laneNames().constFirst(), QStringLiteral("GUI thread"));
}

void tst_MainWindow::startStopClear()
{
    QAction *startStop = action(QStringLiteral("startStop"));
    QAction *clear = action(QStringLiteral("clear"));
    QVERIFY(!clear->isEnabled());
    QCOMPARE(startStop->text(), QStringLiteral("Start"));
    QTest::keyClick(m_window, Qt::Key_Space);
    QVERIFY(m_window->session()->isRunning());
    QCOMPARE(startStop->text(), QStringLiteral("Stop"));
    QTRY_VERIFY(m_window->session()->recorder()->tickCount() > 10);
    QTRY_VERIFY(m_window->dashboard()->stats()->valueText(QStringLiteral("ticks")) != QStringLiteral("—"));
    QTest::keyClick(m_window, Qt::Key_Space);
    QVERIFY(!m_window->session()->isRunning());
    QCOMPARE(startStop->text(), QStringLiteral("Start"));
    QVERIFY(clear->isEnabled());
    QVERIFY(m_window->dashboard()->stats()->valueText(QStringLiteral("ticks")).toInt() > 10);

    clear->trigger();
    QVERIFY(!m_window->session()->recorder());
    QCOMPARE(m_window->dashboard()->stats()->valueText(QStringLiteral("p99")), QStringLiteral("—"));
    QVERIFY(m_window->dashboard()->timeline()->laneNames().isEmpty());
    QVERIFY(!clear->isEnabled());
}

void tst_MainWindow::blockingRunShowsInStats()
{
    m_window->setMode(ExecMode::Inline);
    m_window->startRun();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->summary().tasks >= 3, 10000);
    m_window->stopRun();
    const Summary s = m_window->session()->summary();
    QVERIFY2(s.maxMs >= 150, qPrintable(QString::number(s.maxMs)));
    QCOMPARE(m_window->dashboard()->stats()->valueText(QStringLiteral("long")), QString::number(s.longTasks));
    QCOMPARE(m_window->dashboard()->stats()->valueText(QStringLiteral("mode")), QStringLiteral("Blocking"));
}

void tst_MainWindow::exportPngWritesImage_data()
{
    QTest::addColumn<int>("target");
    QTest::addColumn<qreal>("scale");
    QTest::newRow("dashboard 1x") << int(ExportDialog::Target::Dashboard) << 1.0;
    QTest::newRow("dashboard 2x") << int(ExportDialog::Target::Dashboard) << 2.0;
    QTest::newRow("chart 1x") << int(ExportDialog::Target::LatencyChart) << 1.0;
    QTest::newRow("timeline 2x") << int(ExportDialog::Target::Timeline) << 2.0;
}

void tst_MainWindow::exportPngWritesImage()
{
    QFETCH(int, target);
    QFETCH(qreal, scale);
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    QTRY_VERIFY(m_window->session()->summary().tasks >= 2);
    m_window->stopRun();

    const QString path = m_dir.filePath(QStringLiteral("export-%1-%2.png").arg(target).arg(scale));
    QVERIFY(m_window->exportPng(ExportDialog::Target(target), scale, path));
    QWidget *widget = m_window->dashboard();
    if (target == int(ExportDialog::Target::LatencyChart))
        widget = m_window->dashboard()->latencyChart();
    else if (target == int(ExportDialog::Target::Timeline))
        widget = m_window->dashboard()->timeline();
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), widget->size() * scale);
    QVERIFY(!isFlat(image));
}

void tst_MainWindow::exportToUnwritablePathFails()
{
    const QString path = QStringLiteral("/nonexistent-folder/looplab.png");
    QVERIFY(!m_window->exportPng(ExportDialog::Target::Dashboard, 1.0, path));
    QVERIFY(!QFile::exists(path));
    QVERIFY(m_window->lastError().contains(QStringLiteral("nonexistent-folder")));
    auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("errorBox"));
    QVERIFY(box);
    QTRY_VERIFY(box->isVisible());
    QVERIFY(box->text().contains(QStringLiteral("not saved")));
    box->close();
}

void tst_MainWindow::settingsRemembered()
{
    m_window->setMode(ExecMode::Pool);
    m_window->close(); // writes the settings
    MainWindow second;
    QCOMPARE(second.currentMode(), ExecMode::Pool);
    second.setMode(ExecMode::Inline);
    second.close();
    MainWindow third;
    QCOMPARE(third.currentMode(), ExecMode::Inline);
}

void tst_MainWindow::everyModeHasAToggle()
{
    for (ExecMode mode : Kinds::allModes()) {
        QAction *toggle = action(QStringLiteral("mode-") + Kinds::name(mode));
        QVERIFY2(toggle, qPrintable(Kinds::name(mode)));
        QVERIFY(!toggle->shortcut().isEmpty());
        QVERIFY(!toggle->toolTip().isEmpty());
        toggle->trigger();
        QCOMPARE(m_window->currentMode(), mode);
        QCOMPARE(m_window->session()->config().mode, mode);
    }
}

void tst_MainWindow::lessonSetsModeAndStarts()
{
    QVERIFY(!m_window->applyLesson(QStringLiteral("no-such-lesson")));
    QVERIFY(m_window->applyLesson(QStringLiteral("bounded-pool")));
    QVERIFY(m_window->session()->isRunning());
    QCOMPARE(m_window->currentMode(), ExecMode::Pool);
    QCOMPARE(m_window->session()->config().workers, 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->summary().tasks >= 3, 10000);
    m_window->stopRun();
    QVERIFY(m_window->dashboard()->verdictText().contains(QStringLiteral("queued")));
}

void tst_MainWindow::saveOpenRoundTrip()
{
    m_window->setMode(ExecMode::Inline);
    m_window->startRun();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->summary().tasks >= 2, 10000);
    m_window->stopRun();
    const Summary before = m_window->session()->summary();
    const QString path = m_dir.filePath(QStringLiteral("window.looplab.json"));
    QVERIFY(m_window->saveRun(path));
    m_window->clearRun();
    QVERIFY(!m_window->session()->recorder());

    QVERIFY(m_window->openRun(path));
    const Summary after = m_window->session()->summary();
    QCOMPARE(after.ticks, before.ticks);
    QCOMPARE(after.p99Ms, before.p99Ms);
    QCOMPARE(after.maxMs, before.maxMs);
    QCOMPARE(after.tasks, before.tasks);
    QCOMPARE(after.verdict, before.verdict);
    QCOMPARE(m_window->dashboard()->verdictText(), before.verdict);
    QCOMPARE(m_window->dashboard()->timeline()->laneNames().constFirst(), QStringLiteral("GUI thread"));
    // ... and exports again.
    const QString png = m_dir.filePath(QStringLiteral("reopened.png"));
    QVERIFY(m_window->exportPng(ExportDialog::Target::Dashboard, 1.0, png));
    QVERIFY(!isFlat(QImage(png)));
    QVERIFY(m_window->exportTrace(m_dir.filePath(QStringLiteral("reopened.trace.json"))));
}

void tst_MainWindow::openDamagedKeepsView()
{
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    QTRY_VERIFY(m_window->session()->summary().tasks >= 2);
    m_window->stopRun();
    const auto recorder = m_window->session()->recorder();
    const QString verdict = m_window->dashboard()->verdictText();

    const QString path = m_dir.filePath(QStringLiteral("foreign.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{\"format\": \"something-else\"}");
    file.close();
    QVERIFY(!m_window->openRun(path));
    QVERIFY(m_window->lastError().contains(QStringLiteral("not a Loop Lab run file")));
    QCOMPARE(m_window->session()->recorder(), recorder); // the current run stays
    QCOMPARE(m_window->dashboard()->verdictText(), verdict);
    if (auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("errorBox")))
        box->close();
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
