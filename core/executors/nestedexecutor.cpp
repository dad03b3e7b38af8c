#include "executors/nestedexecutor.h"

#include "engine/monotonicclock.h"
#include "engine/recorder.h"

#include <QEventLoop>
#include <QFutureWatcher>

NestedExecutor::~NestedExecutor()
{
    *m_alive = false;
    quitLoops();
}

void NestedExecutor::submit(const TaskRequest &request)
{
    if (!m_loops.isEmpty()) // this handler was entered from inside another one's wait
        m_recorder->addCounter(Counter::Reentry, MonotonicClock::nowNs(), double(m_loops.size()));
    if (m_loops.size() >= kMaxDepth) {
        startTask(request, nullptr); // in the pool's queue, in order with the waited-on ones
        return;
    }
    QFutureWatcher<void> watcher;
    QEventLoop loop;
    connect(&watcher, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(startOnPool(request));

    const std::shared_ptr<bool> alive = m_alive;
    m_loops.append(&loop);
    m_recorder->addCounter(Counter::NestingDepth, MonotonicClock::nowNs(), double(m_loops.size()));
    loop.exec();
    if (!*alive)
        return; // the run was stopped and this executor deleted while we waited
    m_loops.removeOne(&loop);
    m_recorder->addCounter(Counter::NestingDepth, MonotonicClock::nowNs(), double(m_loops.size()));
}

bool NestedExecutor::shutdown(int timeoutMs)
{
    quitLoops();
    return PoolExecutor::shutdown(timeoutMs);
}

void NestedExecutor::quitLoops()
{
    for (QEventLoop *loop : std::as_const(m_loops))
        loop->quit();
}
