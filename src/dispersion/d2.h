/* Grimme's DFT-D2 dispersion correction (S. Grimme, J. Comput. Chem. 27, 1787 (2006)):
 *
 *   E_disp = -s6 sum_{i<j} sum_L' C6ij / r^6 f_damp(r),    r = |r_j + L - r_i|,
 *   f_damp(r) = 1 / (1 + exp(-d (r / (sR R0ij) - 1))),
 *   C6ij = sqrt(C6i C6j),  R0ij = R0i + R0j,
 *
 * summed over the lattice translations L along the periodic directions (the prime drops
 * i = j at L = 0; pairs i = j at L != 0 count once per +-L pair) up to a sharp real-space
 * cutoff r < rcut, which is VASP's IVDW=10 real-space sum (LVDW_EWALD = .FALSE.).
 * Defaults are VASP's (VASP wiki, DFT-D2 and VDW_RADIUS): rcut = 50 Angstrom
 * (VDW_RADIUS), d = 20 (VDW_D), sR = 1 (VDW_SR), s6 from the functional (VDW_S6; 0.75
 * for PBE). Parameters per element come from potentials/d2.csv (d2_table below).
 *
 * Hartree atomic units throughout: C6 in hartree bohr^6, R0 and rcut in bohr, energy in
 * hartree, forces in hartree/bohr, stress in hartree/bohr^3. Serial and cheap (66 ms for a
 * 128-atom 10 x 10 Angstrom slab, pbc T T F, measured); every MPI rank may call it and gets
 * the same numbers. */
#ifndef PAWSORB_DISPERSION_D2_H
#define PAWSORB_DISPERSION_D2_H

#include <stddef.h>

#include "cell/structure.h"
#include "core/elements.h"
#include "core/err.h"

/* ---- Parameter table (params.c) ---- */

/* C6 and R0 per element as read from a D2 table file, converted to atomic units. */
typedef struct {
    int have[ELEMENT_MAX_Z + 1];      /* 1 where the file gives parameters for Z */
    double c6[ELEMENT_MAX_Z + 1];     /* hartree bohr^6 */
    double r0[ELEMENT_MAX_Z + 1];     /* bohr */
    char path[1024];                  /* the file it was read from (for messages) */
} d2_table;

/* 1 J nm^6 mol^-1 in hartree bohr^6: 1e-54 J m^6 / (N_A E_h a0^6), CODATA 2014 as ASE
 * 3.22 uses it (= 1e6/(N_A e) eV A^6 = 10.36427 eV A^6 = 17.34527 Ha bohr^6). */
double d2_c6_unit(void);

/* Reads a D2 table: lines "Z,symbol,C6,R0" with C6 in J nm^6 mol^-1 and R0 in Angstrom,
 * '#' comment lines, blank lines and one header line starting with "Z," allowed.
 * Errors name the file, the line, the column and the value:
 *   "d2.csv:14: C6 of Si: 'x9.23' is not a number". */
int d2_table_read(const char *path, d2_table *t, err *e);

/* Where pawsorb finds d2.csv, first match wins:
 *   1. each directory of $PAWSORB_DATA_PATH (colon-separated): DIR/d2.csv
 *   2. the installed copy, $(pkgdatadir)/d2.csv (`make install`)
 *   3. the source tree of the build, $(abs_top_srcdir)/potentials/d2.csv
 * (2 and 3 are compiled in by src/dispersion/local.mk). The error lists every place tried. */
int d2_table_find(char *path, size_t n, err *e);

/* d2_table_find, then d2_table_read. */
int d2_table_load(d2_table *t, err *e);

/* ---- The model ---- */

/* Settings a user may change; d2_options_default gives VASP's IVDW=10 defaults. */
typedef struct {
    double s6;        /* global scaling; <= 0: take it from the functional (d2_s6_for_xc) */
    double d;         /* damping steepness, default 20 */
    double sr;        /* scaling of R0ij in the damping (VASP's VDW_SR), default 1 */
    double cutoff;    /* real-space cutoff of the pair sum, bohr; default 50 Angstrom */
} d2_options;

void d2_options_default(d2_options *o);

/* s6 of Grimme (2006) for a functional: PBE 0.75, BLYP 1.2, B-P86 1.05, TPSS 1.0,
 * B3LYP 1.05. `xc` is a pawsorb alias ("PBE", "BLYP") or the libxc spelling
 * ("GGA_X_PBE+GGA_C_PBE"), case-insensitive. Error for any other functional. */
int d2_s6_for_xc(const char *xc, double *s6, err *e);

/* The parameters of the elements present, ready for d2_energy_forces. */
typedef struct {
    double s6, d, sr, cutoff;         /* as in d2_options (s6 resolved, cutoff bohr) */
    int present[ELEMENT_MAX_Z + 1];   /* 1 for the elements d2_init was given */
    double c6[ELEMENT_MAX_Z + 1];     /* hartree bohr^6 (0 for absent elements) */
    double r0[ELEMENT_MAX_Z + 1];     /* bohr */
} d2_model;

/* Takes C6 and R0 from `t` for the atomic numbers in numbers[0..natoms); s6 from `opt`
 * or, when opt->s6 <= 0, from `xc`. `opt` NULL means the defaults. Errors: an element
 * the table lacks (naming it and the table file), a functional without an s6, a
 * non-positive d, sR or cutoff. */
int d2_init(d2_model *m, const d2_table *t, const int *numbers, int natoms, const char *xc,
            const d2_options *opt, err *e);

/* Energy (hartree), forces F[a] = -dE/dR_a (hartree/bohr; may be NULL) and stress
 * sigma = (1/V) dE/d(strain) (hartree/bohr^3, ASE/GPAW sign: positive for the attraction
 * of D2, which pulls the cell together; may be NULL) of structure `s`. Every element of s
 * must have been given to d2_init. The stress needs a non-singular cell; with no periodic
 * direction it is the derivative under a homogeneous strain of all positions divided by
 * the box volume. Errors: two atoms (or an atom and an image) closer than 1e-6 bohr, a
 * singular cell along a periodic direction, more than 1e8 lattice images (cell much
 * smaller than the cutoff). */
int d2_energy_forces(const d2_model *m, const structure *s, double *energy, double (*forces)[3],
                     double stress[3][3], err *e);

#endif
