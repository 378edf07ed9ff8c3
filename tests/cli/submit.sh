#!/usr/bin/env bash
# pawsorb submit --dry-run (issue 12, docs/batch.md; no Slurm needed): the scripts it writes
# for a small scan (H2 on the 8-atom MgO slab, 2 placements) — the #SBATCH lines of every
# option, requeue, the warning signal and its margin, log appending, the arrays and their
# sizes (with screening: one screening task per placement, keep x adsorbates placement
# tasks), the template's lines in every script, the launcher, the dependencies printed as
# commands, bash accepts every script — the run directory (the input and the files it names
# copied), and the refusals (exit 1, the message naming the option, value or file); then a
# submission through a stand-in sbatch: the ids chained into the dependencies and recorded,
# the environment the jobs get, a refused job (exit 2). The real cluster: slurm_submit.sh.
n=0
t() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
data=$PAWSORB_SRCDIR/tests/data/adsorption
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp "$data/mgo001_2layers.xyz" "$tmp/slab.xyz"
mkdir -p "$tmp/mol" && cp "$data/h2.xyz" "$tmp/mol/h2.xyz"
cat > "$tmp/scan.yaml" <<'YAML'
task: adsorption
structure: {file: slab.xyz, fix_below: 5.5}
dft: {cutoff: 200, dispersion: d2}
adsorption:
  adsorbates: [{file: mol/h2.xyz, name: H2}]
  placements:
    - {site: top-1, orientation: flat, height: 2.1}
    - {site: top-2, orientation: upright, height: 2.5}
  relax: false
output: {file: ads.h5}
YAML
printf '#!/bin/bash\n#SBATCH --qos=short\nmodule load openmpi/4.1 fftw\nexport OMP_NUM_THREADS=1\n' > "$tmp/site.tmpl"

out=$(cd "$tmp" && "$PAWSORB" submit scan.yaml --partition work --account proj42 --time 2:00:00 --nodes 1 \
      --ntasks 2 --mem 4G --template site.tmpl --dry-run 2>&1); rc=$?
d=$tmp/scan.run
t "dry run exits 0 and names the run directory scan.run beside the input (rc $rc)" \
  '[ $rc -eq 0 ] && grep -q "scan.yaml -> $d/input.yaml: 2 placements of 1 adsorbate" <<<"$out"'
t "it writes references, placements (array of 2) and collect, no screening script" \
  '[ -s $d/references.sbatch ] && [ -s $d/placements.sbatch ] && [ -s $d/collect.sbatch ] && [ ! -e $d/screening.sbatch ] &&
   grep -q "wrote $d/placements.sbatch (array of 2 tasks)" <<<"$out"'
t "it prints the sbatch commands with their dependencies (afterok, afterany for collect)" \
  'grep -qF "references=\$(sbatch --parsable $d/references.sbatch)" <<<"$out" &&
   grep -qF "placements=\$(sbatch --parsable --dependency=afterok:\$references --kill-on-invalid-dep=yes $d/placements.sbatch)" <<<"$out" &&
   grep -qF "collect=\$(sbatch --parsable --dependency=afterany:\$placements $d/collect.sbatch)" <<<"$out"'
t "nothing submitted: no jobs record" '[ ! -e $d/jobs ] && grep -q "nothing submitted" <<<"$out"'
t "the input copied as input.yaml, the slab and the molecule file at their relative paths" \
  'cmp -s $tmp/scan.yaml $d/input.yaml && cmp -s $tmp/slab.xyz $d/slab.xyz && cmp -s $tmp/mol/h2.xyz $d/mol/h2.xyz && [ -d $d/logs ]'
chk=$(cd "$d" && "$PAWSORB" check input.yaml 2>&1); crc=$?
t "the copy in the run directory is a valid input (pawsorb check exits 0)" '[ $crc -eq 0 ]'
for s in references placements collect; do
  t "$s.sbatch: bash -n accepts it, #! first" 'bash -n $d/$s.sbatch && head -1 $d/$s.sbatch | grep -qx "#!/bin/bash"'
  t "$s.sbatch: partition, account, memory, chdir, appended log in logs/, the template's #SBATCH and body lines" \
    'grep -qx "#SBATCH --partition=work" $d/$s.sbatch && grep -qx "#SBATCH --account=proj42" $d/$s.sbatch &&
     grep -qx "#SBATCH --mem=4G" $d/$s.sbatch && grep -qx "#SBATCH --chdir=$d" $d/$s.sbatch &&
     grep -qx "#SBATCH --open-mode=append" $d/$s.sbatch && grep -q "^#SBATCH --output=$d/logs/$s-" $d/$s.sbatch &&
     grep -qx "#SBATCH --qos=short" $d/$s.sbatch && grep -qx "module load openmpi/4.1 fftw" $d/$s.sbatch &&
     [ $(grep -c "^#!" $d/$s.sbatch) -eq 1 ]'
  # sbatch reads #SBATCH lines only before the first command
  t "$s.sbatch: every #SBATCH line before the first command" \
    'awk "/^#SBATCH/ && cmd {bad=1} !/^#/ && NF {cmd=1} END {exit bad}" $d/$s.sbatch'
done
for s in references placements; do
  t "$s.sbatch: requeue, SIGUSR1 to the batch shell 300 s before the limit, time, nodes, tasks, requeue on exit 4" \
    'grep -qx "#SBATCH --requeue" $d/$s.sbatch && grep -qx "#SBATCH --signal=B:USR1@300" $d/$s.sbatch &&
     grep -qx "#SBATCH --time=2:00:00" $d/$s.sbatch && grep -qx "#SBATCH --nodes=1" $d/$s.sbatch &&
     grep -qx "#SBATCH --ntasks=2" $d/$s.sbatch && grep -qF "scontrol requeue \"\$job\" && exit 0" $d/$s.sbatch &&
     grep -q "trap .pass_on USR1. USR1" $d/$s.sbatch'
done
t "references.sbatch runs srun --mpi=pmix pawsorb run input.yaml --only references with this pawsorb" \
  'grep -qx "pawsorb=$PAWSORB_BIN" $d/references.sbatch && grep -qx "what=references" $d/references.sbatch &&
   grep -qF "srun --mpi=pmix \"\$pawsorb\" run input.yaml --only \"\$what\" \"\${limit[@]}\" &" $d/references.sbatch &&
   ! grep -q "^#SBATCH --array" $d/references.sbatch'
t "an array task requeues itself as ARRAYID_TASK; the run gets --max-time: the time left less the margin (300 s) or a fifth" \
  'grep -qxF "job=\${SLURM_ARRAY_JOB_ID:+\${SLURM_ARRAY_JOB_ID}_\${SLURM_ARRAY_TASK_ID}}" $d/placements.sbatch &&
   grep -qF "left=\$(squeue -h -j \"\$job\" -o %L" $d/placements.sbatch &&
   grep -qF "m=\$((s / 5)); [ \"\$m\" -le 300 ] || m=300; [ -z \"\$early\" ] || m=10" $d/placements.sbatch && grep -qF "limit=(--max-time \"\$s\")" $d/placements.sbatch &&
   grep -qF "run input.yaml --only \"\$what\" \"\${limit[@]}\" &" $d/placements.sbatch'
t "placements.sbatch is an array 0-1 running --only placement:\$SLURM_ARRAY_TASK_ID, log per task" \
  'grep -qx "#SBATCH --array=0-1" $d/placements.sbatch && grep -qxF "what=placement:\$SLURM_ARRAY_TASK_ID" $d/placements.sbatch &&
   grep -qx "#SBATCH --output=$d/logs/placements-%A_%a.out" $d/placements.sbatch'
t "collect.sbatch: one task, 30 minutes, no requeue, runs pawsorb collect input.yaml" \
  'grep -qx "#SBATCH --ntasks=1" $d/collect.sbatch && grep -qx "#SBATCH --time=30:00" $d/collect.sbatch &&
   ! grep -q "requeue\|--signal" $d/collect.sbatch && grep -qF "srun --mpi=pmix -n 1 \"\$pawsorb\" collect input.yaml" $d/collect.sbatch'

# again with the same input: the directory is reused; mpirun; a short limit halves the margin
out=$(cd "$tmp" && "$PAWSORB" submit scan.yaml --time 1 --launcher mpirun --dry-run 2>&1); rc=$?
t "the same input again reuses its run directory (exit 0)" '[ $rc -eq 0 ]'
t "--launcher mpirun: mpirun starts the ranks" \
  'grep -qF "mpirun \"\$pawsorb\" run input.yaml --only" $d/placements.sbatch && ! grep -q srun $d/placements.sbatch'
t "--time 1 (a minute): the signal comes 30 s before the limit; collect gets the same minute" \
  'grep -qx "#SBATCH --signal=B:USR1@30" $d/references.sbatch && grep -qx "#SBATCH --time=1" $d/collect.sbatch'
out=$(cd "$tmp" && "$PAWSORB" submit scan.yaml --time 1-00:00 --signal-margin 45 --max-requeue 3 --dir other --dry-run 2>&1); rc=$?
t "--dir other, --signal-margin 45, --max-requeue 3, a day's limit (D-HH:MM)" \
  '[ $rc -eq 0 ] && grep -qx "#SBATCH --signal=B:USR1@45" $tmp/other/placements.sbatch &&
   grep -q "\"\$run\" -gt 3" $tmp/other/placements.sbatch && grep -qx "#SBATCH --time=30:00" $tmp/other/collect.sbatch'

# screening: one screening task per placement, keep x adsorbates placement tasks
sed 's/  relax: false/  relax: false\n  screening: {cutoff: 150, keep: 1}/' "$tmp/scan.yaml" > "$tmp/funnel.yaml"
out=$(cd "$tmp" && "$PAWSORB" submit funnel.yaml --dry-run 2>&1); rc=$?
f=$tmp/funnel.run
t "screening: exit 0, four scripts" '[ $rc -eq 0 ] && [ -s $f/screening.sbatch ] && grep -q "screening first" <<<"$out"'
t "screening.sbatch: array 0-1 (every placement), --only screening:\$SLURM_ARRAY_TASK_ID" \
  'grep -qx "#SBATCH --array=0-1" $f/screening.sbatch && grep -qxF "what=screening:\$SLURM_ARRAY_TASK_ID" $f/screening.sbatch && bash -n $f/screening.sbatch'
t "placements.sbatch: array 0-0 (keep 1 x 1 adsorbate)" 'grep -qx "#SBATCH --array=0-0" $f/placements.sbatch'
t "the chain: screening after the references, placements after the screening, collect after the placements" \
  'grep -qF "screening=\$(sbatch --parsable --dependency=afterok:\$references --kill-on-invalid-dep=yes" <<<"$out" &&
   grep -qF "placements=\$(sbatch --parsable --dependency=afterok:\$screening" <<<"$out" &&
   grep -qF "collect=\$(sbatch --parsable --dependency=afterany:\$placements" <<<"$out"'

# refusals
bad() {   # label, pattern, args...
  local label=$1 pat=$2; shift 2
  local o rc
  o=$(cd "$tmp" && "$PAWSORB" submit "$@" --dry-run 2>&1); rc=$?
  t "refused: $label (exit 1, message: $pat)" '[ $rc -eq 1 ] && grep -q -- "$pat" <<<"$o"'
}
bad "--time abc" "--time abc: not a Slurm time" scan.yaml --time abc
bad "--ntasks 0" "--ntasks 0: not a positive" scan.yaml --ntasks 0
bad "--mem 4X" "--mem 4X: not a memory size" scan.yaml --mem 4X
bad "--partition with a blank" "--partition 'a b': blanks" scan.yaml --partition "a b"
bad "--signal-margin -5" "--signal-margin -5: not a positive" scan.yaml --signal-margin -5
bad "a template that does not exist" "--template nothere.tmpl: cannot read it" scan.yaml --template nothere.tmpl
bad "an unknown option" "unexpected argument '--queue'" scan.yaml --queue x
bad "no input" "usage: pawsorb submit" --partition x
bad "a missing input" "nothere.yaml" nothere.yaml
printf 'task: scf\nstructure: {file: slab.xyz}\n' > "$tmp/single.yaml"
bad "task scf" "single.yaml: submit runs task adsorption or scan" single.yaml
sed 's/cutoff: 200/cutoff: 210/' "$tmp/scan.yaml" > "$tmp/changed.yaml"
bad "another input in a used run directory" "scan.run/input.yaml holds another input than changed.yaml" changed.yaml --dir scan.run
mkdir -p "$tmp/sub" && sed 's#file: slab.xyz#file: ../slab.xyz#; s#file: mol/h2.xyz#file: ../mol/h2.xyz#' "$tmp/scan.yaml" > "$tmp/sub/up.yaml"
bad "a file outside the input's directory" "structure.file: '../slab.xyz' lies outside the input's directory" sub/up.yaml
t "the refused inputs left the first run directory as it was" 'cmp -s $tmp/scan.yaml $d/input.yaml'

# submission through a stand-in sbatch (records its arguments and environment): the ids go
# into the dependencies, the jobs record and the output; the jobs get the environment submit
# started with, without what its own MPI_Init added (PMIX_*, OMPI_ARGV: mpirun in a job
# fails on them); a refused job is exit 2 naming the script and the jobs already submitted
fake=$tmp/fakebin; mkdir -p "$fake"
cat > "$fake/sbatch" <<'SB'
#!/bin/sh
n=$(cat "$FAKE_DIR/count" 2>/dev/null || echo 100); echo $((n + 1)) > "$FAKE_DIR/count"
echo "$*" >> "$FAKE_DIR/args"; env > "$FAKE_DIR/env.$n"
if [ -n "$FAKE_REFUSE" ] && [ "$n" -ge "$FAKE_REFUSE" ]; then echo "sbatch: error: Invalid account or account/partition combination specified" >&2; exit 1; fi
echo "$n;pawsorbtest"
SB
chmod +x "$fake/sbatch"
export FAKE_DIR=$tmp/fake; mkdir -p "$FAKE_DIR"
out=$(cd "$tmp" && PATH=$fake:$PATH MY_SITE_VAR=kept "$PAWSORB" submit scan.yaml --dir sub1 2>&1); rc=$?
s=$tmp/sub1
t "submit (stand-in sbatch): exit 0, prints the three job ids" \
  '[ $rc -eq 0 ] && grep -qx "submitted references job 100" <<<"$out" && grep -qx "submitted placements job 101 (array)" <<<"$out" &&
   grep -qx "submitted collect    job 102" <<<"$out"'
t "the dependencies name the real ids: afterok:100 (with kill-on-invalid-dep), afterany:101" \
  '[ "$(sed -n 1p $FAKE_DIR/args)" = "--parsable $s/references.sbatch" ] &&
   [ "$(sed -n 2p $FAKE_DIR/args)" = "--parsable --dependency=afterok:100 --kill-on-invalid-dep=yes $s/placements.sbatch" ] &&
   [ "$(sed -n 3p $FAKE_DIR/args)" = "--parsable --dependency=afterany:101 $s/collect.sbatch" ]'
t "the run directory records the ids (jobs)" '[ "$(cat $s/jobs | tr "\n" " ")" = "references 100 placements 101 collect 102 " ]'
t "sbatch gets the environment submit started with (MY_SITE_VAR) without MPI_Init's PMIX_* and OMPI_ARGV" \
  'grep -qx "MY_SITE_VAR=kept" $FAKE_DIR/env.100 && ! grep -q "^PMIX_\|^OMPI_ARGV=\|^OMPI_MCA_ess=" $FAKE_DIR/env.100'
# again into the same directory while its jobs are queued (a stand-in squeue lists them): refused
printf '#!/bin/sh\necho "squeue $*" >> "$FAKE_DIR/squeue"; printf "%%s" "$FAKE_QUEUED"\n' > "$fake/squeue"; chmod +x "$fake/squeue"
out=$(cd "$tmp" && PATH=$fake:$PATH FAKE_QUEUED="$(printf '101\n102\n')" "$PAWSORB" submit scan.yaml --dir sub1 2>&1); rc=$?
t "submitting again while the earlier jobs are queued: exit 1, they are named, nothing submitted" \
  '[ $rc -eq 1 ] && grep -q "jobs of an earlier submission into $s are still in the queue (101 102): scancel them" <<<"$out" &&
   grep -qx "squeue -h -o %A -j 100,101,102" $FAKE_DIR/squeue && [ $(wc -l < $FAKE_DIR/args) -eq 3 ]'
out=$(cd "$tmp" && PATH=$fake:$PATH FAKE_QUEUED= "$PAWSORB" submit scan.yaml --dir sub1 2>&1); rc=$?
t "once they have left the queue the same input goes in again (exit 0, ids appended)" \
  '[ $rc -eq 0 ] && [ $(wc -l < $s/jobs) -eq 6 ] && grep -qx "submitted collect    job 105" <<<"$out"'
rm -f "$FAKE_DIR/count"; : > "$FAKE_DIR/args"
out=$(cd "$tmp" && PATH=$fake:$PATH FAKE_REFUSE=101 "$PAWSORB" submit scan.yaml --dir sub2 2>&1); rc=$?
t "a job sbatch refuses: exit 2, sbatch's message, the script and the job already submitted named, nothing after it (rc $rc)" \
  '[ $rc -eq 2 ] && grep -q "sbatch refused $tmp/sub2/placements.sbatch: sbatch: error: Invalid account" <<<"$out" &&
   grep -q "submitted before it (scancel them): references 100" <<<"$out" && [ $(wc -l < $FAKE_DIR/args) -eq 2 ] &&
   tail -1 $FAKE_DIR/args | grep -q "placements.sbatch$"'
