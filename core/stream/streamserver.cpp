#include "stream/streamserver.h"

#include "stream/streamsource.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalSocket>

#include <cerrno>
#include <cstring>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}
} // namespace

StreamServer::StreamServer(QObject *parent)
    : QObject(parent)
    , m_path(defaultPath())
    , m_ownFolder(qEnvironmentVariableIsEmpty("LOOPLAB_SOCKET"))
{
    connect(&m_server, &QLocalServer::newConnection, this, &StreamServer::acceptPending);
}

StreamServer::~StreamServer()
{
    close();
}

QString StreamServer::defaultPath()
{
    const QString custom = qEnvironmentVariable("LOOPLAB_SOCKET");
    if (!custom.isEmpty())
        return QFileInfo(custom).absoluteFilePath(); // QLocalServer puts a bare name in /tmp
    const QString runtime = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!runtime.isEmpty())
        return QDir(runtime).filePath(QStringLiteral("looplab/looplab.sock"));
    return QStringLiteral("/tmp/looplab-%1/looplab.sock").arg(getuid());
}

void StreamServer::setPath(const QString &path)
{
    Q_ASSERT(!isListening());
    m_path = QFileInfo(path).absoluteFilePath();
    m_ownFolder = false;
}

bool StreamServer::listen(QString *error)
{
    if (isListening())
        return true;
    if (!prepareFolder(error) || !clearStaleSocket(error))
        return false;
    // Qt binds in a private folder, sets the mode and moves the socket in place, so it is
    // never reachable with looser permissions; 0600 is then the protocol's own mode.
    m_server.setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server.listen(m_path)) {
        *error = QStringLiteral("cannot listen on %1: %2").arg(m_path, m_server.errorString());
        return false;
    }
    if (::chmod(QFile::encodeName(m_path).constData(), 0600) != 0) {
        *error = QStringLiteral("cannot make %1 private: %2").arg(m_path, systemError());
        close();
        return false;
    }
    return true;
}

void StreamServer::close()
{
    if (!m_server.isListening())
        return;
    m_server.close();
    QFile::remove(m_path); // Qt removes it too; a socket left behind would look stale anyway
}

QList<StreamSource *> StreamServer::sources() const
{
    return findChildren<StreamSource *>(QString(), Qt::FindDirectChildrenOnly);
}

bool StreamServer::peerAllowed(uid_t peer, uid_t own)
{
    return peer == own;
}

bool StreamServer::peerUid(qintptr socketDescriptor, uid_t *uid)
{
    ucred credentials{};
    socklen_t length = sizeof credentials;
    if (socketDescriptor < 0
        || ::getsockopt(int(socketDescriptor), SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0
        || length != sizeof credentials)
        return false;
    *uid = credentials.uid;
    return true;
}

void StreamServer::acceptPending()
{
    while (QLocalSocket *socket = m_server.nextPendingConnection()) {
        uid_t peer = 0;
        const uid_t own = geteuid();
        const bool known = peerUid(socket->socketDescriptor(), &peer);
        const QString why = known ? QString() : systemError();
        if (!known || !peerAllowed(peer, own)) {
            socket->abort();
            socket->deleteLater();
            emit peerRefused(known ? QStringLiteral("refused a connection from uid %1 on %2: Loop Lab (uid %3) "
                                                    "accepts only its own user's programs")
                                         .arg(peer)
                                         .arg(m_path)
                                         .arg(own)
                                   : QStringLiteral("refused a connection on %1 whose user could not be told: %2")
                                         .arg(m_path, why));
            continue;
        }
        auto *source = new StreamSource(socket, this);
        emit sourceConnected(source);
    }
}

bool StreamServer::prepareFolder(QString *error)
{
    const QString folder = QFileInfo(m_path).absolutePath();
    const QByteArray name = QFile::encodeName(folder);
    struct stat info;
    if (::lstat(name.constData(), &info) != 0) {
        if (errno != ENOENT || ::mkdir(name.constData(), 0700) != 0 || ::chmod(name.constData(), 0700) != 0) {
            *error = QStringLiteral("cannot create the folder %1: %2").arg(folder, systemError());
            return false;
        }
        return true;
    }
    if (!m_ownFolder)
        return true;
    // A folder someone else made in /tmp before us could let them replace the socket.
    if (!S_ISDIR(info.st_mode)) {
        *error = QStringLiteral("%1 is in the way: it is not a folder").arg(folder);
        return false;
    }
    if (info.st_uid != geteuid()) {
        *error = QStringLiteral("the folder %1 belongs to another user (uid %2)").arg(folder).arg(info.st_uid);
        return false;
    }
    if ((info.st_mode & 07777) != 0700 && ::chmod(name.constData(), 0700) != 0) {
        *error = QStringLiteral("cannot make the folder %1 private: %2").arg(folder, systemError());
        return false;
    }
    return true;
}

bool StreamServer::clearStaleSocket(QString *error)
{
    const QByteArray name = QFile::encodeName(m_path);
    struct stat info;
    if (::lstat(name.constData(), &info) != 0) {
        if (errno == ENOENT)
            return true;
        *error = QStringLiteral("cannot use %1: %2").arg(m_path, systemError());
        return false;
    }
    if (!S_ISSOCK(info.st_mode)) {
        *error = QStringLiteral("%1 is in the way: it is not a socket").arg(m_path);
        return false;
    }
    QLocalSocket other;
    other.connectToServer(m_path);
    if (other.waitForConnected(1000)) {
        other.abort();
        *error = QStringLiteral("another Loop Lab is already listening on %1").arg(m_path);
        return false;
    }
    if (::unlink(name.constData()) != 0) {
        *error = QStringLiteral("cannot remove the stale socket %1: %2").arg(m_path, systemError());
        return false;
    }
    return true;
}
