#pragma once

#include <QByteArray>
#include <QString>

// Reading a file the user named (a saved run, a scenario): only a regular file, and only
// up to a size, so a folder, a device (/dev/zero), a FIFO nobody writes or a huge file get
// one clear sentence instead of a hang or an exhausted memory.
class InputFile
{
public:
    // Empty when path names a regular file this process may read, else the reason.
    static QString checkReadable(const QString &path);
    // The whole file, at most maxBytes; false and the reason otherwise.
    static bool read(const QString &path, qint64 maxBytes, QByteArray *data, QString *error);
};
