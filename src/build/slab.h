/* (001) slabs of the hexagonal LiTi2(PO4)3 / LATP cell (bohr inside).
 * A "layer" is c/3 of the hexagonal cell (6.95 A, two formula units per 1x1 cell; the
 * rhombohedral translation (2/3,1/3,1/3) maps one layer onto the next). Atoms are cut
 * as whole units (PO4 tetrahedra, single cations), so every slab is a whole number of
 * bulk periods and stoichiometric; surface units are then moved between top and bottom
 * by a bulk lattice translation until the formal-charge dipole along z vanishes
 * (Tasker type-3 surfaces made non-polar; Tasker, J. Phys. C 12 (1979) 4977). */
#ifndef PAWSORB_BUILD_SLAB_H
#define PAWSORB_BUILD_SLAB_H

#include "cell/structure.h"
#include "core/err.h"

typedef struct {
    double x;             /* Al content of the bulk (0: LiTi2(PO4)3) */
    int layers;           /* thickness in layers (c/3 each); multiple of 3 when x > 0 */
    double vacuum;        /* bohr of vacuum between periodic images along z */
    int supercell[2];     /* in-plane repeats */
    int fix_layers;       /* bottom layers held fixed */
    int termination;      /* index into the list of cut planes (slab_terminations) */
    int allow_dipole;     /* 1: keep the cut as is even if polar */
} slab_opts;

typedef struct {
    double dipole_before; /* formal-charge dipole per cell along z, e*bohr, before the fix */
    double dipole;        /* after */
    int moved;            /* surface units moved from one side to the other */
    int n_terminations;
    char termination[64]; /* e.g. "PO4 | Ti" (unit below | above the cut) */
    int n_fixed;
} slab_report;

int slab_latp001(const slab_opts *o, structure *s, slab_report *r, err *e);

#endif
