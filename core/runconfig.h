#pragma once

#include "kinds.h"

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

    // An empty string when every field is in range, else one sentence naming the culprit.
    QString validate() const;
};
