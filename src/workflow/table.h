/* The reporting end of the adsorption workflow: one row per placement of one adsorbate
 * on a slab, ranked by binding energy and written as a log table, a CSV file and an SVG
 * chart.
 *
 * E_b = E(complex) - E(slab) - E(molecule): negative means bound, and the most negative
 * row binds most strongly. E_b = E_DFT + E_D2 (the dispersion part, Grimme 2006).
 * Deformation energies are the cost of bending each partner into its adsorbed geometry,
 * E_def(mol) = E(mol as in the complex) - E(relaxed mol), likewise for the slab.
 *
 * This module is an output edge: rows carry eV, Angstrom and elementary charges (the
 * user's units, docs/interface.md); the caller converts from Hartree atomic units
 * (core/units.h) when filling them. NAN means "not computed". Nothing here is collective:
 * call it on the rank that writes (rank 0). */
#ifndef PAWSORB_WORKFLOW_TABLE_H
#define PAWSORB_WORKFLOW_TABLE_H

#include "core/err.h"

#include <stdio.h>

typedef struct {
    char adsorbate[64];         /* "H2O", "SN" */
    char placement[96];         /* "top-1/flat/2.00", or a complex file's name */
    char site[32];              /* "top-1" ("" when not applicable) */
    char orientation[48];       /* "flat", "euler:30,60,45" */
    double height_ang;          /* placement height over the site, Angstrom; NAN if none */
    int status;                 /* 0 ok; else a failed or refused part (energies may be NAN) */
    char why[160];              /* what failed, when status != 0 */
    double e_bind_ev;           /* E_b, eV; NAN when not computed */
    double e_dft_ev, e_d2_ev;   /* its DFT and D2 parts, eV */
    double e_def_mol_ev;        /* deformation energy of the molecule, eV (NAN: not computed) */
    double e_def_slab_ev;       /* deformation energy of the slab, eV (NAN: not computed) */
    double charge_transfer_e;   /* net Bader charge of the adsorbate, e (NAN: no Bader);
                                 * negative: the adsorbate gained electrons */
    int stage;                  /* 1 screening stage, 2 full protocol */
    int converged;              /* 1 if the relaxation converged */
} ads_row;

/* A row takes part in the ranking when status == 0 and E_b is finite. */
int ads_row_ranked(const ads_row *r);

/* Sorts by E_b ascending (most bound first); rows not ranked (failed, or E_b NAN) go
 * last. Stable: equal energies, and the unranked rows, keep their given order. */
void ads_rows_sort(ads_row *rows, int n);

/* Index of the best row of `adsorbate` in rows[0..n), or -1 if it has no ranked row.
 * Energies of different stages are not comparable, so the best is the lowest E_b among
 * the ranked rows of the highest stage that adsorbate reached. */
int ads_rows_best(const ads_row *rows, int n, const char *adsorbate);

/* Prints the ranked table (rank, adsorbate, placement, stage, E_b, DFT, D2, deformation
 * of molecule and slab, Bader charge transfer, status) in ranking order, then the best
 * placement per adsorbate. rows are not modified; NULL out prints nothing (a silenced
 * log, log.h). */
void ads_table_print(FILE *out, const ads_row *rows, int n);

/* Writes the rows in ranking order as CSV (RFC 4180 quoting, LF line ends) with a header
 * line whose names carry the units (e_bind_eV, height_A, charge_transfer_e); NAN is an
 * empty field. Derived columns rank and best (1 on each adsorbate's best row) come
 * first. Written to PATH.tmp.<pid> and renamed over PATH when complete. */
int ads_table_write_csv(const char *path, const ads_row *rows, int n, err *e);

/* Reads such a CSV back (columns found by their header names; rank and best are
 * ignored). *rows is allocated (caller frees it with free()); errors name the file, line
 * and column. */
int ads_table_read_csv(const char *path, ads_row **rows, int *n, err *e);

/* Writes a standalone SVG 1.1 chart of E_b: one group per adsorbate (most bound group
 * first), one lollipop mark per placement (most bound first), each adsorbate's best
 * (ads_rows_best) highlighted and its value written under its name, screening-stage rows
 * as diamonds, failed rows as hollow circles (at their E_b if they have one, else in a
 * strip under the axis); a zero line and a y axis in eV. Each mark has a <title> with the full numbers. Written atomically as
 * the CSV. title may be NULL. */
int ads_chart_write_svg(const char *path, const ads_row *rows, int n, const char *title, err *e);

#endif
