#pragma once

#include "kinds.h"

// The key figures of one run, as printed, saved as JSON and drawn into exported images.
struct Summary
{
    QString work;
    QString mode; // the mode at the end, or "a+b" when the run switched
    double durationS = 0;
    int intervalMs = 0;
    qint64 ticks = 0;
    double p50Ms = 0;
    double p95Ms = 0;
    double p99Ms = 0;
    double maxMs = 0;
    qint64 tasks = 0; // completed
    qint64 cancelled = 0;
    qint64 failed = 0;
    double taskMsMedian = 0;
    double queueWaitMsMedian = 0;
    qint64 longTasks = 0; // loop stalls of 50 ms or more
    double loopBusyPct = 0;
};
