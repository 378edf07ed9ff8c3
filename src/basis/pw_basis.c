#include "basis/pw_basis.h"
#include "basis/fft.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>


/* Half-sphere selection for real wavefunctions (see the header). */
static int in_half_sphere(int f0, int f1, int f2)
{
    return f2 > 0 || (f2 == 0 && f1 > 0) || (f2 == 0 && f1 == 0 && f0 >= 0);
}

/* Visits every G in the cutoff sphere; stores them when map/g2 are non-NULL. */
static int collect(const fft_grid *grid, const double kfrac[3], double ecut_ha, int real,
                   int *map, double *g2)
{
    const int *n = grid->n;
    int count = 0;
    /* Real storage follows the r2c layout: the third axis runs 0..n3/2 unfolded, so an even
     * n3's Nyquist plane counts as +n3/2 (GPAW's dtype=float PWDescriptor); it matters only
     * for spheres that reach the grid's edge, such as the density's. */
    int n2_end = real ? n[2] / 2 + 1 : n[2];
    for (int i0 = 0; i0 < n[0]; i0++)
        for (int i1 = 0; i1 < n[1]; i1++)
            for (int i2 = 0; i2 < n2_end; i2++) {
                int f[3] = {fft_freq(i0, n[0]), fft_freq(i1, n[1]), real ? i2 : fft_freq(i2, n[2])};
                if (real && !in_half_sphere(f[0], f[1], f[2])) continue;
                double q2 = 0.0;
                for (int x = 0; x < 3; x++) {
                    double q = 0.0;
                    for (int c = 0; c < 3; c++) q += (f[c] + kfrac[c]) * grid->recip[c][x];
                    q2 += q * q;
                }
                if (q2 > 2.0 * ecut_ha) continue;
                if (map) map[count] = (i0 * n[1] + i1) * n[2] + i2;
                if (g2) g2[count] = 0.5 * q2;
                count++;
            }
    return count;
}

int pw_basis_count(const fft_grid *grid, const double kfrac[3], double ecut_ha, int real)
{
    return collect(grid, kfrac, ecut_ha, real, NULL, NULL);
}

int pw_basis_init(pw_basis *b, const fft_grid *grid, const double kfrac[3], double ecut_ha, int real)
{
    memset(b, 0, sizeof *b);
    b->grid = grid;
    b->real = real;
    memcpy(b->kfrac, kfrac, sizeof b->kfrac);
    for (int x = 0; x < 3; x++)
        b->k[x] = kfrac[0] * grid->recip[0][x] + kfrac[1] * grid->recip[1][x] + kfrac[2] * grid->recip[2][x];
    b->npw = collect(grid, kfrac, ecut_ha, real, NULL, NULL);
    b->map = xmalloc(b->npw * sizeof *b->map);
    b->g2 = xmalloc(b->npw * sizeof *b->g2);
    collect(grid, kfrac, ecut_ha, real, b->map, b->g2);
    return 0;
}

void pw_basis_free(pw_basis *b)
{
    free(b->map);
    free(b->g2);
    memset(b, 0, sizeof *b);
}
