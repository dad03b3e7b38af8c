#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "formats/traceexport.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <cmath>
#include <limits>

namespace {
// A monotonic clock never starts at 0; an origin far from it shows ts is relative.
constexpr qint64 kOrigin = 5'000'000'000;

constexpr qint64 at(double ms)
{
    return kOrigin + qint64(ms * 1e6);
}

// Times in the parsed trace as whole nanoseconds, exact for 3-decimal µs values.
qint64 nsOf(const QJsonValue &micros)
{
    return std::llround(micros.toDouble() * 1000.0);
}

struct Ids
{
    quint32 inlineIo = 0;
    quint32 wait = 0;
    quint32 stolen = 0;
    quint32 item = 0;
    quint32 pool1 = 0;
    quint32 pool2 = 0;
    quint32 process = 0;
    quint32 cancelled = 0;
    quint32 stillQueued = 0;
    quint32 running = 0;
};

quint32 addSpan(Recorder *r, WorkKind kind, ExecMode mode, int lane, double submitMs, double startMs, double endMs,
                SpanState state = SpanState::Done)
{
    const quint32 id = r->beginSpan(kind, mode, at(submitMs));
    r->markStart(id, lane, at(startMs));
    r->markEnd(id, at(endMs), state);
    return id;
}

// One of each thing a run records, times in ms after the origin.
Ids fill(Recorder *r)
{
    Ids ids;
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    r->registerLane(QStringLiteral("process-1"));
    r->addModeSwitch(at(0), ExecMode::Inline);
    r->addModeSwitch(at(30), ExecMode::Wait);
    r->addModeSwitch(at(50), ExecMode::Pool);
    r->addModeSwitch(at(100), ExecMode::Process);
    for (int i = 0; i < 20; ++i) {
        const qint64 expected = at(10.0 * i);
        r->addTick({expected, expected + (i == 2 ? 15'000'000 : 1'000'000 + i * 1000)});
    }
    ids.inlineIo = addSpan(r, WorkKind::Io, ExecMode::Inline, 0, 1, 2, 20);
    // The loop waits on a future; the pool's work stealing runs a task inside the wait.
    ids.wait = addSpan(r, WorkKind::Wait, ExecMode::Wait, 0, 30, 30, 45);
    ids.stolen = addSpan(r, WorkKind::Cpu, ExecMode::Wait, 0, 29, 32, 40);
    // Starts inside the wait and ends after it: must not share the wait's thread.
    ids.item = addSpan(r, WorkKind::Item, ExecMode::Queue, 0, 43, 44, 48);
    ids.pool1 = addSpan(r, WorkKind::Cpu, ExecMode::Pool, 1, 50, 60, 80);
    ids.pool2 = addSpan(r, WorkKind::Io, ExecMode::Pool, 1, 55, 80, 95);
    ids.process = r->beginSpan(WorkKind::Cpu, ExecMode::Process, at(100));
    r->markStart(ids.process, 2, at(102));
    r->markRun(ids.process, at(105));
    r->markEnd(ids.process, at(130), SpanState::Done);
    ids.cancelled = r->beginSpan(WorkKind::Cpu, ExecMode::Pool, at(56));
    r->markEnd(ids.cancelled, at(150), SpanState::Cancelled);
    ids.stillQueued = r->beginSpan(WorkKind::Io, ExecMode::Pool, at(140));
    ids.running = r->beginSpan(WorkKind::Io, ExecMode::Pool, at(145));
    r->markStart(ids.running, 1, at(146));
    r->addCounter(Counter::QueueDepth, at(43), 1);
    r->addCounter(Counter::QueueDepth, at(44), 0);
    r->addCounter(Counter::NestingDepth, at(30), 1);
    r->addCounter(Counter::NestingDepth, at(45), 0);
    r->addCounter(Counter::Reentry, at(35), 2);
    return ids;
}

QJsonObject parse(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        qWarning("not JSON at %d: %s", error.offset, qPrintable(error.errorString()));
    return doc.object();
}

QJsonArray eventsOf(const QJsonObject &trace)
{
    return trace.value(QStringLiteral("traceEvents")).toArray();
}

QString str(const QJsonObject &event, const char *key)
{
    return event.value(QLatin1String(key)).toString();
}

// The thread names by tid, from the M events.
QMap<int, QString> threadNames(const QJsonArray &events)
{
    QMap<int, QString> names;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") == QLatin1String("M") && str(e, "name") == QLatin1String("thread_name"))
            names.insert(e.value(QLatin1String("tid")).toInt(), e.value(QLatin1String("args")).toObject().value(QLatin1String("name")).toString());
    }
    return names;
}

QList<QJsonObject> completeEvents(const QJsonArray &events, quint32 id)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") == QLatin1String("X") && e.value(QLatin1String("args")).toObject().value(QLatin1String("id")).toInt() == int(id))
            out << e;
    }
    return out;
}

bool isWholeNumber(const QJsonValue &v)
{
    return v.isDouble() && v.toDouble() == std::floor(v.toDouble());
}

// Chrome's rule for X events: on one thread, in file order, each starts at or after the
// one before and either nests inside what is still open or starts after it ended.
bool nestsProperly(const QJsonArray &events, QString *why)
{
    struct Slice
    {
        qint64 start;
        qint64 end;
    };
    QMap<int, QList<Slice>> open;
    QMap<int, qint64> lastStart;
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") != QLatin1String("X"))
            continue;
        const int tid = e.value(QLatin1String("tid")).toInt();
        const qint64 start = nsOf(e.value(QLatin1String("ts")));
        const qint64 end = start + nsOf(e.value(QLatin1String("dur")));
        if (start < lastStart.value(tid, std::numeric_limits<qint64>::min())) {
            *why = QStringLiteral("tid %1: out of order at %2 ns").arg(tid).arg(start);
            return false;
        }
        lastStart.insert(tid, start);
        QList<Slice> &stack = open[tid];
        while (!stack.isEmpty() && stack.last().end <= start)
            stack.removeLast();
        if (!stack.isEmpty() && end > stack.last().end) {
            *why = QStringLiteral("tid %1: [%2, %3) partially overlaps [%4, %5)")
                       .arg(tid).arg(start).arg(end).arg(stack.last().start).arg(stack.last().end);
            return false;
        }
        stack.append({start, end});
    }
    return true;
}
} // namespace

class tst_TraceExport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void topLevel();
    void everyEventWellFormed();
    void lanesAreNamedThreads();
    void completeEventsNest();
    void partialOverlapMovesToOverflowThread();
    void overlapsOfOverlaps();
    void asyncPairsMatch();
    void neverStartedAndUnfinishedSpans();
    void counters();
    void instants();
    void transferThenRun();
    void timesAreMicrosSinceOrigin();
    void sortedByTs();
    void namesAreEscaped();
    void emptyRecorder();
    void largeRun();

private:
    Recorder m_recorder;
    Ids m_ids;
    QByteArray m_json;
    QJsonObject m_trace;
    QJsonArray m_events;
};

void tst_TraceExport::initTestCase()
{
    m_ids = fill(&m_recorder);
    RunConfig config;
    config.work = WorkKind::Cpu;
    config.mode = ExecMode::Process;
    config.workers = 3;
    m_json = TraceExport::chromeTrace(m_recorder, kOrigin, config);
    m_trace = parse(m_json);
    m_events = eventsOf(m_trace);
    QVERIFY(!m_events.isEmpty());
}

void tst_TraceExport::topLevel()
{
    QVERIFY(m_trace.value(QLatin1String("traceEvents")).isArray());
    QCOMPARE(m_trace.value(QLatin1String("displayTimeUnit")).toString(), QStringLiteral("ms"));
    const QJsonObject other = m_trace.value(QLatin1String("otherData")).toObject();
    QCOMPARE(other.value(QLatin1String("mode")).toString(), QStringLiteral("process"));
    QCOMPARE(other.value(QLatin1String("work")).toString(), QStringLiteral("cpu"));
    QCOMPARE(other.value(QLatin1String("workers")).toInt(), 3);
    QCOMPARE(other.value(QLatin1String("interval_ms")).toInt(), RunConfig().intervalMs);
}

void tst_TraceExport::everyEventWellFormed()
{
    const QSet<QString> phases{QStringLiteral("M"), QStringLiteral("X"), QStringLiteral("b"), QStringLiteral("e"),
                               QStringLiteral("C"), QStringLiteral("i")};
    for (const QJsonValue &v : std::as_const(m_events)) {
        QVERIFY(v.isObject());
        const QJsonObject e = v.toObject();
        const QString ph = str(e, "ph");
        QVERIFY2(phases.contains(ph), qPrintable(ph));
        QVERIFY(e.value(QLatin1String("name")).isString());
        QCOMPARE(e.value(QLatin1String("pid")).toInt(), 1);
        QVERIFY(isWholeNumber(e.value(QLatin1String("pid"))));
        QVERIFY(isWholeNumber(e.value(QLatin1String("tid"))));
        QVERIFY(e.value(QLatin1String("tid")).toInt() >= 1);
        if (ph != QLatin1String("M") || e.contains(QLatin1String("ts")))
            QVERIFY2(e.value(QLatin1String("ts")).isDouble(), qPrintable(ph));
        if (ph == QLatin1String("X")) {
            QVERIFY(e.value(QLatin1String("dur")).isDouble());
            QVERIFY(e.value(QLatin1String("dur")).toDouble() >= 0);
            QVERIFY(e.value(QLatin1String("cat")).isString());
            const QJsonObject args = e.value(QLatin1String("args")).toObject();
            QVERIFY(isWholeNumber(args.value(QLatin1String("id"))));
            QVERIFY(args.value(QLatin1String("state")).isString());
            QVERIFY(args.value(QLatin1String("queued_ms")).isDouble());
            QVERIFY(args.value(QLatin1String("transfer_ms")).isDouble());
        }
        if (ph == QLatin1String("i")) {
            const QString scope = str(e, "s");
            QVERIFY(scope == QLatin1String("g") || scope == QLatin1String("t"));
        }
    }
}

void tst_TraceExport::lanesAreNamedThreads()
{
    const QMap<int, QString> names = threadNames(m_events);
    QCOMPARE(names.value(1), QStringLiteral("GUI thread"));
    QCOMPARE(names.value(2), QStringLiteral("pool-1"));
    QCOMPARE(names.value(3), QStringLiteral("process-1"));
    QMap<int, int> sortIndex;
    int processNames = 0;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") != QLatin1String("M"))
            continue;
        const QJsonObject args = e.value(QLatin1String("args")).toObject();
        if (str(e, "name") == QLatin1String("thread_sort_index")) {
            QVERIFY(isWholeNumber(args.value(QLatin1String("sort_index"))));
            sortIndex.insert(e.value(QLatin1String("tid")).toInt(), args.value(QLatin1String("sort_index")).toInt());
        } else if (str(e, "name") == QLatin1String("process_name")) {
            QCOMPARE(args.value(QLatin1String("name")).toString(), QStringLiteral("Loop Lab"));
            ++processNames;
        }
    }
    QCOMPARE(processNames, 1);
    for (int lane = 0; lane < 3; ++lane)
        QCOMPARE(sortIndex.value(lane + 1, -1), lane);
    // Every tid an event uses is a named thread.
    for (const QJsonValue &v : std::as_const(m_events))
        QVERIFY(names.contains(v.toObject().value(QLatin1String("tid")).toInt()));
    QCOMPARE(sortIndex.keys(), names.keys());
}

void tst_TraceExport::completeEventsNest()
{
    QString why;
    QVERIFY2(nestsProperly(m_events, &why), qPrintable(why));
}

void tst_TraceExport::partialOverlapMovesToOverflowThread()
{
    const QMap<int, QString> names = threadNames(m_events);
    const QList<QJsonObject> wait = completeEvents(m_events, m_ids.wait);
    const QList<QJsonObject> stolen = completeEvents(m_events, m_ids.stolen);
    const QList<QJsonObject> item = completeEvents(m_events, m_ids.item);
    QCOMPARE(wait.size(), 1);
    QCOMPARE(stolen.size(), 1);
    QCOMPARE(item.size(), 1);
    QCOMPARE(str(wait[0], "name"), QStringLiteral("wait"));
    QCOMPARE(str(item[0], "name"), QStringLiteral("item"));
    QCOMPARE(str(item[0], "cat"), QStringLiteral("queue"));
    // Nested properly: stays on the loop's thread.
    QCOMPARE(wait[0].value(QLatin1String("tid")).toInt(), 1);
    QCOMPARE(stolen[0].value(QLatin1String("tid")).toInt(), 1);
    const int overflow = item[0].value(QLatin1String("tid")).toInt();
    QVERIFY(overflow > 3);
    QCOMPARE(names.value(overflow), QStringLiteral("GUI thread (overlap)"));
    QCOMPARE(names.size(), 4);
}

void tst_TraceExport::overlapsOfOverlaps()
{
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    recorder.registerLane(QStringLiteral("process-1"));
    const quint32 a = addSpan(&recorder, WorkKind::Wait, ExecMode::Wait, 0, 0, 0, 10);
    const quint32 b = addSpan(&recorder, WorkKind::Item, ExecMode::Queue, 0, 0, 5, 15);
    const quint32 c = addSpan(&recorder, WorkKind::Item, ExecMode::Queue, 0, 0, 8, 20); // crosses a and b
    const quint32 d = addSpan(&recorder, WorkKind::Io, ExecMode::Inline, 0, 0, 12, 14); // a has ended
    // Within the whole of a transfer+run pair but across the boundary between the two.
    const quint32 pair = recorder.beginSpan(WorkKind::Cpu, ExecMode::Process, at(0));
    recorder.markStart(pair, 1, at(0));
    recorder.markRun(pair, at(5));
    recorder.markEnd(pair, at(20), SpanState::Done);
    const quint32 across = addSpan(&recorder, WorkKind::Cpu, ExecMode::Process, 1, 0, 3, 8);
    const quint32 inRun = addSpan(&recorder, WorkKind::Cpu, ExecMode::Process, 1, 0, 6, 19);

    const QJsonArray events = eventsOf(parse(TraceExport::chromeTrace(recorder, kOrigin, RunConfig())));
    QString why;
    QVERIFY2(nestsProperly(events, &why), qPrintable(why));
    const QMap<int, QString> names = threadNames(events);
    const auto threadOf = [&](quint32 id) {
        return names.value(completeEvents(events, id).value(0).value(QLatin1String("tid")).toInt());
    };
    QCOMPARE(threadOf(a), QStringLiteral("GUI thread"));
    QCOMPARE(threadOf(b), QStringLiteral("GUI thread (overlap)"));
    QCOMPARE(threadOf(c), QStringLiteral("GUI thread (overlap 2)"));
    QCOMPARE(threadOf(d), QStringLiteral("GUI thread"));
    QCOMPARE(threadOf(pair), QStringLiteral("process-1"));
    QCOMPARE(completeEvents(events, pair).size(), 2);
    QCOMPARE(threadOf(across), QStringLiteral("process-1 (overlap)"));
    QCOMPARE(threadOf(inRun), QStringLiteral("process-1"));
    QCOMPARE(names.size(), 5);
}

void tst_TraceExport::asyncPairsMatch()
{
    QMap<QString, QJsonObject> begins;
    int pairs = 0;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        const QString ph = str(e, "ph");
        if (ph != QLatin1String("b") && ph != QLatin1String("e"))
            continue;
        QCOMPARE(str(e, "cat"), QStringLiteral("queue"));
        QCOMPARE(str(e, "name"), QStringLiteral("queued"));
        const QJsonValue id = e.value(QLatin1String("id"));
        QVERIFY(id.isDouble() || id.isString());
        const QString key = str(e, "cat") + QLatin1Char('/') + str(e, "name") + QLatin1Char('/')
            + (id.isString() ? id.toString() : QString::number(id.toInteger()));
        if (ph == QLatin1String("b")) {
            QVERIFY2(!begins.contains(key), qPrintable(key));
            begins.insert(key, e);
        } else {
            QVERIFY2(begins.contains(key), qPrintable(key));
            const QJsonObject b = begins.take(key);
            QVERIFY(nsOf(e.value(QLatin1String("ts"))) >= nsOf(b.value(QLatin1String("ts"))));
            QCOMPARE(e.value(QLatin1String("tid")).toInt(), b.value(QLatin1String("tid")).toInt());
            ++pairs;
        }
    }
    QVERIFY2(begins.isEmpty(), qPrintable(begins.keys().join(QLatin1Char(' '))));
    // stolen, item, pool1, pool2, process, cancelled, running; inline too (1 ms); not the
    // wait (never queued) nor the span still queued.
    QCOMPARE(pairs, 8);
}

void tst_TraceExport::neverStartedAndUnfinishedSpans()
{
    QVERIFY(completeEvents(m_events, m_ids.cancelled).isEmpty());
    QVERIFY(completeEvents(m_events, m_ids.stillQueued).isEmpty());
    QVERIFY(completeEvents(m_events, m_ids.running).isEmpty());
    qint64 cancelledBegin = -1;
    qint64 cancelledEnd = -1;
    bool runningQueued = false;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        const QString ph = str(e, "ph");
        if (ph != QLatin1String("b") && ph != QLatin1String("e"))
            continue;
        const int id = e.value(QLatin1String("id")).toInt();
        QVERIFY(id != int(m_ids.stillQueued));
        QVERIFY(id != int(m_ids.wait));
        if (id == int(m_ids.cancelled)) {
            (ph == QLatin1String("b") ? cancelledBegin : cancelledEnd) = nsOf(e.value(QLatin1String("ts")));
            if (ph == QLatin1String("b"))
                QCOMPARE(e.value(QLatin1String("args")).toObject().value(QLatin1String("state")).toString(),
                         QStringLiteral("cancelled"));
        }
        runningQueued |= id == int(m_ids.running) && ph == QLatin1String("e")
            && nsOf(e.value(QLatin1String("ts"))) == at(146) - kOrigin;
    }
    // Its queue wait lasted until it was cancelled.
    QCOMPARE(cancelledBegin, at(56) - kOrigin);
    QCOMPARE(cancelledEnd, at(150) - kOrigin);
    QVERIFY(runningQueued);
}

void tst_TraceExport::counters()
{
    // One per tick at its actual time: the late one comes after the next tick's.
    QVector<TickSample> ticks = m_recorder.ticks();
    std::stable_sort(ticks.begin(), ticks.end(),
                     [](const TickSample &a, const TickSample &b) { return a.actualNs < b.actualNs; });
    int lag = 0;
    QMap<QString, QList<double>> others;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") != QLatin1String("C"))
            continue;
        const QJsonObject args = e.value(QLatin1String("args")).toObject();
        QVERIFY(!args.isEmpty());
        for (auto it = args.constBegin(); it != args.constEnd(); ++it)
            QVERIFY2(it.value().isDouble(), qPrintable(it.key()));
        if (str(e, "name") == QLatin1String("lag_ms")) {
            QVERIFY(lag < ticks.size());
            QCOMPARE(nsOf(e.value(QLatin1String("ts"))), ticks[lag].actualNs - kOrigin);
            QCOMPARE(args.value(QLatin1String("lateness")).toDouble(), double(ticks[lag].latenessNs()) / 1e6);
            ++lag;
        } else {
            others[str(e, "name")].append(args.value(QLatin1String("depth")).toDouble());
        }
    }
    QCOMPARE(lag, 20);
    QCOMPARE(others.value(QStringLiteral("queue_depth")), (QList<double>{1, 0}));
    QCOMPARE(others.value(QStringLiteral("nesting_depth")), (QList<double>{1, 0}));
    QCOMPARE(others.size(), 2);
}

void tst_TraceExport::instants()
{
    QStringList modes;
    QList<qint64> modeTimes;
    int reentries = 0;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") != QLatin1String("i"))
            continue;
        if (str(e, "s") == QLatin1String("g")) {
            modes << str(e, "name");
            modeTimes << nsOf(e.value(QLatin1String("ts")));
        } else {
            QCOMPARE(str(e, "name"), QStringLiteral("re-entered handler"));
            QCOMPARE(str(e, "s"), QStringLiteral("t"));
            QCOMPARE(e.value(QLatin1String("tid")).toInt(), 1);
            QCOMPARE(nsOf(e.value(QLatin1String("ts"))), at(35) - kOrigin);
            QCOMPARE(e.value(QLatin1String("args")).toObject().value(QLatin1String("depth")).toDouble(), 2.0);
            ++reentries;
        }
    }
    QCOMPARE(modes, (QStringList{QStringLiteral("mode: inline"), QStringLiteral("mode: wait"),
                                 QStringLiteral("mode: pool"), QStringLiteral("mode: process")}));
    QCOMPARE(modeTimes, (QList<qint64>{0, 30'000'000, 50'000'000, 100'000'000}));
    QCOMPARE(reentries, 1);
}

void tst_TraceExport::transferThenRun()
{
    // The X events on the process's thread, in file order.
    const int tid = 3;
    QList<QJsonObject> onThread;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") == QLatin1String("X") && e.value(QLatin1String("tid")).toInt() == tid)
            onThread << e;
    }
    const QList<QJsonObject> pieces = completeEvents(m_events, m_ids.process);
    QCOMPARE(pieces.size(), 2);
    QCOMPARE(str(pieces[0], "name"), QStringLiteral("transfer"));
    QCOMPARE(str(pieces[1], "name"), QStringLiteral("cpu"));
    QCOMPARE(str(pieces[0], "cat"), QStringLiteral("process"));
    QCOMPARE(pieces[0].value(QLatin1String("tid")).toInt(), tid);
    QCOMPARE(pieces[1].value(QLatin1String("tid")).toInt(), tid);
    const qsizetype first = onThread.indexOf(pieces[0]);
    QVERIFY(first >= 0);
    QCOMPARE(onThread.value(first + 1), pieces[1]);
    // They touch and do not overlap: the run starts where the transfer ends.
    QCOMPARE(nsOf(pieces[0].value(QLatin1String("ts"))), at(102) - kOrigin);
    QCOMPARE(nsOf(pieces[0].value(QLatin1String("dur"))), 3'000'000);
    QCOMPARE(nsOf(pieces[1].value(QLatin1String("ts"))), at(105) - kOrigin);
    QCOMPARE(nsOf(pieces[1].value(QLatin1String("dur"))), 25'000'000);
    const QJsonObject args = pieces[1].value(QLatin1String("args")).toObject();
    QCOMPARE(args.value(QLatin1String("transfer_ms")).toDouble(), 3.0);
    QCOMPARE(args.value(QLatin1String("queued_ms")).toDouble(), 2.0);
    QCOMPARE(args.value(QLatin1String("state")).toString(), QStringLiteral("done"));
}

void tst_TraceExport::timesAreMicrosSinceOrigin()
{
    for (const Span &s : m_recorder.spans()) {
        const QList<QJsonObject> x = completeEvents(m_events, s.id);
        if (x.isEmpty())
            continue;
        QVERIFY(qAbs(x[0].value(QLatin1String("ts")).toDouble() - double(s.startNs - kOrigin) / 1000.0) < 1e-3);
        const QJsonObject &last = x.last();
        const double endUs = last.value(QLatin1String("ts")).toDouble() + last.value(QLatin1String("dur")).toDouble();
        QVERIFY(qAbs(endUs - double(s.endNs - kOrigin) / 1000.0) < 1e-3);
    }
    // Round numbers: started 2 ms after the origin, ran 18 ms, waited 1 ms in the queue.
    const QList<QJsonObject> x = completeEvents(m_events, m_ids.inlineIo);
    QCOMPARE(x.size(), 1);
    QCOMPARE(x[0].value(QLatin1String("ts")).toDouble(), 2000.0);
    QCOMPARE(x[0].value(QLatin1String("dur")).toDouble(), 18000.0);
    QCOMPARE(x[0].value(QLatin1String("args")).toObject().value(QLatin1String("queued_ms")).toDouble(), 1.0);
    QCOMPARE(str(x[0], "name"), QStringLiteral("io"));
    QCOMPARE(str(x[0], "cat"), QStringLiteral("inline"));
    // The text itself has three decimals.
    QVERIFY(m_json.contains("\"ts\":2000.000,\"dur\":18000.000"));
}

void tst_TraceExport::sortedByTs()
{
    qint64 last = std::numeric_limits<qint64>::min();
    bool metadataDone = false;
    for (const QJsonValue &v : std::as_const(m_events)) {
        const QJsonObject e = v.toObject();
        if (str(e, "ph") == QLatin1String("M")) {
            QVERIFY(!metadataDone); // all metadata first
            continue;
        }
        metadataDone = true;
        const qint64 ts = nsOf(e.value(QLatin1String("ts")));
        QVERIFY(ts >= last);
        last = ts;
    }
    // Deterministic: the same recorder gives the same bytes.
    QCOMPARE(TraceExport::chromeTrace(m_recorder, kOrigin, RunConfig()),
             TraceExport::chromeTrace(m_recorder, kOrigin, RunConfig()));
}

void tst_TraceExport::namesAreEscaped()
{
    Recorder recorder;
    const QString odd = QStringLiteral("a \"quoted\" \\ lane\nwith a tab\t and ü");
    recorder.registerLane(odd);
    addSpan(&recorder, WorkKind::Io, ExecMode::Inline, 0, 0, 1, 2);
    const QJsonArray events = eventsOf(parse(TraceExport::chromeTrace(recorder, kOrigin, RunConfig())));
    QVERIFY(!events.isEmpty());
    QCOMPARE(threadNames(events).value(1), odd);
}

void tst_TraceExport::emptyRecorder()
{
    Recorder recorder;
    const QJsonObject trace = parse(TraceExport::chromeTrace(recorder, 0, RunConfig()));
    const QJsonArray events = eventsOf(trace);
    QVERIFY(!events.isEmpty());
    for (const QJsonValue &v : events)
        QCOMPARE(v.toObject().value(QLatin1String("ph")).toString(), QStringLiteral("M"));
    QVERIFY(trace.value(QLatin1String("otherData")).isObject());
}

void tst_TraceExport::largeRun()
{
    constexpr int spans = 200000;
    constexpr int lanes = 8;
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    for (int lane = 1; lane <= lanes; ++lane)
        recorder.registerLane(QStringLiteral("pool-%1").arg(lane));
    for (int i = 0; i < spans; ++i) {
        const qint64 submit = kOrigin + qint64(i) * 10'000;
        const quint32 id = recorder.beginSpan(WorkKind::Cpu, ExecMode::Pool, submit);
        recorder.markStart(id, 1 + i % lanes, submit + 5'000);
        recorder.markEnd(id, submit + 75'000, SpanState::Done);
    }
    for (int i = 0; i < spans / 10; ++i)
        recorder.addTick({kOrigin + qint64(i) * 10'000'000, kOrigin + qint64(i) * 10'000'000 + 1'000'000});

    QElapsedTimer timer;
    timer.start();
    const QByteArray json = TraceExport::chromeTrace(recorder, kOrigin, RunConfig());
    const qint64 exportMs = timer.elapsed();
    qInfo("exported %d spans in %lld ms: %.1f MB", spans, exportMs, double(json.size()) / 1e6);

    // Parsing 80 MB with QJsonDocument takes seconds and proves nothing the small trace
    // does not: count the events, one a line.
    QVERIFY(json.startsWith("{\"traceEvents\":[\n"));
    QVERIFY(json.endsWith("}\n"));
    // Per span an X and a b/e pair; per tick a C; process name and two M per lane.
    QCOMPARE(json.count("\n{\"ph\":"), qsizetype(spans) * 3 + spans / 10 + 1 + 2 * (lanes + 1));
    QCOMPARE(json.count("{\"ph\":\"X\""), qsizetype(spans));
}

QTEST_GUILESS_MAIN(tst_TraceExport)
#include "tst_traceexport.moc"
