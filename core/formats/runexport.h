#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

class Recorder;
struct RunConfig;
struct Summary;

// Turning a run into the bytes of its files; OutputSet writes them.
class RunExport
{
public:
    static QJsonObject summaryJson(const Summary &summary, const RunConfig &config);
    // One CSV of ticks and spans (format in the README), times in ms since startNs.
    static QByteArray csv(const Recorder &recorder, qint64 startNs);
};
