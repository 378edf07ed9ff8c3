/* Brillouin-zone sampling: Monkhorst-Pack grids (optionally Gamma-centred) and their
 * reduction by time reversal (k ~ -k). Point-group reduction with spglib comes with the
 * SCF (issue 3). Coordinates are fractional (units of the reciprocal vectors). */
#ifndef PAWSORB_KPOINTS_H
#define PAWSORB_KPOINTS_H

typedef struct {
    int nbz;              /* points in the full grid */
    double (*bz)[3];      /* full grid, fractional; owned */
    int nk;               /* irreducible points */
    double (*k)[3];       /* irreducible points, fractional; owned */
    double *weight;       /* weights of the irreducible points, summing to 1; owned */
    int *bz_to_ibz;       /* nbz: which irreducible point each grid point maps to; owned */
} kpoint_set;

/* Full Monkhorst-Pack grid as ASE's monkhorst_pack: k_i = (i + 1/2)/n - 1/2, shifted by
 * 1/(2n) along even n when `gamma` is set so that Gamma is on the grid (GPAW's
 * kpts={'size': n, 'gamma': True}). Reduces by time reversal when `time_reversal`. */
void kpoints_monkhorst_pack(kpoint_set *ks, const int size[3], int gamma, int time_reversal);
void kpoints_free(kpoint_set *ks);
/* 1 when the only k-point is Gamma: wavefunctions may be real. */
int kpoints_gamma_only(const kpoint_set *ks);

#endif
