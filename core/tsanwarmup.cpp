// Linked into every executable that uses core, in ThreadSanitizer builds only
// (core/CMakeLists.txt).
//
// The first time TSan has to decide whether a report is suppressed, it symbolizes the
// stacks: it starts llvm-symbolizer and reads the debug information of each module. That
// stalled the reporting thread, and through TSan's report lock the others, for about 200 ms,
// in the middle of a measured run, where it looked like a frozen event loop. Symbolizing one
// address in each module before main() pays that cost while nothing is measured.
#include <QtGlobal>

#include <sanitizer/common_interface_defs.h>
#include <sanitizer/tsan_interface.h>

#include <cstdio>

namespace {
void symbolize(const void *pc)
{
    char buffer[512];
    __sanitizer_symbolize_pc(const_cast<void *>(pc), "%F %L", buffer, sizeof buffer);
}

struct SymbolizerWarmUp
{
    SymbolizerWarmUp()
    {
        symbolize(reinterpret_cast<const void *>(&symbolize)); // this executable
        symbolize(reinterpret_cast<const void *>(&qVersion)); // Qt
        symbolize(reinterpret_cast<const void *>(&__tsan_acquire)); // the TSan runtime
        symbolize(reinterpret_cast<const void *>(&std::fflush)); // libc
    }
};

const SymbolizerWarmUp g_warmUp;
} // namespace
