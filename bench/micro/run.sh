#!/bin/sh
# Builds the `bench` preset (Release) and runs the micro benchmarks; each program ends with
# a markdown table (Target | Measured | Result | Notes) ready for docs/PERFORMANCE.md.
# Extra arguments go to both programs (e.g. --benchmark_filter=Recorder).
# Takes well under two minutes after the first build.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
build="$root/build-bench"

cmake --preset bench -S "$root" >/dev/null
cmake --build "$build" --target looplab looplab_bench_core looplab_bench_ui

export QT_QPA_PLATFORM=offscreen
export LOOPLAB_BINARY="${LOOPLAB_BINARY:-$build/app/looplab}"
echo "machine: $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg)"
cd "$build/bench/micro"
./looplab_bench_core "$@"
./looplab_bench_ui "$@" 2>&1 | grep -v -e '^QStandardPaths' -e 'propagateSizeHints'
