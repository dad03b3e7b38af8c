#pragma once

#include "cli/headlessrun.h"
#include "formats/outputset.h"

#include <QJsonObject>

#include <functional>

class QObject;
class SignalBridge;

// What every headless command shares: standard output that may be a closed pipe, one-line
// errors, stopping on the first SIGINT or SIGTERM, the files of a run written all or none,
// and the --fail-if gate.
namespace HeadlessOutput {
void printOut(const QString &text);
void printError(const QString &message);
// The exit status, after saying that the summary could not be printed, if so.
int finish(int exitCode);
void connectStop(SignalBridge &signals_, QObject *context, const std::function<void()> &stop);

// The CSV, trace and run file of one run, each where its path says (empty: not asked for).
bool stageRunFiles(OutputSet &set, const QString &csv, const QString &trace, const QString &saveRun,
                   const LoadedRun &run, QString *error);
bool stagePng(OutputSet &set, const QString &path, const std::function<bool(QByteArray *, QString *)> &encode,
              QString *error);
// Writes the set, all or none: 0, or 1 with the reason on stderr.
int commit(OutputSet &set, bool staged, const QString &stageError);
// --fail-if, after the files are written: 1 when a condition holds, each one named on stderr.
int gate(const CliRequest &request, const QJsonObject &summary, const QString &prefix = {});
// Every file the request asks for, of one run with this summary JSON.
int writeOutputs(const CliRequest &request, const LoadedRun &run, const QJsonObject &summary,
                 const HeadlessRun::PngEncoder &encodePng);
} // namespace HeadlessOutput
