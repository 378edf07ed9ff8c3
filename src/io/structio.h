/* Structure files: extended XYZ exactly as ASE writes it (Lattice=, pbc=, Properties=)
 * and VASP POSCAR/CONTCAR (direct/cartesian, selective dynamics -> fixed atoms).
 * Files are in Angstrom (and eV); structures are in bohr (and hartree).
 *
 * What structure.cell / structure.pbc mean after reading:
 *   - extxyz with Lattice=: cell rows are the three Lattice= vectors; pbc from pbc=
 *     ("T T F"), or all periodic when pbc= is absent (ASE's default).
 *   - extxyz without Lattice= (a molecule, or a plain XYZ file): the cell is all zero
 *     and pbc is all 0. The file says nothing about a box: the caller must choose one
 *     (e.g. atoms plus vacuum) before a calculation. pbc="T ..." without Lattice= is
 *     an error, since a periodic direction needs a lattice vector.
 *   - POSCAR: the cell is always given and pbc is all 1.
 * Errors always name the file and the line: "h2o.xyz:2: Lattice= has 8 numbers,
 * expected 9". No input, however malformed, makes these functions crash. */
#ifndef PAWSORB_STRUCTIO_H
#define PAWSORB_STRUCTIO_H

#include <stdio.h>

#include "cell/structure.h"
#include "core/err.h"

/* Reads a structure; `format` is "extxyz", "poscar" or NULL/"" to decide from the name
 * (names ending .xyz or .extxyz -> extxyz; POSCAR..., CONTCAR..., .vasp, .poscar -> poscar).
 * Errors name the file and line. On success s owns new arrays; on failure s is left
 * zeroed (nothing to free). */
int structure_read_file(const char *path, const char *format, structure *s, err *e);

/* Reads the first frame of an extended (or plain) XYZ file. */
int extxyz_read(const char *path, structure *s, err *e);

/* What a frame may carry besides the structure: results of an earlier calculation
 * (energy= in the comment line, a forces:R:3 column). Atomic units. */
typedef struct {
    int has_energy;
    double energy_ha;         /* energy= converted from eV to hartree */
    double (*forces)[3];      /* hartree/bohr, natoms; owned; NULL if the frame has none */
} extxyz_extras;

void extxyz_extras_free(extxyz_extras *x);

/* Reads frame `frame` (0-based) of a multi-frame file; `x` may be NULL. A frame past
 * the last one is an error that says how many frames the file has. */
int extxyz_read_frame(const char *path, int frame, structure *s, extxyz_extras *x, err *e);

/* Counts the frames of an extended XYZ file (checking each frame's layout). */
int extxyz_count_frames(const char *path, int *nframes, err *e);

/* Writes extended XYZ that ASE reads back unchanged (species, pos, and a move_mask /
 * fixed column when any atom is fixed). `comment_extra` (may be NULL) is appended to
 * the comment line as further key=value pairs. */
int extxyz_write(const char *path, const structure *s, const char *comment_extra, err *e);
/* Appends one frame to a multi-frame extended XYZ trajectory (energy and forces optional:
 * pass NULL to omit; energy in eV, forces in eV/Angstrom as ASE expects). The file is
 * created when it does not exist. */
int extxyz_append(const char *path, const structure *s, const double *energy_ev,
                  const double (*forces_ev_ang)[3], err *e);

int poscar_read(const char *path, structure *s, err *e);

/* ---- Shared by the readers in src/io (extxyz.c, poscar.c); not a public interface. ---- */

/* Line-by-line reading that remembers where it is, for messages "file:line: ...". */
typedef struct {
    FILE *f;
    const char *path;         /* borrowed, for messages */
    int lineno;               /* 1-based number of the line in buf; 0 before the first */
    char *buf;                /* the current line without its '\n' / "\r\n"; owned */
    size_t cap;
    long size;                /* file size in bytes (bounds atom counts read from it) */
} structio_lines;

int structio_lines_open(structio_lines *L, const char *path, err *e);
void structio_lines_close(structio_lines *L);
/* Next line into L->buf: returns 1, or 0 at end of file. */
int structio_lines_next(structio_lines *L);

/* Whitespace tokens of a line, split in place (the line is modified). */
int structio_split(char *line, char **tok, int maxtok);
/* Parses a whole token as a finite double / an int; returns 0 on success. */
int structio_parse_double(const char *tok, double *v);
int structio_parse_int(const char *tok, long lo, long hi, long *v);
/* Atomic number of a symbol written as ASE does (case-folded: "o", "TI" accepted) or
 * with a VASP POTCAR suffix ("Ti_pv", "O_s", "Ti_pv/2b3e"); 0 if unknown. */
int structio_element(const char *tok);

#endif
