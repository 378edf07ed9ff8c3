#!/usr/bin/env bash
# `dft.dispersion: d2` wiring: the S22 water dimer (tests/data/forces/d2_dimer.yaml) without
# D2, with D2 (defaults: s6 0.75 for PBE, d 20, sR 1, 50 A) and with every dft.d2 option set;
# energies (/energy/total, free, dispersion) and /forces must change by exactly E_D2 and
# F_D2 of the independent tests/reference/d2_reference.py (checks and tolerances in
# tests/reference/forces_d2_check.py). Bad dft.d2 values exit 1 naming the key.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
d=$PAWSORB_SRCDIR/tests/data/forces
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
check() {  # NO_D2.h5 D2.h5 s6 d sr cutoff
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
  done < <(/usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/forces_d2_check.py" "$@" 2>&1)
}

"$PAWSORB" run "$d/d2_dimer.yaml" --output "$tmp/none.h5" --quiet; rc=$?
t "dimer without D2 exits 0" '[ $rc -eq 0 ]'
sed 's/dispersion: none/dispersion: d2/' "$d/d2_dimer.yaml" > "$tmp/d2.yaml"
out=$("$PAWSORB" run "$tmp/d2.yaml" --output "$tmp/d2.h5" 2>&1); rc=$?
t "dimer with D2 exits 0" '[ $rc -eq 0 ]'
t "log reports the D2 energy and the energies including it" \
  'grep -q "^Dispersion (Grimme D2, s6 0.750" <<<"$out" && grep -q "^Extrapolated + D2:" <<<"$out"'
t "log says the forces include D2" 'grep -q "^Forces in eV/Ang (D2 included):" <<<"$out"'
check "$tmp/none.h5" "$tmp/d2.h5" 0.75 20 1 50

sed 's/dispersion: none/dispersion: d2\n  d2: {s6: 1.2, d: 25, sr: 1.1, cutoff: 6}/' "$d/d2_dimer.yaml" > "$tmp/opt.yaml"
"$PAWSORB" run "$tmp/opt.yaml" --output "$tmp/opt.h5" --quiet; rc=$?
t "dimer with dft.d2 options exits 0" '[ $rc -eq 0 ]'
check "$tmp/none.h5" "$tmp/opt.h5" 1.2 25 1.1 6

bad() {  # what, sed expression on the dimer input, text the message must contain
  sed "$2" "$d/d2_dimer.yaml" > "$tmp/bad.yaml"
  msg=$("$PAWSORB" run "$tmp/bad.yaml" --output "$tmp/bad.h5" 2>&1); rc=$?
  want=$3
  t "$1: exit 1, message names $want" '[ $rc -eq 1 ] && grep -qF -- "$want" <<<"$msg" && grep -q "bad.yaml" <<<"$msg"'
}
bad "negative s6" 's/dispersion: none/dispersion: d2\n  d2: {s6: -1}/' "dft.d2.s6: must be > 0"
bad "zero cutoff" 's/dispersion: none/dispersion: d2\n  d2: {cutoff: 0}/' "dft.d2.cutoff"
bad "non-numeric d" 's/dispersion: none/dispersion: d2\n  d2: {d: steep}/' "dft.d2.d"
bad "unknown d2 key" 's/dispersion: none/dispersion: d2\n  d2: {s8: 1}/' "dft.d2.s8: unknown key"
bad "d2 options without dispersion d2" 's/dispersion: none/dispersion: none\n  d2: {s6: 1}/' \
  "dft.d2: options need dft.dispersion: d2"
bad "LDA has no Grimme s6" 's/dispersion: none/dispersion: d2/; s/xc: PBE/xc: LDA/' "dft.d2.s6"
