/* Contiguous band runs over the band communicator (parallel/banddist.h). */
#include "parallel/banddist.h"

#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

void band_dist_range(int nb, int B, int r, int *n0, int *n1)
{
    *n0 = (int)((long)r * nb / B);
    *n1 = (int)((long)(r + 1) * nb / B);
}

int band_dist_init(band_dist *d, MPI_Comm comm, err *e)
{
    memset(d, 0, sizeof *d);
    if (comm == MPI_COMM_NULL) return err_set(e, EXIT_INTERNAL, "band_dist: no communicator");
    d->comm = comm;
    MPI_Comm_size(comm, &d->B);
    MPI_Comm_rank(comm, &d->rank);
    d->cnt = xcalloc((size_t)d->B, sizeof *d->cnt);
    d->dsp = xcalloc((size_t)d->B, sizeof *d->dsp);
    return 0;
}

void band_dist_free(band_dist *d)
{
    free(d->cnt);
    free(d->dsp);
    memset(d, 0, sizeof *d);
}

void band_dist_allgather(band_dist *d, int nb, const void *loc, void *all, size_t unit)
{
    if (d->B == 1 || unit == 0) {
        if (loc && nb > 0) memmove(all, loc, (size_t)nb * unit * sizeof(double));
        return;
    }
    for (int r = 0; r < d->B; r++) {
        int n0, n1;
        band_dist_range(nb, d->B, r, &n0, &n1);
        d->cnt[r] = n1 - n0;
        d->dsp[r] = n0;
    }
    /* one band's unit as a datatype: counts stay small for any block size */
    MPI_Datatype t;
    MPI_Type_contiguous((int)unit, MPI_DOUBLE, &t);
    MPI_Type_commit(&t);
    if (loc)
        MPI_Allgatherv(loc, d->cnt[d->rank], t, all, d->cnt, d->dsp, t, d->comm);
    else
        MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, all, d->cnt, d->dsp, t, d->comm);
    MPI_Type_free(&t);
}

/* Posts the exchange of step r->step: cur to the left, the next run from the right. */
static void ring_post(band_ring *r)
{
    band_dist *d = r->d;
    r->req[0] = r->req[1] = MPI_REQUEST_NULL;
    if (r->step >= d->B - 1) return;
    int left = (d->rank + d->B - 1) % d->B, right = (d->rank + 1) % d->B;
    int nsrc = (d->rank + r->step + 1) % d->B, a0, a1;
    band_dist_range(r->nb, d->B, nsrc, &a0, &a1);
    MPI_Irecv(r->buf[r->step % 2], a1 - a0, r->type, right, 11, d->comm, &r->req[0]);
    MPI_Isend(r->cur, r->n1 - r->n0, r->type, left, 11, d->comm, &r->req[1]);
}

void band_ring_begin(band_ring *r, band_dist *d, int nb, const void *loc, size_t unit, void *buf0, void *buf1)
{
    memset(r, 0, sizeof *r);
    r->d = d, r->nb = nb, r->unit = unit, r->cur = loc;
    r->buf[0] = buf0, r->buf[1] = buf1;
    r->src = d->rank;
    band_dist_range(nb, d->B, r->src, &r->n0, &r->n1);
    r->type = MPI_DATATYPE_NULL;
    if (d->B > 1) {
        MPI_Type_contiguous((int)unit, MPI_DOUBLE, &r->type);
        MPI_Type_commit(&r->type);
    }
    ring_post(r);
}

void band_ring_next(band_ring *r)
{
    band_dist *d = r->d;
    MPI_Waitall(2, r->req, MPI_STATUSES_IGNORE);
    if (++r->step >= d->B) {
        r->cur = NULL;
        if (r->type != MPI_DATATYPE_NULL) MPI_Type_free(&r->type);
        return;
    }
    r->cur = r->buf[(r->step - 1) % 2];
    r->src = (d->rank + r->step) % d->B;
    band_dist_range(r->nb, d->B, r->src, &r->n0, &r->n1);
    ring_post(r);
}
