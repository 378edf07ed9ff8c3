#!/usr/bin/env bash
# A checkpoint read on another rank count (issue 12; workflow/checkpoint.h keeps psi and P
# in the global order of each block's whole basis): the H2O BFGS relaxation of
# checkpoint_mpi.sh (250 eV, fmax 0.2 eV/A) stopped in the middle of step 2's SCF on
# 2 plane-wave ranks and resumed on 1 rank takes the uninterrupted 1-rank run's steps with
# every energy within 1e-6 eV (rounding: the two rank counts' ordered sums differ in the
# last bits), and a 1-rank checkpoint (after step 1) resumed on 2 ranks likewise.
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/h2o.yaml" bfgs 0.2

"$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" --quiet; rc=$?
t "1 rank: the uninterrupted relaxation exits 0" '[ $rc -eq 0 ]'
mkdir -p "$tmp/b"
mp -x PAWSORB_STOP_AFTER_SCF_ITERATIONS=25 "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/b/x.h5" --quiet \
  > /dev/null 2>&1; rc=$?
st=$($py -c "import h5py, sys; print(h5py.File(sys.argv[1]).attrs['status'])" "$tmp/b/x.h5" 2>&1)
t "2 ranks, stopped mid-SCF: exit 4, status 'stopped: test hook, resumable' ($st), a checkpoint" \
  '[ $rc -eq 4 ] && [ "$st" = "stopped: test hook, resumable" ] && [ -s "$tmp/b/x.chk.h5" ]'
out=$("$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/b/x.h5" 2>&1); rc=$?
t "the 2-rank checkpoint resumed on 1 rank: exits 0" '[ $rc -eq 0 ] && grep -q "^relax: resuming" <<<"$out"'
compare "2-rank checkpoint (mid-SCF) resumed on 1 rank" "$tmp/full.h5" "$tmp/b/x.h5" 1e-6
mkdir -p "$tmp/c"
PAWSORB_STOP_AFTER_STEP=1 "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/c/x.h5" --quiet > /dev/null 2>&1
mp "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/c/x.h5" --quiet; rc=$?
t "a 1-rank checkpoint resumed on 2 ranks: exits 0" '[ $rc -eq 0 ] && [ ! -e "$tmp/c/x.chk.h5" ]'
compare "1-rank checkpoint (after step 1) resumed on 2 ranks" "$tmp/full.h5" "$tmp/c/x.h5" 1e-6
