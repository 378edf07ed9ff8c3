/* The dipole layer (src/hamiltonian/dipole.h) on a charge density whose dipole is known:
 * an electron Gaussian at z1 and a positive one at z2 (widths 0.6 bohr, far from the cell
 * boundary), so p = q (z2 - z1). Checks the moment, c = 2π p L/V, E_dip = 2π p²/V =
 * ½∫ρ ΔṽH, the potential's shape away from the dipole layer (ΔṽH = -2c (z/L - 1/2), a
 * constant field) and the step V(top) - V(bottom) = -2c = -4π p/A, on an orthorhombic and
 * a hexagonal surface cell. The whole run against GPAW 22.8: tests/cli/dipole_gpaw.sh. */
#include "cell/lattice.h"
#include "hamiltonian/dipole.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void make_grid(fft_grid *g, const double cell[3][3], const int n[3])
{
    memset(g, 0, sizeof *g);
    memcpy(g->cell, cell, sizeof g->cell);
    memcpy(g->n, n, sizeof g->n);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
}

/* ρ on the fine grid: q (Gaussian at z1 - Gaussian at z2), uniform in the plane, per bohr^3. */
static void fill_rho(const density_grids *g, double q, double z1, double z2, double *r)
{
    const int *n = g->fine->n;
    double L = g->fine->cell[2][2], A = g->fine->volume / L, s = 0.6;
    double norm = q / (A * s * sqrt(M_PI));
    for (long k = 0; k < g->nf; k++) {
        double z = (double)(k % n[2]) * L / n[2];
        r[k] = norm * (exp(-pow((z - z1) / s, 2)) - exp(-pow((z - z2) / s, 2)));
    }
}

static void run_case(const char *name, const double cell[3][3], const int N[3])
{
    fft_grid c, f;
    make_grid(&c, cell, N);
    fft_grid_fine(&f, &c);
    density_grids g;
    dipole_layer dl;
    err e = {0};
    if (!ok(density_grids_init(&g, &c, &f, 8.0, &e) == 0, "%s: grids (%s)", name, e.msg)) return;
    if (!ok(dipole_layer_init(&dl, &g, &e) == 0 && dl.on, "%s: dipole layer set up (%s)", name, e.msg)) return;
    double L = f.cell[2][2], V = f.volume, q = 0.7, z1 = 0.45 * L, z2 = 0.55 * L;
    int npw = g.pd3.npw;
    double complex *rho_q = calloc(npw + 1, sizeof *rho_q), *v_q = calloc(npw + 1, sizeof *v_q);
    fill_rho(&g, q, z1, z2, g.ff.r);
    pw_fft_forward(&g.t3, rho_q, 1.0, 0.0);
    double p = q * (z2 - z1);
    /* 1e-6: the Gaussians' coefficients at the edge of the pd3 sphere are ~1e-5 */
    near(dipole_layer_moment(&dl, rho_q), p, 1e-6 * p, "%s: p = q (z2 - z1) = %.6f e bohr", name, p);
    double E = dipole_layer_apply(&dl, &g.pd3, rho_q, v_q);
    p = dl.dipole;
    near(dl.correction, 2 * M_PI * p * L / V, 1e-12 * dl.correction, "%s: c = 2 pi p L / V", name);
    near(E, 2 * M_PI * p * p / V, 1e-12 * E, "%s: E_dip = 2 pi p^2 / V", name);
    near(0.5 * density_pw_integrate(&g.pd3, v_q, rho_q), E, 1e-6 * E, "%s: E_dip = 1/2 int rho dV", name);
    near(dipole_layer_step(&dl), -4 * M_PI * p / (V / L), 1e-12 * fabs(dl.correction), "%s: step -2c = -4 pi p / A",
         name);
    /* ΔṽH on the grid: the line -2c (z/L - 1/2) outside the layer, and inside it GPAW's
     * odd cubic z (1/L - 3/(4w) + z^2/(4w^3)) on the first gc = int(w/h) points (w = 0.5 A),
     * mirrored on the last gc, continuous through z = 0 (both up to the truncation of the
     * pd3 sphere: s has a jump of s'' where the cubic meets the line) */
    pw_fft_inverse(&g.t3, v_q, 1.0 / g.nf);
    const int *n = f.n;
    double h = L / n[2], w = 0.5 / 0.5291772105638411, line = 0, layer = 0;
    int gc = (int)(w / h);
    for (int i = 0; i < n[2]; i++) {
        int j = n[2] - i, mirror = i > 0 && j <= gc;
        double x = (mirror ? j : i) * h;
        double s = (mirror ? j < gc : i < gc) ? x * (1 / L - 0.75 / w + 0.25 * x * x / (w * w * w)) : x / L - 0.5;
        double d = fabs(g.ff.r[i] + 2 * dl.correction * (mirror ? -s : s)) / fabs(dl.correction);   /* i0 = i1 = 0 */
        if (i > 2 * gc && j > 2 * gc) line = fmax(line, d);
        else layer = fmax(layer, d);
    }
    ok(line < 1e-2, "%s: constant field -2c/L outside the layer (max deviation %.1e c)", name, line);
    ok(layer < 2e-2, "%s: GPAW's smooth cubic inside the layer (max deviation %.1e c)", name, layer);
    dipole_layer_free(&dl);
    density_grids_free(&g);
    free(rho_q), free(v_q);
}

int main(void)
{
    const double ortho[3][3] = {{6.0, 0, 0}, {0, 5.0, 0}, {0, 0, 30.0}};
    const double hex[3][3] = {{5.6, 0, 0}, {-2.8, 4.849742, 0}, {0, 0, 28.0}};
    run_case("orthorhombic", ortho, (const int[3]){12, 10, 60});
    run_case("hexagonal", hex, (const int[3]){12, 12, 56});
    return tap_failed != 0;
}
