#pragma once

#include "executors/process/wireprotocol.h"

// The child side of the process executor: `looplab --worker` reads requests on stdin, runs
// each with the same Workload as the other executors and answers on stdout, one task at a
// time with plain blocking reads (no event loop). SIGTERM cancels the running task, which
// answers "cancelled", and then ends the process; end of input ends it too.
class WorkerProcess
{
public:
    static int main();

private:
    static void onTerminate(int signalNumber);
    static WireProtocol::Response run(const WireProtocol::Request &request, qint64 recvNs);
    static bool writeAll(const QByteArray &bytes);
};
