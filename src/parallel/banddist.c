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
