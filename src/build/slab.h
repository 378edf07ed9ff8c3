/* (001) slabs of the hexagonal LiTi2(PO4)3 / LATP cell (bohr inside).
 * A "layer" is c/3 of the hexagonal cell (6.95 A, two formula units per 1x1 cell; the
 * rhombohedral translation (2/3,1/3,1/3) maps one layer onto the next). Atoms are cut
 * as whole units (PO4 tetrahedra, single cations), so every slab is a whole number of
 * bulk periods and stoichiometric; surface units are then moved between top and bottom
 * by a bulk lattice translation until the formal-charge dipole along z vanishes
 * (Tasker type-3 surfaces made non-polar; Tasker, J. Phys. C 12 (1979) 4977).
 * Li(1+x)Al(x)Ti(2-x)(PO4)3 slabs: the LiTi2(PO4)3 slab is cut first, then n = round(x F)
 * Ti become Al and n Li go on M2 cavities inside it, F being the slab's formula units,
 * choosing a zero-dipole arrangement (build/slab_order.h). With --allow-dipole the
 * ordered bulk (build/latp.h) is cut instead, in whole hexagonal cells. */
#ifndef PAWSORB_BUILD_SLAB_H
#define PAWSORB_BUILD_SLAB_H

#include "build/slab_order.h"
#include "cell/structure.h"
#include "core/err.h"

typedef struct {
    double x;             /* Al content asked (0: LiTi2(PO4)3); the slab holds round(x F) Al */
    int layers;           /* thickness in layers (c/3 each); multiple of 3 for x > 0 with allow_dipole */
    double vacuum;        /* bohr of vacuum between periodic images along z */
    int supercell[2];     /* in-plane repeats */
    int fix_layers;       /* bottom layers held fixed */
    int termination;      /* index into the list of cut planes (slab_terminations) */
    int allow_dipole;     /* 1: keep the cut as is even if polar (x > 0: cut the ordered bulk) */
    long max_enum;        /* Al/Li ordering: compare all zero-dipole arrangements up to this many (0: 2e6) */
} slab_opts;

typedef struct {
    double dipole_before; /* formal-charge dipole per cell along z, e*bohr, before the fix */
    double dipole;        /* after (and after the Al/Li ordering) */
    int moved;            /* surface units moved from one side to the other */
    int n_terminations;
    char termination[64]; /* e.g. "PO4 | Ti" (unit below | above the cut) */
    int n_fixed;
    /* Al/Li ordered inside the slab (x > 0 without --allow-dipole): */
    int formula_units;    /* of the LiTi2(PO4)3 slab */
    int n_al;             /* round(x * formula_units) = Li added */
    double x_used;        /* n_al / formula_units */
    slab_order_report order;
} slab_report;

int slab_latp001(const slab_opts *o, structure *s, slab_report *r, err *e);

#endif
