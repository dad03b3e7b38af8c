#!/usr/bin/env bash
# Peer comparison: Loop Lab vs asyncio vs Node on the same parameters, run one after another.
# Usage: bench/peers/compare.sh [duration_s]   (env: LOOPLAB, INTERVAL, PERIOD, IO_MS, JSON_KB, OUT)
# Prints one markdown table. The ratio column: on offloaded rows, Loop Lab's best offloaded p99
# divided by the best peer's offloaded p99 for that work kind (goal <= 0.5).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
DURATION="${1:-${DURATION:-10}}"
LOOPLAB="${LOOPLAB:-$root/build/app/looplab}"
INTERVAL="${INTERVAL:-10}" PERIOD="${PERIOD:-100}" IO_MS="${IO_MS:-200}" JSON_KB="${JSON_KB:-2048}"
OUT="${OUT:-$(mktemp -d /tmp/looplab-peers.XXXXXX)}"
mkdir -p "$OUT"
common=(--duration "$DURATION" --interval "$INTERVAL" --period "$PERIOD" --io-ms "$IO_MS" --json-kb "$JSON_KB")

# tool work mode offloaded(1/0)
runs=(
  "looplab io pool 1"      "looplab io inline 0"
  "looplab cpu pool 1"     "looplab cpu process 1"  "looplab cpu inline 0"
  "asyncio io thread 1"    "asyncio io inline 0"
  "asyncio cpu thread 1"   "asyncio cpu process 1"  "asyncio cpu inline 0"
  "node io worker 1"       "node io inline 0"
  "node cpu worker 1"      "node cpu inline 0"
)
: > "$OUT/index.txt"
for r in "${runs[@]}"; do
  read -r tool work mode off <<<"$r"
  f="$OUT/$tool-$work-$mode.json"
  echo "running $tool $work $mode (${DURATION}s)..." >&2
  case "$tool" in
    looplab) "$LOOPLAB" run --work "$work" --mode "$mode" "${common[@]}" --summary-json "$f" >/dev/null 2>"$f.err" ;;
    asyncio) python3 "$here/asyncio_peer.py" --work "$work" --mode "$mode" "${common[@]}" --summary-json "$f" >/dev/null 2>"$f.err" ;;
    node)    node "$here/node_peer.js" --work "$work" --mode "$mode" "${common[@]}" --summary-json "$f" >/dev/null 2>"$f.err" ;;
  esac || echo "  $tool $work $mode failed (see $f.err)" >&2
  echo "$tool $work $mode $off $f" >> "$OUT/index.txt"
done
echo "summaries in $OUT; load average now: $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$OUT/index.txt" "$DURATION" <<'EOF'
import json, sys
rows = []
for line in open(sys.argv[1]):
    tool, work, mode, off, path = line.split()
    try:
        s = json.load(open(path))
    except Exception:
        s = None
    rows.append((tool, work, mode, off == '1', s))

best = {}  # (work, is_looplab) -> best offloaded p99
for tool, work, mode, off, s in rows:
    if off and s:
        k = (work, tool == 'looplab')
        best[k] = min(best.get(k, float('inf')), s['p99_ms'])

def ratio(work):
    lab, peer = best.get((work, True)), best.get((work, False))
    if lab is None or peer is None or peer <= 0:
        return 'n/a'
    r = lab / peer
    return f"{r:.3f} {'✓' if r <= 0.5 else '✗'}"

print(f"Duration {sys.argv[2]} s per run; ratio = Loop Lab best offloaded p99 / best peer offloaded p99 (goal ≤ 0.5)\n")
print('| tool | work | mode | p50 ms | p99 ms | max ms | tasks | ratio |')
print('|---|---|---|---:|---:|---:|---:|---:|')
for tool, work, mode, off, s in rows:
    if not s:
        print(f'| {tool} | {work} | {mode} | failed | | | | |')
        continue
    print(f"| {tool} | {work} | {mode}{'' if off else ' (ref)'} | {s['p50_ms']:.3f} | {s['p99_ms']:.3f} | "
          f"{s['max_ms']:.3f} | {s['tasks']} | {ratio(work) if off else ''} |")
EOF
