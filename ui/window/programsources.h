#pragma once

#include "stream/streamserver.h"

#include <QList>
#include <QObject>

class QProcess;
class StreamSource;

// The programs that report to the window (docs/PROTOCOL.md): a StreamServer on the usual
// socket while the window runs, every program heard from in the order it connected, and the
// programs File > Record a program started (stopped when the window closes).
class ProgramSources : public QObject
{
    Q_OBJECT
public:
    explicit ProgramSources(QObject *parent = nullptr);
    ~ProgramSources() override;

    // Listens on StreamServer::defaultPath(); false when another Loop Lab has it (*error says why).
    bool listen(QString *error);
    bool isListening() const { return m_server.isListening(); }
    QString path() const { return m_server.path(); }

    // Programs heard from: their hello arrived, or their stream was refused. Only grows.
    QList<StreamSource *> sources() const { return m_sources; }
    // "app.py — python, pid 1234 (live)", "(ended)", "(cut off: reason)".
    static QString label(const StreamSource &source);
    // How to attach a program by hand, for a tooltip.
    static QString howToAttach();

    // Starts command (split into words as a shell would, quotes honoured) in folder with the
    // probe injected as `looplab record` does; its output is discarded. False and *error if
    // it could not start.
    bool start(const QString &command, const QString &folder, int intervalMs, QString *error);

signals:
    void sourceAdded(StreamSource *source);
    // New data arrived, or the source ended: its label may have changed.
    void sourceChanged(StreamSource *source);
    void sourceEnded(StreamSource *source);

private:
    void watch(StreamSource *source);
    void add(StreamSource *source);

    StreamServer m_server;
    QList<StreamSource *> m_sources;
    QList<QProcess *> m_programs;
};
