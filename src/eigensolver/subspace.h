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

#include "core/err.h"

typedef enum { SUBSPACE_LAPACK = 0 } subspace_backend;

typedef struct {
    subspace_backend backend;
    int nmax;               /* largest n accepted */
    int real;
    double *work;           /* owned; lwork doubles (complex: lwork complex numbers) */
    double *rwork;          /* owned; complex only */
    int *iwork;             /* owned */
    int lwork, lrwork, liwork;
} subspace;

int subspace_init(subspace *s, int nmax, int real, err *e);
void subspace_free(subspace *s);

/* Generalised Hermitian problem H C = S C diag(eps) (zhegvd / dsygvd, itype 1):
 * on return H holds the S-orthonormal eigenvectors C as columns, eps the n eigenvalues
 * in ascending order, S its Cholesky factor. */
int subspace_eigh_gen(subspace *s, int n, double *H, double *S, int ld, double *eps, err *e);

/* Standard problem H C = C diag(eps) (zheevd / dsyevd); H <- C. */
int subspace_eigh(subspace *s, int n, double *H, int ld, double *eps, err *e);

/* S = L L^H (zpotrf / dpotrf, lower); S's lower triangle <- L, the strict upper
 * triangle is zeroed. */
int subspace_cholesky(subspace *s, int n, double *S, int ld, err *e);

#endif
