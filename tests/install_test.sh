#!/usr/bin/env bash
# ctest "install": `cmake --install` into a temporary root puts the binary, icon, .desktop
# file and AppStream metainfo in the standard places; then `cpack -G DEB` builds the
# package and it holds the same files with the Qt libraries as dependencies. A tiny Qt
# program is built against the installed Qt probe (find_package(LoopLabProbe)) and recorded.
#   install_test.sh BUILD_DIR APP_ID     (LOOPLAB_SKIP_DEB=1 skips the package)
set -euo pipefail
build=$1 id=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

libdir=$(sed -n 's/^CMAKE_INSTALL_LIBDIR:PATH=//p' "$build/CMakeCache.txt")
libdir=${libdir:-lib}
expected=(
    usr/bin/looplab
    "usr/share/icons/hicolor/scalable/apps/$id.svg"
    "usr/share/applications/$id.desktop"
    "usr/share/metainfo/$id.metainfo.xml"
    usr/share/doc/looplab/copyright
    usr/share/looplab/probes/python/looplab_probe/__init__.py
    usr/share/looplab/probes/python/sitecustomize.py
    "usr/$libdir/liblooplabprobe.so"
    usr/include/looplab/looplabprobe.h
    "usr/$libdir/cmake/LoopLabProbe/LoopLabProbeConfig.cmake"
    "usr/$libdir/pkgconfig/looplabprobe.pc"
)

check_tree() { # root: the files are there, valid, and the binary runs from there
    local root=$1 f
    for f in "${expected[@]}"; do
        [ -s "$root/$f" ] || fail "$f missing under $root"
    done
    [ -x "$root/usr/bin/looplab" ] || fail "usr/bin/looplab is not executable"
    if command -v desktop-file-validate >/dev/null; then
        desktop-file-validate "$root/usr/share/applications/$id.desktop" || fail "desktop file invalid"
    fi
    if command -v appstreamcli >/dev/null; then
        appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" >/dev/null \
            || fail "metainfo invalid"
    fi
    grep -q "^Exec=looplab" "$root/usr/share/applications/$id.desktop" || fail "Exec line"
    grep -q "^Icon=$id\$" "$root/usr/share/applications/$id.desktop" || fail "Icon line"
    "$root/usr/bin/looplab" --version | grep -q looplab || fail "looplab --version"
    # The process lesson starts the installed binary again as its own worker.
    "$root/usr/bin/looplab" run --work cpu --json-kb 64 --mode process --workers 1 --duration 1 \
        --summary-json "$tmp/summary.json" >/dev/null || fail "process run from $root"
    grep -q '"tasks_failed": *0' "$tmp/summary.json" || fail "worker processes failed: $(cat "$tmp/summary.json")"
    grep -q '"tasks": *[1-9]' "$tmp/summary.json" || fail "no task finished: $(cat "$tmp/summary.json")"
    # record finds the installed Python probe beside the binary, not the source tree's.
    if command -v python3 >/dev/null; then
        "$root/usr/bin/looplab" record -- python3 -c 'import asyncio; asyncio.run(asyncio.sleep(0.3))' \
            >"$tmp/record.out" 2>"$tmp/record.err" || fail "record from $root: $(cat "$tmp/record.err")"
        grep -q "with the probe from $root/usr/share/looplab/probes/python" "$tmp/record.err" \
            || fail "record did not use the installed probe: $(cat "$tmp/record.err")"
        grep -q "Loop Lab record:" "$tmp/record.out" || fail "record printed no summary"
    fi
    # A program linked against the installed probe, recorded by the installed looplab.
    local tiny="$tmp/tiny-$(basename "$root")"
    mkdir -p "$tiny"
    cat >"$tiny/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.21)
project(tiny LANGUAGES CXX)
find_package(Qt6 REQUIRED COMPONENTS Core)
find_package(LoopLabProbe REQUIRED)
add_executable(tiny main.cpp)
target_link_libraries(tiny PRIVATE Qt6::Core LoopLab::Probe)
CMAKE
    cat >"$tiny/main.cpp" <<'CPP'
#include <looplab/looplabprobe.h>
#include <QCoreApplication>
#include <QThread>
#include <QTimer>
int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTimer::singleShot(100, [] { LoopLabProbe::Span span("tiny work"); QThread::msleep(120); });
    QTimer::singleShot(600, &app, &QCoreApplication::quit);
    return app.exec();
}
CPP
    cmake -S "$tiny" -B "$tiny/build" -G Ninja -DCMAKE_PREFIX_PATH="$root/usr" >"$tiny/cmake.log" 2>&1 \
        || fail "find_package(LoopLabProbe) from $root: $(cat "$tiny/cmake.log")"
    cmake --build "$tiny/build" >"$tiny/build.log" 2>&1 || fail "linking LoopLab::Probe: $(cat "$tiny/build.log")"
    "$root/usr/bin/looplab" record --summary-json "$tiny/summary.json" -- "$tiny/build/tiny" \
        >"$tiny/record.out" 2>"$tiny/record.err" || fail "record tiny: $(cat "$tiny/record.err")"
    grep -q "and the Qt probe $root/usr/$libdir/liblooplabprobe.so" "$tiny/record.err" \
        || fail "record did not use the installed Qt probe: $(cat "$tiny/record.err")"
    grep -q '"runtime": *"qt"' "$tiny/summary.json" || fail "tiny was not recorded: $(cat "$tiny/summary.json")"
    grep -q '"tasks": *1' "$tiny/summary.json" || fail "the span of tiny is missing: $(cat "$tiny/summary.json")"
}

DESTDIR="$tmp/root" cmake --install "$build" --prefix /usr >/dev/null
check_tree "$tmp/root"
echo "cmake --install: ok"

if [ "${LOOPLAB_SKIP_DEB:-0}" = 1 ] || ! command -v cpack >/dev/null || ! command -v dpkg-deb >/dev/null \
    || ! command -v dpkg-shlibdeps >/dev/null; then
    echo "skipping the .deb"
    exit 0
fi
(cd "$tmp" && cpack -G DEB -B "$tmp/pkg" --config "$build/CPackConfig.cmake" >"$tmp/cpack.log" 2>&1) \
    || { cat "$tmp/cpack.log"; fail "cpack"; }
deb=$(ls "$tmp"/pkg/*.deb)
info=$(dpkg-deb -I "$deb")
echo "$info" | grep -q "Package: looplab" || fail "package name"
echo "$info" | grep -Eq "Depends:.*libqt6charts6" || fail "no Qt Charts dependency: $info"
echo "$info" | grep -Eq "Depends:.*libqt6widgets6" || fail "no Qt Widgets dependency: $info"
contents=$(dpkg-deb -c "$deb")
for f in "${expected[@]}"; do
    echo "$contents" | grep -Eq "\./$f( -> .*)?$" || fail "$f not in the package" # a symlink lists its target
done
dpkg-deb -x "$deb" "$tmp/deb"
check_tree "$tmp/deb"
echo "$(basename "$deb"): ok"
