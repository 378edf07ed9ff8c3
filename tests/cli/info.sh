#!/usr/bin/env bash
# `pawsorb info` and the results file layout: tests/tools/results_example writes a file
# with known values through io/results.h (serially and under mpirun -n 2), h5py checks
# it against the contract with ASE's unit conversions (tests/reference/check_results.py),
# and `pawsorb info` must print the numbers that script computes from the file. Bad
# files (missing, not HDF5, damaged, HDF5 but not pawsorb's) exit 1 naming the file.
set -u
: "${PAWSORB:?}" "${PAWSORB_SRCDIR:?}" "${PAWSORB_BUILDDIR:?}"
PY=/usr/bin/python3
CHECK="$PAWSORB_SRCDIR/tests/reference/check_results.py"
TOOL="$PAWSORB_BUILDDIR/tests/tools/results_example"
MPIRUN=${MPIRUN:-mpirun}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
SETUP=/usr/share/gpaw-setups/O.PBE.gz
[ -f "$SETUP" ] || SETUP="$PAWSORB_SRCDIR/tests/reference/check_results.py"
tmp=$(mktemp -d /tmp/pawsorb_info.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
n=0
ok() {  # ok CONDITION-STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}

# 1. serial write, layout and values, then info's numbers
"$TOOL" "$tmp/out.h5" "$tmp/in.json" "$SETUP" >"$tmp/tool.log" 2>&1
ok $? "results_example writes a file"
ls "$tmp"/out.h5.tmp.* >/dev/null 2>&1
ok $((! $?)) "no temporary file left after results_close"
"$PAWSORB" info "$tmp/out.h5" >"$tmp/info.txt" 2>&1
ok $? "pawsorb info exits 0"
sed 's/^/# /' "$tmp/info.txt"
$PY "$CHECK" "$tmp/out.h5" "$tmp/in.json" --info "$tmp/info.txt" --ranks 1
ok $? "check_results.py: serial file and info output"

# 2. the same under mpirun -n 2 (parallel HDF5; only rank 0 holds the arrays)
cp "$tmp/out.h5" "$tmp/par.h5"
$MPIRUN -n 2 --oversubscribe "$TOOL" "$tmp/par.h5" "$tmp/par.json" "$SETUP" >"$tmp/par.log" 2>&1
ok $? "results_example under mpirun -n 2 replaces an existing file"
$MPIRUN -n 2 --oversubscribe "$PAWSORB" info "$tmp/par.h5" >"$tmp/pinfo.txt" 2>"$tmp/pinfo.err"
ok $? "pawsorb info under mpirun -n 2 exits 0"
[ "$(grep -c '^results ' "$tmp/pinfo.txt")" -eq 1 ]
ok $? "info prints once under mpirun -n 2 (rank 0 only)"
$PY "$CHECK" "$tmp/par.h5" "$tmp/par.json" --info "$tmp/pinfo.txt" --ranks 2
ok $? "check_results.py: file written by 2 ranks"

# 3. update in place under mpirun -n 2 (what `pawsorb bader --output run.h5` will do)
$MPIRUN -n 2 --oversubscribe "$TOOL" --update "$tmp/par.h5" >"$tmp/upd.log" 2>&1
ok $? "results_example --update under mpirun -n 2"
"$PAWSORB" info "$tmp/par.h5" >"$tmp/uinfo.txt" 2>&1
grep -q "method near-grid, density density.cube" "$tmp/uinfo.txt" &&
    grep -Eq "^ +0 +O +8\.4000 +-0\.4000" "$tmp/uinfo.txt" &&
    [ "$(grep 'energy total' "$tmp/uinfo.txt")" = "$(grep 'energy total' "$tmp/pinfo.txt")" ]
ok $? "update replaced /bader (O: 8.4 electrons, charge -0.4) and kept the energies"

# 4. bad files: exit status 1 and a message that names the file
expect_bad() {  # FILE PATTERN DESCRIPTION
    "$PAWSORB" info "$1" >"$tmp/bad.out" 2>"$tmp/bad.err"
    local rc=$?
    [ $rc -eq 1 ] && grep -q -- "$1" "$tmp/bad.err" && grep -q -- "$2" "$tmp/bad.err"
    ok $? "$3 (exit $rc): $(head -c 200 "$tmp/bad.err")"
}
expect_bad "$tmp/missing.h5" "No such file" "missing file"
printf 'task: scf\n' > "$tmp/input.yaml"
expect_bad "$tmp/input.yaml" "not an HDF5 file" "a YAML file"
: > "$tmp/empty.h5"
expect_bad "$tmp/empty.h5" "not an HDF5 file" "an empty file"
head -c 3000 "$tmp/out.h5" > "$tmp/truncated.h5"
expect_bad "$tmp/truncated.h5" "cannot open" "a truncated results file"
$PY -c "import h5py,sys; f=h5py.File(sys.argv[1],'w'); f['x']=1; f.attrs['program']='gpaw'" "$tmp/other.h5"
expect_bad "$tmp/other.h5" "not a pawsorb results file" "an HDF5 file from another program"
expect_bad "$tmp" "directory" "a directory"
"$PAWSORB" info >/dev/null 2>"$tmp/bad.err"
[ $? -eq 1 ] && grep -q "usage" "$tmp/bad.err"
ok $? "no argument: exit 1 with usage"
$MPIRUN -n 2 --oversubscribe "$PAWSORB" info "$tmp/missing.h5" >/dev/null 2>"$tmp/bad.err"
[ $? -eq 1 ] && [ "$(grep -c 'missing.h5' "$tmp/bad.err")" -eq 1 ]
ok $? "missing file under mpirun -n 2: exit 1, one message"
