#!/usr/bin/env bash
# SIGKILL at random moments (issue 12, "Robustness"): the H2O BFGS relaxation of
# checkpoint_mpi.sh (250 eV, fmax 0.2 eV/A, 4 steps) is killed with SIGKILL at
# CHECKPOINT_KILLS (default 4) moments drawn uniformly over the uninterrupted run's wall
# time (seeded: CHECKPOINT_SEED, default 12). Every time the results file is readable by
# h5py and `pawsorb info` (a relaxation publishes it at its start and after every ionic
# step's checkpoint; killed before that first write, in its first ~0.5 s, a run leaves
# neither results nor checkpoint), and the same command then finishes (exit 0) with the uninterrupted
# run's steps and energies bit for bit, removing the killed run's temporary files and the
# checkpoint. CHECKPOINT_KILLS=20 is the issue's count (run by hand: see the commit).
# CHECKPOINT_SCF=N (default 3; "off" for none) adds `scf: {checkpoint: N}`, so that the
# kills also land on and between mid-SCF checkpoints (which change no bit of the answer).
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
kills=${CHECKPOINT_KILLS:-4}
RANDOM=${CHECKPOINT_SEED:-12}
h2o_relax_yaml "$tmp/h2o.yaml" bfgs 0.2
every=${CHECKPOINT_SCF:-3}
echo "scf: {checkpoint: $every}" >> "$tmp/h2o.yaml"
t0=$(date +%s.%N)
"$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" --quiet; rc=$?
wall=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')
t "the uninterrupted relaxation exits 0 (${wall} s, scf.checkpoint: $every)" '[ $rc -eq 0 ]'
readable=0 finished=0 exact=0 clean=0 early=0 mid=0
for k in $(seq "$kills"); do
  d=$tmp/k$k; mkdir -p "$d/mpitmp"
  delay=$(awk -v w="$wall" -v r=$RANDOM 'BEGIN { printf "%.2f", 0.3 + (w - 0.3) * r / 32768 }')
  TMPDIR="$d/mpitmp" OMPI_MCA_ess_singleton_isolated=1 "$PAWSORB_BIN" run "$tmp/h2o.yaml" --output "$d/x.h5" \
    --quiet > /dev/null 2>&1 &
  pid=$!
  sleep "$delay"; kill -KILL "$pid" 2> /dev/null; wait "$pid" 2> /dev/null
  steps=$($py -c "import h5py, sys; f = h5py.File(sys.argv[1]); print(f.attrs['status'], len(f['/relax/energies']) if '/relax/energies' in f else 0)" "$d/x.h5" 2>&1)
  if [ ! -e "$d/x.h5" ] && [ ! -e "$d/x.chk.h5" ]; then
    early=$((early + 1)) steps="none yet (killed before the run's first write)"
  fi
  { [ ! -e "$d/x.h5" ] && [ ! -e "$d/x.chk.h5" ]; } ||
    { "$PAWSORB" info "$d/x.h5" > /dev/null 2>&1 && [[ $steps =~ ^(incomplete|ok)\ [0-9]+$ ]]; } && readable=$((readable + 1))
  chk=no
  [ -e "$d/x.chk.h5" ] && chk=$($py -c "import h5py, sys; print(h5py.File(sys.argv[1]).attrs['status'])" "$d/x.chk.h5" 2>&1)
  [[ $chk == *"SCF iteration"* ]] && mid=$((mid + 1))
  echo "# kill $k after $delay s: results file: $steps; checkpoint: $chk"
  "$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" --quiet > /dev/null 2>&1 && finished=$((finished + 1))
  $py "$PAWSORB_SRCDIR/tests/tools/relax_compare.py" "$tmp/full.h5" "$d/x.h5" exact 2>&1 | grep -q FAIL || exact=$((exact + 1))
  [ -z "$(ls "$d" | grep -e '\.tmp\.' -e '\.snap\.' -e '\.chk\.')" ] && clean=$((clean + 1))
  rm -rf "$d"
done
t "after each of $kills SIGKILLs the results file is readable by h5py and pawsorb info, or the run had not written yet ($readable, $early of them early)" '[ $readable -eq $kills ]'
t "each killed run finishes when run again ($finished of $kills; $mid resumed from a mid-SCF checkpoint)" '[ $finished -eq $kills ]'
t "each ends with the uninterrupted steps and energies bit for bit ($exact of $kills)" '[ $exact -eq $kills ]'
t "each leaves no temporary file and no checkpoint ($clean of $kills)" '[ $clean -eq $kills ]'
