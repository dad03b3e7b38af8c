#include "executors/inlineexecutor.h"

void InlineExecutor::submit(const TaskRequest &request)
{
    runTask(request, 0); // lane 0 is the loop thread
}
