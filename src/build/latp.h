/* LiTi2(PO4)3 (NASICON, R-3c No. 167, hexagonal axes, Z = 6, 108 atoms) and the ordered
 * Li(1+x)Al(x)Ti(2-x)(PO4)3 models built from it. Structures are in bohr. */
#ifndef PAWSORB_BUILD_LATP_H
#define PAWSORB_BUILD_LATP_H

#include "cell/structure.h"
#include "core/err.h"

typedef struct {
    double x;        /* Al per formula unit (0 <= x <= 1); x * 6 * cells must be an integer */
    int rep[3];      /* repeats of the hexagonal cell */
    long max_enum;   /* enumerate all candidates up to this many, else sample (default 2e6) */
} latp_opts;

typedef struct {
    int n_al, n_li_extra;
    long n_candidates;      /* candidates whose energies were compared (symmetry-distinct) */
    long n_raw;             /* all ways of placing Al and extra Li (before symmetry) */
    int sampled;            /* 1 if the candidates were a random sample of n_raw */
    double e_best_ev;       /* Ewald energy of formal charges of the chosen model, eV */
    double e_worst_ev;      /* highest among the candidates, eV (the spread shows the stakes) */
} latp_report;

/* The M2 (18e) cavity site of NASICON, (x, 0, 1/4) with x = 0.64, fractional in the
 * hexagonal cell: where the extra Li of Li(1+x)Al(x)Ti(2-x)(PO4)3 sit (latp.c). */
extern const double latp_m2_site[3];

/* LiTi2(PO4)3 hexagonal cell expanded from the Wyckoff positions with spglib's
 * operations of R-3c (hexagonal). */
int latp_ltp_bulk(structure *s, err *e);

/* The ordered LATP model with the lowest Ewald energy of formal charges
 * (Li +1, Al +3, Ti +4, P +5, O -2) among the symmetry-distinct arrangements of Al on
 * Ti (12c) sites and the extra Li on M2 (18e) sites. x = 0 gives LiTi2(PO4)3 repeated. */
int latp_build(const latp_opts *o, structure *s, latp_report *rep, err *e);

#endif
