#!/usr/bin/env bash
# Compares pawsorb bader with the Henkelman group's `bader` (v1.05, GitHub
# henkelmangroup/bader; build: copy the *.f90, *.f and *.inc files and
# makefile.osx_gfortran to a scratch directory, `make -f makefile.osx_gfortran LINK=`;
# never committed) on the same cube files, both methods, no vacuum (its default) and
# the default vacuum of pawsorb (1e-4 e/A^3) for pawsorb alone.
#
#   HBADER=/tmp/hbader/bader PAWSORB=build/pawsorb \
#     bash tests/reference/bader_henkelman.sh CUBE... > tests/data/bader/compare_henkelman.txt
#
# Cubes: tests/reference/bader_gpaw_cubes.py (GPAW 22.8, PW 500 eV, PBE,
# get_all_electron_density(gridrefinement=2 and 4)). Populations in electrons;
# bader's ACF.dat CHARGE column is the population.
set -eu
: "${HBADER:?path of the Henkelman bader binary}" "${PAWSORB:?path of pawsorb}"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
for cube in "$@"; do
  c=$(readlink -f "$cube")
  for m in weight near-grid; do
    hm=$m; [ $m = near-grid ] && hm=neargrid
    (cd "$work" && start=$(date +%s.%N) && "$HBADER" -b $hm "$c" > bader.log &&
      echo "henkelman_time $(awk -v a=$start -v b=$(date +%s.%N) 'BEGIN{printf "%.2f", b-a}')" > time.txt)
    start=$(date +%s.%N)
    "$PAWSORB" bader "$c" --method $m --vacuum off > "$work/p.txt"
    pt=$(awk -v a=$start -v b=$(date +%s.%N) 'BEGIN{printf "%.2f", b-a}')
    "$PAWSORB" bader "$c" --method $m > "$work/pv.txt"
    echo "# $(basename "$cube") method=$m  ($(cat "$work/time.txt") s, pawsorb ${pt} s)"
    echo "# atom  henkelman  pawsorb(vacuum off)  difference  pawsorb(vacuum 1e-4 e/A^3)"
    awk 'NR>2 && $1 ~ /^[0-9]+$/ {print $5}' "$work/ACF.dat" > "$work/h.txt"
    awk '$1 ~ /^[0-9]+$/ && NF==6 {print $2, $3}' "$work/p.txt" > "$work/pp.txt"
    awk '$1 ~ /^[0-9]+$/ && NF==6 {print $3}' "$work/pv.txt" > "$work/ppv.txt"
    paste -d' ' "$work/pp.txt" "$work/h.txt" "$work/ppv.txt" |
      awk '{printf "%-4s %10.5f %10.5f %+10.5f %10.5f\n", $1, $3, $2, $2-$3, $4; hs+=$3; ps+=$2}
           END {printf "sum  %10.5f %10.5f\n", hs, ps}'
    grep -E '^vacuum|^populations|^basins' "$work/pv.txt" | sed 's/^/#   default vacuum: /'
  done
done
