#!/usr/bin/env bash
# pawsorb bader on GPAW 22.8's all-electron LiF density (rocksalt a = 4.03 A, primitive
# fcc cell: non-orthogonal; PW 500 eV, gridrefinement=2, 30^3; tests/reference/
# bader_gpaw_cubes.py) against the Henkelman group's bader v1.05 on the same file
# (tests/data/bader/compare_henkelman.txt, made by tests/reference/bader_henkelman.sh):
# weight Li 2.10499 F 9.89512, near-grid Li 2.11380 F 9.88631 electrons. Tolerance
# 0.001 e: both programs read the same numbers and agree to 1e-5 (summation order only).
# Also the results file, and bad arguments (exit 1, message naming the option/file).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
cube=$PAWSORB_SRCDIR/tests/data/bader/lif_ae2.cube
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pop() { awk -v s="$2" '$1 ~ /^[0-9]+$/ && $2 == s {print $3}' <<<"$1"; }
close() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(a!="" && d<=t)}'; }

out=$("$PAWSORB" bader "$cube" 2>&1); rc=$?
t "weight (default): exit 0" '[ $rc -eq 0 ]'
t "weight: Li population 2.10499 +- 0.001 (Henkelman bader)" 'close "$(pop "$out" Li)" 2.10499 0.001'
t "weight: F population 9.89512 +- 0.001 (Henkelman bader)" 'close "$(pop "$out" F)" 9.89512 0.001'
t "weight: populations sum to 12 electrons +- 0.001" \
  'close "$(awk "/^populations/ {print \$2}" <<<"$out")" 12 0.001'
t "table names the method, the grid and the vacuum" \
  'grep -q "weight method on lif_ae2.cube, grid 30 x 30 x 30" <<<"$out" && grep -q "^vacuum (rho <= 0.0001" <<<"$out"'
out=$("$PAWSORB" bader "$cube" --method near-grid --vacuum off 2>&1); rc=$?
t "near-grid: exit 0" '[ $rc -eq 0 ]'
t "near-grid: Li population 2.11380 +- 0.001 (Henkelman bader)" 'close "$(pop "$out" Li)" 2.11380 0.001'
t "near-grid: F population 9.88631 +- 0.001 (Henkelman bader)" 'close "$(pop "$out" F)" 9.88631 0.001'

"$PAWSORB" bader "$cube" --output "$tmp/lif.h5" > /dev/null 2>&1; rc=$?
t "--output: exit 0" '[ $rc -eq 0 ]'
t "--output: /bader/population, charge (Z - population), volume, method, vacuum" \
  '/usr/bin/python3 - "$tmp/lif.h5" <<PY
import h5py, sys
f = h5py.File(sys.argv[1])
b = f["bader"]
ok = abs(b["population"][0] - 2.10499) < 1e-3 and abs(b["charge"][1] + 0.89512) < 1e-3
ok = ok and b.attrs["method"] in ("weight", b"weight") and b["volume"].attrs["units"] in ("Angstrom^3", b"Angstrom^3")
ok = ok and abs(b["volume"][()].sum() - f["structure/cell"][()].__abs__().sum() * 0 - 16.3629) < 1e-2
ok = ok and b["vacuum_charge"][()] == 0 and abs(b["vacuum_threshold"][()] - 1e-4) < 1e-12
sys.exit(0 if ok else 1)
PY'

"$PAWSORB" bader "$cube" --method on-grid > /dev/null 2> "$tmp/err"; rc=$?
t "--method on-grid: exit 1 naming the option" '[ $rc -eq 1 ] && grep -q -- "--method: .on-grid." "$tmp/err"'
"$PAWSORB" bader "$cube" --vacuum -1 > /dev/null 2> "$tmp/err"; rc=$?
t "--vacuum -1: exit 1 naming the option" '[ $rc -eq 1 ] && grep -q -- "--vacuum" "$tmp/err"'
"$PAWSORB" bader "$cube" --pbc 12 > /dev/null 2> "$tmp/err"; rc=$?
t "--pbc 12: exit 1" '[ $rc -eq 1 ] && grep -q -- "--pbc" "$tmp/err"'
"$PAWSORB" bader "$tmp/missing.cube" > /dev/null 2> "$tmp/err"; rc=$?
t "missing cube: exit 1 naming it" '[ $rc -eq 1 ] && grep -q "missing.cube" "$tmp/err"'
head -n 100 "$cube" > "$tmp/cut.cube"
"$PAWSORB" bader "$tmp/cut.cube" > /dev/null 2> "$tmp/err"; rc=$?
t "truncated cube: exit 1 saying how many values" '[ $rc -eq 1 ] && grep -q "cut.cube: file ends after" "$tmp/err"'
"$PAWSORB" bader > /dev/null 2> "$tmp/err"; rc=$?
t "no file: exit 1 with usage" '[ $rc -eq 1 ] && grep -q "usage: pawsorb bader" "$tmp/err"'
