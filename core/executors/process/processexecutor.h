#pragma once

#include "executors/executor.h"

#include <QProcess>
#include <QQueue>
#include <QString>

#include <vector>

// Runs each task in one of a few `looplab --worker` child processes (asyncio:
// loop.run_in_executor(ProcessPoolExecutor(), fn)). The request, with the whole JSON
// document of a CPU task, travels through the child's stdin and the answer comes back as
// one line on its stdout (see WireProtocol); the loop thread only moves bytes, driven by
// QProcess signals. A span's [start, run) is that trip: serialisation, pipe, child's read.
// Each child has its own lane, "process-1", "process-2", ..., kept by its replacement
// when a child dies.
class ProcessExecutor : public Executor
{
    Q_OBJECT
public:
    // An empty program means this executable (QCoreApplication::applicationFilePath()).
    ProcessExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers, QString program,
                    QObject *parent = nullptr);
    ~ProcessExecutor() override;

    ExecMode mode() const override { return ExecMode::Process; }
    void submit(const TaskRequest &request) override;
    // Cancels queued tasks, sends SIGTERM to busy children and closes every child's input;
    // kills whatever is left at the timeout. Every child is reaped before it returns.
    bool shutdown(int timeoutMs) override;

    int workers() const { return int(m_workers.size()); }
    // Children started and able to take a task now or after their current one.
    int startedWorkers() const;
    // Each child's process id, 0 where none is running.
    QList<qint64> processIds() const;

    static constexpr int kMaxRestarts = 3; // deaths in a row before a worker slot gives up

private:
    enum class State { Starting, Idle, Busy, Dying, Stopped, Broken };

    struct Worker
    {
        QProcess *process = nullptr;
        int lane = 0;
        State state = State::Stopped;
        quint32 task = 0;  // while Busy
        QByteArray output; // stdout read but not yet a whole line
        int failures = 0;  // deaths since the last good answer
    };

    void startWorker(int index);
    void retire(int index);
    void dispatch();
    void send(int index, const TaskRequest &request);
    void onStarted(int index);
    void onReadyRead(int index);
    void onFinished(int index, int exitCode, QProcess::ExitStatus status);
    void onFailedToStart(int index);
    void protocolError(int index, const QString &message);
    void endTask(quint32 id, qint64 ns, SpanState state);
    // Ends a task that never reached a child, on the first lane so it is drawn somewhere.
    void endUndispatched(quint32 id, SpanState state);
    void failPendingIfHopeless();

    std::vector<Worker> m_workers; // never resized: handlers hold indexes into it
    QQueue<TaskRequest> m_pending;
    QString m_program;
    int m_lastSent = -1; // the child given the last task
    bool m_stopping = false;
    bool m_startWarned = false;
};
