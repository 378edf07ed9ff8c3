/* Coarse <-> fine spectrum planes between slab layouts (spectra.h). */
#include "density/spectra.h"

#include "basis/fft.h"
#include "core/mem.h"

#include <mpi.h>
#include <stdlib.h>
#include <string.h>

static int fold(int f, int n) { return ((f % n) + n) % n; }

static int owner(const fft_dist *d, int plane)
{
    return fft_dist_owner(d, plane);
}

/* The fine planes of coarse plane q0 (t[1] = -1 unless it is an even size's Nyquist
 * plane) and its weight along axis 0. */
static double fine_planes(const int *N, const int *M, int q0, int t[2])
{
    int f0 = fft_freq(q0, N[0]);
    t[0] = fold(f0, M[0]);
    t[1] = -1;
    if (N[0] % 2 == 0 && 2 * f0 == -N[0]) {
        t[1] = N[0] / 2;
        return 0.5;
    }
    return 1.0;
}

/* One move: from rank `src` (its local plane sp) to rank `dst`, tagged (a, b) there. */
typedef struct {
    int src, dst, sp, a, b;
} move;

/* Enumerates the moves of one direction in a global order (coarse plane, then x), the
 * same on every rank. up: coarse plane q0 -> fine plane t[x]; down: fine plane t[x] ->
 * coarse plane q0. Returns their number (moves may be NULL to count). */
static int enumerate(const spectra *s, int up, move *moves)
{
    int n = 0;
    for (int q0 = 0; q0 < s->N[0]; q0++) {
        int t[2];
        fine_planes(s->N, s->M, q0, t);
        for (int x = 0; x < 2; x++) {
            if (t[x] < 0) continue;
            int co = owner(s->cd, q0), fo = owner(s->fd, t[x]);
            if (moves) {
                if (up)
                    moves[n] = (move){co, fo, q0 - s->cd->start_r[co], q0, t[x] - s->fd->start_r[fo]};
                else
                    moves[n] = (move){fo, co, t[x] - s->fd->start_r[fo], q0 - s->cd->start_r[co], x};
            }
            n++;
        }
    }
    return n;
}

/* This rank's part of the moves: sends grouped by destination, receives by source, each
 * group in the global order (so both sides agree on the order of every pair's messages). */
static void build(plane_moves *pm, const move *mv, int n, int P, int me, long msg)
{
    pm->msg = msg;
    pm->scnt = xcalloc(4 * (size_t)P, sizeof *pm->scnt);
    pm->sdsp = pm->scnt + P, pm->rcnt = pm->scnt + 2 * P, pm->rdsp = pm->scnt + 3 * P;
    for (int k = 0; k < n; k++) {
        if (mv[k].src == me) pm->nsend++;
        if (mv[k].dst == me) pm->nrecv++;
    }
    pm->send_plane = xmalloc((size_t)(pm->nsend + 1) * sizeof *pm->send_plane);
    pm->recv_a = xmalloc(2 * (size_t)(pm->nrecv + 1) * sizeof *pm->recv_a);
    pm->recv_b = pm->recv_a + pm->nrecv + 1;
    int ns = 0, nr = 0;
    for (int r = 0; r < P; r++) {
        int s0 = ns, r0 = nr;
        for (int k = 0; k < n; k++) {
            if (mv[k].src == me && mv[k].dst == r) pm->send_plane[ns++] = mv[k].sp;
            if (mv[k].dst == me && mv[k].src == r) pm->recv_a[nr] = mv[k].a, pm->recv_b[nr++] = mv[k].b;
        }
        pm->scnt[r] = (int)((ns - s0) * msg), pm->sdsp[r] = (int)(s0 * msg);
        pm->rcnt[r] = (int)((nr - r0) * msg), pm->rdsp[r] = (int)(r0 * msg);
    }
    pm->sbuf = xmalloc((size_t)(pm->nsend * msg + 1) * sizeof *pm->sbuf);
    pm->rbuf = xmalloc((size_t)(pm->nrecv * msg + 1) * sizeof *pm->rbuf);
}

static void moves_free(plane_moves *pm)
{
    free(pm->scnt);
    free(pm->send_plane);
    free(pm->recv_a);
    free(pm->sbuf);
    free(pm->rbuf);
    memset(pm, 0, sizeof *pm);
}

/* Rows of a fine plane sent for the restriction: f1 mod M1 for each coarse q1, then
 * +N1/2 for an even N1 (the Nyquist row's second source). */
static int down_rows(const int *N)
{
    return N[1] + (N[1] % 2 == 0);
}

int spectra_init(spectra *s, const int N[3], const int M[3], const fft_dist *cd, const fft_dist *fd, err *e)
{
    memset(s, 0, sizeof *s);
    if (cd->P != fd->P || cd->comm != fd->comm)
        return err_set(e, EXIT_INTERNAL, "spectra: coarse and fine slabs on different communicators");
    for (int c = 0; c < 3; c++)
        if (M[c] < N[c] || cd->n[c] != N[c] || fd->n[c] != M[c])
            return err_set(e, EXIT_INTERNAL, "spectra: grids %dx%dx%d and %dx%dx%d do not match the slabs", N[0],
                           N[1], N[2], M[0], M[1], M[2]);
    s->N = cd->n;
    s->M = fd->n;
    s->cd = cd;
    s->fd = fd;
    int n = enumerate(s, 1, NULL);
    move *mv = xmalloc((size_t)(n + 1) * sizeof *mv);
    enumerate(s, 1, mv);
    build(&s->up, mv, n, cd->P, cd->rank, cd->plane_q);
    enumerate(s, 0, mv);
    build(&s->down, mv, n, cd->P, cd->rank, (long)down_rows(N) * cd->nq2);
    free(mv);
    s->pos = xmalloc((2 * (size_t)cd->local_n0 + 1) * sizeof *s->pos);
    for (int i = 0; i < 2 * cd->local_n0; i++) s->pos[i] = -1;
    for (int k = 0; k < s->down.nrecv; k++) s->pos[2 * s->down.recv_a[k] + s->down.recv_b[k]] = k;
    return 0;
}

void spectra_free(spectra *s)
{
    moves_free(&s->up);
    moves_free(&s->down);
    free(s->pos);
    memset(s, 0, sizeof *s);
}

static void exchange(const spectra *s, plane_moves *pm)
{
    MPI_Alltoallv(pm->sbuf, pm->scnt, pm->sdsp, MPI_C_DOUBLE_COMPLEX, pm->rbuf, pm->rcnt, pm->rdsp,
                  MPI_C_DOUBLE_COMPLEX, s->cd->comm);
}

/* density.c's spread_to_fine per received coarse plane: weights w0 (axis 0), the Nyquist
 * row of axis 1 halved and placed at +-N1/2, the plane q2 = N2/2 halved. */
void spectra_interpolate(spectra *s)
{
    const int *N = s->N, *M = s->M;
    const int Nh = N[2] / 2 + 1, Mh = M[2] / 2 + 1;
    plane_moves *pm = &s->up;
    const double complex *a = (const double complex *)s->cd->q;
    for (int k = 0; k < pm->nsend; k++)
        memcpy(pm->sbuf + k * pm->msg, a + (long)pm->send_plane[k] * pm->msg, (size_t)pm->msg * sizeof *pm->sbuf);
    exchange(s, pm);
    double complex *b = (double complex *)s->fd->q;
    memset(b, 0, (size_t)s->fd->nlocal_q * sizeof *b);
    for (int k = 0; k < pm->nrecv; k++) {
        int t[2];
        double w0 = fine_planes(N, M, pm->recv_a[k], t);
        const double complex *src = pm->rbuf + k * pm->msg;
        long base = (long)pm->recv_b[k] * M[1];
        for (int q1 = 0; q1 < N[1]; q1++) {
            int f1 = fft_freq(q1, N[1]);
            int t1[2] = {fold(f1, M[1]), -1};
            double w1 = w0;
            if (N[1] % 2 == 0 && 2 * f1 == -N[1]) w1 *= 0.5, t1[1] = N[1] / 2;
            for (int q2 = 0; q2 < Nh; q2++) {
                double w = w1;
                if (N[2] % 2 == 0 && 2 * q2 == N[2]) w *= 0.5;
                double complex v = w * src[(long)q1 * Nh + q2];
                for (int y = 0; y < 2; y++)
                    if (t1[y] >= 0) b[(base + t1[y]) * Mh + q2] = v;
            }
        }
    }
}

/* density.c's gather_from_fine with the sources in the messages: for each coarse
 * (q0, q1, q2) the same terms added in the same order (planes x, then rows y). */
void spectra_restrict(spectra *s)
{
    const int *N = s->N, *M = s->M;
    const int Nh = N[2] / 2 + 1, Mh = M[2] / 2 + 1, rows = down_rows(N);
    plane_moves *pm = &s->down;
    const double complex *b = (const double complex *)s->fd->q;
    for (int k = 0; k < pm->nsend; k++) {
        const double complex *plane = b + (long)pm->send_plane[k] * M[1] * Mh;
        double complex *dst = pm->sbuf + k * pm->msg;
        for (int r = 0; r < rows; r++) {
            int t1 = r < N[1] ? fold(fft_freq(r, N[1]), M[1]) : N[1] / 2;
            memcpy(dst + (long)r * Nh, plane + (long)t1 * Mh, (size_t)Nh * sizeof *dst);
        }
    }
    exchange(s, pm);
    double complex *a = (double complex *)s->cd->q;
    for (int l = 0; l < s->cd->local_n0; l++) {
        int q0 = s->cd->local_0_start + l, t[2];
        double w0 = fine_planes(N, M, q0, t);
        const int *pos = s->pos + 2 * l;
        for (int q1 = 0; q1 < N[1]; q1++) {
            int f1 = fft_freq(q1, N[1]);
            int r1[2] = {q1, -1};
            double w = w0;
            if (N[1] % 2 == 0 && 2 * f1 == -N[1]) w *= 0.5, r1[1] = N[1];
            for (int q2 = 0; q2 < Nh; q2++) {
                double complex v = 0.0;
                for (int x = 0; x < 2; x++) {
                    if (pos[x] < 0) continue;
                    const double complex *src = pm->rbuf + pos[x] * pm->msg;
                    for (int y = 0; y < 2; y++)
                        if (r1[y] >= 0) v += src[(long)r1[y] * Nh + q2];
                }
                a[((long)l * N[1] + q1) * Nh + q2] = w * v;
            }
        }
    }
}
