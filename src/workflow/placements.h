/* The adsorbates and placements of an adsorption input, made into structures before any
 * SCF runs (workflow/adsorption.h): every error the structures can show — an unknown
 * adsorbate, a site the slab does not have, a molecule closer than the builder's limit
 * to the slab or to its own periodic image, too little vacuum above it, a complex file
 * that is not the slab plus the adsorbate — stops the run here with the input file, line
 * and key in the message. Bohr inside. */
#ifndef PAWSORB_WORKFLOW_PLACEMENTS_H
#define PAWSORB_WORKFLOW_PLACEMENTS_H

#include "cell/structure.h"
#include "io/input.h"

typedef struct {
    char name[64];
    double charge;            /* e */
    structure mol;            /* as loaded (library or file coordinates); owned */
} ads_molecule;

typedef struct {
    int ads;                  /* index into the adsorbates */
    char label[96];           /* "top-1_flat_2.00A", or a complex file's stem: a group name */
    char site[32], orientation[48];
    double height;            /* bohr; NAN for a complex file */
    structure complex;        /* slab atoms first (same order), then the adsorbate's; owned */
} ads_placement;

typedef struct {
    int nslab;                /* slab atoms: the first nslab atoms of every complex */
    int nads;
    ads_molecule *ads;        /* owned */
    int nplace;
    ads_placement *place;     /* owned; grouped by adsorbate in input order */
    int skipped;              /* automatic placements the builder refused (log says why) */
} ads_setup;

/* Loads the adsorbates and makes the placements of in->adsorption over the slab in->atoms.
 * Returns 0, or -1 with e (EXIT_BAD_INPUT) naming the input file, line and key. */
int ads_setup_make(const input *in, ads_setup *s, err *e);
void ads_setup_free(ads_setup *s);

/* The adsorbate of a complex alone, in the complex's cell and pbc, atoms where they are. */
void ads_molecule_in_cell(const structure *complex, int nslab, structure *out);
/* The slab of a complex (its first nslab atoms, fixed flags kept). */
void ads_slab_of(const structure *complex, int nslab, structure *out);

#endif
