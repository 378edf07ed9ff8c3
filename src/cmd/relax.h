/* `pawsorb run` with `task: relax`: the geometry optimisation of relax/relax.h on the DFT
 * surface of relax/dft.h, with the output of docs/interface.md:
 *   - every ionic step appended to /relax/energies, /relax/positions, /relax/fmax of the
 *     results file (kept open for the whole run, so a stopped run keeps every step) and
 *     to the extended-XYZ trajectory next to it (results file name with .h5 replaced by
 *     .xyz; energy= and forces as ASE writes them, the fixed atoms as move_mask);
 *   - /relax/scf_iterations (steps,) and the final structure, energy, forces, /scf and
 *     /electrons of the last step;
 *   - status "ok" when fmax was reached, else why not (exit status 2: max_steps reached,
 *     or an SCF that did not converge), the steps so far kept.
 * Collective over comm. */
#ifndef PAWSORB_CMD_RELAX_H
#define PAWSORB_CMD_RELAX_H

#include "basis/plan.h"
#include "core/comm.h"
#include "io/input.h"

/* Returns EXIT_OK, or EXIT_RUN_FAILED / -1 with e set (the caller prints e->msg). */
int run_relax(const comm_ctx *comm, const input *in, const plan *pl, const char *output, err *e);

/* The trajectory path for a results path: "x.h5" -> "x.xyz", otherwise path + ".xyz". */
void relax_trajectory_path(const char *results_path, char *out, size_t n);

#endif
