/* Block algebra of plane-wave coefficient vectors (see space.h for layout and rule). */
#include "eigensolver/space.h"

#include "core/comm.h"

#include <cblas.h>

/* True when the coefficients are distributed over more than one rank. */
static int distributed(const eig_space *s)
{
    if (s->comm == MPI_COMM_NULL) return 0;
    int size;
    MPI_Comm_size(s->comm, &size);
    return size > 1;
}

/* Sums an m x n subspace matrix over the plane-wave group in a fixed order (collective;
 * issue 5: the same bits run to run, which MPI_Allreduce does not promise). */
static void reduce(const eig_space *s, int m, int n, double *M, int ldm)
{
    if (!distributed(s)) return;
    size_t per = s->real ? 1 : 2;
    comm_sum_ordered_matrix(s->comm, M, per * m, n, per * ldm, s->work);
}

void eig_gram(const eig_space *s, int m, int n, const double complex *A,
              const double complex *B, double *M, int ldm)
{
    if (m == 0 || n == 0) return;
    if (s->real) {
        /* <a|b> = w (2 sum over the real view - a(0) b(0)), GPAW's dtype=float rule */
        const double *a = (const double *)A, *b = (const double *)B;
        cblas_dgemm(CblasColMajor, CblasTrans, CblasNoTrans, m, n, 2 * s->npw, 2.0 * s->weight,
                    a, 2 * s->ld, b, 2 * s->ld, 0.0, M, ldm);
        if (s->g0 >= 0)
            cblas_dger(CblasColMajor, m, n, -s->weight, a + 2 * s->g0, 2 * s->ld,
                       b + 2 * s->g0, 2 * s->ld, M, ldm);
    } else {
        const double complex w = s->weight, zero = 0.0;
        cblas_zgemm(CblasColMajor, CblasConjTrans, CblasNoTrans, m, n, s->npw, &w, A, s->ld,
                    B, s->ld, &zero, M, ldm);
    }
    reduce(s, m, n, M, ldm);
}

void eig_norms(const eig_space *s, int n, const double complex *A, double *nrm)
{
    for (int j = 0; j < n; j++) {
        const double complex *a = A + (long)j * s->ld;
        double sum = 0.0;
        for (int g = 0; g < s->npw; g++) sum += creal(a[g]) * creal(a[g]) + cimag(a[g]) * cimag(a[g]);
        if (s->real) {
            sum *= 2.0;
            if (s->g0 >= 0) sum -= creal(a[s->g0]) * creal(a[s->g0]);
        }
        nrm[j] = s->weight * sum;
    }
    if (distributed(s)) comm_sum_ordered(s->comm, nrm, n, s->work);
}

void eig_rotate(int real, int len, int nb, int k, const double complex *X, int ldx,
                const double *C, int ldc, double beta, double complex *Y, int ldy)
{
    if (len == 0 || nb == 0) return;
    if (real) {
        cblas_dgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, 2 * len, nb, k, 1.0,
                    (const double *)X, 2 * ldx, C, ldc, beta, (double *)Y, 2 * ldy);
    } else {
        const double complex one = 1.0, b = beta;
        cblas_zgemm(CblasColMajor, CblasNoTrans, CblasNoTrans, len, nb, k, &one, X, ldx,
                    C, ldc, &b, Y, ldy);
    }
}

void eig_solve_lower_h(int real, int len, int ld, int n, const double *L, int ldl,
                       double complex *X)
{
    if (len == 0 || n == 0) return;
    /* Solve Y L^H = X for Y (right side, lower, conjugate-transposed). */
    if (real) {
        cblas_dtrsm(CblasColMajor, CblasRight, CblasLower, CblasTrans, CblasNonUnit, 2 * len, n,
                    1.0, L, ldl, (double *)X, 2 * ld);
    } else {
        const double complex one = 1.0;
        cblas_ztrsm(CblasColMajor, CblasRight, CblasLower, CblasConjTrans, CblasNonUnit, len, n,
                    &one, L, ldl, X, ld);
    }
}
