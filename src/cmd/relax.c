/* task: relax (cmd/relax.h): the relaxation driver wired to the DFT energy surface, the
 * results file and the trajectory. eV and Angstrom only in the log and the files. */
#include "cmd/relax.h"

#include "core/log.h"
#include "core/mem.h"
#include "core/timer.h"
#include "core/units.h"
#include "forces/forces.h"
#include "io/results.h"
#include "io/structio.h"
#include "relax/dft.h"
#include "relax/relax.h"
#include "scf/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void relax_trajectory_path(const char *results_path, char *out, size_t n)
{
    size_t l = strlen(results_path);
    if (l > 3 && strcmp(results_path + l - 3, ".h5") == 0) snprintf(out, n, "%.*s.xyz", (int)(l - 3), results_path);
    else snprintf(out, n, "%s.xyz", results_path);
}

typedef struct {
    const comm_ctx *comm;
    results *r;
    relax_dft *dft;
    structure *s;
    char traj[1100];
    double (*F_ev)[3];
} relax_output;

/* relax_observer_fn: one line of log, one row of each /relax dataset, one trajectory frame. */
static int observe(void *ctx, const relax_step *st, err *e)
{
    relax_output *o = ctx;
    const relax_dft *d = o->dft;
    int k = d->nsteps - 1;
    double E_ha = d->total[k], E_ev = E_ha * HARTREE_EV;
    log_printf("relax: step %3d  energy %14.6f eV  fmax %9.5f eV/Ang  SCF iterations %3d\n", st->step + 1, E_ev,
               st->fmax * HA_PER_BOHR_TO_EV_PER_ANG, d->scf_iterations[k]);
    if (results_relax_append(o->r, E_ha, st->natoms, st->pos, st->fmax, e)) return -1;
    int rc = 0;
    if (o->comm->rank == 0) {
        for (int a = 0; a < st->natoms; a++)
            for (int c = 0; c < 3; c++) o->F_ev[a][c] = st->forces[a][c] * HA_PER_BOHR_TO_EV_PER_ANG;
        rc = extxyz_append(o->traj, o->s, &E_ev, (const double(*)[3])o->F_ev, e);
    }
    /* every rank learns whether rank 0's write failed */
    MPI_Bcast(&rc, 1, MPI_INT, 0, o->comm->world);
    if (rc && o->comm->rank != 0) err_set(e, EXIT_RUN_FAILED, "%s: could not append the trajectory", o->traj);
    return rc ? -1 : 0;
}

/* The final state and the per-step SCF counts into the open results file. */
static int write_final(results *r, const structure *s, const calculation *c, const relax_dft *d,
                       const forces *f, err *e)
{
    size_t n = d->nsteps;
    int *it = xcalloc(n + 1, sizeof *it);
    memcpy(it, d->scf_iterations, n * sizeof *it);
    int rc = results_write_structure(r, s, e) || results_write_ints(r, "/relax/scf_iterations", 1, &n, it, e);
    free(it);
    if (rc || d->nsteps == 0) return rc ? -1 : 0;
    log_section("Last ionic step");
    report_energies(c, &d->hist);
    report_forces(c, f);
    if (report_write(r, c, &d->hist, e) || report_write_forces(r, c, f, e))
        return -1;
    return 0;
}

static int relax_loop(const comm_ctx *comm, const input *in, calculation *c, forces *f, structure *s, results *r,
                      const char *traj, relax_result *res, relax_dft *d, err *e)
{
    scf_params sp;
    scf_params_from_input(&sp, in);
    relax_params rp;
    relax_params_from_input(&rp, in);
    if (relax_dft_init(d, c, f, s, &sp, 1, e)) return -1;
    relax_output o = {comm, r, d, s, "", xcalloc(s->natoms + 1, sizeof *o.F_ev)};
    snprintf(o.traj, sizeof o.traj, "%s", traj);
    log_section("Relaxation");
    log_printf("relax: method %s, fmax %.4f eV/Ang, at most %d steps, trajectory %s\n", relax_method_name(rp.method),
               rp.fmax * HA_PER_BOHR_TO_EV_PER_ANG, rp.max_steps, traj);
    double(*pos)[3] = xcalloc(s->natoms + 1, sizeof *pos);
    memcpy(pos, s->pos, s->natoms * sizeof *pos);
    int rc = relax_run(&rp, s->natoms, s->fixed, pos, relax_dft_energy, d, observe, &o, res, e);
    free(pos), free(o.F_ev);
    log_printf("relax: %s after %d steps; SCF iterations first step %d, mean of the later steps %.1f\n",
               res->converged ? "converged" : "stopped", res->steps, d->nsteps ? d->scf_iterations[0] : 0,
               relax_dft_mean_later_iterations(d));
    return rc;
}

int run_relax(const comm_ctx *comm, const input *in, const plan *pl, const char *output, err *e)
{
    char traj[1100];
    relax_trajectory_path(output, traj, sizeof traj);
    calculation c;
    forces f;
    memset(&f, 0, sizeof f);
    structure s;
    structure_copy(&s, &in->atoms);
    timer_start("Initialisation");
    int rc = calc_init(&c, comm, in, pl, e);
    if (!rc) report_setup(&c);
    if (!rc) rc = forces_init(&f, &c, e);
    timer_stop("Initialisation");
    results *r = rc ? NULL : results_open(comm->world, output, e);
    const char *paths[PLAN_MAX_SPECIES];
    for (int k = 0; k < pl->nspecies; k++) paths[k] = pl->species[k].path;
    if (r && (results_set_input(r, in->text ? in->text : "", e) || results_set_setups(r, pl->nspecies, paths, e))) {
        results_abort(r);
        r = NULL;
    }
    int status = EXIT_OK;
    if (r) {
        if (comm->rank == 0) unlink(traj); /* a new run starts a new trajectory */
        relax_result res = {0};
        relax_dft d;
        memset(&d, 0, sizeof d);
        int lrc = relax_loop(comm, in, &c, &f, &s, r, traj, &res, &d, e);
        char why[2300];
        if (lrc) snprintf(why, sizeof why, "%s", e->msg);
        else if (!res.converged)
            snprintf(why, sizeof why, "relaxation not converged after %d steps (fmax %.4f > %.4f eV/Ang)", res.steps,
                     res.fmax * HA_PER_BOHR_TO_EV_PER_ANG, in->relax.fmax_au * HA_PER_BOHR_TO_EV_PER_ANG);
        err keep = *e;
        err_clear(e);
        /* the steps so far are kept whatever happened (exit status 2 says it failed) */
        rc = write_final(r, &s, &c, &d, &f, e) || results_set_status(r, lrc || !res.converged ? why : "ok", e);
        relax_dft_free(&d);
        if (rc) results_abort(r);
        else rc = results_close(r, e);
        if (!rc && (lrc || !res.converged)) {
            if (lrc && keep.status != EXIT_RUN_FAILED) *e = keep, rc = -1;
            else {
                err_set(e, EXIT_RUN_FAILED, "%s: %s", in->path, why);
                status = EXIT_RUN_FAILED;
            }
        }
    } else
        rc = -1;
    timer_report();
    forces_free(&f);
    calc_free(&c);
    structure_free(&s);
    return rc ? -1 : status;
}
