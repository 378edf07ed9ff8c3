# Sourced by tests/cli/checkpoint_*.sh (not a test itself): the TAP counter and check, the
# 2-rank launcher, the comparison of two relaxations (relax_compare.py), the results
# file's status, background runs that a signal can reach, and the H2O relaxation input
# every checkpoint test uses (PBE, 250 eV, 5 x 5.5 x 5 A box).
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
mpirun=${MPIRUN:-mpirun}
mp() { "$mpirun" -n 2 --oversubscribe "$@"; }
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
h2o_relax_yaml() {   # file, method, fmax (eV/A)
  cat > "$1" <<YAML
task: relax
structure:
  cell: [[5.0, 0.0, 0.0], [0.0, 5.5, 0.0], [0.0, 0.0, 5.0]]
  pbc: [true, true, true]
  atoms:
    - [O, 2.5, 2.75, 2.9]
    - [H, 2.5, 3.55, 2.3]
    - [H, 2.5, 1.95, 2.3]
dft: {xc: PBE, cutoff: 250}
relax: {method: $2, fmax: $3}
YAML
}
