/* Unit tests of src/eigensolver (davidson, precond, space):
 *  - a PAW-like model problem whose spectrum is computed independently by LAPACK's
 *    zhegv on the full matrices: free electrons in a box (10 bohr, ~520 plane waves)
 *    with a separable cosine potential, plus three nonlocal projectors (s on two
 *    atoms, p_z on one) with dH and dO, S = 1 + sum |p> dO <p|. Davidson must reach
 *    zhegv's eigenvalues to 1e-10 at k != 0 (complex), at k = 0 (complex) and at k = 0
 *    with real wavefunctions on the half sphere; real and complex spectra must agree.
 *    After every call the bands must be S-orthonormal and the returned projections
 *    equal <p|psi> (both checked with the test's own dense algebra);
 *  - GPAW 22.8's inner product and kinetic preconditioner on deterministic vectors
 *    (tests/reference/eigen_precond_gpaw.py);
 *  - one call of GPAW 22.8's Davidson on H2 (150 eV real at Gamma; 100 eV complex at
 *    k = (0.25, 0, 0); 2 bands), with GPAW's PAW
 *    Hamiltonian represented on the span of the vectors GPAW built
 *    (tests/reference/eigen_davidson_gpaw.py): same trial vectors, eigenvalues, error
 *    and output bands;
 *  - errors: too many bands, a failing operator, a call that does not fit.
 * The time per davidson_iterate call is printed for the model and for a larger one. */
#include "basis/pw_basis.h"
#include "cell/lattice.h"
#include "core/mem.h"
#include "core/timer.h"
#include "core/units.h"
#include "eigensolver/davidson.h"
#include "eigensolver/precond.h"
#include "tap.h"

#include <complex.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void zhegv_(const int *itype, const char *jobz, const char *uplo, const int *n, double complex *a,
            const int *lda, double complex *b, const int *ldb, double *w, double complex *work,
            const int *lwork, double *rwork, int *info, size_t, size_t);

/* ---- the model problem ---------------------------------------------------------- */

enum { NPROJ = 3 };
static const double BOX = 10.0;                        /* bohr, cubic */
static const double VCOS[3] = {-0.35, -0.25, -0.30};   /* V(r) = sum_c 2 v_c cos(b_c . r) */
static const double RATOM[2][3] = {{2.1, 3.3, 4.7}, {6.0, 5.5, 4.0}};
static const double DH[NPROJ] = {0.4, -0.3, 0.2}, DO[NPROJ] = {0.6, 0.3, 0.5};

typedef struct {
    int nfull;               /* full-sphere plane waves */
    int (*m)[3];             /* integer G vectors */
    double *g2;              /* |k+G|^2 / 2 */
    int *nbr;                /* nfull x 6: index of G +- b_c, -1 outside */
    double complex *p;       /* nfull x NPROJ projector coefficients */
    double w;                /* inner-product weight */
    int real, nhalf;         /* real mode: half-sphere list */
    int *half;               /* nhalf: full index of each half-sphere G (G = 0 first) */
    int *minus;              /* nfull: full index of -G */
    double *g2half;
    double complex *xf, *yf, *sf, *P;  /* work: nfull x nbmax, NPROJ x nbmax */
    int nbmax;
    int fail;                /* 1: apply reports an error (error test) */
    int local_only;          /* apply_full leaves the projector terms out of H (split form) */
    double complex *spare;   /* nfull x nbmax: the S psi the split form does not want */
} model;

static int find(const model *mo, const int m[3])
{
    for (int i = 0; i < mo->nfull; i++)
        if (mo->m[i][0] == m[0] && mo->m[i][1] == m[1] && mo->m[i][2] == m[2]) return i;
    return -1;
}

/* G = 2 pi m / BOX with |k+G|^2/2 <= ecut; k = kfrac 2 pi / BOX. */
static void model_init(model *mo, const double kfrac[3], int mmax2, int nbmax, int real)
{
    memset(mo, 0, sizeof *mo);
    const double b = 2.0 * M_PI / BOX;
    const double ecut = 0.5 * b * b * (mmax2 + 0.5);
    int mm = (int)sqrt(mmax2) + 2, cap = (2 * mm + 1) * (2 * mm + 1) * (2 * mm + 1);
    mo->m = xmalloc(cap * sizeof *mo->m);
    mo->g2 = xmalloc(cap * sizeof *mo->g2);
    for (int i0 = -mm; i0 <= mm; i0++)
        for (int i1 = -mm; i1 <= mm; i1++)
            for (int i2 = -mm; i2 <= mm; i2++) {
                double q[3] = {b * (i0 + kfrac[0]), b * (i1 + kfrac[1]), b * (i2 + kfrac[2])};
                double e = 0.5 * (q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
                if (e > ecut) continue;
                mo->m[mo->nfull][0] = i0, mo->m[mo->nfull][1] = i1, mo->m[mo->nfull][2] = i2;
                mo->g2[mo->nfull++] = e;
            }
    mo->w = 1.0 / (BOX * BOX * BOX);
    mo->nbr = xmalloc(6 * mo->nfull * sizeof *mo->nbr);
    mo->p = xmalloc((size_t)mo->nfull * NPROJ * sizeof *mo->p);
    for (int i = 0; i < mo->nfull; i++) {
        for (int c = 0; c < 6; c++) {
            int t[3] = {mo->m[i][0], mo->m[i][1], mo->m[i][2]};
            t[c / 2] += c % 2 ? -1 : 1;
            mo->nbr[6 * i + c] = find(mo, t);
        }
        double q[3], q2 = 2 * mo->g2[i];
        for (int c = 0; c < 3; c++) q[c] = b * (mo->m[i][c] + kfrac[c]);
        for (int a = 0; a < NPROJ; a++) {
            const double *R = RATOM[a == 1];
            double phase = q[0] * R[0] + q[1] * R[1] + q[2] * R[2];
            double complex f = exp(-0.5 * q2) * cexp(-I * phase);  /* s: exp(-r^2/2) */
            mo->p[(size_t)a * mo->nfull + i] = a == 2 ? -I * q[2] * f : f;   /* p_z: z exp(-r^2/2) */
        }
    }
    mo->real = real;
    if (real) {
        mo->half = xmalloc(mo->nfull * sizeof *mo->half);
        mo->minus = xmalloc(mo->nfull * sizeof *mo->minus);
        mo->g2half = xmalloc(mo->nfull * sizeof *mo->g2half);
        for (int i = 0; i < mo->nfull; i++) {
            const int *m = mo->m[i];
            int t[3] = {-m[0], -m[1], -m[2]};
            mo->minus[i] = find(mo, t);
            if (m[2] > 0 || (m[2] == 0 && m[1] > 0) || (m[2] == 0 && m[1] == 0 && m[0] >= 0)) {
                if (m[0] == 0 && m[1] == 0 && m[2] == 0) {  /* G = 0 first, as pw_basis */
                    memmove(mo->half + 1, mo->half, mo->nhalf * sizeof *mo->half);
                    mo->half[0] = i;
                    mo->nhalf++;
                } else {
                    mo->half[mo->nhalf++] = i;
                }
            }
        }
        for (int h = 0; h < mo->nhalf; h++) mo->g2half[h] = mo->g2[mo->half[h]];
    }
    mo->nbmax = nbmax;
    mo->xf = xmalloc((size_t)mo->nfull * nbmax * sizeof *mo->xf);
    mo->yf = xmalloc((size_t)mo->nfull * nbmax * sizeof *mo->yf);
    mo->sf = xmalloc((size_t)mo->nfull * nbmax * sizeof *mo->sf);
    mo->P = xmalloc((size_t)NPROJ * nbmax * sizeof *mo->P);
    mo->spare = xmalloc((size_t)mo->nfull * nbmax * sizeof *mo->spare);
}

static void model_free(model *mo)
{
    void *p[] = {mo->m, mo->g2, mo->nbr, mo->p, mo->half, mo->minus, mo->g2half, mo->xf, mo->yf, mo->sf, mo->P,
                 mo->spare};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) free(p[i]);
}

/* Full sphere: y = (T + V) x + p dH P, s = x + p dO P, P = w p^H x (plain loops). */
static void apply_full(model *mo, int nb, const double complex *x, double complex *y,
                       double complex *s, double complex *P)
{
    const int n = mo->nfull;
    for (int j = 0; j < nb; j++) {
        const double complex *xj = x + (size_t)j * n;
        for (int a = 0; a < NPROJ; a++) {
            double complex sum = 0;
            for (int i = 0; i < n; i++) sum += conj(mo->p[(size_t)a * n + i]) * xj[i];
            P[a + NPROJ * j] = mo->w * sum;
        }
        for (int i = 0; i < n; i++) {
            double complex hy = mo->g2[i] * xj[i], sy = xj[i];
            for (int c = 0; c < 6; c++)
                if (mo->nbr[6 * i + c] >= 0) hy += VCOS[c / 2] * xj[mo->nbr[6 * i + c]];
            for (int a = 0; a < NPROJ; a++) {
                if (!mo->local_only) hy += mo->p[(size_t)a * n + i] * DH[a] * P[a + NPROJ * j];
                sy += mo->p[(size_t)a * n + i] * DO[a] * P[a + NPROJ * j];
            }
            if (y) y[(size_t)j * n + i] = hy;
            s[(size_t)j * n + i] = sy;
        }
    }
}

static void unpack(const model *mo, const double complex *xh, double complex *xf)
{
    for (int h = 0; h < mo->nhalf; h++) {
        int i = mo->half[h];
        xf[i] = xh[h];
        xf[mo->minus[i]] = conj(xh[h]);
    }
    xf[mo->half[0]] = creal(xh[0]);
}

static int model_apply(void *ctx, int nb, const double complex *psi, double complex *hpsi,
                       double complex *spsi, double complex *proj, int ldp, err *e)
{
    model *mo = ctx;
    if (mo->fail) return err_set(e, EXIT_RUN_FAILED, "model operator: deliberate failure");
    if (!mo->real) {
        apply_full(mo, nb, psi, hpsi, spsi, mo->P);
    } else {
        for (int j = 0; j < nb; j++) unpack(mo, psi + (size_t)j * mo->nhalf, mo->xf + (size_t)j * mo->nfull);
        apply_full(mo, nb, mo->xf, hpsi ? mo->yf : NULL, mo->sf, mo->P);
        for (int j = 0; j < nb; j++)
            for (int h = 0; h < mo->nhalf; h++) {
                if (hpsi) hpsi[(size_t)j * mo->nhalf + h] = mo->yf[(size_t)j * mo->nfull + mo->half[h]];
                spsi[(size_t)j * mo->nhalf + h] = mo->sf[(size_t)j * mo->nfull + mo->half[h]];
            }
    }
    if (proj)
        for (int j = 0; j < nb; j++)
            for (int a = 0; a < NPROJ; a++) proj[a + (size_t)ldp * j] = mo->P[a + NPROJ * j];
    return 0;
}

/* The split form (space.h): (T + V) psi with the projections; the dH / dO terms from them. */
static int model_apply_local(void *ctx, int nb, const double complex *psi, double complex *tpsi,
                             double complex *proj, int ldp, err *e)
{
    model *mo = ctx;
    mo->local_only = 1;
    int rc = model_apply(ctx, nb, psi, tpsi, mo->spare, proj, ldp, e);
    mo->local_only = 0;
    return rc;
}

static void model_nonlocal_gram(void *ctx, int h, int m, const double complex *A, int lda, int n,
                                const double complex *B, int ldb, double *M, int ldm)
{
    const model *mo = ctx;
    for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++) {
            double complex sum = 0;
            for (int a = 0; a < NPROJ; a++)
                sum += conj(A[a + (size_t)lda * i]) * (h ? DH[a] : DO[a]) * B[a + (size_t)ldb * j];
            if (mo->real) M[i + (size_t)ldm * j] += creal(sum);
            else M[2 * (i + (size_t)ldm * j)] += creal(sum), M[2 * (i + (size_t)ldm * j) + 1] += cimag(sum);
        }
}

static int model_add_nonlocal(void *ctx, int nb, const double *eps, const double complex *proj, int ldp,
                              double complex *R, int ldr, err *e)
{
    const model *mo = ctx;
    const int n = mo->nfull, len = mo->real ? mo->nhalf : n;
    for (int j = 0; j < nb; j++)
        for (int g = 0; g < len; g++) {
            int i = mo->real ? mo->half[g] : g;
            for (int a = 0; a < NPROJ; a++)
                R[(size_t)j * ldr + g] += mo->p[(size_t)a * n + i] * (DH[a] - eps[j] * DO[a]) * proj[a + (size_t)ldp * j];
        }
    (void)e;
    return 0;
}

static eig_operator model_operator(model *mo)
{
    eig_operator op = {.naux = NPROJ, .apply = model_apply, .ctx = mo};
    op.space = (eig_space){.npw = mo->real ? mo->nhalf : mo->nfull,
                           .ld = mo->real ? mo->nhalf : mo->nfull,
                           .real = mo->real, .g0 = mo->real ? 0 : -1, .weight = mo->w,
                           .g2 = mo->real ? mo->g2half : mo->g2, .comm = MPI_COMM_NULL};
    return op;
}

/* All eigenvalues of the full-sphere problem by LAPACK zhegv (the independent reference). */
static double *reference_spectrum(model *mo)
{
    const int n = mo->nfull;
    double complex *E = xcalloc((size_t)n * n, sizeof *E), *H = xmalloc((size_t)n * n * sizeof *H);
    double complex *S = xmalloc((size_t)n * n * sizeof *S), *P = xmalloc((size_t)NPROJ * n * sizeof *P);
    for (int i = 0; i < n; i++) E[(size_t)i * n + i] = 1.0;
    apply_full(mo, n, E, H, S, P);   /* columns: H e_i and S e_i */
    double *w = xmalloc(n * sizeof *w), *rwork = xmalloc(3 * n * sizeof *rwork);
    int one = 1, lwork = 4 * n, info;
    zhegv_(&one, "N", "L", &n, H, &n, S, &n, w, E, &lwork, rwork, &info, 1, 1);
    if (info) printf("# zhegv info %d\n", info);
    free(E), free(H), free(S), free(P), free(rwork);
    return w;
}

/* max |<psi_i|S|psi_j> - delta_ij| and max |proj - <p|psi>| by the model's own loops. */
static void check_bands(model *mo, int nb, const double complex *psi, const double complex *proj,
                        double *dorth, double *dproj)
{
    const int n = mo->nfull;
    double complex *x = mo->real ? mo->xf : (double complex *)psi;
    if (mo->real)
        for (int j = 0; j < nb; j++) unpack(mo, psi + (size_t)j * mo->nhalf, x + (size_t)j * n);
    apply_full(mo, nb, x, NULL, mo->sf, mo->P);
    *dorth = *dproj = 0.0;
    for (int i = 0; i < nb; i++)
        for (int j = 0; j < nb; j++) {
            double complex sum = 0;
            for (int g = 0; g < n; g++) sum += conj(x[(size_t)i * n + g]) * mo->sf[(size_t)j * n + g];
            *dorth = fmax(*dorth, cabs(mo->w * sum - (i == j)));
        }
    for (int j = 0; j < nb; j++)
        for (int a = 0; a < NPROJ; a++)
            *dproj = fmax(*dproj, cabs(proj[a + NPROJ * j] - mo->P[a + NPROJ * j]));
}

static unsigned long long rng_state = 12345;
static double rnd(void)
{
    rng_state = rng_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (double)(rng_state >> 11) / 9007199254740992.0 - 0.5;
}

/* Runs Davidson on nb bands from random ones until the lowest nconv eigenvalues agree
 * with zhegv to 1e-10 (the others are buffer bands, weight 0 in the error, as GPAW's
 * extra bands); returns the calls needed (or -1), the eigenvalues in eps_out. */
static int converge(const char *label, const double kfrac[3], int real, int split, int nb, int nconv, double *eps_out)
{
    model mo;
    model_init(&mo, kfrac, 25, nb, real);
    double *ref = reference_spectrum(&mo);
    eig_operator op = model_operator(&mo);
    if (split) {
        op.apply_local = model_apply_local;
        op.nonlocal_gram = model_nonlocal_gram;
        op.add_nonlocal = model_add_nonlocal;
    }
    const int npw = op.space.npw;
    davidson d;
    err e = {0};
    ok(davidson_init(&d, npw, nb, NPROJ, real, &e) == 0, "%s: workspace for %d plane waves, %d bands", label, npw, nb);
    if (split) {   /* as the SCF runs it: no S blocks, the projections kept current */
        davidson_drop_overlap_blocks(&d);
        d.proj_current = 1;
    }
    double complex *psi = xmalloc((size_t)npw * nb * sizeof *psi), *proj = xmalloc(NPROJ * nb * sizeof *proj);
    for (size_t i = 0; i < (size_t)npw * nb; i++) psi[i] = rnd() + I * rnd();
    if (real) for (int j = 0; j < nb; j++) psi[(size_t)j * npw] = creal(psi[(size_t)j * npw]);
    double dorth, dproj, worst_orth = 0, worst_proj = 0, *eps = xmalloc(nb * sizeof *eps), *w = xmalloc(nb * sizeof *w);
    for (int n = 0; n < nb; n++) w[n] = n < nconv;
    ok(eig_orthonormalize(&d, &op, nb, psi, proj, NPROJ, &e) == 0, "%s: orthonormalize random bands", label);
    check_bands(&mo, nb, psi, proj, &dorth, &dproj);
    ok(dorth < 1e-12 && dproj < 1e-12, "%s: after orthonormalize <psi|S|psi> = 1 (%.1e), proj = <p|psi> (%.1e)",
       label, dorth, dproj);
    int calls = -1, it;
    double t0 = timer_now(), dev = 0, error = 0, error1 = 0;
    for (it = 1; it <= 60; it++) {
        if (davidson_iterate(&d, &op, nb, psi, proj, NPROJ, eps, w, &error, &e)) {
            printf("# %s\n", e.msg);
            break;
        }
        if (it == 1) error1 = error;
        check_bands(&mo, nb, psi, proj, &dorth, &dproj);
        worst_orth = fmax(worst_orth, dorth), worst_proj = fmax(worst_proj, dproj);
        dev = 0;
        for (int n = 0; n < nconv; n++) dev = fmax(dev, fabs(eps[n] - ref[n]));
        if (dev < 1e-10) { calls = it; break; }
    }
    double t = (timer_now() - t0) / (calls > 0 ? calls : 60), tc = t * (calls > 0 ? calls : 60);
    ok(calls > 0, "%s: Davidson reaches zhegv's %d lowest eigenvalues to 1e-10 in %d calls (dev %.1e)",
       label, nconv, calls, dev);
    ok(worst_orth < 1e-10, "%s: S-orthonormal after every call (worst %.1e)", label, worst_orth);
    ok(worst_proj < 1e-10, "%s: projections rotated with the bands (worst %.1e)", label, worst_proj);
    ok(error < 1e-6 * error1, "%s: GPAW's weighted residual error falls from %.2e to %.2e", label, error1, error);
    printf("# %s: npw %d, %d bands: %.3f ms per davidson_iterate (apply %.0f%%, gram %.0f%%, diag %.0f%%, "
           "rotate %.0f%%)\n", label, npw, nb, 1e3 * t, 100 * d.t_apply / tc, 100 * d.t_gram / tc,
           100 * d.t_diag / tc, 100 * d.t_rotate / tc);
    memcpy(eps_out, eps, nb * sizeof *eps);
    free(psi), free(proj), free(eps), free(ref), free(w);
    davidson_free(&d);
    model_free(&mo);
    return calls;
}

static void test_model(void)
{
    enum { NB = 12, NCONV = 8 };
    double ek[NB], ec[NB], er[NB], sk[NB], sc[NB], sr[NB];
    converge("complex k=(0.1,0.2,0.3)", (double[3]){0.1, 0.2, 0.3}, 0, 0, NB, NCONV, ek);
    converge("complex Gamma", (double[3]){0, 0, 0}, 0, 0, NB, NCONV, ec);
    converge("real Gamma (half sphere)", (double[3]){0, 0, 0}, 1, 0, NB, NCONV, er);
    double dev = 0;
    for (int n = 0; n < NCONV; n++) dev = fmax(dev, fabs(ec[n] - er[n]));
    ok(dev < 1e-10, "real half-sphere path gives the complex path's spectrum (max diff %.1e)", dev);
    /* the split form (T + V applied, projector terms from the projections) */
    converge("split, complex k=(0.1,0.2,0.3)", (double[3]){0.1, 0.2, 0.3}, 0, 1, NB, NCONV, sk);
    converge("split, complex Gamma", (double[3]){0, 0, 0}, 0, 1, NB, NCONV, sc);
    converge("split, real Gamma (half sphere)", (double[3]){0, 0, 0}, 1, 1, NB, NCONV, sr);
    dev = 0;
    for (int n = 0; n < NCONV; n++)
        dev = fmax(dev, fmax(fabs(sk[n] - ek[n]), fmax(fabs(sc[n] - ec[n]), fabs(sr[n] - er[n]))));
    ok(dev < 1e-10, "split form gives the full operator's spectra (max diff %.1e)", dev);
}

/* ---- GPAW's inner product and preconditioner --------------------------------------- */

typedef struct {
    int real;
    double kfrac[3];
    int npw;
    double weight;            /* dv / N */
    double ekin[3];
    double S[6][2];           /* <psi_i|psi_j>, i <= j */
    int idx[4];
    double out[4][2];         /* preconditioned band 1 at idx */
    double sum2;              /* sum |P psi|^2 over all bands */
} gpaw_case;

/* tests/reference/eigen_precond_gpaw.py (GPAW 22.8) */
static const gpaw_case GPAW[2] = {
{1, {0.0, 0.0, 0.0}, 163, 4.9732349537037066e-06,
  {0.0001960258299383103, 0.00020189837029097784, 0.00018691485916218071},
  {{5.7565875357346872e-05, 0}, {2.5497779372054866e-05, 0}, {-1.4916038511049367e-06, 0}, {6.5078314401567568e-05, 0}, {2.3125160699153369e-05, 0}, {5.3267179603181858e-05, 0}},
  {0, 7, 81, 162},
  {{-4876.8335452818847, -0}, {-0.089704671289112456, -0.091413434935592869}, {0.01028737074468178, 0.010508240941261623}, {-0.0026927221030734042, -0.00066519342495803622}},
  74059662.952812463},
{0, {0.1, -0.2, 0.25}, 322, 4.9732349537037066e-06,
  {0.00019183432133618861, 0.00019483312068074954, 0.00019548934160303275},
  {{6.353921203321579e-05, 0}, {1.8267149573593552e-05, 1.4107743291418954e-06}, {-4.4095079280275191e-06, 4.7918679215423237e-06}, {6.3635706150052802e-05, 0}, {1.6523563163121952e-05, -1.0677676550148924e-06}, {5.6392813042802251e-05, 0}},
  {0, 7, 161, 321},
  {{-9.6942707309977578, -11.75831448710443}, {-0.20122429805123429, -0.20505737341238578}, {-0.014217190217836444, 0.00047861198234487812}, {-0.19707795588007668, 0.21291674040526473}},
  581.94355147694523},
};

static void test_gpaw_precond(void)
{
    static const double cell[3][3] = {{5.0, 0.0, 0.0}, {0.5, 5.5, 0.0}, {0.3, 0.2, 6.0}};
    fft_grid g = {.n = {16, 18, 20}};
    memcpy(g.cell, cell, sizeof g.cell);
    lattice_reciprocal(cell, g.recip);
    g.volume = fabs(lattice_volume(cell));
    for (int c = 0; c < 2; c++) {
        const gpaw_case *r = &GPAW[c];
        const char *name = r->real ? "real" : "complex";
        pw_basis b;
        pw_basis_init(&b, &g, r->kfrac, 12.0, r->real);
        ok(b.npw == r->npw, "GPAW %s: %d coefficients (GPAW %d)", name, b.npw, r->npw);
        if (b.npw != r->npw) { pw_basis_free(&b); continue; }
        eig_space s = {.npw = b.npw, .ld = b.npw, .real = r->real, .g0 = r->real ? 0 : -1,
                       .weight = g.volume / pow(16.0 * 18 * 20, 2), .g2 = b.g2, .comm = MPI_COMM_NULL};
        near(s.weight / r->weight, 1.0, 1e-14, "GPAW %s: weight dv/N", name);
        double complex *psi = xmalloc(3 * (size_t)b.npw * sizeof *psi), *out = xmalloc(3 * (size_t)b.npw * sizeof *out);
        for (int n = 0; n < 3; n++)   /* eigen_precond_gpaw.py, vectors() */
            for (int i = 0; i < b.npw; i++)
                psi[(size_t)n * b.npw + i] = (cos(0.37 * (i + 1) * (n + 1)) + I * sin(0.11 * (i + 1) + n)) / (1 + b.g2[i]);
        if (r->real) for (int n = 0; n < 3; n++) psi[(size_t)n * b.npw] = creal(psi[(size_t)n * b.npw]);
        double S[9][2], ek[3], dS = 0, dk = 0, dout = 0, sum2 = 0;
        eig_gram(&s, 3, 3, psi, psi, &S[0][0], 3);
        for (int i = 0, k = 0; i < 3; i++)
            for (int j = i; j < 3; j++, k++) {
                /* M(i,j) at i + 3j; for real storage one double per entry */
                double re = r->real ? ((double *)S)[i + 3 * j] : S[i + 3 * j][0];
                double im = r->real ? 0.0 : S[i + 3 * j][1];
                dS = fmax(dS, hypot(re - r->S[k][0], im - r->S[k][1]) / fabs(r->S[0][0]));
            }
        ok(dS < 1e-13, "GPAW %s: <psi_i|psi_j> as PWDescriptor.integrate (rel. %.1e)", name, dS);
        precond_ekin(&s, 3, psi, ek);
        for (int n = 0; n < 3; n++) dk = fmax(dk, fabs(ek[n] / r->ekin[n] - 1));
        ok(dk < 1e-13, "GPAW %s: kinetic energies as Preconditioner.calculate_kinetic_energy (rel. %.1e)", name, dk);
        precond_apply(&s, 3, ek, psi, out);
        for (int q = 0; q < 4; q++) {
            double complex o = out[(size_t)b.npw + r->idx[q]], want = r->out[q][0] + I * r->out[q][1];
            dout = fmax(dout, cabs(o - want) / cabs(want));
        }
        for (size_t i = 0; i < 3 * (size_t)b.npw; i++) sum2 += pow(cabs(out[i]), 2);
        ok(dout < 1e-12, "GPAW %s: preconditioned values as _gpaw.pw_precond (rel. %.1e)", name, dout);
        near(sum2 / r->sum2, 1.0, 1e-12, "GPAW %s: sum |P psi|^2 over all coefficients", name);
        free(psi), free(out);
        pw_basis_free(&b);
    }
}

/* ---- errors --------------------------------------------------------------------- */

static void test_errors(void)
{
    model mo;
    model_init(&mo, (double[3]){0, 0, 0}, 1, 8, 0);   /* 7 plane waves */
    eig_operator op = model_operator(&mo);
    davidson d;
    err e = {0};
    davidson_init(&d, op.space.npw, 8, NPROJ, 0, &e);
    double complex *psi = xcalloc((size_t)op.space.npw * 8, sizeof *psi), proj[NPROJ * 8];
    double eps[8];
    for (int j = 0; j < 4; j++) psi[(size_t)j * op.space.npw + j] = 1.0;
    int rc = davidson_iterate(&d, &op, 4, psi, proj, NPROJ, eps, NULL, NULL, &e);
    ok(rc && e.status == EXIT_BAD_INPUT && strstr(e.msg, "plane waves"),
       "4 bands in 7 plane waves: refused (%s)", e.msg);
    err_clear(&e);
    mo.fail = 1;
    rc = davidson_iterate(&d, &op, 2, psi, proj, NPROJ, eps, NULL, NULL, &e);
    ok(rc && e.status == EXIT_RUN_FAILED && strstr(e.msg, "deliberate"), "operator error travels up (%s)", e.msg);
    err_clear(&e);
    mo.fail = 0;
    op.space.real = 1;
    rc = davidson_iterate(&d, &op, 2, psi, proj, NPROJ, eps, NULL, NULL, &e);
    ok(rc && e.status == EXIT_INTERNAL, "real call on a complex workspace refused (%s)", e.msg);
    op.space.real = 0;
    err_clear(&e);
    memset(psi, 0, sizeof *psi * op.space.npw * 2);
    psi[0] = psi[op.space.npw] = 1.0;  /* two identical bands */
    rc = eig_orthonormalize(&d, &op, 2, psi, proj, NPROJ, &e);
    ok(rc && e.status == EXIT_RUN_FAILED && strstr(e.msg, "linearly dependent"),
       "linearly dependent bands: clear error (%s)", e.msg);
    free(psi);
    davidson_free(&d);
    model_free(&mo);
}

/* ---- timing of a larger call ------------------------------------------------------ */

static void test_timing(int real)
{
    enum { NB = 48 };
    model mo;
    model_init(&mo, (double[3]){0, 0, 0}, 144, NB, real);   /* ~7200 plane waves */
    eig_operator op = model_operator(&mo);
    const int npw = op.space.npw;
    davidson d;
    err e = {0};
    davidson_init(&d, npw, NB, NPROJ, real, &e);
    double complex *psi = xmalloc((size_t)npw * NB * sizeof *psi), proj[NPROJ * NB];
    for (size_t i = 0; i < (size_t)npw * NB; i++) psi[i] = rnd() + I * rnd();
    if (real) for (int j = 0; j < NB; j++) psi[(size_t)j * npw] = creal(psi[(size_t)j * npw]);
    double eps[NB], error;
    eig_orthonormalize(&d, &op, NB, psi, proj, NPROJ, &e);
    memset(&d.napply, 0, sizeof d.napply);
    d.t_apply = d.t_gram = d.t_diag = d.t_rotate = d.t_precond = 0;
    const int calls = 3;
    double t0 = timer_now();
    int rc = 0;
    for (int it = 0; it < calls; it++) rc |= davidson_iterate(&d, &op, NB, psi, proj, NPROJ, eps, NULL, &error, &e);
    double t = (timer_now() - t0) / calls, alg = t - d.t_apply / calls;
    ok(rc == 0 && error < 1e3, "timing %s: %d calls run", real ? "real" : "complex", calls);
    printf("# timing %s: npw %d, %d bands: %.1f ms per davidson_iterate, of which %.1f ms eigensolver "
           "algebra (gram %.1f, diag %.1f, rotate %.1f, precond %.1f) and %.1f ms the model operator\n",
           real ? "real" : "complex", npw, NB, 1e3 * t, 1e3 * alg, 1e3 * d.t_gram / calls,
           1e3 * d.t_diag / calls, 1e3 * d.t_rotate / calls, 1e3 * d.t_precond / calls,
           1e3 * d.t_apply / calls);
    free(psi);
    davidson_free(&d);
    model_free(&mo);
}

/* ---- GPAW's Davidson on H2 ---------------------------------------------------------- */

typedef struct {
    int n[3];
    double cell[3][3];
    int real;
    double ecut_ev;
    double kfrac[3];
    int nb, npw;
    double weights[2], eps[2], error;   /* GPAW's weights, output eigenvalues and error */
    const double (*V)[2];    /* 6 x npw: psi_in (2), psi2 of step 1 (2), of step 2 (2) */
    const double (*HV)[2];   /* H V (PAW) */
    const double (*SV)[2];   /* S V (PAW) */
    const double (*out)[2];  /* 2 x npw: GPAW's output bands */
} gpaw_davidson;

/* eigen_davidson_gpaw.py real: H2, 150 eV, real, 2 bands, SCF call 3 */
enum { H2_NPW = 47 };
static const gpaw_davidson H2 = {
  {9, 9, 9},
  {{5.6691783775107849, 0, 0}, {0, 5.6691783775107849, 0}, {0, 0, 5.6691783775107849}},
  1, 150, {0, 0, 0}, 2, H2_NPW,
  {2, 4.8710921536668312e-33},
  {-0.42749139184932028, 0.11442783838571857},
  1.6114679432940215e-06,
  (const double (*)[2])(const double[][H2_NPW][2]){
   {{-42.362558266132019,0}, {9.0218114287660978,4.350320203288937e-15}, {-0.43938098773223189,8.5929211728973901e-17}, {11.74940357047941,2.3838700227752401e-15}, {-4.2600651358240382,-2.0097925660223347e-15}, {0.28820609786221296,-1.280272779710588e-16}, {-2.0821531434846601,-5.5233762426613192e-16}, {1.1004352690331898,3.4761054347871482e-16}, {-0.10533152755817508,1.380855849807744e-16}, {1.1004352690331898,7.7293134932923031e-18}, {-0.10533152755817503,1.7984246630562976e-16}, {-4.2600651358240382,-9.5184549556626339e-16}, {0.28820609786221291,-1.8921418529277079e-16}, {11.749403570479412,1.858029274799024e-15}, {-4.2600651358240382,-2.0831932927660304e-15}, {0.28820609786221291,-1.3081845901898937e-16}, {-5.5478858593207816,-1.4996785302163788e-15}, {2.4636075630887082,1.0512573983680479e-15}, {-0.1980831934520276,1.3906377665141788e-16}, {1.4379675431263941,4.7380867242070187e-16}, {-0.79330941371622765,-1.8625748573358182e-16}, {-0.79330941371622754,7.4601387280727776e-18}, {2.4636075630887073,1.0030894025922675e-15}, {-0.19808319345202743,1.6616007858602181e-16}, {-2.0821531434846605,-7.6203742761162364e-16}, {1.1004352690331898,3.167065689566859e-16}, {-0.10533152755817503,1.3938801323577076e-16}, {1.4379675431263941,5.1269892011172413e-16}, {-0.79330941371622776,-1.7580478500718989e-16}, {-0.60326453833163551,-3.1662600263462055e-16}, {-0.79330941371622743,-1.6537284546324784e-16}, {1.1004352690331898,-6.9391393125884446e-18}, {-0.105331527558175,2.0156571895529915e-16}, {1.4379675431263939,-1.871576664759533e-16}, {-0.79330941371622754,-3.8444615875642196e-17}, {-0.6032645383316354,-1.3933680602083837e-16}, {-0.79330941371622743,1.1898513925811709e-16}, {-4.2600651358240382,-8.3463438321554912e-16}, {0.28820609786221296,-2.08478810761308e-16}, {-5.5478858593207816,-1.7879095798570089e-16}, {2.4636075630887078,8.5930444413043751e-16}, {-0.19808319345202749,1.806669818567297e-16}, {1.4379675431263941,3.0642350220904455e-16}, {-0.79330941371622754,-2.3215941674546358e-16}, {-0.79330941371622754,1.1319429019346539e-16}, {2.4636075630887073,1.5771866468730493e-16}, {-0.19808319345202741,2.2683177340036882e-16}},
   {{33.335256846025786,0}, {13.689369769265788,1.4016191897592399e-16}, {-0.83466726530917379,-1.1100110231350005e-16}, {15.246895376983616,2.2037696016338347e-15}, {-5.1746246373501625,-1.4053538235116535e-15}, {0.47984756806944706,1.6809222349092499e-17}, {-2.1207382528641774,-4.7606739402591795e-16}, {1.1125907693306771,3.535403681303507e-16}, {-0.15037333375832243,9.3241772691906083e-17}, {1.1125907693306767,-1.2128522724181841e-16}, {-0.15037333375832235,1.5688995262062342e-16}, {-5.1746246373501625,-1.6774768877523353e-16}, {0.47984756806944695,-1.7737035382159926e-16}, {15.246895376983616,5.1254398663382985e-16}, {-5.1746246373501625,-1.9289964069519174e-15}, {0.47984756806944712,-4.9673829730478167e-17}, {-6.1171140036899789,-2.1310699348014904e-15}, {2.696105656691286,9.0317190974724156e-16}, {-0.3070261984887902,-3.8545790070940066e-17}, {1.3808097619932518,5.713921776329988e-16}, {-0.77463786417369096,-2.0324817813980971e-16}, {-0.77463786417369085,2.514150694181536e-17}, {2.696105656691286,1.1536071418774245e-16}, {-0.30702619848879015,5.7660806649643233e-17}, {-2.1207382528641769,-6.4472253231054361e-16}, {1.1125907693306769,9.2933015226585122e-17}, {-0.15037333375832249,1.2492944388301649e-16}, {1.3808097619932522,3.6428262842603336e-16}, {-0.77463786417369107,-2.3328181193041539e-16}, {-0.54296744070504022,-2.4523399489470178e-16}, {-0.77463786417369107,-9.0746604453216092e-17}, {1.1125907693306767,1.9866327662799247e-16}, {-0.1503733337583224,1.2226605421157123e-16}, {1.380809761993252,4.239999875987566e-17}, {-0.77463786417369085,-1.1397647873334197e-16}, {-0.54296744070504011,-1.789995957443089e-18}, {-0.77463786417369107,1.0260301092637014e-16}, {-5.1746246373501634,1.7856362961738316e-16}, {0.47984756806944689,-1.4271103525455367e-16}, {-6.1171140036899789,2.6697773094595897e-16}, {2.696105656691286,6.074326864114037e-16}, {-0.30702619848879015,1.0407923008614287e-16}, {1.3808097619932518,1.5357429770739771e-16}, {-0.77463786417369096,-2.6272084078400222e-16}, {-0.77463786417369085,1.7422743854586389e-16}, {2.6961056566912864,-3.5027379503258136e-16}, {-0.30702619848879004,2.2428340269674945e-16}},
   {{0.028824347363376662,-0}, {-0.0087632885716823813,3.7853758570877114e-16}, {-0.010301112310928834,1.8204879650627824e-16}, {-0.20689339936613865,1.4928443017385248e-15}, {-0.058640954750529918,1.3170742398405244e-16}, {0.0035361287593236191,-1.9635096738675584e-16}, {-0.010724293820506626,1.6729977886823e-16}, {0.0069961525720461399,-2.0440590597171879e-16}, {0.0010642287779370511,1.3528700136048872e-16}, {0.0069961525720469179,-5.1209704250963125e-17}, {0.0010642287779370511,1.1364856394089548e-16}, {-0.058640954750532145,3.1113603632034015e-16}, {0.0035361287593235922,-2.575957571331084e-16}, {-0.20689339936612455,1.5066478532394038e-15}, {-0.058640954750532145,2.1363907560519938e-17}, {0.003536128759323522,-2.5605689568370292e-16}, {-0.043307416362861152,-7.3285666162195339e-16}, {0.030097005666903282,1.1189055684018225e-16}, {-0.00047710300735364432,1.9245292153559843e-16}, {0.0066822091527221385,-1.4628735052567629e-16}, {-0.0033964473361060995,2.6984595203257903e-16}, {-0.0033964473361061693,9.3940027873278416e-17}, {0.030097005666903282,-1.6185015276349685e-16}, {-0.00047710300735366178,1.7782856137497261e-16}, {-0.010724293820507078,-1.1387940978188473e-15}, {0.0069961525720461399,-3.0479719742315164e-17}, {0.0010642287779370921,1.2883579568094316e-16}, {0.0066822091527221385,-2.3894147932213812e-17}, {-0.0033964473361063788,1.1420308497792508e-16}, {-0.0011222866774723039,-1.4113362300562807e-17}, {-0.0033964473361061693,9.0250811221849451e-17}, {0.0069961525720467444,-3.5011884304185349e-16}, {0.0010642287779370481,1.3886709677481369e-16}, {0.0066822091527217924,7.9884469706003928e-17}, {-0.0033964473361065184,1.2381441664520909e-16}, {-0.0011222866774723039,3.6111398337860788e-17}, {-0.0033964473361061693,3.3273220833332735e-16}, {-0.058640954750532145,5.5447050744237709e-16}, {0.0035361287593236351,-1.8834151303672712e-16}, {-0.043307416362860875,9.1198897373134171e-16}, {0.030097005666903445,-2.8110137232783877e-16}, {-0.00047710300735363126,1.0925384810550505e-16}, {0.0066822091527221385,-5.5932024909384863e-17}, {-0.0033964473361060995,1.5365635360627278e-16}, {-0.0033964473361062391,5.3214077777196581e-17}, {0.030097005666903119,-2.3722968874926934e-16}, {-0.00047710300735362687,1.9938871433549548e-16}},
   {{0.039785643316897899,-0}, {-0.20833637495806218,-7.0233861023301871e-16}, {-0.036460581946546861,-2.9076222108258474e-16}, {-0.16044683468922266,4.3864589089556523e-16}, {-0.073337185244263733,4.5216938599371597e-16}, {0.013200059479177899,1.4231654248281976e-16}, {-0.042791067624199569,7.8523496214661932e-17}, {0.016738092490644473,-2.8495637702521755e-17}, {-0.0037396585665655374,1.6230483178774985e-18}, {0.01673809249064433,-2.2101652298120074e-16}, {-0.0037396585665655101,1.8311251766466213e-17}, {-0.073337185244263733,-1.9846031119734651e-16}, {0.013200059479177864,7.7920068438787623e-17}, {-0.16044683468922866,-2.8987476320583917e-17}, {-0.073337185244264969,-1.295979861786916e-16}, {0.013200059479178201,4.0442275167787726e-17}, {-0.059968211495725864,-8.4104947255214541e-16}, {0.032179145774230998,-5.1145381841976134e-17}, {-0.0085073524031667666,-1.5565502428433726e-16}, {0.01802893877473687,1.6115844837671868e-16}, {-0.013803664227349138,1.1562515875050581e-16}, {-0.013803664227349214,7.4902672326332056e-17}, {0.032179145774231185,-6.4211904893560836e-17}, {-0.0085073524031669002,-1.4459535472832707e-16}, {-0.042791067624198667,-2.5904373856458424e-16}, {0.016738092490644473,-2.4391827880917521e-16}, {-0.0037396585665656281,5.1468128467524927e-17}, {0.018028938774738216,4.3737482554459204e-17}, {-0.013803664227349138,7.095093007013388e-17}, {-0.0090893918067045023,-7.9809967638456912e-17}, {-0.013803664227349367,1.6682850542398004e-16}, {0.01673809249064433,1.0787193021157738e-16}, {-0.0037396585665655777,-1.3714176730974612e-17}, {0.018028938774738216,-2.9148186452306149e-17}, {-0.013803664227349138,5.7892714170790493e-17}, {-0.0090893918067043947,9.5857916967831252e-17}, {-0.013803664227349214,-3.650319302137835e-17}, {-0.073337185244266204,2.4669334574959674e-16}, {0.013200059479177876,9.9693980862258173e-17}, {-0.059968211495725864,1.3321545602169998e-16}, {0.032179145774231185,-2.2764309946323244e-16}, {-0.0085073524031667666,-4.8063474286493278e-17}, {0.01802893877473687,-1.5589986271823159e-16}, {-0.013803664227349291,-3.9161031732722018e-17}, {-0.013803664227349214,8.3402572659836188e-17}, {0.032179145774231935,-3.4026983956223878e-16}, {-0.0085073524031667527,-1.4661713419931988e-17}},
   {{0.00038190159247895172,-0}, {-0.0061930188258558887,-1.8930714731252174e-16}, {0.0036629591378285532,7.2278266705173684e-17}, {0.00034629072724612028,-5.4194446409427297e-17}, {-0.0029245472833043626,6.4323934793684145e-18}, {-0.0023773953323273931,-3.9547152180200933e-17}, {-0.0016711006567390672,1.5774881897105119e-16}, {-0.0022424601554042922,-1.7733596320046753e-17}, {-0.00014239793293300515,-1.1023900754173454e-17}, {-0.0022424601554046379,1.8920148921303263e-16}, {-0.00014239793293294216,-1.7961406769669261e-17}, {-0.0029245472833049168,-2.5401074229076118e-16}, {-0.0023773953323274035,-6.589622366479099e-17}, {0.00034629072725225372,-7.9494928376390294e-16}, {-0.0029245472833038084,-9.0987997895411146e-17}, {-0.0023773953323273822,-8.1199922620148515e-17}, {-0.014936709526282411,-5.6171221153778317e-16}, {-0.0068815350425184491,8.287229692044408e-17}, {0.0008692236564508902,5.8504467101832366e-17}, {-0.001046050285566625,-1.0196689038071161e-16}, {0.0010609140497922645,3.0773200739294515e-17}, {0.0010609140497926134,-1.0725599423423137e-16}, {-0.0068815350425181238,-3.6909014755509397e-17}, {0.00086922365645087274,3.6051803435043497e-17}, {-0.0016711006567372583,-3.7048218593420065e-16}, {-0.0022424601554046379,5.7482938221564759e-17}, {-0.00014239793293303348,-1.6917094549963271e-17}, {-0.001046050285566625,-1.7917268292385521e-16}, {0.0010609140497922645,-1.0290842326265668e-16}, {-1.1360695413924109e-05,1.1861512361648054e-16}, {0.001060914049792474,-2.5346948469115371e-16}, {-0.0022424601554049831,2.5593428389307168e-16}, {-0.00014239793293296105,-6.9626121720729279e-18}, {-0.001046050285566625,3.1468954706500289e-16}, {0.0010609140497923344,-9.7170471687754901e-17}, {-1.1360695414024876e-05,2.4135594382595197e-17}, {0.0010609140497927531,-6.0958164806773783e-18}, {-0.0029245472833038084,-2.2293095084377423e-16}, {-0.002377395332327452,-2.8428206501419286e-17}, {-0.014936709526282411,3.5875260142074375e-16}, {-0.006881535042518286,5.9313740176668655e-17}, {0.00086922365645091199,-3.2225151202739602e-17}, {-0.0010460502855667115,-8.4020751972586958e-17}, {0.0010609140497926134,-9.8813217110176443e-17}, {0.001060914049792474,-1.8774356057470437e-16}, {-0.0068815350425187735,2.6072170062034835e-16}, {0.00086922365645091199,2.7273752387076814e-17}},
   {{0.00090749008541234479,-0}, {0.006312007116476461,-1.8193921707977838e-16}, {0.0031849372670195962,2.0531477429089338e-16}, {-0.0030315144050427219,3.8116982389589797e-16}, {0.0082961509484921168,-3.3546693036854844e-16}, {0.0028214182746988579,-9.9186165776460459e-17}, {0.0046520684111619462,-2.1908937219037921e-16}, {0.0033337394293722756,1.2551781318468888e-16}, {-0.0013160555044005888,1.9777175571333217e-17}, {0.0033337394293723233,-9.0777808499851362e-17}, {-0.0013160555044006963,6.061979650048148e-17}, {0.0082961509484911888,6.7171908572228771e-16}, {0.0028214182746989238,-1.1575944769432859e-16}, {-0.0030315144050361976,7.9503041662512983e-16}, {0.0082961509484933537,-2.6344636453982207e-16}, {0.0028214182746987859,-7.9033949357724689e-17}, {0.006213231309649651,-4.0981818217936443e-16}, {0.0057529218408993608,1.029090548361149e-17}, {-0.0021847879883248079,1.2170522474451668e-17}, {0.0027948068782498209,1.3710403905409137e-16}, {-0.0021898397705921099,-8.6177330519625971e-17}, {-0.0021898397705921099,1.0771505840378077e-16}, {0.0057529218408991735,-6.0253074228707443e-16}, {-0.0021847879883247602,1.2674843065624114e-16}, {0.0046520684111616894,3.8423732492182535e-18}, {0.0033337394293723233,3.603933968509151e-16}, {-0.0013160555044006324,7.7510016802906814e-17}, {0.0027948068782489583,2.8982284349129941e-17}, {-0.0021898397705922626,-4.4457803299932045e-17}, {-0.0014561627050734102,-5.6906593751864454e-17}, {-0.0021898397705921099,-6.0236719204059295e-17}, {0.003333739429372515,-3.5891127835245026e-16}, {-0.001316055504400713,2.8985734335790705e-17}, {0.0027948068782485749,7.1727090621027127e-17}, {-0.0021898397705921099,-1.2434115079360162e-16}, {-0.0014561627050734102,-6.5873812440111556e-17}, {-0.0021898397705924148,2.2962356481185472e-16}, {0.0082961509484933537,6.5609348379719503e-16}, {0.0028214182746991033,-1.1436877463297861e-16}, {0.006213231309649651,4.2773399599302828e-16}, {0.0057529218408997355,2.9654956745300823e-16}, {-0.0021847879883248886,3.2587059141887722e-17}, {0.0027948068782498209,6.4803001248026371e-17}, {-0.0021898397705921099,-9.494291980521232e-17}, {-0.0021898397705921099,7.0653088681403981e-17}, {0.0057529218408984232,2.2695016389899033e-16}, {-0.0021847879883249172,4.7947833925564375e-17}},
  },
  (const double (*)[2])(const double[][H2_NPW][2]){
   {{18.439405228564553,0}, {-3.8034838468277763,-2.0525845704593193e-15}, {0.16299427908594649,8.3733806503416563e-16}, {-5.0478146808891475,-4.6640462234046837e-16}, {1.7838720739847338,1.4248324633946932e-15}, {-0.11270799552806586,-7.5406630020991975e-16}, {0.92467791316548509,5.8046797923962754e-16}, {-0.49661734202020935,-1.0038683944069811e-15}, {0.050981567674441258,1.024219725647738e-15}, {-0.49661734202020758,-5.7638231167658126e-16}, {0.05098156767444123,1.0232284521068701e-15}, {1.783872073984732,1.1205496743206911e-15}, {-0.11270799552806592,-8.8871845043210355e-16}, {-5.0478146808891431,-2.5391234870048521e-16}, {1.783872073984732,1.357833350101119e-15}, {-0.11270799552806607,-9.1011641798831963e-16}, {2.3590883128387325,4.8071008875258023e-17}, {-1.0424292361663838,-5.7772188069578873e-16}, {0.083148233733597657,9.0210873962880822e-16}, {-0.66032109073298018,-5.9662467354503921e-16}, {0.37557025830466612,1.2092188007279805e-15}, {0.37557025830466545,5.4684651926867342e-16}, {-1.0424292361663834,-1.0356132292699486e-15}, {0.083148233733597532,9.5593721658101512e-16}, {0.9246779131654842,-1.8994507852871367e-15}, {-0.49661734202020935,-5.530685069028319e-16}, {0.050981567674441397,9.9845401246323824e-16}, {-0.66032109073298018,-3.0531224659042885e-16}, {0.37557025830466523,7.0785258052719011e-16}, {0.32366103109716721,1.0515374532039526e-16}, {0.37557025830466545,7.3082588783332532e-16}, {-0.49661734202020802,-1.3244506714306526e-15}, {0.050981567674441189,1.1228392978839195e-15}, {-0.66032109073298106,2.9538543259811678e-16}, {0.37557025830466456,6.5979328908601236e-16}, {0.32366103109716721,2.3831606423148122e-16}, {0.37557025830466545,1.3619539007470022e-15}, {1.783872073984732,1.2723718973687715e-15}, {-0.11270799552806582,-7.0163347129141539e-16}, {2.3590883128387325,8.1543739197224246e-16}, {-1.0424292361663834,-1.1359679513980425e-15}, {0.083148233733597657,7.3637607685022746e-16}, {-0.66032109073298018,-2.8683811621487255e-16}, {0.37557025830466589,9.5111723301060271e-16}, {0.37557025830466545,4.8143851507318762e-16}, {-1.0424292361663834,-7.8188689244825431e-16}, {0.083148233733597657,1.0050151153306029e-15}},
   {{3.4824970586827591,0}, {1.555035174772802,-7.4319172352321485e-16}, {-0.1624526761919389,6.3950228604575259e-17}, {1.7812050181386567,4.6112405649551072e-16}, {-0.68890385824236589,5.0748223401153175e-16}, {0.088314241817717368,-3.2281903204093676e-16}, {-0.34934588597721211,6.6379389799388535e-17}, {0.18659751185635645,-3.4348829441903614e-16}, {-0.034259559649944475,4.7189275237052521e-16}, {0.1865975118563559,-9.1355546572878799e-16}, {-0.03425955964994435,5.4818062438045039e-16}, {-0.68890385824236589,3.0300306496334226e-16}, {0.088314241817717298,-4.9209692651629214e-16}, {1.7812050181386541,5.3545817664201832e-17}, {-0.68890385824236677,3.4315639144671621e-17}, {0.088314241817718075,-5.6363928488398238e-16}, {-0.80183024663045332,-8.5458170737060587e-16}, {0.37706695880222252,-3.7117503364969713e-16}, {-0.062174721699632042,6.2362671973506704e-17}, {0.22761181907521033,4.5412700911185828e-16}, {-0.14719522414276623,6.3788602008612194e-16}, {-0.14719522414276645,5.0806810527026388e-16}, {0.37706695880222296,-4.2235266643289564e-16}, {-0.062174721699632431,1.0486341094006549e-16}, {-0.34934588597721034,-4.9806773422355235e-16}, {0.18659751185635645,-8.7759011256644803e-16}, {-0.03425955964994485,6.8133911064236185e-16}, {0.22761181907521344,1.5341130627093136e-16}, {-0.14719522414276623,5.1339547079883817e-16}, {-0.12147283498453357,-3.672947480775071e-16}, {-0.1471952241427669,7.5698829275001567e-16}, {0.1865975118563559,-1.0621056206775998e-16}, {-0.034259559649944628,4.1082143521496457e-16}, {0.22761181907521344,-6.6882713510608948e-17}, {-0.14719522414276623,4.3946758077500245e-16}, {-0.12147283498453312,3.8528915515307126e-16}, {-0.14719522414276645,1.804398613380057e-16}, {-0.68890385824236766,6.5669311295570824e-16}, {0.088314241817717271,-4.4053295612056138e-16}, {-0.80183024663045332,1.1083662653881773e-16}, {0.37706695880222296,-5.5799244072199141e-16}, {-0.062174721699632042,3.9414849605640365e-16}, {0.22761181907521033,-3.3382872945413426e-16}, {-0.14719522414276667,1.3336674575466749e-16}, {-0.14719522414276645,5.5172875714665068e-16}, {0.37706695880222385,-8.0397414326881424e-16}, {-0.062174721699631973,5.0136800124616867e-16}},
   {{-0.044761304963652361,0}, {-0.0071513352160021528,4.0640920869383771e-16}, {-0.013190122787326368,1.9917622476787891e-16}, {-0.085426381639021831,6.4969844626747768e-16}, {-0.064623142567539316,8.0418566880998299e-18}, {0.00077312459234666665,-3.7706170854188843e-16}, {-0.033766997332731287,4.5331827383238928e-16}, {0.017505129370475197,-4.6791568744701153e-16}, {0.010148591217425012,5.0576347458784111e-16}, {0.017505129370477251,1.7830225419662789e-17}, {0.010148591217425116,4.0321303241548632e-16}, {-0.064623142567541578,8.827472984561212e-17}, {0.00077312459234647431,-5.4824805491334219e-16}, {-0.085426381639015392,3.9417099442387464e-16}, {-0.064623142567541314,-6.7624778080802082e-18}, {0.00077312459234632946,-5.561696621210954e-16}, {-0.065678346756302491,-4.9922149335353713e-16}, {0.047258183730459806,2.344160952680633e-16}, {0.0060731881867436849,5.1360945903034201e-16}, {0.021599021893631127,-5.4457786085264007e-16}, {-0.0088687959688228454,8.9087469502448561e-16}, {-0.0088687959688229564,2.4124290725730381e-16}, {0.04725818373045966,-1.8189548031358886e-16}, {0.0060731881867436832,4.526651917229154e-16}, {-0.033766997332731523,-2.341868887659281e-15}, {0.017505129370474808,-1.0412532815845162e-16}, {0.010148591217425239,4.8144306700192065e-16}, {0.021599021893630794,-3.2764028788429693e-16}, {-0.0088687959688236642,4.0253502969806155e-16}, {-0.0053143899258255604,2.5267931476684628e-17}, {-0.0088687959688229148,2.932733499963008e-16}, {0.017505129370476512,-6.9091368653397962e-16}, {0.01014859121742508,5.0587391884572399e-16}, {0.021599021893629802,4.7823677230125108e-16}, {-0.0088687959688241013,1.9514362644827919e-16}, {-0.0053143899258255882,8.956849502760358e-17}, {-0.0088687959688228471,9.1712031825169367e-16}, {-0.064623142567541259,2.3641790737855293e-16}, {0.00077312459234663467,-3.3542007334751278e-16}, {-0.065678346756302214,8.5106786403109444e-16}, {0.047258183730460056,-1.9393780364059688e-16}, {0.0060731881867437604,2.0530991580438469e-16}, {0.021599021893631144,-8.7398279930045308e-17}, {-0.0088687959688228298,3.7897766293961889e-16}, {-0.0088687959688231923,6.2603677090305499e-18}, {0.047258183730459341,-6.6109925306611072e-17}, {0.006073188186743822,5.1341945559627508e-16}},
   {{-0.037232924308192493,0}, {-0.10754371389130829,-2.2097181835361659e-16}, {-0.074282418532894592,-7.0239769222458386e-16}, {-0.077431458884527335,1.6708994303969232e-16}, {-0.077569173801862845,3.9991541454086465e-16}, {0.025866937327804301,4.4028606351591452e-16}, {-0.092638558401739943,2.3121861341920029e-16}, {0.035859821016932386,-3.1317373109438635e-17}, {-0.0097187457192400937,-1.2896888318115036e-17}, {0.035859821016931935,-5.7620773032374897e-16}, {-0.0097187457192399514,6.0546006813626249e-17}, {-0.07756917380186279,-3.6052379083091606e-16}, {0.025866937327804179,2.3885198999296549e-16}, {-0.077431458884530208,-1.1468789619559387e-16}, {-0.07756917380186433,-2.2229492499765936e-16}, {0.02586693732780514,1.2488846652602472e-16}, {-0.066983855333810807,-8.0774095900542814e-16}, {0.041877678547846894,-6.0095564119724355e-17}, {-0.019090943886680454,-5.717668845152497e-16}, {0.04111082594255646,3.7773135585601666e-16}, {-0.037255597735454796,3.9873811711207518e-16}, {-0.037255597735455045,2.2050784999040999e-16}, {0.041877678547847179,-5.8605343000804382e-17}, {-0.019090943886680905,-5.3031564079934388e-16}, {-0.092638558401738014,-5.4475786967483636e-16}, {0.035859821016932386,-6.9620123971426652e-16}, {-0.0097187457192404823,2.1674557110388946e-16}, {0.041110825942560492,2.6781258461104215e-17}, {-0.037255597735454782,2.4243760110092658e-16}, {-0.033969477673095522,-3.1481275302598477e-16}, {-0.037255597735455566,5.5552236395325807e-16}, {0.03585982101693188,4.081488297865193e-16}, {-0.0097187457192402342,-8.2389415950403953e-17}, {0.041110825942560499,-3.4561306267796727e-17}, {-0.037255597735454726,1.3905004096068766e-16}, {-0.033969477673095022,4.3397224132202593e-16}, {-0.037255597735454948,-2.1973572879472186e-16}, {-0.077569173801865565,1.1881431511380656e-16}, {0.025866937327804145,3.1545670687535124e-16}, {-0.066983855333810821,1.2312358139428181e-16}, {0.041877678547847123,-2.76070556095159e-16}, {-0.01909094388668044,-1.9551423598004926e-16}, {0.041110825942556474,-4.4204071386883943e-16}, {-0.037255597735455309,-1.9791660465441122e-16}, {-0.037255597735454983,1.9467533028568101e-16}, {0.041877678547848358,-4.4202941891028826e-16}, {-0.01909094388668036,-8.0031983954365514e-17}},
   {{0.0012573253182403682,0}, {-0.0026588898919875331,-1.5789005355187981e-16}, {0.0066884276048026292,1.8642542133960214e-16}, {-0.0016211096039414031,5.6192736459963016e-18}, {-0.0040178717090158592,3.8183301855756461e-17}, {-0.0055507821835809436,-1.3585581341290518e-16}, {-0.0033039856654764558,3.1510407925765022e-16}, {-0.0063061991121085665,-6.6752381383686202e-17}, {-0.001523814112513782,-3.3545583255083987e-17}, {-0.0063061991121095588,4.5942659587879339e-16}, {-0.0015238141125135062,-4.7913913254852751e-17}, {-0.0040178717090164819,-1.9197184842700404e-16}, {-0.0055507821835809731,-2.2914277757864835e-16}, {-0.0016211096039384215,-3.8300839934021649e-16}, {-0.0040178717090151262,-6.8500470208261269e-17}, {-0.005550782183580902,-2.5863728956056192e-16}, {-0.015604964871089597,-6.7487678962369611e-16}, {-0.011674685708912221,1.0400819846634809e-16}, {0.001777096025452612,2.2439219300497213e-16}, {-0.0038552388635667897,-2.6577501650442452e-16}, {0.0033380580033569277,1.2265860370961161e-16}, {0.0033380580033581372,-3.1088150037117613e-16}, {-0.011674685708911661,-1.4315852876762043e-16}, {0.0017770960254525493,1.5411716914421072e-16}, {-0.0033039856654720904,-9.0691807113849284e-16}, {-0.006306199112109564,1.1529164414592038e-16}, {-0.0015238141125139268,-5.6243028740945294e-17}, {-0.0038552388635667693,-5.2051611487182148e-16}, {0.0033380580033569142,-3.3569159762646944e-16}, {0.00018417497778440499,5.3540406053860784e-16}, {0.0033380580033576523,-8.5625153034210608e-16}, {-0.0063061991121104921,6.7496338215129903e-16}, {-0.0015238141125136385,8.3165864450911862e-18}, {-0.003855238863566791,9.3508642588945628e-16}, {0.0033380580033571098,-2.7998277283552903e-16}, {0.00018417497778392929,1.106903106181253e-16}, {0.0033380580033585427,5.8203168583286005e-17}, {-0.004017871709015206,-1.4704876639058891e-16}, {-0.0055507821835810633,-1.2306883718955645e-16}, {-0.015604964871089576,4.0616617653979259e-16}, {-0.011674685708911895,4.3957045126751667e-17}, {0.0017770960254526629,-8.1626007095129268e-17}, {-0.0038552388635670425,-2.0393079406996851e-16}, {0.0033380580033581398,-3.2754354803164191e-16}, {0.0033380580033575934,-5.7993941869012252e-16}, {-0.0116746857089127,3.4848883082318881e-16}, {0.0017770960254526373,1.4074989194740145e-16}},
   {{-0.0019336531469438811,0}, {0.0041393879219578196,4.0131751363483444e-17}, {0.0086154612501059876,3.5626267431800293e-16}, {0.00023681988051829026,6.2413210082256291e-17}, {0.0094125550804775651,-3.6396972744947008e-16}, {0.0073346268514755206,-2.2787714923717391e-16}, {0.010540159475865696,-3.8184264731371979e-16}, {0.0095549857045007496,3.1716394034292167e-16}, {-0.0053887187935551303,6.7611497390439995e-17}, {0.0095549857045008641,-1.076191292274002e-16}, {-0.005388718793555629,2.0448766371079119e-16}, {0.009412555080476526,5.4258510525821912e-16}, {0.0073346268514756915,-2.0310123643513977e-16}, {0.00023681988052141168,2.4002651397737615e-16}, {0.0094125550804790327,-3.1067995729025945e-16}, {0.0073346268514753636,-1.4283533224759056e-16}, {0.006159565727516734,-2.6159376193770561e-16}, {0.0099351050938577701,-4.5960068651504644e-17}, {-0.0066562350326125575,-7.8903857794145366e-18}, {0.0083695000006645676,2.6594053577734008e-16}, {-0.0071377482821035213,-2.5586785945249878e-16}, {-0.0071377482821035178,2.643674078615257e-16}, {0.0099351050938574301,-9.2613174674323962e-16}, {-0.0066562350326123806,3.3875915445001058e-16}, {0.010540159475865311,1.4510936469219133e-16}, {0.0095549857045008884,1.0336421030978828e-15}, {-0.0053887187935553688,3.3218668330508401e-16}, {0.0083695000006619412,-4.9975671787700076e-17}, {-0.007137748282104066,-1.0863859797345546e-16}, {-0.0065997587728922977,-1.8286224196192785e-16}, {-0.0071377482821035534,-2.4684694489740254e-16}, {0.0095549857045014175,-9.1525522777939706e-16}, {-0.0053887187935557053,6.1698018766868948e-17}, {0.0083695000006608362,2.5447431475134743e-16}, {-0.0071377482821034987,-5.026995552371267e-16}, {-0.0065997587728923212,-2.9659922339679716e-16}, {-0.0071377482821046185,6.8411653521980189e-16}, {0.0094125550804790518,5.4819178760542674e-16}, {0.0073346268514762527,-2.2186394031900216e-16}, {0.0061595657275167436,4.7600434917258169e-16}, {0.0099351050938583877,5.7271776443680821e-16}, {-0.0066562350326127995,5.647258620290096e-17}, {0.0083695000006645658,1.3044807678634703e-16}, {-0.0071377482821035013,-3.1590246040210668e-16}, {-0.0071377482821035395,1.287038726486699e-16}, {0.0099351050938561412,6.0834664656345125e-16}, {-0.0066562350326129236,6.9661780507777791e-17}},
  },
  (const double (*)[2])(const double[][H2_NPW][2]){
   {{-42.523185332224038,0}, {9.1409723579323181,4.3958730975802974e-15}, {-0.44615530611571141,1.2034237730704496e-16}, {11.914445010200874,2.4041501915404101e-15}, {-4.3818515089899774,-2.0568254181026108e-15}, {0.29488828787702542,-1.5826992702928055e-16}, {-2.2565910827377813,-5.9518279822973788e-16}, {1.2275225520150252,3.681108575576626e-16}, {-0.11170446458429539,1.5559939991875392e-16}, {1.2275225520150252,3.1400122176950636e-17}, {-0.11170446458429535,1.9828518250437812e-16}, {-4.3818515089899774,-9.5808315744425416e-16}, {0.29488828787702537,-2.1981962411378211e-16}, {11.914445010200875,1.8783747265560243e-15}, {-4.3818515089899774,-2.1302339665976208e-15}, {0.29488828787702537,-1.610609068371268e-16}, {-5.7166751685623254,-1.5412136106454292e-15}, {2.587572497127085,1.0697003091669924e-15}, {-0.20466740546376685,1.7603409053314341e-16}, {1.6143799796978933,5.3884903243214805e-16}, {-0.92139155221785529,-2.2098779027033681e-16}, {-0.92139155221785507,-5.9763037342295161e-18}, {2.5875724971270841,1.0488609511955103e-15}, {-0.20466740546376669,2.0347723542777689e-16}, {-2.2565910827377818,-8.0499728879857841e-16}, {1.2275225520150252,3.3722061406987991e-16}, {-0.11170446458429534,1.5690147565963154e-16}, {1.6143799796978933,5.7779417139001345e-16}, {-0.9213915522178554,-2.1054165987623353e-16}, {-0.78262097494879179,-4.0478302342718134e-16}, {-0.92139155221785496,-2.154900633943967e-16}, {1.2275225520150252,1.6717938336823632e-17}, {-0.11170446458429532,2.2000878766816626e-16}, {1.614379979697893,-2.0892927192450734e-16}, {-0.92139155221785507,-5.1861347341078532e-17}, {-0.78262097494879168,-1.7625972388312916e-16}, {-0.92139155221785496,1.2131234667435953e-16}, {-4.3818515089899774,-8.4086422334222582e-16}, {0.29488828787702542,-2.3908445082240364e-16}, {-5.7166751685623254,-1.9614743244049961e-16}, {2.5875724971270846,9.0506101099761083e-16}, {-0.20466740546376674,2.1798452387390573e-16}, {1.6143799796978933,3.2803043385706898e-16}, {-0.92139155221785507,-2.822569236797465e-16}, {-0.92139155221785507,1.1551492727741918e-16}, {2.5875724971270841,1.6157644415138799e-16}, {-0.20466740546376666,2.6481509443277398e-16}},
   {{33.209300353380769,0}, {13.783191173344552,1.6855683371772267e-16}, {-0.84145599857650955,-6.7301858555913398e-17}, {15.376010628733288,2.2196248947706709e-15}, {-5.2702810535791631,-1.4328318422184616e-15}, {0.48649553670350987,-2.1489882047034967e-17}, {-2.2564572894420856,-5.0938492501668106e-16}, {1.2118356874165002,3.5247151975451956e-16}, {-0.15658984183798164,1.3826594042143168e-16}, {1.2118356874164997,-1.2031864961294746e-16}, {-0.15658984183798155,2.0308863684191018e-16}, {-5.2702810535791631,-1.7120606590499471e-16}, {0.48649553670350976,-2.1612817495914416e-16}, {15.376010628733288,5.2837424824590316e-16}, {-5.2702810535791631,-1.956433605161979e-15}, {0.48649553670350992,-8.7973984367130841e-17}, {-6.2488901676954551,-2.1634046403800365e-15}, {2.7932644146646921,9.1059224627308548e-16}, {-0.31353164717080884,-2.0124300818461915e-18}, {1.5178661961101565,6.2183390662389145e-16}, {-0.87450493571250221,-2.1545943434090877e-16}, {-0.87450493571250199,3.0387486828095479e-17}, {2.7932644146646921,1.4642249135381266e-16}, {-0.31353164717080878,9.4632720006905442e-17}, {-2.2564572894420851,-6.7799608866119328e-16}, {1.2118356874164999,9.1792506730626018e-17}, {-0.15658984183798169,1.6995545132859284e-16}, {1.5178661961101569,4.1470331040197256e-16}, {-0.87450493571250232,-2.4545877859493319e-16}, {-0.68181547011319044,-3.1334040433324555e-16}, {-0.87450493571250221,-1.1740260581261496e-16}, {1.2118356874164997,1.997015143769914e-16}, {-0.15658984183798161,1.6846289871680722e-16}, {1.5178661961101567,2.5621167454500589e-17}, {-0.87450493571250199,-1.088333674568056e-16}, {-0.68181547011319033,-3.0485022296904056e-17}, {-0.87450493571250221,1.2233087691894571e-16}, {-5.270281053579164,1.7506443199087538e-16}, {0.4864955367035097,-1.8146780615157338e-16}, {-6.2488901676954551,2.5335448803825108e-16}, {2.7932644146646921,6.3857265091480113e-16}, {-0.31353164717080878,1.4104913327312658e-16}, {1.5178661961101565,1.7041627005763326e-16}, {-0.8745049357125021,-2.8947971075314481e-16}, {-0.87450493571250199,1.9398959407502072e-16}, {2.7932644146646926,-3.5643686311730343e-16}, {-0.31353164717080867,2.6209512671688387e-16}},
   {{0.028799466268820021,0}, {-0.008736919866040832,3.7293760452749898e-16}, {-0.010328191254980234,1.9023649637413394e-16}, {-0.20687142289276744,1.4928760370721925e-15}, {-0.058664935608896407,1.3737234851556508e-16}, {0.0035620165811278185,-2.0458868508644762e-16}, {-0.010738665407984264,1.6724523522118082e-16}, {0.0070138224710287501,-2.1021273245254927e-16}, {0.0010416419005887623,1.4356025482249729e-16}, {0.0070138224710295282,-5.7086799116023982e-17}, {0.0010416419005887618,1.2193963607747788e-16}, {-0.058664935608898634,3.1684865368333515e-16}, {0.003562016581127792,-2.6584283578869798e-16}, {-0.20687142289275334,1.5069642435249376e-15}, {-0.058664935608898634,2.6834544578704256e-17}, {0.0035620165811277213,-2.642890875529847e-16}, {-0.043326678826322441,-7.3318970344075089e-16}, {0.030118745126905395,1.0635700197652719e-16}, {-0.0005018460863888683,2.0071448517991769e-16}, {0.0066943870447063181,-1.459702704330208e-16}, {-0.0034122764226022042,2.7549250193569931e-16}, {-0.0034122764226022745,9.9655698937505346e-17}, {0.030118745126905395,-1.6741420833898707e-16}, {-0.00050184608638888586,1.8609680743398668e-16}, {-0.010738665407984717,-1.1393487148407038e-15}, {0.0070138224710287501,-3.5944358401058252e-17}, {0.001041641900588803,1.3710042083009491e-16}, {0.0066943870447063181,-2.3337724168518127e-17}, {-0.0034122764226024835,1.1968656823058029e-16}, {-0.0011287941375934195,-1.4621366769900544e-17}, {-0.0034122764226022745,9.5764195224083149e-17}, {0.0070138224710293547,-3.5633812572900173e-16}, {0.0010416419005887588,1.471667972242529e-16}, {0.006694387044705972,7.9379870223385126e-17}, {-0.0034122764226026236,1.3002098214482214e-16}, {-0.0011287941375934195,3.6529315725933303e-17}, {-0.0034122764226022745,3.3897545251848229e-16}, {-0.058664935608898634,5.6037741231870036e-16}, {0.0035620165811278345,-1.9659411752272672e-16}, {-0.043326678826322164,9.1225966548099415e-16}, {0.030118745126905558,-2.8703967564852717e-16}, {-0.00050184608638885529,1.1753294841506238e-16}, {0.0066943870447063181,-5.6145456439886612e-17}, {-0.0034122764226022042,1.5966147928588802e-16}, {-0.0034122764226023443,5.9293408069890991e-17}, {0.030118745126905232,-2.432133904551926e-16}, {-0.00050184608638885106,2.0767977509006932e-16}},
   {{0.039348092328913814,0}, {-0.20800343198913809,-7.0337131783480153e-16}, {-0.036511671052575377,-2.890787359411605e-16}, {-0.16000405253189298,4.3874523492138158e-16}, {-0.07367226823077723,4.5317321720468148e-16}, {0.013249381381419531,1.4061282791618235e-16}, {-0.043242292630222834,7.833371450448584e-17}, {0.017074889106478579,-2.9576352509358086e-17}, {-0.0037839572470715253,3.3715013593012601e-18}, {0.017074889106478437,-2.2222772427810834e-16}, {-0.0037839572470714984,2.0099526706277294e-17}, {-0.07367226823077723,-1.9727855168549161e-16}, {0.013249381381419496,7.6211302096288744e-17}, {-0.16000405253189898,-2.8844808343099833e-17}, {-0.073672268230778465,-1.2863555956398656e-16}, {0.013249381381419833,3.8738909618447438e-17}, {-0.060414965582592933,-8.4128683851170917e-16}, {0.032515549522142147,-5.2137786500224423e-17}, {-0.0085549539049921946,-1.5394376097974538e-16}, {0.018480810144845518,1.6147470142513531e-16}, {-0.014139633715690396,1.1666004780235372e-16}, {-0.014139633715690473,7.6140914420782897e-17}, {0.032515549522142334,-6.5194142647864075e-17}, {-0.0085549539049923282,-1.4285214064975049e-16}, {-0.043242292630221932,-2.5930963050779315e-16}, {0.017074889106478579,-2.4494677224388295e-16}, {-0.0037839572470716159,5.3215943474786517e-17}, {0.018480810144846864,4.409016326228645e-17}, {-0.014139633715690396,7.1947243478669276e-17}, {-0.009537683920982986,-8.0226286759884907e-17}, {-0.014139633715690625,1.6784939633223359e-16}, {0.017074889106478437,1.0660850754254122e-16}, {-0.003783957247071566,-1.1925263757001359e-17}, {0.018480810144846864,-2.9314316900796049e-17}, {-0.014139633715690396,5.9194154191462769e-17}, {-0.0095376839209828784,9.5829200386402195e-17}, {-0.014139633715690473,-3.5093298543441245e-17}, {-0.0736722682307797,2.479165098577121e-16}, {0.013249381381419508,9.7984865502462171e-17}, {-0.060414965582592933,1.3321085245104859e-16}, {0.032515549522142334,-2.2870665042316583e-16}, {-0.0085549539049921946,-4.6319601292367431e-17}, {0.018480810144845518,-1.5584301524797353e-16}, {-0.014139633715690549,-3.8076942898247032e-17}, {-0.014139633715690473,8.4773891494460781e-17}, {0.032515549522143083,-3.4150624285293996e-16}, {-0.0085549539049921807,-1.2908746481070421e-17}},
   {{0.00038228113780773944,0}, {-0.0061949462602551297,-1.8788522989778365e-16}, {0.0036675544951411156,7.023151693791339e-17}, {0.00034616106777159725,-5.4262150332224068e-17}, {-0.0029228614693416134,5.0348437346212786e-18}, {-0.0023817900131920177,-3.748701044666459e-17}, {-0.001671606070035079,1.5786760752830761e-16}, {-0.0022435155660332656,-1.6331920557989583e-17}, {-0.00013855976657183567,-1.3096925652681494e-17}, {-0.0022435155660336117,1.9076548240137492e-16}, {-0.00013855976657177254,-2.0041468389771295e-17}, {-0.0029228614693421677,-2.555010414866153e-16}, {-0.0023817900131920281,-6.3832184066374091e-17}, {0.00034616106777773069,-7.9497924926006907e-16}, {-0.0029228614693410592,-9.2411328762759112e-17}, {-0.0023817900131920069,-7.9139117507138946e-17}, {-0.01493681001036553,-5.6161870606552496e-16}, {-0.0068829954833312034,8.4269660099632145e-17}, {0.00087342540787891147,5.6435535342814126e-17}, {-0.0010453682113965349,-1.0210564900537829e-16}, {0.0010617883383827436,2.9380408107977876e-17}, {0.0010617883383830925,-1.0880463229792224e-16}, {-0.0068829954833308782,-3.5423538408797557e-17}, {0.00087342540787889412,3.3979593061061146e-17}, {-0.0016716060700332702,-3.7042969512529319e-16}, {-0.0022435155660336112,5.8929760282771798e-17}, {-0.00013855976657186405,-1.8991297568955298e-17}, {-0.0010453682113965349,-1.7927971031212552e-16}, {0.0010617883383827436,-1.043231178543067e-16}, {-1.2480249524065138e-05,1.1875838304508817e-16}, {0.0010617883383829531,-2.5496178428324254e-16}, {-0.0022435155660339569,2.5745291897176526e-16}, {-0.00013855976657179141,-9.0414956716909729e-18}, {-0.0010453682113965349,3.1468291454589783e-16}, {0.0010617883383828137,-9.8653827491443348e-17}, {-1.2480249524165904e-05,2.4190947207784853e-17}, {0.0010617883383832324,-7.6572009058023634e-18}, {-0.0029228614693410592,-2.2439546891702753e-16}, {-0.0023817900131920767,-2.6364830282475616e-17}, {-0.01493681001036553,3.5878874183676735e-16}, {-0.0068829954833310404,6.074955700392103e-17}, {0.00087342540787893337,-3.429608119481873e-17}, {-0.0010453682113966214,-8.4109313162671005e-17}, {0.0010617883383830925,-1.0024044625276172e-16}, {0.0010617883383829533,-1.8932684696016272e-16}, {-0.0068829954833315278,2.6224706619383326e-16}, {0.00087342540787893348,2.5198596548643034e-17}},
   {{0.0008945933167581431,0}, {0.0063228839068379941,-1.84011032939655e-16}, {0.0031802148957589247,2.0837580591370794e-16}, {-0.0030187816429668203,3.8134287103431752e-16}, {0.0082854741040400328,-3.334751308030776e-16}, {0.0028259453543167507,-1.0226839055053687e-16}, {0.0046398902098896064,-2.1939361971261508e-16}, {0.0033437919828453485,1.2354438080031416e-16}, {-0.0013200381171004051,2.2884751502919563e-17}, {0.0033437919828453963,-9.3163380295500382e-17}, {-0.0013200381171005126,6.3740761930394614e-17}, {0.0082854741040391047,6.7394829564397659e-16}, {0.0028259453543168166,-1.1884944623963195e-16}, {-0.003018781642960296,7.9516156644255434e-16}, {0.0082854741040412697,-2.6142622364051683e-16}, {0.0028259453543166787,-8.2116872966525856e-17}, {0.0062006736133225345,-4.1010967001030699e-16}, {0.0057633942757013496,8.3475688233319301e-18}, {-0.0021891268106127237,1.5265931977230471e-17}, {0.002806782488941261,1.3750578205189314e-16}, {-0.0021996779675366833,-8.4259822090476119e-17}, {-0.0021996779675366833,1.1002922947128915e-16}, {0.0057633942757011622,-6.0469489139241057e-16}, {-0.0021891268106126759,1.2985061148200216e-16}, {0.0046398902098893496,3.6117296975721397e-18}, {0.0033437919828453963,3.583694546246724e-16}, {-0.0013200381171004486,8.0618814310224235e-17}, {0.0028067824889403984,2.9348799227596483e-17}, {-0.0021996779675368359,-4.2515810603132389e-17}, {-0.0014674895663544878,-5.73555923821199e-17}, {-0.0021996779675366833,-5.8099678250812634e-17}, {0.0033437919828455879,-3.6124634030623129e-16}, {-0.0013200381171005295,3.2105478189972766e-17}, {0.0028067824889400151,7.1651889820651927e-17}, {-0.0021996779675366833,-1.2209958528704723e-16}, {-0.0014674895663544878,-6.5937859720915552e-17}, {-0.0021996779675369882,2.3206346163758835e-16}, {0.0082854741040412697,6.5829435238504955e-16}, {0.0028259453543169962,-1.1745807434355723e-16}, {0.0062006736133225345,4.2769256532488934e-16}, {0.0057633942757017243,2.9443989404886664e-16}, {-0.0021891268106128048,3.5687905000312736e-17}, {0.002806782488941261,6.498388640640728e-17}, {-0.0021996779675366833,-9.2878484412919651e-17}, {-0.0021996779675366833,7.3117469774787427e-17}, {0.005763394275700412,2.2461232310832959e-16}, {-0.0021891268106128334,5.1057602084712908e-17}},
  },
  (const double (*)[2])(const double[][H2_NPW][2]){
   {{42.840953016040679,0}, {-8.8052038787394569,-4.1053284619377621e-15}, {0.41728629353755126,-5.3399208145804866e-17}, {-11.59515136906195,-1.6074868173624869e-15}, {4.1452939067428805,2.0475528626902139e-15}, {-0.27654019320114426,6.588904562649628e-17}, {2.0403077192737684,5.2111292220853529e-16}, {-1.0760639149627409,-4.1851931765039862e-16}, {0.10314470412830677,-6.849248244005488e-17}, {-1.0760639149627405,-1.5783747963119274e-16}, {0.10314470412830667,-1.1217602062450791e-16}, {4.1452939067428796,1.2554945208808596e-15}, {-0.2765401932011442,1.0796036510186996e-16}, {-11.595151369061949,-6.7556924702071887e-16}, {4.1452939067428787,2.0944391009615011e-15}, {-0.27654019320114426,6.1044376212351222e-17}, {5.4309993962130161,1.4035345796618431e-15}, {-2.398623775129944,-1.0359491864387653e-15}, {0.19175893981527783,-9.4609060651418404e-17}, {-1.4097249102944533,-4.5610480107516395e-16}, {0.77715435149851142,2.8751563576988361e-16}, {0.77715435149851109,1.0604432519935123e-16}, {-2.3986237751299431,-1.081032304488328e-15}, {0.19175893981527767,-1.0793139657258853e-16}, {2.0403077192737671,4.4447044888733942e-16}, {-1.0760639149627407,-3.5787859585073069e-16}, {0.10314470412830674,-6.3688731206150562e-17}, {-1.4097249102944533,-4.090806645249216e-16}, {0.77715435149851142,2.845192908285881e-16}, {0.59291147192458715,2.303880218426705e-16}, {0.77715435149851109,3.5741101444502584e-16}, {-1.0760639149627402,-3.0657673152680768e-16}, {0.10314470412830665,-1.3254188296055461e-16}, {-1.4097249102944533,4.1677764705091107e-17}, {0.77715435149851098,1.4594488333553681e-16}, {0.59291147192458704,1.4300678889644615e-16}, {0.77715435149851086,4.374789770923447e-17}, {4.1452939067428787,1.2560252455023785e-15}, {-0.27654019320114426,1.3804052562836459e-16}, {5.4309993962130161,4.0759103360643342e-16}, {-2.3986237751299435,-1.0069564502589323e-15}, {0.1917589398152777,-1.120276663406973e-16}, {-1.4097249102944533,-2.8447599129929081e-16}, {0.77715435149851109,3.4788312876869016e-16}, {0.77715435149851109,3.0234550951529996e-17}, {-2.3986237751299431,-4.2780279611189285e-16}, {0.19175893981527761,-1.482381554857861e-16}},
   {{32.703122136761294,0}, {13.961972268896465,1.0763483002256069e-15}, {-0.80480875379964933,2.5726854628551137e-17}, {15.491063598398849,1.6006290829338712e-15}, {-5.1499052846039746,-1.5900897988509121e-15}, {0.46683150279522595,-6.0981751610436525e-17}, {-2.1018171449908549,-3.6822713488218815e-16}, {1.1038771645039993,2.6526183152326956e-16}, {-0.14631920000756699,8.8212692367189169e-17}, {1.1038771645039991,1.6697337951634707e-16}, {-0.14631920000756685,1.0028179882781011e-16}, {-5.1499052846039746,-5.0264866834641426e-16}, {0.46683150279522584,-1.8218687964907008e-16}, {15.491063598398851,4.704588684964157e-17}, {-5.1499052846039746,-1.59960369628624e-15}, {0.46683150279522578,-4.6555327828532971e-17}, {-6.1153489815015734,-1.0194958631038214e-15}, {2.683964577694256,9.6384083824035932e-16}, {-0.29832856911822359,1.2362146453403131e-16}, {1.3745026860963141,2.9146823747467244e-16}, {-0.76672629400401282,-2.2746234269808891e-16}, {-0.7667262940040126,-1.2855410033555211e-16}, {2.683964577694256,6.7327209376789088e-16}, {-0.29832856911822347,1.1384186206063948e-16}, {-2.1018171449908554,-4.8580716322733677e-16}, {1.1038771645039991,4.0213514266337935e-17}, {-0.1463192000075669,2.2214997705698089e-17}, {1.3745026860963139,3.0279879970469853e-16}, {-0.76672629400401282,-2.5785598655419526e-16}, {-0.53851662294394542,-1.2500920873928887e-16}, {-0.76672629400401271,-1.9788376429517143e-16}, {1.1038771645039989,3.5212244526086673e-16}, {-0.14631920000756679,1.2588364405609277e-16}, {1.3745026860963141,1.1873951301561452e-17}, {-0.76672629400401271,-5.7855407112138041e-17}, {-0.53851662294394542,-4.2323427265653111e-17}, {-0.7667262940040126,-2.070150231904699e-17}, {-5.1499052846039746,-5.6737640787260604e-16}, {0.46683150279522567,-1.6553853830762758e-16}, {-6.1153489815015734,-1.4993896762451076e-16}, {2.6839645776942556,5.7509853728661498e-16}, {-0.29832856911822347,1.3673992159054373e-16}, {1.3745026860963141,2.5576833784579049e-16}, {-0.76672629400401271,-1.3331998623892066e-16}, {-0.7667262940040126,4.1244256910624352e-17}, {2.6839645776942564,-2.1835574984246032e-16}, {-0.29832856911822342,2.1779244144578765e-16}},
  },
};

/* eigen_davidson_gpaw.py complex: H2, 100 eV, k = (0.25, 0, 0), 2 bands, SCF call 3 */
enum { H2C_NPW = 65 };
static const gpaw_davidson H2C = {
  {7, 7, 7},
  {{5.6691783775107849, 0, 0}, {0, 5.6691783775107849, 0}, {0, 0, 5.6691783775107849}},
  0, 100, {0.25, 0, 0}, 2, H2C_NPW,
  {2, 1.2544240245224787e-27},
  {-0.38582467765971834, 0.071544651323109262},
  2.9479269762135519e-05,
  (const double (*)[2])(const double[][H2C_NPW][2]){
   {{-13.539382939618212,13.539382939618212}, {2.9184081460218798,-2.918408146021874}, {-0.14031193394306252,0.14031193394306185}, {-0.14031193394306196,0.14031193394306243}, {2.9184081460218754,-2.9184081460218785}, {3.7994309738194358,-3.7994309738194345}, {-1.3755783819845782,1.3755783819845755}, {0.091519925748578312,-0.091519925748577813}, {0.091519925748577979,-0.091519925748578243}, {-1.3755783819845755,1.375578381984577}, {-0.66038440470146353,0.66038440470146287}, {0.34625870522762492,-0.34625870522762425}, {0.34625870522762447,-0.34625870522762459}, {-0.6603844047014632,0.66038440470146331}, {0.3462587052276247,-0.34625870522762442}, {0.34625870522762442,-0.34625870522762481}, {3.7994309738194358,-3.7994309738194354}, {-1.375578381984577,1.3755783819845755}, {0.091519925748578326,-0.091519925748577882}, {0.091519925748577952,-0.091519925748578243}, {-1.3755783819845755,1.3755783819845777}, {2.6006903804868715,-2.6006903804868702}, {-1.0330342055170869,1.0330342055170849}, {0.073817384219217783,-0.07381738421921745}, {0.073817384219217533,-0.073817384219217755}, {-1.0330342055170851,1.0330342055170865}, {-1.3445964788815987,1.3445964788815978}, {0.62411332840928235,-0.62411332840928124}, {0.62411332840928124,-0.6241133284092818}, {0.37815450271181134,-0.37815450271181095}, {0.37815450271181111,-0.37815450271181111}, {-1.3445964788815983,1.3445964788815981}, {0.62411332840928213,-0.62411332840928091}, {0.62411332840928102,-0.62411332840928202}, {-0.43413892885745681,0.43413892885745647}, {-1.0340961623349507,1.0340961623349505}, {0.50797824247680523,-0.50797824247680456}, {0.50797824247680468,-0.50797824247680523}, {0.65515181763186481,-0.6551518176318647}, {-0.34600745417787421,0.34600745417787371}, {-0.34600745417787371,0.34600745417787415}, {0.6551518176318647,-0.65515181763186492}, {-0.3460074541778741,0.34600745417787382}, {-0.34600745417787382,0.34600745417787432}, {6.2458989314546374,-6.2458989314546347}, {-1.9117178279179705,1.9117178279179672}, {0.11340786267190864,-0.11340786267190817}, {0.11340786267190819,-0.11340786267190861}, {-1.9117178279179674,1.9117178279179698}, {-2.4794320681072755,2.479432068107275}, {1.0182357390583832,-1.0182357390583814}, {-0.076500802720489799,0.076500802720489411}, {-0.07650080272048948,0.076500802720489716}, {1.0182357390583814,-1.0182357390583832}, {0.53767812725961805,-0.53767812725961783}, {-0.29180338074565554,0.29180338074565493}, {-0.29180338074565515,0.29180338074565526}, {0.53767812725961794,-0.53767812725961828}, {-0.29180338074565537,0.29180338074565515}, {-0.29180338074565515,0.29180338074565554}, {-2.4794320681072755,2.4794320681072763}, {1.0182357390583829,-1.0182357390583816}, {-0.076500802720489786,0.076500802720489466}, {-0.076500802720489453,0.076500802720489758}, {1.0182357390583816,-1.0182357390583832}},
   {{-10.868213347909903,10.868213347911272}, {-2.1338439429132876,2.1338439429135523}, {0.15651419245949869,-0.15651419245951814}, {0.1565141924594981,-0.15651419245951859}, {-2.1338439429132841,2.1338439429135545}, {-2.3749133475796915,2.37491334757999}, {0.9423400663739554,-0.94234006637407242}, {-0.089630860841780471,0.089630860841791726}, {-0.089630860841780374,0.089630860841791893}, {0.9423400663739534,-0.94234006637407375}, {0.40226005600648457,-0.40226005600653475}, {-0.21142466565051163,0.21142466565053794}, {-0.21142466565051143,0.21142466565053816}, {0.40226005600648423,-0.40226005600653492}, {-0.21142466565051149,0.21142466565053802}, {-0.21142466565051118,0.21142466565053836}, {-2.3749133475796897,2.3749133475799886}, {0.94234006637395562,-0.94234006637407164}, {-0.08963086084178043,0.089630860841791699}, {-0.089630860841780235,0.089630860841791907}, {0.94234006637395373,-0.94234006637407342}, {-0.46043990259671097,0.46043990259676826}, {0.50923435105638415,-0.50923435105644776}, {-0.068421405186307127,0.068421405186315676}, {-0.068421405186306947,0.068421405186315801}, {0.50923435105638293,-0.50923435105644854}, {0.57650097570246273,-0.57650097570253578}, {-0.31730884615604915,0.3173088461560884}, {-0.31730884615604882,0.31730884615608912}, {-0.18401799094856672,0.18401799094858995}, {-0.18401799094856663,0.18401799094859003}, {0.5765009757024625,-0.57650097570253589}, {-0.31730884615604932,0.31730884615608873}, {-0.31730884615604871,0.31730884615608929}, {0.17567798700514503,-0.1756779870051679}, {1.1040293647465749,-1.1040293647467148}, {-0.47418456255630931,0.47418456255636882}, {-0.47418456255630892,0.47418456255636948}, {-0.60198622816347258,0.60198622816354852}, {0.29494941495451155,-0.29494941495454852}, {0.2949494149545111,-0.29494941495454891}, {-0.60198622816347214,0.60198622816354863}, {0.29494941495451144,-0.29494941495454863}, {0.29494941495451132,-0.29494941495454885}, {-12.234719076187361,12.234719076188904}, {2.0540261186297575,-2.0540261186300151}, {-0.11946639837792863,0.11946639837794376}, {-0.11946639837792838,0.11946639837794396}, {2.0540261186297553,-2.0540261186300186}, {2.5404868091687032,-2.5404868091690238}, {-0.87699420408928241,0.87699420408939166}, {0.075743287155307926,-0.075743287155317529}, {0.075743287155307815,-0.075743287155317654}, {-0.87699420408928142,0.87699420408939244}, {-0.38170756511423826,0.38170756511428622}, {0.20484570946155928,-0.20484570946158498}, {0.20484570946155911,-0.20484570946158509}, {-0.3817075651142382,0.38170756511428644}, {0.20484570946155928,-0.20484570946158503}, {0.20484570946155903,-0.2048457094615852}, {2.5404868091687023,-2.5404868091690247}, {-0.87699420408928219,0.87699420408939199}, {0.07574328715530787,-0.075743287155317557}, {0.075743287155307745,-0.075743287155317696}, {-0.8769942040892813,0.87699420408939233}},
   {{0.17763546869393662,-0.17763546869393954}, {0.12006771005905623,-0.12006771005905546}, {-0.0089869551315874263,0.0089869551315876518}, {-0.0089869551315875373,0.0089869551315873673}, {0.12006771005905621,-0.12006771005905365}, {0.001906200512379209,-0.0019062005123817744}, {-0.049821556276264389,0.049821556276264854}, {0.004964292226532367,-0.0049642922265324}, {0.0049642922265324399,-0.004964292226532321}, {-0.049821556276263848,0.049821556276264382}, {-0.0095240132402135656,0.0095240132402133297}, {0.007747155324599444,-0.0077471553245995325}, {0.0077471553245996617,-0.0077471553245993773}, {-0.0095240132402137807,0.0095240132402133418}, {0.0077471553245994614,-0.0077471553245997467}, {0.007747155324599601,-0.0077471553245993365}, {0.0019062005123820632,-0.001906200512377476}, {-0.049821556276263501,0.049821556276264459}, {0.0049642922265324086,-0.0049642922265325153}, {0.0049642922265324642,-0.0049642922265323236}, {-0.049821556276264327,0.049821556276264195}, {0.07782836029396431,-0.077828360293962145}, {-0.037089452415720932,0.037089452415721431}, {0.0039746974850247653,-0.0039746974850248216}, {0.0039746974850247323,-0.0039746974850246707}, {-0.037089452415720023,0.037089452415720828}, {-0.027464350528961391,0.027464350528961675}, {0.017687929012660069,-0.01768792901266053}, {0.017687929012660072,-0.017687929012660392}, {0.0074799318135674647,-0.0074799318135673407}, {0.0074799318135674213,-0.0074799318135674239}, {-0.027464350528961377,0.027464350528960367}, {0.017687929012660229,-0.01768792901266019}, {0.017687929012660128,-0.017687929012660166}, {-0.0040974955673021528,0.0040974955673019706}, {-0.014839441189776922,0.014839441189776134}, {0.011839138773552008,-0.011839138773552072}, {0.011839138773552074,-0.011839138773551703}, {0.011353111571907709,-0.011353111571907489}, {-0.0082223665364493277,0.0082223665364495064}, {-0.0082223665364495897,0.0082223665364494596}, {0.011353111571907538,-0.011353111571907215}, {-0.0082223665364495411,0.0082223665364496157}, {-0.0082223665364496157,0.0082223665364494006}, {-0.43627786306486277,0.43627786306487165}, {-0.063422735990513429,0.063422735990512666}, {0.0062967505402742414,-0.0062967505402743923}, {0.0062967505402743559,-0.0062967505402742926}, {-0.063422735990512569,0.063422735990511722}, {-0.023726779848688904,0.023726779848689466}, {0.027917427058425363,-0.027917427058425964}, {-0.0039762960474716688,0.0039762960474717061}, {-0.0039762960474717364,0.0039762960474716393}, {0.027917427058425662,-0.027917427058426432}, {0.0087533987206685291,-0.0087533987206685239}, {-0.0067426561710228509,0.0067426561710228891}, {-0.0067426561710230287,0.006742656171022733}, {0.0087533987206686176,-0.0087533987206686297}, {-0.0067426561710229801,0.0067426561710230096}, {-0.0067426561710230669,0.0067426561710228336}, {-0.023726779848689272,0.023726779848689098}, {0.027917427058425967,-0.027917427058425922}, {-0.0039762960474717338,0.0039762960474717963}, {-0.0039762960474716887,0.0039762960474717139}, {0.027917427058425832,-0.027917427058425578}},
   {{0.10754697091730037,-0.10754697091730223}, {-0.067134343773584654,0.067134343773585209}, {-0.016208586293892401,0.016208586293892543}, {-0.016208586293892317,0.016208586293892609}, {-0.067134343773585542,0.067134343773587346}, {0.00076814677330837061,-0.00076814677330849822}, {-0.048218740511079335,0.048218740511078814}, {0.0064597870291397156,-0.0064597870291400279}, {0.0064597870291399889,-0.0064597870291398908}, {-0.048218740511078856,0.048218740511079147}, {-0.02083752907665095,0.020837529076650443}, {0.0079871387539201012,-0.0079871387539200804}, {0.007987138753920188,-0.007987138753919959}, {-0.020837529076650776,0.020837529076650645}, {0.0079871387539199607,-0.00798713875392024}, {0.0079871387539201047,-0.0079871387539201342}, {0.00076814677330792045,-0.00076814677330678247}, {-0.048218740511079945,0.048218740511078204}, {0.0064597870291397208,-0.0064597870291400019}, {0.0064597870291399446,-0.006459787029139864}, {-0.048218740511079536,0.048218740511078412}, {-0.23893991303466447,0.23893991303466486}, {-0.051509471628372452,0.051509471628372279}, {0.0045161410923007517,-0.0045161410923010275}, {0.0045161410923008488,-0.004516141092300861}, {-0.051509471628371814,0.05150947162837264}, {-0.074187341593607722,0.074187341593608222}, {0.027756846866725506,-0.027756846866725065}, {0.027756846866725568,-0.027756846866725363}, {0.012548080460851921,-0.012548080460851978}, {0.012548080460851898,-0.012548080460852038}, {-0.074187341593607917,0.07418734159360843}, {0.027756846866725665,-0.027756846866725474}, {0.027756846866725613,-0.027756846866725481}, {-0.046605945304297,0.046605945304297347}, {-0.0036951194031034224,0.0036951194031038365}, {0.017321989011155812,-0.017321989011155801}, {0.0173219890111561,-0.017321989011155794}, {0.013065472942976214,-0.01306547294297619}, {-0.0076304680735597629,0.0076304680735597985}, {-0.0076304680735597768,0.0076304680735598679}, {0.013065472942975791,-0.013065472942975885}, {-0.0076304680735597204,0.0076304680735598531}, {-0.0076304680735599408,0.0076304680735596563}, {-0.3751619735286813,0.37516197352868225}, {-0.11675568647159829,0.11675568647159926}, {0.0090537722568121738,-0.0090537722568125988}, {0.0090537722568124548,-0.0090537722568123508}, {-0.11675568647159969,0.11675568647160037}, {-0.063143101866955986,0.063143101866955792}, {0.032327351671295135,-0.032327351671294718}, {-0.0043713377411713382,0.0043713377411716461}, {-0.004371337741171555,0.0043713377411715455}, {0.032327351671295364,-0.032327351671294087}, {0.0062078226816984407,-0.0062078226816982239}, {-0.0041264979738086967,0.0041264979738088216}, {-0.0041264979738088528,0.0041264979738087513}, {0.0062078226816986064,-0.0062078226816983497}, {-0.0041264979738088398,0.0041264979738089491}, {-0.0041264979738087956,0.0041264979738087453}, {-0.063143101866956264,0.063143101866956874}, {0.032327351671295239,-0.032327351671294829}, {-0.0043713377411712523,0.0043713377411717085}, {-0.004371337741171509,0.0043713377411715481}, {0.032327351671295523,-0.032327351671293629}},
   {{-0.0059994685286881575,0.0059994685286822178}, {0.018636371922152277,-0.018636371922155812}, {0.0057269170301675774,-0.0057269170301677292}, {0.0057269170301675722,-0.0057269170301676884}, {0.018636371922153047,-0.01863637192215372}, {0.0071132898355545145,-0.0071132898355588999}, {0.0047998261692406893,-0.0047998261692413537}, {-0.0036962666902691814,0.003696266690269239}, {-0.0036962666902691749,0.003696266690269226}, {0.0047998261692408905,-0.0047998261692403458}, {0.0031925834893983675,-0.0031925834893986372}, {-0.0038628821209505844,0.0038628821209506082}, {-0.0038628821209507765,0.0038628821209506876}, {0.003192583489398302,-0.0031925834893980361}, {-0.0038628821209505579,0.0038628821209504981}, {-0.0038628821209506095,0.003862882120950329}, {0.0071132898355545484,-0.0071132898355536446}, {0.0047998261692414838,-0.0047998261692408862}, {-0.0036962666902692022,0.0036962666902691519}, {-0.003696266690269128,0.0036962666902691827}, {0.0047998261692406849,-0.0047998261692401567}, {-0.011935443734302673,0.011935443734298425}, {0.0089596724127013194,-0.0089596724127001068}, {-0.0030203981982590677,0.0030203981982590677}, {-0.0030203981982590365,0.0030203981982590746}, {0.0089596724127008788,-0.0089596724127004642}, {0.0036146469576103391,-0.003614646957610114}, {-0.0070141215765097131,0.0070141215765096472}, {-0.00701412157650942,0.0070141215765095709}, {-0.0033297224491947554,0.003329722449194974}, {-0.0033297224491949783,0.0033297224491946362}, {0.0036146469576108244,-0.0036146469576105286}, {-0.007014121576509577,0.0070141215765097704}, {-0.0070141215765093167,0.0070141215765092812}, {0.0019804197050303043,-0.001980419705030123}, {-0.0067047000729959704,0.0067047000729965897}, {-0.0025989464771947546,0.0025989464771945673}, {-0.0025989464771948466,0.0025989464771945118}, {-0.00027820128993816007,0.00027820128993805496}, {0.0027572889169533536,-0.0027572889169532318}, {0.0027572889169530782,-0.0027572889169529486}, {-0.0002782012899383768,0.00027820128993811735}, {0.0027572889169532682,-0.0027572889169531485}, {0.002757288916953276,-0.0027572889169531034}, {-0.014760003485885732,0.014760003485880602}, {-0.020528211057176667,0.020528211057178575}, {-0.0046290666360675895,0.0046290666360675539}, {-0.0046290666360675184,0.00462906663606756}, {-0.020528211057176858,0.020528211057178839}, {-0.029561090491277458,0.02956109049127708}, {-0.0041303333195132109,0.0041303333195135102}, {0.0030316956358438845,-0.0030316956358438772}, {0.0030316956358438377,-0.0030316956358438217}, {-0.0041303333195130574,0.0041303333195127105}, {-0.0029259786610276654,0.0029259786610277595}, {0.0031284344079656129,-0.003128434407965632}, {0.0031284344079657313,-0.0031284344079655349}, {-0.0029259786610279477,0.0029259786610273801}, {0.0031284344079656854,-0.0031284344079655414}, {0.0031284344079657699,-0.0031284344079655401}, {-0.029561090491274786,0.029561090491276677}, {-0.0041303333195135076,0.0041303333195132673}, {0.0030316956358438594,-0.0030316956358437805}, {0.0030316956358438104,-0.0030316956358437726}, {-0.0041303333195134746,0.0041303333195126628}},
   {{-0.011947222140754298,0.011947222140753758}, {-0.0062954874194746553,0.0062954874194749372}, {0.0048585997724458737,-0.0048585997724458442}, {0.0048585997724457158,-0.0048585997724457271}, {-0.0062954874194757135,0.0062954874194762816}, {-0.058524258705441125,0.058524258705438675}, {-0.0056487689206334984,0.0056487689206338324}, {-0.0034269392220438897,0.0034269392220439136}, {-0.0034269392220437982,0.0034269392220438182}, {-0.005648768920633632,0.0056487689206336962}, {0.0037155865923315882,-0.0037155865923316966}, {-0.0021057259306025786,0.0021057259306025131}, {-0.0021057259306024312,0.0021057259306026398}, {0.003715586592331416,-0.0037155865923314507}, {-0.0021057259306025461,0.0021057259306022781}, {-0.0021057259306024425,0.0021057259306025986}, {-0.058524258705438363,0.058524258705438696}, {-0.0056487689206331992,0.0056487689206339642}, {-0.0034269392220438464,0.0034269392220438056}, {-0.0034269392220437735,0.0034269392220438403}, {-0.0056487689206336051,0.0056487689206336901}, {0.01201616037761814,-0.012016160377617839}, {-0.0064688983580735923,0.0064688983580728967}, {-0.00269352514486902,0.0026935251448690178}, {-0.002693525144868964,0.0026935251448689675}, {-0.0064688983580725151,0.0064688983580729132}, {-0.0043336035414550268,0.0043336035414553321}, {-0.0025905481029128204,0.0025905481029129011}, {-0.0025905481029129176,0.0025905481029129822}, {-0.0021842469632321966,0.0021842469632323224}, {-0.0021842469632322504,0.0021842469632321537}, {-0.0043336035414555853,0.0043336035414552219}, {-0.0025905481029128204,0.0025905481029131257}, {-0.0025905481029128161,0.0025905481029130338}, {0.0061651713376977427,-0.006165171337698055}, {-0.015526658014665261,0.015526658014664964}, {-0.00045109099624800582,0.00045109099624808611}, {-0.00045109099624801401,0.00045109099624835992}, {0.0036536026967025881,-0.0036536026967026354}, {0.00013612812728752016,-0.00013612812728750503}, {0.00013612812728729961,-0.00013612812728736113}, {0.0036536026967025617,-0.0036536026967024932}, {0.00013612812728740204,-0.00013612812728732405}, {0.00013612812728739762,-0.00013612812728745915}, {0.012283750584580902,-0.012283750584578786}, {-0.018116355292327604,0.01811635529232785}, {-0.0051486831137500053,0.0051486831137500287}, {-0.005148683113749942,0.0051486831137499333}, {-0.018116355292327649,0.018116355292327854}, {-0.014839904145397112,0.014839904145398141}, {-0.0014690787705127298,0.0014690787705125613}, {0.0029203074430168077,-0.0029203074430168255}, {0.0029203074430167579,-0.0029203074430167175}, {-0.0014690787705124268,0.0014690787705122846}, {-0.00091268746109818982,0.00091268746109835917}, {0.00076902402920576204,-0.00076902402920584747}, {0.00076902402920568842,-0.00076902402920588401}, {-0.00091268746109833218,0.00091268746109824251}, {0.00076902402920569352,-0.00076902402920568777}, {0.00076902402920563107,-0.00076902402920572539}, {-0.014839904145397417,0.014839904145399563}, {-0.0014690787705120469,0.001469078770512666}, {0.0029203074430167609,-0.0029203074430168038}, {0.0029203074430167722,-0.0029203074430167388}, {-0.0014690787705125819,0.0014690787705126142}},
  },
  (const double (*)[2])(const double[][H2C_NPW][2]){
   {{5.3897355219196212,-5.3897355219196212}, {-1.0733770215722467,1.0733770215722447}, {0.034976419669762511,-0.034976419669761921}, {0.034976419669762004,-0.034976419669762379}, {-1.0733770215722449,1.0733770215722469}, {-1.4610981509688483,1.4610981509688465}, {0.49436781394756391,-0.49436781394756246}, {-0.022052848733577275,0.022052848733577088}, {-0.022052848733576911,0.02205284873357722}, {0.49436781394756341,-0.49436781394756335}, {0.25222001459725074,-0.2522200145972508}, {-0.12645127800333819,0.12645127800333758}, {-0.1264512780033373,0.12645127800333811}, {0.25222001459725013,-0.25222001459725085}, {-0.12645127800333805,0.12645127800333711}, {-0.12645127800333747,0.12645127800333827}, {-1.4610981509688472,1.4610981509688485}, {0.49436781394756424,-0.49436781394756274}, {-0.022052848733577175,0.022052848733576824}, {-0.022052848733576845,0.022052848733577216}, {0.49436781394756285,-0.49436781394756363}, {-0.97643300155589186,0.97643300155589208}, {0.36654852866412735,-0.36654852866412585}, {-0.016844926928977863,0.016844926928977596}, {-0.016844926928977769,0.016844926928977991}, {0.36654852866412763,-0.36654852866412696}, {0.50176541713950462,-0.5017654171395034}, {-0.22208874261151532,0.22208874261151401}, {-0.22208874261151487,0.22208874261151432}, {-0.14318922403260051,0.14318922403260034}, {-0.14318922403260054,0.1431892240326002}, {0.5017654171395044,-0.50176541713950507}, {-0.22208874261151501,0.22208874261151446}, {-0.22208874261151468,0.22208874261151479}, {0.17400964109416023,-0.17400964109416017}, {0.38835023984926453,-0.3883502398492652}, {-0.18244150656198621,0.18244150656198571}, {-0.18244150656198588,0.18244150656198663}, {-0.24500786800349059,0.24500786800349081}, {0.12435113237897852,-0.12435113237897763}, {0.12435113237897746,-0.12435113237897798}, {-0.24500786800349092,0.24500786800349145}, {0.12435113237897791,-0.12435113237897735}, {0.12435113237897756,-0.12435113237897807}, {-2.4373419862672194,2.4373419862672208}, {0.6940985593977127,-0.69409855939771159}, {-0.028601763152681998,0.028601763152681432}, {-0.028601763152681446,0.028601763152681769}, {0.69409855939771192,-0.69409855939771292}, {0.93736116553941295,-0.9373611655394124}, {-0.36779850621506138,0.36779850621505988}, {0.017813569361712703,-0.01781356936171245}, {0.017813569361712273,-0.017813569361712592}, {-0.36779850621506027,0.36779850621505999}, {-0.20468923024464017,0.20468923024463986}, {0.10631114492404939,-0.10631114492404894}, {0.10631114492404865,-0.10631114492404936}, {-0.20468923024463984,0.20468923024463984}, {0.10631114492404896,-0.10631114492404856}, {0.10631114492404854,-0.10631114492404913}, {0.93736116553941262,-0.93736116553941307}, {-0.36779850621506055,0.36779850621506005}, {0.017813569361712508,-0.01781356936171221}, {0.017813569361712404,-0.017813569361712397}, {-0.36779850621506011,0.36779850621506072}},
   {{-0.67746721676643196,0.67746721676651767}, {-0.15606689658589332,0.15606689658591227}, {0.044333969342197715,-0.0443339693422036}, {0.044333969342197355,-0.044333969342203676}, {-0.15606689658589265,0.15606689658591169}, {-0.20948479277060014,0.20948479277062643}, {0.12123692783026288,-0.12123692783027774}, {-0.023827477683048742,0.023827477683052645}, {-0.023827477683049443,0.023827477683052191}, {0.12123692783026227,-0.12123692783027805}, {0.078530829234090591,-0.07853082923409957}, {-0.040571188453616125,0.040571188453621197}, {-0.040571188453616326,0.040571188453620836}, {0.078530829234090188,-0.078530829234099972}, {-0.04057118845361582,0.04057118845362153}, {-0.040571188453616056,0.040571188453621364}, {-0.20948479277059975,0.20948479277062565}, {0.12123692783026341,-0.12123692783027713}, {-0.023827477683048767,0.023827477683052576}, {-0.023827477683049311,0.023827477683052118}, {0.12123692783026285,-0.12123692783027741}, {0.077830857417437047,-0.077830857417447538}, {0.10363303907838152,-0.10363303907839455}, {-0.018521854805335743,0.018521854805338932}, {-0.018521854805335924,0.018521854805338307}, {0.10363303907838071,-0.10363303907839493}, {0.1371067454923437,-0.13710674549236176}, {-0.076452855044684034,0.076452855044693013}, {-0.07645285504468409,0.076452855044693527}, {-0.055175502874139547,0.055175502874146798}, {-0.055175502874139484,0.055175502874146978}, {0.13710674549234392,-0.13710674549236193}, {-0.07645285504468434,0.076452855044693763}, {-0.076452855044684173,0.076452855044693777}, {0.13936451544500808,-0.13936451544502698}, {0.096439652862195413,-0.096439652862208292}, {-0.074535266245655207,0.074535266245664589}, {-0.074535266245655651,0.07453526624566463}, {-0.077466491580769167,0.077466491580778923}, {0.045664970263362928,-0.045664970263368639}, {0.045664970263362803,-0.04566497026336877}, {-0.07746649158076839,0.077466491580778382}, {0.045664970263362817,-0.045664970263368812}, {0.045664970263363226,-0.045664970263368278}, {-0.83633116343603464,0.83633116343613956}, {0.2338325543609423,-0.23383255436097242}, {-0.030093473073858436,0.030093473073863213}, {-0.030093473073858949,0.030093473073862644}, {0.23383255436094286,-0.23383255436097333}, {0.24456956712906155,-0.24456956712909236}, {-0.10921581382295087,0.10921581382296419}, {0.018656656799452415,-0.018656656799455745}, {0.01865665679945298,-0.018656656799455319}, {-0.10921581382295104,0.1092158138229635}, {-0.048893622564611813,0.048893622564617545}, {0.030914044008375198,-0.030914044008379393}, {0.030914044008375573,-0.030914044008379164}, {-0.048893622564612139,0.048893622564617829}, {0.030914044008375587,-0.030914044008379816}, {0.030914044008375378,-0.030914044008379202}, {0.24456956712906167,-0.24456956712909309}, {-0.10921581382295095,0.10921581382296433}, {0.018656656799452168,-0.018656656799455929}, {0.018656656799452852,-0.018656656799455329}, {-0.1092158138229511,0.10921581382296308}},
   {{-0.022114172044157818,0.02211417204415965}, {0.046369559964220312,-0.046369559964220403}, {-0.0051166315229323857,0.0051166315229328107}, {-0.0051166315229326772,0.0051166315229324421}, {0.046369559964220361,-0.046369559964219924}, {-0.00069216285087141084,0.00069216285086935898}, {-0.039357311539832206,0.039357311539832927}, {0.0026515011408335277,-0.0026515011408335381}, {0.0026515011408337883,-0.0026515011408335255}, {-0.039357311539831623,0.03935731153983274}, {-0.014070350009507682,0.014070350009507281}, {0.012725572061534808,-0.012725572061535129}, {0.012725572061535465,-0.012725572061534829}, {-0.014070350009507925,0.01407035000950772}, {0.012725572061534789,-0.012725572061535904}, {0.012725572061535153,-0.012725572061534903}, {-0.00069216285087015034,0.00069216285087118825}, {-0.039357311539831075,0.039357311539832698}, {0.0026515011408336816,-0.0026515011408338629}, {0.0026515011408338412,-0.0026515011408335372}, {-0.039357311539831998,0.039357311539832816}, {0.052781143305870644,-0.052781143305869721}, {-0.032777883218427784,0.032777883218428838}, {0.0024555142743422184,-0.0024555142743423065}, {0.0024555142743421681,-0.0024555142743420298}, {-0.032777883218426535,0.032777883218428318}, {-0.025501097218710366,0.025501097218711195}, {0.019971326635134807,-0.019971326635135893}, {0.019971326635134897,-0.019971326635135865}, {0.015118808807890145,-0.015118808807889888}, {0.015118808807889857,-0.01511880880789046}, {-0.025501097218710155,0.025501097218709693}, {0.019971326635135112,-0.019971326635135352}, {0.019971326635134925,-0.019971326635135581}, {0.00235739621708928,-0.0023573962170893772}, {-0.042914099418376192,0.042914099418375921}, {0.023730474552863413,-0.023730474552863982}, {0.023730474552863569,-0.023730474552863357}, {0.030385501995913892,-0.030385501995913996}, {-0.019519921678750898,0.019519921678751651}, {-0.019519921678751641,0.019519921678751675}, {0.030385501995913403,-0.030385501995913462}, {-0.019519921678751457,0.019519921678752016}, {-0.019519921678751689,0.01951992167875161}, {-0.079174667634108561,0.079174667634109061}, {-0.047083869259030388,0.047083869259030381}, {0.0027823658118516104,-0.0027823658118519149}, {0.0027823658118519526,-0.0027823658118519066}, {-0.047083869259029666,0.047083869259030034}, {-0.033394536031111068,0.033394536031112428}, {0.029696567921397844,-0.029696567921398999}, {-0.002468072157258203,0.002468072157258239}, {-0.0024680721572584424,0.0024680721572582034}, {0.029696567921398291,-0.029696567921399977}, {0.01804799442491091,-0.018047994424911146}, {-0.014492718213380136,0.014492718213380346}, {-0.014492718213380685,0.014492718213379949}, {0.018047994424910955,-0.018047994424911673}, {-0.01449271821338045,0.014492718213380811}, {-0.014492718213380721,0.014492718213380447}, {-0.033394536031111116,0.03339453603111249}, {0.029696567921398624,-0.029696567921399058}, {-0.0024680721572584146,0.0024680721572585204}, {-0.0024680721572582745,0.0024680721572584645}, {0.029696567921398419,-0.029696567921398936}},
   {{-0.03659943093104167,0.036599430931042426}, {-0.042797350421554567,0.042797350421554588}, {-0.02766009192741711,0.027660091927417363}, {-0.027660091927416856,0.027660091927417689}, {-0.042797350421555073,0.042797350421555524}, {0.0025976843827284356,-0.0025976843827289291}, {-0.047475522216749819,0.047475522216749416}, {0.0093718109224811153,-0.0093718109224820018}, {0.0093718109224818994,-0.009371810922481686}, {-0.04747552221674925,0.047475522216749992}, {-0.04139077828225414,0.041390778282253168}, {0.014760556919425336,-0.014760556919425388}, {0.01476055691942557,-0.014760556919425082}, {-0.04139077828225371,0.04139077828225371}, {0.014760556919424869,-0.014760556919425875}, {0.01476055691942528,-0.014760556919425684}, {0.002597684382728142,-0.0025976843827280943}, {-0.047475522216750478,0.047475522216748743}, {0.0093718109224811188,-0.0093718109224819237}, {0.0093718109224817485,-0.0093718109224816357}, {-0.047475522216749985,0.047475522216749257}, {-0.19509829366320852,0.19509829366320849}, {-0.0733147596238969,0.073314759623896872}, {0.0059241664372760372,-0.0059241664372769263}, {0.0059241664372763798,-0.005924166437276464}, {-0.073314759623896039,0.073314759623897538}, {-0.11068977782579037,0.11068977782579134}, {0.04856494934291971,-0.048564949342918967}, {0.048564949342919897,-0.048564949342919633}, {0.032741421120663743,-0.032741421120664076}, {0.032741421120663652,-0.032741421120664305}, {-0.11068977782579063,0.11068977782579172}, {0.048564949342920001,-0.048564949342919821}, {0.048564949342919939,-0.048564949342919946}, {-0.14239189180656228,0.14239189180656342}, {-0.016116663157612506,0.016116663157613474}, {0.03311792542750034,-0.033117925427500319}, {0.033117925427500826,-0.033117925427500389}, {0.029586581757510756,-0.029586581757510898}, {-0.015791964580482949,0.015791964580483094}, {-0.015791964580482851,0.015791964580483396}, {0.029586581757509747,-0.029586581757510163}, {-0.015791964580482813,0.01579196458048324}, {-0.01579196458048333,0.01579196458048281}, {-0.072623031826712897,0.072623031826712647}, {-0.095528176811333881,0.095528176811334825}, {0.010985196622839376,-0.010985196622840376}, {0.010985196622839989,-0.010985196622839836}, {-0.095528176811334867,0.095528176811336046}, {-0.061878425864227968,0.061878425864228204}, {0.035488533069645889,-0.035488533069645375}, {-0.0045399402241339199,0.0045399402241348428}, {-0.0045399402241345331,0.0045399402241346233}, {0.035488533069646069,-0.035488533069644571}, {0.0089471245479934708,-0.0089471245479931238}, {-0.0058973418907106142,0.0058973418907111146}, {-0.00589734189071106,0.0058973418907109689}, {0.0089471245479938784,-0.0089471245479934534}, {-0.0058973418907110435,0.0058973418907115058}, {-0.0058973418907108397,0.0058973418907110053}, {-0.061878425864228176,0.061878425864229175}, {0.035488533069645986,-0.035488533069645528}, {-0.004539940224133631,0.0045399402241350405}, {-0.0045399402241343709,0.0045399402241346589}, {0.035488533069646264,-0.035488533069643988}},
   {{0.0028299242516587088,-0.0028299242516593962}, {0.009291268405656028,-0.0092912684056571174}, {0.011845941297036942,-0.011845941297037551}, {0.011845941297037072,-0.011845941297037463}, {0.0092912684056562136,-0.0092912684056559551}, {0.0020359138740516525,-0.0020359138740532494}, {0.0055799736642110007,-0.0055799736642124474}, {-0.0092623819532479338,0.0092623819532482114}, {-0.0092623819532480015,0.0092623819532482356}, {0.0055799736642113641,-0.0055799736642113441}, {0.007557995399931898,-0.007557995399933101}, {-0.010669182541983973,0.010669182541984314}, {-0.010669182541984576,0.010669182541984649}, {0.0075579953999315615,-0.0075579953999314105}, {-0.010669182541983757,0.010669182541983954}, {-0.010669182541984023,0.010669182541983548}, {0.0020359138740519184,-0.0020359138740507618}, {0.00557997366421177,-0.00557997366421177}, {-0.0092623819532479668,0.0092623819532479962}, {-0.0092623819532478766,0.0092623819532481385}, {0.005579973664211064,-0.0055799736642109877}, {-0.0087476245649516591,0.0087476245649487829}, {0.011555091181201904,-0.01155509118120087}, {-0.0082593789895166747,0.0082593789895168378}, {-0.0082593789895166886,0.0082593789895168673}, {0.011555091181201462,-0.011555091181201353}, {0.003884639311864078,-0.0038846393118645737}, {-0.01289665182138343,0.012896651821383802}, {-0.012896651821382939,0.012896651821383671}, {-0.0099227500935037283,0.0099227500935048368}, {-0.0099227500935043615,0.0099227500935035965}, {0.0038846393118646926,-0.0038846393118648938}, {-0.012896651821383059,0.012896651821383982}, {-0.012896651821382705,0.012896651821383016}, {0.0040768951628276685,-0.0040768951628277032}, {-0.0094422928339697593,0.0094422928339699501}, {-0.0075607063772842693,0.0075607063772843855}, {-0.0075607063772845703,0.0075607063772843708}, {-0.0032954969684877958,0.003295496968488128}, {0.0088612509912836483,-0.0088612509912836552}, {0.0088612509912828954,-0.0088612509912829353}, {-0.0032954969684880898,0.003295496968488216}, {0.0088612509912832978,-0.0088612509912834071}, {0.0088612509912833794,-0.0088612509912833638}, {-0.0088971961612207325,0.0088971961612205989}, {-0.015441605490949233,0.015441605490949955}, {-0.011127177704040267,0.011127177704040364}, {-0.011127177704040186,0.011127177704040449}, {-0.015441605490949233,0.015441605490950087}, {-0.02211255651940194,0.022112556519400643}, {-0.0074100420147341873,0.0074100420147351891}, {0.0084801869254756534,-0.0084801869254757245}, {0.0084801869254755771,-0.0084801869254756308}, {-0.0074100420147340616,0.0074100420147341891}, {-0.0092414559038295051,0.0092414559038301852}, {0.010027397217295928,-0.010027397217296237}, {0.010027397217296353,-0.010027397217296031}, {-0.0092414559038299909,0.0092414559038290489}, {0.010027397217296024,-0.010027397217295937}, {0.010027397217296371,-0.010027397217296027}, {-0.022112556519399976,0.022112556519400584}, {-0.0074100420147344276,0.0074100420147348006}, {0.008480186925475551,-0.0084801869254754469}, {0.0084801869254754886,-0.0084801869254754851}, {-0.0074100420147345247,0.0074100420147340399}},
   {{-0.0026375675017390686,0.0026375675017390986}, {-0.0030395172426416605,0.0030395172426418279}, {0.010043254329462886,-0.010043254329462813}, {0.010043254329462466,-0.010043254329462464}, {-0.0030395172426420937,0.0030395172426423908}, {-0.028880972489084496,0.028880972489083362}, {-0.0086867397790876388,0.0086867397790879146}, {-0.0092555252516859487,0.0092555252516860233}, {-0.0092555252516856659,0.0092555252516857024}, {-0.0086867397790878573,0.0086867397790878799}, {0.005155551620232731,-0.0051555516202331482}, {-0.0049079558241543831,0.0049079558241542686}, {-0.004907955824153952,0.0049079558241546008}, {0.0051555516202325723,-0.0051555516202326738}, {-0.0049079558241543926,0.0049079558241536467}, {-0.0049079558241540708,0.0049079558241545175}, {-0.028880972489083282,0.028880972489083483}, {-0.008686739779087134,0.00868673977908801}, {-0.0092555252516858238,0.009255525251685718}, {-0.0092555252516855827,0.0092555252516857596}, {-0.0086867397790877047,0.0086867397790878539}, {0.011692518238245813,-0.011692518238245599}, {-0.010517452567609109,0.010517452567608157}, {-0.0080694702196134026,0.0080694702196133696}, {-0.0080694702196131528,0.008069470219613158}, {-0.0105174525676077,0.010517452567608308}, {-0.0095898012829789912,0.0095898012829793173}, {-0.0042964766272163635,0.0042964766272165491}, {-0.0042964766272164581,0.0042964766272166341}, {-0.0050745800313449566,0.005074580031345451}, {-0.0050745800313453026,0.0050745800313449514}, {-0.009589801282979581,0.0095898012829791299}, {-0.0042964766272164381,0.0042964766272170331}, {-0.0042964766272163332,0.0042964766272167504}, {0.017724267985997362,-0.01772426798599825}, {-0.023906978158191424,0.023906978158190963}, {-0.0029962151310195333,0.0029962151310197319}, {-0.0029962151310195498,0.0029962151310203339}, {0.006107842091212414,-0.0061078420912124998}, {0.001302499660538959,-0.001302499660538946}, {0.0013024996605383293,-0.0013024996605384971}, {0.0061078420912122873,-0.0061078420912120714}, {0.0013024996605386831,-0.0013024996605384535}, {0.0013024996605386313,-0.0013024996605387966}, {7.2340188159356465e-05,-7.2340188158825992e-05}, {-0.014472736020244821,0.014472736020245038}, {-0.0128196271065015,0.01281962710650157}, {-0.01281962710650132,0.012819627106501278}, {-0.014472736020244936,0.014472736020245161}, {-0.013012371164241889,0.013012371164242649}, {-0.0026686598828272413,0.0026686598828270869}, {0.0086461565498910601,-0.008646156549891133}, {0.0086461565498909144,-0.0086461565498907617}, {-0.0026686598828268128,0.0026686598828266303}, {-0.0017358477969003777,0.0017358477969009367}, {0.00187167337842639,-0.0018716733784267376}, {0.0018716733784261827,-0.0018716733784268362}, {-0.001735847796900915,0.0017358477969007728}, {0.0018716733784262746,-0.0018716733784262982}, {0.0018716733784260352,-0.0018716733784263507}, {-0.013012371164241929,0.013012371164243731}, {-0.002668659882826367,0.002668659882827335}, {0.0086461565498909387,-0.0086461565498910757}, {0.0086461565498909491,-0.0086461565498908138}, {-0.0026686598828270934,0.002668659882827152}},
  },
  (const double (*)[2])(const double[][H2C_NPW][2]){
   {{-13.590590683274842,13.590590683274842}, {2.9563872659198824,-2.9563872659198767}, {-0.14242052203577446,0.14242052203577377}, {-0.14242052203577388,0.14242052203577438}, {2.956387265919878,-2.9563872659198811}, {3.8520621487322968,-3.8520621487322955}, {-1.414405823647952,1.4144058236479493}, {0.093601587890382906,-0.093601587890382379}, {0.093601587890382545,-0.093601587890382837}, {-1.4144058236479493,1.4144058236479509}, {-0.71605100874907446,0.71605100874907368}, {0.38680414471883806,-0.38680414471883734}, {0.38680414471883756,-0.38680414471883767}, {-0.71605100874907401,0.71605100874907424}, {0.38680414471883784,-0.38680414471883751}, {0.38680414471883751,-0.38680414471883795}, {3.8520621487322968,-3.8520621487322964}, {-1.4144058236479509,1.4144058236479493}, {0.09360158789038292,-0.093601587890382448}, {0.093601587890382504,-0.093601587890382823}, {-1.4144058236479493,1.4144058236479515}, {2.6539434873539087,-2.6539434873539074}, {-1.0722254563252265,1.0722254563252245}, {0.075884678053703039,-0.075884678053702664}, {0.075884678053702748,-0.075884678053702997}, {-1.0722254563252247,1.072225456325226}, {-1.3989570706238659,1.3989570706238648}, {0.66394113722875758,-0.66394113722875636}, {0.66394113722875636,-0.66394113722875692}, {0.43471082320643173,-0.43471082320643128}, {0.43471082320643145,-0.43471082320643145}, {-1.3989570706238652,1.398957070623865}, {0.66394113722875736,-0.66394113722875603}, {0.66394113722875614,-0.66394113722875725}, {-0.49043065026217891,0.49043065026217852}, {-1.0889610455246719,1.0889610455246717}, {0.5480916465649206,-0.54809164656491993}, {0.54809164656492004,-0.5480916465649206}, {0.71083415990726984,-0.71083415990726972}, {-0.38656365715980484,0.38656365715980429}, {-0.38656365715980429,0.38656365715980479}, {0.71083415990726972,-0.71083415990726995}, {-0.38656365715980473,0.3865636571598044}, {-0.3865636571598044,0.38656365715980495}, {6.2978550707856558,-6.2978550707856531}, {-1.9501458544750327,1.9501458544750294}, {0.11550340722607524,-0.11550340722607474}, {0.11550340722607476,-0.1155034072260752}, {-1.9501458544750296,1.9501458544750321}, {-2.5327027124683616,2.5327027124683608}, {1.0574389911454154,-1.0574389911454136}, {-0.07856840520132774,0.078568405201327324}, {-0.078568405201327379,0.078568405201327643}, {1.0574389911454136,-1.0574389911454154}, {0.59369405251838947,-0.59369405251838914}, {-0.33253077920181295,0.33253077920181223}, {-0.33253077920181251,0.33253077920181262}, {0.59369405251838925,-0.59369405251838958}, {-0.33253077920181273,0.33253077920181251}, {-0.33253077920181251,0.33253077920181295}, {-2.5327027124683612,2.5327027124683621}, {1.0574389911454152,-1.0574389911454138}, {-0.078568405201327726,0.078568405201327379}, {-0.078568405201327352,0.078568405201327685}, {1.0574389911454138,-1.0574389911454154}},
   {{-10.841622758166181,10.841622758167548}, {-2.1536307672200992,2.1536307672203661}, {0.1578568796864849,-0.15785687968650453}, {0.15785687968648432,-0.15785687968650497}, {-2.1536307672200956,2.1536307672203683}, {-2.4021945394449502,2.4021945394452522}, {0.96253134422834141,-0.96253134422846098}, {-0.090948105683720082,0.090948105683731503}, {-0.090948105683719999,0.090948105683731684}, {0.96253134422833941,-0.96253134422846232}, {0.43099490233981869,-0.43099490233987253}, {-0.23241644555820079,0.23241644555822974}, {-0.2324164455582006,0.23241644555822999}, {0.43099490233981835,-0.4309949023398727}, {-0.23241644555820065,0.23241644555822982}, {-0.23241644555820035,0.23241644555823018}, {-2.4021945394449484,2.4021945394452509}, {0.96253134422834163,-0.96253134422846021}, {-0.09094810568372004,0.090948105683731476}, {-0.09094810568371986,0.090948105683731698}, {0.96253134422833975,-0.96253134422846198}, {-0.48754839430979546,0.48754839430985619}, {0.52927399230195371,-0.52927399230201988}, {-0.069717314378228409,0.069717314378237125}, {-0.069717314378228243,0.069717314378237263}, {0.52927399230195249,-0.52927399230202066}, {0.60416185606001716,-0.60416185606009376}, {-0.33766093859713914,0.33766093859718094}, {-0.3376609385971388,0.33766093859718171}, {-0.21276795474664478,0.21276795474667162}, {-0.2127679547466447,0.21276795474667173}, {0.60416185606001693,-0.60416185606009387}, {-0.3376609385971393,0.33766093859718127}, {-0.33766093859713869,0.33766093859718188}, {0.20389120623919044,-0.20389120623921686}, {1.133271556506837,-1.1332715565069804}, {-0.49558631317866536,0.49558631317872759}, {-0.49558631317866497,0.49558631317872825}, {-0.63157798244725705,0.63157798244733676}, {0.31652724056512754,-0.31652724056516723}, {0.3165272405651271,-0.31652724056516762}, {-0.6315779824472566,0.63157798244733687}, {0.31652724056512743,-0.31652724056516734}, {0.31652724056512732,-0.31652724056516757}, {-12.262167102348629,12.262167102350176}, {2.0743655158024423,-2.0743655158027026}, {-0.12080521756204061,0.12080521756205591}, {-0.12080521756204037,0.1208052175620561}, {2.0743655158024401,-2.0743655158027061}, {2.5685501744722594,-2.5685501744725836}, {-0.89768728557178246,0.89768728557189437}, {0.077056001385061829,-0.077056001385071599}, {0.077056001385061731,-0.077056001385071737}, {-0.89768728557178146,0.89768728557189514}, {-0.41102169170691338,0.41102169170696501}, {0.22620286651193394,-0.22620286651196231}, {0.22620286651193375,-0.22620286651196245}, {-0.41102169170691333,0.41102169170696529}, {0.22620286651193391,-0.22620286651196236}, {0.22620286651193366,-0.22620286651196256}, {2.5685501744722585,-2.5685501744725845}, {-0.89768728557178223,0.8976872855718947}, {0.077056001385061773,-0.077056001385071626}, {0.077056001385061662,-0.077056001385071779}, {-0.89768728557178135,0.89768728557189503}},
   {{0.17733501931913431,-0.17733501931913723}, {0.12029906774665544,-0.12029906774665468}, {-0.0090268798986957218,0.0090268798986959525}, {-0.0090268798986958328,0.0090268798986956576}, {0.12029906774665543,-0.12029906774665285}, {0.0022114219499384216,-0.0022114219499409717}, {-0.050055076965859861,0.050055076965860319}, {0.0050028167743137028,-0.0050028167743137409}, {0.0050028167743137765,-0.0050028167743136525}, {-0.05005507696585932,0.05005507696585984}, {-0.0098380071222198672,0.0098380071222196139}, {0.0079835678138932466,-0.0079835678138933264}, {0.0079835678138934635,-0.0079835678138931651}, {-0.0098380071222200823,0.0098380071222196261}, {0.007983567813893264,-0.0079835678138935398}, {0.0079835678138934045,-0.0079835678138931235}, {0.0022114219499412757,-0.002211421949936673}, {-0.050055076965858973,0.050055076965859924}, {0.0050028167743137444,-0.0050028167743138563}, {0.0050028167743138008,-0.0050028167743136551}, {-0.050055076965859799,0.050055076965859653}, {0.078144949719056056,-0.078144949719053877}, {-0.037330213405899142,0.037330213405899634}, {0.0040127007695619958,-0.0040127007695620566}, {0.0040127007695619638,-0.0040127007695618961}, {-0.037330213405898233,0.037330213405899024}, {-0.027783896107982105,0.027783896107982375}, {0.017929657953352687,-0.017929657953353141}, {0.01792965795335269,-0.017929657953352995}, {0.0078033938436159311,-0.0078033938436157906}, {0.0078033938436158877,-0.0078033938436158738}, {-0.027783896107982091,0.027783896107981067}, {0.017929657953352846,-0.017929657953352801}, {0.017929657953352746,-0.01792965795335277}, {-0.0044288100358272067,0.0044288100358270081}, {-0.015133857552497848,0.015133857552497043}, {0.012063162651058564,-0.012063162651058621}, {0.012063162651058631,-0.012063162651058244}, {0.011650330481145599,-0.011650330481145364}, {-0.0084473064974482578,0.0084473064974484278}, {-0.0084473064974485198,0.0084473064974483758}, {0.011650330481145428,-0.011650330481145089}, {-0.0084473064974484712,0.0084473064974485371}, {-0.0084473064974485475,0.0084473064974483168}, {-0.43598465954523979,0.43598465954524868}, {-0.063648578166326047,0.063648578166325284}, {0.006335798527899561,-0.0063357985278997171}, {0.0063357985278996764,-0.0063357985278996078}, {-0.063648578166325187,0.063648578166324327}, {-0.024024676509325587,0.024024676509326135}, {0.028145396193685512,-0.028145396193686105}, {-0.0040139703537891659,0.0040139703537892075}, {-0.0040139703537892344,0.0040139703537891321}, {0.02814539619368581,-0.028145396193686566}, {0.0090599137444123193,-0.0090599137444122985}, {-0.0069734648785931856,0.0069734648785932151}, {-0.0069734648785933634,0.0069734648785930529}, {0.0090599137444124078,-0.0090599137444124043}, {-0.0069734648785933148,0.0069734648785933356}, {-0.0069734648785934024,0.0069734648785931526}, {-0.024024676509325958,0.024024676509325767}, {0.028145396193686115,-0.028145396193686063}, {-0.0040139703537892309,0.0040139703537892977}, {-0.0040139703537891867,0.0040139703537892066}, {0.02814539619368598,-0.028145396193685713}},
   {{0.1073123124922935,-0.10731231249229536}, {-0.066953293393465743,0.066953293393466298}, {-0.016243035439180223,0.016243035439180369}, {-0.016243035439180143,0.016243035439180428}, {-0.066953293393466631,0.066953293393468435}, {0.0010051497065885207,-0.0010051497065886412}, {-0.04840051688579821,0.04840051688579769}, {0.0064929782790343676,-0.0064929782790346833}, {0.0064929782790346443,-0.0064929782790345419}, {-0.048400516885797738,0.048400516885798023}, {-0.021077892956326841,0.021077892956326328}, {0.0081687415235809288,-0.0081687415235809045}, {0.0081687415235810173,-0.0081687415235807796}, {-0.021077892956326668,0.021077892956326529}, {0.0081687415235807883,-0.0081687415235810641}, {0.008168741523580934,-0.0081687415235809548}, {0.0010051497065880705,-0.0010051497065869254}, {-0.048400516885798821,0.048400516885797079}, {0.0064929782790343728,-0.0064929782790346573}, {0.0064929782790346001,-0.0064929782790345142}, {-0.048400516885798418,0.04840051688579728}, {-0.23870093978076423,0.23870093978076462}, {-0.051692167258735711,0.051692167258735537}, {0.0045487356788299991,-0.0045487356788302784}, {0.0045487356788300997,-0.0045487356788301075}, {-0.051692167258735079,0.051692167258735891}, {-0.0744276730616521,0.074427673061652599}, {0.02793963385537292,-0.027939633855372476}, {0.027939633855372986,-0.027939633855372771}, {0.012789168967284712,-0.012789168967284761}, {0.01278916896728469,-0.012789168967284823}, {-0.074427673061652294,0.074427673061652808}, {0.02793963385537308,-0.027939633855372886}, {0.027939633855373031,-0.027939633855372889}, {-0.046848119458952647,0.046848119458952987}, {-0.0039329869627525238,0.0039329869627529306}, {0.017502681666176082,-0.017502681666176068}, {0.017502681666176374,-0.017502681666176058}, {0.013303970486133436,-0.013303970486133404}, {-0.0078107944418330105,0.0078107944418330435}, {-0.007810794441833027,0.0078107944418331094}, {0.013303970486133012,-0.013303970486133099}, {-0.007810794441832968,0.0078107944418330981}, {-0.0078107944418331909,0.0078107944418328978}, {-0.37492714598958465,0.3749271459895856}, {-0.1169364098226649,0.11693640982266586}, {0.0090875686429732448,-0.0090875686429736733}, {0.0090875686429735293,-0.00908756864297342}, {-0.1169364098226663,0.11693640982266697}, {-0.06337999541620222,0.063379995416202012}, {0.032508624115683386,-0.03250862411568297}, {-0.0044038957265046365,0.0044038957265049479}, {-0.0044038957265048568,0.0044038957265048429}, {0.032508624115683622,-0.032508624115682339}, {0.0064473485591268779,-0.0064473485591266533}, {-0.0043071388772881617,0.004307138877288284}, {-0.0043071388772883204,0.0043071388772882102}, {0.0064473485591270436,-0.0064473485591267799}, {-0.0043071388772883048,0.0043071388772884115}, {-0.0043071388772882632,0.0043071388772882042}, {-0.063379995416202498,0.063379995416203094}, {0.03250862411568349,-0.032508624115683081}, {-0.0044038957265045506,0.0044038957265050103}, {-0.0044038957265048109,0.0044038957265048456}, {0.032508624115683782,-0.032508624115681881}},
   {{-0.0059907261512639632,0.00599072615125804}, {0.018628330306896503,-0.018628330306900052}, {0.0057322245862953519,-0.0057322245862955019}, {0.0057322245862953432,-0.0057322245862954585}, {0.018628330306897277,-0.01862833030689796}, {0.0071049077391874315,-0.0071049077391918333}, {0.0048075331993832539,-0.0048075331993839053}, {-0.0037013472877160899,0.0037013472877161467}, {-0.0037013472877160799,0.0037013472877161307}, {0.0048075331993834526,-0.0048075331993828957}, {0.003199960692897554,-0.0031999606928978059}, {-0.0038696568007869784,0.0038696568007869888}, {-0.0038696568007871679,0.003869656800787066}, {0.0031999606928974889,-0.0031999606928972048}, {-0.0038696568007869519,0.003869656800786879}, {-0.0038696568007870009,0.0038696568007867077}, {0.0071049077391874644,-0.007104907739186578}, {0.0048075331993840485,-0.0048075331993834378}, {-0.0037013472877161107,0.0037013472877160595}, {-0.0037013472877160331,0.0037013472877160873}, {0.004807533199383247,-0.0048075331993827066}, {-0.011946010127247169,0.011946010127242904}, {0.00896883142999301,-0.0089688314299917853}, {-0.0030254100616857872,0.0030254100616857859}, {-0.0030254100616857525,0.0030254100616857902}, {0.0089688314299925676,-0.0089688314299921409}, {0.0036247727076353709,-0.0036247727076351285}, {-0.007022895558756982,0.0070228955587569031}, {-0.0070228955587566862,0.0070228955587568241}, {-0.0033386206039473904,0.0033386206039475912}, {-0.0033386206039476138,0.0033386206039472534}, {0.0036247727076358562,-0.0036247727076355431}, {-0.0070228955587568458,0.0070228955587570262}, {-0.007022895558756583,0.0070228955587565344}, {0.0019915398753633231,-0.0019915398753631241}, {-0.0067014233933790166,0.0067014233933796533}, {-0.0026029946028274043,0.0026029946028272035}, {-0.0026029946028274936,0.0026029946028271458}, {-0.00028134350487286685,0.0002813435048727438}, {0.0027611672566999475,-0.0027611672566998126}, {0.0027611672566996695,-0.0027611672566995272}, {-0.0002813435048730838,0.0002813435048728063}, {0.002761167256699862,-0.0027611672566997293}, {0.0027611672566998677,-0.002761167256699682}, {-0.014766101148631909,0.014766101148626762}, {-0.020522024125730055,0.020522024125731977}, {-0.0046342162412232393,0.0046342162412232029}, {-0.0046342162412231647,0.0046342162412232055}, {-0.020522024125730249,0.02052202412573224}, {-0.029555243250178907,0.029555243250178546}, {-0.0041362629211721992,0.0041362629211724854}, {0.0030366244458422753,-0.0030366244458422671}, {0.003036624445842225,-0.0030366244458422086}, {-0.0041362629211720431,0.004136262921171684}, {-0.0029311272165899313,0.0029311272165900076}, {0.0031336469295026505,-0.0031336469295026562}, {0.0031336469295027663,-0.0031336469295025569}, {-0.002931127216590214,0.0029311272165896281}, {0.003133646929502723,-0.003133646929502566}, {0.0031336469295028054,-0.0031336469295025625}, {-0.029555243250176236,0.029555243250178144}, {-0.0041362629211724958,0.0041362629211722426}, {0.0030366244458422506,-0.0030366244458421704}, {0.0030366244458421977,-0.0030366244458421596}, {-0.0041362629211724603,0.0041362629211716363}},
   {{-0.011931382895375315,0.011931382895374775}, {-0.0063082150787126716,0.0063082150787129527}, {0.0048618175421566842,-0.0048618175421566547}, {0.0048618175421565272,-0.0048618175421565393}, {-0.0063082150787137298,0.0063082150787142988}, {-0.058540477162003397,0.058540477162000941}, {-0.0056358620135360674,0.0056358620135364022}, {-0.0034300378246665012,0.0034300378246665247}, {-0.0034300378246664106,0.003430037824666431}, {-0.0056358620135362001,0.0056358620135362643}, {0.003732589750129257,-0.003732589750129365}, {-0.002118943799916308,0.0021189437999162421}, {-0.002118943799916161,0.0021189437999163696}, {0.0037325897501290844,-0.0037325897501291191}, {-0.002118943799916275,0.0021189437999160066}, {-0.0021189437999161722,0.0021189437999163284}, {-0.058540477162000636,0.058540477162000962}, {-0.0056358620135357682,0.005635862013536534}, {-0.0034300378246664579,0.0034300378246664167}, {-0.0034300378246663859,0.0034300378246664531}, {-0.0056358620135361732,0.0056358620135362582}, {0.011997404940750358,-0.011997404940750057}, {-0.0064542945448493204,0.0064542945448486256}, {-0.0026966072434967316,0.002696607243496729}, {-0.0026966072434966766,0.0026966072434966805}, {-0.0064542945448482431,0.0064542945448486403}, {-0.0043146593625746623,0.0043146593625749676}, {-0.0026052041361339109,0.0026052041361339907}, {-0.0026052041361340084,0.0026052041361340731}, {-0.0022034574441854569,0.0022034574441855822}, {-0.0022034574441855107,0.0022034574441854135}, {-0.0043146593625752209,0.0043146593625748575}, {-0.0026052041361339104,0.0026052041361342153}, {-0.0026052041361339065,0.0026052041361341247}, {0.0061864026323059209,-0.0061864026323062322}, {-0.015514304865871239,0.015514304865870942}, {-0.00046120076914319969,0.00046120076914327933}, {-0.00046120076914320837,0.00046120076914355439}, {0.003640854209042658,-0.0036408542090427057}, {0.00014643619613752108,-0.00014643619613750528}, {0.00014643619613730096,-0.00014643619613736262}, {0.003640854209042632,-0.0036408542090425634}, {0.00014643619613740282,-0.00014643619613732422}, {0.00014643619613739889,-0.00014643619613746058}, {0.012270188244787702,-0.012270188244785585}, {-0.018105226616713897,0.018105226616714144}, {-0.0051517972540916302,0.0051517972540916536}, {-0.0051517972540915677,0.0051517972540915599}, {-0.018105226616713942,0.018105226616714147}, {-0.014825889792036097,0.014825889792037125}, {-0.001480438159803948,0.0014804381598037789}, {0.0029233061022358965,-0.0029233061022359134}, {0.002923306102235847,-0.0029233061022358071}, {-0.0014804381598036455,0.0014804381598035035}, {-0.00092769310387589264,0.00092769310387606156}, {0.00078084044902577163,-0.00078084044902585641}, {0.00078084044902569844,-0.00078084044902589414}, {-0.00092769310387603467,0.00092769310387594468}, {0.00078084044902570278,-0.00078084044902569649}, {0.00078084044902564087,-0.00078084044902573542}, {-0.014825889792036402,0.014825889792038548}, {-0.001480438159803265,0.0014804381598038836}, {0.0029233061022358492,-0.0029233061022358917}, {0.0029233061022358614,-0.0029233061022358284}, {-0.0014804381598038006,0.0014804381598038329}},
  },
  (const double (*)[2])(const double[][H2C_NPW][2]){
   {{13.821178841843263,-13.821178841843265}, {-2.7928854587583256,2.7928854587583203}, {0.12657690051633763,-0.12657690051633669}, {0.12657690051633705,-0.12657690051633744}, {-2.7928854587583216,2.7928854587583243}, {-3.7185136941590273,3.7185136941590251}, {1.3116207310510817,-1.3116207310510781}, {-0.083512713851330661,0.083512713851330064}, {-0.0835127138513303,0.08351271385133055}, {1.3116207310510797,-1.3116207310510803}, {0.63836726040345593,-0.63836726040345504}, {-0.33197101892426301,0.33197101892426212}, {-0.3319710189242624,0.33197101892426251}, {0.63836726040345548,-0.63836726040345571}, {-0.33197101892426278,0.33197101892426223}, {-0.33197101892426245,0.3319710189242629}, {-3.7185136941590256,3.7185136941590256}, {1.3116207310510808,-1.3116207310510786}, {-0.083512713851330647,0.08351271385133012}, {-0.083512713851330286,0.083512713851330578}, {1.3116207310510792,-1.3116207310510812}, {-2.5297373942560153,2.5297373942560153}, {0.98646491502455635,-0.98646491502455425}, {-0.067470497204880783,0.067470497204880353}, {-0.067470497204880561,0.067470497204880756}, {0.98646491502455536,-0.98646491502455591}, {1.3021078388511569,-1.3021078388511556}, {-0.59738986452454135,0.5973898645245399}, {-0.59738986452454046,0.59738986452454068}, {-0.3646349279348764,0.36463492793487584}, {-0.36463492793487601,0.36463492793487617}, {1.3021078388511562,-1.3021078388511562}, {-0.59738986452454113,0.59738986452453979}, {-0.59738986452454024,0.59738986452454113}, {0.42195117198902166,-0.42195117198902149}, {0.99651741454529241,-0.99651741454529252}, {-0.48446283576897786,0.48446283576897697}, {-0.48446283576897731,0.48446283576897792}, {-0.62945900680198297,0.62945900680198286}, {0.33014356054771243,-0.33014356054771166}, {0.33014356054771193,-0.33014356054771232}, {-0.62945900680198286,0.62945900680198308}, {0.33014356054771227,-0.33014356054771177}, {0.33014356054771193,-0.33014356054771243}, {-6.158557491368418,6.1585574913684171}, {1.8226007069740542,-1.8226007069740511}, {-0.10311285752436468,0.10311285752436407}, {-0.10311285752436421,0.10311285752436457}, {1.8226007069740515,-1.8226007069740544}, {2.4040304111587001,-2.4040304111586983}, {-0.97120450408003045,0.9712045040800279}, {0.069949783740268195,-0.069949783740267724}, {0.069949783740267849,-0.069949783740268098}, {-0.9712045040800289,0.9712045040800299}, {-0.51809086676867677,0.51809086676867622}, {0.27918244477829512,-0.27918244477829429}, {0.27918244477829463,-0.27918244477829474}, {-0.51809086676867644,0.51809086676867677}, {0.27918244477829485,-0.27918244477829446}, {0.27918244477829457,-0.27918244477829496}, {2.4040304111586988,-2.4040304111586996}, {-0.97120450408002978,0.97120450408002834}, {0.069949783740268154,-0.069949783740267779}, {0.069949783740267862,-0.069949783740268126}, {-0.97120450408002879,0.97120450408003034}},
   {{-10.47866776925969,10.478667769259074}, {-2.1222627955268596,2.1222627955267295}, {0.13474175558122883,-0.13474175558122045}, {0.13474175558122839,-0.13474175558122109}, {-2.1222627955268556,2.122262795526733}, {-2.3284678115153525,2.328467811515214}, {0.88680684912376273,-0.886806849123709}, {-0.078943719141263163,0.078943719141258181}, {-0.078943719141262886,0.07894371914125857}, {0.88680684912376129,-0.88680684912371022}, {0.37938452396947403,-0.37938452396945144}, {-0.20015391684968889,0.20015391684967676}, {-0.20015391684968861,0.20015391684967704}, {0.37938452396947386,-0.37938452396945171}, {-0.20015391684968889,0.20015391684967682}, {-0.20015391684968845,0.20015391684967718}, {-2.3284678115153521,2.3284678115152162}, {0.88680684912376262,-0.886806849123709}, {-0.078943719141263136,0.078943719141258209}, {-0.078943719141262789,0.078943719141258598}, {0.88680684912376084,-0.88680684912371044}, {-0.63204944371311667,0.63204944371307936}, {0.45969084195552296,-0.45969084195549453}, {-0.060450773216861514,0.060450773216857656}, {-0.060450773216861341,0.060450773216858031}, {0.45969084195552173,-0.45969084195549553}, {0.51420896542285155,-0.51420896542282124}, {-0.28647497816396378,0.28647497816394629}, {-0.28647497816396333,0.28647497816394679}, {-0.16979823736626032,0.16979823736625024}, {-0.16979823736626018,0.16979823736625035}, {0.51420896542285166,-0.51420896542282168}, {-0.28647497816396378,0.28647497816394629}, {-0.28647497816396328,0.28647497816394696}, {0.13385511299774655,-0.13385511299773889}, {1.105166272281519,-1.1051662722814546}, {-0.45390964367231945,0.45390964367229242}, {-0.45390964367231884,0.45390964367229303}, {-0.5888393087721816,0.5888393087721473}, {0.28468580654186376,-0.28468580654184661}, {0.28468580654186337,-0.28468580654184711}, {-0.5888393087721816,0.58883930877214774}, {0.28468580654186365,-0.28468580654184678}, {0.28468580654186337,-0.28468580654184716}, {-12.688137613438116,12.688137613437373}, {1.9436899200365658,-1.9436899200364492}, {-0.10446003022914627,0.10446003022913976}, {-0.10446003022914578,0.10446003022914029}, {1.9436899200365629,-1.9436899200364526}, {2.4884796073002811,-2.4884796073001345}, {-0.83628932392117628,0.83628932392112587}, {0.067634129592135744,-0.067634129592131553}, {0.067634129592135495,-0.067634129592131886}, {-0.83628932392117528,0.8362893239211272}, {-0.37224939351298564,0.37224939351296366}, {0.19789396703564502,-0.19789396703563306}, {0.19789396703564469,-0.19789396703563328}, {-0.37224939351298536,0.37224939351296388}, {0.19789396703564488,-0.19789396703563314}, {0.19789396703564469,-0.19789396703563347}, {2.4884796073002802,-2.4884796073001358}, {-0.83628932392117616,0.83628932392112609}, {0.067634129592135758,-0.067634129592131512}, {0.067634129592135453,-0.067634129592131872}, {-0.83628932392117472,0.83628932392112743}},
  },
};

/* "GPAW's H2 Hamiltonian" on span(V): x = V c, Hx = HV c, Sx = SV c, c by the normal
 * equations in the inner product of space.h (real c for real wavefunctions: that
 * operator is only R-linear). The least-squares residual |x - V c| / |x| is recorded:
 * it is small only if pawsorb built the trial vectors GPAW built. */
typedef struct {
    const gpaw_davidson *ref;
    const eig_space *sp;
    double worst;
} gpaw_op;

static double complex vec(const double (*A)[2], int npw, int i, int g)
{
    return A[(size_t)i * npw + g][0] + I * A[(size_t)i * npw + g][1];
}

/* <V_i|x> by the rule of space.h, written out here (not eig_gram) */
static double complex gpaw_dot(const gpaw_op *o, int i, const double complex *x)
{
    const int npw = o->ref->npw;
    double complex s = 0;
    for (int g = 0; g < npw; g++) s += conj(vec(o->ref->V, npw, i, g)) * x[g];
    if (o->ref->real) return o->sp->weight * (2 * creal(s) - creal(vec(o->ref->V, npw, i, 0)) * creal(x[0]));
    return o->sp->weight * s;
}

static int gpaw_apply(void *ctx, int nb, const double complex *psi, double complex *hpsi,
                      double complex *spsi, double complex *proj, int ldp, err *e)
{
    (void)proj, (void)ldp, (void)e;
    gpaw_op *o = ctx;
    const int npw = o->ref->npw;
    double complex vj[256];
    for (int n = 0; n < nb; n++) {
        const double complex *x = psi + (size_t)n * o->sp->ld;
        double complex A[6][7];  /* G c = <V|x>, Gauss-Jordan with partial pivoting */
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                for (int g = 0; g < npw; g++) vj[g] = vec(o->ref->V, npw, j, g);
                A[i][j] = gpaw_dot(o, i, vj);
            }
            A[i][6] = gpaw_dot(o, i, x);
        }
        for (int k = 0; k < 6; k++) {
            int piv = k;
            for (int i = k + 1; i < 6; i++) if (cabs(A[i][k]) > cabs(A[piv][k])) piv = i;
            for (int j = 0; j < 7; j++) { double complex t = A[k][j]; A[k][j] = A[piv][j]; A[piv][j] = t; }
            for (int i = 0; i < 6; i++) {
                if (i == k) continue;
                double complex f = A[i][k] / A[k][k];
                for (int j = k; j < 7; j++) A[i][j] -= f * A[k][j];
            }
        }
        double complex c[6];
        double r2 = 0, x2 = 0;
        for (int i = 0; i < 6; i++) c[i] = A[i][6] / A[i][i];
        for (int g = 0; g < npw; g++) {
            double complex vx = 0, hx = 0, sx = 0;
            for (int i = 0; i < 6; i++) {
                vx += c[i] * vec(o->ref->V, npw, i, g);
                hx += c[i] * vec(o->ref->HV, npw, i, g);
                sx += c[i] * vec(o->ref->SV, npw, i, g);
            }
            if (hpsi) hpsi[(size_t)n * o->sp->ld + g] = hx;
            spsi[(size_t)n * o->sp->ld + g] = sx;
            r2 += pow(cabs(vx - x[g]), 2), x2 += pow(cabs(x[g]), 2);
        }
        o->worst = fmax(o->worst, sqrt(r2 / x2));
    }
    return 0;
}

static void test_gpaw_davidson(const gpaw_davidson *r)
{
    const char *name = r->real ? "GPAW H2 real" : "GPAW H2 k=(0.25,0,0)";
    fft_grid g = {.n = {r->n[0], r->n[1], r->n[2]}};
    memcpy(g.cell, r->cell, sizeof g.cell);
    lattice_reciprocal(r->cell, g.recip);
    g.volume = fabs(lattice_volume(r->cell));
    pw_basis b;
    pw_basis_init(&b, &g, r->kfrac, r->ecut_ev / HARTREE_EV, r->real);
    ok(b.npw == r->npw, "%s: %d coefficients (GPAW %d)", name, b.npw, r->npw);
    if (b.npw != r->npw || r->npw > 256) { pw_basis_free(&b); return; }
    const long N = (long)g.n[0] * g.n[1] * g.n[2];
    eig_space sp = {.npw = b.npw, .ld = b.npw, .real = r->real, .g0 = r->real ? 0 : -1,
                    .weight = g.volume / N / N, .g2 = b.g2, .comm = MPI_COMM_NULL};
    gpaw_op o = {.ref = r, .sp = &sp};
    eig_operator op = {.space = sp, .naux = 0, .apply = gpaw_apply, .ctx = &o};
    davidson d;
    err e = {0};
    davidson_init(&d, b.npw, r->nb, 0, r->real, &e);
    double complex psi[2 * 256];
    for (int n = 0; n < r->nb; n++)
        for (int q = 0; q < r->npw; q++) psi[n * r->npw + q] = vec(r->V, r->npw, n, q);
    double eps[2], error = 0;
    int rc = davidson_iterate(&d, &op, r->nb, psi, NULL, 0, eps, r->weights, &error, &e);
    ok(rc == 0, "%s: one Davidson call (%s)", name, rc ? e.msg : "ok");
    ok(o.worst < 1e-9, "%s: every trial vector lies in the span of GPAW's (residual %.1e): same "
       "Rayleigh-Ritz, residuals and preconditioner", name, o.worst);
    double de = 0, dpsi = 0;
    for (int n = 0; n < r->nb; n++) de = fmax(de, fabs(eps[n] - r->eps[n]));
    ok(de < 1e-10, "%s: eigenvalues as GPAW's Davidson (max dev %.1e Ha)", name, de);
    near(error / r->error, 1.0, 1e-8, "%s: residual error %.6e as GPAW's (%.6e)", name, error, r->error);
    for (int n = 0; n < r->nb; n++) {   /* equal up to a phase: fix it on the largest coefficient */
        int qm = 0;
        for (int q = 0; q < r->npw; q++) if (cabs(vec(r->out, r->npw, n, q)) > cabs(vec(r->out, r->npw, n, qm))) qm = q;
        double complex ph = vec(r->out, r->npw, n, qm) / psi[n * r->npw + qm];
        ph /= cabs(ph);
        double dn = 0;
        for (int q = 0; q < r->npw; q++) dn = fmax(dn, cabs(ph * psi[n * r->npw + q] - vec(r->out, r->npw, n, q)));
        dpsi = fmax(dpsi, dn / cabs(vec(r->out, r->npw, n, qm)));
    }
    ok(dpsi < 1e-8, "%s: output bands as GPAW's up to a phase (rel. %.1e)", name, dpsi);
    davidson_free(&d);
    pw_basis_free(&b);
}

int main(void)
{
    test_gpaw_precond();
    test_gpaw_davidson(&H2);
    test_gpaw_davidson(&H2C);
    test_model();
    test_errors();
    test_timing(0);
    test_timing(1);
    return tap_done();
}
