/* G-slice <-> band-slice transposes of plane-wave blocks (parallel/pwdist.h). */
#include "parallel/pwdist.h"

#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

void pw_dist_slice(int npw, int P, int r, int *G0, int *G1)
{
    *G0 = (int)((long)r * npw / P);
    *G1 = (int)((long)(r + 1) * npw / P);
}

void pw_dist_bands(const pw_dist *d, int nb, int r, int *n0, int *n1)
{
    *n0 = (int)((long)r * nb / d->P);
    *n1 = (int)((long)(r + 1) * nb / d->P);
}

int pw_dist_init(pw_dist *d, MPI_Comm comm, int npw, int nbmax, err *e)
{
    memset(d, 0, sizeof *d);
    if (npw < 0 || nbmax < 1) return err_set(e, EXIT_INTERNAL, "pw_dist: %d coefficients, %d bands", npw, nbmax);
    d->comm = comm;
    MPI_Comm_size(comm, &d->P);
    MPI_Comm_rank(comm, &d->rank);
    d->npw = npw;
    d->nbmax = nbmax;
    d->G0_r = xmalloc((size_t)(d->P + 1) * sizeof *d->G0_r);
    for (int r = 0; r <= d->P; r++) d->G0_r[r] = (int)((long)r * npw / d->P);
    d->G0 = d->G0_r[d->rank];
    d->nG = d->G0_r[d->rank + 1] - d->G0;
    d->nmine_max = (nbmax + d->P - 1) / d->P;
    /* full also holds a packed block of nbmax bands of one slice (pw_dist_to_bands) */
    size_t n = (size_t)d->nmine_max * npw + 1, packed = (size_t)nbmax * (npw / d->P + 1);
    if (packed > n) n = packed;
    d->full = xcalloc(n, sizeof *d->full);
    d->buf = xcalloc(n, sizeof *d->buf);
    d->cnt = xcalloc(2 * (size_t)d->P, sizeof *d->cnt);
    d->dsp = xcalloc(2 * (size_t)d->P, sizeof *d->dsp);
    return 0;
}

void pw_dist_free(pw_dist *d)
{
    free(d->G0_r);
    free(d->full);
    free(d->buf);
    free(d->cnt);
    free(d->dsp);
    memset(d, 0, sizeof *d);
}

/* Send side (bands of rank s, my slice) and receive side (my bands, slice of rank s)
 * of the exchange, in complex numbers: scnt/sdsp against x (stride ldx = nG), rcnt/rdsp
 * against d->buf, which holds my m bands slice after slice (slice s at m G0_s). */
static void counts(pw_dist *d, int nb, int *scnt, int *sdsp, int *rcnt, int *rdsp)
{
    int n0, n1;
    pw_dist_bands(d, nb, d->rank, &n0, &n1);
    int m = n1 - n0;
    for (int s = 0; s < d->P; s++) {
        int s0, s1;
        pw_dist_bands(d, nb, s, &s0, &s1);
        scnt[s] = (s1 - s0) * d->nG;
        sdsp[s] = s0 * d->nG;
        rcnt[s] = m * (d->G0_r[s + 1] - d->G0_r[s]);
        rdsp[s] = m * d->G0_r[s];
    }
}

void pw_dist_to_bands(pw_dist *d, int nb, const double complex *x, int ldx)
{
    int *scnt = d->cnt, *rcnt = d->cnt + d->P, *sdsp = d->dsp, *rdsp = d->dsp + d->P;
    counts(d, nb, scnt, sdsp, rcnt, rdsp);
    const double complex *src = x;
    if (ldx != d->nG) {   /* pack to stride nG; d->full is free until the unpacking below */
        for (int n = 0; n < nb; n++)
            memcpy(d->full + (size_t)n * d->nG, x + (size_t)n * ldx, (size_t)d->nG * sizeof *x);
        src = d->full;
    }
    MPI_Alltoallv(src, scnt, sdsp, MPI_C_DOUBLE_COMPLEX, d->buf, rcnt, rdsp, MPI_C_DOUBLE_COMPLEX, d->comm);
    int n0, n1;
    pw_dist_bands(d, nb, d->rank, &n0, &n1);
    int m = n1 - n0;
    for (int s = 0; s < d->P; s++) {
        int g0 = d->G0_r[s], ng = d->G0_r[s + 1] - g0;
        for (int i = 0; i < m; i++)
            memcpy(d->full + (size_t)i * d->npw + g0, d->buf + (size_t)m * g0 + (size_t)i * ng,
                   (size_t)ng * sizeof *d->buf);
    }
}

void pw_dist_from_bands(pw_dist *d, int nb, double complex *y, int ldy)
{
    /* the reverse exchange: what was received is now sent and vice versa */
    int *rcnt = d->cnt, *scnt = d->cnt + d->P, *rdsp = d->dsp, *sdsp = d->dsp + d->P;
    counts(d, nb, rcnt, rdsp, scnt, sdsp);
    int n0, n1;
    pw_dist_bands(d, nb, d->rank, &n0, &n1);
    int m = n1 - n0;
    for (int s = 0; s < d->P; s++) {
        int g0 = d->G0_r[s], ng = d->G0_r[s + 1] - g0;
        for (int i = 0; i < m; i++)
            memcpy(d->buf + (size_t)m * g0 + (size_t)i * ng, d->full + (size_t)i * d->npw + g0,
                   (size_t)ng * sizeof *d->buf);
    }
    if (ldy == d->nG) {
        MPI_Alltoallv(d->buf, scnt, sdsp, MPI_C_DOUBLE_COMPLEX, y, rcnt, rdsp, MPI_C_DOUBLE_COMPLEX, d->comm);
        return;
    }
    /* stride ldy > nG: receive packed into d->full (no longer needed), then spread */
    MPI_Alltoallv(d->buf, scnt, sdsp, MPI_C_DOUBLE_COMPLEX, d->full, rcnt, rdsp, MPI_C_DOUBLE_COMPLEX, d->comm);
    for (int n = nb - 1; n >= 0; n--)
        memmove(y + (size_t)n * ldy, d->full + (size_t)n * d->nG, (size_t)d->nG * sizeof *y);
}
