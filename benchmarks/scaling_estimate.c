/* pawsorb's own layout choice and cost estimate (basis/plan.h, parallel/layout.h) for an
 * input on rank counts that need not exist here: the numbers `mpirun -n R pawsorb check
 * INPUT` prints, for every R given, without starting R processes. Built and run by
 * benchmarks/scaling.sh against a build directory's libpawsorb.a.
 *
 *   scaling_estimate INPUT.yaml R1 [R2 ...]
 *
 * Prints one Markdown table row per R: ranks, layout (k-point groups x band groups x
 * plane-wave ranks), wavefunction / grid / total memory per rank (MB) and the
 * communication per rank per SCF iteration (MB: k-point sums, plane waves). */
#include "basis/plan.h"
#include "io/input.h"

#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    if (argc < 3) {
        fprintf(stderr, "usage: scaling_estimate INPUT.yaml RANKS...\n");
        MPI_Finalize();
        return 1;
    }
    input in;
    err e = {0};
    if (input_read(argv[1], &in, &e)) {
        fprintf(stderr, "%s\n", e.msg);
        MPI_Finalize();
        return 1;
    }
    int rc = 0;
    for (int i = 2; i < argc && !rc; i++) {
        int R = atoi(argv[i]);
        plan p;
        if (R < 1 || plan_make(&p, &in, R, &e)) {
            fprintf(stderr, "%d ranks: %s\n", R, R < 1 ? "not a rank count" : e.msg);
            rc = 1;
            break;
        }
        const comm_layout *l = &p.layout;
        const double MB = 1048576.0;
        if (i == 2)
            printf("| ranks | layout (k x band x pw) | bands | plane waves | wavefunctions MB/rank | grids MB/rank | "
                   "total MB/rank | comm MB/rank/iteration (k-point sums + plane waves + band groups) |\n"
                   "|---|---|---|---|---|---|---|---|\n");
        printf("| %d | %d x %d x %d | %d | %d | %.1f | %.1f | %.1f | %.1f (%.2f + %.1f + %.1f) |\n", R, l->kpt, l->band,
               l->pw, p.nbands, p.npw_max, p.mem_wavefunctions / MB, p.mem_grids / MB, p.mem_total / MB,
               (p.par.comm_kpt + p.par.comm_pw + p.par.comm_band) / MB, p.par.comm_kpt / MB, p.par.comm_pw / MB,
               p.par.comm_band / MB);
        plan_free(&p);
    }
    input_free(&in);
    MPI_Finalize();
    return rc;
}
