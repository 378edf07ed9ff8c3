/* A plane-wave basis for one k-point: all G on the coarse FFT grid with
 * |k+G|^2 / 2 <= E_cut (gpaw/pw/descriptor.py, PWDescriptor). At a Gamma-only run the
 * wavefunctions are real and only half of the G sphere is stored: G with
 * (i3 > 0) or (i3 = 0 and i2 > 0) or (i3 = 0, i2 = 0, i1 >= 0), ψ(-G) = ψ(G)*, with i3 in
 * 0..n3/2 as in the r2c layout (an even n3's Nyquist plane is +n3/2, as GPAW's).
 * Owns its G list; borrows the grid. */
#ifndef PAWSORB_PW_BASIS_H
#define PAWSORB_PW_BASIS_H

#include "basis/fft_grid.h"

typedef struct {
    const fft_grid *grid;  /* borrowed; lives as long as the run */
    double kfrac[3];       /* k in units of the reciprocal vectors */
    double k[3];           /* cartesian, 1/bohr */
    int real;              /* 1: Gamma-only real wavefunctions (half sphere stored) */
    int npw;               /* number of coefficients */
    int *map;              /* npw indices into the full FFT box (i1*n2 + i2)*n3 + i3; owned */
    double *g2;            /* |k+G|^2 / 2, hartree; owned */
} pw_basis;

/* Builds the basis; `real` requests Gamma-only storage (k must then be 0). */
int pw_basis_init(pw_basis *b, const fft_grid *grid, const double kfrac[3], double ecut_ha, int real);
void pw_basis_free(pw_basis *b);

/* Counts the coefficients without building the lists (for `pawsorb check`). */
int pw_basis_count(const fft_grid *grid, const double kfrac[3], double ecut_ha, int real);

#endif
