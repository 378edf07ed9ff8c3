/* Bader's atoms in molecules on a grid: every grid point belongs (wholly or by weights) to
 * the basin of the density maximum that a steepest-ascent path from it reaches; basins
 * are given to the nearest atom. Two methods of the Henkelman group's `bader` program:
 *
 *  weight     (default) Yu & Trinkle, J. Chem. Phys. 134, 064111 (2011). Points taken in
 *             order of decreasing density; each passes its basin weights on to lower
 *             neighbours in proportion to the flux  J_j ∝ (A_j/|R_j|)(rho_j - rho_i)
 *             through the facets A_j of its Voronoi cell (neighbours R_j of the grid
 *             lattice, any cell shape). Fractional weights only at basin boundaries,
 *             stored sparsely; one pass, no paths.
 *  near-grid  Tang, Sanville & Henkelman, J. Phys.: Condens. Matter 21, 084204 (2009).
 *             Ascent paths on the grid steered by the finite-difference gradient with the
 *             accumulated off-grid correction, then the basin edges are re-walked until
 *             no point changes basin.
 *
 * Vacuum: points with rho <= vacuum threshold (negative densities included) belong to no
 * atom; their charge and volume are reported separately, so
 *   sum(population) + vacuum_charge = integral of rho over the cell.
 * Periodic axes wrap; along a non-periodic axis the grid ends (no neighbour outside).
 * Cost: O(N) memory (about 24 bytes a point for weight, 5 for near-grid, plus the
 * boundary weights) and O(N log N) time (the sort) for N grid points.
 * Units: bohr and electrons/bohr^3. */
#ifndef PAWSORB_BADER_H
#define PAWSORB_BADER_H

#include "core/err.h"

typedef enum { BADER_WEIGHT, BADER_NEAR_GRID } bader_method;

/* A density on a grid; borrowed. Point (i,j,k) at origin + i v1 + j v2 + k v3,
 * value rho[(i*n1 + j)*n2 + k]; periodic axes repeat every n[axis] points. */
typedef struct {
    int n[3];
    double axis[3][3];      /* rows: voxel vectors, bohr */
    double origin[3];       /* bohr */
    int pbc[3];
    const double *rho;      /* electrons/bohr^3 */
} bader_grid;

typedef struct {
    bader_method method;
    int use_vacuum;         /* 0: every point belongs to some basin */
    double vacuum;          /* threshold, electrons/bohr^3 (used when use_vacuum) */
} bader_options;

typedef struct {
    int natoms;
    double *population;     /* electrons in each atom's basins; owned */
    double *volume;         /* bohr^3; owned */
    double vacuum_charge;   /* electrons at vacuum points */
    double vacuum_volume;   /* bohr^3 */
    double total;           /* integral of rho over the whole grid */
    long nvacuum_points;
    int nmaxima;            /* basins (density maxima) found */
    double max_distance;    /* largest distance of a basin's maximum from its atom, bohr */
    int far_maxima;         /* maxima farther than 1.5 bohr from every atom (spurious or
                               non-nuclear attractors) */
} bader_result;

/* Partitions g among natoms atoms at cartesian positions pos (bohr). Returns 0, or -1
 * (EXIT_BAD_INPUT for no atoms or a grid smaller than 2 points along an axis,
 * EXIT_RUN_FAILED when memory runs out). res is owned by the caller on success. */
int bader_partition(const bader_grid *g, const bader_options *opt, int natoms, const double (*pos)[3],
                    bader_result *res, err *e);

void bader_result_free(bader_result *r);

/* "weight" / "near-grid"; bader_method_parse returns 0 or -1 for an unknown name. */
const char *bader_method_name(bader_method m);
int bader_method_parse(const char *name, bader_method *m);

#endif
