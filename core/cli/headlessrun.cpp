#include "cli/headlessrun.h"

#include "cli/headlessoutput.h"
#include "cli/recordrun.h"

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
using namespace HeadlessOutput;

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
} // namespace

QString HeadlessRun::formatSummary(const Summary &s, const QString &extraRows)
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
    out += extraRows;
    out += QStringLiteral("  verdict: ") + s.verdict + QLatin1Char('\n');
    return out;
}

int HeadlessRun::run(const CliRequest &request, const PngEncoder &encodePng)
{
    using namespace HeadlessOutput;
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
    const QJsonObject json = RunExport::summaryJson(summary, run.config);
    return finish(qMax(writeOutputs(request, run, json, encodePng), gate(request, json)));
}

int HeadlessRun::exportSaved(const CliRequest &request, const PngEncoder &encodePng)
{
    using namespace HeadlessOutput;
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
    Summary summary = Summarizer::summarize(*run.recorder, run.config, run.startNs, run.endNs);
    // A recorded program: what ran and its stalls, as record printed them.
    const bool program = !run.program.isEmpty();
    if (program)
        Summarizer::setProgram(&summary, run.program, run.runtime);
    printOut(formatSummary(summary, program ? RecordRun::formatStalls(run.stalls, run.startNs) : QString()));
    QJsonObject json = RunExport::summaryJson(summary, run.config);
    if (program)
        json.insert(QStringLiteral("stalls"), RecordRun::stallsJson(run.stalls, run.startNs));
    CliRequest outputs = request;
    outputs.lesson = run.lesson;
    return finish(qMax(writeOutputs(outputs, run, json, encodePng), gate(request, json)));
}

int HeadlessRun::compare(const CliRequest &request, const ComparePngEncoder &encodePng)
{
    using namespace HeadlessOutput;
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
        LoadedRun run;
        run.recorder = std::const_pointer_cast<Recorder>(r.recorder); // the files only read it
        run.config = comparison.configFor(r.mode);
        run.startNs = r.startNs;
        run.endNs = r.endNs;
        run.lesson = request.lesson;
        staged = staged
            && stageRunFiles(set, path(request.exportCsv), path(request.exportTrace), path(request.saveRun), run, &error);
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
    using namespace HeadlessOutput;
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
