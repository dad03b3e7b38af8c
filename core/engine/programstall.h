#pragma once

#include <QString>

// A stall a program's probe saw on its loop thread, with what the loop was doing meanwhile.
// Kept with the recording and in a saved run, so a reopened run still names its culprits.
struct ProgramStall
{
    qint64 startNs = 0;
    qint64 durationNs = 0;
    QString culprit;
    QString task; // the asyncio task, may be empty
};
