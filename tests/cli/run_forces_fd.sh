#!/usr/bin/env bash
# Forces against a five-point finite difference of the free energy (tests/reference/forces_fd.py):
# H2 in a box (isolated, zero width; the bond-stretching force on atom 1) and displaced
# diamond Si (periodic, 2x2x2 k-points, Fermi-Dirac 0.1 eV; F_x on atom 1), d = 0.005 A,
# tolerance 0.003 eV/A (issue 4; the error budget in forces_fd.py is ~1e-4).
n=0
d=$PAWSORB_SRCDIR/tests/data/forces
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fd() {  # input atom axis
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
  done < <(cd "$tmp" && /usr/bin/python3 "$PAWSORB_SRCDIR/tests/reference/forces_fd.py" "$PAWSORB" "$d/$1" "$2" "$3" \
             0.005 "$tmp" 2>&1)
}
fd fd_h2.yaml 1 2
fd fd_si.yaml 1 0
