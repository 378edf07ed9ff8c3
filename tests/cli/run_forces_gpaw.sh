#!/usr/bin/env bash
# Forces of pawsorb run against GPAW 22.8: H2 (isolated, zero width), displaced diamond Si
# (2x2x2 k-points, complex wavefunctions, Fermi-Dirac 0.1 eV) and stretched O2 triplet
# (spin-polarised), inputs in tests/data/forces/*.yaml, GPAW's numbers in gpaw_*.json
# (tests/reference/forces_gpaw.py), checks and tolerances in tests/reference/forces_compare.py.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/forces
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for c in ${FORCES_CASES:-h2 si_dx o2}; do
  out=$(cd "$tmp" && "$PAWSORB" run "$d/$c.yaml" --output "$tmp/$c.h5" 2>&1); rc=$?
  t "run $c.yaml exits 0" '[ $rc -eq 0 ]'
  t "$c: log has the forces table" 'grep -q "^Forces in eV/Ang:" <<<"$out" && grep -q "^Max force:" <<<"$out"'
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
  done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/forces_compare.py" "$tmp/$c.h5" "$d/gpaw_$c.json" 2>&1)
done

# k-point groups: the nonlocal term summed over the groups (2 ranks, 2 of 4 blocks each).
if [ -z "${FORCES_CASES:-}" ]; then
  mpirun=${MPIRUN:-mpirun}
  "$mpirun" -n 2 --oversubscribe "$PAWSORB" run "$d/si_dx.yaml" --output "$tmp/si_mpi.h5" --quiet; rc=$?
  t "si_dx on 2 ranks (2 k-point groups) exits 0" '[ $rc -eq 0 ]'
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - 2 ranks: $what" || echo "not ok $n - 2 ranks: $what"
  done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/forces_compare.py" "$tmp/si_mpi.h5" "$d/gpaw_si_dx.json" 2>&1)
fi
