/* Block Davidson for the PAW generalised eigenproblem H psi = eps S psi on one k-point,
 * as GPAW does it (gpaw/eigensolvers/davidson.py, Davidson.iterate_one_k_point, and
 * eigensolver.py, Eigensolver.subspace_diagonalize):
 *
 *   1. Rayleigh-Ritz in span{psi} (psi S-orthonormal): H_nm = <psi_n|H|psi_m>,
 *      H C = C eps, psi <- psi C.
 *   2. niter times (GPAW's default 2):
 *        R_n = H psi_n - eps_n S psi_n,
 *        psi2_n = P(R_n; E_kin,n)               (kinetic preconditioner, precond.h)
 *        in the 2B-dimensional space [psi, psi2] build
 *          H_NN = [[diag(eps), .], [<psi2|H|psi>, <psi2|H|psi2>]],
 *          S_NN = [[1,         .], [<psi2|S|psi>, <psi2|S|psi2>]]   (lower triangles)
 *        solve H_NN C = S_NN C eps_N (subspace.h), keep the lowest B:
 *          psi <- psi C[:B,:B] + psi2 C[B:,:B],  eps <- eps_N[:B].
 *   The returned error is GPAW's "eigenstates" measure, sum_n w_n <R_n|R_n>, taken
 *   from the residuals at the start of the last inner iteration (GPAW: `error =
 *   np.dot(weights, [integrate(R_G) ...])` at nit == niter - 1). GPAW's weights are the
 *   occupation numbers |f_n| (nbands_converge = 'occupied'), or the k-point weight
 *   for bands to converge; the SCF divides the k/spin sum by the number of valence
 *   electrons for its criterion.
 *
 * Differences from GPAW that do not change the result beyond rounding: H psi and S psi
 * are rotated together with psi (one GEMM each) instead of H being applied again to
 * the rotated bands, which saves one H application per inner iteration; the operator
 * returns H psi and S psi including the PAW terms (GPAW adds them through P_ani).
 *
 * Memory: the workspace holds six npw_max x nbands blocks (psi2, H psi, S psi,
 * H psi2, S psi2, a rotation buffer), two projection blocks and the 2B x 2B
 * matrices; it is allocated once by davidson_init and nothing is allocated later. */
#ifndef PAWSORB_EIGEN_DAVIDSON_H
#define PAWSORB_EIGEN_DAVIDSON_H

#include "eigensolver/space.h"
#include "eigensolver/subspace.h"

typedef struct {
    int npw_max, nbands, naux_max, real;
    int niter;                      /* inner iterations per call; GPAW's default 2 */
    subspace sub;                   /* dense solver for n <= 2 nbands */
    /* Blocks with stride ld (the call's space.ld), owned. hblk = [H psi | H psi2] and
     * sblk = [S psi | S psi2] are adjacent (2 nb columns of the call) so that the
     * subspace rows <psi2|H[psi psi2]> and the rotations [H psi, H psi2] C are one GEMM. */
    double complex *psi2, *tmp;     /* npw_max x nbands */
    double complex *hblk, *sblk;    /* npw_max x 2 nbands */
    double complex *aux2, *auxtmp;  /* naux_max x nbands; owned */
    double *H, *S;                  /* (2 nbands)^2 subspace storage; owned */
    double *eps2;                   /* 2 nbands */
    double *ekin;                   /* nbands */
    double *resid;                  /* nbands: <R_n|R_n> of the error, unweighted */
    /* Statistics since init (seconds, wall clock; counts of bands H was applied to). */
    long napply;
    double t_apply, t_gram, t_diag, t_rotate, t_precond;
} davidson;

/* Workspaces for up to npw_max coefficients (the stride ld of every block passed
 * later must be <= npw_max), nbands bands and naux_max projections per band.
 * `real` fixes the storage of the subspace matrices (space.h). */
int davidson_init(davidson *d, int npw_max, int nbands, int naux_max, int real, err *e);
void davidson_free(davidson *d);

/* One Davidson step on one k-point for nb <= nbands bands psi (S-orthonormal on entry;
 * still S-orthonormal on return, as the generalised subspace solve guarantees).
 * proj (naux x nb, stride ldp; may be NULL) receives the projections of the returned
 * psi; eps the nb Ritz values, ascending. weights (nb; NULL: all 1) weight the
 * residual norms in *error (may be NULL); d->resid keeps the unweighted ones.
 * op->space.real must equal the workspace's. Returns 0, or -1 with e set (a failing
 * operator, more bands than the basis holds, a singular subspace). */
int davidson_iterate(davidson *d, const eig_operator *op, int nb, double complex *psi,
                     double complex *proj, int ldp, double *eps, const double *weights,
                     double *error, err *e);

/* Rayleigh-Ritz (GPAW's subspace_diagonalize): psi <- psi C with <psi|H|psi> C = C eps
 * for S-orthonormal psi; leaves H psi and S psi of the rotated bands in the first nb
 * columns of d->hblk and d->sblk. proj as in davidson_iterate. */
int eig_rayleigh_ritz(davidson *d, const eig_operator *op, int nb, double complex *psi,
                      double complex *proj, int ldp, double *eps, err *e);

/* S-orthonormalisation (GPAW's wfs.orthonormalize): <psi|S|psi> = L L^H (Cholesky),
 * psi <- psi L^{-H}, proj <- proj L^{-H}. Applies only S (apply with hpsi NULL). */
int eig_orthonormalize(davidson *d, const eig_operator *op, int nb, double complex *psi,
                       double complex *proj, int ldp, err *e);

#endif
