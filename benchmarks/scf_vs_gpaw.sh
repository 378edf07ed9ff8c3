#!/usr/bin/env bash
# pawsorb vs GPAW 22.8, single process, one BLAS thread, same machine, one after the other:
# wall time, CPU time (user + sys), SCF iterations and peak memory (/usr/bin/time -v) of
# each, the ratios, and the load average before and after each run.
#
#   benchmarks/scf_vs_gpaw.sh [PAWSORB_BINARY] [h2o|tio2|all]   (default ./pawsorb, all)
#
#   h2o:  ASE g2 H2O, vacuum 4, periodic, PBE, PW 400 eV, Gamma, Fermi-Dirac 0.1 eV (the
#         gpaw-public.json case); ~10 s each on an idle 2-core machine.
#   tio2: the 27-atom TiO2(110) + H2O slab (/work/shared/reference/structures/
#         tio2_110_h2o.xyz: Ti8 O17 H2, 6.50 x 5.92 x 18.19 A, periodic), PBE, PW 400 eV,
#         Gamma only, 124 bands, GPAW's default smearing for a periodic cell (Fermi-Dirac
#         0.1 eV: calculator.py create_occupations, "if self.atoms.pbc.any()"), GPAW's
#         default convergence criteria in both codes; several minutes each.
#
# Both programs start from scratch (datasets read, FFTW plans made: GPAW with its
# default FFTW_MEASURE, pawsorb with FFTW_ESTIMATE). On a loaded machine the wall times
# mean little: compare the CPU columns and read the load averages printed with them.
# Results of the runs so far: benchmarks/README.md.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-./pawsorb}
which=${2:-all}
tio2_xyz=${TIO2_XYZ:-/work/shared/reference/structures/tio2_110_h2o.xyz}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1

write_inputs() {  # case
    case $1 in
    h2o)
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
a.calc = GPAW(mode=PW(400), xc='PBE', txt='$tmp/gpaw_h2o.txt')
print('energy', a.get_potential_energy())
PY
        ;;
    tio2)
        cat > "$tmp/tio2.yaml" <<YAML
task: scf
structure:
  file: $tio2_xyz
dft:
  xc: PBE
  cutoff: 400
  kpoints: [1, 1, 1]
output:
  file: $tmp/tio2.h5
YAML
        cat > "$tmp/gpaw_tio2.py" <<PY
from ase.io import read
from gpaw import GPAW, PW
a = read('$tio2_xyz')
assert a.pbc.all()   # so GPAW's default occupations are Fermi-Dirac 0.1 eV
a.calc = GPAW(mode=PW(400), xc='PBE', kpts=(1, 1, 1), txt='$tmp/gpaw_tio2.txt')
print('energy', a.get_potential_energy())
PY
        ;;
    esac
}

measure() {  # name, log, command...
    local name=$1 log=$2; shift 2
    local l0 l1
    l0=$(cut -d' ' -f1 /proc/loadavg)
    /usr/bin/time -v "$@" > "$log" 2> "$log.time" || { echo "$name failed, see $log"; cat "$log.time"; exit 1; }
    l1=$(cut -d' ' -f1 /proc/loadavg)
    local wall user sys rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log.time" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
    user=$(awk -F': ' '/User time/ {print $2}' "$log.time")
    sys=$(awk -F': ' '/System time/ {print $2}' "$log.time")
    rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$log.time")
    echo "$name $wall $user $sys $rss $l0 $l1"
}

compare() {  # case
    local c=$1
    write_inputs "$c"
    local p g
    p=$(measure pawsorb "$tmp/pawsorb_$c.log" "$bin" run "$tmp/$c.yaml")
    g=$(measure gpaw "$tmp/gpaw_$c.out" /usr/bin/python3 "$tmp/gpaw_$c.py")
    local pit git pe ge
    pit=$(grep -c '^iter:' "$tmp/pawsorb_$c.log")
    git=$(grep -c '^iter:' "$tmp/gpaw_$c.txt")
    pe=$(awk '/^Extrapolated:/ {print $2}' "$tmp/pawsorb_$c.log")
    ge=$(awk '/^energy/ {print $2}' "$tmp/gpaw_$c.out")
    read -r _ pw pu ps pr pl0 pl1 <<<"$p"
    read -r _ gw gu gs gr gl0 gl1 <<<"$g"
    echo "== $c"
    printf '%-8s %10s %10s %8s %12s %14s %12s\n' code wall_s cpu_s iters peak_MB energy_eV load_avg
    printf '%-8s %10.2f %10.2f %8d %12.1f %14s %5s->%-5s\n' pawsorb "$pw" "$(echo "$pu + $ps" | bc)" "$pit" \
        "$(echo "$pr / 1024" | bc -l)" "$pe" "$pl0" "$pl1"
    printf '%-8s %10.2f %10.2f %8d %12.1f %14.6f %5s->%-5s\n' gpaw "$gw" "$(echo "$gu + $gs" | bc)" "$git" \
        "$(echo "$gr / 1024" | bc -l)" "$ge" "$gl0" "$gl1"
    printf 'ratio pawsorb/gpaw: wall %.2f, cpu %.2f, iterations %.2f, memory %.2f\n' \
        "$(echo "$pw / $gw" | bc -l)" "$(echo "($pu + $ps) / ($gu + $gs)" | bc -l)" "$(echo "$pit / $git" | bc -l)" \
        "$(echo "$pr / $gr" | bc -l)"
    echo "pawsorb timing table:"; sed -n '/^Timing/,$p' "$tmp/pawsorb_$c.log"
    echo "GPAW timing table:"; sed -n '/^Timing:/,/^Total:/p' "$tmp/gpaw_$c.txt"
}

case $which in
h2o | tio2) compare "$which" ;;
all) compare h2o; compare tio2 ;;
*) echo "usage: $0 [PAWSORB_BINARY] [h2o|tio2|all]" >&2; exit 1 ;;
esac
