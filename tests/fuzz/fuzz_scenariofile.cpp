// libFuzzer target: a scenario file (looplab run --scenario FILE.json) parsed by ScenarioFile.
#include "cli/scenariofile.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Scenario scenario;
    QString error;
    if (ScenarioFile::parse(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &scenario, &error)) {
        // What a scenario accepts is a valid run, on its own and laid over the defaults.
        RunConfig config;
        scenario.applyTo(&config);
        if (!scenario.config.validate().isEmpty() || !config.validate().isEmpty() || config.durationS <= 0)
            __builtin_trap();
    } else if (error.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
