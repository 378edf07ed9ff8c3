/* Unit tests of src/io/structio: extended XYZ and POSCAR read against what ASE 3.22 reads
 * from the same files. The files and the numbers come from tests/reference/make_structures.py
 * (run with /usr/bin/python3; its printout is kept in tests/reference/make_structures.out).
 * Tolerances: 1e-9 A on positions and cells: files hold 8-16 decimals, and the only
 * arithmetic is A -> bohr -> A (1e-15 relative) and, for POSCAR, direct -> cartesian. */
#include "core/elements.h"
#include "core/units.h"
#include "io/structio.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOL 1e-9   /* Angstrom */

static char data_dir[1024];

static const char *data(const char *name)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s/%s", data_dir, name);
    return buf;
}

/* Largest |pawsorb - ASE| over the cell, in Angstrom. */
static double cell_diff(const structure *s, const double want[9])
{
    double worst = 0;
    for (int i = 0; i < 9; i++) {
        double d = fabs(s->cell[i / 3][i % 3] * BOHR_ANG - want[i]);
        if (d > worst) worst = d;
    }
    return worst;
}

/* One atom as ASE printed it. */
typedef struct {
    const char *sym;
    double x, y, z;
    int fixed;
    double magmom;
} ase_atom;

/* Checks atoms [0, n) against ASE; returns the worst position difference (A) and counts
 * mismatching symbols / fixed flags / moments. */
static double atoms_diff(const structure *s, const ase_atom *want, int n, int *mismatch)
{
    double worst = 0;
    *mismatch = 0;
    for (int i = 0; i < n && i < s->natoms; i++) {
        double r[3] = {want[i].x, want[i].y, want[i].z};
        for (int j = 0; j < 3; j++) {
            double d = fabs(s->pos[i][j] * BOHR_ANG - r[j]);
            if (d > worst) worst = d;
        }
        if (strcmp(element_symbol(s->numbers[i]), want[i].sym) || s->fixed[i] != want[i].fixed ||
            fabs(s->magmoms[i] - want[i].magmom) > 1e-12)
            (*mismatch)++;
    }
    return worst;
}

static void check_file(const char *name, const char *format, int natoms, const double cell[9], const int pbc[3],
                       const ase_atom *atoms, int nshow)
{
    structure s;
    err e = {0};
    int rc = structure_read_file(data(name), format, &s, &e);
    ok(rc == 0, "%s: reads (%s)", name, rc ? e.msg : "ok");
    if (rc) return;
    ok(s.natoms == natoms, "%s: %d atoms (want %d)", name, s.natoms, natoms);
    double dc = cell_diff(&s, cell);
    ok(dc <= TOL, "%s: cell as ASE reads it (worst %.2g A)", name, dc);
    ok(s.pbc[0] == pbc[0] && s.pbc[1] == pbc[1] && s.pbc[2] == pbc[2], "%s: pbc %d %d %d", name, s.pbc[0],
       s.pbc[1], s.pbc[2]);
    int bad;
    double dp = atoms_diff(&s, atoms, nshow, &bad);
    ok(dp <= TOL, "%s: positions as ASE reads them (worst %.2g A)", name, dp);
    ok(bad == 0, "%s: symbols, fixed atoms and moments as ASE (%d mismatches)", name, bad);
    structure_free(&s);
}

/* ---- Numbers printed by make_structures.py (ASE 3.22.1) ---- */

static void test_h2o(void)
{
    /* == h2o.xyz: no Lattice=, so no cell and no periodicity */
    static const double cell[9] = {0};
    static const int pbc[3] = {0, 0, 0};
    static const ase_atom at[] = {{"O", 0.0, 0.0, 0.119262, 0, 0},
                                  {"H", 0.0, 0.763239, -0.477047, 0, 0},
                                  {"H", 0.0, -0.763239, -0.477047, 0, 0}};
    check_file("h2o.xyz", NULL, 3, cell, pbc, at, 3);
    check_file("plain.xyz", "xyz", 3, cell, pbc, at, 3);
}

static void test_slab(void)
{
    /* == tio2_slab.xyz: rutile (110), FixAtoms on the bottom layer written as move_mask:L:1 */
    static const double cell[9] = {6.496897105542, 0, 0, 0, 2.959, 0, 0, 0, 15.197517684434};
    static const int pbc[3] = {1, 1, 0};
    static const ase_atom at[] = {
        {"Ti", 0.0, 0.0, 5.0, 1, 0},          {"Ti", 3.24844855, 1.4795, 5.0, 1, 0},
        {"O", 0.0, 0.0, 6.94906913, 0, 0},    {"O", 3.24844855, 0.0, 6.29937942, 0, 0},
        {"O", 1.29937942, 1.4795, 5.0, 1, 0}, {"O", 5.19751768, 1.4795, 5.0, 1, 0},
        {"Ti", 3.24844855, 0.0, 8.24844855, 0, 0}, {"Ti", 6.49689711, 1.4795, 8.24844855, 0, 0},
        {"O", 3.24844855, 0.0, 10.19751768, 0, 0}, {"O", 0.0, 0.0, 9.54782797, 0, 0},
        {"O", 4.54782797, 1.4795, 8.24844855, 0, 0}, {"O", 1.94906913, 1.4795, 8.24844855, 0, 0}};
    /* the cell line carries 16 digits, ASE printed 12 */
    check_file("tio2_slab.xyz", NULL, 12, cell, pbc, at, 12);
}

static void test_triclinic(void)
{
    /* == triclinic.xyz: pbc T T F, initial magnetic moments */
    static const double cell[9] = {3.1, 0, 0, 0.7, 2.9, 0, 0.4, -0.6, 8.5};
    static const int pbc[3] = {1, 1, 0};
    static const ase_atom at[] = {{"Fe", 0.57, 0.4, 2.55, 0, 2.5}, {"O", 2.16, 1.095, 2.975, 0, -0.5}};
    check_file("triclinic.xyz", "extxyz", 2, cell, pbc, at, 2);
}

static void test_poscars(void)
{
    /* == POSCAR_sd: selective dynamics, "F F F" for ASE's FixAtoms */
    static const double sd_cell[9] = {6.496897105542, 0, 0, 0, 2.959, 0, 0, 0, 15.197517684434};
    static const int all[3] = {1, 1, 1};
    static const ase_atom sd[] = {
        {"Ti", 0.0, 0.0, 5.0, 1, 0}, {"Ti", 3.248448552771, 1.4795, 5.0, 1, 0},
        {"O", 0.0, 0.0, 6.949069131663, 0, 0}, {"O", 3.248448552771, 0.0, 6.299379421108, 0, 0},
        {"O", 1.299379421108, 1.4795, 5.0, 1, 0}, {"O", 5.197517684434, 1.4795, 5.0, 1, 0},
        {"Ti", 3.248448552771, 0.0, 8.248448552771, 0, 0}, {"Ti", 6.496897105542, 1.4795, 8.248448552771, 0, 0},
        {"O", 3.248448552771, 0.0, 10.197517684434, 0, 0}, {"O", 0.0, 0.0, 9.547827973879, 0, 0},
        {"O", 4.547827973879, 1.4795, 8.248448552771, 0, 0}, {"O", 1.949069131663, 1.4795, 8.248448552771, 0, 0}};
    check_file("POSCAR_sd", NULL, 12, sd_cell, all, sd, 12);

    /* == POSCAR_cart_scaled: Cartesian, scale 1.5 */
    static const double cs_cell[9] = {4.594000000050, 0, 0, 0, 4.594000000050, 0, 0, 0, 2.959000000050};
    static const ase_atom cs[] = {{"Ti", 0, 0, 0, 0, 0},
                                  {"Ti", 2.296999999950, 2.296999999950, 1.479499999950, 0, 0},
                                  {"O", 1.3782, 1.3782, 0, 0, 0},
                                  {"O", 3.215800000050, 3.215800000050, 0, 0, 0},
                                  {"O", 0.918799999950, 3.675199999950, 1.479499999950, 0, 0},
                                  {"O", 3.675199999950, 0.918799999950, 1.479499999950, 0, 0}};
    check_file("POSCAR_cart_scaled", NULL, 6, cs_cell, all, cs, 6);

    /* == CONTCAR_vasp4 (species on the comment line) and POSCAR_volume (scale -V: the
     * expected cell is the rutile cell, computed by the script since ASE 3.22 ignores the sign) */
    static const double ru_cell[9] = {4.594, 0, 0, 0, 4.594, 0, 0, 0, 2.959};
    static const ase_atom ru[] = {{"Ti", 0, 0, 0, 0, 0},       {"Ti", 2.297, 2.297, 1.4795, 0, 0},
                                  {"O", 1.3782, 1.3782, 0, 0, 0}, {"O", 3.2158, 3.2158, 0, 0, 0},
                                  {"O", 0.9188, 3.6752, 1.4795, 0, 0}, {"O", 3.6752, 0.9188, 1.4795, 0, 0}};
    check_file("CONTCAR_vasp4", NULL, 6, ru_cell, all, ru, 6);
    check_file("POSCAR_volume", "poscar", 6, ru_cell, all, ru, 6);
}

int main(int argc, char **argv)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    snprintf(data_dir, sizeof data_dir, "%s/tests/data/structures", argc > 1 ? argv[1] : src ? src : "..");
    test_h2o();
    test_slab();
    test_triclinic();
    test_poscars();
    return tap_done();
}
