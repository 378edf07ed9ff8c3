/* FFT plans on an fft_grid (FFTW3). Plans and work arrays are made once, at init;
 * the transform calls allocate nothing and plan nothing.
 *
 * Layout (the order GPAW uses, numpy C order): real-space point (i0, i1, i2) is at
 *   (i0 * n1 + i1) * n2 + i2,
 * the r2c half-spectrum point (q0, q1, q2), 0 <= q2 <= n2/2, at
 *   (q0 * n1 + q1) * (n2/2 + 1) + q2,
 * the full complex spectrum at (q0 * n1 + q1) * n2 + q2. Index q along an axis of n
 * points is the frequency fft_freq(q, n) = ((q + n/2) mod n) - n/2 (for even n the
 * Nyquist index n/2 is -n/2, as in gpaw/pw/descriptor.py); G = sum_c freq_c b_c.
 * The r2c axis q2 is not folded: 0..n2/2.
 *
 * Normalisation (gpaw/pw/descriptor.py, PWDescriptor.fft / ifft):
 *   forward   F(G) = sum_r f(r) e^{-i G.r}              (no factor)
 *   backward  f(r) = (1/N) sum_G F(G) e^{+i G.r},  N = n0 n1 n2,
 * so backward(forward(f)) = f. Integrals: int f g* dr = (dv / N) sum_G F(G) G*(G),
 * dv = volume / N.
 *
 * Distribution: the struct carries the slab this rank owns (planes local_0_start ..
 * local_0_start + local_n0 - 1 along axis 0) in real space and in G-space, as
 * fftw_mpi does; serial for now, so the slab is the whole grid. Batched many-band
 * transforms will add plans with howmany > 1 next to the single ones (see `howmany`). */
#ifndef PAWSORB_FFT_H
#define PAWSORB_FFT_H

#include <complex.h>
#include <fftw3.h>

#include "basis/fft_grid.h"
#include "core/err.h"

/* Which transforms a plan set supports (bitmask for fft_plan_init). */
enum { FFT_REAL = 1,      /* r2c forward / c2r backward */
       FFT_COMPLEX = 2 }; /* c2c forward / backward (k-point wavefunctions) */

typedef struct {
    int n[3];                 /* global grid */
    long npoints;             /* N = n0 n1 n2 (global) */
    int nq2;                  /* n2/2 + 1: length of the r2c axis */
    /* Ownership (issue 5 distributes with fftw_mpi; now the whole grid). */
    int local_n0, local_0_start;       /* real-space slab along axis 0 */
    int local_g_n0, local_g_start;     /* G-space slab along axis 0 */
    long nlocal_r;            /* local real points: local_n0 n1 n2 */
    long nlocal_q;            /* local half-spectrum points: local_g_n0 n1 nq2 */
    long nlocal_z;            /* local full-spectrum points: local_g_n0 n1 n2 */
    int howmany;              /* transforms per call; 1 now, bands later */
    int kinds;                /* FFT_REAL | FFT_COMPLEX as requested */
    /* Work arrays owned by the plan (fftw_malloc, SIMD aligned). The transforms act
     * on these: callers fill the input, call, read the output. */
    double *r;                /* nlocal_r reals */
    fftw_complex *q;          /* nlocal_q half-spectrum */
    fftw_complex *z;          /* nlocal_z full complex (FFT_COMPLEX only) */
    fftw_plan r2c, c2r, fwd, bwd;
} fft_plan;

/* Plans the requested kinds on grid g (FFTW_ESTIMATE: planning costs nothing and
 * results do not depend on timing). Returns 0, or -1 with e set (EXIT_INTERNAL if
 * FFTW refuses, EXIT_RUN_FAILED if out of memory). */
int fft_plan_init(fft_plan *p, const fft_grid *g, int kinds, err *e);
void fft_plan_free(fft_plan *p);

/* q = forward(r). r is preserved. */
void fft_r2c(fft_plan *p);
/* r = backward(q), including the 1/N. q is destroyed (FFTW c2r overwrites it). */
void fft_c2r(fft_plan *p);
/* z = forward(z) in place. */
void fft_c2c_forward(fft_plan *p);
/* z = backward(z) in place, including the 1/N. */
void fft_c2c_backward(fft_plan *p);

/* Signed frequency of index q on an axis of n points (GPAW's convention above). */
static inline int fft_freq(int q, int n)
{
    return ((q + n / 2) % n) - n / 2;
}

/* Weight of a half-spectrum plane q2 in a sum over the full spectrum of a real
 * function: 1 for q2 = 0 and (n2 even) q2 = n2/2, whose planes hold G and -G
 * both; 2 otherwise. */
static inline double fft_r2c_weight(int q2, int n2)
{
    return (q2 == 0 || 2 * q2 == n2) ? 1.0 : 2.0;
}

#endif
