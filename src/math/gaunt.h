/* Gaunt coefficients of real spherical harmonics (ylm.h convention):
 *
 *   G_{L1 L2 L3} = ∫ Y_L1(r̂) Y_L2(r̂) Y_L3(r̂) dΩ,   Y_L1 Y_L2 = Σ_L3 G_{L1 L2 L3} Y_L3
 *
 * for every L < 49 (l <= 6). GPAW's gaunt(lmax)[L1, L2, L3] (gpaw/gaunt.py) has shape
 * ((lmax+1)², (2lmax+1)², (2lmax+1)²) and exists only for lmax <= 3 (its polynomial
 * table stops at L = 63): tests/unit/test_math_ylm.c checks the whole of gaunt(3),
 * hence, by the permutation symmetry, every triple with one l <= 3; the rest is
 * checked by identities. That covers partial waves up to f.
 *
 * Computed exactly from the polynomial form of r^l Y_L: a product of harmonics is a
 * homogeneous polynomial and its monomials integrate over the unit sphere as
 *   ∫ x^{2i} y^{2j} z^{2k} dΩ = 2 Γ(i+½) Γ(j+½) Γ(k+½) / Γ(i+j+k+3/2),
 * odd powers giving 0. Coefficients violating |l1-l2| <= l3 <= l1+l2 or with
 * l1+l2+l3 odd are exactly 0. The table is built once, on first use (call_once),
 * and is then read-only: thread-safe. */
#ifndef PAWSORB_MATH_GAUNT_H
#define PAWSORB_MATH_GAUNT_H

#define GAUNT_LMAX 6                                /* l of every index <= 6 */
#define GAUNT_NL ((GAUNT_LMAX + 1) * (GAUNT_LMAX + 1)) /* 49 */

/* G_{L1 L2 L3}; NaN when an index is outside [0, GAUNT_NL). */
double gaunt_real(int L1, int L2, int L3);

/* The whole cached table, G[(L1 * GAUNT_NL + L2) * GAUNT_NL + L3]; never NULL. */
const double *gaunt_table(void);

/* GPAW's derivative integrals (gpaw/gaunt.py nabla, used by the setup's
 * nabla matrix elements):
 *   Y_{L1 L2 v} = ∫ dΩ Y_L1(r̂) r^{1-l2} ∂/∂r_v [r^{l2} Y_L2(r̂)],  v = 0, 1, 2 = x, y, z.
 * NaN when an index is out of range (L < GAUNT_NL, 0 <= v < 3). */
double gaunt_nabla(int L1, int L2, int v);

/* ∫ x^a y^b z^c dΩ over the unit sphere (0 if any power is odd or negative). */
double sphere_monomial_integral(int a, int b, int c);

#endif
