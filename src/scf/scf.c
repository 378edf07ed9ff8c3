#include "scf/scf.h"

#include "core/log.h"
#include "core/mem.h"
#include "core/stop.h"
#include "core/timer.h"
#include "core/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void scf_params_from_input(scf_params *p, const input *in)
{
    p->energy_tol = in->scf.energy_tol_ha;
    p->density_tol = in->scf.density_tol;
    p->eigenstates_tol = 4.0e-8 / (HARTREE_EV * HARTREE_EV);
    p->forces_tol = in->scf.forces_tol_au;
    p->max_iter = in->scf.max_iter;
    p->forces = NULL;
    p->atoms = NULL;
    p->chk = NULL;
}

void scf_params_forces(scf_params *p, forces *f, const structure *s)
{
    p->forces = f;
    p->atoms = s;
}

void scf_history_free(scf_history *h)
{
    free(h->energy);
    free(h->density_change);
    free(h->forces_change);
    free(h->F_old);
    memset(h, 0, sizeof *h);
}

/* One Davidson step on every local block; returns the weighted error summed over all
 * blocks (collective over the world: a failure on one rank stops every rank). */
static int eigensolver_step(calculation *c, double *error, err *e)
{
    wavefunctions *w = &c->wfs;
    double *wt = xmalloc(c->nbands * sizeof *wt), *err_u = xcalloc(w->nu + 1, sizeof *err_u);
    int rc = 0;
    timer_start("Davidson");
    for (int u = 0; u < w->nu && !rc; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        for (int n = 0; n < c->nbands; n++) wt[n] = fabs(wfs_occ(w, q, n));
        eig_operator op = ham_op_operator(&c->op, u);
        rc = davidson_iterate(&c->dav, &op, c->nbands, q->psi, q->P, c->ss.nI, q->eps, wt, &err_u[u], e);
    }
    timer_stop("Davidson");
    rc = comm_agree(c->comm, rc, e);
    if (!rc) *error = wfs_sum_blocks(w, err_u);
    free(wt), free(err_u);
    return rc;
}

/* Density.update + Hamiltonian.update. */
static int update_density_hamiltonian(calculation *c, err *e)
{
    density *d = &c->dens;
    long nc = c->grids.nc;
    timer_start("Density");
    memset(d->nt_sG, 0, (size_t)c->nspins * nc * sizeof *d->nt_sG);
    wfs_add_to_density(&c->wfs, d->nt_sG);
    symmetrize_density(&c->symz, d->nt_sG, c->nspins);   /* bands of the irreducible k-points only */
    for (int s = 0; s < c->nspins; s++)
        for (long i = 0; i < nc; i++) d->nt_sG[(size_t)s * nc + i] += d->nct_G[i];
    wfs_atomic_density_matrices(&c->wfs, d->D_asp);
    symmetrize_D_asp(&c->symz, d->D_asp, c->nspins);
    timer_start("Mix");
    d->error = mixer_mix(&c->mix, d->nt_sG, d->D_asp);
    timer_stop("Mix");
    int rc = density_finish(d, e);
    timer_stop("Density");
    if (rc) return -1;
    timer_start("Hamiltonian");
    rc = hamiltonian_update(&c->ham, d, e);
    timer_stop("Hamiltonian");
    return rc;
}

/* With the forces criterion a "force" column (log10 of the change in eV/Ang, as GPAW's). */
static void log_header(int nspins, int with_forces)
{
    log_printf("     iter     time        total  log10-change:\n");
    log_printf("                          energy   eigst   dens%s%s\n", with_forces ? "  force" : "",
               nspins == 2 ? "     magmom" : "");
}

static void log_iteration(const calculation *c, int it, double t, double energy, const int conv[4], double eig,
                          double dens, int with_forces, double dforce)
{
    char se[16] = "", sd[16] = "", sf[16] = "", sm[32] = "";
    if (isfinite(eig) && eig > 0) snprintf(se, sizeof se, "%+5.2f", log10(eig));
    if (isfinite(dens) && dens > 0) snprintf(sd, sizeof sd, "%+5.2f", log10(dens));
    if (with_forces) {
        char v[16] = "";
        if (isfinite(dforce)) snprintf(v, sizeof v, dforce > 0 ? "%+5.2f" : "-inf", log10(dforce));
        snprintf(sf, sizeof sf, " %5s%c", v, conv[3] ? 'c' : ' ');
    }
    if (c->nspins == 2) snprintf(sm, sizeof sm, "  %+.4f", density_magmom(&c->dens));
    log_printf("iter:%4d %8.2f %12.6f%c %5s%c %5s%c%s%s\n", it, t, energy * HARTREE_EV, conv[0] ? 'c' : ' ', se,
               conv[1] ? 'c' : ' ', sd, conv[2] ? 'c' : ' ', sf, sm);
}

/* GPAW's Forces criterion (convergence_criteria.py): the forces of the current state
 * against the last ones computed; *change = max_a |F_a - F_a,old| (inf the first time). */
static int forces_criterion(calculation *c, const scf_params *p, scf_history *hist, double *change, err *e)
{
    forces *f = p->forces;
    timer_start("Forces");
    int rc = forces_calculate(f, c, p->atoms, e);
    timer_stop("Forces");
    if (rc) return -1;
    double m = hist->forces_evaluations ? 0.0 : INFINITY;
    for (int a = 0; a < f->natoms; a++) {
        double d2 = 0.0;
        for (int v = 0; v < 3; v++) {
            double d = f->F_av[a][v] - hist->F_old[a][v];
            d2 += d * d;
            hist->F_old[a][v] = f->F_av[a][v];
        }
        if (hist->forces_evaluations) m = fmax(m, sqrt(d2));
    }
    /* one decision on every rank (GPAW broadcasts F_av from rank 0 too) */
    MPI_Bcast(&m, 1, MPI_DOUBLE, 0, c->comm->world);
    hist->forces_evaluations++;
    hist->forces_current = 1;
    *change = m;
    return 0;
}

void scf_history_alloc(scf_history *hist, const scf_params *p)
{
    memset(hist, 0, sizeof *hist);
    int nmax = p->max_iter > 0 ? p->max_iter : 1;
    hist->energy = xcalloc(nmax, sizeof *hist->energy);
    hist->density_change = xcalloc(nmax, sizeof *hist->density_change);
}

void scf_checkpointer_restart(scf_checkpointer *k)
{
    if (!k) return;
    k->last = MPI_Wtime();
    k->since = 0;
}

/* Whether the checkpointer is due after one more iteration (collective over world when
 * it counts time: rank 0's clock decides). */
static int checkpoint_due(scf_checkpointer *k, MPI_Comm world)
{
    k->since++;
    int due = k->every_iterations > 0 && k->since >= k->every_iterations;
    if (!due && k->every_seconds > 0) {
        due = MPI_Wtime() - k->last >= k->every_seconds;
        MPI_Bcast(&due, 1, MPI_INT, 0, world);
    }
    return due;
}

/* The checkpoint at the safe point after iteration it. */
static int checkpoint_save(calculation *c, scf_checkpointer *k, const scf_history *h, int it, err *e)
{
    double t0 = MPI_Wtime();
    timer_start("Checkpoint");
    int rc = k->save(k->ctx, c, h, e);
    timer_stop("Checkpoint");
    if (rc) return err_wrap(e, "checkpoint after SCF iteration %d", it);
    k->write_seconds = MPI_Wtime() - t0;
    stop_note_write(2.0 * k->write_seconds);
    k->written++;
    scf_checkpointer_restart(k);
    return 0;
}

void scf_history_alloc_forces(scf_history *hist, const scf_params *p, int natoms)
{
    if (hist->F_old) return;
    int nmax = p->max_iter > 0 ? p->max_iter : 1;
    hist->forces_change = xmalloc(nmax * sizeof *hist->forces_change);
    for (int i = 0; i < nmax; i++) hist->forces_change[i] = NAN;
    hist->F_old = xcalloc(natoms + 1, sizeof *hist->F_old);
}

/* The loop from iteration `first` (the first one of scf_run, or the one after a saved
 * safe point of scf_continue, whose density and Hamiltonian are made first). */
static int loop(calculation *c, const scf_params *p, scf_history *hist, int first, err *e)
{
    int with_forces = p->forces_tol > 0;
    if (with_forces) {
        if (!p->forces || !p->atoms)
            return err_set(e, EXIT_INTERNAL, "scf: scf.forces_tol without the calculation's forces");
        scf_history_alloc_forces(hist, p, p->forces->natoms);   /* a continuation's are read back */
    }
    double nv = c->ss.nvalence > 0 ? c->ss.nvalence : 1.0;
    double t0 = timer_now() - hist->wall, t_it = timer_now(), longest = hist->longest;
    log_header(c->nspins, with_forces);
    if (first > 1 && update_density_hamiltonian(c, e)) return -1;
    for (int it = first; it <= p->max_iter; it++) {
        double eig = 0.0;
        /* No occupations yet (right after initial_guess): GPAW weighs every band by inf
         * (eigensolver.py, weights: kpt.f_n is None), so the first error is infinite. */
        int fresh = c->occ.nfermi == 0;
        if (eigensolver_step(c, &eig, e)) return -1;
        if (fresh) eig = INFINITY;
        if (calc_occupations(c, e)) return -1;
        hamiltonian_get_energy(&c->ham, c->occr.e_band, c->occr.e_entropy, c->occr.extrapolation);
        double E = c->ham.e_total_extrapolated;
        hist->energy[it - 1] = E;
        hist->iterations = it;
        /* energy: ptp of the last 3 (GPAW's deque(maxlen=3) filled before it is judged) */
        double de = INFINITY;
        if (it >= 3) {
            double lo = E, hi = E;
            for (int k = it - 3; k < it; k++) lo = fmin(lo, hist->energy[k]), hi = fmax(hi, hist->energy[k]);
            de = (hi - lo) / nv;
        }
        double dd = c->dens.error / nv, ee = eig / nv;
        hist->density_change[it - 1] = dd;
        hist->eig_error = ee;
        int conv[4] = {de < p->energy_tol, ee < p->eigenstates_tol, dd < p->density_tol, 1};
        double df = NAN;
        if (with_forces) {   /* calc_last: only once the others hold */
            conv[3] = 0;
            if (conv[0] && conv[1] && conv[2]) {
                if (forces_criterion(c, p, hist, &df, e)) return -1;
                hist->forces_change[it - 1] = df;
                conv[3] = df < p->forces_tol;
            }
        }
        log_iteration(c, it, timer_now() - t0, E, conv, ee * HARTREE_EV * HARTREE_EV, dd, with_forces,
                      df * HA_PER_BOHR_TO_EV_PER_ANG);
        if (conv[0] && conv[1] && conv[2] && conv[3]) {
            hist->converged = 1;
            break;
        }
        if (it == p->max_iter) break;
        /* a safe point: stop before the next iteration when asked (core/stop.h), with the
         * checkpoint of this iteration first; or a checkpoint when one is due */
        double now = timer_now();
        longest = fmax(longest, now - t_it), t_it = now;
        hist->wall = now - t0, hist->longest = longest;
        const char *why;
        int stop = stop_check_scf(c->comm->world, longest, &why);
        scf_checkpointer *k = p->chk;
        if (k && (checkpoint_due(k, c->comm->world) || stop) && checkpoint_save(c, k, hist, it, e)) return -1;
        if (stop) {
            snprintf(hist->why, sizeof hist->why, "stopped by %s after SCF iteration %d", why, it);
            return err_set(e, EXIT_STOPPED, "stopped by %s after SCF iteration %d", why, it);
        }
        t_it = timer_now();   /* the checkpoint's time is not the next iteration's */
        hist->forces_current = 0;
        if (update_density_hamiltonian(c, e)) return -1;
    }
    hist->wall = timer_now() - t0;
    if (!hist->converged)
        snprintf(hist->why, sizeof hist->why, "scf not converged after %d iterations", hist->iterations);
    return 0;
}

int scf_run(calculation *c, const scf_params *p, scf_history *hist, err *e)
{
    scf_history_alloc(hist, p);
    return loop(c, p, hist, 1, e);
}

int scf_continue(calculation *c, const scf_params *p, scf_history *hist, err *e)
{
    if (hist->iterations < 1 || hist->iterations >= p->max_iter)
        return err_set(e, EXIT_INTERNAL, "scf_continue: %d iterations done of at most %d", hist->iterations,
                       p->max_iter);
    return loop(c, p, hist, hist->iterations + 1, e);
}
