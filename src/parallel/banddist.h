/* Band distribution inside a k-point group (issue 5, band groups; docs/parallel.md).
 *
 * The nb bands of a (spin, k) block are cut into B contiguous runs over the group's
 * band communicator (core/comm.h, comm->band): rank ib holds
 *     n0_ib = ib nb / B  <=  n  <  n0_{ib+1}
 * (as evenly as possible; nb need not divide by B), each on its plane-wave rank's G
 * slice (parallel/pwdist.h, unchanged inside a band group). Band-local work (H ψ,
 * projections, residuals, preconditioner, density and D_asp contributions, forces)
 * needs nothing from the other band ranks; the band-coupling algebra (Gram matrices
 * A^H B over all bands, rotations X C; eigensolver/davidson.h) passes the runs of A or
 * X of the same G slice around the band ranks in a ring (band_ring: cyclic shifts, two
 * buffers of ceil(nb / B) bands instead of a copy of all nb) and each rank computes its
 * own columns; small arrays (matrix columns, residual norms) are gathered whole with
 * band_dist_allgather. Both only move data, so every rank gets the same bits run to
 * run. */
#ifndef PAWSORB_PARALLEL_BANDDIST_H
#define PAWSORB_PARALLEL_BANDDIST_H

#include <mpi.h>
#include <stddef.h>

#include "core/err.h"

typedef struct {
    MPI_Comm comm;    /* borrowed: the group's band communicator */
    int B, rank;
    int *cnt, *dsp;   /* B counts / displacements (in units) for MPI_Allgatherv; owned */
} band_dist;

/* B = the size of comm (collective only in MPI_Comm_size/rank). */
int band_dist_init(band_dist *d, MPI_Comm comm, err *e);
void band_dist_free(band_dist *d);

/* Bands [*n0, *n1) of rank r when nb bands are cut over B ranks (rule above). */
void band_dist_range(int nb, int B, int r, int *n0, int *n1);

/* This rank's bands of nb: [*n0, *n1). */
static inline void band_dist_mine(const band_dist *d, int nb, int *n0, int *n1)
{
    band_dist_range(nb, d->B, d->rank, n0, n1);
}

/* Collective over d->comm: all[n] (n < nb; one unit of `unit` doubles per band, units
 * contiguous) <- rank r's units for its bands [n0_r, n1_r). loc holds this rank's
 * n1 - n0 units, or is NULL when they are already in place at all + n0 unit. */
void band_dist_allgather(band_dist *d, int nb, const void *loc, void *all, size_t unit);

/* A ring pass over the band ranks: at step k = 0 .. B-1 this rank holds the run of rank
 * src = (rank + k) mod B — its own (loc) first — as `cur`, bands [n0, n1) of nb; while
 * the caller works on it, the run goes on to rank - 1 and the next arrives from
 * rank + 1 (MPI_Isend / MPI_Irecv). Units as band_dist_allgather; buf0 and buf1 hold
 * ceil(nb / B) units each; loc and cur must not be written during the pass.
 *     band_ring r;
 *     for (band_ring_begin(&r, d, nb, loc, unit, b0, b1); r.cur; band_ring_next(&r)) ...
 * Collective over d->comm: every rank runs the whole pass. */
typedef struct {
    band_dist *d;
    int nb, step, src, n0, n1;
    size_t unit;
    const void *cur;        /* NULL after the last step */
    void *buf[2];
    MPI_Request req[2];
    MPI_Datatype type;
} band_ring;

void band_ring_begin(band_ring *r, band_dist *d, int nb, const void *loc, size_t unit, void *buf0, void *buf1);
void band_ring_next(band_ring *r);

#endif
