/* Fourier-Bessel transform of radial functions to reciprocal space, as GPAW's
 * plane-wave LFCs do it (gpaw/pw/lfc.py ft() over gpaw/lcao/overlap.py fbt()).
 *
 * A localised function f(r) r^l Y_L(r̂) (f the radial spline, without r^l) has
 *   ∫ e^{-iG·r} f(r) r^l Y_L(r̂) d³r = (-i)^l [ |G|^l Y_L(Ĝ) ] F_l(|G|),
 *   F_l(k) = 4π k^{-l} ∫_0^∞ r^{2+l} j_l(k r) f(r) dr,
 * where |G|^l Y_L(Ĝ) is the solid harmonic rlylm_real(G) of ylm.h. The integral is
 * done as GPAW does: j_l(x) = Re Σ_{n=0}^{l} C_ln e^{ix} / x^{n+1} with
 *   C_ln = i^n (l+n)! / (n! 2^n (l-n)!) (-i)^{l+1}
 * (the finite series of the spherical Hankel function, Abramowitz & Stegun 10.1.16),
 * so that k^{2l+1} F_l(k) = Σ_n k^{l-n} Re[C_ln 4π ∫ r^{1+l-n} f(r) e^{ikr} dr]; each
 * integral is a rectangle sum on r_j = j dr, j < N, evaluated for all k_q = q dk,
 * q < 2N, dk = π/(2 N dr), by one real FFT of length 4N (FFTW) per n. F_l(0) is
 * 4π/(2l+1)!! ∫ r^{2+2l} f dr. GPAW's defaults: N = 1024, N dr = 50 bohr, so
 * dk = π/100 bohr⁻¹ and k up to 64.3 bohr⁻¹ (an E_cut of 2000 Ha for |G|²/2).
 * The rectangle rule is spectrally accurate here because r^{2+l} j_l(kr) f(r) is even
 * in r for smooth f; the division by k^{2l+1} loses ~ε/(k dr)^{2l+1} at small k. */
#ifndef PAWSORB_MATH_FBT_H
#define PAWSORB_MATH_FBT_H

#include "core/err.h"
#include "math/spline.h"

#define FBT_N 1024          /* GPAW's N: real-space points */
#define FBT_RMAX 50.0       /* GPAW's rc (bohr): N dr */

/* F_l(k_q), q < 2n, from f_j = f(j dr), j < n (f_j should vanish before the end of the
 * table). Writes 2n values into F. Returns 0, or -1 (l < 0 or l > 20, n < 2 or n > 2^24, dr <= 0,
 * out of memory) with e set. Uses FFTW plans: not to be called from several threads. */
int fbt_transform(int l, int n, double dr, const double *f, double *F, err *e);

/* GPAW's ft(spline): samples f on r_j = j FBT_RMAX/FBT_N and returns in *out the
 * spline of F_l(k) on k_q = q π/(2 FBT_RMAX), q < 2 FBT_N (last value 0),
 * with out->l = f->l. Evaluate it at |G| and multiply by (-i)^l rlylm_real(G) to
 * get the plane-wave coefficients. Fails if f's cut-off exceeds FBT_RMAX. */
int fbt_spline(const spline *f, spline *out, err *e);

#endif
