#include "cli/headlessrun.h"

#include "formats/inputfile.h"
#include "formats/outputset.h"
#include "formats/runfile.h"
#include "engine/recorder.h"
#include "formats/runexport.h"
#include "run/session.h"
#include "cli/signalbridge.h"
#include "run/summarizer.h"
#include "stats/statistics.h"
#include "formats/traceexport.h"

#include <QEventLoop>
#include <QJsonDocument>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace {
// Standard output may be a closed pipe (`looplab run ... | true`): the command line ignores
// SIGPIPE, so a failed write shows up here, the files are still written, and the failure is
// reported once at the end.
int s_stdoutError = 0;

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

bool runSession(Session &session, const RunConfig &config, SignalBridge &signals_, QString *error)
{
    session.setConfig(config);
    QEventLoop loop;
    QObject::connect(&session, &Session::finished, &loop, &QEventLoop::quit);
    connectStop(signals_, &session, [&session] { session.stop(); });
    if (!session.start(error))
        return false;
    loop.exec();
    return true;
}

// The CSV, trace and run file of one run, each where its path says (empty: not asked for).
bool stageRunFiles(OutputSet &set, const QString &csv, const QString &trace, const QString &saveRun,
                   const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs,
                   const QString &lesson, QString *error)
{
    return (csv.isEmpty() || set.add(csv, RunExport::csv(recorder, startNs), error))
        && (trace.isEmpty() || set.add(trace, TraceExport::chromeTrace(recorder, startNs, config), error))
        && (saveRun.isEmpty() || set.add(saveRun, RunFile::save(recorder, config, startNs, endNs, lesson), error));
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
int gate(const CliRequest &request, const QJsonObject &summary, const QString &prefix = {})
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

int writeOutputs(const CliRequest &request, const LoadedRun &run, const Summary &summary,
                 const HeadlessRun::PngEncoder &encodePng)
{
    OutputSet set;
    QString error;
    const bool staged =
        (request.summaryJson.isEmpty()
         || set.add(request.summaryJson, QJsonDocument(RunExport::summaryJson(summary, run.config)).toJson(), &error))
        && stageRunFiles(set, request.exportCsv, request.exportTrace, request.saveRun, *run.recorder, run.config,
                         run.startNs, run.endNs, request.lesson, &error)
        && stagePng(set, request.exportPng,
                    encodePng ? [&](QByteArray *png, QString *e) { return encodePng(run, request.pngSize, png, e); }
                              : std::function<bool(QByteArray *, QString *)>(),
                    &error);
    return commit(set, staged, error);
}
} // namespace

QString HeadlessRun::formatSummary(const Summary &s)
{
    auto row = [](const QString &name, const QString &value) -> QString {
        return QStringLiteral("  %1 %2\n").arg(name, -22).arg(value);
    };
    auto msText = [](double v) -> QString { return QString::number(v, 'f', 2) + QStringLiteral(" ms"); };
    QString out = QStringLiteral("Loop Lab run: work=%1 mode=%2\n").arg(s.work, s.mode);
    out += row(QStringLiteral("duration"), QString::number(s.durationS, 'f', 2) + QStringLiteral(" s"));
    out += row(QStringLiteral("ticker interval"), QString::number(s.intervalMs) + QStringLiteral(" ms"));
    out += row(QStringLiteral("ticks"), QString::number(s.ticks));
    if (s.decimatedTicks || s.decimatedSpans)
        out += row(QStringLiteral("decimated"), QStringLiteral("%1 older ticks, %2 spans kept as counts and "
                                                               "histograms (percentiles within 1.6 %)")
                                                    .arg(s.decimatedTicks)
                                                    .arg(s.decimatedSpans));
    out += row(QStringLiteral("lag p50"), msText(s.p50Ms));
    out += row(QStringLiteral("lag p95"), msText(s.p95Ms));
    out += row(QStringLiteral("lag p99"), msText(s.p99Ms));
    out += row(QStringLiteral("lag max"), msText(s.maxMs));
    out += row(QStringLiteral("lag p99 corrected"), msText(s.p99CorrectedMs)
               + QStringLiteral(" (%1 missed ticks counted)").arg(s.missedTicks));
    out += row(QStringLiteral("tasks done"), QString::number(s.tasks)
               + (s.cancelled ? QStringLiteral(" (%1 cancelled)").arg(s.cancelled) : QString()));
    out += row(QStringLiteral("task time median"), msText(s.taskMsMedian));
    out += row(QStringLiteral("queue wait median"), msText(s.queueWaitMsMedian));
    out += row(QStringLiteral("long tasks (>= 50 ms)"), QString::number(s.longTasks));
    out += row(QStringLiteral("loop busy"), QString::number(s.loopBusyPct, 'f', 1) + QStringLiteral(" %"));
    out += QStringLiteral("  verdict: ") + s.verdict + QLatin1Char('\n');
    return out;
}

int HeadlessRun::run(const CliRequest &request, const PngEncoder &encodePng)
{
    SignalBridge signals_; // until the last file is written
    Session session;
    QString error;
    if (!runSession(session, request.config, signals_, &error)) {
        printError(error);
        return CommandLine::kBadInputExit;
    }
    const Summary summary = session.summary();
    printOut(formatSummary(summary));
    LoadedRun run = session.snapshot();
    run.lesson = request.lesson;
    const int written = writeOutputs(request, run, summary, encodePng);
    return finish(qMax(written, gate(request, RunExport::summaryJson(summary, run.config))));
}

int HeadlessRun::exportSaved(const CliRequest &request, const PngEncoder &encodePng)
{
    SignalBridge signals_;
    QByteArray data;
    QString error;
    if (!InputFile::read(request.inputRun, RunFile::kMaxFileBytes, &data, &error)) {
        printError(error);
        return CommandLine::kBadInputExit;
    }
    LoadedRun run;
    if (!RunFile::load(data, &run, &error)) {
        printError(QStringLiteral("%1: %2").arg(request.inputRun, error));
        return CommandLine::kBadInputExit;
    }
    data.clear();
    const Summary summary = Summarizer::summarize(*run.recorder, run.config, run.startNs, run.endNs);
    printOut(formatSummary(summary));
    CliRequest outputs = request;
    outputs.lesson = run.lesson;
    const int written = writeOutputs(outputs, run, summary, encodePng);
    return finish(qMax(written, gate(request, RunExport::summaryJson(summary, run.config))));
}

int HeadlessRun::compare(const CliRequest &request, const ComparePngEncoder &encodePng)
{
    SignalBridge signals_;
    Comparison comparison;
    comparison.setConfig(request.config);
    comparison.setModes(request.compareModes);
    QEventLoop loop;
    QObject::connect(&comparison, &Comparison::finished, &loop, &QEventLoop::quit);
    QObject::connect(&comparison, &Comparison::progress, [](int index, int count, ExecMode mode) {
        printOut(QStringLiteral("Running %1 (%2/%3) ...\n").arg(Kinds::name(mode)).arg(index + 1).arg(count));
    });
    connectStop(signals_, &comparison, [&comparison] { comparison.cancel(); });
    QString error;
    if (!comparison.start(&error)) {
        printError(error);
        return CommandLine::kBadInputExit;
    }
    loop.exec();
    const QVector<Comparison::Result> results = comparison.results();
    for (const Comparison::Result &r : results)
        printOut(formatSummary(r.summary) + QLatin1Char('\n'));
    printOut(Comparison::verdict(results) + QLatin1Char('\n'));

    // One CSV, trace and run file per mode that ran; one summary and one image for all.
    OutputSet set;
    bool staged = request.summaryJson.isEmpty()
        || set.add(request.summaryJson, QJsonDocument(Comparison::summaryJson(results, request.config)).toJson(), &error);
    for (const Comparison::Result &r : results) {
        const auto path = [&r](const QString &p) { return p.isEmpty() ? p : CliRequest::perModePath(p, r.mode); };
        staged = staged
            && stageRunFiles(set, path(request.exportCsv), path(request.exportTrace), path(request.saveRun), *r.recorder,
                             comparison.configFor(r.mode), r.startNs, r.endNs, request.lesson, &error);
    }
    staged = staged
        && stagePng(set, request.exportPng,
                    encodePng ? [&](QByteArray *png, QString *e) {
                        return encodePng(results, request.config, request.pngSize, png, e);
                    }
                              : std::function<bool(QByteArray *, QString *)>(),
                    &error);
    int code = commit(set, staged, error);
    for (const Comparison::Result &r : results)
        code = qMax(code, gate(request, RunExport::summaryJson(r.summary, comparison.configFor(r.mode)),
                               Kinds::name(r.mode) + QStringLiteral(": ")));
    return finish(code);
}

int HeadlessRun::demo()
{
    SignalBridge signals_;
    bool stopped = false;
    QObject::connect(&signals_, &SignalBridge::terminationRequested, [&stopped] { stopped = true; });
    RunConfig config;
    config.durationS = 3;
    for (ExecMode mode : {ExecMode::Inline, ExecMode::Pool}) {
        if (stopped)
            break;
        config.mode = mode;
        Session session;
        QString error;
        printOut(QStringLiteral("Running %1 for %2 s ...\n").arg(Kinds::label(mode)).arg(config.durationS));
        if (!runSession(session, config, signals_, &error)) {
            printError(error);
            return 1;
        }
        printOut(formatSummary(session.summary()) + QLatin1Char('\n'));
    }
    return finish(0);
}
