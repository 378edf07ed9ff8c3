/* Unit tests of the plane-wave distribution's transposes (parallel/pwdist.h) on any
 * number of ranks (make check: 1; tests/cli/mpi_pw.sh: mpirun -n 2). Every rank builds
 * the same global block from a formula, c_n(G) = n + i G / 1000 (exact in binary for
 * the sizes used), keeps its G slice, and the checks compare with the formula — not
 * with another run of the code:
 *   - slices: contiguous, covering 0..npw, sizes differing by at most one;
 *   - to_bands: this rank's rows of `full` are its bands with every G, exactly;
 *   - from_bands after to_bands gives the slice back bit for bit (also with a stride
 *     larger than the slice and with fewer bands than ranks);
 *   - a band-wise map applied between the two (c -> 2 c + G) arrives on every slice.
 * Only rank 0 prints; each check is the minimum over ranks (MPI_Allreduce of 0/1). */
#include "parallel/pwdist.h"
#include "tap.h"

#include <complex.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static int all(int x)
{
    int y;
    MPI_Allreduce(&x, &y, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return y;
}

static double complex value(int n, int G) { return n + I * (G / 1024.0); }

static void check_case(int npw, int nb, int extra, int rank)
{
    pw_dist d;
    err e = {0};
    int rc = pw_dist_init(&d, MPI_COMM_WORLD, npw, nb, &e);
    if (!all(rc == 0)) {
        if (rank == 0) ok(0, "pw_dist_init npw %d nb %d: %s", npw, nb, e.msg);
        return;
    }
    int ld = d.nG + extra, good = 1;
    /* slices */
    int G0, G1;
    pw_dist_slice(npw, d.P, d.rank, &G0, &G1);
    good = G0 == d.G0 && G1 - G0 == d.nG && d.G0_r[0] == 0 && d.G0_r[d.P] == npw;
    for (int r = 0; r < d.P; r++) {
        int sz = d.G0_r[r + 1] - d.G0_r[r];
        good &= sz >= npw / d.P && sz <= npw / d.P + 1;
    }
    good = all(good);
    if (rank == 0) ok(good, "npw %d over %d ranks: contiguous slices, sizes within one", npw, d.P);

    double complex *x = calloc((size_t)nb * ld + 1, sizeof *x), *y = calloc((size_t)nb * ld + 1, sizeof *y);
    for (int n = 0; n < nb; n++)
        for (int g = 0; g < d.nG; g++) x[(size_t)n * ld + g] = value(n, d.G0 + g);
    pw_dist_to_bands(&d, nb, x, ld);
    int n0, n1;
    pw_dist_bands(&d, nb, d.rank, &n0, &n1);
    good = 1;
    for (int n = n0; n < n1; n++)
        for (int G = 0; G < npw; G++) good &= d.full[(size_t)(n - n0) * npw + G] == value(n, G);
    good = all(good);
    if (rank == 0) ok(good, "to_bands (npw %d, %d bands, stride +%d): whole bands %s", npw, nb, extra, "exact");

    pw_dist_from_bands(&d, nb, y, ld);
    good = 1;
    for (int n = 0; n < nb; n++)
        for (int g = 0; g < d.nG; g++) good &= y[(size_t)n * ld + g] == x[(size_t)n * ld + g];
    good = all(good);
    if (rank == 0) ok(good, "from_bands(to_bands(x)) = x bit for bit (npw %d, %d bands)", npw, nb);

    pw_dist_to_bands(&d, nb, x, ld);
    for (int n = n0; n < n1; n++)
        for (int G = 0; G < npw; G++) d.full[(size_t)(n - n0) * npw + G] = 2.0 * d.full[(size_t)(n - n0) * npw + G] + G;
    pw_dist_from_bands(&d, nb, y, ld);
    good = 1;
    for (int n = 0; n < nb; n++)
        for (int g = 0; g < d.nG; g++) good &= y[(size_t)n * ld + g] == 2.0 * value(n, d.G0 + g) + (d.G0 + g);
    good = all(good);
    if (rank == 0) ok(good, "a band-wise map between the transposes reaches every slice (npw %d, %d bands)", npw, nb);
    free(x), free(y);
    pw_dist_free(&d);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    check_case(1001, 7, 0, rank);   /* odd sizes: uneven slices and band shares */
    check_case(64, 12, 3, rank);    /* stride larger than the slice */
    check_case(5, 1, 0, rank);      /* fewer bands than ranks: some ranks transform none */
    pw_dist d;
    err e = {0};
    int rc = pw_dist_init(&d, MPI_COMM_WORLD, 10, 0, &e);
    if (rank == 0) ok(rc != 0 && e.status == EXIT_INTERNAL, "no bands: refused (%s)", e.msg);
    MPI_Finalize();
    if (rank != 0) return 0;
    return tap_done();
}
