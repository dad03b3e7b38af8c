#pragma once

#include "runconfig.h"

#include <QSize>
#include <QStringList>

// What the user asked for on the command line.
struct CliRequest
{
    enum class Command { Gui, Run, Compare, Export, Demo, PrintText };
    Command command = Command::Gui;
    RunConfig config;
    QString summaryJson;
    QString exportCsv;
    QString exportPng;
    QString exportTrace;
    QString saveRun;
    QString inputRun;             // export: the saved run to read
    QList<ExecMode> compareModes; // compare: the modes, in order
    QSize pngSize{1600, 1000};
    QString lesson; // the lesson whose preset the run uses, if any
    QString text;   // for PrintText: help, version or lesson texts
    QString language; // --lang: the window's language ("en", "ru"); empty: the system's
};

// Parses `looplab [run|demo] [options]` with QCommandLineParser. Never exits the process:
// help and version come back as text, bad input as one sentence (the caller exits 2).
class CommandLine
{
public:
    static bool parse(const QStringList &arguments, CliRequest *request, QString *error);
    static constexpr int kBadInputExit = 2;
};
