#!/usr/bin/env bash
# pawsorb run, task: adsorption, on the smallest real case: H2O and H2 over a two-layer
# MgO(001) slab (8 atoms, 4.21 A square cell, pbc T T F; tests/data/adsorption/
# mgo001_2layers.xyz), PBE 250 eV, D2, Bader, single points (relax: false). Checks the
# bookkeeping, not the physics against another code (adsorption_gpaw.sh does that):
# E_b = E(complex) - E(slab) - E(molecule) from the parts stored in the file, its D2 and
# DFT parts, the summary table sorted by E_b, the CSV and the SVG (it parses as XML and
# names every adsorbate), the density-difference cubes, the Bader table (adsorbate charge = sum of its atoms' charges;
# populations + vacuum = the electron count within 1e-3), the parts published as they
# finish; then bad inputs (exit 1, message naming file, line and key).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
data=$PAWSORB_SRCDIR/tests/data/adsorption
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$data/mgo001_2layers.xyz" "$tmp/slab.xyz"
cp "$data/h2.xyz" "$tmp/h2.xyz"
cat > "$tmp/ads.yaml" <<'YAML'
task: adsorption
structure: {file: slab.xyz, fix_below: 5.5}
dft: {cutoff: 250, dispersion: d2}
adsorption:
  adsorbates: [H2O, {file: h2.xyz, name: H2}]
  placements:
    - {site: top-1, orientation: flat, height: 2.1, adsorbate: H2O}
    - {site: top-2, orientation: upright, height: 2.5, adsorbate: H2}
  relax: false
  density_difference: true
bader: true
output: {file: ads.h5}
YAML
out=$(cd "$tmp" && "$PAWSORB" run ads.yaml 2>&1); rc=$?
t "adsorption single points exit 0 (rc $rc)" '[ $rc -eq 0 ]'
t "log names each part with its energy" 'grep -q "^adsorption: slab  .* E = " <<<"$out" && grep -q "^adsorption: H2 on the slab, top-2_upright_2.50A .* E = " <<<"$out"'
t "log prints the table with both adsorbates" 'grep -A4 "^rank  adsorbate" <<<"$out" | grep -q "H2O" && grep -A4 "^rank  adsorbate" <<<"$out" | grep -q "H2 "'
t "results, CSV and SVG next to the input" '[ -s "$tmp/ads.h5" ] && [ -s "$tmp/ads_adsorption.csv" ] && [ -s "$tmp/ads_adsorption.svg" ]'
info=$("$PAWSORB" info "$tmp/ads.h5" 2>&1)
t "pawsorb info prints the adsorption table" 'grep -qE "^  H2O +top-1_flat_2.10A +2 +-0\.[0-9]{4}" <<<"$info" && grep -qE "^  H2 +top-2_upright_2.50A" <<<"$info"'
t "the root wall_time is the whole run's (> 1 s)" 'awk "/^wall time/ {exit !(\$3 > 1)}" <<<"$info"'
t "no temporary file left" '[ -z "$(ls "$tmp" | grep tmp)" ]'
npass=0
while read -r verdict what; do
  case $verdict in
    PASS) n=$((n + 1)); npass=$((npass + 1)); echo "ok $n - $what" ;;
    FAIL) n=$((n + 1)); echo "not ok $n - $what" ;;
    *) echo "# $verdict $what" ;;
  esac
done < <(cd "$tmp" && /usr/bin/python3 - ads.h5 ads_adsorption.csv ads_adsorption.svg <<'PY' 2>&1
import csv, sys, h5py, numpy as np
import xml.etree.ElementTree as ET
def check(ok, what): print('PASS' if ok else 'FAIL', what)
f = h5py.File(sys.argv[1], 'r')
st = lambda o: (o.decode() if isinstance(o, bytes) else o)
check(st(f.attrs['status']) == 'ok', 'root status ok (%s)' % st(f.attrs['status']))
Es = f['adsorption/slab/energy/total'][()]
Ds = f['adsorption/slab/energy/dispersion'][()]
nel = {'H2O': 8 + 2, 'H2': 2}              # all electrons of the adsorbate
nslab = 4 * 12 + 4 * 8
for name, label in (('H2O', 'top-1_flat_2.10A'), ('H2', 'top-2_upright_2.50A')):
    g = f['adsorption/%s/placements/%s' % (name, label)]
    Ec, Em = g['complex/energy/total'][()], g['molecule_frozen/energy/total'][()]
    Dc, Dm = g['complex/energy/dispersion'][()], g['molecule_frozen/energy/dispersion'][()]
    Eb = g['energy'][()]
    check(abs(Eb - (Ec - Es - Em)) < 1e-9, '%s: E_b %.6f eV = E(complex) - E(slab) - E(mol) from the stored parts' % (name, Eb))
    check(abs(g['energy_d2'][()] - (Dc - Ds - Dm)) < 1e-9 and abs(g['energy_dft'][()] + g['energy_d2'][()] - Eb) < 1e-9,
          '%s: D2 part %.6f eV and DFT part add up to E_b' % (name, g['energy_d2'][()]))
    check(abs(g['binding_strength'][()] + Eb) < 1e-12, '%s: binding_strength = -E_b' % name)
    check(g['deformation_molecule'][()] == 0 and g['deformation_slab'][()] == 0, '%s: no deformation in single points' % name)
    check(st(g.attrs['status']) == 'ok' and st(g['complex'].attrs['status']) == 'ok', '%s: placement and complex status ok' % name)
    # the molecule alone sits where it is in the complex, in the same cell
    Pc, Pm = g['complex/structure/positions'][()], g['molecule_frozen/structure/positions'][()]
    check(np.array_equal(Pc[8:], Pm) and np.array_equal(g['complex/structure/cell'][()], g['molecule_frozen/structure/cell'][()]),
          '%s: the molecule alone is the complex minus the slab, same cell' % name)
    check(np.array_equal(Pc[:8], f['adsorption/slab/structure/positions'][()]), '%s: the slab of the complex is the slab' % name)
    q = g['complex/bader/charge'][()]
    check(abs(g['charge_transfer'][()] - q[8:].sum()) < 1e-12, '%s: charge transfer %.4f e = sum of its atoms\' Bader charges' % (name, q[8:].sum()))
    pop = g['complex/bader/population'][()].sum() + g['complex/bader/vacuum_charge'][()]
    check(abs(pop - (nslab + nel[name])) < 1e-3, '%s: Bader populations + vacuum %.5f = %d electrons' % (name, pop, nslab + nel[name]))
    fixed = g['complex/structure/fixed'][()]
    check(np.array_equal(fixed, np.r_[Pc[:8, 2] < 5.5, np.zeros(len(Pc) - 8, bool)]),
          '%s: the slab\'s bottom layer (fix_below) fixed in the complex, nothing else: %s' % (name, fixed.astype(int)))
s = f['adsorption/summary']
E = s['energy'][()]
check(list(E) == sorted(E), 'summary sorted by E_b: %s' % list(np.round(E, 4)))
for name in ('H2O', 'H2'):
    i = [st(x) for x in s['adsorbate'][()]].index(name)
    check(abs(f['adsorption/%s/energy' % name][()] - E[i]) < 1e-12, '%s: best E_b at /adsorption/%s/energy' % (name, name))
check(f['adsorption/H2O/energy'][()] < min(0, f['adsorption/H2/energy'][()]), 'H2O bound, more strongly than H2: %.4f, %.4f eV' % (f['adsorption/H2O/energy'][()], f['adsorption/H2/energy'][()]))
rows = list(csv.DictReader(open(sys.argv[2])))
check(len(rows) == 2 and abs(float(rows[0]['e_bind_eV']) - E[0]) < 1e-5, 'CSV: 2 rows, first E_b %s' % rows[0]['e_bind_eV'])
from ase.io.cube import read_cube_data
for name, label, nat in (('H2O', 'top-1_flat_2.10A', 11), ('H2', 'top-2_upright_2.50A', 10)):
    d, at = read_cube_data('ads_%s_%s_density_difference.cube' % (name, label))
    dv = at.get_volume() / d.size / 0.5291772105638411 ** 3          # bohr^3 per point
    g = f['adsorption/%s/placements/%s' % (name, label)]
    Pc = g['complex/structure/positions'][()]
    # the largest change sits between the slab's top layer and the molecule
    zc = (np.abs(d).sum(axis=(0, 1)).argmax() + 0.5) / d.shape[2] * at.cell[2, 2]
    check(len(at) == nat and abs(d.sum() * dv) < 0.02 and Pc[:8, 2].max() - 0.5 < zc < Pc[8:, 2].max() + 1.0,
          '%s: density difference cube, %d atoms, integral %.5f e, largest change at z = %.2f A' % (name, len(at), d.sum() * dv, zc))
svg = ET.parse(sys.argv[3]).getroot()
text = ' '.join(t.text or '' for t in svg.iter() if t.tag.endswith('text'))
check(svg.tag.endswith('svg') and 'H2O' in text and 'H2' in text.replace('H2O', ''), 'SVG parses and names H2O and H2')
PY
)
t "the python checks all ran (29)" '[ $npass -eq 29 ]'

# Bad input: exit 1 and one line naming the file, the line and the key.
bad() {   # bad NAME SED-EXPRESSION EXPECTED-REGEX
  sed -e "$2" "$tmp/ads.yaml" > "$tmp/bad.yaml"
  local o; o=$(cd "$tmp" && "$PAWSORB" run bad.yaml 2>&1); local r=$?
  t "bad input ($1): exit 1 (got $r)" '[ $r -eq 1 ]'
  t "bad input ($1): message '$3'" 'grep -qE "$3" <<<"$o" || { echo "# got: $o"; false; }'
}
bad "unknown adsorbate" 's/\[H2O, {file/[XYZZY, H2O, {file/' 'bad.yaml:5: adsorption.adsorbates\[0\]: molecule .XYZZY. is not in the library'
bad "site the slab lacks" 's/site: top-1,/site: hollow-7,/' "bad.yaml:7: adsorption.placements\[0\].site: 'hollow-7' is not a site of the slab \(its sites: top-1, top-2, bridge, hollow\)"
bad "too close to the slab" 's/height: 2.1/height: 0.6/' 'bad.yaml:7: adsorption.placements\[0\] \(H2O\): placement rejected: molecule atom [0-9] \(.\) is 0\.[0-9]+ A from slab atom'
bad "too little vacuum" 's/  relax: false/  relax: false\n  min_vacuum: 9/' 'placement rejected: [0-9.]+ A of vacuum above H2O, less than adsorption.min_vacuum \(9.00 A\)'
bad "reserved name" 's/name: H2}/name: slab}/' 'bad.yaml:5: adsorption.adsorbates\[1\]: .slab. is reserved'
bad "adsorbate left without electrons" 's/name: H2}/name: H2, charge: 2}/' 'H2 alone \(charge 2\): .*leaves 0 electrons'
bad "adsorption section without the task" 's/task: adsorption/task: scf/' 'bad.yaml:[0-9]+: adsorption: only with task: adsorption'
bad "unknown key" 's/  relax: false/  relaxx: false/' 'bad.yaml:10: adsorption: unknown key .relaxx.'
t "a refused input leaves no results file" '! [ -e "$tmp/bad.h5" ]'
echo "1..$n"
