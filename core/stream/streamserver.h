#pragma once

#include "stream/streamsource.h"

#include <QLocalServer>
#include <QObject>

#include <sys/types.h>

// Where programs connect to report to Loop Lab (docs/PROTOCOL.md, "Transport"): a Unix socket
// only its own user can reach, in a folder of mode 0700, the socket itself 0600. Every peer's
// uid is checked again with SO_PEERCRED; another user's connection is closed at once. Each
// accepted connection becomes a StreamSource, a child of the server.
class StreamServer : public QObject
{
    Q_OBJECT
public:
    explicit StreamServer(QObject *parent = nullptr);
    ~StreamServer() override;

    // LOOPLAB_SOCKET, else $XDG_RUNTIME_DIR/looplab/looplab.sock, else /tmp/looplab-<uid>/looplab.sock.
    static QString defaultPath();
    // Before listen(); defaultPath() unless set.
    void setPath(const QString &path);
    QString path() const { return m_path; }

    // Creates the folder if needed and listens. A socket file nobody answers on is stale and
    // replaced; one another Loop Lab listens on is left alone and listen() fails, as it does
    // for anything else in the way: *error says why in one sentence naming the path.
    bool listen(QString *error);
    bool isListening() const { return m_server.isListening(); }
    // Stops listening and removes the socket file; connected sources go on.
    void close();

    QList<StreamSource *> sources() const;

    // The rule SO_PEERCRED is checked against: the same user only, root included.
    static bool peerAllowed(uid_t peer, uid_t own);
    // The effective uid of the process at the other end of a connected Unix socket.
    static bool peerUid(qintptr socketDescriptor, uid_t *uid);

signals:
    void sourceConnected(StreamSource *source);
    // A connection was closed unread; reason names the uid it came from.
    void peerRefused(const QString &reason);

private:
    void acceptPending();
    bool prepareFolder(QString *error);
    bool clearStaleSocket(QString *error);

    QLocalServer m_server;
    QString m_path;
    // The folder is Loop Lab's own (not one LOOPLAB_SOCKET or setPath chose): it must belong
    // to this user and is kept at 0700.
    bool m_ownFolder = true;
};
