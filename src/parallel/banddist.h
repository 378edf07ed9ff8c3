/* Band distribution inside a k-point group (issue 5, band groups; docs/parallel.md).
 *
 * The nb bands of a (spin, k) block are cut into B contiguous runs over the group's
 * band communicator (core/comm.h, comm->band): rank ib holds
 *     n0_ib = ib nb / B  <=  n  <  n0_{ib+1}
 * (as evenly as possible; nb need not divide by B), each on its plane-wave rank's G
 * slice (parallel/pwdist.h, unchanged inside a band group). Band-local work (H ψ,
 * projections, residuals, preconditioner, density and D_asp contributions, forces)
 * needs nothing from the other band ranks; the band-coupling algebra (Gram matrices
 * A^H B over all bands, rotations X C) gathers the other ranks' bands of the same G
 * slice with band_dist_allgather into a workspace of nb bands (eigensolver/davidson.h)
 * and computes its own columns. MPI_Allgatherv only moves data, so the gathered arrays
 * carry the same bits on every rank and run to run. */
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

#endif
