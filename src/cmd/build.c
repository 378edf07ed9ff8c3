/* pawsorb build: structure builders (docs/latp.md).
 *   build latp-bulk [--x X] [--repeat a b c] -o FILE.xyz
 *   build latp001 [--preset paper|quick] [--layers N | --thickness A] [--vacuum A]
 *                 [--supercell a b] [--fix N] [--termination K] [--x X] [--max-enum N]
 *                 [--allow-dipole] -o FILE.xyz
 *   build molecule NAME|FILE.xyz [--vacuum A] -o FILE.xyz   (`build molecule --list`)
 *   build sites SLAB.xyz [--layer-tol A]
 *   build place SLAB.xyz MOLECULE --site K [--height A] [--orientation flat|upright|euler:a,b,g]
 *               [--layer-tol A] -o FILE.xyz
 * Options are parsed here; the physics lives in src/build. Bad options exit 1 with a
 * message naming the option and its value. */
#include "build/latp.h"
#include "cmd/cmd.h"
#include "cmd/build_cmds.h"
#include "core/err.h"

#include <stdio.h>
#include <string.h>

static const char usage[] =
    "usage: pawsorb build latp-bulk [--x X] [--repeat A B C] -o FILE.xyz\n"
    "       pawsorb build latp001 [--preset paper|quick] [--layers N | --thickness ANG] [--vacuum ANG]\n"
    "                             [--supercell A B] [--fix N] [--termination K] [--x X] [--max-enum N]\n"
    "                             [--allow-dipole] -o FILE.xyz\n"
    "       pawsorb build molecule NAME|FILE.xyz [--vacuum ANG] -o FILE.xyz   (--list for the names)\n"
    "       pawsorb build sites SLAB.xyz [--layer-tol ANG]\n"
    "       pawsorb build place SLAB.xyz NAME|FILE.xyz --site K [--height ANG]\n"
    "                           [--orientation flat|upright|euler:PHI,THETA,PSI] [--layer-tol ANG] -o FILE.xyz\n";

typedef struct {
    const char *name;
    int (*run)(const comm_ctx *, int, char **, err *);
} subcommand;

static const subcommand subcommands[] = {
    {"latp-bulk", build_cmd_latp_bulk},
    {"latp001", build_cmd_latp001},
    {"molecule", build_cmd_molecule},
    {"sites", build_cmd_sites},
    {"place", build_cmd_place},
};

int cmd_build(const comm_ctx *comm, int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        if (comm->rank == 0) fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_BAD_INPUT : EXIT_OK;
    }
    err e = {0};
    for (size_t i = 0; i < sizeof subcommands / sizeof *subcommands; i++)
        if (!strcmp(argv[1], subcommands[i].name)) {
            if (subcommands[i].run(comm, argc - 1, argv + 1, &e) == 0) return EXIT_OK;
            return cmd_fail(comm, e.msg, e.status ? e.status : EXIT_INTERNAL);
        }
    char msg[256];
    snprintf(msg, sizeof msg, "build: unknown builder '%s' (builders: latp-bulk, latp001, molecule, sites, place)",
             argv[1]);
    return cmd_fail(comm, msg, EXIT_BAD_INPUT);
}
