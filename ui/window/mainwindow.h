#pragma once

#include "style/appearance.h"
#include "export/exportdialog.h"
#include "engine/kinds.h"
#include "run/livestats.h"
#include "window/drawmeter.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class Dashboard;
class LessonsPanel;
class ProgramSources;
class QComboBox;
class StreamSource;
struct LoadedRun;
class RecentRuns;
class RecoveryBar;
class QActionGroup;
class QDockWidget;
class QLabel;
class Session;
class WorkloadToolBar;
struct RunConfig;
struct Summary;

// The Loop Lab window: a toolbar to toggle where tasks run, the workload controls
// (WorkloadToolBar), and the dashboard (statistics, latency chart, timeline) refreshed at
// most once per frame.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    Session *session() const { return m_session; }
    Dashboard *dashboard() const { return m_dashboard; }
    ExecMode currentMode() const;
    void setMode(ExecMode mode);

    // Runs a lesson (see Lessons) with its whole preset: a run in progress stops first. The
    // lesson ends after its duration, unless keepRunning(), and shows its verdict.
    bool applyLesson(const QString &name);
    // Run > Keep running: the timed run (a lesson) goes on until Stop.
    void keepRunning();
    // applyLesson() once the window is on screen, so its first layout and paint are not
    // measured as the run's first stall.
    void applyLessonWhenShown(const QString &name);
    // A run of the controls' settings: until stopped, or for durationS seconds.
    void startRun(double durationS = 0);
    void stopRun();
    void toggleRun();
    void clearRun();
    // Writes a PNG of target; on failure shows a message box with the reason and returns false.
    bool exportPng(ExportDialog::Target target, qreal scale, const QString &path);
    QString lastError() const { return m_lastError; }
    // File > Open run / Save run / Export trace, without dialogs (the dialogs call these).
    bool openRun(const QString &path);
    bool saveRun(const QString &path);
    bool exportTrace(const QString &path);
    // View > Reset to defaults: layout, mode, workload, view options, theme and export folder.
    void resetToDefaults();
    // View > Theme.
    void setScheme(Appearance::Scheme scheme);
    // Where closing the window during a run saves that run (File > Open loads it).
    static QString autosavePath();
    // The folder File → Open and Save run start in: the last one a run was opened from or
    // saved to (exports keep their own).
    QString runFolder() const { return m_runFolder; }
    RecentRuns *recentRuns() const { return m_recentRuns; }

    // The programs reporting to the window (docs/PROTOCOL.md) and the Source chooser.
    ProgramSources *programSources() const { return m_sources; }
    QComboBox *sourceChooser() const { return m_sourceBox; }
    // Shows a program's run in the dashboard, live while it streams; null: the built-in
    // experiment's (its last run, if any). A built-in run going on stops first.
    void showSource(StreamSource *source);
    StreamSource *shownSource() const;
    // File > Record a program, without the dialog: starts command in folder with the probe.
    bool recordProgram(const QString &command, const QString &folder);
    // Our own drawing's GUI-thread slices and the ticks that fell due in them (status bar).
    const DrawMeter &drawMeter() const { return m_drawMeter; }
    // Matches the ticks recorded so far with the slices and shows the figures.
    void updateDrawMeter();

protected:
    void closeEvent(QCloseEvent *event) override;
    bool event(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void createActions();
    void createToolBars();
    void createMenus();
    void readSettings();
    void writeSettings() const;
    RunConfig configFromControls() const;
    void onFrame();
    void onDrawn();
    void showPaintCost();
    void onStarted();
    void onFinished();
    void updateRunActions();
    void showExportDialog();
    QString askSavePath(const QString &title, const QString &filter, const QString &suffix, const QString &folder);
    bool writeFile(const QString &path, const QByteArray &data);
    void showCompareDialog();
    void showAbout();
    void showHowItMeasures();
    void showLessonsBrowser();
    void showError(const QString &text);
    // The window title names the run file on show, as editors do; empty: a new run.
    void setRunFile(const QString &path);
    void offerRecovery();
    void fitToolBars();
    void updateControlsForMode();
    void setControls(const RunConfig &config);
    void listenForPrograms();
    void addSourceItem(StreamSource *source);
    void updateSourceItem(StreamSource *source);
    void refreshProgram();
    void programEnded(StreamSource *source);
    Summary programSummary() const;
    QString describeProgram() const;
    // What Save run and Export trace write: the shown program's run or the session's.
    LoadedRun shownRun() const;
    void showRecordDialog();

    Session *m_session;
    Dashboard *m_dashboard;
    LiveStats m_liveStats;
    QTimer m_frameTimer;
    qint64 m_statsShownNs = 0; // when the live run's figures were last updated

    QActionGroup *m_modeGroup = nullptr;
    QAction *m_startStopAction = nullptr;
    QAction *m_clearAction = nullptr;
    QAction *m_keepRunningAction = nullptr;
    QAction *m_exportAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_saveAction = nullptr;
    QAction *m_traceAction = nullptr;
    QAction *m_compareAction = nullptr;
    QAction *m_followAction = nullptr;
    QAction *m_logScaleAction = nullptr;
    QAction *m_recordAction = nullptr;
    QList<QAction *> m_thresholdActions;
    QList<QAction *> m_timelineActions; // zoom, pan, whole run: the timeline's keys
    QActionGroup *m_schemeGroup = nullptr;
    QVector<bool> m_defaultThresholds;
    QByteArray m_defaultState; // toolbars and dock as first laid out, for Reset to defaults
    WorkloadToolBar *m_workload = nullptr;
    LessonsPanel *m_lessons = nullptr;
    QDockWidget *m_lessonsDock = nullptr;
    QLabel *m_paintCost = nullptr;
    QLabel *m_drawSlices = nullptr;
    DrawMeter m_drawMeter;
    qint64 m_drawShownNs = 0;
    ProgramSources *m_sources = nullptr;
    QComboBox *m_sourceBox = nullptr;
    QLabel *m_listening = nullptr;
    QPointer<StreamSource> m_shown; // null: the built-in experiment

    QString m_exportFolder;
    QString m_runFolder;
    RecentRuns *m_recentRuns = nullptr;
    RecoveryBar *m_recoveryBar = nullptr;
    ExportDialog::Target m_exportTarget = ExportDialog::Target::Dashboard;
    qreal m_exportScale = 1.0;
    QString m_lastError;
    QString m_pendingLesson;
};
