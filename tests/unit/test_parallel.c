/* Unit tests of the parallel layout (parallel/layout.h) and the MPI context (core/comm.h):
 * the automatic choice and its input errors, the memory estimate's scaling, the group
 * communicators, the ordered sums (whole arrays and strided matrices) and the error
 * agreement; band groups: parallel.bands accepted and refused, the stored bands'
 * share. Runs on any number of ranks
 * (make check: 1; tests/cli/mpi_kpoints.sh: mpirun -n 2); only rank 0 prints, and every
 * check is on numbers all ranks agree on. */
#include "core/comm.h"
#include "parallel/layout.h"
#include "tap.h"

#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static parallel_problem problem(int ranks, int nblocks)
{
    return (parallel_problem){.ranks = ranks, .nblocks = nblocks, .nspins = 1, .nbands = 10, .npw_max = 1000,
                              .real = 0, .n_coarse = 32768, .n_fine = 262144, .mix_history = 5};
}

static int same_layout(comm_layout a, int k, int b, int p)
{
    return a.kpt == k && a.band == b && a.pw == p;
}

static void test_choice(void)
{
    comm_layout l;
    err e = {0};
    parallel_problem p = problem(2, 4);
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 2, 1, 1), "2 ranks, 4 blocks: 2 k-point groups");
    p = problem(2, 1);
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 1, 1, 2), "2 ranks, 1 block: one group of 2");
    p = problem(4, 3);
    /* layout.h's model, s = 0.09, e = 1: t(1) = 3 x 0.3175 = 0.95 beats t(2) = 2 x 0.545 = 1.09
     * (two groups would hold 2 and 1 blocks) */
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 1, 1, 4), "4 ranks, 3 blocks: 1 group of 4");
    p = problem(4, 2);
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 2, 1, 2), "4 ranks, 2 blocks: 2 groups of 2");
    /* t(1) = 4 x 0.2417 = 0.97, t(2) = 2 x 0.3933 = 0.79, t(3) = 2 x 0.545 = 1.09 */
    p = problem(6, 4);
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 2, 1, 3),
       "6 ranks, 4 blocks: 2 groups of 3 plane-wave ranks beat 3 groups of 2");
    p = problem(1024, 64);
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 64, 1, 16), "1024 ranks, 64 blocks: 64 groups");
    p = problem(4, 8);
    p.want_kpt = 2;
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 2, 1, 2), "parallel.kpoints: 2 is used");
    p.want_kpt = 3;
    ok(parallel_choose(&p, "in.yaml", &l, &e) && e.status == EXIT_BAD_INPUT && strstr(e.msg, "in.yaml") &&
           strstr(e.msg, "parallel.kpoints") && strstr(e.msg, "3"),
       "kpoints not dividing the ranks: bad input naming file, key, value (%s)", e.msg);
    p = problem(4, 1);
    p.want_kpt = 2;
    ok(parallel_choose(&p, "in.yaml", &l, &e) && strstr(e.msg, "parallel.kpoints"), "more groups than blocks refused");
    p = problem(4, 8);
    p.want_kpt = 2;
    p.want_bands = 2;
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && same_layout(l, 2, 2, 1),
       "parallel.bands: 2 with 2 k-point groups: 2 x 2 x 1");
    p.want_kpt = 0;
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && l.band == 2 && l.kpt * l.band * l.pw == 4,
       "parallel.bands: 2 with automatic k-point groups");
    p.want_bands = 3;
    ok(parallel_choose(&p, "in.yaml", &l, &e) && e.status == EXIT_BAD_INPUT && strstr(e.msg, "parallel.bands") &&
           strstr(e.msg, "in.yaml") && strstr(e.msg, "3"),
       "parallel.bands not dividing a group's ranks: bad input naming file, key, value (%s)", e.msg);
    p = problem(16, 1);
    p.want_bands = 16;
    ok(parallel_choose(&p, "in.yaml", &l, &e) && e.status == EXIT_BAD_INPUT && strstr(e.msg, "parallel.bands") &&
           strstr(e.msg, "10 bands"), "more band groups than bands refused (%s)", e.msg);
    p = problem(4, 8);
    p.want_bands = 1;
    ok(!parallel_choose(&p, "in.yaml", &l, &e) && l.band == 1, "parallel.bands: 1 accepted");
}

static void test_estimate(void)
{
    parallel_problem p = problem(4, 8);
    parallel_estimate one, four;
    parallel_estimate_layout(&p, (comm_layout){1, 1, 4}, &one);
    parallel_estimate_layout(&p, (comm_layout){4, 1, 1}, &four);
    /* 16 bytes x 10 bands x 1000 coefficients x (blocks + 4 Davidson blocks: no S psi in the
     * split form) / pw ranks, plus two transpose buffers of ceil(10 / 4) whole bands */
    near(one.mem_wavefunctions, 16.0 * 10 * 1000 * (8 + 4) / 4 + 2 * 16.0 * 3 * 1000, 0,
         "wavefunctions, 1 group of 4 plane-wave ranks: all 8 blocks on G slices");
    near(four.mem_wavefunctions, 16.0 * 10 * 1000 * (2 + 4), 0, "wavefunctions, 4 groups: 2 blocks each");
    ok(four.blocks_per_group == 2 && one.blocks_per_group == 8, "blocks per group");
    near(one.mem_fixed, 32.0 * 1048576 + (3 + 8) * 32.0 * 1048576, 0,
         "fixed memory: process + expansion blocks of 8 projector sets and ĝ_L, v̄, ñ_c");
    near(four.mem_fixed, 32.0 * 1048576 + (3 + 2) * 32.0 * 1048576, 0, "fixed memory with 2 blocks per group");
    /* slabs: the fine-grid term (9 nspins + 2 + 3 FFT buffers) N_fine 8 falls as 1 / pw */
    p.grid_slabs = 1;
    parallel_estimate s4, s1;
    parallel_estimate_layout(&p, (comm_layout){1, 1, 4}, &s4);
    parallel_estimate_layout(&p, (comm_layout){4, 1, 1}, &s1);
    near(s1.mem_grids - s4.mem_grids, (14.0 - 14.0 / 4 - 1.0) * 262144 * 8 + 180.0 * 0.75 * M_PI / 12 * 262144, 1e-6,
         "grids on slabs: the fine term and the ĝ_L tables fall as 1/4 on 4 plane-wave ranks (FFT buffers 2 -> 3 "
         "per point)");
    near(s1.mem_grids, four.mem_grids, 0, "grids on slabs, 4 groups of 1 rank: whole, as without slabs");
    near(four.mem_grids - one.mem_grids, 180.0 * 0.75 * M_PI / 12 * 262144, 1e-6,
         "grids without slabs, 4 plane-wave ranks: only the ĝ_L tables are split");
    /* band groups: 4 bands per rank of 3 band ranks (ceil(10 / 3)), stored and Davidson
     * blocks, plus the two ring buffers of 4 bands */
    parallel_problem q = problem(3, 1);
    parallel_estimate b3, b1;
    parallel_estimate_layout(&q, (comm_layout){1, 3, 1}, &b3);
    parallel_estimate_layout(&q, (comm_layout){1, 1, 1}, &b1);
    near(b3.mem_psi, 16.0 * 4 * 1000, 0, "stored bands, 3 band ranks: ceil(10 / 3) bands");
    near(b1.mem_psi, 16.0 * 10 * 1000, 0, "stored bands, 1 rank: 10 bands");
    near(b3.mem_wavefunctions, 16.0 * 4 * 1000 * (1 + 6 + 2), 0,
         "wavefunctions, 3 band ranks: local blocks + ring buffers");
    ok(b3.comm_band > 0 && b1.comm_band == 0 && b3.comm_pw == 0, "band communication only with band groups");
    near(b3.mem_subspace, b1.mem_subspace, 0, "subspace matrices whole on every band rank");
    ok(one.comm_kpt == 0 && four.comm_kpt > 0, "k-point sums cost nothing with one group");
    /* two tree levels, reduction and broadcast: 2 x 2 x 8 bytes (32768 + 8 x 10 + 8) */
    near(four.comm_kpt, 32.0 * (32768 + 80 + 8), 0, "k-point communication of 4 groups");
    ok(four.time_model < one.time_model, "more k-point groups: less modelled time");
}

static void test_comm(void)
{
    comm_ctx c;
    err e = {0};
    int size;
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    ok(comm_init_layout(&c, MPI_COMM_WORLD, (comm_layout){size + 1, 1, 1}, &e) && e.status == EXIT_INTERNAL,
       "a layout not matching the ranks is refused");
    ok(!comm_init_layout(&c, MPI_COMM_WORLD, (comm_layout){size, 1, 1}, &e), "k-point layout of all ranks");
    int nk, ng, nb, np;
    MPI_Comm_size(c.kpt, &nk), MPI_Comm_size(c.group, &ng), MPI_Comm_size(c.band, &nb), MPI_Comm_size(c.pw, &np);
    ok(nk == size && ng == 1 && nb == 1 && np == 1 && c.kgroup == c.rank, "kpt = all ranks, groups of one");

    /* exact integers: the sum must be exact and the same bits on every rank; more than
     * one chunk so the chunking is exercised */
    size_t n = COMM_CHUNK + 1234;
    double *x = malloc(n * sizeof *x);
    for (size_t i = 0; i < n; i++) x[i] = (double)(c.rank + 1) * (double)i;
    comm_sum_ordered(c.kpt, x, n, c.work);
    int good = 1;
    for (size_t i = 0; i < n; i++) good &= x[i] == (double)i * size * (size + 1) / 2;
    /* rounding-sensitive values: every rank must hold rank 0's bits */
    for (size_t i = 0; i < n; i++) x[i] = 1.0 / (3.0 + c.rank + i % 7) + 1e-3 * c.rank;
    comm_sum_ordered(c.kpt, x, n, c.work);
    double *x0 = malloc(n * sizeof *x0);
    memcpy(x0, x, n * sizeof *x);
    MPI_Bcast(x0, (int)n, MPI_DOUBLE, 0, MPI_COMM_WORLD);
    int same = memcmp(x0, x, n * sizeof *x) == 0, all_good, all_same;
    MPI_Allreduce(&good, &all_good, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    MPI_Allreduce(&same, &all_same, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    ok(all_good, "ordered sum over %d ranks is exact on integers (%zu values, 2 chunks)", size, n);
    ok(all_same, "ordered sum gives the same bits on every rank");
    free(x), free(x0);

    /* the strided variant: m x n of an ld x n array (rows m..ld-1 untouched), with
     * columns packed into messages (m = 3) and columns longer than a chunk */
    int mm[2] = {3, COMM_CHUNK + 3};
    for (int t = 0; t < 2; t++) {
        size_t m = mm[t], ld = m + 1, nc = t ? 2 : 5;
        double *M = malloc(ld * nc * sizeof *M);
        for (size_t i = 0; i < ld * nc; i++) M[i] = (double)(c.rank + 1) * (double)i;
        comm_sum_ordered_matrix(c.kpt, M, m, nc, ld, c.work);
        good = 1;
        for (size_t i = 0; i < ld * nc; i++)
            good &= M[i] == (i % ld < m ? (double)i * size * (size + 1) / 2 : (double)(c.rank + 1) * (double)i);
        MPI_Allreduce(&good, &all_good, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
        ok(all_good, "ordered matrix sum over %d ranks (%zu x %zu of leading dimension %zu): exact, padding untouched",
           size, m, nc, ld);
        free(M);
    }

    ok(comm_agree(&c, 0, &e) == 0, "agree: all succeeded");
    err f = {0};
    int rc = c.rank == size - 1 ? err_set(&f, EXIT_RUN_FAILED, "boom on rank %d", c.rank) : 0;
    char want[64];
    snprintf(want, sizeof want, "boom on rank %d", size - 1);
    rc = comm_agree(&c, rc, &f);
    int agreed = rc == -1 && f.status == EXIT_RUN_FAILED && strcmp(f.msg, want) == 0, all_agreed;
    MPI_Allreduce(&agreed, &all_agreed, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    ok(all_agreed, "agree: the last rank's failure reaches every rank with its message");
    comm_free(&c);

    if (size % 2 == 0) {   /* two k-point groups of size/2 plane-wave ranks */
        ok(!comm_init_layout(&c, MPI_COMM_WORLD, (comm_layout){2, 1, size / 2}, &e), "layout 2 x 1 x %d", size / 2);
        MPI_Comm_size(c.kpt, &nk), MPI_Comm_size(c.group, &ng), MPI_Comm_size(c.pw, &np);
        int right = nk == 2 && ng == size / 2 && np == size / 2 && c.kgroup == c.rank / (size / 2), all_right;
        MPI_Allreduce(&right, &all_right, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
        ok(all_right, "2 groups: kpt has 2 ranks, group and pw size/2, kgroup = rank / (size/2)");
        comm_free(&c);
    }
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (rank != 0 && !freopen("/dev/null", "w", stdout)) return 1;
    test_choice();
    test_estimate();
    test_comm();
    int rc = tap_done();
    MPI_Finalize();
    return rc;
}
