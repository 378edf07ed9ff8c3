#!/usr/bin/env bash
# `pawsorb check` prints the same plane-wave counts, FFT grids and band counts as GPAW 22.8
# for the same input (GPAW's numbers: tests/reference/basis_counts.py; its log says
# "Number of coefficients (min, max): 721, 739" for Si and 5945 real coefficients for H2O).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
ex=$PAWSORB_SRCDIR/inputs/examples

out=$("$PAWSORB" check "$ex/h2o.yaml" 2>&1); rc=$?
t "check h2o.yaml exits 0" '[ $rc -eq 0 ]'
t "H2O coarse grid 40x45x40" 'grep -q "Coarse grid *40 x 45 x 40" <<<"$out"'
t "H2O fine grid 80x90x80" 'grep -q "Fine grid *80 x 90 x 80" <<<"$out"'
t "H2O 5945 real coefficients" 'grep -q "Plane waves *5945 coefficients (real" <<<"$out"'
t "H2O 6 bands, 8 electrons" 'grep -q "Bands *6 " <<<"$out" && grep -q "8 electrons" <<<"$out"'

out=$("$PAWSORB" check "$ex/si.yaml" 2>&1); rc=$?
t "check si.yaml exits 0" '[ $rc -eq 0 ]'
t "Si coarse grid 18x18x18" 'grep -q "Coarse grid *18 x 18 x 18" <<<"$out"'
t "Si fine grid 36x36x36" 'grep -q "Fine grid *36 x 36 x 36" <<<"$out"'
t "Si 721 to 739 coefficients per k" 'grep -q "Plane waves *721 to 739 coefficients" <<<"$out"'
t "Si 64 k-points, 10 irreducible as GPAW (24 operations + time reversal)" 'grep -q "64 in the grid, 10 irreducible" <<<"$out" && grep -q "Symmetry *24 operations" <<<"$out"'
t "Si 8 bands" 'grep -q "Bands *8 " <<<"$out"'

# A missing dataset names the element, the family and the directories searched.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
sed 's/setups: PBE/setups: NOSUCH/; s/^  xc: PBE/  xc: PBE\n  setups: NOSUCH/' "$ex/h2o.yaml" > "$tmp/nosetup.yaml"
out=$(PAWSORB_SETUP_PATH=$tmp "$PAWSORB" check "$tmp/nosetup.yaml" 2>&1); rc=$?
t "missing dataset: exit 1" '[ $rc -eq 1 ]'
t "missing dataset: message names file, key and search path" \
  'grep -q "nosetup.yaml" <<<"$out" && grep -q "setups" <<<"$out" && grep -q "$tmp" <<<"$out" && grep -q "/usr/share/gpaw-setups" <<<"$out"'

# Too few bands for the electrons, and a memory limit the run cannot fit.
sed 's/^  kpoints: \[1, 1, 1\]/  kpoints: [1, 1, 1]\n  bands: 3/' "$ex/h2o.yaml" > "$tmp/bands.yaml"
out=$("$PAWSORB" check "$tmp/bands.yaml" 2>&1); rc=$?
t "3 bands for 8 electrons: exit 1 naming dft.bands" '[ $rc -eq 1 ] && grep -q "dft.bands" <<<"$out"'
printf 'parallel:\n  memory_per_rank: 10 MB\n' | cat "$ex/h2o.yaml" - > "$tmp/mem.yaml"
out=$("$PAWSORB" check "$tmp/mem.yaml" 2>&1); rc=$?
t "memory_per_rank too small: exit 1 naming the key" '[ $rc -eq 1 ] && grep -q "parallel.memory_per_rank" <<<"$out"'
"$PAWSORB" check 2>/dev/null; rc=$?
t "check without an input: exit 1" '[ $rc -eq 1 ]'
echo "1..$n"
