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
    double longest;           /* seconds: the longest iteration so far (the --max-time estimate) */
    char why[160];            /* "" or why not converged */
} scf_history;

/* The checkpoint of a running SCF (scf.checkpoint; workflow/checkpoint.h writes it): at
 * the safe point after an iteration that did not converge, the loop calls save when
 * every_iterations iterations or every_seconds seconds have passed since the last
 * checkpoint (this SCF's or the relaxation step's: the owner resets `last` and `since`
 * after its own writes), and always when a stop is requested, before it returns
 * EXIT_STOPPED, so that no iteration is lost. What save must store for an exact
 * continuation (scf_continue): the wavefunctions, projections, eigenvalues and
 * occupations of every block, the Fermi level(s), the mixer's history and the history
 * h. The density and the Hamiltonian are not needed: the continuation makes them from
 * the bands and the mixer before its next iteration, as the loop would have.
 * Time-based decisions are rank 0's clock (broadcast), so every rank saves together. */
typedef struct {
    int (*save)(void *ctx, const calculation *c, const scf_history *h, err *e);   /* collective */
    void *ctx;
    int every_iterations;     /* 0: not by count */
    double every_seconds;     /* 0: not by time */
    double last;              /* MPI_Wtime() of the last checkpoint (or of the start) */
    int since;                /* iterations since then */
    int written;              /* checkpoints saved by the loop */
    double write_seconds;     /* the last one's duration */
} scf_checkpointer;

typedef struct {
    double energy_tol;        /* hartree per valence electron */
    double density_tol;       /* electrons per valence electron */
    double eigenstates_tol;   /* hartree^2 per valence electron */
    double forces_tol;        /* hartree/bohr; 0: off */
    int max_iter;
    forces *forces;           /* borrowed, with forces_tol > 0: the calculation's forces */
    const structure *atoms;   /* borrowed, with forces_tol > 0: its structure (bohr) */
    scf_checkpointer *chk;    /* borrowed; NULL: no checkpoint */
} scf_params;

/* Starts the clock of p's checkpointer (none: nothing): now is the last checkpoint. */
void scf_checkpointer_restart(scf_checkpointer *k);

/* GPAW's criteria from the input (scf.energy_tol, density_tol, forces_tol, max_iter);
 * forces, atoms and chk NULL (set forces and atoms with scf_params_forces). */
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

/* Continues an SCF saved at its safe point (scf_checkpointer): c holds the saved
 * wavefunctions, occupations, Fermi level(s) and mixer history (positions set), hist the
 * saved history (arrays of max_iter, from scf_history_alloc). Makes the density and the
 * Hamiltonian from them and goes on with iteration hist->iterations + 1, as scf_run
 * would have: the same iterations and energies bit for bit on the same process layout.
 * Returns as scf_run. */
int scf_continue(calculation *c, const scf_params *p, scf_history *hist, err *e);

/* hist zeroed with its arrays for p->max_iter iterations. */
void scf_history_alloc(scf_history *hist, const scf_params *p);
/* The forces criterion's arrays of hist (forces_change, F_old of natoms), once. */
void scf_history_alloc_forces(scf_history *hist, const scf_params *p, int natoms);
void scf_history_free(scf_history *h);

#endif
