#include "formats/outputset.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

struct OutputSet::Staged
{
    QString path;   // as the user gave it
    QString target; // after following links
    std::unique_ptr<QSaveFile> file; // a regular file, staged
    QByteArray direct;               // else written through at commit
};

namespace {
constexpr int kMaxLinks = 40; // as the kernel's ELOOP limit

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

QString cannotWrite(const QString &path, const QString &target, const QString &reason)
{
    if (target == path)
        return QStringLiteral("cannot write %1: %2").arg(path, reason);
    return QStringLiteral("cannot write %1 (a link to %2): %3").arg(path, target, reason);
}

// Follows symbolic links to the file a write would reach, which need not exist yet.
bool resolve(const QString &path, QString *target, QString *error)
{
    QString current = path;
    for (int hops = 0; hops < kMaxLinks; ++hops) {
        const QFileInfo info(current);
        if (!info.isSymLink()) {
            *target = current;
            return true;
        }
        current = info.symLinkTarget();
    }
    *error = QStringLiteral("cannot write %1: too many levels of symbolic links").arg(path);
    return false;
}

bool isWrittenThrough(mode_t mode)
{
    return S_ISCHR(mode) || S_ISFIFO(mode);
}

// A key equal for two names of one file: device and inode when it exists, else the
// canonical folder and the name.
QString identity(const QString &path)
{
    QString target;
    QString ignored;
    if (!resolve(path, &target, &ignored))
        target = path;
    struct stat st = {};
    if (::stat(QFile::encodeName(target).constData(), &st) == 0)
        return QStringLiteral("inode:%1:%2").arg(quint64(st.st_dev)).arg(quint64(st.st_ino));
    const QFileInfo info(target);
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return QStringLiteral("path:") + (folder.isEmpty() ? info.absolutePath() : folder) + QLatin1Char('/') + info.fileName();
}

bool isCharacterDevice(const QString &path)
{
    struct stat st = {};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 && S_ISCHR(st.st_mode);
}

// Writes data through a device or FIFO. A FIFO no program reads fails at once instead of
// blocking until one does.
QString writeThrough(const QString &target, const QByteArray &data)
{
    const QByteArray native = QFile::encodeName(target);
    const int fd = ::open(native.constData(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENXIO ? QStringLiteral("no program is reading this named pipe") : systemError(errno);
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    const char *p = data.constData();
    qint64 left = data.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            const int error = n < 0 ? errno : EIO;
            ::close(fd);
            return systemError(error);
        }
        p += n;
        left -= n;
    }
    if (::close(fd) != 0 && errno != EINTR)
        return systemError(errno);
    return {};
}
} // namespace

QString OutputSet::checkWritable(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("the output path is empty");
    QString target;
    QString error;
    if (!resolve(path, &target, &error))
        return error;
    const QByteArray native = QFile::encodeName(target);
    struct stat st = {};
    if (::stat(native.constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return cannotWrite(path, target, QStringLiteral("it is a directory"));
        if (!S_ISREG(st.st_mode) && !isWrittenThrough(st.st_mode))
            return cannotWrite(path, target, QStringLiteral("it is %1, not a file")
                                                 .arg(S_ISSOCK(st.st_mode) ? QStringLiteral("a socket")
                                                                           : QStringLiteral("a block device")));
        if (::access(native.constData(), W_OK) != 0)
            return cannotWrite(path, target, errno == EACCES ? QStringLiteral("permission denied") : systemError(errno));
        if (isWrittenThrough(st.st_mode))
            return {};
    } else if (errno != ENOENT) {
        return cannotWrite(path, target, systemError(errno));
    }
    const QFileInfo info(target);
    if (info.fileName().isEmpty())
        return cannotWrite(path, target, QStringLiteral("it names a folder, not a file"));
    const QString folder = QDir::toNativeSeparators(info.absolutePath());
    const QByteArray nativeFolder = QFile::encodeName(info.absolutePath());
    if (::stat(nativeFolder.constData(), &st) != 0)
        return cannotWrite(path, target, errno == ENOENT ? QStringLiteral("folder %1 does not exist").arg(folder)
                                                         : systemError(errno));
    if (!S_ISDIR(st.st_mode))
        return cannotWrite(path, target, QStringLiteral("%1 is not a folder").arg(folder));
    // The file is staged beside its target and renamed over it: the folder must take a new file.
    if (::access(nativeFolder.constData(), W_OK | X_OK) != 0)
        return cannotWrite(path, target, QStringLiteral("folder %1 is not writable").arg(folder));
    const long nameMax = ::pathconf(nativeFolder.constData(), _PC_NAME_MAX);
    if (nameMax > 0 && QFile::encodeName(info.fileName()).size() > nameMax)
        return cannotWrite(path, target, QStringLiteral("the name is longer than %1 bytes").arg(nameMax));
    // What the write will do, undone: catches what no permission bit shows (/proc, a
    // read-only mount).
    QSaveFile probe(target);
    if (!probe.open(QIODevice::WriteOnly))
        return cannotWrite(path, target,
                           QStringLiteral("folder %1 does not take new files (%2)").arg(folder, probe.errorString()));
    probe.cancelWriting();
    return {};
}

QString OutputSet::check(const QList<Target> &targets, const QList<Target> &inputs)
{
    for (const Target &t : targets) {
        const QString problem = checkWritable(t.path);
        if (!problem.isEmpty())
            return problem;
    }
    for (const Target &in : inputs) {
        const QString key = identity(in.path);
        for (const Target &t : targets) {
            if (identity(t.path) == key)
                return QStringLiteral("%1 %2 is the file %3 reads; writing it would destroy it (choose another name)")
                    .arg(t.option, t.path, in.option);
        }
    }
    for (qsizetype i = 0; i < targets.size(); ++i) {
        for (qsizetype j = 0; j < i; ++j) {
            const Target &a = targets.at(j);
            const Target &b = targets.at(i);
            // Two outputs into /dev/null lose nothing.
            if (identity(a.path) == identity(b.path) && !isCharacterDevice(a.path))
                return QStringLiteral("%1 and %2 both write %3; only the last would be kept (give each its own file)")
                    .arg(a.option, b.option, b.path);
        }
    }
    return {};
}

bool OutputSet::writeFile(const QString &path, const QByteArray &data, QString *error)
{
    OutputSet set;
    return set.add(path, data, error) && set.commit(error);
}

OutputSet::OutputSet() = default;
OutputSet::~OutputSet() = default;

bool OutputSet::add(const QString &path, const QByteArray &data, QString *error)
{
    auto staged = std::make_unique<Staged>();
    staged->path = path;
    if (!resolve(path, &staged->target, error))
        return false;
    struct stat st = {};
    if (::stat(QFile::encodeName(staged->target).constData(), &st) == 0 && isWrittenThrough(st.st_mode)) {
        staged->direct = data;
        m_staged.push_back(std::move(staged));
        return true;
    }
    // Unbuffered: QSaveFile's buffered writes report a full disk only at commit, which in
    // Qt 6.4 then puts an empty file in place anyway.
    auto file = std::make_unique<QSaveFile>(staged->target);
    if (!file->open(QIODevice::WriteOnly | QIODevice::Unbuffered)) {
        *error = cannotWrite(path, staged->target, file->errorString());
        return false;
    }
    // A short write is retried, so that the reason (EFBIG, ENOSPC) comes with the next one.
    for (qsizetype done = 0; done < data.size();) {
        const qint64 n = file->write(data.constData() + done, data.size() - done);
        if (n <= 0) {
            *error = cannotWrite(path, staged->target, file->errorString());
            file->cancelWriting();
            return false;
        }
        done += n;
    }
    // Errors the disk reports late (quota, I/O) show here, before the old file is replaced.
    if (::fsync(file->handle()) != 0 && errno != EINVAL && errno != EROFS) {
        *error = cannotWrite(path, staged->target, systemError(errno));
        file->cancelWriting();
        return false;
    }
    staged->file = std::move(file);
    m_staged.push_back(std::move(staged));
    return true;
}

bool OutputSet::commit(QString *error)
{
    // Written-through targets first: if /dev/full refuses, no regular file was replaced yet.
    const auto fail = [this, error](const Staged &s, const QString &reason) {
        *error = cannotWrite(s.path, s.target, reason)
            + (m_written.isEmpty() ? QStringLiteral("; nothing was written")
                                   : QStringLiteral("; written before that: %1").arg(m_written.join(QStringLiteral(", "))));
        m_staged.clear();
        return false;
    };
    for (const auto &s : m_staged) {
        if (s->file)
            continue;
        const QString problem = writeThrough(s->target, s->direct);
        if (!problem.isEmpty())
            return fail(*s, problem);
        m_written << s->path;
    }
    for (const auto &s : m_staged) {
        if (!s->file)
            continue;
        if (!s->file->commit())
            return fail(*s, s->file->errorString());
        m_written << s->path;
    }
    m_staged.clear();
    return true;
}
