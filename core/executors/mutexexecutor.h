#pragma once

#include "executors/poolexecutor.h"

#include <QMutex>

// Offloads the task, but the worker holds a mutex for the whole task and the loop's submit
// handler locks the same mutex to read shared state: the loop waits for the worker.
// (asyncio: a threading.Lock shared between a to_thread worker and a coroutine.)
class MutexExecutor : public PoolExecutor
{
    Q_OBJECT
public:
    using PoolExecutor::PoolExecutor;
    ~MutexExecutor() override;
    ExecMode mode() const override { return ExecMode::Mutex; }
    void submit(const TaskRequest &request) override;

protected:
    SpanState work(const TaskRequest &request) override;

private:
    QMutex m_shared;
    int m_tasksSubmitted = 0; // the "shared state" the handler reads under the lock
};
