// libFuzzer target: a saved run (.looplab.json) read back by RunFile::load.
#include "formats/runfile.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    LoadedRun run;
    QString error;
    const bool ok = RunFile::load(QByteArray(reinterpret_cast<const char *>(data), qsizetype(size)), &run, &error);
    // The contract: success yields a recorder, failure a sentence.
    if (ok ? !run.recorder : error.isEmpty())
        __builtin_trap();
    return 0;
}
