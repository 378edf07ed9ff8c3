/* Density grids (src/density/density.h) against GPAW 22.8: pd2.interpolate, pd3.restrict
 * and PWMapping on three grids (even and odd sizes, orthorhombic and triclinic cells),
 * numbers from tests/reference/scf_grids.py (tests/data/scf/grids.txt). Also checks
 * properties GPAW's code has: interpolation keeps the integral, restriction after
 * interpolation of a band-limited function gives it back. */
#include "cell/lattice.h"
#include "density/density.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double f_coarse(const int *N, int i0, int i1, int i2)
{
    double x = i0, y = i1, z = i2;
    return exp(-0.07 * (pow(x - N[0] / 3.0, 2) + pow(y - N[1] / 2.0, 2) + pow(z - 1, 2))) + 0.1 * cos(M_PI * x) +
           0.05 * cos(M_PI * y + 0.3) * sin(2 * M_PI * z / N[2]) + 0.02 * cos(M_PI * z);
}

static double g_fine(const int *M, int i0, int i1, int i2)
{
    double x = i0, y = i1, z = i2;
    return exp(-0.03 * (pow(x - M[0] / 2.0, 2) + pow(y - 3, 2) + pow(z - M[2] / 4.0, 2))) +
           0.2 * cos(2 * M_PI * 3 * x / M[0]) * cos(M_PI * y) + 0.1 * sin(2 * M_PI * z * 5 / M[2] + 0.7);
}

static void fill(double *a, const int *n, double (*fn)(const int *, int, int, int))
{
    for (int i0 = 0; i0 < n[0]; i0++)
        for (int i1 = 0; i1 < n[1]; i1++)
            for (int i2 = 0; i2 < n[2]; i2++) a[((long)i0 * n[1] + i1) * n[2] + i2] = fn(n, i0, i1, i2);
}

static void make_grid(fft_grid *g, const double cell[3][3], const int n[3])
{
    memset(g, 0, sizeof *g);
    memcpy(g->cell, cell, sizeof g->cell);
    memcpy(g->n, n, sizeof g->n);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
}

typedef struct {
    char name[32];
    int N[3];
    double ecut;
    int npw2, npw3;
} ref_case;

static void run_case(FILE *fp, ref_case *rc, const double cell[3][3])
{
    fft_grid c, f;
    make_grid(&c, cell, rc->N);
    fft_grid_fine(&f, &c);
    density_grids g;
    err e = {0};
    if (!ok(density_grids_init(&g, &c, &f, 100.0, &e) == 0, "%s: grids (%s)", rc->name, e.msg)) return;
    near(g.ecut, rc->ecut, 1e-12 * rc->ecut, "%s: density cutoff = GPAW's ecut0", rc->name);
    ok(g.pd2.npw == rc->npw2 && g.pd3.npw == rc->npw3, "%s: pd2 %d (GPAW %d), pd3 %d (GPAW %d) coefficients",
       rc->name, g.pd2.npw, rc->npw2, g.pd3.npw, rc->npw3);
    double *a = malloc(g.nc * sizeof *a), *b = malloc(g.nf * sizeof *b), *gg = malloc(g.nf * sizeof *gg);
    double *cc = malloc(g.nc * sizeof *cc), *back = malloc(g.nc * sizeof *back);
    double complex *aG = malloc(g.pd2.npw * sizeof *aG), *cG = malloc(g.pd2.npw * sizeof *cG);
    fill(a, c.n, f_coarse);
    fill(gg, f.n, g_fine);
    density_interpolate(&g, a, b, aG);
    density_restrict(&g, gg, cc, cG);
    double dfine = 0, dcoef = 0, dcoarse = 0, drcoef = 0, scale = 0;
    int nfine = 0, ncoef = 0, ncoarse = 0, nrcoef = 0, nmap = 0, badmap = 0;
    char key[16];
    long pos = ftell(fp);
    while (fscanf(fp, "%15s", key) == 1) {
        if (strcmp(key, "case") == 0) {
            fseek(fp, pos, SEEK_SET);
            break;
        }
        long i;
        double x, y;
        if (strcmp(key, "fine") == 0 && fscanf(fp, "%ld %lf", &i, &x) == 2)
            dfine = fmax(dfine, fabs(b[i] - x)), nfine++, scale = fmax(scale, fabs(x));
        else if (strcmp(key, "coef2") == 0 && fscanf(fp, "%ld %lf %lf", &i, &x, &y) == 3)
            dcoef = fmax(dcoef, cabs(aG[i] - (x + I * y)) / (1 + cabs(x + I * y))), ncoef++;
        else if (strcmp(key, "coarse") == 0 && fscanf(fp, "%ld %lf", &i, &x) == 2)
            dcoarse = fmax(dcoarse, fabs(cc[i] - x)), ncoarse++;
        else if (strcmp(key, "rcoef2") == 0 && fscanf(fp, "%ld %lf %lf", &i, &x, &y) == 3)
            drcoef = fmax(drcoef, cabs(cG[i] - (x + I * y)) / (1 + cabs(x + I * y))), nrcoef++;
        else if (strcmp(key, "map") == 0 && fscanf(fp, "%ld %lf", &i, &x) == 2)
            badmap += g.G3_G2[i] != (int)x, nmap++;
        pos = ftell(fp);
    }
    /* rounding only: GPAW and pawsorb run the same FFTW transforms on the same numbers */
    ok(nfine > 10 && dfine < 1e-13, "%s: interpolate, %d fine values, max dev %.1e", rc->name, nfine, dfine);
    ok(ncoef > 10 && dcoef < 1e-13, "%s: interpolate, %d pd2 coefficients, max rel dev %.1e", rc->name, ncoef, dcoef);
    ok(ncoarse > 10 && dcoarse < 1e-13, "%s: restrict, %d coarse values, max dev %.1e", rc->name, ncoarse, dcoarse);
    ok(nrcoef > 10 && drcoef < 1e-13, "%s: restrict, %d pd2 coefficients, max rel dev %.1e", rc->name, nrcoef, drcoef);
    ok(nmap > 5 && badmap == 0, "%s: PWMapping, %d of %d indices differ", rc->name, badmap, nmap);
    /* properties: the integral is kept; restrict(interpolate(a)) = a for a band-limited a */
    double sa = 0, sb = 0;
    for (long i = 0; i < g.nc; i++) sa += a[i];
    for (long i = 0; i < g.nf; i++) sb += b[i];
    near(sb / 8, sa, 1e-10 * fabs(sa), "%s: interpolation keeps the integral", rc->name);
    pw_fft_inverse(&g.t2, aG, 1.0 / g.nc);   /* band-limit a to the pd2 sphere */
    memcpy(a, g.fc.r, g.nc * sizeof *a);
    density_interpolate(&g, a, b, NULL);
    density_restrict(&g, b, back, NULL);
    double d = 0;
    for (long i = 0; i < g.nc; i++) d = fmax(d, fabs(back[i] - a[i]));
    ok(d < 1e-12, "%s: restrict(interpolate(a)) = a inside the sphere (%.1e)", rc->name, d);
    (void)scale;
    free(a), free(b), free(gg), free(cc), free(back), free(aG), free(cG);
    density_grids_free(&g);
}

int main(void)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/scf/grids.txt", src ? src : "..");
    FILE *fp = fopen(path, "r");
    if (!ok(fp != NULL, "reference %s", path)) return tap_done();
    const double ortho[3][3] = {{5.0, 0, 0}, {0, 5.6, 0}, {0, 0, 6.2}};
    const double tri[3][3] = {{0, 5.1, 5.1}, {5.1, 0, 5.1}, {5.1, 5.1, 0}};
    ref_case rc;
    char key[16];
    while (fscanf(fp, "%15s", key) == 1) {
        if (strcmp(key, "case") != 0) continue;
        if (fscanf(fp, "%31s %d %d %d %lf %d %d", rc.name, &rc.N[0], &rc.N[1], &rc.N[2], &rc.ecut, &rc.npw2,
                   &rc.npw3) != 7)
            break;
        run_case(fp, &rc, strncmp(rc.name, "tri", 3) == 0 ? tri : ortho);
    }
    fclose(fp);
    return tap_done();
}
