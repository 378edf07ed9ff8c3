/* The self-consistent field loop of GPAW (gpaw/scf.py, SCFLoop.irun) on a calculation:
 *
 *   repeat: Davidson step on every (spin, k) block (eigensolver error Σ_u Σ_n w_n |R_n|²,
 *           w_n = |f_n w_k 2/ns|, GPAW's nbands_converge = 'occupied')
 *           occupations, Fermi level, -TS; band energy; free and extrapolated energy
 *           convergence check (below); stop when converged
 *           density from the bands (ñ, D_asp), Pulay mixing (error = ∫|Δñ|), ρ̃
 *           Hamiltonian update
 *
 * Convergence (gpaw/convergence_criteria.py, all three must hold):
 *   energy       max - min of the last 3 extrapolated energies / N_valence < energy_tol
 *   density      the mixer's ∫|ñ_out - ñ_in| dr / N_valence < density_tol
 *   eigenstates  eigensolver error / N_valence < eigenstates_tol (GPAW: 4e-8 eV²)
 * The contract's scf.energy_tol (eV per valence electron) and scf.density_tol map onto
 * the first two; GPAW's defaults are the contract's defaults.
 *   forces       (scf.forces_tol, off by default; GPAW's Forces criterion with calc_last):
 *                only in an iteration where the three above hold, the forces of the
 *                current state are computed (forces_calculate, D2 included: position-only,
 *                it cancels) and compared with those of the last iteration that computed
 *                them: max over atoms of |F_a - F_a,old| < forces_tol. The first such
 *                iteration has no old forces (change inf), so the criterion always costs
 *                at least one more iteration and two force evaluations.
 *
 * Each iteration logs one line like GPAW's: iteration, wall time, total energy (eV),
 * log10 of the eigenstate error (eV²/electron) and of the density change, and the
 * magnetic moment with spin. */
#ifndef PAWSORB_SCF_SCF_H
#define PAWSORB_SCF_SCF_H

#include "cell/structure.h"
#include "forces/forces.h"
#include "scf/calc.h"

typedef struct {
    double energy_tol;        /* hartree per valence electron */
    double density_tol;       /* electrons per valence electron */
    double eigenstates_tol;   /* hartree^2 per valence electron */
    double forces_tol;        /* hartree/bohr; 0: off */
    int max_iter;
    forces *forces;           /* borrowed, with forces_tol > 0: the calculation's forces */
    const structure *atoms;   /* borrowed, with forces_tol > 0: its structure (bohr) */
} scf_params;

typedef struct {
    int converged, iterations;
    double *energy;           /* max_iter: extrapolated total energy after each iteration, hartree */
    double *density_change;   /* max_iter: density change per valence electron (inf: none yet) */
    double *forces_change;    /* max_iter: max_a |F_a - F_a,old| (hartree/bohr) of an iteration
                                 that computed forces, inf for the first, NAN when none */
    double (*F_old)[3];       /* natoms: the last forces computed (forces_tol > 0) */
    int forces_evaluations;   /* forces computed by the criterion */
    int forces_current;       /* 1: p->forces holds the forces of the final state */
    double eig_error;         /* last eigensolver error per valence electron, hartree^2 */
    double wall;              /* seconds in the loop */
    char why[160];            /* "" or why not converged */
} scf_history;

/* GPAW's criteria from the input (scf.energy_tol, density_tol, forces_tol, max_iter);
 * forces and atoms NULL (set them with scf_params_forces). */
void scf_params_from_input(scf_params *p, const input *in);
/* The force routine and structure of the forces criterion (needed when forces_tol > 0). */
void scf_params_forces(scf_params *p, forces *f, const structure *s);

/* Runs the loop from the state initial_guess left. Returns 0 whether or not it
 * converged (hist says which; the caller turns non-convergence into exit status 2),
 * or -1 with e set when a step fails. Between two iterations is a safe point of
 * core/stop.h (collective over c->comm->world): a stop request, or a deadline that the
 * longest iteration so far would overrun, returns -1 with e->status EXIT_STOPPED. hist arrays are allocated here; free with
 * scf_history_free. */
int scf_run(calculation *c, const scf_params *p, scf_history *hist, err *e);
void scf_history_free(scf_history *h);

#endif
