#include "executors/process/wireprotocol.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QJsonValue>

#include <cstring>
#include <limits>

namespace {
bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

// JSON numbers arrive as doubles unless Qt kept them as exact 64-bit integers; either way
// only a whole number in [min, max] is accepted.
bool integerField(const QJsonObject &object, QLatin1String key, qint64 min, qint64 max, qint64 *out,
                  QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return fail(error, QLatin1String("missing \"") + key + QLatin1String("\""));
    if (!value.isDouble())
        return fail(error, QLatin1String("\"") + key + QLatin1String("\" is not a number"));
    const qint64 n = value.toInteger(0);
    if (n != value.toInteger(1))
        return fail(error, QLatin1String("\"") + key + QLatin1String("\" is not a whole number"));
    if (n < min || n > max)
        return fail(error, QLatin1String("\"") + key + QLatin1String("\" is out of range"));
    *out = n;
    return true;
}

bool stringField(const QJsonObject &object, QLatin1String key, QString *out, QString *error)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined())
        return fail(error, QLatin1String("missing \"") + key + QLatin1String("\""));
    if (!value.isString())
        return fail(error, QLatin1String("\"") + key + QLatin1String("\" is not a string"));
    *out = value.toString();
    return true;
}

bool parseObject(const QByteArray &line, QJsonObject *out, QString *error)
{
    if (line.size() >= WireProtocol::kMaxHeaderBytes)
        return fail(error, QStringLiteral("line longer than %1 bytes").arg(WireProtocol::kMaxHeaderBytes));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error, QLatin1String("not JSON: ") + parseError.errorString());
    if (!doc.isObject())
        return fail(error, QStringLiteral("not a JSON object"));
    *out = doc.object();
    return true;
}

// The length of the first line (newline excluded), looking no further than a header may reach.
WireProtocol::Status findLine(const QByteArray &buffer, qsizetype *length, QString *error)
{
    const qsizetype scan = qMin(buffer.size(), WireProtocol::kMaxHeaderBytes);
    const void *newline = std::memchr(buffer.constData(), '\n', size_t(scan));
    if (newline) {
        *length = static_cast<const char *>(newline) - buffer.constData();
        return WireProtocol::Status::Taken;
    }
    if (buffer.size() >= WireProtocol::kMaxHeaderBytes) {
        fail(error, QStringLiteral("no newline in the first %1 bytes").arg(WireProtocol::kMaxHeaderBytes));
        return WireProtocol::Status::Invalid;
    }
    return WireProtocol::Status::Incomplete;
}

QByteArray stateName(SpanState state)
{
    switch (state) {
    case SpanState::Done: return QByteArrayLiteral("done");
    case SpanState::Cancelled: return QByteArrayLiteral("cancelled");
    default: return QByteArrayLiteral("failed");
    }
}
} // namespace

QByteArray WireProtocol::encodeRequestHeader(const Request &request)
{
    Q_ASSERT(request.kind == WorkKind::Io || request.kind == WorkKind::Cpu);
    return "{\"id\":" + QByteArray::number(request.id) + ",\"kind\":\""
        + (request.kind == WorkKind::Cpu ? "cpu" : "io") + "\",\"io_ms\":" + QByteArray::number(request.ioMs)
        + ",\"payload\":" + QByteArray::number(request.payload.size()) + "}\n";
}

QByteArray WireProtocol::encodeRequest(const Request &request)
{
    return encodeRequestHeader(request) + request.payload;
}

QByteArray WireProtocol::encodeResponse(const Response &response)
{
    Q_ASSERT(response.state == SpanState::Done || response.state == SpanState::Cancelled
             || response.state == SpanState::Failed);
    return "{\"id\":" + QByteArray::number(response.id) + ",\"state\":\"" + stateName(response.state)
        + "\",\"recv_ns\":" + QByteArray::number(response.recvNs) + ",\"run_ns\":"
        + QByteArray::number(response.runNs) + ",\"end_ns\":" + QByteArray::number(response.endNs)
        + ",\"result\":" + QByteArray::number(response.result) + "}\n";
}

bool WireProtocol::decodeRequestHeader(const QByteArray &line, Request *out, qint64 *payloadBytes, QString *error)
{
    QJsonObject object;
    if (!parseObject(line, &object, error))
        return false;
    qint64 id = 0;
    qint64 ioMs = 0;
    qint64 payload = 0;
    QString kind;
    if (!integerField(object, QLatin1String("id"), 0, std::numeric_limits<quint32>::max(), &id, error)
        || !stringField(object, QLatin1String("kind"), &kind, error)
        || !integerField(object, QLatin1String("io_ms"), 0, std::numeric_limits<int>::max(), &ioMs, error)
        || !integerField(object, QLatin1String("payload"), 0, kMaxPayloadBytes, &payload, error))
        return false;
    Request request;
    if (kind == QLatin1String("io"))
        request.kind = WorkKind::Io;
    else if (kind == QLatin1String("cpu"))
        request.kind = WorkKind::Cpu;
    else
        return fail(error, QStringLiteral("\"kind\" is neither io nor cpu"));
    request.id = quint32(id);
    request.ioMs = int(ioMs);
    *out = request;
    *payloadBytes = payload;
    return true;
}

bool WireProtocol::decodeResponse(const QByteArray &line, Response *out, QString *error)
{
    QJsonObject object;
    if (!parseObject(line, &object, error))
        return false;
    constexpr qint64 maxNs = std::numeric_limits<qint64>::max();
    qint64 id = 0;
    QString state;
    Response response;
    if (!integerField(object, QLatin1String("id"), 0, std::numeric_limits<quint32>::max(), &id, error)
        || !stringField(object, QLatin1String("state"), &state, error)
        || !integerField(object, QLatin1String("recv_ns"), 0, maxNs, &response.recvNs, error)
        || !integerField(object, QLatin1String("run_ns"), 0, maxNs, &response.runNs, error)
        || !integerField(object, QLatin1String("end_ns"), 0, maxNs, &response.endNs, error)
        || !integerField(object, QLatin1String("result"), std::numeric_limits<qint64>::min(), maxNs,
                         &response.result, error))
        return false;
    if (state == QLatin1String("done"))
        response.state = SpanState::Done;
    else if (state == QLatin1String("cancelled"))
        response.state = SpanState::Cancelled;
    else if (state == QLatin1String("failed"))
        response.state = SpanState::Failed;
    else
        return fail(error, QStringLiteral("\"state\" is not done, cancelled or failed"));
    // The parent draws [recv, end] as one span: out-of-order times would draw backwards.
    if (response.recvNs > response.runNs || response.runNs > response.endNs)
        return fail(error, QStringLiteral("times out of order"));
    response.id = quint32(id);
    *out = response;
    return true;
}

WireProtocol::Status WireProtocol::takeRequest(QByteArray *buffer, Request *out, QString *error)
{
    qsizetype lineLength = 0;
    const Status line = findLine(*buffer, &lineLength, error);
    if (line != Status::Taken)
        return line;
    Request request;
    qint64 payloadBytes = 0;
    if (!decodeRequestHeader(QByteArray::fromRawData(buffer->constData(), lineLength), &request, &payloadBytes,
                             error))
        return Status::Invalid;
    const qsizetype headerBytes = lineLength + 1;
    const qsizetype total = headerBytes + qsizetype(payloadBytes);
    if (buffer->size() < total)
        return Status::Incomplete;
    if (buffer->size() == total) {
        // The usual case (one request in flight): hand over the buffer instead of copying a
        // large document; dropping the header from the front does not move the bytes.
        request.payload.swap(*buffer);
        request.payload.remove(0, headerBytes);
    } else {
        request.payload = buffer->mid(headerBytes, qsizetype(payloadBytes));
        buffer->remove(0, total);
    }
    *out = request;
    return Status::Taken;
}

WireProtocol::Status WireProtocol::takeResponse(QByteArray *buffer, Response *out, QString *error)
{
    qsizetype lineLength = 0;
    const Status line = findLine(*buffer, &lineLength, error);
    if (line != Status::Taken)
        return line;
    if (!decodeResponse(QByteArray::fromRawData(buffer->constData(), lineLength), out, error))
        return Status::Invalid;
    buffer->remove(0, lineLength + 1);
    return Status::Taken;
}
