#!/usr/bin/env bash
# Fuzzes every loader of outside data with libFuzzer (clang-14, AddressSanitizer and
# UndefinedBehaviorSanitizer) and prints one line per target.
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]   default: 600 s, every target
# Targets: runfile wireprotocol scenariofile commandline outputpaths (tests/fuzz/fuzz_<target>.cpp).
# Seeds come from tests/fuzz/corpus/<target> (read only); new inputs, logs and crash
# artifacts go to build-fuzz/fuzz-out/<target>. Two targets run at a time (the machine has
# two cores; set LOOPLAB_FUZZ_PARALLEL to change it). Exit status 1 if any target crashed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/deps.sh"
looplab_install_deps clang-14 libclang-rt-14-dev

seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(runfile wireprotocol scenariofile commandline outputpaths)
parallel=${LOOPLAB_FUZZ_PARALLEL:-2}

cmake --preset fuzz -S "$root" >/dev/null
cmake --build "$root/build-fuzz" --parallel "$(nproc)" --target "${targets[@]/#/fuzz_}"

out="$root/build-fuzz/fuzz-out"
fuzz_one() {
    local target=$1 dir="$out/$1"
    rm -rf "$dir"
    mkdir -p "$dir/corpus" "$dir/artifacts"
    local dict=()
    [ -f "$root/tests/fuzz/$target.dict" ] && dict=(-dict="$root/tests/fuzz/$target.dict")
    # The scratch corpus comes first: libFuzzer writes new inputs only to the first folder.
    "$root/build-fuzz/tests/fuzz/fuzz_$target" "$dir/corpus" "$root/tests/fuzz/corpus/$target" "${dict[@]}" \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$dir/artifacts/" >"$dir/log" 2>&1 || true
}

echo "looplab: fuzzing ${targets[*]} for $seconds s each, $parallel at a time (logs in $out)"
running=0
for target in "${targets[@]}"; do
    fuzz_one "$target" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then
        wait -n
        running=$((running - 1))
    fi
done
wait

status=0
printf '%-14s %12s %9s %7s %7s %8s %8s\n' target runs exec/s cov ft corpus crashes
for target in "${targets[@]}"; do
    dir="$out/$target"
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
    last=$(grep -E '^#[0-9]+[[:space:]].*cov: ' "$dir/log" | tail -1 || true)
    cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    corpus=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
    crashes=$(find "$dir/artifacts" -type f | wc -l)
    printf '%-14s %12s %9s %7s %7s %8s %8s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" \
        "${corpus:-?}" "$crashes"
    if [ "$crashes" -gt 0 ]; then
        status=1
        find "$dir/artifacts" -type f -printf '    %p\n'
    fi
done
exit $status
