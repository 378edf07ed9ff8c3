/* Unit tests of src/eigensolver/subspace (the dense step behind one interface):
 * generalised problems built with a known spectrum, H = L Q diag(lambda) Q^H L^H and
 * S = L L^H (L lower triangular with positive diagonal, Q a Householder reflection),
 * so that H c = lambda S c has exactly the eigenvalues lambda; real and complex.
 * Checked: eigenvalues, S-orthonormal eigenvectors and residuals against the original
 * matrices, the Cholesky factor against L, that only lower triangles are read (upper
 * filled with 42 as GPAW's debug mode does), and the errors. The time of one 2B = 600
 * generalised solve (a 300-band Davidson step) is printed. */
#include "core/mem.h"
#include "core/timer.h"
#include "eigensolver/subspace.h"
#include "tap.h"

#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng_state = 987654321;
static double rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0 - 0.5;
}

/* Dense complex n x n column-major helpers (the test's own, plain loops). */
static void matmul(int n, const double complex *A, int ta, const double complex *B, double complex *C)
{
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double complex s = 0;
            for (int k = 0; k < n; k++) s += (ta ? conj(A[k + i * n]) : A[i + k * n]) * B[k + j * n];
            C[i + j * n] = s;
        }
}

typedef struct {
    int n, real;
    double complex *L, *H, *S;   /* the construction */
    double *lambda;              /* ascending */
} problem;

static void problem_make(problem *p, int n, int real)
{
    p->n = n, p->real = real;
    size_t nn = (size_t)n * n;
    p->L = xcalloc(nn, sizeof *p->L);
    p->H = xmalloc(nn * sizeof *p->H);
    p->S = xmalloc(nn * sizeof *p->S);
    p->lambda = xmalloc(n * sizeof *p->lambda);
    double complex *Q = xmalloc(nn * sizeof *Q), *T = xmalloc(nn * sizeof *T), *v = xmalloc(n * sizeof *v);
    double vv = 0;
    for (int i = 0; i < n; i++) {
        v[i] = rnd() + (real ? 0 : I * rnd());
        vv += creal(v[i] * conj(v[i]));
        p->lambda[i] = -3.0 + 0.37 * i + 0.01 * i * i;
        for (int j = 0; j <= i; j++)
            p->L[i + j * n] = i == j ? 1.0 + 0.5 * (rnd() + 0.5) : 0.3 * (rnd() + (real ? 0 : I * rnd()));
    }
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) Q[i + j * n] = (i == j) - 2.0 * v[i] * conj(v[j]) / vv;
    /* T = L Q diag(lambda); H = T (L Q)^H; S = L L^H */
    matmul(n, p->L, 0, Q, T);
    double complex *LQ = xmalloc(nn * sizeof *LQ);
    memcpy(LQ, T, nn * sizeof *LQ);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) T[i + j * n] *= p->lambda[j];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) {
            double complex h = 0, s = 0;
            for (int k = 0; k < n; k++) {
                h += T[i + k * n] * conj(LQ[j + k * n]);
                s += p->L[i + k * n] * conj(p->L[j + k * n]);
            }
            p->H[i + j * n] = h, p->S[i + j * n] = s;
        }
    free(Q), free(T), free(v), free(LQ);
}

static void problem_free(problem *p)
{
    free(p->L), free(p->H), free(p->S), free(p->lambda);
}

/* Copies the lower triangle into subspace storage, the strict upper set to 42. */
static void store(const problem *p, const double complex *A, double *out)
{
    int n = p->n;
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++) {
            double complex a = i >= j ? A[i + j * n] : 42.0;
            if (p->real) out[i + j * n] = creal(a);
            else out[2 * (i + j * n)] = creal(a), out[2 * (i + j * n) + 1] = cimag(a);
        }
}

static double complex entry(const problem *p, const double *M, int i, int j)
{
    size_t k = (size_t)i + (size_t)j * p->n;
    return p->real ? M[k] : M[2 * k] + I * M[2 * k + 1];
}

static void test_generalised(int n, int real)
{
    const char *kind = real ? "real" : "complex";
    problem p;
    problem_make(&p, n, real);
    subspace s;
    err e = {0};
    ok(subspace_init(&s, n, real, &e) == 0, "%s: init n = %d", kind, n);
    size_t per = real ? 1 : 2;
    double *H = xmalloc((size_t)n * n * per * sizeof *H), *S = xmalloc((size_t)n * n * per * sizeof *S);
    double *eps = xmalloc(n * sizeof *eps);
    store(&p, p.H, H), store(&p, p.S, S);
    ok(subspace_eigh_gen(&s, n, H, S, n, eps, &e) == 0, "%s: generalised solve (%s)", kind, e.msg);
    double dl = 0, dorth = 0, dres = 0;
    for (int i = 0; i < n; i++) dl = fmax(dl, fabs(eps[i] - p.lambda[i]));
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++) {   /* c_a^H S c_b = delta; (H - eps_b S) c_b = 0 */
            double complex o = 0;
            for (int i = 0; i < n; i++)
                for (int k = 0; k < n; k++) o += conj(entry(&p, H, i, a)) * p.S[i + k * n] * entry(&p, H, k, b);
            dorth = fmax(dorth, cabs(o - (a == b)));
        }
    for (int b = 0; b < n; b++)
        for (int i = 0; i < n; i++) {
            double complex r = 0;
            for (int k = 0; k < n; k++) r += (p.H[i + k * n] - eps[b] * p.S[i + k * n]) * entry(&p, H, k, b);
            dres = fmax(dres, cabs(r));
        }
    ok(dl < 1e-11, "%s: eigenvalues = the constructed spectrum (max dev %.1e)", kind, dl);
    ok(dorth < 1e-11, "%s: eigenvectors S-orthonormal (%.1e)", kind, dorth);
    ok(dres < 1e-10, "%s: residuals |(H - eps S) c| (%.1e)", kind, dres);

    store(&p, p.S, S);
    ok(subspace_cholesky(&s, n, S, n, &e) == 0, "%s: Cholesky", kind);
    double dL = 0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) dL = fmax(dL, cabs(entry(&p, S, i, j) - p.L[i + j * n]));
    ok(dL < 1e-12, "%s: Cholesky factor = L, strict upper zero (%.1e)", kind, dL);

    /* standard problem on S = L L^H: its eigenvalues are positive; check by residual */
    store(&p, p.S, H);
    ok(subspace_eigh(&s, n, H, n, eps, &e) == 0, "%s: standard solve", kind);
    dres = 0;
    for (int b = 0; b < n; b++)
        for (int i = 0; i < n; i++) {
            double complex r = 0;
            for (int k = 0; k < n; k++) r += p.S[i + k * n] * entry(&p, H, k, b);
            dres = fmax(dres, cabs(r - eps[b] * entry(&p, H, i, b)));
        }
    ok(dres < 1e-11 && eps[0] > 0, "%s: standard residuals (%.1e), lowest %.3f > 0", kind, dres, eps[0]);

    /* S with a negative eigenvalue: a clear run failure */
    store(&p, p.H, H), store(&p, p.H, S);
    int rc = subspace_eigh_gen(&s, n, H, S, n, eps, &e);
    ok(rc && e.status == EXIT_RUN_FAILED && strstr(e.msg, "not positive definite"),
       "%s: indefinite overlap refused (%s)", kind, e.msg);
    err_clear(&e);
    rc = subspace_eigh(&s, n + 1, H, n + 1, eps, &e);
    ok(rc && e.status == EXIT_INTERNAL, "%s: n beyond the workspace refused (%s)", kind, e.msg);
    free(H), free(S), free(eps);
    subspace_free(&s);
    problem_free(&p);
}

static void test_timing(int n, int real)
{
    subspace s;
    err e = {0};
    subspace_init(&s, n, real, &e);
    size_t per = real ? 1 : 2, nn = (size_t)n * n * per;
    double *H = xmalloc(nn * sizeof *H), *S = xmalloc(nn * sizeof *S), *eps = xmalloc(n * sizeof *eps);
    for (int j = 0; j < n; j++)
        for (int i = 0; i < n; i++)
            for (size_t c = 0; c < per; c++) {
                size_t k = (i + (size_t)j * n) * per + c;
                H[k] = (i == j && !c) ? i * 0.01 : 0.01 * rnd();
                S[k] = (i == j && !c) ? 1.0 : 1e-3 * rnd();
            }
    double t = timer_now();
    int rc = subspace_eigh_gen(&s, n, H, S, n, eps, &e);
    t = timer_now() - t;
    ok(rc == 0, "timing %s n = %d solved", real ? "real" : "complex", n);
    printf("# subspace_eigh_gen %s n = %d: %.1f ms\n", real ? "real" : "complex", n, 1e3 * t);
    free(H), free(S), free(eps);
    subspace_free(&s);
}

int main(void)
{
    test_generalised(40, 0);
    test_generalised(40, 1);
    test_generalised(1, 0);
    test_timing(600, 0);
    test_timing(600, 1);
    return tap_done();
}
