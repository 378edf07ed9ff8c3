/* The molecule library (inputs/molecules/NAME.xyz, docs/latp.md) and what the builders do
 * with a molecule: find it by name or path, put it in a box, orient it.
 * Structures are in bohr, as everywhere inside pawsorb. */
#ifndef PAWSORB_BUILD_MOLECULE_H
#define PAWSORB_BUILD_MOLECULE_H

#include <stddef.h>

#include "cell/structure.h"
#include "core/err.h"

/* The library directory: $PAWSORB_MOLECULES if set, else ../inputs/molecules next to the
 * running executable (a build directory inside the source tree), else the installed copy
 * $(pkgdatadir)/molecules (`make install`), else ./inputs/molecules. Writes it to dir
 * (size n); returns 0, or -1 if none exists. */
int molecule_library_dir(char *dir, size_t n);

/* The library's names (files NAME.xyz), sorted, comma-separated, into out (size n). */
void molecule_library_names(const char *dir, char *out, size_t n);

/* Reads a molecule given as a library NAME or as a path to an .xyz file (anything with
 * a '/' or ending in .xyz). charge gets the file's charge= (0 if absent). An unknown
 * name is an error that lists the known ones. The molecule keeps its file coordinates. */
int molecule_load(const char *name_or_path, structure *mol, int *charge, err *e);

/* Puts the molecule in an orthorhombic box with `vacuum` bohr on each side, centred,
 * non-periodic (pbc F F F), as ASE's Atoms.center(vacuum=...) does. */
void molecule_box(structure *mol, double vacuum);

/* Rotation matrices (applied as r' = R (r - c) + c, c the centre of positions). */
/* flat: the molecule's plane (smallest spread) perpendicular to n. upright: its long axis
 * (largest spread) along n. Axes from the covariance of the positions (geometric, not
 * mass-weighted); sign choices are deterministic. */
void molecule_rotation_flat(const structure *mol, const double n[3], double rot[3][3]);
void molecule_rotation_upright(const structure *mol, const double n[3], double rot[3][3]);
/* Euler angles (radians) exactly as ASE's Atoms.euler_rotate(phi, theta, psi)
 * (z-x-z, "x-convention", Goldstein): R = B(psi) C(theta) D(phi). */
void molecule_rotation_euler(double phi, double theta, double psi, double rot[3][3]);
/* Applies rot about the centre of positions. */
void molecule_rotate(structure *mol, const double rot[3][3]);

#endif
