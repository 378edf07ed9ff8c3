#!/usr/bin/env bash
# Forces of pawsorb run against GPAW 22.8 on H2 (not periodic) and H2O_dx (periodic, O moved
# +0.1 A along x: no force is zero by symmetry along x) at 300 eV; GPAW's numbers in
# tests/data/forces/gpaw_*.json (tests/reference/forces_gpaw.py), tolerances and their
# reasons in tests/reference/forces_compare.py. H2O itself is checked the same way by
# benchmarks (gpaw_h2o.json; it costs the CI another 10 s for the same code path).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/forces
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

for c in h2 h2o_dx; do
  out=$(cd "$tmp" && "$PAWSORB" run "$d/$c.yaml" --output "$tmp/$c.h5" 2>&1); rc=$?
  t "run $c.yaml exits 0" '[ $rc -eq 0 ]'
  t "$c: log has the forces table" 'grep -q "^Forces in eV/Ang:" <<<"$out" && grep -q "^Max force:" <<<"$out"'
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
  done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/forces_compare.py" "$tmp/$c.h5" "$d/gpaw_$c.json" 2>&1)
done
