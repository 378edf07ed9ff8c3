/* Adsorption sites of a slab (docs/latp.md, "Adsorption sites").
 *
 * The topmost atoms (heights along the surface normal n = a1 x a2 within layer_tol of
 * the highest atom) are triangulated in the plane with the periodic Delaunay
 * triangulation (delaunay.h). Every atom gives a top site, every edge a bridge site
 * (its midpoint), every triangle a hollow site (its centroid); triangles with a common
 * circumcircle (a square of atoms) form one hollow, and their shared diagonal is not a
 * bridge. Sites related by a symmetry operation of the whole slab (spglib, tolerance
 * 0.01 A) that keeps the surface on top are one site. A three-fold hollow (equal
 * edges) of a one-element top layer is called "hcp" when an atom of the second layer
 * lies under it and "fcc" when none does (ASE's names on fcc(111) and hcp(0001));
 * other hollows are "hollow".
 * Positions are cartesian bohr, at the height of the highest coordinating atom. */
#ifndef PAWSORB_BUILD_SITES_H
#define PAWSORB_BUILD_SITES_H

#include "cell/structure.h"
#include "core/err.h"

typedef enum { SITE_TOP, SITE_BRIDGE, SITE_HOLLOW, SITE_FCC, SITE_HCP } site_kind;

#define SITE_MAX_COORD 8

typedef struct {
    site_kind kind;
    char label[24];           /* "top", "bridge", "fcc", or "top-2" when a kind repeats */
    double pos[3];            /* bohr */
    double height;            /* pos . normal, bohr */
    int ncoord;
    int coord[SITE_MAX_COORD]; /* indices of the coordinating slab atoms (0-based) */
    int multiplicity;         /* equivalent copies in the cell */
} ads_site;

typedef struct {
    int n;
    ads_site *site;           /* owned */
    int n_surface;            /* atoms in the top layer */
    double normal[3];         /* unit surface normal (n . a3 > 0) */
    int n_ops;                /* slab symmetry operations that keep the surface on top */
} site_list;

/* Finds the symmetry-distinct sites. The slab must be periodic along a1 and a2.
 * layer_tol in bohr. Errors name what is wrong with the slab. */
int sites_find(const structure *slab, double layer_tol, site_list *out, err *e);
void site_list_free(site_list *l);
const char *site_kind_name(site_kind k);
/* Index of the site with this label, or given as its 1-based number; -1 if none. */
int sites_lookup(const site_list *l, const char *key);

#endif
