#include "density/density.h"

#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- grids ------------------------------------------------------------------------ */

static int fold(int f, int n) { return ((f % n) + n) % n; }

/* PWMapping(pd2, pd3): the pd3 index of every pd2 vector; both spheres are real, so the
 * third axis is not folded (GPAW's C = 2). */
static int make_mapping(density_grids *g, err *e)
{
    const int *N = g->coarse->n, *M = g->fine->n;
    int Mh = M[2] / 2 + 1;
    long nqf = (long)M[0] * M[1] * Mh;
    int *lookup = xmalloc((size_t)nqf * sizeof *lookup);
    for (long q = 0; q < nqf; q++) lookup[q] = -1;
    for (int G = 0; G < g->pd3.npw; G++) lookup[g->t3.q_G[G]] = G;
    g->G3_G2 = xmalloc((size_t)(g->pd2.npw + 1) * sizeof *g->G3_G2);
    for (int G = 0; G < g->pd2.npw; G++) {
        int m = g->pd2.map[G];
        int i2 = m % N[2], i1 = (m / N[2]) % N[1], i0 = m / (N[2] * N[1]);
        long q = ((long)fold(fft_freq(i0, N[0]), M[0]) * M[1] + fold(fft_freq(i1, N[1]), M[1])) * Mh + i2;
        g->G3_G2[G] = lookup[q];
        if (lookup[q] < 0) {
            free(lookup);
            return err_set(e, EXIT_INTERNAL, "density grids: pd2 vector %d is outside pd3", G);
        }
    }
    free(lookup);
    return 0;
}

int density_grids_init(density_grids *g, const fft_grid *coarse, const fft_grid *fine, double ecut_wfs, err *e)
{
    memset(g, 0, sizeof *g);
    g->coarse = coarse;
    g->fine = fine;
    /* ecut0 = pi^2 / (2 max_c |h_c|^2), h_c = a_c / N_c (ReciprocalSpaceDensity). */
    double hmax = 0.0;
    for (int c = 0; c < 3; c++) {
        double h2 = 0.0;
        for (int v = 0; v < 3; v++) h2 += pow(coarse->cell[c][v] / coarse->n[c], 2);
        if (h2 > hmax) hmax = h2;
    }
    double ecut0 = 0.5 * M_PI * M_PI / hmax;
    g->ecut = fmin(2.0 * ecut_wfs, ecut0);
    /* GPAW's real PWDescriptor spheres (pw/descriptor.py): pw_basis's real layout keeps an
     * even N2's Nyquist plane as +N2/2, which these spheres reach (cutoff = ecut0). */
    const double k0[3] = {0.0, 0.0, 0.0};
    pw_basis_init(&g->pd2, coarse, k0, g->ecut, 1);
    pw_basis_init(&g->pd3, fine, k0, 4.0 * g->ecut, 1);
    if (fft_plan_init(&g->fc, coarse, FFT_REAL, e) || fft_plan_init(&g->ff, fine, FFT_REAL, e)) return -1;
    if (pw_fft_init(&g->t2, &g->pd2, &g->fc, e) || pw_fft_init(&g->t3, &g->pd3, &g->ff, e)) return -1;
    g->nc = fft_grid_points(coarse);
    g->nf = fft_grid_points(fine);
    g->nfl = g->nf;
    g->comm = MPI_COMM_NULL;
    return make_mapping(g, e);
}

void density_grids_free(density_grids *g)
{
    if (g->dist) {
        spectra_free(&g->sp);
        fft_sphere_free(&g->s2), fft_dist_free(&g->cd);
        fft_sphere_free(&g->s3), fft_dist_free(&g->fd);
    }
    pw_fft_free(&g->t2);
    pw_fft_free(&g->t3);
    fft_plan_free(&g->fc);
    fft_plan_free(&g->ff);
    pw_basis_free(&g->pd2);
    pw_basis_free(&g->pd3);
    free(g->G3_G2);
    memset(g, 0, sizeof *g);
}

/* pd2.interpolate (gpaw/pw/descriptor.py). The coarse coefficient of frequency f goes to
 * the fine frequency f; for an even coarse size the Nyquist frequency -N/2 is halved
 * and also placed at +N/2 (axis 0, then axis 1 over the extended range: corners get a
 * quarter at four places); along the r2c axis the plane N2/2 is halved. The c2r result
 * is scaled by 1/N_coarse. Only the fine planes lo .. lo + nloc - 1 of b are written
 * (b holds those planes: the whole spectrum, or a slab's). */
static void spread_to_fine(const density_grids *g, const double complex *a, double complex *b, int lo, int nloc)
{
    const int *N = g->coarse->n, *M = g->fine->n;
    int Nh = N[2] / 2 + 1, Mh = M[2] / 2 + 1;
    memset(b, 0, (size_t)nloc * M[1] * Mh * sizeof *b);
    for (int q0 = 0; q0 < N[0]; q0++) {
        int f0 = fft_freq(q0, N[0]);
        int t0[2] = {fold(f0, M[0]), -1};
        double w0 = 1.0;
        if (N[0] % 2 == 0 && 2 * f0 == -N[0]) w0 = 0.5, t0[1] = N[0] / 2;
        if ((t0[0] < lo || t0[0] >= lo + nloc) && (t0[1] < lo || t0[1] >= lo + nloc)) continue;
        for (int q1 = 0; q1 < N[1]; q1++) {
            int f1 = fft_freq(q1, N[1]);
            int t1[2] = {fold(f1, M[1]), -1};
            double w1 = w0;
            if (N[1] % 2 == 0 && 2 * f1 == -N[1]) w1 *= 0.5, t1[1] = N[1] / 2;
            for (int q2 = 0; q2 < Nh; q2++) {
                double w = w1;
                if (N[2] % 2 == 0 && 2 * q2 == N[2]) w *= 0.5;
                double complex v = w * a[((long)q0 * N[1] + q1) * Nh + q2];
                for (int x = 0; x < 2; x++) {
                    if (t0[x] < lo || t0[x] >= lo + nloc) continue;
                    for (int y = 0; y < 2; y++) {
                        if (t1[y] < 0) continue;
                        b[((long)(t0[x] - lo) * M[1] + t1[y]) * Mh + q2] = v;
                    }
                }
            }
        }
    }
}

/* The slabs' interpolation: coarse r2c on the coarse slabs, the planes moved to the fine
 * slabs (spectra.h), fine c2r on the slabs. */
static void interpolate_slabs(density_grids *g, const double *a_R, double *out_g, double complex *a_G)
{
    fft_dist *cd = &g->cd;
    memcpy(cd->r, a_R + (long)cd->local_0_start * cd->plane_r, (size_t)cd->nlocal_r * sizeof *a_R);
    fft_dist_r2c(cd);
    if (a_G) {
        fft_sphere_extract(&g->s2, a_G, 1.0);
        fft_sphere_gather(&g->s2, a_G);
    }
    spectra_interpolate(&g->sp);
    fft_dist_c2r(&g->fd);
    double s = 1.0 / g->nc;
    for (long i = 0; i < g->nfl; i++) out_g[i] = s * g->fd.r[i];
}

void density_interpolate(density_grids *g, const double *a_R, double *out_g, double complex *a_G)
{
    if (g->dist) {
        interpolate_slabs(g, a_R, out_g, a_G);
        return;
    }
    memcpy(g->fc.r, a_R, (size_t)g->nc * sizeof *a_R);
    fftw_execute(g->fc.r2c);
    const double complex *a = (const double complex *)g->fc.q;
    if (a_G)
        for (int G = 0; G < g->pd2.npw; G++) a_G[G] = a[g->t2.q_G[G]];
    double s = 1.0 / g->nc;
    spread_to_fine(g, a, (double complex *)g->ff.q, 0, g->fine->n[0]);
    fftw_execute(g->ff.c2r);
    for (long i = 0; i < g->nf; i++) out_g[i] = s * g->ff.r[i];
}

/* pd3.restrict: the fine coefficient of frequency f goes back to f; an even coarse
 * size's Nyquist frequency -N/2 takes the mean of the fine -N/2 and +N/2 (axis 0, then
 * axis 1: corners average four); the r2c axis is cut at N2/2. The pd2 coefficients are
 * the fine ones / 8; the c2r result is scaled by 1/N_fine. b holds the fine planes
 * lo .. lo + nloc - 1; coarse coefficients without a source there are 0. */
static void gather_from_fine(const density_grids *g, const double complex *b, double complex *a, int lo, int nloc)
{
    const int *N = g->coarse->n, *M = g->fine->n;
    int Nh = N[2] / 2 + 1, Mh = M[2] / 2 + 1;
    for (int q0 = 0; q0 < N[0]; q0++) {
        int f0 = fft_freq(q0, N[0]);
        int s0[2] = {fold(f0, M[0]), -1};
        double w0 = 1.0;
        if (N[0] % 2 == 0 && 2 * f0 == -N[0]) w0 = 0.5, s0[1] = N[0] / 2;
        for (int x = 0; x < 2; x++)
            if (s0[x] < lo || s0[x] >= lo + nloc) s0[x] = -1;
        for (int q1 = 0; q1 < N[1]; q1++) {
            int f1 = fft_freq(q1, N[1]);
            int s1[2] = {fold(f1, M[1]), -1};
            double w = w0;
            if (N[1] % 2 == 0 && 2 * f1 == -N[1]) w *= 0.5, s1[1] = N[1] / 2;
            for (int q2 = 0; q2 < Nh; q2++) {
                double complex v = 0.0;
                for (int x = 0; x < 2; x++) {
                    if (s0[x] < 0) continue;
                    for (int y = 0; y < 2; y++)
                        if (s1[y] >= 0) v += b[((long)(s0[x] - lo) * M[1] + s1[y]) * Mh + q2];
                }
                a[((long)q0 * N[1] + q1) * Nh + q2] = w * v;
            }
        }
    }
}

/* The slabs' restriction: fine r2c on the slabs, the needed fine planes moved to the
 * coarse slabs (spectra.h), coarse c2r on the slabs, the coarse grid gathered. */
static void restrict_slabs(density_grids *g, const double *a_g, double *out_R, double complex *a_G)
{
    fft_dist *cd = &g->cd;
    memcpy(g->fd.r, a_g, (size_t)g->nfl * sizeof *a_g);
    fft_dist_r2c(&g->fd);
    spectra_restrict(&g->sp);
    if (a_G) {
        fft_sphere_extract(&g->s2, a_G, 1.0 / 8.0);
        fft_sphere_gather(&g->s2, a_G);
    }
    fft_dist_c2r(cd);
    double s = 1.0 / g->nf;
    for (long i = 0; i < cd->nlocal_r; i++) cd->r[i] *= s;
    fft_dist_allgather(cd, cd->r, out_R);
}

void density_restrict(density_grids *g, const double *a_g, double *out_R, double complex *a_G)
{
    if (g->dist) {
        restrict_slabs(g, a_g, out_R, a_G);
        return;
    }
    double complex *a = (double complex *)g->fc.q;
    memcpy(g->ff.r, a_g, (size_t)g->nf * sizeof *a_g);
    fftw_execute(g->ff.r2c);
    gather_from_fine(g, (const double complex *)g->ff.q, a, 0, g->fine->n[0]);
    if (a_G)
        for (int G = 0; G < g->pd2.npw; G++) a_G[G] = a[g->t2.q_G[G]] / 8.0;
    fftw_execute(g->fc.c2r);
    double s = 1.0 / g->nf;
    for (long i = 0; i < g->nc; i++) out_R[i] = s * g->fc.r[i];
}

int density_grids_distribute(density_grids *g, MPI_Comm comm, double *work, err *e)
{
    int P = 1;
    if (comm != MPI_COMM_NULL) MPI_Comm_size(comm, &P);
    if (P == 1 || g->dist) return 0;
    if (fft_dist_init(&g->fd, g->fine, comm, e) || fft_sphere_init(&g->s3, &g->pd3, &g->fd, e) ||
        fft_dist_init(&g->cd, g->coarse, comm, e) || fft_sphere_init(&g->s2, &g->pd2, &g->cd, e) ||
        spectra_init(&g->sp, g->coarse->n, g->fine->n, &g->cd, &g->fd, e))
        return -1;
    g->dist = 1;
    g->comm = comm;
    g->work = work;
    g->nfl = g->fd.nlocal_r;
    /* the whole fine grid's plan and sphere map are not needed any more */
    pw_fft_free(&g->t3);
    fft_plan_free(&g->ff);
    return 0;
}

double *density_fine_work(density_grids *g, int *i0, int *n0)
{
    *i0 = g->dist ? g->fd.local_0_start : 0;
    *n0 = g->dist ? g->fd.local_n0 : g->fine->n[0];
    return g->dist ? g->fd.r : g->ff.r;
}

void density_fine_to_pd3(density_grids *g, double complex *c, double scale)
{
    if (!g->dist) {
        pw_fft_forward(&g->t3, c, scale, 0.0);
        return;
    }
    fft_sphere_forward(&g->s3, c, scale, 0.0);
    fft_sphere_gather(&g->s3, c);
}

void density_grids_gather_fine(const density_grids *g, const double *a_g, double *whole)
{
    if (g->dist) fft_dist_allgather(&g->fd, a_g, whole);
    else memcpy(whole, a_g, (size_t)g->nf * sizeof *whole);
}

void density_map_add_to2(const density_grids *g, double complex *a2, const double complex *b3)
{
    double s = (double)g->nc / g->nf;
    for (int G = 0; G < g->pd2.npw; G++) a2[G] += s * b3[g->G3_G2[G]];
}

void density_map_add_to3(const density_grids *g, double complex *a3, const double complex *b2)
{
    double s = (double)g->nf / g->nc;
    for (int G = 0; G < g->pd2.npw; G++) a3[g->G3_G2[G]] += s * b2[G];
}

double density_pw_integrate(const pw_basis *pd, const double complex *a, const double complex *b)
{
    long N = fft_grid_points(pd->grid);
    double alpha = 2.0 * pd->grid->volume / ((double)N * N);
    double s = 0.0;
    for (int G = 0; G < pd->npw; G++) s += creal(a[G]) * creal(b[G]) + cimag(a[G]) * cimag(b[G]);
    return alpha * (s - 0.5 * creal(a[0]) * creal(b[0]));
}

/* ---- density ---------------------------------------------------------------------- */

int density_init(density *d, density_grids *g, const species_set *ss, int nspins, double charge, err *e)
{
    memset(d, 0, sizeof *d);
    d->nspins = nspins;
    d->g = g;
    d->ss = ss;
    d->charge = charge;
    int na = ss->natoms;
    pwlfc_atom *at = xcalloc(na + 1, sizeof *at);
    for (int a = 0; a < na; a++) at[a] = (pwlfc_atom){1, &species_of(ss, a)->sp.nct};
    int rc = pwlfc_funcs_init(&d->nct_fn, na, at, e);
    for (int a = 0; a < na && !rc; a++) {
        const species *sp = species_of(ss, a);
        at[a] = (pwlfc_atom){sp->sp.nl, sp->sp.ghat_l};
    }
    if (!rc) rc = pwlfc_funcs_init(&d->ghat_fn, na, at, e);
    free(at);
    if (rc) return -1;
    if (pwlfc_init(&d->nct, &d->nct_fn, &g->pd2, 1, e) || pwlfc_init(&d->ghat, &d->ghat_fn, &g->pd3, 1, e))
        return -1;
    if (d->ghat_fn.nI != ss->nL)
        return err_set(e, EXIT_INTERNAL, "density: %d compensation functions for %d Q_L", d->ghat_fn.nI, ss->nL);
    d->nt_sG = xcalloc((size_t)nspins * g->nc, sizeof *d->nt_sG);
    d->nt_sg = xcalloc((size_t)nspins * g->nfl + 1, sizeof *d->nt_sg);
    d->nt_Q = xcalloc(g->pd2.npw + 1, sizeof *d->nt_Q);
    d->nct_q = xcalloc(g->pd2.npw + 1, sizeof *d->nct_q);
    d->rhot_q = xcalloc(g->pd3.npw + 1, sizeof *d->rhot_q);
    d->nct_G = xcalloc(g->nc, sizeof *d->nct_G);
    d->D_asp = xcalloc((size_t)nspins * ss->np + 1, sizeof *d->D_asp);
    d->Q_aL = xcalloc(ss->nL + 1, sizeof *d->Q_aL);
    d->error = INFINITY;
    return density_set_positions(d, e);
}

void density_split_work(density *d, MPI_Comm comm, double *work)
{
    pwlfc_set_split(&d->ghat, comm, work);
}

void density_free(density *d)
{
    pwlfc_free(&d->nct);
    pwlfc_free(&d->ghat);
    pwlfc_funcs_free(&d->nct_fn);
    pwlfc_funcs_free(&d->ghat_fn);
    free(d->nt_sG);
    free(d->nt_sg);
    free(d->nt_Q);
    free(d->nct_q);
    free(d->rhot_q);
    free(d->nct_G);
    free(d->D_asp);
    free(d->Q_aL);
    memset(d, 0, sizeof *d);
}

int density_set_positions(density *d, err *e)
{
    const double(*spos)[3] = (const double(*)[3])d->ss->spos;
    if (pwlfc_set_positions(&d->nct, spos, e) || pwlfc_set_positions(&d->ghat, spos, e)) return -1;
    memset(d->nct_q, 0, d->g->pd2.npw * sizeof *d->nct_q);
    /* GPAW: nct.add(nct_q, 1 / nspins); nct_G = pd2.ifft(nct_q). */
    if (pwlfc_add_constant(&d->nct, 1.0 / d->nspins, d->nct_q, e)) return -1;
    pw_fft_inverse(&d->g->t2, d->nct_q, 1.0 / d->g->nc);
    memcpy(d->nct_G, d->g->fc.r, d->g->nc * sizeof *d->nct_G);
    return 0;
}

double density_multipole_moments(density *d)
{
    const species_set *ss = d->ss;
    double q = 0.0;
    for (int a = 0; a < ss->natoms; a++) {
        const setup_derived *sd = &species_of(ss, a)->d;
        const double *D = d->D_asp + (size_t)d->nspins * ss->p_a[a];
        double *Q = d->Q_aL + ss->L_a[a];
        for (int L = 0; L < sd->Lmax; L++) {
            double s = 0.0;
            for (int sp = 0; sp < d->nspins; sp++)
                for (int p = 0; p < sd->np; p++) s += D[sp * sd->np + p] * sd->Delta_pL[p * sd->Lmax + L];
            Q[L] = s;
        }
        Q[0] += sd->Delta0;
        q += sqrt(4.0 * M_PI) * Q[0];
    }
    return q;
}

double density_pseudo_charge(const density *d)
{
    double s = 0.0;
    for (long i = 0; i < (long)d->nspins * d->g->nc; i++) s += d->nt_sG[i];
    return s * d->g->coarse->volume / d->g->nc;
}

double density_magmom(const density *d)
{
    if (d->nspins == 1) return 0.0;
    double s = 0.0;
    for (long i = 0; i < d->g->nc; i++) s += d->nt_sG[i] - d->nt_sG[d->g->nc + i];
    return s * d->g->coarse->volume / d->g->nc;
}

void density_normalize(density *d, double comp_charge)
{
    double pseudo = density_pseudo_charge(d);
    double total = pseudo + d->charge + comp_charge;
    if (total == 0.0) return;
    long n = (long)d->nspins * d->g->nc;
    if (pseudo != 0.0) {
        double x = -(d->charge + comp_charge) / pseudo;
        for (long i = 0; i < n; i++) d->nt_sG[i] *= x;
    } else {
        double v = -(d->charge + comp_charge) / d->g->coarse->volume / d->nspins;
        for (long i = 0; i < n; i++) d->nt_sG[i] = v;
    }
}

int density_finish(density *d, err *e)
{
    density_grids *g = d->g;
    density_multipole_moments(d);
    memset(d->nt_Q, 0, g->pd2.npw * sizeof *d->nt_Q);
    /* nt_Q = sum_s pd2 coefficients; the rotating work array is rhot_q's head. */
    for (int s = 0; s < d->nspins; s++) {
        density_interpolate(g, d->nt_sG + (size_t)s * g->nc, d->nt_sg + (size_t)s * g->nfl, d->rhot_q);
        for (int G = 0; G < g->pd2.npw; G++) d->nt_Q[G] += d->rhot_q[G];
    }
    /* rhot_q = sum_aL Q_aL ghat_aL + nt_Q N3/N2 (calculate_pseudo_charge). */
    memset(d->rhot_q, 0, g->pd3.npw * sizeof *d->rhot_q);
    if (pwlfc_add_real(&d->ghat, 1, d->Q_aL, d->ss->nL, d->rhot_q, g->pd3.npw, e)) return -1;
    density_map_add_to3(g, d->rhot_q, d->nt_Q);
    return 0;
}
