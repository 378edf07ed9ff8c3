/* The bands and the state of an SCF at its safe point in a checkpoint
 * (workflow/checkpoint.h, checkpoint_internal.h): the wavefunctions as blocks of each
 * (spin, k) basis in global order, the occupations, the SCF's history and the Pulay
 * mixer's (density/mixer.h's mixer_history), and the time kept for a first write. */
#include "workflow/checkpoint_internal.h"

#include "core/mem.h"
#include "core/stop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int comm_rank(MPI_Comm c)
{
    int r;
    MPI_Comm_rank(c, &r);
    return r;
}

/* The whole basis size of every k-point on every rank (a rank knows only its own). */
static int *npw_all(const wavefunctions *w, MPI_Comm world)
{
    int *n = xcalloc(w->nk + 1, sizeof *n), *all = xcalloc(w->nk + 1, sizeof *all);
    for (int k = 0; k < w->nk; k++) n[k] = w->has_k[k] ? w->pwall_k[k].npw : 0;
    MPI_Allreduce(n, all, w->nk, MPI_INT, MPI_MAX, world);
    free(n);
    return all;
}

/* The write rate assumed before a first checkpoint is measured: written, sealed (read
 * back for the SHA-256), fsync'ed and renamed, TiO2(110)+H2O (11 MB) went at ~40 MB/s on a
 * loaded 2-core machine; 25 MB/s leaves a margin. */
#define CHECKPOINT_ASSUMED_RATE 25.0e6

void checkpoint_reserve_time(const calculation *c)
{
    const wavefunctions *w = &c->wfs;
    int *npw = npw_all(w, c->comm->world);
    double bytes = 0.0;
    for (int ug = 0; ug < w->nu_all; ug++) bytes += 16.0 * c->nbands * (npw[ug % w->nk] + c->ss.nI);
    free(npw);
    for (int i = 0; i < c->mix.nbase; i++)
        bytes += 8.0 * (2.0 * c->mix.base[i].nmaxold + 1) * (c->mix.base[i].npoints + c->mix.base[i].nd);
    stop_note_write(2.0 * bytes / CHECKPOINT_ASSUMED_RATE);
}

/* ψ̃ and P of every block, eigenvalues and occupations: each rank its block. */
int checkpoint_write_bands(results *r, const calculation *c, err *e)
{
    const wavefunctions *w = &c->wfs;
    MPI_Comm world = c->comm->world;
    int *npw = npw_all(w, world), nb = c->nbands, nI = c->ss.nI, rc = 0;
    int pw0 = comm_rank(c->comm->pw) == 0, band0 = comm_rank(c->comm->band) == 0;
    for (int ug = 0; ug < w->nu_all && !rc; ug++) {
        int u = ug - w->u0, mine = u >= 0 && u < w->nu, k = ug % w->nk;
        const wfs_kpoint *q = mine ? &w->kpt_u[u] : NULL;
        char path[64];
        size_t dims[3] = {nb, npw[k], 2}, start[3] = {0, 0, 0}, cnt[3] = {0, 0, 0};
        if (mine) start[0] = w->n0, start[1] = wfs_slice_start(w, k), cnt[0] = w->nbl, cnt[1] = q->npw, cnt[2] = 2;
        snprintf(path, sizeof path, "/wfs/psi_%d", ug);
        rc = results_write_block(r, path, 3, dims, start, cnt, mine ? (const double *)q->psi : NULL,
                                 RESULTS_DIMENSIONLESS, e);
        size_t dP[3] = {nb, nI, 2}, sP[3] = {w->n0, 0, 0}, cP[3] = {0, 0, 0};
        if (mine && pw0) cP[0] = w->nbl, cP[1] = nI, cP[2] = 2;   /* P is whole on every plane-wave rank */
        snprintf(path, sizeof path, "/wfs/P_%d", ug);
        if (!rc) rc = results_write_block(r, path, 3, dP, sP, cP, mine ? (const double *)q->P : NULL,
                                          RESULTS_DIMENSIONLESS, e);
    }
    free(npw);
    /* eigenvalues and occupations: whole on every rank of a block's group */
    int lead = pw0 && band0 && w->nu > 0;
    double *eps = xcalloc((size_t)w->nu * nb + 1, sizeof *eps), *f = xcalloc((size_t)w->nu * nb + 1, sizeof *f);
    for (int u = 0; u < w->nu; u++) {
        memcpy(eps + (size_t)u * nb, w->kpt_u[u].eps, nb * sizeof *eps);
        memcpy(f + (size_t)u * nb, w->kpt_u[u].f, nb * sizeof *f);
    }
    size_t d2[2] = {w->nu_all, nb}, s2[2] = {w->u0, 0}, c2[2] = {lead ? w->nu : 0, lead ? nb : 0};
    if (!rc) rc = results_write_block(r, "/wfs/eps", 2, d2, s2, c2, eps, RESULTS_AU_ENERGY, e) ||
                  results_write_block(r, "/wfs/f", 2, d2, s2, c2, f, RESULTS_DIMENSIONLESS, e);
    free(eps), free(f);
    size_t two = 2, one = 1;
    if (!rc) rc = results_write_array(r, "/occupations/fermi", 1, &two, c->occ.fermi, RESULTS_AU_ENERGY, e) ||
                  results_write_ints(r, "/occupations/nfermi", 0, &one, &c->occ.nfermi, e);
    return rc ? -1 : 0;
}

/* The SCF at its safe point (scf.h's scf_checkpointer): its history and the mixer's
 * (density/mixer.h), each stored vector its own dataset, oldest first. */
int checkpoint_write_scf_state(results *r, const calculation *c, const scf_history *h, err *e)
{
    int counters[2] = {h->iterations, c->mix.nbase};
    size_t two = 2, three = 3, n = h->iterations;
    double clock[3] = {h->eig_error, h->wall, h->longest};
    int rc = results_write_ints(r, "/scf/counters", 1, &two, counters, e) ||
             results_write_array(r, "/scf/energy", 1, &n, h->energy, RESULTS_AU_ENERGY, e) ||
             results_write_array(r, "/scf/density_change", 1, &n, h->density_change, RESULTS_DIMENSIONLESS, e) ||
             results_write_array(r, "/scf/clock", 1, &three, clock, RESULTS_DIMENSIONLESS, e);
    if (!rc && h->F_old) {   /* scf.forces_tol: the criterion's last forces and its count */
        size_t dF[2] = {(size_t)c->in->atoms.natoms, 3}, one = 1;
        rc = results_write_array(r, "/scf/forces_old", 2, dF, (const double *)h->F_old, RESULTS_AU_FORCE, e) ||
             results_write_array(r, "/scf/forces_change", 1, &n, h->forces_change, RESULTS_AU_FORCE, e) ||
             results_write_ints(r, "/scf/forces_evaluations", 1, &one, &h->forces_evaluations, e);
    }
    for (int i = 0; i < c->mix.nbase && !rc; i++) {
        mixer_history v;
        mixer_history_view((mixer *)&c->mix, i, &v);
        int cnt[3] = {v.nin, v.nres, v.na};
        size_t dA[2] = {v.nmaxold, v.nmaxold}, np = v.npoints, nd = v.nd, dq[2] = {v.nq, 2};
        char path[64];
        snprintf(path, sizeof path, "/mixer/%d/counters", i);
        rc = results_write_ints(r, path, 1, &three, cnt, e);
        snprintf(path, sizeof path, "/mixer/%d/A", i);
        if (!rc) rc = results_write_array(r, path, 2, dA, v.A, RESULTS_DIMENSIONLESS, e);
        for (int j = 0; j < v.nin && !rc; j++) {
            snprintf(path, sizeof path, "/mixer/%d/nt_%d", i, j);
            rc = results_write_array(r, path, 1, &np, v.nt[j], RESULTS_AU_DENSITY, e);
            snprintf(path, sizeof path, "/mixer/%d/D_%d", i, j);
            if (!rc) rc = results_write_array(r, path, 1, &nd, v.D[j], RESULTS_DIMENSIONLESS, e);
        }
        for (int j = 0; j < v.nres && !rc; j++) {
            snprintf(path, sizeof path, "/mixer/%d/R_%d", i, j);
            rc = results_write_array(r, path, 1, &np, v.R[j], RESULTS_AU_DENSITY, e);
            snprintf(path, sizeof path, "/mixer/%d/dD_%d", i, j);
            if (!rc) rc = results_write_array(r, path, 1, &nd, v.dD[j], RESULTS_DIMENSIONLESS, e);
            snprintf(path, sizeof path, "/mixer/%d/Rq_%d", i, j);
            if (!rc && v.Rq) rc = results_write_array(r, path, 2, dq, (const double *)v.Rq[j], RESULTS_DIMENSIONLESS, e);
        }
    }
    return rc ? -1 : 0;
}

int checkpoint_read_bands(h5read *f, calculation *c, err *e)
{
    wavefunctions *w = &c->wfs;
    int nb = c->nbands, nI = c->ss.nI;
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        int ug = w->u0 + u, k = q->k;
        char path[64];
        size_t dims[3] = {nb, w->pwall_k[k].npw, 2}, start[3] = {w->n0, wfs_slice_start(w, k), 0},
               cnt[3] = {w->nbl, q->npw, 2};
        snprintf(path, sizeof path, "/wfs/psi_%d", ug);
        if (h5read_doubles(f, path, 3, dims, start, cnt, (double *)q->psi, e)) return -1;
        size_t dP[3] = {nb, nI, 2}, sP[3] = {w->n0, 0, 0}, cP[3] = {w->nbl, nI, 2};
        snprintf(path, sizeof path, "/wfs/P_%d", ug);
        if (h5read_doubles(f, path, 3, dP, sP, cP, (double *)q->P, e)) return -1;
        size_t d2[2] = {w->nu_all, nb}, s2[2] = {ug, 0}, c2[2] = {1, nb};
        if (h5read_doubles(f, "/wfs/eps", 2, d2, s2, c2, q->eps, e) ||
            h5read_doubles(f, "/wfs/f", 2, d2, s2, c2, q->f, e))
            return -1;
    }
    size_t two = 2;
    return h5read_doubles(f, "/occupations/fermi", 1, &two, NULL, NULL, c->occ.fermi, e) ||
                   h5read_ints(f, "/occupations/nfermi", 1, &c->occ.nfermi, e)
               ? -1
               : 0;
}

/* The SCF's history and the mixer's (write_scf_state) into hist (allocated here for the
 * input's max_iter) and c->mix. */
int checkpoint_read_scf_state(h5read *f, calculation *c, scf_history *hist, err *e)
{
    const char *fp = h5read_path(f);
    scf_params p;
    scf_params_from_input(&p, c->in);
    int counters[2];
    if (h5read_ints(f, "/scf/counters", 2, counters, e)) return -1;
    if (counters[0] < 1 || counters[0] >= p.max_iter || counters[1] != c->mix.nbase)
        return err_set(e, EXIT_BAD_INPUT, "%s: /scf/counters [%d, %d] out of range (max_iter %d, %d mixers)", fp,
                       counters[0], counters[1], p.max_iter, c->mix.nbase);
    scf_history_alloc(hist, &p);
    hist->iterations = counters[0];
    size_t n = counters[0], three = 3;
    double clock[3];
    if (h5read_doubles(f, "/scf/energy", 1, &n, NULL, NULL, hist->energy, e) ||
        h5read_doubles(f, "/scf/density_change", 1, &n, NULL, NULL, hist->density_change, e) ||
        h5read_doubles(f, "/scf/clock", 1, &three, NULL, NULL, clock, e))
        return -1;
    hist->eig_error = clock[0], hist->wall = clock[1], hist->longest = clock[2];
    if (h5read_exists(f, "/scf/forces_old")) {
        size_t dF[2] = {(size_t)c->in->atoms.natoms, 3};
        scf_history_alloc_forces(hist, &p, c->in->atoms.natoms);
        if (h5read_doubles(f, "/scf/forces_old", 2, dF, NULL, NULL, (double *)hist->F_old, e) ||
            h5read_doubles(f, "/scf/forces_change", 1, &n, NULL, NULL, hist->forces_change, e) ||
            h5read_ints(f, "/scf/forces_evaluations", 1, &hist->forces_evaluations, e))
            return -1;
    }
    for (int i = 0; i < c->mix.nbase; i++) {
        mixer_history v;
        mixer_history_view(&c->mix, i, &v);
        int cnt[3];
        size_t dA[2] = {v.nmaxold, v.nmaxold}, np = v.npoints, nd = v.nd, dq[2] = {v.nq, 2};
        char path[64];
        snprintf(path, sizeof path, "/mixer/%d/counters", i);
        if (h5read_ints(f, path, 3, cnt, e) || mixer_history_set(&c->mix, i, cnt[0], cnt[1], cnt[2], fp, e))
            return -1;
        mixer_history_view(&c->mix, i, &v);
        snprintf(path, sizeof path, "/mixer/%d/A", i);
        if (h5read_doubles(f, path, 2, dA, NULL, NULL, v.A, e)) return -1;
        for (int j = 0; j < v.nin; j++) {
            snprintf(path, sizeof path, "/mixer/%d/nt_%d", i, j);
            if (h5read_doubles(f, path, 1, &np, NULL, NULL, v.nt[j], e)) return -1;
            snprintf(path, sizeof path, "/mixer/%d/D_%d", i, j);
            if (h5read_doubles(f, path, 1, &nd, NULL, NULL, v.D[j], e)) return -1;
        }
        for (int j = 0; j < v.nres; j++) {
            snprintf(path, sizeof path, "/mixer/%d/R_%d", i, j);
            if (h5read_doubles(f, path, 1, &np, NULL, NULL, v.R[j], e)) return -1;
            snprintf(path, sizeof path, "/mixer/%d/dD_%d", i, j);
            if (h5read_doubles(f, path, 1, &nd, NULL, NULL, v.dD[j], e)) return -1;
            snprintf(path, sizeof path, "/mixer/%d/Rq_%d", i, j);
            if (v.Rq && h5read_doubles(f, path, 2, dq, NULL, NULL, (double *)v.Rq[j], e)) return -1;
        }
    }
    return 0;
}

