#!/usr/bin/env bash
# Issue 13: pawsorb and GPAW 22.8, 8 SCF iterations each on 2 ranks, back to back (the controlled
# per-iteration comparison of quick_vs_gpaw.sh's system; that script's full runs overlapped with
# other jobs). Output: run_8.out. ~12 min on an idle 2-core machine.
set -euo pipefail
cd "$(dirname "$0")"
build=${1:-../../build}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
sed 's/^if 0 > 0: kw/kw/; s/maxiter.\] = [0-9]*/maxiter'"'"'] = 8/' quick_vs_gpaw_gpaw.py > run_8_gpaw.py
sed -i "s/quick_vs_gpaw_gpaw.txt/run_8_gpaw.txt/" run_8_gpaw.py
{
echo "== $(date -u +%F\ %T) $(git rev-parse --short HEAD) load before $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o run_8_pawsorb.time mpirun -np 2 "$build/pawsorb" run quick_sn_8.yaml > run_8_pawsorb.log 2>&1 || true
echo "pawsorb done, load $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -v -o run_8_gpaw.time mpirun -np 2 /usr/bin/python3 run_8_gpaw.py > run_8_gpaw.out 2>&1 || true
echo "GPAW done, load $(cut -d' ' -f1-3 /proc/loadavg)"
for c in pawsorb gpaw; do
  printf '%-8s wall %s, CPU per rank %.1f s, peak %.0f MB per rank\n' $c \
    "$(awk -F': ' '/Elapsed/ {print $2}' run_8_$c.time)" \
    "$(awk -F': ' '/User time|System time/ {s+=$2} END {print s/2}' run_8_$c.time)" \
    "$(awk -F': ' '/Maximum resident/ {print $2/1024}' run_8_$c.time)"
done
echo "pawsorb iterations (s since start, energy):"; grep '^iter' run_8_pawsorb.log
sed -n '/^Timing/,/^total wall/p' run_8_pawsorb.log
echo "GPAW iterations (clock, energy):"; grep '^iter' run_8_gpaw.txt
sed -n '/^Timing:/,/^Total:/p' run_8_gpaw.txt | grep -E "^[A-Z]|^ [A-Z]"
} | tee run_8.out
