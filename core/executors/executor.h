#pragma once

#include "engine/kinds.h"

#include <QByteArray>
#include <QObject>

#include <atomic>
#include <memory>

class Recorder;

// What one task needs to run; copied to whichever thread runs it (the JSON bytes are
// implicitly shared, so the copy is cheap and read-only).
struct TaskRequest
{
    quint32 id = 0;
    WorkKind kind = WorkKind::Io;
    int ioMs = 0;
    QByteArray json;
};

// Runs tasks somewhere: on the loop thread, a pool, a thread, a process...
// submit() and shutdown() are called on the loop thread. Whatever thread runs a task
// records its start and end in the recorder; taskDone is emitted from that thread and
// reaches the loop thread by queued connection.
class Executor : public QObject
{
    Q_OBJECT
public:
    Executor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, QObject *parent = nullptr);

    virtual ExecMode mode() const = 0;
    virtual void submit(const TaskRequest &request) = 0;
    // Waits for running tasks after the cancel flag is set. False if they outlived the timeout.
    virtual bool shutdown(int timeoutMs) = 0;

    // Worker threads and processes run at this nice value, so that on a machine with few
    // cores the loop thread wins the CPU the moment it wakes (see README: worker priority).
    static constexpr int kWorkerNice = 10;
    // Applies kWorkerNice to the calling thread, once per thread.
    static void lowerCurrentThreadPriority();

signals:
    void taskDone(quint32 id, SpanState state);

protected:
    // Runs the task on the calling thread, recording it on the given lane.
    SpanState runTask(const TaskRequest &request, int lane);
    // The work itself, between the recorded start and end. Modes that wrap the work
    // (a GIL, a mutex) override this.
    virtual SpanState work(const TaskRequest &request);
    // Ends, as cancelled on the given lane, every task of this mode still queued. Only for
    // tasks taken off the queue at shutdown, which no thread can start any more.
    void cancelQueued(int lane);

    Recorder *m_recorder;
    std::shared_ptr<std::atomic_bool> m_cancel;
};
