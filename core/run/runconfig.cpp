#include "run/runconfig.h"

#include <cmath>

QString RunConfig::validate() const
{
    if (!std::isfinite(durationS) || durationS < 0 || durationS > 24 * 3600)
        return QStringLiteral("duration must be between 0 (until stopped) and 86400 seconds");
    if (intervalMs < 1 || intervalMs > 10000)
        return QStringLiteral("interval must be between 1 and 10000 ms");
    if (periodMs < 1 || periodMs > 600000)
        return QStringLiteral("period must be between 1 and 600000 ms");
    if (ioMs < 0 || ioMs > 600000)
        return QStringLiteral("io-ms must be between 0 and 600000 ms");
    if (jsonKb < 1 || jsonKb > kMaxJsonKb)
        return QStringLiteral("json-kb must be between 1 and %1 KB").arg(kMaxJsonKb);
    if (workers < 1 || workers > 256)
        return QStringLiteral("workers must be between 1 and 256");
    if (work == WorkKind::Cpu && qint64(jsonKb) * workers > kMaxJsonInFlightKb)
        return QStringLiteral("json-kb × workers must be at most %1 KB for cpu work (%2 workers parsing %3 KB each "
                              "would need about %4 GB of memory); use fewer workers or a smaller document")
            .arg(kMaxJsonInFlightKb)
            .arg(workers)
            .arg(jsonKb)
            .arg(double(jsonKb) * workers * 14 / (1024 * 1024), 0, 'f', 1);
    if (switchMs < 1 || switchMs > 1000)
        return QStringLiteral("switch-ms must be between 1 and 1000 ms");
    if (queueCapacity < 1 || queueCapacity > 100000)
        return QStringLiteral("queue-cap must be between 1 and 100000 items");
    if (itemUs < 0 || itemUs > 1000000)
        return QStringLiteral("item-us must be between 0 and 1000000 µs");
    if (rawHistoryS < 0 || rawHistoryS > 24 * 3600)
        return QStringLiteral("raw-history must be between 0 (keep all) and 86400 seconds");
    return {};
}
