/* part_run (workflow/part.h): one structure's single point or relaxation into a group of
 * an open results file. eV and Angstrom only in the log and the files. */
#include "workflow/part.h"

#include "bader/after_scf.h"
#include "basis/plan.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/stop.h"
#include "core/timer.h"
#include "core/units.h"
#include "forces/forces.h"
#include "io/h5read.h"
#include "io/structio.h"
#include "relax/dft.h"
#include "relax/relax.h"
#include "scf/calc.h"
#include "scf/initial.h"
#include "scf/report.h"
#include "scf/scf.h"
#include "workflow/checkpoint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the relaxation's observer and checkpoint need: the results file, the trajectory,
 * the state, the steps so far, and the clock for the stop checks. */
typedef struct {
    const comm_ctx *comm;
    results *r;
    calculation *c;
    relax_dft *dft;
    structure *s;
    const char *traj;         /* NULL: no trajectory */
    const char *checkpoint;   /* NULL: none */
    double (*F_ev)[3];
    relax_rows rows;
    double t_step, longest;   /* start of the current step; longest step so far (s) */
    int written;              /* checkpoints written */
    relax_state opt;          /* the optimiser's state after the last step (a mid-SCF checkpoint's) */
    scf_checkpointer chk;     /* the SCF's checkpoints (scf.checkpoint and stop requests) */
    int mid_scf;              /* 0, or the SCF iteration of the last checkpoint when it was mid-SCF */
} relax_output;

/* The size of a file (rank 0; 0 elsewhere), for the log. */
static double file_mb(const comm_ctx *comm, const char *path)
{
    long bytes = 0;
    FILE *f = comm->rank == 0 ? fopen(path, "rb") : NULL;
    if (f && fseek(f, 0, SEEK_END) == 0) bytes = ftell(f);
    if (f) fclose(f);
    return bytes / 1e6;
}

/* A copy of an optimiser state (dst's fields replaced). */
static void state_copy(relax_state *dst, const relax_state *src)
{
    relax_state_free(dst);
    dst->method = src->method;
    for (int i = 0; i < src->nfields; i++) relax_state_put(dst, src->f[i].name, src->f[i].n, src->f[i].v);
}

/* scf_checkpointer.save inside a relaxation: the state after the last completed step, the
 * point being evaluated and the running SCF (workflow/checkpoint.h). */
static int save_relax_scf(void *ctx, const calculation *c, const scf_history *h, err *e)
{
    relax_output *o = ctx;
    double t0 = MPI_Wtime();
    if (checkpoint_write_relax_scf(o->checkpoint, c, o->dft, &o->rows, o->dft->nsteps, (const double(*)[3])o->s->pos,
                                   &o->opt, h, e))
        return -1;
    o->mid_scf = h->iterations;
    log_printf("scf: checkpoint %s written in ionic step %d after SCF iteration %d: %.2f MB in %.3f s\n",
               o->checkpoint, o->dft->nsteps + 1, h->iterations, file_mb(o->comm, o->checkpoint), MPI_Wtime() - t0);
    return 0;
}

/* One line of log, one row of each /relax dataset, one trajectory frame for step k of
 * the relaxation (rows and relax_dft hold it). */
static int report_step(relax_output *o, int k, const char *note, err *e)
{
    const relax_dft *d = o->dft;
    const relax_rows *rw = &o->rows;
    int n = rw->natoms;
    const double(*pos)[3] = (const double(*)[3])(rw->pos + (size_t)k * n);
    double E_ha = d->total[k], E_ev = E_ha * HARTREE_EV;
    log_printf("relax: step %3d  energy %14.6f eV  fmax %9.5f eV/Ang  SCF iterations %3d%s\n", k + 1, E_ev,
               rw->fmax[k] * HA_PER_BOHR_TO_EV_PER_ANG, d->scf_iterations[k], note);
    if (results_relax_append(o->r, E_ha, n, pos, rw->fmax[k], e)) return -1;
    if (!o->traj) return 0;
    int rc = 0;
    if (o->comm->rank == 0) {
        const double(*F)[3] = (const double(*)[3])(rw->forces + (size_t)k * n);
        for (int a = 0; a < n; a++)
            for (int c = 0; c < 3; c++) o->F_ev[a][c] = F[a][c] * HA_PER_BOHR_TO_EV_PER_ANG;
        structure frame = *o->s;
        frame.pos = (double(*)[3])pos;
        rc = extxyz_append(o->traj, &frame, &E_ev, (const double(*)[3])o->F_ev, e);
    }
    /* every rank learns whether rank 0's write failed */
    MPI_Bcast(&rc, 1, MPI_INT, 0, o->comm->world);
    if (rc && o->comm->rank != 0) err_set(e, EXIT_RUN_FAILED, "%s: could not append the trajectory", o->traj);
    return rc ? -1 : 0;
}

/* relax_observer_fn: the step's row is kept (for the checkpoint) and reported. */
static int observe(void *ctx, const relax_step *st, err *e)
{
    relax_output *o = ctx;
    double now = MPI_Wtime();
    if (now - o->t_step > o->longest) o->longest = now - o->t_step;
    relax_rows_push(&o->rows, st);
    return report_step(o, o->rows.nsteps - 1, "", e);
}

/* relax_checkpoint_fn: after the optimiser's step, the checkpoint (when asked), then a
 * safe point of core/stop.h: stop when asked or when the longest step so far would not
 * fit before --max-time's deadline. Collective. */
static int checkpoint(void *ctx, int steps, int natoms, const double (*next)[3], const relax_state *opt, err *e)
{
    relax_output *o = ctx;
    (void)natoms;
    if (o->checkpoint) {
        double t0 = MPI_Wtime();
        timer_start("Checkpoint");
        int rc = checkpoint_write(o->checkpoint, o->c, o->dft, &o->rows, steps, next, opt, e);
        timer_stop("Checkpoint");
        if (rc) return err_wrap(e, "checkpoint after ionic step %d", steps);
        double dt = MPI_Wtime() - t0;
        stop_note_write(2.0 * dt);
        /* the results file as far as the checkpoint goes, for a run that is killed */
        if (results_publish(o->r, e)) return err_wrap(e, "after ionic step %d", steps);
        if (!o->written++)
            log_printf("relax: checkpoint %s written after step %d: %.2f MB in %.3f s\n", o->checkpoint, steps,
                       file_mb(o->comm, o->checkpoint), dt);
        state_copy(&o->opt, opt);   /* for the next step's mid-SCF checkpoints */
        o->mid_scf = 0;
        scf_checkpointer_restart(&o->chk);
    }
    const char *why;
    o->t_step = MPI_Wtime();
    if (!stop_check_step(o->comm->world, o->longest, &why)) return 0;
    return err_set(e, EXIT_STOPPED, "stopped by %s after ionic step %d", why, steps);
}

/* The message of a stopped relaxation: where it stopped and what continues it. */
static void stopped_message(const relax_output *o, err *e)
{
    char where[sizeof e->msg];
    snprintf(where, sizeof where, "%s", e->msg);
    int n = o->dft->nsteps;
    if (o->checkpoint && o->mid_scf && n > 0)
        err_set(e, EXIT_STOPPED, "%.1000s; %s holds the state after ionic step %d and SCF iteration %d of step %d: "
                "run the same command again to continue", where, o->checkpoint, n, o->mid_scf, n + 1);
    else if (o->checkpoint && o->mid_scf)
        err_set(e, EXIT_STOPPED, "%.1000s; %s holds the first ionic step's SCF after iteration %d: run the same "
                "command again to continue", where, o->checkpoint, o->mid_scf);
    else if (o->checkpoint && n > 0)
        err_set(e, EXIT_STOPPED, "%.1000s; %s holds the state after ionic step %d: run the same command again to "
                "continue", where, o->checkpoint, n);
    else if (o->checkpoint)
        err_set(e, EXIT_STOPPED, "%.1000s, before the first ionic step ended: the same command starts again", where);
}

/* A resumed relaxation's steps again into the results file and the trajectory. */
static int replay_steps(relax_output *o, err *e)
{
    log_printf("relax: resuming from %s: %d ionic steps done", o->checkpoint, o->rows.nsteps);
    if (o->dft->resume_scf)
        log_printf(", step %d's SCF continues after iteration %d", o->rows.nsteps + 1, o->dft->hist.iterations);
    log_printf("\n");
    for (int k = 0; k < o->rows.nsteps; k++)
        if (report_step(o, k, "  (checkpoint)", e)) return -1;
    return 0;
}

/* The relaxation's final state and per-step SCF counts into the results file. */
static int write_relax_final(results *r, const structure *s, const calculation *c, const relax_dft *d,
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
    return report_write(r, c, &d->hist, e) || report_write_forces(r, c, f, e) ? -1 : 0;
}

/* A stopped relaxation: the positions of its last completed step and its SCF counts. */
static int write_relax_stopped(results *r, structure *s, const relax_dft *d, err *e)
{
    if (d->nsteps) memcpy(s->pos, d->R[d->head], (size_t)s->natoms * sizeof *s->pos);
    size_t n = d->nsteps;
    int *it = xcalloc(n + 1, sizeof *it);
    if (n) memcpy(it, d->scf_iterations, n * sizeof *it);
    int rc = results_write_structure(r, s, e) || results_write_ints(r, "/relax/scf_iterations", 1, &n, it, e);
    free(it);
    return rc ? -1 : 0;
}

/* The relaxation of s (moved in place) on the DFT surface of c, continued from the
 * checkpoint when there is one. Returns 0 whether or not fmax was reached (res says), -1
 * when a step failed or the run stopped (e set; the steps so far written). */
static int relax_part(const comm_ctx *comm, const input *in, calculation *c, forces *f, structure *s, results *r,
                      const part_spec *spec, relax_dft *d, part_result *res, err *e)
{
    scf_params sp;
    scf_params_from_input(&sp, in);
    scf_params_forces(&sp, f, s);
    relax_params rp;
    relax_params_from_input(&rp, in);
    if (relax_dft_init(d, c, f, s, &sp, 1, e)) return -1;
    const part_start *start = spec->start;
    if (start) d->start_dn = start->dn_sG, d->start_D = start->D_asp, d->start_D_from = start->D_from;
    relax_output o = {.comm = comm, .r = r, .c = c, .dft = d, .s = s, .traj = spec->traj,
                      .checkpoint = spec->checkpoint, .F_ev = xcalloc(s->natoms + 1, sizeof *o.F_ev)};
    relax_rows_init(&o.rows, s->natoms);
    o.opt.method = rp.method;
    if (o.checkpoint) {
        o.chk = (scf_checkpointer){.save = save_relax_scf, .ctx = &o, .every_iterations = in->scf.checkpoint_iterations,
                                   .every_seconds = in->scf.checkpoint_seconds};
        scf_checkpointer_restart(&o.chk);
        d->p.chk = &o.chk;
        checkpoint_reserve_time(c);
    }
    double(*pos)[3] = xcalloc(s->natoms + 1, sizeof *pos);
    memcpy(pos, s->pos, s->natoms * sizeof *pos);
    relax_resume resume = {0};
    int resumed = spec->checkpoint ? checkpoint_read(spec->checkpoint, c, d, &o.rows, &resume, pos, e) : 0;
    if (resumed < 0) {   /* refused: nothing ran, nothing is written */
        free(pos), free(o.F_ev);
        relax_rows_free(&o.rows);
        return -1;
    }
    if (resumed && resume.steps > 0) state_copy(&o.opt, &resume.opt);
    log_section("Relaxation");
    log_printf("relax: method %s, fmax %.4f eV/Ang, at most %d steps, trajectory %s, checkpoint %s\n",
               relax_method_name(rp.method), rp.fmax * HA_PER_BOHR_TO_EV_PER_ANG, rp.max_steps,
               o.traj ? o.traj : "none", o.checkpoint ? o.checkpoint : "none");
    /* a new relaxation (or a resumed one, which writes its steps again) starts new rows */
    int rc = results_delete(r, "/relax", e);
    if (!rc && o.traj && comm->rank == 0) unlink(o.traj);
    if (!rc && resumed) rc = replay_steps(&o, e);
    /* with a checkpoint the results file is published from here on (status "incomplete")
     * and after every step, so that a killed run leaves one that matches the checkpoint */
    if (!rc && o.checkpoint) rc = results_publish(r, e);
    relax_result rr = {0};
    o.t_step = MPI_Wtime();
    /* a mid-SCF checkpoint of the first step resumes that SCF but starts the optimiser anew */
    relax_hooks h = {.observe = observe, .octx = &o, .checkpoint = checkpoint, .cctx = &o,
                     .resume = resumed > 0 && resume.steps > 0 ? &resume : NULL};
    if (!rc) {
        rc = relax_run_hooks(&rp, s->natoms, s->fixed, pos, relax_dft_energy, d, &h, &rr, e);
        if (rc && e->status == EXIT_STOPPED) stopped_message(&o, e);
    }
    relax_state_free(&resume.opt);
    relax_state_free(&o.opt);
    d->p.chk = NULL;
    free(pos), free(o.F_ev);
    relax_rows_free(&o.rows);
    log_printf("relax: %s after %d steps; SCF iterations first step %d, mean of the later steps %.1f\n",
               rr.converged ? "converged" : "stopped", d->nsteps, d->nsteps ? d->scf_iterations[0] : 0,
               relax_dft_mean_later_iterations(d));
    res->relax_converged = rr.converged;
    res->steps = d->nsteps;
    res->fmax = rr.fmax;
    res->first_scf_iterations = d->nsteps ? d->scf_iterations[0] : 0;
    for (int k = 0; k < d->nsteps; k++) res->scf_iterations += d->scf_iterations[k];
    if (d->nsteps) res->energy = d->total[d->nsteps - 1];
    res->scf_converged = d->nsteps > 0 && d->hist.converged;
    if (!rc && !rr.converged)
        snprintf(res->why, sizeof res->why, "relaxation not converged after %d steps (fmax %.4f > %.4f eV/Ang)",
                 rr.steps, rr.fmax * HA_PER_BOHR_TO_EV_PER_ANG, rp.fmax * HA_PER_BOHR_TO_EV_PER_ANG);
    return rc;
}

/* A single point's checkpoint (scf_checkpointer.save). */
typedef struct {
    const comm_ctx *comm;
    const char *path;
    int iteration;            /* of the last checkpoint written */
} single_output;

static int save_scf(void *ctx, const calculation *c, const scf_history *h, err *e)
{
    single_output *o = ctx;
    double t0 = MPI_Wtime();
    if (checkpoint_write_scf(o->path, c, h, e)) return -1;
    o->iteration = h->iterations;
    log_printf("scf: checkpoint %s written after SCF iteration %d: %.2f MB in %.3f s\n", o->path, h->iterations,
               file_mb(o->comm, o->path), MPI_Wtime() - t0);
    return 0;
}

/* The SCF of a single point: continued from its checkpoint when there is one, else from
 * the atomic start (or spec's); with a checkpoint path, saved as scf.checkpoint says
 * and when a stop is requested. */
static int single_scf(calculation *c, forces *f, const input *in, const part_spec *spec, scf_history *h, err *e)
{
    scf_params p;
    scf_params_from_input(&p, in);
    scf_params_forces(&p, f, &in->atoms);
    single_output o = {c->comm, spec->checkpoint, 0};
    scf_checkpointer k = {.save = save_scf, .ctx = &o, .every_iterations = in->scf.checkpoint_iterations,
                          .every_seconds = in->scf.checkpoint_seconds};
    int resumed = 0;
    if (spec->checkpoint) {
        p.chk = &k;
        scf_checkpointer_restart(&k);
        checkpoint_reserve_time(c);
        resumed = checkpoint_read_scf(spec->checkpoint, c, h, e);
        if (resumed < 0) return -1;   /* refused (EXIT_BAD_INPUT): nothing ran */
    }
    int rc;
    if (resumed) {
        log_printf("scf: resuming from %s: %d SCF iterations done\n", spec->checkpoint, h->iterations);
        rc = scf_continue(c, &p, h, e);
    } else {
        const part_start *st = spec->start;
        rc = initial_guess_from(c, st ? st->dn_sG : NULL, st ? st->D_asp : NULL, st ? st->D_from : NULL, e) ||
             scf_run(c, &p, h, e);
    }
    if (rc && e->status == EXIT_STOPPED && o.iteration) {
        char where[sizeof e->msg];
        snprintf(where, sizeof where, "%s", e->msg);
        err_set(e, EXIT_STOPPED, "%.1000s; %s holds the SCF's state after iteration %d: run the same command again "
                "to continue", where, spec->checkpoint, o.iteration);
    }
    return rc ? -1 : 0;
}

/* The single point: the SCF, then forces. */
static int single_point(calculation *c, forces *f, const input *in, const part_spec *spec, scf_history *h,
                        part_result *res, err *e)
{
    if (single_scf(c, f, in, spec, h, e)) return -1;
    report_energies(c, h);
    int rc = 0;
    if (!h->forces_current) {   /* else the forces criterion left the final state's in f */
        timer_start("Forces");
        rc = forces_calculate(f, c, &in->atoms, e);
        timer_stop("Forces");
    }
    if (rc) return -1;
    report_forces(c, f);
    res->steps = 1;
    res->scf_iterations = res->first_scf_iterations = h->iterations;
    res->scf_converged = h->converged;
    res->energy = c->ham.e_total_extrapolated + f->disp.energy;
    res->fmax = relax_fmax(f->natoms, in->atoms.fixed, (const double(*)[3])f->F_av);
    if (!h->converged) snprintf(res->why, sizeof res->why, "%s", h->why);
    return 0;
}

/* The Bader charges of rank 0's analysis on every rank (charge = Z - population). */
static void share_bader(const comm_ctx *comm, const bader_scf *bs, part_result *res)
{
    res->bader_done = bs->done;
    if (!bs->done) return;
    int n = bs->natoms;
    res->bader_charge = xcalloc(n + 1, sizeof *res->bader_charge);
    double tail[2] = {0, 0};
    if (comm->rank == 0) {
        for (int a = 0; a < n; a++) {
            res->bader_charge[a] = bs->zn[a] - bs->res.population[a];
            tail[1] += bs->res.population[a];
        }
        tail[0] = bs->res.vacuum_charge;
        tail[1] += bs->res.vacuum_charge;
    }
    MPI_Bcast(res->bader_charge, n, MPI_DOUBLE, 0, comm->world);
    MPI_Bcast(tail, 2, MPI_DOUBLE, 0, comm->world);
    res->bader_vacuum = tail[0], res->bader_electrons = tail[1];
}

/* The final δñ and D_asp, for a later part's start (part_spec.start). */
static int keep_density(calculation *c, part_result *res, err *e)
{
    res->nspins = c->nspins;
    res->nc = c->grids.nc;
    res->nD = (long)c->nspins * c->ss.np;
    res->dn_sG = xmalloc(((size_t)res->nspins * res->nc + 1) * sizeof *res->dn_sG);
    res->D_asp = xmalloc(((size_t)res->nD + 1) * sizeof *res->D_asp);
    memcpy(res->D_asp, c->dens.D_asp, (size_t)res->nD * sizeof *res->D_asp);
    return initial_deformation_density(c, res->dn_sG, e);
}

/* The final ñ summed over spins (a density-difference cube's term). */
static void keep_nt(const calculation *c, part_result *res)
{
    long nc = c->grids.nc;
    memcpy(res->ngrid, c->pl->coarse.n, sizeof res->ngrid);
    res->nt_G = xcalloc(nc + 1, sizeof *res->nt_G);
    for (int s = 0; s < c->nspins; s++)
        for (long i = 0; i < nc; i++) res->nt_G[i] += c->dens.nt_sG[(size_t)s * nc + i];
}

/* The part on its own process layout, from calc_init to the last write. */
static int run_on_layout(const comm_ctx *comm, input *pin, const plan *pl, const part_spec *spec, results *r,
                         part_result *res, err *e)
{
    calculation c;
    forces f;
    memset(&f, 0, sizeof f);
    scf_history h = {0};
    relax_dft d;
    memset(&d, 0, sizeof d);
    bader_scf bs = {0};
    structure s;
    structure_copy(&s, &pin->atoms);
    timer_start("Initialisation");
    int rc = calc_init(&c, comm, pin, pl, e);
    if (!rc) rc = forces_init(&f, &c, e);   /* D2 table and options checked before the SCF */
    if (!rc) report_setup(&c);
    timer_stop("Initialisation");
    int calc_ok = !rc;
    if (!rc && spec->relax) {
        int lrc = relax_part(comm, pin, &c, &f, &s, r, spec, &d, res, e);
        if (lrc) snprintf(res->why, sizeof res->why, "%.500s", e->msg);
        err keep = *e;
        err_clear(e);
        /* the steps so far are kept whatever happened; a stop (or a refused checkpoint)
         * leaves the state of a step in progress, which is not written */
        if (lrc && keep.status == EXIT_BAD_INPUT) rc = 0;   /* a refused checkpoint: nothing ran */
        else if (lrc && keep.status == EXIT_STOPPED) rc = write_relax_stopped(r, &s, &d, e);
        else rc = write_relax_final(r, &s, &c, &d, &f, e);
        if (!rc && lrc && keep.status != EXIT_RUN_FAILED) *e = keep, rc = -1;
        res->finished = !lrc && res->relax_converged;
        memcpy(pin->atoms.pos, s.pos, s.natoms * sizeof *s.pos);   /* the final geometry, for Bader */
    } else if (!rc) {
        rc = single_point(&c, &f, pin, spec, &h, res, e);
        res->finished = !rc && h.converged;
        if (!rc) rc = results_write_structure(r, &pin->atoms, e) || report_write(r, &c, &h, e) ||
                      report_write_forces(r, &c, &f, e);
    }
    if (!rc && res->finished && (pin->bader || spec->want_cubes)) {
        rc = bader_after_scf(&c, pin, spec->cube_path ? spec->cube_path : results_path(r), &bs, e);
        if (!rc) rc = bader_after_scf_write(r, &bs, e);
        if (!rc) share_bader(comm, &bs, res);
    }
    if (!rc) rc = results_set_status(r, res->finished ? "ok" : res->why, e);
    if (!rc && spec->keep_density && res->scf_converged) rc = keep_density(&c, res, e);
    if (!rc && spec->keep_nt && res->scf_converged) keep_nt(&c, res);
    if (calc_ok) res->dispersion = f.disp.energy;
    structure_copy(&res->final, &pin->atoms);
    bader_scf_free(&bs);
    scf_history_free(&h);
    relax_dft_free(&d);
    forces_free(&f);
    if (calc_ok) calc_free(&c);
    structure_free(&s);
    return rc;
}

/* The input's settings for this part's structure (a copy that owns only its atoms; the
 * adsorption lists stay borrowed). */
static void part_input(const input *in, const structure *s, const part_spec *spec, input *pin)
{
    *pin = *in;
    structure_copy(&pin->atoms, s);
    pin->task = spec->relax ? TASK_RELAX : TASK_SCF;
    pin->dft.charge = spec->charge;
    if (spec->cutoff_ha > 0) pin->dft.cutoff_ha = spec->cutoff_ha;
    if (spec->fmax_au > 0) pin->relax.fmax_au = spec->fmax_au;
    if (spec->max_steps > 0) pin->relax.max_steps = spec->max_steps;
    pin->bader = spec->bader && in->bader;
    if (!spec->want_cubes) pin->output.cube_density = pin->output.cube_ae_density = pin->output.cube_potential = 0;
}

int part_check(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec, err *e)
{
    input pin;
    part_input(in, s, spec, &pin);
    plan pl;
    int rc = plan_make(&pl, &pin, comm->size, e);
    plan_free(&pl);
    structure_free(&pin.atoms);
    return rc;
}

int part_run(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec, results *r,
             part_result *res, err *e)
{
    memset(res, 0, sizeof *res);
    double t0 = MPI_Wtime();
    input pin;
    part_input(in, s, spec, &pin);
    if (spec->label) log_section(spec->label);
    plan pl;
    int rc = plan_make(&pl, &pin, comm->size, e);
    comm_ctx lc;
    int have_lc = 0;
    if (!rc) rc = comm_init_layout(&lc, comm->world, pl.layout, e), have_lc = !rc;
    if (!rc) rc = results_set_group(r, spec->group, e);
    if (!rc) rc = run_on_layout(&lc, &pin, &pl, spec, r, res, e);
    err ignore = {0};
    results_set_group(r, "", &ignore);
    if (have_lc) comm_free(&lc);
    plan_free(&pl);
    structure_free(&pin.atoms);
    res->wall = MPI_Wtime() - t0;
    return rc;
}

void part_result_free(part_result *res)
{
    structure_free(&res->final);
    free(res->bader_charge), free(res->dn_sG), free(res->D_asp), free(res->nt_G);
    res->bader_charge = res->dn_sG = res->D_asp = res->nt_G = NULL;
}

void relax_trajectory_path(const char *results_path, char *out, size_t n)
{
    size_t l = strlen(results_path);
    if (l > 3 && strcmp(results_path + l - 3, ".h5") == 0) snprintf(out, n, "%.*s.xyz", (int)(l - 3), results_path);
    else snprintf(out, n, "%s.xyz", results_path);
}

/* ---- a part's own results file: the record a later run reloads -------------------- */

enum { FLAG_FINISHED, FLAG_SCF, FLAG_RELAX, FLAG_STEPS, FLAG_ITER, FLAG_FIRST_ITER, FLAG_BADER, FLAG_NSPINS,
       FLAG_NGRID0, FLAG_NGRID1, FLAG_NGRID2, FLAG_HAVE_DENSITY, FLAG_HAVE_NT, NFLAGS };

/* Rank 0: the fingerprint of this part (its input, plan and whether it has Bader
 * charges), as checkpoint_fingerprint's lines. */
static int part_fingerprint(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec,
                            size_t *n, char ***lines, err *e)
{
    input pin;
    part_input(in, s, spec, &pin);
    plan pl;
    int rc = plan_make(&pl, &pin, comm->size, e);
    if (!rc && comm->rank == 0) rc = checkpoint_fingerprint(&pin, &pl, n, lines, e);
    if (!rc && comm->rank == 0) {
        *lines = xrealloc(*lines, (*n + 1) * sizeof **lines);
        char buf[64];
        snprintf(buf, sizeof buf, "part.bader = %d", pin.bader);
        (*lines)[(*n)++] = xstrdup(buf);
    }
    plan_free(&pl);
    structure_free(&pin.atoms);
    return rc;
}

int part_record_write(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec, results *r,
                      const part_result *res, err *e)
{
    size_t nfp = 0;
    char **fp = NULL;
    err local = {0};
    part_fingerprint(comm, in, s, spec, &nfp, &fp, &local);
    if (comm_agree(comm, local.status ? -1 : 0, &local)) return *e = local, -1;
    MPI_Bcast(&nfp, 1, MPI_UNSIGNED_LONG, 0, comm->world);   /* the count is collective; strings are rank 0's */
    int flags[NFLAGS] = {res->finished, res->scf_converged, res->relax_converged, res->steps, res->scf_iterations,
                         res->first_scf_iterations, res->bader_done, res->nspins, res->ngrid[0], res->ngrid[1],
                         res->ngrid[2], res->dn_sG != NULL, res->nt_G != NULL};
    size_t nf = NFLAGS, na[2] = {(size_t)res->final.natoms, 3};
    int rc = results_write_strings(r, "/part/fingerprint", nfp, (const char *const *)fp, e) ||
             results_write_ints(r, "/part/flags", 1, &nf, flags, e) ||
             results_write_array(r, "/part/energy", 0, NULL, &res->energy, RESULTS_AU_ENERGY, e) ||
             results_write_array(r, "/part/dispersion", 0, NULL, &res->dispersion, RESULTS_AU_ENERGY, e) ||
             results_write_array(r, "/part/fmax", 0, NULL, &res->fmax, RESULTS_AU_FORCE, e) ||
             results_write_array(r, "/part/wall_time", 0, NULL, &res->wall, RESULTS_TIME, e) ||
             results_write_array(r, "/part/positions", 2, na, (const double *)res->final.pos, RESULTS_AU_LENGTH, e) ||
             results_set_attr(r, "/part", "why", res->why, e);
    if (comm->rank == 0) h5read_free_strings(nfp, fp);
    if (!rc && res->bader_done) {
        double tail[2] = {res->bader_vacuum, res->bader_electrons};
        size_t two = 2;
        rc = results_write_array(r, "/part/bader_charge", 1, na, res->bader_charge, RESULTS_CHARGE, e) ||
             results_write_array(r, "/part/bader_vacuum_and_electrons", 1, &two, tail, RESULTS_ELECTRONS, e);
    }
    if (!rc && res->dn_sG) {
        size_t nn = (size_t)res->nspins * res->nc, nd = (size_t)res->nD;
        rc = results_write_array(r, "/part/deformation_density", 1, &nn, res->dn_sG, RESULTS_AU_DENSITY, e) ||
             results_write_array(r, "/part/D_asp", 1, &nd, res->D_asp, RESULTS_DIMENSIONLESS, e);
    }
    if (!rc && res->nt_G) {
        size_t ng = (size_t)res->ngrid[0] * res->ngrid[1] * res->ngrid[2];
        rc = results_write_array(r, "/part/pseudo_density", 1, &ng, res->nt_G, RESULTS_AU_DENSITY, e);
    }
    return rc ? -1 : 0;
}

/* Rank 0: whether path holds an ended part with this fingerprint: 1 yes, 0 no file or
 * not ended, -1 refused (e). */
static int record_check(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec,
                        const char *path, err *e)
{
    if (access(path, F_OK) != 0) return 0;
    h5read *f = h5read_open(path, e);
    if (!f) return err_wrap(e, "the part file of %s; remove it or run with --fresh", spec->label ? spec->label : "a part");
    if (!h5read_exists(f, "/part/fingerprint")) {
        h5read_close(f);
        return 0;   /* stopped, killed or failed: computed again (a relaxation from its checkpoint) */
    }
    size_t nold = 0, nnow = 0;
    char **old = NULL, **now = NULL;
    int rc = h5read_strings(f, "/part/fingerprint", &nold, &old, e);
    h5read_close(f);
    if (!rc) rc = part_fingerprint(comm, in, s, spec, &nnow, &now, e);
    if (!rc) {
        char diff[1600];
        checkpoint_fingerprint_diff(old, nold, now, nnow, "part file", diff, sizeof diff);
        if (diff[0])
            rc = err_set(e, EXIT_BAD_INPUT, "%s: this part was computed for another input; reusing it would change "
                         "the answer:%s\nRun the input it was computed for, or start again with `pawsorb run "
                         "--fresh` (which removes the part files).", path, diff);
    }
    h5read_free_strings(nold, old);
    h5read_free_strings(nnow, now);
    return rc ? -1 : 1;
}

/* Every rank: the record's arrays into res (record_check said yes). */
static int record_load(const char *path, const structure *s, part_result *res, err *e)
{
    h5read *f = h5read_open(path, e);
    if (!f) return -1;
    int flags[NFLAGS];
    size_t na[2] = {(size_t)s->natoms, 3};
    structure_copy(&res->final, s);
    int rc = h5read_ints(f, "/part/flags", NFLAGS, flags, e) ||
             h5read_doubles(f, "/part/energy", 0, NULL, NULL, NULL, &res->energy, e) ||
             h5read_doubles(f, "/part/dispersion", 0, NULL, NULL, NULL, &res->dispersion, e) ||
             h5read_doubles(f, "/part/fmax", 0, NULL, NULL, NULL, &res->fmax, e) ||
             h5read_doubles(f, "/part/wall_time", 0, NULL, NULL, NULL, &res->wall, e) ||
             h5read_doubles(f, "/part/positions", 2, na, NULL, NULL, (double *)res->final.pos, e) ||
             h5read_attr(f, "/part", "why", res->why, sizeof res->why, e);
    if (!rc) {
        res->finished = flags[FLAG_FINISHED], res->scf_converged = flags[FLAG_SCF];
        res->relax_converged = flags[FLAG_RELAX], res->steps = flags[FLAG_STEPS];
        res->scf_iterations = flags[FLAG_ITER], res->first_scf_iterations = flags[FLAG_FIRST_ITER];
        res->bader_done = flags[FLAG_BADER], res->nspins = flags[FLAG_NSPINS];
        for (int i = 0; i < 3; i++) res->ngrid[i] = flags[FLAG_NGRID0 + i];
    }
    if (!rc && res->bader_done) {
        double tail[2];
        size_t two = 2;
        res->bader_charge = xcalloc(na[0] + 1, sizeof *res->bader_charge);
        rc = h5read_doubles(f, "/part/bader_charge", 1, na, NULL, NULL, res->bader_charge, e) ||
             h5read_doubles(f, "/part/bader_vacuum_and_electrons", 1, &two, NULL, NULL, tail, e);
        res->bader_vacuum = tail[0], res->bader_electrons = tail[1];
    }
    if (!rc && flags[FLAG_HAVE_DENSITY]) {
        int nd;
        size_t dn[8], dd[8];
        rc = h5read_shape(f, "/part/deformation_density", &nd, dn, e) || h5read_shape(f, "/part/D_asp", &nd, dd, e);
        if (!rc && res->nspins > 0) {
            res->nc = (long)(dn[0] / (size_t)res->nspins), res->nD = (long)dd[0];
            res->dn_sG = xmalloc((dn[0] + 1) * sizeof *res->dn_sG);
            res->D_asp = xmalloc((dd[0] + 1) * sizeof *res->D_asp);
            rc = h5read_doubles(f, "/part/deformation_density", 1, dn, NULL, NULL, res->dn_sG, e) ||
                 h5read_doubles(f, "/part/D_asp", 1, dd, NULL, NULL, res->D_asp, e);
        }
    }
    if (!rc && flags[FLAG_HAVE_NT]) {
        size_t ng = (size_t)res->ngrid[0] * res->ngrid[1] * res->ngrid[2];
        res->nt_G = xmalloc((ng + 1) * sizeof *res->nt_G);
        rc = h5read_doubles(f, "/part/pseudo_density", 1, &ng, NULL, NULL, res->nt_G, e);
    }
    h5read_close(f);
    if (rc) part_result_free(res);
    return rc ? -1 : 0;
}

int part_record_read(const comm_ctx *comm, const input *in, const structure *s, const part_spec *spec,
                     const char *path, part_result *res, err *e)
{
    if (res) memset(res, 0, sizeof *res);
    err local = {0};
    int have = 0;
    if (comm->rank == 0) have = record_check(comm, in, s, spec, path, &local);   /* plan_make is not collective */
    MPI_Bcast(&have, 1, MPI_INT, 0, comm->world);
    if (have < 0) local.status = local.status ? local.status : EXIT_BAD_INPUT;
    if (comm_agree(comm, have < 0 ? -1 : 0, &local)) return *e = local, -1;
    if (have == 0 || !res) return have;
    int rc = record_load(path, s, res, &local);
    if (comm_agree(comm, rc, &local)) return *e = local, -1;
    return 1;
}
