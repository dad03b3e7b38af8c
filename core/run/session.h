#pragma once

#include "engine/runconfig.h"
#include "engine/loadedrun.h"
#include "stats/summary.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <atomic>
#include <memory>

class Executor;
class Gil;
class QueueExecutor;
class Recorder;
class TickerProbe;

// One run of the experiment on the thread that owns the session (the loop thread):
// a ticker probe measuring that thread's lag, a timer submitting one task every period
// to the executor of the current mode, and a recorder holding all of it.
// The window and the command line drive this same class.
class Session : public QObject
{
    Q_OBJECT
public:
    explicit Session(QObject *parent = nullptr);
    ~Session() override;

    // Settings for the next start(). Mode, work and task parameters may also change
    // while running: they apply to the next submitted task.
    void setConfig(const RunConfig &config);
    RunConfig config() const { return m_config; }
    void setMode(ExecMode mode);
    void setWork(WorkKind work);
    void setIoMs(int ms);
    void setJsonKb(int kb);
    void setPeriodMs(int ms);

    bool start(QString *error = nullptr);
    // Cancels queued tasks, asks running ones to stop and joins them (bounded wait).
    void stop();
    // Submits count tasks at once to the current mode's executor, as a burst of load
    // arriving together (stress tests); modes that run tasks on the loop thread block it
    // for all of them. Nothing while stopped or in queue mode.
    void submitBurst(int count);
    // Forgets the recorded data of the last run (not while running).
    void clear();
    // A run with a duration (a lesson's 5 s) goes on until stop(): the user wants more.
    // Nothing while stopped or when the run has no duration.
    void keepRunning();
    // Milliseconds until a run with a duration ends by itself; -1 when it will not.
    int remainingMs() const;

    bool isRunning() const { return m_running; }
    // The recorder of the current or last run; null before the first start or after clear().
    std::shared_ptr<const Recorder> recorder() const { return m_recorder; }
    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const; // now while running
    Summary summary() const;
    // The current or last run as data (recorder shared, not copied).
    LoadedRun snapshot() const;
    // Shows a run read from a file as if it had just finished (not while running).
    bool loadRun(const LoadedRun &run);

    static constexpr int kShutdownTimeoutMs = 2000;
    // How often old samples are decimated (RunConfig::rawHistoryS).
    static constexpr int kCompactMs = 2000;

signals:
    void started();
    void finished();
    void modeChanged(ExecMode mode);
    void taskFinished(quint32 id, SpanState state);

private:
    void submitOne();
    void submitNow();
    Executor *executorFor(ExecMode mode);
    const QByteArray &jsonDocument();
    void startQueue();
    void stopQueue();

    RunConfig m_config;
    bool m_running = false;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    std::shared_ptr<Recorder> m_recorder;
    // A recorded program's run read from a file: its name, runtime, description and stalls
    // (no recorder); empty for Loop Lab's own runs.
    LoadedRun m_program;
    std::shared_ptr<std::atomic_bool> m_cancel;
    TickerProbe *m_probe = nullptr;
    QHash<int, Executor *> m_executors;
    std::unique_ptr<Gil> m_gil;
    QueueExecutor *m_queue = nullptr;
    QTimer m_submitTimer;
    QTimer m_durationTimer;
    QTimer m_compactTimer;
    QByteArray m_json;
    int m_jsonKbGenerated = 0;
};
