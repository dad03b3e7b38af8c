#!/usr/bin/env bash
# Builds Loop Lab and runs the whole test suite (installing Debian packages if missing).
# GUI tests run on Qt's offscreen platform, so no display is needed.
# Extra arguments go to ctest, e.g. scripts/test.sh -R session
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/deps.sh"
looplab_install_deps
looplab_build "$root"
cd "$root/build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure --timeout 600 "$@"
