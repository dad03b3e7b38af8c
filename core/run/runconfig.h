#pragma once

#include "engine/kinds.h"

#include <QThread>

// Everything that describes one run. The window edits one of these; the command line
// parses one; the session runs one.
struct RunConfig
{
    WorkKind work = WorkKind::Io;
    ExecMode mode = ExecMode::Inline;
    double durationS = 5.0; // 0: until stopped
    int intervalMs = 10;    // ticker period
    int periodMs = 100;     // one task submitted every period
    int ioMs = 200;         // length of one blocking I/O task
    int jsonKb = 2048;      // size of the JSON document a CPU task parses
    int workers = QThread::idealThreadCount();
    int switchMs = 5;        // gil: how long a waiting thread lets the holder run (sys.setswitchinterval)
    int queueCapacity = 32;  // queue: bound of the producer → loop queue
    int itemUs = 2000;       // queue: loop time spent handling one item
    // Raw ticks and spans are kept for this many seconds; older ones are decimated into
    // counts, histograms and per-interval ranges, so memory stays bounded. 0: keep all.
    int rawHistoryS = 300;
    QString workerProgram;   // process: the looplab binary to start with --worker (default: this one)

    // A CPU task holds about 14 bytes of memory per byte of JSON while it parses (Qt's
    // parser builds the whole document). One document stays well inside a desktop's memory,
    // and so do all workers parsing at once.
    static constexpr int kMaxJsonKb = 65536;
    static constexpr int kMaxJsonInFlightKb = 262144; // json-kb × workers, cpu work

    // An empty string when every field is in range, else one sentence naming the culprit.
    QString validate() const;
};
