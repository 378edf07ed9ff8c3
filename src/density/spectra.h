/* Spectrum planes moved between the coarse grid's and the fine grid's slabs (both cut
 * along axis 0 over the same ranks, basis/fft_dist.h), for density.h's Fourier
 * interpolation (pd2.interpolate) and restriction (pd3.restrict) when the grids are
 * distributed:
 *
 *   interpolation  coarse plane q0 (frequency f0) goes whole to the fine plane f0 mod M0
 *                  and, for an even coarse size's Nyquist plane f0 = -N0/2, also to the
 *                  fine plane +N0/2 (both halved): one message per (q0, target);
 *   restriction    the coarse plane q0 needs the fine plane f0 mod M0 (and +N0/2 at the
 *                  Nyquist plane), of which only the rows f1 mod M1 of the coarse
 *                  frequencies (and +N1/2) and the columns q2 <= N2/2 are sent.
 *
 * Each rank fills its planes from the messages with the serial loops' arithmetic in the
 * serial order, so given the same spectra the results carry the serial bits; the moves
 * add nothing. The message lists are made once (every rank enumerates all moves in one
 * global order and keeps its own), one MPI_Alltoallv per call.
 *
 * Ownership: borrows the grids and slabs; owns its lists and buffers. */
#ifndef PAWSORB_DENSITY_SPECTRA_H
#define PAWSORB_DENSITY_SPECTRA_H

#include <complex.h>

#include "basis/fft_dist.h"
#include "core/err.h"

/* The moves of one direction. */
typedef struct {
    long msg;                      /* complex numbers per message */
    int nsend, nrecv;              /* messages */
    int *scnt, *sdsp, *rcnt, *rdsp;/* P each, complex numbers; owned (one block) */
    int *send_plane;               /* nsend: the local source plane of each message */
    int *recv_a, *recv_b;          /* nrecv: what each message is (see spectra.c) */
    double complex *sbuf, *rbuf;   /* owned */
} plane_moves;

typedef struct {
    const int *N, *M;              /* coarse and fine sizes (borrowed from the grids) */
    const fft_dist *cd, *fd;       /* coarse and fine slabs, borrowed */
    plane_moves up;                /* coarse -> fine (interpolation) */
    plane_moves down;              /* fine -> coarse (restriction) */
    int *pos;                      /* 2 cd->local_n0: restriction message of (q0, x), or -1; owned */
} spectra;

/* Collective over the slabs' communicator (the same for both): N, M the coarse and fine
 * grid sizes (M_c >= N_c). Errors: EXIT_INTERNAL. */
int spectra_init(spectra *s, const int N[3], const int M[3], const fft_dist *cd, const fft_dist *fd, err *e);
void spectra_free(spectra *s);

/* Collective: fine spectrum planes (fd->q, overwritten) from the coarse ones (cd->q),
 * pd2.interpolate's placement and weights. */
void spectra_interpolate(spectra *s);
/* Collective: coarse spectrum planes (cd->q, overwritten) from the fine ones (fd->q),
 * pd3.restrict's placement and weights (no 1/8: as the serial code). */
void spectra_restrict(spectra *s);

#endif
