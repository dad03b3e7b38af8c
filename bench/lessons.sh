#!/usr/bin/env bash
# Runs every lesson headless with io and with cpu work and prints one table of the loop's
# lag (p99 and max) and the verdict's first sentence. Not part of the test run.
#   bench/lessons.sh [seconds per run, default 4]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$root/build/app/looplab"
[ -x "$bin" ] || { echo "build first: scripts/run.sh --version" >&2; exit 1; }
seconds=${1:-4}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf '%-13s %-8s | %-9s %9s %9s | %-9s %9s %9s\n' lesson mode "io" "p99 ms" "max ms" "cpu" "p99 ms" "max ms"
for lesson in $("$bin" lessons | awk 'NF >= 2 && $1 ~ /^[a-z-]+$/ {print $1}'); do
    row=()
    for work in io cpu; do
        "$bin" run --lesson "$lesson" --work "$work" --duration "$seconds" --summary-json "$tmp/s.json" >/dev/null
        read -r mode p99 max verdict < <(python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))
print(s["mode"], s["p99_ms"], s["max_ms"], s["verdict"].split(":")[0].split()[-1])' "$tmp/s.json")
        row+=("$verdict" "$p99" "$max")
    done
    printf '%-13s %-8s | %-9s %9s %9s | %-9s %9s %9s\n' "$lesson" "$mode" "${row[@]}"
done
