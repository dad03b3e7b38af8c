#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

class QSaveFile;

// The files one command writes, all or none. Regular files are staged beside their target
// (QSaveFile, unbuffered so that a full disk shows at the write, not after the rename) and
// only moved into place once every file of the set was written in full: a failure leaves
// each old file as it was and no half-written one. Targets that are not regular files
// (/dev/null, a terminal, a FIFO read by another program) are written through, never
// replaced. Symbolic links are followed, as shells do with `>`.
class OutputSet
{
public:
    // One file the user asked for; option ("--summary-json") names it in messages.
    struct Target
    {
        QString option;
        QString path;
    };

    // Before any work is done: the reason the first target cannot be written, or names one
    // of the inputs (files the command reads, which writing would destroy) or the same file
    // as another target. Empty when every target can be written.
    static QString check(const QList<Target> &targets, const QList<Target> &inputs = {});
    // The same for one file.
    static QString checkWritable(const QString &path);
    // Writes one file as a set of one.
    static bool writeFile(const QString &path, const QByteArray &data, QString *error);

    OutputSet();
    ~OutputSet(); // anything staged and not committed is discarded
    OutputSet(const OutputSet &) = delete;
    OutputSet &operator=(const OutputSet &) = delete;

    // Stages data for path. On failure returns false with a sentence in error; the caller
    // then lets the set go, and nothing of it is written.
    bool add(const QString &path, const QByteArray &data, QString *error);
    // Puts every staged file in place. On failure error also says which files were written.
    bool commit(QString *error);
    QStringList written() const { return m_written; }

private:
    struct Staged;
    std::vector<std::unique_ptr<Staged>> m_staged;
    QStringList m_written;
};
