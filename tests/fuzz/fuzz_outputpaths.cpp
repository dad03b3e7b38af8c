// libFuzzer target: the checks every output path passes before a run (OutputSet::check)
// and the writes that follow. The input is a list of NUL-separated entries, each 'o' (an
// output) or 'i' (an input) followed by a path inside a sandbox folder that holds a file,
// a folder, a read-only folder, a FIFO, and links (to the file, dangling, in a loop).
// Properties:
// - check() never changes the sandbox, and a refusal is one line;
// - what check() accepts is written (but for a FIFO nobody reads), and the write replaces no
//   folder, FIFO or link, and no input.
#include "cli/commandline.h"
#include "formats/outputset.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

namespace {
constexpr char kSandbox[] = "/tmp/looplab-fuzz-outputs";

void trapOnWarning(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    std::fprintf(stderr, "Qt message while checking outputs: %s\n", qPrintable(message));
    __builtin_trap();
}

bool build()
{
    const QString path = QString::fromLatin1(kSandbox);
    if (QFileInfo::exists(path)) {
        ::chmod((path + QStringLiteral("/ro")).toLatin1().constData(), 0755);
        QDir(path).removeRecursively();
    }
    // Made inside the new folder, which is also where the inputs' relative paths resolve.
    if (!QDir().mkpath(path) || ::chdir(kSandbox) != 0)
        return false;
    QFile file(QStringLiteral("file"));
    return ::mkdir("dir", 0755) == 0 && ::mkdir("ro", 0755) == 0 && file.open(QIODevice::WriteOnly)
        && file.write("input") == 5 && (file.close(), true) && ::mkfifo("fifo", 0600) == 0
        && ::symlink("file", "link") == 0 && ::symlink("missing/x", "dangle") == 0 && ::symlink("loop2", "loop1") == 0
        && ::symlink("loop1", "loop2") == 0 && ::chmod("ro", 0555) == 0;
}

// Every entry of the sandbox with its kind and size: what must not change.
QStringList listing()
{
    QStringList entries;
    QDirIterator it(QString::fromLatin1(kSandbox), QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        struct stat st = {};
        ::lstat(QFile::encodeName(path).constData(), &st);
        entries << QStringLiteral("%1 %2 %3").arg(path).arg(st.st_mode).arg(S_ISREG(st.st_mode) ? st.st_size : 0);
    }
    entries.sort();
    return entries;
}

mode_t kindOf(const QString &path, bool follow)
{
    struct stat st = {};
    const QByteArray native = QFile::encodeName(path);
    if ((follow ? ::stat(native.constData(), &st) : ::lstat(native.constData(), &st)) != 0)
        return 0;
    return st.st_mode & S_IFMT;
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler(trapOnWarning);
    return build() ? 0 : 1;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QList<OutputSet::Target> outputs;
    QList<OutputSet::Target> inputs;
    for (const QByteArray &entry : QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\0')) {
        if (entry.size() < 2 || (entry.at(0) != 'o' && entry.at(0) != 'i'))
            continue;
        const QString path = QString::fromUtf8(entry.mid(1));
        // The sandbox only: no absolute path, no way up.
        if (path.startsWith(QLatin1Char('/')) || path.split(QLatin1Char('/')).contains(QLatin1String("..")))
            return 0;
        (entry.at(0) == 'o' ? outputs : inputs).append({QStringLiteral("--out%1").arg(outputs.size()), path});
        if (outputs.size() + inputs.size() > 8)
            break;
    }
    const QStringList before = listing();
    const QString error = OutputSet::check(outputs, inputs);
    if (listing() != before)
        __builtin_trap(); // the check created or removed something
    if (!error.isEmpty()) {
        if (CommandLine::errorLine(error).count('\n') != 1)
            __builtin_trap();
        return 0;
    }
    bool toFifo = false;
    QList<mode_t> kinds;
    for (const OutputSet::Target &t : std::as_const(outputs)) {
        toFifo = toFifo || kindOf(t.path, true) == S_IFIFO;
        kinds << kindOf(t.path, false);
    }
    if (toFifo) // no reader: the write fails by design, after the check
        return 0;
    OutputSet set;
    QString writeError;
    for (const OutputSet::Target &t : std::as_const(outputs)) {
        if (!set.add(t.path, QByteArrayLiteral("written"), &writeError))
            __builtin_trap(); // accepted by the check, refused by the write
    }
    if (!set.commit(&writeError))
        __builtin_trap();
    for (qsizetype i = 0; i < outputs.size(); ++i) {
        // A link stays a link (its target was written), a new file is a regular file.
        const mode_t now = kindOf(outputs.at(i).path, false);
        if (kinds.at(i) ? now != kinds.at(i) : now != S_IFREG)
            __builtin_trap();
    }
    for (const OutputSet::Target &in : std::as_const(inputs)) {
        QFile file(in.path);
        if (kindOf(in.path, true) == S_IFREG && file.open(QIODevice::ReadOnly) && file.readAll() == "written")
            __builtin_trap(); // an input was overwritten
    }
    if (!build()) // the next input starts from the same sandbox
        __builtin_trap();
    return 0;
}
