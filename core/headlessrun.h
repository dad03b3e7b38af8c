#pragma once

#include "commandline.h"

#include <functional>

class Session;
struct Summary;

// `looplab run` and `looplab demo`: drive a Session on this thread's event loop, print the
// summary and write the requested files. Needs a Q(Core)Application.
class HeadlessRun
{
public:
    // Renders the finished session to a PNG; provided by the ui library.
    using PngExporter = std::function<bool(const Session &session, const QString &path, QSize size, QString *error)>;

    static int run(const CliRequest &request, const PngExporter &exportPng = {});
    static int demo();

    static QString formatSummary(const Summary &summary);
};
