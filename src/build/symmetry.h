/* Space-group helpers for the structure builders, on top of spglib: Wyckoff expansion
 * from the International Tables database (spg_get_symmetry_from_database), the space
 * group of a built structure (spg_get_dataset), and the symmetry operations of a
 * structure used to tell symmetry-equivalent configurations or sites apart. */
#ifndef PAWSORB_BUILD_SYMMETRY_H
#define PAWSORB_BUILD_SYMMETRY_H

#include "cell/structure.h"
#include "core/err.h"

/* Hall number of R-3c, hexagonal axes, in spglib's table (1..530). */
#define HALL_R3C_HEXAGONAL 460

/* Symmetry operations in fractional coordinates: x' = R x + t. Owns its arrays. */
typedef struct {
    int n;
    int (*rot)[3][3];
    double (*trans)[3];
} symops;

/* The operations of Hall setting `hall_number` (centring translations included). */
int symops_from_database(symops *ops, int hall_number, err *e);
/* The operations of the structure (all atoms, tolerance `symprec` bohr). */
int symops_of_structure(symops *ops, const structure *s, double symprec, err *e);
void symops_free(symops *ops);

/* Orbit of the fractional point f under ops: writes up to `max` distinct points,
 * wrapped into [0,1), to out; returns their number (-1 if max is too small).
 * Points closer than `tol` (fractional, per component, periodic) are one. */
int symops_orbit(const symops *ops, const double f[3], double tol, double (*out)[3], int max);

/* International short symbol and number of s's space group (symprec in bohr).
 * symbol must hold 11 chars. Returns the number, 0 if spglib finds none. */
int structure_spacegroup(const structure *s, double symprec, char symbol[11]);

/* Index of the atom at fractional position f (periodic, tolerance tol fractional),
 * -1 if none. */
int structure_find_frac(const structure *s, const double f[3], double tol);

#endif
