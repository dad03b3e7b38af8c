#pragma once

#include "stats/summary.h"

class LagHistogram;
class Recorder;
struct RunConfig;

// A run's Summary from its recorder, counted by the same tallies the live statistics use,
// with exact nearest-rank percentiles where nothing was decimated. The stats/ layer below
// never sees a recorder; this is where the two meet.
class Summarizer
{
public:
    static Summary summarize(const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs);
    // A recorded program is not one of Loop Lab's own workloads: its name and runtime say
    // what ran, in place of the work and mode.
    static void setProgram(Summary *s, const QString &program, const QString &runtime);
    // Raw and stall-corrected lateness histograms of a run, merged into *raw and *corrected.
    static void histograms(const Recorder &recorder, qint64 intervalNs, LagHistogram *raw, LagHistogram *corrected);
    // The modes the run used, in order of first use, joined by '+'; empty before the first switch.
    static QString modes(const Recorder &recorder);
};
