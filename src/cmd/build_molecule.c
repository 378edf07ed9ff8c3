/* pawsorb build molecule: one molecule of the library (inputs/molecules) in a box. */
#include "build/molecule.h"
#include "cmd/build_cmds.h"
#include "core/units.h"
#include "io/structio.h"

#include <stdio.h>
#include <string.h>

int build_cmd_molecule(const comm_ctx *comm, int argc, char **argv, err *e)
{
    const char *name = NULL, *out = NULL;
    double vac_ang = 5.0;   /* as the library's own GPAW relaxations */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--list")) {
            char dir[4096], names[4096];
            if (molecule_library_dir(dir, sizeof dir))
                return err_set(e, EXIT_BAD_INPUT, "build molecule: the molecule library (inputs/molecules) was not "
                                                  "found; set PAWSORB_MOLECULES to its directory");
            molecule_library_names(dir, names, sizeof names);
            if (comm->rank == 0) printf("%s: %s\n", dir, names);
            return 0;
        } else if (!strcmp(argv[i], "--vacuum")) {
            if (build_opt_need(argc, argv, i, 1, e) || build_opt_double("--vacuum", argv[++i], 0, 100, &vac_ang, e))
                return -1;
        } else if (!strcmp(argv[i], "-o") || !strcmp(argv[i], "--output")) {
            if (build_opt_need(argc, argv, i, 1, e)) return -1;
            out = argv[++i];
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return err_set(e, EXIT_BAD_INPUT, "build molecule: unknown option '%s'", argv[i]);
        } else if (name) {
            return err_set(e, EXIT_BAD_INPUT, "build molecule: one molecule at a time ('%s' and '%s')", name, argv[i]);
        } else {
            name = argv[i];
        }
    }
    if (!name) return err_set(e, EXIT_BAD_INPUT, "build molecule: no molecule name (build molecule --list shows them)");
    if (!out) return err_set(e, EXIT_BAD_INPUT, "build molecule: no output file (-o FILE.xyz)");
    structure m;
    int charge;
    if (molecule_load(name, &m, &charge, e)) return -1;
    molecule_box(&m, vac_ang / BOHR_ANG);
    char formula[128], extra[512];
    build_formula(&m, formula, sizeof formula);
    snprintf(extra, sizeof extra, "builder=molecule molecule=%s charge=%d vacuum=%.6g", name, charge, vac_ang);
    int rc = comm->rank == 0 ? extxyz_write(out, &m, extra, e) : 0;
    if (rc == 0 && comm->rank == 0)
        printf("%s: %s (%s), %d atoms, charge %d, box %.3f x %.3f x %.3f A (%.2f A vacuum, not periodic)\n", out,
               name, formula, m.natoms, charge, m.cell[0][0] * BOHR_ANG, m.cell[1][1] * BOHR_ANG,
               m.cell[2][2] * BOHR_ANG, vac_ang);
    if (rc == 0 && comm->rank == 0 && charge != 0)
        printf("a charged molecule: set dft.charge: %d in the input (docs/input.md)\n", charge);
    structure_free(&m);
    return rc;
}
