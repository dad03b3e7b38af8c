#pragma once

#include "engine/programstall.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "stream/streamevent.h"

#include <QHash>
#include <QStringList>
#include <QVector>

#include <memory>

// A "looplab.counter" series of the program's own (the Recorder's counters are Loop Lab's).
struct StreamCounter
{
    QString name;
    QVector<CounterSample> samples;
};

// One program's run as its stream told it: ticks and task spans go into a Recorder, as a
// run of Loop Lab's own does, so Summarizer and the timeline read it unchanged; the rest the
// Recorder cannot hold (span names, stalls, lane renames, the probe's drops) is kept here.
// Lanes: 0 is the loop thread, the others are threads in the order they first appear. The
// Recorder keeps the name a lane had when it appeared; laneNames() has the latest.
// Fed on one thread; recorder() may be read from others as the Recorder allows.
class StreamRecording
{
public:
    // What the recording keeps of things a program can send without end.
    static constexpr int kMaxSpanNames = 65536; // distinct; spans named after that get no name
    static constexpr int kMaxCounters = 256;    // series; samples of others are ignored
    static constexpr int kMaxStalls = 65536;    // later ones are ignored

    // Raw ticks and spans older than rawHistoryNs are decimated, as in a run of Loop Lab's
    // own (RunConfig::rawHistoryS), so a program that streams for hours stays in bounded memory.
    explicit StreamRecording(qint64 rawHistoryNs = qint64(RunConfig().rawHistoryS) * 1000000000);

    // Call once, before apply(): the hello names the loop lane and sets the time base.
    void setHello(const StreamHello &hello);
    void apply(const StreamEvent &event);
    void apply(const QVector<StreamEvent> &events);

    bool hasHello() const { return m_hasHello; }
    const StreamHello &hello() const { return m_hello; }
    std::shared_ptr<Recorder> recorder() const { return m_recorder; }
    // What Summarizer::summarize needs besides the recorder: the hello's ticker interval.
    RunConfig config() const;
    // The time of the first and of the last event (their ends for spans and stalls),
    // metadata left out; the hello's ts before anything else arrives.
    qint64 startNs() const { return m_startNs; }
    qint64 endNs() const { return m_endNs; }

    QStringList laneNames() const { return m_laneNames; }
    int laneOf(qint64 tid) const { return m_lanes.value(tid, -1); }
    QString processName() const { return m_processName; }
    // By Recorder span id.
    QString spanName(quint32 id) const;
    StreamEvent::TaskKind spanKind(quint32 id) const;
    const QVector<ProgramStall> &stalls() const { return m_stalls; }
    const QVector<StreamCounter> &counters() const { return m_counters; }
    // The probe's own count of the events it could not send.
    qint64 dropped() const { return m_dropped; }
    // Valid events not recorded: unknown to Loop Lab, or beyond the caps above.
    qint64 ignored() const { return m_ignored; }

private:
    int laneFor(qint64 tid);
    quint32 addSpan(const StreamEvent &event);
    void seen(qint64 ns);
    // At most once per second of the stream's time: old chunks go into the history.
    void compact();

    std::shared_ptr<Recorder> m_recorder;
    bool m_hasHello = false;
    StreamHello m_hello;
    qint64 m_startNs = 0;
    qint64 m_endNs = 0;
    QHash<qint64, int> m_lanes; // tid → lane
    QStringList m_laneNames;
    QString m_processName;
    // Per span id: its name's index in m_names (0: no name) and its kind.
    // Index 0 is span id m_firstNamed; names of decimated spans are dropped with them.
    quint32 m_firstNamed = 0;
    QVector<quint32> m_spanNames;
    QVector<StreamEvent::TaskKind> m_spanKinds;
    QStringList m_names;
    QHash<QString, quint32> m_nameIndex;
    QHash<qint64, QVector<quint32>> m_open; // per thread, its open "B" spans' ids
    QVector<ProgramStall> m_stalls;
    QVector<StreamCounter> m_counters;
    QHash<QString, int> m_counterIndex;
    qint64 m_rawHistoryNs = 0;
    qint64 m_compactedNs = 0;
    qint64 m_dropped = 0;
    qint64 m_ignored = 0;
};
