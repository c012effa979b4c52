#!/usr/bin/env bash
# One entry point for a newcomer on Debian 12:
#   packaging/dev.sh demo    install what is needed, build, open the demo workspace
#   packaging/dev.sh test    install what is needed, build, run every test
#   packaging/dev.sh build   install what is needed and build
# Environment: BUILD_DIR (default: build), SCIMITAR_WERROR=ON to treat warnings as errors (CI does).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
command="${1:-}"

usage() {
    echo "usage: packaging/dev.sh demo|test|build" >&2
    exit 2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
    mapfile -t packages < <(grep -v '^\s*#' "$here/debian-packages.txt" | sed '/^\s*$/d')
    local missing=()
    for package in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    if [ "${#missing[@]}" -eq 0 ]; then
        echo "dev.sh: all ${#packages[@]} Debian packages are installed."
        return
    fi
    echo "dev.sh: installing ${#missing[@]} Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
}

build() {
    cmake -S "$root" -B "$build_dir" -G Ninja \
        -DCMAKE_BUILD_TYPE="${CMAKE_BUILD_TYPE:-RelWithDebInfo}" \
        -DSCIMITAR_WERROR="${SCIMITAR_WERROR:-OFF}"
    cmake --build "$build_dir" -j"$(nproc)"
}

case "$command" in
demo)
    install_packages
    build
    exec "$build_dir/bin/scimitar" --demo
    ;;
test)
    install_packages
    build
    # Every suite runs inside a private D-Bus session with an unlocked gnome-keyring, so the keychain tests
    # exercise a real Secret Service; GUI suites run on the offscreen platform (set by CTest).
    exec "$root/tests/support/with-keyring.sh" ctest --test-dir "$build_dir" --output-on-failure --timeout 600
    ;;
build)
    install_packages
    build
    ;;
*)
    usage
    ;;
esac
