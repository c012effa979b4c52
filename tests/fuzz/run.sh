#!/usr/bin/env bash
# Runs every libFuzzer target of a SCIMITAR_FUZZ build for a while, on the committed seed corpus and regressions,
# and prints the executions per target. Fails when any target finds a crash, a sanitizer report, a leak or a hang;
# the input that did it is kept in OUT_DIR (default: a temporary folder) and its path printed.
#
#   tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [JOBS]
#
# CI runs 30 s per target. For a longer hunt: tests/fuzz/run.sh build-fuzz 3600 2 — then copy any new input that
# found a bug into tests/fuzz/regressions/<target>/ with the fix, and record the run in docs/reliability.md.
set -euo pipefail
build_dir="${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS_PER_TARGET] [JOBS]}"
seconds="${2:-30}"
jobs="${3:-$(nproc)}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out_dir="${OUT_DIR:-$(mktemp -d -t scimitar-fuzz.XXXXXX)}"
mkdir -p "$out_dir"

targets=()
for binary in "$build_dir"/bin/fuzz_*; do
    targets+=("$(basename "$binary" | sed 's/^fuzz_//')")
done
if [ "${#targets[@]}" -eq 0 ]; then
    echo "run.sh: no fuzz targets in $build_dir/bin (configure with -DSCIMITAR_FUZZ=ON and clang)" >&2
    exit 2
fi

run_one() {
    local target="$1"
    local work="$out_dir/$target"
    mkdir -p "$work/corpus" "$work/artifacts"
    local inputs=("$here/corpus/$target")
    [ -d "$here/regressions/$target" ] && inputs+=("$here/regressions/$target")
    # New inputs go to the first folder (outside the repository); the committed corpus is only read.
    if QT_QPA_PLATFORM=offscreen "$build_dir/bin/fuzz_$target" -max_total_time="$seconds" -timeout=10 \
        -rss_limit_mb=2048 -print_final_stats=1 -dict="$here/scimitar.dict" \
        -artifact_prefix="$work/artifacts/" "$work/corpus" "${inputs[@]}" > "$work/log" 2>&1; then
        echo "ok"
    else
        echo "FAILED"
    fi > "$work/result"
}
export -f run_one
export build_dir seconds here out_dir
printf '%s\n' "${targets[@]}" | xargs -P "$jobs" -I{} bash -c 'run_one {}'

failed=0
printf '%-24s %14s %11s  %s\n' target executions 'new inputs' result
for target in "${targets[@]}"; do
    work="$out_dir/$target"
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log" | tail -1)
    corpus=$(find "$work/corpus" -type f | wc -l)
    result=$(cat "$work/result")
    printf '%-24s %14s %11s  %s\n' "$target" "${executions:-?}" "$corpus" "$result"
    if [ "$result" != ok ]; then
        failed=1
        echo "--- $target: $(grep -m1 -E 'ERROR|SUMMARY|deadly|timeout' "$work/log" || tail -1 "$work/log")"
        ls "$work/artifacts" | sed "s|^|    kept: $work/artifacts/|"
    fi
done
echo "run.sh: logs and new inputs in $out_dir"
exit "$failed"
