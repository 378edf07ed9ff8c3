/* One-centre PAW XC correction (xc_correction.h), after gpaw/xc/pawcorrection.py
 * (PAWXCCorrection), gpaw/xc/lda.py (calculate_paw_correction, LDARadialExpansion) and
 * gpaw/xc/gga.py (GGARadialExpansion, radial_gga_vars, add_radial_gradient_correction).
 *
 * All 50 Lebedev directions are handled at once: the density and its angular gradient
 * on (direction, radius) come from one dgemm with A_aL = [Y_nL; rnablaY_nLv], libxc sees
 * 50 x ng points in one call, and the potential goes back to L channels with A^T. */
#include "setup/xc_correction.h"

#include "core/mem.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define SQRT4PI 3.5449077018110318   /* sqrt(4 pi) */
#define NLEB LEBEDEV_N

/* GPAW's rgd.derivative: central differences in g, one-sided at both ends, over dr/dg. */
static void radial_derivative(const double *f, const double *dr, int ng, double *out)
{
    out[0] = (f[1] - f[0]) / dr[0];
    for (int g = 1; g < ng - 1; g++) out[g] = 0.5 * (f[g + 1] - f[g - 1]) / dr[g];
    out[ng - 1] = (f[ng - 1] - f[ng - 2]) / dr[ng - 1];
}

/* GPAW's rgd.derivative2: with c = a / dr, minus the transpose of rgd.derivative applied
 * to a (b[1] as GPAW: 0.5 (c2 - c0); c0 = 0 here since a carries dv_0 = 0). */
static void radial_derivative2(const double *a, const double *dr, int ng, double *c, double *b)
{
    for (int g = 0; g < ng; g++) c[g] = a[g] / dr[g];
    b[0] = 0.5 * c[1] + c[0];
    for (int g = 1; g < ng - 1; g++) b[g] = 0.5 * (c[g + 1] - c[g - 1]);
    b[ng - 2] = c[ng - 1] - 0.5 * c[ng - 3];
    b[ng - 1] = -c[ng - 1] - 0.5 * c[ng - 2];
}

/* libxc inputs on the 50 x ng points k = n ng + g (spin innermost), from the angular
 * values f_sag and radial derivatives a_sng (GPAW's radial_gga_vars):
 *   sigma_ss' = a_s a_s' + (b_s . b_s') / r^2, the angular part at g = 0 taken from g = 1. */
static void pack_points(const xc_correction *c, int ns)
{
    const int ng = c->ng, na = c->na, nx = 2 * ns - 1;
    for (int n = 0; n < NLEB; n++)
        for (int g = 0; g < ng; g++) {
            long k = (long)n * ng + g;
            for (int s = 0; s < ns; s++) c->rho[k * ns + s] = c->f_sag[((long)s * na + n) * ng + g];
            if (!c->gga) continue;
            int gb = g ? g : 1;
            double r2 = c->r_g[gb] * c->r_g[gb];
            for (int s1 = 0; s1 < ns; s1++)
                for (int s2 = s1; s2 < ns; s2++) {
                    double bb = 0;
                    for (int v = 0; v < 3; v++)
                        bb += c->f_sag[((long)s1 * na + NLEB * (1 + v) + n) * ng + gb] *
                              c->f_sag[((long)s2 * na + NLEB * (1 + v) + n) * ng + gb];
                    double aa = c->a_sng[((long)s1 * NLEB + n) * ng + g] * c->a_sng[((long)s2 * NLEB + n) * ng + g];
                    c->sigma[k * nx + s1 + s2] = bb / r2 + aa;
                }
        }
}

/* Rows of x_sag for one direction n of a GGA (LDA: the first term only):
 *   x_s,n,g        = w_n dv_g [de/dn_s - D^T(2 de/dsigma_ss a_s + de/dsigma_ud a_s') / dv]_g
 *   x_s,50(1+v)+n,g = 8 pi w_n dr_g (de/dsigma_ss b_vs + de/dsigma_ud b_vs' / 2)
 * (GPAW: add_radial_gradient_correction and GGARadialExpansion.__call__). */
static void potential_rows(const xc_correction *c, int ns, int n)
{
    const int ng = c->ng, na = c->na, nx = 2 * ns - 1;
    const double w = c->w_n[n];
    const long k0 = (long)n * ng;
    for (int s = 0; s < ns; s++) {
        double *x = c->x_sag + ((long)s * na + n) * ng;
        if (!c->gga) {
            for (int g = 0; g < ng; g++) x[g] = w * c->dv_g[g] * c->vrho[(k0 + g) * ns + s];
            continue;
        }
        const double *as = c->a_sng + ((long)s * NLEB + n) * ng;
        const double *ao = c->a_sng + ((long)(ns - 1 - s) * NLEB + n) * ng;
        double *t = c->tmp_g, *vv = c->tmp_g + ng, *cg = c->tmp_g + 2 * ng;
        for (int g = 0; g < ng; g++) {
            const double *ds = c->vsigma + (k0 + g) * nx;
            t[g] = -2 * c->dv_g[g] * ds[2 * s] * as[g];
            if (ns == 2) t[g] -= c->dv_g[g] * ds[1] * ao[g];
        }
        radial_derivative2(t, c->dr_g, ng, cg, vv);
        /* GPAW divides vv by dv for g >= 1 and copies g = 1 to g = 0, where dv_0 = 0 then
         * drops it; the exact gradient keeps vv_0 (the dependence of dn/dr at g = 1 on n_0). */
        x[0] = c->exact_gradient ? w * (c->dv_g[0] * c->vrho[k0 * ns + s] + vv[0])
                                 : w * c->dv_g[0] * (c->vrho[k0 * ns + s] + vv[1] / c->dv_g[1]);
        for (int g = 1; g < ng; g++) x[g] = w * (c->dv_g[g] * c->vrho[(k0 + g) * ns + s] + vv[g]);
        for (int v = 0; v < 3; v++) {
            double *xb = c->x_sag + ((long)s * na + NLEB * (1 + v) + n) * ng;
            const double *bs = c->f_sag + ((long)s * na + NLEB * (1 + v) + n) * ng;
            const double *bo = c->f_sag + ((long)(ns - 1 - s) * na + NLEB * (1 + v) + n) * ng;
            for (int g = 0; g < ng; g++) {
                const double *ds = c->vsigma + (k0 + g) * nx;
                double B = ds[2 * s] * bs[g];
                if (ns == 2) B += 0.5 * ds[1] * bo[g];
                xb[g] = 8 * M_PI * w * c->dr_g[g] * B;
            }
        }
    }
}

/* E_xc of one density (all-electron: n_qg, nc_g; pseudo: nt_qg, nct_g) from c->D_sLq, and,
 * if grad, dEdD_sLq += sign sum_g W_sLg n_qg (GPAW's LDA/GGARadialExpansion.__call__). */
static double expansion(const xc_correction *c, int ns, const double *n_qg, const double *core_g, double sign,
                        int grad)
{
    const int ng = c->ng, na = c->na, Lmax = c->Lmax, nq = c->nq;
    /* n_sLg = D_sLq n_qg + delta_L0 sqrt(4 pi)/ns n_c */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, ns * Lmax, ng, nq, 1.0, c->D_sLq, nq, n_qg, ng, 0.0,
                c->n_sLg, ng);
    for (int s = 0; s < ns; s++)
        for (int g = 0; g < ng; g++) c->n_sLg[(long)s * Lmax * ng + g] += SQRT4PI / ns * core_g[g];
    /* f_s,a,g = sum_L A_aL n_sLg: n on the 50 directions, then b_v = sum_L rnablaY_Lv n_L */
    for (int s = 0; s < ns; s++)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, na, ng, Lmax, 1.0, c->A_aL, Lmax,
                    c->n_sLg + (long)s * Lmax * ng, ng, 0.0, c->f_sag + (long)s * na * ng, ng);
    /* a_s,n,g = sum_L Y_nL dn_sL/dr, in GPAW's order (derivative of each n_L first) */
    if (c->gga)
        for (int s = 0; s < ns; s++) {
            double *dndr_Lg = c->w_sLg;   /* free until the potential is formed */
            for (int L = 0; L < Lmax; L++)
                radial_derivative(c->n_sLg + ((long)s * Lmax + L) * ng, c->dr_g, ng, dndr_Lg + (long)L * ng);
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, NLEB, ng, Lmax, 1.0, c->A_aL, Lmax, dndr_Lg, ng,
                        0.0, c->a_sng + (long)s * NLEB * ng, ng);
        }
    pack_points(c, ns);
    xc_kernel_eval(&c->kernel[ns - 1], (long)NLEB * ng, c->rho, c->gga ? c->sigma : NULL, c->e, c->vrho,
                   c->gga ? c->vsigma : NULL);
    double E = 0;
    for (int n = 0; n < NLEB; n++) {
        double En = 0;
        for (int g = 1; g < ng; g++) En += c->e[(long)n * ng + g] * c->r2dr_g[g];
        E += c->w_n[n] * En * (4 * M_PI);
    }
    if (!grad) return E;
    for (int n = 0; n < NLEB; n++) potential_rows(c, ns, n);
    for (int s = 0; s < ns; s++)
        cblas_dgemm(CblasRowMajor, CblasTrans, CblasNoTrans, Lmax, ng, na, 1.0, c->A_aL, Lmax,
                    c->x_sag + (long)s * na * ng, ng, 0.0, c->w_sLg + (long)s * Lmax * ng, ng);
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, ns * Lmax, nq, ng, sign, c->w_sLg, ng, n_qg, ng, 1.0,
                c->dEdD_sLq, nq);
    return E;
}

double xc_correction_calculate(const xc_correction *c, int nspins, const double *D_sp, double *dH_sp)
{
    if (nspins != 1 && nspins != 2) return NAN;
    const int LQ = c->Lmax * c->nq, np = c->np;
    /* D_sLq = sum_p D_sp B_Lqp (GPAW: np.inner(D_sp, B_pqL.T)) */
    cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nspins, LQ, np, 1.0, D_sp, np, c->B_Lqp, np, 0.0, c->D_sLq,
                LQ);
    int grad = dH_sp != NULL;
    if (grad) memset(c->dEdD_sLq, 0, (size_t)nspins * LQ * sizeof *c->dEdD_sLq);
    double e = expansion(c, nspins, c->n_qg, c->nc_g, 1.0, grad);
    double et = expansion(c, nspins, c->nt_qg, c->nct_g, -1.0, grad);
    /* dH_sp += sum_Lq dEdD_sLq B_Lqp */
    if (grad)
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nspins, np, LQ, 1.0, c->dEdD_sLq, LQ, c->B_Lqp, np,
                    1.0, dH_sp, np);
    return e - et - c->e_xc0;
}

/* Radial pieces: grid weights, pair densities n_qg = phi_j1 phi_j2 (j1 <= j2, j1-major, as
 * derived.h's q), core densities divided by sqrt(4 pi) (GPAW's get_xc_correction). */
static void init_radial(xc_correction *c, const paw_setup *s, const setup_derived *d)
{
    const int ng = c->ng, n = s->grid.n;
    c->r_g = xmalloc((size_t)ng * sizeof(double));
    c->dr_g = xmalloc((size_t)ng * sizeof(double));
    c->r2dr_g = xmalloc((size_t)ng * sizeof(double));
    c->dv_g = xmalloc((size_t)ng * sizeof(double));
    c->nc_g = xmalloc((size_t)ng * sizeof(double));
    c->nct_g = xmalloc((size_t)ng * sizeof(double));
    for (int g = 0; g < ng; g++) {
        double r = d->grid2.r[g], dr = d->grid2.dr[g];
        c->r_g[g] = r, c->dr_g[g] = dr;
        c->r2dr_g[g] = r * r * dr;
        c->dv_g[g] = 4 * M_PI * r * r * dr;
        c->nc_g[g] = s->nc[g] / SQRT4PI;
        c->nct_g[g] = s->nct[g] / SQRT4PI;
    }
    c->n_qg = xmalloc((size_t)c->nq * ng * sizeof(double));
    c->nt_qg = xmalloc((size_t)c->nq * ng * sizeof(double));
    for (int j1 = 0, q = 0; j1 < s->nj; j1++)
        for (int j2 = j1; j2 < s->nj; j2++, q++)
            for (int g = 0; g < ng; g++) {
                c->n_qg[(long)q * ng + g] = s->phi[(long)j1 * n + g] * s->phi[(long)j2 * n + g];
                c->nt_qg[(long)q * ng + g] = s->phit[(long)j1 * n + g] * s->phit[(long)j2 * n + g];
            }
}

/* Angular pieces: Gaunt map B_Lqp (the first Lmax rows of derived.h's T_Lqp, which GPAW's
 * PAWXCCorrection builds from the same gaunt table) and A_aL from the Lebedev grid. */
static void init_angular(xc_correction *c, const setup_derived *d)
{
    const int Lmax = c->Lmax;
    c->B_Lqp = xmalloc((size_t)Lmax * c->nq * c->np * sizeof(double));
    memcpy(c->B_Lqp, d->T_Lqp, (size_t)Lmax * c->nq * c->np * sizeof(double));
    const lebedev_grid *leb = lebedev50();
    c->A_aL = xmalloc((size_t)c->na * Lmax * sizeof(double));
    for (int n = 0; n < NLEB; n++) {
        c->w_n[n] = leb->w[n];
        for (int L = 0; L < Lmax; L++) {
            c->A_aL[n * Lmax + L] = leb->Y[n][L];
            if (c->gga)
                for (int v = 0; v < 3; v++) c->A_aL[(NLEB * (1 + v) + n) * Lmax + L] = leb->rnablaY[n][L][v];
        }
    }
}

static void init_work(xc_correction *c)
{
    const size_t ng = (size_t)c->ng, npts = (size_t)NLEB * ng, LQ = (size_t)c->Lmax * c->nq;
    c->D_sLq = xmalloc(2 * LQ * sizeof(double));
    c->dEdD_sLq = xmalloc(2 * LQ * sizeof(double));
    c->n_sLg = xmalloc(2 * (size_t)c->Lmax * ng * sizeof(double));
    c->w_sLg = xmalloc(2 * (size_t)c->Lmax * ng * sizeof(double));
    c->f_sag = xmalloc(2 * (size_t)c->na * ng * sizeof(double));
    c->x_sag = xmalloc(2 * (size_t)c->na * ng * sizeof(double));
    c->rho = xmalloc(2 * npts * sizeof(double));
    c->vrho = xmalloc(2 * npts * sizeof(double));
    c->e = xmalloc(npts * sizeof(double));
    if (c->gga) {
        c->a_sng = xmalloc(2 * npts * sizeof(double));
        c->sigma = xmalloc(3 * npts * sizeof(double));
        c->vsigma = xmalloc(3 * npts * sizeof(double));
        c->tmp_g = xmalloc(3 * ng * sizeof(double));
    }
}

int xc_correction_init(xc_correction *c, const paw_setup *s, const setup_derived *d, const char *xc_name, err *e)
{
    memset(c, 0, sizeof *c);
    if (d->gcut2 < 3 || d->gcut2 > s->grid.n)
        return err_set(e, EXIT_BAD_INPUT, "%s: one-centre grid of %d points (need 3 to %d)", s->path, d->gcut2,
                       s->grid.n);
    c->kernel = xcalloc(2, sizeof *c->kernel);
    for (int ns = 1; ns <= 2; ns++)
        if (xc_kernel_init(&c->kernel[ns - 1], xc_name, ns, e)) {
            err_wrap(e, "%s: XC correction", s->path);
            return xc_correction_free(c), -1;
        }
    c->ni = d->ni, c->np = d->np, c->nq = d->nq, c->ng = d->gcut2;
    int lmax = 2 * d->lcut < LEBEDEV_LMAX ? 2 * d->lcut : LEBEDEV_LMAX;   /* GPAW: min(2 lcut, 4) */
    c->Lmax = (lmax + 1) * (lmax + 1);
    c->gga = c->kernel[0].family == XC_FAMILY_GGA;
    c->na = c->gga ? 4 * NLEB : NLEB;
    c->e_xc0 = s->e_xc;
    init_radial(c, s, d);
    init_angular(c, d);
    init_work(c);
    return 0;
}

void xc_correction_free(xc_correction *c)
{
    if (c->kernel) {
        xc_kernel_free(&c->kernel[0]);
        xc_kernel_free(&c->kernel[1]);
    }
    double *a[] = {c->r_g, c->dr_g, c->r2dr_g, c->dv_g, c->B_Lqp, c->n_qg, c->nt_qg, c->nc_g, c->nct_g, c->A_aL,
                   c->D_sLq, c->dEdD_sLq, c->n_sLg, c->f_sag, c->a_sng, c->x_sag, c->w_sLg, c->tmp_g, c->rho,
                   c->sigma, c->e, c->vrho, c->vsigma};
    for (size_t k = 0; k < sizeof a / sizeof *a; k++) free(a[k]);
    free(c->kernel);
    memset(c, 0, sizeof *c);
}
