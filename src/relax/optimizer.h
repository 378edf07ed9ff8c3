/* The interface every optimiser of relax.h implements (cg.c, bfgs.c, fire.c), on the
 * flat vector x of the n free coordinates (bohr), the energy E (hartree) and the
 * gradient g = -F (hartree/bohr):
 *
 *   init   allocates the method's state for n coordinates (all workspace is made here);
 *   step   given E and g at the point x just evaluated, overwrites x with the next point
 *          to evaluate (never moving one atom, i.e. one triple of x, by more than
 *          maxstep unless the method's own rule says otherwise);
 *   free   releases the state;
 *   save   copies the state into named fields, load restores it (checkpoint and resume).
 * The driver (relax.c) evaluates, reports, checks fmax and calls step; the methods never
 * call the energy themselves, so each is a small state machine that can be tested on
 * analytic surfaces. */
#ifndef PAWSORB_RELAX_OPTIMIZER_H
#define PAWSORB_RELAX_OPTIMIZER_H

#include "core/err.h"
#include "io/input.h"
#include "relax/relax.h"

typedef struct relax_opt relax_opt;

typedef struct {
    relax_kind kind;
    const char *name;
    const char *reference;
    int (*init)(relax_opt *o, err *e);
    void (*step)(relax_opt *o, double *x, double E, const double *g);
    void (*free)(relax_opt *o);
    /* the whole state the next step depends on, as named fields (relax.h's relax_state) */
    void (*save)(const relax_opt *o, relax_state *st);
    int (*load)(relax_opt *o, const relax_state *st, err *e);
} relax_method;

struct relax_opt {
    const relax_method *m;
    int n;                     /* free coordinates, 3 per free atom */
    double maxstep;            /* bohr per atom */
    void *state;               /* the method's; owned */
};

extern const relax_method relax_method_cg, relax_method_bfgs, relax_method_fire;

/* Finds the method of kind k (NULL if none). */
const relax_method *relax_method_find(relax_kind k);
/* Sets up o for n coordinates with method m. */
int relax_opt_init(relax_opt *o, const relax_method *m, int n, double maxstep, err *e);
void relax_opt_free(relax_opt *o);

/* Largest norm of one atom's triple in the flat vector v of n = 3 natoms entries. */
double relax_max_atom_norm(int n, const double *v);
double relax_dot(int n, const double *a, const double *b);

#endif
