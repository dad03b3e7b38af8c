#include "engine/workload.h"

#include "engine/monotonicclock.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cerrno>
#include <time.h>

namespace {
std::atomic_bool s_interrupted{false};
static_assert(std::atomic_bool::is_always_lock_free, "set from a signal handler");
} // namespace

void Workload::interruptAll()
{
    s_interrupted.store(true, std::memory_order_relaxed);
}

bool Workload::isCancelled(const std::atomic_bool &cancel)
{
    return cancel.load(std::memory_order_relaxed) || s_interrupted.load(std::memory_order_relaxed);
}

int Workload::blockingIo(int ms, const std::atomic_bool &cancel)
{
    const qint64 start = MonotonicClock::nowNs();
    const qint64 end = start + qint64(ms) * 1000000;
    constexpr qint64 slice = 5 * 1000000; // how soon a cancel is noticed
    qint64 now = start;
    while (now < end && !isCancelled(cancel)) {
        const qint64 until = qMin(end, now + slice);
        timespec ts{time_t(until / 1000000000), long(until % 1000000000)};
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {}
        now = MonotonicClock::nowNs();
    }
    return int((now - start) / 1000000);
}

QByteArray Workload::generateJson(int kb)
{
    // Records are appended until the size is reached; every value comes from a counter,
    // so the same size always yields the same bytes and the same key count.
    const qsizetype target = qsizetype(qMax(1, kb)) * 1024;
    QByteArray out;
    out.reserve(target + 1024);
    out += "{\"service\":\"looplab\",\"version\":1,\"records\":[";
    for (int i = 0; out.size() < target; ++i) {
        if (i)
            out += ',';
        const QByteArray n = QByteArray::number(i);
        out += "{\"id\":" + n + ",\"name\":\"item-" + n + "\",\"active\":" + (i % 3 ? "true" : "false")
            + ",\"score\":" + QByteArray::number(double(i % 997) / 7.0, 'f', 3)
            + ",\"tags\":[\"t" + QByteArray::number(i % 13) + "\",\"t" + QByteArray::number(i % 29)
            + "\"],\"owner\":{\"uid\":" + QByteArray::number(i * 31 % 10007) + ",\"group\":\"g"
            + QByteArray::number(i % 17) + "\",\"meta\":{\"created\":" + QByteArray::number(1700000000 + i)
            + ",\"flags\":[{\"k\":\"a\"},{\"k\":\"b\"}]}}}";
    }
    out += "]}";
    return out;
}

qint64 Workload::parseAndWalk(const QByteArray &json, const std::atomic_bool &cancel,
                              const std::function<void()> &yieldPoint)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError || isCancelled(cancel))
        return -1;
    return countKeys(doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array()), cancel, yieldPoint);
}

qint64 Workload::countKeys(const QJsonValue &value, const std::atomic_bool &cancel,
                           const std::function<void()> &yieldPoint)
{
    qint64 count = 0;
    if (value.isObject()) {
        if (isCancelled(cancel))
            return -1;
        if (yieldPoint)
            yieldPoint();
        const QJsonObject object = value.toObject();
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const qint64 inner = countKeys(it.value(), cancel, yieldPoint);
            if (inner < 0)
                return -1;
            count += 1 + inner;
        }
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (const QJsonValue &item : array) {
            const qint64 inner = countKeys(item, cancel, yieldPoint);
            if (inner < 0)
                return -1;
            count += inner;
        }
    }
    return count;
}
