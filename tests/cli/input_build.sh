#!/usr/bin/env bash
# structure.build: an adsorption input whose substrate is made by the input's builder,
# {name: latp001, preset: quick}, with H2O, through `pawsorb check` (no SCF; must stay under
# 10 s), against the file `pawsorb build latp001 --preset quick` writes:
#  - read by ASE 3.22 (an independent reader), that file gives the same structure summary
#    check prints (atoms per species, cell, periodicity, volume, fixed atoms);
#  - `check` of the same input with that file as structure.file prints the same lines
#    (symmetry, k-points, grids, plane waves, the site finder's placements) but the origin.
# And `run` logs which builder made the structure. Bit-identity of the positions with
# slab_latp001 and with the command's file: tests/unit/test_input_build.c.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ads() {  # the adsorption input with $1 as its structure section
    cat <<YAML
task: adsorption
structure: $1
dft: {cutoff: 300, dispersion: d2}
adsorption:
  adsorbates: [H2O]
  placements: {orientations: [flat], max: 4}
  relax: false
YAML
}
ads "{build: {name: latp001, preset: quick}}" > "$tmp/built.yaml"
ads "{file: quick.xyz}" > "$tmp/file.yaml"

start=$(date +%s.%N)
(cd "$tmp" && "$PAWSORB" check built.yaml > built.out 2> built.err); rc=$?
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')   # bc is not installed everywhere
t "check with structure.build {latp001, preset quick} exits 0 (rc $rc: $(head -c 300 "$tmp/built.err"))" '[ $rc -eq 0 ]'
t "check takes less than 10 s ($secs s)" 'awk -v s="$secs" "BEGIN { exit !(s < 10) }"'
t "check says which builder made the slab" \
  'grep -q "^  built by latp001 (preset quick): 146 atoms; x = 2/8 = 0.25 (0.3 asked), termination 0 (Li | Ti), 74 fixed" "$tmp/built.out"'
t "the adsorption check places H2O on the built slab (4 placements)" \
  'grep -q "^adsorption: slab 146 atoms; 1 adsorbate; 4 placements" "$tmp/built.out" &&
   [ "$(grep -c "^adsorption: placement .*H2O .*(149 atoms)" "$tmp/built.out")" = 4 ]'

(cd "$tmp" && "$PAWSORB" build latp001 --preset quick -o quick.xyz > build.out 2>&1); rc=$?
t "build latp001 --preset quick writes quick.xyz (rc $rc)" '[ $rc -eq 0 ] && [ -s "$tmp/quick.xyz" ]'
# check's structure lines, made by ASE from the command's file
$py - "$tmp/quick.xyz" > "$tmp/ase.out" 2>&1 <<'PY'
import sys
from ase.io import read
from ase.constraints import FixAtoms
a = read(sys.argv[1])
sym = a.get_chemical_symbols()
order = list(dict.fromkeys(sym))
print("Structure       %d atoms: %s" % (len(a), " ".join("%s%d" % (s, sym.count(s)) for s in order)))
for i in range(3):
    print("  a%d            %12.6f %12.6f %12.6f A   periodic: %s" % ((i + 1,) + tuple(a.cell[i]) + ("yes" if a.pbc[i] else "no",)))
fixed = sum(len(c.get_indices()) for c in a.constraints if isinstance(c, FixAtoms))
print("  volume        %.4f A^3; %d fixed atoms" % (a.get_volume(), fixed))
PY
t "ASE reads the command's file: 146 atoms, 74 fixed ($(head -1 "$tmp/ase.out"))" \
  'grep -q "^Structure       146 atoms: Li10 Al2 Ti14 P24 O96$" "$tmp/ase.out" && grep -q "; 74 fixed atoms$" "$tmp/ase.out"'
missing=$(grep -vxF -f "$tmp/built.out" "$tmp/ase.out")
t "check of the built slab prints what ASE reads in the command's file (species, cell, pbc, volume, fixed)${missing:+; not in check: $missing}" \
  '[ -z "$missing" ] && [ "$(wc -l < "$tmp/ase.out")" = 5 ]'

(cd "$tmp" && "$PAWSORB" check file.yaml > file.out 2> file.err); rc=$?
t "check with the command's file as structure.file exits 0 (rc $rc)" '[ $rc -eq 0 ]'
d=$(diff <(grep -v "built by latp001\|is valid$" "$tmp/built.out") <(grep -v "read from quick.xyz\|is valid$" "$tmp/file.out"))
t "built and read slab: the same check output but the origin line (symmetry, sites, placements, grids)${d:+: $d}" \
  '[ -z "$d" ] && grep -q "^  read from quick.xyz: 146 atoms$" "$tmp/file.out" && grep -q "^Plane waves " "$tmp/file.out"'

# run logs the origin first; a 1 MB memory limit stops it before the slab's SCF (exit 1)
sed 's/^dft:/parallel: {memory_per_rank: 1 MB}\ndft:/' "$tmp/built.yaml" > "$tmp/run.yaml"
(cd "$tmp" && "$PAWSORB" run run.yaml > run.out 2> run.err); rc=$?
t "run logs which builder made the structure before it starts (rc $rc, stopped by the memory limit)" \
  '[ $rc -eq 1 ] && head -1 "$tmp/run.out" | grep -q "^Structure: built by latp001 (preset quick): 146 atoms;" &&
   grep -q "memory_per_rank" "$tmp/run.err"'
echo "1..$n"
