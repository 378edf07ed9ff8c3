/* Al/Li ordering inside a LiTi2(PO4)3 slab: Li(1+x)Al(x)Ti(2-x)(PO4)3 slabs without a
 * formal-charge dipole along z (docs/latp.md, "(001) slabs").
 *
 * n Ti4+ become Al3+ and n Li+ go on empty cavity sites (M2, 18e), so the slab stays
 * neutral and stoichiometric. Among the arrangements whose formal-charge dipole along z
 * (Li +1, Al +3, Ti +4, P +5, O -2) is zero, the one with the lowest Ewald energy of
 * formal charges of the slab cell with its vacuum is chosen. */
#ifndef PAWSORB_BUILD_SLAB_ORDER_H
#define PAWSORB_BUILD_SLAB_ORDER_H

#include "cell/structure.h"
#include "core/err.h"

/* Limits of the search: substitutions of each kind, and atoms + sites (the Ewald matrix
 * over them is n x n). */
#define SLAB_ORDER_MAX_SUB 32
#define SLAB_ORDER_MAX_ATOMS 2000

typedef struct {
    int n;                        /* Ti -> Al substitutions = Li added */
    const double (*sites)[3];     /* candidate Li positions, cartesian bohr, in s's frame; borrowed */
    const unsigned char *site_fixed;  /* 1: a Li put there is held fixed; borrowed, may be NULL */
    int nsites;
    long max_enum;                /* compare all zero-dipole arrangements up to this many (0: 2e6) */
    long nsample;                 /* else this many random ones, then a descent (0: 2e5) */
} slab_order_opts;

typedef struct {
    double n_raw;         /* all arrangements, C(n_Ti, n) C(n_sites, n) */
    double n_zero;        /* arrangements with zero dipole along z (exact count) */
    long n_compared;      /* arrangements whose Ewald energies were compared */
    int sampled;          /* 1: n_compared random ones of n_zero, then a descent */
    long descent_moves;   /* accepted moves of the descents (sampled only) */
    double e_best_ev;     /* Ewald energy of formal charges of the chosen slab, eV */
    double e_worst_ev;    /* highest among those compared, eV */
    double dipole;        /* formal-charge dipole along z of the result, e*bohr */
    int no_zero_dipole;   /* 1: failed because no arrangement has zero dipole */
} slab_order_report;

/* Orders n Al and n Li in s (in place: Ti -> Al, Li appended, atoms re-sorted Li Al Ti P O;
 * the fixed flags of the Ti are kept). s may start with a dipole D0 along z; the result
 * has D0 - sum_Al z + sum_Li z = 0 within 1e-6 e*A. Fails (EXIT_BAD_INPUT) if no
 * arrangement has zero dipole, or if the problem is too large to order. */
int slab_order_al_li(structure *s, const slab_order_opts *o, slab_order_report *r, err *e);

/* Formal charge of element z in LATP (Li +1, Al +3, Ti +4, P +5, O -2; 0 otherwise). */
double slab_formal_charge(int z);

/* Formal-charge dipole along z of s, e*bohr (sum q_i z_i; s must be neutral). */
double slab_dipole_z(const structure *s);

#endif
