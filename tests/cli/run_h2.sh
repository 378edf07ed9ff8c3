#!/usr/bin/env bash
# pawsorb run on H2 (8 A box, PBE, 300 eV, zero width) against GPAW 22.8's numbers in
# tests/data/scf/gpaw_h2_300_tight.json (tests/reference/scf_gpaw.py h2 300 --tight; tolerances
# and their reasons in tests/reference/scf_compare.py). Also: a run that cannot converge
# in 3 iterations exits 2 and still writes its results file saying why; bad arguments exit 1.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/scf
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# Converged tightly on both sides, so the energy components compare at 1 meV.
sed 's/^output:/scf:\n  energy_tol: 1.0e-7\n  density_tol: 1.0e-7\noutput:/' "$d/h2_300.yaml" > "$tmp/tight.yaml"
out=$("$PAWSORB" run "$tmp/tight.yaml" --output "$tmp/h2.h5" 2>&1); rc=$?
t "run h2_300.yaml (tight criteria) exits 0" '[ $rc -eq 0 ]'
t "log has GPAW's energy layout" 'grep -q "^Extrapolated:" <<<"$out" && grep -q "^Kinetic:" <<<"$out"'
t "log has one line per SCF iteration" 'grep -q "^iter:   1" <<<"$out"'
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - H2 300 eV: $what" || echo "not ok $n - H2 300 eV: $what"
done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/scf_compare.py" "$tmp/h2.h5" "$d/gpaw_h2_300_tight.json" 0.001 --no-iter 2>&1)

sed 's/^output:/scf:\n  max_iter: 3\noutput:/' "$d/h2_300.yaml" > "$tmp/short.yaml"
out=$("$PAWSORB" run "$tmp/short.yaml" --output "$tmp/short.h5" --quiet 2>&1); rc=$?
t "3 iterations: exit 2" '[ $rc -eq 2 ]'
t "3 iterations: message says not converged" 'grep -q "not converged" <<<"$out"'
t "3 iterations: results file written with status saying why" \
  '/usr/bin/python3 -c "import h5py,sys; f=h5py.File(sys.argv[1]); s=f.attrs[\"status\"]; s=s.decode() if isinstance(s,bytes) else s; sys.exit(0 if \"not converged\" in s and not f[\"/scf/converged\"][()] else 1)" "$tmp/short.h5"'
"$PAWSORB" run 2>/dev/null; rc=$?
t "run without an input: exit 1" '[ $rc -eq 1 ]'
"$PAWSORB" run "$tmp/nonexistent.yaml" 2>/dev/null; rc=$?
t "run with a missing input: exit 1" '[ $rc -eq 1 ]'
