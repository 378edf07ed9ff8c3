/* Real spherical harmonics Y_L(r̂), L = l*l + l + m, in GPAW's ordering, sign and
 * normalisation (gpaw/spherical_harmonics.py: Y(L, x, y, z) and nablarlYL).
 *
 *   L:  0 | 1  2  3 | 4   5   6        7   8      | 9 ...
 *       1 | y  z  x | xy  yz  3z²-r²   zx  x²-y²  | ...
 *
 * For m > 0:  Y_lm = sqrt(2) N_lm P_l^m(cos θ) cos(m φ)
 * for m < 0:  Y_lm = sqrt(2) N_l|m| P_l^|m|(cos θ) sin(|m| φ)
 * for m = 0:  Y_l0 = N_l0 P_l(cos θ),  N_lm = sqrt((2l+1)/(4π) (l-m)!/(l+m)!),
 * with the associated Legendre functions P_l^m taken WITHOUT the Condon-Shortley
 * phase (every coefficient of GPAW's polynomial table for m = ±l is positive), so that
 * ∫ Y_L Y_L' dΩ = δ_LL'.
 *
 * The solid ("r^l-scaled") form r^l Y_L(r̂) is a homogeneous polynomial of degree l in
 * x, y, z; it is what GPAW's Y(L, x, y, z) returns for a non-unit vector and what the
 * plane-wave LFCs multiply by (gpaw/pw/lfc.py, Y(L, *G_v)).
 *
 * It is evaluated with the stable recurrences of the solid harmonics
 *   r^l P_l^m(z/r) e^{imφ} = Π_l^m(z, r²) (x + i y)^m,
 *   Π_m^m = (2m-1)!!,  Π_{m+1}^m = (2m+1) z Π_m^m,
 *   (l-m) Π_l^m = (2l-1) z Π_{l-1}^m - (l+m-1) r² Π_{l-2}^m
 * (e.g. Abramowitz & Stegun 8.5.3; Helgaker, Jørgensen, Olsen, "Molecular
 * Electronic-Structure Theory", 6.4), so any lmax >= 0 works; arrays hold
 * (lmax+1)^2 entries. All functions are pure and thread-safe. */
#ifndef PAWSORB_MATH_YLM_H
#define PAWSORB_MATH_YLM_H

/* Number of L = (l, m) channels up to and including lmax: (lmax+1)^2 (0 if lmax < 0). */
static inline int ylm_count(int lmax) { return lmax < 0 ? 0 : (lmax + 1) * (lmax + 1); }

/* Y_L(r̂) for L < (lmax+1)^2 into Y. rhat need not be normalised; for the zero vector
 * (no direction) Y_0 = 1/sqrt(4π) and every other Y_L = 0 is returned. */
void ylm_real(int lmax, const double rhat[3], double *Y);

/* r^l Y_L(r̂) at the point r (any length; exact polynomial, finite everywhere). */
void rlylm_real(int lmax, const double r[3], double *Y);

/* r^l Y_L and its cartesian gradient dY[3*L + v] = ∂(r^l Y_L)/∂r_v (GPAW's nablarlYL).
 * Y may be NULL when only the gradient is wanted. */
void rlylm_real_grad(int lmax, const double r[3], double *Y, double *dY);

/* r^l Y_L at n points r[3*i..3*i+2], written as Y[i*ylm_count(lmax) + L] (row per
 * point: the layout of GPAW's Y_GL). The fast path for G-vector lists. */
void rlylm_real_many(int lmax, int n, const double *r, double *Y);

#endif
