/* Gaussian cube files: a scalar field on a (possibly non-orthogonal) grid with the atoms.
 *
 * Format (Gaussian's cubegen documentation; also what ASE, GPAW, VESTA write):
 *   2 comment lines
 *   NATOMS  ox oy oz            origin; NATOMS < 0: an extra line of orbital ids follows atoms
 *   N1  v1x v1y v1z             voxel vector along axis 1 (N > 0: bohr, N < 0: Angstrom)
 *   N2  v2x v2y v2z
 *   N3  v3x v3y v3z
 *   NATOMS lines: Z  charge  x y z
 *   N1*N2*N3 values, the third index running fastest, any whitespace between them.
 * Grid point (i,j,k) sits at origin + i v1 + j v2 + k v3; the cell spanned by the grid is
 * (N1 v1, N2 v2, N3 v3), which for periodic data is the unit cell (GPAW/ASE convention).
 *
 * Inside pawsorb everything is in bohr; a cube written in Angstrom (negative counts) is
 * converted when read. Data values are kept as written (a density in electrons/bohr^3 is
 * the convention; an Angstrom cube's values are not rescaled, as other readers do). */
#ifndef PAWSORB_CUBE_H
#define PAWSORB_CUBE_H

#include "core/err.h"

#include <stddef.h>

typedef struct {
    char comment[2][256];       /* the two header lines, without the newline */
    int natoms;
    int *numbers;               /* Z of each atom; owned */
    double *nuclear_charge;     /* the cube's second atom column (often Z or valence); owned */
    double (*pos)[3];           /* cartesian, bohr; owned */
    double origin[3];           /* bohr */
    int n[3];                   /* grid points along each axis */
    double axis[3][3];          /* rows: voxel vectors v1, v2, v3, bohr */
    double *data;               /* n[0]*n[1]*n[2] values, index (i*n1 + j)*n2 + k; owned */
} cube;

/* Reads `path`. Errors (EXIT_BAD_INPUT) name the file and the line: a missing file,
 * a non-numeric or missing header field, zero or absurd grid counts, a singular grid,
 * too few data values or a non-finite value. */
int cube_read(const char *path, cube *c, err *e);

/* Writes c to `path` in bohr (positive counts), values "%13.5e" six to a line, each
 * (i,j) row starting a new line as Gaussian does. Errors name the file. */
int cube_write(const char *path, const cube *c, err *e);

/* The cell spanned by the grid: rows N_i v_i, bohr. */
void cube_cell(const cube *c, double cell[3][3]);

/* Allocates arrays for natoms atoms and an n[0] x n[1] x n[2] grid (zeroed); the caller
 * fills the rest. Returns 0, or -1 (EXIT_RUN_FAILED) when memory runs out. */
int cube_alloc(cube *c, int natoms, const int n[3], err *e);

void cube_free(cube *c);

#endif
