#include "probeconfig.h"

#include <cstdlib>

#include <unistd.h>

namespace {
int64_t intEnv(const char *name, int64_t fallback, int64_t low, int64_t high)
{
    const char *text = std::getenv(name);
    if (!text || !*text)
        return fallback;
    char *end = nullptr;
    const double value = std::strtod(text, &end);
    if (end == text || value != value)
        return fallback;
    if (value < double(low))
        return low;
    if (value > double(high))
        return high;
    return int64_t(value);
}

bool flagEnv(const char *name, const char *value)
{
    const char *text = std::getenv(name);
    return text && std::string(text) == value;
}
} // namespace

ProbeConfig ProbeConfig::fromEnvironment()
{
    ProbeConfig c;
    c.enabled = !flagEnv("LOOPLAB_PROBE", "0");
    c.debug = flagEnv("LOOPLAB_PROBE_DEBUG", "1");
    c.stacks = !flagEnv("LOOPLAB_QT_STACKS", "0");
    c.intervalMs = int(intEnv("LOOPLAB_INTERVAL_MS", 10, 1, 10000));
    c.slowNs = intEnv("LOOPLAB_SLOW_MS", 50, 1, 86400000) * 1000000;
    c.socketPath = defaultSocketPath();
    return c;
}

std::string ProbeConfig::defaultSocketPath()
{
    const char *custom = std::getenv("LOOPLAB_SOCKET");
    if (custom && *custom)
        return custom;
    const char *runtime = std::getenv("XDG_RUNTIME_DIR");
    if (runtime && *runtime)
        return std::string(runtime) + "/looplab/looplab.sock";
    return "/tmp/looplab-" + std::to_string(getuid()) + "/looplab.sock";
}
