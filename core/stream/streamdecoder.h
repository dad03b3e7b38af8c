#pragma once

#include "engine/recorder.h"
#include "stream/streamevent.h"

#include <QByteArray>
#include <QHash>
#include <QSet>
#include <QVector>

class QJsonObject;
class QJsonValue;

// Turns the bytes of one Loop Lab stream (docs/PROTOCOL.md) into checked events. No I/O:
// a fuzzer or a test feeds it anything, in pieces of any size. The peer is not trusted, so
// every rule of "What Loop Lab refuses" is enforced, nothing it sends is buffered beyond one
// line, and every table it can grow has a cap. On the first violation the decoder stops for
// good and error() says why in one sentence ("line 17: "ts" is missing").
class StreamDecoder
{
public:
    static constexpr qsizetype kMaxLineBytes = 65536; // without its newline
    static constexpr int kMaxThreads = 65536;         // the recorder's 16-bit lane numbers
    // Caps beyond the protocol's own rules, so that a broken probe cannot exhaust memory.
    static constexpr int kMaxOpenPerThread = 1024;    // "B" spans waiting for their "E"
    static constexpr int kMaxOpenSpans = 65536;       // on all threads together
    static constexpr qint64 kMaxRecords = qint64(Recorder::kMaxChunks) * Recorder::kChunkSize; // ticks, tasks, counter samples each
    static constexpr int kMaxNameChars = 256;         // names, program, runtime
    static constexpr int kMaxCulpritChars = 1024;

    // Decodes every complete line in what has arrived so far and appends its events to *out.
    // False once the stream is refused (then and ever after).
    bool feed(const QByteArray &bytes, QVector<StreamEvent> *out);
    // The peer closed the stream: a line without its newline is refused. False if refused.
    bool finish();

    bool failed() const { return m_failed; }
    QString error() const { return m_error; }
    bool hasHello() const { return m_hasHello; }
    const StreamHello &hello() const { return m_hello; }
    qint64 lines() const { return m_lines; }       // complete lines decoded
    qint64 ignored() const { return m_ignored; }   // valid events Loop Lab does not use
    qsizetype buffered() const { return m_partial.size(); } // bytes of a line still open

private:
    bool decodeLine(const QByteArray &line, QVector<StreamEvent> *out);
    bool decodeHello(const QJsonObject &object, qint64 pid, qint64 tid, QVector<StreamEvent> *out);
    bool decodeMetadata(const QString &name, const QJsonObject &args, StreamEvent *event);
    bool decodeComplete(const QString &cat, const QString &name, const QJsonObject &object, const QJsonObject &args,
                        StreamEvent *event);
    bool decodeBegin(const QString &cat, const QString &name, const QJsonObject &args, StreamEvent *event);
    bool decodeEnd(const QString &cat, const QJsonObject &args, StreamEvent *event);
    bool decodeCounter(const QString &cat, const QString &name, const QJsonObject &args, StreamEvent *event);
    bool taskFields(const QJsonObject &args, StreamEvent *event);
    bool time(double us, const QString &field, qint64 *ns);
    bool duration(double value, double unitNs, const QString &field, qint64 *ns);
    bool addThread(qint64 tid);
    bool count(qint64 *counter, const char *what);
    enum class Type : quint8 { String, Number, Integer };
    // field: "ts" or "args.lag_ms", looked up in object by its last part.
    bool require(const QJsonObject &object, const QString &field, Type type, QJsonValue *out);
    bool requireString(const QJsonObject &object, const QString &field, QString *out);
    bool requireNumber(const QJsonObject &object, const QString &field, double *out);
    bool requireInteger(const QJsonObject &object, const QString &field, qint64 *out);
    bool refuse(const QString &why);

    QByteArray m_partial; // the line not yet ended, never more than kMaxLineBytes
    qint64 m_lines = 0;
    qint64 m_ignored = 0;
    bool m_failed = false;
    QString m_error;
    bool m_hasHello = false;
    StreamHello m_hello;
    double m_helloUs = 0;
    double m_ts = 0; // the line's ts, µs as sent
    QSet<qint64> m_threads;             // threads that are lanes: the loop, named, running tasks
    QHash<qint64, QVector<qint64>> m_open; // per thread, the start times of its open "B" spans
    int m_openSpans = 0;
    qint64 m_ticks = 0;
    qint64 m_tasks = 0;
    qint64 m_counterSamples = 0;
};
