#!/usr/bin/env bash
# Runs every unit test program (tests/unit/test_*) and every CLI test script
# (tests/cli/*.sh), all of which print TAP, and ends with "N passed, N failed".
# A program that crashes or exits non-zero without a "not ok" line counts as one failure.
# Environment: PAWSORB_SRCDIR, PAWSORB_BUILDDIR (set by `make check`), TESTS_FILTER (regex of
# the tests to run), TESTS_SKIP (regex of tests not to run).
set -u
src=${PAWSORB_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
build=${PAWSORB_BUILDDIR:-$src/build}
export PAWSORB_SRCDIR=$src PAWSORB_BUILDDIR=$build PAWSORB_BIN="$build/pawsorb"
# Open MPI refuses to start as root without these; CI runs as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
# Single-node test settings: shared-memory transport only, no UCX probing; production runs
# keep the site's MCA.
export OMPI_MCA_pml=${OMPI_MCA_pml:-ob1} OMPI_MCA_btl=${OMPI_MCA_btl:-self,vader} OMPI_MCA_osc=${OMPI_MCA_osc:-^ucx}
# Containers and chroots without /sys make hwloc (inside Open MPI) print warnings on every
# start; they are not pawsorb's output, and the CLI tests count stderr lines.
export HWLOC_HIDE_ERRORS=${HWLOC_HIDE_ERRORS:-2}
# Tests run side by side on small machines: one OpenBLAS thread each (threads spin-wait
# under load and slow small dgemms down).
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Every test process (unit test programs and pawsorb itself, through $PAWSORB) starts as an
# Open MPI singleton with its own TMPDIR and without a daemon (ess_singleton_isolated).
# Measured on this 2-core machine with 16 concurrent starts: the default singleton mode
# crashed in MPI_Finalize (Open MPI 4.1.4 progress-thread race) in 1 of ~200 starts, and
# isolated mode with a shared TMPDIR failed to create its session directory in 9 of 60;
# isolated mode with a private TMPDIR: 0 of 400. Under mpirun the wrapper changes nothing.
wrapper=$build/tests/pawsorb-isolated
mkdir -p "$build/tests"
cat > "$wrapper" <<'WRAP'
#!/bin/sh
d=$(mktemp -d "${TMPDIR:-/tmp}/pawsorb-test.XXXXXX") || exit 3
TMPDIR=$d OMPI_MCA_ess_singleton_isolated=1 "$@"
rc=$?
rm -rf "$d"
exit $rc
WRAP
chmod +x "$wrapper"
cat > "$build/tests/pawsorb" <<WRAP
#!/bin/sh
exec "$wrapper" "$PAWSORB_BIN" "\$@"
WRAP
chmod +x "$build/tests/pawsorb"
export PAWSORB="$build/tests/pawsorb"
filter=${TESTS_FILTER:-.}
skip=${TESTS_SKIP:-}   # regex of test names not to run (the CI's sanitizer stage)
passed=0 failed=0
log=$build/tests/run.log
mkdir -p "$build/tests"; : > "$log"

run_one() {  # name, command...
    local name=$1; shift
    local out rc start end
    start=$(date +%s.%N)
    out=$("$@" 2>&1); rc=$?
    end=$(date +%s.%N)
    local p f
    p=$(grep -c '^ok ' <<<"$out")
    f=$(grep -c '^not ok ' <<<"$out")
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
    if grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:' <<<"$out"; then
        f=$((f + 1)); echo "# sanitizer report in $name" >> "$log"
    fi
    passed=$((passed + p)); failed=$((failed + f))
    printf '%-40s %4d passed %3d failed %6.2fs\n' "$name" "$p" "$f" "$(awk -v a="$start" -v b="$end" 'BEGIN{print b-a}')"
    { echo "=== $name (exit $rc)"; echo "$out"; } >> "$log"
    if [ "$f" -ne 0 ]; then echo "$out" | grep -E -A3 '^not ok|sanitizer|runtime error|ERROR' | head -40; fi
}

for t in "$build"/tests/unit/test_*; do
    [ -x "$t" ] || continue
    name=unit/$(basename "$t")
    [[ $name =~ $filter ]] || continue
    [ -n "$skip" ] && [[ $name =~ $skip ]] && { echo "skipped $name (TESTS_SKIP)" >> "$log"; continue; }
    run_one "$name" "$wrapper" "$t"
done
for t in "$src"/tests/cli/*.sh; do
    [ -f "$t" ] || continue
    name=cli/$(basename "$t" .sh)
    [[ $name =~ $filter ]] || continue
    [ -n "$skip" ] && [[ $name =~ $skip ]] && { echo "skipped $name (TESTS_SKIP)" >> "$log"; continue; }
    run_one "$name" bash "$t"
done
echo "full output: $log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
