/* The Slurm batch scripts of `pawsorb submit` (docs/batch.md): one script per kind of job
 * of an adsorption scan — the references (slab and molecules), the screening and the
 * placements as job arrays, and the collect step — each a plain bash script with its
 * #SBATCH lines, the site template's lines, and the launch of pawsorb that passes Slurm's
 * warning signal on to the ranks and requeues the job when pawsorb stops resumably (exit 4).
 * Only text here: submit.c decides what to write where and runs sbatch. */
#ifndef PAWSORB_CMD_SBATCH_H
#define PAWSORB_CMD_SBATCH_H

#include <stdio.h>

/* What every job of one submission shares. Strings are borrowed; NULL or "" = not set
 * (the #SBATCH line is then left out and the site's default applies). */
typedef struct {
    const char *run_dir;      /* absolute; the jobs run there (input.yaml, results, logs/) */
    const char *pawsorb;      /* absolute path of the program the jobs run */
    const char *version;      /* pawsorb's version, for the scripts' header */
    const char *launcher;     /* command prefix that starts the ranks: "srun --mpi=pmix", "mpirun" */
    const char *partition, *account, *time, *nodes, *ntasks, *mem;
    const char *collect_time; /* --time of the collect job */
    int signal_margin;        /* seconds before the time limit that SIGUSR1 comes */
    int max_requeue;          /* a job stopped this many times fails instead of requeueing */
    const char *template_sbatch; /* the template's #SBATCH lines (with newlines), or NULL */
    const char *template_body;   /* the template's other lines (module load ...), or NULL */
} sbatch_common;

/* One script. name: "references", "screening", "placements", "collect"; only: the
 * argument of `run --only` ("references", "screening", "placement"; an array appends
 * ":$SLURM_ARRAY_TASK_ID"), NULL for collect; array: number of array tasks (0: not an array). */
typedef struct {
    const char *name;
    const char *only;
    int array;
    const char *what;         /* one line for the header: what the job computes */
} sbatch_job;

/* Writes the script of `job` to f. Returns 0, or -1 when writing failed. */
int sbatch_write(FILE *f, const sbatch_common *c, const sbatch_job *job);

#endif
