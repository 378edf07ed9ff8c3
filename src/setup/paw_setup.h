/* PAW datasets: one struct per element, read from GPAW's PAW-XML files
 * (gpaw-data: /usr/share/gpaw-setups/<Sym>.<family>.gz, plain or gzip-compressed).
 *
 * Units: Hartree and bohr throughout, as in the files.
 *
 * Conventions (the same as GPAW's SetupData, gpaw/setup_data.py, which the numbers of
 * pawsorb must reproduce):
 *  - Every radial array has grid.n values on the dataset's radial grid (radial.h).
 *  - Densities and potentials are the l = 0 radial coefficients of a spherical function,
 *    f(r) = f_g Y_00 = f_g / sqrt(4 pi): nc, nct, nvt, vbar, tauc, tauct carry a factor
 *    sqrt(4 pi) relative to the function itself. So sqrt(4 pi) int nc r^2 dr = Nc
 *    (the number of core electrons) and int n(r) vbar(r) d^3r = int n_g vbar_g r^2 dr.
 *  - Partial waves and projectors are radial parts without an r factor: the function of
 *    state i = (j, m) is phi_j(r) Y_{l_j m}(r^), so phi_j ~ r^l near r = 0.
 *  - States j: bound states have n >= 1 and an occupation f; unbound (extra) projector
 *    states have n = -1 and f = 0 (written without n in the file). Each l contributes
 *    2l+1 projector functions i; GPAW's order is j-major, then m = 0..2l.
 *  - kinetic_energy_differences: e_kin[j1*nj + j2] = <phi_j1|T|phi_j2> - <phit_j1|T|phit_j2>.
 *  - The files tabulate partial waves far beyond the augmentation sphere, where unbound
 *    all-electron waves grow. GPAW cuts every one-centre integral at
 *    gcut2 = ceil(r2g(2 max_j rc_j)) and splines projectors only up to a filter radius;
 *    the reader keeps the full arrays, the cut is made in derived.c.
 */
#ifndef PAWSORB_PAW_SETUP_H
#define PAWSORB_PAW_SETUP_H

#include "core/err.h"
#include "setup/radial.h"

#include <stddef.h>

/* Compensation-charge shape function families (gpaw/atom/shapefunc.py). */
typedef enum { SHAPE_GAUSS, SHAPE_SINC, SHAPE_BESSEL } shape_kind;

typedef struct {
    int n;            /* principal quantum number, -1 for an unbound state */
    int l;            /* angular momentum */
    double f;         /* occupation in the reference atom (0 for unbound) */
    double rc;        /* cutoff radius of the partial wave, bohr (-1 if not given) */
    double e;         /* energy, hartree */
    char id[32];      /* "O-2s", "O-p1", ... */
} paw_state;

typedef struct {
    char path[4096];          /* file it was read from */
    char version[16];         /* <paw_setup version> ("0.6") */
    char symbol[4];
    int Z;                    /* nuclear charge */
    double Nc;                /* core electrons (fractional with a core hole) */
    int Nv;                   /* valence electrons */

    char xc_type[16];         /* "LDA", "GGA", ... as in <xc_functional type> */
    char xc_name[32];         /* GPAW's name: "LDA" for type LDA, else the name ("PBE") */
    char generator_type[64];  /* "scalar-relativistic" */
    char generator_name[64];  /* "gpaw-0.9.1.9672" */
    char generator_text[256]; /* body of <generator>, trimmed ("Frozen core: [He]") */
    int generator_version;    /* <generator version>, 1 when absent (GPAW's default) */

    /* Reference all-electron energies of the atom (<ae_energy>, <core_energy>). */
    double e_kinetic, e_xc, e_electrostatic, e_total;
    double e_kinetic_core;

    radial_grid grid;
    shape_kind shape;
    double shape_rc;          /* bohr */

    int nj;                   /* number of states (partial-wave channels) */
    paw_state *states;        /* nj; owned */

    /* Radial arrays, each grid.n values; owned. NULL when the file has none. */
    double *nc;               /* all-electron core density x sqrt(4 pi) (required) */
    double *nct;              /* pseudo core density x sqrt(4 pi) (required) */
    double *nvt;              /* pseudo valence density x sqrt(4 pi) (optional) */
    double *vbar;             /* zero potential x sqrt(4 pi) (required) */
    double *tauc;             /* ae core kinetic-energy density x sqrt(4 pi) (optional) */
    double *tauct;            /* pseudo core kinetic-energy density (optional) */
    double *phi;              /* nj x n: all-electron partial waves phi_j(r) */
    double *phit;             /* nj x n: pseudo partial waves */
    double *pt;               /* nj x n: projector functions */
    double *e_kin;            /* nj x nj kinetic energy differences */
} paw_setup;

/* Finds the dataset file of an element: for each directory of $PAWSORB_SETUP_PATH
 * (colon-separated), then /usr/share/gpaw-setups, tries "<symbol>.<family>.gz", then
 * "<symbol>.<family>" (GPAW's naming; family "PBE", "LDA"). Writes the path into
 * path[n]. Returns 0, or -1 with an error (EXIT_BAD_INPUT) naming the element, the
 * family and every directory searched. */
int setup_find(const char *symbol, const char *family, char *path, size_t n, err *e);

/* Reads one PAW-XML file (gzip-compressed or plain) into s, which it initialises.
 * Returns 0, or -1 with an error (EXIT_BAD_INPUT) naming the file, the line, the
 * element and the attribute or value that is missing or malformed; s is then empty.
 * Release with setup_free in both cases. */
int setup_read(const char *path, paw_setup *s, err *e);

void setup_free(paw_setup *s);

/* Number of projector functions ni = sum_j (2 l_j + 1). */
int setup_nproj(const paw_setup *s);

#endif
