#!/usr/bin/env bash
# pawsorb run on H2O (ASE g2, vacuum 4, periodic, PBE, 300 eV, FD 0.1 eV) against GPAW 22.8's numbers in
# tests/data/scf/gpaw_h2o_300.json (made by tests/reference/scf_gpaw.py h2o 300; tolerances
# and their reasons in tests/reference/scf_compare.py); bad arguments exit 1.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/scf
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

out=$("$PAWSORB" run "$d/h2o_300.yaml" --output "$tmp/h2o.h5" 2>&1); rc=$?
t "run h2o_300.yaml exits 0" '[ $rc -eq 0 ]'
t "log has GPAW's energy layout" 'grep -q "^Extrapolated:" <<<"$out" && grep -q "^Kinetic:" <<<"$out"'
t "log has one line per SCF iteration" 'grep -q "^iter:   1" <<<"$out"'
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - H2O 300 eV: $what" || echo "not ok $n - H2O 300 eV: $what"
done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/scf_compare.py" "$tmp/h2o.h5" "$d/gpaw_h2o_300.json" 2>&1)

"$PAWSORB" run 2>/dev/null; rc=$?
t "run without an input: exit 1" '[ $rc -eq 1 ]'
"$PAWSORB" run "$tmp/nonexistent.yaml" 2>/dev/null; rc=$?
t "run with a missing input: exit 1" '[ $rc -eq 1 ]'
