/* Structure files: extended XYZ exactly as ASE writes it (Lattice=, pbc=, Properties=)
 * and VASP POSCAR/CONTCAR (direct/cartesian, selective dynamics -> fixed atoms).
 * Files are in Angstrom; structures are in bohr. */
#ifndef PAWSORB_STRUCTIO_H
#define PAWSORB_STRUCTIO_H

#include "cell/structure.h"
#include "core/err.h"

/* Reads a structure; `format` is "extxyz", "poscar" or NULL/"" to decide from the name
 * (*.xyz/*.extxyz -> extxyz; POSCAR*, CONTCAR*, *.vasp, *.poscar -> poscar).
 * Errors name the file and line. */
int structure_read_file(const char *path, const char *format, structure *s, err *e);

int extxyz_read(const char *path, structure *s, err *e);
/* Writes extended XYZ that ASE reads back unchanged (species, pos, and a move_mask /
 * fixed column when any atom is fixed). `comment_extra` (may be NULL) is appended to
 * the comment line as further key=value pairs. */
int extxyz_write(const char *path, const structure *s, const char *comment_extra, err *e);
/* Appends one frame to a multi-frame extended XYZ trajectory (energy and forces optional:
 * pass NULL to omit; energy in eV, forces in eV/Angstrom as ASE expects). */
int extxyz_append(const char *path, const structure *s, const double *energy_ev,
                  const double (*forces_ev_ang)[3], err *e);

int poscar_read(const char *path, structure *s, err *e);

#endif
