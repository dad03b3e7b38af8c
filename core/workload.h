#pragma once

#include <QByteArray>
#include <QJsonValue>

#include <atomic>
#include <functional>

// The work a task does. Both kinds check the cancellation flag where they can:
// the sleep every few milliseconds, the walk at every object.
class Workload
{
public:
    // Blocks the calling thread for ms (a stand-in for a driver with no async API).
    // Returns the milliseconds actually slept, less than ms when cancelled.
    static int blockingIo(int ms, const std::atomic_bool &cancel);

    // A deterministic JSON document of about kb kilobytes: nested objects and arrays of
    // records, the kind of payload a web service returns.
    static QByteArray generateJson(int kb);

    // Parses the document with Qt's JSON parser and counts every key, recursively.
    // Returns -1 if the document does not parse or the walk was cancelled.
    // yieldPoint, if given, is called at every object of the walk (the GIL model hands its
    // lock over there); the parse itself never yields, like a C parser under the GIL.
    static qint64 parseAndWalk(const QByteArray &json, const std::atomic_bool &cancel,
                               const std::function<void()> &yieldPoint = {});
    static qint64 countKeys(const QJsonValue &value, const std::atomic_bool &cancel,
                            const std::function<void()> &yieldPoint = {});
};
