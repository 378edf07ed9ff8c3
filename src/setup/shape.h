/* Compensation-charge shape functions g_l(r) (gpaw/atom/shapefunc.py):
 *   gauss:  g_0 = 4 / (rc^3 sqrt(pi)) exp(-(r/rc)^2),  g_l = 2 / ((2l+1) rc^2) r g_{l-1}
 *   sinc:   g_0 = [sin(pi r/rc) / (pi r/rc)]^2 for r < rc,  g_l = r g_{l-1}
 *   bessel: g_l = j_l(q1 r) + alpha j_l(q2 r) for r < rc, q1,2 rc the first two zeros of
 *           j_l and alpha chosen to make g_l' vanish at rc (l <= 2)
 * each normalised on the grid to  sum_{g>=1} g_l r^(l+2) dr = 1,  i.e. unit l-th
 * multipole moment of g_l Y_L. */
#ifndef PAWSORB_SHAPE_H
#define PAWSORB_SHAPE_H

#include "core/err.h"
#include "setup/paw_setup.h"

/* Fills g_lg[l * grid->n + g] for l = 0..lmax on the whole grid. Returns 0, or -1 with an
 * error when the shape cannot be built (bessel with lmax > 2, zero norm). */
int shape_functions(const radial_grid *grid, shape_kind kind, double rc, int lmax, double *g_lg, err *e);

#endif
