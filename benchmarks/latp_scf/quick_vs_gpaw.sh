#!/usr/bin/env bash
# Issue 13, first line of "Done when": the LATP `quick` slab + SN (156 atoms, 910 electrons;
# pawsorb's builders, SN flat on hollow-1), PBE, 500 eV, Gamma, Fermi-Dirac 0.1 eV, 550 bands,
# one converged SCF on 2 ranks, pawsorb and GPAW 22.8 in the same run, one after the other.
#
#   benchmarks/latp_scf/quick_vs_gpaw.sh [BUILDDIR] [--gpaw-maxiter N] [--skip-gpaw] [--skip-pawsorb]
#
# Both at GPAW's default SCF criteria (energy 5e-4 eV per valence electron over 3 iterations,
# density 1e-4, eigenstates 4e-8 eV^2); pawsorb with D2 (its energy is printed apart: GPAW 22.8
# has no D2, so the DFT energies are compared). --gpaw-maxiter N stops GPAW after N iterations
# (its full SCF takes ~30 min on 2 cores here): the per-iteration time then stands for it.
# Per code: wall time, CPU time per rank (user + system of all ranks / 2: on a shared machine
# the fair measure), SCF iterations, s per iteration, peak resident memory of the largest rank
# (/usr/bin/time -v on mpirun reports the largest descendant), energy.
# Outputs: quick_vs_gpaw.out (append), the logs quick_vs_gpaw_{pawsorb.log,gpaw.txt}.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$here/../../build gmax=0 run_g=1 run_p=1
while [ $# -gt 0 ]; do
  case $1 in
    --gpaw-maxiter) shift; gmax=$1 ;;
    --skip-gpaw) run_g=0 ;;
    --skip-pawsorb) run_p=0 ;;
    *) build=$(cd "$1" && pwd) ;;
  esac
  shift
done
pawsorb=$build/pawsorb
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
cd "$here"
[ -f quick_sn.xyz ] || { "$pawsorb" build latp001 --preset quick -o quick_slab.xyz >/dev/null &&
  "$pawsorb" build place quick_slab.xyz SN --site hollow-1 --orientation flat -o quick_sn.xyz; }
cat > quick_vs_gpaw.yaml <<EOF
# written by quick_vs_gpaw.sh
task: scf
structure: {file: quick_sn.xyz}
dft: {xc: PBE, cutoff: 500, dispersion: d2}
scf: {checkpoint: off}
output: {file: quick_vs_gpaw.h5}
EOF
cat > quick_vs_gpaw_gpaw.py <<EOF
# written by quick_vs_gpaw.sh
import time
from ase.io import read
from gpaw import GPAW, PW, FermiDirac
a = read('quick_sn.xyz')
a.pbc = (True, True, False)
kw = dict(mode=PW(500), xc='PBE', kpts=(1, 1, 1), nbands=550, occupations=FermiDirac(0.1),
          txt='quick_vs_gpaw_gpaw.txt')
if $gmax > 0: kw['maxiter'] = $gmax
a.calc = GPAW(**kw)
t = time.time()
try:
    e = a.get_potential_energy()
except Exception as x:   # maxiter reached: KohnShamConvergenceError
    e = float('nan')
from gpaw.mpi import world
if world.rank == 0: print('energy', e, 'time', time.time() - t)
EOF
measure() {   # label, log, command...: prints wall s, peak MB
  local label=$1 log=$2; shift 2
  /usr/bin/time -v -o "$label.time" "$@" > "$log" 2>&1 || true
  local wall=$(awk -F': ' '/Elapsed/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$label.time")
  local rss=$(awk -F': ' '/Maximum resident/ {print $2/1024}' "$label.time")
  local cpu=$(awk -F': ' '/User time|System time/ {s+=$2} END {print s/2}' "$label.time")
  echo "$wall $rss $cpu"
}
out=quick_vs_gpaw.out
{
echo "== $(date -u +%F\ %T) $(git -C "$here" rev-parse --short HEAD) load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ $run_p = 1 ]; then
  read pw pm pc < <(measure pawsorb quick_vs_gpaw_pawsorb.log mpirun -np 2 "$pawsorb" run quick_vs_gpaw.yaml)
  pit=$(grep -c '^iter:' quick_vs_gpaw_pawsorb.log)
  pe=$(awk '/^Extrapolated:/ {print $2}' quick_vs_gpaw_pawsorb.log | tail -1)
  pd=$(awk '/^Dispersion/ {print $(NF-1)}' quick_vs_gpaw_pawsorb.log | tail -1)
  pconv=$(grep -c 'NOT converged' quick_vs_gpaw_pawsorb.log || true)
  ptpi=$(awk '/^iter:/ {n++; if (n==1) a=$3; b=$3} END {if (n>1) printf "%.2f", (b-a)/(n-1); else print "nan"}' quick_vs_gpaw_pawsorb.log)
  echo "pawsorb: CPU (user + system) per rank $pc s"
  printf 'pawsorb: wall %.1f s, %d SCF iterations (%s), %s s/iteration (iterations 2..%d), peak %.0f MB per rank, E(DFT, extrapolated) %s eV (D2 %s eV apart)\n' \
    "$pw" "$pit" "$([ "$pconv" = 0 ] && echo converged || echo NOT converged)" "$ptpi" "$pit" "$pm" "$pe" "$pd"
  sed -n '/^Timing/,/^total wall/p' quick_vs_gpaw_pawsorb.log
fi
if [ $run_g = 1 ]; then
  read gw gm gc < <(measure gpaw quick_vs_gpaw_gpaw.out mpirun -np 2 /usr/bin/python3 quick_vs_gpaw_gpaw.py)
  git=$(grep -c '^iter:' quick_vs_gpaw_gpaw.txt)
  ge=$(awk '/^Extrapolated:/ {print $2}' quick_vs_gpaw_gpaw.txt | tail -1)
  # GPAW's iter lines carry the clock time (HH:MM:SS): seconds per iteration after the first
  tpi=$(awk '/^iter:/ {split($3,t,":"); s=t[1]*3600+t[2]*60+t[3]; n++; if (n==1) a=s; b=s} END {if (n>1) printf "%.2f", (b-a)/(n-1); else print "nan"}' quick_vs_gpaw_gpaw.txt)
  echo "GPAW: CPU (user + system) per rank $gc s"
  printf 'GPAW: wall %.1f s, %d SCF iterations (%s), %s s/iteration (iterations 2..%d), peak %.0f MB per rank, E(extrapolated) %s eV\n' \
    "$gw" "$git" "$([ $gmax -gt 0 ] && echo "maxiter $gmax" || echo converged)" "$tpi" "$git" "$gm" "${ge:-nan}"
  sed -n '/^Timing:/,/^Total:/p' quick_vs_gpaw_gpaw.txt
fi
echo "load after $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$out"
