#pragma once

#include <QDir>
#include <QFile>
#include <QList>

#include <unistd.h>

// What this test process has running, read from /proc: shutdown tests check that every
// worker thread and child process is gone.
namespace ProcFs {

inline int threadCount()
{
    return int(QDir(QStringLiteral("/proc/self/task")).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size());
}

// The children of parent (by default this process).
inline QList<int> childPids(int parent = getpid())
{
    QList<int> pids;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        bool numeric = false;
        const int pid = entry.toInt(&numeric);
        if (!numeric)
            continue;
        QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        // pid (comm) state ppid ...: comm may hold spaces, so split after the last ')'.
        const QByteArray line = stat.readAll();
        const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
        if (fields.size() > 1 && fields.at(1).toInt() == parent)
            pids << pid;
    }
    return pids;
}

inline bool exists(int pid)
{
    return QFile::exists(QStringLiteral("/proc/%1").arg(pid));
}

// Whether process pid has a handler installed for signal (the SigCgt mask of its status):
// a test that signals a command must wait for this, or the default action kills it.
inline bool catchesSignal(int pid, int signal)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return false;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("SigCgt:"))
            return (line.mid(7).trimmed().toULongLong(nullptr, 16) >> (signal - 1)) & 1;
    }
    return false;
}

} // namespace ProcFs
