/* The adsorption workflow (task: adsorption / scan; docs/interface.md, docs/input.md):
 * one input names a slab, adsorbates and their placements; pawsorb computes
 *
 *     E_b = E(slab+molecule) - E(slab) - E(molecule)      (negative = bound)
 *
 * with every part at the same cutoff, k-points, smearing, D2 and SCF settings, the
 * molecule alone in the complex's cell (so basis-set and box errors cancel), and reports
 * E_b's DFT and D2 parts, the deformation energies, the Bader charge transfer, a table
 * sorted by E_b (log, CSV, HDF5) and an SVG chart.
 *
 * Parts (workflow/part.h), each a group of the one results file, and each first in its own
 * results file STEM.parts/<group>.h5 (relaxations with their checkpoints beside them):
 *   /adsorption/slab                          the slab, relaxed or as given, once
 *   /adsorption/<ads>/molecule                the adsorbate relaxed alone (relax: true)
 *   /adsorption/<ads>/placements/<p>/complex  slab + adsorbate at placement p
 *   /adsorption/<ads>/placements/<p>/molecule_frozen, slab_frozen
 *                                             each part alone at its complex geometry
 * With relax: false the frozen molecule is the molecule's reference (E_b exact for the
 * given geometries); with relax: true the frozen parts give the deformation energies
 *     E_def(mol) = E(mol at its complex geometry) - E(mol relaxed), likewise the slab.
 * The results file is published after every part, so a run that stops keeps the parts
 * it finished (status attributes say which are done). Running the same input again takes
 * every finished part from its file (refused, naming what differs, when the input
 * changed in a way that changes the part's answer), continues a stopped relaxation from
 * its checkpoint, and computes the rest; --only runs one stage's part of it (a batch job).
 *
 * Collective over comm->world. */
#ifndef PAWSORB_WORKFLOW_ADSORPTION_H
#define PAWSORB_WORKFLOW_ADSORPTION_H

#include "core/comm.h"
#include "io/input.h"

/* What one run does (`pawsorb run --only`, `pawsorb collect`; batch jobs, docs/batch.md). */
typedef enum {
    ADS_ALL,                  /* everything, taking finished parts from their files */
    ADS_REFERENCES,           /* the slab and each adsorbate's molecule, every stage */
    ADS_SCREENING,            /* screening placement `index` (the references finished) */
    ADS_PLACEMENT,            /* placement `index`, or with screening the index-th it selected */
    ADS_COLLECT               /* nothing computed: the table and results file from the parts' files */
} ads_only;

typedef struct {
    ads_only only;
    int index;                /* ADS_SCREENING, ADS_PLACEMENT: 0-based */
    int fresh;                /* 1: remove the parts' files and checkpoints first */
} ads_options;

/* Runs the workflow of `in` (task adsorption or scan) into `output` (and, next to it,
 * STEM_adsorption.csv, STEM_adsorption.svg, trajectories STEM_<part>.xyz). Returns 0 when
 * every part finished, -1 with e set otherwise: EXIT_BAD_INPUT for input that cannot be
 * run (checked before any SCF), EXIT_RUN_FAILED when a part did not converge (the others
 * still run and are reported). */
int adsorption_run(const comm_ctx *comm, const input *in, const char *output, const ads_options *opt, err *e);

/* For `pawsorb submit`: the placements of `in` and how many the full protocol runs (all,
 * or screening.keep per adsorbate). Not collective; computes nothing. */
int adsorption_jobs(const input *in, int *nplace, int *nselected, err *e);

/* What `pawsorb check` does for task adsorption: the placements made and every kind of
 * part checked (datasets, electrons after the charges) as adsorption_run does before its
 * first SCF, and the plan of the workflow printed to the log. Runs no calculation. */
int adsorption_check(const comm_ctx *comm, const input *in, err *e);

#endif
