#pragma once

#include "engine/kinds.h"

#include <QVector>

#include <array>

// A run's figures for the ticks that fell due while one mode was in force (all of that
// mode's segments together), for a run that switched modes.
struct ModeFigures
{
    ExecMode mode = ExecMode::Inline;
    qint64 ticks = 0;
    qint64 longTasks = 0;
    double p99Ms = 0;
    double maxMs = 0;
};

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
    // Stall-corrected: counting the ticks a blocked loop should have fired (see Statistics).
    double p95CorrectedMs = 0;
    double p99CorrectedMs = 0;
    qint64 missedTicks = 0;
    // Ticks at least Statistics::kBandsMs[i] late.
    std::array<qint64, 6> stallsAtLeast{};
    qint64 tasks = 0; // completed
    qint64 cancelled = 0;
    qint64 failed = 0;
    double taskMsMedian = 0;
    double queueWaitMsMedian = 0;
    qint64 longTasks = 0; // loop stalls of 50 ms or more
    double loopBusyPct = 0;
    double queueWaitMsMax = 0;
    // The loop thread blocked on other threads (waiting on a future, a mutex).
    qint64 loopWaits = 0;
    double loopWaitMs = 0;
    // The queue lesson: deepest queue and how often the producer was held back.
    qint64 maxQueueDepth = 0;
    qint64 producerWaits = 0;
    // The nested lesson: deepest nesting of event loops and handlers run re-entered.
    qint64 maxNestingDepth = 0;
    qint64 reentries = 0;
    // Ticks and spans older than the raw history window (Recorder::setRawHistory) whose
    // samples were dropped; counted above, and percentiles then come from histograms.
    qint64 decimatedTicks = 0;
    qint64 decimatedSpans = 0;
    // One entry per mode, in the order first used, when the run switched modes (raw ticks
    // only: a decimated part of a run is not split); empty otherwise.
    QVector<ModeFigures> byMode;
    QString verdict; // one or two sentences computed from the figures above
};
