#pragma once

#include "engine/runconfig.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// What a scenario file asked for: the lesson (if any) and the parameters it set.
struct Scenario
{
    QString lesson;    // empty: none
    RunConfig config;  // the lesson's preset (or the defaults) with the file's keys applied
    QStringList keys;  // the parameter keys the file set

    // Copies the parameters the file set onto *config, leaving the others alone, so a
    // scenario can sit between a preset and the options given on the command line.
    void applyTo(RunConfig *config) const;
};

// `looplab run --scenario FILE.json`: one JSON object whose keys are the `looplab run`
// option names ("work", "mode", "lesson", "duration", "interval", "io-ms", …) plus an
// optional "description". Strict: an unknown key, a wrong type or a value out of range is
// refused with one sentence naming the key. Ranges are RunConfig::validate()'s.
class ScenarioFile
{
public:
    static constexpr qint64 kMaxBytes = 64 * 1024;

    static QStringList keys();
    // On failure returns false, sets *error and leaves *out untouched.
    static bool parse(const QByteArray &data, Scenario *out, QString *error);
    // Reads and parses a file; errors start with the path.
    static bool read(const QString &path, Scenario *out, QString *error);
};
