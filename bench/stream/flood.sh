#!/usr/bin/env bash
# Scale of the stream (issue 16): a program sending RATE events/s for SECONDS to `looplab
# listen`. Prints what was sent and received, whether Loop Lab kept up (the sender's time
# blocked on the socket), and Loop Lab's peak memory, which the raw-history bound caps.
# Then the same flood into the window under Xvfb, shown live in the Source chooser, while a
# ticker of Loop Lab's own measures the window's GUI loop (bench_flood_window, bench preset).
# Usage: bench/stream/flood.sh [rate] [seconds]   (env: LOOPLAB; WINDOW=0 skips the window)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
RATE="${1:-100000}" SECONDS_="${2:-60}"
LOOPLAB="${LOOPLAB:-$root/build/app/looplab}"
OUT="$(mktemp -d /tmp/looplab-flood.XXXXXX)"
export LOOPLAB_SOCKET="$OUT/flood.sock"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$LOOPLAB" listen --duration "$(python3 -c "print($SECONDS_ + 5)")" --summary-json "$OUT/summary.json" \
    >"$OUT/listen.out" 2>"$OUT/listen.err" &
listener=$!
sender=$(python3 "$here/flood.py" "$LOOPLAB_SOCKET" "$RATE" "$SECONDS_")
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$listener/status")
wait "$listener" || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); files in $OUT" >&2
python3 - "$OUT/summary.json" "$sender" "$peak_kb" "$RATE" <<'PY'
import json, sys
summary, sender, peak_kb, rate = json.load(open(sys.argv[1])), json.loads(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
received = summary['ticks'] + summary['tasks']
print('| figure | value | target |')
print('|---|---|---|')
print(f"| events sent | {sender['sent']} in {sender['seconds']} s ({sender['rate']}/s) | {rate}/s |")
print(f"| events recorded (ticks + tasks) | {received} | all: {'PASS' if received == sender['sent'] else 'FAIL'} |")
print(f"| sender blocked on the socket | {sender['blocked_s']} s | Loop Lab keeps up |")
print(f"| Loop Lab peak memory (VmHWM) | {peak_kb / 1024:.0f} MB | bounded by the raw history |")
print(f"| decimated ticks / spans | {summary['decimated_ticks']} / {summary['decimated_spans']} | |")
PY

[ "${WINDOW:-1}" = 1 ] || exit 0
build="$root/build-bench"
cmake --preset bench -S "$root" >/dev/null
cmake --build "$build" --target bench_flood_window >/dev/null
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >"$OUT/xvfb.log" 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
export LOOPLAB_SOCKET="$OUT/window.sock" XDG_CONFIG_HOME="$OUT/config" XDG_RUNTIME_DIR="$OUT/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
echo "load before the window: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
DISPLAY=":$display" QT_QPA_PLATFORM=xcb "$build/bench/stream/bench_flood_window" --duration "$SECONDS_" \
    >"$OUT/window.out" 2>"$OUT/window.err" &
window=$!
# The window measures SECONDS_ from the moment the program connects and then quits, so the
# sender's last moment may find the socket closed.
python3 "$here/flood.py" "$LOOPLAB_SOCKET" "$RATE" "$SECONDS_" >"$OUT/window-sender.json" 2>"$OUT/window-sender.err" || true
wait "$window" || { cat "$OUT/window.err" >&2; exit 1; }
echo "load after the window: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
p99=$(sed -n 's/.* p99_ms=\([^ ]*\).*/\1/p' "$OUT/window.out")
max=$(sed -n 's/.* max_ms=\([^ ]*\).*/\1/p' "$OUT/window.out")
verdict=$(awk -v p="$p99" 'BEGIN { print (p < 16.7) ? "PASS" : "FAIL" }')
echo "| Loop Lab's own GUI loop, window showing the flood live: p99 (max) | $p99 ms ($max ms) | < 16.7 ms: $verdict |"
