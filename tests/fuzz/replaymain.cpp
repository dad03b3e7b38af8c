// Replays fuzz inputs without libFuzzer, so the normal (gcc) build and CI run every corpus
// file and every past crash through a target's LLVMFuzzerTestOneInput.
// Usage: fuzzreplay_<target> DIR_OR_FILE...
#include <QByteArray>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {
bool replay(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return false;
    }
    const QByteArray data = file.readAll();
    LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()));
    return true;
}
} // namespace

int main(int argc, char **argv)
{
    // Absolute first: a target's initialisation may change the working directory.
    QStringList paths;
    for (int i = 1; i < argc; ++i)
        paths << QFileInfo(QFile::decodeName(argv[i])).absoluteFilePath();
    LLVMFuzzerInitialize(&argc, &argv);
    int inputs = 0;
    bool ok = true;
    for (const QString &path : std::as_const(paths)) {
        if (QFileInfo(path).isDir()) {
            // Sorted, so a failure names the same file every time; dot files (.gitkeep) skipped.
            QStringList files;
            QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext())
                files << it.next();
            files.sort();
            for (const QString &f : std::as_const(files)) {
                std::fprintf(stderr, "replay %s\n", qPrintable(f));
                ok = replay(f) && ok;
                ++inputs;
            }
        } else {
            ok = replay(path) && ok;
            ++inputs;
        }
    }
    std::printf("%d inputs replayed\n", inputs);
    return ok ? 0 : 1;
}
