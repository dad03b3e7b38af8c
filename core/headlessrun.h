#pragma once

#include "commandline.h"
#include "comparison.h"
#include "runfile.h"

#include <functional>

struct Summary;

// `looplab run` and `looplab demo`: drive a Session on this thread's event loop, print the
// summary and write the requested files. Needs a Q(Core)Application.
class HeadlessRun
{
public:
    // Render a finished run, or a comparison, to a PNG; provided by the ui library.
    using PngExporter = std::function<bool(const LoadedRun &run, const QString &path, QSize size, QString *error)>;
    using ComparePngExporter = std::function<bool(const QVector<Comparison::Result> &results, const RunConfig &base,
                                                  const QString &path, QSize size, QString *error)>;

    static int run(const CliRequest &request, const PngExporter &exportPng = {});
    // `looplab export FILE`: the files of a saved run, written again.
    static int exportSaved(const CliRequest &request, const PngExporter &exportPng = {});
    static int compare(const CliRequest &request, const ComparePngExporter &exportPng = {});
    static int demo();

    static QString formatSummary(const Summary &summary);
};
