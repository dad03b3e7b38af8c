#pragma once

#include "cli/commandline.h"
#include "run/comparison.h"
#include "engine/loadedrun.h"

#include <functional>

struct Summary;

// `looplab run`, `compare`, `export` and `demo`: drive a Session on this thread's event
// loop, print the summary and write the requested files. Needs a Q(Core)Application.
// The files are written whatever happens to standard output (a closed pipe is reported,
// not fatal), all or none (OutputSet), and after a first SIGINT or SIGTERM too.
class HeadlessRun
{
public:
    // Render a finished run, or a comparison, to PNG bytes; provided by the ui library.
    using PngEncoder = std::function<bool(const LoadedRun &run, QSize size, QByteArray *png, QString *error)>;
    using ComparePngEncoder = std::function<bool(const QVector<Comparison::Result> &results, const RunConfig &base,
                                                 QSize size, QByteArray *png, QString *error)>;

    static int run(const CliRequest &request, const PngEncoder &encodePng = {});
    // `looplab export FILE`: the files of a saved run, written again.
    static int exportSaved(const CliRequest &request, const PngEncoder &encodePng = {});
    static int compare(const CliRequest &request, const ComparePngEncoder &encodePng = {});
    static int demo();

    // extraRows: more "  name value\n" rows, placed before the verdict line.
    static QString formatSummary(const Summary &summary, const QString &extraRows = {});
};
