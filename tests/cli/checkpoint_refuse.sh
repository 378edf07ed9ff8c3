#!/usr/bin/env bash
# Stopping from inside and refusing checkpoints (issue 12; docs/interface.md):
#  - run --max-time 3: exit 4, status "stopped: max-time, resumable", and it resumes to the
#    uninterrupted run's result bit for bit; a malformed --max-time is exit 1;
#  - a single point stopped mid-SCF: exit 4, its results file says so, no checkpoint;
#  - checkpoints that must be refused with exit 1 and a message naming the file: written for
#    another cutoff (the message names dft.cutoff and both values), another atom position
#    (structure.atoms[1]), another method (relax.method); truncated, one corrupted byte,
#    an overwritten header, an empty file. The stopped run's results file stays as it
#    was, no temporary file is left. --fresh starts again with the changed input and
#    removes the checkpoint.
# The H2O BFGS relaxation of checkpoint_mpi.sh (250 eV, fmax 0.2 eV/A, 4 steps).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
mpirun=${MPIRUN:-mpirun}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
compare() {   # label, A, B, mode
  local label=$1; shift
  while read -r verdict what; do
    n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $label: $what" || echo "not ok $n - $label: $what"
  done < <($py "$PAWSORB_SRCDIR/tests/tools/relax_compare.py" "$@" 2>&1)
}
status() { $py -c "import h5py, sys; print(h5py.File(sys.argv[1]).attrs['status'])" "$1" 2>&1; }
no_tmp() { [ -z "$(ls "$1" | grep '\.tmp\.')" ]; }
# The program itself in the background (not the test wrapper, so that the signal reaches
# it), as a singleton with its own TMPDIR like the wrapper (tests/run.sh).
start_bg() {   # dir, args...
  local d=$1; shift
  mkdir -p "$d/mpitmp"
  TMPDIR="$d/mpitmp" OMPI_MCA_ess_singleton_isolated=1 "$PAWSORB_BIN" "$@" > "$d/log" 2> "$d/err" &
  pid=$!
}
wait_for() {   # file, pattern: up to 120 s
  for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done; return 1
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
relax: {method: bfgs, fmax: 0.2}
YAML
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

# a single point stopped mid-SCF
d=$tmp/sp; mkdir -p "$d"
sed -e 's/^task: relax/task: scf/' "$tmp/h2o.yaml" > "$d/scf.yaml"
PAWSORB_STOP_AFTER_SCF_ITERATIONS=3 "$PAWSORB" run "$d/scf.yaml" --output "$d/x.h5" > /dev/null 2>&1; rc=$?
st=$(status "$d/x.h5")
t "single point stopped after SCF iteration 3: exit 4, status '$st', no checkpoint, no temporary file" \
  '[ $rc -eq 4 ] && [ "$st" = "stopped: test hook, resumable" ] && [ ! -e "$d/x.chk.h5" ] && no_tmp "$d"'

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
