/* Unit tests of src/setup/derived: one-centre quantities of H, O, Ti, Li (PBE, lmax = 2)
 * against GPAW 22.8's Setup (tests/reference/setup_derived.py ->
 * tests/data/setups/derived_ref.txt), and properties that hold for any dataset.
 * Tolerance 1e-10 relative to the size of each quantity (for an array: its 2-norm).
 * Measured: most agree to 1e-14; M_pp and dEH_p, small differences (1e-4) of O(1)
 * radial Coulomb integrals, to 3e-11 relative (1e-15 hartree absolute), rounding of
 * sums in another order. A formula or index error shows up at 1e-3 or worse. */
#include "setup/derived.h"
#include "setup/radial.h"
#include "setup/shape.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *name;
    const double *x;
    int n;
} named_array;

/* The statistic `what` of an array, as setup_derived.py prints it. */
static int array_stat(const named_array *a, const char *what, double *v, double *scale)
{
    double sum = 0, norm2 = 0, wsum = 0;
    for (int k = 0; k < a->n; k++) sum += a->x[k], norm2 += a->x[k] * a->x[k], wsum += cos(0.7 * k) * a->x[k];
    *scale = sqrt(norm2);
    int k;
    if (!strcmp(what, "n")) *v = a->n, *scale = 1;
    else if (!strcmp(what, "sum")) *v = sum;
    else if (!strcmp(what, "norm2")) *v = norm2, *scale = norm2;
    else if (!strcmp(what, "wsum")) *v = wsum;
    else if (sscanf(what, "[%d]", &k) == 1 && k >= 0 && k < a->n) *v = a->x[k];
    else return 0;
    return 1;
}

static int value_of(const setup_derived *d, const char *key, double *v, double *scale)
{
    const struct { const char *name; double v; } scalars[] = {
        {"ni", d->ni}, {"lmax", d->lmax}, {"gcut2", d->gcut2}, {"lcut", d->lcut}, {"rcutfilter", d->rcutfilter},
        {"rcore", d->rcore}, {"Delta0", d->Delta0}, {"M", d->M}, {"MB", d->MB}, {"Nct", d->Nct}, {"E", d->E},
        {"Kc", d->Kc}, {"dEH0", d->dEH0}};
    for (size_t k = 0; k < sizeof scalars / sizeof *scalars; k++)
        if (!strcmp(key, scalars[k].name)) {
            *v = scalars[k].v;
            *scale = fmax(1.0, fabs(*v));
            return 1;
        }
    int np = d->np, ni = d->ni;
    const named_array arrays[] = {
        {"g_lg", d->g_lg, (d->lmax + 1) * d->gcut2}, {"Delta_pL", d->Delta_pL, np * d->Lmax}, {"M_p", d->M_p, np},
        {"M_pp", d->M_pp, np * np}, {"MB_p", d->MB_p, np}, {"K_p", d->K_p, np}, {"dO_ii", d->dO_ii, ni * ni},
        {"B_ii", d->B_ii, ni * ni}, {"dC_ii", d->dC_ii, ni * ni}, {"dEH_p", d->dEH_p, np}, {"N0_p", d->N0_p, np}};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) {
        size_t len = strlen(arrays[k].name);
        if (!strncmp(key, arrays[k].name, len) && (key[len] == '.' || key[len] == '['))
            return array_stat(&arrays[k], key + len + (key[len] == '.'), v, scale);
    }
    return 0;
}

typedef int (*lookup_fn)(const void *ctx, const char *key, double *v, double *scale);

/* Compares every line "<symbol> <key> <value>" of the reference file; returns the number
 * of failures (printed as TAP comments), counts and the worst relative deviation. */
static int compare_lines(const char *ref, const char *symbol, lookup_fn lookup, const void *ctx, int *compared,
                         double *worst)
{
    FILE *f = fopen(ref, "r");
    char line[256], sym[8], key[64];
    double want;
    int failed = 0;
    *compared = 0, *worst = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%7s %63s %lf", sym, key, &want) != 3 || strcmp(sym, symbol)) continue;
        double got, scale;
        ++*compared;
        if (!lookup(ctx, key, &got, &scale)) {
            failed++;
            printf("#   %s %s: no such quantity\n", symbol, key);
            continue;
        }
        double dev = fabs(got - want) / scale;
        if (dev > *worst) *worst = dev;
        if (dev > 1e-10) {
            failed++;
            printf("#   %s %s: got %.17g, GPAW %.17g (deviation %.2g of %.3g)\n", symbol, key, got, want, dev, scale);
        }
    }
    if (f) fclose(f);
    return failed;
}

static int derived_lookup(const void *ctx, const char *key, double *v, double *scale)
{
    return value_of(ctx, key, v, scale);
}

/* Every line of derived_ref.txt for one element. */
static void test_against_gpaw(const char *ref, const char *symbol)
{
    char path[4096];
    err e = {0};
    paw_setup s;
    setup_derived d;
    if (!ok(setup_find(symbol, "PBE", path, sizeof path, &e) == 0 && setup_read(path, &s, &e) == 0, "%s read: %s",
            symbol, e.msg))
        return;
    int rc = setup_derive(&s, 2, &d, &e);
    ok(rc == 0, "%s: derived quantities computed %s", symbol, e.msg);
    int compared = 0, failed = 1;
    double worst = 0;
    if (rc == 0) failed = compare_lines(ref, symbol, derived_lookup, &d, &compared, &worst);
    ok(compared > 60 && !failed,
       "%s: %d numbers (M, M_p, M_pp, Delta_pL, dO_ii, K_p, MB, ...) agree with GPAW to 1e-10 "
       "(worst relative deviation %.1e; %d differ)",
       symbol, compared, worst, failed);
    if (rc == 0) {
        /* Properties GPAW's numbers obey as well, checked independently of them. */
        double asym = 0;
        for (int p1 = 0; p1 < d.np; p1++)
            for (int p2 = 0; p2 < d.np; p2++)
                asym = fmax(asym, fabs(d.M_pp[p1 * d.np + p2] - d.M_pp[p2 * d.np + p1]));
        ok(asym < 1e-12, "%s: M_pp is symmetric (%.1e)", symbol, asym);
        near(d.Nct + d.Delta0 * sqrt(4 * M_PI) + s.Z - s.Nc, 0, 1e-12, "%s: Nct = Nc - Z - sqrt(4 pi) Delta0", symbol);
    }
    setup_derived_free(&d);
    setup_free(&s);
}

static int grid_lookup(const void *ctx, const char *key, double *v, double *scale)
{
    const radial_grid *g = ctx;
    double rc;
    if (!strcmp(key, "n")) return *v = g->n, *scale = 1, 1;
    if (sscanf(key, "ceil%lf", &rc) == 1) return *v = radial_ceil(g, rc), *scale = 1, 1;
    named_array r = {"r", g->r, g->n}, dr = {"dr", g->dr, g->n};
    if (!strncmp(key, "r.", 2) || !strncmp(key, "r[", 2)) return array_stat(&r, key + 1 + (key[1] == '.'), v, scale);
    if (!strncmp(key, "dr.", 3) || !strncmp(key, "dr[", 3)) return array_stat(&dr, key + 2 + (key[2] == '.'), v, scale);
    return 0;
}

static int shape_lookup(const void *ctx, const char *key, double *v, double *scale)
{
    named_array a = {"g_lg", ctx, 3 * 300};
    if (strncmp(key, "g_lg", 4)) return 0;
    return array_stat(&a, key + 4 + (key[4] == '.'), v, scale);
}

/* The grid equations and shape functions no installed dataset uses, against GPAW's own
 * radial_grid_descriptor and shape_functions (same reference file). */
static void test_grids_and_shapes_vs_gpaw(const char *ref)
{
    radial_grid g[3];
    radial_init_exp(&g[0], 1e-3, 0.02, 500);
    radial_init_linear(&g[1], 0.01, 1000);
    radial_init_rational(&g[2], 0.002, 0.0025, 350);
    const char *names[3] = {"gexp", "glin", "grat"};
    int compared, failed;
    double worst;
    for (int k = 0; k < 3; k++) {
        failed = compare_lines(ref, names[k], grid_lookup, &g[k], &compared, &worst);
        ok(compared > 15 && !failed, "grid %s: r, dr and ceil(r2g) agree with GPAW (%d numbers, worst %.1e)",
           names[k], compared, worst);
        radial_free(&g[k]);
    }
    radial_grid o;
    radial_init_rational(&o, 0.4 / 300, 1.0 / 300, 300);
    double gl[3 * 300];
    err e = {0};
    const char *snames[3] = {"sgaus", "ssinc", "sbess"};
    for (int kind = SHAPE_GAUSS; kind <= SHAPE_BESSEL; kind++) {
        shape_functions(&o, kind, 0.5, 2, gl, &e);
        failed = compare_lines(ref, snames[kind], shape_lookup, gl, &compared, &worst);
        ok(compared > 5 && !failed, "shape %s (rc 0.5, l <= 2) agrees with GPAW (%d numbers, worst %.1e)", snames[kind],
           compared, worst);
    }
    radial_free(&o);
}

/* Shape functions: unit multipole moments and the analytic Gaussian at r = 0. */
static void test_shapes(void)
{
    radial_grid g;
    radial_init_rational(&g, 0.4 / 300, 1.0 / 300, 300);
    double *gl = malloc(3 * 300 * sizeof *gl);
    err e = {0};
    for (int kind = SHAPE_GAUSS; kind <= SHAPE_BESSEL; kind++) {
        ok(shape_functions(&g, kind, 0.5, 2, gl, &e) == 0, "shape %d built", kind);
        double worst = 0;
        for (int l = 0; l <= 2; l++) worst = fmax(worst, fabs(radial_moment(&g, gl + l * 300, l, 300) - 1));
        ok(worst < 1e-13, "shape %d: int g_l r^(l+2) dr = 1 for l <= 2 (%.1e)", kind, worst);
    }
    shape_functions(&g, SHAPE_GAUSS, 0.5, 0, gl, &e);
    /* Fine grid: the sum is close to the integral, so g_0(0) ~ 4 / (rc^3 sqrt(pi)). */
    near(gl[0], 4 / (0.125 * sqrt(M_PI)), 1e-6 * 18, "gauss g_0(0) = 4/(rc^3 sqrt(pi)) on a fine grid");
    ok(shape_functions(&g, SHAPE_BESSEL, 0.5, 3, gl, &e) == -1 && strstr(e.msg, "l <= 2"), "bessel l=3 refused: %s",
       e.msg);
    free(gl);
    radial_free(&g);
}

/* Radial Poisson: the potential of a normalised Gaussian charge is erf(r/a)/r. */
static void test_poisson(void)
{
    radial_grid g;
    radial_init_rational(&g, 0.4 / 2000, 1.0 / 2000, 2000);
    double *n = malloc(2000 * sizeof *n), *vr = malloc(2000 * sizeof *vr), a = 0.7, worst = 0;
    for (int i = 0; i < 2000; i++) n[i] = exp(-g.r[i] * g.r[i] / (a * a)) / (pow(M_PI, 1.5) * a * a * a);
    radial_poisson(&g, n, 0, 2000, vr);
    for (int i = 1; i < 1500; i++) worst = fmax(worst, fabs(vr[i] - erf(g.r[i] / a)));
    ok(worst < 1e-5, "radial Poisson: r v(r) of a Gaussian charge is erf(r/a) (worst %.1e)", worst);
    free(n);
    free(vr);
    radial_free(&g);
}

int main(void)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    char ref[4096];
    snprintf(ref, sizeof ref, "%s/tests/data/setups/derived_ref.txt", src ? src : ".");
    unsetenv("PAWSORB_SETUP_PATH");
    ok(access(ref, R_OK) == 0, "reference file %s (PAWSORB_SRCDIR set by tests/run.sh)", ref);
    const char *symbols[] = {"H", "O", "Ti", "Li"};
    for (int k = 0; k < 4; k++) test_against_gpaw(ref, symbols[k]);
    test_grids_and_shapes_vs_gpaw(ref);
    test_shapes();
    test_poisson();
    return tap_done();
}
