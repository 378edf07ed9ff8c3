#!/usr/bin/env bash
# pawsorb submit on a real Slurm (issue 12, docs/batch.md): a private one-node cluster of
# Debian's slurm-wlm (munge, slurmctld, slurmd; tests/tools/slurm_cluster.sh) on this
# machine, 2 CPUs, stopped at the end whatever happens. Two scans of H2 on the 8-atom MgO
# slab (PBE, D2), each submitted with `pawsorb submit` and run directly with `pawsorb run`
# at the same time:
#  - "scan": 2 placements, single points at 200 eV, a 10-minute limit, 2 ranks through
#    `srun --mpi=pmix`: the references job, the placements array and collect all end with
#    exit 0 in that order, and collect's table (HDF5 and CSV) is the direct run's (2 ranks
#    through mpirun) to 1e-6 eV;
#  - "short": 1 placement relaxed (slab, molecule and complex; 250 eV, fmax 0.05 eV/A),
#    1 rank through `mpirun` (which forwards SIGUSR1 to the rank), a 1-minute limit and
#    the warning 58 s before it (Slurm's timer runs every 30 s: the signal comes at its
#    first tick, so every job longer than ~32 s is signalled; one that comes before the
#    run starts gives the run --max-time): a job is signalled (its log: SIGUSR1 passed on,
#    pawsorb stopped, exit 4, requeued), runs again (Restarts >= 1 in scontrol, "resuming
#    from" a checkpoint in its log) and the scan ends with the direct run's E_b to 1e-6 eV;
#  - "broken": the scan whose `run` fails (a stand-in program): the placements are
#    cancelled, collect still runs and exits 2 naming the parts not finished.
# Skips (a "# SKIP" line, neither passed nor failed) only where Slurm is not installed or
# its daemons cannot start here (the reason is printed).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
data=$PAWSORB_SRCDIR/tests/data/adsorption
. "$PAWSORB_SRCDIR/tests/tools/slurm_cluster.sh"
tmp=$(mktemp -d)
cleanup() {   # PAWSORB_KEEP_SLURM_TEST=1 keeps the directory (logs, slurm.conf) for a look
  slurm_stop
  if [ -n "${PAWSORB_KEEP_SLURM_TEST:-}" ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
if ! slurm_start "$tmp/cluster"; then
  echo "# SKIP slurm_submit: no private Slurm cluster on this machine: $slurm_why"
  exit 0
fi
t "a private Slurm cluster runs: node pawsorbnode idle, 2 CPUs" \
  '[ "$(sinfo -h -n pawsorbnode -o "%t %c")" = "idle 2" ]'

# The jobs run the program itself (submit writes /proc/self/exe into the scripts), with a
# TMPDIR that lives as long as the test: sbatch passes submit's environment on, so submit
# runs without the test wrapper (whose TMPDIR goes when it ends, and whose
# OMPI_MCA_ess_singleton_isolated=1 makes MPI_Init fail under srun: "getting job size failed").
export TMPDIR=$tmp/jobtmp; mkdir -p "$TMPDIR"
mk() {   # dir, placements yaml lines, relax (true|false), cutoff (eV), fmax (eV/A)
  mkdir -p "$1"
  cp "$data/mgo001_2layers.xyz" "$1/slab.xyz"; cp "$data/h2.xyz" "$1/h2.xyz"
  cat > "$1/ads.yaml" <<YAML
task: adsorption
structure: {file: slab.xyz, fix_below: 5.5}
dft: {cutoff: $4, dispersion: d2}
relax: {fmax: $5}
adsorption:
  adsorbates: [{file: h2.xyz, name: H2}]
  placements:
$2
  relax: $3
  deformation: false
output: {file: ads.h5}
YAML
}
mk "$tmp/scan" "    - {site: top-1, orientation: flat, height: 2.1}
    - {site: top-2, orientation: upright, height: 2.5}" false 200 0.1
# long enough to be signalled on any machine (and --max-requeue 100: a slow or sanitizer build
# needs many runs): the complex alone takes 47 CG steps, ~45 s of
# CPU time here (the references ~12 s)
mk "$tmp/short" "    - {site: top-1, orientation: flat, height: 2.1}" true 250 0.05
start=$(date +%s)
# the short scan first: its 1-task jobs start at once, the scan's 2-task jobs in between
sub_short=$(cd "$tmp/short" && "$PAWSORB_BIN" submit ads.yaml --dir run --time 1 --signal-margin 58 --max-requeue 100 --ntasks 1 \
            --launcher mpirun 2>&1); rc2=$?
sub_scan=$(cd "$tmp/scan" && "$PAWSORB_BIN" submit ads.yaml --dir run --time 10 --ntasks 2 2>&1); rc1=$?
t "submit exits 0 and prints the job ids of references, placements and collect (scan: $rc1, short: $rc2)" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 0 ] && grep -qE "^submitted references +job [0-9]+$" <<<"$sub_scan" &&
   grep -qE "^submitted placements +job [0-9]+ \(array\)$" <<<"$sub_scan" && grep -qE "^submitted collect +job [0-9]+$" <<<"$sub_short"'
# a scan whose references fail (a stand-in program: `run` exits 1, collect is pawsorb's)
mkdir -p "$tmp/broken"; cp "$tmp/scan/ads.yaml" "$tmp/scan/slab.xyz" "$tmp/scan/h2.xyz" "$tmp/broken/"
printf '#!/bin/sh\n[ "$1" = run ] && { echo "stand-in: run fails"; exit 1; }\nexec "%s" "$@"\n' "$PAWSORB_BIN" > "$tmp/broken/fail"
chmod +x "$tmp/broken/fail"
(cd "$tmp/broken" && "$PAWSORB_BIN" submit ads.yaml --dir run --time 5 --ntasks 1 --pawsorb "$tmp/broken/fail" >/dev/null 2>&1)
ids=$(cat "$tmp"/short/run/jobs "$tmp"/scan/run/jobs "$tmp"/broken/run/jobs 2>/dev/null | awk '{print $2}' | tr '\n' ' ')
t "the run directories record the 3 + 3 + 3 job ids (jobs: $ids)" '[ $(wc -w <<<"$ids") -eq 9 ]'
# the direct runs, side by side with the jobs
# (the scan's direct run on the jobs' 2 ranks: another rank count may end an SCF one
# iteration earlier or later, 1e-6 eV apart at the default criteria; the fresh-machine
# chroot showed 1.2e-6 eV between 1 and 2 ranks)
(cd "$tmp/scan" && ${MPIRUN:-mpirun} -n 2 --oversubscribe "$PAWSORB" run ads.yaml --output direct.h5 --quiet) & d1=$!
(cd "$tmp/short" && "$PAWSORB" run ads.yaml --output direct.h5 --quiet) & d2=$!
wait $d1; r1=$?; wait $d2; r2=$?
t "the direct runs exit 0 ($r1, $r2)" '[ $r1 -eq 0 ] && [ $r2 -eq 0 ]'
slurm_wait "$ids" 900; wrc=$?
echo "# all jobs left the queue after $(( $(date +%s) - start )) s"
t "every job leaves the queue within 15 minutes" '[ $wrc -eq 0 ]'

for s in scan short; do
  r=$tmp/$s/run
  log() { cat "$r"/logs/$1-*.out 2>/dev/null; }
  t "$s: the references job ends with exit 0" 'log references | grep -q "^pawsorb-job: references: exit 0 at"'
  np=$([ $s = scan ] && echo 2 || echo 1)
  t "$s: each of the $np placement tasks ends with exit 0" \
    '[ $(log placements | grep -c "^pawsorb-job: placement:[0-9]: exit 0 at") -eq $np ]'
  t "$s: collect ran last and ended with exit 0" \
    'log collect | grep -q "^pawsorb-job: collect: exit 0 at" &&
     ! [ "$(log collect | grep -m1 -o "started on .* at .*Z" | sed "s/.* at //")" \< "$(log placements | grep "exit 0 at" | sed "s/.* at //" | sort | tail -1)" ]'
  t "$s: collect wrote the results file, CSV and SVG" '[ -s $r/ads.h5 ] && [ -s $r/ads_adsorption.csv ] && [ -s $r/ads_adsorption.svg ]'
  nv=0
  while read -r verdict what; do
    case $verdict in
      PASS) n=$((n + 1)); nv=$((nv + 1)); echo "ok $n - $s: $what" ;;
      FAIL) n=$((n + 1)); nv=$((nv + 1)); echo "not ok $n - $s: $what" ;;
      *) echo "# $verdict $what" ;;
    esac
  done < <($py - "$tmp/$s/direct.h5" "$r/ads.h5" "$tmp/$s/direct_adsorption.csv" "$r/ads_adsorption.csv" <<'PY' 2>&1
import csv, sys, h5py
def check(ok, what): print('PASS' if ok else 'FAIL', what)
st = lambda o: o.decode() if isinstance(o, bytes) else o
a, b = h5py.File(sys.argv[1], 'r'), h5py.File(sys.argv[2], 'r')
check(st(b.attrs['status']) == 'ok', 'collect\'s results file has status ok (%s)' % st(b.attrs['status']))
pa, pb = sorted(a['adsorption/H2/placements']), sorted(b['adsorption/H2/placements'])
check(pa == pb and len(pa) > 0, 'the same placements (%s)' % ', '.join(pb))
for p in pa:
    if p not in pb: continue
    ea, eb = a['adsorption/H2/placements/%s/energy' % p][()], b['adsorption/H2/placements/%s/energy' % p][()]
    check(abs(ea - eb) < 1e-6, '%s: E_b %.8f eV from the jobs, %.8f eV direct (difference %.1e eV, limit 1e-6)' % (p, eb, ea, eb - ea))
for part in ('slab',):
    ea, eb = a['adsorption/%s/energy/total' % part][()], b['adsorption/%s/energy/total' % part][()]
    check(abs(ea - eb) < 1e-6, 'E(%s) %.8f eV, direct %.8f eV' % (part, eb, ea))
rows = lambda f: [(r['adsorbate'], r['placement'], r['rank'], r['e_bind_eV']) for r in csv.DictReader(open(f))]
ra, rb = rows(sys.argv[3]), rows(sys.argv[4])
check(ra == rb, 'the CSV table is the direct run\'s: same rows, order and E_b to its 6 decimals (%d rows)' % len(rb))
PY
)
  [ $nv -gt 0 ] || t "$s: the comparison with the direct run ran" false
  [ -n "$(log placements | grep "exit 0 at")" ] && [ -n "$(log references | grep "exit 0 at")" ] ||
    { echo "# $s: the jobs' logs:"; grep -h "^pawsorb-job\|^pawsorb:\|^mpirun\|^srun\|rror" "$r"/logs/*.out 2>&1 | sed "s/^/#   /"; }
done

# failed references: the placements are cancelled (afterok, --kill-on-invalid-dep), collect
# still runs (afterany) and lists what is missing (exit 2)
b=$tmp/broken/run
state() { scontrol show job "$(awk -v k=$1 '$1 == k {print $2}' "$b/jobs")" 2>/dev/null | grep -o "JobState=[A-Z]*" | head -1; }
t "broken: the references job failed ($(state references)), the placements were cancelled ($(state placements))" \
  '[ "$(state references)" = JobState=FAILED ] && [ "$(state placements)" = JobState=CANCELLED ]'
t "broken: collect ran and exited 2, naming the slab among the parts not finished" \
  'grep -q "^pawsorb-job: collect: exit 2 at" $b/logs/collect-*.out && grep -q "collect: 5 parts are not finished (slab, " $b/logs/collect-*.out'

# the short limit: signalled, requeued, resumed
r=$tmp/short/run
all=$(cat "$r"/logs/*.out 2>/dev/null)
t "short: a job got Slurm's SIGUSR1 and passed it on" 'grep -q "^pawsorb-job: .*: SIGUSR1 at .*, passed on to the run" <<<"$all"'
t "short: pawsorb stopped on it, exit 4, and the job requeued itself" \
  'grep -q "stopped by SIGUSR1" <<<"$all" && grep -q "^pawsorb-job: .*: exit 4 at" <<<"$all" &&
   grep -q "^pawsorb-job: .*: stopped, resumable: requeued$" <<<"$all" && ! grep -q "requeue failed" <<<"$all"'
t "short: a second run of a job started and resumed from a checkpoint" \
  'grep -q "^pawsorb-job: .*: run 2 of job" <<<"$all" && grep -q "resuming from" <<<"$all"'
restarts=0
for j in $(awk '{print $2}' "$r/jobs"); do
  k=$(scontrol show job "$j" 2>/dev/null | grep -o "Restarts=[0-9]*" | cut -d= -f2 | sort -n | tail -1)
  [ "${k:-0}" -gt "$restarts" ] && restarts=$k
done
echo "# short: $(grep -c "stopped, resumable: requeued" <<<"$all") requeues; most restarts of one job (scontrol): $restarts"
t "short: scontrol shows Restarts >= 1 ($restarts)" '[ "$restarts" -ge 1 ]'
t "the scan with the long limit was never signalled" '! grep -q "SIGUSR1\|requeued" "$tmp"/scan/run/logs/*.out'
slurm_stop
t "the daemons are stopped (no slurmctld, slurmd or munged of this test left)" \
  '[ ${#slurm_pids[@]} -eq 0 ] && ! sinfo -h >/dev/null 2>&1'
echo "# slurm_submit: $(( $(date +%s) - start )) s from the first submit"
