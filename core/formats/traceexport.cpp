#include "formats/traceexport.h"

#include "engine/kinds.h"
#include "engine/recorder.h"
#include "formats/jsonstring.h"
#include "engine/runconfig.h"
#include "looplabversion.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <iterator>
#include <charconv>
#include <cmath>
#include <cstring>
#include <vector>

namespace {
// Declared in the order events sharing one timestamp are written: a queue wait ends
// before the run it led to begins. Among X events the longer goes first, so a parent
// precedes the children that start with it.
enum class Type : quint8 { QueueEnd, ModeSwitch, Transfer, Run, QueueBegin, Lag, QueueDepth, NestingDepth, Reentry };

int rank(Type type)
{
    return type == Type::Run ? int(Type::Transfer) : int(type);
}

struct Event
{
    qint64 ns = 0;
    qint64 durNs = 0;
    quint32 ref = 0; // index into the spans, ticks, samples or switches it came from
    quint32 tid = 1;
    Type type = Type::Run;
};

// One span's place on its lane: [start, end), split at the transfer's end (== start if none).
struct Placed
{
    qint64 start = 0;
    qint64 split = 0;
    qint64 end = 0;
    quint32 ref = 0;
};

struct Thread
{
    QByteArray name;
    int sortIndex = 0;
};

// Whether `p` nests inside what is still open on this thread; drops what has ended.
// A transfer+run pair is two events, so what starts in its transfer must end there.
bool fits(std::vector<Placed> *open, const Placed &p)
{
    while (!open->empty() && open->back().end <= p.start)
        open->pop_back();
    if (open->empty())
        return true;
    const Placed &top = open->back();
    return p.end <= (p.start < top.split ? top.split : top.end);
}

// QByteArray::append costs a call and checks per piece; events are many small pieces.
class Writer
{
public:
    explicit Writer(qsizetype capacity) { m_bytes.resize(qMax<qsizetype>(capacity, 256)); m_data = m_bytes.data(); }
    void append(const char *text, qsizetype n)
    {
        if (m_size + n > m_bytes.size())
            grow(n);
        std::memcpy(m_data + m_size, text, size_t(n));
        m_size += n;
    }
    void append(const char *text) { append(text, qsizetype(std::strlen(text))); }
    void append(char c) { append(&c, 1); }
    void append(const QByteArray &bytes) { append(bytes.constData(), bytes.size()); }
    void chop(qsizetype n) { m_size -= qMin(n, m_size); }
    QByteArray take()
    {
        m_bytes.truncate(m_size);
        return std::move(m_bytes);
    }

private:
    void grow(qsizetype n)
    {
        m_bytes.resize(qMax(m_bytes.size() * 2, m_size + n));
        m_data = m_bytes.data();
    }
    QByteArray m_bytes;
    char *m_data = nullptr;
    qsizetype m_size = 0;
};

void appendInt(Writer *out, qint64 value)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out->append(buf, int(r.ptr - buf));
}

// Exact decimal text for value / 1000, without going through a double.
void appendThousandths(Writer *out, qint64 value)
{
    if (value < 0)
        out->append('-');
    const quint64 magnitude = value < 0 ? quint64(0) - quint64(value) : quint64(value);
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, magnitude / 1000);
    out->append(buf, int(r.ptr - buf));
    const int frac = int(magnitude % 1000);
    const char digits[4] = {'.', char('0' + frac / 100), char('0' + frac / 10 % 10), char('0' + frac % 10)};
    out->append(digits, 4);
}

// Nanoseconds as µs with 3 decimals: exact.
void appendMicros(Writer *out, qint64 ns)
{
    appendThousandths(out, ns);
}

// Nanoseconds as ms with 3 decimals, rounded half away from zero.
void appendMillis(Writer *out, qint64 ns)
{
    appendThousandths(out, ns >= 0 ? (ns + 500) / 1000 : -((-ns + 500) / 1000));
}

void appendDouble(Writer *out, double value)
{
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, value);
    out->append(buf, int(r.ptr - buf));
}

void appendString(Writer *out, const QByteArray &utf8)
{
    appendJsonString(*out, utf8);
}

void appendHead(Writer *out, const char *ph, quint32 tid, qint64 ns)
{
    out->append("{\"ph\":\"");
    out->append(ph);
    out->append("\",\"pid\":1,\"tid\":");
    appendInt(out, tid);
    out->append(",\"ts\":");
    appendMicros(out, ns);
}

void appendMetadata(Writer *out, quint32 tid, const char *name, const char *argKey, const QByteArray &argJson)
{
    appendHead(out, "M", tid, 0);
    out->append(",\"name\":\"");
    out->append(name);
    out->append("\",\"args\":{\"");
    out->append(argKey);
    out->append("\":");
    out->append(argJson);
    out->append("}},\n");
}

QByteArray quoted(const QString &text)
{
    Writer out(text.size() + 8);
    appendString(&out, text.toUtf8());
    return out.take();
}

QJsonObject configJson(const RunConfig &config)
{
    QJsonObject json{
        {QStringLiteral("work"), Kinds::name(config.work)},
        {QStringLiteral("mode"), Kinds::name(config.mode)},
        {QStringLiteral("duration_s"), config.durationS},
        {QStringLiteral("version"), QStringLiteral(LOOPLAB_VERSION)},
    };
    for (const RunParameter &p : RunParameter::all()) {
        if (p.perRun)
            json.insert(QLatin1String(p.key), config.*p.field);
    }
    return json;
}
} // namespace

QByteArray TraceExport::chromeTrace(const Recorder &recorder, qint64 originNs, const RunConfig &config)
{
    const QStringList laneNames = recorder.laneNames();
    const QVector<Span> spans = recorder.spans();
    const QVector<TickSample> ticks = recorder.ticks();
    const QVector<ModeSwitch> switches = recorder.modeSwitches();
    const QVector<CounterSample> queueDepth = recorder.counter(Counter::QueueDepth);
    const QVector<CounterSample> nestingDepth = recorder.counter(Counter::NestingDepth);
    const QVector<CounterSample> reentries = recorder.counter(Counter::Reentry);

    int laneCount = int(laneNames.size());
    for (const Span &s : spans) {
        if (s.state != SpanState::Empty)
            laneCount = qMax(laneCount, int(s.lane) + 1);
    }
    laneCount = qMax(laneCount, 1); // tid 1 carries the loop's instants and counters
    std::vector<Thread> threads;
    for (int lane = 0; lane < laneCount; ++lane) {
        QByteArray name = laneNames.value(lane).toUtf8();
        if (name.isEmpty())
            name = "lane " + QByteArray::number(lane);
        threads.push_back({name, lane});
    }

    // Spans with both ends, by lane, each given the first thread it nests properly on.
    std::vector<std::vector<Placed>> byLane(static_cast<size_t>(laneCount));
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span &s = spans[i];
        if (s.startNs == 0 || !s.isFinished())
            continue;
        const qint64 end = qMax(s.endNs, s.startNs);
        byLane[s.lane].push_back({s.startNs, qBound(s.startNs, s.runNs, end), end, quint32(i)});
    }
    std::vector<quint32> tidOf(size_t(spans.size()), 0);
    std::vector<std::vector<Placed>> open;
    for (int lane = 0; lane < laneCount; ++lane) {
        std::vector<Placed> &placed = byLane[size_t(lane)];
        std::sort(placed.begin(), placed.end(), [](const Placed &a, const Placed &b) {
            if (a.start != b.start)
                return a.start < b.start;
            if (a.end != b.end)
                return a.end > b.end; // the enclosing one first
            return a.ref < b.ref;
        });
        open.clear();
        std::vector<quint32> levelTids{quint32(lane + 1)};
        for (const Placed &p : placed) {
            size_t level = 0;
            while (level < open.size() && !fits(&open[level], p))
                ++level;
            if (level == open.size())
                open.emplace_back();
            if (level == levelTids.size()) {
                QByteArray name = threads[size_t(lane)].name;
                name += " (overlap";
                if (level > 1)
                    name += ' ' + QByteArray::number(qulonglong(level));
                name += ')';
                threads.push_back({name, int(threads.size())});
                levelTids.push_back(quint32(threads.size()));
            }
            open[level].push_back(p);
            tidOf[p.ref] = levelTids[level];
        }
    }

    std::vector<Event> events;
    events.reserve(size_t(spans.size()) * 3 + size_t(ticks.size()) + size_t(switches.size()) + size_t(queueDepth.size())
                   + size_t(nestingDepth.size()) + size_t(reentries.size()));
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const Span &s = spans[i];
        if (s.state == SpanState::Empty)
            continue;
        const auto ref = quint32(i);
        const quint32 laneTid = quint32(s.lane) + 1;
        const qint64 queueEnd = s.startNs ? s.startNs : (s.isFinished() ? s.endNs : 0);
        if (queueEnd > s.submitNs) {
            events.push_back({s.submitNs - originNs, 0, ref, laneTid, Type::QueueBegin});
            events.push_back({queueEnd - originNs, 0, ref, laneTid, Type::QueueEnd});
        }
        if (tidOf[size_t(i)] == 0)
            continue;
        const qint64 end = qMax(s.endNs, s.startNs);
        const qint64 run = qBound(s.startNs, s.runNs, end);
        if (run > s.startNs)
            events.push_back({s.startNs - originNs, run - s.startNs, ref, tidOf[size_t(i)], Type::Transfer});
        events.push_back({run - originNs, end - run, ref, tidOf[size_t(i)], Type::Run});
    }
    for (qsizetype i = 0; i < ticks.size(); ++i)
        events.push_back({ticks[i].actualNs - originNs, 0, quint32(i), 1, Type::Lag});
    for (qsizetype i = 0; i < switches.size(); ++i)
        events.push_back({switches[i].ns - originNs, 0, quint32(i), 1, Type::ModeSwitch});
    const auto addSamples = [&](const QVector<CounterSample> &samples, Type type) {
        for (qsizetype i = 0; i < samples.size(); ++i) {
            if (std::isfinite(samples[i].value)) // JSON has no NaN
                events.push_back({samples[i].ns - originNs, 0, quint32(i), 1, type});
        }
    };
    addSamples(queueDepth, Type::QueueDepth);
    addSamples(nestingDepth, Type::NestingDepth);
    addSamples(reentries, Type::Reentry);

    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        if (a.ns != b.ns)
            return a.ns < b.ns;
        if (rank(a.type) != rank(b.type))
            return rank(a.type) < rank(b.type);
        if (a.durNs != b.durNs)
            return a.durNs > b.durNs;
        if (a.ref != b.ref)
            return a.ref < b.ref;
        return a.type < b.type;
    });

    constexpr WorkKind kinds[] = {WorkKind::Io, WorkKind::Cpu, WorkKind::Wait, WorkKind::Item, WorkKind::Code};
    QByteArray kindNames[std::size(kinds)];
    for (WorkKind k : kinds)
        kindNames[int(k)] = quoted(Kinds::name(k));
    QByteArray modeNames[16];
    for (ExecMode m : Kinds::allModes())
        modeNames[int(m)] = quoted(Kinds::name(m));
    QByteArray stateNames[16];
    for (SpanState st : {SpanState::Empty, SpanState::Queued, SpanState::Running, SpanState::Done,
                         SpanState::Cancelled, SpanState::Failed})
        stateNames[int(st)] = quoted(Kinds::name(st));

    Writer out(qsizetype(events.size()) * 130 + qsizetype(threads.size()) * 200 + 1024);
    out.append("{\"traceEvents\":[\n");
    appendMetadata(&out, 1, "process_name", "name", quoted(QStringLiteral("Loop Lab")));
    for (size_t t = 0; t < threads.size(); ++t) {
        appendMetadata(&out, quint32(t + 1), "thread_name", "name", quoted(QString::fromUtf8(threads[t].name)));
        appendMetadata(&out, quint32(t + 1), "thread_sort_index", "sort_index", QByteArray::number(threads[t].sortIndex));
    }
    for (const Event &e : events) {
        switch (e.type) {
        case Type::Transfer:
        case Type::Run: {
            const Span &s = spans[e.ref];
            appendHead(&out, "X", e.tid, e.ns);
            out.append(",\"dur\":");
            appendMicros(&out, e.durNs);
            out.append(",\"name\":");
            out.append(e.type == Type::Transfer ? QByteArray("\"transfer\"") : kindNames[int(s.kind) % std::size(kinds)]);
            out.append(",\"cat\":");
            out.append(modeNames[int(s.mode) & 15]);
            out.append(",\"args\":{\"id\":");
            appendInt(&out, s.id);
            out.append(",\"state\":");
            out.append(stateNames[int(s.state) & 15]);
            out.append(",\"queued_ms\":");
            appendMillis(&out, s.startNs - s.submitNs);
            out.append(",\"transfer_ms\":");
            appendMillis(&out, qBound(s.startNs, s.runNs, qMax(s.endNs, s.startNs)) - s.startNs);
            out.append("}}");
            break;
        }
        case Type::QueueBegin:
        case Type::QueueEnd: {
            const Span &s = spans[e.ref];
            appendHead(&out, e.type == Type::QueueBegin ? "b" : "e", e.tid, e.ns);
            out.append(",\"cat\":\"queue\",\"name\":\"queued\",\"id\":");
            appendInt(&out, s.id);
            if (e.type == Type::QueueBegin) {
                out.append(",\"args\":{\"kind\":");
                out.append(kindNames[int(s.kind) % std::size(kinds)]);
                out.append(",\"mode\":");
                out.append(modeNames[int(s.mode) & 15]);
                out.append(",\"state\":");
                out.append(stateNames[int(s.state) & 15]);
                out.append('}');
            }
            out.append('}');
            break;
        }
        case Type::Lag:
            appendHead(&out, "C", e.tid, e.ns);
            out.append(",\"name\":\"lag_ms\",\"args\":{\"lateness\":");
            appendMillis(&out, ticks[e.ref].latenessNs());
            out.append("}}");
            break;
        case Type::QueueDepth:
        case Type::NestingDepth:
            appendHead(&out, "C", e.tid, e.ns);
            out.append(e.type == Type::QueueDepth ? ",\"name\":\"queue_depth\"" : ",\"name\":\"nesting_depth\"");
            out.append(",\"args\":{\"depth\":");
            appendDouble(&out, (e.type == Type::QueueDepth ? queueDepth : nestingDepth)[e.ref].value);
            out.append("}}");
            break;
        case Type::ModeSwitch:
            appendHead(&out, "i", e.tid, e.ns);
            out.append(",\"s\":\"g\",\"name\":");
            appendString(&out, "mode: " + Kinds::name(switches[e.ref].mode).toUtf8());
            out.append('}');
            break;
        case Type::Reentry:
            appendHead(&out, "i", e.tid, e.ns);
            out.append(",\"s\":\"t\",\"name\":\"re-entered handler\",\"args\":{\"depth\":");
            appendDouble(&out, reentries[e.ref].value);
            out.append("}}");
            break;
        }
        out.append(",\n");
    }
    out.chop(2); // the last separator (there is always the process_name event)
    out.append("\n],\n\"displayTimeUnit\":\"ms\",\n\"otherData\":");
    out.append(QJsonDocument(configJson(config)).toJson(QJsonDocument::Compact));
    out.append("}\n");
    return out.take();
}
