/* The Grimme D2 term of a run (dispersion/d2.h): E_D2 is added to the total, free and
 * extrapolated energies as VASP (IVDW=10) and GPAW+D2 (ASE's sum of calculators) do, and
 * F_a = -∂E_D2/∂R_a to the forces. Switched on by `dft.dispersion: d2`; dft.d2 sets
 * s6, d, sR and the cutoff (input.h), the functional gives s6 otherwise (0.75 for PBE).
 * Hartree atomic units. */
#ifndef PAWSORB_FORCES_DISPERSION_H
#define PAWSORB_FORCES_DISPERSION_H

#include "cell/structure.h"
#include "core/err.h"
#include "dispersion/d2.h"
#include "io/input.h"

typedef struct {
    int on;              /* 0: no dispersion term (energy 0, no forces) */
    d2_model m;
    double energy;       /* E_D2 of the last dispersion_calculate, hartree */
} dispersion;

/* From the validated input: loads potentials/d2.csv (d2.h's search) when dft.dispersion
 * is d2. Errors name the input file and the key (an element missing from the table, a
 * functional without a Grimme s6 and no dft.d2.s6), EXIT_BAD_INPUT. */
int dispersion_init(dispersion *d, const input *in, err *e);

/* E_D2 of s into d->energy and F_a = -∂E/∂R_a into F (natoms rows, overwritten; may
 * be NULL). Energy and F zero when off. */
int dispersion_calculate(dispersion *d, const structure *s, double (*F)[3], err *e);

#endif
