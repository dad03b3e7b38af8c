#pragma once

#include <QtGlobal>

// Under AddressSanitizer or ThreadSanitizer (the asan and tsan presets define
// LOOPLAB_SANITIZED) our code runs several times slower and every thread start, lock and
// allocation costs more. Tests whose limits depend on speed keep their release limits and
// scale through this one helper instead: less work per task, or longer time margins, so a
// sanitizer run checks the same behaviour rather than the machine's speed.
namespace Sanitized {
#ifdef LOOPLAB_SANITIZED
constexpr bool kActive = true;
#else
constexpr bool kActive = false;
#endif
// Multiplies a time margin: release limits stay exact, sanitized runs get kSlowdown times longer.
constexpr int kSlowdown = kActive ? 10 : 1;
inline int margin(int ms) { return ms * kSlowdown; }
// Divides a workload size (e.g. JSON KB) so one task still takes about as long as in release.
inline int work(int amount) { return kActive ? qMax(1, amount / 8) : amount; }
} // namespace Sanitized
