#pragma once

#include "engine/runconfig.h"
#include "stats/summary.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QVector>

#include <memory>

class Recorder;
class Session;

// The same workload run in several modes one after another, each a full Session on the
// calling thread's event loop, so the runs are measured exactly like a single run.
// Runs never overlap: the modes would compete for the cores and blur the comparison.
class Comparison : public QObject
{
    Q_OBJECT
public:
    struct Result
    {
        ExecMode mode = ExecMode::Inline;
        std::shared_ptr<const Recorder> recorder;
        qint64 startNs = 0;
        qint64 endNs = 0;
        Summary summary;
        // Stopped by cancel() before its duration was up; shorter than the others.
        bool interrupted = false;
    };

    explicit Comparison(QObject *parent = nullptr);
    ~Comparison() override;

    // The workload; its mode is replaced by each of modes() in turn.
    void setConfig(const RunConfig &base);
    RunConfig config() const { return m_base; }
    void setModes(const QList<ExecMode> &modes);
    QList<ExecMode> modes() const { return m_modes; }
    // The base config with mode replaced, as run and exported for that mode.
    RunConfig configFor(ExecMode mode) const;

    // Starts the first run and returns; the rest follow from the event loop. Refuses
    // (false and a sentence in error) no modes, a repeated mode, a duration of 0 (runs
    // must end by themselves) or a config that does not validate, and while running.
    bool start(QString *error = nullptr);
    // Stops the current run and skips the rest. What the current run measured so far is
    // kept, marked interrupted, unless it recorded no tick at all. Emits finished().
    void cancel();
    bool isRunning() const { return m_running; }
    bool wasCancelled() const { return m_cancelled; }
    // Index into modes() of the run in progress, -1 when idle.
    int currentIndex() const { return m_running ? m_index : -1; }

    // The runs measured so far, in the order of modes(); after cancel() the last one may be
    // interrupted.
    QVector<Result> results() const { return m_results; }

    // Empty when base and modes can be compared, else the reason.
    static QString validate(const RunConfig &base, const QList<ExecMode> &modes);
    // {"work", "duration_s", "modes": [names], "runs": [RunExport::summaryJson per run]}.
    static QJsonObject summaryJson(const QVector<Result> &results, const RunConfig &base);
    // One or two sentences ranking the runs: "Worst p99: gil 57 ms; best: process 0.30 ms. ..."
    static QString verdict(const QVector<Result> &results);
    // Lag in ms as the comparison prints it: two decimals below 10 ms, whole ms above.
    static QString formatMs(double ms);

signals:
    // Run index (of count) in mode is starting.
    void progress(int index, int count, ExecMode mode);
    // results().at(index) is ready.
    void runFinished(int index);
    // All runs done, or cancelled; results() holds what was measured.
    void finished();
    // A run could not start (the remaining ones are skipped); finished() follows.
    void failed(const QString &error);

private:
    bool startRun(QString *error);
    void startNext();
    void onSessionFinished();
    void collect(bool interrupted);
    void finish();

    RunConfig m_base;
    QList<ExecMode> m_modes;
    QVector<Result> m_results;
    Session *m_session = nullptr;
    int m_index = 0;
    bool m_running = false;
    bool m_cancelled = false;
};
