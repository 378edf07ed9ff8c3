#include "basis/fft_grid.h"
#include "cell/lattice.h"

#include <math.h>
#include <string.h>

static int has_only_small_factors(int n)
{
    static const int primes[] = {2, 3, 5, 7};
    for (int i = 0; i < 4; i++)
        while (n % primes[i] == 0) n /= primes[i];
    return n == 1;
}

int fft_good_size(int n, int div)
{
    int m = ((n + div - 1) / div) * div;
    while (!has_only_small_factors(m)) m += div;
    return m;
}

static void grid_set_cell(fft_grid *g, const double cell[3][3])
{
    memcpy(g->cell, cell, sizeof g->cell);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
}

void fft_grid_coarse(fft_grid *g, const double cell[3][3], double ecut_ha)
{
    /* The grid resolves plane waves up to |G| = 2 sqrt(2 E_cut): products of two
     * wavefunctions (the density) are represented without aliasing on the fine grid. */
    double h = M_PI / sqrt(4.0 * ecut_ha);
    grid_set_cell(g, cell);
    for (int c = 0; c < 3; c++) {
        double len = sqrt(cell[c][0] * cell[c][0] + cell[c][1] * cell[c][1] + cell[c][2] * cell[c][2]);
        g->n[c] = fft_good_size((int)ceil(len / h), 1);
    }
}

void fft_grid_fine(fft_grid *fine, const fft_grid *coarse)
{
    grid_set_cell(fine, coarse->cell);
    for (int c = 0; c < 3; c++) fine->n[c] = 2 * coarse->n[c];
}

long fft_grid_points(const fft_grid *g)
{
    return (long)g->n[0] * g->n[1] * g->n[2];
}
