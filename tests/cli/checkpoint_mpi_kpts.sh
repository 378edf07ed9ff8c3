#!/usr/bin/env bash
# Checkpoint and resume with 2 k-point groups (issue 12): the H2O BFGS relaxation of
# checkpoint_mpi.sh (250 eV, fmax 0.2 eV/A) with kpoints [1, 1, 2] (two complex blocks, one
# per group, under `mpirun -n 2`) stopped after step 2 and resumed on 2 ranks gives the
# uninterrupted 2-rank run bit for bit. This layout relaxes at all since the same commit
# (the wavefunction mover built orbitals on k-points a group does not hold and crashed).
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/h2o.yaml" bfgs 0.2

sed -e 's/cutoff: 250}/cutoff: 250, kpoints: [1, 1, 2]}/' "$tmp/h2o.yaml" > "$tmp/k2.yaml"
out=$(mp "$PAWSORB" run "$tmp/k2.yaml" --output "$tmp/k2.h5" 2>&1); rc=$?
t "2 k-point groups: the uninterrupted relaxation exits 0" \
  '[ $rc -eq 0 ] && grep -q "^Parallel: 2 ranks = 2 k-point groups x 1 band x 1 plane-wave ranks" <<<"$out"'
mkdir -p "$tmp/c"
mp -x PAWSORB_STOP_AFTER_STEP=2 "$PAWSORB" run "$tmp/k2.yaml" --output "$tmp/c/x.h5" --quiet > /dev/null 2>&1; rc=$?
t "2 k-point groups, stopped after step 2: exit 4, a checkpoint" '[ $rc -eq 4 ] && [ -s "$tmp/c/x.chk.h5" ]'
mp "$PAWSORB" run "$tmp/k2.yaml" --output "$tmp/c/x.h5" --quiet; rc=$?
t "2 k-point groups: resumed run exits 0" '[ $rc -eq 0 ] && [ ! -e "$tmp/c/x.chk.h5" ]'
compare "2 k-point groups, stopped after step 2, resumed" "$tmp/k2.h5" "$tmp/c/x.h5" exact
