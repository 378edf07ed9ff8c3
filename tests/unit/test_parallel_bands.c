/* Unit tests of band groups (parallel/banddist.h and the band-distributed Davidson of
 * eigensolver/davidson.h) on any number of ranks (make check: 1; tests/cli/mpi_bands.sh:
 * mpirun -n 2). The world is one band group: rank r holds bands [r nb / B, (r+1) nb / B).
 *  - band_dist_allgather: every rank gets every band of a formula-built block, exactly;
 *    band_ring: a pass shows each rank every run once, in ring order, exactly;
 *  - a dense model problem (complex, 150 coefficients, a kinetic diagonal plus a smooth
 *    Hermitian coupling and three projectors with dH, dO: H = T + V + p dH p^H,
 *    S = 1 + p dO p^H), whose lowest 7 generalised eigenvalues come from LAPACK's zhegv
 *    on the full matrices (a different algorithm): eig_orthonormalize of random start
 *    bands, then davidson_iterate until converged. Checked: the Ritz values reach
 *    zhegv's to 1e-9 (7 bands: 4 and 3 per rank on 2), the gathered bands are
 *    S-orthonormal and the returned projections are <p|psi> of the local bands (the
 *    test's own dense algebra), eigenvalues and error carry the same bits on every
 *    rank, and the error is sum_n w_n <R_n|R_n> over all bands.
 * Only rank 0 prints; each check is the minimum over ranks. */
#include "core/mem.h"
#include "eigensolver/davidson.h"
#include "parallel/banddist.h"
#include "tap.h"

#include <complex.h>
#include <math.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

void zhegv_(const int *itype, const char *jobz, const char *uplo, const int *n, double complex *a,
            const int *lda, double complex *b, const int *ldb, double *w, double complex *work,
            const int *lwork, double *rwork, int *info, size_t, size_t);

static int all_ranks(int x)
{
    int y;
    MPI_Allreduce(&x, &y, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return y;
}

enum { NPW = 150, NB = 7, NP = 3 };

typedef struct {
    double complex *H, *S;   /* NPW x NPW, column-major */
    double complex *p;       /* NPW x NP projectors */
    double g2[NPW];
} model;

static void model_init(model *m)
{
    static const double dH[NP] = {0.4, -0.3, 0.2}, dO[NP] = {0.6, 0.3, 0.5};
    m->H = xcalloc(NPW * NPW, sizeof *m->H);
    m->S = xcalloc(NPW * NPW, sizeof *m->S);
    m->p = xcalloc(NPW * NP, sizeof *m->p);
    for (int g = 0; g < NPW; g++) m->g2[g] = 0.5 * (0.05 * g) * (0.05 * g) * 4.0;
    for (int a = 0; a < NP; a++)
        for (int g = 0; g < NPW; g++) m->p[a * NPW + g] = cexp(I * 0.7 * a * g) * exp(-0.02 * g) * 0.3;
    for (int j = 0; j < NPW; j++)
        for (int i = 0; i < NPW; i++) {
            double complex v = i == j ? m->g2[i] : -0.2 / (1.0 + abs(i - j)) * cexp(I * 0.3 * (i - j));
            double complex s = i == j ? 1.0 : 0.0;
            for (int a = 0; a < NP; a++) {
                double complex pp = m->p[a * NPW + i] * conj(m->p[a * NPW + j]);
                v += pp * dH[a], s += pp * dO[a];
            }
            m->H[(size_t)j * NPW + i] = v, m->S[(size_t)j * NPW + i] = s;
        }
}

static void model_free(model *m) { free(m->H), free(m->S), free(m->p); }

/* y = A x for nb bands (dense). */
static void matvec(const double complex *A, int nb, const double complex *x, double complex *y)
{
    for (int n = 0; n < nb; n++)
        for (int i = 0; i < NPW; i++) {
            double complex s = 0.0;
            for (int j = 0; j < NPW; j++) s += A[(size_t)j * NPW + i] * x[(size_t)n * NPW + j];
            y[(size_t)n * NPW + i] = s;
        }
}

static int model_apply(void *ctx, int nb, const double complex *psi, double complex *hpsi, double complex *spsi,
                       double complex *proj, int ldp, err *e)
{
    (void)e;
    model *m = ctx;
    if (hpsi) matvec(m->H, nb, psi, hpsi);
    if (spsi) matvec(m->S, nb, psi, spsi);
    if (proj)
        for (int n = 0; n < nb; n++)
            for (int a = 0; a < NP; a++) {
                double complex s = 0.0;
                for (int g = 0; g < NPW; g++) s += conj(m->p[a * NPW + g]) * psi[(size_t)n * NPW + g];
                proj[(size_t)n * ldp + a] = s;
            }
    return 0;
}

/* Lowest NB eigenvalues of H C = S C eps by zhegv. */
static void reference(const model *m, double *eps)
{
    double complex *a = xcalloc(NPW * NPW, sizeof *a), *b = xcalloc(NPW * NPW, sizeof *b);
    memcpy(a, m->H, NPW * NPW * sizeof *a), memcpy(b, m->S, NPW * NPW * sizeof *b);
    int one = 1, n = NPW, lwork = 4 * NPW, info;
    double w[NPW], rwork[3 * NPW];
    double complex *work = xcalloc(lwork, sizeof *work);
    zhegv_(&one, "N", "L", &n, a, &n, b, &n, w, work, &lwork, rwork, &info, 1, 1);
    memcpy(eps, w, NB * sizeof *eps);
    free(a), free(b), free(work);
}

static void test_allgather(int rank, int size)
{
    band_dist bd;
    err e = {0};
    band_dist_init(&bd, MPI_COMM_WORLD, &e);
    int good = bd.B == size && bd.rank == rank;
    for (int nb = size; nb <= size + 5; nb++) {
        int n0, n1, ld = 5;
        band_dist_mine(&bd, nb, &n0, &n1);
        double *loc = xcalloc((size_t)(n1 - n0) * ld + 1, sizeof *loc), *all = xcalloc((size_t)nb * ld, sizeof *all);
        for (int n = n0; n < n1; n++)
            for (int g = 0; g < ld; g++) loc[(n - n0) * ld + g] = n + g / 8.0;
        band_dist_allgather(&bd, nb, loc, all, ld);
        for (int n = 0; n < nb; n++)
            for (int g = 0; g < ld; g++) good &= all[n * ld + g] == n + g / 8.0;
        memset(all, 0, (size_t)nb * ld * sizeof *all);   /* in place */
        memcpy(all + (size_t)n0 * ld, loc, (size_t)(n1 - n0) * ld * sizeof *loc);
        band_dist_allgather(&bd, nb, NULL, all, ld);
        for (int n = 0; n < nb; n++)
            for (int g = 0; g < ld; g++) good &= all[n * ld + g] == n + g / 8.0;
        /* a ring pass: run of rank (rank + k) mod B at step k, every band exactly once */
        size_t nbuf = (size_t)(nb / size + 1) * ld;
        double *b0 = xcalloc(nbuf, sizeof *b0), *b1 = xcalloc(nbuf, sizeof *b1);
        int steps = 0, seen = 0;
        band_ring ring;
        for (band_ring_begin(&ring, &bd, nb, loc, ld, b0, b1); ring.cur; band_ring_next(&ring), steps++) {
            const double *c = ring.cur;
            good &= ring.src == (rank + steps) % size;
            for (int n = ring.n0; n < ring.n1; n++, seen++)
                for (int g = 0; g < ld; g++) good &= c[(n - ring.n0) * ld + g] == n + g / 8.0;
        }
        good &= steps == size && seen == nb;
        free(b0), free(b1);
        int r0, r1;
        band_dist_range(nb, size, size - 1, &r0, &r1);
        good &= r1 == nb && n1 - n0 >= nb / size && n1 - n0 <= nb / size + 1;
        free(loc), free(all);
    }
    good = all_ranks(good);
    if (rank == 0)
        ok(good, "band_dist_allgather and band_ring over %d rank(s): every band exact, contiguous runs within one",
           size);
    band_dist_free(&bd);
}

/* max |<psi_n|S|psi_m> - delta_nm| over the gathered bands, and max |proj - <p|psi>| of
 * the local bands. */
static void check_bands(const model *m, band_dist *bd, const double complex *psi, const double complex *proj,
                        double *orth, double *perr)
{
    int n0, n1;
    band_dist_mine(bd, NB, &n0, &n1);
    double complex *all = xcalloc(NPW * NB, sizeof *all), *s = xcalloc(NPW * NB, sizeof *s), pr[NP * NB];
    band_dist_allgather(bd, NB, psi, all, 2 * NPW);
    matvec(m->S, NB, all, s);
    *orth = 0.0;
    for (int n = 0; n < NB; n++)
        for (int k = 0; k < NB; k++) {
            double complex x = 0.0;
            for (int g = 0; g < NPW; g++) x += conj(all[n * NPW + g]) * s[k * NPW + g];
            *orth = fmax(*orth, cabs(x - (n == k)));
        }
    model_apply((void *)m, n1 - n0, psi, NULL, NULL, pr, NP, NULL);
    *perr = 0.0;
    for (int i = 0; i < (n1 - n0) * NP; i++) *perr = fmax(*perr, cabs(pr[i] - proj[i]));
    free(all), free(s);
}

static void test_davidson(int rank, int size)
{
    model m;
    model_init(&m);
    double ref[NB];
    reference(&m, ref);
    davidson d;
    err e = {0};
    int rc = davidson_init(&d, NPW, NB, NP, 0, &e) || davidson_distribute_bands(&d, MPI_COMM_WORLD, &e);
    if (!all_ranks(rc == 0)) {
        if (rank == 0) ok(0, "davidson with %d band ranks: %s", size, e.msg);
        return;
    }
    int n0, n1;
    band_dist_mine(&d.bd, NB, &n0, &n1);
    int nl = n1 - n0;
    double complex *psi = xcalloc((size_t)NB * NPW, sizeof *psi), proj[NB * NP];
    unsigned long long x = 88172645463325252ULL;   /* the same start bands on every rank */
    for (int n = 0; n < NB; n++)
        for (int g = 0; g < NPW; g++) {
            double v[2];
            for (int c = 0; c < 2; c++) {
                x ^= x << 13, x ^= x >> 7, x ^= x << 17;
                v[c] = (x >> 11) * (1.0 / 9007199254740992.0) - 0.5;
            }
            if (n >= n0 && n < n1) psi[(size_t)(n - n0) * NPW + g] = (v[0] + I * v[1]) / (1.0 + m.g2[g]);
        }
    eig_operator op = {.space = {NPW, NPW, 0, -1, 1.0, m.g2, MPI_COMM_NULL, NULL}, .naux = NP, .apply = model_apply, .ctx = &m};
    rc = eig_orthonormalize(&d, &op, NB, psi, proj, NP, &e);
    double orth, perr;
    check_bands(&m, &d.bd, psi, proj, &orth, &perr);
    int good = all_ranks(rc == 0 && orth < 1e-12 && perr < 1e-12);
    if (rank == 0)
        ok(good, "eig_orthonormalize, %d band rank(s): S-orthonormal (%.1e), projections (%.1e)", size, orth, perr);
    double eps[NB], w[NB], error = 0.0;
    for (int n = 0; n < NB; n++) w[n] = 1.0 + 0.1 * n;
    int it;
    for (it = 0; it < 60 && !rc; it++) {
        rc = davidson_iterate(&d, &op, NB, psi, proj, NP, eps, w, &error, &e);
        if (error < 1e-22) break;
    }
    double dmax = 0.0;
    for (int n = 0; n < NB; n++) dmax = fmax(dmax, fabs(eps[n] - ref[n]));
    good = all_ranks(rc == 0 && dmax < 1e-9);
    if (rank == 0)
        ok(good, "davidson, %d band rank(s), %d bands (%d here): %d calls, eigenvalues vs zhegv %.1e (error %.1e)", size,
           NB, nl, it + 1, dmax, error);
    check_bands(&m, &d.bd, psi, proj, &orth, &perr);
    good = all_ranks(orth < 1e-10 && perr < 1e-11);
    if (rank == 0)
        ok(good, "davidson: gathered bands S-orthonormal (%.1e), local projections = <p|psi> (%.1e)", orth, perr);
    double werr = 0.0;
    for (int n = 0; n < NB; n++) werr += w[n] * d.resid[n];
    double mine[NB + 1], root[NB + 1];
    memcpy(mine, eps, sizeof eps), mine[NB] = error;
    memcpy(root, mine, sizeof mine);
    MPI_Bcast(root, NB + 1, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    good = all_ranks(memcmp(mine, root, sizeof mine) == 0 && werr == error);
    if (rank == 0) ok(good, "davidson: eigenvalues and error the same bits on every rank; error = sum_n w_n <R_n|R_n>");
    free(psi);
    davidson_free(&d);
    model_free(&m);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    test_allgather(rank, size);
    test_davidson(rank, size);
    MPI_Finalize();
    if (rank != 0) return 0;
    return tap_done();
}
