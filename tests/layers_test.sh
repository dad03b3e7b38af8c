#!/usr/bin/env bash
# The rooms and which may include which (README, "Architecture"): every project include
# of every file in core/ and ui/ is checked against one table. A core file that includes a
# ui header (or Widgets/Charts), stats reading the recorder, or a format reaching into a
# run fails here, naming the file and line.
#   tests/layers_test.sh SOURCE_DIR          check the tree
#   tests/layers_test.sh --self-test SOURCE_DIR  also prove that a planted violation fails
set -euo pipefail

# room: the rooms (or single headers) its files may include besides their own.
declare -A allowed=(
    [core/stats]="engine/kinds.h engine/span.h engine/ticksample.h"
    [core/engine]="stats"
    [core/executors]="engine"
    [core/formats]="engine stats"
    [core/lessons]="engine"
    [core/run]="engine stats executors formats lessons"
    [core/cli]="engine stats executors formats lessons run stream"
    [core/stream]="engine"
    [ui/style]="engine stats"
    [ui/timeline]="engine stats style"
    [ui/charts]="engine stats style timeline"
    [ui/export]="CORE style timeline charts window compare"
    [ui/compare]="CORE style timeline charts export"
    [ui/window]="CORE style timeline charts export compare"
)
core_rooms="engine stats executors formats lessons run cli stream"
ui_only_qt='QtWidgets|QtCharts|QWidget|QChart|QApplication|QPainter|QAbstractAxis|QValueAxis|QLogValueAxis|QLineSeries|QScatterSeries|QAreaSeries|QBarSeries|QMainWindow|QDialog|QLabel|QPushButton|QToolBar|QMenu'

check() { # SOURCE_DIR: prints violations, returns 1 if any
    local root=$1 bad=0 file room rest line target allow ok a
    while IFS= read -r file; do
        rest=${file#"$root"/}
        room=$(dirname "$rest")
        case $room in core/executors/*) room=core/executors ;; esac
        [ -n "${allowed[$room]+x}" ] || { echo "$rest: room $room is not in tests/layers_test.sh"; bad=1; continue; }
        allow=${allowed[$room]//CORE/$core_rooms}
        while IFS=: read -r line target; do
            if [[ $target =~ ^\<($ui_only_qt) ]] && [[ $room == core/* ]]; then
                echo "$rest:$line: core includes $target (core never links Widgets or Charts)"
                bad=1
                continue
            fi
            [[ $target =~ ^\"([a-z]+)/ ]] || continue
            ok=0
            [ "${BASH_REMATCH[1]}" = "${room#*/}" ] && ok=1
            [ "$room" = core/executors ] && [ "${BASH_REMATCH[1]}" = executors ] && ok=1
            for a in $allow; do
                t=${target//\"/}
                if [ "$a" = "${BASH_REMATCH[1]}" ] || [ "$a" = "$t" ]; then ok=1; fi
            done
            if [ $ok = 0 ]; then
                echo "$rest:$line: $room may not include $target (allowed: ${allow// /, })"
                bad=1
            fi
        done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file" |
                 sed -n 's/^\([0-9]*\):[[:space:]]*#[[:space:]]*include[[:space:]]*\([<"][^>"]*[>"]\).*/\1:\2/p')
    done < <(find "$root/core" "$root/ui" -name '*.h' -o -name '*.cpp' | grep -v '/tsanwarmup.cpp$' | sort)
    return $bad
}

self_test=0
if [ "${1:-}" = --self-test ]; then self_test=1; shift; fi
src=$(cd "$1" && pwd)

check "$src" || { echo "layers: the include rules are broken (see above)"; exit 1; }
echo "layers: every include of core/ and ui/ follows the rooms' rules"

if [ $self_test = 1 ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    for planted in 'core/stats/statistics.cpp:#include "engine/recorder.h"' \
                   'core/engine/recorder.cpp:#include "timeline/timeaxis.h"' \
                   'core/formats/runfile.cpp:#include "run/session.h"' \
                   'core/run/session.cpp:#include <QWidget>'; do
        rm -rf "$work/tree" && mkdir -p "$work/tree" && cp -r "$src/core" "$src/ui" "$work/tree/"
        printf '%s\n' "${planted#*:}" >>"$work/tree/${planted%%:*}"
        if check "$work/tree" >/dev/null; then
            echo "layers: self-test FAILED, a planted ${planted#*:} in ${planted%%:*} went unnoticed"
            exit 1
        fi
    done
    echo "layers: self-test: each of 4 planted violations was caught"
fi
