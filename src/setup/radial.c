/* Radial grids: construction, integration and the radial Poisson equation (radial.h). */
#include "setup/radial.h"

#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void alloc_grid(radial_grid *g, radial_kind kind, int n)
{
    memset(g, 0, sizeof *g);
    g->kind = kind;
    g->n = n;
    g->r = xmalloc((size_t)n * sizeof *g->r);
    g->dr = xmalloc((size_t)n * sizeof *g->dr);
}

/* r = a g / (1 - b g), dr/dg = (b r + a)^2 / a (AERadialGridDescriptor). The expression
 * order follows GPAW's so that r(g) agrees bit for bit. */
void radial_init_rational(radial_grid *g, double a, double b, int n)
{
    alloc_grid(g, RADIAL_RATIONAL, n);
    g->a = a, g->b = b;
    for (int i = 0; i < n; i++) {
        g->r[i] = a * i / (1 - b * i);
        double s = b * g->r[i] + a;
        g->dr[i] = s * s / a;
    }
}

/* r = a (e^{d g} - 1), dr/dg = (r + a) d (AbinitRadialGridDescriptor). */
void radial_init_exp(radial_grid *g, double a, double d, int n)
{
    alloc_grid(g, RADIAL_EXP, n);
    g->a = a, g->d = d;
    for (int i = 0; i < n; i++) {
        g->r[i] = a * (exp(d * i) - 1);
        g->dr[i] = (g->r[i] + a) * d;
    }
}

/* r = d g, dr/dg = d (EquidistantRadialGridDescriptor with h0 = 0). */
void radial_init_linear(radial_grid *g, double d, int n)
{
    alloc_grid(g, RADIAL_LINEAR, n);
    g->d = d;
    for (int i = 0; i < n; i++) {
        g->r[i] = d * i;
        g->dr[i] = d;
    }
}

void radial_init_prefix(radial_grid *out, const radial_grid *g, int n)
{
    if (n > g->n) n = g->n;
    alloc_grid(out, g->kind, n);
    out->a = g->a, out->b = g->b, out->d = g->d;
    memcpy(out->r, g->r, (size_t)n * sizeof *out->r);
    memcpy(out->dr, g->dr, (size_t)n * sizeof *out->dr);
}

void radial_free(radial_grid *g)
{
    free(g->r);
    free(g->dr);
    g->r = g->dr = NULL;
    g->n = 0;
}

double radial_r2g(const radial_grid *g, double r)
{
    switch (g->kind) {
    case RADIAL_RATIONAL: {
        /* GPAW keeps the old expression N r / (beta + r) with N = 1/b, beta = a/b
         * ("hack to preserve backwards compatibility" in radialgd.py). */
        double ng = 1.0 / g->b, beta = g->a / g->b;
        return ng * r / (beta + r);
    }
    case RADIAL_EXP:
        return log(r / g->a + 1) / g->d;
    case RADIAL_LINEAR:
        return ceil((r - g->r[0]) / (g->r[1] - g->r[0]));
    }
    return 0;
}

int radial_ceil(const radial_grid *g, double r) { return (int)ceil(radial_r2g(g, r)); }

/* numpy's around: round half to even. */
int radial_round(const radial_grid *g, double r) { return (int)nearbyint(radial_r2g(g, r)); }

double radial_moment(const radial_grid *g, const double *f, int k, int npts)
{
    double s = 0;
    for (int i = 1; i < npts; i++)
        s += f[i] * pow(g->r[i], 2 + k) * g->dr[i];
    return s;
}

/* Two sweeps over the grid (GPAW c/ hartree()): inward, accumulate the outer integral
 * p(r) = int_r^inf n r'^(1-l) dr' and the part q of the inner integral lying outside r;
 * outward, add the full inner integral, so that
 *   vr = 4 pi/(2l+1) [ r^(l+1) p(r) + r^-l (Q - q(r)) ],  Q = int_0^inf n r'^(l+2) dr',
 * with the current point counted with weight 1/2 in each. */
void radial_poisson(const radial_grid *g, const double *n, int l, int npts, double *vr)
{
    const double *r = g->r, *dr = g->dr;
    double p = 0, q = 0;
    for (int i = npts - 1; i > 0; i--) {
        double rl = pow(r[i], l), rlp1 = rl * r[i];
        double nrdr = n[i] * r[i] * dr[i];
        double dp = nrdr / rl, dq = nrdr * rlp1;
        vr[i] = (p + 0.5 * dp) * rlp1 - (q + 0.5 * dq) / rl;
        p += dp;
        q += dq;
    }
    vr[0] = 0;
    double f = 4 * M_PI / (2 * l + 1);
    for (int i = 1; i < npts; i++)
        vr[i] = f * (vr[i] + q / pow(r[i], l));
}
