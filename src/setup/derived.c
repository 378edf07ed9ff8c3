/* Derived one-centre quantities (derived.h), after gpaw/setup.py Setup.__init__,
 * get_compensation_charges, calculate_coulomb_corrections, calculate_T_Lqp,
 * calculate_projector_overlaps and setup_data.py get_*_correction. */
#include "setup/derived.h"

#include "core/mem.h"
#include "math/gaunt.h"
#include "setup/shape.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SQRT4PI 3.5449077018110318   /* sqrt(4 pi) */

/* Radial functions on the one-centre grid and their Hartree potentials, freed at the end. */
typedef struct {
    int n;                      /* gcut2 */
    double *n_qg, *nt_qg;       /* nq x n: phi_j1 phi_j2, phit_j1 phit_j2 */
    double *nc, *nct, *vbar;    /* n each, cut from the dataset */
    double *wn_lqg, *wnt_lqg;   /* (2 lcut + 1) x nq x n: r v_l dr of n_qg, nt_qg */
    double *wg_lg;              /* (lmax+1) x n */
    double *wnc, *wmct;         /* n: of nc and of mct = nct + Delta0 g_0 */
    double *mct;
} work;

static double dot(const double *a, const double *b, int n)
{
    double s = 0;
    for (int g = 0; g < n; g++) s += a[g] * b[g];
    return s;
}

int setup_packed_index(int i1, int i2, int ni)
{
    if (i1 > i2) { int t = i1; i1 = i2; i2 = t; }
    return i1 * (2 * ni - 1 - i1) / 2 + i2;
}

static int q_index(int j1, int j2, int nj)
{
    if (j1 > j2) { int t = j1; j1 = j2; j2 = t; }
    return j2 + j1 * nj - j1 * (j1 + 1) / 2;
}

static void index_projectors(setup_derived *d, const paw_setup *s)
{
    d->ni = setup_nproj(s);
    d->np = d->ni * (d->ni + 1) / 2;
    d->nq = s->nj * (s->nj + 1) / 2;
    d->j_i = xmalloc((size_t)d->ni * sizeof(int));
    d->l_i = xmalloc((size_t)d->ni * sizeof(int));
    d->L_i = xmalloc((size_t)d->ni * sizeof(int));
    int i = 0, lmax_j = 0;
    for (int j = 0; j < s->nj; j++) {
        int l = s->states[j].l;
        if (l > lmax_j) lmax_j = l;
        for (int m = 0; m < 2 * l + 1; m++, i++) d->j_i[i] = j, d->l_i[i] = l, d->L_i[i] = l * l + m;
    }
    d->lcut = lmax_j;
    if (2 * d->lcut < d->lmax) d->lcut = (d->lmax + 1) / 2;
}

/* T_Lqp = G_{L_i1 L_i2 L} for the pair p = (i1 <= i2) whose channels form q. */
static void build_T(setup_derived *d, int nj)
{
    int Lcut = (2 * d->lcut + 1) * (2 * d->lcut + 1);
    d->T_Lqp = xcalloc((size_t)Lcut * d->nq * d->np, sizeof(double));
    for (int i1 = 0, p = 0; i1 < d->ni; i1++)
        for (int i2 = i1; i2 < d->ni; i2++, p++) {
            int q = q_index(d->j_i[i1], d->j_i[i2], nj);
            for (int L = 0; L < Lcut; L++)
                d->T_Lqp[((size_t)L * d->nq + q) * d->np + p] = gaunt_real(d->L_i[i1], d->L_i[i2], L);
        }
}

/* out_p = sum_q a_q T_Lqp for one L. */
static void contract_T(const setup_derived *d, int L, const double *a_q, double *out_p)
{
    const double *T = d->T_Lqp + (size_t)L * d->nq * d->np;
    for (int p = 0; p < d->np; p++) out_p[p] = 0;
    for (int q = 0; q < d->nq; q++)
        for (int p = 0; p < d->np; p++) out_p[p] += a_q[q] * T[(size_t)q * d->np + p];
}

/* Radius grids of the splines GPAW makes (Setup.__init__, find_core_density_cutoff).
 * PAW-XML 0.6 datasets (gpaw-data) are "old-style Fourier-filtered": the filter radius
 * is where the first projector ends, or where vbar ends if later. */
static void cutoff_radii(setup_derived *d, const paw_setup *s)
{
    const radial_grid *g = &s->grid;
    double rcmax = 0;
    for (int j = 0; j < s->nj; j++) rcmax = fmax(rcmax, s->states[j].rc);
    int old_style = strtod(s->version, NULL) < 0.7 && s->generator_version < 2;
    int gf = g->n - 1;
    while (gf > 0 && s->pt[gf] == 0.0) gf--;
    gf++;
    if (!old_style) gf = radial_ceil(g, rcmax);   /* newer datasets, no filter (PW mode) */
    int gv = g->n - 1;
    while (gv > 0 && s->vbar[gv] == 0.0) gv--;
    if (gv + 1 > gf) gf = gv + 1;
    if (gf >= g->n) gf = g->n - 1;
    d->rcutfilter = g->r[gf];
    if (s->Nc == 0) {
        d->rcore = 1.0;
        return;
    }
    double N = 0;
    int k = g->n - 1;
    while (N < 1e-7 && k > 0) {
        N += SQRT4PI * s->nc[k] * g->r[k] * g->r[k] * g->dr[k];
        k--;
    }
    d->rcore = g->r[k];
}

/* The dataset's functions on the one-centre grid and the pair densities n_q, nt_q. */
static void work_init(work *w, const setup_derived *d, const paw_setup *s)
{
    int n = w->n = d->gcut2, N = s->grid.n, nq = d->nq, nl = 2 * d->lcut + 1;
    w->n_qg = xmalloc((size_t)nq * n * sizeof(double));
    w->nt_qg = xmalloc((size_t)nq * n * sizeof(double));
    for (int j1 = 0, q = 0; j1 < s->nj; j1++)
        for (int j2 = j1; j2 < s->nj; j2++, q++)
            for (int g = 0; g < n; g++) {
                w->n_qg[(size_t)q * n + g] = s->phi[(size_t)j1 * N + g] * s->phi[(size_t)j2 * N + g];
                w->nt_qg[(size_t)q * n + g] = s->phit[(size_t)j1 * N + g] * s->phit[(size_t)j2 * N + g];
            }
    w->nc = s->nc, w->nct = s->nct, w->vbar = s->vbar;   /* borrowed; read up to n only */
    w->wn_lqg = xmalloc((size_t)nl * nq * n * sizeof(double));
    w->wnt_lqg = xmalloc((size_t)nl * nq * n * sizeof(double));
    w->wg_lg = xmalloc((size_t)(d->lmax + 1) * n * sizeof(double));
    w->wnc = xmalloc((size_t)n * sizeof(double));
    w->wmct = xmalloc((size_t)n * sizeof(double));
    w->mct = xmalloc((size_t)n * sizeof(double));
}

static void work_free(work *w)
{
    double *a[] = {w->n_qg, w->nt_qg, w->wn_lqg, w->wnt_lqg, w->wg_lg, w->wnc, w->wmct, w->mct};
    for (size_t k = 0; k < sizeof a / sizeof *a; k++) free(a[k]);
}

/* Multipoles of n - nt (get_compensation_charges):
 *   Delta_lq = int (n_q - nt_q) r^(l+2) dr,  Delta_pL = sum_q Delta_lq T_Lqp,
 *   Delta0 = int (nc - nct) r^2 dr - Z / sqrt(4 pi). */
static void compensation(setup_derived *d, const paw_setup *s, const work *w)
{
    int n = w->n;
    const radial_grid *g2 = &d->grid2;
    d->Delta_lq = xmalloc((size_t)(d->lmax + 1) * d->nq * sizeof(double));
    double *diff = xmalloc((size_t)n * sizeof(double));
    for (int q = 0; q < d->nq; q++) {
        for (int g = 0; g < n; g++) diff[g] = w->n_qg[(size_t)q * n + g] - w->nt_qg[(size_t)q * n + g];
        for (int l = 0; l <= d->lmax; l++) d->Delta_lq[l * d->nq + q] = radial_moment(g2, diff, l, n);
    }
    d->Delta_pL = xmalloc((size_t)d->np * d->Lmax * sizeof(double));
    double *col = xmalloc((size_t)d->np * sizeof(double));
    for (int l = 0; l <= d->lmax; l++)
        for (int L = l * l; L < (l + 1) * (l + 1); L++) {
            contract_T(d, L, d->Delta_lq + l * d->nq, col);
            for (int p = 0; p < d->np; p++) d->Delta_pL[(size_t)p * d->Lmax + L] = col[p];
        }
    for (int g = 0; g < n; g++) diff[g] = s->nc[g] - s->nct[g];
    d->Delta0 = radial_moment(g2, diff, 0, n) - s->Z / SQRT4PI;
    free(diff);
    free(col);
}

/* w(r) = r v_l(r) dr/dg of a density: GPAW's H(n, l) = rgd2.poisson(n, l) r dr. */
static void hartree_weight(const radial_grid *g2, const double *f, int l, double *w)
{
    radial_poisson(g2, f, l, g2->n, w);
    for (int g = 0; g < g2->n; g++) w[g] *= g2->r[g] * g2->dr[g];
}

/* calculate_integral_potentials. */
static void potentials(const setup_derived *d, work *w)
{
    int n = w->n, nq = d->nq;
    for (int l = 0; l <= d->lmax; l++) hartree_weight(&d->grid2, d->g_lg + (size_t)l * n, l, w->wg_lg + (size_t)l * n);
    for (int l = 0; l <= 2 * d->lcut; l++)
        for (int q = 0; q < nq; q++) {
            size_t at = ((size_t)l * nq + q) * n;
            hartree_weight(&d->grid2, w->n_qg + (size_t)q * n, l, w->wn_lqg + at);
            hartree_weight(&d->grid2, w->nt_qg + (size_t)q * n, l, w->wnt_lqg + at);
        }
    hartree_weight(&d->grid2, w->nc, 0, w->wnc);
    hartree_weight(&d->grid2, w->nct, 0, w->wmct);
    for (int g = 0; g < n; g++) {
        w->wmct[g] += d->Delta0 * w->wg_lg[g];
        w->mct[g] = w->nct[g] + d->Delta0 * d->g_lg[g];
    }
}

/* Constant and linear Coulomb terms (Setup.__init__, calculate_coulomb_corrections):
 *   M   = 1/2 (nc, nc) - sqrt(4 pi) Z int nc r dr - 1/2 (mct, mct) - e_electrostatic
 *   A_q = 1/2 [(n_q, nc) + (nc, n_q)] - sqrt(4 pi) Z int n_q r dr
 *         - 1/2 [(nt_q, mct) + (mct, nt_q)] - 1/2 [(mct, g_0) + (g_0, mct)] Delta_0q
 *   M_p = sum_q A_q T_0qp
 * where (a, b) = int a (r v_l[b] dr) dg is the l-th radial Coulomb integral. */
static void coulomb_linear(setup_derived *d, const paw_setup *s, const work *w)
{
    int n = w->n, nq = d->nq;
    const double *r = d->grid2.r, *dr = d->grid2.dr;
    double *rdr = xmalloc((size_t)n * sizeof(double));
    for (int g = 0; g < n; g++) rdr[g] = r[g] * dr[g];
    d->M = 0.5 * dot(w->nc, w->wnc, n) - SQRT4PI * s->Z * dot(rdr, w->nc, n) - 0.5 * dot(w->mct, w->wmct, n) -
           s->e_electrostatic;
    double *A_q = xmalloc((size_t)nq * sizeof(double));
    for (int q = 0; q < nq; q++) {
        const double *nq_g = w->n_qg + (size_t)q * n, *ntq_g = w->nt_qg + (size_t)q * n;
        A_q[q] = 0.5 * (dot(w->wn_lqg + (size_t)q * n, w->nc, n) + dot(nq_g, w->wnc, n)) -
                 SQRT4PI * s->Z * dot(nq_g, rdr, n) -
                 0.5 * (dot(w->wnt_lqg + (size_t)q * n, w->mct, n) + dot(ntq_g, w->wmct, n)) -
                 0.5 * (dot(w->mct, w->wg_lg, n) + dot(d->g_lg, w->wmct, n)) * d->Delta_lq[q];
    }
    d->M_p = xmalloc((size_t)d->np * sizeof(double));
    contract_T(d, 0, A_q, d->M_p);
    /* Average electrostatic potential: dEH0 = sqrt(4 pi) sum_g (wnc - wmct - sqrt(4 pi) Z r dr),
     * dEH_q = sum_g (wn_0q - wnt_0q) - Delta_0q sum_g wg_0. */
    d->dEH0 = 0;
    double swg = 0;
    for (int g = 0; g < n; g++) d->dEH0 += w->wnc[g] - w->wmct[g] - SQRT4PI * s->Z * rdr[g], swg += w->wg_lg[g];
    d->dEH0 *= SQRT4PI;
    for (int q = 0; q < nq; q++) {
        double a = 0;
        for (int g = 0; g < n; g++) a += w->wn_lqg[(size_t)q * n + g] - w->wnt_lqg[(size_t)q * n + g];
        A_q[q] = SQRT4PI * (a - d->Delta_lq[q] * swg);
    }
    d->dEH_p = xmalloc((size_t)d->np * sizeof(double));
    contract_T(d, 0, A_q, d->dEH_p);
    free(A_q);
    free(rdr);
}

/* Second-order Coulomb term M_pp = sum_L T_L^T A_l T_L with, for each l <= 2 lcut,
 *   A_l[q1,q2] = 1/2 (n_q1, n_q2)_l - 1/2 (nt_q1, nt_q2)_l
 *                - 1/2 Delta_lq1 (g_l, nt_q2)_l - 1/2 (nt_q1, g_l)_l Delta_lq2
 *                - 1/2 (g_l, g_l)_l Delta_lq1 Delta_lq2        (the last three for l <= lmax)
 * (calculate_coulomb_corrections): the Hartree energy of n - nt - compensation charges
 * inside the sphere. */
static void coulomb_quadratic(setup_derived *d, const work *w)
{
    int n = w->n, nq = d->nq, np = d->np;
    double *A = xmalloc((size_t)nq * nq * sizeof(double));
    double *tmp = xmalloc((size_t)nq * np * sizeof(double));
    d->M_pp = xcalloc((size_t)np * np, sizeof(double));
    for (int l = 0, L = 0; l <= 2 * d->lcut; l++) {
        const double *wn = w->wn_lqg + (size_t)l * nq * n, *wnt = w->wnt_lqg + (size_t)l * nq * n;
        const double *gl = l <= d->lmax ? d->g_lg + (size_t)l * n : NULL;
        const double *wg = l <= d->lmax ? w->wg_lg + (size_t)l * n : NULL;
        const double *Dl = l <= d->lmax ? d->Delta_lq + (size_t)l * nq : NULL;
        for (int q1 = 0; q1 < nq; q1++)
            for (int q2 = 0; q2 < nq; q2++) {
                const double *n1 = w->n_qg + (size_t)q1 * n, *nt1 = w->nt_qg + (size_t)q1 * n;
                double a = 0.5 * dot(n1, wn + (size_t)q2 * n, n) - 0.5 * dot(nt1, wnt + (size_t)q2 * n, n);
                if (gl)
                    a -= 0.5 * Dl[q1] * dot(wnt + (size_t)q2 * n, gl, n) + 0.5 * dot(nt1, wg, n) * Dl[q2] +
                         0.5 * dot(gl, wg, n) * Dl[q1] * Dl[q2];
                A[q1 * nq + q2] = a;
            }
        for (int m = 0; m < 2 * l + 1; m++, L++) {
            const double *T = d->T_Lqp + (size_t)L * nq * np;
            for (int q1 = 0; q1 < nq; q1++)
                for (int p = 0; p < np; p++) {
                    double t = 0;
                    for (int q2 = 0; q2 < nq; q2++) t += A[q1 * nq + q2] * T[(size_t)q2 * np + p];
                    tmp[(size_t)q1 * np + p] = t;
                }
            for (int q1 = 0; q1 < nq; q1++)
                for (int p1 = 0; p1 < np; p1++) {
                    double t = T[(size_t)q1 * np + p1];
                    if (t == 0.0) continue;   /* T is sparse: most Gaunt numbers vanish */
                    for (int p2 = 0; p2 < np; p2++) d->M_pp[(size_t)p1 * np + p2] += t * tmp[(size_t)q1 * np + p2];
                }
        }
    }
    free(A);
    free(tmp);
}

/* Zero potential: MB = -int nct vbar r^2 dr, MB_p = -sum_q (int nt_q vbar r^2 dr) T_0qp. */
static void zero_potential(setup_derived *d, const work *w)
{
    int n = w->n;
    double *dvv = xmalloc((size_t)n * sizeof(double)), *a = xmalloc((size_t)d->nq * sizeof(double));
    for (int g = 0; g < n; g++) dvv[g] = d->grid2.r[g] * d->grid2.r[g] * d->grid2.dr[g] * w->vbar[g];
    d->MB = -dot(w->nct, dvv, n);
    for (int q = 0; q < d->nq; q++) a[q] = -dot(w->nt_qg + (size_t)q * n, dvv, n);
    d->MB_p = xmalloc((size_t)d->np * sizeof(double));
    contract_T(d, 0, a, d->MB_p);
    free(dvv);
    free(a);
}

/* K_p = sqrt(4 pi) sum_q e_kin[j1 j2] T_0qp (get_linear_kinetic_correction) and
 * N0_p = sqrt(4 pi) sum_q (int_0^rcmax n_q r^2 dr) T_0qp (electrons in the sphere). */
static void kinetic_and_sphere(setup_derived *d, const paw_setup *s, const work *w)
{
    int nj = s->nj;
    double *a = xmalloc((size_t)d->nq * sizeof(double));
    for (int j1 = 0, q = 0; j1 < nj; j1++)
        for (int j2 = j1; j2 < nj; j2++, q++) a[q] = SQRT4PI * s->e_kin[j1 * nj + j2];
    d->K_p = xmalloc((size_t)d->np * sizeof(double));
    contract_T(d, 0, a, d->K_p);
    double rcmax = 0;
    for (int j = 0; j < nj; j++) rcmax = fmax(rcmax, s->states[j].rc);
    int gmax = radial_round(&s->grid, rcmax);
    if (gmax > w->n) gmax = w->n;
    for (int q = 0; q < d->nq; q++) {
        const double *nq_g = w->n_qg + (size_t)q * w->n;
        a[q] = 0;
        for (int g = 0; g < gmax; g++) a[q] += nq_g[g] * d->grid2.r[g] * d->grid2.r[g] * d->grid2.dr[g];
        a[q] *= SQRT4PI;
    }
    d->N0_p = xmalloc((size_t)d->np * sizeof(double));
    contract_T(d, 0, a, d->N0_p);
    free(a);
}

/* Inverts the n x n matrix a in place (Gauss-Jordan, partial pivoting); -1 if singular. */
static int invert(double *a, int n)
{
    double *inv = xcalloc((size_t)n * n, sizeof(double));
    for (int i = 0; i < n; i++) inv[i * n + i] = 1;
    for (int c = 0; c < n; c++) {
        int piv = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(a[r * n + c]) > fabs(a[piv * n + c])) piv = r;
        if (!(fabs(a[piv * n + c]) > 1e-300)) return free(inv), -1;
        for (int k = 0; k < n && piv != c; k++) {
            double t = a[c * n + k]; a[c * n + k] = a[piv * n + k]; a[piv * n + k] = t;
            t = inv[c * n + k]; inv[c * n + k] = inv[piv * n + k]; inv[piv * n + k] = t;
        }
        double f = 1 / a[c * n + c];
        for (int k = 0; k < n; k++) a[c * n + k] *= f, inv[c * n + k] *= f;
        for (int r = 0; r < n; r++) {
            if (r == c || a[r * n + c] == 0.0) continue;
            double m = a[r * n + c];
            for (int k = 0; k < n; k++) a[r * n + k] -= m * a[c * n + k], inv[r * n + k] -= m * inv[c * n + k];
        }
    }
    memcpy(a, inv, (size_t)n * n * sizeof(double));
    free(inv);
    return 0;
}

/* int a b r^2 dr over the whole grid (GPAW's rgd.integrate(a b) / 4 pi). */
static double pair_integral(const radial_grid *g, const double *a, const double *b)
{
    double s = 0;
    for (int i = 1; i < g->n; i++) s += a[i] * b[i] * g->r[i] * g->r[i] * g->dr[i];
    return s;
}

/* dO_ii = sqrt(4 pi) Delta_ii,L=0 (get_overlap_correction); B_ii = <pt_i|pt_i'> on the
 * whole grid, nonzero for equal (l, m) only; dC_ii = -dO (1 + B dO)^-1, so that
 * S^-1 = 1 + sum |pt> dC <pt| (get_inverse_overlap_coefficients). */
static int overlap(setup_derived *d, const paw_setup *s, err *e)
{
    int ni = d->ni, N = s->grid.n;
    d->dO_ii = xmalloc((size_t)ni * ni * sizeof(double));
    d->B_ii = xcalloc((size_t)ni * ni, sizeof(double));
    for (int i1 = 0; i1 < ni; i1++)
        for (int i2 = 0; i2 < ni; i2++) {
            d->dO_ii[i1 * ni + i2] = SQRT4PI * d->Delta_pL[(size_t)setup_packed_index(i1, i2, ni) * d->Lmax];
            if (d->L_i[i1] == d->L_i[i2])
                d->B_ii[i1 * ni + i2] = pair_integral(&s->grid, s->pt + (size_t)d->j_i[i1] * N,
                                                      s->pt + (size_t)d->j_i[i2] * N);
        }
    double *x = xmalloc((size_t)ni * ni * sizeof(double));
    for (int a = 0; a < ni; a++)
        for (int b = 0; b < ni; b++) {
            double t = a == b;
            for (int k = 0; k < ni; k++) t += d->B_ii[a * ni + k] * d->dO_ii[k * ni + b];
            x[a * ni + b] = t;
        }
    if (invert(x, ni)) return free(x), err_set(e, EXIT_BAD_INPUT, "%s: 1 + B dO is singular", s->path);
    d->dC_ii = xmalloc((size_t)ni * ni * sizeof(double));
    for (int a = 0; a < ni; a++)
        for (int b = 0; b < ni; b++) {
            double t = 0;
            for (int k = 0; k < ni; k++) t += d->dO_ii[a * ni + k] * x[k * ni + b];
            d->dC_ii[a * ni + b] = -t;
        }
    free(x);
    return 0;
}

static int check_dataset(const paw_setup *s, int lmax, err *e)
{
    if (lmax < 0 || lmax > 2)
        return err_set(e, EXIT_INTERNAL, "compensation charges need 0 <= lmax <= 2, not %d", lmax);
    for (int j = 0; j < s->nj; j++) {
        if (!(s->states[j].rc > 0))
            return err_set(e, EXIT_BAD_INPUT, "%s: <state id=\"%s\"> has no cutoff radius rc", s->path, s->states[j].id);
        if (s->states[j].l > 3)
            return err_set(e, EXIT_BAD_INPUT, "%s: <state id=\"%s\"> l=%d beyond f is not supported", s->path,
                           s->states[j].id, s->states[j].l);
    }
    return 0;
}

int setup_derive(const paw_setup *s, int lmax, setup_derived *d, err *e)
{
    memset(d, 0, sizeof *d);
    if (check_dataset(s, lmax, e)) return -1;
    d->lmax = lmax;
    d->Lmax = (lmax + 1) * (lmax + 1);
    index_projectors(d, s);
    double rcmax = 0;
    for (int j = 0; j < s->nj; j++) rcmax = fmax(rcmax, s->states[j].rc);
    d->gcut2 = radial_ceil(&s->grid, 2 * rcmax);
    if (d->gcut2 > s->grid.n || d->gcut2 < 2)
        return err_set(e, EXIT_BAD_INPUT, "%s: twice the largest rc (%g bohr) lies outside the radial grid", s->path,
                       2 * rcmax);
    radial_init_prefix(&d->grid2, &s->grid, d->gcut2);
    cutoff_radii(d, s);
    double *g_full = xmalloc((size_t)(lmax + 1) * s->grid.n * sizeof(double));
    if (shape_functions(&s->grid, s->shape, s->shape_rc, lmax, g_full, e)) {
        free(g_full);
        return err_wrap(e, "%s: <shape_function>", s->path);
    }
    d->g_lg = xmalloc((size_t)(lmax + 1) * d->gcut2 * sizeof(double));
    for (int l = 0; l <= lmax; l++)
        memcpy(d->g_lg + (size_t)l * d->gcut2, g_full + (size_t)l * s->grid.n, (size_t)d->gcut2 * sizeof(double));
    free(g_full);
    build_T(d, s->nj);

    work w;
    work_init(&w, d, s);
    compensation(d, s, &w);
    potentials(d, &w);
    coulomb_linear(d, s, &w);
    coulomb_quadratic(d, &w);
    zero_potential(d, &w);
    kinetic_and_sphere(d, s, &w);
    work_free(&w);
    d->Kc = s->e_kinetic_core - s->e_kinetic;
    d->E = s->e_total;
    d->Nct = -d->Delta0 * SQRT4PI - s->Z + s->Nc;   /* get_smooth_core_density_integral */
    return overlap(d, s, e);
}

void setup_derived_free(setup_derived *d)
{
    int *ints[] = {d->j_i, d->l_i, d->L_i};
    for (size_t k = 0; k < 3; k++) free(ints[k]);
    double *a[] = {d->g_lg, d->T_Lqp, d->Delta_lq, d->Delta_pL, d->M_p, d->M_pp, d->MB_p, d->K_p,
                   d->dEH_p, d->dO_ii, d->B_ii, d->dC_ii, d->N0_p};
    for (size_t k = 0; k < sizeof a / sizeof *a; k++) free(a[k]);
    radial_free(&d->grid2);
    memset(d, 0, sizeof *d);
}
