#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class Recorder;
struct RunConfig;
struct Summary;

// Turning a run into files. Every write goes through QSaveFile, so a failure never
// leaves a half-written file behind.
class RunExport
{
public:
    static QJsonObject summaryJson(const Summary &summary, const RunConfig &config);
    // One CSV of ticks and spans (format in the README), times in ms since startNs.
    static QByteArray csv(const Recorder &recorder, qint64 startNs);

    // Writes atomically; on failure returns false and a sentence with the reason.
    static bool writeFile(const QString &path, const QByteArray &data, QString *error);
    // Checks before a run that path could be written, so a long run does not end in an
    // error. Empty when fine, else the reason.
    static QString checkWritable(const QString &path);
};
