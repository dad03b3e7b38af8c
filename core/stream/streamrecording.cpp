#include "stream/streamrecording.h"

StreamRecording::StreamRecording(qint64 rawHistoryNs)
    : m_recorder(std::make_shared<Recorder>())
    , m_names{QString()}
    , m_rawHistoryNs(qMax<qint64>(0, rawHistoryNs))
{
}

void StreamRecording::setHello(const StreamHello &hello)
{
    Q_ASSERT(!m_hasHello);
    m_hello = hello;
    m_hasHello = true;
    m_startNs = m_endNs = hello.ns;
    m_lanes.insert(hello.loopTid, 0);
    m_laneNames << hello.program + QStringLiteral(" loop");
    m_recorder->registerLane(m_laneNames.first());
    m_recorder->setRawHistory(m_rawHistoryNs, qint64(hello.intervalMs) * 1000000);
    m_compactedNs = hello.ns;
}

void StreamRecording::apply(const QVector<StreamEvent> &events)
{
    for (const StreamEvent &event : events)
        apply(event);
    compact();
}

void StreamRecording::compact()
{
    constexpr qint64 kEveryNs = 1000000000;
    if (m_rawHistoryNs <= 0 || m_endNs - m_compactedNs < kEveryNs)
        return;
    m_compactedNs = m_endNs;
    m_recorder->compact(m_endNs);
    const quint32 first = m_recorder->firstSpan();
    if (first > m_firstNamed) {
        const qsizetype drop = qMin<qsizetype>(first - m_firstNamed, m_spanNames.size());
        m_spanNames.remove(0, drop);
        m_spanKinds.remove(0, drop);
        m_firstNamed += quint32(drop);
    }
}

void StreamRecording::apply(const StreamEvent &event)
{
    Q_ASSERT(m_hasHello || event.type == StreamEvent::Type::Ignored);
    if (!m_hasHello)
        return;
    using Type = StreamEvent::Type;
    switch (event.type) {
    case Type::Hello:
        break;
    case Type::ThreadName: {
        const int lane = m_lanes.value(event.tid, -1);
        if (lane < 0) {
            m_lanes.insert(event.tid, int(m_laneNames.size()));
            m_laneNames << event.name;
            m_recorder->registerLane(event.name);
        } else {
            m_laneNames[lane] = event.name;
        }
        break;
    }
    case Type::ProcessName:
        m_processName = event.name;
        break;
    case Type::Tick:
        m_recorder->addTick({event.ns - event.durationNs, event.ns});
        seen(event.ns);
        break;
    case Type::Task: {
        const quint32 id = addSpan(event);
        m_recorder->markEnd(id, event.ns + event.durationNs, event.state);
        seen(event.ns + event.durationNs);
        break;
    }
    case Type::TaskBegin:
        m_open[event.tid].append(addSpan(event));
        seen(event.ns);
        break;
    case Type::TaskEnd: {
        // The decoder passes an "E" on only when its thread has a "B" open.
        QVector<quint32> &open = m_open[event.tid];
        Q_ASSERT(!open.isEmpty());
        if (!open.isEmpty())
            m_recorder->markEnd(open.takeLast(), event.ns, event.state);
        seen(event.ns);
        break;
    }
    case Type::Stall:
        if (m_stalls.size() < kMaxStalls)
            m_stalls.append({event.ns, event.durationNs, event.culprit, event.task});
        else
            ++m_ignored;
        seen(event.ns + event.durationNs);
        break;
    case Type::Counter: {
        int index = m_counterIndex.value(event.name, -1);
        if (index < 0 && m_counters.size() < kMaxCounters) {
            index = int(m_counters.size());
            m_counterIndex.insert(event.name, index);
            m_counters.append({event.name, {}});
        }
        if (index < 0) {
            ++m_ignored;
            break;
        }
        m_counters[index].samples.append({event.ns, event.value});
        seen(event.ns);
        break;
    }
    case Type::Dropped:
        // A running total; kept in range whatever the probe sends.
        m_dropped = qMax(m_dropped, qint64(qBound(0.0, event.value, 9e18)));
        seen(event.ns);
        break;
    case Type::Ignored:
        ++m_ignored;
        break;
    }
}

RunConfig StreamRecording::config() const
{
    RunConfig config;
    config.work = WorkKind::Cpu;
    config.intervalMs = m_hello.intervalMs;
    config.durationS = double(m_endNs - m_startNs) / 1e9;
    config.rawHistoryS = 0;
    return config;
}

QString StreamRecording::spanName(quint32 id) const
{
    return id >= m_firstNamed && id - m_firstNamed < quint32(m_spanNames.size()) ? m_names.at(m_spanNames.at(id - m_firstNamed))
                                                                              : QString();
}

StreamEvent::TaskKind StreamRecording::spanKind(quint32 id) const
{
    return id >= m_firstNamed && id - m_firstNamed < quint32(m_spanKinds.size()) ? m_spanKinds.at(id - m_firstNamed)
                                                                              : StreamEvent::TaskKind::Executor;
}

int StreamRecording::laneFor(qint64 tid)
{
    const auto it = m_lanes.constFind(tid);
    if (it != m_lanes.constEnd())
        return *it;
    const int lane = int(m_laneNames.size());
    m_lanes.insert(tid, lane);
    m_laneNames << QStringLiteral("thread %1").arg(tid);
    m_recorder->registerLane(m_laneNames.last());
    return lane;
}

quint32 StreamRecording::addSpan(const StreamEvent &event)
{
    const bool onLoop = event.tid == m_hello.loopTid;
    const quint32 id = m_recorder->beginSpan(WorkKind::Code, onLoop ? ExecMode::Inline : ExecMode::Pool, event.submitNs);
    m_recorder->markStart(id, laneFor(event.tid), event.ns);
    quint32 name = 0;
    if (!event.name.isEmpty()) {
        const auto it = m_nameIndex.constFind(event.name);
        if (it != m_nameIndex.constEnd()) {
            name = *it;
        } else if (m_names.size() <= kMaxSpanNames) {
            name = quint32(m_names.size());
            m_nameIndex.insert(event.name, name);
            m_names << event.name;
        }
    }
    Q_ASSERT(id == m_firstNamed + quint32(m_spanNames.size()));
    m_spanNames.append(name);
    m_spanKinds.append(event.kind);
    return id;
}

void StreamRecording::seen(qint64 ns)
{
    m_startNs = qMin(m_startNs, ns);
    m_endNs = qMax(m_endNs, ns);
}
