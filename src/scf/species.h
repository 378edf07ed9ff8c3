/* The atoms of a calculation and the PAW datasets of their elements: one `species` per
 * element (dataset, derived one-centre matrices, splines for the plane-wave terms, the
 * one-centre XC correction, the atomic orbitals of the initial guess) and the list of
 * atoms pointing at them. GPAW's counterpart is the Setups list (gpaw/setup.py), where
 * setups[a] is shared by all atoms of one element.
 *
 * Units: hartree, bohr. Positions are kept scaled (fractions of the cell vectors), as
 * GPAW's spos_ac. */
#ifndef PAWSORB_SCF_SPECIES_H
#define PAWSORB_SCF_SPECIES_H

#include "cell/structure.h"
#include "core/err.h"
#include "math/spline.h"
#include "setup/derived.h"
#include "setup/paw_setup.h"
#include "setup/radial_spline.h"
#include "setup/xc_correction.h"

typedef struct {
    paw_setup s;          /* the dataset as read */
    setup_derived d;      /* Delta_pL, M_p, M_pp, K_p, dO_ii, ... */
    setup_splines sp;     /* pt_j, ghat_l, vbar, nct */
    xc_correction xc;     /* one-centre XC */
    /* Atomic orbitals for the initial guess: the bound pseudo partial waves cut smoothly
     * at 8 bohr (GPAW's Setup.create_basis_functions), 100-point splines. */
    int norb_j;           /* bound channels */
    int *orb_j;           /* channel j of each orbital spline; owned */
    spline *phit_j;       /* owned */
    int nao;              /* sum over orbital splines of 2l+1 */
} species;

typedef struct {
    int nspecies;
    species *sp;          /* owned */
    int natoms;
    int *species_a;       /* species of each atom; owned */
    double (*spos)[3];    /* scaled positions; owned */
    int *ni_a;            /* projectors of each atom (GPAW's ni); owned */
    int *np_a;            /* packed pairs ni(ni+1)/2 */
    int *I_a;             /* natoms+1 offsets of each atom's projectors in P_nI */
    int *p_a;             /* natoms+1 offsets of each atom's packed pairs in D_sp rows */
    int *L_a;             /* natoms+1 offsets of each atom's Q_L (Lmax per atom) */
    int nI, np, nL;       /* totals */
    double nvalence;      /* sum of valence electrons */
    double Eref;          /* sum of dataset reference energies e_total (GPAW's reference) */
} species_set;

/* Reads and derives every element's dataset (paths[k] the dataset of element z[k]) for
 * the functional xc_name, and maps the atoms of s onto them. Errors name the dataset
 * file (EXIT_BAD_INPUT for unreadable files or a functional the dataset cannot carry). */
int species_set_init(species_set *ss, const structure *s, int nel, const int *z, const char *const *paths,
                     const char *xc_name, err *e);
void species_set_free(species_set *ss);

/* Recomputes the scaled positions from cartesian ones (bohr) in `cell`. */
void species_set_positions(species_set *ss, const double cell[3][3], const double (*pos)[3]);

/* The species of atom a. */
static inline const species *species_of(const species_set *ss, int a) { return &ss->sp[ss->species_a[a]]; }

#endif
