#include "hamiltonian/hartree.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* |G|^2 of half-spectrum point (q0, q1, q2): G = sum_c freq_c b_c with the grid's
 * reciprocal vectors b_c (rows of recip, a_i . b_j = 2 pi delta_ij). */
static double g2_of(const fft_grid *g, int q0, int q1, int q2)
{
    int f[3] = {fft_freq(q0, g->n[0]), fft_freq(q1, g->n[1]), q2};
    double G[3] = {0, 0, 0};
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 3; v++) G[v] += f[c] * g->recip[c][v];
    return G[0] * G[0] + G[1] * G[1] + G[2] * G[2];
}

int hartree_init(hartree *h, const fft_grid *g, fft_plan *fft, double ecut, err *e)
{
    memset(h, 0, sizeof *h);
    if (!fft || !(fft->kinds & FFT_REAL) || memcmp(fft->n, g->n, sizeof fft->n))
        return err_set(e, EXIT_INTERNAL, "hartree_init: the FFT plan is not a real plan of this grid");
    h->grid = g;
    h->fft = fft;
    h->ecut = ecut;
    h->nq = fft->nlocal_q;
    h->dv = g->volume / (double)fft->npoints;
    h->kernel = xmalloc((size_t)h->nq * sizeof *h->kernel);
    h->weight = xmalloc((size_t)h->nq * sizeof *h->weight);
    const int n1 = g->n[1], nq2 = fft->nq2;
    const double w0 = h->dv / (double)fft->npoints;
    for (int q0 = 0; q0 < fft->local_g_n0; q0++)
        for (int q1 = 0; q1 < n1; q1++)
            for (int q2 = 0; q2 < nq2; q2++) {
                long i = ((long)q0 * n1 + q1) * nq2 + q2;
                double G2 = g2_of(g, q0 + fft->local_g_start, q1, q2);
                int keep = G2 > 0.0 && (ecut <= 0.0 || 0.5 * G2 <= ecut);
                h->kernel[i] = keep ? 4.0 * M_PI / G2 : 0.0;
                h->weight[i] = w0 * fft_r2c_weight(q2, g->n[2]);
            }
    return 0;
}

void hartree_free(hartree *h)
{
    free(h->kernel);
    free(h->weight);
    memset(h, 0, sizeof *h);
}

/* E_H = 1/2 (dv/N) sum_G rho* v_H = 1/2 sum_half w_G kernel_G |rho_G|^2, w_G the
 * plane weight of fft_r2c_weight (each +-G pair counted once per member). */
double hartree_solve_q(const hartree *h, const double complex *rho_q, double complex *v_q)
{
    double e = 0.0;
    for (long i = 0; i < h->nq; i++) {
        double complex r = rho_q[i];
        double a2 = creal(r) * creal(r) + cimag(r) * cimag(r);
        e += h->weight[i] * h->kernel[i] * a2;
        v_q[i] = h->kernel[i] * r;
    }
    return 0.5 * e;
}

double hartree_solve(hartree *h, const double *rho_r, double *v_r)
{
    fft_plan *p = h->fft;
    memcpy(p->r, rho_r, (size_t)p->nlocal_r * sizeof *p->r);
    fft_r2c(p);
    double e = hartree_solve_q(h, p->q, p->q);
    fft_c2r(p);
    memcpy(v_r, p->r, (size_t)p->nlocal_r * sizeof *v_r);
    return e;
}
