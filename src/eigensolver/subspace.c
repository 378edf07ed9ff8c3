/* LAPACK backend of the subspace step (interface and conventions in subspace.h). */
#include "eigensolver/subspace.h"
#include "core/mem.h"

#include <complex.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* Fortran LAPACK, with the hidden character-length arguments of gfortran's ABI. */
void zhegvd_(const int *itype, const char *jobz, const char *uplo, const int *n, double complex *a,
             const int *lda, double complex *b, const int *ldb, double *w, double complex *work,
             const int *lwork, double *rwork, const int *lrwork, int *iwork, const int *liwork,
             int *info, size_t, size_t);
void dsygvd_(const int *itype, const char *jobz, const char *uplo, const int *n, double *a,
             const int *lda, double *b, const int *ldb, double *w, double *work, const int *lwork,
             int *iwork, const int *liwork, int *info, size_t, size_t);
void zheevd_(const char *jobz, const char *uplo, const int *n, double complex *a, const int *lda,
             double *w, double complex *work, const int *lwork, double *rwork, const int *lrwork,
             int *iwork, const int *liwork, int *info, size_t, size_t);
void dsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *lda, double *w,
             double *work, const int *lwork, int *iwork, const int *liwork, int *info, size_t, size_t);
void zpotrf_(const char *uplo, const int *n, double complex *a, const int *lda, int *info, size_t);
void dpotrf_(const char *uplo, const int *n, double *a, const int *lda, int *info, size_t);

static int imax(int a, int b) { return a > b ? a : b; }

/* Workspace query of the four drivers at n; keeps the largest sizes. */
static void query(subspace *s, int n)
{
    int one = 1, m1 = -1, info, iw[2] = {0, 0};
    double w[2], rw[2] = {0, 0};
    if (s->real) {
        double wk[2] = {0, 0}, a[1], b[1];
        dsygvd_(&one, "V", "L", &n, a, &n, b, &n, w, wk, &m1, iw, &m1, &info, 1, 1);
        s->lwork = imax(s->lwork, (int)wk[0]);
        s->liwork = imax(s->liwork, iw[0]);
        dsyevd_("V", "L", &n, a, &n, w, wk, &m1, iw, &m1, &info, 1, 1);
        s->lwork = imax(s->lwork, (int)wk[0]);
        s->liwork = imax(s->liwork, iw[0]);
    } else {
        double complex wk[2] = {0, 0}, a[1], b[1];
        zhegvd_(&one, "V", "L", &n, a, &n, b, &n, w, wk, &m1, rw, &m1, iw, &m1, &info, 1, 1);
        s->lwork = imax(s->lwork, (int)creal(wk[0]));
        s->lrwork = imax(s->lrwork, (int)rw[0]);
        s->liwork = imax(s->liwork, iw[0]);
        zheevd_("V", "L", &n, a, &n, w, wk, &m1, rw, &m1, iw, &m1, &info, 1, 1);
        s->lwork = imax(s->lwork, (int)creal(wk[0]));
        s->lrwork = imax(s->lrwork, (int)rw[0]);
        s->liwork = imax(s->liwork, iw[0]);
    }
}

int subspace_init(subspace *s, int nmax, int real, err *e)
{
    memset(s, 0, sizeof *s);
    if (nmax < 1) return err_set(e, EXIT_INTERNAL, "subspace: size %d is not positive", nmax);
    s->backend = SUBSPACE_LAPACK;
    s->nmax = nmax;
    s->real = real;
    s->lwork = s->lrwork = s->liwork = 1;
    query(s, nmax);
    s->work = xmalloc((size_t)s->lwork * (real ? 1 : 2) * sizeof(double));
    s->rwork = real ? NULL : xmalloc((size_t)s->lrwork * sizeof(double));
    s->iwork = xmalloc((size_t)s->liwork * sizeof(int));
    return 0;
}

void subspace_free(subspace *s)
{
    free(s->work);
    free(s->rwork);
    free(s->iwork);
    memset(s, 0, sizeof *s);
}

static int check_n(const subspace *s, int n, int ld, err *e)
{
    if (n < 0 || n > s->nmax || ld < n || ld < 1)
        return err_set(e, EXIT_INTERNAL, "subspace: n = %d, ld = %d outside the workspace (nmax %d)",
                       n, ld, s->nmax);
    return 0;
}

int subspace_eigh_gen(subspace *s, int n, double *H, double *S, int ld, double *eps, err *e)
{
    if (check_n(s, n, ld, e)) return -1;
    if (n == 0) return 0;
    int one = 1, info = 0;
    if (s->real)
        dsygvd_(&one, "V", "L", &n, H, &ld, S, &ld, eps, s->work, &s->lwork, s->iwork,
                &s->liwork, &info, 1, 1);
    else
        zhegvd_(&one, "V", "L", &n, (double complex *)H, &ld, (double complex *)S, &ld, eps,
                (double complex *)s->work, &s->lwork, s->rwork, &s->lrwork, s->iwork, &s->liwork,
                &info, 1, 1);
    if (info > n)
        return err_set(e, EXIT_RUN_FAILED,
                       "subspace overlap matrix is not positive definite (leading minor %d of %d): "
                       "the trial vectors are linearly dependent", info - n, n);
    if (info != 0)
        return err_set(e, EXIT_INTERNAL, "%s failed (info %d, n %d)", s->real ? "dsygvd" : "zhegvd",
                       info, n);
    return 0;
}

int subspace_eigh(subspace *s, int n, double *H, int ld, double *eps, err *e)
{
    if (check_n(s, n, ld, e)) return -1;
    if (n == 0) return 0;
    int info = 0;
    if (s->real)
        dsyevd_("V", "L", &n, H, &ld, eps, s->work, &s->lwork, s->iwork, &s->liwork, &info, 1, 1);
    else
        zheevd_("V", "L", &n, (double complex *)H, &ld, eps, (double complex *)s->work, &s->lwork,
                s->rwork, &s->lrwork, s->iwork, &s->liwork, &info, 1, 1);
    if (info != 0)
        return err_set(e, EXIT_INTERNAL, "%s failed (info %d, n %d)", s->real ? "dsyevd" : "zheevd",
                       info, n);
    return 0;
}

int subspace_cholesky(subspace *s, int n, double *S, int ld, err *e)
{
    if (check_n(s, n, ld, e)) return -1;
    if (n == 0) return 0;
    int info = 0;
    if (s->real) dpotrf_("L", &n, S, &ld, &info, 1);
    else zpotrf_("L", &n, (double complex *)S, &ld, &info, 1);
    if (info > 0)
        return err_set(e, EXIT_RUN_FAILED,
                       "overlap matrix of the bands is not positive definite (leading minor %d of %d): "
                       "the wavefunctions are linearly dependent", info, n);
    if (info < 0) return err_set(e, EXIT_INTERNAL, "potrf: argument %d invalid", -info);
    int per = s->real ? 1 : 2;
    for (int j = 1; j < n; j++)
        memset(S + (size_t)j * ld * per, 0, (size_t)j * per * sizeof(double));
    return 0;
}
