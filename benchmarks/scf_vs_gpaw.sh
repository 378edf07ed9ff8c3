#!/usr/bin/env bash
# pawsorb vs GPAW 22.8, single process, on H2O (ASE g2, vacuum 4, periodic, PBE,
# PW 400 eV, Fermi-Dirac 0.1 eV: the gpaw-public.json case): wall time, CPU time, SCF
# iterations and peak memory (/usr/bin/time -v) of each, and the ratios.
#
#   benchmarks/scf_vs_gpaw.sh [PAWSORB_BINARY]     (default: ./pawsorb of the build dir)
#
# Both programs start from scratch (datasets read, FFTW plans made: GPAW with its
# default FFTW_MEASURE, pawsorb with FFTW_ESTIMATE). Run it on an idle machine: on a
# loaded one compare the CPU (user + sys) columns.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
bin=${1:-./pawsorb}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

cat > "$tmp/h2o.yaml" <<YAML
task: scf
structure:
  cell: [[8.0, 0.0, 0.0], [0.0, 9.526478, 0.0], [0.0, 0.0, 8.596309]]
  pbc: [true, true, true]
  atoms:
    - [O, 4.0, 4.763239, 4.596309]
    - [H, 4.0, 5.526478, 4.0]
    - [H, 4.0, 4.0, 4.0]
dft:
  xc: PBE
  cutoff: 400
output:
  file: $tmp/h2o.h5
YAML

cat > "$tmp/gpaw_h2o.py" <<PY
from ase.build import molecule
from gpaw import GPAW, PW
a = molecule('H2O'); a.center(vacuum=4.0); a.pbc = True
a.calc = GPAW(mode=PW(400), xc='PBE', txt='$tmp/gpaw.txt')
print('energy', a.get_potential_energy())
PY

measure() {  # name, log, command...
    local name=$1 log=$2; shift 2
    /usr/bin/time -v "$@" > "$log" 2> "$log.time" || { echo "$name failed, see $log"; cat "$log.time"; exit 1; }
    local wall user sys rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    user=$(awk -F': ' '/User time/ {print $2}' "$log.time")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log.time")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$log.time")
    echo "$name $wall $user $sys $rss"
}

p=$(measure pawsorb "$tmp/pawsorb.log" "$bin" run "$tmp/h2o.yaml")
g=$(measure gpaw "$tmp/gpaw.out" /usr/bin/python3 "$tmp/gpaw_h2o.py")
pit=$(grep -c '^iter:' "$tmp/pawsorb.log")
git=$(grep -c '^iter:' "$tmp/gpaw.txt")
pe=$(awk '/^Extrapolated:/ {print $2}' "$tmp/pawsorb.log")
ge=$(awk '/^energy/ {print $2}' "$tmp/gpaw.out")
read -r _ pw pu ps pr <<<"$p"
read -r _ gw gu gs gr <<<"$g"
printf '%-8s %10s %10s %8s %12s %14s\n' code wall_s cpu_s iters peak_MB energy_eV
printf '%-8s %10.2f %10.2f %8d %12.1f %14s\n' pawsorb "$pw" "$(echo "$pu + $ps" | bc)" "$pit" "$(echo "$pr / 1024" | bc -l)" "$pe"
printf '%-8s %10.2f %10.2f %8d %12.1f %14.6f\n' gpaw "$gw" "$(echo "$gu + $gs" | bc)" "$git" "$(echo "$gr / 1024" | bc -l)" "$ge"
printf 'ratio pawsorb/gpaw: wall %.2f, cpu %.2f, iterations %.2f, memory %.2f\n' \
    "$(echo "$pw / $gw" | bc -l)" "$(echo "($pu + $ps) / ($gu + $gs)" | bc -l)" "$(echo "$pit / $git" | bc -l)" \
    "$(echo "$pr / $gr" | bc -l)"
echo "pawsorb timing table:"; sed -n '/^Timing/,$p' "$tmp/pawsorb.log"
