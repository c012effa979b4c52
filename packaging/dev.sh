#!/usr/bin/env bash
# One entry point for a newcomer on Debian 12:
#   packaging/dev.sh demo    install what is needed, build, open the demo workspace
#   packaging/dev.sh test    install what is needed, build, run every test
#   packaging/dev.sh build   install what is needed and build
#   packaging/dev.sh sanitize  the same suite built with clang, ASan, UBSan and libFuzzer coverage (in
#                              build-sanitize), then every fuzz target for FUZZ_SECONDS (default 30) each
# Environment: BUILD_DIR (default: build), SCIMITAR_WERROR=ON to treat warnings as errors (CI does).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
build_dir="${BUILD_DIR:-$root/build}"
command="${1:-}"

usage() {
    echo "usage: packaging/dev.sh demo|test|build|sanitize" >&2
    exit 2
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_packages() {
    mapfile -t packages < <(cat "$here/debian-packages.txt" "$@" | grep -v '^\s*#' | sed '/^\s*$/d')
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
sanitize)
    install_packages "$here/debian-packages-sanitize.txt"
    sanitize_dir="${BUILD_DIR:-$root/build-sanitize}"
    # -O1: fast enough to run the whole suite, still exact stacks. Any sanitizer report stops the program with a
    # non-zero exit, so the test that met it fails; leaks are reports too (suppressions only for system libraries).
    CC=clang CXX=clang++ cmake -S "$root" -B "$sanitize_dir" -G Ninja -DCMAKE_BUILD_TYPE= \
        -DCMAKE_CXX_FLAGS="-O1 -g" -DSCIMITAR_FUZZ=ON -DSCIMITAR_WERROR="${SCIMITAR_WERROR:-OFF}"
    cmake --build "$sanitize_dir" -j"$(nproc)"
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:strict_string_checks=1:detect_stack_use_after_return=1"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    export LSAN_OPTIONS="suppressions=$root/tests/support/lsan.supp:print_suppressions=0"
    "$root/tests/support/with-keyring.sh" ctest --test-dir "$sanitize_dir" --output-on-failure --timeout 900 -j"$(nproc)"
    "$root/tests/fuzz/run.sh" "$sanitize_dir" "${FUZZ_SECONDS:-30}"
    ;;
*)
    usage
    ;;
esac
