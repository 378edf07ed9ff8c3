#!/usr/bin/env bash
# Mid-SCF checkpoints (issue 12; scf.checkpoint, workflow/checkpoint.h, scf/scf.h): the SCF
# saves its state (bands, occupations, Fermi level, the mixer's history, its own history)
# when a stop is requested and every scf.checkpoint iterations or minutes, and the same
# command continues it without redoing an iteration:
#  - a single point (H2O, PBE 250 eV) stopped after SCF iteration 7 (the test hook) and by
#    a real SIGTERM: exit 4, a checkpoint; resumed: the uninterrupted run's iteration
#    count, SCF history, energy and forces bit for bit (same rank count), the log counts
#    exactly the uninterrupted run's iterations over both runs, checkpoint removed;
#  - scf.checkpoint: 4 writes after iterations 4, 8, ... and changes no bit of the answer;
#    killed with SIGKILL after a periodic checkpoint, the run resumes from it, bit for bit;
#  - a relaxation stopped in the first step's SCF and in step 3's: resumed, the steps,
#    energies and per-step SCF counts are the uninterrupted ones bit for bit, and the
#    iterations of the stopped and the resumed run add up to the uninterrupted run's;
#  - 2 ranks: a single point stopped and resumed on 2 ranks is bit for bit the 2-rank
#    uninterrupted run; a 1-rank checkpoint resumed on 2 ranks within 1e-6 eV;
#  - the other mixers: OH with spin (two Pulay histories, total and magnetisation), the
#    Kerker metric (residual spectra stored) and 2 k-points, stopped after iteration 9,
#    resumed bit for bit on 1 rank and on 2 (k-point groups).
. "$PAWSORB_SRCDIR/tests/tools/checkpoint_common.sh"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
h2o_relax_yaml "$tmp/relax.yaml" bfgs 0.05
sed -e 's/^task: relax/task: scf/' "$tmp/relax.yaml" > "$tmp/scf.yaml"
iters() { grep -c '^iter:' "$@" | awk -F: '{ s += $NF } END { print s }'; }
# same_scf A B: iterations, SCF history, energy and forces bit for bit, status ok
same_scf() {
  $py - "$1" "$2" <<'PY'
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], 'r'), h5py.File(sys.argv[2], 'r')
keys = ['/scf/iterations', '/scf/history', '/energy/total', '/forces']
same = all(np.array_equal(a[k][()], b[k][()]) for k in keys)
st = b.attrs['status']
sys.exit(0 if same and (st.decode() if isinstance(st, bytes) else st) == 'ok' else 1)
PY
}
energy() { $py -c "import h5py, sys; print(h5py.File(sys.argv[1])['/energy/total'][()])" "$1"; }

"$PAWSORB" run "$tmp/scf.yaml" --output "$tmp/full.h5" > "$tmp/full.log" 2>&1; rc=$?
nfull=$(iters "$tmp/full.log")
t "the uninterrupted single point exits 0 ($nfull SCF iterations) and leaves no checkpoint" \
  '[ $rc -eq 0 ] && [ ! -e "$tmp/full.chk.h5" ] && ! grep -q "scf: checkpoint" "$tmp/full.log"'

# the test hook
d=$tmp/hook; mkdir -p "$d"
out=$(PAWSORB_STOP_AFTER_SCF_ITERATIONS=7 "$PAWSORB" run "$tmp/scf.yaml" --output "$d/x.h5" 2>&1); rc=$?
echo "$out" > "$d/1.log"
t "single point stopped after SCF iteration 7: exit 4, status 'stopped: test hook, resumable', a checkpoint, the message says where" \
  '[ $rc -eq 4 ] && [ "$(status "$d/x.h5")" = "stopped: test hook, resumable" ] && [ -s "$d/x.chk.h5" ] && no_tmp "$d" &&
   grep -q "x.chk.h5 holds the SCF.s state after iteration 7: run the same command again to continue" <<<"$out"'
t "the checkpoint is sealed, kind 'pawsorb scf checkpoint', format 2, 7 iterations, readable by h5py" \
  '[ "$($py -c "import h5py, sys; f = h5py.File(sys.argv[1]); print(f.attrs[\"kind\"], f.attrs[\"format\"], f[\"/scf/counters\"][0], f.attrs[\"status\"])" "$d/x.chk.h5")" = "pawsorb scf checkpoint 2 7 checkpoint after SCF iteration 7" ] && head -c 15 "$d/x.chk.h5" | grep -q "pawsorb sealed"'
"$PAWSORB" run "$tmp/scf.yaml" --output "$d/x.h5" > "$d/2.log" 2>&1; rc=$?
t "resumed: exit 0, the log says 'resuming from x.chk.h5: 7 SCF iterations done', the checkpoint is removed" \
  '[ $rc -eq 0 ] && grep -q "^scf: resuming from .*x.chk.h5: 7 SCF iterations done" "$d/2.log" && [ ! -e "$d/x.chk.h5" ] && no_tmp "$d"'
t "resumed: iterations, SCF history, energy and forces are the uninterrupted run's bit for bit" 'same_scf "$tmp/full.h5" "$d/x.h5"'
t "no iteration redone: $(iters "$d/1.log") + $(iters "$d/2.log") iterations logged, the uninterrupted run's $nfull" \
  '[ $(iters "$d/1.log" "$d/2.log") -eq $nfull ]'

# a real SIGTERM in the middle of the SCF
d=$tmp/term; mkdir -p "$d"
start_bg "$d" run "$tmp/scf.yaml" --output "$d/x.h5"
wait_for "$d/log" '^iter:   5'; kill -TERM $pid; wait $pid; rc=$?
cp "$d/log" "$d/1.log"
t "SIGTERM mid-SCF: exit 4, status 'stopped: SIGTERM, resumable', a checkpoint ($(grep -o 'after SCF iteration [0-9]*' "$d/err" | head -1))" \
  '[ $rc -eq 4 ] && [ "$(status "$d/x.h5")" = "stopped: SIGTERM, resumable" ] && [ -s "$d/x.chk.h5" ] && no_tmp "$d"'
"$PAWSORB" run "$tmp/scf.yaml" --output "$d/x.h5" > "$d/2.log" 2>&1; rc=$?
t "SIGTERM: resumed (exit 0), bit for bit the uninterrupted run, no iteration redone ($(iters "$d/1.log" "$d/2.log") of $nfull)" \
  '[ $rc -eq 0 ] && same_scf "$tmp/full.h5" "$d/x.h5" && [ $(iters "$d/1.log" "$d/2.log") -eq $nfull ] && [ ! -e "$d/x.chk.h5" ]'

# periodic checkpoints
d=$tmp/every; mkdir -p "$d"
sed -e 's/^dft: .*/&\nscf: {checkpoint: 4}/' "$tmp/scf.yaml" > "$d/scf.yaml"
"$PAWSORB" run "$d/scf.yaml" --output "$d/x.h5" > "$d/log" 2>&1; rc=$?
nw=$(grep -c "^scf: checkpoint .* written after SCF iteration" "$d/log")
t "scf.checkpoint: 4: written after iterations 4, 8, ... ($nw times), the answer unchanged bit for bit, removed at the end" \
  '[ $rc -eq 0 ] && grep -q "written after SCF iteration 4:" "$d/log" && grep -q "written after SCF iteration 8:" "$d/log" &&
   [ $nw -eq $(( (nfull - 1) / 4 )) ] && same_scf "$tmp/full.h5" "$d/x.h5" && [ ! -e "$d/x.chk.h5" ]'
grep -m1 "^scf: checkpoint" "$d/log" | sed 's/^/# /'
rm -f "$d/x.h5" "$d/log"
sed -e 's/^dft: .*/&\nscf: {checkpoint: 2}/' "$tmp/scf.yaml" > "$d/scf2.yaml"
start_bg "$d" run "$d/scf2.yaml" --output "$d/x.h5"
wait_for "$d/log" 'written after SCF iteration 6:'; kill -KILL $pid; wait $pid 2> /dev/null
cp "$d/log" "$d/1.log"
"$PAWSORB" run "$d/scf2.yaml" --output "$d/x.h5" > "$d/2.log" 2>&1; rc=$?
k=$(sed -n 's/^scf: resuming from .*: \([0-9]*\) SCF iterations done/\1/p' "$d/2.log")
t "SIGKILL after the checkpoint of iteration 6 (scf.checkpoint: 2): resumed from iteration ${k:-none} (>= 6), exit 0, bit for bit" \
  '[ $rc -eq 0 ] && [ "${k:-0}" -ge 6 ] && same_scf "$tmp/full.h5" "$d/x.h5" && [ ! -e "$d/x.chk.h5" ] && no_tmp "$d"'

# a relaxation stopped mid-SCF
"$PAWSORB" run "$tmp/relax.yaml" --output "$tmp/rfull.h5" > "$tmp/rfull.log" 2>&1; rc=$?
nrfull=$(iters "$tmp/rfull.log")
t "the uninterrupted relaxation exits 0 ($nrfull SCF iterations in all)" '[ $rc -eq 0 ]'
# its SCF iterations per step: the hook counts safe points, one fewer than the iterations of a step
read -r s1 s2 <<<"$($py -c "import h5py, sys; it = h5py.File(sys.argv[1])['/relax/scf_iterations'][()]; print(it[0], it[1])" "$tmp/rfull.h5")"
relax_case() {   # name, hook value, expected message part
  local d=$tmp/$1; mkdir -p "$d"
  out=$(PAWSORB_STOP_AFTER_SCF_ITERATIONS=$2 "$PAWSORB" run "$tmp/relax.yaml" --output "$d/x.h5" 2>&1); rc=$?
  echo "$out" > "$d/1.log"
  t "relaxation, $1: exit 4, the message says '$3'" '[ $rc -eq 4 ] && grep -q "$3" <<<"$out" && [ -s "$d/x.chk.h5" ]'
  "$PAWSORB" run "$tmp/relax.yaml" --output "$d/x.h5" > "$d/2.log" 2>&1; rc=$?
  t "relaxation, $1: resumed (exit 0), the log says the SCF continues" \
    '[ $rc -eq 0 ] && grep -q "^relax: resuming from .*SCF continues after iteration" "$d/2.log"'
  compare "relaxation, $1, resumed" "$tmp/rfull.h5" "$d/x.h5" exact
  t "relaxation, $1: no SCF iteration redone ($(iters "$d/1.log" "$d/2.log") logged, uninterrupted $nrfull), checkpoint removed" \
    '[ $(iters "$d/1.log" "$d/2.log") -eq $nrfull ] && [ ! -e "$d/x.chk.h5" ] && no_tmp "$d"'
}
relax_case "step 1's SCF" 5 "holds the first ionic step's SCF after iteration 5"
relax_case "step 3's SCF" $((s1 - 1 + s2 - 1 + 4)) "holds the state after ionic step 2 and SCF iteration 4 of step 3"

# 2 ranks
d=$tmp/mpi; mkdir -p "$d"
mp "$PAWSORB" run "$tmp/scf.yaml" --output "$d/full2.h5" > /dev/null 2>&1; rc=$?
t "2 ranks: the uninterrupted single point exits 0" '[ $rc -eq 0 ]'
PAWSORB_STOP_AFTER_SCF_ITERATIONS=6 mp "$PAWSORB" run "$tmp/scf.yaml" --output "$d/x.h5" > /dev/null 2>&1; rc=$?
t "2 ranks: stopped after SCF iteration 6 (exit 4), a checkpoint" '[ $rc -eq 4 ] && [ -s "$d/x.chk.h5" ]'
mp "$PAWSORB" run "$tmp/scf.yaml" --output "$d/x.h5" > /dev/null 2>&1; rc=$?
t "2 ranks: resumed on 2 ranks (exit 0), bit for bit the 2-rank uninterrupted run" \
  '[ $rc -eq 0 ] && same_scf "$d/full2.h5" "$d/x.h5"'
PAWSORB_STOP_AFTER_SCF_ITERATIONS=6 "$PAWSORB" run "$tmp/scf.yaml" --output "$d/y.h5" > /dev/null 2>&1
mp "$PAWSORB" run "$tmp/scf.yaml" --output "$d/y.h5" > /dev/null 2>&1; rc=$?
dE=$($py -c "print(abs($(energy "$tmp/full.h5") - $(energy "$d/y.h5")))")
t "1-rank checkpoint resumed on 2 ranks: exit 0, energy within 1e-6 eV of the 1-rank run (|dE| = $dE eV)" \
  '[ $rc -eq 0 ] && $py -c "import sys; sys.exit(not $dE <= 1e-6)"'
# spin, Kerker, k-points
d=$tmp/spin; mkdir -p "$d"
cat > "$d/oh.yaml" <<YAML
task: scf
structure:
  cell: [[4.0, 0.0, 0.0], [0.0, 4.5, 0.0], [0.0, 0.0, 5.0]]
  pbc: [true, true, true]
  atoms:
    - [O, 2.0, 2.25, 2.5]
    - [H, 2.0, 3.0, 1.9]
dft: {xc: PBE, cutoff: 250, spin: true, kpoints: [2, 1, 1]}
scf: {mixer: {kerker: true}}
YAML
"$PAWSORB" run "$d/oh.yaml" --output "$d/full.h5" > /dev/null 2>&1; rc1=$?
PAWSORB_STOP_AFTER_SCF_ITERATIONS=9 "$PAWSORB" run "$d/oh.yaml" --output "$d/x.h5" > /dev/null 2>&1; rc2=$?
"$PAWSORB" run "$d/oh.yaml" --output "$d/x.h5" > /dev/null 2>&1; rc3=$?
t "OH, spin, Kerker, 2 k-points: stopped after iteration 9 (exit $rc2) and resumed (exit $rc3): bit for bit" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 4 ] && [ $rc3 -eq 0 ] && same_scf "$d/full.h5" "$d/x.h5"'
mp "$PAWSORB" run "$d/oh.yaml" --output "$d/full2.h5" > /dev/null 2>&1; rc1=$?
PAWSORB_STOP_AFTER_SCF_ITERATIONS=9 mp "$PAWSORB" run "$d/oh.yaml" --output "$d/y.h5" > /dev/null 2>&1; rc2=$?
mp "$PAWSORB" run "$d/oh.yaml" --output "$d/y.h5" > /dev/null 2>&1; rc3=$?
t "OH on 2 ranks: stopped (exit $rc2) and resumed (exit $rc3) on 2 ranks: bit for bit the 2-rank run" \
  '[ $rc1 -eq 0 ] && [ $rc2 -eq 4 ] && [ $rc3 -eq 0 ] && same_scf "$d/full2.h5" "$d/y.h5"'
echo "1..$n"
