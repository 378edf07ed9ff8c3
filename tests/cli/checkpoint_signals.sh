#!/usr/bin/env bash
# Stopping a relaxation from outside (issue 12; core/stop.h, docs/interface.md):
#  - SIGTERM to a running relaxation (1 rank, sent once step 1 is in the log): exit 4, a
#    results file that h5py and `pawsorb info` read with status "stopped: SIGTERM,
#    resumable", a checkpoint, no *.tmp.* file; the same command then finishes with the
#    uninterrupted run's steps and energy bit for bit;
#  - SIGUSR1 (what Slurm's --signal sends) to `mpirun -n 2`, which forwards it: exit 4,
#    status "stopped: SIGUSR1, resumable", no temporary file; resumed on 1 rank within 1e-6 eV;
#  - SIGINT: exit 4, status "stopped: SIGINT, resumable".
# The H2O BFGS relaxation of checkpoint_mpi.sh (250 eV, fmax 0.2 eV/A, 4 steps). Stops from
# inside (--max-time) and refused checkpoints: checkpoint_refuse.sh.
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/h2o.yaml" bfgs 0.2
"$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" --quiet; rc=$?
t "the uninterrupted relaxation exits 0" '[ $rc -eq 0 ]'

# SIGTERM, 1 rank
d=$tmp/term; start_bg "$d" run "$tmp/h2o.yaml" --output "$d/x.h5"
wait_for "$d/log" "^relax: step   1"; kill -TERM "$pid"; wait "$pid"; rc=$?
t "SIGTERM: exit 4 (stopped, resumable), the message names the signal and the checkpoint" \
  '[ $rc -eq 4 ] && grep -q "stopped by SIGTERM.*x.chk.h5 holds the state after ionic step" "$d/err"'
st=$(status "$d/x.h5")
t "SIGTERM: h5py reads the results file, status 'stopped: SIGTERM, resumable' ($st)" \
  '[ "$st" = "stopped: SIGTERM, resumable" ]'
info=$("$PAWSORB" info "$d/x.h5" 2>&1); irc=$?
t "SIGTERM: pawsorb info reads it (exit 0, status and steps shown)" \
  '[ $irc -eq 0 ] && grep -q "stopped: SIGTERM, resumable" <<<"$info" && grep -q "^relax" <<<"$info"'
t "SIGTERM: a checkpoint, no temporary file" '[ -s "$d/x.chk.h5" ] && no_tmp "$d"'
"$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" --quiet; rc=$?
t "SIGTERM: the same command finishes (exit 0), checkpoint removed" '[ $rc -eq 0 ] && [ ! -e "$d/x.chk.h5" ] && no_tmp "$d"'
compare "SIGTERM, resumed" "$tmp/full.h5" "$d/x.h5" exact

# SIGUSR1 to mpirun -n 2 (forwarded to the ranks)
d=$tmp/usr1; mkdir -p "$d"
"$mpirun" -n 2 --oversubscribe "$PAWSORB_BIN" run "$tmp/h2o.yaml" --output "$d/x.h5" > "$d/log" 2> "$d/err" &
pid=$!
wait_for "$d/log" "^relax: step   1"; kill -USR1 "$pid"; wait "$pid"; rc=$?
st=$(status "$d/x.h5")
t "SIGUSR1 to mpirun -n 2: exit 4, status 'stopped: SIGUSR1, resumable' ($st), no temporary file" \
  '[ $rc -eq 4 ] && [ "$st" = "stopped: SIGUSR1, resumable" ] && [ -s "$d/x.chk.h5" ] && no_tmp "$d"'
"$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" --quiet; rc=$?
t "SIGUSR1: resumed on 1 rank, exit 0" '[ $rc -eq 0 ]'
compare "SIGUSR1 on 2 ranks, resumed on 1" "$tmp/full.h5" "$d/x.h5" 1e-6

# SIGINT
d=$tmp/int; start_bg "$d" run "$tmp/h2o.yaml" --output "$d/x.h5"
wait_for "$d/log" "^relax: step   1"; kill -INT "$pid"; wait "$pid"; rc=$?
st=$(status "$d/x.h5")
t "SIGINT: exit 4, status 'stopped: SIGINT, resumable' ($st), no temporary file" \
  '[ $rc -eq 4 ] && [ "$st" = "stopped: SIGINT, resumable" ] && no_tmp "$d"'

