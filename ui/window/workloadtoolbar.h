#pragma once

#include "engine/kinds.h"

#include <QToolBar>

#include <array>

class QComboBox;
class QSettings;
class QSpinBox;
struct RunConfig;

// The workload controls: this toolbar (what each task does, how long, how often, how many
// workers) and, as a toolbar of its own, the lessons' settings (GIL switch interval, queue
// capacity and item cost), which the window moves to a row of its own when narrow. The window
// owns both; the session hears of changes through the signals.
class WorkloadToolBar : public QToolBar
{
    Q_OBJECT
public:
    explicit WorkloadToolBar(QWidget *parent = nullptr);

    QToolBar *lessonSettingsBar() const { return m_lessonBar; }

    // The controls' workload on a default config (mode, duration and the rest untouched).
    RunConfig config() const;
    // The workers, the queue and the switch interval are fixed while a run goes on: running,
    // they keep their values.
    void setConfig(const RunConfig &config, bool running);
    // What applies to mode: no work kind for the queue lesson, the GIL and queue settings only
    // in their modes, and nothing fixed while running.
    void updateEnabled(ExecMode mode, bool running);

    // Under run/work, run/ioMs, ... (the keys the window has always used).
    void readSettings(const QSettings &settings);
    void writeSettings(QSettings &settings) const;

signals:
    // Apply to the next submitted task of a running session.
    void workChanged(WorkKind work);
    void ioMsChanged(int ms);
    void jsonKbChanged(int kb);
    void periodMsChanged(int ms);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    WorkKind work() const;
    void setWork(WorkKind work);

    QToolBar *m_lessonBar;
    QComboBox *m_work;
    // The numbers, in this order (the table in the .cpp says what each is).
    enum Spin { IoMs, JsonKb, PeriodMs, Workers, SwitchMs, QueueCapacity, ItemUs, SpinCount };
    std::array<QSpinBox *, SpinCount> m_spins{};
};
