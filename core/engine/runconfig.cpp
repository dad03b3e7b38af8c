#include "engine/runconfig.h"

#include <cmath>

QString RunConfig::validate() const
{
    if (!std::isfinite(durationS) || durationS < 0 || durationS > 24 * 3600)
        return QStringLiteral("duration must be between 0 (until stopped) and 86400 seconds");
    for (const RunParameter &p : RunParameter::all()) {
        const QString problem = p.check(this->*p.field);
        if (!problem.isEmpty())
            return problem;
    }
    if (work == WorkKind::Cpu && qint64(jsonKb) * workers > kMaxJsonInFlightKb)
        return QStringLiteral("json-kb × workers must be at most %1 KB for cpu work (%2 workers parsing %3 KB each "
                              "would need about %4 GB of memory); use fewer workers or a smaller document")
            .arg(kMaxJsonInFlightKb)
            .arg(workers)
            .arg(jsonKb)
            .arg(double(jsonKb) * workers * 14 / (1024 * 1024), 0, 'f', 1);
    return {};
}

const QVector<RunParameter> &RunParameter::all()
{
    // clang-format off
    static const QVector<RunParameter> table = {
        {"interval",    "interval_ms",    &RunConfig::intervalMs,    1, 10000,      "ms",      nullptr,    "MS",
         "Ticker interval in ms (default {default}).", true},
        {"period",      "period_ms",      &RunConfig::periodMs,      1, 600000,     "ms",      nullptr,    "MS",
         "Submit one task every MS (default {default}).", true},
        {"io-ms",       "io_ms",          &RunConfig::ioMs,          0, 600000,     "ms",      nullptr,    "MS",
         "Length of one blocking I/O task in ms (default {default}).", true},
        {"json-kb",     "json_kb",        &RunConfig::jsonKb,        1, RunConfig::kMaxJsonKb, "KB", nullptr, "KB",
         "Size of the JSON a CPU task parses, in KB (default {default}, at most {max}; a parse holds about 14 "
         "times the document, so for cpu work json-kb × workers is at most {inflight}).", true},
        {"workers",     "workers",        &RunConfig::workers,       1, 256,        "",        nullptr,    "N",
         "Pool threads or worker processes (default: ideal thread count, {default}).", true},
        {"switch-ms",   "switch_ms",      &RunConfig::switchMs,      1, 1000,       "ms",      nullptr,    "MS",
         "gil: switch interval in ms (default {default}, as sys.setswitchinterval).", true},
        {"queue-cap",   "queue_capacity", &RunConfig::queueCapacity, 1, 100000,     "items",   nullptr,    "N",
         "queue: capacity of the producer queue (default {default}).", true},
        {"item-us",     "item_us",        &RunConfig::itemUs,        0, 1000000,    "µs",      nullptr,    "US",
         "queue: loop time to handle one item, in µs (default {default}).", true},
        {"raw-history", "raw_history_s",  &RunConfig::rawHistoryS,   0, 24 * 3600,  "seconds", "keep all", "S",
         "Keep raw ticks and spans for the last S seconds; older ones are decimated, statistics still count them "
         "(default {default}, 0: keep all).", false},
    };
    // clang-format on
    return table;
}

QString RunParameter::helpText() const
{
    const RunConfig defaults;
    return QString::fromUtf8(help)
        .replace(QLatin1String("{default}"), QString::number(defaults.*field))
        .replace(QLatin1String("{max}"), QString::number(max))
        .replace(QLatin1String("{inflight}"), QString::number(RunConfig::kMaxJsonInFlightKb));
}

QString RunParameter::check(int value) const
{
    if (value >= min && value <= max)
        return {};
    QString low = QString::number(min);
    if (zeroMeans && min == 0)
        low += QStringLiteral(" (%1)").arg(QLatin1String(zeroMeans));
    QString message = QStringLiteral("%1 must be between %2 and %3").arg(QLatin1String(option), low, QString::number(max));
    if (*unit)
        message += QLatin1Char(' ') + QString::fromUtf8(unit);
    return message;
}
