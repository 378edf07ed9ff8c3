/* Unit tests of src/setup/radial_spline and src/basis/pwlfc against GPAW 22.8
 * (tests/reference/pwlfc_gpaw.py -> tests/data/pwlfc/gpaw.txt):
 *  - the splines GPAW's Setup makes (pt_j, ghat_l, vbar, nct of O, H, Si);
 *  - PWLFC of the projectors on H2O (Γ, real half-sphere storage) and on two k-points
 *    of Si (complex): expand, integrate, add and derivative on wavefunctions given by a
 *    formula both sides evaluate;
 *  - the density-grid expansions of H2O: v̄(G), ñ_c(G) (coarse grid, 2 E_cut) and
 *    Σ Q_aL ĝ_aL(G) (fine grid, 8 E_cut).
 * Tolerance 1e-10 relative to the largest magnitude of each compared array (the task's
 * contract). Measured deviations are printed with each check: splines agree to ~1e-16
 * (same arithmetic), plane-wave quantities to ~1e-13 (structure factors as products of
 * per-axis phases instead of exp(-i G.R), sums in another order). A wrong phase, sign,
 * (-i)^l, volume factor or G=0 rule shows up at 1e-3 or worse. */
#include "basis/fft_grid.h"
#include "basis/pw_basis.h"
#include "basis/pwlfc.h"
#include "setup/derived.h"
#include "setup/paw_setup.h"
#include "setup/radial_spline.h"
#include "tap.h"

#include <complex.h>
#include <stdlib.h>
#include <string.h>

#define NB 5
#define TOL 1e-10

/* ---------------------------------------------------------------- reference file */

typedef struct {
    char name[64];
    int n;
    double *v;
} record;

static record *recs;
static int nrecs;

static int load_reference(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char name[64];
    int n;
    while (fscanf(f, "%63s %d", name, &n) == 2 && n >= 0) {
        recs = realloc(recs, (nrecs + 1) * sizeof *recs);
        record *r = &recs[nrecs++];
        snprintf(r->name, sizeof r->name, "%s", name);
        r->n = n;
        r->v = malloc((n + 1) * sizeof *r->v);
        for (int k = 0; k < n; k++)
            if (fscanf(f, "%lf", &r->v[k]) != 1) {
                fclose(f);
                return 0;
            }
    }
    fclose(f);
    return nrecs > 0;
}

/* The record `name` (which must hold n values when n >= 0), or NULL after a failed check. */
static const double *ref(const char *name, int n)
{
    for (int k = 0; k < nrecs; k++)
        if (!strcmp(recs[k].name, name)) {
            if (n >= 0 && recs[k].n != n) {
                ok(0, "reference %s has %d values, expected %d", name, recs[k].n, n);
                return NULL;
            }
            return recs[k].v;
        }
    ok(0, "reference %s present", name);
    return NULL;
}

/* Appended to the descriptions of checks: which code path of pwlfc is being tested. */
static const char *variant = "";

static int ref_count(const char *name)
{
    for (int k = 0; k < nrecs; k++)
        if (!strcmp(recs[k].name, name)) return recs[k].n;
    return -1;
}

/* max |got - want| / max |want| over n reals, checked against TOL and printed. */
static double compare(const char *what, const double *got, const double *want, int n)
{
    if (!want) return INFINITY;
    double dmax = 0, wmax = 0;
    for (int k = 0; k < n; k++) {
        dmax = fmax(dmax, fabs(got[k] - want[k]));
        wmax = fmax(wmax, fabs(want[k]));
    }
    double rel = wmax > 0 ? dmax / wmax : dmax;
    ok(rel <= TOL, "%s%s: %d values, max deviation %.2g relative (scale %.3g)", what, variant, n, rel, wmax);
    return rel;
}

/* ---------------------------------------------------------------- setups */

typedef struct {
    paw_setup s;
    setup_derived d;
    setup_splines sp;
} element;

static int element_load(element *el, const char *sym)
{
    err e = {0};
    char path[4096];
    memset(el, 0, sizeof *el);
    if (setup_find(sym, "PBE", path, sizeof path, &e) || setup_read(path, &el->s, &e) ||
        setup_derive(&el->s, 2, &el->d, &e) || setup_splines_init(&el->sp, &el->s, &el->d, &e)) {
        ok(0, "%s dataset: %s", sym, e.msg);
        return 0;
    }
    return 1;
}

static void element_free(element *el)
{
    setup_splines_free(&el->sp);
    setup_derived_free(&el->d);
    setup_free(&el->s);
}

static void check_one_spline(const char *sym, const char *name, const spline *s)
{
    char key[96];
    snprintf(key, sizeof key, "spline_%s_%s", sym, name);
    const double *r = ref(key, 10);
    if (!r) return;
    static const double x[8] = {0.0, 0.013, 0.1, 0.31, 0.5, 0.77, 0.9, 0.999};
    double rc = spline_cutoff(s), got[8];
    ok(s->l == (int)r[0] && fabs(rc - r[1]) <= 1e-14 * r[1], "%s %s: l = %d, cut-off %.17g bohr (GPAW %.17g)", sym,
       name, s->l, rc, r[1]);
    for (int k = 0; k < 8; k++) got[k] = spline_eval(s, x[k] * rc);
    compare(key, got, r + 2, 8);
}

static void check_splines(const element *el)
{
    char name[16];
    const char *sym = el->s.symbol;
    for (int j = 0; j < el->sp.nj; j++) {
        snprintf(name, sizeof name, "pt%d", j);
        check_one_spline(sym, name, &el->sp.pt_j[j]);
    }
    for (int l = 0; l < el->sp.nl; l++) {
        snprintf(name, sizeof name, "ghat%d", l);
        check_one_spline(sym, name, &el->sp.ghat_l[l]);
    }
    check_one_spline(sym, "vbar", &el->sp.vbar);
    check_one_spline(sym, "nct", &el->sp.nct);
}

/* ---------------------------------------------------------------- projector cases */

typedef struct {
    const char *tag;
    int natoms;
    const element *el[4];     /* element of each atom */
    double cell[3][3];
    double spos[4][3];
    fft_grid coarse, fine;
    double ecut;
} test_system;

static int system_init(test_system *sys, const char *tag)
{
    char key[64];
    sys->tag = tag;
    snprintf(key, sizeof key, "%s_cell_bohr", tag);
    const double *c = ref(key, 9);
    snprintf(key, sizeof key, "%s_grid", tag);
    const double *g = ref(key, 7);
    snprintf(key, sizeof key, "%s_spos", tag);
    const double *s = ref(key, 3 * sys->natoms);
    if (!c || !g || !s) return 0;
    memcpy(sys->cell, c, sizeof sys->cell);
    memcpy(sys->spos, s, 3 * sys->natoms * sizeof(double));
    sys->ecut = g[6];
    fft_grid_coarse(&sys->coarse, sys->cell, sys->ecut);
    fft_grid_fine(&sys->fine, &sys->coarse);
    return ok(sys->coarse.n[0] == g[0] && sys->coarse.n[1] == g[1] && sys->coarse.n[2] == g[2] &&
                  sys->fine.n[0] == g[3] && sys->fine.n[1] == g[4] && sys->fine.n[2] == g[5],
              "%s: grids %dx%dx%d and %dx%dx%d as GPAW", tag, sys->coarse.n[0], sys->coarse.n[1], sys->coarse.n[2],
              sys->fine.n[0], sys->fine.n[1], sys->fine.n[2]);
}

/* The wavefunctions and coefficients of the reference script's formulas. */
static void psi_formula(const pw_basis *pw, double complex *psi)
{
    for (int n = 0; n < NB; n++)
        for (int G = 0; G < pw->npw; G++)
            psi[(size_t)n * pw->npw + G] =
                (cos(0.37 * (n + 1) * (G + 1)) + I * sin(0.53 * (n + 2) + 0.11 * G)) / (1 + 2 * pw->g2[G]);
}

static double complex c_formula(int n, int k, int real)
{
    double complex c = sin(0.7 * n + 0.3 * k + 0.1);
    return real ? c : c + I * cos(0.2 * n - 0.9 * k);
}

/* Checks the basis against GPAW's: size and |k+G|^2 at the sample indices S. */
static int check_basis(const char *t, const pw_basis *pw, int nI, const double **S, int *nS)
{
    char key[96];
    snprintf(key, sizeof key, "%s_ng", t);
    const double *ng = ref(key, 2);
    if (!ng) return 0;
    if (!ok(pw->npw == (int)ng[0], "%s: %d plane waves (GPAW %d)", t, pw->npw, (int)ng[0])) return 0;
    if (nI >= 0 && !ok(nI == (int)ng[1], "%s: %d functions (GPAW %d)", t, nI, (int)ng[1])) return 0;
    snprintf(key, sizeof key, "%s_S", t);
    *nS = ref_count(key);
    *S = ref(key, -1);
    if (!*S) return 0;
    double g2[16];
    for (int k = 0; k < *nS && k < 16; k++) g2[k] = 2 * pw->g2[(int)(*S)[k]];
    snprintf(key, sizeof key, "%s_G2", t);
    compare(key, g2, ref(key, *nS), *nS);
    return 1;
}

static void check_expand(const char *t, pwlfc *lfc, const double *S, int nS)
{
    int nI = lfc->fn->nI, nG = lfc->nG;
    err e = {0};
    double complex *f = malloc((size_t)nG * nI * sizeof *f);
    double *norm2 = calloc(nI, sizeof *norm2);
    double complex *fs = malloc((size_t)nS * nI * sizeof *fs);
    ok(pwlfc_expand(lfc, 0, nG, 0, f, &e) == 0, "%s: expand %s", t, e.msg);
    for (int G = 0; G < nG; G++)
        for (int k = 0; k < nI; k++) norm2[k] += creal(f[(size_t)G * nI + k] * conj(f[(size_t)G * nI + k]));
    for (int s = 0; s < nS; s++) memcpy(fs + (size_t)s * nI, f + (size_t)S[s] * nI, nI * sizeof *fs);
    char key[96];
    snprintf(key, sizeof key, "%s_expand", t);
    compare(key, (double *)fs, ref(key, 2 * nS * nI), 2 * nS * nI);
    snprintf(key, sizeof key, "%s_norm2", t);
    compare(key, norm2, ref(key, nI), nI);
    free(f);
    free(norm2);
    free(fs);
}

/* integrate, add and derivative on the formula wavefunctions, real or complex path. */
static void check_operations(const char *t, pwlfc *lfc, const double *S, int nS)
{
    const pw_basis *pw = lfc->pw;
    int nI = lfc->fn->nI, nG = pw->npw, real = pw->real;
    err e = {0};
    char key[96];
    double complex *psi = malloc((size_t)NB * nG * sizeof *psi);
    double complex *P = calloc((size_t)NB * nI, sizeof *P), *dP = calloc((size_t)3 * NB * nI, sizeof *dP);
    double *Pr = (double *)P, *dPr = (double *)dP;
    psi_formula(pw, psi);

    int rc = real ? pwlfc_integrate_real(lfc, NB, psi, nG, Pr, nI, &e) : pwlfc_integrate_cplx(lfc, NB, psi, nG, P, nI, &e);
    ok(rc == 0, "%s: integrate %s", t, e.msg);
    snprintf(key, sizeof key, "%s_integrate", t);
    compare(key, Pr, ref(key, (2 - real) * NB * nI), (2 - real) * NB * nI);

    rc = real ? pwlfc_derivative_real(lfc, NB, psi, nG, dPr, nI, &e)
              : pwlfc_derivative_cplx(lfc, NB, psi, nG, dP, nI, &e);
    ok(rc == 0, "%s: derivative %s", t, e.msg);
    double *dv = malloc((size_t)6 * NB * nI * sizeof *dv);   /* GPAW's order: n, I, v */
    for (int n = 0; n < NB; n++)
        for (int k = 0; k < nI; k++)
            for (int v = 0; v < 3; v++) {
                size_t o = ((size_t)n * nI + k) * 3 + v, i = ((size_t)v * NB + n) * nI + k;
                if (real) dv[o] = dPr[i];
                else dv[2 * o] = creal(dP[i]), dv[2 * o + 1] = cimag(dP[i]);
            }
    snprintf(key, sizeof key, "%s_derivative", t);   /* the reference holds bands 0 and 1 */
    compare(key, dv, ref(key, (2 - real) * 3 * 2 * nI), (2 - real) * 3 * 2 * nI);

    for (int n = 0; n < NB; n++)
        for (int k = 0; k < nI; k++) {
            if (real) Pr[n * nI + k] = creal(c_formula(n, k, 1));
            else P[n * nI + k] = c_formula(n, k, 0);
        }
    rc = real ? pwlfc_add_real(lfc, NB, Pr, nI, psi, nG, &e) : pwlfc_add_cplx(lfc, NB, P, nI, psi, nG, &e);
    ok(rc == 0, "%s: add %s", t, e.msg);
    double complex *ps = malloc((size_t)NB * nS * sizeof *ps);
    double norm2[NB] = {0};
    for (int n = 0; n < NB; n++) {
        for (int s = 0; s < nS; s++) ps[n * nS + s] = psi[(size_t)n * nG + (int)S[s]];
        for (int G = 0; G < nG; G++) norm2[n] += creal(psi[(size_t)n * nG + G] * conj(psi[(size_t)n * nG + G]));
    }
    snprintf(key, sizeof key, "%s_add_S", t);
    compare(key, (double *)ps, ref(key, 2 * NB * nS), 2 * NB * nS);
    snprintf(key, sizeof key, "%s_add_norm2", t);
    compare(key, norm2, ref(key, NB), NB);
    free(ps);
    free(dv);
    free(psi);
    free(P);
    free(dP);
}

/* Projectors of every atom on the basis of k-point q (kfrac from the reference). */
static void projector_case(const test_system *sys, int q, int real)
{
    char t[64], key[96];
    snprintf(t, sizeof t, "%s_q%d", sys->tag, q);
    snprintf(key, sizeof key, "%s_kfrac", t);
    const double *k = ref(key, 3);
    if (!k) return;
    err e = {0};
    pwlfc_atom atoms[4];
    for (int a = 0; a < sys->natoms; a++) atoms[a] = (pwlfc_atom){sys->el[a]->sp.nj, sys->el[a]->sp.pt_j};
    pwlfc_funcs fn;
    pw_basis pw;
    pwlfc lfc;
    if (!ok(pwlfc_funcs_init(&fn, sys->natoms, atoms, &e) == 0, "%s: projector transforms %s", t, e.msg)) return;
    pw_basis_init(&pw, &sys->coarse, k, sys->ecut, real);
    const double *S;
    int nS;
    /* nbmax 2 < NB: add works in band blocks */
    if (check_basis(t, &pw, fn.nI, &S, &nS) && ok(pwlfc_init(&lfc, &fn, &pw, 2, &e) == 0, "%s: init %s", t, e.msg)) {
        ok(pwlfc_set_positions(&lfc, (const double(*)[3])sys->spos, &e) == 0, "%s: positions %s", t, e.msg);
        check_expand(t, &lfc, S, nS);
        check_operations(t, &lfc, S, nS);
        /* the same with all functions kept (pwlfc_enable_cache), made before and after
         * the positions are set */
        variant = " (cached)";
        ok(pwlfc_enable_cache(&lfc, &e) == 0, "%s: cache %s", t, e.msg);
        check_operations(t, &lfc, S, nS);
        pwlfc lfc2;
        ok(pwlfc_init(&lfc2, &fn, &pw, NB, &e) == 0 && pwlfc_enable_cache(&lfc2, &e) == 0 &&
               pwlfc_set_positions(&lfc2, (const double(*)[3])sys->spos, &e) == 0,
           "%s: cache before positions, nbmax = NB %s", t, e.msg);
        check_operations(t, &lfc2, S, nS);
        variant = "";
        pwlfc_free(&lfc2);
        pwlfc_free(&lfc);
    }
    pw_basis_free(&pw);
    pwlfc_funcs_free(&fn);
}

/* ---------------------------------------------------------------- density grids */

/* One spline set per atom from the element: vbar, nct or the ghat_l. */
static void density_case(const test_system *sys, const char *name)
{
    char t[64], key[96];
    snprintf(t, sizeof t, "%s_%s", sys->tag, name);
    snprintf(key, sizeof key, "%s_ng", t);
    const double *ng = ref(key, 2);
    if (!ng) return;
    int ghat = !strcmp(name, "ghat");
    pwlfc_atom atoms[4];
    for (int a = 0; a < sys->natoms; a++) {
        const setup_splines *sp = &sys->el[a]->sp;
        atoms[a] = ghat ? (pwlfc_atom){sp->nl, sp->ghat_l}
                        : (pwlfc_atom){1, !strcmp(name, "vbar") ? &sp->vbar : &sp->nct};
    }
    err e = {0};
    pwlfc_funcs fn;
    pw_basis pw;
    pwlfc lfc;
    if (!ok(pwlfc_funcs_init(&fn, sys->natoms, atoms, &e) == 0, "%s: transforms %s", t, e.msg)) return;
    static const double k0[3] = {0, 0, 0};
    pw_basis_init(&pw, ghat ? &sys->fine : &sys->coarse, k0, ng[1], 1);
    const double *S;
    int nS;
    if (check_basis(t, &pw, -1, &S, &nS) && ok(pwlfc_init(&lfc, &fn, &pw, 1, &e) == 0, "%s: init %s", t, e.msg)) {
        double complex *a = calloc(pw.npw, sizeof *a);
        ok(pwlfc_set_positions(&lfc, (const double(*)[3])sys->spos, &e) == 0, "%s: positions", t);
        int rc;
        if (ghat) {
            double Q[4 * 9];
            for (int at = 0; at < sys->natoms; at++)
                for (int L = 0; L < 9; L++) Q[at * 9 + L] = 0.1 * (at + 1) * cos(1.3 * L + 0.2 * at);
            rc = pwlfc_add_real(&lfc, 1, Q, fn.nI, a, pw.npw, &e);
        } else {
            rc = pwlfc_add_constant(&lfc, 1.0, a, &e);
        }
        ok(rc == 0, "%s: add %s", t, e.msg);
        double complex vals[16];
        double n2[2] = {0, creal(a[0])};
        for (int s = 0; s < nS && s < 16; s++) vals[s] = a[(int)S[s]];
        for (int G = 0; G < pw.npw; G++) n2[0] += creal(a[G] * conj(a[G]));
        snprintf(key, sizeof key, "%s_vals", t);
        compare(key, (double *)vals, ref(key, 2 * nS), 2 * nS);
        snprintf(key, sizeof key, "%s_norm2", t);
        compare(key, n2, ref(key, 2), 2);
        free(a);
        pwlfc_free(&lfc);
    }
    pw_basis_free(&pw);
    pwlfc_funcs_free(&fn);
}

/* ---------------------------------------------------------------- Nyquist plane */

/* GPAW's real sphere that holds G = 4 b_2 on the Nyquist plane of the third axis (see
 * the reference script): the basis is built from GPAW's own G list, so the test checks
 * that pwlfc takes i2 = N2/2 as +N2/2 (GPAW's unfolded r2c axis), not -N2/2. */
static void nyquist_case(const element *O, const element *H)
{
    const double *cell = ref("nyq_cell_bohr", 9), *spos = ref("nyq_spos", 6), *ng = ref("nyq_ng", 2);
    if (!cell || !spos || !ng) return;
    int npw = (int)ng[0];
    const double *Q = ref("nyq_Q", npw);
    int nplane = ref_count("nyq_plane");
    const double *plane = ref("nyq_plane", -1);
    if (!Q || !plane) return;
    fft_grid grid = {.n = {12, 10, 8}};
    memcpy(grid.cell, cell, sizeof grid.cell);
    const double(*a)[3] = grid.cell;
    grid.volume = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) - a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
                  a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    for (int i = 0; i < 3; i++) {   /* b_i = 2 pi (a_j x a_k) / V */
        const double *u = a[(i + 1) % 3], *w = a[(i + 2) % 3];
        grid.recip[i][0] = 2 * M_PI * (u[1] * w[2] - u[2] * w[1]) / grid.volume;
        grid.recip[i][1] = 2 * M_PI * (u[2] * w[0] - u[0] * w[2]) / grid.volume;
        grid.recip[i][2] = 2 * M_PI * (u[0] * w[1] - u[1] * w[0]) / grid.volume;
    }
    pw_basis pw = {.grid = &grid, .real = 1, .npw = npw};
    pw.map = malloc(npw * sizeof *pw.map);
    pw.g2 = malloc(npw * sizeof *pw.g2);
    int nyq = 0;
    for (int G = 0; G < npw; G++) {
        int q = (int)Q[G], i0 = q / 50, i1 = (q / 5) % 10, i2 = q % 5;
        int m[3] = {i0 < 6 ? i0 : i0 - 12, i1 < 5 ? i1 : i1 - 10, i2};
        double q2 = 0;
        for (int v = 0; v < 3; v++) {
            double x = m[0] * grid.recip[0][v] + m[1] * grid.recip[1][v] + m[2] * grid.recip[2][v];
            q2 += x * x;
        }
        pw.map[G] = (i0 * 10 + i1) * 8 + i2;
        pw.g2[G] = 0.5 * q2;
        nyq += i2 == 4;
    }
    ok(nyq > 0, "nyquist: the sphere holds %d G on the plane i2 = N2/2", nyq);
    pwlfc_atom at[2] = {{O->sp.nl, O->sp.ghat_l}, {H->sp.nl, H->sp.ghat_l}};
    pwlfc_funcs fn;
    pwlfc lfc;
    err e = {0};
    if (ok(pwlfc_funcs_init(&fn, 2, at, &e) == 0 && pwlfc_init(&lfc, &fn, &pw, 1, &e) == 0 &&
               pwlfc_set_positions(&lfc, (const double(*)[3])spos, &e) == 0,
           "nyquist: init %s", e.msg)) {
        double Qa[18], W[18], n2 = 0;
        for (int k = 0; k < 2; k++)
            for (int L = 0; L < 9; L++) Qa[k * 9 + L] = 0.1 * (k + 1) * cos(1.3 * L + 0.2 * k);
        double complex *f = calloc(npw, sizeof *f), *vals = calloc(nplane + 1, sizeof *vals);
        ok(pwlfc_add_real(&lfc, 1, Qa, 18, f, npw, &e) == 0, "nyquist: add %s", e.msg);
        for (int k = 0; k < nplane; k++) vals[k] = f[(int)plane[k]];
        for (int G = 0; G < npw; G++) n2 += creal(f[G] * conj(f[G]));
        compare("nyq_add", (double *)vals, ref("nyq_add", 2 * nplane), 2 * nplane);
        compare("nyq_add_norm2", &n2, ref("nyq_add_norm2", 1), 1);
        for (int G = 0; G < npw; G++) f[G] = exp(-0.05 * 2 * pw.g2[G]) * (cos(0.3 * G) + I * sin(0.7 * G));
        ok(pwlfc_integrate_real(&lfc, 1, f, npw, W, 18, &e) == 0, "nyquist: integrate %s", e.msg);
        compare("nyq_integrate", W, ref("nyq_integrate", 18), 18);
        free(f);
        free(vals);
        pwlfc_free(&lfc);
    }
    pwlfc_funcs_free(&fn);
    pw_basis_free(&pw);
}

/* ---------------------------------------------------------------- robustness */

static void check_errors(const element *O)
{
    err e = {0};
    spline s;
    const radial_grid *g = &O->s.grid;
    double *zero = calloc(g->n, sizeof *zero);
    ok(radial_spline(g, zero, g->n, -1, 0, 0, &s, &e) != 0 && strstr(e.msg, "zero"),
       "a function that is zero everywhere is refused: %s", e.msg);
    err_clear(&e);
    zero[5] = NAN;
    ok(radial_spline(g, zero, g->n, 1.0, 0, 0, &s, &e) != 0 && strstr(e.msg, "not finite"),
       "a non-finite value is refused: %s", e.msg);
    err_clear(&e);
    zero[5] = 0;
    const radial_grid *g2 = &O->d.grid2;
    ok(radial_spline(g2, O->d.g_lg, g2->n, 2 * g2->r[g2->n - 1], 0, 0, &s, &e) != 0 && strstr(e.msg, "beyond"),
       "a cut-off beyond the grid is refused: %s", e.msg);
    err_clear(&e);
    /* the default cut-off: just beyond the last nonzero value, as GPAW */
    ok(radial_spline(g, O->s.pt, g->n, -1, 0, 0, &s, &e) == 0, "default cut-off spline");
    int last = g->n - 1;
    while (O->s.pt[last] == 0.0) last--;
    ok(spline_cutoff(&s) == g->r[last + 1], "default cut-off r_{g+1} = %.6f bohr", spline_cutoff(&s));
    spline_free(&s);
    free(zero);

    /* wrong path for the basis, missing positions */
    pwlfc_atom at = {O->sp.nj, O->sp.pt_j};
    pwlfc_funcs fn;
    pwlfc lfc;
    fft_grid grid;
    pw_basis pw;
    double cell[3][3] = {{8, 0, 0}, {0, 8, 0}, {0, 0, 8}}, k0[3] = {0, 0, 0}, spos[1][3] = {{0.1, 0.2, 0.3}};
    fft_grid_coarse(&grid, cell, 5.0);
    pw_basis_init(&pw, &grid, k0, 5.0, 1);
    pwlfc_funcs_init(&fn, 1, &at, &e);
    pwlfc_init(&lfc, &fn, &pw, 1, &e);
    double c[13];
    double complex *a = calloc(pw.npw, sizeof *a);
    ok(pwlfc_integrate_real(&lfc, 1, a, pw.npw, c, 13, &e) != 0 && strstr(e.msg, "positions"),
       "integrate before positions is refused: %s", e.msg);
    err_clear(&e);
    pwlfc_set_positions(&lfc, (const double(*)[3])spos, &e);
    ok(pwlfc_integrate_cplx(&lfc, 1, a, pw.npw, (double complex *)c, 13, &e) != 0 && strstr(e.msg, "real basis"),
       "a complex call on a real basis is refused: %s", e.msg);
    err_clear(&e);
    spos[0][1] = NAN;
    ok(pwlfc_set_positions(&lfc, (const double(*)[3])spos, &e) != 0, "a non-finite position is refused: %s", e.msg);
    pwlfc_funcs atoms0;
    ok(pwlfc_funcs_init(&atoms0, 0, NULL, &e) == 0 && atoms0.nI == 0, "no atoms: no functions");
    pwlfc_funcs_free(&atoms0);
    free(a);
    pwlfc_free(&lfc);
    pwlfc_funcs_free(&fn);
    pw_basis_free(&pw);
}

int main(void)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/pwlfc/gpaw.txt", src ? src : "..");
    if (!ok(load_reference(path), "reference file %s (PAWSORB_SRCDIR set by tests/run.sh)", path)) return tap_done();

    element O, H, Si;
    if (!element_load(&O, "O") || !element_load(&H, "H") || !element_load(&Si, "Si")) return tap_done();
    check_splines(&O);
    check_splines(&H);
    check_splines(&Si);

    test_system h2o = {.natoms = 3, .el = {&O, &H, &H}};
    if (system_init(&h2o, "h2o")) {
        projector_case(&h2o, 0, 1);
        density_case(&h2o, "vbar");
        density_case(&h2o, "nct");
        density_case(&h2o, "ghat");
    }
    test_system si = {.natoms = 2, .el = {&Si, &Si}};
    if (system_init(&si, "si")) {
        projector_case(&si, 1, 0);
        projector_case(&si, 5, 0);
    }
    nyquist_case(&O, &H);
    check_errors(&O);

    element_free(&O);
    element_free(&H);
    element_free(&Si);
    for (int k = 0; k < nrecs; k++) free(recs[k].v);
    free(recs);
    return tap_done();
}
