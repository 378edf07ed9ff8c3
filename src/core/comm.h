/* The MPI context: created once in main and passed down; nothing below main touches
 * MPI_COMM_WORLD.
 *
 * Layout (GPAW's kpt_comm x band_comm x domain_comm, gpaw/mpi/__init__.py and
 * gpaw/parallel.py): the world's ranks form `layout.kpt` k-point groups; each group
 * owns whole (spin, k) blocks and holds `layout.band x layout.pw` ranks. World rank r is
 *     kgroup = r / (band pw),   ib = (r mod band pw) / pw,   ipw = r mod pw,
 * so the plane-wave ranks of a group are neighbours (one node, shared memory first).
 * Communicators:
 *   kpt    one rank of every k-point group, all with the same (ib, ipw): sums over
 *          k-points and spins (density, D_asp, eigenvalues) run over it;
 *   group  every rank of this rank's k-point group;
 *   band   the ranks of the group with the same ipw (band distribution);
 *   pw     the ranks of the group with the same ib (plane-wave / FFT distribution).
 * comm_init makes the k-point layout of the whole world (kpt = world, group = band =
 * pw = self); the command that knows the problem re-splits with comm_init_layout. */
#ifndef PAWSORB_COMM_H
#define PAWSORB_COMM_H
#include <mpi.h>
#include <stddef.h>

#include "core/err.h"

typedef struct {
    int kpt, band, pw;   /* group counts; kpt * band * pw = world size */
} comm_layout;

typedef struct {
    MPI_Comm world;  /* all ranks of the run */
    MPI_Comm kpt;    /* across k-point groups (see above) */
    MPI_Comm group;  /* this rank's k-point group */
    MPI_Comm band;   /* band distribution inside the group */
    MPI_Comm pw;     /* plane-wave / FFT-grid distribution inside the group */
    int rank, size;  /* in world */
    comm_layout layout;
    int kgroup;      /* this rank's k-point group, 0 .. layout.kpt - 1 */
    double *work;    /* 2 COMM_CHUNK doubles for the ordered sums; owned */
} comm_ctx;

/* Doubles moved per message by comm_sum_ordered (256 kB). */
#define COMM_CHUNK 32768

/* Collective over `world`: the layout {size, 1, 1}. */
int comm_init(comm_ctx *c, MPI_Comm world);
/* Collective over `world`: the layout l (l.kpt l.band l.pw must equal the world's size,
 * else EXIT_INTERNAL: the layout chooser guarantees it). */
int comm_init_layout(comm_ctx *c, MPI_Comm world, comm_layout l, err *e);
void comm_free(comm_ctx *c);

/* Collective over `comm`: x[0..n) becomes the sum over the ranks of comm, the same bits
 * on every rank. The order of the additions is a fixed binary tree over the ranks
 * (rank r adds r + 2^l at level l, then rank 0 broadcasts), so a run repeated on the
 * same number of ranks gives identical results; MPI_Allreduce promises neither.
 * `work` holds COMM_CHUNK doubles. */
void comm_sum_ordered(MPI_Comm comm, double *x, size_t n, double *work);

/* Collective over `comm`: the m x n column-major matrix M (leading dimension ld >= m,
 * in doubles) becomes its sum over the ranks, by the same tree as comm_sum_ordered (so
 * the same bits on every rank and run to run). Whole columns are packed into messages
 * of up to COMM_CHUNK doubles (a column longer than that is summed in place); `work`
 * holds 2 COMM_CHUNK doubles (comm_ctx.work). */
void comm_sum_ordered_matrix(MPI_Comm comm, double *M, size_t m, size_t n, size_t ld, double *work);

/* Collective over c->world: every rank passes its own rc (0 or -1 with e set) and all
 * get the same answer: 0 when every rank succeeded, else -1 with e (status and message)
 * copied from the lowest failing rank. Called after local work that may fail on some
 * ranks only, before the next collective, so no rank waits for one that gave up. */
int comm_agree(const comm_ctx *c, int rc, err *e);

#endif
