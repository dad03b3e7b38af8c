#include "stream/streamdecoder.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace {
constexpr double kWeekUs = 7 * 86400e6;
constexpr double kDayNs = 86400e9;
// CLOCK_MONOTONIC counts from boot: a hello beyond a century is garbage, and keeping below it
// lets every time within a week of the hello fit a qint64 of nanoseconds.
constexpr double kMaxClockUs = 100 * 365.25 * 86400e6;

SpanState stateOf(const QJsonObject &args)
{
    const QString state = args.value(QLatin1String("state")).toString();
    if (state == QLatin1String("failed"))
        return SpanState::Failed;
    if (state == QLatin1String("cancelled"))
        return SpanState::Cancelled;
    return SpanState::Done;
}

StreamEvent::TaskKind kindOf(const QJsonObject &args)
{
    const QString kind = args.value(QLatin1String("kind")).toString();
    if (kind == QLatin1String("callback"))
        return StreamEvent::TaskKind::Callback;
    if (kind == QLatin1String("task"))
        return StreamEvent::TaskKind::Task;
    return StreamEvent::TaskKind::Executor;
}

QString quoted(const QString &field)
{
    return QLatin1Char('"') + field + QLatin1Char('"');
}
} // namespace

bool StreamDecoder::feed(const QByteArray &bytes, QVector<StreamEvent> *out)
{
    qsizetype pos = 0;
    while (!m_failed && pos < bytes.size()) {
        const qsizetype newline = bytes.indexOf('\n', pos);
        const qsizetype end = newline < 0 ? bytes.size() : newline;
        // Checked before anything is kept: an endless line costs at most kMaxLineBytes.
        if (m_partial.size() + (end - pos) > kMaxLineBytes)
            return refuse(QStringLiteral("longer than %1 bytes").arg(kMaxLineBytes));
        if (newline < 0) {
            m_partial.append(bytes.constData() + pos, end - pos);
            break;
        }
        bool ok;
        if (m_partial.isEmpty()) {
            ok = decodeLine(bytes.mid(pos, end - pos), out);
        } else {
            m_partial.append(bytes.constData() + pos, end - pos);
            ok = decodeLine(m_partial, out);
            m_partial.truncate(0);
        }
        if (ok)
            ++m_lines;
        pos = newline + 1;
    }
    return !m_failed;
}

bool StreamDecoder::finish()
{
    if (!m_failed && !m_partial.isEmpty())
        refuse(QStringLiteral("cut off by the end of the stream"));
    return !m_failed;
}

bool StreamDecoder::refuse(const QString &why)
{
    m_failed = true;
    m_error = QStringLiteral("line %1: %2").arg(m_lines + 1).arg(why);
    m_partial = QByteArray();
    m_threads = QSet<qint64>();
    m_open = QHash<qint64, QVector<qint64>>();
    return false;
}

// Required fields: a missing one or one of another type refuses the stream, naming it.
bool StreamDecoder::require(const QJsonObject &object, const QString &field, Type type, QJsonValue *out)
{
    const QJsonValue v = object.value(field.mid(field.lastIndexOf(QLatin1Char('.')) + 1));
    if (v.isUndefined())
        return refuse(quoted(field) + QLatin1String(" is missing"));
    // toInteger() falls back to its argument for a fraction or a number beyond qint64.
    const bool ok = type == Type::String ? v.isString()
        : type == Type::Number           ? v.isDouble()
                                         : v.isDouble() && v.toInteger(0) == v.toInteger(1);
    if (!ok) {
        const char *name = type == Type::String ? "a string" : type == Type::Number ? "a number" : "an integer";
        return refuse(quoted(field) + QLatin1String(" is not ") + QLatin1String(name));
    }
    *out = v;
    return true;
}

bool StreamDecoder::requireString(const QJsonObject &object, const QString &field, QString *out)
{
    QJsonValue v;
    if (!require(object, field, Type::String, &v))
        return false;
    *out = v.toString();
    return true;
}

bool StreamDecoder::requireNumber(const QJsonObject &object, const QString &field, double *out)
{
    QJsonValue v;
    if (!require(object, field, Type::Number, &v))
        return false;
    *out = v.toDouble();
    return true;
}

bool StreamDecoder::requireInteger(const QJsonObject &object, const QString &field, qint64 *out)
{
    QJsonValue v;
    if (!require(object, field, Type::Integer, &v))
        return false;
    *out = v.toInteger();
    return true;
}

bool StreamDecoder::decodeLine(const QByteArray &line, QVector<StreamEvent> *out)
{
    // JSON allows no NUL anywhere, but Qt's parser takes one inside a string.
    const qsizetype nul = line.indexOf('\0');
    if (nul >= 0)
        return refuse(QStringLiteral("not JSON (a NUL byte at offset %1)").arg(nul));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(QStringLiteral("not JSON (%1 at offset %2)").arg(parseError.errorString()).arg(parseError.offset));
    if (!document.isObject())
        return refuse(QStringLiteral("not a JSON object"));
    const QJsonObject object = document.object();

    QString ph;
    qint64 pid = 0;
    StreamEvent event;
    if (!requireString(object, QStringLiteral("ph"), &ph)
        || !requireInteger(object, QStringLiteral("pid"), &pid)
        || !requireInteger(object, QStringLiteral("tid"), &event.tid)
        || !requireNumber(object, QStringLiteral("ts"), &m_ts))
        return false;
    // Optional: one of another type counts as absent.
    const QString name = object.value(QLatin1String("name")).toString();
    const QString cat = object.value(QLatin1String("cat")).toString();
    const QJsonObject args = object.value(QLatin1String("args")).toObject();

    if (ph == QLatin1String("M") && name == QLatin1String("looplab_hello"))
        return decodeHello(object, pid, event.tid, out);
    if (!m_hasHello)
        return refuse(QStringLiteral("the first line is not a hello (\"looplab_hello\")"));
    // Metadata names things, it happens at no time: probes send "ts":0 (docs/PROTOCOL.md).
    if (ph != QLatin1String("M") && !time(m_ts, QStringLiteral("ts"), &event.ns))
        return false;

    bool ok = true;
    if (ph == QLatin1String("M"))
        ok = decodeMetadata(name, args, &event);
    else if (ph == QLatin1String("X"))
        ok = decodeComplete(cat, name, object, args, &event);
    else if (ph == QLatin1String("B"))
        ok = decodeBegin(cat, name, args, &event);
    else if (ph == QLatin1String("E"))
        ok = decodeEnd(cat, args, &event);
    else if (ph == QLatin1String("C"))
        ok = decodeCounter(cat, name, args, &event);
    if (!ok)
        return false;
    if (event.type == StreamEvent::Type::Ignored)
        ++m_ignored;
    out->append(event);
    return true;
}

bool StreamDecoder::decodeHello(const QJsonObject &object, qint64 pid, qint64 tid, QVector<StreamEvent> *out)
{
    if (m_hasHello)
        return refuse(QStringLiteral("a second hello"));
    if (!std::isfinite(m_ts))
        return refuse(QStringLiteral("\"ts\" is not finite"));
    if (m_ts < 0)
        return refuse(QStringLiteral("\"ts\" is negative"));
    if (m_ts > kMaxClockUs)
        return refuse(QStringLiteral("\"ts\" is more than 100 years of CLOCK_MONOTONIC"));
    const QJsonValue argsValue = object.value(QLatin1String("args"));
    if (argsValue.isUndefined())
        return refuse(QStringLiteral("\"args\" is missing"));
    if (!argsValue.isObject())
        return refuse(QStringLiteral("\"args\" is not an object"));
    const QJsonObject args = argsValue.toObject();

    StreamHello hello;
    qint64 protocol = 0, intervalMs = 0;
    QString clock;
    if (!requireInteger(args, QStringLiteral("args.protocol"), &protocol))
        return false;
    if (protocol != 1)
        return refuse(QStringLiteral("\"args.protocol\" is %1; this Loop Lab reads protocol 1").arg(protocol));
    if (!requireString(args, QStringLiteral("args.program"), &hello.program)
        || !requireString(args, QStringLiteral("args.runtime"), &hello.runtime)
        || !requireString(args, QStringLiteral("args.clock"), &clock)
        || !requireInteger(args, QStringLiteral("args.interval_ms"), &intervalMs)
        || !requireInteger(args, QStringLiteral("args.loop_tid"), &hello.loopTid))
        return false;
    if (hello.runtime.isEmpty())
        return refuse(QStringLiteral("\"args.runtime\" is empty"));
    if (clock != QLatin1String("monotonic"))
        return refuse(QStringLiteral("\"args.clock\" is \"%1\", not \"monotonic\"").arg(clock.left(kMaxNameChars)));
    if (intervalMs < 1 || intervalMs > 10000)
        return refuse(QStringLiteral("\"args.interval_ms\" is %1, not within 1..10000").arg(intervalMs));
    hello.protocol = int(protocol);
    hello.pid = pid;
    hello.program.truncate(kMaxNameChars);
    hello.runtime.truncate(kMaxNameChars);
    hello.runtimeVersion = args.value(QLatin1String("runtime_version")).toString().left(kMaxNameChars);
    hello.intervalMs = int(intervalMs);
    hello.ns = std::llround(m_ts * 1000);
    m_helloUs = m_ts;
    m_hello = hello;
    m_hasHello = true;
    m_threads.insert(hello.loopTid);

    StreamEvent event;
    event.type = StreamEvent::Type::Hello;
    event.tid = tid;
    event.ns = hello.ns;
    event.submitNs = hello.ns;
    out->append(event);
    return true;
}

bool StreamDecoder::decodeMetadata(const QString &name, const QJsonObject &args, StreamEvent *event)
{
    const bool thread = name == QLatin1String("thread_name");
    if (!thread && name != QLatin1String("process_name"))
        return true;
    const QJsonValue value = args.value(QLatin1String("name"));
    if (!value.isString())
        return true;
    if (thread && !addThread(event->tid))
        return false;
    event->type = thread ? StreamEvent::Type::ThreadName : StreamEvent::Type::ProcessName;
    event->name = value.toString().left(kMaxNameChars);
    return true;
}

bool StreamDecoder::decodeComplete(const QString &cat, const QString &name, const QJsonObject &object,
                                   const QJsonObject &args, StreamEvent *event)
{
    double dur = 0;
    if (!requireNumber(object, QStringLiteral("dur"), &dur)
        || !duration(dur, 1e3, QStringLiteral("dur"), &event->durationNs))
        return false;
    if (cat == QLatin1String("looplab.task")) {
        if (!addThread(event->tid) || !count(&m_tasks, "tasks") || !taskFields(args, event))
            return false;
        event->type = StreamEvent::Type::Task;
        event->name = name.left(kMaxNameChars);
    } else if (cat == QLatin1String("looplab.stall") && name == QLatin1String("stall")) {
        if (!requireString(args, QStringLiteral("args.culprit"), &event->culprit))
            return false;
        event->type = StreamEvent::Type::Stall;
        event->culprit.truncate(kMaxCulpritChars);
        event->task = args.value(QLatin1String("task")).toString().left(kMaxNameChars);
    }
    return true;
}

bool StreamDecoder::decodeBegin(const QString &cat, const QString &name, const QJsonObject &args, StreamEvent *event)
{
    if (cat != QLatin1String("looplab.task"))
        return true;
    if (!addThread(event->tid))
        return false;
    QVector<qint64> &open = m_open[event->tid];
    if (open.size() >= kMaxOpenPerThread)
        return refuse(QStringLiteral("more than %1 \"B\" spans open on thread %2").arg(kMaxOpenPerThread).arg(event->tid));
    if (m_openSpans >= kMaxOpenSpans)
        return refuse(QStringLiteral("more than %1 \"B\" spans open").arg(kMaxOpenSpans));
    if (!count(&m_tasks, "tasks") || !taskFields(args, event))
        return false;
    open.append(event->ns);
    ++m_openSpans;
    event->type = StreamEvent::Type::TaskBegin;
    event->name = name.left(kMaxNameChars);
    return true;
}

bool StreamDecoder::decodeEnd(const QString &cat, const QJsonObject &args, StreamEvent *event)
{
    if (cat != QLatin1String("looplab.task"))
        return true;
    const auto open = m_open.find(event->tid);
    if (open == m_open.end() || open->isEmpty())
        return true; // nothing to close: ignored
    // The span's dur is implied; it obeys the rules of an "X" span's.
    const qint64 ranNs = event->ns - open->last();
    if (ranNs < 0)
        return refuse(QStringLiteral("\"ts\" is before that of the \"B\" it closes"));
    if (double(ranNs) > kDayNs)
        return refuse(QStringLiteral("\"ts\" is more than 24 hours after the \"B\" it closes"));
    open->removeLast();
    --m_openSpans;
    event->type = StreamEvent::Type::TaskEnd;
    event->durationNs = ranNs;
    event->state = stateOf(args);
    return true;
}

bool StreamDecoder::decodeCounter(const QString &cat, const QString &name, const QJsonObject &args, StreamEvent *event)
{
    if (cat == QLatin1String("looplab.tick")) {
        if (name != QLatin1String("loop lag"))
            return true;
        double lagMs = 0;
        if (!requireNumber(args, QStringLiteral("args.lag_ms"), &lagMs)
            || !duration(lagMs, 1e6, QStringLiteral("args.lag_ms"), &event->durationNs) || !count(&m_ticks, "ticks"))
            return false;
        event->type = StreamEvent::Type::Tick;
        return true;
    }
    const bool counter = cat == QLatin1String("looplab.counter");
    const bool dropped = cat == QLatin1String("looplab.probe") && name == QLatin1String("dropped events");
    const QJsonValue value = args.value(QLatin1String("value"));
    if ((!counter && !dropped) || !value.isDouble())
        return true;
    if (counter && !count(&m_counterSamples, "counter samples"))
        return false;
    event->type = counter ? StreamEvent::Type::Counter : StreamEvent::Type::Dropped;
    event->name = name.left(kMaxNameChars);
    event->value = value.toDouble();
    return true;
}

bool StreamDecoder::taskFields(const QJsonObject &args, StreamEvent *event)
{
    event->submitNs = event->ns;
    const QJsonValue submit = args.value(QLatin1String("submit_us"));
    if (submit.isDouble()) {
        const QString field = QStringLiteral("args.submit_us");
        if (!time(submit.toDouble(), field, &event->submitNs))
            return false;
        if (submit.toDouble() > m_ts)
            return refuse(QStringLiteral("\"args.submit_us\" is after \"ts\""));
    }
    event->state = stateOf(args);
    event->kind = kindOf(args);
    return true;
}

bool StreamDecoder::time(double us, const QString &field, qint64 *ns)
{
    if (!std::isfinite(us))
        return refuse(quoted(field) + QLatin1String(" is not finite"));
    if (us < 0)
        return refuse(quoted(field) + QLatin1String(" is negative"));
    if (std::fabs(us - m_helloUs) > kWeekUs)
        return refuse(quoted(field) + QLatin1String(" is more than 7 days away from the hello's \"ts\""));
    *ns = std::llround(us * 1e3);
    return true;
}

bool StreamDecoder::duration(double value, double unitNs, const QString &field, qint64 *ns)
{
    if (!std::isfinite(value))
        return refuse(quoted(field) + QLatin1String(" is not finite"));
    if (value < 0)
        return refuse(quoted(field) + QLatin1String(" is negative"));
    if (value * unitNs > kDayNs)
        return refuse(quoted(field) + QLatin1String(" is more than 24 hours"));
    *ns = std::llround(value * unitNs);
    return true;
}

bool StreamDecoder::addThread(qint64 tid)
{
    if (m_threads.contains(tid))
        return true;
    if (m_threads.size() >= kMaxThreads)
        return refuse(QStringLiteral("more than %1 threads").arg(kMaxThreads));
    m_threads.insert(tid);
    return true;
}

bool StreamDecoder::count(qint64 *counter, const char *what)
{
    if (*counter >= kMaxRecords)
        return refuse(QStringLiteral("more than %1 %2").arg(kMaxRecords).arg(QLatin1String(what)));
    ++*counter;
    return true;
}
