#pragma once

#include "executors/executor.h"

// Runs the task right here on the loop thread, blocking it: the lesson's bad example.
class InlineExecutor : public Executor
{
    Q_OBJECT
public:
    using Executor::Executor;
    ExecMode mode() const override { return ExecMode::Inline; }
    void submit(const TaskRequest &request) override;
    bool shutdown(int) override { return true; }
};
