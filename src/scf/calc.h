/* One plane-wave PAW calculation: the parts GPAW's calculator holds (setups, grids,
 * wavefunctions, density, Hamiltonian, occupations, mixer, eigensolver), each its own
 * struct, built from a validated input and its plan (basis/plan.h) and freed together.
 * The SCF loop (scf.h) and the initial guess (initial.h) borrow them from here.
 * The comm_ctx is kept for the distribution of issue 5; nothing below uses
 * MPI_COMM_WORLD. */
#ifndef PAWSORB_SCF_CALC_H
#define PAWSORB_SCF_CALC_H

#include "basis/plan.h"
#include "core/comm.h"
#include "density/density.h"
#include "density/mixer.h"
#include "density/symmetrize.h"
#include "eigensolver/davidson.h"
#include "hamiltonian/hamiltonian.h"
#include "io/input.h"
#include "scf/occupations.h"
#include "scf/species.h"
#include "scf/wavefunctions.h"

typedef struct {
    const comm_ctx *comm;     /* borrowed */
    const input *in;          /* borrowed */
    const plan *pl;           /* borrowed: grids, k-points, bands, spins */
    int nspins, nbands;
    double nelectrons;        /* valence electrons after the charge */
    species_set ss;
    density_grids grids;
    wavefunctions wfs;
    density dens;
    hamiltonian ham;
    occ_params occp;
    occ_calc occ;
    mixer mix;
    davidson dav;
    density_symmetrizer symz; /* group average of ñ and D_asp (the k-point set's operations) */
    ham_op op;
    double *eps_skn, *f_skn;  /* nspins x nk x nbands gathered for the occupations */
    occ_result occr;          /* the last occupations */
} calculation;

/* Builds every part (datasets read, splines and tables made, workspaces allocated).
 * Errors name the input or dataset file. */
int calc_init(calculation *c, const comm_ctx *comm, const input *in, const plan *pl, err *e);
void calc_free(calculation *c);

/* Occupations from the current eigenvalues of every block (fills kpt f and occr). */
int calc_occupations(calculation *c, err *e);

#endif
