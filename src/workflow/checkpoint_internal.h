/* Between checkpoint.c (the file, its fingerprint, the relaxation's state) and
 * checkpoint_scf.c (the bands and the SCF's state): the groups each writes and reads
 * (layout: docs/interface.md, "Checkpoint"). Internal to workflow/. */
#ifndef PAWSORB_WORKFLOW_CHECKPOINT_INTERNAL_H
#define PAWSORB_WORKFLOW_CHECKPOINT_INTERNAL_H

#include "io/h5read.h"
#include "io/results.h"
#include "workflow/checkpoint.h"

/* Collective: ψ̃ and P of every (spin, k) block in the global order of its basis (each
 * rank writes its block), eigenvalues, occupations and Fermi level(s): /wfs, /occupations. */
int checkpoint_write_bands(results *r, const calculation *c, err *e);
/* Collective: the SCF's history and the mixer's at a safe point: /scf, /mixer. */
int checkpoint_write_scf_state(results *r, const calculation *c, const scf_history *h, err *e);
/* Each rank its blocks of /wfs and the whole /occupations into c. */
int checkpoint_read_bands(h5read *f, calculation *c, err *e);
/* /scf into hist (allocated here for the input's max_iter) and /mixer into c->mix;
 * counts and shapes are checked (EXIT_BAD_INPUT naming the file and dataset). */
int checkpoint_read_scf_state(h5read *f, calculation *c, scf_history *hist, err *e);

#endif
