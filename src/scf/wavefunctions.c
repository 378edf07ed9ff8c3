#include "scf/wavefunctions.h"

#include "core/mem.h"
#include "parallel/banddist.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* This rank's blocks: the contiguous run of its k-point group (header). */
static void local_blocks(wavefunctions *w)
{
    long G = w->comm->layout.kpt, g = w->comm->kgroup;
    w->nu_all = w->nspins * w->nk;
    w->u0 = (int)(g * w->nu_all / G);
    w->nu = (int)((g + 1) * w->nu_all / G) - w->u0;
    w->has_k = xcalloc(w->nk, 1);
    for (int u = w->u0; u < w->u0 + w->nu; u++) w->has_k[u % w->nk] = 1;
}

/* pw_k[k] = this rank's G slice of pwall_k[k] (parallel/pwdist.h): a view sharing the
 * whole basis's arrays; the whole basis itself with one plane-wave rank. */
static int slice_basis(wavefunctions *w, int k, int nbands, err *e)
{
    const pw_basis *all = &w->pwall_k[k];
    w->pw_k[k] = *all;
    if (w->npw_ranks == 1) return 0;
    /* calls carry up to nbands bands (Davidson), or all atomic orbitals (initial guess);
     * with band groups a rank's run of either (ceil(n / B)) */
    int nbmax = nbands;
    for (int a = 0, nao = 0; a < w->ss->natoms; a++)
        if ((nao += species_of(w->ss, a)->nao) > nbmax) nbmax = nao;
    nbmax = (nbmax + w->nband_ranks - 1) / w->nband_ranks;
    if (pw_dist_init(&w->dist_k[k], w->comm->pw, all->npw, nbmax, e)) return -1;
    const pw_dist *d = &w->dist_k[k];
    w->pw_k[k].npw = d->nG;
    w->pw_k[k].map = all->map + d->G0;
    w->pw_k[k].g2 = all->g2 + d->G0;
    return 0;
}

int wfs_init(wavefunctions *w, const comm_ctx *comm, const fft_grid *grid, const kpoint_set *kp, int nspins,
             int nbands, int real, double ecut, const species_set *ss, err *e)
{
    memset(w, 0, sizeof *w);
    w->comm = comm;
    w->nspins = nspins;
    w->nk = kp->nk;
    w->nbands = nbands;
    w->real = real;
    w->ss = ss;
    w->grid = grid;
    if (fft_plan_init(&w->plan, grid, real ? FFT_REAL : FFT_COMPLEX, e)) return -1;
    pwlfc_atom *at = xcalloc(ss->natoms + 1, sizeof *at);
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        at[a] = (pwlfc_atom){sp->sp.nj, sp->sp.pt_j};
    }
    int rc = pwlfc_funcs_init(&w->pt_fn, ss->natoms, at, e);
    free(at);
    if (rc) return -1;
    if (w->pt_fn.nI != ss->nI)
        return err_set(e, EXIT_INTERNAL, "wavefunctions: %d projector functions for %d", w->pt_fn.nI, ss->nI);
    w->pw_k = xcalloc(w->nk, sizeof *w->pw_k);
    w->pwall_k = xcalloc(w->nk, sizeof *w->pwall_k);
    w->dist_k = xcalloc(w->nk, sizeof *w->dist_k);
    w->npw_ranks = comm->layout.pw;
    w->nband_ranks = comm->layout.band;
    {   /* this rank's run of bands (parallel/banddist.h) */
        int ib, n1;
        MPI_Comm_rank(comm->band, &ib);
        band_dist_range(nbands, w->nband_ranks, ib, &w->n0, &n1);
        w->nbl = n1 - w->n0;
    }
    w->pt_k = xcalloc(w->nk, sizeof *w->pt_k);
    w->fft_k = xcalloc(w->nk, sizeof *w->fft_k);
    w->kfrac = xmalloc(w->nk * sizeof *w->kfrac);
    w->w_k = xmalloc(w->nk * sizeof *w->w_k);
    local_blocks(w);
    w->sum_u = xcalloc(w->nu_all, sizeof *w->sum_u);
    for (int k = 0; k < w->nk; k++) {
        memcpy(w->kfrac[k], kp->k[k], sizeof w->kfrac[k]);
        w->w_k[k] = kp->weight[k];
        if (!w->has_k[k]) continue;
        if (pw_basis_init(&w->pwall_k[k], grid, kp->k[k], ecut, real))
            return err_set(e, EXIT_INTERNAL, "plane-wave basis of k-point %d", k);
        if (w->pwall_k[k].npw < nbands)
            return err_set(e, EXIT_BAD_INPUT, "%d bands but only %d plane waves at k-point %d", nbands,
                           w->pwall_k[k].npw, k);
        if (slice_basis(w, k, nbands, e)) return -1;
        if (w->pw_k[k].npw > w->npw_max) w->npw_max = w->pw_k[k].npw;
        if (pwlfc_init(&w->pt_k[k], &w->pt_fn, &w->pw_k[k], nbands, e)) return -1;
        if (w->npw_ranks > 1) pwlfc_set_comm(&w->pt_k[k], comm->pw, comm->work);
        if (pw_fft_init(&w->fft_k[k], &w->pwall_k[k], &w->plan, e)) return -1;
    }
    if (w->npw_max < 1) w->npw_max = 1;   /* a group without blocks keeps valid workspaces */
    w->kpt_u = xcalloc(w->nu + 1, sizeof *w->kpt_u);
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        q->s = (w->u0 + u) / w->nk;
        q->k = (w->u0 + u) % w->nk;
        q->weight = w->w_k[q->k];
        q->npw = w->pw_k[q->k].npw;
        q->psi = xcalloc((size_t)w->nbl * q->npw + 1, sizeof *q->psi);
        q->eps = xcalloc(nbands, sizeof *q->eps);
        q->f = xcalloc(nbands, sizeof *q->f);
        q->P = xcalloc((size_t)w->nbl * ss->nI + 1, sizeof *q->P);
    }
    w->work_nI = xcalloc((size_t)nbands * ss->nI + 1, sizeof *w->work_nI);
    w->work_cnI = xcalloc((size_t)nbands * ss->nI + 64 * 64, sizeof *w->work_cnI);
    return wfs_set_positions(w, e);
}

void wfs_free(wavefunctions *w)
{
    for (int k = 0; k < w->nk && w->pw_k; k++) {
        pw_fft_free(&w->fft_k[k]);
        pwlfc_free(&w->pt_k[k]);
        pw_basis_free(&w->pwall_k[k]);   /* pw_k[k] is a view of it */
        if (w->dist_k) pw_dist_free(&w->dist_k[k]);
    }
    for (int u = 0; u < w->nu && w->kpt_u; u++) {
        free(w->kpt_u[u].psi);
        free(w->kpt_u[u].eps);
        free(w->kpt_u[u].f);
        free(w->kpt_u[u].P);
    }
    free(w->kpt_u);
    free(w->pw_k);
    free(w->pwall_k);
    free(w->dist_k);
    free(w->pt_k);
    free(w->fft_k);
    free(w->kfrac);
    free(w->w_k);
    free(w->work_nI);
    free(w->work_cnI);
    free(w->has_k);
    free(w->sum_u);
    pwlfc_funcs_free(&w->pt_fn);
    fft_plan_free(&w->plan);
    memset(w, 0, sizeof *w);
}

int wfs_set_positions(wavefunctions *w, err *e)
{
    for (int k = 0; k < w->nk; k++)
        if (w->has_k[k] && pwlfc_set_positions(&w->pt_k[k], (const double(*)[3])w->ss->spos, e)) return -1;
    return 0;
}

int wfs_project(wavefunctions *w, int u, err *e)
{
    wfs_kpoint *q = &w->kpt_u[u];
    int nI = w->ss->nI, nb = w->nbl;
    if (!w->real) return pwlfc_integrate_cplx(&w->pt_k[q->k], nb, q->psi, q->npw, q->P, nI, e);
    if (pwlfc_integrate_real(&w->pt_k[q->k], nb, q->psi, q->npw, w->work_nI, nI, e)) return -1;
    for (long i = 0; i < (long)nb * nI; i++) q->P[i] = w->work_nI[i];
    return 0;
}

void wfs_add_to_density(wavefunctions *w, double *nt_sG)
{
    long N = fft_grid_points(w->grid);
    memset(nt_sG, 0, (size_t)w->nspins * N * sizeof *nt_sG);
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        double *nt = nt_sG + (size_t)q->s * N;
        /* this rank's bands w->n0 + i; distributed G: its share of them, whole
         * (parallel/pwdist.h) */
        const double complex *psi = q->psi;
        int i0 = 0, i1 = w->nbl, ld = q->npw;
        if (w->npw_ranks > 1) {
            pw_dist *d = &w->dist_k[q->k];
            pw_dist_to_bands(d, w->nbl, q->psi, q->npw);
            pw_dist_bands(d, w->nbl, d->rank, &i0, &i1);
            psi = d->full, ld = d->npw;   /* row i - i0 is local band i */
        }
        for (int i = i0; i < i1; i++) {
            double f = wfs_occ(w, q, w->n0 + i);
            if (f == 0.0) continue;
            pw_fft_inverse(&w->fft_k[q->k], psi + (size_t)(i - i0) * ld, 1.0 / N);
            if (w->real) {
                const double *r = w->plan.r;
                for (long j = 0; j < N; j++) nt[j] += f * r[j] * r[j];
            } else {
                const double complex *z = (const double complex *)w->plan.z;
                for (long j = 0; j < N; j++) nt[j] += f * (creal(z[j]) * creal(z[j]) + cimag(z[j]) * cimag(z[j]));
            }
        }
    }
    if (w->npw_ranks > 1) comm_sum_ordered(w->comm->pw, nt_sG, (size_t)w->nspins * N, w->comm->work);
    if (w->nband_ranks > 1) comm_sum_ordered(w->comm->band, nt_sG, (size_t)w->nspins * N, w->comm->work);
    comm_sum_ordered(w->comm->kpt, nt_sG, (size_t)w->nspins * N, w->comm->work);
}

void wfs_atomic_density_matrices(wavefunctions *w, double *D_asp)
{
    const species_set *ss = w->ss;
    int nI = ss->nI, nb = w->nbl, ns = w->nspins;   /* this rank's bands */
    memset(D_asp, 0, (size_t)ns * ss->np * sizeof *D_asp);
    double complex *fP = w->work_cnI, *D = w->work_cnI + (size_t)nb * nI;
    const double complex one = 1.0, zero = 0.0;
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        for (int n = 0; n < nb; n++) {
            double f = wfs_occ(w, q, w->n0 + n);
            for (int c = 0; c < nI; c++) fP[(size_t)n * nI + c] = f * q->P[(size_t)n * nI + c];
        }
        for (int a = 0; a < ss->natoms; a++) {
            int ni = ss->ni_a[a], np = ss->np_a[a], I0 = ss->I_a[a];
            /* D_ij = sum_n f_n P*_ni P_nj: one ZGEMM over the bands. */
            cblas_zgemm(CblasRowMajor, CblasConjTrans, CblasNoTrans, ni, ni, nb, &one, q->P + I0, nI, fP + I0, nI,
                        &zero, D, ni);
            double *Dp = D_asp + (size_t)ns * ss->p_a[a] + (size_t)q->s * np;
            int p = 0;
            for (int i1 = 0; i1 < ni; i1++)
                for (int i2 = i1; i2 < ni; i2++, p++)
                    Dp[p] += i1 == i2 ? creal(D[i1 * ni + i1]) : creal(D[i1 * ni + i2]) + creal(D[i2 * ni + i1]);
        }
    }
    if (w->nband_ranks > 1) comm_sum_ordered(w->comm->band, D_asp, (size_t)ns * ss->np, w->comm->work);
    comm_sum_ordered(w->comm->kpt, D_asp, (size_t)ns * ss->np, w->comm->work);
}

double wfs_sum_blocks(wavefunctions *w, const double *x_u)
{
    memset(w->sum_u, 0, w->nu_all * sizeof *w->sum_u);
    for (int u = 0; u < w->nu; u++) w->sum_u[w->u0 + u] = x_u[u];
    comm_sum_ordered(w->comm->kpt, w->sum_u, w->nu_all, w->comm->work);
    double sum = 0.0;
    for (int u = 0; u < w->nu_all; u++) sum += w->sum_u[u];
    return sum;
}

void wfs_gather_eigenvalues(wavefunctions *w, double *eps_skn)
{
    size_t nb = w->nbands;
    memset(eps_skn, 0, w->nu_all * nb * sizeof *eps_skn);
    for (int u = 0; u < w->nu; u++) memcpy(eps_skn + (w->u0 + u) * nb, w->kpt_u[u].eps, nb * sizeof *eps_skn);
    comm_sum_ordered(w->comm->kpt, eps_skn, w->nu_all * nb, w->comm->work);
}
