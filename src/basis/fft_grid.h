/* FFT grids. The coarse grid carries wavefunctions; the fine grid (2x per direction)
 * carries density, XC and Hartree potential — GPAW's plane-wave mode layout.
 * Sizes follow gpaw/utilities/gpts.py: h = pi / sqrt(4 E_cut), N_c = ceil(|a_c| / h),
 * rounded up to the next size with prime factors 2, 3, 5, 7 only. */
#ifndef PAWSORB_FFT_GRID_H
#define PAWSORB_FFT_GRID_H

typedef struct {
    int n[3];              /* points along each lattice vector */
    double cell[3][3];     /* bohr, rows = lattice vectors */
    double recip[3][3];    /* reciprocal vectors b_i, 1/bohr, a_i . b_j = 2 pi delta_ij */
    double volume;         /* bohr^3 */
} fft_grid;

/* Smallest m >= n with no prime factor other than 2, 3, 5, 7 and divisible by `div`. */
int fft_good_size(int n, int div);

/* Coarse grid for a plane-wave cutoff (hartree) in the given cell. */
void fft_grid_coarse(fft_grid *g, const double cell[3][3], double ecut_ha);
/* Fine grid: twice the coarse grid in each direction. */
void fft_grid_fine(fft_grid *fine, const fft_grid *coarse);
long fft_grid_points(const fft_grid *g);

#endif
