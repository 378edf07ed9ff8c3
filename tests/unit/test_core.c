/* Unit tests of src/core and src/cell/lattice: errors, elements, units, lattice algebra. */
#include "cell/lattice.h"
#include "cell/structure.h"
#include "core/elements.h"
#include "core/err.h"
#include "core/units.h"
#include "tap.h"

#include <string.h>

static void test_err(void)
{
    err e = {0};
    ok(err_set(&e, EXIT_BAD_INPUT, "dft.cutoff: %d is not positive", -300) == -1, "err_set returns -1");
    ok(e.status == EXIT_BAD_INPUT, "err_set keeps the status");
    err_wrap(&e, "%s:%d", "in.yaml", 7);
    ok(strcmp(e.msg, "in.yaml:7: dft.cutoff: -300 is not positive") == 0, "err_wrap prefixes: %s", e.msg);
}

static void test_elements(void)
{
    ok(element_z("O") == 8 && element_z("Ti") == 22 && element_z("Og") == 118, "symbols to Z");
    ok(element_z("Xx") == 0 && element_z("o") == 0, "unknown symbols give 0");
    ok(strcmp(element_symbol(3), "Li") == 0 && strcmp(element_symbol(0), "X") == 0, "Z to symbols");
}

static void test_units(void)
{
    /* ASE 3.22 (CODATA 2014): Hartree = 27.211386024367243 eV, Bohr = 0.5291772105638411 A */
    near(HARTREE_EV, 27.211386024367243, 0, "Hartree in eV as ASE");
    near(BOHR_ANG, 0.5291772105638411, 0, "Bohr in Angstrom as ASE");
}

static void test_lattice(void)
{
    double cell[3][3] = {{0, 2, 2}, {2, 0, 2}, {2, 2, 0}}, recip[3][3];
    near(lattice_volume(cell), 16.0, 1e-12, "fcc primitive volume a^3/4");
    lattice_reciprocal(cell, recip);
    double worst = 0;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            double d = cell[i][0] * recip[j][0] + cell[i][1] * recip[j][1] + cell[i][2] * recip[j][2];
            double want = i == j ? 2 * M_PI : 0.0;
            if (fabs(d - want) > worst) worst = fabs(d - want);
        }
    ok(worst < 1e-12, "a_i . b_j = 2 pi delta_ij (worst %.2g)", worst);
    double r[3] = {1.0, 3.0, 2.5}, f[3], back[3];
    lattice_to_fractional(cell, r, f);
    lattice_to_cartesian(cell, f, back);
    ok(fabs(back[0] - r[0]) + fabs(back[1] - r[1]) + fabs(back[2] - r[2]) < 1e-12, "fractional round trip");
}

static void test_validate(void)
{
    structure s;
    err e = {0};
    structure_alloc(&s, 2);
    s.cell[0][0] = s.cell[1][1] = s.cell[2][2] = 10.0;
    s.pbc[0] = s.pbc[1] = s.pbc[2] = 1;
    s.numbers[0] = 1, s.numbers[1] = 1;
    s.pos[1][0] = 1.4;
    ok(structure_validate(&s, 0.5 / BOHR_ANG, &e) == 0, "H2 in a box is valid");
    s.pos[1][0] = 9.8; /* 0.2 bohr away through the periodic boundary */
    ok(structure_validate(&s, 0.5 / BOHR_ANG, &e) == -1 && strstr(e.msg, "atoms 0 (H) and 1 (H)"),
       "overlap through a periodic image is caught: %s", e.msg);
    s.pbc[0] = 0;
    ok(structure_validate(&s, 0.5 / BOHR_ANG, &e) == 0, "no image overlap along a non-periodic axis");
    s.cell[2][0] = 10.0, s.cell[2][1] = 10.0, s.cell[2][2] = 0.0;
    s.cell[1][0] = 0.0;
    s.cell[0][0] = 10.0;
    s.cell[1][1] = 10.0;
    ok(structure_validate(&s, 0.5 / BOHR_ANG, &e) == -1 && strstr(e.msg, "singular"),
       "singular cell is caught: %s", e.msg);
    structure_free(&s);
}

int main(void)
{
    test_err();
    test_elements();
    test_units();
    test_lattice();
    test_validate();
    return tap_done();
}
