#pragma once

#include "executors/executor.h"

#include <QFuture>
#include <QThreadPool>

#include <deque>
#include <mutex>

class QSemaphore;

// Offloads each task to a QThreadPool owned by the run
// (asyncio: loop.run_in_executor(pool, fn) / asyncio.to_thread).
// With fewer workers than the load, tasks queue: the queue wait shows on the timeline.
// submit() queues in our own FIFO, drained by at most one runnable per worker: QThreadPool's
// queue costs an allocation per task and an enqueue that scans every queued page.
// The lessons that offload and then do something questionable on the loop (wait, nested,
// mutex, gil) build on this class.
class PoolExecutor : public Executor
{
    Q_OBJECT
public:
    PoolExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers,
                 QObject *parent = nullptr);
    ~PoolExecutor() override;

    ExecMode mode() const override { return ExecMode::Pool; }
    void submit(const TaskRequest &request) override;
    bool shutdown(int timeoutMs) override;
    int workers() const { return m_pool.maxThreadCount(); }

protected:
    QFuture<void> startOnPool(const TaskRequest &request);
    // Runs the task on a pool thread and releases done, if given, once it has ended.
    void startTask(const TaskRequest &request, QSemaphore *done);
    // Lanes of this executor's threads are named "<prefix>-N".
    virtual QString lanePrefix() const { return QStringLiteral("pool"); }
    // Begins and ends a Wait span on the loop lane: the loop is stuck, not working.
    quint32 beginLoopWait();
    void endLoopWait(quint32 waitId);
    // Cancels and joins every pool task. Executors that override work() call it in their
    // destructor: a task that outlived shutdown() must not find their members, or their
    // override, already gone when the base destructor gets to join it.
    void joinPool();

private:
    class Task;
    void runOnPoolThread(const TaskRequest &request);
    // Runs queued tasks on the calling pool thread until the queue is empty.
    void drain();

    QThreadPool m_pool;
    const int m_workers;
    // std::mutex, not QMutex: ThreadSanitizer sees pthread locking, not Qt's futex path.
    std::mutex m_queueMutex;
    std::deque<TaskRequest> m_queue;
    int m_drainers = 0; // started on m_pool and not yet returned; under m_queueMutex
};
