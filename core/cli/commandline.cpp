#include "cli/commandline.h"

#include "formats/inputfile.h"
#include "lessons/lessons.h"
#include "cli/scenariofile.h"
#include "engine/translations.h"
#include "looplabversion.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QStringDecoder>

#include <sys/resource.h>

namespace {
// The options that set a run's parameters (export refuses them).
QStringList runParameterOptions()
{
    QStringList names{QStringLiteral("work"), QStringLiteral("mode"), QStringLiteral("duration"),
                      QStringLiteral("lesson"), QStringLiteral("scenario")};
    for (const RunParameter &p : RunParameter::all())
        names << QLatin1String(p.option);
    return names;
}
const QStringList kOutputOptions = {QStringLiteral("summary-json"), QStringLiteral("export-csv"),
                                    QStringLiteral("export-png"), QStringLiteral("export-trace"),
                                    QStringLiteral("save-run")};

const QString kTopDescription = QStringLiteral(
    "Loop Lab makes event-loop lag visible: a ticker probe measures how late the loop wakes\n"
    "while tasks run blocking on the loop or offloaded to a thread pool.\n"
    "\n"
    "Commands:\n"
    "  (none)   open the window (--lesson NAME: and start that lesson)\n"
    "  run      run one experiment headless and print its summary (looplab run --help)\n"
    "  compare  run the same work in several modes and compare (looplab compare --help)\n"
    "  export   read a saved run and export it again (looplab export --help)\n"
    "  record   run a Python asyncio program with the probe and record its loop (looplab record --help)\n"
    "  listen   record the programs that connect, until Ctrl+C (looplab listen --help)\n"
    "  lessons  list the lessons; `looplab lessons NAME` explains one\n"
    "  demo     run io work inline, then offloaded, and print both summaries");

// QCommandLineParser names the running binary (or "<executable_name>" before the
// application object exists); the help always speaks of looplab.
QString withUsage(const QString &help, const QString &usage)
{
    const qsizetype eol = help.indexOf(QLatin1Char('\n'));
    return usage + (eol < 0 ? QString() : help.mid(eol));
}

bool toInt(const QCommandLineParser &parser, const QString &name, int *out, QString *error)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1 needs a whole number, not '%2'").arg(name, parser.value(name));
        return false;
    }
    *out = value;
    return true;
}

// Under a memory limit (ulimit -v) a cpu run that would not fit is refused before it
// starts: Qt's JSON parser cannot report a failed allocation to its caller. The estimate,
// measured: the process's own ~320 MB of address space and 15 bytes per byte of JSON for
// every document being parsed or walked at once.
QString memoryProblem(const RunConfig &c, const QList<ExecMode> &modes)
{
    if (c.work != WorkKind::Cpu)
        return {};
    rlim_t lowest = RLIM_INFINITY;
    for (const int resource : {RLIMIT_AS, RLIMIT_DATA}) {
        rlimit limit = {};
        if (getrlimit(resource, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY)
            lowest = qMin(lowest, limit.rlim_cur);
    }
    if (lowest == RLIM_INFINITY)
        return {};
    int parsers = 1; // inline parses on the loop thread, and each worker process holds one document
    for (const ExecMode mode : modes) {
        if (mode != ExecMode::Inline && mode != ExecMode::Process)
            parsers = c.workers;
    }
    const double neededMb = 320 + 15.0 * c.jsonKb / 1024 * parsers;
    const double limitMb = double(lowest) / (1024 * 1024);
    if (neededMb <= limitMb)
        return {};
    return QStringLiteral("cpu work on %1 KB of JSON with %2 parsing at once needs about %3 MB of memory, more than "
                          "this process may use (ulimit -v or -d: %4 MB); use a smaller --json-kb or fewer --workers")
        .arg(c.jsonKb)
        .arg(parsers)
        .arg(qRound(neededMb))
        .arg(qRound(limitMb));
}

// The output options and --fail-if, shared by run, compare, export, record and listen.
void addOutputOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("summary-json"), QStringLiteral("Write the summary as one JSON object to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("export-csv"), QStringLiteral("Write every tick and span as CSV to FILE."), QStringLiteral("FILE")},
        {QStringLiteral("export-png"), QStringLiteral("Render the dashboard to a PNG image after the run."), QStringLiteral("FILE")},
        {QStringLiteral("export-trace"), QStringLiteral("Write a Chrome trace-event JSON (Perfetto, chrome://tracing)."),
         QStringLiteral("FILE")},
        {QStringLiteral("save-run"), QStringLiteral("Save the whole run (.looplab.json) to open later in the window."),
         QStringLiteral("FILE")},
        {QStringLiteral("png-size"), QStringLiteral("Size of the exported PNG (default 1600x1000)."), QStringLiteral("WxH")},
        {QStringLiteral("fail-if"),
         QStringLiteral("Exit 1 when COND holds after the run, e.g. p99_ms>16.7: a numeric field of the summary "
                        "JSON, >, >=, < or <=, a number. Repeatable; a gate for CI."),
         QStringLiteral("COND")},
    });
}

bool parseOutputs(const QCommandLineParser &parser, CliRequest *request, QString *error)
{
    request->summaryJson = parser.value(QStringLiteral("summary-json"));
    request->exportCsv = parser.value(QStringLiteral("export-csv"));
    request->exportPng = parser.value(QStringLiteral("export-png"));
    request->exportTrace = parser.value(QStringLiteral("export-trace"));
    request->saveRun = parser.value(QStringLiteral("save-run"));
    // Every output is checked before the run, so a long run does not end in an error, and
    // none may be an input or another output's file.
    for (const QString &option : kOutputOptions) {
        if (parser.isSet(option) && parser.value(option).isEmpty()) {
            *error = QStringLiteral("--%1 needs a file name").arg(option);
            return false;
        }
    }
    QList<OutputSet::Target> inputs;
    if (!request->scenario.isEmpty())
        inputs.append({QStringLiteral("--scenario"), request->scenario});
    if (!request->inputRun.isEmpty())
        inputs.append({QStringLiteral("export"), request->inputRun});
    *error = OutputSet::check(request->outputs(), inputs);
    if (!error->isEmpty())
        return false;
    for (const QString &text : parser.values(QStringLiteral("fail-if"))) {
        FailCondition condition;
        if (!FailCondition::parse(text, &condition, error))
            return false;
        request->failIf.append(condition);
    }
    if (parser.isSet(QStringLiteral("png-size"))) {
        const QStringList parts = parser.value(QStringLiteral("png-size")).toLower().split(QLatin1Char('x'));
        bool okW = false, okH = false;
        const int w = parts.size() == 2 ? parts[0].toInt(&okW) : 0;
        const int h = parts.size() == 2 ? parts[1].toInt(&okH) : 0;
        if (!okW || !okH || w < 320 || h < 240 || w > 8192 || h > 8192) {
            *error = QStringLiteral("--png-size needs WxH between 320x240 and 8192x8192, not '%1'")
                         .arg(parser.value(QStringLiteral("png-size")));
            return false;
        }
        request->pngSize = QSize(w, h);
    }
    return true;
}

// `run`, `compare` and `export` share their options; compare adds --modes, export reads a
// saved run instead of running.
bool parseRun(const QStringList &args, CliRequest *request, QString *error, CliRequest::Command command)
{
    const bool compare = command == CliRequest::Command::Compare;
    const bool exporting = command == CliRequest::Command::Export;
    const QString name = compare ? QStringLiteral("compare") : exporting ? QStringLiteral("export") : QStringLiteral("run");
    QCommandLineParser parser;
    if (compare)
        parser.setApplicationDescription(QStringLiteral(
            "Runs the same workload in several modes one after another and compares them:\n"
            "one summary per mode, overlaid lag charts and histograms in one PNG."));
    else if (exporting)
        parser.setApplicationDescription(QStringLiteral(
            "Reads a run saved with --save-run (or File > Save run) and writes its files again."));
    else
        parser.setApplicationDescription(QStringLiteral(
            "Runs one experiment headless on a real Qt event loop: a ticker probe on the loop thread,\n"
            "one task submitted every period, executed inline (blocking the loop) or on a pool."));
    if (compare)
        parser.addOption({QStringLiteral("modes"), QStringLiteral("Modes to compare, comma separated (e.g. inline,pool,gil)."),
                          QStringLiteral("LIST")});
    if (exporting)
        parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("A saved run (.looplab.json)."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    const RunConfig defaults;
    parser.addOptions({
        {QStringLiteral("work"), QStringLiteral("Task kind: io (blocking sleep) or cpu (JSON parse + key walk)."),
         QStringLiteral("io|cpu"), Kinds::name(defaults.work)},
        {QStringLiteral("mode"), QStringLiteral("Where tasks run: %1.").arg(Kinds::modeNames().join(QStringLiteral(", "))),
         QStringLiteral("mode"), Kinds::name(defaults.mode)},
        {QStringLiteral("duration"), QStringLiteral("Run length in seconds (default 5)."), QStringLiteral("S")},
    });
    for (const RunParameter &p : RunParameter::all())
        parser.addOption({QLatin1String(p.option), p.helpText(), QLatin1String(p.valueName)});
    parser.addOptions({
        {QStringLiteral("lesson"), QStringLiteral("Run a lesson's preset (see looplab lessons); other options override it."),
         QStringLiteral("NAME")},
        {QStringLiteral("scenario"), QStringLiteral("Read the run's parameters from a JSON file; options given here override it."),
         QStringLiteral("FILE")},
    });
    addOutputOptions(parser);
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help)) {
        request->command = CliRequest::Command::PrintText;
        request->text = withUsage(parser.helpText(), QStringLiteral("Usage: looplab %1 [options]%2")
                                                         .arg(name, exporting ? QStringLiteral(" FILE") : QString()));
        return true;
    }
    const QStringList positional = parser.positionalArguments();
    if (exporting) {
        if (positional.size() != 1) {
            *error = QStringLiteral("export needs one saved run file (looplab export FILE --export-png OUT.png)");
            return false;
        }
        request->inputRun = positional.constFirst();
        *error = InputFile::checkReadable(request->inputRun);
        if (!error->isEmpty())
            return false;
    } else if (!positional.isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1'").arg(positional.constFirst());
        return false;
    }
    // A saved run keeps the parameters it ran with; compare takes its modes from --modes.
    // An option that would be ignored is refused, so nobody believes it took effect.
    if (exporting) {
        for (const QString &option : runParameterOptions()) {
            if (parser.isSet(option)) {
                *error = QStringLiteral("--%1 does not apply to export: a saved run keeps the parameters it ran with")
                             .arg(option);
                return false;
            }
        }
    }
    if (compare && parser.isSet(QStringLiteral("mode"))) {
        *error = QStringLiteral("--mode does not apply to compare: list the modes in --modes");
        return false;
    }
    if (compare) {
        if (!parser.isSet(QStringLiteral("modes"))) {
            *error = QStringLiteral("compare needs --modes, e.g. --modes inline,pool,gil");
            return false;
        }
        for (const QString &m : parser.value(QStringLiteral("modes")).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            ExecMode mode;
            if (!Kinds::parse(m.trimmed(), &mode)) {
                *error = QStringLiteral("unknown mode '%1' in --modes (use: %2)").arg(m, Kinds::modeNames().join(QStringLiteral(", ")));
                return false;
            }
            if (request->compareModes.contains(mode)) {
                *error = QStringLiteral("mode '%1' is listed twice in --modes").arg(m);
                return false;
            }
            request->compareModes << mode;
        }
        if (request->compareModes.size() < 2) {
            *error = QStringLiteral("compare needs at least two modes in --modes");
            return false;
        }
        request->config.durationS = 3;
    }

    // Layers, each overriding the one before: defaults, the lesson's preset, the scenario
    // file, the options given here.
    RunConfig &c = request->config;
    Scenario scenario;
    if (parser.isSet(QStringLiteral("scenario"))) {
        request->scenario = parser.value(QStringLiteral("scenario"));
        if (!ScenarioFile::read(request->scenario, &scenario, error))
            return false;
    }
    const QString lessonName = parser.isSet(QStringLiteral("lesson")) ? parser.value(QStringLiteral("lesson")) : scenario.lesson;
    if (!lessonName.isEmpty()) {
        const Lesson *lesson = Lessons::find(lessonName);
        if (!lesson) {
            *error = QStringLiteral("unknown lesson '%1' (use one of: %2)")
                         .arg(lessonName, Lessons::names().join(QStringLiteral(", ")));
            return false;
        }
        c = lesson->preset;
        request->lesson = lesson->name;
    }
    scenario.applyTo(&c);
    if (parser.isSet(QStringLiteral("work")) && !Kinds::parse(parser.value(QStringLiteral("work")), &c.work)) {
        *error = QStringLiteral("unknown work '%1' (use io or cpu)").arg(parser.value(QStringLiteral("work")));
        return false;
    }
    if (parser.isSet(QStringLiteral("mode")) && !Kinds::parse(parser.value(QStringLiteral("mode")), &c.mode)) {
        *error = QStringLiteral("unknown mode '%1' (use one of: %2)")
                     .arg(parser.value(QStringLiteral("mode")), Kinds::modeNames().join(QStringLiteral(", ")));
        return false;
    }
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        c.durationS = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || c.durationS <= 0) {
            *error = QStringLiteral("--duration needs a positive number of seconds, not '%1'")
                         .arg(parser.value(QStringLiteral("duration")));
            return false;
        }
    }
    for (const RunParameter &p : RunParameter::all()) {
        if (!toInt(parser, QLatin1String(p.option), &(c.*p.field), error))
            return false;
    }
    const QString invalid = c.validate();
    if (!invalid.isEmpty()) {
        *error = invalid;
        return false;
    }
    if (!exporting) {
        *error = memoryProblem(c, compare ? request->compareModes : QList<ExecMode>{c.mode});
        if (!error->isEmpty())
            return false;
    }

    request->command = command;
    return parseOutputs(parser, request, error);
    return true;
}
// `record [options] [--] COMMAND [ARGS...]`: another program, the probe injected;
// `listen [options]`: whatever program connects.
bool parseRecord(const QStringList &args, CliRequest *request, QString *error, CliRequest::Command command)
{
    const bool listening = command == CliRequest::Command::Listen;
    QCommandLineParser parser;
    // Everything from COMMAND on is the program's, its options included.
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    parser.setApplicationDescription(
        listening ? QStringLiteral("Records every program that connects to Loop Lab's socket (a Python program that ran\n"
                                   "`import looplab_probe; looplab_probe.install()`) until Ctrl+C or --duration.")
                  : QStringLiteral("Starts COMMAND with Loop Lab's probe injected (Python asyncio programs), records its\n"
                                   "event loop's lag, task spans and the culprit of each stall until it exits (or\n"
                                   "--duration ends, then it is stopped with SIGINT), and prints the summary."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addOption({QStringLiteral("duration"),
                      listening ? QStringLiteral("Stop after S seconds (default: at Ctrl+C).")
                                : QStringLiteral("Stop the program after S seconds (default: when it exits)."),
                      QStringLiteral("S")});
    if (!listening)
        parser.addOption({QStringLiteral("interval"), QStringLiteral("The probe's ticker interval in ms (default 10)."),
                          QStringLiteral("MS")});
    addOutputOptions(parser);
    if (!listening)
        parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("The program to run, and its arguments."),
                                     QStringLiteral("[--] COMMAND [ARGS...]"));
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(help)) {
        request->command = CliRequest::Command::PrintText;
        request->text = withUsage(parser.helpText(), listening ? QStringLiteral("Usage: looplab listen [options]")
                                                               : QStringLiteral("Usage: looplab record [options] [--] COMMAND [ARGS...]"));
        return true;
    }
    QStringList program = parser.positionalArguments();
    if (!program.isEmpty() && program.constFirst() == QLatin1String("--"))
        program.removeFirst();
    if (listening && !program.isEmpty()) {
        *error = QStringLiteral("unexpected argument '%1' (listen records programs that connect; to start one, use record)")
                     .arg(program.constFirst());
        return false;
    }
    if (!listening && program.isEmpty()) {
        *error = QStringLiteral("record needs a command to run, e.g. looplab record -- python3 app.py");
        return false;
    }
    request->program = program;
    RunConfig &c = request->config;
    c.durationS = 0; // until the program exits, or Ctrl+C
    if (parser.isSet(QStringLiteral("duration"))) {
        bool ok = false;
        c.durationS = parser.value(QStringLiteral("duration")).toDouble(&ok);
        if (!ok || !(c.durationS > 0) || c.durationS > 24 * 3600) {
            *error = QStringLiteral("--duration needs a number of seconds between 0 and 86400, not '%1'")
                         .arg(parser.value(QStringLiteral("duration")));
            return false;
        }
    }
    if (!listening) {
        const RunParameter *interval = nullptr;
        for (const RunParameter &p : RunParameter::all()) {
            if (p.field == &RunConfig::intervalMs)
                interval = &p;
        }
        if (!toInt(parser, QStringLiteral("interval"), &c.intervalMs, error))
            return false;
        *error = interval->check(c.intervalMs);
        if (!error->isEmpty())
            return false;
    }
    request->command = command;
    return parseOutputs(parser, request, error);
}
} // namespace

namespace {
QString escaped(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u == '\n')
            out += QLatin1String("\\n");
        else if (u == '\t')
            out += QLatin1String("\\t");
        else if (u == '\r')
            out += QLatin1String("\\r");
        else if (u < 0x20 || u == 0x7f)
            out += QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
        else if (u == 0x2028 || u == 0x2029) // line and paragraph separators
            out += QStringLiteral("\\u%1").arg(int(u), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}
} // namespace

QByteArray CommandLine::errorLine(const QString &message)
{
    return QByteArrayLiteral("looplab: ") + escaped(message).toUtf8() + '\n';
}

bool CommandLine::decodeArguments(int argc, char *argv[], QStringList *arguments, QString *error)
{
    for (int i = 0; i < argc; ++i) {
        const QByteArray bytes(argv[i]);
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8(bytes);
        if (utf8.hasError()) {
            QString shown;
            for (const char b : bytes) {
                const uchar u = uchar(b);
                shown += u >= 0x20 && u < 0x7f ? QString(QLatin1Char(char(u)))
                                               : QStringLiteral("\\x%1").arg(int(u), 2, 16, QLatin1Char('0'));
            }
            *error = QStringLiteral("argument %1 is not valid UTF-8 (%2); Loop Lab reads names and values as UTF-8, "
                                    "so it could not write that name byte for byte")
                         .arg(i)
                         .arg(shown);
            return false;
        }
        arguments->append(text);
    }
    return true;
}

QList<OutputSet::Target> CliRequest::outputs() const
{
    QList<OutputSet::Target> targets;
    const auto add = [&](const char *option, const QString &path, bool perMode) {
        if (path.isEmpty())
            return;
        const QString name = QLatin1String("--") + QLatin1String(option);
        if (!perMode || command != Command::Compare) {
            targets.append({name, path});
            return;
        }
        for (ExecMode mode : compareModes)
            targets.append({name, perModePath(path, mode)});
    };
    add("summary-json", summaryJson, false);
    add("export-csv", exportCsv, true);
    add("export-png", exportPng, false);
    add("export-trace", exportTrace, true);
    add("save-run", saveRun, true);
    return targets;
}

QString CliRequest::perModePath(const QString &path, ExecMode mode)
{
    return taggedPath(path, Kinds::name(mode));
}

QString CliRequest::taggedPath(const QString &path, const QString &tag)
{
    const qsizetype slash = path.lastIndexOf(QLatin1Char('/'));
    const QString suffix = QLatin1Char('-') + tag;
    qsizetype dot = path.endsWith(QLatin1String(".looplab.json")) ? path.size() - 13 : path.lastIndexOf(QLatin1Char('.'));
    if (dot <= slash + 1) // no extension, or a hidden file's leading dot
        dot = path.size();
    return path.left(dot) + suffix + path.mid(dot);
}

bool CommandLine::parse(const QStringList &arguments, CliRequest *request, QString *error)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(kTopDescription);
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    const QCommandLineOption version({QStringLiteral("v"), QStringLiteral("version")},
                                     QStringLiteral("Show the version."));
    const QCommandLineOption lesson(QStringLiteral("lesson"), QStringLiteral("Open the window and start this lesson."),
                                    QStringLiteral("NAME"));
    const QCommandLineOption lang(QStringLiteral("lang"),
                                  QStringLiteral("Language of the window: %1 (default: the system's; the command-line "
                                                 "output stays English).")
                                      .arg(Translations::available().join(QStringLiteral(", "))),
                                  QStringLiteral("LANG"));
    parser.addOption(help);
    parser.addOption(version);
    parser.addOption(lesson);
    parser.addOption(lang);
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("run or demo; none opens the window."),
                                 QStringLiteral("[command]"));
    if (!parser.parse(arguments)) {
        *error = parser.errorText();
        return false;
    }
    if (parser.isSet(lang)) {
        request->language = parser.value(lang).toLower();
        if (!Translations::available().contains(request->language)) {
            *error = QStringLiteral("unknown language '%1' for --lang (use one of: %2)")
                         .arg(parser.value(lang), Translations::available().join(QStringLiteral(", ")));
            return false;
        }
    }
    if (parser.isSet(version)) {
        request->command = CliRequest::Command::PrintText;
        request->text = QStringLiteral("looplab %1\n").arg(QStringLiteral(LOOPLAB_VERSION));
        return true;
    }
    if (parser.isSet(help)) {
        request->command = CliRequest::Command::PrintText;
        request->text = withUsage(parser.helpText(), QStringLiteral("Usage: looplab [options] [command]"));
        return true;
    }
    const QStringList rest = parser.positionalArguments();
    if (rest.isEmpty()) {
        request->command = CliRequest::Command::Gui;
        if (parser.isSet(lesson)) {
            if (!Lessons::find(parser.value(lesson))) {
                *error = QStringLiteral("unknown lesson '%1' (use one of: %2)")
                             .arg(parser.value(lesson), Lessons::names().join(QStringLiteral(", ")));
                return false;
            }
            request->lesson = parser.value(lesson);
        }
        return true;
    }
    const QString command = rest.constFirst();
    if (command == QLatin1String("run"))
        return parseRun(QStringList{arguments.value(0)} + rest.mid(1), request, error, CliRequest::Command::Run);
    if (command == QLatin1String("compare"))
        return parseRun(QStringList{arguments.value(0)} + rest.mid(1), request, error, CliRequest::Command::Compare);
    if (command == QLatin1String("export"))
        return parseRun(QStringList{arguments.value(0)} + rest.mid(1), request, error, CliRequest::Command::Export);
    if (command == QLatin1String("record"))
        return parseRecord(QStringList{arguments.value(0)} + rest.mid(1), request, error, CliRequest::Command::Record);
    if (command == QLatin1String("listen"))
        return parseRecord(QStringList{arguments.value(0)} + rest.mid(1), request, error, CliRequest::Command::Listen);
    if (command == QLatin1String("lessons") && rest.size() <= 2) {
        request->command = CliRequest::Command::PrintText;
        if (rest.size() == 1) {
            for (const Lesson &lesson : Lessons::all())
                request->text += QStringLiteral("  %1 %2\n").arg(lesson.name, -14).arg(lesson.title);
            request->text += QStringLiteral("\nRun one with: looplab run --lesson NAME; explain one: looplab lessons NAME\n");
            return true;
        }
        const Lesson *lesson = Lessons::find(rest.at(1));
        if (!lesson) {
            *error = QStringLiteral("unknown lesson '%1' (use one of: %2)").arg(rest.at(1), Lessons::names().join(QStringLiteral(", ")));
            return false;
        }
        request->text = Lessons::describe(*lesson);
        return true;
    }
    if (command == QLatin1String("demo") && rest.size() == 1) {
        request->command = CliRequest::Command::Demo;
        return true;
    }
    *error = QStringLiteral("unknown command '%1' (see looplab --help)").arg(rest.join(QLatin1Char(' ')));
    return false;
}
