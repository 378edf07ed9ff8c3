#include "basis/fft_dist.h"

#include "basis/fft.h"
#include "core/mem.h"

#include <fftw3-mpi.h>
#include <stdlib.h>
#include <string.h>

/* fftw_mpi_init registers FFTW's MPI solvers; once per process is enough. */
static void mpi_solvers_once(void)
{
    static int done;
    if (!done) fftw_mpi_init(), done = 1;
}

int fft_dist_init(fft_dist *d, const fft_grid *g, MPI_Comm comm, err *e)
{
    memset(d, 0, sizeof *d);
    mpi_solvers_once();
    d->comm = comm;
    MPI_Comm_size(comm, &d->P);
    MPI_Comm_rank(comm, &d->rank);
    for (int c = 0; c < 3; c++) d->n[c] = g->n[c];
    d->npoints = (long)g->n[0] * g->n[1] * g->n[2];
    d->nq2 = g->n[2] / 2 + 1;
    d->plane_r = (long)g->n[1] * g->n[2];
    d->plane_q = (long)g->n[1] * d->nq2;
    ptrdiff_t ln0, l0s;
    ptrdiff_t alloc = fftw_mpi_local_size_3d(g->n[0], g->n[1], d->nq2, comm, &ln0, &l0s);
    d->local_n0 = (int)ln0;
    d->local_0_start = d->local_n0 > 0 ? (int)l0s : g->n[0];   /* an empty slab sits at the end */
    d->nlocal_r = d->local_n0 * d->plane_r;
    d->nlocal_q = d->local_n0 * d->plane_q;
    d->n0_r = xmalloc((size_t)d->P * sizeof *d->n0_r);
    d->start_r = xmalloc((size_t)d->P * sizeof *d->start_r);
    MPI_Allgather(&d->local_n0, 1, MPI_INT, d->n0_r, 1, MPI_INT, comm);
    MPI_Allgather(&d->local_0_start, 1, MPI_INT, d->start_r, 1, MPI_INT, comm);
    d->cnt_r = xmalloc(2 * (size_t)d->P * sizeof *d->cnt_r);
    d->dsp_r = d->cnt_r + d->P;
    for (int r = 0; r < d->P; r++) {
        d->cnt_r[r] = (int)(d->n0_r[r] * d->plane_r);
        d->dsp_r[r] = (int)(d->start_r[r] * d->plane_r);
    }
    if (alloc < 1) alloc = 1;
    d->qpad = fftw_alloc_complex((size_t)alloc);
    d->pad = fftw_alloc_real(2 * (size_t)alloc);
    d->q = d->qpad;   /* not transposed: the complex slab is the half spectrum's planes */
    d->r = xmalloc((size_t)(d->nlocal_r > 0 ? d->nlocal_r : 1) * sizeof *d->r);
    if (!d->qpad || !d->pad)
        return err_set(e, EXIT_RUN_FAILED, "FFT %dx%dx%d on %d ranks: out of memory for the slabs", d->n[0],
                       d->n[1], d->n[2], d->P), fft_dist_free(d), -1;
    d->r2c = fftw_mpi_plan_dft_r2c_3d(g->n[0], g->n[1], g->n[2], d->pad, d->qpad, comm, FFTW_ESTIMATE);
    d->c2r = fftw_mpi_plan_dft_c2r_3d(g->n[0], g->n[1], g->n[2], d->qpad, d->pad, comm, FFTW_ESTIMATE);
    if (!d->r2c || !d->c2r)
        return err_set(e, EXIT_INTERNAL, "FFTW-MPI could not plan a %dx%dx%d real transform on %d ranks", d->n[0],
                       d->n[1], d->n[2], d->P), fft_dist_free(d), -1;
    return 0;
}

void fft_dist_free(fft_dist *d)
{
    if (d->r2c) fftw_destroy_plan(d->r2c);
    if (d->c2r) fftw_destroy_plan(d->c2r);
    fftw_free(d->pad);
    fftw_free(d->qpad);
    free(d->r);
    free(d->n0_r);
    free(d->start_r);
    free(d->cnt_r);
    memset(d, 0, sizeof *d);
}

/* The padded rows of FFTW's real slab: 2 nq2 reals per row of n2. */
void fft_dist_r2c(fft_dist *d)
{
    const int n2 = d->n[2];
    const long rows = (long)d->local_n0 * d->n[1], ld = 2L * d->nq2;
    for (long j = 0; j < rows; j++) memcpy(d->pad + j * ld, d->r + j * n2, (size_t)n2 * sizeof *d->r);
    fftw_execute(d->r2c);
}

void fft_dist_c2r(fft_dist *d)
{
    fftw_execute(d->c2r);
    const int n2 = d->n[2];
    const long rows = (long)d->local_n0 * d->n[1], ld = 2L * d->nq2;
    for (long j = 0; j < rows; j++) memcpy(d->r + j * n2, d->pad + j * ld, (size_t)n2 * sizeof *d->r);
}

int fft_dist_owner(const fft_dist *d, int i0)
{
    for (int r = 0; r < d->P; r++)
        if (i0 >= d->start_r[r] && i0 < d->start_r[r] + d->n0_r[r]) return r;
    return -1;
}

/* Counts above 2^31 doubles would need derived datatypes: planes are sent as
 * MPI_DOUBLE runs of n0_r plane_r, which fits for grids below 2^31 points. */
void fft_dist_allgather(const fft_dist *d, const double *a, double *whole)
{
    MPI_Allgatherv(a, d->cnt_r[d->rank], MPI_DOUBLE, whole, d->cnt_r, d->dsp_r, MPI_DOUBLE, d->comm);
}

/* ---- spheres ------------------------------------------------------------------------ */

/* Box index m of the sphere (pw_basis.h) -> the plane i0. */
static int plane_of(const pw_basis *pw, int m)
{
    return m / (pw->grid->n[1] * pw->grid->n[2]);
}

int fft_sphere_init(fft_sphere *s, const pw_basis *pw, fft_dist *d, err *e)
{
    memset(s, 0, sizeof *s);
    const int *n = pw->grid->n;
    for (int c = 0; c < 3; c++)
        if (n[c] != d->n[c])
            return err_set(e, EXIT_INTERNAL, "fft_sphere: sphere grid %dx%dx%d is not the slabs' %dx%dx%d", n[0],
                           n[1], n[2], d->n[0], d->n[1], d->n[2]);
    if (!pw->real) return err_set(e, EXIT_INTERNAL, "fft_sphere: only real (half) spheres are supported");
    s->pw = pw;
    s->d = d;
    const int lo = d->local_0_start, hi = lo + d->local_n0;
    s->G0 = 0;
    while (s->G0 < pw->npw && plane_of(pw, pw->map[s->G0]) < lo) s->G0++;
    s->G1 = s->G0;
    while (s->G1 < pw->npw && plane_of(pw, pw->map[s->G1]) < hi) s->G1++;
    for (int G = s->G1; G < pw->npw; G++)
        if (plane_of(pw, pw->map[G]) < hi)
            return err_set(e, EXIT_INTERNAL, "fft_sphere: the sphere is not ordered by plane");
    s->G0_r = xmalloc(2 * (size_t)d->P * sizeof *s->G0_r);
    s->cnt_r = s->G0_r + d->P;
    int mine = s->G1 - s->G0;
    MPI_Allgather(&s->G0, 1, MPI_INT, s->G0_r, 1, MPI_INT, d->comm);
    MPI_Allgather(&mine, 1, MPI_INT, s->cnt_r, 1, MPI_INT, d->comm);
    s->q_G = xmalloc((size_t)(mine + 1) * sizeof *s->q_G);
    for (int G = s->G0; G < s->G1; G++) {
        int m = pw->map[G];
        int i2 = m % n[2], i1 = (m / n[2]) % n[1], i0 = m / (n[2] * n[1]);
        s->q_G[G - s->G0] = ((long)(i0 - lo) * n[1] + i1) * d->nq2 + i2;
    }
    /* pw_fft_inverse's conjugate fills of the q2 = 0 plane that land on this rank's planes:
     * t[-i0, -i1, 0] = t[i0, i1, 0]* outside G = 0 and the Nyquist rows. */
    int count = 0;
    for (int pass = 0; pass < 2; pass++) {
        for (int G = 0; G < pw->npw; G++) {
            int m = pw->map[G];
            int i2 = m % n[2], i1 = (m / n[2]) % n[1], i0 = m / (n[2] * n[1]);
            int nyq = (2 * i0 == n[0]) || (2 * i1 == n[1]);
            if (i2 != 0 || (i0 == 0 && i1 == 0) || nyq) continue;
            int t0 = (n[0] - i0) % n[0], t1 = (n[1] - i1) % n[1];
            if (t0 < lo || t0 >= hi) continue;
            if (pass) {
                s->conj_G[count] = G;
                s->conj_q[count] = ((long)(t0 - lo) * n[1] + t1) * d->nq2;
            }
            count++;
        }
        if (!pass) {
            s->nconj = count;
            s->conj_G = xmalloc((size_t)(count + 1) * sizeof *s->conj_G);
            s->conj_q = xmalloc((size_t)(count + 1) * sizeof *s->conj_q);
            count = 0;
        }
    }
    return 0;
}

void fft_sphere_free(fft_sphere *s)
{
    free(s->G0_r);
    free(s->q_G);
    free(s->conj_G);
    free(s->conj_q);
    memset(s, 0, sizeof *s);
}

void fft_sphere_inverse(fft_sphere *s, const double complex *c, double scale)
{
    fft_dist *d = s->d;
    double complex *q = (double complex *)d->q;
    memset(q, 0, (size_t)d->nlocal_q * sizeof *q);
    for (int G = s->G0; G < s->G1; G++) q[s->q_G[G - s->G0]] = scale * c[G];
    for (int k = 0; k < s->nconj; k++) q[s->conj_q[k]] = conj(scale * c[s->conj_G[k]]);
    fft_dist_c2r(d);
}

void fft_sphere_extract(const fft_sphere *s, double complex *c, double scale)
{
    const double complex *q = (const double complex *)s->d->q;
    for (int G = s->G0; G < s->G1; G++) c[G] = scale * q[s->q_G[G - s->G0]];
}

void fft_sphere_forward(fft_sphere *s, double complex *c, double scale, double beta)
{
    fft_dist *d = s->d;
    fft_dist_r2c(d);
    const double complex *q = (const double complex *)d->q;
    if (beta == 0.0)
        for (int G = s->G0; G < s->G1; G++) c[G] = scale * q[s->q_G[G - s->G0]];
    else
        for (int G = s->G0; G < s->G1; G++) c[G] = beta * c[G] + scale * q[s->q_G[G - s->G0]];
}

void fft_sphere_gather(const fft_sphere *s, double complex *c)
{
    MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, c, s->cnt_r, s->G0_r, MPI_C_DOUBLE_COMPLEX, s->d->comm);
}

/* ---- halos -------------------------------------------------------------------------- */

/* Global plane of halo slot j of a slab (start, n0l) of width w on an axis of n0. */
static int halo_plane(int j, int start, int n0l, int w, int n0)
{
    int g = j < w ? start - w + j : start + n0l + (j - w);
    return ((g % n0) + n0) % n0;
}

/* The halo planes that rank `to` needs from rank `from`, in slot order: their slots in
 * `to`'s array and their planes in `from`'s slab (either list may be NULL). Returns
 * their number. */
static int halo_visit(const fft_dist *d, int w, int to, int from, int *slot, int *plane)
{
    int count = 0;
    if (d->n0_r[to] == 0) return 0;
    for (int j = 0; j < 2 * w; j++) {
        int g = halo_plane(j, d->start_r[to], d->n0_r[to], w, d->n[0]);
        if (g < d->start_r[from] || g >= d->start_r[from] + d->n0_r[from]) continue;
        if (slot) slot[count] = j < w ? j : j + d->n0_r[to];
        if (plane) plane[count] = g - d->start_r[from];
        count++;
    }
    return count;
}

int fft_halo_init(fft_halo *h, const fft_dist *d, int width, err *e)
{
    memset(h, 0, sizeof *h);
    if (width < 0 || width > d->n[0])
        return err_set(e, EXIT_INTERNAL, "fft_halo: width %d on an axis of %d planes", width, d->n[0]);
    h->d = d;
    h->width = width;
    const int P = d->P, me = d->rank;
    h->scnt = xcalloc(4 * (size_t)P, sizeof *h->scnt);
    h->sdsp = h->scnt + P, h->rcnt = h->scnt + 2 * P, h->rdsp = h->scnt + 3 * P;
    for (int r = 0; r < P; r++) {
        h->nsend += halo_visit(d, width, r, me, NULL, NULL);
        h->nrecv += halo_visit(d, width, me, r, NULL, NULL);
    }
    h->send_plane = xmalloc((size_t)(h->nsend + 1) * sizeof *h->send_plane);
    h->recv_slot = xmalloc((size_t)(h->nrecv + 1) * sizeof *h->recv_slot);
    int ns = 0, nr = 0;
    for (int r = 0; r < P; r++) {
        int a = halo_visit(d, width, r, me, NULL, h->send_plane + ns);
        int b = halo_visit(d, width, me, r, h->recv_slot + nr, NULL);
        h->scnt[r] = (int)(a * d->plane_r), h->sdsp[r] = (int)(ns * d->plane_r);
        h->rcnt[r] = (int)(b * d->plane_r), h->rdsp[r] = (int)(nr * d->plane_r);
        ns += a, nr += b;
    }
    h->sbuf = xmalloc((size_t)(h->nsend * d->plane_r + 1) * sizeof *h->sbuf);
    h->rbuf = xmalloc((size_t)(h->nrecv * d->plane_r + 1) * sizeof *h->rbuf);
    return 0;
}

void fft_halo_free(fft_halo *h)
{
    free(h->scnt);
    free(h->send_plane);
    free(h->recv_slot);
    free(h->sbuf);
    free(h->rbuf);
    memset(h, 0, sizeof *h);
}

void fft_halo_exchange(fft_halo *h, double *a)
{
    const long pl = h->d->plane_r;
    const size_t bytes = (size_t)pl * sizeof *a;
    for (int k = 0; k < h->nsend; k++) memcpy(h->sbuf + k * pl, a + (h->width + h->send_plane[k]) * pl, bytes);
    MPI_Alltoallv(h->sbuf, h->scnt, h->sdsp, MPI_DOUBLE, h->rbuf, h->rcnt, h->rdsp, MPI_DOUBLE, h->d->comm);
    for (int k = 0; k < h->nrecv; k++) memcpy(a + h->recv_slot[k] * pl, h->rbuf + k * pl, bytes);
}
