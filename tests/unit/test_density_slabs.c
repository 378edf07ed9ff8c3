/* The density grids in slabs (density.h, density_grids_distribute; density/spectra.h)
 * against the whole-grid code on any number of ranks (make check: 1, where nothing is
 * distributed; tests/cli/mpi_grid.sh: 2, 3 and 4): pd2.interpolate and pd3.restrict on
 * grids with even and odd sizes (Nyquist planes on every axis or none), orthorhombic and
 * triclinic cells, including coarse sizes smaller than the rank count allows for whole
 * slabs. Compared: the fine result on each slab, the gathered coarse result and the pd2
 * coefficients, to 1e-13 of the largest value. Only rank 0 prints. */
#include "cell/lattice.h"
#include "density/density.h"
#include "tap.h"

#include <math.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static int rank0;

static double maxall(double x)
{
    double y;
    MPI_Allreduce(&x, &y, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    return y;
}

static void make_grid(fft_grid *g, const double cell[3][3], const int n[3])
{
    memset(g, 0, sizeof *g);
    memcpy(g->cell, cell, sizeof g->cell);
    memcpy(g->n, n, sizeof g->n);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
}

static double value(long i) { return sin(0.37 * i + 0.1) + 0.5 * cos(1.3 * (double)((i * i) % 17)); }

static double maxabs(const double *a, long n)
{
    double m = 0;
    for (long i = 0; i < n; i++) m = fmax(m, fabs(a[i]));
    return m;
}

static void run_case(const char *name, const double cell[3][3], const int N[3])
{
    fft_grid c, f;
    make_grid(&c, cell, N);
    fft_grid_fine(&f, &c);
    density_grids gw, gs;
    err e = {0};
    int rc = density_grids_init(&gw, &c, &f, 100.0, &e) || density_grids_init(&gs, &c, &f, 100.0, &e) ||
             density_grids_distribute(&gs, MPI_COMM_WORLD, NULL, &e);
    if (rank0) ok(rc == 0, "%s: grids (%s)", name, e.msg);
    if (rc) return;
    long nc = gw.nc, nf = gw.nf, off = gs.dist ? (long)gs.fd.local_0_start * gs.fd.plane_r : 0;
    int n2 = gw.pd2.npw;
    double *a = malloc(nc * sizeof *a), *gg = malloc(nf * sizeof *gg), *bw = malloc(nf * sizeof *bw);
    double *bs = malloc((gs.nfl + 1) * sizeof *bs), *cw = malloc(nc * sizeof *cw), *cs = malloc(nc * sizeof *cs);
    double complex *aw = malloc(n2 * sizeof *aw), *as = malloc(n2 * sizeof *as);
    for (long i = 0; i < nc; i++) a[i] = value(i);
    for (long i = 0; i < nf; i++) gg[i] = value(3 * i + 1);
    density_interpolate(&gw, a, bw, aw);
    density_interpolate(&gs, a, bs, as);
    double d = 0, dG = 0, big = maxabs(bw, nf), bigG = 0;
    for (long i = 0; i < gs.nfl; i++) d = fmax(d, fabs(bs[i] - bw[off + i]));
    for (int G = 0; G < n2; G++) dG = fmax(dG, cabs(as[G] - aw[G])), bigG = fmax(bigG, cabs(aw[G]));
    d = maxall(d) / big, dG = maxall(dG) / bigG;
    if (rank0) ok(d < 1e-13 && dG < 1e-13, "%s: interpolation on slabs = whole grid (fine %.1e, pd2 %.1e)", name, d, dG);
    density_restrict(&gw, gg, cw, aw);
    density_restrict(&gs, gg + off, cs, as);
    d = dG = 0, big = maxabs(cw, nc), bigG = 0;
    for (long i = 0; i < nc; i++) d = fmax(d, fabs(cs[i] - cw[i]));
    for (int G = 0; G < n2; G++) dG = fmax(dG, cabs(as[G] - aw[G])), bigG = fmax(bigG, cabs(aw[G]));
    d = maxall(d) / big, dG = maxall(dG) / bigG;
    if (rank0) ok(d < 1e-13 && dG < 1e-13, "%s: restriction on slabs = whole grid (coarse %.1e, pd2 %.1e)", name, d, dG);
    free(a), free(gg), free(bw), free(bs), free(cw), free(cs), free(aw), free(as);
    density_grids_free(&gw);
    density_grids_free(&gs);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    rank0 = rank == 0;
    const double ortho[3][3] = {{5.0, 0, 0}, {0, 6.0, 0}, {0, 0, 7.0}};
    const double tri[3][3] = {{5.0, 0, 0}, {0.8, 4.5, 0}, {0.3, 0.4, 6.0}};
    run_case("even 8x10x12 orthorhombic", ortho, (const int[3]){8, 10, 12});
    run_case("odd 9x7x5 triclinic", tri, (const int[3]){9, 7, 5});
    run_case("mixed 6x9x10 triclinic", tri, (const int[3]){6, 9, 10});
    run_case("thin 3x8x9 orthorhombic", ortho, (const int[3]){3, 8, 9});
    int rc = rank0 ? tap_done() : (tap_failed ? 1 : 0);
    MPI_Finalize();
    return rc;
}
