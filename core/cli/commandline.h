#pragma once

#include "formats/outputset.h"
#include "cli/failcondition.h"
#include "engine/runconfig.h"

#include <QSize>
#include <QStringList>

// What the user asked for on the command line.
struct CliRequest
{
    enum class Command { Gui, Run, Compare, Export, Record, Listen, Demo, PrintText };
    Command command = Command::Gui;
    RunConfig config;
    QString summaryJson;
    QString exportCsv;
    QString exportPng;
    QString exportTrace;
    QString saveRun;
    QString inputRun;             // export: the saved run to read
    QString scenario;             // --scenario: the file the parameters came from
    QList<ExecMode> compareModes; // compare: the modes, in order
    QStringList program;          // record: the command and its arguments
    QSize pngSize{1600, 1000};
    QString lesson; // the lesson whose preset the run uses, if any
    QString text;   // for PrintText: help, version or lesson texts
    QString language; // --lang: the window's language ("en", "ru"); empty: the system's
    QList<FailCondition> failIf; // --fail-if: exit 1 when one holds after the run

    // The files asked for, by option. compare writes --export-csv, --export-trace and
    // --save-run once per mode, under perModePath().
    QList<OutputSet::Target> outputs() const;
    // "trace.json" for pool: "trace-pool.json"; "run.looplab.json": "run-pool.looplab.json".
    static QString perModePath(const QString &path, ExecMode mode);
    // The same with any tag before the extension ("trace.json", "1234": "trace-1234.json").
    static QString taggedPath(const QString &path, const QString &tag);
};

// Parses `looplab [run|demo] [options]` with QCommandLineParser. Never exits the process:
// help and version come back as text, bad input as one sentence (the caller exits 2).
class CommandLine
{
public:
    static bool parse(const QStringList &arguments, CliRequest *request, QString *error);
    static constexpr int kBadInputExit = 2;
    // "looplab: message\n" in UTF-8, always one line: control characters a user put in a
    // path or value (a newline, a tab, an escape) are shown escaped, as \n or \x1b.
    static QByteArray errorLine(const QString &message);
    // argv as UTF-8 text; false, with the first argument that is not UTF-8 escaped in error,
    // when Loop Lab could not write the name given byte for byte.
    static bool decodeArguments(int argc, char *argv[], QStringList *arguments, QString *error);
};
