// libFuzzer target: the command line (and through --lesson, the lesson presets). The input
// is an argument vector, arguments separated by NUL bytes, after "looplab".
#include "cli/commandline.h"

#include <QDir>
#include <QSaveFile>

#include <cstddef>
#include <cstdint>
#include <cstdio>

namespace {
constexpr char kFiles[] = "/tmp/looplab-fuzz";

// Bad input earns one "looplab:" line on stderr; a Qt warning beside it breaks that promise.
void trapOnWarning(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtDebugMsg || type == QtInfoMsg)
        return;
    std::fprintf(stderr, "Qt message while parsing the command line: %s\n", qPrintable(message));
    __builtin_trap();
}
} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qInstallMessageHandler(trapOnWarning);
    // A --scenario naming stdin reads nothing instead of waiting.
    if (!std::freopen("/dev/null", "r", stdin))
        return 1;
    // Files the seed argument lists name, at a fixed place so that inputs can name them
    // (the working directory stays: libFuzzer's own paths may be relative to it). The
    // parser checks output paths but never writes them.
    if (!QDir().mkpath(QString::fromLatin1(kFiles)))
        return 1;
    const QByteArray files[][2] = {
        {"scenario.json", R"({"lesson":"queue","work":"cpu","duration":1,"interval":5,"queue-cap":4})"},
        {"bad-scenario.json", R"({"work":"disk"})"},
        {"run.looplab.json", R"({"format":"looplab-run","version":1})"},
    };
    for (const auto &[name, content] : files) {
        QSaveFile file(QString::fromLatin1(kFiles) + QLatin1Char('/') + QString::fromLatin1(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
            return 1;
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QStringList arguments{QStringLiteral("looplab")};
    for (const QByteArray &argument : QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)).split('\0'))
        arguments << QString::fromUtf8(argument);
    CliRequest request;
    QString error;
    if (CommandLine::parse(arguments, &request, &error)) {
        // Whatever it accepts to run is a valid run.
        const bool runs = request.command == CliRequest::Command::Run || request.command == CliRequest::Command::Compare;
        if (runs && (!request.config.validate().isEmpty() || request.config.durationS <= 0))
            __builtin_trap();
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
