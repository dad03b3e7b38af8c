#include "formats/inputfile.h"

#include <QFile>

#include <cerrno>
#include <cstring>
#include <sys/stat.h>
#include <unistd.h>

namespace {
QString cannotRead(const QString &path, const QString &reason)
{
    return QStringLiteral("cannot read %1: %2").arg(path, reason);
}

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("it is a directory");
    if (S_ISFIFO(mode))
        return QStringLiteral("it is a named pipe, not a file");
    if (S_ISSOCK(mode))
        return QStringLiteral("it is a socket, not a file");
    return QStringLiteral("it is a device, not a file");
}
} // namespace

QString InputFile::checkReadable(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("the input path is empty");
    const QByteArray native = QFile::encodeName(path);
    struct stat st = {};
    if (::stat(native.constData(), &st) != 0)
        return cannotRead(path, errno == ENOENT ? QStringLiteral("no such file")
                                                : QString::fromLocal8Bit(std::strerror(errno)));
    if (!S_ISREG(st.st_mode))
        return cannotRead(path, kindOf(st.st_mode));
    if (::access(native.constData(), R_OK) != 0)
        return cannotRead(path, QStringLiteral("permission denied"));
    return {};
}

bool InputFile::read(const QString &path, qint64 maxBytes, QByteArray *data, QString *error)
{
    *error = checkReadable(path);
    if (!error->isEmpty())
        return false;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = cannotRead(path, file.errorString());
        return false;
    }
    if (file.size() > maxBytes) {
        *error = cannotRead(path, maxBytes >= 1024 * 1024
                                      ? QStringLiteral("it is larger than %1 MB").arg(maxBytes / (1024 * 1024))
                                      : QStringLiteral("it is larger than %1 KB").arg(maxBytes / 1024));
        return false;
    }
    *data = file.read(maxBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        *error = cannotRead(path, file.errorString());
        return false;
    }
    return true;
}
