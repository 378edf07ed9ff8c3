/* What a finished SCF tells the user: the log (energy components in GPAW's layout,
 * Fermi level, eigenvalues and occupations) and the results file of the contract
 * (docs/interface.md: /energy, /energy/components, /scf, /electrons). eV and Angstrom
 * only here and in io/results.c — the output edge. */
#ifndef PAWSORB_SCF_REPORT_H
#define PAWSORB_SCF_REPORT_H

#include "forces/forces.h"
#include "io/results.h"
#include "scf/calc.h"
#include "scf/scf.h"

/* Log (rank 0): parameters of the run before the SCF starts. */
void report_setup(const calculation *c);
/* Log: energy contributions, Fermi level, eigenvalues (first k-point of each spin and
 * every k-point's band edges with more). */
void report_energies(const calculation *c, const scf_history *h);

/* Collective over the results' communicator: /energy (+ components), /scf, /electrons. */
int report_write(results *r, const calculation *c, const scf_history *h, err *e);

/* Log: with D2 its energy and the free and extrapolated energies including it; then the
 * forces table in eV/Angstrom (GPAW's layout) and the largest force. */
void report_forces(const calculation *c, const forces *f);
/* Collective: /forces (eV/Angstrom, D2 included); with D2 also /energy again, total and
 * free including E_D2 and /energy/dispersion = E_D2 (after report_write). */
int report_write_forces(results *r, const calculation *c, const forces *f, err *e);

#endif
