/* The 50-point Lebedev grid: points from the octahedral orbits, weights solved from
 * moment equations; see lebedev.h. */
#include "math/lebedev.h"

#include <math.h>
#include <threads.h>

#include "math/ylm.h"

static lebedev_grid grid;
static once_flag grid_once = ONCE_FLAG_INIT;

/* Points in GPAW's order (gpaw/sphere/lebedev.py); returns the orbit of each point. */
static void make_points(double R[LEBEDEV_N][3], int orbit[LEBEDEV_N])
{
    int n = 0;
    for (int v = 0; v < 3; v++)
        for (int s = -1; s <= 1; s += 2) {
            R[n][0] = R[n][1] = R[n][2] = 0.0;
            R[n][v] = s;
            orbit[n++] = 0;
        }
    double c = 1.0 / sqrt(2.0);
    for (int v1 = 0; v1 < 3; v1++)
        for (int s1 = -1; s1 <= 1; s1 += 2)
            for (int s2 = -1; s2 <= 1; s2 += 2) {
                R[n][v1] = 0.0;
                R[n][(v1 + 1) % 3] = s1 * c;
                R[n][(v1 + 2) % 3] = s2 * c;
                orbit[n++] = 1;
            }
    c = 1.0 / sqrt(3.0);
    for (int s1 = -1; s1 <= 1; s1 += 2)
        for (int s2 = -1; s2 <= 1; s2 += 2)
            for (int s3 = -1; s3 <= 1; s3 += 2) {
                R[n][0] = s1 * c; R[n][1] = s2 * c; R[n][2] = s3 * c;
                orbit[n++] = 2;
            }
    double c1 = 1.0 / sqrt(11.0), c2 = 3.0 / sqrt(11.0);  /* c2 = sqrt(1 - 2 c1²) */
    for (int v1 = 0; v1 < 3; v1++)
        for (int s1 = -1; s1 <= 1; s1 += 2)
            for (int s2 = -1; s2 <= 1; s2 += 2)
                for (int s3 = -1; s3 <= 1; s3 += 2) {
                    R[n][v1] = s1 * c2;
                    R[n][(v1 + 1) % 3] = s2 * c1;
                    R[n][(v1 + 2) % 3] = s3 * c1;
                    orbit[n++] = 3;
                }
}

/* Solves the 4x4 system A x = b by Gaussian elimination with partial pivoting, in
 * long double: the moment matrix has a condition number ~1e3, and double arithmetic
 * left the weights 1e-15 off Lebedev's rationals; with the 64-bit mantissa of x86
 * long double they round to the nearest doubles. */
static void solve4(long double A[4][4], long double b[4], long double x[4])
{
    for (int k = 0; k < 4; k++) {
        int p = k;
        for (int i = k + 1; i < 4; i++)
            if (fabsl(A[i][k]) > fabsl(A[p][k])) p = i;
        for (int j = 0; j < 4; j++) { long double t = A[k][j]; A[k][j] = A[p][j]; A[p][j] = t; }
        long double t = b[k]; b[k] = b[p]; b[p] = t;
        for (int i = k + 1; i < 4; i++) {
            long double f = A[i][k] / A[k][k];
            for (int j = k; j < 4; j++) A[i][j] -= f * A[k][j];
            b[i] -= f * b[k];
        }
    }
    for (int k = 3; k >= 0; k--) {
        long double s = b[k];
        for (int j = k + 1; j < 4; j++) s -= A[k][j] * x[j];
        x[k] = s / A[k][k];
    }
}

/* (1/4π) ∫ x^a y^b z^c dΩ for even powers, = ½ g(a/2) g(b/2) g(c/2) / g((a+b+c)/2 + 1)
 * with g(n) = Γ(n+½)/Γ(½) (the formula of gaunt.h), in long double. */
static long double mean_monomial(const int p[3])
{
    long double num = 1, den = 1;
    int hs = 1;
    for (int v = 0; v < 3; v++) {
        for (int j = 0; j < p[v] / 2; j++) num *= j + 0.5L;
        hs += p[v] / 2;
    }
    for (int j = 0; j < hs; j++) den *= j + 0.5L;
    return 0.5L * num / den;
}

static void build_grid(void)
{
    int orbit[LEBEDEV_N];
    make_points(grid.R, orbit);
    /* moment equations for f = 1, x⁴, x²y²z², x⁸: Σ_orbits W_o Σ_{n∈o} f(R_n) = ∫f/4π */
    static const int pw[4][3] = {{0, 0, 0}, {4, 0, 0}, {2, 2, 2}, {8, 0, 0}};
    /* squared coordinates of each orbit's first point, exact rationals */
    static const long double x2[4][3] = {{1, 0, 0}, {0, 0.5L, 0.5L},
        {1.0L / 3, 1.0L / 3, 1.0L / 3}, {9.0L / 11, 1.0L / 11, 1.0L / 11}};
    static const int size[4] = {6, 12, 8, 24};
    long double A[4][4] = {{0}}, b[4], W[4];
    for (int k = 0; k < 4; k++) {
        /* An orbit holds every permutation of its squared coordinates equally often
         * (signs do not matter for even powers), so Σ_{n∈o} f(R_n) = |o| times the
         * mean of f over the permutations; for x⁴, x⁸ and x²y²z² the 3 cyclic ones
         * give that mean. */
        for (int o = 0; o < 4; o++) {
            long double avg = 0;
            for (int p = 0; p < 3; p++)   /* cyclic permutations of the squared coords */
                avg += powl(x2[o][p], pw[k][0] / 2) * powl(x2[o][(p + 1) % 3], pw[k][1] / 2)
                       * powl(x2[o][(p + 2) % 3], pw[k][2] / 2);
            A[k][o] = size[o] * avg / 3;
        }
        b[k] = mean_monomial(pw[k]);
    }
    solve4(A, b, W);
    for (int n = 0; n < LEBEDEV_N; n++) {
        grid.w[n] = (double)W[orbit[n]];
        double dY[LEBEDEV_NL * 3];
        rlylm_real_grad(LEBEDEV_LMAX, grid.R[n], grid.Y[n], dY);
        for (int l = 0; l <= LEBEDEV_LMAX; l++)
            for (int L = l * l; L < (l + 1) * (l + 1); L++)
                for (int v = 0; v < 3; v++)
                    grid.rnablaY[n][L][v] = dY[3 * L + v] - l * grid.R[n][v] * grid.Y[n][L];
    }
}

const lebedev_grid *lebedev50(void)
{
    call_once(&grid_once, build_grid);
    return &grid;
}
