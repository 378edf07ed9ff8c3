#!/usr/bin/env bash
# Single-point E_b on TiO2(110) slabs, pawsorb's adsorption workflow (relax: false) against
# GPAW 22.8 + the independent D2 of tests/reference/d2_reference.py on the same geometries
# (benchmarks/adsorption/tio2_gpaw.py -> tio2_gpaw.json; slab atoms first in each complex,
# pbc T T F, PBE PW 400 eV, Gamma, Fermi-Dirac 0.1 eV).
#   h2o: H2O on the 24-atom TiO2(110)-1x1 slab of shared/reference/structures/tio2_110_h2o.xyz
#   sn:  succinonitrile flat over a 5-fold Ti of the 48-atom 2x1 slab (tio2_110_2x2_h2o.xyz
#        without its water)
# Usage: benchmarks/adsorption/tio2_vs_gpaw.sh [h2o] [sn]   (default both; PAWSORB=path)
# Prints each part's energy against GPAW's and E_b; the issue asks E_b within 0.02 eV.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
pawsorb=${PAWSORB:-$here/../../build/pawsorb}
cases=${*:-h2o sn}
for c in $cases; do
  tmp=$(mktemp -d)
  cp "$here/tio2_${c}_slab.xyz" "$here/tio2_${c}_complex.xyz" "$tmp/"
  ads=$([ "$c" = h2o ] && echo H2O || echo SN)
  cat > "$tmp/in.yaml" <<YAML
task: adsorption
structure: {file: tio2_${c}_slab.xyz}
dft: {cutoff: 400, dispersion: d2}
adsorption:
  adsorbates: [$ads]
  placements: [{complex: tio2_${c}_complex.xyz}]
  relax: false
output: {file: out.h5}
YAML
  start=$(date +%s)
  (cd "$tmp" && /usr/bin/time -v "$pawsorb" run in.yaml > run.log 2> time.txt) || { tail -5 "$tmp/run.log"; exit 1; }
  echo "== $c: pawsorb $("$pawsorb" --version), $(( $(date +%s) - start )) s wall, peak $(awk '/Maximum resident/ {printf "%.0f MB", $6/1024}' "$tmp/time.txt"), load $(cut -d' ' -f1-3 /proc/loadavg)"
  grep -E "^adsorption: .*(E =|started from)" "$tmp/run.log"
  /usr/bin/python3 - "$tmp/out.h5" "$here/tio2_gpaw.json" "$c" "$ads" <<'PY'
import json, sys, h5py
f = h5py.File(sys.argv[1], 'r'); ref = json.load(open(sys.argv[2]))[sys.argv[3]]
pl = 'adsorption/%s/placements/tio2_%s_complex' % (sys.argv[4], sys.argv[3])
for k, g in (('slab', 'adsorption/slab'), ('mol', pl + '/molecule_frozen'), ('complex', pl + '/complex')):
    E, D, n = f[g + '/energy/total'][()], f[g + '/energy/dispersion'][()], len(f[g + '/structure/numbers'])
    print('%-8s pawsorb %14.6f eV  GPAW+D2 %14.6f eV  diff %+8.3f meV (%+.3f meV/atom)  D2 diff %.1e eV'
          % (k, E, ref[k]['E_total_eV'], (E - ref[k]['E_total_eV']) * 1e3, (E - ref[k]['E_total_eV']) * 1e3 / n,
             D - ref[k]['E_D2_eV']))
Eb = f[pl + '/energy'][()]
print('E_b      pawsorb %14.6f eV  GPAW+D2 %14.6f eV  diff %+8.3f meV (issue: 20 meV)'
      % (Eb, ref['E_b_total_eV'], (Eb - ref['E_b_total_eV']) * 1e3))
print('E_b DFT  pawsorb %14.6f eV  GPAW    %14.6f eV;  D2 part %.6f vs %.6f eV'
      % (f[pl + '/energy_dft'][()], ref['E_b_DFT_eV'], f[pl + '/energy_d2'][()], ref['E_b_D2_eV']))
PY
  rm -rf "$tmp"
done
