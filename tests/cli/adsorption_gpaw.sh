#!/usr/bin/env bash
# task: adsorption, single points (relax: false), against GPAW 22.8 + an independent D2 on
# the same geometries: H2O 2.2 A above a Mg of a two-layer MgO(001) slab (8 atoms, 4.21 A
# square cell, pbc T T F), PBE PW 300 eV, GPAW's kpts=(2,2,1) = gamma: false (Gamma alone is
# 0.21 eV off in E_b), Fermi-Dirac 0.1 eV
# (tests/reference/adsorption_tiny_gpaw.py -> tests/data/adsorption/tiny_gpaw.json; the
# complex file holds the slab's atoms first, as the workflow wants).
# Tolerances: E_b 2 meV (the issue asks 0.02 eV; the parts share the same cell, grid and
# datasets, so their small differences from GPAW cancel: measured 0.002 meV); each part's
# energy 0.4 meV/atom (pawsorb's agreement with GPAW on every SCF case, README); D2 1e-6 eV
# (the same formula and parameters in both, tests/unit/test_d2).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
data=$PAWSORB_SRCDIR/tests/data/adsorption
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$data/tiny_slab.xyz" "$data/tiny_complex.xyz" "$tmp/"
cat > "$tmp/g.yaml" <<'YAML'
task: adsorption
structure: {file: tiny_slab.xyz}
dft: {cutoff: 300, kpoints: [2, 2, 1], gamma: false, dispersion: d2}
adsorption:
  adsorbates: [H2O]
  placements: [{complex: tiny_complex.xyz}]
  relax: false
output: {file: g.h5}
YAML
out=$(cd "$tmp" && "$PAWSORB" run g.yaml 2>&1); rc=$?
t "single-point adsorption exits 0 (rc $rc)" '[ $rc -eq 0 ]'
t "the complex starts from the converged slab and molecule" 'grep -q "tiny_complex started from slab + molecule" <<<"$out"'
npass=0
while read -r verdict what; do
  case $verdict in
    PASS) n=$((n + 1)); npass=$((npass + 1)); echo "ok $n - $what" ;;
    FAIL) n=$((n + 1)); echo "not ok $n - $what" ;;
    *) echo "# $verdict $what" ;;
  esac
done < <(/usr/bin/python3 - "$tmp/g.h5" "$data/tiny_gpaw.json" <<'PY' 2>&1
import json, sys, h5py
def check(ok, what): print('PASS' if ok else 'FAIL', what)
f = h5py.File(sys.argv[1], 'r'); ref = json.load(open(sys.argv[2]))
pl = 'adsorption/H2O/placements/tiny_complex'
parts = {'slab': 'adsorption/slab', 'mol': pl + '/molecule_frozen', 'complex': pl + '/complex'}
for k, g in parts.items():
    E, D, n = f[g + '/energy/total'][()], f[g + '/energy/dispersion'][()], len(f[g + '/structure/numbers'])
    dE = E - ref[k]['E_total_eV']
    check(abs(dE) < 4e-4 * n, '%s: E %.6f eV vs GPAW + D2 %.6f eV: %+.3f meV (%d atoms, tolerance %.1f meV)'
          % (k, E, ref[k]['E_total_eV'], dE * 1e3, n, 0.4 * n))
    check(abs(D - ref[k]['E_D2_eV']) < 1e-6, '%s: E_D2 %.8f eV vs %.8f eV' % (k, D, ref[k]['E_D2_eV']))
Eb = f[pl + '/energy'][()]
check(abs(Eb - ref['E_b_total_eV']) < 2e-3, 'E_b %.6f eV vs GPAW + D2 %.6f eV: %+.4f meV' % (Eb, ref['E_b_total_eV'], (Eb - ref['E_b_total_eV']) * 1e3))
check(abs(f[pl + '/energy_d2'][()] - ref['E_b_D2_eV']) < 1e-6, 'E_b D2 part %.6f eV vs %.6f eV' % (f[pl + '/energy_d2'][()], ref['E_b_D2_eV']))
check(abs(f[pl + '/energy_dft'][()] - ref['E_b_DFT_eV']) < 2e-3, 'E_b DFT part %.6f eV vs %.6f eV' % (f[pl + '/energy_dft'][()], ref['E_b_DFT_eV']))
PY
)
t "the python checks all ran (9)" '[ $npass -eq 9 ]'
echo "1..$n"
