/* Shared by the Bader methods (bader.c, bader_weight.c, bader_neargrid.c); not a public
 * interface. */
#ifndef PAWSORB_BADER_INTERNAL_H
#define PAWSORB_BADER_INTERNAL_H

#include "bader/bader.h"

#include <stddef.h>

/* Basins found so far: the grid index of each maximum, its population and volume. */
typedef struct {
    int n, cap;
    long *max_index;
    double *population;     /* electrons */
    double *volume;         /* bohr^3 */
} bader_basins;

/* Adds a basin whose maximum is grid point `index`; returns its number, or -1 when memory
 * runs out. */
int bader_basins_add(bader_basins *b, long index);
void bader_basins_free(bader_basins *b);

/* Grid index of (i,j,k)+d, wrapped along periodic axes; -1 when it falls outside the
 * grid along a non-periodic axis. */
static inline long bader_neighbour(const bader_grid *g, int i, int j, int k, const int d[3])
{
    int p[3] = {i + d[0], j + d[1], k + d[2]};
    for (int x = 0; x < 3; x++) {
        if (p[x] >= 0 && p[x] < g->n[x]) continue;
        if (!g->pbc[x]) return -1;
        p[x] = ((p[x] % g->n[x]) + g->n[x]) % g->n[x];
    }
    return ((long)p[0] * g->n[1] + p[1]) * g->n[2] + p[2];
}

/* The Voronoi (Wigner-Seitz) cell of the grid lattice spanned by the voxel vectors:
 * its facet neighbours R = d1 v1 + d2 v2 + d3 v3 (|d_i| <= 3) and for each the flux
 * prefactor alpha = A/|R| (facet area over distance; Yu & Trinkle 2011, eq. 9).
 * Writes at most `max` entries; returns their number (6 for orthogonal voxels,
 * up to 14 for other lattices). */
int bader_voronoi(const double axis[3][3], int max, int (*vect)[3], double *alpha);

/* The two methods. `vac` marks vacuum points (1) or is NULL; they fill b (populations
 * and volumes of every basin, in electrons and bohr^3). Return 0 or -1 (memory). */
int bader_weight_run(const bader_grid *g, const unsigned char *vac, bader_basins *b, err *e);
int bader_neargrid_run(const bader_grid *g, const unsigned char *vac, bader_basins *b, err *e);

double bader_voxel_volume(const bader_grid *g);

#endif
