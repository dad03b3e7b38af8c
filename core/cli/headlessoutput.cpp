#include "cli/headlessoutput.h"

#include "cli/signalbridge.h"
#include "engine/recorder.h"
#include "formats/runexport.h"
#include "formats/runfile.h"
#include "formats/traceexport.h"

#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {
// Standard output may be a closed pipe (`looplab run ... | true`): the command line ignores
// SIGPIPE, so a failed write shows up here, the files are still written, and the failure is
// reported once at the end.
int s_stdoutError = 0;
} // namespace

namespace HeadlessOutput {
void printOut(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    errno = 0;
    if ((std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout) != size_t(bytes.size())
         || std::fflush(stdout) != 0)
        && !s_stdoutError)
        s_stdoutError = errno ? errno : EIO;
}

void printError(const QString &message)
{
    std::fputs(CommandLine::errorLine(message).constData(), stderr);
}

// The exit status, after saying that the summary could not be printed, if so.
int finish(int exitCode)
{
    if (!s_stdoutError)
        return exitCode;
    printError(QStringLiteral("cannot write to standard output: %1").arg(QString::fromLocal8Bit(std::strerror(s_stdoutError))));
    return qMax(exitCode, 1);
}

void connectStop(SignalBridge &signals_, QObject *context, const std::function<void()> &stop)
{
    QObject::connect(&signals_, &SignalBridge::terminationRequested, context, [stop](int number) {
        printError(QStringLiteral("signal %1, stopping and saving what was measured (again to quit at once)").arg(number));
        stop();
    });
}

// The CSV, trace and run file of one run, each where its path says (empty: not asked for).
bool stageRunFiles(OutputSet &set, const QString &csv, const QString &trace, const QString &saveRun,
                   const LoadedRun &run, QString *error)
{
    return (csv.isEmpty() || set.add(csv, RunExport::csv(*run.recorder, run.startNs), error))
        && (trace.isEmpty() || set.add(trace, TraceExport::chromeTrace(*run.recorder, run.startNs, run.config), error))
        && (saveRun.isEmpty() || set.add(saveRun, RunFile::save(run), error));
}

bool stagePng(OutputSet &set, const QString &path, const std::function<bool(QByteArray *, QString *)> &encode,
              QString *error)
{
    if (path.isEmpty())
        return true;
    if (!encode) {
        *error = QStringLiteral("PNG export is not available in this build");
        return false;
    }
    QByteArray png;
    return encode(&png, error) && set.add(path, png, error);
}

// Writes the set, all or none: 0, or 1 with the reason on stderr.
int commit(OutputSet &set, bool staged, const QString &stageError)
{
    QString error = stageError;
    if (staged && set.commit(&error))
        return 0;
    printError(staged ? error : error + QStringLiteral("; nothing was written"));
    return 1;
}

// --fail-if, after the files are written: 1 when a condition holds, each one named on stderr.
int gate(const CliRequest &request, const QJsonObject &summary, const QString &prefix)
{
    int code = 0;
    for (const FailCondition &condition : request.failIf) {
        if (condition.holds(summary)) {
            printError(condition.message(summary, prefix));
            code = 1;
        }
    }
    return code;
}

int writeOutputs(const CliRequest &request, const LoadedRun &run, const QJsonObject &summary,
                 const HeadlessRun::PngEncoder &encodePng)
{
    LoadedRun runWithLesson = run;
    runWithLesson.lesson = request.lesson;
    OutputSet set;
    QString error;
    const bool staged =
        (request.summaryJson.isEmpty()
         || set.add(request.summaryJson, QJsonDocument(summary).toJson(), &error))
        && stageRunFiles(set, request.exportCsv, request.exportTrace, request.saveRun, runWithLesson,
                         &error)
        && stagePng(set, request.exportPng,
                    encodePng ? [&](QByteArray *png, QString *e) { return encodePng(run, request.pngSize, png, e); }
                              : std::function<bool(QByteArray *, QString *)>(),
                    &error);
    return commit(set, staged, error);
}
} // namespace HeadlessOutput
