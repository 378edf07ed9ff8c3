/* Geometry optimisation: move the free atoms downhill on an energy surface E(R) given
 * by a callback (energy and forces of positions) until every free atom feels a force
 * below fmax (the contract's relax.fmax, a norm per atom as ASE's fmax).
 *
 * The optimisers know nothing about DFT: they work on the flat vector x of the free
 * cartesian coordinates (3 per free atom, bohr) with E (hartree) and the gradient
 * g = -F (hartree/bohr). Fixed atoms never enter x, so their positions are never
 * written: they stay bit for bit where they were (ASE's FixAtoms has the same effect:
 * its forces are zeroed and its positions reset each step).
 *
 * Methods (one file each, a registry of plain structs in relax.c):
 *   cg    Polak-Ribiere conjugate gradients with a trial step and a cubic line
 *         interpolation (the corrector step), VASP's IBRION=2 scheme   (cg.c)
 *   bfgs  ASE's BFGS (ase/optimize/bfgs.py, 3.22): Hessian update of the quasi-Newton
 *         step, initial Hessian 70 eV/A^2, step scaled to maxstep per atom (bfgs.c)
 *   fire  ASE's FIRE (Bitzek et al., PRL 97, 170201 (2006); ase/optimize/fire.py)
 *                                                                      (fire.c)
 * Every energy evaluation is one ionic step (as VASP counts trial and corrector steps):
 * it is reported to the observer, counts against max_steps and is checked against fmax.
 *
 * Units: hartree, bohr; eV/Angstrom only in the comments giving ASE's defaults. */
#ifndef PAWSORB_RELAX_H
#define PAWSORB_RELAX_H

#include "core/err.h"
#include "io/input.h"

#include <stddef.h>

/* Energy (hartree) and forces (hartree/bohr, natoms) at positions pos (bohr). */
typedef int (*relax_energy_fn)(void *ctx, int natoms, const double (*pos)[3], double *energy,
                               double (*forces)[3], err *e);

/* What one ionic step produced (everything borrowed for the duration of the call). */
typedef struct {
    int step;                  /* 0-based */
    int natoms;
    double energy;             /* hartree */
    double fmax;               /* hartree/bohr, largest |F_a| over free atoms */
    const double (*pos)[3];    /* bohr */
    const double (*forces)[3]; /* hartree/bohr; fixed atoms keep their true force */
} relax_step;

/* Called after every energy evaluation; nonzero stops the relaxation with that error. */
typedef int (*relax_observer_fn)(void *ctx, const relax_step *st, err *e);

typedef struct {
    relax_kind method;
    double fmax;               /* hartree/bohr */
    int max_steps;             /* energy evaluations */
    double maxstep;            /* bohr: largest move of one atom per step (ASE: 0.2 A) */
} relax_params;

typedef struct {
    int converged;             /* 1: fmax reached */
    int steps;                 /* energy evaluations done */
    double energy, fmax;       /* at the final positions */
} relax_result;

/* Defaults: cg, fmax 0.05 eV/A, 200 steps, maxstep 0.2 A. */
void relax_params_default(relax_params *p);
/* From the input's relax section (method, fmax, max_steps). */
void relax_params_from_input(relax_params *p, const input *in);

/* Method name ("cg", "bfgs", "fire") and its literature / ASE reference. */
const char *relax_method_name(relax_kind k);

/* ---- Continuing a relaxation exactly (checkpoint and resume) ---------------------
 * An optimiser's whole state (what its next step depends on) as named double vectors
 * (integers stored exactly as doubles): CG's direction, previous gradient, line-search
 * phase and bracket points; BFGS's Hessian, last position and force; FIRE's velocity,
 * dt, alpha and counter. Each method's save/load lists its fields (cg.c, bfgs.c, fire.c). */
#define RELAX_STATE_MAX 24

typedef struct {
    char name[24];
    size_t n;
    double *v;                 /* owned */
} relax_state_field;

typedef struct {
    relax_kind method;
    int nfields;
    relax_state_field f[RELAX_STATE_MAX];
} relax_state;

/* Appends a copy of v (n doubles) as field `name`. */
void relax_state_put(relax_state *s, const char *name, size_t n, const double *v);
/* Field `name` with exactly n values, or NULL with e set (EXIT_BAD_INPUT naming it). */
const double *relax_state_get(const relax_state *s, const char *name, size_t n, err *e);
void relax_state_free(relax_state *s);

/* Where a resumed relaxation continues: `steps` energy evaluations were done, the
 * optimiser's state after its last step is `opt`, and relax_run_hooks' pos holds the
 * next point to evaluate (the one that step produced). */
typedef struct {
    int steps;
    relax_state opt;
} relax_resume;

/* Called after every optimiser step, with the number of evaluations done, the next point
 * (natoms, bohr) and the optimiser's state: what a resumed run needs. Nonzero stops the
 * relaxation with that error (EXIT_STOPPED when it stops on request, core/stop.h). */
typedef int (*relax_checkpoint_fn)(void *ctx, int steps, int natoms, const double (*next_pos)[3],
                                   const relax_state *opt, err *e);

typedef struct {
    relax_observer_fn observe;        /* NULL: none */
    void *octx;
    relax_checkpoint_fn checkpoint;   /* NULL: none */
    void *cctx;
    const relax_resume *resume;       /* NULL: a new relaxation from pos */
} relax_hooks;

/* relax_run with a checkpoint after every step and, with h->resume, the continuation of
 * an earlier run: the same points, energies and result as the run it continues, bit for
 * bit, when the energy callback is exact (steps count from h->resume->steps). The
 * resumed state's method and size are checked (EXIT_BAD_INPUT naming the field). */
int relax_run_hooks(const relax_params *p, int natoms, const unsigned char *fixed, double (*pos)[3],
                    relax_energy_fn energy, void *ectx, const relax_hooks *h, relax_result *res, err *e);

/* Relaxes pos (natoms, bohr; in: start, out: the last evaluated point, which is the
 * converged one when res->converged). fixed (may be NULL) marks atoms held fixed.
 * Returns 0 whether or not fmax was reached within max_steps (res says which), or -1
 * when the energy callback or the observer fails (pos then holds the last evaluated
 * point, res the steps so far). */
int relax_run(const relax_params *p, int natoms, const unsigned char *fixed, double (*pos)[3],
              relax_energy_fn energy, void *ectx, relax_observer_fn observe, void *octx, relax_result *res,
              err *e);

/* Largest |F_a| (norm per atom) over the atoms not fixed; 0 when all are fixed. */
double relax_fmax(int natoms, const unsigned char *fixed, const double (*forces)[3]);

#endif
