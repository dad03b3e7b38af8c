#include "stream/streamdecoder.h"
#include "stream/streamrecording.h"
#include "run/summarizer.h"

#include <QRandomGenerator>
#include <QTest>

// The pure half of the Loop Lab stream (docs/PROTOCOL.md): bytes to checked events, and
// events to a recording. The peer is hostile, so each refusal rule has a row here.
namespace {
// A machine up for 11.6 days, so that "7 days before the hello" is a time that exists.
const QByteArray kHello = R"~({"ph":"M","name":"looplab_hello","pid":4242,"tid":4242,"ts":1000000000000.125,)~"
                          R"~("args":{"protocol":1,"program":"app.py","runtime":"python","runtime_version":"3.11.2",)~"
                          R"~("clock":"monotonic","interval_ms":10,"loop_tid":4242}})~"
                          "\n";
constexpr qint64 kHelloNs = 1000000000000125;

// Every event the protocol describes, once or more.
const QByteArray kStream = kHello
    + R"~({"ph":"M","name":"thread_name","pid":4242,"tid":4250,"ts":1000000000001,"args":{"name":"asyncio_0"}})~" "\n"
      R"~({"ph":"M","name":"process_name","pid":4242,"tid":4242,"ts":1000000000001,"args":{"name":"app.py"}})~" "\n"
      R"~({"ph":"C","cat":"looplab.tick","name":"loop lag","pid":4242,"tid":4242,"ts":1000000010000.310,"args":{"lag_ms":0.185}})~" "\n"
      R"~({"ph":"X","cat":"looplab.task","name":"fetch_report","pid":4242,"tid":4250,"ts":1000000020000,"dur":210433.25,)~"
      R"~("args":{"submit_us":1000000019990.5,"state":"done","kind":"executor"}})~" "\n"
      R"~({"ph":"B","cat":"looplab.task","name":"outer","pid":4242,"tid":4242,"ts":1000000030000,"args":{"kind":"callback"}})~" "\n"
      R"~({"ph":"B","cat":"looplab.task","name":"inner","pid":4242,"tid":4242,"ts":1000000030100})~" "\n"
      R"~({"ph":"E","cat":"looplab.task","pid":4242,"tid":4242,"ts":1000000030200,"args":{"state":"failed"}})~" "\n"
      R"~({"ph":"E","cat":"looplab.task","pid":4242,"tid":4242,"ts":1000000030900})~" "\n"
      R"~({"ph":"X","cat":"looplab.stall","name":"stall","pid":4242,"tid":4242,"ts":1000000040000,"dur":3001250,)~"
      R"~("args":{"culprit":"time.sleep ← fetch_report (app.py:12)","task":"Task-3","frames":[{"function":"fetch_report","file":"app.py","line":12}]}})~" "\n"
      R"~({"ph":"C","cat":"looplab.counter","name":"ready callbacks","pid":4242,"tid":4242,"ts":1000000041000,"args":{"value":12}})~" "\n"
      R"~({"ph":"C","cat":"looplab.probe","name":"dropped events","pid":4242,"tid":4242,"ts":1000000042000,"args":{"value":3}})~" "\n"
      R"~({"ph":"C","cat":"looplab.tick","name":"loop lag","pid":4242,"tid":4242,"ts":1000003050000,"args":{"lag_ms":3000}})~" "\n"
      R"~({"ph":"i","cat":"app","name":"marker","pid":4242,"tid":4242,"ts":1000003060000})~" "\n";

using Type = StreamEvent::Type;

QString describe(const StreamEvent &e)
{
    return QStringLiteral("%1 tid=%2 ns=%3 dur=%4 submit=%5 state=%6 kind=%7 value=%8 name=%9 culprit=%10 task=%11")
        .arg(int(e.type))
        .arg(e.tid)
        .arg(e.ns)
        .arg(e.durationNs)
        .arg(e.submitNs)
        .arg(int(e.state))
        .arg(int(e.kind))
        .arg(e.value)
        .arg(e.name, e.culprit, e.task);
}

QStringList describe(const QVector<StreamEvent> &events)
{
    QStringList lines;
    for (const StreamEvent &e : events)
        lines << describe(e);
    return lines;
}

struct Decoded
{
    QVector<StreamEvent> events;
    bool ok = false;
    QString error;
    qint64 ignored = 0;
};

Decoded decode(const QByteArray &bytes)
{
    StreamDecoder decoder;
    Decoded d;
    decoder.feed(bytes, &d.events);
    d.ok = decoder.finish();
    d.error = decoder.error();
    d.ignored = decoder.ignored();
    return d;
}

QByteArray jsonLine(const QByteArray &body)
{
    return "{" + body + "}\n";
}

// A line that is valid and unused, padded with spaces to exactly `bytes` bytes.
QByteArray paddedLine(qsizetype bytes)
{
    QByteArray line = R"~({"ph":"i","pid":1,"tid":1,"ts":1000000000000})~";
    line.insert(1, QByteArray(bytes - line.size(), ' '));
    return line + '\n';
}

StreamRecording record(const QByteArray &bytes)
{
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    if (!decoder.feed(bytes, &events) || !decoder.finish())
        QTest::qFail(qPrintable(decoder.error()), __FILE__, __LINE__);
    StreamRecording recording;
    for (const StreamEvent &e : std::as_const(events)) {
        if (e.type == Type::Hello)
            recording.setHello(decoder.hello());
        recording.apply(e);
    }
    return recording;
}
} // namespace

class tst_StreamDecoder : public QObject
{
    Q_OBJECT
private slots:
    void decodesEveryEvent();
    void helloFields();
    void taskDefaults();
    void splitAtEveryByte();
    void refusals_data();
    void refusals();
    void nothingAfterRefusal();
    void metadataTimeIsNotChecked();
    void lineOfExactlyTheLimit();
    void endlessLineIsCutOff();
    void cutOffAtTheEnd();
    void garbageBytes();
    void nulBytes();
    void deepNesting();
    void unknownEventsAreCounted();
    void threadCap();
    void openSpanCap();
    void recordingLanes();
    void recordingSpans();
    void recordingRest();
    void recordingSummary();
    void recordingStaysBounded();
};

void tst_StreamDecoder::decodesEveryEvent()
{
    const Decoded d = decode(kStream);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.error, QString());
    QCOMPARE(d.ignored, 1);
    const QVector<Type> types{Type::Hello, Type::ThreadName, Type::ProcessName, Type::Tick, Type::Task,
                              Type::TaskBegin, Type::TaskBegin, Type::TaskEnd, Type::TaskEnd, Type::Stall,
                              Type::Counter, Type::Dropped, Type::Tick, Type::Ignored};
    QCOMPARE(d.events.size(), types.size());
    for (int i = 0; i < types.size(); ++i)
        QCOMPARE(int(d.events.at(i).type), int(types.at(i)));

    QCOMPARE(d.events.at(0).ns, kHelloNs);
    QCOMPARE(d.events.at(1).tid, 4250);
    QCOMPARE(d.events.at(1).name, QStringLiteral("asyncio_0"));
    QCOMPARE(d.events.at(2).name, QStringLiteral("app.py"));
    // µs with three decimals are exact nanoseconds.
    const StreamEvent &tick = d.events.at(3);
    QCOMPARE(tick.ns, qint64(1000000010000310));
    QCOMPARE(tick.durationNs, qint64(185000));
    const StreamEvent &task = d.events.at(4);
    QCOMPARE(task.tid, 4250);
    QCOMPARE(task.name, QStringLiteral("fetch_report"));
    QCOMPARE(task.ns, qint64(1000000020000000));
    QCOMPARE(task.durationNs, qint64(210433250));
    QCOMPARE(task.submitNs, qint64(1000000019990500));
    QCOMPARE(task.state, SpanState::Done);
    QCOMPARE(task.kind, StreamEvent::TaskKind::Executor);
    QCOMPARE(d.events.at(5).kind, StreamEvent::TaskKind::Callback);
    QCOMPARE(d.events.at(6).name, QStringLiteral("inner"));
    QCOMPARE(d.events.at(7).state, SpanState::Failed);
    QCOMPARE(d.events.at(7).durationNs, qint64(100000)); // closes "inner", the newest
    QCOMPARE(d.events.at(8).durationNs, qint64(900000)); // then "outer"
    const StreamEvent &stall = d.events.at(9);
    QCOMPARE(stall.ns, qint64(1000000040000000));
    QCOMPARE(stall.durationNs, qint64(3001250000));
    QCOMPARE(stall.culprit, QStringLiteral("time.sleep ← fetch_report (app.py:12)"));
    QCOMPARE(stall.task, QStringLiteral("Task-3"));
    QCOMPARE(d.events.at(10).name, QStringLiteral("ready callbacks"));
    QCOMPARE(d.events.at(10).value, 12.0);
    QCOMPARE(d.events.at(11).value, 3.0);
    QCOMPARE(d.events.at(12).durationNs, qint64(3000000000));
}

void tst_StreamDecoder::helloFields()
{
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    QVERIFY(!decoder.hasHello());
    QVERIFY(decoder.feed(kHello, &events));
    QVERIFY(decoder.hasHello());
    const StreamHello &h = decoder.hello();
    QCOMPARE(h.protocol, 1);
    QCOMPARE(h.pid, 4242);
    QCOMPARE(h.program, QStringLiteral("app.py"));
    QCOMPARE(h.runtime, QStringLiteral("python"));
    QCOMPARE(h.runtimeVersion, QStringLiteral("3.11.2"));
    QCOMPARE(h.intervalMs, 10);
    QCOMPARE(h.loopTid, 4242);
    QCOMPARE(h.ns, kHelloNs);
    QCOMPARE(decoder.lines(), 1);

    // The minimal probe of the protocol's page: no runtime_version, a whole-number ts.
    const Decoded minimal = decode(
        R"~({"ph":"M","name":"looplab_hello","pid":7,"tid":7,"ts":5,"args":{"protocol":1,"program":"sh","runtime":"shell","clock":"monotonic","interval_ms":10,"loop_tid":7}})~"
        "\n");
    QVERIFY2(minimal.ok, qPrintable(minimal.error));
    QCOMPARE(minimal.events.size(), 1);
    QCOMPARE(minimal.events.first().ns, 5000);
}

void tst_StreamDecoder::taskDefaults()
{
    const Decoded d = decode(kHello
                             + jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":9,"ts":1000000000001,"dur":0)~")
                             + jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":9,"ts":1000000000002,"dur":1,"args":{"state":"cancelled","kind":"task"})~")
                             + jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":9,"ts":1000000000003,"dur":1,"args":{"state":7,"kind":"odd","submit_us":"x"})~")
                             + jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":9,"ts":1000000000004,"dur":1,"args":{"submit_us":1000000000004})~"));
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.events.size(), 5);
    const StreamEvent &plain = d.events.at(1);
    QCOMPARE(plain.name, QString());
    QCOMPARE(plain.durationNs, 0);
    QCOMPARE(plain.submitNs, plain.ns); // no submit_us: submitted as it started
    QCOMPARE(plain.state, SpanState::Done);
    QCOMPARE(plain.kind, StreamEvent::TaskKind::Executor);
    QCOMPARE(d.events.at(2).state, SpanState::Cancelled);
    QCOMPARE(d.events.at(2).kind, StreamEvent::TaskKind::Task);
    // Optional fields of another type or value fall back to their defaults.
    QCOMPARE(d.events.at(3).state, SpanState::Done);
    QCOMPARE(d.events.at(3).kind, StreamEvent::TaskKind::Executor);
    QCOMPARE(d.events.at(3).submitNs, d.events.at(3).ns);
    QCOMPARE(d.events.at(4).submitNs, d.events.at(4).ns); // submit_us == ts is allowed
}

// However the bytes arrive, the events are the same as from one read.
void tst_StreamDecoder::splitAtEveryByte()
{
    const QStringList whole = describe(decode(kStream).events);
    for (qsizetype cut = 0; cut <= kStream.size(); ++cut) {
        StreamDecoder decoder;
        QVector<StreamEvent> events;
        QVERIFY(decoder.feed(kStream.left(cut), &events));
        QVERIFY(decoder.feed(kStream.mid(cut), &events));
        QVERIFY(decoder.finish());
        QCOMPARE(describe(events), whole);
    }
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    for (char c : kStream) {
        QVERIFY(decoder.feed(QByteArray(1, c), &events));
        QVERIFY(decoder.buffered() <= StreamDecoder::kMaxLineBytes);
    }
    QVERIFY(decoder.finish());
    QCOMPARE(describe(events), whole);
}

void tst_StreamDecoder::refusals_data()
{
    QTest::addColumn<QByteArray>("stream");
    QTest::addColumn<QString>("error");
    const auto row = [](const char *name, const QByteArray &stream, const char *error) {
        QTest::newRow(name) << stream << QString::fromUtf8(error);
    };
    const QByteArray tick = R"~("ph":"C","cat":"looplab.tick","name":"loop lag","pid":1,"tid":1,)~";
    const QByteArray task = R"~("ph":"X","cat":"looplab.task","name":"t","pid":1,"tid":1,)~";
    const QByteArray stall = R"~("ph":"X","cat":"looplab.stall","name":"stall","pid":1,"tid":1,"ts":1000000000000,"dur":60000,)~";
    const QByteArray begin = jsonLine(R"~("ph":"B","cat":"looplab.task","pid":1,"tid":1,"ts":1000000000000)~");

    // Framing: a JSON object per line.
    row("not JSON", kHello + "hello\n", "line 2: not JSON (illegal value at offset 1)");
    row("empty line", kHello + "\n", "line 2: not JSON (illegal value at offset 0)");
    row("array", kHello + "[1,2]\n", "line 2: not a JSON object");
    row("string", kHello + "\"x\"\n", "line 2: not JSON (illegal value at offset 1)");
    row("two objects", kHello + "{}{}\n", "line 2: not JSON (garbage at the end of the document at offset 2)");
    row("invalid UTF-8", kHello + "{\"ph\":\"\xff\"}\n", "line 2: not JSON (invalid UTF8 string at offset 7)");
    row("number beyond double", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1,"ts":1e400)~"),
        "line 2: not JSON (illegal number at offset 36)");
    row("line too long", kHello + paddedLine(StreamDecoder::kMaxLineBytes + 1), "line 2: longer than 65536 bytes");

    // Required fields.
    row("ph missing", kHello + jsonLine(R"~("pid":1,"tid":1,"ts":1000000000000)~"), "line 2: \"ph\" is missing");
    row("ph a number", kHello + jsonLine(R"~("ph":1,"pid":1,"tid":1,"ts":1000000000000)~"), "line 2: \"ph\" is not a string");
    row("pid missing", kHello + jsonLine(R"~("ph":"i","tid":1,"ts":1000000000000)~"), "line 2: \"pid\" is missing");
    row("pid a fraction", kHello + jsonLine(R"~("ph":"i","pid":1.5,"tid":1,"ts":1000000000000)~"), "line 2: \"pid\" is not an integer");
    row("pid a string", kHello + jsonLine(R"~("ph":"i","pid":"1","tid":1,"ts":1000000000000)~"), "line 2: \"pid\" is not an integer");
    row("pid beyond qint64", kHello + jsonLine(R"~("ph":"i","pid":1e20,"tid":1,"ts":1000000000000)~"), "line 2: \"pid\" is not an integer");
    row("tid missing", kHello + jsonLine(R"~("ph":"i","pid":1,"ts":1000000000000)~"), "line 2: \"tid\" is missing");
    row("tid null", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":null,"ts":1000000000000)~"), "line 2: \"tid\" is not an integer");
    row("ts missing", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1)~"), "line 2: \"ts\" is missing");
    row("ts a string", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1,"ts":"1")~"), "line 2: \"ts\" is not a number");
    row("dur missing", kHello + jsonLine(task + R"~("ts":1000000000000)~"), "line 2: \"dur\" is missing");
    row("dur missing, unknown cat", kHello + jsonLine(R"~("ph":"X","cat":"app","pid":1,"tid":1,"ts":1000000000000)~"),
        "line 2: \"dur\" is missing");
    row("dur a string", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":"1")~"), "line 2: \"dur\" is not a number");
    row("lag_ms missing", kHello + jsonLine(tick + R"~("ts":1000000000000,"args":{})~"), "line 2: \"args.lag_ms\" is missing");
    row("lag_ms without args", kHello + jsonLine(tick + R"~("ts":1000000000000)~"), "line 2: \"args.lag_ms\" is missing");
    row("lag_ms a string", kHello + jsonLine(tick + R"~("ts":1000000000000,"args":{"lag_ms":"0.1"})~"),
        "line 2: \"args.lag_ms\" is not a number");
    row("culprit missing", kHello + jsonLine(stall + R"~("args":{"task":"Task-1"})~"), "line 2: \"args.culprit\" is missing");
    row("culprit a list", kHello + jsonLine(stall + R"~("args":{"culprit":["a"]})~"), "line 2: \"args.culprit\" is not a string");

    // Absurd times.
    row("ts negative", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1,"ts":-1)~"), "line 2: \"ts\" is negative");
    row("ts 8 days later", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1,"ts":1691200000000)~"),
        "line 2: \"ts\" is more than 7 days away from the hello's \"ts\"");
    row("ts 8 days earlier", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1,"ts":308800000000)~"),
        "line 2: \"ts\" is more than 7 days away from the hello's \"ts\"");
    row("ts huge", kHello + jsonLine(R"~("ph":"i","pid":1,"tid":1,"ts":1e308)~"),
        "line 2: \"ts\" is more than 7 days away from the hello's \"ts\"");
    row("dur negative", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":-0.001)~"), "line 2: \"dur\" is negative");
    row("dur beyond a day", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":86400000001)~"),
        "line 2: \"dur\" is more than 24 hours");
    row("dur huge", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":1e300)~"), "line 2: \"dur\" is more than 24 hours");
    row("lag negative", kHello + jsonLine(tick + R"~("ts":1000000000000,"args":{"lag_ms":-1})~"),
        "line 2: \"args.lag_ms\" is negative");
    row("lag beyond a day", kHello + jsonLine(tick + R"~("ts":1000000000000,"args":{"lag_ms":86400001})~"),
        "line 2: \"args.lag_ms\" is more than 24 hours");
    row("submit after ts", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":1,"args":{"submit_us":1000000000000.001})~"),
        "line 2: \"args.submit_us\" is after \"ts\"");
    row("submit negative", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":1,"args":{"submit_us":-5})~"),
        "line 2: \"args.submit_us\" is negative");
    row("submit 8 days before", kHello + jsonLine(task + R"~("ts":1000000000000,"dur":1,"args":{"submit_us":300000000000})~"),
        "line 2: \"args.submit_us\" is more than 7 days away from the hello's \"ts\"");
    row("E before its B", kHello + begin + jsonLine(R"~("ph":"E","cat":"looplab.task","pid":1,"tid":1,"ts":999999999999)~"),
        "line 3: \"ts\" is before that of the \"B\" it closes");
    row("E a day after its B", kHello + begin + jsonLine(R"~("ph":"E","cat":"looplab.task","pid":1,"tid":1,"ts":1086400000001)~"),
        "line 3: \"ts\" is more than 24 hours after the \"B\" it closes");

    // The hello.
    const QByteArray helloStart = R"~({"ph":"M","name":"looplab_hello","pid":1,"tid":1,"ts":1000,)~";
    const auto hello = [&](const QByteArray &args) -> QByteArray { return helloStart + R"~("args":{)~" + args + "}}\n"; };
    const QByteArray good = R"~("program":"a","runtime":"python","clock":"monotonic","interval_ms":10,"loop_tid":1)~";
    row("first line a tick", jsonLine(tick + R"~("ts":1000,"args":{"lag_ms":1})~") + kHello,
        "line 1: the first line is not a hello (\"looplab_hello\")");
    row("first line garbage", "\x01\x02\n", "line 1: not JSON (illegal value at offset 1)");
    row("hello as X", jsonLine(R"~("ph":"X","name":"looplab_hello","pid":1,"tid":1,"ts":1,"dur":1)~"),
        "line 1: the first line is not a hello (\"looplab_hello\")");
    row("second hello", kHello + jsonLine(tick + R"~("ts":1000000000000,"args":{"lag_ms":1})~") + kHello, "line 3: a second hello");
    row("hello without args", helloStart + "\"x\":1}\n", "line 1: \"args\" is missing");
    row("hello args a list", helloStart + "\"args\":[]}\n", "line 1: \"args\" is not an object");
    row("protocol missing", hello(good), "line 1: \"args.protocol\" is missing");
    row("protocol 2", hello(R"~("protocol":2,)~" + good), "line 1: \"args.protocol\" is 2; this Loop Lab reads protocol 1");
    row("protocol \"1\"", hello(R"~("protocol":"1",)~" + good), "line 1: \"args.protocol\" is not an integer");
    row("program missing", hello(R"~("protocol":1,"runtime":"python","clock":"monotonic","interval_ms":10,"loop_tid":1)~"),
        "line 1: \"args.program\" is missing");
    row("runtime missing", hello(R"~("protocol":1,"program":"a","clock":"monotonic","interval_ms":10,"loop_tid":1)~"),
        "line 1: \"args.runtime\" is missing");
    row("runtime empty", hello(R"~("protocol":1,"program":"a","runtime":"","clock":"monotonic","interval_ms":10,"loop_tid":1)~"),
        "line 1: \"args.runtime\" is empty");
    row("clock missing", hello(R"~("protocol":1,"program":"a","runtime":"python","interval_ms":10,"loop_tid":1)~"),
        "line 1: \"args.clock\" is missing");
    row("clock realtime", hello(R"~("protocol":1,"program":"a","runtime":"python","clock":"realtime","interval_ms":10,"loop_tid":1)~"),
        "line 1: \"args.clock\" is \"realtime\", not \"monotonic\"");
    row("interval 0", hello(R"~("protocol":1,"program":"a","runtime":"python","clock":"monotonic","interval_ms":0,"loop_tid":1)~"),
        "line 1: \"args.interval_ms\" is 0, not within 1..10000");
    row("interval 10001", hello(R"~("protocol":1,"program":"a","runtime":"python","clock":"monotonic","interval_ms":10001,"loop_tid":1)~"),
        "line 1: \"args.interval_ms\" is 10001, not within 1..10000");
    row("interval 2.5", hello(R"~("protocol":1,"program":"a","runtime":"python","clock":"monotonic","interval_ms":2.5,"loop_tid":1)~"),
        "line 1: \"args.interval_ms\" is not an integer");
    row("loop_tid missing", hello(R"~("protocol":1,"program":"a","runtime":"python","clock":"monotonic","interval_ms":10)~"),
        "line 1: \"args.loop_tid\" is missing");
    row("hello ts negative",
        R"~({"ph":"M","name":"looplab_hello","pid":1,"tid":1,"ts":-1,"args":{"protocol":1,)~" + good + "}}\n",
        "line 1: \"ts\" is negative");
    row("hello ts beyond a century",
        R"~({"ph":"M","name":"looplab_hello","pid":1,"tid":1,"ts":1e300,"args":{"protocol":1,)~" + good + "}}\n",
        "line 1: \"ts\" is more than 100 years of CLOCK_MONOTONIC");
}

void tst_StreamDecoder::refusals()
{
    QFETCH(QByteArray, stream);
    QFETCH(QString, error);
    const Decoded d = decode(stream);
    QVERIFY(!d.ok);
    QCOMPARE(d.error, error);
}

// Thread and process names carry "ts":0 (they happen at no time), however long the machine
// has been up: they are not absurd times.
void tst_StreamDecoder::metadataTimeIsNotChecked()
{
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    QVERIFY2(decoder.feed(kHello + jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":7,"ts":0,"args":{"name":"x"})~"),
                          &events),
             qPrintable(decoder.error()));
    QCOMPARE(events.size(), 2);
    QCOMPARE(events.at(1).type, StreamEvent::Type::ThreadName);
    QCOMPARE(events.at(1).name, QStringLiteral("x"));
}

void tst_StreamDecoder::nothingAfterRefusal()
{
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    QVERIFY(!decoder.feed(kHello + "nonsense\n" + kStream, &events));
    QCOMPARE(events.size(), 1); // the hello only
    QVERIFY(decoder.failed());
    const QString error = decoder.error();
    QVERIFY(!decoder.feed(kStream, &events));
    QVERIFY(!decoder.finish());
    QCOMPARE(events.size(), 1);
    QCOMPARE(decoder.error(), error);
    QCOMPARE(decoder.buffered(), 0);
}

void tst_StreamDecoder::lineOfExactlyTheLimit()
{
    const QByteArray line = paddedLine(StreamDecoder::kMaxLineBytes);
    QCOMPARE(line.size(), StreamDecoder::kMaxLineBytes + 1);
    const Decoded d = decode(kHello + line + line);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.ignored, 2);
}

// 10 MB without a newline in 4 KB reads: refused at the read that passes 65536 bytes, and
// nothing beyond one line is ever kept.
void tst_StreamDecoder::endlessLineIsCutOff()
{
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    QVERIFY(decoder.feed(kHello, &events));
    const QByteArray piece(4096, 'x');
    int refusedAt = -1;
    for (int i = 1; i <= 10 * 256; ++i) {
        const bool ok = decoder.feed(piece, &events);
        QVERIFY(decoder.buffered() <= StreamDecoder::kMaxLineBytes);
        if (!ok && refusedAt < 0)
            refusedAt = i;
        QCOMPARE(ok, refusedAt < 0);
    }
    QCOMPARE(refusedAt, 17); // 16 pieces are exactly 65536 bytes
    QCOMPARE(decoder.error(), QStringLiteral("line 2: longer than 65536 bytes"));
    QCOMPARE(decoder.buffered(), 0);
    QCOMPARE(events.size(), 1);

    // The same in one read of 10 MB.
    StreamDecoder once;
    QVERIFY(!once.feed(kHello + QByteArray(10 << 20, 'x'), &events));
    QCOMPARE(once.error(), QStringLiteral("line 2: longer than 65536 bytes"));
}

void tst_StreamDecoder::cutOffAtTheEnd()
{
    StreamDecoder decoder;
    QVector<StreamEvent> events;
    QVERIFY(decoder.feed(kHello + R"~({"ph":"i")~", &events));
    QVERIFY(!decoder.failed());
    QCOMPARE(decoder.buffered(), 9);
    QVERIFY(!decoder.finish());
    QCOMPARE(decoder.error(), QStringLiteral("line 2: cut off by the end of the stream"));

    StreamDecoder clean;
    QVERIFY(clean.feed(kHello, &events));
    QVERIFY(clean.finish());
    QCOMPARE(clean.error(), QString());
    StreamDecoder empty;
    QVERIFY(empty.finish());
}

void tst_StreamDecoder::garbageBytes()
{
    QRandomGenerator random(16);
    for (int round = 0; round < 200; ++round) {
        QByteArray bytes(int(random.bounded(1, 4096)), Qt::Uninitialized);
        for (char &c : bytes)
            c = char(random.bounded(256));
        for (const QByteArray &stream : {bytes, QByteArray(kHello + bytes)}) {
            StreamDecoder decoder;
            QVector<StreamEvent> events;
            // Random bytes hardly ever make a hello, let alone a valid event.
            const bool ok = decoder.feed(stream, &events) && decoder.finish();
            QVERIFY(!ok);
            QVERIFY2(decoder.error().startsWith(stream == bytes ? QLatin1String("line 1: ") : QLatin1String("line ")),
                     qPrintable(decoder.error()));
            QVERIFY(decoder.buffered() <= StreamDecoder::kMaxLineBytes);
        }
    }
}

void tst_StreamDecoder::nulBytes()
{
    // Inside a string, where Qt's parser alone would take it.
    QByteArray line = R"~({"ph":"i","name":"a@b","pid":1,"tid":1,"ts":1000000000000})~" "\n";
    const Decoded inside = decode(kHello + line.replace('@', '\0'));
    QCOMPARE(inside.error, QStringLiteral("line 2: not JSON (a NUL byte at offset 19)"));
    const Decoded alone = decode(kHello + QByteArray("\0\n", 2));
    QCOMPARE(alone.error, QStringLiteral("line 2: not JSON (a NUL byte at offset 0)"));
    const Decoded before = decode(QByteArray(1, '\0') + kHello);
    QCOMPARE(before.error, QStringLiteral("line 1: not JSON (a NUL byte at offset 0)"));
}

void tst_StreamDecoder::deepNesting()
{
    const auto nested = [](int depth) -> QByteArray {
        return kHello + R"~({"ph":"i","pid":1,"tid":1,"ts":1000000000000,"args":)~" + QByteArray(depth, '[')
            + QByteArray(depth, ']') + "}\n";
    };
    const Decoded shallow = decode(nested(500));
    QVERIFY2(shallow.ok, qPrintable(shallow.error));
    QCOMPARE(shallow.ignored, 1);
    const Decoded deep = decode(nested(32000));
    QVERIFY(!deep.ok);
    QVERIFY2(deep.error.startsWith(QLatin1String("line 2: not JSON (too deeply nested")), qPrintable(deep.error));
}

void tst_StreamDecoder::unknownEventsAreCounted()
{
    const QByteArray unknown = kHello
        + jsonLine(R"~("ph":"X","cat":"app.io","name":"read","pid":1,"tid":2,"ts":1000000000000,"dur":5)~")
        + jsonLine(R"~("ph":"X","cat":"looplab.stall","name":"freeze","pid":1,"tid":2,"ts":1000000000000,"dur":5)~")
        + jsonLine(R"~("ph":"C","cat":"looplab.tick","name":"other lag","pid":1,"tid":2,"ts":1000000000000)~")
        + jsonLine(R"~("ph":"C","cat":"looplab.counter","name":"no value","pid":1,"tid":2,"ts":1000000000000)~")
        + jsonLine(R"~("ph":"C","cat":"looplab.probe","name":"mood","pid":1,"tid":2,"ts":1000000000000,"args":{"value":1})~")
        + jsonLine(R"~("ph":"C","pid":1,"tid":2,"ts":1000000000000,"args":{"value":1})~")
        + jsonLine(R"~("ph":"M","name":"thread_sort_index","pid":1,"tid":2,"ts":1000000000000,"args":{"sort_index":1})~")
        + jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":2,"ts":1000000000000,"args":{"name":5})~")
        + jsonLine(R"~("ph":"E","cat":"looplab.task","pid":1,"tid":2,"ts":1000000000000)~")
        + jsonLine(R"~("ph":"B","cat":"app","pid":1,"tid":2,"ts":1000000000000)~")
        + jsonLine(R"~("ph":"i","cat":"looplab.task","pid":1,"tid":2,"ts":1000000000000)~")
        + jsonLine(R"~("ph":"P","pid":1,"tid":2,"ts":1000000000000)~")
        + jsonLine(R"~("ph":"s","name":7,"cat":[],"pid":1,"tid":2,"ts":1000000000000,"args":"x")~");
    const Decoded d = decode(unknown);
    QVERIFY2(d.ok, qPrintable(d.error));
    QCOMPARE(d.ignored, 13);
    QCOMPARE(d.events.size(), 14);
    for (int i = 1; i < d.events.size(); ++i)
        QCOMPARE(int(d.events.at(i).type), int(Type::Ignored));
    StreamRecording recording = record(unknown);
    QCOMPARE(recording.ignored(), 13);
    QCOMPARE(recording.recorder()->spanCount(), 0u);
    QCOMPARE(recording.laneNames().size(), 1);
}

// The loop thread and 65535 others are lanes; one more is refused, whether named or running a task.
void tst_StreamDecoder::threadCap()
{
    for (const bool named : {true, false}) {
        QByteArray stream = kHello;
        for (int i = 0; i < StreamDecoder::kMaxThreads; ++i) {
            if (named)
                stream += jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":)~" + QByteArray::number(100000 + i)
                                + R"~(,"ts":1000000000000,"args":{"name":"w"})~");
            else
                stream += jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":)~" + QByteArray::number(100000 + i)
                                + R"~(,"ts":1000000000000,"dur":1)~");
        }
        // Renaming a thread is not a new one.
        stream += jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":100000,"ts":1000000000000,"args":{"name":"v"})~");
        StreamDecoder decoder;
        QVector<StreamEvent> events;
        QVERIFY(!decoder.feed(stream, &events));
        QCOMPARE(decoder.error(), QStringLiteral("line %1: more than 65536 threads").arg(1 + StreamDecoder::kMaxThreads));
        QCOMPARE(events.size(), StreamDecoder::kMaxThreads); // the hello and 65535 others
    }
}

void tst_StreamDecoder::openSpanCap()
{
    QByteArray stream = kHello;
    const QByteArray begin = jsonLine(R"~("ph":"B","cat":"looplab.task","pid":1,"tid":7,"ts":1000000000000)~");
    for (int i = 0; i <= StreamDecoder::kMaxOpenPerThread; ++i)
        stream += begin;
    const Decoded d = decode(stream);
    QCOMPARE(d.error, QStringLiteral("line 1026: more than 1024 \"B\" spans open on thread 7"));

    // Closed ones make room again.
    const QByteArray end = jsonLine(R"~("ph":"E","cat":"looplab.task","pid":1,"tid":7,"ts":1000000000001)~");
    QByteArray balanced = kHello;
    for (int i = 0; i < 3 * StreamDecoder::kMaxOpenPerThread; ++i)
        balanced += begin + end;
    QVERIFY(decode(balanced).ok);

    // 65536 open on all threads together.
    QByteArray many = kHello;
    for (int i = 0; i <= StreamDecoder::kMaxOpenSpans; ++i)
        many += jsonLine(R"~("ph":"B","cat":"looplab.task","pid":1,"tid":)~" + QByteArray::number(i / 1000)
                      + R"~(,"ts":1000000000000)~");
    QCOMPARE(decode(many).error, QStringLiteral("line %1: more than 65536 \"B\" spans open").arg(2 + StreamDecoder::kMaxOpenSpans));
}

void tst_StreamDecoder::recordingLanes()
{
    const StreamRecording recording = record(
        kHello + jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":4250,"ts":1000000000000,"args":{"name":"asyncio_0"})~")
        + jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":4260,"ts":1000000000000,"dur":1)~")
        + jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":4260,"ts":1000000000000,"args":{"name":"late"})~")
        + jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":4250,"ts":1000000000000,"dur":1)~")
        + jsonLine(R"~("ph":"M","name":"thread_name","pid":1,"tid":4242,"ts":1000000000000,"args":{"name":"MainThread"})~"));
    QVERIFY(recording.hasHello());
    QCOMPARE(recording.laneNames(), (QStringList{QStringLiteral("MainThread"), QStringLiteral("asyncio_0"), QStringLiteral("late")}));
    // The recorder keeps the names lanes were registered with.
    QCOMPARE(recording.recorder()->laneNames(),
             (QStringList{QStringLiteral("app.py loop"), QStringLiteral("asyncio_0"), QStringLiteral("thread 4260")}));
    QCOMPARE(recording.laneOf(4242), 0);
    QCOMPARE(recording.laneOf(4250), 1);
    QCOMPARE(recording.laneOf(4260), 2);
    QCOMPARE(recording.laneOf(1), -1);
    const QVector<Span> spans = recording.recorder()->spans();
    QCOMPARE(spans.size(), 2);
    QCOMPARE(spans.at(0).lane, 2);
    QCOMPARE(spans.at(1).lane, 1);
}

void tst_StreamDecoder::recordingSpans()
{
    const StreamRecording recording = record(kStream);
    const std::shared_ptr<Recorder> recorder = recording.recorder();
    const QVector<TickSample> ticks = recorder->ticks();
    QCOMPARE(ticks.size(), 2);
    QCOMPARE(ticks.at(0).actualNs, qint64(1000000010000310));
    QCOMPARE(ticks.at(0).expectedNs, qint64(1000000010000310 - 185000));
    QCOMPARE(ticks.at(1).latenessNs(), qint64(3000000000));

    const QVector<Span> spans = recorder->spans();
    QCOMPARE(spans.size(), 3);
    const Span &task = spans.at(0);
    QCOMPARE(task.mode, ExecMode::Pool);
    QCOMPARE(task.kind, WorkKind::Code);
    QCOMPARE(task.lane, 1);
    QCOMPARE(task.submitNs, qint64(1000000019990500));
    QCOMPARE(task.startNs, qint64(1000000020000000));
    QCOMPARE(task.endNs, qint64(1000000020000000 + 210433250));
    QCOMPARE(task.state, SpanState::Done);
    QCOMPARE(recording.spanName(0), QStringLiteral("fetch_report"));
    QCOMPARE(recording.spanKind(0), StreamEvent::TaskKind::Executor);
    const Span &outer = spans.at(1);
    QCOMPARE(outer.mode, ExecMode::Inline);
    QCOMPARE(outer.lane, 0);
    QCOMPARE(outer.startNs, qint64(1000000030000000));
    QCOMPARE(outer.endNs, qint64(1000000030900000));
    QCOMPARE(outer.state, SpanState::Done);
    QCOMPARE(recording.spanName(1), QStringLiteral("outer"));
    QCOMPARE(recording.spanKind(1), StreamEvent::TaskKind::Callback);
    const Span &inner = spans.at(2);
    QCOMPARE(inner.startNs, qint64(1000000030100000));
    QCOMPARE(inner.endNs, qint64(1000000030200000));
    QCOMPARE(inner.state, SpanState::Failed);
    QCOMPARE(recording.spanName(2), QStringLiteral("inner"));
    QCOMPARE(recording.spanName(3), QString());

    // A "B" never closed stays running.
    const StreamRecording open = record(kHello + jsonLine(R"~("ph":"B","cat":"looplab.task","name":"long","pid":1,"tid":9,"ts":1000000000000)~"));
    QCOMPARE(open.recorder()->span(0).state, SpanState::Running);
    QCOMPARE(open.recorder()->span(0).lane, 1);
}

void tst_StreamDecoder::recordingRest()
{
    const StreamRecording recording = record(kStream);
    QCOMPARE(recording.hello().program, QStringLiteral("app.py"));
    QCOMPARE(recording.processName(), QStringLiteral("app.py"));
    QCOMPARE(recording.stalls().size(), 1);
    const ProgramStall &stall = recording.stalls().first();
    QCOMPARE(stall.startNs, qint64(1000000040000000));
    QCOMPARE(stall.durationNs, qint64(3001250000));
    QCOMPARE(stall.culprit, QStringLiteral("time.sleep ← fetch_report (app.py:12)"));
    QCOMPARE(stall.task, QStringLiteral("Task-3"));
    QCOMPARE(recording.counters().size(), 1);
    QCOMPARE(recording.counters().first().name, QStringLiteral("ready callbacks"));
    QCOMPARE(recording.counters().first().samples.size(), 1);
    QCOMPARE(recording.counters().first().samples.first().value, 12.0);
    QCOMPARE(recording.dropped(), 3);
    QCOMPARE(recording.ignored(), 1);
    // From the hello to the last tick (the instant after it is ignored, so not counted).
    QCOMPARE(recording.startNs(), kHelloNs);
    QCOMPARE(recording.endNs(), qint64(1000003050000000));
    QCOMPARE(recording.config().intervalMs, 10);

    // Dropped is a running total: the largest seen stays.
    const StreamRecording drops = record(
        kHello + jsonLine(R"~("ph":"C","cat":"looplab.probe","name":"dropped events","pid":1,"tid":1,"ts":1000000000000,"args":{"value":9})~")
        + jsonLine(R"~("ph":"C","cat":"looplab.probe","name":"dropped events","pid":1,"tid":1,"ts":1000000000001,"args":{"value":4})~")
        + jsonLine(R"~("ph":"C","cat":"looplab.probe","name":"dropped events","pid":1,"tid":1,"ts":1000000000002,"args":{"value":1e300})~"));
    QCOMPARE(drops.dropped(), qint64(9e18));
}

// What a headless caller does at the end: the recording read like a run of Loop Lab's own.
void tst_StreamDecoder::recordingSummary()
{
    QByteArray stream = kHello;
    for (int i = 1; i <= 100; ++i)
        stream += jsonLine(R"~("ph":"C","cat":"looplab.tick","name":"loop lag","pid":1,"tid":4242,"ts":)~"
                        + QByteArray::number(1000000000000 + i * 10000) + R"~(,"args":{"lag_ms":)~"
                        + (i == 50 ? QByteArray("120") : QByteArray("0.5")) + "}");
    stream += jsonLine(R"~("ph":"X","cat":"looplab.task","pid":1,"tid":4250,"ts":1000000100000,"dur":2000)~");
    const StreamRecording recording = record(stream);
    const Summary s = Summarizer::summarize(*recording.recorder(), recording.config(), recording.startNs(), recording.endNs());
    QCOMPARE(s.ticks, 100);
    QCOMPARE(s.intervalMs, 10);
    QCOMPARE(s.tasks, 1);
    QCOMPARE(s.maxMs, 120.0);
    QVERIFY(qAbs(s.durationS - 1.0) < 1e-6); // from the hello to the last tick: 1 s less 0.125 µs
}

// A program that streams for long: raw ticks and spans older than the raw history are
// decimated (counted, not kept), and the names of dropped spans go with them.
void tst_StreamDecoder::recordingStaysBounded()
{
    StreamRecording recording(2000000000); // 2 s of raw history
    StreamHello hello;
    hello.protocol = 1;
    hello.program = QStringLiteral("flood.py");
    hello.runtime = QStringLiteral("python");
    hello.intervalMs = 1;
    hello.loopTid = 1;
    hello.ns = kHelloNs;
    recording.setHello(hello);
    constexpr int kTicks = 200000; // 200 s at 1 ms, a dozen tick chunks
    QVector<StreamEvent> batch;
    for (int i = 1; i <= kTicks; ++i) {
        StreamEvent tick;
        tick.type = Type::Tick;
        tick.tid = 1;
        tick.ns = kHelloNs + qint64(i) * 1000000;
        tick.durationNs = i == kTicks / 2 ? 80000000 : 100000;
        batch << tick;
        if (i % 10 == 0) {
            StreamEvent task;
            task.type = Type::Task;
            task.tid = 2;
            task.ns = tick.ns;
            task.submitNs = tick.ns;
            task.durationNs = 500000;
            task.name = QStringLiteral("step");
            batch << task;
        }
        if (batch.size() >= 1000) {
            recording.apply(batch);
            batch.clear();
        }
    }
    recording.apply(batch);
    const Recorder &r = *recording.recorder();
    QVERIFY(r.isDecimated());
    QVERIFY2(r.firstTick() >= kTicks / 2, qPrintable(QString::number(r.firstTick())));
    QVERIFY2(r.rawBytes() < 8 * qint64(Recorder::kChunkSize) * Recorder::spanSlotBytes(), qPrintable(QString::number(r.rawBytes())));
    const Summary s = Summarizer::summarize(r, recording.config(), recording.startNs(), recording.endNs());
    QCOMPARE(s.ticks, qint64(kTicks)); // every tick counted, kept or not
    QCOMPARE(s.tasks, qint64(kTicks / 10));
    QCOMPARE(s.longTasks, qint64(1));
    QCOMPARE(recording.spanName(r.spanCount() - 1), QStringLiteral("step"));
    QVERIFY(r.firstSpan() > 0);
    QCOMPARE(recording.spanName(r.firstSpan() - 1), QString());
    QCOMPARE(recording.spanName(r.firstSpan()), QStringLiteral("step"));
}

QTEST_GUILESS_MAIN(tst_StreamDecoder)
#include "tst_streamdecoder.moc"
