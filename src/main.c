/* pawsorb: plane-wave PAW density-functional theory for molecules on surfaces.
 * main only starts MPI, builds the communicator context and dispatches a command. */
#include "cmd/cmd.h"
#include "config.h"
#include "core/err.h"
#include "core/stop.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "usage: pawsorb COMMAND [ARGS]\n"
    "\n"
    "  run INPUT.yaml [--output FILE.h5] [--max-time T] [--fresh] [--only PART] [--quiet]\n"
    "                         do what the input asks; a relaxation continues from its\n"
    "                         checkpoint (FILE.chk.h5) when one exists, --fresh discards it;\n"
    "                         --max-time T (seconds, 90m, 2h, H:MM:SS) stops in time to resume;\n"
    "                         adsorption: finished parts are taken from FILE.parts/,\n"
    "                         --only references|screening:I|placement:I runs one batch job's part\n"
    "  collect INPUT.yaml|DIR the adsorption table and results file from the parts' files\n"
    "  check INPUT.yaml       validate the input; print plane waves, FFT grids, bands,\n"
    "                         electrons and memory per rank; run nothing\n"
    "  info FILE.h5           summary of a results file\n"
    "  build NAME [options] -o FILE.xyz\n"
    "                         structure builders (latp-bulk, latp001, molecule NAME)\n"
    "  bader FILE.cube [--method weight|near-grid] [--output FILE.h5]\n"
    "                         Bader charges of a Gaussian cube density\n"
    "  submit INPUT.yaml [--partition P] [--account A] [--time T] [--nodes N] [--ntasks N]\n"
    "         [--mem M] [--template FILE] [--launcher srun|mpirun] [--dir DIR] [--dry-run]\n"
    "                         an adsorption scan as Slurm jobs (references, placement arrays,\n"
    "                         collect), requeued until done; docs/batch.md\n"
    "  --version, --help\n"
    "\n"
    "Parallel: mpirun -n N pawsorb run INPUT.yaml\n"
    "Exit status: 0 ok, 1 bad input, 2 run failed (results still written), 3 internal error,\n"
    "4 stopped by a signal or --max-time (run the same command again to continue).\n"
    "Documentation: docs/interface.md\n";

typedef struct {
    const char *name;
    int (*run)(const comm_ctx *, int, char **);
} command;

static const command commands[] = {
    {"run", cmd_run},     {"check", cmd_check}, {"info", cmd_info},
    {"build", cmd_build}, {"bader", cmd_bader}, {"collect", cmd_collect},
    {"submit", cmd_submit},
};

static int dispatch(const comm_ctx *comm, int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        if (comm->rank == 0) fputs(usage, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_BAD_INPUT : EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        if (comm->rank == 0)
            printf("pawsorb %s (git %s)\n", PACKAGE_VERSION, PAWSORB_GIT_REVISION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) return commands[i].run(comm, argc - 1, argv + 1);
    if (comm->rank == 0)
        fprintf(stderr, "pawsorb: unknown command '%s' (commands: run, collect, check, info, build, bader, submit; see --help)\n",
                argv[1]);
    return EXIT_BAD_INPUT;
}

/* OpenBLAS, when it is the BLAS linked in (weak: absent with other BLAS libraries). */
extern void openblas_set_num_threads(int) __attribute__((weak));

/* One BLAS thread per MPI rank unless the user asks otherwise: ranks already fill the
 * cores, and idle OpenBLAS threads spin (14 % of all samples in a loaded TiO2-slab
 * profile, benchmarks/README.md). OPENBLAS_NUM_THREADS or OMP_NUM_THREADS override. */
static void default_blas_threads(void)
{
    if (openblas_set_num_threads && !getenv("OPENBLAS_NUM_THREADS") && !getenv("OMP_NUM_THREADS"))
        openblas_set_num_threads(1);
}

int main(int argc, char **argv)
{
    default_blas_threads();
    /* SIGTERM, SIGUSR1, SIGINT: stop at the next safe point (core/stop.h). Installed before
     * MPI_Init too: a batch system's warning that comes while the ranks start (srun and
     * mpirun forward it at once) is kept for the first safe point instead of ending the
     * process; again after it, in case the MPI library set handlers of its own. */
    stop_install();
    MPI_Init(&argc, &argv);
    stop_install();
    comm_ctx comm;
    comm_init(&comm, MPI_COMM_WORLD);
    int status = dispatch(&comm, argc, argv);
    comm_free(&comm);
    MPI_Finalize();
    return status;
}
