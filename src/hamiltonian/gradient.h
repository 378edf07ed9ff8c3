/* Finite-difference gradient on a periodic grid of any cell shape, exactly the
 * operator GPAW 22.8 uses for GGA densities in all modes, plane waves included
 * (gpaw/xc/gga.py: get_gradient_ops -> gpaw/fd_operators.py: Gradient(gd, v, n=2),
 * "PBE with 2 nearest neighbor stencil" in GPAW's log):
 *
 *   d f / d x_v (r) ~ sum_d c_vd sum_{k=1..n} s_k [f(r + k h_d) - f(r - k h_d)],
 *
 * with s = (2/3, -1/12) for n = 2 (O(h^4); s = (1/2) for n = 1, (3/4, -3/20, 1/60)
 * for n = 3), h_d the grid vectors M_d . (a_c / N_c), M_d in {-1,0,1}^3, that share
 * a Voronoi face with the origin (one of each +-pair), and weights c_vd found as in
 * GPAW: for each reciprocal direction u_c (unit normal of the plane of the other
 * two grid axes) the minimum-norm c with sum_d c_d (h_d . u_c) = 1 and
 * sum_d c_d (h_d . h_c') = 0 for the other two axes c' (using only h_d with
 * h_d . u_c != 0); then the cartesian weights c_vd = sum_c [U^-1]_vc c_cd,
 * U the matrix of rows u_c. An orthorhombic cell gives the plain 1-D stencils.
 *
 * The divergence in the GGA potential uses the same operator (it is antisymmetric),
 * so the discrete potential is the exact derivative of the discrete energy. */
#ifndef PAWSORB_GRADIENT_H
#define PAWSORB_GRADIENT_H

#include "basis/fft_grid.h"
#include "core/err.h"

#define GRADIENT_MAX_POINTS 42   /* 7 neighbour directions x 2 signs x 3 (n <= 3) */

typedef struct {
    int n[3];                                /* grid */
    int npoints[3];                          /* stencil points of each cartesian component */
    int offset[3][GRADIENT_MAX_POINTS][3];   /* grid offsets (i0, i1, i2) */
    double coef[3][GRADIENT_MAX_POINTS];     /* 1/bohr */
} fd_gradient;

/* Builds the stencils of range nn (1..3; GPAW's GGA uses 2) on grid g. Errors: bad nn,
 * or a grid with fewer than 2 nn points along an axis (the stencil would wrap onto
 * itself), with e set (EXIT_INTERNAL). */
int fd_gradient_init(fd_gradient *op, const fft_grid *g, int nn, err *e);

/* out = d in / d x_v on the whole (periodic) grid, v = 0, 1, 2. out != in. */
void fd_gradient_apply(const fd_gradient *op, int v, const double *in, double *out);

/* The same on a slab of n0l planes along axis 0 (basis/fft_dist.h): `in` holds the
 * slab with `width` halo planes before and after it (fft_halo's layout, width >= the
 * stencil's range), `out` the n0l planes. Each point sums the same stencil terms in the
 * same order as fd_gradient_apply, so equal inputs give equal bits. */
void fd_gradient_apply_slab(const fd_gradient *op, int v, const double *in, int width, int n0l, double *out);

/* The stencil's reach along axis 0 (the halo width a slab needs). */
int fd_gradient_range0(const fd_gradient *op);

#endif
