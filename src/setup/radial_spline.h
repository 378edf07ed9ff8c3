/* Radial functions of a PAW dataset as equidistant cubic splines (math/spline.h), made
 * the way GPAW makes them (gpaw/atom/radialgd.py, RadialGridDescriptor.spline) so that
 * every plane-wave quantity built on them (basis/pwlfc.h) is GPAW's to rounding.
 *
 * rgd.spline(a_g, rcut, l, points) on a non-equidistant grid r_g, g < N = len(a_g):
 *   1. b_g = a_g / r_g^l for g >= 1, and at r = 0 the value of the even quadratic
 *      through g = 1, 2 (GPAW's divrl):  b_0 = (b_1 r_2^2 - b_2 r_1^2) / (r_2^2 - r_1^2);
 *   2. nodes r_i = i rcut / points, i = 0..points (numpy linspace, last node = rcut);
 *   3. b(r_i) by 3-point Lagrange interpolation on the grid points g-1, g, g+1 with
 *      g = clip(int(r2g(r_i) + 1/2), 1, N - 2) (the nearest grid point);
 *   4. Spline(l, rcut, b_i): clamped cubic spline, last value forced to 0.
 * On an equidistant grid ("r=d*i") GPAW skips the interpolation: the spline takes b_g
 * itself with rcut = r_{N-1}. Without rcut GPAW uses r_{g+1}, g the last nonzero a_g.
 *
 * Which functions GPAW splines, and how (gpaw/setup.py, Setup.__init__, 22.8):
 *   projectors pt_j   rgd.spline(pt_jg[j], rcutfilter, l_j)             25 points
 *   zero potential    rgd.spline(vbar_g, rcutfilter)                    25 points
 *   pseudo core nct   rgd.spline(nct_g, rcore)                          25 points
 *   shapes ghat_l     rgd2.spline(g_lg[l], 2 max_j rc_j, l, 50), rgd2 = the first gcut2
 *                     points of the grid (so the Lagrange window stops at gcut2 - 2).
 * Densities keep the sqrt(4 pi) of the dataset (paw_setup.h): the spline of nct is
 * sqrt(4 pi) ñ_c(r), i.e. the coefficient of Y_00. */
#ifndef PAWSORB_RADIAL_SPLINE_H
#define PAWSORB_RADIAL_SPLINE_H

#include "core/err.h"
#include "math/spline.h"
#include "setup/derived.h"
#include "setup/paw_setup.h"
#include "setup/radial.h"

#define RADIAL_SPLINE_POINTS 25   /* GPAW's default_spline_points */

/* The spline of a(r) r^l Y_L given a_g on the first n points of grid g (n <= g->n),
 * as rgd.spline(a_g[:n], rcut, l, points) above. rcut <= 0 asks for GPAW's default
 * (just beyond the last nonzero value); points <= 0 for RADIAL_SPLINE_POINTS.
 * Returns 0, or -1 with e set (n < 3, l < 0, a cut-off more than one grid step beyond
 * the n points, a function that is zero everywhere with rcut <= 0, non-finite input). */
int radial_spline(const radial_grid *g, const double *a, int n, double rcut, int l, int points, spline *out,
                  err *e);

/* The splines of one element that the plane-wave PAW terms need (GPAW's Setup
 * attributes of the same names). Owned; release with setup_splines_free. */
typedef struct {
    int nj;
    spline *pt_j;     /* nj projectors p̃_j(r)/r^l, l = l_j */
    int nl;
    spline *ghat_l;   /* lmax + 1 compensation shapes g_l(r)/r^l (normalised) */
    spline vbar;      /* sqrt(4 pi) v̄(r) */
    spline nct;       /* sqrt(4 pi) ñ_c(r) (zero for a dataset without core) */
} setup_splines;

/* Builds them from a dataset and its derived quantities (d->rcutfilter, d->rcore,
 * d->g_lg on d->grid2). Returns 0, or -1 with an error naming the dataset file and the
 * function; *sp is then empty. */
int setup_splines_init(setup_splines *sp, const paw_setup *s, const setup_derived *d, err *e);
void setup_splines_free(setup_splines *sp);

#endif
