#!/usr/bin/env bash
# Would this build work on a fresh Debian 12 machine that has only what scripts/deps.sh
# installs? A machine that already has a package hides the gap, so this asks dpkg who owns
# every file the build read (CMake package files, headers, tools and libraries) and checks
# that each owner lies in the hard-Depends closure of the packages deps.sh names, plus the
# packages every Debian system has (Essential: yes). Names each missing package.
#   tests/deps_test.sh BUILD_DIR SOURCE_DIR
# Exit 0: all covered; 1: a package is missing; 77: not a Debian system (ctest: skipped).
set -euo pipefail
build=$(cd "$1" && pwd)
source_dir=$(cd "$2" && pwd)
for tool in dpkg-query apt-cache ninja; do
    command -v "$tool" >/dev/null || { echo "deps: $tool not found, not a Debian build machine: skipped"; exit 77; }
done
[ -f "$build/build.ninja" ] || { echo "deps: $build has no build.ninja (the check reads Ninja's records)" >&2; exit 1; }

# shellcheck source=../scripts/deps.sh
source "$source_dir/scripts/deps.sh"
named=("${LOOPLAB_PACKAGES[@]}")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The optional compiler launcher (CMakeLists.txt uses ccache if it finds it).
launcher=$(sed -n 's/^LOOPLAB_CCACHE:FILEPATH=\(\/.*\)$/\1/p' "$build/CMakeCache.txt" 2>/dev/null || true)

# 1. What the build read, outside our own source and build trees.
{
    # CMake's inputs: every package configuration file find_package() opened.
    ninja -C "$build" -t query build.ninja | sed -n 's/^ *| *\(\/.*\)$/\1/p'
    # Headers, as the compiler reported them (recorded once every object is built).
    ninja -C "$build" -t deps | sed -n 's/^    \(\/.*\)$/\1/p'
    # Tools and libraries named on the command lines (compiler, moc, rcc, lrelease, .so files).
    ninja -C "$build" -t commands | tr ' ;:=' '\n\n\n\n' | grep '^/' || true
} | sort -u | while IFS= read -r path; do
    case $path in "$source_dir"/* | "$build"/* | /tmp/*) continue ;; esac
    # ccache, when a machine has it, only speeds the build up: the build does not need it.
    [ -n "$launcher" ] && [ "$path" = "$launcher" ] && continue
    [ -e "$path" ] && [ ! -d "$path" ] && printf '%s\n' "$path"
done >"$work/files"
if [ ! -s "$work/files" ]; then
    echo "deps: found no files the build read; is $build built?" >&2
    exit 1
fi

# 2. Who owns each file. A path not owned as given may be owned under the name it links to
#    (/usr/bin/c++ -> g++-12) or under its unmerged /lib name.
owners() { # files on stdin; "package<TAB>path" on stdout ("a:amd64, b: /path" lists two)
    xargs -d '\n' dpkg-query -S 2>/dev/null | awk '
        /^diversion / { next }
        { i = index($0, ": /"); if (!i) next
          path = substr($0, i + 2); n = split(substr($0, 1, i - 1), pkgs, ", ")
          for (k = 1; k <= n; k++) { sub(/:.*/, "", pkgs[k]); print pkgs[k] "\t" path } }' || true
}
owners <"$work/files" | sort -u >"$work/owned"
cut -f2 "$work/owned" | sort -u >"$work/owned-paths"
sort -u "$work/files" | comm -23 - "$work/owned-paths" >"$work/unowned"
: >"$work/resolved"
while IFS= read -r path; do
    for candidate in "$(readlink -f "$path")" "${path#/usr}"; do
        owner=$(printf '%s\n' "$candidate" | owners | cut -f1 | head -n1)
        if [ -n "$owner" ]; then
            printf '%s\t%s\n' "$owner" "$path" >>"$work/resolved"
            continue 2
        fi
    done
    printf 'deps: %s is not from any Debian package; a fresh machine will not have it\n' "$path" >>"$work/stray"
done <"$work/unowned"
cat "$work/owned" "$work/resolved" | cut -f1 | sort -u >"$work/needed"

# 3. What a fresh machine has after deps.sh: the named packages, every Essential package,
#    and everything they hard-depend on, recursively (apt-get --no-install-recommends).
dpkg-query -W -f='${Package} ${Essential}\n' | awk '$2 == "yes" { print $1 }' >"$work/essential"
apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts --no-breaks --no-replaces --no-enhances \
    "${named[@]}" $(cat "$work/essential") 2>/dev/null | sed -n 's/^<\{0,1\}\([^ <>]*\)>\{0,1\}$/\1/p' |
    sed 's/:[a-z0-9]*$//' | sort -u >"$work/closure"

missing=$(comm -23 "$work/needed" "$work/closure")
status=0
if [ -n "$missing" ]; then
    status=1
    while IFS= read -r pkg; do
        first=$(awk -F'\t' -v p="$pkg" '$1 == p { print $2; exit }' "$work/owned" "$work/resolved")
        echo "deps: the build reads $first from package $pkg, which scripts/deps.sh does not install" \
            "(add $pkg to LOOPLAB_PACKAGES)"
    done <<<"$missing"
fi
if [ -s "$work/stray" ]; then
    status=1
    cat "$work/stray"
fi
[ $status -eq 0 ] && echo "deps: $(wc -l <"$work/files") files the build read come from $(wc -l <"$work/needed")" \
    "packages, all installed by scripts/deps.sh or present on every Debian system:" $(cat "$work/needed")
exit $status
