/* Brillouin-zone sampling: Monkhorst-Pack grids (optionally Gamma-centred) and their
 * reduction to the irreducible wedge by the crystal's point group and time reversal,
 * as GPAW 22.8's KPointDescriptor.set_symmetry and Symmetry.reduce do
 * (gpaw/kpt_descriptor.py, gpaw/symmetry.py). Coordinates are fractional (units of the
 * reciprocal vectors).
 *
 * Reduction (GPAW's reduce): the operations are U_s (s < nsym) and, when time reversal
 * is used and -1 is not already an operation, -U_s (s = nsym + s'). bz2bz_ks[k][s] is
 * the grid point ≡ U_s k (mod 1). Walking the grid from the last point to the first,
 * each point not yet reached starts an orbit and is its representative, so the
 * irreducible points are the highest-index member of each orbit, listed in grid order;
 * weight = orbit size / nbz. sym_k[k] is the first s with U_s k_ibz ≡ ±k, the sign
 * given by time_reversal_k[k]. */
#ifndef PAWSORB_KPOINTS_H
#define PAWSORB_KPOINTS_H

#include "cell/symmetry.h"

typedef struct {
    int nbz;              /* points in the full grid */
    double (*bz)[3];      /* full grid, fractional; owned */
    int nk;               /* irreducible points */
    double (*k)[3];       /* irreducible points, fractional; owned */
    double *weight;       /* weights of the irreducible points, summing to 1; owned */
    int *bz_to_ibz;       /* nbz: which irreducible point each grid point maps to; owned */
    int *ibz_to_bz;       /* nk: grid index of each irreducible point; owned */
    int *sym_k;           /* nbz: operation taking the representative to the point; owned */
    int *time_reversal_k; /* nbz: 1 if -U k_ibz rather than U k_ibz; owned */
    int symmetric_grid;   /* 0 if some operation maps a grid point off the grid
                             (GPAW: "your k-points are not as symmetric as your crystal") */
    symmetry sym;         /* the operations used (GPAW's kd.symmetry); owned */
} kpoint_set;

/* Full Monkhorst-Pack grid as ASE's monkhorst_pack: k_i = (i + 1/2)/n - 1/2, shifted by
 * 1/(2n) along even n when `gamma` is set so that Gamma is on the grid (GPAW's
 * kpts={'size': n, 'gamma': True}). Reduces by time reversal alone when `time_reversal`
 * (kpoints_reduce with the identity), otherwise keeps every point. */
void kpoints_monkhorst_pack(kpoint_set *ks, const int size[3], int gamma, int time_reversal);

/* Reduces the full grid ks->bz by the operations of *sym, which ks takes over (*sym is
 * left empty; any previous reduction and symmetry are dropped). */
void kpoints_reduce(kpoint_set *ks, symmetry *sym);

void kpoints_free(kpoint_set *ks);
/* 1 when the only k-point is Gamma: wavefunctions may be real. */
int kpoints_gamma_only(const kpoint_set *ks);

#endif
