/* pawsorb run INPUT.yaml [--output FILE.h5] [--quiet]: the plane-wave PAW SCF of the
 * input's structure (task scf), or its relaxation (task relax: cmd/relax.h), with the log
 * on stdout (rank 0) and the results file of docs/interface.md. Exit status 0, or 2
 * when the SCF did not converge (the results file is still written, status saying
 * why), 1 for bad input, 3 for internal errors. */
#include "bader/after_scf.h"
#include "basis/plan.h"
#include "cmd/cmd.h"
#include "cmd/relax.h"
#include "core/log.h"
#include "core/timer.h"
#include "forces/forces.h"
#include "io/input.h"
#include "io/results.h"
#include "scf/calc.h"
#include "scf/initial.h"
#include "scf/report.h"
#include "scf/scf.h"

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

static int write_results(const comm_ctx *comm, const char *path, const input *in, const calculation *c,
                         const scf_history *h, const forces *f, const bader_scf *bs, err *e)
{
    results *r = results_open(comm->world, path, e);
    if (!r) return -1;
    const char *paths[PLAN_MAX_SPECIES];
    for (int k = 0; k < c->pl->nspecies; k++) paths[k] = c->pl->species[k].path;
    if (results_set_input(r, in->text ? in->text : "", e) || results_write_structure(r, &in->atoms, e) ||
        results_set_setups(r, c->pl->nspecies, paths, e) || report_write(r, c, h, e) ||
        report_write_forces(r, c, f, e) || bader_after_scf_write(r, bs, e) || results_set_status(r, h->converged ? "ok" : h->why, e)) {
        results_abort(r);
        return -1;
    }
    return results_close(r, e);
}

static int run_scf(const comm_ctx *comm, const run_args *a, const input *in, const plan *pl, err *e)
{
    calculation c;
    scf_history h = {0};
    forces f = {0};
    int status = EXIT_OK;
    timer_start("Initialisation");
    int rc = calc_init(&c, comm, in, pl, e);
    if (!rc) rc = forces_init(&f, &c, e);   /* D2 table and options checked before the SCF */
    if (!rc) report_setup(&c);
    if (!rc) rc = initial_guess(&c, e);
    timer_stop("Initialisation");
    scf_params p;
    scf_params_from_input(&p, in);
    if (!rc) rc = scf_run(&c, &p, &h, e);
    if (!rc) {
        report_energies(&c, &h);
        timer_start("Forces");
        rc = forces_calculate(&f, &c, &in->atoms, e);
        timer_stop("Forces");
        if (!rc) report_forces(&c, &f);
    }
    bader_scf bs = {0};
    const char *out_path = a->output ? a->output : in->output.file;
    if (!rc && h.converged) rc = bader_after_scf(&c, in, out_path, &bs, e);   /* output.cube, bader: true */
    if (!rc) {
        rc = write_results(comm, out_path, in, &c, &h, &f, &bs, e);
        if (!rc && !h.converged) {
            err_set(e, EXIT_RUN_FAILED, "%s: %s", in->path, h.why);
            status = EXIT_RUN_FAILED;
        }
    }
    timer_report();
    bader_scf_free(&bs);
    scf_history_free(&h);
    forces_free(&f);
    calc_free(&c);
    return rc ? -1 : status;
}

int cmd_run(const comm_ctx *comm, int argc, char **argv)
{
    err e = {0};
    run_args a;
    if (parse_args(argc, argv, &a, &e)) return cmd_fail(comm, e.msg, e.status);
    input in;
    if (input_read(a.input, &in, &e)) return cmd_fail(comm, e.msg, e.status);
    if (in.task != TASK_SCF && in.task != TASK_RELAX) {
        input_free(&in);
        return cmd_fail(comm, "run: only task: scf and task: relax are in this version", EXIT_BAD_INPUT);
    }
    plan pl;
    if (plan_make(&pl, &in, comm->size, &e)) {
        plan_free(&pl);
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    log_init(a.quiet ? NULL : stdout, comm->rank);
    /* the groups of the plan's layout (parallel/layout.h), used from here down */
    comm_ctx lc;
    int rc = comm_init_layout(&lc, comm->world, pl.layout, &e);
    if (!rc) rc = in.task == TASK_RELAX ? run_relax(&lc, &in, &pl, a.output ? a.output : in.output.file, &e)
                                      : run_scf(&lc, &a, &in, &pl, &e);
    comm_free(&lc);
    plan_free(&pl);
    input_free(&in);
    if (rc) return cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL);
    return EXIT_OK;
}
