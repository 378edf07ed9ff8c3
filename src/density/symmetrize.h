/* Symmetrisation of the density of a calculation whose bands were computed on the
 * irreducible k-points only, as GPAW 22.8 does after every density from the bands
 * (gpaw/wavefunctions/base.py calculate_density_contribution and
 * symmetrize_atomic_density_matrices):
 *
 *   pseudo density, coarse grid (gpaw/grid_descriptor.py symmetrize, _gpaw.symmetrize):
 *       ñ'(g) = (1/N_op) Σ_s ñ(g U_s^-T),  i.e. b[g U_s] += a[g] for every grid index
 *       g (row vector, modulo the grid) — the operation moves scaled positions s -> s U;
 *       the wavefunction grid of plane-wave mode is periodic along every axis;
 *   atomic density matrices (gpaw/setup.py symmetrize, calculate_rotations):
 *       D'^a = (1/N_op) Σ_s R_s D^{a_sa[s][a]} R_s^T,
 *       R_s block-diagonal over the projector channels j, block l_j being the real-Y_lm
 *       rotation of the cartesian operation U_vv (cell/symmetry.h symmetry_ylm_rotation).
 * With one operation both are left alone. No allocation after init.
 *
 * Layouts: those of density/density.h (nt_sG spin-major on the coarse grid; D_asp atom
 * after atom, each nspins x np_a packed with GPAW's pack, off-diagonal pairs doubled). */
#ifndef PAWSORB_DENSITY_SYMMETRIZE_H
#define PAWSORB_DENSITY_SYMMETRIZE_H

#include "basis/fft_grid.h"
#include "cell/symmetry.h"
#include "core/err.h"
#include "scf/species.h"

typedef struct {
    const symmetry *sym;      /* borrowed (the k-point set's) */
    const species_set *ss;    /* borrowed */
    int n[3];                 /* coarse grid */
    long nc;
    double *work_G;           /* nc */
    double *R_asii;           /* per atom: nsym x ni x ni rotations (atoms of one species share
                                 values; stored per atom for plain indexing); owned */
    long *R_a;                /* natoms+1 offsets into R_asii */
    double *D_aii;            /* unpacked D of every atom for one spin; owned */
    long *D_a;                /* natoms+1 offsets into D_aii */
    double *tmp_ii;           /* 2 x nimax^2 scratch */
} density_symmetrizer;

/* Fails (EXIT_BAD_INPUT) when an operation does not map the grid onto itself (the plan
 * fits the grid first, so this means a grid given by hand) or a dataset has l > 3. */
int symmetrizer_init(density_symmetrizer *z, const symmetry *sym, const fft_grid *coarse, const species_set *ss,
                     err *e);
void symmetrizer_free(density_symmetrizer *z);

/* nt_sG (nspins x nc, coarse grid) replaced by its group average. */
void symmetrize_density(density_symmetrizer *z, double *nt_sG, int nspins);
/* D_asp replaced by its group average (every spin). */
void symmetrize_D_asp(density_symmetrizer *z, double *D_asp, int nspins);

#endif
