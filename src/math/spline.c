/* Clamped cubic splines on an equidistant radial grid; see spline.h. */
#include "math/spline.h"

#include <math.h>
#include <stdlib.h>

int spline_init(spline *s, int l, double rcut, int n, const double *f, err *e)
{
    s->l = l; s->nbins = 0; s->dr = 0.0; s->data = NULL;
    if (n < 2) return err_set(e, EXIT_INTERNAL, "spline: %d values, need at least 2", n);
    if (l < 0) return err_set(e, EXIT_INTERNAL, "spline: angular momentum %d < 0", l);
    if (!(rcut > 0.0) || !isfinite(rcut))
        return err_set(e, EXIT_BAD_INPUT, "spline: cut-off radius %g is not positive", rcut);
    for (int b = 0; b < n - 1; b++)
        if (!isfinite(f[b]))
            return err_set(e, EXIT_BAD_INPUT, "spline: value %d (r = %g) is not finite", b,
                           b * rcut / (n - 1));
    int nb = n - 1;
    double dr = rcut / nb, c = 3.0 / (dr * dr);
    double *f2 = malloc(sizeof(double) * (size_t)(nb + 1));
    double *u = malloc(sizeof(double) * (size_t)nb);
    double *data = malloc(sizeof(double) * 4 * (size_t)(nb + 1));
    if (!f2 || !u || !data) {
        free(f2); free(u); free(data);
        return err_set(e, EXIT_RUN_FAILED, "spline: out of memory for %d points", n);
    }
#define F(b) ((b) == nb ? 0.0 : f[b])
    /* forward sweep of the tridiagonal system; f'(0) = 0 gives the first row,
     * f'(rcut) = 0 with f(rcut) = 0 the last (Numerical Recipes, spline()) */
    f2[0] = -0.5;
    u[0] = (F(1) - F(0)) * c;
    for (int b = 1; b < nb; b++) {
        double p = 0.5 * f2[b - 1] + 2.0;
        f2[b] = -0.5 / p;
        u[b] = ((F(b + 1) - 2.0 * F(b) + F(b - 1)) * c - 0.5 * u[b - 1]) / p;
    }
    f2[nb] = (F(nb - 1) * c - 0.5 * u[nb - 1]) / (0.5 * f2[nb - 1] + 1.0);
    for (int b = nb - 1; b >= 0; b--) f2[b] = f2[b] * f2[b + 1] + u[b];
    for (int b = 0; b < nb; b++) {
        double *d = data + 4 * b;
        d[0] = F(b);
        d[1] = (F(b + 1) - F(b)) / dr - (f2[b] / 3 + f2[b + 1] / 6) * dr;
        d[2] = 0.5 * f2[b];
        d[3] = (f2[b + 1] - f2[b]) / (6 * dr);
    }
#undef F
    for (int k = 0; k < 4; k++) data[4 * nb + k] = 0.0;
    free(f2);
    free(u);
    s->nbins = nb; s->dr = dr; s->data = data;
    return 0;
}

void spline_free(spline *s)
{
    if (!s) return;
    free(s->data);
    s->data = NULL;
    s->nbins = 0;
}

/* Bin of r, or -1 outside [0, rcut). The comparison on r/dr before the cast keeps huge
 * or NaN arguments from overflowing the int conversion. */
static int bin_of(const spline *s, double r)
{
    double x = r / s->dr;
    if (!(x >= 0.0) || !(x < s->nbins)) return -1;
    int b = (int)x;
    return b < s->nbins ? b : -1;
}

double spline_eval(const spline *s, double r)
{
    int b = bin_of(s, r);
    if (b < 0) return 0.0;
    double u = r - b * s->dr;
    const double *d = s->data + 4 * b;
    return d[0] + u * (d[1] + u * (d[2] + u * d[3]));
}

void spline_eval_deriv(const spline *s, double r, double *f, double *dfdr)
{
    int b = bin_of(s, r);
    if (b < 0) {
        *f = *dfdr = 0.0;
        return;
    }
    double u = r - b * s->dr;
    const double *d = s->data + 4 * b;
    *f = d[0] + u * (d[1] + u * (d[2] + u * d[3]));
    *dfdr = d[1] + u * (2.0 * d[2] + 3.0 * u * d[3]);
}

void spline_eval_many(const spline *s, int n, const double *r, double *out)
{
    for (int i = 0; i < n; i++) out[i] = spline_eval(s, r[i]);
}
