/* A real FFT grid cut into slabs of planes along axis 0 over the ranks of a
 * communicator (issue 13: the density and potential grids of a k-point group on its
 * plane-wave ranks), with FFTW's MPI transforms (fftw3-mpi, not transposed):
 *
 *   real space  rank r holds planes i0 = start_r .. start_r + n0_r - 1, every (i1, i2),
 *               point (i0, i1, i2) at ((i0 - start_r) n1 + i1) n2 + i2 of `r`;
 *   G space     the same planes q0 of the r2c half spectrum, (q0, q1, q2) at
 *               ((q0 - start_r) n1 + q1) nq2 + q2 of `q` (nq2 = n2/2 + 1),
 *
 * the layout of fft.h restricted to a slab. FFTW chooses the slabs (blocks of
 * ceil(n0 / P) planes, so the last ranks may hold fewer planes or none). The
 * normalisation is fft.h's: forward unnormalised, backward with 1/N only where the
 * caller asks for it (fft_dist_c2r leaves it out, as pw_fft_inverse does).
 *
 * Real plane-wave spheres on the slabs (fft_sphere): a sphere pw_basis (pd2, pd3:
 * real half spheres, G ordered by the box index, so by i0 first) whose coefficient
 * array stays whole on every rank; a rank's planes hold the contiguous coefficient
 * range [G0, G1). The inverse transform fills the rank's planes from the whole array,
 * the conjugate partners of the q2 = 0 plane included (the same entries and bits as
 * pw_fft_inverse), the forward transform yields the range [G0, G1), which
 * fft_sphere_gather spreads to every rank (MPI_Allgatherv: moves bits, adds nothing).
 *
 * Ownership: the plans, work arrays and maps are owned; the communicator and the
 * sphere are borrowed and must outlive the struct. Made once; the transforms allocate
 * nothing and plan nothing. */
#ifndef PAWSORB_FFT_DIST_H
#define PAWSORB_FFT_DIST_H

#include <complex.h>
#include <fftw3.h>
#include <mpi.h>

#include "basis/fft_grid.h"
#include "basis/pw_basis.h"
#include "core/err.h"

typedef struct {
    MPI_Comm comm;            /* borrowed */
    int P, rank;
    int n[3];                 /* global grid */
    long npoints;             /* n0 n1 n2 */
    int nq2;                  /* n2/2 + 1 */
    long plane_r, plane_q;    /* points per plane: n1 n2 reals, n1 nq2 complex */
    int *n0_r, *start_r;      /* P: planes and first plane of every rank; owned */
    int *cnt_r, *dsp_r;       /* P: reals per slab and their offsets (allgather); owned */
    int local_n0, local_0_start;
    long nlocal_r, nlocal_q;  /* local_n0 plane_r, local_n0 plane_q */
    double *r;                /* nlocal_r reals, unpadded; owned */
    fftw_complex *q;          /* nlocal_q half spectrum (at least one element); owned */
    double *pad;              /* FFTW's padded real slab, local_n0 x n1 x 2 nq2; owned */
    fftw_complex *qpad;       /* FFTW's complex slab (alloc_local elements); owned */
    fftw_plan r2c, c2r;
} fft_dist;

/* Collective over comm: plans the slab transforms of grid g (FFTW_ESTIMATE). Errors:
 * EXIT_INTERNAL when FFTW refuses, naming the grid. */
int fft_dist_init(fft_dist *d, const fft_grid *g, MPI_Comm comm, err *e);
void fft_dist_free(fft_dist *d);

/* Collective: q = forward(r) on the slabs; r is preserved. */
void fft_dist_r2c(fft_dist *d);
/* Collective: r = N backward(q) (no 1/N); q is destroyed. */
void fft_dist_c2r(fft_dist *d);

/* The planes of the slab that hold global plane i0 (owner), for halos and gathers. */
int fft_dist_owner(const fft_dist *d, int i0);

/* Collective: the whole grid (n0 n1 n2 reals, fft.h order) on every rank from the
 * slabs `a` (local_n0 plane_r reals each). MPI_Allgatherv: bits are moved only. */
void fft_dist_allgather(const fft_dist *d, const double *a, double *whole);

/* A real sphere on the slabs (see above). */
typedef struct {
    const pw_basis *pw;       /* borrowed: the whole sphere (real, on d's grid) */
    fft_dist *d;              /* borrowed */
    int G0, G1;               /* this rank's coefficient range */
    int *G0_r, *cnt_r;        /* P: every rank's range start and length; owned */
    long *q_G;                /* G1 - G0: local index in d->q of G0 + i; owned */
    int nconj;                /* conjugate fills on this rank's planes */
    int *conj_G;              /* nconj: the coefficient whose conjugate is placed; owned */
    long *conj_q;             /* nconj: where, in d->q; owned */
} fft_sphere;

/* pw must be a real sphere on the grid of d. Errors: EXIT_INTERNAL. */
int fft_sphere_init(fft_sphere *s, const pw_basis *pw, fft_dist *d, err *e);
void fft_sphere_free(fft_sphere *s);

/* Collective: d->r = scale sum_G c(G) e^{iG.r} on this rank's planes, c whole (npw):
 * pw_fft_inverse on slabs. */
void fft_sphere_inverse(fft_sphere *s, const double complex *c, double scale);
/* Collective: c(G) = beta c(G) + scale sum_r f(r) e^{-iG.r} for G in [G0, G1), f in
 * d->r (preserved); the rest of c is untouched. */
void fft_sphere_forward(fft_sphere *s, double complex *c, double scale, double beta);
/* c(G) = scale q(G) for G in [G0, G1) from the half spectrum already in d->q (no
 * transform, no communication). */
void fft_sphere_extract(const fft_sphere *s, double complex *c, double scale);
/* Collective: every rank's range of c spread to all ranks (in place). */
void fft_sphere_gather(const fft_sphere *s, double complex *c);

/* Halo planes of a slab (for finite-difference stencils across the slab boundaries):
 * an array with halo holds local_n0 + 2 width planes, slot j < width the global plane
 * start - width + j, slots width .. width + local_n0 - 1 the rank's own planes, then
 * the width planes after them (periodic, mod n0). Any slab sizes work, empty and
 * thinner-than-width slabs included (a plane may come from any rank, also from this
 * one). Owned buffers; the communicator is d's. */
typedef struct {
    const fft_dist *d;        /* borrowed */
    int width;
    int *scnt, *sdsp, *rcnt, *rdsp;   /* P each, in doubles; owned (one block) */
    int nsend, nrecv;         /* planes */
    int *send_plane;          /* nsend: local plane sent, in message order; owned */
    int *recv_slot;           /* nrecv: halo slot filled, in message order; owned */
    double *sbuf, *rbuf;      /* nsend, nrecv planes; owned */
} fft_halo;

int fft_halo_init(fft_halo *h, const fft_dist *d, int width, err *e);
void fft_halo_free(fft_halo *h);
/* Collective over d->comm: fills the 2 width halo planes of a (local_n0 + 2 width
 * planes) from the owners' planes. One MPI_Alltoallv; moves bits only. */
void fft_halo_exchange(fft_halo *h, double *a);

#endif
