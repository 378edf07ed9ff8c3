/* Hartree term on the fine grid, solved in reciprocal space:
 *
 *   v_H(G) = 4 pi rho(G) / |G|^2   for G != 0,   v_H(G = 0) = 0,
 *   E_H    = 1/2 int rho(r) v_H(r) dr = 1/2 (dv / N) sum_G rho(G)* v_H(G),
 *
 * (gpaw/pw/poisson.py, ReciprocalSpacePoissonSolver._solve; the energy is
 * PWDescriptor.integrate of vHt_q and rhot_q). Dropping G = 0 is a uniform
 * compensating background: exact for a neutral rho, the usual jellium convention
 * otherwise. Optionally only G inside a sphere |G|^2 / 2 <= ecut are kept, as GPAW
 * does with its fine-grid plane-wave descriptor pd3 (ecut = 4 x the wavefunction
 * cutoff); ecut <= 0 keeps the whole FFT box.
 *
 * Units: rho in electrons/bohr^3 (positive for electrons: pass the charge density
 * of electrons as GPAW's rhot, i.e. n - sum of nuclear/compensation charges with
 * GPAW's sign convention), v_H in hartree, E_H in hartree. */
#ifndef PAWSORB_HARTREE_H
#define PAWSORB_HARTREE_H

#include <complex.h>

#include "basis/fft.h"
#include "basis/fft_grid.h"
#include "core/err.h"

typedef struct {
    const fft_grid *grid;   /* borrowed */
    fft_plan *fft;          /* borrowed: a plan with FFT_REAL on the same grid */
    double ecut;            /* sphere cutoff (hartree), <= 0: whole box */
    double dv;              /* volume element, bohr^3 */
    double *kernel;         /* 4 pi / |G|^2 on the local half-spectrum; 0 at G = 0 and
                             * outside the sphere; owned */
    double *weight;         /* fft_r2c_weight of each half-spectrum point, times dv/N;
                             * owned */
    long nq;                /* local half-spectrum points */
} hartree;

/* Precomputes the kernel for grid g. fft must have been made with FFT_REAL on g. */
int hartree_init(hartree *h, const fft_grid *g, fft_plan *fft, double ecut, err *e);
void hartree_free(hartree *h);

/* Reciprocal space: v_q = kernel * rho_q on the half-spectrum (unnormalised forward
 * FFT of rho, fft.h). Returns E_H. rho_q and v_q may be the same array. */
double hartree_solve_q(const hartree *h, const double complex *rho_q, double complex *v_q);

/* Real space convenience: v_r = v_H[rho_r] on the grid; returns E_H. Uses the plan's
 * work arrays (their contents are overwritten); allocates nothing. v_r may be rho_r. */
double hartree_solve(hartree *h, const double *rho_r, double *v_r);

#endif
