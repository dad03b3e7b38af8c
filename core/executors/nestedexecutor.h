#pragma once

#include "executors/poolexecutor.h"

#include <QList>

class QEventLoop;

// Offloads the task, then waits for it in a local QEventLoop::exec() on the loop thread
// (asyncio: nest_asyncio). Ticks keep flowing, but every handler may now run re-entered
// inside the wait: the submit handler itself does, nesting deeper and deeper. The nesting
// depth and each re-entry are recorded as counters.
class NestedExecutor : public PoolExecutor
{
    Q_OBJECT
public:
    using PoolExecutor::PoolExecutor;
    ~NestedExecutor() override;

    ExecMode mode() const override { return ExecMode::Nested; }
    void submit(const TaskRequest &request) override;
    bool shutdown(int timeoutMs) override;
    int depth() const { return int(m_loops.size()); }
    // Beyond this depth a submit offloads without waiting: an open-ended run would otherwise
    // nest until the stack runs out (which is where real code ends up).
    static constexpr int kMaxDepth = 64;

private:
    void quitLoops();

    QList<QEventLoop *> m_loops; // innermost last
    // Shared with every submit() on the stack, which must not touch a deleted executor.
    std::shared_ptr<bool> m_alive = std::make_shared<bool>(true);
};
