/* The all-electron density of a PAW calculation on a real-space grid, with the semantics
 * of GPAW's Density.get_all_electron_density (gpaw/density.py, 22.8):
 *
 *   n(r) = ñ(r) + sum_a sum_{i1<=i2} D_p^a [phi_i1 phi_i2 - phit_i1 phit_i2](r - R_a)
 *               + sum_a [n_c^a - ñ_c^a](r - R_a)  -  sum_a I_a delta_{r, g_a} / dV
 *
 * ñ: the pseudo density (valence + pseudo core, spins summed) on the grid; D_p: the
 * packed density matrix summed over spins (off-diagonal pairs counted twice, GPAW's
 * pack, hence no factor 2 here); phi_i = phi_j(r) Y_L(r^) (partial waves cut at
 * gcut2 = ceil(rcut2), rcut2 = 2 max_j rc_j, 100-point splines as Setup.get_partial_waves);
 * n_c, ñ_c: 1000-point splines to rcut2. The sphere corrections are sampled on the grid,
 * which misses part of their integral near the nuclei; I_a = (grid integral of atom a's
 * corrections) - (exact integral, sqrt(4 pi) sum_p D_p Delta_p0 + N_c - N_ct) is taken
 * out at the grid point g_a nearest to the nucleus, so the total is exactly
 * int ñ + sum_a (N_c^a + sum_p D_p Delta_p0 sqrt(4 pi) - N_ct^a), i.e. every electron.
 *
 * The grid: ñ given on the fine grid (GPAW's gridrefinement=2: nt_sg) may first be
 * Fourier-interpolated `upsample` = 1 or 2 times finer per axis (gridrefinement=4; GPAW
 * interpolates with its cubic real-space Transformer instead, an O(h^4) difference on a
 * density whose spectrum ends far below the new Nyquist frequency). Point (i,j,k) sits at
 * (i/N0) a1 + (j/N1) a2 + (k/N2) a3. Periodic images of the spheres are added along
 * periodic axes. Units: bohr, electrons/bohr^3. */
#ifndef PAWSORB_AE_DENSITY_H
#define PAWSORB_AE_DENSITY_H

#include "core/err.h"
#include "scf/species.h"

typedef struct {
    int n[3];             /* output grid */
    double cell[3][3];    /* bohr */
    double *n_g;          /* n[0]*n[1]*n[2] values, electrons/bohr^3; owned */
    double total;         /* integral of n_g dV */
    double *I_a;          /* natoms: the charge moved to each nucleus' grid point; owned */
} ae_density;

/* Builds the all-electron density. nt_g: pseudo density (spins summed) on the n_in grid;
 * D_sp: the density matrices in density.h's D_asp layout (atom after atom, nspins x np_a);
 * ss: datasets, scaled positions. upsample: 1 (output on the nt_g grid) or 2.
 * Returns 0, or -1 (EXIT_RUN_FAILED: memory; EXIT_INTERNAL: a dataset without cutoff
 * radii or a failed FFTW plan). */
int ae_density_build(const species_set *ss, const double cell[3][3], const int pbc[3], const int n_in[3],
                     const double *nt_g, const double *D_asp, int nspins, int upsample, ae_density *out, err *e);

void ae_density_free(ae_density *a);

#endif
