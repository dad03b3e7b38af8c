#pragma once

#include "executors/executor.h"

#include <QThread>

// A dedicated QThread running its own event loop; each task is posted to a worker object
// living there with QMetaObject::invokeMethod (queued), and its result comes back to the
// loop by queued signal. Tasks run one after another on "thread-1".
// (asyncio: a loop in its own thread fed with asyncio.run_coroutine_threadsafe.)
class ThreadExecutor : public Executor
{
    Q_OBJECT
public:
    ThreadExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, QObject *parent = nullptr);
    ~ThreadExecutor() override;

    ExecMode mode() const override { return ExecMode::Thread; }
    void submit(const TaskRequest &request) override;
    bool shutdown(int timeoutMs) override;

private:
    QThread m_thread;
    QObject *m_worker;
    int m_lane;
};
