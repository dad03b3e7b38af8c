#pragma once

#include "engine/kinds.h"

#include <QThread>
#include <QVector>

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

// One whole-number parameter of a run. Validation, the command line, scenario files, run
// files, traces and the summary JSON all read this one table, so a new parameter costs a row.
// (work, mode and duration are not whole numbers and are spelled out where they are used.)
struct RunParameter
{
    const char *option;    // command-line option and scenario key: "io-ms"
    const char *key;       // key in run files, traces and the summary JSON: "io_ms"
    int RunConfig::*field;
    int min;
    int max;
    const char *unit;      // after the range in an error: "ms", "KB", "items" (UTF-8)
    const char *zeroMeans; // what 0 stands for where it is special ("keep all"), else nullptr
    const char *valueName; // in the command-line help: "MS"
    const char *help;      // command-line help; {default}, {max} and {inflight} are filled in
    bool perRun;           // false: how this process keeps its data, so not in any file

    // The help with its placeholders filled from RunConfig's defaults.
    QString helpText() const;
    // Empty when value is in range, else "io-ms must be between 0 and 600000 ms".
    QString check(int value) const;

    static const QVector<RunParameter> &all();
};
