// libFuzzer target: bytes arriving on a worker pipe, in both directions. The same bytes go
// to the request decoder (what a child reads) and the response decoder (what the parent
// reads), as a stream and as single header lines; a cpu request's payload then goes where
// the child sends it, the JSON parse and key walk.
#include "executors/process/wireprotocol.h"
#include "engine/workload.h"

#include <cstddef>
#include <cstdint>

namespace {
// Takes messages off the front until the stream runs dry or turns invalid, as the readers do.
template <typename Message, typename Take, typename Handle>
void drain(QByteArray buffer, Take take, Handle handle)
{
    for (;;) {
        Message message;
        QString error;
        const qsizetype before = buffer.size();
        const WireProtocol::Status status = take(&buffer, &message, &error);
        if (status != WireProtocol::Status::Taken) {
            // Incomplete and Invalid leave the buffer untouched; Invalid says why.
            if (buffer.size() != before || (status == WireProtocol::Status::Invalid && error.isEmpty()))
                __builtin_trap();
            return;
        }
        if (buffer.size() >= before) // every message taken consumes bytes
            __builtin_trap();
        handle(message);
    }
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    drain<WireProtocol::Request>(bytes, &WireProtocol::takeRequest, [](const WireProtocol::Request &request) {
        const std::atomic_bool cancel{false};
        if (request.kind == WorkKind::Cpu)
            Workload::parseAndWalk(request.payload, cancel);
    });
    drain<WireProtocol::Response>(bytes, &WireProtocol::takeResponse, [](const WireProtocol::Response &) {});

    const QByteArray line = bytes.left(bytes.indexOf('\n'));
    WireProtocol::Request request;
    qint64 payloadBytes = 0;
    QString error;
    if (WireProtocol::decodeRequestHeader(line, &request, &payloadBytes, &error)) {
        // A header that decodes encodes back to one that decodes the same.
        request.payload = QByteArray(qsizetype(qMin<qint64>(payloadBytes, 64)), 'x');
        WireProtocol::Request again;
        qint64 againBytes = 0;
        const QByteArray header = WireProtocol::encodeRequestHeader(request);
        if (!WireProtocol::decodeRequestHeader(header.chopped(1), &again, &againBytes, &error) || again.id != request.id
            || again.kind != request.kind || again.ioMs != request.ioMs || againBytes != request.payload.size())
            __builtin_trap();
    }
    WireProtocol::Response response;
    if (WireProtocol::decodeResponse(line, &response, &error)) {
        WireProtocol::Response again;
        if (!WireProtocol::decodeResponse(WireProtocol::encodeResponse(response).chopped(1), &again, &error)
            || again.id != response.id || again.state != response.state || again.recvNs != response.recvNs
            || again.runNs != response.runNs || again.endNs != response.endNs || again.result != response.result)
            __builtin_trap();
    }
    return 0;
}
