#pragma once

#include "engine/programstall.h"
#include "engine/runconfig.h"

#include <QString>
#include <QVector>

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
    // A program recorded through its probe, not one of Loop Lab's own workloads: its name and
    // runtime stand where the workload and mode would, and description replaces the line that
    // describes the workload. All empty for Loop Lab's own runs.
    QString program;
    QString runtime;
    QString description;
    // The stalls its probe reported, in start order; empty for Loop Lab's own runs.
    QVector<ProgramStall> stalls;
};
