// libFuzzer target: bytes a program sends on the Loop Lab stream socket (docs/PROTOCOL.md).
// The same bytes are decoded in one read and in two reads split where the first byte says;
// both must agree, and the events go into a recording as StreamSource puts them there.
#include "stream/streamdecoder.h"
#include "stream/streamrecording.h"

#include <cstddef>
#include <cstdint>

namespace {
struct Outcome
{
    QVector<StreamEvent> events;
    bool ok = false;
    QString error;
    StreamHello hello;
};

Outcome decode(const QByteArray &bytes, qsizetype cut)
{
    StreamDecoder decoder;
    Outcome o;
    decoder.feed(bytes.left(cut), &o.events);
    decoder.feed(bytes.mid(cut), &o.events);
    o.ok = decoder.finish();
    o.error = decoder.error();
    o.hello = decoder.hello();
    // The contract: a refusal says why; nothing beyond one line is ever held.
    if (o.ok != o.error.isEmpty())
        __builtin_trap();
    if (decoder.buffered() > StreamDecoder::kMaxLineBytes || (!o.ok && decoder.buffered() != 0))
        __builtin_trap();
    return o;
}

bool same(const StreamEvent &a, const StreamEvent &b)
{
    return a.type == b.type && a.tid == b.tid && a.ns == b.ns && a.durationNs == b.durationNs
        && a.submitNs == b.submitNs && a.state == b.state && a.kind == b.kind
        && (a.value == b.value || (a.value != a.value && b.value != b.value)) && a.name == b.name
        && a.culprit == b.culprit && a.task == b.task;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Outcome whole = decode(bytes, bytes.size());
    const Outcome split = decode(bytes, bytes.isEmpty() ? 0 : qsizetype(data[0]) % (bytes.size() + 1));
    if (whole.ok != split.ok || whole.error != split.error || whole.events.size() != split.events.size())
        __builtin_trap();
    for (qsizetype i = 0; i < whole.events.size(); ++i) {
        if (!same(whole.events.at(i), split.events.at(i)))
            __builtin_trap();
    }

    StreamRecording recording;
    for (const StreamEvent &event : whole.events) {
        if (event.type == StreamEvent::Type::Hello)
            recording.setHello(whole.hello);
        recording.apply(event);
    }
    if (recording.startNs() > recording.endNs() || recording.laneNames().size() != recording.recorder()->laneNames().size())
        __builtin_trap();
    return 0;
}
