/* What `pawsorb run` does after a converged SCF for the output.cube and bader keys
 * (docs/interface.md): cube files of the pseudo density, the all-electron density
 * (density/ae_density.h; GPAW's gridrefinement=2, or 4 with bader.refinement: 4) and the
 * effective potential, and Bader charges on the all-electron density (bader.method,
 * default weight; bader.vacuum, default 1e-4 e/Angstrom^3), printed as a table in the log
 * and written to /bader in the results file. */
#ifndef PAWSORB_BADER_AFTER_SCF_H
#define PAWSORB_BADER_AFTER_SCF_H

#include "bader/bader.h"
#include "io/input.h"
#include "io/results.h"
#include "scf/calc.h"

typedef struct {
    int done;             /* 1 when Bader charges were computed */
    bader_options opt;
    int natoms;
    bader_result res;     /* rank 0 */
    double *zn;           /* nuclear charges Z; owned (rank 0) */
} bader_scf;

/* Writes the requested cube files next to the results file `results_path`
 * (STEM_density.cube, STEM_all_electron_density.cube, STEM_potential.cube; densities in
 * electrons/bohr^3, the potential in hartree, both spins summed/averaged) and, when
 * in->bader, computes the Bader charges into b. Collective over c->comm->world (rank 0
 * does the work; the others wait for its status). */
int bader_after_scf(const calculation *c, const input *in, const char *results_path, bader_scf *b, err *e);

/* Collective: /bader in r when b->done; nothing otherwise. */
int bader_after_scf_write(results *r, const bader_scf *b, err *e);

void bader_scf_free(bader_scf *b);

#endif
