#!/usr/bin/env bash
# GIL fidelity: Loop Lab's GIL model (looplab run --mode gil) against CPython's real GIL
# (bench/peers/asyncio_peer.py, asyncio.to_thread) on the same work, rounds alternating.
# Usage: bench/peers/gil.sh [rounds] [duration_s]   (env: LOOPLAB, JSON_KB, PERIOD, INTERVAL)
# Also measures each loop's idle floor (1 ms sleeps offloaded once a second): asyncio's timers
# wake on epoll's 1 ms grid, so its p50 has a ~1 ms floor that has nothing to do with the GIL.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
ROUNDS="${1:-3}" DURATION="${2:-10}"
LOOPLAB="${LOOPLAB:-$root/build/app/looplab}"
JSON_KB="${JSON_KB:-2048}" PERIOD="${PERIOD:-100}" INTERVAL="${INTERVAL:-10}"
OUT="$(mktemp -d /tmp/looplab-gil.XXXXXX)"
common=(--duration "$DURATION" --interval "$INTERVAL" --period "$PERIOD" --json-kb "$JSON_KB")
idle=(--work io --io-ms 1 --period 1000 --duration 5 --interval "$INTERVAL")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 "$here/asyncio_peer.py" --mode thread "${idle[@]}" --summary-json "$OUT/py-idle.json" >/dev/null 2>&1
"$LOOPLAB" run --mode pool --workers 2 "${idle[@]}" --summary-json "$OUT/ll-idle.json" >/dev/null 2>&1
for i in $(seq "$ROUNDS"); do
  echo "round $i/$ROUNDS..." >&2
  python3 "$here/asyncio_peer.py" --work cpu --mode thread "${common[@]}" --summary-json "$OUT/py-$i.json" >/dev/null 2>&1
  "$LOOPLAB" run --work cpu --mode gil --workers 2 "${common[@]}" --summary-json "$OUT/ll-$i.json" >/dev/null 2>&1
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); summaries in $OUT" >&2
python3 - "$OUT" "$ROUNDS" <<'PY'
import json, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
load = lambda n: json.load(open(f'{out}/{n}.json'))
keys = ['p50_ms', 'p95_ms', 'p99_ms', 'max_ms', 'task_ms_median']
med = lambda t: {k: statistics.median(load(f'{t}-{i}')[k] for i in range(1, rounds + 1)) for k in keys}
py, ll = med('py'), med('ll')
pyi, lli = load('py-idle'), load('ll-idle')
print(f'| figure (median of {rounds} rounds) | CPython 3 asyncio.to_thread | looplab --mode gil | ratio |')
print('|---|---|---|---|')
for k in keys:
    r = ll[k] / py[k] if py[k] > 0 else float('nan')
    print(f'| {k} | {py[k]:.2f} | {ll[k]:.2f} | {r:.2f} |')
fp, fl = py['p50_ms'] - pyi['p50_ms'], ll['p50_ms'] - lli['p50_ms']
print(f'| idle floor p50_ms | {pyi["p50_ms"]:.2f} | {lli["p50_ms"]:.2f} | |')
print(f'| p50_ms above the idle floor | {fp:.2f} | {fl:.2f} | {fl / fp if fp > 0 else float("nan"):.2f} |')
PY
