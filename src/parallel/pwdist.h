/* Plane-wave distribution inside a k-point group (issue 5, step 3; docs/parallel.md).
 *
 * The G list of a k-point (pw_basis order, npw coefficients) is cut into P contiguous
 * slices over the group's plane-wave communicator (core/comm.h, comm->pw): rank r owns
 *     G0_r = r npw / P  <=  G  <  G0_{r+1}.
 * A block of nb bands is stored per rank as its slice (nb x nG_r, band-major, as
 * space.h): everything that is a sum or a linear map over G runs on the slices —
 * Gram matrices (eig_gram, reduced over comm->pw), rotations (eig_rotate, no
 * communication), projections <p|ψ> (pwlfc, reduced), the kinetic term and the
 * preconditioner — so that work and memory fall as 1/P.
 *
 * A band's FFT needs all of its G. Rather than a distributed 3D FFT, the block is
 * transposed (one MPI_Alltoallv) from G slices to band slices — rank r then holds
 * bands n0_r = r nb / P <= n < n0_{r+1} with all their G —, each rank transforms its
 * own bands with the serial FFTW plans (the same plans and numbers as a serial run),
 * and the result is transposed back. Per transpose every rank sends 16 nb npw (P - 1) / P^2 bytes. On
 * one node this costs less than a slab-decomposed FFT (two transposes of the whole
 * grid per band) and keeps each band's real-space values identical to the serial
 * run's. What it does not distribute: the grids (density, potentials, XC, Hartree,
 * mixer) stay whole on every rank (docs/parallel.md says so).
 *
 * Workspaces are sized at init for calls of up to nbmax bands; calls allocate nothing. */
#ifndef PAWSORB_PARALLEL_PWDIST_H
#define PAWSORB_PARALLEL_PWDIST_H

#include <complex.h>
#include <mpi.h>

#include "core/err.h"

typedef struct {
    MPI_Comm comm;          /* borrowed: the group's plane-wave communicator */
    int P, rank;
    int npw;                /* coefficients of the whole basis */
    int *G0_r;              /* P + 1 slice offsets; owned */
    int G0, nG;             /* this rank's slice */
    int nbmax;              /* most bands per call */
    int nmine_max;          /* most bands a rank transforms: ceil(nbmax / P) */
    double complex *full;   /* nmine_max x npw: this rank's bands, every G; owned */
    double complex *buf;    /* nmine_max x npw: exchange buffer; owned */
    int *cnt, *dsp;         /* P counts / displacements (complex numbers); owned */
} pw_dist;

/* Slices of npw coefficients over comm (collective only in MPI_Comm_size/rank). */
int pw_dist_init(pw_dist *d, MPI_Comm comm, int npw, int nbmax, err *e);
void pw_dist_free(pw_dist *d);

/* The G slice [*G0, *G1) of rank r for npw coefficients over P ranks. */
void pw_dist_slice(int npw, int P, int r, int *G0, int *G1);

/* Bands [*n0, *n1) that rank r transforms in a call of nb bands. */
void pw_dist_bands(const pw_dist *d, int nb, int r, int *n0, int *n1);

/* Collective over d->comm: x holds nb bands of this rank's G slice (stride ldx >= nG);
 * afterwards d->full row i (stride npw) is band n0 + i of this rank's band share,
 * all G in basis order. */
void pw_dist_to_bands(pw_dist *d, int nb, const double complex *x, int ldx);

/* Collective over d->comm, the inverse: y (nb bands, stride ldy >= nG) <- this rank's
 * G slice of every band, taken from the ranks' d->full rows. */
void pw_dist_from_bands(pw_dist *d, int nb, double complex *y, int ldy);

#endif
