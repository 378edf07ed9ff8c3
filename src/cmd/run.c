/* pawsorb run INPUT.yaml [--output FILE.h5] [--quiet]: the plane-wave PAW SCF of the
 * input's structure (task scf), its relaxation (task relax), or the adsorption workflow
 * (task adsorption / scan: workflow/adsorption.h), with the log
 * on stdout (rank 0) and the results file of docs/interface.md. Exit status 0, or 2
 * when the SCF did not converge (the results file is still written, status saying
 * why), 1 for bad input, 3 for internal errors. */
#include "basis/plan.h"
#include "cmd/cmd.h"
#include "core/log.h"
#include "core/timer.h"
#include "io/input.h"
#include "io/results.h"
#include "workflow/adsorption.h"
#include "workflow/part.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    const char *input, *output;
    int quiet;
} run_args;

static int parse_args(int argc, char **argv, run_args *a, err *e)
{
    memset(a, 0, sizeof *a);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--quiet") == 0) a->quiet = 1;
        else if (strcmp(argv[i], "--output") == 0 && i + 1 < argc) a->output = argv[++i];
        else if (argv[i][0] != '-' && !a->input) a->input = argv[i];
        else return err_set(e, EXIT_BAD_INPUT, "run: unexpected argument '%s'; usage: pawsorb run INPUT.yaml "
                            "[--output FILE.h5] [--quiet]", argv[i]);
    }
    if (!a->input) return err_set(e, EXIT_BAD_INPUT, "usage: pawsorb run INPUT.yaml [--output FILE.h5] [--quiet]");
    return 0;
}

/* task scf / relax: the input's structure as one part (workflow/part.h) written at the
 * results file's root, with the provenance attributes. A single point that fails before
 * its end leaves no results file; a relaxation keeps the steps it made. */
static int run_single(const comm_ctx *comm, const input *in, const plan *pl, const char *out_path, err *e)
{
    results *r = results_open(comm->world, out_path, e);
    if (!r) return -1;
    const char *paths[PLAN_MAX_SPECIES];
    for (int k = 0; k < pl->nspecies; k++) paths[k] = pl->species[k].path;
    if (results_set_input(r, in->text ? in->text : "", e) || results_set_setups(r, pl->nspecies, paths, e)) {
        results_abort(r);
        return -1;
    }
    char traj[1100];
    relax_trajectory_path(out_path, traj, sizeof traj);
    int relax = in->task == TASK_RELAX;
    part_spec spec = {.group = "", .relax = relax, .charge = in->dft.charge, .bader = in->bader,
                      .traj = relax ? traj : NULL, .want_cubes = 1};
    part_result res;
    int rc = part_run(comm, in, &in->atoms, &spec, r, &res, e);
    if (rc && !relax) {
        results_abort(r);
    } else {
        err keep = *e;
        if (rc) results_set_status(r, keep.msg, e);
        int crc = results_close(r, e);
        if (rc) *e = keep;
        else rc = crc;
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
    if (in.task == TASK_ADSORPTION || in.task == TASK_SCAN) {
        log_init(a.quiet ? NULL : stdout, comm->rank);
        log_printf("Structure: %s\n", in.structure_origin);
        int rc = adsorption_run(comm, &in, out_path, &e);
        input_free(&in);
        return rc ? cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL) : EXIT_OK;
    }
    plan pl;
    if (plan_make(&pl, &in, comm->size, &e)) {
        plan_free(&pl);
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    log_init(a.quiet ? NULL : stdout, comm->rank);
    log_printf("Structure: %s\n", in.structure_origin);
    int rc = run_single(comm, &in, &pl, out_path, &e);
    plan_free(&pl);
    input_free(&in);
    if (rc) return cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL);
    return EXIT_OK;
}
