#include "core/comm.h"

#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

int comm_init(comm_ctx *c, MPI_Comm world)
{
    int size;
    MPI_Comm_size(world, &size);
    return comm_init_layout(c, world, (comm_layout){size, 1, 1}, NULL);
}

int comm_init_layout(comm_ctx *c, MPI_Comm world, comm_layout l, err *e)
{
    memset(c, 0, sizeof *c);
    c->world = world;
    MPI_Comm_rank(world, &c->rank);
    MPI_Comm_size(world, &c->size);
    if (l.kpt < 1 || l.band < 1 || l.pw < 1 || l.kpt * l.band * l.pw != c->size)
        return err_set(e, EXIT_INTERNAL, "parallel layout %d x %d x %d does not match %d ranks", l.kpt, l.band, l.pw,
                       c->size);
    c->layout = l;
    int ingroup = l.band * l.pw, r = c->rank;
    c->kgroup = r / ingroup;
    int j = r % ingroup, ib = j / l.pw, ipw = j % l.pw;
    MPI_Comm_split(world, j, c->kgroup, &c->kpt);
    MPI_Comm_split(world, c->kgroup, j, &c->group);
    MPI_Comm_split(c->group, ipw, ib, &c->band);
    MPI_Comm_split(c->group, ib, ipw, &c->pw);
    c->work = xmalloc(2 * COMM_CHUNK * sizeof *c->work);   /* comm_sum_ordered_matrix packs into the second half */
    return 0;
}

void comm_free(comm_ctx *c)
{
    if (c->work) {   /* only a successful comm_init_layout allocated it */
        MPI_Comm_free(&c->kpt);
        MPI_Comm_free(&c->group);
        MPI_Comm_free(&c->band);
        MPI_Comm_free(&c->pw);
    }
    free(c->work);
    memset(c, 0, sizeof *c);
}

/* One chunk: binary-tree reduction onto rank 0 in a fixed order. */
static void tree_sum(MPI_Comm comm, int rank, int size, double *x, int n, double *work)
{
    for (int step = 1; step < size; step <<= 1) {
        if (rank % (2 * step) == step) {
            MPI_Send(x, n, MPI_DOUBLE, rank - step, 7, comm);
            return;
        }
        if (rank + step < size) {
            MPI_Recv(work, n, MPI_DOUBLE, rank + step, 7, comm, MPI_STATUS_IGNORE);
            for (int i = 0; i < n; i++) x[i] += work[i];
        }
    }
}

void comm_sum_ordered(MPI_Comm comm, double *x, size_t n, double *work)
{
    int rank, size;
    MPI_Comm_size(comm, &size);
    if (size == 1 || n == 0) return;
    MPI_Comm_rank(comm, &rank);
    for (size_t i0 = 0; i0 < n; i0 += COMM_CHUNK) {
        int m = n - i0 < COMM_CHUNK ? (int)(n - i0) : COMM_CHUNK;
        tree_sum(comm, rank, size, x + i0, m, work);
        MPI_Bcast(x + i0, m, MPI_DOUBLE, 0, comm);
    }
}

void comm_sum_ordered_matrix(MPI_Comm comm, double *M, size_t m, size_t n, size_t ld, double *work)
{
    if (ld == m || n == 1) {   /* contiguous */
        comm_sum_ordered(comm, M, m * n, work);
        return;
    }
    int rank, size;
    MPI_Comm_size(comm, &size);
    if (size == 1 || m == 0 || n == 0) return;
    MPI_Comm_rank(comm, &rank);
    if (m > COMM_CHUNK) {
        for (size_t j = 0; j < n; j++) comm_sum_ordered(comm, M + j * ld, m, work);
        return;
    }
    size_t per = COMM_CHUNK / m;   /* columns per message */
    double *pack = work + COMM_CHUNK;
    for (size_t j0 = 0; j0 < n; j0 += per) {
        size_t k = n - j0 < per ? n - j0 : per;
        for (size_t j = 0; j < k; j++) memcpy(pack + j * m, M + (j0 + j) * ld, m * sizeof *M);
        tree_sum(comm, rank, size, pack, (int)(k * m), work);
        MPI_Bcast(pack, (int)(k * m), MPI_DOUBLE, 0, comm);
        for (size_t j = 0; j < k; j++) memcpy(M + (j0 + j) * ld, pack + j * m, m * sizeof *M);
    }
}

int comm_agree(const comm_ctx *c, int rc, err *e)
{
    int mine = rc ? c->rank : c->size, first;
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, c->world);
    if (first == c->size) return 0;
    /* the failing rank's status and message go to everyone */
    struct { int status; char msg[sizeof e->msg]; } m = {0};
    if (c->rank == first && e) {
        m.status = e->status ? e->status : EXIT_INTERNAL;
        memcpy(m.msg, e->msg, sizeof m.msg);
    }
    MPI_Bcast(&m, (int)sizeof m, MPI_BYTE, first, c->world);
    if (e && c->rank != first) {
        e->status = m.status;
        memcpy(e->msg, m.msg, sizeof e->msg);
    }
    return -1;
}
