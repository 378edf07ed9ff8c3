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
 * Differences from GPAW that do not change the result beyond rounding: H psi is rotated
 * together with psi (one GEMM) instead of H being applied again to the rotated bands,
 * which saves one H application per inner iteration, and not rotated after the last
 * inner iteration (GPAW: `if nit < niter - 1`).
 *
 * The split form (space.h; what the PAW Hamiltonian offers, hamiltonian/apply.c): the
 * operator applies only T + V and returns the projections P = <p|psi>; the PAW terms
 * enter through P, as GPAW's matrix_elements and calculate_residuals do:
 *   <psi2|H|X> = <psi2|(T + V) X> + P2^H dH P_X,   <psi2|S|X> = <psi2|X> + P2^H dO P_X,
 *   R = (T + V) psi - eps psi + sum_a |p^a> (dH - eps dO) P,
 * so H psi and S psi are never formed: per call 3 projections and 2 projector sums
 * (residuals) instead of 3 projections and 6 projector sums, and neither S psi nor
 * S psi2 is stored or rotated. For the LATP quick slab + SN (550 bands, ~2000 projectors,
 * 46 038 coefficients) the projector sums cost ~3.6 Gram-matrix GEMMs each.
 * Used when the operator has the split form, the bands are not distributed and the
 * caller keeps projections; otherwise the full form (H psi and S psi from apply).
 *
 * Memory: the workspace holds npw_max x nbands blocks — psi2, a rotation buffer,
 * [H psi | H psi2] (or [(T+V) psi | (T+V) psi2]) and, in the full form, [S psi | S psi2]
 * (davidson_drop_overlap_blocks frees these two for the split form) —, two projection
 * blocks and the 2B x 2B matrices; allocated by davidson_init, nothing later.
 *
 * Band groups (davidson_distribute_bands; parallel/banddist.h, docs/parallel.md): psi,
 * proj and the six blocks hold only this rank's bands [n0, n1) of the block (on its G
 * slice), so they take ceil(nbands / B) bands each. H, residuals, preconditioner and
 * norms stay band-local. Every matrix over all bands, M = A^H X (Gram matrices of the
 * Rayleigh-Ritz step, rows <psi2| of H_NN and S_NN, the overlap to orthonormalise),
 * is computed by columns: the runs of A travel around the band ranks (band_ring, a
 * cyclic shift overlapped with the GEMMs), each rank fills its own columns block by
 * block (summed over the G slices), and the columns are gathered over comm->band
 * (MPI_Allgatherv: exact), so every rank holds the whole matrix and solves the same
 * subspace problem with the same bits. Rotations X' = X C likewise: each run X_r passes
 * by and adds X_r C[rows of r, n0:n1] to this rank's bands. The orthonormalisation
 * X L^{-H} becomes the rotation by the explicit upper-triangular L^{-H}
 * (subspace_inverse_lower_h). Per Davidson call (niter = 2) 18 blocks and 6
 * projection blocks go around the ring; extra memory: two ring buffers of
 * ceil(nbands / B) bands (and of projections). Projections must have stride naux. The
 * error is summed over all bands in order after gathering the residual norms. */
#ifndef PAWSORB_EIGEN_DAVIDSON_H
#define PAWSORB_EIGEN_DAVIDSON_H

#include "eigensolver/space.h"
#include "eigensolver/subspace.h"
#include "parallel/banddist.h"

typedef struct {
    int npw_max, nbands, naux_max, real;
    int niter;                      /* inner iterations per call; GPAW's default 2 */
    subspace sub;                   /* dense solver for n <= 2 nbands */
    band_dist bd;                   /* band distribution (B = 1: none) */
    int nbl;                        /* bands per rank the blocks below hold: ceil(nbands / B) */
    double complex *ring[2];        /* npw_max x nbl: the runs passed around the band ranks
                                     * (B > 1, parallel/banddist.h band_ring); owned */
    double complex *pring[2];       /* naux_max x nbl: the same for projections; owned */
    /* Blocks with stride ld (the call's space.ld), owned. hblk = [H psi | H psi2] and
     * sblk = [S psi | S psi2] are adjacent (2 nb columns of the call) so that the
     * subspace rows <psi2|H[psi psi2]> and the rotations [H psi, H psi2] C are one GEMM. */
    double complex *psi2, *tmp;     /* npw_max x nbl */
    double complex *hblk, *sblk;    /* npw_max x 2 nbl (call: [X of the nl local bands | X2]) */
    double complex *aux2, *auxtmp;  /* naux_max x nbl; owned */
    double *H, *S;                  /* (2 nbands)^2 subspace storage; owned */
    double *eps2;                   /* 2 nbands */
    double *ekin;                   /* nbl */
    double *resid;                  /* nbands: <R_n|R_n> of the error, unweighted (all bands) */
    /* Split form only: the projections passed with psi to davidson_iterate and
     * eig_rayleigh_ritz already hold <p|psi> (the caller keeps them current, as GPAW's
     * kpt.projections), so the Rayleigh-Ritz step applies T + V without projecting
     * again. 0 after init; set by the caller. */
    int proj_current;
    /* Statistics since init (seconds, wall clock; counts of bands H was applied to). */
    long napply;
    double t_apply, t_gram, t_diag, t_rotate, t_precond;
} davidson;

/* Workspaces for up to npw_max coefficients (the stride ld of every block passed
 * later must be <= npw_max), nbands bands and naux_max projections per band.
 * `real` fixes the storage of the subspace matrices (space.h). */
int davidson_init(davidson *d, int npw_max, int nbands, int naux_max, int real, err *e);
void davidson_free(davidson *d);

/* Distributes the bands of every later call over `band` (above): the blocks shrink to
 * ceil(nbands / B) bands and the gather workspaces are made. Calls then pass nb, the
 * block's total number of bands, with psi and proj holding this rank's bands
 * band_dist_range(nb, B, rank) only; eps (nb), weights (nb) and d->resid (nb) are whole
 * on every rank. A communicator of one rank changes nothing (the serial code and bits).
 * Every later call is collective over `band` (and over space.comm as before). */
int davidson_distribute_bands(davidson *d, MPI_Comm band, err *e);

/* For operators in the split form (space.h) without band groups: S psi is never formed,
 * so the two S blocks (sblk) are freed; calls must then pass projections (proj) and an
 * operator with the split form, or they fail with EXIT_INTERNAL. Does nothing with band
 * groups (their ring algebra keeps H psi and S psi). */
void davidson_drop_overlap_blocks(davidson *d);

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
