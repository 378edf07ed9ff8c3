/* The 50-point Lebedev angular grid GPAW uses for one-centre XC corrections
 * (gpaw/sphere/lebedev.py; V. I. Lebedev, Zh. Vychisl. Mat. Mat. Fiz. 16, 293 (1976)):
 *
 *   ∫ f(r̂) dΩ ≈ 4π Σ_n w_n f(R_n),   Σ_n w_n = 1,
 *
 * exact for polynomials of degree <= 11 on the sphere (Y_L Y_L' with l + l' <= 11).
 * The points are four orbits of the octahedral group, in GPAW's order:
 *   6 (±1,0,0)...,  12 (0,±1,±1)/√2...,  8 (±1,±1,±1)/√3,  24 (±3,±1,±1)/√11 (and cyclic);
 * the orbit parameter 1/√11 is Lebedev's; the four orbit weights are not copied from a
 * table but solved from the moment equations Σ_n w_n f(R_n) = (1/4π) ∫ f dΩ for
 * f = 1, x⁴, x²y²z², x⁸ (the octahedral invariants up to degree 8; the degree-10 one
 * then holds because of the choice 1/√11 — checked by the tests). They come out as
 * 4/315, 64/2835, 27/1280, 14641/725760.
 *
 * Y[n][L] = Y_L(R_n) for L < 25 (l <= 4), and rnablaY[n][L][v] = r ∂Y_L/∂r_v at R_n,
 * i.e. ∇(r^l Y_L) - l R_n Y_L (GPAW's rnablaY_nLv in gpaw/xc/pawcorrection.py), used
 * for the angular part of |∇n|² in GGA one-centre corrections. */
#ifndef PAWSORB_MATH_LEBEDEV_H
#define PAWSORB_MATH_LEBEDEV_H

#define LEBEDEV_N 50
#define LEBEDEV_LMAX 4
#define LEBEDEV_NL 25
#define LEBEDEV_DEGREE 11

typedef struct {
    double R[LEBEDEV_N][3];                 /* unit vectors */
    double w[LEBEDEV_N];                    /* weights, summing to 1 */
    double Y[LEBEDEV_N][LEBEDEV_NL];
    double rnablaY[LEBEDEV_N][LEBEDEV_NL][3];
} lebedev_grid;

/* The grid, built once on first use (thread-safe) and read-only afterwards. */
const lebedev_grid *lebedev50(void);

#endif
