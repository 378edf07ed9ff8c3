/* The text of the batch scripts of `pawsorb submit` (cmd/sbatch.h, docs/batch.md).
 *
 * How a job that reaches its time limit resumes:
 *   #SBATCH --signal=B:USR1@<margin>  Slurm sends SIGUSR1 to the batch shell <margin>
 *                                     seconds before the limit (up to a minute early: its
 *                                     timer runs every 30 s);
 *   trap ... USR1                     the shell passes it on to the launcher, which forwards
 *                                     it to every rank (srun does; Open MPI's mpirun does);
 *                                     at the limit Slurm sends SIGTERM, passed on the same way;
 *   pawsorb                           stops at its next safe point (SCF iteration or ionic
 *                                     step), keeps its checkpoints and exits 4 (core/stop.h);
 *   scontrol requeue $SLURM_JOB_ID    the job goes back to the queue (#SBATCH --requeue),
 *                                     its log is appended to (--open-mode=append) and the
 *                                     next run of the same command continues.
 * The shell waits for the launcher in the background (`cmd & wait`): bash runs a trap only
 * between commands, so a foreground launcher would hold the signal until it ended. */
#include "cmd/sbatch.h"

#include <string.h>

static int set(const char *s) { return s && s[0]; }

static void header(FILE *f, const sbatch_common *c, const sbatch_job *j)
{
    fprintf(f, "#!/bin/bash\n");
    fprintf(f, "# pawsorb %s: %s\n", j->name, j->what);
    fprintf(f, "# Written by `pawsorb submit` (pawsorb %s) for %s/input.yaml; docs/batch.md.\n", c->version,
            c->run_dir);
    fprintf(f, "#SBATCH --job-name=pawsorb-%s\n", j->name);
    fprintf(f, "#SBATCH --chdir=%s\n", c->run_dir);
    fprintf(f, "#SBATCH --output=%s/logs/%s-%s.out\n", c->run_dir, j->name, j->array ? "%A_%a" : "%j");
    fprintf(f, "#SBATCH --open-mode=append\n");
    int collect = !j->only;
    if (!collect) {
        fprintf(f, "#SBATCH --requeue\n");
        fprintf(f, "#SBATCH --signal=B:USR1@%d\n", c->signal_margin);
    }
    if (set(c->partition)) fprintf(f, "#SBATCH --partition=%s\n", c->partition);
    if (set(c->account)) fprintf(f, "#SBATCH --account=%s\n", c->account);
    const char *time = collect ? c->collect_time : c->time;
    if (set(time)) fprintf(f, "#SBATCH --time=%s\n", time);
    if (collect) {
        fprintf(f, "#SBATCH --nodes=1\n#SBATCH --ntasks=1\n");
    } else {
        if (set(c->nodes)) fprintf(f, "#SBATCH --nodes=%s\n", c->nodes);
        if (set(c->ntasks)) fprintf(f, "#SBATCH --ntasks=%s\n", c->ntasks);
    }
    if (set(c->mem)) fprintf(f, "#SBATCH --mem=%s\n", c->mem);
    if (j->array > 0) fprintf(f, "#SBATCH --array=0-%d\n", j->array - 1);
    if (set(c->template_sbatch)) fprintf(f, "%s", c->template_sbatch);
}

/* The signal traps, set before anything else runs (bash's default for SIGUSR1 ends the
 * shell): a signal passes on to the run once it has started. */
static void traps(FILE *f, const sbatch_job *j)
{
    fprintf(f, "what=%s%s\n", j->only, j->array ? ":$SLURM_ARRAY_TASK_ID" : "");
    fprintf(f, "# Slurm's SIGUSR1 (--signal above) and SIGTERM (at the limit) go on to the ranks;\n"
               "# one that comes before the run has started is remembered (early).\n");
    fprintf(f, "child=\nearly=\ninterrupted=0\n");
    fprintf(f, "pass_on() {\n"
               "  echo \"pawsorb-job: $what: SIG$1 at $(date -u +%%FT%%TZ)${child:+, passed on to the run}\"\n"
               "  if [ -n \"$child\" ]; then interrupted=1; kill -\"$1\" \"$child\" 2>/dev/null; else early=$1; fi\n"
               "}\n"
               "trap 'pass_on USR1' USR1\n"
               "trap 'pass_on TERM' TERM\n\n");
}

/* The launch: the launcher in the background, the wait that a trap may interrupt (wait
 * again; 127 means the run was already collected), the requeue on exit 4 — of this array
 * task alone (ARRAYID_TASK: the bare job id of an array's first task names the whole array). */
static void launch(FILE *f, const sbatch_common *c)
{
    fprintf(f, "run=$(( ${SLURM_RESTART_COUNT:-0} + 1 ))\n");
    fprintf(f, "job=${SLURM_ARRAY_JOB_ID:+${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}}\n"
               "job=${job:-$SLURM_JOB_ID}   # an array task by ARRAYID_TASK: the bare id of the first task names the array\n");
    fprintf(f, "# The run also stops by itself in time (--max-time: the time left less the margin, or\n"
               "# a fifth of it if that is less), for a warning lost while the ranks start; after a\n"
               "# warning that came before the start (a slow module load), the time left less 10 s.\n"
               "limit=()\n"
               "left=$(squeue -h -j \"$job\" -o %%L 2>/dev/null | head -1)\n"
               "if [[ $left =~ ^([0-9]+-)?[0-9:]+$ ]]; then\n"
               "  d=0; [[ $left == *-* ]] && d=${left%%%%-*} && left=${left#*-}\n"
               "  s=0; IFS=: read -ra f <<<\"$left\"; for x in \"${f[@]}\"; do s=$((s * 60 + 10#$x)); done\n"
               "  s=$((d * 86400 + s)); m=$((s / 5)); [ \"$m\" -le %d ] || m=%d; [ -z \"$early\" ] || m=10\n"
               "  s=$((s - m)); [ \"$s\" -ge 5 ] || s=5\n"
               "  limit=(--max-time \"$s\")\n"
               "fi\n"
               "[ -z \"$early\" ] || echo \"pawsorb-job: $what: the warning came before the run started\"\n"
               "echo \"pawsorb-job: $what: run $run of job $SLURM_JOB_ID started on $(hostname) at $(date -u +%%FT%%TZ)${limit:+ with --max-time ${limit[1]}}\"\n",
            c->signal_margin, c->signal_margin);
    fprintf(f, "%s \"$pawsorb\" run input.yaml --only \"$what\" \"${limit[@]}\" &\n", c->launcher);
    fprintf(f, "child=$!\n"
               "rc=3\n"
               "while :; do\n"
               "  interrupted=0\n"
               "  wait \"$child\"; r=$?\n"
               "  [ \"$r\" -eq 127 ] && break\n"
               "  rc=$r\n"
               "  [ \"$interrupted\" -eq 1 ] || break\n"
               "done\n");
    fprintf(f, "echo \"pawsorb-job: $what: exit $rc at $(date -u +%%FT%%TZ)\"\n");
    fprintf(f, "# Exit 4: stopped at a safe point, resumable; back into the queue, the next run continues.\n");
    fprintf(f, "if [ \"$rc\" -eq 4 ]; then\n"
               "  if [ \"$run\" -gt %d ]; then\n"
               "    echo \"pawsorb-job: $what: stopped in run $run, after %d requeues (--max-requeue): not requeued again; raise --time and submit again\"\n"
               "    exit 4\n"
               "  fi\n"
               "  echo \"pawsorb-job: $what: stopped, resumable: requeued\"\n"
               "  scontrol requeue \"$job\" && exit 0\n"
               "  echo \"pawsorb-job: $what: scontrol requeue failed: submit again to continue\"\n"
               "fi\n"
               "exit \"$rc\"\n", c->max_requeue, c->max_requeue);
}

int sbatch_write(FILE *f, const sbatch_common *c, const sbatch_job *j)
{
    header(f, c, j);
    fprintf(f, "\n");
    if (j->only) traps(f, j);
    if (set(c->template_body)) fprintf(f, "%s\n", c->template_body);
    fprintf(f, "cd %s || exit 1\n", c->run_dir);
    fprintf(f, "pawsorb=%s\n", c->pawsorb);
    if (!j->only) {
        fprintf(f, "echo \"pawsorb-job: collect: job $SLURM_JOB_ID started on $(hostname) at $(date -u +%%FT%%TZ)\"\n");
        fprintf(f, "# No computation: the table, CSV, SVG and results file from the finished parts;\n"
                   "# exit 2 lists the parts that did not finish.\n");
        if (strncmp(c->launcher, "srun", 4) == 0 || strncmp(c->launcher, "mpirun", 6) == 0)
            fprintf(f, "%s -n 1 \"$pawsorb\" collect input.yaml\n", c->launcher);
        else
            fprintf(f, "%s \"$pawsorb\" collect input.yaml\n", c->launcher);
        fprintf(f, "rc=$?\n"
                   "echo \"pawsorb-job: collect: exit $rc at $(date -u +%%FT%%TZ)\"\n"
                   "exit \"$rc\"\n");
    } else {
        launch(f, c);
    }
    return ferror(f) ? -1 : 0;
}
