#include "window/dashboard.h"
#include "charts/laghistogramchart.h"
#include "charts/latencychart.h"
#include "window/lessonspanel.h"
#include "window/mainwindow.h"
#include "engine/recorder.h"
#include "export/pngexporter.h"
#include "window/recentruns.h"
#include "run/session.h"
#include "stats/statistics.h"
#include "window/statsstrip.h"
#include "timeline/timelineview.h"
#include "windowfixture.h"

#include <QAction>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QSettings>
#include <QScrollBar>
#include <QScrollArea>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSplitterHandle>
#include <QTabBar>
#include <QTabWidget>
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
    void lessonsPanelAgreesWithTheRestoredMode();
    void everyModeHasAToggle();
    void lessonSetsModeAndStarts();
    void lessonLanesFitTheTimeline();
    void saveOpenRoundTrip();
    void openDamagedKeepsView();
    void recentRunsAndTitleFollowTheFile();
    void runClosedMidwayIsOfferedBack();
    void spaceStartsAndStopsFromASpinBox();
    void timelineKeysInTheViewMenu();
    void drawMeterCountsTicksDueWhileDrawing();
    void cancelledTasksAreNamed();
    void smallScreenKeepsEveryFigure();
    void everyFigureAgrees();
    void histogramFollowsTheRunOnceASecond();
    void exportLeavesOutControls();

private:
    QAction *action(const QString &name) const { return m_window->findChild<QAction *>(name); }
    static bool isFlat(const QImage &image);

    MainWindow *m_window = nullptr;
    QTemporaryDir m_dir;
};

void tst_MainWindow::initTestCase()
{
    WindowFixture::isolateSettings("tst_mainwindow");
}

void tst_MainWindow::init()
{
    m_window = WindowFixture::showWindow(QSize(1200, 800));
    QVERIFY(m_window);
}

void tst_MainWindow::cleanup()
{
    WindowFixture::closeWindow(m_window);
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

void tst_MainWindow::lessonsPanelAgreesWithTheRestoredMode()
{
    const auto panelLesson = [](const MainWindow &w) { return w.findChild<LessonsPanel *>()->currentLesson(); };
    // A first start with Offload restored opens the card on Offload, not on lesson 1.
    QSettings().clear();
    QSettings().setValue(QStringLiteral("run/mode"), QStringLiteral("pool"));
    {
        MainWindow first;
        QCOMPARE(panelLesson(first), QStringLiteral("pool"));
        first.findChild<LessonsPanel *>()->selectLesson(QStringLiteral("mutex"));
        first.close();
    }
    // Afterwards the lesson last looked at comes back, whatever the mode.
    MainWindow second;
    QCOMPARE(panelLesson(second), QStringLiteral("mutex"));
    QCOMPARE(second.currentMode(), ExecMode::Pool);
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

// The pool lesson's run has more lanes than the default timeline shows: the timeline makes
// room for all of them (from the chart) instead of hiding the last behind its scroll bar.
void tst_MainWindow::lessonLanesFitTheTimeline()
{
    m_window->resize(1200, 900);
    QTRY_COMPARE(m_window->dashboard()->height() > 700, true); // laid out at the new size
    QTest::qWait(50);
    TimelineView *timeline = m_window->dashboard()->timeline();
    const int chartBefore = m_window->dashboard()->latencyChart()->height();
    const int before = timeline->height();
    QVERIFY(m_window->applyLesson(QStringLiteral("pool")));
    QCOMPARE(m_window->session()->config().workers, 4);
    // The GUI thread and the pool threads the run needed (two or three of the four: a pool
    // starts a thread only when every started one is busy).
    QTRY_VERIFY_WITH_TIMEOUT(timeline->laneNames().size() >= 3, 10000);
    QTRY_VERIFY2_WITH_TIMEOUT(before < timeline->preferredHeight(), "the window is tall enough for every lane", 10000);
    QTRY_VERIFY2(timeline->height() >= timeline->preferredHeight(),
                 qPrintable(QStringLiteral("timeline %1 px, wants %2").arg(timeline->height()).arg(timeline->preferredHeight())));
    QVERIFY(timeline->height() > before);
    QVERIFY(m_window->dashboard()->latencyChart()->height() < chartBefore); // the room came from the chart
    m_window->stopRun();
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
    // A sentence of its own, and what to do instead.
    QVERIFY2(m_window->lastError().contains(QStringLiteral("\n\nNot a Loop Lab run file.\n\n")), qPrintable(m_window->lastError()));
    QVERIFY(m_window->lastError().contains(QStringLiteral("Open a run that Loop Lab saved")));
    QCOMPARE(m_window->session()->recorder(), recorder); // the current run stays
    QCOMPARE(m_window->dashboard()->verdictText(), verdict);
    if (auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("errorBox")))
        box->close();
}

void tst_MainWindow::recentRunsAndTitleFollowTheFile()
{
    m_window->recentRuns()->clear(); // earlier tests saved runs too
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Loop Lab"));
    m_window->startRun();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->recorder() && m_window->session()->summary().ticks >= 5, 10000);
    m_window->stopRun();
    QDir(m_dir.path()).mkpath(QStringLiteral("runs"));
    const QString first = m_dir.filePath(QStringLiteral("runs/first.looplab.json"));
    const QString second = m_dir.filePath(QStringLiteral("runs/second.looplab.json"));
    QVERIFY(m_window->saveRun(first));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("first.looplab.json — Loop Lab"));
    QVERIFY(m_window->saveRun(second));
    QCOMPARE(m_window->runFolder(), m_dir.filePath(QStringLiteral("runs")));
    QCOMPARE(m_window->recentRuns()->paths(), (QStringList{second, first}));
    m_window->clearRun();
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Loop Lab"));

    // Opened from the menu, newest first; the opened one moves to the top.
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("recentRunsMenu"));
    QVERIFY(menu);
    QMetaObject::invokeMethod(menu, "aboutToShow");
    QList<QAction *> entries;
    for (QAction *a : menu->actions()) {
        if (a->objectName() == QLatin1String("recentRun"))
            entries << a;
    }
    QCOMPARE(entries.size(), 2);
    QCOMPARE(entries.at(1)->data().toString(), first);
    entries.at(1)->trigger();
    QVERIFY(m_window->session()->recorder());
    QCOMPARE(m_window->windowTitle(), QStringLiteral("first.looplab.json — Loop Lab"));
    QCOMPARE(m_window->recentRuns()->paths().constFirst(), first);

    // A file that has gone leaves the list instead of failing again next time.
    QVERIFY(QFile::remove(second));
    QVERIFY(!m_window->openRun(second));
    QCOMPARE(m_window->recentRuns()->paths(), QStringList{first});
    if (auto *box = m_window->findChild<QMessageBox *>(QStringLiteral("errorBox")))
        box->close();
    // Remembered across a restart.
    m_window->close();
    MainWindow again;
    QCOMPARE(again.recentRuns()->paths(), QStringList{first});
    QCOMPARE(again.runFolder(), m_dir.filePath(QStringLiteral("runs")));
}

void tst_MainWindow::runClosedMidwayIsOfferedBack()
{
    QFile::remove(MainWindow::autosavePath());
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->summary().ticks >= 5, 10000);
    m_window->close(); // mid-run: the run is kept
    QVERIFY(QFileInfo(MainWindow::autosavePath()).isFile());

    MainWindow next;
    next.show();
    QVERIFY(QTest::qWaitForWindowExposed(&next));
    auto *bar = next.findChild<QWidget *>(QStringLiteral("recoveryBar"));
    QVERIFY(bar);
    QVERIFY(bar->isVisible());
    QCOMPARE(next.recentRuns()->paths().constFirst(), MainWindow::autosavePath());
    auto *open = bar->findChild<QPushButton *>(QStringLiteral("recoveryOpen"));
    QVERIFY(open);
    QTest::mouseClick(open, Qt::LeftButton);
    QVERIFY(!bar->isVisible());
    QVERIFY(next.session()->recorder());
    QCOMPARE(next.session()->config().mode, ExecMode::Pool);
    QVERIFY(next.session()->summary().ticks >= 5);
    next.close();

    // Offered once: opened (or dismissed), it is not offered again.
    MainWindow third;
    third.show();
    QVERIFY(QTest::qWaitForWindowExposed(&third));
    QVERIFY(!third.findChild<QWidget *>(QStringLiteral("recoveryBar"))->isVisible());
}

void tst_MainWindow::spaceStartsAndStopsFromASpinBox()
{
    auto *period = m_window->findChild<QSpinBox *>(QStringLiteral("periodMs"));
    QVERIFY(period);
    m_window->activateWindow();
    period->setFocus();
    QTRY_VERIFY(period->hasFocus());
    const int value = period->value();
    QTest::keyClick(period, Qt::Key_Space);
    QVERIFY(m_window->session()->isRunning());
    QTest::keyClick(period, Qt::Key_Space);
    QVERIFY(!m_window->session()->isRunning());
    QCOMPARE(period->value(), value);
    QVERIFY(period->text().indexOf(QLatin1Char(' ')) < 0 || period->text() == QString::number(value) + period->suffix());
}

void tst_MainWindow::timelineKeysInTheViewMenu()
{
    auto *view = m_window->findChild<QMenu *>(QStringLiteral("viewMenu"));
    QVERIFY(view);
    const QList<QAction *> inMenu = view->actions();
    const struct
    {
        const char *name;
        Qt::Key key;
    } keys[] = {{"zoomIn", Qt::Key_Plus}, {"zoomOut", Qt::Key_Minus}, {"panLeft", Qt::Key_Left},
                {"panRight", Qt::Key_Right}, {"showAll", Qt::Key_0}};
    for (const auto &k : keys) {
        QAction *a = action(QLatin1String(k.name));
        QVERIFY2(a, k.name);
        QVERIFY2(inMenu.contains(a), k.name);
        QCOMPARE(a->shortcut(), QKeySequence(k.key));
        QVERIFY(!a->statusTip().isEmpty());
        QVERIFY2(a->statusTip().contains(QStringLiteral("(%1)").arg(a->shortcut().toString(QKeySequence::NativeText))),
                 qPrintable(a->statusTip()));
        QCOMPARE(a->shortcutContext(), Qt::WidgetWithChildrenShortcut);
    }
    QVERIFY(action(QStringLiteral("zoomIn"))->shortcuts().contains(QKeySequence(Qt::Key_Equal)));

    // A run of 20 s to zoom in.
    auto recorder = std::make_shared<Recorder>();
    recorder->registerLane(QStringLiteral("GUI thread"));
    const qint64 origin = 100'000'000'000;
    recorder->addModeSwitch(origin, ExecMode::Inline);
    for (int i = 0; i < 2000; ++i)
        recorder->addTick({origin + i * 10'000'000LL, origin + i * 10'000'000LL + 100'000});
    const qint64 end = origin + 20'000'000'000LL;
    TimelineView *timeline = m_window->dashboard()->timeline();
    m_window->dashboard()->setRecorder(recorder, origin, 10'000'000);
    m_window->dashboard()->setLive(false);
    timeline->refresh(end);
    timeline->showAll();
    QCOMPARE(timeline->axis().spanNs, end - origin);

    // In a text field the keys are the field's.
    auto *period = m_window->findChild<QSpinBox *>(QStringLiteral("periodMs"));
    QVERIFY(period);
    m_window->activateWindow();
    period->setFocus();
    QTRY_VERIFY(period->hasFocus());
    const bool following = action(QStringLiteral("followLive"))->isChecked();
    for (Qt::Key key : {Qt::Key_Plus, Qt::Key_Minus, Qt::Key_Left, Qt::Key_Right, Qt::Key_0, Qt::Key_F})
        QTest::keyClick(period, key);
    QCOMPARE(timeline->axis().startNs, origin);
    QCOMPARE(timeline->axis().spanNs, end - origin);
    QCOMPARE(action(QStringLiteral("followLive"))->isChecked(), following);

    // On the timeline they zoom and pan; the menu's actions do the same from anywhere.
    timeline->setFocus();
    QTRY_VERIFY(timeline->hasFocus());
    QTest::keyClick(timeline, Qt::Key_Plus);
    const qint64 zoomed = timeline->axis().spanNs;
    QVERIFY(zoomed < end - origin);
    QTest::keyClick(timeline, Qt::Key_Left);
    QVERIFY(timeline->axis().startNs < origin + (end - origin - zoomed) / 2);
    QTest::keyClick(timeline, Qt::Key_0);
    QCOMPARE(timeline->axis().spanNs, end - origin);
    period->setFocus();
    QTRY_VERIFY(period->hasFocus());
    action(QStringLiteral("zoomIn"))->trigger();
    QCOMPARE(timeline->axis().spanNs, zoomed);
    action(QStringLiteral("showAll"))->trigger();
    QCOMPARE(timeline->axis().spanNs, end - origin);
}

void tst_MainWindow::drawMeterCountsTicksDueWhileDrawing()
{
    constexpr qint64 ms = 1'000'000;
    const qint64 origin = 50'000 * ms;
    Recorder recorder;
    DrawMeter meter;
    meter.reset(&recorder);
    for (int i = 0; i < 10; ++i) // due at 0, 1, … 9 ms
        recorder.addTick({origin + i * ms, origin + i * ms + 100'000});
    meter.addSlice(origin + ms / 2, origin + 5 * ms / 2);
    meter.addSlice(origin + 5 * ms / 2 + 20'000, origin + 3 * ms); // right after: the same slice
    meter.addSlice(origin + 7 * ms, origin + 7 * ms + 200'000);
    meter.update(recorder, origin + 10 * ms);
    // Ticks due at 1, 2 and 7 ms waited for our drawing.
    QCOMPARE(meter.dueShare(), 0.3);
    QCOMPARE(meter.runDueShare(), 0.3);
    QCOMPARE(meter.runTicks(), 10);
    QCOMPARE(meter.longestNs(), 5 * ms / 2);
    QCOMPARE(meter.runLongestNs(), 5 * ms / 2);
    // A second later the slices are out of the window; the run keeps its figures.
    meter.update(recorder, origin + 1200 * ms);
    QCOMPARE(meter.longestNs(), 0);
    QCOMPARE(meter.dueShare(), 0.0);
    QCOMPARE(meter.runLongestNs(), 5 * ms / 2);
    // A new run starts from nothing.
    meter.reset(&recorder);
    QCOMPARE(meter.runLongestNs(), 0);
    QCOMPARE(meter.runTicks(), 0);

    // The window times its own paints: an update() ends in a slice.
    QSignalSpy painted(m_window->dashboard()->timeline(), &TimelineView::painted);
    m_window->dashboard()->timeline()->update();
    QTRY_VERIFY(painted.count() > 0);
    QVERIFY(m_window->drawMeter().runLongestNs() > 0);
}

void tst_MainWindow::cancelledTasksAreNamed()
{
    Summary s;
    s.tasks = 103;
    s.cancelled = 1;
    m_window->dashboard()->stats()->setSummary(s, ExecMode::Pool);
    QCOMPARE(m_window->dashboard()->stats()->valueText(QStringLiteral("tasks")), QStringLiteral("103 · 1 cancelled"));
    s.cancelled = 0;
    m_window->dashboard()->stats()->setSummary(s, ExecMode::Pool);
    QCOMPARE(m_window->dashboard()->stats()->valueText(QStringLiteral("tasks")), QStringLiteral("103"));
}

// At 1024×700 nothing is silently dropped: the figures wrap onto a second row, the lag chart
// keeps a readable height, and every workload control stays in a toolbar row of its own.
void tst_MainWindow::smallScreenKeepsEveryFigure()
{
    m_window->resize(1024, 700);
    Summary s;
    s.tasks = 12345;
    s.cancelled = 678;
    s.ticks = 123456;
    m_window->dashboard()->stats()->setSummary(s, ExecMode::Pool);
    QTRY_COMPARE(m_window->size(), QSize(1024, 700));
    QTest::qWait(50); // the layouts settle
    StatsStrip *strip = m_window->dashboard()->stats();
    for (const char *key : {"p50", "p95", "p99", "p99c", "max", "ticks", "missed", "tasks", "long", "stalls", "busy", "mode"}) {
        const QWidget *figure = strip->findChild<QWidget *>(QLatin1String("figure-") + QLatin1String(key));
        QVERIFY2(figure && figure->isVisible() && strip->rect().contains(figure->geometry()), key);
    }
    QCOMPARE(strip->figureRow(QStringLiteral("p50")), 0);
    QVERIFY(strip->figureRow(QStringLiteral("mode")) >= 1); // wrapped, not dropped
    QVERIFY(strip->height() >= strip->heightForWidth(strip->width()));
    QVERIFY2(m_window->dashboard()->latencyChart()->height() >= 180,
             qPrintable(QString::number(m_window->dashboard()->latencyChart()->height())));
    for (const char *name : {"work", "ioMs", "jsonKb", "periodMs", "workers", "switchMs", "queueCapacity", "itemUs"}) {
        auto *control = m_window->findChild<QWidget *>(QLatin1String(name));
        QVERIFY2(control && control->isVisible(), name);
        const QRect inWindow(control->mapTo(m_window, QPoint(0, 0)), control->size());
        QVERIFY2(m_window->rect().contains(inWindow), name);
    }
    // The chart, timeline and tabs each keep their minimum height without overlapping: a
    // dashboard taller than the room scrolls, and only then.
    Dashboard *dashboard = m_window->dashboard();
    auto *scroll = m_window->findChild<QScrollArea *>(QStringLiteral("dashboardScroll"));
    QVERIFY(scroll);
    qInfo("dashboard %d px tall (minimum %d) in a %d px viewport", dashboard->height(),
          dashboard->minimumSizeHint().height(), scroll->viewport()->height());
    QCOMPARE(dashboard->height(), qMax(scroll->viewport()->height(), dashboard->heightForWidth(dashboard->width())));
    QVERIFY(dashboard->heightForWidth(dashboard->width()) < 800);
    QCOMPARE(scroll->verticalScrollBar()->isVisible(), dashboard->height() > scroll->viewport()->height());
    auto *tabs = dashboard->findChild<QTabWidget *>();
    const QWidget *panes[] = {dashboard->latencyChart(), dashboard->timeline(), tabs};
    for (int i = 0; i < 3; ++i) {
        QVERIFY(panes[i]->height() >= panes[i]->minimumHeight());
        if (i > 0)
            QVERIFY2(panes[i]->y() >= panes[i - 1]->y() + panes[i - 1]->height(), qPrintable(QString::number(i)));
        QVERIFY(panes[i]->y() + panes[i]->height() <= panes[i]->parentWidget()->height());
    }

    // Wide again: one row, and no scrolling.
    m_window->resize(1600, 900);
    QTRY_COMPARE(strip->figureRow(QStringLiteral("mode")), 0);
    QTRY_VERIFY(!scroll->verticalScrollBar()->isVisible());
}

// One source of truth: the strip, the histogram's title and legend, the long-tasks tab, the
// verdict and the status bar show the same figures, rounded the same way, live and stopped.
void tst_MainWindow::everyFigureAgrees()
{
    m_window->setMode(ExecMode::Inline); // blocking I/O: long tasks and a p99 in the stalls
    m_window->startRun();
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->summary().longTasks >= 3, 15000);
    Dashboard *dashboard = m_window->dashboard();
    StatsStrip *strip = dashboard->stats();
    auto *tabs = dashboard->findChild<QTabWidget *>();
    QVERIFY(tabs);
    auto check = [&](const QString &when) {
        const QString p99 = strip->valueText(QStringLiteral("p99"));
        const QString p99c = strip->valueText(QStringLiteral("p99c"));
        const QString title = dashboard->histogram()->titleText();
        QVERIFY2(title.contains(QStringLiteral("p99 raw %1 · corrected %2").arg(p99, p99c)), qPrintable(when + title + p99));
        const QString longTasks = strip->valueText(QStringLiteral("long"));
        QCOMPARE(tabs->tabText(1), longTasks == QLatin1String("0") ? QStringLiteral("Long tasks")
                                                                     : QStringLiteral("Long tasks (%1)").arg(longTasks));
        QVERIFY2(dashboard->verdictText().contains(QStringLiteral("p99 %1").arg(p99)),
                 qPrintable(when + dashboard->verdictText() + p99));
        QVERIFY2(dashboard->verdictText().contains(QStringLiteral("worst %1").arg(strip->valueText(QStringLiteral("max")))),
                 qPrintable(when + dashboard->verdictText()));
    };
    // Live, at a statistics update (a few times a second), and then again stopped.
    QTRY_VERIFY_WITH_TIMEOUT(strip->valueText(QStringLiteral("long")).toInt() >= 2, 15000);
    check(QStringLiteral("live: "));
    m_window->stopRun();
    const Summary s = m_window->session()->summary();
    check(QStringLiteral("stopped: "));
    QCOMPARE(strip->valueText(QStringLiteral("p99")), Statistics::formatMs(s.p99Ms) + QStringLiteral(" ms"));
    QCOMPARE(strip->valueText(QStringLiteral("long")), QString::number(s.longTasks));
    QVERIFY2(m_window->statusBar()->currentMessage().contains(
                 QStringLiteral("p99 lag %1, worst %2").arg(strip->valueText(QStringLiteral("p99")), strip->valueText(QStringLiteral("max")))),
             qPrintable(m_window->statusBar()->currentMessage()));
}

// Each histogram redraw lays out and paints the whole chart on the loop under test: while live
// it follows the run about once a second (Dashboard::kHistogramEveryNs), and the last ticks
// are in it when the run stops.
void tst_MainWindow::histogramFollowsTheRunOnceASecond()
{
    LagHistogramChart *histogram = m_window->dashboard()->histogram();
    QVERIFY(histogram->isVisible());
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    QTRY_VERIFY(histogram->totalCount(false) > 0);
    QSignalSpy updated(histogram, &LagHistogramChart::updated);
    const qint64 before = histogram->totalCount(false);
    QTest::qWait(3500); // a rate: what matters is how many redraws fit in this time
    QVERIFY2(updated.count() >= 2 && updated.count() <= 5, qPrintable(QString::number(updated.count())));
    QVERIFY(histogram->totalCount(false) > before);
    m_window->stopRun();
    QTRY_COMPARE(histogram->totalCount(false), qint64(m_window->session()->recorder()->tickCount()));
}

// An exported dashboard is a picture, not a screenshot: where the tab bar and the splitter
// handles sit on screen the image is blank, and the window keeps them afterwards.
void tst_MainWindow::exportLeavesOutControls()
{
    m_window->setMode(ExecMode::Pool);
    m_window->startRun();
    QTRY_VERIFY(m_window->session()->summary().tasks >= 2);
    m_window->stopRun();
    Dashboard *dashboard = m_window->dashboard();
    const QImage image = PngExporter::render(dashboard, 1.0);
    QList<QWidget *> chrome;
    for (QWidget *w : dashboard->findChildren<QWidget *>()) {
        if ((qobject_cast<QTabBar *>(w) || qobject_cast<QSplitterHandle *>(w)) && w->isVisible())
            chrome << w;
    }
    QVERIFY(chrome.size() >= 3); // the tab bar and two handles
    for (QWidget *w : std::as_const(chrome)) {
        QVERIFY(w->isVisible()); // back on screen
        const QRect r(w->mapTo(dashboard, QPoint(0, 0)), w->size());
        QSet<QRgb> colours;
        for (int y = r.top(); y <= r.bottom(); ++y)
            for (int x = r.left(); x <= r.right(); x += 2)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() == 1, qPrintable(QStringLiteral("%1: %2 colours").arg(QLatin1String(w->metaObject()->className())).arg(colours.size())));
    }
}

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
