#!/usr/bin/env bash
# Builds a sanitizer preset and runs its tests; any sanitizer report fails the test.
#   scripts/sanitize.sh asan   the whole suite under AddressSanitizer + UndefinedBehaviorSanitizer
#   scripts/sanitize.sh tsan   the core tests (ctest label core) under ThreadSanitizer
# The runtime options (halt on the first report, TSan suppressions) live in the test
# presets of CMakePresets.json, so `ctest --preset asan` alone does the same. TSan runs
# with die_after_fork=0: process mode forks worker processes from a threaded program
# (QProcess), which TSan would otherwise kill; the child only execs looplab --worker.
# Extra arguments go to ctest, e.g. scripts/sanitize.sh tsan -R session
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
preset=${1:-}
case $preset in
asan | tsan) shift ;;
*) echo "usage: scripts/sanitize.sh asan|tsan [ctest arguments]" >&2; exit 2 ;;
esac
source "$root/scripts/deps.sh"
looplab_install_deps
cd "$root"
cmake --preset "$preset" >/dev/null
build="$root/build-$preset"
targets=(all)
if [ "$preset" = tsan ]; then
    # Only what the core tests need: the tst_NAME executable of each test NAME that has one
    # (scripts such as the layers check and the Python probe's suite need nothing built),
    # the canaries and looplab, the worker process. Names, not paths: nothing is built yet.
    mapfile -t targets < <(comm -12 \
        <(ctest --preset tsan -N | sed -n 's/^ *Test *#[0-9]*: *\(.*\)$/tst_\1/p' | sort -u) \
        <(ninja -C "$build" -t targets all | sed -n 's/^\(tst_[A-Za-z0-9_]*\): .*/\1/p' | sort -u))
    targets+=(looplab tsan_canary)
fi
cmake --build "$build" --parallel "$(nproc)" --target "${targets[@]}"
ctest --preset "$preset" "$@"
