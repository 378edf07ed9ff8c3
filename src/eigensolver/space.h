/* Blocks of plane-wave coefficient vectors, their inner product and the operator the
 * eigensolver iterates with.
 *
 * Layout. A block of nb bands is a column-major npw x nb matrix of double complex with
 * leading dimension ld >= npw: coefficient G of band n is x[n * ld + G]. Each band is
 * contiguous (one FFT per band reads one vector), and the band-by-band algebra is a
 * plain ZGEMM / DGEMM on the block (GPAW stores psit_nG the same way, row-major n x G).
 *
 * Inner product (gpaw/pw/descriptor.py, PWDescriptor.integrate):
 *   complex (k != 0, or any k with complex wavefunctions):
 *       <a|b> = w sum_G a*(G) b(G)
 *   real (Gamma-only, half G sphere stored, psi(-G) = psi(G)*):
 *       <a|b> = w [ 2 Re sum_G a*(G) b(G) - a(0) b(0) ]
 * where a(0) is the (real) G = 0 coefficient. The weight w is dv / N (= V / N^2) for
 * GPAW's normalisation of coefficients (psi(r) = (1/N) sum_G psi(G) e^{iG.r}) or 1 for
 * coefficients that are themselves orthonormal. In the real case the imaginary part of
 * psi(0) must be zero (as a c2r FFT of a real function gives); the rule above then is
 * the full-sphere sum. The real-case Gram matrix is 2 w X^T Y on the (2 npw x nb) real
 * view of the block minus the rank-one G = 0 correction: DGEMM, half of ZGEMM's work.
 *
 * Subspace matrices (nb x nb) are column-major with leading dimension ldm: double
 * complex entries stored as (re, im) pairs when !real, doubles when real. */
#ifndef PAWSORB_EIGEN_SPACE_H
#define PAWSORB_EIGEN_SPACE_H

#include <complex.h>
#include <mpi.h>

#include "core/err.h"

typedef struct {
    int npw;            /* coefficients on this rank */
    int ld;             /* stride between bands, >= npw */
    int real;           /* 1: Gamma-only half sphere (GPAW's dtype=float) */
    int g0;             /* index of G = 0 on this rank (real case), -1 if not here */
    double weight;      /* w of the inner product above */
    const double *g2;   /* npw values |k+G|^2 / 2, hartree; borrowed (pw_basis.g2) */
    MPI_Comm comm;      /* plane-wave group: Gram sums are reduced over it (collective);
                         * MPI_COMM_NULL when the coefficients are not distributed */
    double *work;       /* 2 COMM_CHUNK doubles for the ordered sums over comm (core/comm.h,
                         * comm_ctx.work); borrowed; only read when comm is not NULL */
} eig_space;

/* Applies the PAW Hamiltonian and overlap to nb bands psi (ld = space.ld):
 *   hpsi = H psi   (skipped when hpsi is NULL: only the overlap is wanted),
 *   spsi = S psi = psi + sum_a sum_ij |p_i^a> dO_ij^a <p_j^a|psi>,
 *   proj = <p|psi> (naux values per band, stride ldp), when proj is non-NULL.
 * Both H and S use the same projections P_ani, so the caller computes them once.
 * Must not allocate (the eigensolver calls it every iteration). Returns 0, or -1
 * with e set. */
typedef int (*eig_apply_fn)(void *ctx, int nb, const double complex *psi,
                            double complex *hpsi, double complex *spsi,
                            double complex *proj, int ldp, err *e);

/* The PAW split form of the same operator (optional; all three or none). With
 * H = T + V + sum_a |p^a> dH^a <p^a| and S = 1 + sum_a |p^a> dO^a <p^a| the eigensolver
 * never needs H psi or S psi as arrays: its matrix elements are
 *   <A|H|B> = <A|(T + V) B> + P_A^H dH P_B,   <A|S|B> = <A|B> + P_A^H dO P_B,
 * and its residuals H psi - eps S psi = (T + V) psi - eps psi + sum_a |p^a> (dH - eps dO) P,
 * so one projection per band and no |p> sums in the applications (eigensolver/davidson.h).
 *
 * eig_apply_local_fn: tpsi = (T + V) psi and proj = <p|psi> (naux per band, stride ldp;
 * proj NULL: not computed; tpsi NULL: only the projections) for nb bands. Must not allocate. Returns 0, or -1 with e set.
 * eig_nonlocal_gram_fn: M(i, j) += P_A,i^H X P_B,j for i < m, j < n, X = dH (h = 1) or dO
 * (h = 0), A and B projections (strides lda, ldb), M subspace storage (ldm). The
 * projections are whole on every rank: the same bits everywhere, no communication.
 * eig_add_nonlocal_fn: R_n += sum_a |p^a> (dH^a - eps_n dO^a) P_n^a for nb bands (stride
 * ldr; proj stride ldp). */
typedef int (*eig_apply_local_fn)(void *ctx, int nb, const double complex *psi, double complex *tpsi,
                                  double complex *proj, int ldp, err *e);
typedef void (*eig_nonlocal_gram_fn)(void *ctx, int h, int m, const double complex *A, int lda, int n,
                                     const double complex *B, int ldb, double *M, int ldm);
typedef int (*eig_add_nonlocal_fn)(void *ctx, int nb, const double *eps, const double complex *proj, int ldp,
                                   double complex *R, int ldr, err *e);

/* What the eigensolver needs to know of one k-point's Hamiltonian. */
typedef struct {
    eig_space space;
    int naux;           /* projections per band returned by apply (0: none) */
    eig_apply_fn apply;
    /* The split form (above); NULL when the operator has no projector part of its own. */
    eig_apply_local_fn apply_local;
    eig_nonlocal_gram_fn nonlocal_gram;
    eig_add_nonlocal_fn add_nonlocal;
    void *ctx;          /* passed to the functions; owned by the caller */
} eig_operator;

/* M(i,j) = <A_i|B_j> for i < m, j < n (the rule above; GEMM). Collective over
 * s->comm when it is not MPI_COMM_NULL: the slices' partial matrices are summed in a
 * fixed order (comm_sum_ordered_matrix), the same bits on every rank and run to run. */
void eig_gram(const eig_space *s, int m, int n, const double complex *A,
              const double complex *B, double *M, int ldm);

/* nrm[j] = <A_j|A_j> for the n bands of A. Collective like eig_gram (ordered sum). */
void eig_norms(const eig_space *s, int n, const double complex *A, double *nrm);

/* Y = beta Y + X C for vectors of length len: X is len x k (stride ldx), C is k x nb
 * (subspace storage: real when `real`), Y is len x nb (stride ldy). One ZGEMM, or one
 * DGEMM on the real views when real (C real: real and imaginary parts rotate alike). */
void eig_rotate(int real, int len, int nb, int k, const double complex *X, int ldx,
                const double *C, int ldc, double beta, double complex *Y, int ldy);

/* X <- X L^{-H} for the lower-triangular n x n L (subspace storage): the block that
 * makes X^H S X = L L^H the identity. One in-place TRSM; len and ld as eig_rotate. */
void eig_solve_lower_h(int real, int len, int ld, int n, const double *L, int ldl,
                       double complex *X);

#endif
