/* Test helper for tests/cli/structio_ase.sh: lets ASE check what src/io/structio reads
 * and writes. Not installed; not a test by itself (the runner runs tests/unit/test_*).
 *
 *   structio_tool dump IN [FORMAT [FRAME]]   print what pawsorb read, in Angstrom:
 *                                            "natoms N", "cell 9 numbers", "pbc 3 ints",
 *                                            "atom Sym x y z fixed magmom" per atom,
 *                                            "energy E" / "forces ..." (eV, eV/A) if present
 *   structio_tool convert IN OUT [FORMAT]    read IN (any format), write OUT with extxyz_write
 *   structio_tool traj IN OUT NFRAMES        append NFRAMES frames to OUT with extxyz_append:
 *                                            frame k moves atom 0 by +0.1*k A along x, has
 *                                            energy -10 - 0.25*k eV and forces
 *                                            F[i][j] = 0.01*(i+1) - 0.1*j + 0.5*k eV/A
 * Exit status: 0, or the err status (1 = bad input) with the message on stderr. */
#include "core/elements.h"
#include "core/units.h"
#include "io/structio.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const err *e)
{
    fprintf(stderr, "error: %s\n", e->msg);
    return e->status ? e->status : 3;
}

static int dump(const char *path, const char *format, int frame)
{
    structure s;
    extxyz_extras x = {0};
    err e = {0};
    int rc = frame >= 0 ? extxyz_read_frame(path, frame, &s, &x, &e) : structure_read_file(path, format, &s, &e);
    if (rc) return fail(&e);
    printf("natoms %d\ncell", s.natoms);
    for (int i = 0; i < 9; i++) printf(" %.12f", s.cell[i / 3][i % 3] * BOHR_ANG);
    printf("\npbc %d %d %d\n", s.pbc[0], s.pbc[1], s.pbc[2]);
    for (int i = 0; i < s.natoms; i++)
        printf("atom %s %.12f %.12f %.12f %d %.8f\n", element_symbol(s.numbers[i]), s.pos[i][0] * BOHR_ANG,
               s.pos[i][1] * BOHR_ANG, s.pos[i][2] * BOHR_ANG, s.fixed[i], s.magmoms[i]);
    printf("has_magmoms %d\n", s.has_magmoms);
    if (x.has_energy) printf("energy %.12f\n", x.energy_ha * HARTREE_EV);
    if (x.forces) {
        printf("forces");
        for (int i = 0; i < s.natoms; i++)
            for (int j = 0; j < 3; j++) printf(" %.10f", x.forces[i][j] * HA_PER_BOHR_TO_EV_PER_ANG);
        printf("\n");
    }
    extxyz_extras_free(&x);
    structure_free(&s);
    return 0;
}

static int convert(const char *in, const char *out, const char *format)
{
    structure s;
    err e = {0};
    if (structure_read_file(in, format, &s, &e)) return fail(&e);
    int rc = extxyz_write(out, &s, "source=structio_tool", &e);
    structure_free(&s);
    return rc ? fail(&e) : 0;
}

static int traj(const char *in, const char *out, int nframes)
{
    structure s;
    err e = {0};
    if (structure_read_file(in, NULL, &s, &e)) return fail(&e);
    double (*f)[3] = calloc((size_t)s.natoms, sizeof *f);
    int rc = 0;
    for (int k = 0; k < nframes && !rc; k++) {
        double energy = -10.0 - 0.25 * k;
        for (int i = 0; i < s.natoms; i++)
            for (int j = 0; j < 3; j++) f[i][j] = 0.01 * (i + 1) - 0.1 * j + 0.5 * k;
        rc = extxyz_append(out, &s, &energy, (const double (*)[3])f, &e);
        s.pos[0][0] += 0.1 / BOHR_ANG;
    }
    free(f);
    structure_free(&s);
    return rc ? fail(&e) : 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "dump"))
        return dump(argv[2], argc > 3 ? argv[3] : NULL, argc > 4 ? atoi(argv[4]) : -1);
    if (argc >= 4 && !strcmp(argv[1], "convert")) return convert(argv[2], argv[3], argc > 4 ? argv[4] : NULL);
    if (argc == 5 && !strcmp(argv[1], "traj")) return traj(argv[2], argv[3], atoi(argv[4]));
    fprintf(stderr, "usage: structio_tool dump IN [FORMAT [FRAME]] | convert IN OUT [FORMAT] | "
                    "traj IN OUT NFRAMES\n");
    return 3;
}
