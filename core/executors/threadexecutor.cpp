#include "executors/threadexecutor.h"

#include "engine/handoff.h"
#include "engine/recorder.h"

#include <QCoreApplication>

ThreadExecutor::ThreadExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, QObject *parent)
    : Executor(recorder, std::move(cancel), parent)
    , m_worker(new QObject)
    , m_lane(recorder->registerLane(QStringLiteral("thread-1")))
{
    m_thread.setObjectName(QStringLiteral("looplab-thread"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, [] { lowerCurrentThreadPriority(); }, Qt::QueuedConnection);
}

ThreadExecutor::~ThreadExecutor()
{
    m_cancel->store(true);
    m_thread.quit();
    m_thread.wait();
    Handoff::receive(this); // the worker's last touch of this executor is behind us
}

void ThreadExecutor::submit(const TaskRequest &request)
{
    QMetaObject::invokeMethod(m_worker, [this, request] {
        runTask(request, m_lane);
        Handoff::publish(this); // for the thread that waits for ours and then deletes us
    }, Qt::QueuedConnection);
}

bool ThreadExecutor::shutdown(int timeoutMs)
{
    // Tasks still queued never start: drop their posted calls rather than run each one only
    // to cancel it, so that shutdown waits for the running task alone.
    QCoreApplication::removePostedEvents(m_worker, QEvent::MetaCall);
    QMetaObject::invokeMethod(m_worker, [this] { m_thread.quit(); }, Qt::QueuedConnection);
    const bool done = m_thread.wait(QDeadlineTimer(timeoutMs));
    if (done)
        Handoff::receive(this);
    cancelQueued(m_lane);
    return done;
}
