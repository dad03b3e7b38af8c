#include "cli/recordrun.h"

#include "cli/headlessoutput.h"
#include "cli/signalbridge.h"
#include "engine/monotonicclock.h"
#include "formats/runexport.h"
#include "looplabversion.h"
#include "run/summarizer.h"
#include "stream/streamserver.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QTimer>

#include <csignal>
#include <memory>

#include <unistd.h>

using namespace HeadlessOutput;

namespace {
// How long a program that was asked to stop gets before the next, harder signal.
constexpr int kGraceMs = 3000;
// After the program exits, what it sent last may still be in the socket.
constexpr int kDrainMs = 300;
// Stalls listed in the printed summary (the summary JSON has all of them).
constexpr int kStallsShown = 10;

QString programName(const StreamSource &source)
{
    const StreamHello &h = source.recording().hello();
    return h.program.isEmpty() ? QStringLiteral("pid %1").arg(h.pid) : h.program;
}

Summary summarize(const StreamSource &source)
{
    const StreamRecording &r = source.recording();
    Summary s = Summarizer::summarize(*r.recorder(), r.config(), r.startNs(), r.endNs());
    Summarizer::setProgram(&s, programName(source), r.hello().runtime);
    return s;
}

// The files of one recorded program; with several programs each path gets "-<pid>".
int writeSource(const CliRequest &request, const StreamSource &source, const Summary &summary, bool several,
                const HeadlessRun::PngEncoder &encodePng)
{
    const StreamRecording &r = source.recording();
    CliRequest outputs = request;
    if (several) {
        // As compare names its files per mode: "run.looplab.json" becomes "run-1234.looplab.json".
        const auto suffixed = [&r](const QString &path) {
            return path.isEmpty() ? path : CliRequest::taggedPath(path, QString::number(r.hello().pid));
        };
        outputs.summaryJson = suffixed(request.summaryJson);
        outputs.exportCsv = suffixed(request.exportCsv);
        outputs.exportPng = suffixed(request.exportPng);
        outputs.exportTrace = suffixed(request.exportTrace);
        outputs.saveRun = suffixed(request.saveRun);
    }
    LoadedRun run;
    run.recorder = r.recorder();
    run.config = r.config();
    run.startNs = r.startNs();
    run.endNs = r.endNs();
    run.program = programName(source);
    run.runtime = r.hello().runtime;
    run.description = RecordRun::describe(source);
    run.stalls = r.stalls();
    const QJsonObject json = RecordRun::summaryJson(source, summary);
    return qMax(writeOutputs(outputs, run, json, encodePng),
                gate(request, json, several ? programName(source) + QStringLiteral(": ") : QString()));
}

// The programs that said hello.
QList<StreamSource *> heard(const QList<StreamSource *> &sources)
{
    QList<StreamSource *> out;
    for (StreamSource *s : sources) {
        if (s->recording().hasHello())
            out << s;
    }
    return out;
}

// Prints and writes every program heard from.
int report(const CliRequest &request, const QList<StreamSource *> &programs, const HeadlessRun::PngEncoder &encodePng)
{
    int code = 0;
    for (StreamSource *source : programs) {
        const StreamRecording &r = source->recording();
        const Summary summary = summarize(*source);
        QString rows;
        if (!source->endReason().isEmpty())
            rows += QStringLiteral("  %1 %2\n").arg(QStringLiteral("stream cut off"), -22).arg(source->endReason());
        if (r.dropped())
            rows += QStringLiteral("  %1 %2 events\n").arg(QStringLiteral("dropped by the probe"), -22).arg(r.dropped());
        rows += RecordRun::formatStalls(r.stalls(), r.startNs());
        QString text = HeadlessRun::formatSummary(summary, rows);
        text.replace(0, text.indexOf(QLatin1Char('\n')),
                     QStringLiteral("Loop Lab record: %1 (%2, pid %3)").arg(programName(*source), r.hello().runtime).arg(r.hello().pid));
        printOut(text + (programs.size() > 1 ? QStringLiteral("\n") : QString()));
        code = qMax(code, writeSource(request, *source, summary, programs.size() > 1, encodePng));
    }
    return code;
}

QString recordSocketPath()
{
    // A socket of its own, so a window listening on the usual one does not take the program.
    return QFileInfo(StreamServer::defaultPath()).dir().filePath(QStringLiteral("record-%1.sock").arg(::getpid()));
}
} // namespace

QString RecordRun::pythonProbeDir()
{
    QStringList candidates;
    if (qEnvironmentVariableIsSet("LOOPLAB_PROBE_DIR"))
        candidates << qEnvironmentVariable("LOOPLAB_PROBE_DIR");
    candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../share/looplab/probes/python")
               << QStringLiteral(LOOPLAB_SOURCE_DIR "/probes/python");
    for (const QString &dir : std::as_const(candidates)) {
        if (QFileInfo::exists(dir + QStringLiteral("/looplab_probe/__init__.py")))
            return QDir::cleanPath(dir);
    }
    return {};
}

QString RecordRun::qtProbeLibrary()
{
    QStringList candidates;
    if (qEnvironmentVariableIsSet("LOOPLAB_QT_PROBE"))
        candidates << qEnvironmentVariable("LOOPLAB_QT_PROBE");
    candidates << QCoreApplication::applicationDirPath() + QStringLiteral("/../" LOOPLAB_INSTALL_LIBDIR "/liblooplabprobe.so")
               << QStringLiteral(LOOPLAB_BINARY_DIR "/probes/qt/liblooplabprobe.so");
    for (const QString &file : std::as_const(candidates)) {
        if (QFileInfo(file).isFile())
            return QFileInfo(file).absoluteFilePath();
    }
    return {};
}

QProcessEnvironment RecordRun::probeEnvironment(const QString &socketPath, int intervalMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LOOPLAB_SOCKET"), socketPath);
    env.insert(QStringLiteral("LOOPLAB_PROBE"), QStringLiteral("1"));
    env.insert(QStringLiteral("LOOPLAB_INTERVAL_MS"), QString::number(intervalMs));
    const QString probeDir = pythonProbeDir();
    if (!probeDir.isEmpty()) {
        const QString previous = env.value(QStringLiteral("PYTHONPATH"));
        env.insert(QStringLiteral("PYTHONPATH"), previous.isEmpty() ? probeDir : probeDir + QLatin1Char(':') + previous);
    }
    const QString qtProbe = qtProbeLibrary();
    if (!qtProbe.isEmpty()) {
        // Loaded into every program started, Qt or not; it stays idle until a QCoreApplication exists.
        const QString previous = env.value(QStringLiteral("LD_PRELOAD"));
        env.insert(QStringLiteral("LD_PRELOAD"), previous.isEmpty() ? qtProbe : qtProbe + QLatin1Char(':') + previous);
#if defined(__SANITIZE_ADDRESS__)
        // An AddressSanitizer build's probe carries libasan into programs that are not
        // instrumented (python3, /bin/sh): its runtime cannot come first there, and what
        // such a program leaks at exit is not ours to report.
        const QString asan = env.value(QStringLiteral("ASAN_OPTIONS"));
        env.insert(QStringLiteral("ASAN_OPTIONS"), (asan.isEmpty() ? QString() : asan + QLatin1Char(':'))
                                                       + QStringLiteral("verify_asan_link_order=0:detect_leaks=0"));
#endif
    }
    return env;
}

QString RecordRun::describe(const StreamSource &source)
{
    const StreamHello &h = source.recording().hello();
    const QString runtime = h.runtimeVersion.isEmpty() ? h.runtime : h.runtime + QLatin1Char(' ') + h.runtimeVersion;
    const qsizetype threads = source.recording().laneNames().size();
    return QStringLiteral("Program: %1 · %2 · pid %3 · ticker every %4 ms · %5 %6")
        .arg(programName(source), runtime)
        .arg(h.pid)
        .arg(h.intervalMs)
        .arg(threads)
        .arg(threads == 1 ? QStringLiteral("thread") : QStringLiteral("threads"));
}

QJsonObject RecordRun::summaryJson(const StreamSource &source, const Summary &summary)
{
    const StreamRecording &r = source.recording();
    QJsonObject json = RunExport::summaryJson(summary, r.config());
    json.insert(QStringLiteral("source"), QJsonObject{{QStringLiteral("pid"), r.hello().pid},
                                                      {QStringLiteral("name"), programName(source)},
                                                      {QStringLiteral("runtime"), r.hello().runtime},
                                                      {QStringLiteral("dropped_events"), r.dropped()}});
    json.insert(QStringLiteral("stalls"), stallsJson(r.stalls(), r.startNs()));
    return json;
}

QJsonArray RecordRun::stallsJson(const QVector<ProgramStall> &stalls, qint64 originNs)
{
    QJsonArray out;
    for (const ProgramStall &s : stalls) {
        out.append(QJsonObject{
            {QStringLiteral("start_ms"), double(qRound64(double(s.startNs - originNs) / 1e3)) / 1e3},
            {QStringLiteral("duration_ms"), double(qRound64(double(s.durationNs) / 1e3)) / 1e3},
            {QStringLiteral("culprit"), s.culprit},
            {QStringLiteral("task"), s.task},
        });
    }
    return out;
}

QString RecordRun::formatStalls(const QVector<ProgramStall> &stalls, qint64 originNs)
{
    if (stalls.isEmpty())
        return QStringLiteral("  %1 none\n").arg(QStringLiteral("stalls (>= 50 ms)"), -22);
    QString out = QStringLiteral("  %1 %2, longest first:\n").arg(QStringLiteral("stalls (>= 50 ms)"), -22).arg(stalls.size());
    QVector<ProgramStall> sorted = stalls;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const ProgramStall &a, const ProgramStall &b) { return a.durationNs > b.durationNs; });
    for (int i = 0; i < qMin(kStallsShown, int(sorted.size())); ++i) {
        const ProgramStall &s = sorted.at(i);
        out += QStringLiteral("    %1 ms at %2 s: %3\n")
                   .arg(QString::number(double(s.durationNs) / 1e6, 'f', 1), 8)
                   .arg(QString::number(double(s.startNs - originNs) / 1e9, 'f', 2))
                   .arg(s.culprit.isEmpty() ? QStringLiteral("unknown") : s.culprit);
    }
    if (sorted.size() > kStallsShown)
        out += QStringLiteral("    ... and %1 more (all in --summary-json)\n").arg(sorted.size() - kStallsShown);
    return out;
}

int RecordRun::record(const CliRequest &request, const HeadlessRun::PngEncoder &encodePng)
{
    SignalBridge signals_;
    StreamServer server;
    server.setPath(recordSocketPath());
    QString error;
    if (!server.listen(&error)) {
        printError(error);
        return CommandLine::kBadInputExit;
    }
    const QProcessEnvironment env = probeEnvironment(server.path(), request.config.intervalMs);
    const QString probeDir = pythonProbeDir();
    const QString qtProbe = qtProbeLibrary();

    QProcess program;
    program.setProgram(request.program.constFirst());
    program.setArguments(request.program.mid(1));
    program.setProcessEnvironment(env);
    program.setProcessChannelMode(QProcess::ForwardedChannels);
    program.setInputChannelMode(QProcess::ForwardedInputChannel);
    QEventLoop loop;
    QObject::connect(&program, &QProcess::finished, &loop, [&loop] { QTimer::singleShot(kDrainMs, &loop, &QEventLoop::quit); });
    program.start();
    if (!program.waitForStarted(10000)) {
        printError(QStringLiteral("cannot start %1: %2").arg(request.program.constFirst(), program.errorString()));
        return CommandLine::kBadInputExit;
    }
    printError(QStringLiteral("recording %1 (pid %2) with the probe from %3 and the Qt probe %4; Ctrl+C stops it")
                   .arg(request.program.join(QLatin1Char(' ')))
                   .arg(program.processId())
                   .arg(probeDir.isEmpty() ? QStringLiteral("nowhere (not found)") : probeDir,
                        qtProbe.isEmpty() ? QStringLiteral("nowhere (not found)") : qtProbe));

    // Asked to stop (the duration ended, or a signal): SIGINT as Ctrl+C would, then harder.
    int stage = 0;
    QTimer escalate;
    escalate.setInterval(kGraceMs);
    const auto stopProgram = [&] {
        if (program.state() == QProcess::NotRunning)
            return;
        const int harder[] = {SIGINT, SIGTERM, SIGKILL};
        ::kill(pid_t(program.processId()), harder[qMin(stage, 2)]);
        ++stage;
        escalate.start();
    };
    QObject::connect(&escalate, &QTimer::timeout, &loop, stopProgram);
    connectStop(signals_, &loop, stopProgram);
    QTimer duration;
    duration.setSingleShot(true);
    QObject::connect(&duration, &QTimer::timeout, &loop, stopProgram);
    if (request.config.durationS > 0)
        duration.start(int(request.config.durationS * 1000));
    loop.exec();
    escalate.stop();

    const QList<StreamSource *> programs = heard(server.sources());
    if (programs.isEmpty()) {
        QStringList missing;
        if (probeDir.isEmpty())
            missing << QStringLiteral("the Python probe was not found (set LOOPLAB_PROBE_DIR)");
        if (qtProbe.isEmpty())
            missing << QStringLiteral("the Qt probe was not found (set LOOPLAB_QT_PROBE)");
        printError(QStringLiteral("%1 sent nothing: %2. Loop Lab attaches to Python asyncio programs (the asyncio probe) "
                                  "and to dynamically linked Qt 6 programs (the Qt probe); a program that starts no event "
                                  "loop reports nothing. The program still ran as usual.")
                       .arg(request.program.constFirst(),
                            missing.isEmpty() ? QStringLiteral("no probe started in it") : missing.join(QStringLiteral("; "))));
        return finish(1);
    }
    const int code = report(request, programs, encodePng);
    if (program.exitStatus() == QProcess::NormalExit && program.exitCode() != 0 && stage == 0)
        printError(QStringLiteral("%1 exited with status %2").arg(request.program.constFirst()).arg(program.exitCode()));
    return finish(code);
}

int RecordRun::listen(const CliRequest &request, const HeadlessRun::PngEncoder &encodePng)
{
    SignalBridge signals_;
    StreamServer server;
    QString error;
    if (!server.listen(&error)) {
        printError(error);
        return CommandLine::kBadInputExit;
    }
    printError(QStringLiteral("listening at %1; Ctrl+C stops").arg(server.path()));
    QObject::connect(&server, &StreamServer::sourceConnected, [](StreamSource *source) {
        // Said once, when its hello has arrived.
        auto connection = std::make_shared<QMetaObject::Connection>();
        *connection = QObject::connect(source, &StreamSource::updated, source, [source, connection] {
            if (!source->recording().hasHello())
                return;
            printError(QStringLiteral("%1 connected (pid %2)").arg(programName(*source)).arg(source->recording().hello().pid));
            QObject::disconnect(*connection);
        });
    });
    QObject::connect(&server, &StreamServer::peerRefused, [](const QString &reason) { printError(reason); });
    QEventLoop loop;
    connectStop(signals_, &loop, [&loop] { loop.quit(); });
    QTimer duration;
    duration.setSingleShot(true);
    QObject::connect(&duration, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (request.config.durationS > 0)
        duration.start(int(request.config.durationS * 1000));
    loop.exec();
    server.close();
    const QList<StreamSource *> programs = heard(server.sources());
    if (programs.isEmpty()) {
        printError(QStringLiteral("no program connected to %1").arg(server.path()));
        return finish(1);
    }
    return finish(report(request, programs, encodePng));
}
