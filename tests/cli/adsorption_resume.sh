#!/usr/bin/env bash
# The adsorption workflow's parts in their own files (STEM.parts/) and what they allow
# (issue 12): a second run of the same input takes every finished part from its file and
# computes nothing; an input changed in a way that changes an answer is refused, naming
# what differs, before the results file is touched; the workflow split as batch jobs do
# it (--only references, screening:I, placement:I; each job stopped after every ionic
# step and run again until it ends), then `pawsorb collect`, gives the table of the
# direct run (1e-6 eV; bit for bit on the same rank count); collect with parts missing
# lists them (exit 2); bad --only values are refused (exit 1).
# System: H2 over the 8-atom MgO(001) slab (tests/data/adsorption), PBE 220 eV, D2,
# relaxed (fmax 0.3 eV/A, 4 steps), a screening stage at 180 eV keeping 1 of 2 placements.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
py=/usr/bin/python3
data=$PAWSORB_SRCDIR/tests/data/adsorption
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/a" "$tmp/b"
for d in a b; do cp "$data/mgo001_2layers.xyz" "$tmp/$d/slab.xyz"; cp "$data/h2.xyz" "$tmp/$d/h2.xyz"; done
cat > "$tmp/a/ads.yaml" <<'YAML'
task: adsorption
structure: {file: slab.xyz, fix_below: 5.5}
dft: {cutoff: 220, dispersion: d2}
relax: {fmax: 0.3, max_steps: 4}
adsorption:
  adsorbates: [{file: h2.xyz, name: H2}]
  placements:
    - {site: top-1, orientation: flat, height: 2.5}
    - {site: top-2, orientation: upright, height: 2.5}
  relax: true
  screening: {cutoff: 180, fmax: 0.5, max_steps: 3, keep: 1}
output: {file: ads.h5}
YAML
cp "$tmp/a/ads.yaml" "$tmp/b/input.yaml"

# 1. the direct run, then the same command again
out=$(cd "$tmp/a" && "$PAWSORB" run ads.yaml 2>&1); rc=$?
t "direct run exits 0 (rc $rc)" '[ $rc -eq 0 ]'
nparts=$(grep -c "^adsorption: .* E = " <<<"$out")
t "13 parts computed, each in its own file in ads.parts/ ($nparts parts, $(ls "$tmp/a/ads.parts" | grep -c '\.h5$') files)" \
  '[ "$nparts" -eq 13 ] && [ "$(ls "$tmp/a/ads.parts" | grep -c "\.h5$")" -eq 13 ]'
t "no checkpoint or temporary file left" '[ -z "$(ls "$tmp/a" "$tmp/a/ads.parts" | grep -E "chk|\.tmp\.|\.snap\.")" ]'
cp "$tmp/a/ads.h5" "$tmp/direct.h5"
start=$(date +%s.%N)
out=$(cd "$tmp/a" && "$PAWSORB" run ads.yaml 2>&1); rc=$?
secs=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
t "second run exits 0 (rc $rc)" '[ $rc -eq 0 ]'
t "second run takes all 13 parts from their files ($(grep -c "(done before: ads.parts/" <<<"$out")) in $secs s" \
  '[ "$(grep -c "(done before: ads.parts/" <<<"$out")" -eq 13 ] && ! grep -q "^relax: step" <<<"$out"'

# 2. a changed input is refused before the results file is replaced
sum=$(md5sum < "$tmp/a/ads.h5")
sed 's/cutoff: 220/cutoff: 240/' "$tmp/a/ads.yaml" > "$tmp/a/changed.yaml"
out=$(cd "$tmp/a" && "$PAWSORB" run changed.yaml 2>&1); rc=$?
t "changed cutoff refused with exit 1 (rc $rc)" '[ $rc -eq 1 ]'
t "the message names the part file and what differs" \
  'grep -q "ads.parts/slab.h5: this part was computed for another input" <<<"$out" && grep -q "dft.cutoff: 220 eV in the part file, 240 eV in the input" <<<"$out" && grep -q -- "--fresh" <<<"$out"'
t "the results file is untouched" '[ "$(md5sum < "$tmp/a/ads.h5")" = "$sum" ]'

# 3. batch jobs: references, screening placements, the selected placement, collect
P() { (cd "$tmp/b" && "$PAWSORB" "$@" 2>&1); }
out=$(P collect .); rc=$?
t "collect before any job: exit 2 listing the missing parts (rc $rc)" \
  '[ $rc -eq 2 ] && grep -q "collect: 6 parts are not finished (slab (screening), H2 alone in the cell (screening)" <<<"$out"'
out=$(P run input.yaml --only screening:0); rc=$?
t "a screening job before the references: exit 1 naming what is missing (rc $rc)" \
  '[ $rc -eq 1 ] && grep -q "slab (screening) is not finished .*--only references" <<<"$out"'
until_done() {   # stops after every ionic step, runs again until the job ends; prints the stops
  local stops=0 rc
  for _ in $(seq 30); do
    (cd "$tmp/b" && PAWSORB_STOP_AFTER_STEP=1 "$PAWSORB" run input.yaml "$@" > "$tmp/b/job.log" 2>&1); rc=$?
    [ $rc -eq 4 ] && { stops=$((stops + 1)); continue; }
    echo "$stops $rc"; return
  done
  echo "$stops timeout"
}
rm -f "$tmp/b/ads.h5"
read -r stops rc < <(until_done --only references)
t "--only references: stopped $stops times, then done (rc $rc)" '[ "$rc" = 0 ] && [ "$stops" -ge 1 ]'
for i in 0 1; do
  read -r stops rc < <(until_done --only screening:$i)
  t "--only screening:$i: stopped $stops times, then done (rc $rc)" '[ "$rc" = 0 ] && [ "$stops" -ge 1 ]'
done
read -r stops rc < <(until_done --only placement:0)
t "--only placement:0 (the one the screening kept): stopped $stops times, then done (rc $rc)" '[ "$rc" = 0 ] && [ "$stops" -ge 1 ]'
out=$(P run input.yaml --only placement:1); rc=$?
t "--only placement:1: nothing to do, exit 0 (rc $rc)" '[ $rc -eq 0 ] && grep -q "selected 1 placement; nothing to do" <<<"$out"'
t "no --only job wrote the results file" '[ ! -e "$tmp/b/ads.h5" ]'
out=$(P collect .); rc=$?
t "collect exits 0 (rc $rc)" '[ $rc -eq 0 ]'
t "collect computed nothing ($(grep -c "(done before:" <<<"$out") parts taken)" \
  '[ "$(grep -c "(done before:" <<<"$out")" -eq 13 ] && ! grep -q "^relax: step" <<<"$out"'
while read -r verdict what; do
  n=$((n + 1)); [ "$verdict" = PASS ] && echo "ok $n - $what" || echo "not ok $n - $what"
done < <($py - "$tmp/direct.h5" "$tmp/b/ads.h5" <<'PY' 2>&1
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], 'r'), h5py.File(sys.argv[2], 'r')
def check(ok, what): print('PASS' if ok else 'FAIL', what)
sa, sb = a['adsorption/summary'], b['adsorption/summary']
check(list(sa['placement'][()]) == list(sb['placement'][()]), 'collect: the table has the direct run\'s rows in its order')
for col in ('energy', 'energy_dft', 'energy_d2', 'deformation_molecule', 'deformation_slab', 'stage'):
    d = np.nanmax(np.abs(sa[col][()] - sb[col][()]))
    check(d <= 1e-6, 'collect: summary %s equals the direct run\'s (max diff %.1e eV)' % (col, d))
names = []
a.visit(lambda n: names.append(n) if isinstance(a[n], h5py.Dataset) else None)
missing = [n for n in names if n not in b]
check(not missing, 'collect: every dataset of the direct run is there (%d; missing %s)' % (len(names), missing[:3]))
d = max(abs(a[n][()] - b[n][()]).max() for n in names if n.endswith('energy/total'))
check(d <= 1e-6, 'collect: every part\'s energy/total equals the direct run\'s (max diff %.1e eV)' % d)
check(b.attrs['status'] == 'ok' and b['adsorption/slab'].attrs['status'] == 'ok', 'collect: status ok, the parts\' too')
PY
)

# 4. bad --only values, --fresh
out=$(P run input.yaml --only placement:x); rc=$?
t "--only placement:x refused (rc $rc)" '[ $rc -eq 1 ] && grep -q "expected references, screening:I or placement:I" <<<"$out"'
out=$(P run input.yaml --only screening:2); rc=$?
t "--only screening:2 of 2 placements refused (rc $rc)" '[ $rc -eq 1 ] && grep -q "has 2 placements (0 to 1)" <<<"$out"'
cp "$PAWSORB_SRCDIR/inputs/examples/h2o.yaml" "$tmp/b/h2o.yaml"
out=$(P run h2o.yaml --only references); rc=$?
t "--only on a task scf input refused (rc $rc)" '[ $rc -eq 1 ] && grep -q "only is for task adsorption" <<<"$out"'
out=$(P run input.yaml --fresh --only references); rc=$?
t "--fresh removes the parts' files and computes again (rc $rc)" \
  '[ $rc -eq 0 ] && grep -q "removed 13 files of earlier runs from ads.parts" <<<"$out" && [ "$(ls "$tmp/b/ads.parts" | grep -c "\.h5$")" -eq 4 ]'
echo "1..$n"
