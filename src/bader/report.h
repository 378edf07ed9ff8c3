/* Bader results at the output edge: the table printed to the user and the /bader group
 * of the results file (docs/interface.md), for `pawsorb bader` and `bader: true` runs. */
#ifndef PAWSORB_BADER_REPORT_H
#define PAWSORB_BADER_REPORT_H

#include "bader/bader.h"
#include "core/units.h"
#include "io/results.h"

#include <stdio.h>

/* Default vacuum threshold: 1e-4 electrons/Angstrom^3, in electrons/bohr^3. Measured on
 * GPAW's all-electron H2O (tests/data/bader/compare_henkelman.txt): it leaves 0.001 e in
 * the vacuum and moves atomic charges by <= 0.003 e, while removing the thousands of
 * spurious maxima of the slightly negative far-field AE density (8570 -> 69) and their
 * cost (weight method on 168x200x180: 25 s, 1 GB without vacuum; 3 s, 150 MB with).
 * 1e-3 e/A^3 (the Henkelman program's `-vac auto`) would put 0.022 e in the vacuum. */
#define BADER_DEFAULT_VACUUM (1e-4 * BOHR_ANG * BOHR_ANG * BOHR_ANG)

/* Prints the table: atom, population, charge = zn - population, volume (Angstrom^3), then
 * vacuum, totals, basins and the grid. `density` names what was partitioned. */
void bader_report_print(FILE *out, const bader_grid *g, const bader_options *opt, int natoms, const int *numbers,
                        const double *zn, const bader_result *res, const char *density);

/* Collective (results.h): /bader/{population, charge, volume} with attributes method,
 * density, grid; /bader/vacuum_charge (electrons), /bader/vacuum_volume (Angstrom^3),
 * /bader/vacuum_threshold (electrons/Angstrom^3; absent when vacuum is off). Arrays are
 * rank 0's. */
int bader_report_write(results *r, const bader_options *opt, int natoms, const double *zn, const bader_result *res,
                       const char *density, err *e);

#endif
