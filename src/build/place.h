/* Placing a molecule over an adsorption site (docs/latp.md, "Placing a molecule").
 * The molecule is first oriented (flat, upright or Euler angles, molecule.h) about its
 * centre of positions, then moved so that this centre lies over the site (in the
 * plane) and its lowest atom is `height` above the site, along the surface normal.
 * Placements that bring any molecule atom closer than PLACE_MIN_DIST to a slab atom
 * (periodic images in the plane included), or to a periodic image of the molecule, or
 * that leave the molecule outside the cell, are refused with a message naming the
 * atoms and the distance. Bohr inside. */
#ifndef PAWSORB_BUILD_PLACE_H
#define PAWSORB_BUILD_PLACE_H

#include "build/sites.h"
#include "cell/structure.h"
#include "core/err.h"

#define PLACE_MIN_DIST (1.5 / 0.5291772105638411)   /* 1.5 A in bohr */

typedef enum { ORIENT_FLAT, ORIENT_UPRIGHT, ORIENT_EULER } place_orientation;

typedef struct {
    double height;              /* bohr, lowest molecule atom above the site */
    place_orientation orient;
    double euler[3];            /* phi, theta, psi in radians (ORIENT_EULER), as ASE */
} place_opts;

typedef struct {
    double min_dist;            /* closest molecule-slab distance, bohr */
    int mol_atom, slab_atom;    /* the pair (0-based; slab_atom indexes the slab) */
    double vacuum_above;        /* from the highest molecule atom to the cell top, bohr */
} place_report;

/* out = slab + molecule (molecule atoms appended, not fixed; slab's fixed flags kept).
 * site: from sites_find on the same slab; normal: site_list.normal. */
int place_molecule(const structure *slab, const ads_site *site, const double normal[3],
                   const structure *mol, const place_opts *o, structure *out, place_report *r, err *e);

#endif
