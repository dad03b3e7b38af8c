#include "engine/recorder.h"
#include "formats/outputset.h"
#include "formats/runexport.h"
#include "formats/runfile.h"
#include "formats/traceexport.h"
#include "run/session.h"
#include "run/summarizer.h"
#include "stats/statistics.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>

class tst_RunFile : public QObject
{
    Q_OBJECT
private slots:
    void roundTrip();
    void roundTripRealRun();
    void emptyRecorder();
    void everyParameterIsSaved();
    void roundTripDecimated();
    void roundTripProgram();
    void refusesDamaged_data();
    void refusesDamaged();
    void refusesTruncated();
    void survivesMutations();

private:
    // More than 2^53, as after 105 days of uptime: start_ns must survive exactly.
    static constexpr qint64 kStart = 9100000000000000;
    static constexpr qint64 kMs = 1000000;

    static std::shared_ptr<Recorder> handMadeRecorder();
    static RunConfig handMadeConfig();
    static QByteArray validFile();
    static QByteArray edited(const std::function<void(QJsonObject &)> &edit);
    static QByteArray withSpanField(int span, int field, const QJsonValue &value);
    static void compareRecorders(const Recorder &a, const Recorder &b);
    static void compareConfigs(const RunConfig &a, const RunConfig &b);
    static void compareSummaries(const Summary &a, const Summary &b);
    static void verifyRefused(const QByteArray &data, const QString &expected = {});
};

std::shared_ptr<Recorder> tst_RunFile::handMadeRecorder()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    r->registerLane(QStringLiteral("process-1"));
    r->registerLane(QStringLiteral("producer \"quoted\"\\ ünïcødé\n"));

    r->addModeSwitch(kStart, ExecMode::Inline);
    r->addModeSwitch(kStart + 1000 * kMs, ExecMode::Pool);
    r->addModeSwitch(kStart + 2000 * kMs, ExecMode::Process);

    // Ticks as the probe makes them: a stall of a tick interval or more resets the schedule.
    const qint64 interval = 10 * kMs;
    qint64 expected = kStart + interval - 3000;
    for (int i = 0; i < 300; ++i) {
        qint64 late = 40000 + (i * 7919) % 90000;
        if (i % 50 == 17)
            late = 250 * kMs + i; // a stall
        if (i == 100)
            late = 0;
        const qint64 actual = expected + late;
        r->addTick({expected, actual});
        expected = late >= interval ? actual + interval : expected + interval;
    }

    const auto at = [](qint64 ms) { return kStart + ms * kMs; };
    // Every kind, mode and state; ids follow the order of beginSpan.
    quint32 id = r->beginSpan(WorkKind::Io, ExecMode::Inline, at(10));
    r->markStart(id, 0, at(10) + 1);
    r->markEnd(id, at(210), SpanState::Done);

    id = r->beginSpan(WorkKind::Cpu, ExecMode::Pool, at(1100));
    r->markStart(id, 1, at(1101));
    r->markEnd(id, at(1180), SpanState::Done);

    // A worker process: transfer from start to run.
    id = r->beginSpan(WorkKind::Cpu, ExecMode::Process, at(2100));
    r->markStart(id, 2, at(2101));
    r->markRun(id, at(2104) + 17);
    r->markEnd(id, at(2190), SpanState::Done);

    id = r->beginSpan(WorkKind::Wait, ExecMode::Wait, at(1200));
    r->markStart(id, 0, at(1200));
    r->markEnd(id, at(1400), SpanState::Done);

    id = r->beginSpan(WorkKind::Item, ExecMode::Queue, at(1500));
    r->markStart(id, 0, at(1502));
    r->markEnd(id, at(1504), SpanState::Done);

    id = r->beginSpan(WorkKind::Wait, ExecMode::Queue, at(1505));
    r->markStart(id, 3, at(1505));
    r->markEnd(id, at(1510), SpanState::Done);

    id = r->beginSpan(WorkKind::Io, ExecMode::Pool, at(2800)); // still queued
    Q_UNUSED(id);

    id = r->beginSpan(WorkKind::Io, ExecMode::Thread, at(2810)); // still running
    r->markStart(id, 1, at(2811));

    id = r->beginSpan(WorkKind::Io, ExecMode::Pool, at(2820)); // cancelled before it started
    r->markEnd(id, at(2900), SpanState::Cancelled);

    id = r->beginSpan(WorkKind::Cpu, ExecMode::Process, at(2830)); // the worker died
    r->markStart(id, 2, at(2831));
    r->markRun(id, at(2833));
    r->markEnd(id, at(2850), SpanState::Failed);

    id = r->beginSpan(WorkKind::Io, ExecMode::Gil, at(2840)); // stopped while running
    r->markStart(id, 1, at(2841));
    r->markEnd(id, at(2900), SpanState::Cancelled);

    id = r->beginSpan(WorkKind::Cpu, ExecMode::Process, at(2845)); // no worker would ever start
    r->markEnd(id, at(2846), SpanState::Failed);

    id = r->beginSpan(WorkKind::Io, ExecMode::Mutex, at(2850));
    r->markStart(id, 1, at(2850));
    r->markEnd(id, at(2850), SpanState::Done); // zero length

    id = r->beginSpan(WorkKind::Cpu, ExecMode::Nested, at(2860));
    r->markStart(id, 1, at(2861));
    r->markEnd(id, at(2870), SpanState::Done);

    for (int i = 0; i < 20; ++i)
        r->addCounter(Counter::QueueDepth, at(1500 + i), double(i % 7));
    r->addCounter(Counter::QueueDepth, at(1499), 0); // recorded from two threads: out of order
    r->addCounter(Counter::NestingDepth, at(2860), 1);
    r->addCounter(Counter::NestingDepth, at(2865), 2);
    r->addCounter(Counter::Reentry, at(2866), 2.5);
    r->addCounter(Counter::Reentry, at(2867), 0.1);
    return r;
}

RunConfig tst_RunFile::handMadeConfig()
{
    RunConfig config;
    config.work = WorkKind::Cpu;
    config.mode = ExecMode::Process;
    config.durationS = 2.95;
    config.intervalMs = 10;
    config.periodMs = 100;
    config.ioMs = 150;
    config.jsonKb = 512;
    config.workers = 3;
    config.switchMs = 7;
    config.queueCapacity = 16;
    config.itemUs = 1500;
    return config;
}

QByteArray tst_RunFile::validFile()
{
    return RunFile::save(*handMadeRecorder(), handMadeConfig(), kStart, kStart + 3000 * kMs,
                         QStringLiteral("bounded-pool"));
}

QByteArray tst_RunFile::edited(const std::function<void(QJsonObject &)> &edit)
{
    QJsonObject root = QJsonDocument::fromJson(validFile()).object();
    edit(root);
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QByteArray tst_RunFile::withSpanField(int span, int field, const QJsonValue &value)
{
    return edited([=](QJsonObject &root) {
        QJsonArray spans = root.value(QLatin1String("spans")).toArray();
        QJsonArray row = spans.at(span).toArray();
        row[field] = value;
        spans[span] = row;
        root[QLatin1String("spans")] = spans;
    });
}

void tst_RunFile::compareRecorders(const Recorder &a, const Recorder &b)
{
    QCOMPARE(b.laneNames(), a.laneNames());

    const QVector<ModeSwitch> switchesA = a.modeSwitches(), switchesB = b.modeSwitches();
    QCOMPARE(switchesB.size(), switchesA.size());
    for (qsizetype i = 0; i < switchesA.size(); ++i) {
        QCOMPARE(switchesB.at(i).ns, switchesA.at(i).ns);
        QCOMPARE(switchesB.at(i).mode, switchesA.at(i).mode);
    }

    QCOMPARE(b.tickCount(), a.tickCount());
    for (quint32 i = 0; i < a.tickCount(); ++i) {
        QCOMPARE(b.tick(i).expectedNs, a.tick(i).expectedNs);
        QCOMPARE(b.tick(i).actualNs, a.tick(i).actualNs);
    }

    QCOMPARE(b.spanCount(), a.spanCount());
    for (quint32 i = 0; i < a.spanCount(); ++i) {
        const Span x = a.span(i), y = b.span(i);
        QCOMPARE(y.id, x.id);
        QCOMPARE(y.kind, x.kind);
        QCOMPARE(y.mode, x.mode);
        QCOMPARE(y.state, x.state);
        QCOMPARE(y.lane, x.lane);
        QCOMPARE(y.submitNs, x.submitNs);
        QCOMPARE(y.startNs, x.startNs);
        QCOMPARE(y.runNs, x.runNs);
        QCOMPARE(y.endNs, x.endNs);
    }

    for (const Counter counter : {Counter::QueueDepth, Counter::NestingDepth, Counter::Reentry}) {
        const QVector<CounterSample> x = a.counter(counter), y = b.counter(counter);
        QCOMPARE(y.size(), x.size());
        QCOMPARE(b.hasCounter(counter), a.hasCounter(counter));
        for (qsizetype i = 0; i < x.size(); ++i) {
            QCOMPARE(y.at(i).ns, x.at(i).ns);
            QCOMPARE(y.at(i).value, x.at(i).value); // exact: shortest round-trip formatting
        }
    }
}

void tst_RunFile::compareConfigs(const RunConfig &a, const RunConfig &b)
{
    QCOMPARE(b.work, a.work);
    QCOMPARE(b.mode, a.mode);
    QCOMPARE(b.durationS, a.durationS);
    for (const RunParameter &p : RunParameter::all()) {
        if (p.perRun)
            QCOMPARE(b.*p.field, a.*p.field);
    }
}

void tst_RunFile::compareSummaries(const Summary &a, const Summary &b)
{
    QCOMPARE(b.work, a.work);
    QCOMPARE(b.mode, a.mode);
    QCOMPARE(b.durationS, a.durationS);
    QCOMPARE(b.intervalMs, a.intervalMs);
    QCOMPARE(b.ticks, a.ticks);
    QCOMPARE(b.p50Ms, a.p50Ms);
    QCOMPARE(b.p95Ms, a.p95Ms);
    QCOMPARE(b.p99Ms, a.p99Ms);
    QCOMPARE(b.maxMs, a.maxMs);
    QCOMPARE(b.p95CorrectedMs, a.p95CorrectedMs);
    QCOMPARE(b.p99CorrectedMs, a.p99CorrectedMs);
    QCOMPARE(b.missedTicks, a.missedTicks);
    QCOMPARE(b.stallsAtLeast, a.stallsAtLeast);
    QCOMPARE(b.tasks, a.tasks);
    QCOMPARE(b.cancelled, a.cancelled);
    QCOMPARE(b.failed, a.failed);
    QCOMPARE(b.taskMsMedian, a.taskMsMedian);
    QCOMPARE(b.queueWaitMsMedian, a.queueWaitMsMedian);
    QCOMPARE(b.longTasks, a.longTasks);
    QCOMPARE(b.loopBusyPct, a.loopBusyPct);
    QCOMPARE(b.queueWaitMsMax, a.queueWaitMsMax);
    QCOMPARE(b.loopWaits, a.loopWaits);
    QCOMPARE(b.loopWaitMs, a.loopWaitMs);
    QCOMPARE(b.maxQueueDepth, a.maxQueueDepth);
    QCOMPARE(b.producerWaits, a.producerWaits);
    QCOMPARE(b.maxNestingDepth, a.maxNestingDepth);
    QCOMPARE(b.reentries, a.reentries);
    QCOMPARE(b.verdict, a.verdict);
}

void tst_RunFile::roundTrip()
{
    const auto recorder = handMadeRecorder();
    const RunConfig config = handMadeConfig();
    const qint64 endNs = kStart + 3000 * kMs;
    const QByteArray data = RunFile::save(*recorder, config, kStart, endNs, QStringLiteral("bounded-pool"));

    LoadedRun loaded;
    QString error;
    QVERIFY2(RunFile::load(data, &loaded, &error), qPrintable(error));
    QVERIFY(error.isEmpty());
    QVERIFY(loaded.recorder);
    QVERIFY(loaded.recorder != recorder);
    QCOMPARE(loaded.startNs, kStart);
    QCOMPARE(loaded.endNs, endNs);
    QCOMPARE(loaded.lesson, QStringLiteral("bounded-pool"));
    compareConfigs(config, loaded.config);
    compareRecorders(*recorder, *loaded.recorder);
    QVERIFY(loaded.recorder->span(2).transferNs() > 0);
    QCOMPARE(loaded.recorder->span(8).startNs, qint64(0)); // never started

    const Summary before = Summarizer::summarize(*recorder, config, kStart, endNs);
    const Summary after = Summarizer::summarize(*loaded.recorder, loaded.config, loaded.startNs, loaded.endNs);
    QVERIFY(before.missedTicks > 0);
    QCOMPARE(before.cancelled, qint64(2));
    QCOMPARE(before.failed, qint64(2));
    compareSummaries(before, after);

    // Saving what was loaded writes the same bytes: nothing was lost or reinterpreted.
    QCOMPARE(RunFile::save(*loaded.recorder, loaded.config, loaded.startNs, loaded.endNs, loaded.lesson), data);
    // And what QJsonDocument writes back loads too (another tool may rewrite the file).
    LoadedRun again;
    QVERIFY2(RunFile::load(QJsonDocument::fromJson(data).toJson(), &again, &error), qPrintable(error));
    compareRecorders(*recorder, *again.recorder);
}

void tst_RunFile::roundTripRealRun()
{
    Session session;
    RunConfig config;
    config.work = WorkKind::Io;
    config.mode = ExecMode::Pool;
    config.ioMs = 60;
    config.periodMs = 20;
    config.workers = 2; // tasks queue up, so some are still queued or running at the end
    config.durationS = 0.5;
    session.setConfig(config);
    QSignalSpy finished(&session, &Session::finished);
    QString error;
    QVERIFY2(session.start(&error), qPrintable(error));
    QVERIFY(finished.wait(10000));
    QCOMPARE(finished.count(), 1);

    const QByteArray data = RunFile::save(*session.recorder(), session.config(), session.startNs(), session.endNs());
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("run") + QLatin1String(RunFile::kSuffix));
    QVERIFY2(OutputSet::writeFile(path, data, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));

    LoadedRun loaded;
    QVERIFY2(RunFile::load(file.readAll(), &loaded, &error), qPrintable(error));
    QVERIFY(loaded.recorder->tickCount() >= 20);
    QVERIFY(loaded.recorder->spanCount() >= 10);
    QVERIFY(loaded.lesson.isEmpty());
    QCOMPARE(loaded.startNs, session.startNs());
    QCOMPARE(loaded.endNs, session.endNs());
    compareConfigs(session.config(), loaded.config);
    compareRecorders(*session.recorder(), *loaded.recorder);
    compareSummaries(session.summary(),
                     Summarizer::summarize(*loaded.recorder, loaded.config, loaded.startNs, loaded.endNs));
}

void tst_RunFile::emptyRecorder()
{
    Recorder empty;
    const RunConfig config;
    const QByteArray data = RunFile::save(empty, config, 0, 0);
    LoadedRun loaded;
    QString error;
    QVERIFY2(RunFile::load(data, &loaded, &error), qPrintable(error));
    QVERIFY(loaded.recorder);
    QCOMPARE(loaded.recorder->tickCount(), 0u);
    QCOMPARE(loaded.recorder->spanCount(), 0u);
    QVERIFY(loaded.recorder->laneNames().isEmpty());
    QVERIFY(loaded.recorder->modeSwitches().isEmpty());
    for (const Counter counter : {Counter::QueueDepth, Counter::NestingDepth, Counter::Reentry})
        QVERIFY(!loaded.recorder->hasCounter(counter));
    QCOMPARE(loaded.startNs, qint64(0));
    QCOMPARE(loaded.endNs, qint64(0));
    compareConfigs(config, loaded.config);
    compareSummaries(Summarizer::summarize(empty, config, 0, 0),
                     Summarizer::summarize(*loaded.recorder, loaded.config, 0, 0));
}

// Every parameter of the one table is written under its key, read back, and shows in the
// summary JSON and the trace's metadata.
void tst_RunFile::everyParameterIsSaved()
{
    RunConfig config;
    config.work = WorkKind::Cpu;
    config.jsonKb = 64; // cpu work: json-kb × workers stays inside the in-flight bound
    for (const RunParameter &p : RunParameter::all()) {
        if (p.field != &RunConfig::jsonKb)
            config.*p.field = p.min == 0 ? p.min + 1 : p.min + 2 > p.max ? p.max : p.min + 2;
    }
    QVERIFY2(config.validate().isEmpty(), qPrintable(config.validate()));
    Recorder empty;
    const QByteArray data = RunFile::save(empty, config, 0, 0);
    const QJsonObject saved = QJsonDocument::fromJson(data).object().value(QLatin1String("config")).toObject();
    const QJsonObject summary = RunExport::summaryJson(Summarizer::summarize(empty, config, 0, 0), config);
    const QJsonObject trace = QJsonDocument::fromJson(TraceExport::chromeTrace(empty, 0, config)).object()
                                  .value(QLatin1String("otherData")).toObject();
    for (const RunParameter &p : RunParameter::all()) {
        const QLatin1String key(p.key);
        QCOMPARE(saved.contains(key), p.perRun);
        if (p.perRun) {
            QCOMPARE(saved.value(key).toInt(), config.*p.field);
            QCOMPARE(summary.value(key).toInt(), config.*p.field);
            QCOMPARE(trace.value(key).toInt(), config.*p.field);
        }
    }
    LoadedRun loaded;
    QString error;
    QVERIFY2(RunFile::load(data, &loaded, &error), qPrintable(error));
    compareConfigs(config, loaded.config);
}

void tst_RunFile::verifyRefused(const QByteArray &data, const QString &expected)
{
    // A run already on screen: a failed load must leave every field of it alone.
    LoadedRun current;
    const auto shown = std::make_shared<Recorder>();
    current.recorder = shown;
    current.startNs = 11;
    current.endNs = 22;
    current.lesson = QStringLiteral("keep me");
    current.config.ioMs = 333;
    QString error;
    QVERIFY(!RunFile::load(data, &current, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(!error.contains(QLatin1Char('\n')) && !error.contains(QLatin1Char('\r')), qPrintable(error));
    if (!expected.isEmpty())
        QVERIFY2(error.contains(expected), qPrintable(error));
    QCOMPARE(current.recorder, shown);
    QCOMPARE(current.startNs, qint64(11));
    QCOMPARE(current.endNs, qint64(22));
    QCOMPARE(current.lesson, QStringLiteral("keep me"));
    QCOMPARE(current.config.ioMs, 333);
}

void tst_RunFile::refusesDamaged_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<QString>("expected");
    const QString foreign = QStringLiteral("not a Loop Lab run file");

    QTest::newRow("empty") << QByteArray() << foreign;
    QTest::newRow("blank") << QByteArray(" \n\t ") << foreign;
    QTest::newRow("{}") << QByteArray("{}") << foreign;
    QTest::newRow("array") << QByteArray("[1, 2, 3]") << foreign;
    QTest::newRow("null") << QByteArray("null") << foreign;
    QTest::newRow("string") << QByteArray("\"looplab-run\"") << foreign;
    QTest::newRow("csv") << QByteArray("record,id,t_ms\ntick,0,1.0\n") << foreign;
    QByteArray noise(4096, Qt::Uninitialized);
    QRandomGenerator random(42);
    for (char &c : noise)
        c = char(random.bounded(256));
    QTest::newRow("random bytes") << noise << foreign;
    QTest::newRow("deep nesting") << QByteArray(200000, '[') << foreign;

    QTest::newRow("wrong format") << edited([](QJsonObject &root) {
        root[QLatin1String("format")] = QStringLiteral("chrome-trace");
    }) << foreign;
    QTest::newRow("no format") << edited([](QJsonObject &root) { root.remove(QLatin1String("format")); })
                               << foreign;
    QTest::newRow("version 99") << edited([](QJsonObject &root) { root[QLatin1String("version")] = 99; })
                                << QStringLiteral("made by a newer Loop Lab (file version 99");
    QTest::newRow("version 0") << edited([](QJsonObject &root) { root[QLatin1String("version")] = 0; })
                               << QStringLiteral("damaged: the file version");
    QTest::newRow("version text") << edited([](QJsonObject &root) {
        root[QLatin1String("version")] = QStringLiteral("1");
    }) << QStringLiteral("damaged: the file version");
    QTest::newRow("version 1.5") << edited([](QJsonObject &root) { root[QLatin1String("version")] = 1.5; })
                                 << QStringLiteral("damaged: the file version");

    QTest::newRow("no config") << edited([](QJsonObject &root) { root.remove(QLatin1String("config")); })
                               << QStringLiteral("damaged: the run settings");
    const auto config = [](const char *key, const QJsonValue &value) {
        return edited([=](QJsonObject &root) {
            QJsonObject c = root.value(QLatin1String("config")).toObject();
            c[QLatin1String(key)] = value;
            root[QLatin1String("config")] = c;
        });
    };
    QTest::newRow("config mode") << config("mode", QStringLiteral("warp")) << QStringLiteral("\"warp\" is not a mode");
    QTest::newRow("config interval 0") << config("interval_ms", 0) << QStringLiteral("interval must be");
    QTest::newRow("config workers text") << config("workers", QStringLiteral("4"))
        << QStringLiteral("workers is missing");
    QTest::newRow("config io huge") << config("io_ms", 1e300) << QStringLiteral("io_ms is missing");

    QTest::newRow("start negative") << edited([](QJsonObject &root) {
        root[QLatin1String("start_ns")] = QStringLiteral("-5");
    }) << QStringLiteral("start or end time");
    QTest::newRow("start not a number") << edited([](QJsonObject &root) {
        root[QLatin1String("start_ns")] = QStringLiteral("soon");
    }) << QStringLiteral("start or end time");
    QTest::newRow("end before start") << edited([](QJsonObject &root) {
        root[QLatin1String("end_ns")] = QStringLiteral("1");
    }) << QStringLiteral("ends before it starts");
    QTest::newRow("lane name") << edited([](QJsonObject &root) {
        root[QLatin1String("lanes")] = QJsonArray{QStringLiteral("GUI thread"), 7};
    }) << QStringLiteral("lane 1 has no name");
    QTest::newRow("lanes missing") << edited([](QJsonObject &root) { root.remove(QLatin1String("lanes")); })
                                   << QStringLiteral("lanes is missing");

    QTest::newRow("span kind") << withSpanField(1, 1, QStringLiteral("teleport"))
                               << QStringLiteral("span 1: \"teleport\" is not a kind of work");
    QTest::newRow("span kind empty") << withSpanField(1, 1, QStringLiteral("empty"))
                                     << QStringLiteral("is not a kind of work");
    QTest::newRow("span mode") << withSpanField(1, 2, 3) << QStringLiteral("is not a mode");
    QTest::newRow("span state") << withSpanField(1, 3, QStringLiteral("empty"))
                                << QStringLiteral("span 1: \"empty\" is not a span state");
    QTest::newRow("span state newline") << withSpanField(1, 3, QStringLiteral("done\nrm -rf"))
                                        << QStringLiteral("is not a span state");
    QTest::newRow("span lane") << withSpanField(1, 4, 7)
                               << QStringLiteral("damaged: span 1 refers to lane 7 but the file has 4 lanes");
    QTest::newRow("span lane negative") << withSpanField(1, 4, -1) << QStringLiteral("span 1 has no valid lane");
    QTest::newRow("span lane before start") << withSpanField(8, 4, 1)
        << QStringLiteral("span 8 never started but names lane 1");
    QTest::newRow("span id") << withSpanField(3, 0, 4) << QStringLiteral("span 3 has the wrong id");
    QTest::newRow("span submit negative") << withSpanField(1, 5, -10) << QStringLiteral("no valid submit time");
    QTest::newRow("span start negative") << withSpanField(1, 6, -10) << QStringLiteral("negative");
    QTest::newRow("span end negative") << withSpanField(1, 8, -10) << QStringLiteral("negative");
    QTest::newRow("span end before start") << withSpanField(1, 8, 1000 * kMs)
        << QStringLiteral("ends before it starts");
    QTest::newRow("span run before start") << withSpanField(2, 7, 2100 * kMs)
        << QStringLiteral("runs before it starts");
    QTest::newRow("span run after end") << withSpanField(2, 7, 2200 * kMs) << QStringLiteral("ends before it starts");
    QTest::newRow("span start before submit") << withSpanField(1, 6, 1000 * kMs)
        << QStringLiteral("before it was submitted");
    QTest::newRow("span time fraction") << withSpanField(1, 6, 1100500000.5) << QStringLiteral("not a whole number");
    QTest::newRow("span time huge") << withSpanField(1, 8, 1e300) << QStringLiteral("not a whole number");
    QTest::newRow("done without end") << withSpanField(1, 8, QJsonValue::Null)
        << QStringLiteral("is done but has no end");
    QTest::newRow("queued with end") << withSpanField(6, 8, 2900 * kMs) << QStringLiteral("is queued but");
    QTest::newRow("running with end") << withSpanField(7, 8, 2900 * kMs) << QStringLiteral("is running but");
    QTest::newRow("span short") << edited([](QJsonObject &root) {
        QJsonArray spans = root.value(QLatin1String("spans")).toArray();
        spans[0] = QJsonArray{0, QStringLiteral("io")};
        root[QLatin1String("spans")] = spans;
    }) << QStringLiteral("span 0 is not [id");
    QTest::newRow("span not a list") << edited([](QJsonObject &root) {
        QJsonArray spans = root.value(QLatin1String("spans")).toArray();
        spans[0] = QJsonObject{};
        root[QLatin1String("spans")] = spans;
    }) << QStringLiteral("span 0 is not [id");

    const auto ticks = [](const std::function<void(QJsonObject &)> &edit) {
        return tst_RunFile::edited([&](QJsonObject &root) {
            QJsonObject t = root.value(QLatin1String("ticks")).toObject();
            edit(t);
            root[QLatin1String("ticks")] = t;
        });
    };
    QTest::newRow("ticks huge count") << ticks([](QJsonObject &t) { t[QLatin1String("count")] = 1e12; })
                                      << QStringLiteral("1000000000000 ticks is more than a run file may hold");
    QTest::newRow("ticks absurd count") << ticks([](QJsonObject &t) { t[QLatin1String("count")] = 1e300; })
                                        << QStringLiteral("ticks is more than a run file may hold");
    QTest::newRow("ticks count mismatch") << ticks([](QJsonObject &t) { t[QLatin1String("count")] = 299; })
                                          << QStringLiteral("says 299 ticks but holds 300");
    QTest::newRow("ticks of strings") << ticks([](QJsonObject &t) {
        QJsonArray strings;
        for (int i = 0; i < 300; ++i)
            strings.append(QString::number(i));
        t[QLatin1String("expected")] = strings;
    }) << QStringLiteral("tick 0 is not a whole number");
    QTest::newRow("ticks negative") << ticks([](QJsonObject &t) {
        QJsonArray expected = t.value(QLatin1String("expected")).toArray();
        expected[0] = -1000000000;
        t[QLatin1String("expected")] = expected;
    }) << QStringLiteral("tick 0 has a time that is negative");
    QTest::newRow("ticks backwards") << ticks([](QJsonObject &t) {
        QJsonArray late = t.value(QLatin1String("late")).toArray();
        late[5] = -20 * kMs;
        t[QLatin1String("late")] = late;
    }) << QStringLiteral("tick 5 fired before tick 4");
    QTest::newRow("ticks overflow") << ticks([](QJsonObject &t) {
        QJsonArray expected = t.value(QLatin1String("expected")).toArray();
        for (int i = 0; i < 300; ++i)
            expected[i] = qint64(1) << 61;
        t[QLatin1String("expected")] = expected;
    }) << QStringLiteral("out of range");
    QTest::newRow("ticks missing") << edited([](QJsonObject &root) { root.remove(QLatin1String("ticks")); })
                                   << QStringLiteral("the ticks are missing");

    const auto counters = [](const QJsonObject &value) {
        return edited([=](QJsonObject &root) { root[QLatin1String("counters")] = value; });
    };
    QTest::newRow("counter unknown") << counters({{QStringLiteral("heat"), QJsonArray{}}})
                                     << QStringLiteral("unknown counter \"heat\"");
    QTest::newRow("counter text value")
        << counters({{QStringLiteral("queue depth"), QJsonArray{QJsonArray{1, QStringLiteral("3")}}}})
        << QStringLiteral("sample 0 of counter");
    QTest::newRow("counter huge value")
        << counters({{QStringLiteral("queue depth"), QJsonArray{QJsonArray{1, 1e300}}}})
        << QStringLiteral("sample 0 of counter");
    QTest::newRow("counter negative time")
        << counters({{QStringLiteral("nesting depth"), QJsonArray{QJsonArray{-1, 1}}}})
        << QStringLiteral("sample 0 of counter");
    QTest::newRow("mode switch unknown") << edited([](QJsonObject &root) {
        root[QLatin1String("mode_switches")] = QJsonArray{QJsonArray{0, QStringLiteral("turbo")}};
    }) << QStringLiteral("mode switch 0: \"turbo\" is not a mode");
    QTest::newRow("mode switch negative") << edited([](QJsonObject &root) {
        root[QLatin1String("mode_switches")] = QJsonArray{QJsonArray{-5, QStringLiteral("pool")}};
    }) << QStringLiteral("mode switch 0 is not [time, mode]");

    // A recorded program's fields.
    QTest::newRow("program not an object") << edited([](QJsonObject &root) {
        root[QLatin1String("program")] = QStringLiteral("app.py");
    }) << QStringLiteral("damaged: the program is not");
    QTest::newRow("program without a name") << edited([](QJsonObject &root) {
        root[QLatin1String("program")] = QJsonObject{{QStringLiteral("runtime"), QStringLiteral("qt")}};
    }) << QStringLiteral("damaged: the program is not");
    QTest::newRow("stalls not a list") << edited([](QJsonObject &root) {
        root[QLatin1String("stalls")] = QJsonObject();
    }) << QStringLiteral("damaged: the stalls are not a list");
    QTest::newRow("stall of three") << edited([](QJsonObject &root) {
        root[QLatin1String("stalls")] = QJsonArray{QJsonArray{0, 60000000, QStringLiteral("x")}};
    }) << QStringLiteral("damaged: stall 0 is not [time, duration, culprit, task]");
    QTest::newRow("stall negative duration") << edited([](QJsonObject &root) {
        root[QLatin1String("stalls")] = QJsonArray{QJsonArray{0, -1, QStringLiteral("x"), QString()}};
    }) << QStringLiteral("damaged: stall 0 is not");
    QTest::newRow("stall culprit a number") << edited([](QJsonObject &root) {
        root[QLatin1String("stalls")] = QJsonArray{QJsonArray{5, 1, QStringLiteral("x"), QString()},
                                                   QJsonArray{0, 60000000, 7, QString()}};
    }) << QStringLiteral("damaged: stall 1 is not");
}

void tst_RunFile::refusesDamaged()
{
    QFETCH(QByteArray, data);
    QFETCH(QString, expected);
    verifyRefused(data, expected);
}

void tst_RunFile::refusesTruncated()
{
    const QByteArray data = validFile();
    // The control: the untouched file loads.
    LoadedRun loaded;
    QString error;
    QVERIFY2(RunFile::load(data, &loaded, &error), qPrintable(error));
    const QByteArray content = data.trimmed();
    for (qsizetype cut = 0; cut < content.size(); cut += (cut < 300 || cut > content.size() - 300) ? 1 : 97) {
        verifyRefused(content.left(cut));
        if (QTest::currentTestFailed()) {
            qWarning("cut at %lld", qlonglong(cut));
            return;
        }
    }
    verifyRefused(content.left(content.size() / 2), QStringLiteral("damaged: the file is cut short or corrupt"));
}

// A small fuzz: whatever the bytes, no crash; whatever loads, summarizes and saves again
// into a file that loads to the same run.
void tst_RunFile::survivesMutations()
{
    const QByteArray data = validFile();
    QRandomGenerator random(7);
    int loadedCount = 0;
    for (int round = 0; round < 3000; ++round) {
        QByteArray mutated = data;
        const int edits = 1 + int(random.bounded(4));
        for (int e = 0; e < edits; ++e) {
            const qsizetype at = qsizetype(random.bounded(quint32(mutated.size())));
            switch (random.bounded(4)) {
            case 0: mutated[at] = char(random.bounded(256)); break;
            case 1: mutated[at] = "0123456789-.,[]{}\"e"[random.bounded(19)]; break;
            case 2: mutated.remove(at, 1 + qsizetype(random.bounded(8))); break;
            default: mutated.insert(at, "0123456789-,[]{}\"n"[random.bounded(18)]); break;
            }
        }
        LoadedRun run;
        QString error;
        if (!RunFile::load(mutated, &run, &error)) {
            QVERIFY(!error.isEmpty());
            QVERIFY(!run.recorder);
            continue;
        }
        ++loadedCount;
        Summarizer::summarize(*run.recorder, run.config, run.startNs, run.endNs);
        const QByteArray resaved = RunFile::save(*run.recorder, run.config, run.startNs, run.endNs, run.lesson);
        LoadedRun again;
        QVERIFY2(RunFile::load(resaved, &again, &error), qPrintable(error));
        compareRecorders(*run.recorder, *again.recorder);
        if (QTest::currentTestFailed())
            return;
    }
    qInfo("%d of 3000 mutated files still loaded", loadedCount);
}

void tst_RunFile::roundTripDecimated()
{
    // A long run whose older samples were decimated: the file keeps the raw part and the
    // history, and reads back to the same figures.
    constexpr qint64 ms = 1000000;
    constexpr qint64 start = 1000 * ms;
    Recorder recorder;
    recorder.registerLane(QStringLiteral("GUI thread"));
    recorder.registerLane(QStringLiteral("pool-1"));
    recorder.setRawHistory(100000 * ms, 100 * ms);
    const quint32 total = 3 * Recorder::kChunkSize;
    for (quint32 i = 0; i < total; ++i) {
        const qint64 t = start + qint64(i) * 100 * ms;
        recorder.addTick({t, t + (i % 500 == 0 ? 60 * ms : 50000)});
        const quint32 id = recorder.beginSpan(WorkKind::Io, ExecMode::Pool, t);
        recorder.markStart(id, 1, t + 100);
        recorder.markEnd(id, t + 2 * ms + i, SpanState::Done);
        if (i % 1000 == 0)
            recorder.compact(t);
    }
    QVERIFY(recorder.firstTick() > 0);
    QVERIFY(recorder.firstSpan() > 0);
    RunConfig config;
    config.intervalMs = 100;
    const qint64 end = start + qint64(total) * 100 * ms;
    const QByteArray data = RunFile::save(recorder, config, start, end, QString());
    LoadedRun loaded;
    QString error;
    QVERIFY2(RunFile::load(data, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.recorder->firstTick(), recorder.firstTick());
    QCOMPARE(loaded.recorder->tickCount(), recorder.tickCount());
    QCOMPARE(loaded.recorder->firstSpan(), recorder.firstSpan());
    QCOMPARE(loaded.recorder->spanCount(), recorder.spanCount());
    const Summary a = Summarizer::summarize(recorder, config, start, end);
    const Summary b = Summarizer::summarize(*loaded.recorder, config, start, end);
    QCOMPARE(b.ticks, qint64(total));
    QCOMPARE(b.ticks, a.ticks);
    QCOMPARE(b.decimatedTicks, a.decimatedTicks);
    QCOMPARE(b.tasks, a.tasks);
    QCOMPARE(b.longTasks, a.longTasks);
    QCOMPARE(b.missedTicks, a.missedTicks);
    QCOMPARE(b.p99Ms, a.p99Ms);
    QCOMPARE(b.maxMs, a.maxMs);
    QCOMPARE(b.taskMsMedian, a.taskMsMedian);
    QCOMPARE(loaded.recorder->tick(0).latenessNs(), recorder.tick(0).latenessNs());
    // Saved again, byte for byte the same.
    QCOMPARE(RunFile::save(*loaded.recorder, config, start, end, QString()), data);

    // Counts that contradict the history's own histograms are refused, not believed.
    const auto tampered = [&data](const char *key, const char *value) {
        QString text = QString::fromUtf8(data);
        const QRegularExpression field(QStringLiteral("\"%1\":\\s*\\d+").arg(QLatin1String(key)));
        const qsizetype before = text.size();
        text.replace(field, QStringLiteral("\"%1\":%2").arg(QLatin1String(key), QLatin1String(value)));
        return text.size() == before ? QByteArray() : text.toUtf8();
    };
    const QByteArray missed = tampered("missed_ticks", "1000000000000000");
    QVERIFY(!missed.isEmpty());
    verifyRefused(missed, QStringLiteral("claims 1000000000000000 missed ticks"));
    const QByteArray longTicks = tampered("long_tasks", "99999999999");
    QVERIFY(!longTicks.isEmpty());
    verifyRefused(longTicks, QStringLiteral("more long ticks than ticks"));
}

void tst_RunFile::roundTripProgram()
{
    // A recorded program's run keeps what ran and what held its loop: reopened, it names
    // the program and its culprits as it did live.
    LoadedRun run;
    run.recorder = handMadeRecorder();
    run.config = handMadeConfig();
    run.startNs = kStart;
    run.endNs = kStart + 3000 * kMs;
    run.program = QStringLiteral("app.py");
    run.runtime = QStringLiteral("python");
    run.description = QStringLiteral("Program: app.py · python 3.11.2 · pid 42 · ticker every 10 ms · 3 threads");
    run.stalls = {{kStart + 100 * kMs, 210 * kMs, QStringLiteral("time.sleep ← fetch_report (app.py:14)"),
                   QStringLiteral("Task-3")},
                  {kStart + 900 * kMs, 55 * kMs, QStringLiteral("QMouseEvent (MouseButtonRelease) → QPushButton \"load\""),
                   QString()}};
    const QByteArray data = RunFile::save(run);

    LoadedRun loaded;
    QString error;
    QVERIFY2(RunFile::load(data, &loaded, &error), qPrintable(error));
    QCOMPARE(loaded.program, run.program);
    QCOMPARE(loaded.runtime, run.runtime);
    QCOMPARE(loaded.description, run.description);
    QCOMPARE(loaded.stalls.size(), 2);
    for (int i = 0; i < 2; ++i) {
        QCOMPARE(loaded.stalls.at(i).startNs, run.stalls.at(i).startNs);
        QCOMPARE(loaded.stalls.at(i).durationNs, run.stalls.at(i).durationNs);
        QCOMPARE(loaded.stalls.at(i).culprit, run.stalls.at(i).culprit);
        QCOMPARE(loaded.stalls.at(i).task, run.stalls.at(i).task);
    }
    compareRecorders(*run.recorder, *loaded.recorder);
    QCOMPARE(RunFile::save(loaded), data);

    // Loop Lab's own runs carry neither field, and read back without them.
    const QByteArray own = RunFile::save(*run.recorder, run.config, run.startNs, run.endNs);
    QVERIFY(!own.contains("\"program\""));
    QVERIFY(!own.contains("\"stalls\""));
    LoadedRun ownLoaded;
    QVERIFY2(RunFile::load(own, &ownLoaded, &error), qPrintable(error));
    QVERIFY(ownLoaded.program.isEmpty());
    QVERIFY(ownLoaded.stalls.isEmpty());
}

QTEST_GUILESS_MAIN(tst_RunFile)
#include "tst_runfile.moc"
