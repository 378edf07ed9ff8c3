#!/usr/bin/env bash
# Stopping from inside and refusing checkpoints (issue 12; docs/interface.md):
#  - run --max-time 3: exit 4, status "stopped: max-time, resumable", and it resumes to the
#    uninterrupted run's result bit for bit; a malformed --max-time is exit 1;
#  - a single point stopped mid-SCF: exit 4, its results file says so, a mid-SCF checkpoint,
#    which is refused (exit 1, the file named) for another cutoff, mixer history or task,
#    truncated, with one byte changed, or empty, or altered and sealed again (a longer
#    mixer history than stored, too many iterations, wavefunctions of another shape);
#    another scf.checkpoint is accepted;
#  - checkpoints that must be refused with exit 1 and a message naming the file: written for
#    another cutoff (the message names dft.cutoff and both values), another atom position
#    (structure.atoms[1]), another method (relax.method); truncated, one corrupted byte,
#    an overwritten header, an empty file. The stopped run's results file stays as it
#    was, no temporary file is left. --fresh starts again with the changed input and
#    removes the checkpoint.
# The H2O BFGS relaxation of checkpoint_mpi.sh (250 eV, fmax 0.2 eV/A, 4 steps).
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/h2o.yaml" bfgs 0.2
"$PAWSORB" run "$tmp/h2o.yaml" --output "$tmp/full.h5" --quiet; rc=$?
t "the uninterrupted relaxation exits 0" '[ $rc -eq 0 ]'

# --max-time
d=$tmp/maxt; mkdir -p "$d"
out=$("$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" --max-time 3 2>&1); rc=$?
st=$(status "$d/x.h5")
t "--max-time 3: exit 4, status 'stopped: max-time, resumable' ($st), no temporary file" \
  '[ $rc -eq 4 ] && [ "$st" = "stopped: max-time, resumable" ] && no_tmp "$d"'
"$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" --quiet; rc=$?
t "--max-time: the same command without it finishes" '[ $rc -eq 0 ]'
compare "--max-time, resumed" "$tmp/full.h5" "$d/x.h5" exact
"$PAWSORB" run "$tmp/h2o.yaml" --max-time 10x > /dev/null 2>&1; rc=$?
t "--max-time 10x: exit 1" '[ $rc -eq 1 ]'

# a single point stopped mid-SCF: its checkpoint holds the SCF (checkpoint_scf.sh resumes it)
d=$tmp/sp; mkdir -p "$d"
sed -e 's/^task: relax/task: scf/' "$tmp/h2o.yaml" > "$d/scf.yaml"
PAWSORB_STOP_AFTER_SCF_ITERATIONS=3 "$PAWSORB" run "$d/scf.yaml" --output "$d/x.h5" > /dev/null 2>&1; rc=$?
st=$(status "$d/x.h5")
t "single point stopped after SCF iteration 3: exit 4, status '$st', a mid-SCF checkpoint, no temporary file" \
  '[ $rc -eq 4 ] && [ "$st" = "stopped: test hook, resumable" ] && [ -s "$d/x.chk.h5" ] && no_tmp "$d"'
cp "$d/x.chk.h5" "$d/good.chk.h5"; cp "$d/x.h5" "$d/stopped.h5"
refused_sp() {   # label, yaml, pattern: as refused below, for the single point
  out=$("$PAWSORB" run "$2" --output "$d/x.h5" 2>&1); rc=$?
  t "mid-SCF checkpoint refused, $1: exit 1, the message names the file and says: $3" \
    '[ $rc -eq 1 ] && grep -q "x.chk.h5: .*$3" <<<"$out" && cmp -s "$d/x.h5" "$d/stopped.h5" && no_tmp "$d"'
  cp "$d/good.chk.h5" "$d/x.chk.h5"
}
sed -e 's/cutoff: 250/cutoff: 300/' "$d/scf.yaml" > "$d/cut.yaml"
refused_sp "another cutoff" "$d/cut.yaml" "dft.cutoff: 250 eV in the checkpoint, 300 eV in the input"
sed -e 's/^dft: .*/&\nscf: {mixer: {history: 3}}/' "$d/scf.yaml" > "$d/mix.yaml"
refused_sp "another mixer history" "$d/mix.yaml" "scf.mixer: beta 0.05, history 5, kerker -1 in the checkpoint, beta 0.05, history 3"
sed -e 's/^task: scf/task: relax/' "$d/scf.yaml" > "$d/relax.yaml"
refused_sp "a relaxation's input" "$d/relax.yaml" "task: scf in the checkpoint, relax in the input"
size=$(stat -c %s "$d/good.chk.h5")
head -c $((size - 4096)) "$d/good.chk.h5" > "$d/x.chk.h5"
refused_sp "truncated by 4 kB" "$d/scf.yaml" "truncated"
printf '\001' | dd of="$d/x.chk.h5" bs=1 seek=$((size * 3 / 4)) conv=notrunc 2> /dev/null
refused_sp "one byte changed (in the mixer's history)" "$d/scf.yaml" "corrupted: its SHA-256 does not match"
: > "$d/x.chk.h5"
refused_sp "empty" "$d/scf.yaml" "not a complete pawsorb checkpoint"
# altered inside and sealed again (what the seal cannot see): refused by the reader, which
# checks every count and shape against the input
tamper() {   # file, what: change the checkpoint with h5py, then write a valid seal
  $py - "$1" "$2" <<'PY'
import hashlib, sys, h5py, numpy as np
path, what = sys.argv[1], sys.argv[2]
with h5py.File(path, 'r+') as f:
    if what == 'mixer':
        f['/mixer/0/counters'][...] = [5, 4, 4]
    elif what == 'iterations':
        f['/scf/counters'][0] = 100
    elif what == 'psi':
        del f['/wfs/psi_0']
        f['/wfs/psi_0'] = np.zeros((3, 5, 2))
data = open(path, 'rb').read()
line = f"pawsorb sealed sha256={hashlib.sha256(data[512:]).hexdigest()} size={len(data) - 512}\n".encode()
open(path, 'r+b').write(line + b'\0' * (512 - len(line)))
PY
}
tamper "$d/x.chk.h5" mixer
refused_sp "re-sealed, the mixer's history longer than stored" "$d/scf.yaml" "no dataset /mixer/0/nt_3"
tamper "$d/x.chk.h5" iterations
refused_sp "re-sealed, 100 iterations done" "$d/scf.yaml" "/scf/counters \[100, 1\] out of range (max_iter 100"
tamper "$d/x.chk.h5" psi
refused_sp "re-sealed, wavefunctions of another shape" "$d/scf.yaml" "/wfs/psi_0 has shape (3x5x2), (6x[0-9]*x2) expected"
sed -e 's/^dft: .*/&\nscf: {checkpoint: 2}/' "$d/scf.yaml" > "$d/every.yaml"
"$PAWSORB" run "$d/every.yaml" --output "$d/x.h5" --quiet; rc=$?
t "another scf.checkpoint is not a difference: the SCF resumes (exit 0), the checkpoint is gone" \
  '[ $rc -eq 0 ] && [ ! -e "$d/x.chk.h5" ] && [ "$(status "$d/x.h5")" = ok ]'

# refused checkpoints
d=$tmp/bad; mkdir -p "$d"
PAWSORB_STOP_AFTER_STEP=2 "$PAWSORB" run "$tmp/h2o.yaml" --output "$d/x.h5" --quiet > /dev/null 2>&1
cp "$d/x.chk.h5" "$d/good.chk.h5"; cp "$d/x.h5" "$d/stopped.h5"
refused() {   # label, yaml, pattern
  out=$("$PAWSORB" run "$2" --output "$d/x.h5" 2>&1); rc=$?
  t "refused, $1: exit 1, the message names the file and says: $3" \
    '[ $rc -eq 1 ] && grep -q "x.chk.h5: .*$3" <<<"$out" && cmp -s "$d/x.h5" "$d/stopped.h5" && no_tmp "$d"'
  cp "$d/good.chk.h5" "$d/x.chk.h5"
}
sed -e 's/cutoff: 250/cutoff: 300/' "$tmp/h2o.yaml" > "$d/cut.yaml"
refused "another cutoff" "$d/cut.yaml" "dft.cutoff: 250 eV in the checkpoint, 300 eV in the input"
sed -e 's/2.5, 3.55, 2.3/2.5, 3.56, 2.3/' "$tmp/h2o.yaml" > "$d/pos.yaml"
refused "another position" "$d/pos.yaml" "structure.atoms\[1\]: Z 1 at 2.5 3.55 2.3 Angstrom"
sed -e 's/method: bfgs/method: cg/' "$tmp/h2o.yaml" > "$d/cg.yaml"
refused "another method" "$d/cg.yaml" "relax.method: bfgs in the checkpoint, cg in the input"
head -c 100000 "$d/good.chk.h5" > "$d/x.chk.h5"
refused "truncated" "$tmp/h2o.yaml" "truncated"
size=$(stat -c %s "$d/good.chk.h5")
printf '\377' | dd of="$d/x.chk.h5" bs=1 seek=$((size / 2)) conv=notrunc 2> /dev/null
refused "one byte changed" "$tmp/h2o.yaml" "corrupted: its SHA-256 does not match"
printf 'garbage' | dd of="$d/x.chk.h5" bs=1 seek=0 conv=notrunc 2> /dev/null
refused "header overwritten" "$tmp/h2o.yaml" "not a complete pawsorb checkpoint"
: > "$d/x.chk.h5"
refused "empty" "$tmp/h2o.yaml" "not a complete pawsorb checkpoint"
"$PAWSORB" run "$d/cut.yaml" --output "$d/x.h5" --fresh --quiet; rc=$?
t "--fresh: the changed input runs from the start (exit 0), the checkpoint is gone" \
  '[ $rc -eq 0 ] && [ ! -e "$d/x.chk.h5" ] && [ "$(status "$d/x.h5")" = ok ]'
