/* LAPACK and ScaLAPACK backends of the subspace step (interface and conventions in
 * subspace.h). */
#include "eigensolver/subspace.h"
#include "core/mem.h"

#include <complex.h>
#include <math.h>
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
void ztrtri_(const char *uplo, const char *diag, const int *n, double complex *a, const int *lda, int *info, size_t,
             size_t);
void dtrtri_(const char *uplo, const char *diag, const int *n, double *a, const int *lda, int *info, size_t, size_t);

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

static void scalapack_free(subspace_scalapack *p);

void subspace_free(subspace *s)
{
    free(s->work);
    free(s->rwork);
    free(s->iwork);
    if (s->backend == SUBSPACE_SCALAPACK) scalapack_free(&s->sl);
    memset(s, 0, sizeof *s);
}

static int check_n(const subspace *s, int n, int ld, err *e)
{
    if (n < 0 || n > s->nmax || ld < n || ld < 1)
        return err_set(e, EXIT_INTERNAL, "subspace: n = %d, ld = %d outside the workspace (nmax %d)",
                       n, ld, s->nmax);
    return 0;
}

/* ------------------------------------------------------------------ ScaLAPACK */

/* BLACS and ScaLAPACK (Fortran ABI; hidden character lengths passed as for LAPACK). */
int Csys2blacs_handle(MPI_Comm comm);
void Cfree_blacs_system_handle(int handle);
void Cblacs_gridinit(int *ctxt, const char *order, int nprow, int npcol);
void Cblacs_gridinfo(int ctxt, int *nprow, int *npcol, int *myrow, int *mycol);
void Cblacs_gridexit(int ctxt);
int numroc_(const int *n, const int *nb, const int *iproc, const int *isrc, const int *nprocs);
void descinit_(int *desc, const int *m, const int *n, const int *mb, const int *nb, const int *irsrc,
               const int *icsrc, const int *ctxt, const int *lld, int *info);
void pdpotrf_(const char *uplo, const int *n, double *a, const int *ia, const int *ja, const int *desca, int *info,
              size_t);
void pzpotrf_(const char *uplo, const int *n, double complex *a, const int *ia, const int *ja, const int *desca,
              int *info, size_t);
void pdsygst_(const int *ibtype, const char *uplo, const int *n, double *a, const int *ia, const int *ja,
              const int *desca, const double *b, const int *ib, const int *jb, const int *descb, double *scale,
              int *info, size_t);
void pzhegst_(const int *ibtype, const char *uplo, const int *n, double complex *a, const int *ia, const int *ja,
              const int *desca, const double complex *b, const int *ib, const int *jb, const int *descb,
              double *scale, int *info, size_t);
void pdsyevd_(const char *jobz, const char *uplo, const int *n, double *a, const int *ia, const int *ja,
              const int *desca, double *w, double *z, const int *iz, const int *jz, const int *descz, double *work,
              const int *lwork, int *iwork, const int *liwork, int *info, size_t, size_t);
void pzheevd_(const char *jobz, const char *uplo, const int *n, double complex *a, const int *ia, const int *ja,
              const int *desca, double *w, double complex *z, const int *iz, const int *jz, const int *descz,
              double complex *work, const int *lwork, double *rwork, const int *lrwork, int *iwork,
              const int *liwork, int *info, size_t, size_t);
void pdtrsm_(const char *side, const char *uplo, const char *transa, const char *diag, const int *m, const int *n,
             const double *alpha, const double *a, const int *ia, const int *ja, const int *desca, double *b,
             const int *ib, const int *jb, const int *descb, size_t, size_t, size_t, size_t);
void pztrsm_(const char *side, const char *uplo, const char *transa, const char *diag, const int *m, const int *n,
             const double complex *alpha, const double complex *a, const int *ia, const int *ja, const int *desca,
             double complex *b, const int *ib, const int *jb, const int *descb, size_t, size_t, size_t, size_t);

static void scalapack_free(subspace_scalapack *p)
{
    if (p->ctxt >= 0) Cblacs_gridexit(p->ctxt);
    if (p->sys >= 0) Cfree_blacs_system_handle(p->sys);
    free(p->A), free(p->B), free(p->Z), free(p->full), free(p->work), free(p->rwork), free(p->iwork);
    memset(p, 0, sizeof *p);
}

/* Descriptor of an n x n matrix on the grid (local leading dimension at least 1). */
static void describe(const subspace_scalapack *p, int n, int *desc)
{
    int zero = 0, info, lld = numroc_(&n, &p->nb, &p->myrow, &zero, &p->nprow);
    if (lld < 1) lld = 1;
    descinit_(desc, &n, &n, &p->nb, &p->nb, &zero, &zero, &p->ctxt, &lld, &info);
}

/* Global index of local index l along an axis with block nb over np processes (this one: ip). */
static int global_index(int l, int nb, int ip, int np) { return ((l / nb) * np + ip) * nb + l % nb; }

/* loc (local part, leading dimension desc[8]) <- the replicated n x n M (ld). */
static void scatter_local(const subspace_scalapack *p, int per, int n, const int *desc, const double *M, int ld,
                          double *loc)
{
    int zero = 0, ml = numroc_(&n, &p->nb, &p->myrow, &zero, &p->nprow);
    int nl = numroc_(&n, &p->nb, &p->mycol, &zero, &p->npcol);
    for (int j = 0; j < nl; j++) {
        int gj = global_index(j, p->nb, p->mycol, p->npcol);
        for (int i = 0; i < ml; i++) {
            int gi = global_index(i, p->nb, p->myrow, p->nprow);
            memcpy(loc + ((size_t)j * desc[8] + i) * per, M + ((size_t)gj * ld + gi) * per, per * sizeof(double));
        }
    }
}

/* The replicated M (ld) <- the distributed matrix: its lower triangle only when `lower`.
 * Collective over p->comm: the ranks' disjoint parts summed (exact). */
static void gather_full(subspace_scalapack *p, int per, int n, const int *desc, const double *loc, double *M, int ld,
                        int lower)
{
    int zero = 0, ml = numroc_(&n, &p->nb, &p->myrow, &zero, &p->nprow);
    int nl = numroc_(&n, &p->nb, &p->mycol, &zero, &p->npcol);
    memset(p->full, 0, (size_t)n * n * per * sizeof(double));
    for (int j = 0; j < nl; j++) {
        int gj = global_index(j, p->nb, p->mycol, p->npcol);
        for (int i = 0; i < ml; i++) {
            int gi = global_index(i, p->nb, p->myrow, p->nprow);
            memcpy(p->full + ((size_t)gj * n + gi) * per, loc + ((size_t)j * desc[8] + i) * per, per * sizeof(double));
        }
    }
    MPI_Allreduce(MPI_IN_PLACE, p->full, n * n * per, MPI_DOUBLE, MPI_SUM, p->comm);
    for (int j = 0; j < n; j++) {
        int i0 = lower ? j : 0;
        memcpy(M + ((size_t)j * ld + i0) * per, p->full + ((size_t)j * n + i0) * per,
               (size_t)(n - i0) * per * sizeof(double));
    }
}

int subspace_distribute(subspace *s, MPI_Comm comm, int nmin, err *e)
{
    int P;
    MPI_Comm_size(comm, &P);
    if (P == 1) return 0;
    subspace_scalapack *p = &s->sl;
    memset(p, 0, sizeof *p);
    p->ctxt = p->sys = -1;
    p->comm = comm;
    p->nmin = nmin;
    p->nb = 32;
    int pr = (int)sqrt((double)P);
    while (P % pr) pr--;
    p->sys = p->ctxt = Csys2blacs_handle(comm);
    Cblacs_gridinit(&p->ctxt, "R", pr, P / pr);
    Cblacs_gridinfo(p->ctxt, &p->nprow, &p->npcol, &p->myrow, &p->mycol);
    if (p->nprow != pr || p->npcol != P / pr) {
        p->ctxt = -1;
        return err_set(e, EXIT_INTERNAL, "subspace: BLACS grid %d x %d over %d ranks failed", pr, P / pr, P);
    }
    int zero = 0, n = s->nmax, per = s->real ? 1 : 2, desc[9], one = 1, m1 = -1, info = 0;
    p->mloc = numroc_(&n, &p->nb, &p->myrow, &zero, &p->nprow);
    p->nloc = numroc_(&n, &p->nb, &p->mycol, &zero, &p->npcol);
    size_t loc = (size_t)(p->mloc > 0 ? p->mloc : 1) * (p->nloc > 0 ? p->nloc : 1) * per;
    p->A = xcalloc(loc, sizeof(double));
    p->B = xcalloc(loc, sizeof(double));
    p->Z = xcalloc(loc, sizeof(double));
    p->full = xcalloc((size_t)n * n * per, sizeof(double));
    describe(p, n, desc);
    double w[1], wk[2] = {0, 0}, rw[2] = {0, 0};
    int iw[2] = {0, 0};
    if (s->real)
        pdsyevd_("V", "L", &n, p->A, &one, &one, desc, w, p->Z, &one, &one, desc, wk, &m1, iw, &m1, &info, 1, 1);
    else
        pzheevd_("V", "L", &n, (double complex *)p->A, &one, &one, desc, w, (double complex *)p->Z, &one, &one, desc,
                 (double complex *)wk, &m1, rw, &m1, iw, &m1, &info, 1, 1);
    if (info != 0) return err_set(e, EXIT_INTERNAL, "subspace: ScaLAPACK workspace query failed (info %d)", info);
    /* pdsyevd's query leaves out what its back-transformation PDORMTR needs on a 2D grid
     * (measured: "PDORMTR parameter 16 illegal" on 2 x 2 at n = 100); add PDORMTR's own
     * bound, (MpA0 + NqC0) NB + NB², on top */
    int extra = (p->mloc + p->nloc) * p->nb + p->nb * p->nb;
    p->lwork = (int)wk[0] + 1 + extra, p->lrwork = (int)rw[0] + 1 + extra, p->liwork = iw[0] + 1;
    p->work = xmalloc((size_t)p->lwork * per * sizeof(double));
    p->rwork = xmalloc((size_t)p->lrwork * sizeof(double));
    p->iwork = xmalloc((size_t)p->liwork * sizeof(int));
    s->backend = SUBSPACE_SCALAPACK;
    return 0;
}

/* ScaLAPACK for n >= nmin, and only when every process row and column of the grid holds
 * at least two blocks: below that, p?syevd's back-transformation (PDORMTR) rejected its
 * workspace on a 2 x 2 grid at n = 12 (measured), and LAPACK is the right tool anyway. */
static int use_scalapack(const subspace *s, int n)
{
    const subspace_scalapack *p = &s->sl;
    int g = p->nprow > p->npcol ? p->nprow : p->npcol;
    return s->backend == SUBSPACE_SCALAPACK && n >= p->nmin && n >= 2 * p->nb * g;
}

/* Z <- eigenvectors of A (lower triangle), eps <- eigenvalues (every rank). */
static int scalapack_eigh(subspace *s, int n, const int *desc, double *eps, err *e)
{
    subspace_scalapack *p = &s->sl;
    int one = 1, info = 0;
    if (s->real)
        pdsyevd_("V", "L", &n, p->A, &one, &one, desc, eps, p->Z, &one, &one, desc, p->work, &p->lwork, p->iwork,
                 &p->liwork, &info, 1, 1);
    else
        pzheevd_("V", "L", &n, (double complex *)p->A, &one, &one, desc, eps, (double complex *)p->Z, &one, &one, desc,
                 (double complex *)p->work, &p->lwork, p->rwork, &p->lrwork, p->iwork, &p->liwork, &info, 1, 1);
    if (info != 0)
        return err_set(e, EXIT_INTERNAL, "%s failed (info %d, n %d)", s->real ? "pdsyevd" : "pzheevd", info, n);
    /* W is documented as global, but a rank that holds no block of an n < 32 problem
     * keeps garbage (measured on 2 ranks, n = 6 and 12): grid process (0, 0), rank 0 of
     * the "R"-ordered grid, holds the first block and gives its eigenvalues to all */
    MPI_Bcast(eps, n, MPI_DOUBLE, 0, p->comm);
    return 0;
}

/* B <- L, S = L L^H (lower). */
static int scalapack_cholesky(subspace *s, int n, const int *desc, err *e)
{
    int one = 1, info = 0;
    if (s->real) pdpotrf_("L", &n, s->sl.B, &one, &one, desc, &info, 1);
    else pzpotrf_("L", &n, (double complex *)s->sl.B, &one, &one, desc, &info, 1);
    if (info > 0)
        return err_set(e, EXIT_RUN_FAILED,
                       "subspace overlap matrix is not positive definite (leading minor %d of %d): "
                       "the trial vectors are linearly dependent", info, n);
    if (info < 0) return err_set(e, EXIT_INTERNAL, "p?potrf: argument %d invalid", -info);
    return 0;
}

static int scalapack_eigh_gen(subspace *s, int n, double *H, double *S, int ld, double *eps, err *e)
{
    subspace_scalapack *p = &s->sl;
    int desc[9], one = 1, info = 0, per = s->real ? 1 : 2;
    double scale;
    describe(p, n, desc);
    scatter_local(p, per, n, desc, H, ld, p->A);
    scatter_local(p, per, n, desc, S, ld, p->B);
    if (scalapack_cholesky(s, n, desc, e)) return -1;
    if (s->real) pdsygst_(&one, "L", &n, p->A, &one, &one, desc, p->B, &one, &one, desc, &scale, &info, 1);
    else
        pzhegst_(&one, "L", &n, (double complex *)p->A, &one, &one, desc, (double complex *)p->B, &one, &one, desc,
                 &scale, &info, 1);
    if (info != 0) return err_set(e, EXIT_INTERNAL, "p?sygst failed (info %d, n %d)", info, n);
    if (scalapack_eigh(s, n, desc, eps, e)) return -1;
    /* C = L^-H Z: solve L^H C = Z */
    if (s->real) {
        double alpha = 1.0;
        pdtrsm_("L", "L", "T", "N", &n, &n, &alpha, p->B, &one, &one, desc, p->Z, &one, &one, desc, 1, 1, 1, 1);
    } else {
        double complex alpha = 1.0;
        pztrsm_("L", "L", "C", "N", &n, &n, &alpha, (double complex *)p->B, &one, &one, desc, (double complex *)p->Z,
                &one, &one, desc, 1, 1, 1, 1);
    }
    gather_full(p, per, n, desc, p->Z, H, ld, 0);
    gather_full(p, per, n, desc, p->B, S, ld, 1);
    return 0;
}

/* ------------------------------------------------------------------ the interface */

int subspace_eigh_gen(subspace *s, int n, double *H, double *S, int ld, double *eps, err *e)
{
    if (check_n(s, n, ld, e)) return -1;
    if (n == 0) return 0;
    if (use_scalapack(s, n)) return scalapack_eigh_gen(s, n, H, S, ld, eps, e);
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
    if (use_scalapack(s, n)) {
        int desc[9], per = s->real ? 1 : 2;
        describe(&s->sl, n, desc);
        scatter_local(&s->sl, per, n, desc, H, ld, s->sl.A);
        if (scalapack_eigh(s, n, desc, eps, e)) return -1;
        gather_full(&s->sl, per, n, desc, s->sl.Z, H, ld, 0);
        return 0;
    }
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
    if (use_scalapack(s, n)) {
        int desc[9], per = s->real ? 1 : 2;
        describe(&s->sl, n, desc);
        scatter_local(&s->sl, per, n, desc, S, ld, s->sl.B);
        if (scalapack_cholesky(s, n, desc, e)) return -1;
        gather_full(&s->sl, per, n, desc, s->sl.B, S, ld, 1);
        for (int j = 1; j < n; j++) memset(S + (size_t)j * ld * per, 0, (size_t)j * per * sizeof(double));
        return 0;
    }
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

int subspace_inverse_lower_h(subspace *s, int n, double *L, int ld, double *C, int ldc, err *e)
{
    if (check_n(s, n, ld, e)) return -1;
    if (n == 0) return 0;
    int info = 0, per = s->real ? 1 : 2;
    if (s->real) dtrtri_("L", "N", &n, L, &ld, &info, 1, 1);
    else ztrtri_("L", "N", &n, (double complex *)L, &ld, &info, 1, 1);
    if (info > 0)
        return err_set(e, EXIT_RUN_FAILED, "Cholesky factor of the band overlap is singular (diagonal %d of %d)",
                       info, n);
    if (info < 0) return err_set(e, EXIT_INTERNAL, "trtri: argument %d invalid", -info);
    /* C = (L^{-1})^H: C(i, j) = conj(L^{-1}(j, i)) for i <= j, zero below the diagonal */
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            double *c = C + ((size_t)j * ldc + i) * per;
            const double *l = L + ((size_t)i * ld + j) * per;
            if (i > j) {
                c[0] = 0.0;
                if (per == 2) c[1] = 0.0;
            } else {
                c[0] = l[0];
                if (per == 2) c[1] = -l[1];
            }
        }
    return 0;
}
