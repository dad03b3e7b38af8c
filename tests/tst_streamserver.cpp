#include "stream/streamserver.h"
#include "stream/streamsource.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

// The socket side of the Loop Lab stream: real clients on a real socket in a temporary folder.
namespace {
QByteArray hello(const char *program, int tid)
{
    return QByteArray(R"({"ph":"M","name":"looplab_hello","pid":)") + QByteArray::number(tid) + R"(,"tid":)"
        + QByteArray::number(tid) + R"(,"ts":1000000,"args":{"protocol":1,"program":")" + program
        + R"(","runtime":"python","clock":"monotonic","interval_ms":10,"loop_tid":)" + QByteArray::number(tid) + "}}\n";
}

QByteArray tick(int tid, int i)
{
    return QByteArray(R"({"ph":"C","cat":"looplab.tick","name":"loop lag","pid":1,"tid":)") + QByteArray::number(tid)
        + R"(,"ts":)" + QByteArray::number(1000000 + 10000 * i) + R"(,"args":{"lag_ms":0.5}})" "\n";
}

const QByteArray kTask =
    R"({"ph":"X","cat":"looplab.task","name":"fetch_report","pid":1,"tid":77,"ts":1010000,"dur":2000,"args":{"submit_us":1009000}})"
    "\n";
const QByteArray kStall =
    R"~({"ph":"X","cat":"looplab.stall","name":"stall","pid":1,"tid":1,"ts":1020000,"dur":60000,"args":{"culprit":"time.sleep ← handler (app.py:20)"}})~"
    "\n";

int modeOf(const QString &path)
{
    struct stat info;
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 ? int(info.st_mode & 07777) : -1;
}

bool isSocket(const QString &path)
{
    struct stat info;
    return ::lstat(QFile::encodeName(path).constData(), &info) == 0 && S_ISSOCK(info.st_mode);
}

// Writes and waits until the bytes are on their way.
void send(QLocalSocket *client, const QByteArray &bytes)
{
    client->write(bytes);
    QVERIFY(client->waitForBytesWritten(5000));
}

sockaddr_un addressOf(const QString &path)
{
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    qstrncpy(address.sun_path, QFile::encodeName(path).constData(), sizeof address.sun_path);
    return address;
}
} // namespace

class tst_StreamServer : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void defaultPathFollowsTheEnvironment();
    void receivesAStream();
    void twoProgramsAtOnce();
    void garbageEndsOnlyItsSource();
    void endReasonForALineCutShort();
    void socketAndFolderArePrivate();
    void defaultFolderIsMadePrivate();
    void defaultFolderOfAnotherUserIsRefused();
    void secondServerRefuses();
    void staleSocketIsReplaced();
    void somethingElseInTheWayIsKept();
    void closeRemovesTheSocket();
    void peerAllowed_data();
    void peerAllowed();
    void peerUidOfASocketPair();
    void anotherUserIsRefused();

private:
    QString socketPath() const { return m_dir->filePath(QStringLiteral("run/looplab.sock")); }
    // A listening server on socketPath() (LOOPLAB_SOCKET), and one client connected to it.
    StreamSource *connectClient(StreamServer *server, QLocalSocket *client);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_StreamServer::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    qputenv("LOOPLAB_SOCKET", QFile::encodeName(socketPath()));
}

void tst_StreamServer::cleanup()
{
    qunsetenv("LOOPLAB_SOCKET");
    m_dir.reset();
}

StreamSource *tst_StreamServer::connectClient(StreamServer *server, QLocalSocket *client)
{
    QSignalSpy connected(server, &StreamServer::sourceConnected);
    client->connectToServer(server->path());
    if (!client->waitForConnected(5000) || !connected.wait(5000) || connected.size() != 1)
        return nullptr;
    return connected.first().first().value<StreamSource *>();
}

void tst_StreamServer::defaultPathFollowsTheEnvironment()
{
    QCOMPARE(StreamServer::defaultPath(), socketPath());
    QCOMPARE(StreamServer().path(), socketPath());
    // A bare name is a file in the working folder, not in /tmp where QLocalServer would put it.
    qputenv("LOOPLAB_SOCKET", "here.sock");
    QCOMPARE(StreamServer::defaultPath(), QDir::current().absoluteFilePath(QStringLiteral("here.sock")));

    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    qunsetenv("LOOPLAB_SOCKET");
    qputenv("XDG_RUNTIME_DIR", "/run/user/1234");
    QCOMPARE(StreamServer::defaultPath(), QStringLiteral("/run/user/1234/looplab/looplab.sock"));
    qunsetenv("XDG_RUNTIME_DIR");
    QCOMPARE(StreamServer::defaultPath(), QStringLiteral("/tmp/looplab-%1/looplab.sock").arg(getuid()));
    if (!runtime.isEmpty())
        qputenv("XDG_RUNTIME_DIR", runtime);
}

void tst_StreamServer::receivesAStream()
{
    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QVERIFY(server.isListening());
    QCOMPARE(server.path(), socketPath());
    QLocalSocket client;
    StreamSource *source = connectClient(&server, &client);
    QVERIFY(source);
    QCOMPARE(server.sources(), QList<StreamSource *>{source});
    QVERIFY(source->isConnected());
    QSignalSpy ended(source, &StreamSource::ended);

    send(&client, hello("app.py", 1) + tick(1, 1) + tick(1, 2) + kTask + kStall + tick(1, 3));
    const StreamRecording &recording = source->recording();
    QTRY_COMPARE(recording.recorder()->tickCount(), 3u);
    QVERIFY(recording.hasHello());
    QCOMPARE(recording.hello().program, QStringLiteral("app.py"));
    QCOMPARE(recording.recorder()->spanCount(), 1u);
    const Span task = recording.recorder()->span(0);
    QCOMPARE(task.startNs, qint64(1010000000));
    QCOMPARE(task.endNs, qint64(1012000000));
    QCOMPARE(task.submitNs, qint64(1009000000));
    QCOMPARE(task.lane, 1);
    QCOMPARE(recording.spanName(0), QStringLiteral("fetch_report"));
    QCOMPARE(recording.laneNames(), (QStringList{QStringLiteral("app.py loop"), QStringLiteral("thread 77")}));
    QCOMPARE(recording.stalls().size(), 1);
    QCOMPARE(recording.stalls().first().culprit, QStringLiteral("time.sleep ← handler (app.py:20)"));
    QCOMPARE(recording.stalls().first().durationNs, qint64(60000000));
    QCOMPARE(source->bytesReceived(), qint64((hello("app.py", 1) + tick(1, 1) + tick(1, 2) + kTask + kStall + tick(1, 3)).size()));

    // The program goes away cleanly: an empty reason, and the data stays.
    client.disconnectFromServer();
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.size(), 1);
    QCOMPARE(ended.first().first().toString(), QString());
    QVERIFY(!source->isConnected());
    QCOMPARE(source->endReason(), QString());
    QCOMPARE(recording.recorder()->tickCount(), 3u);
}

void tst_StreamServer::twoProgramsAtOnce()
{
    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QLocalSocket a, b;
    StreamSource *sa = connectClient(&server, &a);
    StreamSource *sb = connectClient(&server, &b);
    QVERIFY(sa && sb && sa != sb);
    send(&a, hello("a.py", 10));
    send(&b, hello("b.py", 20) + tick(20, 1));
    send(&a, tick(10, 1) + tick(10, 2));
    QTRY_COMPARE(sa->recording().recorder()->tickCount(), 2u);
    QTRY_COMPARE(sb->recording().recorder()->tickCount(), 1u);
    QCOMPARE(sa->recording().hello().program, QStringLiteral("a.py"));
    QCOMPARE(sb->recording().hello().program, QStringLiteral("b.py"));
    QCOMPARE(server.sources().size(), 2);
}

void tst_StreamServer::garbageEndsOnlyItsSource()
{
    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QLocalSocket good, bad;
    StreamSource *sg = connectClient(&server, &good);
    StreamSource *sb = connectClient(&server, &bad);
    QVERIFY(sg && sb);
    QSignalSpy goodEnded(sg, &StreamSource::ended);
    QSignalSpy badEnded(sb, &StreamSource::ended);
    QSignalSpy badUpdated(sb, &StreamSource::updated);
    send(&good, hello("good.py", 1) + tick(1, 1));
    send(&bad, hello("bad.py", 2) + tick(2, 1) + "\x7f\x45\x4c\x46 garbage\n" + tick(2, 2));

    QVERIFY(badEnded.wait(5000));
    QCOMPARE(badEnded.size(), 1);
    const QString reason = badEnded.first().first().toString();
    QCOMPARE(reason, QStringLiteral("line 3: not JSON (illegal value at offset 1)"));
    QCOMPARE(sb->endReason(), reason);
    QVERIFY(!sb->isConnected());
    QVERIFY(badUpdated.size() >= 1);
    // What came before the garbage is kept; nothing after it is read.
    QCOMPARE(sb->recording().recorder()->tickCount(), 1u);
    // The program sees its connection closed.
    QTRY_COMPARE(bad.state(), QLocalSocket::UnconnectedState);

    send(&good, tick(1, 2) + tick(1, 3));
    QTRY_COMPARE(sg->recording().recorder()->tickCount(), 3u);
    QVERIFY(sg->isConnected());
    QCOMPARE(goodEnded.size(), 0);
}

void tst_StreamServer::endReasonForALineCutShort()
{
    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QLocalSocket client;
    StreamSource *source = connectClient(&server, &client);
    QVERIFY(source);
    QSignalSpy ended(source, &StreamSource::ended);
    send(&client, hello("app.py", 1) + tick(1, 1).left(20));
    client.disconnectFromServer();
    QVERIFY(ended.wait(5000));
    QCOMPARE(ended.first().first().toString(), QStringLiteral("line 2: cut off by the end of the stream"));
    QVERIFY(source->recording().hasHello());
}

void tst_StreamServer::socketAndFolderArePrivate()
{
    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QVERIFY(isSocket(socketPath()));
    QCOMPARE(modeOf(socketPath()), 0600);
    // LOOPLAB_SOCKET's folder did not exist: made, and private.
    QCOMPARE(modeOf(QFileInfo(socketPath()).absolutePath()), 0700);
    // Qt's own temporary folder for the bind is gone.
    QCOMPARE(QDir(QFileInfo(socketPath()).absolutePath()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System),
             QStringList{QStringLiteral("looplab.sock")});
}

void tst_StreamServer::defaultFolderIsMadePrivate()
{
    qunsetenv("LOOPLAB_SOCKET");
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
    const QString folder = m_dir->filePath(QStringLiteral("looplab"));
    for (const bool existed : {false, true}) {
        if (existed)
            QVERIFY(QDir().mkdir(folder) && ::chmod(QFile::encodeName(folder).constData(), 0755) == 0);
        StreamServer server;
        QCOMPARE(server.path(), folder + QStringLiteral("/looplab.sock"));
        QString error;
        QVERIFY2(server.listen(&error), qPrintable(error));
        QCOMPARE(modeOf(folder), 0700);
        QCOMPARE(modeOf(server.path()), 0600);
        server.close();
        QVERIFY(QDir(folder).removeRecursively());
    }
    if (runtime.isEmpty())
        qunsetenv("XDG_RUNTIME_DIR");
    else
        qputenv("XDG_RUNTIME_DIR", runtime);
}

// Someone who made /tmp/looplab-<uid> first could swap the socket: not used.
void tst_StreamServer::defaultFolderOfAnotherUserIsRefused()
{
    if (geteuid() != 0)
        QSKIP("giving a folder to another user needs root");
    qunsetenv("LOOPLAB_SOCKET");
    const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
    qputenv("XDG_RUNTIME_DIR", QFile::encodeName(m_dir->path()));
    const QString folder = m_dir->filePath(QStringLiteral("looplab"));
    QVERIFY(QDir().mkdir(folder));
    QCOMPARE(::chown(QFile::encodeName(folder).constData(), 65534, 65534), 0);
    StreamServer server;
    QString error;
    QVERIFY(!server.listen(&error));
    QCOMPARE(error, QStringLiteral("the folder %1 belongs to another user (uid 65534)").arg(folder));
    QVERIFY(!server.isListening());
    if (runtime.isEmpty())
        qunsetenv("XDG_RUNTIME_DIR");
    else
        qputenv("XDG_RUNTIME_DIR", runtime);
}

void tst_StreamServer::secondServerRefuses()
{
    StreamServer first;
    QString error;
    QVERIFY2(first.listen(&error), qPrintable(error));
    StreamServer second;
    QVERIFY(!second.listen(&error));
    QCOMPARE(error, QStringLiteral("another Loop Lab is already listening on %1").arg(socketPath()));
    QVERIFY(!second.isListening());
    // The first one still has its socket and takes programs.
    QVERIFY(isSocket(socketPath()));
    QLocalSocket client;
    QVERIFY(connectClient(&first, &client));
}

void tst_StreamServer::staleSocketIsReplaced()
{
    // A socket file nobody listens on, as a crashed Loop Lab leaves it.
    QVERIFY(QDir().mkpath(QFileInfo(socketPath()).absolutePath()));
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    const sockaddr_un address = addressOf(socketPath());
    QCOMPARE(::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address), 0);
    ::close(fd);
    QVERIFY(isSocket(socketPath()));

    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QLocalSocket client;
    QVERIFY(connectClient(&server, &client));
}

void tst_StreamServer::somethingElseInTheWayIsKept()
{
    QVERIFY(QDir().mkpath(QFileInfo(socketPath()).absolutePath()));
    QFile file(socketPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("keep me");
    file.close();
    StreamServer server;
    QString error;
    QVERIFY(!server.listen(&error));
    QCOMPARE(error, QStringLiteral("%1 is in the way: it is not a socket").arg(socketPath()));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("keep me"));
}

void tst_StreamServer::closeRemovesTheSocket()
{
    StreamServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QLocalSocket client;
    StreamSource *source = connectClient(&server, &client);
    QVERIFY(source);
    server.close();
    QVERIFY(!server.isListening());
    QVERIFY(!QFileInfo::exists(socketPath()));
    // A connected program goes on until it leaves.
    send(&client, hello("app.py", 1) + tick(1, 1));
    QTRY_COMPARE(source->recording().recorder()->tickCount(), 1u);
    QVERIFY(source->isConnected());
    // Listening again on the same path works.
    QVERIFY2(server.listen(&error), qPrintable(error));
    QVERIFY(isSocket(socketPath()));
}

void tst_StreamServer::peerAllowed_data()
{
    QTest::addColumn<uint>("peer");
    QTest::addColumn<uint>("own");
    QTest::addColumn<bool>("allowed");
    QTest::newRow("same user") << 1000u << 1000u << true;
    QTest::newRow("root and root") << 0u << 0u << true;
    QTest::newRow("another user") << 1001u << 1000u << false;
    QTest::newRow("root to a user") << 0u << 1000u << false;
    QTest::newRow("a user to root") << 1000u << 0u << false;
    QTest::newRow("nobody") << 65534u << 0u << false;
}

void tst_StreamServer::peerAllowed()
{
    QFETCH(uint, peer);
    QFETCH(uint, own);
    QFETCH(bool, allowed);
    QCOMPARE(StreamServer::peerAllowed(uid_t(peer), uid_t(own)), allowed);
}

void tst_StreamServer::peerUidOfASocketPair()
{
    int fds[2];
    QCOMPARE(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
    uid_t uid = 12345;
    QVERIFY(StreamServer::peerUid(fds[0], &uid));
    QCOMPARE(uid, geteuid());
    ::close(fds[0]);
    ::close(fds[1]);
    QVERIFY(!StreamServer::peerUid(-1, &uid));
    const int file = ::open("/dev/null", O_RDONLY);
    QVERIFY(!StreamServer::peerUid(file, &uid)); // not a socket
    ::close(file);
}

// For real: a child turned into user nobody connects and is closed at once, unread.
void tst_StreamServer::anotherUserIsRefused()
{
    if (geteuid() != 0)
        QSKIP("connecting as another user needs root (setuid in a child)");
    // Reachable for the other user only for this test: a folder anyone may enter, a socket
    // anyone may open. Loop Lab itself never loosens them.
    const QString path = m_dir->filePath(QStringLiteral("open.sock"));
    QCOMPARE(::chmod(QFile::encodeName(m_dir->path()).constData(), 0755), 0);
    StreamServer server;
    server.setPath(path);
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0666), 0);
    QSignalSpy refused(&server, &StreamServer::peerRefused);
    QSignalSpy connected(&server, &StreamServer::sourceConnected);

    const QByteArray line = hello("intruder", 1);
    const sockaddr_un address = addressOf(path);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        // Only async-signal-safe calls from here on.
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(2);
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        if (fd < 0 || ::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0)
            ::_exit(3);
        // Loop Lab may have closed it already: no SIGPIPE (QtTest would catch it as a crash).
        (void)!::send(fd, line.constData(), size_t(line.size()), MSG_NOSIGNAL);
        char byte;
        // Loop Lab never answers: the read ends when it closes the connection.
        const ssize_t n = ::read(fd, &byte, 1);
        ::_exit(n <= 0 ? 0 : 4);
    }
    QVERIFY(refused.wait(5000));
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().first().toString(),
             QStringLiteral("refused a connection from uid 65534 on %1: Loop Lab (uid 0) accepts only its own user's programs")
                 .arg(path));
    int status = -1;
    pid_t reaped = 0;
    QTRY_VERIFY((reaped = reaped ? reaped : ::waitpid(child, &status, WNOHANG)) == child); // QTRY_ asks twice
    QVERIFY(WIFEXITED(status));
    QCOMPARE(WEXITSTATUS(status), 0);
    QCOMPARE(connected.size(), 0);
    QVERIFY(server.sources().isEmpty());

    // The same socket still takes its own user.
    QLocalSocket client;
    QVERIFY(connectClient(&server, &client));
}

QTEST_GUILESS_MAIN(tst_StreamServer)
#include "tst_streamserver.moc"
