#!/usr/bin/env bash
# Installs the Debian 12 packages Loop Lab needs to build, test and run, when missing
# (dpkg-dev, desktop-file-utils and appstream: the install test builds and checks the .deb).
# Installs without recommended packages, so every package the build reads is named here;
# tests/deps_test.sh (ctest deps) checks that against dpkg and names any that is missing.
# Sourced by run.sh and test.sh; uses sudo when not root.
set -euo pipefail

LOOPLAB_PACKAGES=(
    cmake ninja-build g++ pkgconf
    qt6-base-dev libqt6opengl6-dev qt6-charts-dev libgl-dev
    libqt6svg6 qt6-qpa-plugins qt6-wayland
    qt6-tools-dev qt6-l10n-tools qt6-translations-l10n
    fonts-dejavu-core
    dpkg-dev desktop-file-utils appstream
    python3 # tst_lessons byte-compiles the asyncio snippets
)

looplab_install_deps() {
    local missing=()
    local pkg
    for pkg in "${LOOPLAB_PACKAGES[@]}" "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "looplab: installing missing Debian packages: ${missing[*]}"
    local sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# looplab_build ROOT [TARGET...]: the release build, all targets unless some are named.
looplab_build() {
    local root=$1
    shift
    local targets=()
    [ $# -eq 0 ] || targets=(--target "$@")
    cmake --preset release -S "$root" >/dev/null
    cmake --build "$root/build" --parallel "$(nproc)" "${targets[@]}"
}
