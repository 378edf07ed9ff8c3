/* Plane-wave coefficients of one basis <-> values on its FFT grid, with GPAW's
 * normalisation (gpaw/pw/descriptor.py, PWDescriptor.fft / ifft):
 *
 *   fft:   c(G) = sum_r f(r) e^{-iG.r}            (over the basis' G only)
 *   ifft:  f(r) = (1/N) sum_G c(G) e^{iG.r}
 *
 * For a real basis (Gamma-only wavefunctions, and GPAW's density spheres pd2/pd3, which
 * are always real) only half of the sphere is stored; the inverse transform fills the
 * q2 = 0 plane of the r2c half-spectrum with c(-G) = c(G)* before the c2r transform,
 * exactly the planes GPAW fills (Nyquist rows excluded), so that its FFTW input and ours
 * agree entry by entry. A complex basis uses the full c2c transform (the Bloch phase
 * e^{ik.r} is not on the grid: f is the periodic part).
 *
 * The transforms act on the plan's work arrays (fft.h): ifft leaves f in plan->r (real)
 * or plan->z (complex); fft reads them. Nothing is allocated after init. */
#ifndef PAWSORB_PWFFT_H
#define PAWSORB_PWFFT_H

#include <complex.h>

#include "basis/fft.h"
#include "basis/pw_basis.h"
#include "core/err.h"

typedef struct {
    const pw_basis *pw;   /* borrowed */
    fft_plan *plan;       /* borrowed: FFT_REAL for a real basis, FFT_COMPLEX otherwise */
    int real;
    long *q_G;            /* npw: index of G in plan->q (real) or plan->z (complex); owned */
    long *qc_G;           /* real: index of -G in the q2 = 0 plane to fill, or -1; owned */
} pw_fft;

/* plan must be on the basis' grid with the right kind. Errors: EXIT_INTERNAL. */
int pw_fft_init(pw_fft *t, const pw_basis *pw, fft_plan *plan, err *e);
void pw_fft_free(pw_fft *t);

/* plan->r (or ->z) = scale * N * ifft(c), i.e. scale sum_G c(G) e^{iG.r}; GPAW's ifft is
 * scale = 1/N. */
void pw_fft_inverse(pw_fft *t, const double complex *c, double scale);

/* c(G) = beta c(G) + scale * sum_r f(r) e^{-iG.r} with f in plan->r (or plan->z, which is
 * transformed in place). plan->r is preserved. */
void pw_fft_forward(pw_fft *t, double complex *c, double scale, double beta);

#endif
