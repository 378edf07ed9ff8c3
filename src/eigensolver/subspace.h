/* The dense subspace step of the eigensolver, behind one interface so that ScaLAPACK
 * (pzhegvx / pdsygvx on a BLACS grid, issue 5) can replace LAPACK without touching
 * Davidson. Matrices are n x n, column-major, leading dimension ld, in the subspace
 * storage of space.h: (re, im) pairs when !real, doubles when real. Only the lower
 * triangle of the input matrices is read (as GPAW's scipy.linalg.eigh(lower=True)).
 *
 * Workspaces are sized once, at init, for the largest n (LAPACK workspace queries);
 * the calls allocate nothing. Errors: a subspace overlap that is not positive
 * definite (linearly dependent trial vectors) is EXIT_RUN_FAILED with a message that
 * says so; any other LAPACK failure is EXIT_INTERNAL. */
#ifndef PAWSORB_EIGEN_SUBSPACE_H
#define PAWSORB_EIGEN_SUBSPACE_H

#include <mpi.h>

#include "core/err.h"

typedef enum { SUBSPACE_LAPACK = 0, SUBSPACE_SCALAPACK = 1 } subspace_backend;

/* Below this n the LAPACK solve on every rank is cheaper than ScaLAPACK's distribution
 * (an assumption: on 2 ranks a 248 x 248 problem takes milliseconds in LAPACK; ScaLAPACK
 * pays once the n³ work outweighs its communication, GPAW's users switch it on for a
 * few hundred bands and more). */
#ifndef SUBSPACE_SCALAPACK_MIN   /* -D for tests of whole runs through ScaLAPACK */
#define SUBSPACE_SCALAPACK_MIN 1024
#endif

/* ScaLAPACK state (subspace_distribute): a BLACS grid over a communicator whose ranks
 * all hold the same matrices. */
typedef struct {
    MPI_Comm comm;          /* borrowed */
    int nmin;               /* n at and above which ScaLAPACK is used */
    int sys, ctxt;          /* BLACS system handle of comm and the grid's context */
    int nprow, npcol, myrow, mycol, nb;
    int mloc, nloc;         /* local rows / columns of an nmax x nmax matrix */
    double *A, *B, *Z;      /* local block-cyclic parts; owned */
    double *full;           /* nmax x nmax gather buffer (doubles or pairs); owned */
    double *work, *rwork;   /* owned */
    int *iwork;             /* owned */
    int lwork, lrwork, liwork;
} subspace_scalapack;

typedef struct {
    subspace_backend backend;
    int nmax;               /* largest n accepted */
    int real;
    double *work;           /* owned; lwork doubles (complex: lwork complex numbers) */
    double *rwork;          /* owned; complex only */
    int *iwork;             /* owned */
    int lwork, lrwork, liwork;
    subspace_scalapack sl;  /* used when backend == SUBSPACE_SCALAPACK and n >= sl.nmin */
} subspace;

int subspace_init(subspace *s, int nmax, int real, err *e);
void subspace_free(subspace *s);

/* Problems with n >= nmin (and at least two blocks per process row and column) are
 * solved with ScaLAPACK on a BLACS grid over comm (as near square as the rank count
 * allows, blocks of 32): every rank of comm must call the
 * solvers together with the same matrices (the plane-wave ranks of a k-point group, whose
 * Gram matrices are reduced), and every rank gets the whole result: each copies its
 * block-cyclic part out of the replicated input (no communication), and the
 * distributed solution is summed back into whole matrices (MPI_Allreduce of disjoint
 * parts: exact). Generalised problems: S = L L^H (pdpotrf/pzpotrf), L^-1 H L^-H
 * (p?sygst/p?hegst), p?syevd/p?heevd, C = L^-H Z (p?trsm) — the steps of LAPACK's
 * ?sygvd. A comm of one rank keeps LAPACK. Collective over comm. */
int subspace_distribute(subspace *s, MPI_Comm comm, int nmin, err *e);

/* Generalised Hermitian problem H C = S C diag(eps) (zhegvd / dsygvd, itype 1):
 * on return H holds the S-orthonormal eigenvectors C as columns, eps the n eigenvalues
 * in ascending order, S its Cholesky factor. */
int subspace_eigh_gen(subspace *s, int n, double *H, double *S, int ld, double *eps, err *e);

/* Standard problem H C = C diag(eps) (zheevd / dsyevd); H <- C. */
int subspace_eigh(subspace *s, int n, double *H, int ld, double *eps, err *e);

/* S = L L^H (zpotrf / dpotrf, lower); S's lower triangle <- L, the strict upper
 * triangle is zeroed. */
int subspace_cholesky(subspace *s, int n, double *S, int ld, err *e);

/* C = L^{-H} (upper triangular, n x n, leading dimension ldc; the strict lower triangle
 * zeroed) for the lower-triangular Cholesky factor L of subspace_cholesky, which is
 * overwritten by L^{-1} (ztrtri / dtrtri). With distributed bands the orthonormalisation
 * X L^{-H} becomes the rotation X C (eigensolver/davidson.h). LAPACK on every rank. */
int subspace_inverse_lower_h(subspace *s, int n, double *L, int ld, double *C, int ldc, err *e);

#endif
