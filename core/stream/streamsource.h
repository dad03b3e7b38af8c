#pragma once

#include "stream/streamdecoder.h"
#include "stream/streamrecording.h"

#include <QObject>

class QLocalSocket;

// One connected program: reads its socket on the thread it lives on (the GUI thread is fine:
// each readyRead handles at most the socket's read buffer), decodes, and records. A refused
// stream is cut off at once; what arrived before stays in recording().
class StreamSource : public QObject
{
    Q_OBJECT
public:
    // What one readyRead handles at most; the rest waits in the kernel, and the probe,
    // which never blocks, drops what does not fit and counts it.
    static constexpr qint64 kReadBufferBytes = 1 << 20;

    // Takes the connected socket over.
    explicit StreamSource(QLocalSocket *socket, QObject *parent = nullptr);
    ~StreamSource() override;

    const StreamRecording &recording() const { return m_recording; }
    bool isConnected() const { return !m_ended; }
    // Empty while connected and after a clean close; else why the stream was refused.
    QString endReason() const { return m_endReason; }
    qint64 bytesReceived() const { return m_bytes; }
    // Stop listening to this program (a clean end).
    void disconnectFromProgram();

signals:
    // New events are in recording().
    void updated();
    // Emitted once: the program closed the connection (reason empty), or its stream was refused.
    void ended(const QString &reason);

private:
    void readAvailable();
    // The program closed the connection: what it sent last is read first.
    void closed();
    void end(const QString &reason);

    QLocalSocket *m_socket;
    StreamDecoder m_decoder;
    StreamRecording m_recording;
    QVector<StreamEvent> m_events;
    qint64 m_bytes = 0;
    bool m_ended = false;
    QString m_endReason;
};
