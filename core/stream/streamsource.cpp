#include "stream/streamsource.h"

#include <QLocalSocket>

StreamSource::StreamSource(QLocalSocket *socket, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kReadBufferBytes);
    connect(m_socket, &QLocalSocket::readyRead, this, &StreamSource::readAvailable);
    connect(m_socket, &QLocalSocket::disconnected, this, &StreamSource::closed);
    // Bytes that came with the connection, before anyone listened for readyRead.
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &StreamSource::readAvailable, Qt::QueuedConnection);
    if (m_socket->state() != QLocalSocket::ConnectedState)
        QMetaObject::invokeMethod(this, &StreamSource::closed, Qt::QueuedConnection);
}

StreamSource::~StreamSource()
{
    // No ended() from a source being destroyed.
    m_ended = true;
}

void StreamSource::disconnectFromProgram()
{
    end(QString());
}

void StreamSource::readAvailable()
{
    if (m_ended)
        return;
    m_events.clear();
    while (!m_decoder.failed() && m_socket->bytesAvailable() > 0) {
        const QByteArray bytes = m_socket->read(StreamDecoder::kMaxLineBytes);
        m_bytes += bytes.size();
        m_decoder.feed(bytes, &m_events);
    }
    for (const StreamEvent &event : std::as_const(m_events)) {
        if (event.type == StreamEvent::Type::Hello)
            m_recording.setHello(m_decoder.hello());
        m_recording.apply(event);
    }
    if (!m_events.isEmpty())
        emit updated();
    m_events.clear();
    if (m_decoder.failed())
        end(m_decoder.error());
}

void StreamSource::closed()
{
    readAvailable();
    m_decoder.finish();
    end(m_decoder.error());
}

void StreamSource::end(const QString &reason)
{
    if (m_ended)
        return;
    m_ended = true;
    m_endReason = reason;
    m_socket->disconnect(this);
    m_socket->abort();
    emit ended(reason);
}
