/* The checkpoint of one relaxation (issue 12): after every ionic step, everything the
 * next step depends on, so that a run stopped at any point (signal, --max-time, a killed
 * job) continues with the steps and energies it would have made without the stop.
 *
 * What the next ionic step depends on (relax/dft.h's restart, relax.h's optimisers):
 *   the optimiser's state after its step and the next point (relax_state, positions);
 *   the wavefunctions ψ̃ and projections P_ni of the last step (moved with the atoms to
 *     the next point), eigenvalues and occupations (the first eigensolver weights), the
 *     Fermi level(s) (the next search's start);
 *   the density-extrapolation ring (δñ, D_asp, R of the last three steps, newest first),
 *     the last step's scaled positions and the per-step counts and energies.
 * Not stored, because the restart rebuilds them: the density ñ and D_asp (made from the
 * ring), the mixer's history (reset after every move, as GPAW's set_positions), the
 * Hamiltonian (from the density), the Davidson and projector workspaces. Also stored:
 * each step's fmax, positions and forces, which a resumed run writes again into its
 * results file's /relax rows and trajectory, so that they show every step once.
 *
 * File (docs/interface.md, "Checkpoint"): HDF5, sealed (io/results.h: written as
 * NAME.tmp.<pid>, fsync'ed, renamed; its first 512 bytes hold the SHA-256 of the rest),
 * readable with h5py; atomic units bit for bit. Wavefunctions are stored in the global
 * order of the whole plane-wave basis of each (spin, k) block — /wfs/psi_<u> (nbands,
 * npw, 2), /wfs/P_<u> (nbands, nI, 2) — written by each rank's block with one collective
 * MPI-IO transfer, so a checkpoint of one layout is read on any other (the continuation
 * is bit for bit on the same layout, within rounding on another).
 *
 * Refused (EXIT_BAD_INPUT, message naming the file): a file that is truncated or
 * altered (seal), not a checkpoint of this format, or written for an input that would
 * change the answer: the "fingerprint" (structure, dft, scf and relax settings, the
 * datasets' SHA-256, bands, spins, k-points and grid) is compared line by line and the
 * differences are named. output and parallel settings may change. */
#ifndef PAWSORB_WORKFLOW_CHECKPOINT_H
#define PAWSORB_WORKFLOW_CHECKPOINT_H

#include "relax/dft.h"
#include "relax/relax.h"
#include "scf/calc.h"

/* The steps so far as the results file shows them (the energies are relax_dft's). */
typedef struct {
    int nsteps, natoms, cap;
    double *fmax;             /* hartree/bohr, free atoms */
    double (*pos)[3];         /* nsteps x natoms, bohr */
    double (*forces)[3];      /* nsteps x natoms, hartree/bohr */
} relax_rows;

void relax_rows_init(relax_rows *r, int natoms);
void relax_rows_push(relax_rows *r, const relax_step *st);
void relax_rows_free(relax_rows *r);

/* Collective over c->comm->world. Writes the state after `steps` ionic steps: d and c as
 * relax_dft_energy left them, rows, the optimiser's state and the next point. */
int checkpoint_write(const char *path, const calculation *c, const relax_dft *d, const relax_rows *rows,
                     int steps, const double (*next_pos)[3], const relax_state *opt, err *e);

/* Collective over c->comm->world, after relax_dft_init (d) on the part's calculation c.
 * Returns 0 when there is no file at path (a new relaxation), 1 when the state was
 * loaded into c, d and rows, with *resume (its steps and optimiser state; free with
 * relax_state_free) and next_pos (natoms) set, or -1 with e set: refused
 * (EXIT_BAD_INPUT, the message names the file and what is wrong or differs). */
int checkpoint_read(const char *path, calculation *c, relax_dft *d, relax_rows *rows, relax_resume *resume,
                    double (*next_pos)[3], err *e);

/* Collective over comm: rank 0 removes the checkpoint (when the relaxation it belongs to
 * has ended and its results are published). A missing file is fine. */
void checkpoint_remove(MPI_Comm comm, const char *path);

/* The checkpoint path of a results path: "x.h5" -> "x.chk.h5", otherwise path + ".chk.h5". */
void checkpoint_path(const char *results_path, char *out, size_t n);

/* Rank 0: the fingerprint ("key = value" lines, as the checkpoint keeps) of a part's
 * input and plan: what decides the answer. *out and its strings are malloc'ed (free with
 * h5read_free_strings). The adsorption workflow keeps it in each part's file. */
int checkpoint_fingerprint(const input *in, const plan *pl, size_t *n, char ***out, err *e);
/* Rank 0: the differences between two fingerprints as message lines ("" when none);
 * `where` names the older one's file ("checkpoint", "part file"). */
void checkpoint_fingerprint_diff(char **old, size_t nold, char **now, size_t nnow, const char *where, char *msg,
                                 size_t cap);

#endif
