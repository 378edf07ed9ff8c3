#!/usr/bin/env bash
# pawsorb run with `bader: true` and output.cube on H2O (tests/data/scf/h2o_300.yaml: ASE g2
# H2O, 4 A vacuum, PBE, 300 eV) against GPAW 22.8: the same calculation's
# get_all_electron_density(gridrefinement=2) cube (tests/reference/bader_gpaw_cubes.py
# /tmp/out h2o --ecut=300) partitioned by the Henkelman group's bader 1.05 with no vacuum
# gives O 9.31000, H 0.34447, 0.34554 electrons; pawsorb bader on that cube with the default
# vacuum (1e-4 e/A^3): O 9.31431, H 0.34340, 0.34536 (tests/data/bader/README.md).
# Tolerance 0.02 e (issue 6); measured at 500 eV: 4e-4 e (the densities agree to 2e-5).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed -e 's/^  file: h2o_300.h5/  file: h2o.h5\n  cube: [all_electron_density, density, potential]\nbader: true/' \
  "$PAWSORB_SRCDIR/tests/data/scf/h2o_300.yaml" > "$tmp/h2o.yaml"
out=$(cd "$tmp" && "$PAWSORB" run h2o.yaml 2>&1); rc=$?
t "run with bader: true exits 0" '[ $rc -eq 0 ]'
pop() { awk -v i="$2" '/^Bader charges:/ {on=1} on && $1 == i && NF == 6 {print $3; exit}' <<<"$1"; }
close() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN{d=a-b; if(d<0)d=-d; exit !(a!="" && d<=t)}'; }
t "log has the Bader table on the all-electron density" 'grep -q "weight method on the all-electron density (gridrefinement 2), grid 64 x 80 x 70" <<<"$out"'
t "O population 9.3143 +- 0.02 (GPAW cube)" 'close "$(pop "$out" 0)" 9.31431 0.02'
t "H population 0.3434 +- 0.02 (GPAW cube)" 'close "$(pop "$out" 1)" 0.34340 0.02'
t "H population 0.3454 +- 0.02 (GPAW cube)" 'close "$(pop "$out" 2)" 0.34536 0.02'
t "all-electron density integrates to 10 electrons +- 0.001" \
  'close "$(awk "/^all-electron density:/ {print \$(NF-1)}" <<<"$out")" 10 0.001'
t "populations + vacuum = 10 +- 0.001" 'close "$(awk "/^populations/ {print \$7}" <<<"$out")" 10 0.001'
t "cube files written next to the results file" \
  '[ -s "$tmp/h2o_all_electron_density.cube" ] && [ -s "$tmp/h2o_density.cube" ] && [ -s "$tmp/h2o_potential.cube" ]'
cube=$("$PAWSORB" bader "$tmp/h2o_all_electron_density.cube" 2>&1)
t "pawsorb bader on the written cube gives the run's O population +- 1e-4" \
  'close "$(pop "$cube" 0)" "$(pop "$out" 0)" 1e-4'
t "results file: /bader population, charge = Z - population, density attribute" \
  '/usr/bin/python3 - "$tmp/h2o.h5" <<PY
import h5py, sys
b = h5py.File(sys.argv[1])["bader"]
d = b.attrs["density"]; d = d.decode() if isinstance(d, bytes) else d
ok = d == "all-electron" and abs(b["charge"][0] - (8 - b["population"][0])) < 1e-12
ok = ok and abs(b["population"][()].sum() + b["vacuum_charge"][()] - 10) < 1e-3
sys.exit(0 if ok else 1)
PY'
