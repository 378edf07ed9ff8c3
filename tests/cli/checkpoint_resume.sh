#!/usr/bin/env bash
# Checkpoint and resume of a relaxation (issue 12; workflow/checkpoint.h, core/stop.h), one
# rank: H2O (PBE, 250 eV, 5 x 5.5 x 5 A box) relaxed with BFGS to fmax 0.05 eV/A without
# interruption (5 steps), then stopped after ionic step 1, after step 3, and in the middle
# of an SCF (the 25th SCF iteration of the process: step 2's), each time with the test hook
# that acts as a signal at that safe point (PAWSORB_STOP_AFTER_STEP /
# PAWSORB_STOP_AFTER_SCF_ITERATIONS, docs/interface.md), and resumed by running the same
# command again. The resumed run must end with the same steps, energies, positions and
# forces bit for bit (the issue asks 1e-6 eV), its trajectory must be the uninterrupted
# one's, the stopped run must exit 4 with a readable results file, and the checkpoint
# must be gone after the resumed run. CG: tests/cli/checkpoint_resume_cg.sh.
method=${CHECKPOINT_METHOD:-bfgs}
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/h2o.yaml" $method 0.05
"$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" --quiet; rc=$?
t "$method: the uninterrupted relaxation exits 0 and leaves no checkpoint" \
  '[ $rc -eq 0 ] && [ ! -e "$tmp/full.chk.h5" ]'

# stop_case NAME HOOK=VALUE: stop, check the stopped state, resume, compare
stop_case() {
  local name=$1 hook=$2 d="$tmp/$1"
  mkdir -p "$d"
  out=$(env "$hook" "$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" 2>&1); rc=$?
  t "$method $name: the stopped run exits 4 (stopped, resumable) and says how to continue" \
    '[ $rc -eq 4 ] && grep -q "stopped by test hook.*run the same command again to continue" <<<"$out"'
  t "$method $name: results file with status 'stopped: test hook, resumable', a checkpoint, no temporary file" \
    '[ -s "$d/x.chk.h5" ] && [ -z "$(ls "$d" | grep "\.tmp\.")" ] && $py -c "import h5py, sys; s = h5py.File(sys.argv[1]).attrs[\"status\"]; sys.exit(s != \"stopped: test hook, resumable\")" "$d/x.h5"'
  out=$("$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" 2>&1); rc=$?
  t "$method $name: the same command again resumes (log names the checkpoint) and exits 0" \
    '[ $rc -eq 0 ] && grep -q "^relax: resuming from .*x.chk.h5" <<<"$out"'
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $method $name, resumed: $what" || echo "not ok $n - $method $name, resumed: $what"
  done < <($py "$PAWSORB_SRCDIR/tests/tools/relax_compare.py" "$tmp/full.h5" "$d/x.h5" exact 2>&1)
  t "$method $name: the trajectory is the uninterrupted one's, the checkpoint is removed, no temporary file" \
    'cmp -s "$tmp/full.xyz" "$d/x.xyz" && [ ! -e "$d/x.chk.h5" ] && [ -z "$(ls "$d" | grep "\.tmp\.")" ]'
}
stop_case "after step 1" PAWSORB_STOP_AFTER_STEP=1
stop_case "after step 3" PAWSORB_STOP_AFTER_STEP=3
stop_case "mid-SCF (step 2)" PAWSORB_STOP_AFTER_SCF_ITERATIONS=25
