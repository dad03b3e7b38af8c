#pragma once

// Loop Lab's Qt probe, linked into a program (find_package(LoopLabProbe), target LoopLab::Probe;
// or pkg-config looplabprobe). The probe starts itself when the program constructs its
// QCoreApplication and streams the GUI thread's lag, its stalls with their culprit and the
// spans below to Loop Lab (docs/PROTOCOL.md). Without Loop Lab listening it retries quietly.
//
//     LoopLabProbe::Span span("parse config");   // a span on this thread until the scope ends
//
// A program that uses no Span and links with --as-needed should call looplab_probe_start()
// once, so the linker keeps the library.

#include <stdint.h>

#if defined(__GNUC__)
#define LOOPLAB_PROBE_API __attribute__((visibility("default")))
#else
#define LOOPLAB_PROBE_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

// CLOCK_MONOTONIC now, in ns: a span's start.
LOOPLAB_PROBE_API int64_t looplab_probe_span_begin(void);
// Records the span [begin_ns, now) named `name` (copied, at most 47 bytes) on the calling thread.
LOOPLAB_PROBE_API void looplab_probe_span_end(const char *name, int64_t begin_ns);
// Starts the probe if a QCoreApplication exists and it has not started; otherwise nothing.
LOOPLAB_PROBE_API void looplab_probe_start(void);

#ifdef __cplusplus
}

namespace LoopLabProbe {

// A span from construction to destruction. `name` is copied when the span ends.
class Span
{
public:
    explicit Span(const char *name)
        : m_name(name)
        , m_beginNs(looplab_probe_span_begin())
    {
    }
    ~Span() { looplab_probe_span_end(m_name, m_beginNs); }
    Span(const Span &) = delete;
    Span &operator=(const Span &) = delete;

private:
    const char *m_name;
    int64_t m_beginNs;
};

} // namespace LoopLabProbe
#endif
