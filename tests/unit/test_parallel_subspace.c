/* Unit tests of the ScaLAPACK backend of the subspace step (eigensolver/subspace.h,
 * subspace_distribute) on any number of ranks (make check: 1 rank, where LAPACK is
 * kept; tests/cli/mpi_bands.sh: 2 and 4 ranks, grids 1 x 2 and 2 x 2). Problems with a
 * known answer, built from a formula on every rank:
 *   L  lower triangular, L_ii = 1 + i/n, L_ij = 0.1 / (1 + i + j) (i > j), complex
 *      off-diagonal phases in the complex case;
 *   Q  = I - 2 v v^H / (v^H v), a Householder reflection (unitary), v_i = 1 + sin(i);
 *   D  = diag(d_k), d_k = k - n/3 + 0.25 sin(k): distinct, in no order;
 *   S  = L L^H,  H = L Q D Q^H L^H,
 * so that H C = S C eps has eps = sorted d and C = L^-H Q P (P a permutation, columns up
 * to a phase). Checks: eigenvalues against the sorted d (1e-10), C^H S C = 1 and
 * H C = S C eps (residuals 1e-9 relative), S's Cholesky factor against L, the standard
 * problem (S = 1) likewise, and every rank holding the same bits. n = 100 with ScaLAPACK's
 * blocks of 32 spreads uneven blocks over the grid; n = 12 and 6 (too small for the grid:
 * LAPACK) check the fallback. Strict upper triangles hold garbage (only the lower ones
 * may be read). Only rank 0 prints. */
#include "eigensolver/subspace.h"
#include "tap.h"

#include <complex.h>
#include <math.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static int N = 100;

static int all(int x)
{
    int y;
    MPI_Allreduce(&x, &y, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return y;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* column-major n x n complex products: C = A B (ha: A^H instead of A) */
static void mul(int n, const double complex *A, int ha, const double complex *B, double complex *C)
{
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            double complex s = 0;
            for (int k = 0; k < n; k++) s += (ha ? conj(A[i * n + k]) : A[k * n + i]) * B[j * n + k];
            C[j * n + i] = s;
        }
}

/* The problem of the header (complex storage; imaginary parts 0 when real). */
static void build(int n, int real, double complex *L, double complex *H, double complex *S, double *d)
{
    double complex *Q = calloc((size_t)n * n, sizeof *Q), *T = calloc((size_t)n * n, sizeof *T);
    double complex *v = calloc(n, sizeof *v);
    double vv = 0;
    for (int i = 0; i < n; i++) {
        v[i] = (1.0 + sin(i)) * (real ? 1.0 : cexp(I * 0.3 * i));
        vv += creal(v[i] * conj(v[i]));
    }
    memset(L, 0, (size_t)n * n * sizeof *L);
    for (int j = 0; j < n; j++) {
        d[j] = j - n / 3.0 + 0.25 * sin(j);
        for (int i = 0; i < n; i++) {
            Q[j * n + i] = (i == j) - 2.0 * v[i] * conj(v[j]) / vv;
            if (i == j) L[j * n + i] = 1.0 + (double)i / n;
            else if (i > j) L[j * n + i] = 0.1 / (1.0 + i + j) * (real ? 1.0 : cexp(I * 0.7 * (i - j)));
        }
    }
    /* T = Q D, H = (L T) Q^H L^H = (L T)(L Q)^H */
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) T[j * n + i] = Q[j * n + i] * d[j];
    double complex *LT = calloc((size_t)n * n, sizeof *LT), *LQ = calloc((size_t)n * n, sizeof *LQ);
    mul(n, L, 0, T, LT);
    mul(n, L, 0, Q, LQ);
    for (int j = 0; j < n; j++)   /* H = LT LQ^H */
        for (int i = 0; i < n; i++) {
            double complex s = 0, t = 0;
            for (int k = 0; k < n; k++) {
                s += LT[k * n + i] * conj(LQ[k * n + j]);
                t += L[k * n + i] * conj(L[k * n + j]);
            }
            H[j * n + i] = s;
            S[j * n + i] = t;
        }
    free(Q), free(T), free(v), free(LT), free(LQ);
}

/* complex column-major -> subspace storage (doubles, or pairs), with garbage in the
 * strict upper triangle: only the lower one may be read (as Davidson's H_NN leaves it) */
static void pack(int n, int real, const double complex *X, double *out)
{
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            int k = j * n + i;
            double complex x = i >= j ? X[k] : 1e3 + 7.0 * i - 3.0 * j;
            if (real) out[k] = creal(x);
            else out[2 * k] = creal(x), out[2 * k + 1] = cimag(x) + (i < j ? 5.0 : 0.0);
        }
}

static void unpack(int n, int real, const double *in, double complex *X)
{
    for (int i = 0; i < n * n; i++) X[i] = real ? in[i] : in[2 * i] + I * in[2 * i + 1];
}

static int same_everywhere(const double *x, size_t n)
{
    double *y = malloc(n * sizeof *y);
    memcpy(y, x, n * sizeof *y);
    MPI_Bcast(y, (int)n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    int same = memcmp(x, y, n * sizeof *y) == 0;
    free(y);
    return all(same);
}

static void check_kind(int real, int rank, int size)
{
    const char *kind = real ? "real" : "complex";
    int n = N, per = real ? 1 : 2;
    double complex *L = calloc(n * n, sizeof *L), *H = calloc(n * n, sizeof *H), *S = calloc(n * n, sizeof *S);
    double complex *C = calloc(n * n, sizeof *C), *X = calloc(n * n, sizeof *X), *Y = calloc(n * n, sizeof *Y);
    double *d = calloc(n, sizeof *d), *eps = calloc(n, sizeof *eps);
    double *Hs = calloc((size_t)n * n * per, sizeof *Hs), *Ss = calloc((size_t)n * n * per, sizeof *Ss);
    build(n, real, L, H, S, d);
    subspace sub;
    err e = {0};
    /* workspace for 2n (Davidson sizes it for 2 nbands and also solves nbands problems) */
    int rc = subspace_init(&sub, 2 * n, real, &e) || subspace_distribute(&sub, MPI_COMM_WORLD, 1, &e);
    if (rank == 0) ok(!rc && (size == 1 ? sub.backend == SUBSPACE_LAPACK : sub.backend == SUBSPACE_SCALAPACK),
                      "%s: %s backend on %d rank%s (%s)", kind, size == 1 ? "LAPACK" : "ScaLAPACK", size,
                      size == 1 ? "" : "s", e.msg);
    /* generalised */
    pack(n, real, H, Hs), pack(n, real, S, Ss);
    rc = subspace_eigh_gen(&sub, n, Hs, Ss, n, eps, &e);
    qsort(d, n, sizeof *d, cmp);
    double de = 0, r_orth = 0, r_eig = 0, r_chol = 0;
    for (int k = 0; k < n; k++) de = fmax(de, fabs(eps[k] - d[k]));
    unpack(n, real, Hs, C);
    mul(n, S, 0, C, X);        /* S C */
    mul(n, C, 1, X, Y);        /* C^H S C */
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) r_orth = fmax(r_orth, cabs(Y[j * n + i] - (i == j)));
    mul(n, H, 0, C, Y);        /* H C - S C eps */
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) r_eig = fmax(r_eig, cabs(Y[j * n + i] - X[j * n + i] * eps[j]) / n);
    unpack(n, real, Ss, X);
    for (int j = 0; j < n; j++)
        for (int i = j; i < n; i++) r_chol = fmax(r_chol, cabs(X[j * n + i] - L[j * n + i]));
    int good = all(!rc && de < 1e-10 && r_orth < 1e-9 && r_eig < 1e-9 && r_chol < 1e-12);
    if (rank == 0)
        ok(good, "%s generalised, n %d: eigenvalues = formula (%.1e), C^H S C = 1 (%.1e), H C = S C eps (%.1e), "
                 "S's factor = L (%.1e)", kind, n, de, r_orth, r_eig, r_chol);
    good = same_everywhere(Hs, (size_t)n * n * per) && same_everywhere(eps, n);
    if (rank == 0) ok(good, "%s generalised: the same bits on every rank", kind);
    /* standard: S = 1, H = Q D Q^H is H with L = 1: use the Cholesky result instead */
    pack(n, real, S, Ss);
    rc = subspace_cholesky(&sub, n, Ss, n, &e);
    unpack(n, real, Ss, X);
    double r_l = 0, r_up = 0;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++)
            if (i >= j) r_l = fmax(r_l, cabs(X[j * n + i] - L[j * n + i]));
            else r_up = fmax(r_up, cabs(X[j * n + i]));
    good = all(!rc && r_l < 1e-12 && r_up == 0);
    if (rank == 0) ok(good, "%s cholesky: L (%.1e), strict upper zeroed", kind, r_l);
    /* standard problem: A = S = L L^H has eigenvalues; check A C = C eps, C^H C = 1 */
    pack(n, real, S, Hs);
    rc = subspace_eigh(&sub, n, Hs, n, eps, &e);
    unpack(n, real, Hs, C);
    mul(n, S, 0, C, X);
    mul(n, C, 1, C, Y);
    r_eig = r_orth = 0;
    int sorted = 1;
    for (int j = 0; j < n; j++) {
        if (j) sorted &= eps[j] >= eps[j - 1];
        for (int i = 0; i < n; i++) {
            r_eig = fmax(r_eig, cabs(X[j * n + i] - C[j * n + i] * eps[j]));
            r_orth = fmax(r_orth, cabs(Y[j * n + i] - (i == j)));
        }
    }
    good = all(!rc && sorted && r_eig < 1e-10 && r_orth < 1e-10) && same_everywhere(eps, n);
    if (rank == 0) ok(good, "%s standard: A C = C eps (%.1e), C^H C = 1 (%.1e), ascending, same on all ranks", kind,
                      r_eig, r_orth);
    /* a non-positive-definite overlap is a run failure naming the cause */
    pack(n, real, S, Ss);
    Ss[(size_t)(5 * n + 5) * per] = -1.0;
    pack(n, real, H, Hs);
    rc = subspace_eigh_gen(&sub, n, Hs, Ss, n, eps, &e);
    good = all(rc != 0 && e.status == EXIT_RUN_FAILED);
    if (rank == 0) ok(good, "%s: indefinite overlap is EXIT_RUN_FAILED (%s)", kind, e.msg);
    subspace_free(&sub);
    free(L), free(H), free(S), free(C), free(X), free(Y), free(d), free(eps), free(Hs), free(Ss);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    int sizes[] = {100, 12, 6};   /* 12 and 6: below two blocks per grid row, LAPACK on every rank */
    for (int k = 0; k < 3; k++) {
        N = sizes[k];
        check_kind(1, rank, size);
        check_kind(0, rank, size);
    }
    MPI_Finalize();
    if (rank != 0) return 0;
    return tap_done();
}
