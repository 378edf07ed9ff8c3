/* Units: Hartree atomic units inside; eV and Angstrom at the edges only.
 * CODATA 2014 values exactly as ASE 3.22 uses them, so numbers compare with GPAW/ASE
 * to the last digit (docs/interface.md, "Units"). */
#ifndef PAWSORB_UNITS_H
#define PAWSORB_UNITS_H

#define HARTREE_EV 27.211386024367243   /* eV per hartree */
#define BOHR_ANG   0.5291772105638411   /* Angstrom per bohr */

/* Forces: hartree/bohr -> eV/Angstrom */
#define HA_PER_BOHR_TO_EV_PER_ANG (HARTREE_EV / BOHR_ANG)

#endif
