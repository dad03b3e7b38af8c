#include "executors/process/wireprotocol.h"

#include <QRandomGenerator>
#include <QTest>

#include <limits>

using Request = WireProtocol::Request;
using Response = WireProtocol::Response;
using Status = WireProtocol::Status;

Q_DECLARE_METATYPE(WireProtocol::Request)
Q_DECLARE_METATYPE(WireProtocol::Response)

namespace {
Request request(quint32 id, WorkKind kind, int ioMs, const QByteArray &payload = {})
{
    Request r;
    r.id = id;
    r.kind = kind;
    r.ioMs = ioMs;
    r.payload = payload;
    return r;
}

Response response(quint32 id, SpanState state, qint64 recvNs, qint64 runNs, qint64 endNs, qint64 result)
{
    Response r;
    r.id = id;
    r.state = state;
    r.recvNs = recvNs;
    r.runNs = runNs;
    r.endNs = endNs;
    r.result = result;
    return r;
}

bool sameRequest(const Request &a, const Request &b)
{
    return a.id == b.id && a.kind == b.kind && a.ioMs == b.ioMs && a.payload == b.payload;
}

bool sameResponse(const Response &a, const Response &b)
{
    return a.id == b.id && a.state == b.state && a.recvNs == b.recvNs && a.runNs == b.runNs && a.endNs == b.endNs
        && a.result == b.result;
}

const QByteArray kGoodResponse = R"({"id":7,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})";
} // namespace

class tst_WireProtocol : public QObject
{
    Q_OBJECT
private slots:
    void requestRoundTrip_data();
    void requestRoundTrip();
    void responseRoundTrip_data();
    void responseRoundTrip();
    void headerIsCompactJsonLine();
    void requestsByteAtATime();
    void responsesByteAtATime();
    void payloadSplitAcrossReads();
    void badResponseLines_data();
    void badResponseLines();
    void badRequestHeaders_data();
    void badRequestHeaders();
    void unknownKeysIgnored();
    void oversizedHeader();
    void randomBytesNeverCrash();
};

void tst_WireProtocol::requestRoundTrip_data()
{
    QTest::addColumn<Request>("message");
    QTest::newRow("io") << request(0, WorkKind::Io, 200);
    QTest::newRow("io, zero ms") << request(1, WorkKind::Io, 0);
    QTest::newRow("cpu") << request(42, WorkKind::Cpu, 0, R"({"a":[1,2,{"b":null}]})");
    QTest::newRow("binary payload with newlines")
        << request(3, WorkKind::Cpu, 5, QByteArray("\n\n{\0}\r\n\xff", 8));
    QTest::newRow("largest id and ms")
        << request(std::numeric_limits<quint32>::max(), WorkKind::Io, std::numeric_limits<int>::max());
}

void tst_WireProtocol::requestRoundTrip()
{
    QFETCH(Request, message);
    QByteArray buffer = WireProtocol::encodeRequest(message);
    QCOMPARE(buffer, WireProtocol::encodeRequestHeader(message) + message.payload);
    Request out;
    QString error;
    QCOMPARE(WireProtocol::takeRequest(&buffer, &out, &error), Status::Taken);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(sameRequest(out, message));
    QVERIFY(buffer.isEmpty());
}

void tst_WireProtocol::responseRoundTrip_data()
{
    QTest::addColumn<Response>("message");
    QTest::newRow("done") << response(1, SpanState::Done, 100, 200, 300, 12345);
    QTest::newRow("cancelled") << response(2, SpanState::Cancelled, 5, 5, 5, 0);
    QTest::newRow("failed, result -1") << response(3, SpanState::Failed, 1, 2, 3, -1);
    // Monotonic nanoseconds beyond 2^53 (104 days of uptime) must survive exactly.
    QTest::newRow("beyond double precision")
        << response(std::numeric_limits<quint32>::max(), SpanState::Done, 9007199254740993LL,
                    9007199254740995LL, std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min());
}

void tst_WireProtocol::responseRoundTrip()
{
    QFETCH(Response, message);
    QByteArray buffer = WireProtocol::encodeResponse(message);
    QVERIFY(buffer.endsWith('\n'));
    QCOMPARE(buffer.count('\n'), 1);
    Response out;
    QString error;
    QCOMPARE(WireProtocol::takeResponse(&buffer, &out, &error), Status::Taken);
    QVERIFY2(sameResponse(out, message), buffer.constData());
    QVERIFY(buffer.isEmpty());
}

void tst_WireProtocol::headerIsCompactJsonLine()
{
    QCOMPARE(WireProtocol::encodeRequestHeader(request(5, WorkKind::Cpu, 0, "12345")),
             QByteArray(R"({"id":5,"kind":"cpu","io_ms":0,"payload":5})" "\n"));
    QCOMPARE(WireProtocol::encodeResponse(response(5, SpanState::Cancelled, 1, 2, 3, 4)),
             QByteArray(R"({"id":5,"state":"cancelled","recv_ns":1,"run_ns":2,"end_ns":3,"result":4})" "\n"));
}

void tst_WireProtocol::requestsByteAtATime()
{
    const QList<Request> sent = {request(1, WorkKind::Cpu, 0, R"({"k":"v\n"})"), request(2, WorkKind::Io, 30),
                                 request(3, WorkKind::Cpu, 0, QByteArray(300, 'x'))};
    QByteArray stream;
    for (const Request &r : sent)
        stream += WireProtocol::encodeRequest(r);

    QByteArray buffer;
    QList<Request> received;
    for (char byte : std::as_const(stream)) {
        buffer += byte;
        Request out;
        QString error;
        const QByteArray before = buffer;
        const Status status = WireProtocol::takeRequest(&buffer, &out, &error);
        QVERIFY2(status != Status::Invalid, qPrintable(error));
        if (status == Status::Taken)
            received << out;
        else
            QCOMPARE(buffer, before);
    }
    QVERIFY(buffer.isEmpty());
    QCOMPARE(received.size(), sent.size());
    for (int i = 0; i < sent.size(); ++i)
        QVERIFY(sameRequest(received[i], sent[i]));
}

void tst_WireProtocol::responsesByteAtATime()
{
    const QList<Response> sent = {response(1, SpanState::Done, 1, 2, 3, 4),
                                  response(2, SpanState::Failed, 5, 6, 7, -1)};
    QByteArray stream;
    for (const Response &r : sent)
        stream += WireProtocol::encodeResponse(r);

    QByteArray buffer;
    QList<Response> received;
    for (char byte : std::as_const(stream)) {
        buffer += byte;
        Response out;
        QString error;
        const Status status = WireProtocol::takeResponse(&buffer, &out, &error);
        QVERIFY2(status != Status::Invalid, qPrintable(error));
        if (status == Status::Taken)
            received << out;
    }
    QVERIFY(buffer.isEmpty());
    QCOMPARE(received.size(), 2);
    QVERIFY(sameResponse(received[0], sent[0]));
    QVERIFY(sameResponse(received[1], sent[1]));
}

void tst_WireProtocol::payloadSplitAcrossReads()
{
    const Request first = request(9, WorkKind::Cpu, 0, QByteArray(100000, 'j'));
    const Request second = request(10, WorkKind::Io, 15);
    const QByteArray stream = WireProtocol::encodeRequest(first) + WireProtocol::encodeRequest(second);
    const qsizetype firstSize = WireProtocol::encodeRequest(first).size();

    // Header and part of the payload, then the rest of it with the start of the next request.
    QByteArray buffer = stream.left(firstSize - 40000);
    Request out;
    QString error;
    QCOMPARE(WireProtocol::takeRequest(&buffer, &out, &error), Status::Incomplete);
    QCOMPARE(buffer.size(), firstSize - 40000);
    buffer += stream.mid(firstSize - 40000, 40000 + 10);
    QCOMPARE(WireProtocol::takeRequest(&buffer, &out, &error), Status::Taken);
    QVERIFY(sameRequest(out, first));
    QCOMPARE(buffer, stream.mid(firstSize, 10));
    QCOMPARE(WireProtocol::takeRequest(&buffer, &out, &error), Status::Incomplete);
    buffer += stream.mid(firstSize + 10);
    QCOMPARE(WireProtocol::takeRequest(&buffer, &out, &error), Status::Taken);
    QVERIFY(sameRequest(out, second));
    QVERIFY(buffer.isEmpty());
}

void tst_WireProtocol::badResponseLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("words") << QByteArray("hello world");
    QTest::newRow("array") << QByteArray("[1,2,3]");
    QTest::newRow("null") << QByteArray("null");
    QTest::newRow("empty object") << QByteArray("{}");
    QTest::newRow("truncated") << kGoodResponse.left(30);
    QTest::newRow("nul bytes") << QByteArray("{\"id\":1\0}", 9);
    QTest::newRow("invalid utf-8") << QByteArray("{\"id\":1,\"state\":\"\xff\xfe\"}");
    QTest::newRow("deep nesting") << QByteArray(QByteArray(2000, '[') + QByteArray(2000, ']'));
    QTest::newRow("id as string")
        << QByteArray(R"({"id":"7","state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("id negative")
        << QByteArray(R"({"id":-1,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("id beyond 32 bits")
        << QByteArray(R"({"id":4294967296,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("id fractional")
        << QByteArray(R"({"id":1.5,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("id huge")
        << QByteArray(R"({"id":1e400,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("id null")
        << QByteArray(R"({"id":null,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("id absent") << QByteArray(R"({"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("state unknown")
        << QByteArray(R"({"id":7,"state":"running","recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("state as number")
        << QByteArray(R"({"id":7,"state":3,"recv_ns":10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("result absent") << QByteArray(R"({"id":7,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30})");
    QTest::newRow("result as bool")
        << QByteArray(R"({"id":7,"state":"done","recv_ns":10,"run_ns":20,"end_ns":30,"result":true})");
    QTest::newRow("recv negative")
        << QByteArray(R"({"id":7,"state":"done","recv_ns":-10,"run_ns":20,"end_ns":30,"result":5})");
    QTest::newRow("end before run")
        << QByteArray(R"({"id":7,"state":"done","recv_ns":10,"run_ns":20,"end_ns":19,"result":5})");
    QTest::newRow("run before recv")
        << QByteArray(R"({"id":7,"state":"done","recv_ns":10,"run_ns":9,"end_ns":30,"result":5})");
    QTest::newRow("trailing garbage") << QByteArray(kGoodResponse + "x");
}

void tst_WireProtocol::badResponseLines()
{
    QFETCH(QByteArray, line);
    QByteArray buffer = line + '\n';
    const QByteArray before = buffer;
    Response out;
    QString error;
    QCOMPARE(WireProtocol::takeResponse(&buffer, &out, &error), Status::Invalid);
    QVERIFY(!error.isEmpty());
    QCOMPARE(buffer, before);
    error.clear();
    QVERIFY(!WireProtocol::decodeResponse(line, &out, &error));
    QVERIFY(!error.isEmpty());
}

void tst_WireProtocol::badRequestHeaders_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::newRow("empty") << QByteArray("");
    QTest::newRow("not json") << QByteArray("GET / HTTP/1.1");
    QTest::newRow("a response") << kGoodResponse;
    QTest::newRow("kind unknown") << QByteArray(R"({"id":1,"kind":"gpu","io_ms":0,"payload":0})");
    QTest::newRow("kind absent") << QByteArray(R"({"id":1,"io_ms":0,"payload":0})");
    QTest::newRow("io_ms absent") << QByteArray(R"({"id":1,"kind":"io","payload":0})");
    QTest::newRow("io_ms negative") << QByteArray(R"({"id":1,"kind":"io","io_ms":-5,"payload":0})");
    QTest::newRow("io_ms beyond int") << QByteArray(R"({"id":1,"kind":"io","io_ms":2147483648,"payload":0})");
    QTest::newRow("io_ms as string") << QByteArray(R"({"id":1,"kind":"io","io_ms":"5","payload":0})");
    QTest::newRow("payload absent") << QByteArray(R"({"id":1,"kind":"cpu","io_ms":0})");
    QTest::newRow("payload negative") << QByteArray(R"({"id":1,"kind":"cpu","io_ms":0,"payload":-1})");
    QTest::newRow("payload fractional") << QByteArray(R"({"id":1,"kind":"cpu","io_ms":0,"payload":2.5})");
    QTest::newRow("payload too large")
        << QByteArray(R"({"id":1,"kind":"cpu","io_ms":0,"payload":)"
                      + QByteArray::number(WireProtocol::kMaxPayloadBytes + 1) + "}");
    QTest::newRow("payload 1e18") << QByteArray(R"({"id":1,"kind":"cpu","io_ms":0,"payload":1e18})");
}

void tst_WireProtocol::badRequestHeaders()
{
    QFETCH(QByteArray, line);
    QByteArray buffer = line + '\n' + QByteArray(64, 'p');
    const QByteArray before = buffer;
    Request out;
    QString error;
    QCOMPARE(WireProtocol::takeRequest(&buffer, &out, &error), Status::Invalid);
    QVERIFY(!error.isEmpty());
    QCOMPARE(buffer, before);
}

void tst_WireProtocol::unknownKeysIgnored()
{
    QByteArray buffer = R"({"later":{"x":[1]},"id":4,"state":"failed",)"
                        R"("recv_ns":1,"run_ns":1,"end_ns":1,"result":-1,"z":"?"})"
                        "\n";
    Response out;
    QString error;
    QCOMPARE(WireProtocol::takeResponse(&buffer, &out, &error), Status::Taken);
    QVERIFY(sameResponse(out, response(4, SpanState::Failed, 1, 1, 1, -1)));

    QByteArray requestBuffer = R"({"payload":2,"priority":"high","io_ms":0,"kind":"cpu","id":8})"
                               "\n{}";
    Request request;
    QCOMPARE(WireProtocol::takeRequest(&requestBuffer, &request, &error), Status::Taken);
    QCOMPARE(request.id, 8u);
    QCOMPARE(request.payload, QByteArray("{}"));
    // Whole numbers written as doubles are whole numbers.
    QByteArray exponent = R"({"id":1e2,"kind":"io","io_ms":5.0,"payload":0})"
                          "\n";
    QCOMPARE(WireProtocol::takeRequest(&exponent, &request, &error), Status::Taken);
    QCOMPARE(request.id, 100u);
    QCOMPARE(request.ioMs, 5);
}

void tst_WireProtocol::oversizedHeader()
{
    Request out;
    Response response;
    QString error;
    // Up to the limit without a newline there is still hope...
    QByteArray partial(WireProtocol::kMaxHeaderBytes - 1, ' ');
    QCOMPARE(WireProtocol::takeRequest(&partial, &out, &error), Status::Incomplete);
    QCOMPARE(WireProtocol::takeResponse(&partial, &response, &error), Status::Incomplete);
    // ...at the limit there is none, whatever follows.
    QByteArray full(WireProtocol::kMaxHeaderBytes, ' ');
    QCOMPARE(WireProtocol::takeRequest(&full, &out, &error), Status::Invalid);
    QVERIFY(!error.isEmpty());
    full += "\n";
    QCOMPARE(WireProtocol::takeResponse(&full, &response, &error), Status::Invalid);

    // A valid header padded to exactly the limit, newline included, is accepted; one byte more is not.
    const QByteArray header = R"({"id":1,"kind":"io","io_ms":3,"payload":0})";
    QByteArray atLimit = header + QByteArray(WireProtocol::kMaxHeaderBytes - 1 - header.size(), ' ') + '\n';
    QCOMPARE(atLimit.size(), WireProtocol::kMaxHeaderBytes);
    QCOMPARE(WireProtocol::takeRequest(&atLimit, &out, &error), Status::Taken);
    QCOMPARE(out.ioMs, 3);
    QByteArray overLimit = header + QByteArray(WireProtocol::kMaxHeaderBytes - header.size(), ' ') + '\n';
    QCOMPARE(WireProtocol::takeRequest(&overLimit, &out, &error), Status::Invalid);
}

void tst_WireProtocol::randomBytesNeverCrash()
{
    QRandomGenerator random(20240501);
    const QByteArray valid = WireProtocol::encodeRequest(request(1, WorkKind::Cpu, 0, "{\"a\":1}"))
        + WireProtocol::encodeResponse(response(2, SpanState::Done, 1, 2, 3, 4));
    for (int i = 0; i < 5000; ++i) {
        QByteArray bytes;
        if (i % 2) {
            // Valid messages with a few bytes flipped, cut anywhere.
            bytes = valid.left(random.bounded(valid.size() + 1));
            for (int flips = random.bounded(4); flips > 0 && !bytes.isEmpty(); --flips)
                bytes[random.bounded(bytes.size())] = char(random.bounded(256));
        } else {
            bytes.resize(random.bounded(200));
            for (char &c : bytes)
                c = char(random.bounded(256));
            if (random.bounded(2))
                bytes += '\n';
        }
        QByteArray requestBuffer = bytes;
        QByteArray responseBuffer = bytes;
        Request request;
        Response response;
        for (int step = 0; step < 4; ++step) {
            QString error;
            const qsizetype before = requestBuffer.size();
            const Status status = WireProtocol::takeRequest(&requestBuffer, &request, &error);
            QVERIFY(status != Status::Invalid || !error.isEmpty());
            QVERIFY(status == Status::Taken ? requestBuffer.size() < before : requestBuffer.size() == before);
            if (status != Status::Taken)
                break;
        }
        for (int step = 0; step < 4; ++step) {
            QString error;
            const Status status = WireProtocol::takeResponse(&responseBuffer, &response, &error);
            QVERIFY(status != Status::Invalid || !error.isEmpty());
            if (status != Status::Taken)
                break;
            QVERIFY(response.recvNs <= response.runNs && response.runNs <= response.endNs);
        }
    }
}

QTEST_GUILESS_MAIN(tst_WireProtocol)
#include "tst_wireprotocol.moc"
