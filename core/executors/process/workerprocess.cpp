#include "executors/process/workerprocess.h"

#include "executors/executor.h"

#include "engine/monotonicclock.h"
#include "engine/workload.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <sys/prctl.h>
#include <unistd.h>

namespace {
// Set from the signal handler: a lock-free atomic store is async-signal-safe.
std::atomic_bool s_cancel{false};
static_assert(std::atomic_bool::is_always_lock_free, "the SIGTERM handler needs a lock-free flag");

constexpr size_t kReadChunk = 64 * 1024; // a pipe's whole capacity per read
} // namespace

void WorkerProcess::onTerminate(int)
{
    s_cancel.store(true, std::memory_order_relaxed);
}

int WorkerProcess::main()
{
    struct sigaction action = {};
    action.sa_handler = &WorkerProcess::onTerminate;
    sigemptyset(&action.sa_mask);
    action.sa_flags = 0; // no SA_RESTART: a read waiting for the next request returns EINTR
    sigaction(SIGTERM, &action, nullptr);
    // Ctrl+C in a terminal reaches the whole process group; the parent decides when we stop.
    std::signal(SIGINT, SIG_IGN);
    // A parent gone shows as a failed write instead of killing us mid-sentence.
    std::signal(SIGPIPE, SIG_IGN);
    // If the parent dies hard, a long task stops now rather than when it would have ended.
    prctl(PR_SET_PDEATHSIG, SIGTERM);
    // Like pool threads, workers yield the CPU to the parent's event loop.
    Executor::lowerCurrentThreadPriority();

    QByteArray buffer;
    char chunk[kReadChunk];
    for (;;) {
        WireProtocol::Request request;
        QString error;
        const WireProtocol::Status status = WireProtocol::takeRequest(&buffer, &request, &error);
        if (status == WireProtocol::Status::Taken) {
            const WireProtocol::Response response = run(request, MonotonicClock::nowNs());
            if (!writeAll(WireProtocol::encodeResponse(response))) {
                std::fprintf(stderr, "looplab worker: cannot answer: %s\n", std::strerror(errno));
                return 1;
            }
            if (s_cancel.load(std::memory_order_relaxed))
                return 0;
            continue;
        }
        if (status == WireProtocol::Status::Invalid) {
            std::fprintf(stderr, "looplab worker: bad request: %s\n", qPrintable(error));
            return 2;
        }
        if (s_cancel.load(std::memory_order_relaxed))
            return 0;
        const ssize_t n = ::read(STDIN_FILENO, chunk, sizeof chunk);
        if (n > 0) {
            buffer.append(chunk, qsizetype(n));
        } else if (n == 0) {
            if (buffer.isEmpty())
                return 0;
            std::fprintf(stderr, "looplab worker: input ended inside a request\n");
            return 2;
        } else if (errno != EINTR) {
            std::fprintf(stderr, "looplab worker: cannot read: %s\n", std::strerror(errno));
            return 1;
        }
    }
}

WireProtocol::Response WorkerProcess::run(const WireProtocol::Request &request, qint64 recvNs)
{
    WireProtocol::Response response;
    response.id = request.id;
    response.recvNs = recvNs;
    response.runNs = MonotonicClock::nowNs();
    if (request.kind == WorkKind::Io) {
        response.result = Workload::blockingIo(request.ioMs, s_cancel);
        response.state = s_cancel.load() ? SpanState::Cancelled : SpanState::Done;
    } else {
        response.result = Workload::parseAndWalk(request.payload, s_cancel);
        if (response.result >= 0)
            response.state = SpanState::Done;
        else
            response.state = s_cancel.load() ? SpanState::Cancelled : SpanState::Failed;
    }
    response.endNs = MonotonicClock::nowNs();
    return response;
}

bool WorkerProcess::writeAll(const QByteArray &bytes)
{
    const char *data = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(STDOUT_FILENO, data, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        left -= n;
    }
    return true;
}
