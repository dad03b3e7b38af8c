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
    // For the command line's first SIGINT or SIGTERM, from the signal handler (it only
    // stores a lock-free atomic): every task of the process then counts as cancelled, so
    // one blocking the loop thread ends within a sleep slice and the run can stop.
    static void interruptAll();
    // The task should stop: its run's cancel flag is set, or interruptAll() was called.
    static bool isCancelled(const std::atomic_bool &cancel);

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
