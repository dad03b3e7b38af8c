#!/usr/bin/env bash
# Regenerates the README images under Xvfb, driving the real window with xdotool:
# a CPU run in Offload, switched to Blocking for a few seconds and back.
#   docs/screenshot-window.png   the window as a user sees it
#   docs/screenshot-gil-lesson.png  the window on the GIL lesson
#   docs/screenshot-dark.png     the same lesson in the dark theme (View > Theme > Dark)
#   docs/export-dashboard.png    what `looplab run --export-png` writes
#   docs/export-compare.png      what `looplab compare --export-png` writes
# Needs: xvfb, xdotool, imagemagick (installed if missing).
# Refuses to write any image whose verdict would contradict the lesson it illustrates (an
# offloaded run that stalls because the machine is busy, a blocking run that does not): the
# images go to a scratch folder first and reach docs/ only when every check passed.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/deps.sh"
looplab_install_deps xvfb xauth xdotool imagemagick
looplab_build "$root"
bin="$root/build/app/looplab"
mkdir -p "$root/docs"
shots=$(mktemp -d)

# check SUMMARY.json MODE WANT: WANT=responsive (no tick >= 50 ms late, p99 under one frame)
# or WANT=blocked (stalls). Prints why and fails otherwise.
check() {
    python3 - "$@" <<'PY'
import json, sys
path, mode, want = sys.argv[1:4]
doc = json.load(open(path))
runs = doc.get('runs', [doc])
s = next(r for r in runs if r['mode'] == mode)
blocked = s['long_tasks'] > 0 or s['p99_ms'] >= 16.7
if blocked != (want == 'blocked'):
    sys.exit(f"refusing: the {mode} run came out {'blocked' if blocked else 'responsive'} "
             f"(p99 {s['p99_ms']} ms, {s['long_tasks']} stalls), its image must show it {want}")
PY
}
load_note() { echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"; }
# The window shots show Offload as responsive: first prove the machine is quiet enough for that.
"$bin" run --work cpu --mode pool --duration 3 --summary-json "$shots/preflight.json" >/dev/null
check "$shots/preflight.json" pool responsive || { echo "machine too busy for README images ($(load_note))" >&2; exit 1; }

# A private settings folder, so the shot starts from the defaults, with CPU work picked.
export XDG_CONFIG_HOME=$(mktemp -d)
mkdir -p "$XDG_CONFIG_HOME/looplab"
printf '[run]\nwork=cpu\nmode=pool\n' >"$XDG_CONFIG_HOME/looplab/looplab.conf"
trap 'rm -rf "$XDG_CONFIG_HOME" "$shots"; kill ${xvfb:-} ${app:-} 2>/dev/null || true' EXIT
display=:$((90 + RANDOM % 100))
Xvfb "$display" -screen 0 1600x1000x24 >/dev/null 2>&1 & xvfb=$!
# Wait until the server answers (a fixed sleep lost the race on a slow start).
for _ in $(seq 50); do DISPLAY=$display xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.2; done
export DISPLAY=$display QT_QPA_PLATFORM=xcb
# Waits for the window, then gives it the same place and size in every shot.
place() {
    for _ in $(seq 50); do
        win=$(xdotool search --name "Loop Lab" 2>/dev/null | head -1 || true)
        [ -n "$win" ] && break
        sleep 0.2
    done
    xdotool windowsize "$win" 1560 960 windowmove "$win" 20 20
    xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win"
}
"$bin" & app=$!
place
sleep 0.5
key() { xdotool key --window "$win" "$@"; }
key ctrl+2           # Offload
key space            # Start
sleep 4
key ctrl+1           # Blocking
sleep 4
key ctrl+2           # Offload again
sleep 4
import -window root "$shots/screenshot-window.png"
key space            # Stop
sleep 1
import -window root "$shots/screenshot-stopped.png"
kill $app; wait $app 2>/dev/null || true

# The GIL lesson, started from the command line, after 8 s.
"$bin" --lesson gil & app=$!
place
sleep 9
import -window root "$shots/screenshot-gil-lesson.png"
kill $app; wait $app 2>/dev/null || true

# The same lesson in the dark theme, as View > Theme > Dark leaves it in the settings.
printf '[run]\nwork=cpu\nmode=pool\n[view]\ntheme=dark\n' >"$XDG_CONFIG_HOME/looplab/looplab.conf"
"$bin" --lesson gil & app=$!
place
sleep 9
import -window root "$shots/screenshot-dark.png"
kill $app; wait $app 2>/dev/null || true

"$bin" run --work cpu --mode inline --duration 4 --export-png "$shots/export-dashboard.png" \
    --summary-json "$shots/dashboard.json" >/dev/null
check "$shots/dashboard.json" inline blocked
"$bin" compare --work cpu --modes inline,pool,gil,process --duration 3 --export-png "$shots/export-compare.png" \
    --summary-json "$shots/compare.json" >/dev/null
check "$shots/compare.json" inline blocked
check "$shots/compare.json" pool responsive
check "$shots/compare.json" process responsive
# The window ran a while after the preflight: the pool must still be responsive now.
"$bin" run --work cpu --mode pool --duration 3 --summary-json "$shots/postflight.json" >/dev/null
check "$shots/postflight.json" pool responsive
mv "$shots"/*.png "$root/docs/"
rm -rf "$shots"
echo "($(load_note))"
echo "wrote docs/screenshot-window.png docs/screenshot-stopped.png docs/screenshot-gil-lesson.png docs/screenshot-dark.png docs/export-dashboard.png docs/export-compare.png"
