#include "window/mainwindow.h"

#include "compare/comparedialog.h"
#include "window/dashboard.h"
#include "executors/executor.h"
#include "window/languagemenu.h"
#include "charts/latencychart.h"
#include "lessons/lesson.h"
#include "lessons/lessons.h"
#include "window/lessonspanel.h"
#include "window/longtasklog.h"
#include "engine/monotonicclock.h"
#include "formats/outputset.h"
#include "export/pngexporter.h"
#include "window/recentruns.h"
#include "engine/recorder.h"
#include "window/programsources.h"
#include "window/recordprogramdialog.h"
#include "window/recoverybar.h"
#include "formats/runfile.h"
#include "engine/runconfig.h"
#include "run/session.h"
#include "run/summarizer.h"
#include "stream/streamsource.h"
#include "stats/statistics.h"
#include "window/statsstrip.h"
#include "timeline/timelineview.h"
#include "formats/traceexport.h"
#include "window/workloadtoolbar.h"
#include "looplabversion.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QFileInfo>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScrollArea>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QThread>
#include <QToolBar>
#include <QVBoxLayout>
#include <QWindow>

namespace {
// Charts redraw at most once per frame; the statistics a few times a second.
constexpr int kFrameMs = 16;
constexpr qint64 kStatsEveryNs = 250'000'000; // a live run's figures, with the first frame after

// The core's messages are written to follow "looplab: …" on a command line; in a dialog they
// stand alone, so they start with a capital and end with a full stop.
QString asSentence(QString text)
{
    text = text.trimmed();
    if (text.isEmpty())
        return text;
    text[0] = text.at(0).toUpper();
    if (!text.endsWith(QLatin1Char('.')))
        text += QLatin1Char('.');
    return text;
}
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new Session(this))
    , m_dashboard(new Dashboard(this))
    , m_sources(new ProgramSources(this))
{
    setRunFile(QString());
    // The recovery offer sits above the dashboard, outside what a dashboard export draws.
    auto *central = new QWidget(this);
    auto *column = new QVBoxLayout(central);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(0);
    m_recoveryBar = new RecoveryBar(central);
    column->addWidget(m_recoveryBar);
    // A window shorter than the charts' minimum heights (1024×700 with two toolbar rows)
    // scrolls the dashboard instead of squeezing the splitter until its panes overlap.
    auto *scroll = new QScrollArea(central);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    scroll->setWidget(m_dashboard);
    column->addWidget(scroll, 1);
    setCentralWidget(central);
    createActions();
    createToolBars();

    m_lessons = new LessonsPanel(this);
    m_lessonsDock = new QDockWidget(tr("Lessons"), this);
    m_lessonsDock->setObjectName(QStringLiteral("lessonsDock"));
    m_lessonsDock->setWidget(m_lessons);
    addDockWidget(Qt::RightDockWidgetArea, m_lessonsDock);
    connect(m_lessons, &LessonsPanel::lessonChosen, this, &MainWindow::applyLesson);
    createMenus();

    m_paintCost = new QLabel(this);
    m_paintCost->setToolTip(tr("What Loop Lab's own drawing costs per frame: a lag meter must not add lag."));
    statusBar()->addPermanentWidget(m_paintCost);
    m_drawSlices = new QLabel(this);
    m_drawSlices->setObjectName(QStringLiteral("drawSlices"));
    m_drawSlices->setToolTip(tr("The longest stretch the GUI thread spent on Loop Lab's own drawing in the last "
                                "second (target: 0.5 ms at most), and the share of the ticker's ticks that fell "
                                "due meanwhile and had to wait for it."));
    statusBar()->addPermanentWidget(m_drawSlices);
    m_listening = new QLabel(this);
    m_listening->setObjectName(QStringLiteral("listening"));
    statusBar()->addPermanentWidget(m_listening);

    m_frameTimer.setInterval(kFrameMs);
    connect(&m_frameTimer, &QTimer::timeout, this, &MainWindow::onFrame);
    connect(m_session, &Session::started, this, &MainWindow::onStarted);
    connect(m_session, &Session::finished, this, &MainWindow::onFinished);
    connect(m_dashboard->timeline(), &TimelineView::liveChanged, this, [this](bool live) {
        if (!live && m_followAction->isChecked())
            m_followAction->setChecked(false);
    });
    // While a run goes on, the costs show with the draw meter, twice a second: a label that
    // changes every frame costs a layout and a second repaint of the window each time.
    auto showCost = [this] {
        if (!m_frameTimer.isActive())
            showPaintCost();
    };
    connect(m_dashboard->latencyChart(), &LatencyChart::updated, this, showCost);
    // Each ends now; the chart's refresh follows the timeline's in one slice.
    auto addSlice = [this](qint64 ns) {
        const qint64 now = MonotonicClock::nowNs();
        m_drawMeter.addSlice(now - ns, now);
    };
    connect(m_dashboard->latencyChart(), &LatencyChart::updated, this, addSlice);
    connect(m_dashboard->timeline(), &TimelineView::refreshed, this, addSlice);
    connect(m_dashboard->timeline(), &TimelineView::painted, this, showCost);
    connect(m_dashboard, &Dashboard::drawn, this, &MainWindow::onDrawn);

    // Every toolbar button's tooltip names its shortcut, as the menus do.
    for (QAction *a : findChildren<QAction *>()) {
        if (!a->shortcut().isEmpty() && !a->toolTip().contains(QLatin1Char('(')))
            a->setToolTip(QStringLiteral("%1 (%2)").arg(QString(a->text()).remove(QLatin1Char('&')).remove(QStringLiteral("…")),
                                                        a->shortcut().toString(QKeySequence::NativeText)));
    }
    m_defaultState = saveState();
    readSettings();
    offerRecovery();
    m_dashboard->clear(currentMode());
    updateRunActions();
    statusBar()->showMessage(tr("Press Space to start. Toggle Blocking / Offload while it runs and watch the lag."));
    listenForPrograms();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_modeGroup = new QActionGroup(this);
    m_modeGroup->setExclusive(true);
    int index = 1;
    for (ExecMode mode : Kinds::allModes()) {
        auto *action = new QAction(Kinds::shortLabel(mode), m_modeGroup);
        action->setObjectName(QStringLiteral("mode-") + Kinds::name(mode));
        action->setCheckable(true);
        action->setData(int(mode));
        action->setShortcut(QKeySequence(QStringLiteral("Ctrl+%1").arg(index++)));
        const QString tip = Kinds::label(mode);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, action->shortcut().toString(QKeySequence::NativeText)));
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, this, [this, mode] { setMode(mode); });
    }
    m_modeGroup->actions().constFirst()->setChecked(true);

    m_startStopAction = new QAction(tr("Start"), this);
    m_startStopAction->setObjectName(QStringLiteral("startStop"));
    m_startStopAction->setShortcut(Qt::Key_Space);
    m_startStopAction->setStatusTip(tr("Start or stop the ticker and the task submitter (Space)."));
    connect(m_startStopAction, &QAction::triggered, this, &MainWindow::toggleRun);

    m_keepRunningAction = new QAction(tr("Keep running"), this);
    m_keepRunningAction->setObjectName(QStringLiteral("keepRunning"));
    m_keepRunningAction->setShortcut(QKeySequence(QStringLiteral("K")));
    m_keepRunningAction->setStatusTip(tr("Let the lesson run on until you stop it, instead of ending after its "
                                         "duration (K)."));
    connect(m_keepRunningAction, &QAction::triggered, this, &MainWindow::keepRunning);

    m_clearAction = new QAction(tr("Clear"), this);
    m_clearAction->setObjectName(QStringLiteral("clear"));
    m_clearAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+L")));
    m_clearAction->setStatusTip(tr("Forget the measurements of the last run (Ctrl+L)."));
    connect(m_clearAction, &QAction::triggered, this, &MainWindow::clearRun);

    m_exportAction = new QAction(tr("Export PNG…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportPng"));
    m_exportAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+E")));
    m_exportAction->setStatusTip(tr("Save the dashboard, the latency chart or the timeline as a PNG image (Ctrl+E)."));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::showExportDialog);

    m_openAction = new QAction(tr("Open run…"), this);
    m_openAction->setObjectName(QStringLiteral("openRun"));
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a run saved earlier (.looplab.json) and redraw its charts (Ctrl+O)."));
    connect(m_openAction, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open run"), m_runFolder,
                                                          tr("Loop Lab runs (*.looplab.json);;JSON files (*.json)"));
        if (!path.isEmpty())
            openRun(path);
    });

    m_saveAction = new QAction(tr("Save run…"), this);
    m_saveAction->setObjectName(QStringLiteral("saveRun"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setStatusTip(tr("Save every tick and task of the last run to open later (Ctrl+S)."));
    connect(m_saveAction, &QAction::triggered, this, [this] {
        const QString path = askSavePath(tr("Save run"), tr("Loop Lab runs (*.looplab.json)"), QStringLiteral(".looplab.json"),
                                         m_runFolder);
        if (!path.isEmpty())
            saveRun(path);
    });

    m_traceAction = new QAction(tr("Export trace…"), this);
    m_traceAction->setObjectName(QStringLiteral("exportTrace"));
    m_traceAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+Shift+E")));
    m_traceAction->setStatusTip(tr("Write a Chrome trace-event JSON to open in Perfetto or chrome://tracing (Ctrl+Shift+E)."));
    connect(m_traceAction, &QAction::triggered, this, [this] {
        const QString path = askSavePath(tr("Export trace"), tr("Trace events (*.json)"), QStringLiteral(".trace.json"),
                                         m_exportFolder);
        if (!path.isEmpty())
            exportTrace(path);
    });

    m_recordAction = new QAction(tr("Record a program…"), this);
    m_recordAction->setObjectName(QStringLiteral("recordProgram"));
    m_recordAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+R")));
    m_recordAction->setStatusTip(tr("Start a Python asyncio or Qt 6 program with Loop Lab's probe and watch its event loop "
                                    "(Ctrl+R)."));
    connect(m_recordAction, &QAction::triggered, this, &MainWindow::showRecordDialog);

    m_compareAction = new QAction(tr("Compare modes…"), this);
    m_compareAction->setObjectName(QStringLiteral("compareModes"));
    m_compareAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+M")));
    m_compareAction->setStatusTip(tr("Run the same workload in several modes and compare their lag (Ctrl+M)."));
    connect(m_compareAction, &QAction::triggered, this, &MainWindow::showCompareDialog);

    m_followAction = new QAction(tr("Follow live"), this);
    m_followAction->setObjectName(QStringLiteral("followLive"));
    m_followAction->setCheckable(true);
    m_followAction->setChecked(true);
    m_followAction->setShortcut(QKeySequence(QStringLiteral("F")));
    m_followAction->setStatusTip(tr("Scroll both charts with the newest data; zooming or panning turns this off (F)."));
    connect(m_followAction, &QAction::toggled, this, [this](bool on) { m_dashboard->setLive(on); });

    m_logScaleAction = new QAction(tr("Logarithmic lag axis"), this);
    m_logScaleAction->setObjectName(QStringLiteral("logScale"));
    m_logScaleAction->setCheckable(true);
    m_logScaleAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+G")));
    m_logScaleAction->setStatusTip(tr("Show sub-millisecond jitter and 200 ms freezes on one axis (Ctrl+G)."));
    connect(m_logScaleAction, &QAction::toggled, this,
            [this](bool on) { m_dashboard->latencyChart()->setLogScale(on); });

    // The timeline's keys. Their shortcuts work while the timeline has the keyboard focus
    // (never in a text field); the View menu triggers them from anywhere.
    TimelineView *timeline = m_dashboard->timeline();
    auto addTimelineAction = [this, timeline](const QString &name, const QString &text, const QString &tip,
                                              const QList<QKeySequence> &keys, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(name);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        action->setStatusTip(tip);
        connect(action, &QAction::triggered, timeline, slot);
        timeline->addAction(action);
        m_timelineActions.append(action);
    };
    addTimelineAction(QStringLiteral("zoomIn"), tr("Zoom in"),
                      tr("Zoom both charts in around the cursor, or the middle of the timeline (+)."),
                      {QKeySequence(Qt::Key_Plus), QKeySequence(Qt::Key_Equal)},
                      [timeline] { timeline->zoomBy(TimeAxis::wheelFactor(120)); });
    addTimelineAction(QStringLiteral("zoomOut"), tr("Zoom out"),
                      tr("Zoom both charts out around the cursor, or the middle of the timeline (-)."),
                      {QKeySequence(Qt::Key_Minus)}, [timeline] { timeline->zoomBy(TimeAxis::wheelFactor(-120)); });
    addTimelineAction(QStringLiteral("panLeft"), tr("Pan left"),
                      tr("Move both charts a tenth of the view earlier; Shift+Left moves half of it (Left)."),
                      {QKeySequence(Qt::Key_Left)}, [timeline] { timeline->panBy(-0.1); });
    addTimelineAction(QStringLiteral("panRight"), tr("Pan right"),
                      tr("Move both charts a tenth of the view later; Shift+Right moves half of it (Right)."),
                      {QKeySequence(Qt::Key_Right)}, [timeline] { timeline->panBy(0.1); });
    addTimelineAction(QStringLiteral("showAll"), tr("Show the whole run"),
                      tr("Zoom both charts out to the whole run (0)."), {QKeySequence(Qt::Key_0)},
                      [timeline] { timeline->showAll(); });
}

void MainWindow::createToolBars()
{
    QToolBar *run = addToolBar(tr("Run"));
    run->setObjectName(QStringLiteral("runToolBar"));
    run->setToolButtonStyle(Qt::ToolButtonTextOnly);
    run->addAction(m_startStopAction);
    run->addAction(m_keepRunningAction);
    run->addAction(m_clearAction);
    run->addSeparator();
    run->addWidget(new QLabel(tr(" Mode: "), run));
    run->addActions(m_modeGroup->actions());
    run->addSeparator();
    run->addAction(m_followAction);
    run->addAction(m_exportAction);

    QToolBar *source = addToolBar(tr("Source"));
    source->setObjectName(QStringLiteral("sourceToolBar"));
    source->addWidget(new QLabel(tr(" Source: "), source));
    m_sourceBox = new QComboBox(source);
    m_sourceBox->setObjectName(QStringLiteral("sourceChooser"));
    // A long "cut off" reason must not widen the toolbar; the item's tooltip has all of it.
    m_sourceBox->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_sourceBox->setMinimumContentsLength(20);
    m_sourceBox->addItem(tr("Built-in experiment"));
    m_sourceBox->setItemData(0, tr("Loop Lab's own loop running the workload below."), Qt::ToolTipRole);
    m_sourceBox->setToolTip(tr("What the dashboard shows: Loop Lab's built-in experiment, or a program that "
                               "reports to Loop Lab through its probe."));
    m_sourceBox->setStatusTip(tr("Pick the built-in experiment or a connected program to show it."));
    m_sourceBox->setAccessibleName(tr("Source"));
    source->addWidget(m_sourceBox);
    connect(m_sourceBox, &QComboBox::activated, this, [this](int index) {
        const QList<StreamSource *> programs = m_sources->sources();
        showSource(index > 0 && index <= programs.size() ? programs.at(index - 1) : nullptr);
    });

    addToolBarBreak();
    m_workload = new WorkloadToolBar(this);
    addToolBar(m_workload);
    addToolBar(m_workload->lessonSettingsBar());

    // Changes apply to the next submitted task of a running session.
    connect(m_workload, &WorkloadToolBar::workChanged, this, [this](WorkKind work) {
        m_session->setWork(work);
        updateControlsForMode();
    });
    connect(m_workload, &WorkloadToolBar::ioMsChanged, m_session, &Session::setIoMs);
    connect(m_workload, &WorkloadToolBar::jsonKbChanged, m_session, &Session::setJsonKb);
    connect(m_workload, &WorkloadToolBar::periodMsChanged, m_session, &Session::setPeriodMs);
    updateControlsForMode();
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    file->addAction(m_openAction);
    QMenu *recent = file->addMenu(tr("Recent &runs"));
    recent->setObjectName(QStringLiteral("recentRunsMenu"));
    m_recentRuns = new RecentRuns(recent, this);
    connect(m_recentRuns, &RecentRuns::openRequested, this, [this](const QString &path) {
        if (m_session->isRunning())
            stopRun();
        openRun(path);
    });
    file->addAction(m_saveAction);
    file->addSeparator();
    file->addAction(m_recordAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addAction(m_traceAction);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quit"));
    quit->setShortcut(QKeySequence(QStringLiteral("Ctrl+Q"))); // QKeySequence::Quit is empty on some platforms
    quit->setStatusTip(tr("Stop the run and close Loop Lab (Ctrl+Q)."));

    QMenu *run = menuBar()->addMenu(tr("&Run"));
    run->setObjectName(QStringLiteral("runMenu"));
    run->addAction(m_startStopAction);
    run->addAction(m_keepRunningAction);
    run->addAction(m_clearAction);
    run->addAction(m_compareAction);
    run->addSeparator();
    run->addActions(m_modeGroup->actions());

    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->setObjectName(QStringLiteral("viewMenu"));
    view->addAction(m_followAction);
    view->addAction(m_logScaleAction);
    view->addSeparator();
    view->addActions(m_timelineActions);
    view->addSeparator();
    QMenu *thresholds = view->addMenu(tr("Threshold lines"));
    for (int i = 0; i < int(Statistics::kBandsMs.size()); ++i) {
        QAction *line = thresholds->addAction(tr("%1 ms · %2").arg(Statistics::kBandsMs[size_t(i)]).arg(Statistics::bandName(i)));
        line->setObjectName(QStringLiteral("threshold-%1").arg(i));
        line->setCheckable(true);
        line->setChecked(m_dashboard->latencyChart()->isThresholdVisible(i));
        line->setStatusTip(tr("Show or hide this reference line on the latency chart."));
        connect(line, &QAction::toggled, this, [this, i](bool on) { m_dashboard->latencyChart()->setThresholdVisible(i, on); });
        m_thresholdActions << line;
        m_defaultThresholds << line->isChecked();
    }
    QAction *lessons = m_lessonsDock->toggleViewAction();
    lessons->setObjectName(QStringLiteral("toggleLessons"));
    lessons->setText(tr("&Lessons panel"));
    lessons->setShortcut(QKeySequence(QStringLiteral("F1")));
    lessons->setStatusTip(tr("Show or hide the lessons: what each mode teaches and how to read the charts (F1)."));
    view->addAction(lessons);
    view->addSeparator();
    view->addMenu(LanguageMenu::create(this));

    view->addSeparator();
    QMenu *scheme = view->addMenu(tr("&Theme"));
    m_schemeGroup = new QActionGroup(this);
    const struct
    {
        Appearance::Scheme scheme;
        QString text;
        QString tip;
    } schemes[] = {
        {Appearance::Scheme::System, tr("&System"), tr("Follow the desktop's light or dark colours.")},
        {Appearance::Scheme::Light, tr("&Light"), tr("Light colours, whatever the desktop uses.")},
        {Appearance::Scheme::Dark, tr("&Dark"), tr("Dark colours, whatever the desktop uses.")},
    };
    for (const auto &s : schemes) {
        QAction *a = scheme->addAction(s.text);
        a->setObjectName(QStringLiteral("theme-") + Appearance::name(s.scheme));
        a->setCheckable(true);
        a->setData(int(s.scheme));
        a->setStatusTip(s.tip);
        a->setActionGroup(m_schemeGroup);
        const Appearance::Scheme chosen = s.scheme;
        connect(a, &QAction::triggered, this, [this, chosen] { setScheme(chosen); });
    }
    m_schemeGroup->actions().constFirst()->setChecked(true);
    QAction *reset = view->addAction(tr("&Reset to defaults"), this, &MainWindow::resetToDefaults);
    reset->setObjectName(QStringLiteral("resetDefaults"));
    reset->setStatusTip(tr("Forget the window layout, mode, workload, view options, theme, folders and recent runs."));

    // Every lesson, one click away, for those who never open the panel.
    QMenu *lessonMenu = menuBar()->addMenu(tr("&Lessons"));
    lessonMenu->setObjectName(QStringLiteral("lessonsMenu"));
    lessonMenu->addAction(lessons);
    lessonMenu->addSeparator();
    int number = 1;
    for (const Lesson &lesson : Lessons::all()) {
        QAction *a = lessonMenu->addAction(tr("%1. %2").arg(number++).arg(lesson.title));
        a->setObjectName(QStringLiteral("lesson-") + lesson.name);
        a->setStatusTip(tr("Set this lesson's mode and workload and start it: %1").arg(Lessons::presetSummary(lesson.preset)));
        const QString name = lesson.name;
        connect(a, &QAction::triggered, this, [this, name] { applyLesson(name); });
    }

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *browser = help->addAction(tr("&Lessons browser"), this, &MainWindow::showLessonsBrowser);
    browser->setObjectName(QStringLiteral("lessonsBrowser"));
    browser->setShortcut(QKeySequence(QStringLiteral("Shift+F1")));
    browser->setStatusTip(tr("Open the lessons panel and put the keyboard in its list (Shift+F1)."));
    QAction *howItMeasures = help->addAction(tr("&How Loop Lab measures"), this, &MainWindow::showHowItMeasures);
    howItMeasures->setObjectName(QStringLiteral("howItMeasures"));
    howItMeasures->setStatusTip(tr("The ticker, the stall-corrected figures and the cost of watching."));
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Loop Lab"), this, &MainWindow::showAbout);
    about->setObjectName(QStringLiteral("about"));
    about->setStatusTip(tr("Version and licences."));
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setStatusTip(tr("The Qt version Loop Lab runs on, and Qt's licences."));
}

ExecMode MainWindow::currentMode() const
{
    QAction *checked = m_modeGroup->checkedAction();
    return checked ? ExecMode(checked->data().toInt()) : ExecMode::Inline;
}

void MainWindow::setMode(ExecMode mode)
{
    for (QAction *action : m_modeGroup->actions()) {
        if (ExecMode(action->data().toInt()) == mode && !action->isChecked())
            action->setChecked(true);
    }
    m_session->setMode(mode);
    updateControlsForMode();
    if (!m_shown)
        m_dashboard->stats()->setSummary(m_liveStats.summary(m_session->config()), mode);
    statusBar()->showMessage(tr("Next tasks: %1").arg(Kinds::label(mode)), 4000);
}

RunConfig MainWindow::configFromControls() const
{
    RunConfig config = m_workload->config();
    config.mode = currentMode();
    config.durationS = 0; // until the user stops it
    // No control for it: the default suits the window; a setting for soak tests and the curious.
    const int rawHistoryS = QSettings().value(QStringLiteral("run/rawHistoryS"), config.rawHistoryS).toInt();
    if (rawHistoryS >= 0 && rawHistoryS <= 24 * 3600)
        config.rawHistoryS = rawHistoryS;
    return config;
}

void MainWindow::startRun(double durationS)
{
    if (m_session->isRunning())
        return;
    if (m_shown) // Start runs the built-in experiment again
        showSource(nullptr);
    RunConfig config = configFromControls();
    config.durationS = durationS;
    m_session->setConfig(config);
    QString error;
    if (!m_session->start(&error))
        showError(tr("Could not start the run.\n\n%1\n\nChange the workload in the toolbar and press Start again.")
                      .arg(asSentence(error)));
}

void MainWindow::stopRun()
{
    m_session->stop();
}

void MainWindow::keepRunning()
{
    if (m_session->remainingMs() < 0)
        return;
    m_session->keepRunning();
    updateRunActions();
    statusBar()->showMessage(tr("The lesson keeps running until you stop it (Space)."), 5000);
}

void MainWindow::toggleRun()
{
    if (m_session->isRunning())
        stopRun();
    else
        startRun();
}

void MainWindow::clearRun()
{
    if (m_session->isRunning() || m_shown)
        return;
    m_session->clear();
    setRunFile(QString());
    m_liveStats.reset();
    m_dashboard->stats()->setModeText(QString());
    m_dashboard->clear(currentMode());
    updateRunActions();
    statusBar()->showMessage(tr("Cleared."), 3000);
}

void MainWindow::onStarted()
{
    setRunFile(QString());
    m_liveStats.reset();
    m_dashboard->stats()->setModeText(QString()); // an opened program run said its runtime there
    m_dashboard->setDescription(QString());
    m_dashboard->setRecorder(m_session->recorder(), m_session->startNs(),
                             qint64(m_session->config().intervalMs) * 1000000);
    m_followAction->setChecked(true);
    m_dashboard->setLive(true);
    m_statsShownNs = 0;
    m_drawMeter.reset(m_session->recorder().get());
    m_drawShownNs = 0;
    m_frameTimer.start();
    updateRunActions();
    statusBar()->showMessage(tr("Running. Switch modes with Ctrl+1 … Ctrl+9; Space stops."));
}

void MainWindow::onFrame()
{
    if (m_shown) {
        refreshProgram();
        return;
    }
    const auto recorder = m_session->recorder();
    if (!recorder)
        return;
    const qint64 startNs = MonotonicClock::nowNs();
    // The frame itself, and onDrawn() after it, may wait for the gap after a probe tick.
    m_dashboard->refreshCharts(m_session->endNs());
    m_drawMeter.addSlice(startNs, MonotonicClock::nowNs());
}

void MainWindow::onDrawn()
{
    // Our own run's frame: its statistics and meters go with it, in the same gap.
    const auto recorder = m_session->recorder();
    if (m_shown || !recorder || !m_frameTimer.isActive())
        return;
    const qint64 startNs = MonotonicClock::nowNs();
    // By time, not by frame count: a blocked loop draws a few frames a second, and its
    // figures must not lag behind its chart.
    if (startNs - m_statsShownNs >= kStatsEveryNs) {
        m_statsShownNs = startNs;
        m_liveStats.update(*recorder, m_session->startNs(), m_session->endNs(),
                           qint64(m_session->config().intervalMs) * 1000000);
        m_dashboard->setSummary(m_liveStats.summary(m_session->config()), m_session->config(), currentMode());
    }
    if (startNs - m_drawShownNs >= DrawMeter::kWindowNs / 2)
        updateDrawMeter();
    m_drawMeter.addSlice(startNs, MonotonicClock::nowNs());
}

void MainWindow::showPaintCost()
{
    m_paintCost->setText(tr("chart %1 ms · timeline %2 ms")
                             .arg(double(m_dashboard->latencyChart()->lastUpdateNs()) / 1e6, 0, 'f', 2)
                             .arg(double(m_dashboard->timeline()->lastPaintNs()) / 1e6, 0, 'f', 2));
}

void MainWindow::updateDrawMeter()
{
    const auto recorder = m_session->recorder();
    if (!recorder || m_shown)
        return;
    m_drawShownNs = MonotonicClock::nowNs();
    m_drawMeter.update(*recorder, m_drawShownNs);
    showPaintCost();
    m_drawSlices->setText(tr("longest slice %1 ms · %2 % of ticks due while drawing")
                              .arg(double(m_drawMeter.longestNs()) / 1e6, 0, 'f', 2)
                              .arg(100.0 * m_drawMeter.dueShare(), 0, 'f', 1));
}

bool MainWindow::event(QEvent *event)
{
    if (event->type() != QEvent::UpdateRequest)
        return QMainWindow::event(event);
    // The window's paint: every widget that asked for one, then the flush to the screen.
    const qint64 startNs = MonotonicClock::nowNs();
    const bool result = QMainWindow::event(event);
    m_drawMeter.addSlice(startNs, MonotonicClock::nowNs());
    return result;
}

void MainWindow::onFinished()
{
    m_frameTimer.stop();
    updateDrawMeter();
    const Summary summary = m_session->summary(); // exact, now that the run is over
    m_dashboard->setSummary(summary, m_session->config(), currentMode());
    m_dashboard->refreshCharts(m_session->endNs());
    m_followAction->setChecked(false); // shows the whole run
    m_dashboard->refreshCharts(m_session->endNs());
    updateRunActions();
    statusBar()->showMessage(tr("Stopped after %1 s: p99 lag %2 ms, worst %3 ms, %n long tasks.", nullptr,
                                int(summary.longTasks))
                                 .arg(summary.durationS, 0, 'f', 1)
                                 .arg(Statistics::formatMs(summary.p99Ms), Statistics::formatMs(summary.maxMs)));
}

void MainWindow::updateRunActions()
{
    const bool running = m_session->isRunning();
    m_startStopAction->setText(running ? tr("Stop") : tr("Start"));
    m_startStopAction->setToolTip(running ? tr("Stop the run (Space)")
                                          : m_shown ? tr("Back to the built-in experiment and start a run (Space)")
                                                    : tr("Start a run (Space)"));
    m_keepRunningAction->setEnabled(m_session->remainingMs() >= 0);
    const bool hasRun = m_shown ? m_shown->recording().hasHello() : !running && m_session->recorder();
    m_clearAction->setEnabled(hasRun && !m_shown);
    m_saveAction->setEnabled(hasRun);
    m_traceAction->setEnabled(hasRun);
    m_openAction->setEnabled(!running);
    m_compareAction->setEnabled(!running);
    updateControlsForMode();
}

void MainWindow::updateControlsForMode()
{
    if (m_workload)
        m_workload->updateEnabled(currentMode(), m_session->isRunning());
}

void MainWindow::setControls(const RunConfig &config)
{
    m_workload->setConfig(config, m_session->isRunning());
}

bool MainWindow::applyLesson(const QString &name)
{
    const Lesson *lesson = Lessons::find(name);
    if (!lesson)
        return false;
    // The whole preset, never half of it: the workers, the queue and the switch interval
    // are fixed while a run goes on, so a run in progress stops first.
    if (m_session->isRunning())
        stopRun();
    m_lessons->selectLesson(name);
    setControls(lesson->preset);
    setMode(lesson->preset.mode);
    startRun(lesson->preset.durationS);
    statusBar()->showMessage(tr("Lesson: %1. It ends after %2 s and shows its verdict; K keeps it running.")
                                 .arg(lesson->title)
                                 .arg(lesson->preset.durationS),
                             8000);
    return true;
}

void MainWindow::applyLessonWhenShown(const QString &name)
{
    m_pendingLesson = name;
    winId(); // creates the native window, whose expose event we watch
    windowHandle()->installEventFilter(this);
}

bool MainWindow::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == windowHandle() && event->type() == QEvent::Expose && !m_pendingLesson.isEmpty()) {
        windowHandle()->removeEventFilter(this);
        // Queued behind the first paint and the layout requests the expose posts.
        QMetaObject::invokeMethod(this, [this, name = std::exchange(m_pendingLesson, QString())] {
            applyLesson(name);
        }, Qt::QueuedConnection);
    }
    return QMainWindow::eventFilter(watched, event);
}

bool MainWindow::exportPng(ExportDialog::Target target, qreal scale, const QString &path)
{
    QWidget *widget = m_dashboard;
    if (target == ExportDialog::Target::LatencyChart)
        widget = m_dashboard->latencyChart();
    else if (target == ExportDialog::Target::Timeline)
        widget = m_dashboard->timeline();
    QString error;
    if (!PngExporter::save(PngExporter::render(widget, scale), path, &error)) {
        showError(tr("The image was not saved.\n\n%1\n\nChoose another folder or name, or make room on the disk, "
                     "and export again.").arg(asSentence(error)));
        return false;
    }
    m_exportFolder = QFileInfo(path).absolutePath();
    m_exportTarget = target;
    m_exportScale = scale;
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

QString MainWindow::askSavePath(const QString &title, const QString &filter, const QString &suffix, const QString &folder)
{
    const QString name = QStringLiteral("looplab-%1%2")
                             .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")), suffix);
    QString path = QFileDialog::getSaveFileName(this, title, QDir(folder).filePath(name), filter);
    if (!path.isEmpty() && !path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive))
        path += suffix;
    return path;
}

bool MainWindow::writeFile(const QString &path, const QByteArray &data)
{
    QString error;
    if (!OutputSet::writeFile(path, data, &error)) {
        showError(tr("The file was not saved.\n\n%1\n\nChoose another folder or name, or make room on the disk, "
                     "and save again.").arg(asSentence(error)));
        return false;
    }
    m_exportFolder = QFileInfo(path).absolutePath();
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

bool MainWindow::saveRun(const QString &path)
{
    const LoadedRun run = shownRun();
    if (!run.recorder || (!m_shown && m_session->isRunning()))
        return false;
    const QString exportFolder = m_exportFolder;
    if (!writeFile(path, RunFile::save(run)))
        return false;
    m_exportFolder = exportFolder; // runs keep a folder of their own
    m_runFolder = QFileInfo(path).absolutePath();
    m_recentRuns->add(path);
    setRunFile(path);
    return true;
}

bool MainWindow::exportTrace(const QString &path)
{
    const LoadedRun run = shownRun();
    if (!run.recorder || (!m_shown && m_session->isRunning()))
        return false;
    return writeFile(path, TraceExport::chromeTrace(*run.recorder, run.startNs, run.config));
}

bool MainWindow::openRun(const QString &path)
{
    if (m_session->isRunning())
        return false;
    QFile file(path);
    LoadedRun run;
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (RunFile::load(file.readAll(), &run, &error) && m_session->loadRun(run))
        error.clear();
    if (!run.recorder) { // the current view stays as it was
        if (!QFileInfo(path).isFile())
            m_recentRuns->remove(path);
        showError(tr("Could not open %1.\n\n%2\n\nOpen a run that Loop Lab saved (File → Save run, or "
                     "looplab run --save-run).").arg(QDir::toNativeSeparators(path), asSentence(error)));
        return false;
    }
    if (m_shown) // an opened run shows as the built-in experiment's
        showSource(nullptr);
    setControls(run.config);
    setMode(run.config.mode);
    m_liveStats.reset();
    m_dashboard->setRecorder(m_session->recorder(), run.startNs, qint64(run.config.intervalMs) * 1000000);
    // A recorded program's run says what ran and names its culprits, as it did live.
    m_dashboard->stats()->setModeText(run.runtime);
    m_dashboard->setDescription(run.description);
    if (!run.program.isEmpty())
        m_dashboard->longTaskLog()->setCulprits(run.stalls);
    m_dashboard->setSummary(m_session->summary(), run.config, run.config.mode);
    m_followAction->setChecked(false);
    m_dashboard->refreshCharts(run.endNs);
    m_dashboard->setLive(false);
    m_dashboard->refreshCharts(run.endNs);
    if (path == autosavePath()) { // the interrupted run is back: nothing left to offer
        QSettings().setValue(QStringLiteral("recovery/pending"), false);
        m_recoveryBar->hide();
    } else {
        m_runFolder = QFileInfo(path).absolutePath();
    }
    m_recentRuns->add(path);
    setRunFile(path);
    updateRunActions();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    return true;
}

void MainWindow::listenForPrograms()
{
    connect(m_sources, &ProgramSources::sourceAdded, this, &MainWindow::addSourceItem);
    connect(m_sources, &ProgramSources::sourceChanged, this, &MainWindow::updateSourceItem);
    connect(m_sources, &ProgramSources::sourceEnded, this, &MainWindow::programEnded);
    QString error;
    if (m_sources->listen(&error)) {
        m_listening->setText(tr("Listening at %1").arg(QDir::toNativeSeparators(m_sources->path())));
        m_listening->setToolTip(ProgramSources::howToAttach());
    } else {
        // The window works as before; only programs cannot reach this one.
        m_listening->setText(tr("Not listening for programs: %1").arg(asSentence(error)));
        m_listening->setToolTip(tr("Programs report to the Loop Lab that listens there; close it and start this one "
                                   "again to see them here."));
    }
    m_recordAction->setEnabled(m_sources->isListening());
}

void MainWindow::addSourceItem(StreamSource *source)
{
    m_sourceBox->addItem(ProgramSources::label(*source));
    updateSourceItem(source);
    const StreamHello &h = source->recording().hello();
    if (source->recording().hasHello())
        statusBar()->showMessage(tr("%1 (pid %2) connected: pick it under Source to watch its loop.")
                                     .arg(h.program).arg(h.pid), 8000);
}

void MainWindow::updateSourceItem(StreamSource *source)
{
    const int index = int(m_sources->sources().indexOf(source)) + 1;
    if (index <= 0 || index >= m_sourceBox->count())
        return;
    const QString label = ProgramSources::label(*source);
    if (m_sourceBox->itemText(index) != label) {
        m_sourceBox->setItemText(index, label);
        m_sourceBox->setItemData(index, label, Qt::ToolTipRole);
        if (source == m_shown)
            m_dashboard->setDescription(describeProgram());
    }
}

StreamSource *MainWindow::shownSource() const
{
    return m_shown;
}

void MainWindow::showSource(StreamSource *source)
{
    if (source && m_session->isRunning())
        stopRun();
    m_shown = source;
    m_sourceBox->setCurrentIndex(int(m_sources->sources().indexOf(source)) + 1);
    m_liveStats.reset();
    m_dashboard->stats()->setModeText(source ? source->recording().hello().runtime : QString());
    if (!source) {
        m_dashboard->setDescription(QString());
        setRunFile(QString());
        if (m_session->recorder()) { // the last run, as it was left
            m_dashboard->setRecorder(m_session->recorder(), m_session->startNs(),
                                     qint64(m_session->config().intervalMs) * 1000000);
            m_dashboard->setSummary(m_session->summary(), m_session->config(), currentMode());
            m_followAction->setChecked(false);
            m_dashboard->setLive(false);
            m_dashboard->refreshCharts(m_session->endNs());
        } else {
            m_dashboard->clear(currentMode());
        }
        m_frameTimer.stop();
        updateRunActions();
        return;
    }
    setRunFile(QString());
    const StreamRecording &r = source->recording();
    if (!r.hasHello()) { // refused before it said who it is: nothing to draw
        m_dashboard->clear(currentMode());
        m_dashboard->setDescription(describeProgram());
        m_frameTimer.stop();
        updateRunActions();
        return;
    }
    m_dashboard->setRecorder(r.recorder(), r.startNs(), qint64(r.config().intervalMs) * 1000000);
    m_dashboard->longTaskLog()->setCulprits(r.stalls());
    m_dashboard->setDescription(describeProgram());
    m_statsShownNs = 0;
    if (source->isConnected()) {
        m_followAction->setChecked(true);
        m_dashboard->setLive(true);
        refreshProgram();
        m_frameTimer.start();
    } else {
        m_frameTimer.stop();
        programEnded(source);
    }
    updateRunActions();
}

void MainWindow::refreshProgram()
{
    const StreamRecording &r = m_shown->recording();
    // Live: up to now, so a stall shows as it grows; the program's clock is Loop Lab's.
    const qint64 now = m_shown->isConnected() ? qMax(r.endNs(), MonotonicClock::nowNs()) : r.endNs();
    m_dashboard->longTaskLog()->setCulprits(r.stalls());
    m_dashboard->refreshCharts(now);
    const qint64 shownNs = MonotonicClock::nowNs();
    if (shownNs - m_statsShownNs >= kStatsEveryNs) {
        m_statsShownNs = shownNs;
        const RunConfig config = r.config();
        m_liveStats.update(*r.recorder(), r.startNs(), now, qint64(config.intervalMs) * 1000000);
        Summary summary = m_liveStats.summary(config);
        Summarizer::setProgram(&summary, r.hello().program, r.hello().runtime);
        m_dashboard->setSummary(summary, config, currentMode());
    }
}

void MainWindow::programEnded(StreamSource *source)
{
    if (source != m_shown || !source->recording().hasHello())
        return;
    m_frameTimer.stop();
    const StreamRecording &r = source->recording();
    m_dashboard->longTaskLog()->setCulprits(r.stalls());
    m_dashboard->setSummary(programSummary(), r.config(), currentMode()); // exact, now that it is over
    m_dashboard->setDescription(describeProgram());
    m_dashboard->refreshCharts(r.endNs());
    m_followAction->setChecked(false); // shows the whole run
    m_dashboard->refreshCharts(r.endNs());
    updateRunActions();
}

Summary MainWindow::programSummary() const
{
    const StreamRecording &r = m_shown->recording();
    Summary s = Summarizer::summarize(*r.recorder(), r.config(), r.startNs(), r.endNs());
    Summarizer::setProgram(&s, r.hello().program, r.hello().runtime);
    return s;
}

QString MainWindow::describeProgram() const
{
    const StreamRecording &r = m_shown->recording();
    const StreamHello &h = r.hello();
    QString state;
    if (!m_shown->endReason().isEmpty())
        state = tr("Cut off: %1").arg(asSentence(m_shown->endReason()));
    else if (m_shown->isConnected())
        state = tr("Live: the program reports through its probe.");
    else
        state = tr("Ended: the program closed its connection.");
    if (!r.hasHello())
        return tr("A program that did not say who it is\n%1").arg(state);
    const QString runtime = h.runtimeVersion.isEmpty() ? h.runtime : h.runtime + QLatin1Char(' ') + h.runtimeVersion;
    return tr("Program: %1 · %2 · pid %3 · ticker every %4 ms · %n threads\n%5", nullptr, int(r.laneNames().size()))
        .arg(h.program, runtime)
        .arg(h.pid)
        .arg(h.intervalMs)
        .arg(state);
}

LoadedRun MainWindow::shownRun() const
{
    if (!m_shown)
        return m_session->snapshot();
    const StreamRecording &r = m_shown->recording();
    LoadedRun run;
    if (!r.hasHello())
        return run;
    run.recorder = r.recorder();
    run.config = r.config();
    run.startNs = r.startNs();
    run.endNs = r.endNs();
    run.program = r.hello().program;
    run.runtime = r.hello().runtime;
    run.description = describeProgram().section(QLatin1Char('\n'), 0, 0); // without the live state
    run.stalls = r.stalls();
    return run;
}

void MainWindow::showRecordDialog()
{
    QSettings settings;
    RecordProgramDialog dialog(this);
    dialog.setCommand(settings.value(QStringLiteral("record/command")).toString());
    dialog.setFolder(settings.value(QStringLiteral("record/folder"), QDir::homePath()).toString());
    if (dialog.exec() != QDialog::Accepted)
        return;
    settings.setValue(QStringLiteral("record/command"), dialog.command());
    settings.setValue(QStringLiteral("record/folder"), dialog.folder());
    recordProgram(dialog.command(), dialog.folder());
}

bool MainWindow::recordProgram(const QString &command, const QString &folder)
{
    QString error;
    if (!m_sources->isListening() || !m_sources->start(command, folder, configFromControls().intervalMs, &error)) {
        if (error.isEmpty())
            error = tr("Loop Lab is not listening for programs");
        showError(tr("The program was not started.\n\n%1\n\nCheck the command and the working folder, and "
                     "record again.").arg(asSentence(error)));
        return false;
    }
    statusBar()->showMessage(tr("Started %1: it appears under Source once its event loop starts.").arg(command), 8000);
    return true;
}

void MainWindow::showCompareDialog()
{
    auto *dialog = new CompareDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setBaseConfig(configFromControls());
    dialog->open();
}

void MainWindow::showExportDialog()
{
    const QString name = QStringLiteral("looplab-%1.png").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    ExportDialog dialog(QDir(m_exportFolder).filePath(name), this);
    dialog.setTarget(m_exportTarget);
    dialog.setScale(m_exportScale);
    if (dialog.exec() == QDialog::Accepted)
        exportPng(dialog.target(), dialog.scale(), dialog.path());
}

void MainWindow::showError(const QString &text)
{
    m_lastError = text;
    // Window-modal and asynchronous: a failed export must not stall the event loop it measures.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Loop Lab"), text, QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("errorBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showAbout()
{
    auto *box = new QMessageBox(QMessageBox::NoIcon, tr("About Loop Lab"),
        tr("<h3>Loop Lab %1</h3>"
           "<p>Makes event-loop lag visible: a ticker on the GUI thread measures how late it wakes "
           "while tasks run blocking on the loop or offloaded to a thread pool.</p>"
           "<p><b>Licence.</b> Loop Lab is free software: you can redistribute it and/or modify it under the "
           "terms of the GNU General Public License, version 3 or (at your option) any later version "
           "(GPL-3.0-or-later). It comes with no warranty. The full text is in the LICENSE file and, on "
           "Debian, in /usr/share/common-licenses/GPL-3.</p>"
           "<p><b>Qt %2.</b> Qt Core, Gui, Widgets and Concurrent are used under the GNU Lesser General "
           "Public License v3 (LGPL-3.0); Qt Charts under the GNU General Public License v3 (GPL-3.0), "
           "which is why Loop Lab is GPL too. Help &gt; About Qt has more.</p>"
           "<p>Application id: %3</p>")
            .arg(QStringLiteral(LOOPLAB_VERSION), QString::fromLatin1(qVersion()), QStringLiteral(LOOPLAB_APP_ID)),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setIconPixmap(QApplication::windowIcon().pixmap(64, 64));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showHowItMeasures()
{
    auto *box = new QMessageBox(QMessageBox::Information, tr("How Loop Lab measures"),
        tr("<h3>The ticker</h3>"
           "<p>A Linux timerfd on the GUI thread is armed every %1 ms at an absolute deadline. When the "
           "event loop gets round to it, Loop Lab reads the clock first and records how late it woke: "
           "that lateness is the lag every click and repaint would feel. Qt's own millisecond timers "
           "round by up to a millisecond, which would show up as lag on an idle loop.</p>"
           "<h3>Stall-corrected figures</h3>"
           "<p>A blocked loop takes no samples while it is blocked. The corrected histogram and p99 also "
           "count the ticks that should have fired during each stall.</p>"
           "<h3>Worker priority</h3>"
           "<p>Pool threads, the dedicated thread and worker processes run at nice %2. On a machine with "
           "two cores, two busy CPU workers otherwise compete with the GUI thread and add milliseconds of "
           "wake-up delay to a loop that is supposedly offloaded; at a lower priority the loop wins the CPU "
           "the moment it wakes, and the workers still get every cycle it does not use. The default pool "
           "size is the number of cores (%3 here).</p>"
           "<h3>The cost of watching</h3>"
           "<p>The charts are drawn on the GUI thread too, at most once per frame; the status bar shows what "
           "that drawing costs, so you can tell the lab's own lag from the lesson's.</p>")
            .arg(RunConfig().intervalMs)
            .arg(Executor::kWorkerNice)
            .arg(QThread::idealThreadCount()),
        QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::showLessonsBrowser()
{
    m_lessonsDock->show();
    m_lessonsDock->raise();
    m_lessons->focusList();
}

void MainWindow::setScheme(Appearance::Scheme scheme)
{
    for (QAction *a : m_schemeGroup->actions()) {
        if (Appearance::Scheme(a->data().toInt()) == scheme)
            a->setChecked(true);
    }
    Appearance::apply(scheme);
}

void MainWindow::resetToDefaults()
{
    if (m_session->isRunning())
        stopRun();
    QSettings().clear();
    restoreState(m_defaultState);
    m_lessonsDock->show();
    if (isMaximized() || isFullScreen())
        showNormal();
    resize(1280, 860);
    setControls(RunConfig());
    setMode(ExecMode::Inline);
    m_lessons->selectLesson(Lessons::all().constFirst().name);
    m_logScaleAction->setChecked(false);
    for (int i = 0; i < int(m_thresholdActions.size()); ++i)
        m_thresholdActions[i]->setChecked(m_defaultThresholds.value(i));
    setScheme(Appearance::Scheme::System);
    m_exportFolder = QStandardPaths::writableLocation(QStandardPaths::PicturesLocation);
    m_runFolder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    m_recentRuns->clear();
    m_exportTarget = ExportDialog::Target::Dashboard;
    m_exportScale = 1.0;
    statusBar()->showMessage(tr("Settings reset to their defaults."), 5000);
}

void MainWindow::readSettings()
{
    QSettings settings;
    setScheme(Appearance::parse(settings.value(QStringLiteral("view/theme")).toString()));
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 860);
    ExecMode mode = ExecMode::Inline;
    if (Kinds::parse(settings.value(QStringLiteral("run/mode")).toString(), &mode))
        setMode(mode);
    // The panel opens on the lesson last looked at; on a first start, on the lesson that
    // teaches the restored mode, so the card and the Mode buttons agree.
    QString lesson = settings.value(QStringLiteral("lessons/current")).toString();
    if (!Lessons::find(lesson)) {
        for (const Lesson &l : Lessons::all()) {
            if (l.preset.mode == mode) {
                lesson = l.name;
                break;
            }
        }
    }
    m_lessons->selectLesson(lesson);
    m_workload->readSettings(settings);
    m_logScaleAction->setChecked(settings.value(QStringLiteral("view/logScale"), false).toBool());
    const QString thresholds = settings.value(QStringLiteral("view/thresholds")).toString();
    for (int i = 0; i < int(m_thresholdActions.size()) && i < int(thresholds.size()); ++i)
        m_thresholdActions[i]->setChecked(thresholds.at(i) == QLatin1Char('1'));
    m_exportFolder = settings.value(QStringLiteral("export/folder"),
                                    QStandardPaths::writableLocation(QStandardPaths::PicturesLocation)).toString();
    m_runFolder = settings.value(QStringLiteral("files/runFolder"),
                                 QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation)).toString();
    m_exportScale = settings.value(QStringLiteral("export/scale"), 1.0).toReal();
    m_exportTarget = ExportDialog::Target(qBound(0, settings.value(QStringLiteral("export/target"), 0).toInt(), 2));
}

void MainWindow::writeSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("run/mode"), Kinds::name(currentMode()));
    m_workload->writeSettings(settings);
    settings.setValue(QStringLiteral("view/logScale"), m_logScaleAction->isChecked());
    settings.setValue(QStringLiteral("lessons/current"), m_lessons->currentLesson());
    QString thresholds;
    for (const QAction *line : m_thresholdActions)
        thresholds += line->isChecked() ? QLatin1Char('1') : QLatin1Char('0');
    settings.setValue(QStringLiteral("view/thresholds"), thresholds);
    settings.setValue(QStringLiteral("export/folder"), m_exportFolder);
    settings.setValue(QStringLiteral("files/runFolder"), m_runFolder);
    settings.setValue(QStringLiteral("export/scale"), m_exportScale);
    settings.setValue(QStringLiteral("export/target"), int(m_exportTarget));
    settings.setValue(QStringLiteral("view/theme"), Appearance::name(Appearance::current()));
}

void MainWindow::setRunFile(const QString &path)
{
    setWindowFilePath(path);
    setWindowTitle(path.isEmpty() ? tr("Loop Lab") : tr("%1 — Loop Lab").arg(QFileInfo(path).fileName()));
}

void MainWindow::offerRecovery()
{
    QSettings settings;
    const QString path = autosavePath();
    if (!settings.value(QStringLiteral("recovery/pending"), false).toBool() || !QFileInfo(path).isFile())
        return;
    connect(m_recoveryBar, &RecoveryBar::openRequested, this, &MainWindow::openRun);
    connect(m_recoveryBar, &RecoveryBar::dismissed, this,
            [] { QSettings().setValue(QStringLiteral("recovery/pending"), false); });
    m_recoveryBar->offer(path);
}

QString MainWindow::autosavePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/last-run.looplab.json");
}

void MainWindow::fitToolBars()
{
    if (!m_workload)
        return;
    QToolBar *lessonBar = m_workload->lessonSettingsBar();
    if (toolBarArea(lessonBar) != toolBarArea(m_workload))
        return; // moved by the user: theirs to place
    const int needed = m_workload->sizeHint().width() + lessonBar->sizeHint().width() + 8;
    const bool wrap = needed > width();
    if (wrap == toolBarBreak(lessonBar))
        return;
    if (wrap)
        insertToolBarBreak(lessonBar);
    else
        removeToolBarBreak(lessonBar);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    fitToolBars();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // Graceful shutdown: queued tasks are cancelled, running ones asked to stop and joined.
    const bool wasRunning = m_session->isRunning();
    m_session->stop();
    if (wasRunning) {
        // Closing is not a reason to lose what was measured: keep it without asking.
        const LoadedRun run = m_session->snapshot();
        const QString path = autosavePath();
        QString error;
        QDir().mkpath(QFileInfo(path).absolutePath());
        if (OutputSet::writeFile(path, RunFile::save(run), &error)) {
            statusBar()->showMessage(tr("Run saved to %1").arg(QDir::toNativeSeparators(path)));
            m_recentRuns->add(path);
            QSettings().setValue(QStringLiteral("recovery/pending"), true); // offered on the next start
        } else
            qWarning("looplab: the interrupted run was not saved: %s", qPrintable(error));
    }
    writeSettings();
    event->accept();
}
