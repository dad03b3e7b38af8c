#!/usr/bin/env bash
# Refreshes resources/translations/*.ts from the tr()/translate() strings in core/ and ui/
# (lupdate through the update_translations CMake target), then lists what is left to translate.
# New or changed strings come out as type="unfinished": translate them in Qt Linguist
# (linguist resources/translations/looplab_ru.ts) or in the XML, and build; the test
# `translations` fails while any are left.
#   scripts/update-translations.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/deps.sh"
looplab_install_deps
cmake --preset release -S "$root" >/dev/null
cmake --build "$root/build" --target update_translations
for ts in "$root"/resources/translations/*.ts; do
    left=$(grep -c 'type="unfinished"' "$ts" || true)
    echo "$(basename "$ts"): $left to translate"
done
