#pragma once

#include "engine/kinds.h"

#include <QByteArray>
#include <QString>

// The messages between Loop Lab and its worker processes, as bytes only: no I/O here, so
// the decoders can be fed anything (a fuzzer, half a pipe read) and answer with an error.
//
// Request:  {"id":N,"kind":"io"|"cpu","io_ms":N,"payload":BYTES}\n then BYTES raw bytes
//           (cpu: the JSON document itself travels, like a pickled argument)
// Response: {"id":N,"state":"done"|"cancelled"|"failed","recv_ns":N,"run_ns":N,"end_ns":N,"result":N}\n
// Times are CLOCK_MONOTONIC nanoseconds: the clock is system-wide, so the parent puts the
// child's times straight on its own timeline.
class WireProtocol
{
public:
    struct Request
    {
        quint32 id = 0;
        WorkKind kind = WorkKind::Io; // Io or Cpu
        int ioMs = 0;
        QByteArray payload;
    };

    struct Response
    {
        quint32 id = 0;
        SpanState state = SpanState::Done; // Done, Cancelled or Failed
        qint64 recvNs = 0; // the child had read the whole request
        qint64 runNs = 0;  // the work began
        qint64 endNs = 0;  // the work ended
        qint64 result = 0; // io: ms slept; cpu: keys counted, -1 if the walk did not finish
    };

    enum class Status { Incomplete, Taken, Invalid };

    static constexpr qsizetype kMaxHeaderBytes = 4096; // one line, newline included
    // 512 MB, plus room for the largest document RunConfig allows (json-kb 524288), which
    // the generator overshoots by up to a record.
    static constexpr qint64 kMaxPayloadBytes = qint64(513) * 1024 * 1024;

    // The header line alone, announcing request.payload.size() bytes: the sender writes the
    // payload after it without copying it into one buffer.
    static QByteArray encodeRequestHeader(const Request &request);
    static QByteArray encodeRequest(const Request &request);
    static QByteArray encodeResponse(const Response &response);

    // One line without its newline. The request header leaves out->payload empty and
    // reports how many bytes follow it.
    static bool decodeRequestHeader(const QByteArray &line, Request *out, qint64 *payloadBytes, QString *error);
    static bool decodeResponse(const QByteArray &line, Response *out, QString *error);

    // Stream decoders: take one whole message off the front of the buffer if it holds one.
    // Incomplete and Invalid leave the buffer untouched; after Invalid the stream cannot be
    // trusted any more (the error says why).
    static Status takeRequest(QByteArray *buffer, Request *out, QString *error);
    static Status takeResponse(QByteArray *buffer, Response *out, QString *error);
};
