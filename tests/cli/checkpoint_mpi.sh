#!/usr/bin/env bash
# Checkpoint and resume under `mpirun -n 2 --oversubscribe` (issue 12; workflow/checkpoint.h),
# 1 k-point group x 2 plane-wave ranks (psi split over G, written as blocks of the global
# basis): the H2O BFGS relaxation of tests/cli/checkpoint_resume.sh (250 eV; fmax 0.2 eV/A
# here, 4 steps, to keep 2-rank runs short) stopped after ionic step 2 and resumed on 2
# ranks gives the uninterrupted 2-rank run bit for bit, and so does a stop in step 2's SCF
# (the SCF continued from its saved state). Other layouts and rank counts:
# checkpoint_mpi_ranks.sh, checkpoint_mpi_kpts.sh.
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/h2o.yaml" bfgs 0.2

out=$(mp "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" 2>&1); rc=$?
t "2 ranks: the uninterrupted relaxation exits 0 on 1 k-point group x 2 plane-wave ranks" \
  '[ $rc -eq 0 ] && grep -q "^Parallel: 2 ranks = 1 k-point group x 1 band x 2 plane-wave ranks" <<<"$out"'

mkdir -p "$tmp/a"
mp -x PAWSORB_STOP_AFTER_STEP=2 "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/a/x.h5" --quiet > /dev/null 2>&1; rc=$?
t "2 ranks, stopped after step 2: a checkpoint and a results file, no temporary file" \
  '[ -s "$tmp/a/x.chk.h5" ] && [ -s "$tmp/a/x.h5" ] && [ -z "$(ls "$tmp/a" | grep "\.tmp\.")" ]'
mp "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/a/x.h5" --quiet; rc=$?
t "2 ranks: resumed run exits 0, checkpoint removed" '[ $rc -eq 0 ] && [ ! -e "$tmp/a/x.chk.h5" ]'
compare "2 ranks, stopped after step 2, resumed on 2" "$tmp/full.h5" "$tmp/a/x.h5" exact

# stopped in step 2's SCF (the hook's 25th safe point): the SCF's state is saved and
# continued on the same layout (workflow/checkpoint.h, format 2)
mkdir -p "$tmp/m"
out=$(mp -x PAWSORB_STOP_AFTER_SCF_ITERATIONS=25 "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/m/x.h5" 2>&1); rc=$?
t "2 ranks, stopped mid-SCF: exit 4, the checkpoint holds the running SCF" \
  '[ $rc -eq 4 ] && grep -q "x.chk.h5 holds the state after ionic step [0-9]* and SCF iteration [0-9]* of step" <<<"$out"'
out=$(mp "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/m/x.h5" 2>&1); rc=$?
t "2 ranks: resumed inside the SCF on 2 ranks, exits 0, checkpoint removed" \
  '[ $rc -eq 0 ] && grep -q "^relax: resuming from .*SCF continues after iteration" <<<"$out" && [ ! -e "$tmp/m/x.chk.h5" ]'
compare "2 ranks, stopped mid-SCF, resumed on 2" "$tmp/full.h5" "$tmp/m/x.h5" exact
