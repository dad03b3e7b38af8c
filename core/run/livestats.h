#pragma once

#include "stats/laghistogram.h"
#include "stats/spantally.h"
#include "stats/ticktally.h"
#include "stats/summary.h"

#include <QVector>

class Recorder;
struct RunConfig;

// Statistics of a run in progress, updated from what the recorder gained since the last
// call: O(new ticks + unfinished spans) per update, however long the run. Percentiles come
// from histograms (within 1.6 %); the exact figures are Summarizer::summarize at the end.
class LiveStats
{
public:
    void reset();
    void update(const Recorder &recorder, qint64 startNs, qint64 nowNs, qint64 intervalNs);
    Summary summary(const RunConfig &config) const;

private:
    TickTally m_ticksTally;
    SpanTally m_tally;
    quint32 m_nextTick = 0;
    quint32 m_nextSpan = 0;
    QVector<quint32> m_unfinished;
    qint64 m_decimatedTicks = 0;
    qint64 m_decimatedSpans = 0;
    qint64 m_maxQueueDepth = 0;
    qint64 m_maxNestingDepth = 0;
    qsizetype m_queueSamples = 0;
    qsizetype m_nestingSamples = 0;
    qsizetype m_reentries = 0;
    qint64 m_loopBusyNs = 0;        // finished spans on the loop lane
    qint64 m_loopBusyRunningNs = 0; // the one running there now
    qint64 m_intervalNs = 0;
    qint64 m_startNs = 0;
    qint64 m_nowNs = 0;
    QString m_modes;
};
