/* Atoms in a cell. Inside pawsorb everything is in bohr; readers convert from Angstrom.
 * The cell's rows are the lattice vectors a1, a2, a3. A non-periodic direction still
 * has a cell vector (the box the density lives in). Owns all its arrays. */
#ifndef PAWSORB_STRUCTURE_H
#define PAWSORB_STRUCTURE_H

#include "core/err.h"

typedef struct {
    int natoms;
    double cell[3][3];       /* bohr; rows are lattice vectors */
    int pbc[3];              /* 1 = periodic along that lattice vector */
    int *numbers;            /* atomic numbers Z, natoms; owned */
    double (*pos)[3];        /* cartesian positions, bohr, natoms; owned */
    unsigned char *fixed;    /* 1 = held fixed in relaxations, natoms; owned */
    double *magmoms;         /* initial magnetic moments (mu_B), natoms; owned (zeros if none) */
    int has_magmoms;         /* 1 if the file or input gave initial moments */
} structure;

/* Allocates arrays for n atoms, zeroed; cell zero, pbc all 0. */
void structure_alloc(structure *s, int natoms);
void structure_free(structure *s);
/* Deep copy of src into dst (dst must not own arrays). */
void structure_copy(structure *dst, const structure *src);

/* Volume of the cell in bohr^3 (signed: negative for a left-handed cell). */
double structure_volume(const structure *s);

/* Checks that the cell is not singular and that no two atoms (periodic images included
 * along periodic directions) are closer than `min_dist` bohr. On failure the message
 * names the atoms (0-based indices, symbols) and their distance in Angstrom. */
int structure_validate(const structure *s, double min_dist, err *e);

#endif
