#!/usr/bin/env bash
# Builds Loop Lab (installing Debian packages if missing) and starts it with the given
# arguments. No arguments: the window (or, with no display, the headless demo).
#   scripts/run.sh
#   scripts/run.sh run --work cpu --mode pool --duration 3
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/deps.sh"
looplab_install_deps
# Only the app: the tests are for scripts/test.sh.
looplab_build "$root" looplab
exec "$root/build/app/looplab" "$@"
