/* Unit tests of the slab-distributed grids (basis/fft_dist.h) on any number of ranks
 * (make check: 1; tests/cli/mpi_grid.sh: 2, 3 and 4): every rank builds the same whole
 * grid function from a formula and compares its slab with the serial code's result on
 * the whole grid (fft.h, pwfft.h, gradient.h):
 *   - slabs: contiguous, covering 0..n0 (odd sizes, sizes not divisible by the ranks,
 *     empty slabs when n0 < ranks x block);
 *   - r2c and c2r on slabs against the serial transforms, to 1e-14 of the largest value;
 *   - a real sphere (pd2-like, reaching the grid's edge): fft_sphere_inverse against
 *     pw_fft_inverse, fft_sphere_forward + gather against pw_fft_forward;
 *   - halos of width 1..3 hold exactly the neighbours' planes (periodic);
 *   - the FD gradient on slabs with halos gives the serial gradient's bits.
 * Only rank 0 prints; each check is the minimum over ranks. */
#include "basis/fft.h"
#include "basis/fft_dist.h"
#include "cell/lattice.h"
#include "hamiltonian/gradient.h"
#include "hamiltonian/pwfft.h"
#include "tap.h"

#include <math.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static int rank0;

static int all(int x)
{
    int y;
    MPI_Allreduce(&x, &y, 1, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
    return y;
}

static double maxall(double x)
{
    double y;
    MPI_Allreduce(&x, &y, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    return y;
}

static void make_grid(fft_grid *g, int n0, int n1, int n2)
{
    double cell[3][3] = {{5.0, 0, 0}, {0.8, 4.5, 0}, {0.3, 0.4, 6.0}};
    memcpy(g->cell, cell, sizeof cell);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
    g->n[0] = n0, g->n[1] = n1, g->n[2] = n2;
}

static double value(long i) { return sin(0.37 * i + 0.1) + 0.5 * cos(1.3 * (double)((i * i) % 17)); }

static void check_slabs(const fft_dist *d)
{
    int good = d->start_r[0] == 0;
    for (int r = 0; r + 1 < d->P; r++) good &= d->start_r[r + 1] == d->start_r[r] + d->n0_r[r];
    int sum = 0;
    for (int r = 0; r < d->P; r++) sum += d->n0_r[r];
    good &= sum == d->n[0];
    good = all(good);
    if (rank0) ok(good, "%dx%dx%d: slabs of %d..%d planes cover the axis", d->n[0], d->n[1], d->n[2],
                  d->n0_r[d->P - 1], d->n0_r[0]);
}

static void check_transforms(const fft_grid *g, fft_dist *d, fft_plan *p)
{
    long N = d->npoints, off = d->local_0_start * d->plane_r;
    for (long i = 0; i < N; i++) p->r[i] = value(i);
    for (long i = 0; i < d->nlocal_r; i++) d->r[i] = p->r[off + i];
    fft_r2c(p);
    fft_dist_r2c(d);
    double big = 0, dif = 0;
    const double complex *qs = (const double complex *)p->q, *qd = (const double complex *)d->q;
    long qoff = d->local_0_start * d->plane_q;
    for (long i = 0; i < p->nlocal_q; i++) big = fmax(big, cabs(qs[i]));
    for (long i = 0; i < d->nlocal_q; i++) dif = fmax(dif, cabs(qd[i] - qs[qoff + i]));
    dif = maxall(dif) / big;
    if (rank0) ok(dif < 1e-14, "%dx%dx%d r2c on slabs: max deviation %.2e of the largest", g->n[0], g->n[1], g->n[2], dif);
    memcpy(d->q, (const double complex *)p->q + qoff, (size_t)d->nlocal_q * sizeof *d->q);
    fftw_execute(p->c2r);   /* N f, no 1/N */
    fft_dist_c2r(d);
    big = dif = 0;
    for (long i = 0; i < N; i++) big = fmax(big, fabs(p->r[i]));
    for (long i = 0; i < d->nlocal_r; i++) dif = fmax(dif, fabs(d->r[i] - p->r[off + i]));
    dif = maxall(dif) / big;
    if (rank0) ok(dif < 1e-14, "%dx%dx%d c2r on slabs: max deviation %.2e of the largest", g->n[0], g->n[1], g->n[2], dif);
}

static void check_sphere(const fft_grid *g, fft_dist *d, fft_plan *p)
{
    /* GPAW's density cutoff for this grid: the sphere touches the box faces */
    double hmax = 0;
    for (int c = 0; c < 3; c++) {
        double h2 = 0;
        for (int v = 0; v < 3; v++) h2 += pow(g->cell[c][v] / g->n[c], 2);
        hmax = fmax(hmax, h2);
    }
    const double k0[3] = {0, 0, 0};
    pw_basis pw;
    pw_basis_init(&pw, g, k0, 0.5 * M_PI * M_PI / hmax, 1);
    pw_fft t;
    fft_sphere s;
    err e = {0};
    int rc = pw_fft_init(&t, &pw, p, &e) | fft_sphere_init(&s, &pw, d, &e);
    rc = all(rc == 0);
    if (rank0) ok(rc, "sphere of %d G on the slabs (%s)", pw.npw, e.msg);
    double complex *c = calloc(pw.npw + 1, sizeof *c), *c2 = calloc(pw.npw + 1, sizeof *c2);
    for (int G = 0; G < pw.npw; G++) c[G] = value(G) + I * (G ? value(3 * G + 1) : 0.0);
    pw_fft_inverse(&t, c, 0.7);
    fft_sphere_inverse(&s, c, 0.7);
    long off = d->local_0_start * d->plane_r, N = d->npoints;
    double big = 0, dif = 0;
    for (long i = 0; i < N; i++) big = fmax(big, fabs(p->r[i]));
    for (long i = 0; i < d->nlocal_r; i++) dif = fmax(dif, fabs(d->r[i] - p->r[off + i]));
    dif = maxall(dif) / big;
    if (rank0) ok(dif < 1e-14, "%dx%dx%d sphere inverse on slabs: max deviation %.2e", g->n[0], g->n[1], g->n[2], dif);
    for (long i = 0; i < N; i++) p->r[i] = value(i + 5);
    for (long i = 0; i < d->nlocal_r; i++) d->r[i] = p->r[off + i];
    for (int G = 0; G < pw.npw; G++) c2[G] = c[G];
    pw_fft_forward(&t, c, 0.3, 0.5);
    fft_sphere_forward(&s, c2, 0.3, 0.5);
    fft_sphere_gather(&s, c2);
    big = dif = 0;
    for (int G = 0; G < pw.npw; G++) big = fmax(big, cabs(c[G])), dif = fmax(dif, cabs(c[G] - c2[G]));
    dif = maxall(dif) / big;
    int cover = s.G0_r[0] == 0 && s.G0_r[d->P - 1] + s.cnt_r[d->P - 1] == pw.npw;
    cover = all(cover);
    if (rank0) ok(dif < 1e-14 && cover, "%dx%dx%d sphere forward + gather: max deviation %.2e", g->n[0], g->n[1],
                  g->n[2], dif);
    free(c);
    free(c2);
    fft_sphere_free(&s);
    pw_fft_free(&t);
    pw_basis_free(&pw);
}

static void check_halo(const fft_grid *g, fft_dist *d)
{
    for (int w = 1; w <= 3; w++) {
        fft_halo h;
        err e = {0};
        int good = fft_halo_init(&h, d, w, &e) == 0;
        double *a = calloc((size_t)(d->local_n0 + 2 * w) * d->plane_r + 1, sizeof *a);
        for (long i = 0; i < d->nlocal_r; i++) a[w * d->plane_r + i] = value(d->local_0_start * d->plane_r + i);
        fft_halo_exchange(&h, a);
        for (int j = 0; j < d->local_n0 + 2 * w && good && d->local_n0 > 0; j++) {
            int gp = ((d->local_0_start - w + j) % d->n[0] + d->n[0]) % d->n[0];
            for (long k = 0; k < d->plane_r; k++) good &= a[j * d->plane_r + k] == value(gp * d->plane_r + k);
        }
        good = all(good);
        if (rank0) ok(good, "%dx%dx%d halo of width %d: exact neighbour planes", g->n[0], g->n[1], g->n[2], w);
        free(a);
        fft_halo_free(&h);
    }
}

static void check_gradient(const fft_grid *g, fft_dist *d)
{
    fd_gradient op;
    err e = {0};
    if (fd_gradient_init(&op, g, 2, &e)) return;
    int w = fd_gradient_range0(&op);
    fft_halo h;
    fft_halo_init(&h, d, w, &e);
    long N = d->npoints, off = d->local_0_start * d->plane_r;
    double *f = malloc(N * sizeof *f), *gs = malloc(N * sizeof *gs);
    double *a = calloc((size_t)(d->local_n0 + 2 * w) * d->plane_r + 1, sizeof *a);
    double *out = calloc((size_t)d->nlocal_r + 1, sizeof *out);
    for (long i = 0; i < N; i++) f[i] = value(i);
    memcpy(a + w * d->plane_r, f + off, (size_t)d->nlocal_r * sizeof *f);
    fft_halo_exchange(&h, a);
    int good = 1;
    for (int v = 0; v < 3; v++) {
        fd_gradient_apply(&op, v, f, gs);
        fd_gradient_apply_slab(&op, v, a, w, d->local_n0, out);
        for (long i = 0; i < d->nlocal_r; i++) good &= out[i] == gs[off + i];
    }
    good = all(good);
    if (rank0) ok(good, "%dx%dx%d FD gradient (range 2, halo %d) on slabs: the serial bits", g->n[0], g->n[1], g->n[2], w);
    free(f), free(gs), free(a), free(out);
    fft_halo_free(&h);
}

static void check_case(int n0, int n1, int n2)
{
    fft_grid g;
    make_grid(&g, n0, n1, n2);
    fft_dist d;
    fft_plan p;
    err e = {0};
    int rc = fft_dist_init(&d, &g, MPI_COMM_WORLD, &e) | fft_plan_init(&p, &g, FFT_REAL, &e);
    if (!all(rc == 0)) {
        if (rank0) ok(0, "%dx%dx%d plans: %s", n0, n1, n2, e.msg);
        return;
    }
    check_slabs(&d);
    check_transforms(&g, &d, &p);
    check_sphere(&g, &d, &p);
    check_halo(&g, &d);
    check_gradient(&g, &d);
    fft_plan_free(&p);
    fft_dist_free(&d);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    rank0 = rank == 0;
    check_case(8, 6, 10);
    check_case(9, 5, 7);     /* odd everywhere */
    check_case(5, 6, 8);     /* fewer planes than 2 per rank on 3 or 4 ranks: thin and empty slabs */
    check_case(12, 9, 15);
    check_case(4, 4, 6);     /* the gradient's smallest axis */
    int rc = rank0 ? tap_done() : (tap_failed ? 1 : 0);
    MPI_Finalize();
    return rc;
}
