/* Compensation-charge shape functions (shape.h). */
#include "setup/shape.h"

#include <math.h>

/* Spherical Bessel j_l(x), l <= 2, and its derivative (series near 0). */
static double sph_j(int l, double x)
{
    if (fabs(x) < 1e-4) {
        double x2 = x * x;
        if (l == 0) return 1 - x2 / 6;
        if (l == 1) return x / 3 * (1 - x2 / 10);
        return x2 / 15 * (1 - x2 / 14);
    }
    double s = sin(x), c = cos(x);
    if (l == 0) return s / x;
    if (l == 1) return s / (x * x) - c / x;
    return (3 / (x * x) - 1) * s / x - 3 * c / (x * x);
}

/* j_0' = -j_1,  j_l' = j_{l-1} - (l+1) j_l / x. */
static double sph_jprime(int l, double x)
{
    if (l == 0) return -sph_j(1, x);
    return sph_j(l - 1, x) - (l + 1) * sph_j(l, x) / x;
}

int shape_functions(const radial_grid *grid, shape_kind kind, double rc, int lmax, double *g_lg, err *e)
{
    const int n = grid->n;
    const double *r = grid->r;
    /* First two zeros of j_0, j_1, j_2 (shapefunc.py). */
    static const double roots[3][2] = {{3.141592653589793, 6.283185307179586},
                                       {4.493409457909095, 7.7252518369375},
                                       {5.76345919689455, 9.095011330476355}};
    if (kind == SHAPE_BESSEL && lmax > 2)
        return err_set(e, EXIT_BAD_INPUT, "bessel shape functions are defined for l <= 2, not %d", lmax);
    int gc = radial_ceil(grid, rc);
    for (int l = 0; l <= lmax; l++) {
        double *g = g_lg + (size_t)l * n, *prev = g - n;
        double q1 = roots[l < 3 ? l : 0][0] / rc, q2 = roots[l < 3 ? l : 0][1] / rc, alpha = 0;
        if (kind == SHAPE_BESSEL) alpha = -q1 / q2 * sph_jprime(l, q1 * rc) / sph_jprime(l, q2 * rc);
        for (int i = 0; i < n; i++) {
            double x = r[i] / rc;
            switch (kind) {
            case SHAPE_GAUSS:
                g[i] = l == 0 ? 4 / (rc * rc * rc) / sqrt(M_PI) * exp(-x * x) : 2.0 / (2 * l + 1) / (rc * rc) * r[i] * prev[i];
                break;
            case SHAPE_SINC: {
                double s = x == 0 ? 1 : sin(M_PI * x) / (M_PI * x);
                g[i] = i >= gc ? 0 : l == 0 ? s * s : r[i] * prev[i];
                break;
            }
            case SHAPE_BESSEL:
                g[i] = i >= gc ? 0 : sph_j(l, q1 * r[i]) + alpha * sph_j(l, q2 * r[i]);
                break;
            }
        }
    }
    /* Normalise after all l are built: g_l of sinc/gauss is defined from the
     * unnormalised g_{l-1} in GPAW as well. */
    for (int l = 0; l <= lmax; l++) {
        double *g = g_lg + (size_t)l * n;
        double norm = radial_moment(grid, g, l, n);
        if (!(fabs(norm) > 0)) return err_set(e, EXIT_BAD_INPUT, "shape function l=%d has zero norm (rc=%g)", l, rc);
        for (int i = 0; i < n; i++) g[i] /= norm;
    }
    return 0;
}
