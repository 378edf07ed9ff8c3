#!/usr/bin/env bash
# Checkpoint and resume under `mpirun -n 2 --oversubscribe` (issue 12; workflow/checkpoint.h):
# the H2O BFGS relaxation of tests/cli/checkpoint_resume.sh (250 eV, fmax 0.05 eV/A) on
#  - 1 k-point group x 2 plane-wave ranks (psi split over G): stopped after ionic step 3
#    and resumed on 2 ranks: bit for bit the uninterrupted 2-rank run; stopped mid-SCF on
#    2 ranks and resumed on 1 rank (the checkpoint keeps psi in the global basis order, so
#    any rank count reads it): the 2-rank run's steps and energies within 1e-6 eV;
#  - 2 k-point groups (kpoints [1, 1, 2]: two complex blocks, one per group): stopped
#    after step 2 and resumed on 2 ranks: bit for bit the uninterrupted 2-rank run. This
#    layout relaxes at all since the same commit (the wavefunction mover built orbitals on
#    k-points a group does not hold and crashed).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
mpirun=${MPIRUN:-mpirun}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mp() { "$mpirun" -n 2 --oversubscribe "$@"; }
compare() {   # label, A, B, mode
  local label=$1; shift
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $label: $what" || echo "not ok $n - $label: $what"
  done < <($py "$PAWSORB_SRCDIR/tests/tools/relax_compare.py" "$@" 2>&1)
}
cat > "$tmp/h2o.yaml" <<'YAML'
task: relax
structure:
  cell: [[5.0, 0.0, 0.0], [0.0, 5.5, 0.0], [0.0, 0.0, 5.0]]
  pbc: [true, true, true]
  atoms:
    - [O, 2.5, 2.75, 2.9]
    - [H, 2.5, 3.55, 2.3]
    - [H, 2.5, 1.95, 2.3]
dft: {xc: PBE, cutoff: 250}
relax: {method: bfgs, fmax: 0.05}
YAML

out=$(mp "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" 2>&1); rc=$?
t "2 ranks: the uninterrupted relaxation exits 0 on 1 k-point group x 2 plane-wave ranks" \
  '[ $rc -eq 0 ] && grep -q "^Parallel: 2 ranks = 1 k-point group x 1 band x 2 plane-wave ranks" <<<"$out"'

mkdir -p "$tmp/a"
mp -x PAWSORB_STOP_AFTER_STEP=3 "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/a/x.h5" --quiet > /dev/null 2>&1
t "2 ranks, stopped after step 3: a checkpoint and a results file, no temporary file" \
  '[ -s "$tmp/a/x.chk.h5" ] && [ -s "$tmp/a/x.h5" ] && [ -z "$(ls "$tmp/a" | grep "\.tmp\.")" ]'
mp "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/a/x.h5" --quiet; rc=$?
t "2 ranks: resumed run exits 0, checkpoint removed" '[ $rc -eq 0 ] && [ ! -e "$tmp/a/x.chk.h5" ]'
compare "2 ranks, stopped after step 3, resumed on 2" "$tmp/full.h5" "$tmp/a/x.h5" exact

mkdir -p "$tmp/b"
mp -x PAWSORB_STOP_AFTER_SCF_ITERATIONS=25 "$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/b/x.h5" --quiet \
  > /dev/null 2>&1
st=$($py -c "import h5py, sys; print(h5py.File(sys.argv[1]).attrs['status'])" "$tmp/b/x.h5" 2>&1)
t "2 ranks, stopped mid-SCF: status 'stopped: test hook, resumable' ($st), a checkpoint" \
  '[ "$st" = "stopped: test hook, resumable" ] && [ -s "$tmp/b/x.chk.h5" ]'
out=$("$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/b/x.h5" 2>&1); rc=$?
t "a 2-rank checkpoint resumed on 1 rank: exits 0" '[ $rc -eq 0 ] && grep -q "^relax: resuming" <<<"$out"'
compare "2-rank checkpoint (mid-SCF) resumed on 1 rank" "$tmp/full.h5" "$tmp/b/x.h5" 1e-6

sed -e 's/cutoff: 250}/cutoff: 250, kpoints: [1, 1, 2]}/' "$tmp/h2o.yaml" > "$tmp/k2.yaml"
out=$(mp "$PAWSORB" run "$tmp/k2.yaml" --output "$tmp/k2.h5" 2>&1); rc=$?
t "2 k-point groups: the uninterrupted relaxation exits 0" \
  '[ $rc -eq 0 ] && grep -q "^Parallel: 2 ranks = 2 k-point groups x 1 band x 1 plane-wave ranks" <<<"$out"'
mkdir -p "$tmp/c"
mp -x PAWSORB_STOP_AFTER_STEP=2 "$PAWSORB" run "$tmp/k2.yaml" --output "$tmp/c/x.h5" --quiet > /dev/null 2>&1
mp "$PAWSORB" run "$tmp/k2.yaml" --output "$tmp/c/x.h5" --quiet; rc=$?
t "2 k-point groups, stopped after step 2: resumed run exits 0" '[ $rc -eq 0 ] && [ ! -e "$tmp/c/x.chk.h5" ]'
compare "2 k-point groups, stopped after step 2, resumed" "$tmp/k2.h5" "$tmp/c/x.h5" exact
