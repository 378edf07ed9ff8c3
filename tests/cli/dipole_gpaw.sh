#!/usr/bin/env bash
# Dipole correction (dft.dipole_correction, src/hamiltonian/dipole.h) against GPAW 22.8's
# poissonsolver={'dipolelayer': 'xy'}: the LiF(001) bilayer with one HF on top
# (tests/data/dipole/lif_hf_dipole.yaml, 6 atoms, 2x2x1 k-points), energy, forces,
# potential step and dipole moment against gpaw_dipole.json (tests/reference/dipole_gpaw.py;
# checks and tolerances in tests/reference/dipole_compare.py). Without the correction the
# same input misses GPAW's dipole-layer numbers by 44 meV and 0.16 eV/A (gpaw_plain.json
# holds GPAW's plain numbers; checked by hand). The log must carry the step and moment.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/dipole
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

out=$(cd "$tmp" && "$PAWSORB" run "$d/lif_hf_dipole.yaml" --output "$tmp/dipole.h5" 2>&1); rc=$?
t "run lif_hf_dipole.yaml exits 0" '[ $rc -eq 0 ]'
t "log names the dipole-layer solver" 'grep -q "^Poisson: dipole correction" <<<"$out"'
t "log reports moment and potential step" \
  'grep -qE "^Dipole correction: dipole moment \+0\.197[0-9]+ e\*Ang along z;  potential step -4\.409[0-9]+ eV" <<<"$out"'
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/dipole_compare.py" "$tmp/dipole.h5" "$d/gpaw_dipole.json" 2>&1)
info=$("$PAWSORB" info "$tmp/dipole.h5" 2>&1)
t "pawsorb info shows the dipole layer" 'grep -qE "^dipole layer moment 0\.197[0-9]+ e\*Å along z, potential step -4\.409[0-9]+ eV" <<<"$info"'
