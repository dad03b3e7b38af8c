#!/usr/bin/env bash
# Scale of the stream (issue 16): a program sending RATE events/s for SECONDS to `looplab
# listen`. Prints what was sent and received, whether Loop Lab kept up (the sender's time
# blocked on the socket), and Loop Lab's peak memory, which the raw-history bound caps.
# Usage: bench/stream/flood.sh [rate] [seconds]   (env: LOOPLAB)
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
