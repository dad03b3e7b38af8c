#!/usr/bin/env bash
# The cost of watching: the same offloaded run (pool, cpu, 2048 KB JSON every 100 ms,
# 2 workers, 10 s, 10 ms ticker) headless and in the real window with live charts under
# Xvfb, alternately, ROUNDS times each. Prints a Markdown table of p50/p99 lag.
# Usage: bench/fidelity/watching.sh [build-dir] (default: build-bench; run.sh builds it)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build-bench}"
bin="$build/bench/fidelity/bench_watching"
rounds="${ROUNDS:-3}"
duration="${DURATION:-10}"
[ -x "$bin" ] || { echo "missing $bin: run bench/fidelity/run.sh" >&2; exit 2; }
command -v Xvfb >/dev/null || { echo "Xvfb missing: apt-get install -y xvfb xauth" >&2; exit 2; }

tmp="$(mktemp -d)"
xvfb_pid=""
cleanup() {
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT

# A free display number, then wait for the server's socket.
display=99
while [ -e "/tmp/.X11-unix/X$display" ] || [ -e "/tmp/.X$display-lock" ]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1600x1000x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$display" ] && break; sleep 0.1; done
[ -e "/tmp/.X11-unix/X$display" ] || { echo "Xvfb did not start:" >&2; cat "$tmp/xvfb.log" >&2; exit 2; }

# Own config and runtime folders: never touch the user's window settings.
export XDG_CONFIG_HOME="$tmp/config" XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p"; }

echo "Cost of watching: pool / cpu, 2048 KB JSON every 100 ms, 2 workers, ${duration} s, 10 ms ticker"
echo "window: QApplication (xcb on Xvfb :$display), MainWindow shown, live charts; headless: Session on QCoreApplication"
echo
echo "| round | headless p50 | headless p99 | window p50 | window p99 | p99 window - headless | last chart update | longest drawing slice (target <= 0.5 ms) | ticks due while drawing | live frame rate (target >= 30 fps) |"
echo "|------:|-------------:|-------------:|-----------:|-----------:|----------------------:|------------------:|-----------------------------------------:|------------------------:|-----------------------------------:|"
sum_h=0; sum_w=0
for round in $(seq "$rounds"); do
    h="$("$bin" --headless --duration "$duration")"
    w="$(DISPLAY=":$display" QT_QPA_PLATFORM=xcb "$bin" --window --duration "$duration" 2>"$tmp/window.err")" \
        || { cat "$tmp/window.err" >&2; exit 1; }
    chart=$(echo "$w" | field chart_update_ms)
    slice=$(echo "$w" | field longest_slice_ms); due=$(echo "$w" | field due_while_drawing_pct)
    slice_verdict=$(awk -v s="$slice" 'BEGIN { print (s <= 0.5) ? "PASS" : "MISS" }')
    fps=$(echo "$w" | field fps)
    fps_verdict=$(awk -v f="$fps" 'BEGIN { print (f >= 30) ? "PASS" : "MISS" }')
    hp50=$(echo "$h" | field p50_ms); hp99=$(echo "$h" | field p99_ms)
    wp50=$(echo "$w" | field p50_ms); wp99=$(echo "$w" | field p99_ms)
    diff=$(awk -v a="$wp99" -v b="$hp99" 'BEGIN { printf "%+.3f", a - b }')
    printf "| %5s | %9s ms | %9s ms | %7s ms | %7s ms | %18s ms | %14s ms | %30s ms %s | %21s %% | %23s fps %s |\n" "$round" "$hp50" "$hp99" "$wp50" "$wp99" "$diff" "$chart" "$slice" "$slice_verdict" "$due" "$fps" "$fps_verdict"
    sum_h=$(awk -v s="$sum_h" -v v="$hp99" 'BEGIN { print s + v }')
    sum_w=$(awk -v s="$sum_w" -v v="$wp99" 'BEGIN { print s + v }')
done
mean_diff=$(awk -v w="$sum_w" -v h="$sum_h" -v n="$rounds" 'BEGIN { printf "%+.3f", (w - h) / n }')
verdict=$(awk -v d="$mean_diff" 'BEGIN { print (d <= 0.3 && d >= -0.3) ? "PASS" : "MISS" }')
echo
echo "mean p99: headless $(awk -v s="$sum_h" -v n="$rounds" 'BEGIN { printf "%.3f", s / n }') ms," \
     "window $(awk -v s="$sum_w" -v n="$rounds" 'BEGIN { printf "%.3f", s / n }') ms," \
     "difference $mean_diff ms (target: within 0.3 ms): $verdict"
