#!/bin/sh
# Soak: one headless `looplab run` for MINUTES (default 30) at a realistic, busy setting
# (pool mode, 1 kHz ticker, a 5 ms I/O task every 10 ms: 1000 ticks and 100 spans a second),
# sampling the process's resident memory from /proc every 5 s and printing the peak (VmHWM)
# at 1, 10 and 30 minutes. Extra arguments go to `looplab run`, e.g. `--raw-history 0` for
# an unbounded run to compare with. Not part of CI.
#   bench/soak.sh [MINUTES] [looplab run options...]
# Output: a table on stdout; the samples and the run's summary in $SOAK_DIR (a temp dir).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
minutes=${1:-30}
[ $# -gt 0 ] && shift
build="$root/build-bench"
bin=${LOOPLAB_BINARY:-}
if [ -z "$bin" ]; then
    cmake --preset bench -S "$root" >/dev/null
    cmake --build "$build" --target looplab >/dev/null
    bin="$build/app/looplab"
fi
dir=${SOAK_DIR:-$(mktemp -d /tmp/looplab-soak.XXXXXX)}
mkdir -p "$dir"
seconds=$((minutes * 60 + 10)) # past the last mark, so that it is sampled

QT_QPA_PLATFORM=offscreen "$bin" run --mode pool --work io --interval 1 --period 10 --io-ms 5 \
    --duration "$seconds" --summary-json "$dir/summary.json" "$@" >"$dir/run.txt" 2>&1 &
pid=$!
echo "soak: pid $pid, $minutes min, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), files in $dir"
printf 't_s\trss_kib\thwm_kib\n' >"$dir/rss.tsv"

kib() { awk -v k="$1" '$1 == k":" { print $2 }' "/proc/$pid/status" 2>/dev/null; }
start=$(date +%s)
last_rss=0
last_hwm=0
report() { # label
    printf '%-8s peak RSS (VmHWM) %7.1f MiB   RSS now %7.1f MiB\n' "$1" \
        "$(echo "$last_hwm" | awk '{ print $1 / 1024 }')" "$(echo "$last_rss" | awk '{ print $1 / 1024 }')"
}
next_mark=1
while kill -0 "$pid" 2>/dev/null; do
    rss=$(kib VmRSS)
    hwm=$(kib VmHWM)
    [ -n "$rss" ] || break
    last_rss=$rss
    last_hwm=$hwm
    t=$(($(date +%s) - start))
    printf '%s\t%s\t%s\n' "$t" "$rss" "$hwm" >>"$dir/rss.tsv"
    for mark in 1 10 30 60 120; do
        if [ "$mark" -ge "$next_mark" ] && [ "$mark" -le "$minutes" ] && [ "$t" -ge $((mark * 60)) ]; then
            report "${mark} min"
            next_mark=$((mark + 1))
        fi
    done
    sleep 5
done
wait "$pid" || true
report "end"
grep -e '^  ticks' -e '^  decimated' -e '^  tasks done' -e '^  lag p99 ' "$dir/run.txt" || cat "$dir/run.txt"
