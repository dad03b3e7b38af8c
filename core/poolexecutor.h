#pragma once

#include "executor.h"

#include <QThreadPool>

// Offloads each task to a QThreadPool owned by the run, through QtConcurrent::run
// (asyncio: loop.run_in_executor(pool, fn) / asyncio.to_thread).
// With fewer workers than the load, tasks queue: the queue wait shows on the timeline.
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

private:
    QThreadPool m_pool;
};
