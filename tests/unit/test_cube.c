/* Gaussian cube reader/writer (src/io/cube.h): round trip of a non-orthogonal grid,
 * z running fastest, Angstrom headers converted, the orbital-id line skipped, and
 * malformed files refused with the file and line in the message. */
#include "core/units.h"
#include "io/cube.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tmp = "test_cube.tmp.cube";

static void write_text(const char *text)
{
    FILE *f = fopen(tmp, "w");
    fputs(text, f);
    fclose(f);
}

static int fails_with(const char *text, const char *want, const char *what)
{
    write_text(text);
    cube c;
    err e = {0};
    int rc = cube_read(tmp, &c, &e);
    int good = rc != 0 && e.status == EXIT_BAD_INPUT && strstr(e.msg, want) != NULL;
    ok(good, "%s: %s", what, e.msg);
    if (!rc) cube_free(&c);
    return good;
}

int main(void)
{
    /* round trip: triclinic voxels, 3 x 4 x 5 points, value = 100 i + 10 j + k */
    cube c;
    err e = {0};
    int n[3] = {3, 4, 5};
    ok(cube_alloc(&c, 2, n, &e) == 0, "alloc");
    strcpy(c.comment[0], "test");
    strcpy(c.comment[1], "z fastest");
    double axis[3][3] = {{0.3, 0, 0}, {0.1, 0.25, 0}, {0.05, -0.02, 0.2}};
    memcpy(c.axis, axis, sizeof axis);
    c.origin[0] = 0.5, c.origin[1] = -1, c.origin[2] = 2;
    c.numbers[0] = 8, c.numbers[1] = 1, c.nuclear_charge[0] = 6;
    c.pos[1][0] = 1.25, c.pos[1][2] = -0.5;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 4; j++)
            for (int k = 0; k < 5; k++) c.data[(i * 4 + j) * 5 + k] = 100 * i + 10 * j + k + 0.5;
    ok(cube_write(tmp, &c, &e) == 0, "write %s", e.msg);
    cube d;
    ok(cube_read(tmp, &d, &e) == 0, "read back %s", e.msg);
    int same = d.natoms == 2 && d.n[0] == 3 && d.n[1] == 4 && d.n[2] == 5 && d.numbers[0] == 8 &&
               d.nuclear_charge[0] == 6 && d.pos[1][0] == 1.25 && d.origin[1] == -1;
    double maxdiff = 0;
    for (int i = 0; i < 60; i++) maxdiff = fmax(maxdiff, fabs(d.data[i] - c.data[i]) / c.data[i]);
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) same = same && d.axis[i][x] == axis[i][x];
    ok(same, "header round trip");
    ok(maxdiff < 1e-5, "values round trip (relative %.2g)", maxdiff);
    near(d.data[(2 * 4 + 1) * 5 + 3], 213.5, 1e-3, "value (2,1,3): third index fastest");
    double cell[3][3];
    cube_cell(&d, cell);
    near(cell[1][0], 0.4, 1e-12, "cell = N v");
    cube_free(&d);
    cube_free(&c);

    /* Angstrom header (negative counts), orbital ids (negative atom count), free layout */
    write_text("c1\nc2\n -1 0.0 0.0 0.0\n -2 0.5 0 0\n -2 0 0.5 0\n -2 0 0 0.5\n"
               " 3 0.0 0.5291772105638411 0 0\n 1 7\n1 2 3\n4 5 6 7 8\n");
    ok(cube_read(tmp, &d, &e) == 0, "Angstrom cube with orbital ids %s", e.msg);
    if (!e.status) {
        near(d.axis[0][0], 0.5 / BOHR_ANG, 1e-12, "Angstrom axes converted to bohr");
        near(d.pos[0][0], 1.0, 1e-12, "Angstrom positions converted to bohr");
        ok(d.data[7] == 8 && d.data[2] == 3, "values across lines");
        cube_free(&d);
    }

    fails_with("c1\nc2\n", "file ends", "truncated header");
    fails_with("c1\nc2\n 1 0 0 0\n 2 0.5 0 0\n 2 0 x 0\n", ":5: axis 2", "non-numeric axis names line 5");
    fails_with("c1\nc2\n 1 0 0 0\n 0 0.5 0 0\n", "grid count 0", "zero grid count");
    fails_with("c1\nc2\n 1 0 0 0\n 2 0.5 0 0\n 2 0.5 0 0\n 2 0 0 0.5\n 1 0 0 0 0\n", "singular", "singular axes");
    fails_with("c1\nc2\n 1 0 0 0\n 2 0.5 0 0\n 2 0 0.5 0\n 2 0 0 0.5\n 1 0 0 0 0\n1 2 3\n", "after 3 of 8",
               "too few values");
    fails_with("c1\nc2\n 1 0 0 0\n 2 0.5 0 0\n 2 0 0.5 0\n 2 0 0 0.5\n 1 0 0 0 0\n1 2 3 nan 5 6 7 8\n",
               ":8: value 4", "NaN value names line and position");
    fails_with("c1\nc2\n 1 0 0 0\n 2 0.5 0 0\n 2 0 0.5 0\n 2 0 0 0.5\n 200 0 0 0 0\n", "atomic number 200",
               "bad atomic number");
    err e2 = {0};
    ok(cube_read("no/such/file.cube", &d, &e2) != 0 && strstr(e2.msg, "no/such/file.cube"), "missing file: %s",
       e2.msg);
    remove(tmp);
    return tap_done();
}
