#include "headlessrun.h"

#include "recorder.h"
#include "runexport.h"
#include "session.h"
#include "statistics.h"
#include "traceexport.h"
#include "signalbridge.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>

#include <cstdio>

namespace {
void printLine(const QString &text, FILE *stream = stdout)
{
    std::fputs(qPrintable(text + QLatin1Char('\n')), stream);
    std::fflush(stream);
}

bool runSession(Session &session, const RunConfig &config, QString *error)
{
    session.setConfig(config);
    QEventLoop loop;
    QObject::connect(&session, &Session::finished, &loop, &QEventLoop::quit);
    SignalBridge signals_;
    QObject::connect(&signals_, &SignalBridge::terminationRequested, &session, [&session](int number) {
        printLine(QStringLiteral("looplab: signal %1, stopping and saving what was measured").arg(number), stderr);
        session.stop();
    });
    if (!session.start(error))
        return false;
    loop.exec();
    return true;
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

namespace {
// A file the user asked for could not be written: say why, and make the exit code 1.
void reportWrite(bool ok, const QString &what, int *exitCode)
{
    if (!ok) {
        printLine(QStringLiteral("looplab: %1").arg(what), stderr);
        *exitCode = 1;
    }
}

// Writes every file the request asks for; 0, or 1 if one could not be written.
int writeOutputs(const CliRequest &request, const LoadedRun &run, const Summary &summary,
                 const HeadlessRun::PngExporter &exportPng)
{
    int exitCode = 0;
    QString error;
    const auto report = [&exitCode](bool ok, const QString &what) { reportWrite(ok, what, &exitCode); };
    if (!request.summaryJson.isEmpty()) {
        const QByteArray json = QJsonDocument(RunExport::summaryJson(summary, run.config)).toJson();
        report(RunExport::writeFile(request.summaryJson, json, &error), error);
    }
    if (!request.exportCsv.isEmpty())
        report(RunExport::writeFile(request.exportCsv, RunExport::csv(*run.recorder, run.startNs), &error), error);
    if (!request.exportTrace.isEmpty())
        report(RunExport::writeFile(request.exportTrace, TraceExport::chromeTrace(*run.recorder, run.startNs, run.config),
                                    &error),
               error);
    if (!request.saveRun.isEmpty())
        report(RunExport::writeFile(request.saveRun,
                                    RunFile::save(*run.recorder, run.config, run.startNs, run.endNs, request.lesson), &error),
               error);
    if (!request.exportPng.isEmpty()) {
        if (exportPng)
            report(exportPng(run, request.exportPng, request.pngSize, &error), error);
        else
            report(false, QStringLiteral("PNG export is not available in this build"));
    }
    return exitCode;
}
} // namespace

int HeadlessRun::run(const CliRequest &request, const PngExporter &exportPng)
{
    Session session;
    QString error;
    if (!runSession(session, request.config, &error)) {
        printLine(QStringLiteral("looplab: %1").arg(error), stderr);
        return CommandLine::kBadInputExit;
    }
    const Summary summary = session.summary();
    std::fputs(qPrintable(formatSummary(summary)), stdout);
    std::fflush(stdout);
    LoadedRun run = session.snapshot();
    run.lesson = request.lesson;
    return writeOutputs(request, run, summary, exportPng);
}

int HeadlessRun::exportSaved(const CliRequest &request, const PngExporter &exportPng)
{
    QFile file(request.inputRun);
    if (!file.open(QIODevice::ReadOnly)) {
        printLine(QStringLiteral("looplab: cannot read %1: %2").arg(request.inputRun, file.errorString()), stderr);
        return CommandLine::kBadInputExit;
    }
    LoadedRun run;
    QString error;
    if (!RunFile::load(file.readAll(), &run, &error)) {
        printLine(QStringLiteral("looplab: %1: %2").arg(request.inputRun, error), stderr);
        return CommandLine::kBadInputExit;
    }
    const Summary summary = Statistics::summarize(*run.recorder, run.config, run.startNs, run.endNs);
    std::fputs(qPrintable(formatSummary(summary)), stdout);
    std::fflush(stdout);
    CliRequest outputs = request;
    outputs.lesson = run.lesson;
    return writeOutputs(outputs, run, summary, exportPng);
}

int HeadlessRun::compare(const CliRequest &request, const ComparePngExporter &exportPng)
{
    Comparison comparison;
    comparison.setConfig(request.config);
    comparison.setModes(request.compareModes);
    QEventLoop loop;
    QObject::connect(&comparison, &Comparison::finished, &loop, &QEventLoop::quit);
    QObject::connect(&comparison, &Comparison::progress, [](int index, int count, ExecMode mode) {
        printLine(QStringLiteral("Running %1 (%2/%3) ...").arg(Kinds::name(mode)).arg(index + 1).arg(count));
    });
    SignalBridge signals_;
    QObject::connect(&signals_, &SignalBridge::terminationRequested, &comparison, [&comparison](int number) {
        printLine(QStringLiteral("looplab: signal %1, stopping and saving what was measured").arg(number), stderr);
        comparison.cancel();
    });
    QString error;
    if (!comparison.start(&error)) {
        printLine(QStringLiteral("looplab: %1").arg(error), stderr);
        return CommandLine::kBadInputExit;
    }
    loop.exec();
    const QVector<Comparison::Result> results = comparison.results();
    for (const Comparison::Result &r : results)
        std::fputs(qPrintable(formatSummary(r.summary) + QLatin1Char('\n')), stdout);
    printLine(Comparison::verdict(results));

    int exitCode = 0;
    const auto report = [&exitCode](bool ok, const QString &what) { reportWrite(ok, what, &exitCode); };
    if (!request.summaryJson.isEmpty()) {
        const QByteArray json = QJsonDocument(Comparison::summaryJson(results, request.config)).toJson();
        report(RunExport::writeFile(request.summaryJson, json, &error), error);
    }
    if (!request.exportPng.isEmpty()) {
        if (exportPng)
            report(exportPng(results, request.config, request.exportPng, request.pngSize, &error), error);
        else
            report(false, QStringLiteral("PNG export is not available in this build"));
    }
    return exitCode;
}

int HeadlessRun::demo()
{
    RunConfig config;
    config.durationS = 3;
    for (ExecMode mode : {ExecMode::Inline, ExecMode::Pool}) {
        config.mode = mode;
        Session session;
        QString error;
        printLine(QStringLiteral("Running %1 for %2 s ...").arg(Kinds::label(mode)).arg(config.durationS));
        if (!runSession(session, config, &error)) {
            printLine(QStringLiteral("looplab: %1").arg(error), stderr);
            return 1;
        }
        printLine(formatSummary(session.summary()));
    }
    return 0;
}
