#pragma once

#include "run/comparison.h"

#include <QDialog>
#include <QElapsedTimer>
#include <QTimer>

class ComparisonView;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSpinBox;

// Picks the modes, the work and the duration per mode, runs them one after another on
// this (the GUI) thread's event loop and shows the result below the controls. The runs
// are real: in the blocking modes this dialog freezes along with the loop it measures.
class CompareDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CompareDialog(QWidget *parent = nullptr);
    ~CompareDialog() override;

    // Everything but the mode, the work and the duration, which the dialog sets.
    void setBaseConfig(const RunConfig &base);
    // The config the next run uses: the base with the dialog's work and duration.
    RunConfig config() const;
    void setSelectedModes(const QList<ExecMode> &modes);
    QList<ExecMode> selectedModes() const;

    bool isRunning() const;
    ComparisonView *view() const { return m_view; }
    QVector<Comparison::Result> results() const;

    // Same as the buttons.
    bool run(QString *error = nullptr);
    void cancel();

    static QList<ExecMode> defaultModes();

protected:
    // Closing while running cancels the comparison first.
    void reject() override;

private:
    void onProgress(int index, int count, ExecMode mode);
    void onFinished();
    void updateProgressBar();
    void updateControls();
    void fitScreen();
    void exportPng();

    RunConfig m_base;
    RunConfig m_runConfig; // of the comparison shown or running
    Comparison *m_comparison = nullptr;
    QElapsedTimer m_runClock;
    QTimer m_progressTimer;
    int m_runIndex = 0;
    int m_runCount = 0;
    QString m_error;

    QList<QPair<ExecMode, QCheckBox *>> m_modeBoxes;
    QComboBox *m_work;
    QSpinBox *m_duration;
    QLabel *m_total;
    QPushButton *m_runButton;
    QPushButton *m_cancelButton;
    QPushButton *m_exportButton;
    QProgressBar *m_progress;
    QLabel *m_status;
    ComparisonView *m_view;
    QScrollArea *m_viewArea = nullptr;
};
