/* pawsorb run INPUT.yaml [--output FILE.h5] [--max-time T] [--fresh] [--only PART] [--quiet]: the
 * plane-wave PAW SCF of the input's structure (task scf), its relaxation (task relax), or
 * the adsorption workflow (task adsorption / scan: workflow/adsorption.h), with the log
 * on stdout (rank 0) and the results file of docs/interface.md. Exit status 0, or 2
 * when the SCF did not converge (the results file is still written, status saying
 * why), 1 for bad input, 3 for internal errors, 4 when stopped by a signal or
 * --max-time (core/stop.h). A relaxation writes a checkpoint beside its results file
 * after every ionic step (workflow/checkpoint.h) and continues from it when the same
 * command runs again; --fresh discards it. The adsorption workflow keeps each part in
 * its own file (STEM.parts/) and takes the finished ones from there when it runs again;
 * --only runs one stage's part of it (references, screening:I, placement:I: a batch
 * job, docs/batch.md), and `pawsorb collect INPUT.yaml|DIR` builds its results file and
 * table from the parts' files without computing anything. */
#include "basis/plan.h"
#include "cmd/cmd.h"
#include "core/log.h"
#include "core/stop.h"
#include "core/timer.h"
#include "io/input.h"
#include "io/results.h"
#include "workflow/adsorption.h"
#include "workflow/checkpoint.h"
#include "workflow/part.h"

#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RUN_USAGE                                                                                    \
    "usage: pawsorb run INPUT.yaml [--output FILE.h5] [--max-time T] [--fresh] "                      \
    "[--only references|screening:I|placement:I] [--quiet]"
#define COLLECT_USAGE "usage: pawsorb collect INPUT.yaml|DIR [--output FILE.h5] [--quiet]"

typedef struct {
    const char *input, *output;
    int quiet, fresh;
    double max_time;          /* seconds, 0: none */
    ads_options ads;          /* --only */
} run_args;

/* --only references | screening:I | placement:I */
static int parse_only(const char *v, ads_options *o, err *e)
{
    char *end;
    if (strcmp(v, "references") == 0) return o->only = ADS_REFERENCES, 0;
    const char *colon = strchr(v, ':');
    if (colon && (strncmp(v, "screening:", 10) == 0 || strncmp(v, "placement:", 10) == 0)) {
        long i = strtol(colon + 1, &end, 10);
        if (end != colon + 1 && !*end && i >= 0 && i < 1000000) {
            o->only = v[0] == 's' ? ADS_SCREENING : ADS_PLACEMENT;
            o->index = (int)i;
            return 0;
        }
    }
    return err_set(e, EXIT_BAD_INPUT, "run: --only %s: expected references, screening:I or placement:I (I = 0, 1, "
                   "...: the placement's index)", v);
}

/* --max-time: seconds, or a number with s, m or h, or Slurm's [[H:]M:]S. */
static int parse_time(const char *v, double *out)
{
    char *end;
    double t = strtod(v, &end);
    if (end == v || t <= 0) return -1;
    if (*end == ':') {
        double parts[3] = {t, 0, 0};
        int n = 1;
        while (*end == ':' && n < 3) {
            const char *p = end + 1;
            parts[n++] = strtod(p, &end);
            if (end == p) return -1;
        }
        if (*end) return -1;
        t = n == 2 ? parts[0] * 60 + parts[1] : parts[0] * 3600 + parts[1] * 60 + parts[2];
    } else if (*end) {
        double unit = strcmp(end, "s") == 0 ? 1 : strcmp(end, "m") == 0 ? 60 : strcmp(end, "h") == 0 ? 3600 : 0;
        if (unit == 0) return -1;
        t *= unit;
    }
    *out = t;
    return t > 0 ? 0 : -1;
}

static int parse_args(int argc, char **argv, run_args *a, err *e)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0) a->quiet = 1;
        else if (strcmp(argv[i], "--fresh") == 0) a->fresh = 1;
        else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) a->output = argv[++i];
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc) {
            if (parse_only(argv[++i], &a->ads, e)) return -1;
        }
        else if (strcmp(argv[i], "--max-time") == 0 && i + 1 < argc) {
            if (parse_time(argv[++i], &a->max_time))
                return err_set(e, EXIT_BAD_INPUT, "run: --max-time %s: not a positive time (seconds, 90m, 2h or "
                               "Slurm's H:MM:SS)", argv[i]);
        } else if (argv[i][0] != '-' && !a->input) a->input = argv[i];
        else return err_set(e, EXIT_BAD_INPUT, "run: unexpected argument '%s'; " RUN_USAGE, argv[i]);
    }
    if (!a->input) return err_set(e, EXIT_BAD_INPUT, RUN_USAGE);
    return 0;
}

/* task scf / relax: the input's structure as one part (workflow/part.h) written at the
 * results file's root, with the provenance attributes. A single point that fails before
 * its end leaves no results file; a relaxation keeps the steps it made. A run stopped on
 * request (EXIT_STOPPED) closes its results file with status "stopped: <why>, resumable";
 * a relaxation's checkpoint is removed once its results are published. */
static int run_single(const comm_ctx *comm, const input *in, const plan *pl, const char *out_path, int fresh,
                      err *e)
{
    int relax = in->task == TASK_RELAX;
    char traj[1100], chk[1100];
    relax_trajectory_path(out_path, traj, sizeof traj);
    checkpoint_path(out_path, chk, sizeof chk);
    if (relax && fresh) checkpoint_remove(comm->world, chk);
    /* what a killed run left: its temporary files (its results and checkpoint are kept) */
    int stale = results_remove_stale(comm->world, out_path) + results_remove_stale(comm->world, chk);
    if (stale) log_printf("run: removed %d temporary file(s) of a run that was killed\n", stale);
    results *r = results_open(comm->world, out_path, e);
    if (!r) return -1;
    const char *paths[PLAN_MAX_SPECIES];
    for (int k = 0; k < pl->nspecies; k++) paths[k] = pl->species[k].path;
    if (results_set_input(r, in->text ? in->text : "", e) || results_set_setups(r, pl->nspecies, paths, e)) {
        results_abort(r);
        return -1;
    }
    part_spec spec = {.group = "", .relax = relax, .charge = in->dft.charge, .bader = in->bader,
                      .traj = relax ? traj : NULL, .checkpoint = relax ? chk : NULL, .want_cubes = 1};
    part_result res;
    int rc = part_run(comm, in, &in->atoms, &spec, r, &res, e);
    int stopped = rc && e->status == EXIT_STOPPED;
    if (rc && ((!relax && !stopped) || e->status == EXIT_BAD_INPUT)) {
        results_abort(r);   /* nothing worth keeping; an older results file stays */
    } else {
        err keep = *e;
        char status[160];
        snprintf(status, sizeof status, "stopped: %s, resumable", stop_reason() ? stop_reason() : "request");
        if (rc) results_set_status(r, stopped ? status : keep.msg, e);
        int crc = results_close(r, e);
        if (rc) *e = keep;
        else rc = crc;
        if (!rc && relax) checkpoint_remove(comm->world, chk);   /* the relaxation has ended */
    }
    timer_report();
    int status = EXIT_OK;
    if (!rc && !res.finished) {
        err_set(e, EXIT_RUN_FAILED, "%s: %s", in->path, res.why);
        status = EXIT_RUN_FAILED;
    }
    part_result_free(&res);
    return rc ? -1 : status;
}

int cmd_run(const comm_ctx *comm, int argc, char **argv)
{
    err e = {0};
    run_args a;
    if (parse_args(argc, argv, &a, &e)) return cmd_fail(comm, e.msg, e.status);
    input in;
    if (input_read(a.input, &in, &e)) return cmd_fail(comm, e.msg, e.status);
    const char *out_path = a.output ? a.output : in.output.file;
    stop_set_max_time(comm->world, a.max_time);
    if (in.task == TASK_ADSORPTION || in.task == TASK_SCAN) {
        log_init(a.quiet ? NULL : stdout, comm->rank);
        log_printf("Structure: %s\n", in.structure_origin);
        a.ads.fresh = a.fresh;
        int rc = adsorption_run(comm, &in, out_path, &a.ads, &e);
        input_free(&in);
        return rc ? cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL) : EXIT_OK;
    }
    if (a.ads.only != ADS_ALL) {
        err_set(&e, EXIT_BAD_INPUT, "%s: --only is for task adsorption (this input's task is %s)", a.input,
                in.task == TASK_RELAX ? "relax" : "scf");
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    plan pl;
    if (plan_make(&pl, &in, comm->size, &e)) {
        plan_free(&pl);
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    log_init(a.quiet ? NULL : stdout, comm->rank);
    log_printf("Structure: %s\n", in.structure_origin);
    int rc = run_single(comm, &in, &pl, out_path, a.fresh, &e);
    plan_free(&pl);
    input_free(&in);
    if (rc) return cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL);
    return EXIT_OK;
}

/* pawsorb collect INPUT.yaml|DIR: a directory means DIR/input.yaml, run inside DIR (what
 * `pawsorb submit` writes). */
int cmd_collect(const comm_ctx *comm, int argc, char **argv)
{
    err e = {0};
    const char *arg = NULL, *output = NULL;
    int quiet = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0) quiet = 1;
        else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) output = argv[++i];
        else if (argv[i][0] != '-' && !arg) arg = argv[i];
        else return cmd_fail(comm, "collect: unexpected argument; " COLLECT_USAGE, EXIT_BAD_INPUT);
    }
    if (!arg) return cmd_fail(comm, COLLECT_USAGE, EXIT_BAD_INPUT);
    const char *path = arg;
    struct stat st;
    if (stat(arg, &st) == 0 && S_ISDIR(st.st_mode)) {
        if (chdir(arg) != 0) {
            err_set(&e, EXIT_BAD_INPUT, "collect: %s: cannot enter the directory: %s", arg, strerror(errno));
            return cmd_fail(comm, e.msg, e.status);
        }
        path = "input.yaml";
    }
    input in;
    if (input_read(path, &in, &e)) return cmd_fail(comm, e.msg, e.status);
    if (in.task != TASK_ADSORPTION && in.task != TASK_SCAN) {
        err_set(&e, EXIT_BAD_INPUT, "collect: %s: task is not adsorption or scan; nothing to collect", in.path);
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    log_init(quiet ? NULL : stdout, comm->rank);
    ads_options o = {.only = ADS_COLLECT};
    int rc = adsorption_run(comm, &in, output ? output : in.output.file, &o, &e);
    input_free(&in);
    return rc ? cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL) : EXIT_OK;
}
