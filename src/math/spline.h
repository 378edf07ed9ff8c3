/* Radial cubic splines on an equidistant grid, as GPAW's Spline (gpaw/spline.py over
 * c/bmgs/spline.c): n = nbins + 1 values f_0..f_nbins at r_b = b dr, dr = rcut/nbins,
 * the last value forced to 0; the spline is clamped with f'(0) = 0 and f'(rcut) = 0,
 * and is 0 for r >= rcut. It represents the radial factor of f(r) r^l Y_L(r̂):
 * the r^l factor is NOT in the tabulated values (l is carried along for the users,
 * e.g. the Fourier-Bessel transform of fbt.h).
 *
 * On bin b, with u = r - b dr:  f(r) = s0 + u (s1 + u (s2 + u s3)), where
 *   s0 = f_b,  s1 = (f_b+1 - f_b)/dr - (f''_b/3 + f''_b+1/6) dr,
 *   s2 = f''_b / 2,  s3 = (f''_b+1 - f''_b)/(6 dr),
 * and the second derivatives f''_b solve the usual tridiagonal system of a clamped
 * cubic spline (Press et al., Numerical Recipes, 3.3). Values agree with GPAW's
 * _gpaw.Spline bit for bit (tests/reference/math_spline.py). */
#ifndef PAWSORB_MATH_SPLINE_H
#define PAWSORB_MATH_SPLINE_H

#include "core/err.h"

typedef struct {
    int l;          /* angular momentum of f(r) r^l Y_lm */
    int nbins;      /* number of intervals; n = nbins + 1 values were given */
    double dr;      /* bin width, bohr (or 1/bohr for a spline in q) */
    double *data;   /* 4 (nbins + 1) coefficients s0..s3 per bin (last bin all 0); owned */
} spline;

/* Builds the spline of the n >= 2 values f[0..n-1] at r_b = b rcut/(n-1) (f[n-1] is
 * taken as 0, like GPAW). Returns 0, or -1 with e set (non-positive or non-finite rcut,
 * n < 2, l < 0, a non-finite value, out of memory). On error *s is left empty. */
int spline_init(spline *s, int l, double rcut, int n, const double *f, err *e);

void spline_free(spline *s);

/* Cut-off radius nbins dr: the spline is 0 beyond. */
static inline double spline_cutoff(const spline *s) { return s->nbins * s->dr; }

/* f(r); 0 for r >= rcut or r < 0 (a negative r is outside the table, not an error). */
double spline_eval(const spline *s, double r);

/* f(r) and df/dr at r (both 0 outside [0, rcut)). */
void spline_eval_deriv(const spline *s, double r, double *f, double *dfdr);

/* f(r[i]) for i < n into out (the plane-wave path: one value per |G|). */
void spline_eval_many(const spline *s, int n, const double *r, double *out);

#endif
