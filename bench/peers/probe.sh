#!/usr/bin/env bash
# Fidelity of the asyncio probe: bench/peers/asyncio_peer.py measures its own loop's lag with
# its own ticker while `looplab record` measures the same loop through the probe, in the same
# run. Targets (issue 16): p50 within 0.5 ms, p99 within 10 %.
# Usage: bench/peers/probe.sh [rounds] [duration_s]   (env: LOOPLAB, JSON_KB, PERIOD, INTERVAL)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${1:-3}" DURATION="${2:-10}"
LOOPLAB="${LOOPLAB:-$root/build/app/looplab}"
JSON_KB="${JSON_KB:-2048}" PERIOD="${PERIOD:-100}" INTERVAL="${INTERVAL:-10}"
OUT="$(mktemp -d /tmp/looplab-probe.XXXXXX)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for mode in thread inline; do
  for i in $(seq "$ROUNDS"); do
    echo "$mode round $i/$ROUNDS..." >&2
    "$LOOPLAB" record --interval "$INTERVAL" --summary-json "$OUT/probe-$mode-$i.json" -- \
      python3 "$here/asyncio_peer.py" --work cpu --mode "$mode" --duration "$DURATION" --interval "$INTERVAL" \
        --period "$PERIOD" --json-kb "$JSON_KB" --summary-json "$OUT/peer-$mode-$i.json" >/dev/null 2>&1
  done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); summaries in $OUT" >&2
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
load = lambda n: json.load(open(f'{out}/{n}.json'))
print(f'| mode | figure (median of {rounds} rounds) | asyncio_peer.py own ticker | looplab record (probe) | difference | target |')
print('|---|---|---|---|---|---|')
for mode in ('thread', 'inline'):
    for k, target in (('p50_ms', 'within 0.5 ms'), ('p95_ms', ''), ('p99_ms', 'within 10 %'), ('max_ms', '')):
        peer = statistics.median(load(f'peer-{mode}-{i}')[k] for i in range(1, rounds + 1))
        probe = statistics.median(load(f'probe-{mode}-{i}')[k] for i in range(1, rounds + 1))
        diff = probe - peer
        rel = f' ({100 * diff / peer:+.1f} %)' if peer > 0 else ''
        ok = ''
        if k == 'p50_ms':
            ok = 'PASS' if abs(diff) <= 0.5 else 'FAIL'
        elif k == 'p99_ms':
            ok = 'PASS' if peer > 0 and abs(diff) <= 0.1 * peer else 'FAIL'
        print(f'| {mode} | {k} | {peer:.2f} | {probe:.2f} | {diff:+.2f}{rel} | {target} {ok} |')
PY
