#!/usr/bin/env bash
# Fidelity benchmarks: builds the two programs with the bench preset and prints the
# tables for docs/PERFORMANCE.md. Takes about 3 minutes.
#   1. probe floor: bare clock_nanosleep vs timerfd vs TickerProbe vs QTimer, with the
#      default glib event dispatcher and with Qt's own (QT_NO_GLIB=1)
#   2. cost of watching: headless vs the window under Xvfb (watching.sh)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="$root/build-bench"
cmake --preset bench -S "$root" >/dev/null
cmake --build "$build" --target bench_probe_floor bench_watching >/dev/null

echo "machine: $(nproc) CPUs, $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "## Probe floor (glib event dispatcher, Qt's default on Linux)"
echo
"$build/bench/fidelity/bench_probe_floor" "$@" || true
echo
echo "## Probe floor (QT_NO_GLIB=1: Qt's own ppoll dispatcher)"
echo
QT_NO_GLIB=1 "$build/bench/fidelity/bench_probe_floor" "$@" || true
echo
echo "## Cost of watching"
echo
"$root/bench/fidelity/watching.sh" "$build"
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
