#pragma once

#include "engine/runconfig.h"

#include <QString>

#include <memory>

class Recorder;

// A finished run's data, taken from a session or read back from a file: enough to redraw
// the charts, summarize and export again.
struct LoadedRun
{
    std::shared_ptr<Recorder> recorder;
    RunConfig config;
    qint64 startNs = 0;
    qint64 endNs = 0;
    QString lesson;
};
