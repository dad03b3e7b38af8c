#pragma once

#include "engine/loadedrun.h"

#include <QByteArray>
#include <QString>

class Recorder;

// Saving and opening a whole run (.looplab.json): one JSON object, times in integer ns
// relative to start_ns so that no value nears 2^53, ticks delta-encoded (see runfile.cpp).
// The loader trusts nothing in the file: any damaged or foreign input is refused with one
// sentence, never a crash.
class RunFile
{
public:
    static constexpr int kVersion = 1;
    static constexpr const char *kSuffix = ".looplab.json";
    // Ticks, spans, counter samples or mode switches a file may hold, each.
    static constexpr qint64 kMaxItems = 50000000;
    // A file larger than this is refused before it is read (a long run at 1 ms keeps well under).
    static constexpr qint64 kMaxFileBytes = qint64(1) << 30;

    // Expects what a Session records: every time at or after startNs. Spans are saved in
    // id order up to the first slot still being published (only while a run goes on). A
    // recorded program's name, runtime, description and stalls are saved with it.
    static QByteArray save(const LoadedRun &run);
    static QByteArray save(const Recorder &recorder, const RunConfig &config, qint64 startNs, qint64 endNs,
                           const QString &lesson = {});
    // On success fills *out with a new recorder and returns true. On failure returns false,
    // sets *error to one sentence and leaves *out untouched.
    static bool load(const QByteArray &data, LoadedRun *out, QString *error);
};
