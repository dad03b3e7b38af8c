#pragma once

#include "cli/headlessrun.h"
#include "engine/programstall.h"

#include <QJsonArray>
#include <QProcessEnvironment>

class StreamSource;

// `looplab record -- COMMAND` and `looplab listen`: Loop Lab as the viewer of another
// program's loop, headless. record starts COMMAND with the probes injected (Python: the
// probe's sitecustomize first on PYTHONPATH, LOOPLAB_PROBE=1; Qt 6: the Qt probe library
// first on LD_PRELOAD) and a socket of its own,
// records until the program exits or --duration ends (then stops it gently: SIGINT, then
// SIGTERM, then SIGKILL), prints the summary, the stalls and their culprits, and writes the
// same files as `run`. listen records whatever connects to the usual socket until SIGINT.
class RecordRun
{
public:
    static int record(const CliRequest &request, const HeadlessRun::PngEncoder &encodePng = {});
    static int listen(const CliRequest &request, const HeadlessRun::PngEncoder &encodePng = {});

    // Where the Python probe lives: $LOOPLAB_PROBE_DIR, the installed share/looplab/probes/python
    // beside the binary, or the source tree's probes/python; empty if none has it.
    static QString pythonProbeDir();
    // The Qt probe library: $LOOPLAB_QT_PROBE, the installed lib/liblooplabprobe.so beside the
    // binary, or the build tree's probes/qt; empty if none has it.
    static QString qtProbeLibrary();
    // This process's environment with the probes injected, reporting to socketPath: the probe
    // dir first on PYTHONPATH, the Qt probe first on LD_PRELOAD, LOOPLAB_PROBE=1,
    // LOOPLAB_SOCKET, LOOPLAB_INTERVAL_MS. The window's File > Record a program uses it too.
    static QProcessEnvironment probeEnvironment(const QString &socketPath, int intervalMs);
    // The line that says what ran, for the exported image: name, runtime, pid, ticker, threads.
    static QString describe(const StreamSource &source);
    // The summary JSON of a recorded program: run's fields plus "source" and "stalls".
    static QJsonObject summaryJson(const StreamSource &source, const Summary &summary);
    // A program's stalls for the summary JSON ("stalls") and for the printed summary (the
    // longest first), times from originNs. A saved program run prints the same.
    static QJsonArray stallsJson(const QVector<ProgramStall> &stalls, qint64 originNs);
    static QString formatStalls(const QVector<ProgramStall> &stalls, qint64 originNs);
};
