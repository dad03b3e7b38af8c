#pragma once

#include "executors/poolexecutor.h"

// Offloads the task, then blocks the loop until it is done (asyncio: future.result() or
// asyncio.run() inside the loop; Qt: QFuture::waitForFinished()). Looks offloaded, blocks anyway.
class WaitExecutor : public PoolExecutor
{
    Q_OBJECT
public:
    using PoolExecutor::PoolExecutor;
    ExecMode mode() const override { return ExecMode::Wait; }
    void submit(const TaskRequest &request) override;
};
