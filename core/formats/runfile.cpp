#include "formats/runfile.h"

#include "engine/recorder.h"
#include "formats/jsonstring.h"
#include "looplabversion.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QLocale>

#include <algorithm>
#include <cctype>
#include <climits>
#include <cmath>
#include <limits>

// Layout (version 1), every time in integer ns:
//   {"format":"looplab-run","version":1,"looplab":"0.1.0","lesson":"",
//    "config":{"work":"io","mode":"pool","duration_s":5,"interval_ms":10,...},
//    "start_ns":"<absolute, as a string>","end_ns":"<absolute, as a string>",
//    "lanes":["GUI thread","pool-1"],
//    "mode_switches":[[t,"pool"],...],
//    "ticks":{"count":n,"step_ns":s,"expected":[...],"late":[...]},
//    "spans":[[id,kind,mode,state,lane,submit,start,run,end],...],
//    "counters":{"queue depth":[[t,value],...],...}}
// A program recorded through its probe adds, after "counters",
//   "program":{"name":"app.py","runtime":"python","description":"Program: app.py · ..."},
//   "stalls":[[t,duration,culprit,task],...]
// so a reopened run names what ran and what held its loop.
// A run that decimated its older samples (Recorder::setRawHistory) adds
// "decimated":{counts, histograms, per-interval ranges} (DecimatedHistory::toJson) before
// "ticks", and "ticks" and "spans" hold only the raw part, span ids counting from 0 again.
// t, submit, start, run, end are relative to start_ns; start, run and end are null when
// the recorder holds none (0). Tick i was expected step_ns + expected[i] after tick i-1 was
// (the first: after start_ns) and fired late[i] after it was expected: a ticker on time
// costs "0" and a few digits instead of two 11-digit times, a third of the size.

namespace {
// Far beyond any run, and far enough from 2^63 that sums of two never overflow.
constexpr qint64 kMaxNs = qint64(1) << 61;
// Lane indices are 16 bits in the recorder.
constexpr qint64 kMaxLanes = 65536;
// Counter values are depths and counts; beyond 2^53 a double no longer holds an integer.
constexpr double kMaxCounterValue = 9007199254740992.0;
constexpr char kFormat[] = "looplab-run";
// Text a program sent (its name, a culprit): longer than any probe writes.
constexpr qsizetype kMaxTextChars = 4096;

void appendString(QByteArray &out, const QString &text)
{
    appendJsonString(out, text.toUtf8());
}

void appendNumber(QByteArray &out, qint64 value)
{
    out += QByteArray::number(value);
}

void appendNumber(QByteArray &out, double value)
{
    // JSON has no NaN or infinity; nothing Loop Lab records is either.
    out += QByteArray::number(std::isfinite(value) ? value : 0.0, 'g', QLocale::FloatingPointShortest);
}

// A time the recorder keeps as 0 for "not yet" is written as null.
void appendOptionalTime(QByteArray &out, qint64 ns, qint64 startNs)
{
    if (ns)
        appendNumber(out, ns - startNs);
    else
        out += "null";
}

void appendKey(QByteArray &out, const char *key)
{
    out += '"';
    out += key;
    out += "\":";
}

QString damaged(const QString &what)
{
    return QStringLiteral("damaged: ") + what;
}

// Text from the file quoted in a message: short and on one line.
QString quoted(const QString &text)
{
    QString shown = text.left(40).simplified();
    for (QChar &c : shown) {
        if (!c.isPrint())
            c = QLatin1Char('?');
    }
    return QLatin1Char('"') + shown + (text.size() > 40 ? QStringLiteral("...\"") : QStringLiteral("\""));
}

// A whole number in [lo, hi]. QJsonDocument keeps integers up to 2^63 exact; a double that
// is not integral, or any other type, fails.
bool toInteger(const QJsonValue &value, qint64 lo, qint64 hi, qint64 *out)
{
    if (!value.isDouble())
        return false;
    // toInteger returns its default when the value is no integer: two defaults tell.
    const qint64 a = value.toInteger(0);
    if (a != value.toInteger(1) || a < lo || a > hi)
        return false;
    *out = a;
    return true;
}

// An absolute clock reading, written as a decimal string (more than 2^53 after 104 days of
// uptime); a plain number is accepted too.
bool toAbsoluteNs(const QJsonValue &value, qint64 *out)
{
    if (value.isString()) {
        const QString text = value.toString();
        bool ok = false;
        const qint64 ns = text.toLongLong(&ok);
        if (!ok || text.isEmpty() || !text.at(0).isDigit() || ns > kMaxNs)
            return false;
        *out = ns;
        return true;
    }
    return toInteger(value, 0, kMaxNs, out);
}

// Relative time in the file → absolute; null → 0 when allowed.
enum class Time { Ok, Null, Invalid };
Time toTime(const QJsonValue &value, qint64 startNs, qint64 *absolute)
{
    if (value.isNull()) {
        *absolute = 0;
        return Time::Null;
    }
    qint64 relative = 0;
    if (!toInteger(value, 0, kMaxNs, &relative))
        return Time::Invalid;
    *absolute = startNs + relative;
    return Time::Ok;
}

template<typename T>
bool parseName(const QJsonValue &value, std::initializer_list<T> all, T *out)
{
    const QString text = value.toString();
    for (const T v : all) {
        if (text == Kinds::name(v)) {
            *out = v;
            return true;
        }
    }
    return false;
}

QString tooMany(qint64 count, const QString &what)
{
    return damaged(QStringLiteral("%1 %2 is more than a run file may hold (%3)")
                       .arg(QString::number(count), what, QString::number(RunFile::kMaxItems)));
}

QString readConfig(const QJsonValue &value, RunConfig *config)
{
    if (!value.isObject())
        return damaged(QStringLiteral("the run settings (config) are missing"));
    const QJsonObject object = value.toObject();
    const QJsonValue work = object.value(QLatin1String("work"));
    if (!Kinds::parse(work.toString(), &config->work))
        return damaged(QStringLiteral("config: work %1 is not io or cpu").arg(quoted(work.toString())));
    const QJsonValue mode = object.value(QLatin1String("mode"));
    if (!Kinds::parse(mode.toString(), &config->mode))
        return damaged(QStringLiteral("config: mode %1 is not a mode").arg(quoted(mode.toString())));
    const QJsonValue duration = object.value(QLatin1String("duration_s"));
    if (!duration.isDouble())
        return damaged(QStringLiteral("config: duration_s is not a number"));
    config->durationS = duration.toDouble();

    for (const RunParameter &p : RunParameter::all()) {
        if (!p.perRun)
            continue;
        qint64 v = 0;
        if (!toInteger(object.value(QLatin1String(p.key)), INT_MIN, INT_MAX, &v))
            return damaged(QStringLiteral("config: %1 is missing or not a whole number").arg(QLatin1String(p.key)));
        config->*p.field = int(v);
    }
    const QString invalid = config->validate();
    if (!invalid.isEmpty())
        return damaged(QStringLiteral("config: ") + invalid);
    return {};
}

QString readLanes(const QJsonValue &value, Recorder *recorder, qint64 *count)
{
    if (!value.isArray())
        return damaged(QStringLiteral("the list of lanes is missing"));
    const QJsonArray lanes = value.toArray();
    if (lanes.size() > kMaxLanes)
        return damaged(QStringLiteral("%1 lanes is more than a run can have (%2)")
                           .arg(QString::number(lanes.size()), QString::number(kMaxLanes)));
    for (qsizetype i = 0; i < lanes.size(); ++i) {
        const QJsonValue name = lanes.at(i);
        if (!name.isString())
            return damaged(QStringLiteral("lane %1 has no name").arg(i));
        recorder->registerLane(name.toString());
    }
    *count = lanes.size();
    return {};
}

QString readModeSwitches(const QJsonValue &value, qint64 startNs, Recorder *recorder)
{
    if (!value.isArray())
        return damaged(QStringLiteral("the list of mode switches is missing"));
    const QJsonArray switches = value.toArray();
    if (switches.size() > RunFile::kMaxItems)
        return tooMany(switches.size(), QStringLiteral("mode switches"));
    for (qsizetype i = 0; i < switches.size(); ++i) {
        const QJsonArray row = switches.at(i).toArray();
        qint64 ns = 0;
        ExecMode mode = ExecMode::Inline;
        if (row.size() != 2 || toTime(row.at(0), startNs, &ns) != Time::Ok)
            return damaged(QStringLiteral("mode switch %1 is not [time, mode] with a time of 0 or more").arg(i));
        if (!Kinds::parse(row.at(1).toString(), &mode))
            return damaged(QStringLiteral("mode switch %1: %2 is not a mode")
                               .arg(QString::number(i), quoted(row.at(1).toString())));
        recorder->addModeSwitch(ns, mode);
    }
    return {};
}

QString readTicks(const QJsonValue &value, qint64 startNs, Recorder *recorder)
{
    if (!value.isObject())
        return damaged(QStringLiteral("the ticks are missing"));
    const QJsonObject ticks = value.toObject();
    qint64 count = 0;
    const QJsonValue countValue = ticks.value(QLatin1String("count"));
    if (!toInteger(countValue, 0, std::numeric_limits<qint64>::max(), &count)) {
        if (countValue.isDouble() && countValue.toDouble() > double(RunFile::kMaxItems))
            return tooMany(qint64(qMin(countValue.toDouble(), 9e18)), QStringLiteral("ticks"));
        return damaged(QStringLiteral("the tick count is missing or not a whole number"));
    }
    if (count > RunFile::kMaxItems)
        return tooMany(count, QStringLiteral("ticks"));
    qint64 stepNs = 0;
    if (!toInteger(ticks.value(QLatin1String("step_ns")), 0, kMaxNs, &stepNs))
        return damaged(QStringLiteral("the tick step is missing or out of range"));
    const QJsonValue expectedValue = ticks.value(QLatin1String("expected"));
    const QJsonValue lateValue = ticks.value(QLatin1String("late"));
    if (!expectedValue.isArray() || !lateValue.isArray())
        return damaged(QStringLiteral("the tick times are missing"));
    const QJsonArray expected = expectedValue.toArray();
    const QJsonArray late = lateValue.toArray();
    if (expected.size() != count || late.size() != count)
        return damaged(QStringLiteral("the file says %1 ticks but holds %2 expected and %3 actual times")
                           .arg(QString::number(count), QString::number(expected.size()),
                                QString::number(late.size())));
    qint64 previousExpected = 0;
    qint64 previousActual = 0;
    for (qsizetype i = 0; i < count; ++i) {
        qint64 delta = 0;
        qint64 lateness = 0;
        if (!toInteger(expected.at(i), -kMaxNs, kMaxNs, &delta) || !toInteger(late.at(i), -kMaxNs, kMaxNs, &lateness))
            return damaged(QStringLiteral("tick %1 is not a whole number of nanoseconds").arg(i));
        // Each term is at most 2^61, so neither sum can overflow before its range check.
        const qint64 expectedNs = previousExpected + stepNs + delta;
        if (expectedNs < 0 || expectedNs > kMaxNs)
            return damaged(QStringLiteral("tick %1 has a time that is negative or out of range").arg(i));
        const qint64 actualNs = expectedNs + lateness;
        if (actualNs < 0 || actualNs > kMaxNs)
            return damaged(QStringLiteral("tick %1 has a time that is negative or out of range").arg(i));
        if (actualNs < previousActual)
            return damaged(
                QStringLiteral("tick %1 fired before tick %2").arg(QString::number(i), QString::number(i - 1)));
        recorder->addTick({startNs + expectedNs, startNs + actualNs});
        previousExpected = expectedNs;
        previousActual = actualNs;
    }
    return {};
}

QString readSpan(const QJsonValue &value, qsizetype index, qint64 startNs, qint64 laneCount, Recorder *recorder)
{
    const auto fail = [index](const QString &what) -> QString {
        return damaged(QStringLiteral("span %1").arg(index) + what);
    };
    const QJsonArray row = value.toArray();
    if (row.size() != 9)
        return fail(QStringLiteral(" is not [id, kind, mode, state, lane, submit, start, run, end]"));
    qint64 id = 0;
    if (!toInteger(row.at(0), 0, RunFile::kMaxItems, &id) || id != index)
        return fail(QStringLiteral(" has the wrong id; ids must count up from 0"));
    WorkKind kind = WorkKind::Io;
    if (!parseName(row.at(1), {WorkKind::Io, WorkKind::Cpu, WorkKind::Wait, WorkKind::Item, WorkKind::Code}, &kind))
        return fail(QStringLiteral(": %1 is not a kind of work").arg(quoted(row.at(1).toString())));
    ExecMode mode = ExecMode::Inline;
    if (!Kinds::parse(row.at(2).toString(), &mode))
        return fail(QStringLiteral(": %1 is not a mode").arg(quoted(row.at(2).toString())));
    SpanState state = SpanState::Queued;
    if (!parseName(row.at(3), {SpanState::Queued, SpanState::Running, SpanState::Done, SpanState::Cancelled,
                               SpanState::Failed}, &state))
        return fail(QStringLiteral(": %1 is not a span state").arg(quoted(row.at(3).toString())));
    qint64 lane = 0;
    if (!toInteger(row.at(4), 0, std::numeric_limits<qint64>::max(), &lane))
        return fail(QStringLiteral(" has no valid lane"));

    qint64 submitNs = 0, startedNs = 0, runNs = 0, endNs = 0;
    if (toTime(row.at(5), startNs, &submitNs) != Time::Ok)
        return fail(QStringLiteral(" has no valid submit time (whole ns, 0 or more)"));
    const Time start = toTime(row.at(6), startNs, &startedNs);
    const Time run = toTime(row.at(7), startNs, &runNs);
    const Time end = toTime(row.at(8), startNs, &endNs);
    if (start == Time::Invalid || run == Time::Invalid || end == Time::Invalid)
        return fail(QStringLiteral(" has a time that is negative or not a whole number"));

    const bool started = start == Time::Ok;
    const bool finished = state != SpanState::Queued && state != SpanState::Running;
    if (state == SpanState::Queued && (started || run == Time::Ok || end == Time::Ok))
        return fail(QStringLiteral(" is queued but has a start, run or end time"));
    if (state == SpanState::Running && (!started || end == Time::Ok || (run == Time::Ok && runNs != startedNs)))
        return fail(QStringLiteral(" is running but its start, run or end time does not fit"));
    if (finished && end != Time::Ok)
        return fail(QStringLiteral(" is %1 but has no end time").arg(Kinds::name(state)));
    if (finished && started != (run == Time::Ok))
        return fail(QStringLiteral(" has a start without a run time or the reverse"));
    if (started && lane >= laneCount)
        return fail(QStringLiteral(" refers to lane %1 but the file has %2 lanes")
                        .arg(QString::number(lane), QString::number(laneCount)));
    if (!started && lane != 0)
        return fail(QStringLiteral(" never started but names lane %1").arg(lane));
    if (started && startedNs < submitNs)
        return fail(QStringLiteral(" starts before it was submitted"));
    if (finished && started && runNs < startedNs)
        return fail(QStringLiteral(" runs before it starts"));
    if (finished && endNs < (started ? runNs : submitNs))
        return fail(QStringLiteral(" ends before it starts"));

    const quint32 id32 = recorder->beginSpan(kind, mode, submitNs);
    if (started) {
        recorder->markStart(id32, int(lane), startedNs);
        if (finished)
            recorder->markRun(id32, runNs);
    }
    if (finished)
        recorder->markEnd(id32, endNs, state);
    return {};
}

QString readSpans(const QJsonValue &value, qint64 startNs, qint64 laneCount, Recorder *recorder)
{
    if (!value.isArray())
        return damaged(QStringLiteral("the list of spans is missing"));
    const QJsonArray spans = value.toArray();
    if (spans.size() > RunFile::kMaxItems)
        return tooMany(spans.size(), QStringLiteral("spans"));
    for (qsizetype i = 0; i < spans.size(); ++i) {
        const QString error = readSpan(spans.at(i), i, startNs, laneCount, recorder);
        if (!error.isEmpty())
            return error;
    }
    return {};
}

QString readCounters(const QJsonValue &value, qint64 startNs, Recorder *recorder)
{
    if (!value.isObject())
        return damaged(QStringLiteral("the counters are missing"));
    const QJsonObject counters = value.toObject();
    for (auto it = counters.constBegin(); it != counters.constEnd(); ++it) {
        Counter counter = Counter::QueueDepth;
        if (!parseName(QJsonValue(it.key()), {Counter::QueueDepth, Counter::NestingDepth, Counter::Reentry}, &counter))
            return damaged(QStringLiteral("unknown counter %1").arg(quoted(it.key())));
        if (!it.value().isArray())
            return damaged(QStringLiteral("counter %1 is not a list of samples").arg(quoted(it.key())));
        const QJsonArray samples = it.value().toArray();
        if (samples.size() > RunFile::kMaxItems)
            return tooMany(samples.size(), QStringLiteral("samples of ") + it.key());
        for (qsizetype i = 0; i < samples.size(); ++i) {
            const QJsonArray sample = samples.at(i).toArray();
            qint64 ns = 0;
            const double v = sample.size() == 2 ? sample.at(1).toDouble(qQNaN()) : qQNaN();
            if (sample.size() != 2 || toTime(sample.at(0), startNs, &ns) != Time::Ok || !std::isfinite(v)
                || std::abs(v) > kMaxCounterValue)
                return damaged(QStringLiteral("sample %1 of counter %2 is not [time, value] with a time of 0 or more")
                                   .arg(QString::number(i), quoted(it.key())));
            recorder->addCounter(counter, ns, v);
        }
    }
    return {};
}

// The optional "program" object; absent for Loop Lab's own runs.
QString readProgram(const QJsonValue &value, LoadedRun *run)
{
    if (value.isUndefined())
        return {};
    const QJsonObject program = value.toObject();
    const QJsonValue name = program.value(QLatin1String("name"));
    const QJsonValue runtime = program.value(QLatin1String("runtime"));
    const QJsonValue description = program.value(QLatin1String("description"));
    if (!value.isObject() || !name.isString() || name.toString().isEmpty() || !runtime.isString()
        || !(description.isString() || description.isUndefined()))
        return damaged(QStringLiteral("the program is not {\"name\", \"runtime\", \"description\"} with a name"));
    run->program = name.toString().left(kMaxTextChars);
    run->runtime = runtime.toString().left(kMaxTextChars);
    run->description = description.toString().left(kMaxTextChars);
    return {};
}

// The optional "stalls" of a recorded program, kept in start order.
QString readStalls(const QJsonValue &value, qint64 startNs, LoadedRun *run)
{
    if (value.isUndefined())
        return {};
    if (!value.isArray())
        return damaged(QStringLiteral("the stalls are not a list"));
    const QJsonArray stalls = value.toArray();
    if (stalls.size() > RunFile::kMaxItems)
        return tooMany(stalls.size(), QStringLiteral("stalls"));
    run->stalls.reserve(stalls.size());
    for (qsizetype i = 0; i < stalls.size(); ++i) {
        const QJsonArray item = stalls.at(i).toArray();
        ProgramStall stall;
        if (item.size() != 4 || toTime(item.at(0), startNs, &stall.startNs) != Time::Ok
            || !toInteger(item.at(1), 0, kMaxNs, &stall.durationNs) || !item.at(2).isString() || !item.at(3).isString())
            return damaged(QStringLiteral("stall %1 is not [time, duration, culprit, task] with times of 0 or more")
                               .arg(QString::number(i)));
        stall.culprit = item.at(2).toString().left(kMaxTextChars);
        stall.task = item.at(3).toString().left(kMaxTextChars);
        run->stalls.append(stall);
    }
    std::stable_sort(run->stalls.begin(), run->stalls.end(),
                     [](const ProgramStall &a, const ProgramStall &b) { return a.startNs < b.startNs; });
    return {};
}

bool looksLikeRunFile(const QByteArray &data)
{
    const QByteArray head = data.left(256).trimmed();
    return head.startsWith('{') && head.contains(QByteArray(QByteArray("\"") + kFormat + '"'));
}

QString readRun(const QByteArray &data, LoadedRun *run)
{
    const QString foreign = QStringLiteral("not a Loop Lab run file");
    if (std::all_of(data.begin(), data.end(), [](char c) { return std::isspace(uchar(c)); }))
        return foreign + QStringLiteral(": the file is empty");
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        if (looksLikeRunFile(data))
            return damaged(QStringLiteral("the file is cut short or corrupt (%1 at byte %2)")
                               .arg(parseError.errorString(), QString::number(parseError.offset)));
        return foreign;
    }
    const QJsonObject root = document.object();
    if (!document.isObject() || root.value(QLatin1String("format")).toString() != QLatin1String(kFormat))
        return foreign;

    qint64 version = 0;
    if (!toInteger(root.value(QLatin1String("version")), 1, std::numeric_limits<qint64>::max(), &version))
        return damaged(QStringLiteral("the file version is missing or not a whole number from 1 on"));
    if (version > RunFile::kVersion)
        return QStringLiteral("made by a newer Loop Lab (file version %1; this one reads up to version %2)")
            .arg(QString::number(version), QString::number(RunFile::kVersion));

    const QJsonValue lesson = root.value(QLatin1String("lesson"));
    if (!lesson.isUndefined() && !lesson.isString())
        return damaged(QStringLiteral("the lesson name is not text"));
    run->lesson = lesson.toString();

    if (!toAbsoluteNs(root.value(QLatin1String("start_ns")), &run->startNs)
        || !toAbsoluteNs(root.value(QLatin1String("end_ns")), &run->endNs))
        return damaged(QStringLiteral("the start or end time of the run is missing or out of range"));
    if (run->endNs < run->startNs)
        return damaged(QStringLiteral("the run ends before it starts"));

    QString error = readConfig(root.value(QLatin1String("config")), &run->config);
    if (!error.isEmpty())
        return error;

    auto recorder = std::make_shared<Recorder>();
    qint64 laneCount = 0;
    error = readLanes(root.value(QLatin1String("lanes")), recorder.get(), &laneCount);
    if (error.isEmpty())
        error = readModeSwitches(root.value(QLatin1String("mode_switches")), run->startNs, recorder.get());
    const QJsonValue decimated = root.value(QLatin1String("decimated"));
    if (error.isEmpty() && !decimated.isUndefined()) {
        DecimatedHistory history;
        error = decimated.isObject() ? DecimatedHistory::fromJson(decimated.toObject(), run->startNs, &history)
                                     : QStringLiteral("the decimated history is not an object");
        if (!error.isEmpty())
            return damaged(error);
        if (history.ticks() + history.spans() > RunFile::kMaxItems)
            return tooMany(history.ticks() + history.spans(), QStringLiteral("decimated ticks and spans"));
        recorder->restoreHistory(history);
    }
    if (error.isEmpty())
        error = readTicks(root.value(QLatin1String("ticks")), run->startNs, recorder.get());
    if (error.isEmpty())
        error = readSpans(root.value(QLatin1String("spans")), run->startNs, laneCount, recorder.get());
    if (error.isEmpty())
        error = readCounters(root.value(QLatin1String("counters")), run->startNs, recorder.get());
    if (error.isEmpty())
        error = readProgram(root.value(QLatin1String("program")), run);
    if (error.isEmpty())
        error = readStalls(root.value(QLatin1String("stalls")), run->startNs, run);
    if (!error.isEmpty())
        return error;
    run->recorder = std::move(recorder);
    return {};
}
} // namespace

namespace {
// Everything of run but its recorder, which is the first argument.
QByteArray write(const Recorder &recorder, const LoadedRun &run);
} // namespace

QByteArray RunFile::save(const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs,
                         const QString &lesson)
{
    LoadedRun run;
    run.config = config;
    run.startNs = startNs;
    run.endNs = endNs;
    run.lesson = lesson;
    return write(recorder, run);
}

QByteArray RunFile::save(const LoadedRun &run)
{
    return write(*run.recorder, run);
}

namespace {
QByteArray write(const Recorder &recorder, const LoadedRun &run)
{
    const RunConfig &config = run.config;
    const qint64 startNs = run.startNs;
    const qint64 endNs = run.endNs;
    // Spans before lanes: a span read later could name a lane registered after the list.
    QVector<Span> spans;
    const quint32 spanCount = recorder.spanCount();
    spans.reserve(qsizetype(spanCount));
    // A decimated run keeps only its raw part here; the rest is in "decimated".
    const quint32 firstSpan = recorder.firstSpan();
    for (quint32 i = firstSpan; i < spanCount; ++i) {
        const Span s = recorder.span(i);
        if (s.state == SpanState::Empty)
            break; // still being published; ids must stay 0..n-1, so later ones wait too
        spans.append(s);
    }
    const QStringList lanes = recorder.laneNames();
    const quint32 firstTick = recorder.firstTick();
    const quint32 tickCount = recorder.tickCount();
    const qint64 stepNs = qint64(config.intervalMs) * 1000000;

    QByteArray out;
    out.reserve(1024 + qsizetype(tickCount) * 12 + spans.size() * 72);
    out += "{\"format\":\"";
    out += kFormat;
    out += "\",\"version\":";
    appendNumber(out, qint64(RunFile::kVersion));
    out += ",\"looplab\":\"" LOOPLAB_VERSION "\",\"lesson\":";
    appendString(out, run.lesson);

    out += ",\n\"config\":{\"work\":";
    appendString(out, Kinds::name(config.work));
    out += ",\"mode\":";
    appendString(out, Kinds::name(config.mode));
    out += ",\"duration_s\":";
    appendNumber(out, config.durationS);
    for (const RunParameter &p : RunParameter::all()) {
        if (!p.perRun)
            continue;
        out += ',';
        appendKey(out, p.key);
        appendNumber(out, qint64(config.*p.field));
    }
    out += "},\n\"start_ns\":\"";
    appendNumber(out, startNs);
    out += "\",\"end_ns\":\"";
    appendNumber(out, endNs);
    out += "\",\n\"lanes\":[";
    for (qsizetype i = 0; i < lanes.size(); ++i) {
        if (i)
            out += ',';
        appendString(out, lanes.at(i));
    }
    out += "],\n\"mode_switches\":[";
    const QVector<ModeSwitch> switches = recorder.modeSwitches();
    for (qsizetype i = 0; i < switches.size(); ++i) {
        out += i ? ",[" : "[";
        appendNumber(out, switches.at(i).ns - startNs);
        out += ',';
        appendString(out, Kinds::name(switches.at(i).mode));
        out += ']';
    }

    if (recorder.isDecimated()) {
        out += "],\n\"decimated\":";
        out += QJsonDocument(recorder.history().toJson(startNs)).toJson(QJsonDocument::Compact);
        out += ",\n\"ticks\":{\"count\":";
    } else {
        out += "],\n\"ticks\":{\"count\":";
    }
    appendNumber(out, qint64(tickCount - firstTick));
    out += ",\"step_ns\":";
    appendNumber(out, stepNs);
    out += ",\n\"expected\":[";
    qint64 previous = 0;
    for (quint32 i = firstTick; i < tickCount; ++i) {
        const qint64 expected = recorder.tick(i).expectedNs - startNs;
        if (i > firstTick)
            out += ',';
        appendNumber(out, expected - previous - stepNs);
        previous = expected;
    }
    out += "],\n\"late\":[";
    for (quint32 i = firstTick; i < tickCount; ++i) {
        if (i > firstTick)
            out += ',';
        appendNumber(out, recorder.tick(i).latenessNs());
    }

    out += "]},\n\"spans\":[";
    for (const Span &s : std::as_const(spans)) {
        out += s.id > firstSpan ? ",\n[" : "\n[";
        appendNumber(out, qint64(s.id - firstSpan));
        out += ',';
        appendString(out, Kinds::name(s.kind));
        out += ',';
        appendString(out, Kinds::name(s.mode));
        out += ',';
        appendString(out, Kinds::name(s.state));
        out += ',';
        appendNumber(out, qint64(s.lane));
        out += ',';
        appendNumber(out, s.submitNs - startNs);
        out += ',';
        appendOptionalTime(out, s.startNs, startNs);
        out += ',';
        appendOptionalTime(out, s.runNs, startNs);
        out += ',';
        appendOptionalTime(out, s.endNs, startNs);
        out += ']';
    }

    out += "],\n\"counters\":{";
    bool firstCounter = true;
    for (const Counter counter : {Counter::QueueDepth, Counter::NestingDepth, Counter::Reentry}) {
        const QVector<CounterSample> samples = recorder.counter(counter);
        if (samples.isEmpty())
            continue;
        if (!firstCounter)
            out += ',';
        firstCounter = false;
        out += '\n';
        appendString(out, Kinds::name(counter));
        out += ":[";
        for (qsizetype i = 0; i < samples.size(); ++i) {
            out += i ? ",[" : "[";
            appendNumber(out, samples.at(i).ns - startNs);
            out += ',';
            appendNumber(out, samples.at(i).value);
            out += ']';
        }
        out += ']';
    }
    out += '}';

    if (!run.program.isEmpty()) {
        out += ",\n\"program\":{\"name\":";
        appendString(out, run.program);
        out += ",\"runtime\":";
        appendString(out, run.runtime);
        out += ",\"description\":";
        appendString(out, run.description);
        out += '}';
    }
    if (!run.stalls.isEmpty()) {
        out += ",\n\"stalls\":[";
        for (qsizetype i = 0; i < run.stalls.size(); ++i) {
            const ProgramStall &stall = run.stalls.at(i);
            out += i ? ",\n[" : "\n[";
            appendNumber(out, qMax(stall.startNs - startNs, qint64(0)));
            out += ',';
            appendNumber(out, qMax(stall.durationNs, qint64(0)));
            out += ',';
            appendString(out, stall.culprit);
            out += ',';
            appendString(out, stall.task);
            out += ']';
        }
        out += ']';
    }
    out += "}\n";
    return out;
}
} // namespace

bool RunFile::load(const QByteArray &data, LoadedRun *out, QString *error)
{
    LoadedRun run;
    const QString why = out ? readRun(data, &run) : QStringLiteral("nowhere to load the run into");
    if (!why.isEmpty()) {
        if (error)
            *error = why;
        return false;
    }
    *out = std::move(run);
    return true;
}
