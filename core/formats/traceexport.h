#pragma once

#include <QByteArray>

class Recorder;
struct RunConfig;

// A run as Chrome trace-event JSON, the format Perfetto and chrome://tracing open; write
// it with RunExport::writeFile. Times are µs since originNs, exact to the ns.
// One process (pid 1); every lane is a thread, tid = lane + 1, sorted by lane index.
// A span that started and ended is an X event on its lane; a worker-process span's
// transfer [start, run) is an X event of its own, directly followed by the run [run, end).
// The viewers mishandle X events on one thread that overlap without nesting, so such a
// span moves to an extra thread "<lane> (overlap)" (then "(overlap 2)"...), sorted after
// all lanes. Queue time is an async b/e pair on the span's lane, written when it is
// positive and over: a span that never started but ended (cancelled or failed while
// queued) shows only its queue time, up to its end, on tid 1; a span still queued at export
// shows nothing; one still running shows its queue time but no X. Ticks, counters and
// re-entries go on tid 1, mode switches are global instants.
class TraceExport
{
public:
    static QByteArray chromeTrace(const Recorder &recorder, qint64 originNs, const RunConfig &config);
};
