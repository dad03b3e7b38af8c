#pragma once

#include <QtGlobal>
#include <time.h>

// One time base for everything Loop Lab records: CLOCK_MONOTONIC in nanoseconds.
// The ticker's timerfd is armed on the same clock, so expected and actual times compare exactly.
class MonotonicClock
{
public:
    static qint64 nowNs()
    {
        timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
    }
};
