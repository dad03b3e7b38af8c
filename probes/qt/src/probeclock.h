#pragma once

#include <cstdint>
#include <ctime>

#include <sys/syscall.h>
#include <unistd.h>

// The clock and thread ids of the stream (docs/PROTOCOL.md): CLOCK_MONOTONIC, gettid().
namespace ProbeClock {

inline int64_t nowNs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

inline int32_t currentTid()
{
    // gettid() once per thread: glibc 2.30+ has it, a syscall is the same for older ones.
    static thread_local int32_t tid = 0;
    if (tid == 0)
        tid = int32_t(::syscall(SYS_gettid));
    return tid;
}

} // namespace ProbeClock
