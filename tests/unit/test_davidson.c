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
 *  - errors: too many bands, a failing operator, a call that does not fit.
 * The time per davidson_iterate call is printed for the model and for a larger one. */
#include "basis/pw_basis.h"
#include "cell/lattice.h"
#include "core/mem.h"
#include "core/timer.h"
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
}

static void model_free(model *mo)
{
    void *p[] = {mo->m, mo->g2, mo->nbr, mo->p, mo->half, mo->minus, mo->g2half, mo->xf, mo->yf, mo->sf, mo->P};
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
                hy += mo->p[(size_t)a * n + i] * DH[a] * P[a + NPROJ * j];
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
static int converge(const char *label, const double kfrac[3], int real, int nb, int nconv, double *eps_out)
{
    model mo;
    model_init(&mo, kfrac, 25, nb, real);
    double *ref = reference_spectrum(&mo);
    eig_operator op = model_operator(&mo);
    const int npw = op.space.npw;
    davidson d;
    err e = {0};
    ok(davidson_init(&d, npw, nb, NPROJ, real, &e) == 0, "%s: workspace for %d plane waves, %d bands", label, npw, nb);
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
    double ek[NB], ec[NB], er[NB];
    converge("complex k=(0.1,0.2,0.3)", (double[3]){0.1, 0.2, 0.3}, 0, NB, NCONV, ek);
    converge("complex Gamma", (double[3]){0, 0, 0}, 0, NB, NCONV, ec);
    converge("real Gamma (half sphere)", (double[3]){0, 0, 0}, 1, NB, NCONV, er);
    double dev = 0;
    for (int n = 0; n < NCONV; n++) dev = fmax(dev, fabs(ec[n] - er[n]));
    ok(dev < 1e-10, "real half-sphere path gives the complex path's spectrum (max diff %.1e)", dev);
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

int main(void)
{
    test_gpaw_precond();
    test_model();
    test_errors();
    test_timing(0);
    test_timing(1);
    return tap_done();
}
