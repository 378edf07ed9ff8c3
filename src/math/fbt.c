/* Fourier-Bessel transform by l+1 FFTs; see fbt.h for the formulas. */
#include "math/fbt.h"

#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <stdlib.h>

#define FOUR_PI 12.566370614359172953850573533118

/* C_ln = i^n (l+n)!/(n! 2^n (l-n)!) (-i)^{l+1}: a real magnitude times i^p */
static double complex hankel_coef(int l, int n)
{
    double a = 1.0;
    for (int k = l - n + 1; k <= l + n; k++) a *= k;     /* (l+n)!/(l-n)! */
    for (int k = 1; k <= n; k++) a /= 2.0 * k;            /* / (n! 2^n) */
    static const double complex ipow[4] = {1.0, I, -1.0, -I};
    int p = ((n - (l + 1)) % 4 + 4) % 4;                  /* i^n (-i)^{l+1} = i^{n-l-1} */
    return a * ipow[p];
}

/* For k R < l + 2 (R: extent of f) the l+1 FFT terms cancel down to k^{2l+1} F_l(k) and
 * the division by k^{2l+1} amplifies their rounding (GPAW's ft() keeps it: ~1e-7 of the
 * maximum for an l = 2 projector at k = π/100, ~1e-4 for an l = 3 Gaussian). There the
 * same rectangle sum is taken through the power series of j_l,
 *   k^-l j_l(kr) = r^l Σ_s (-k²r²/2)^s / (s! (2l+2s+1)!!)     (A&S 10.1.2),
 *   F_l(k) = 4π Σ_s (-k²/2)^s / (s! (2l+2s+1)!!) M_{2l+2+2s},  M_p = dr Σ_j r_j^p f_j,
 * whose terms stay below e^{(kR)²/(4l+6)} |F|: no cancellation to speak of. k = 0 is
 * the s = 0 term. */
static void small_k_series(int l, int n, double dr, const double *f, double dk, double *F)
{
    enum { SMAX = 60 };
    int jmax = 0;
    for (int j = 0; j < n; j++)
        if (f[j] != 0.0) jmax = j;
    double R = (jmax + 1) * dr, M[SMAX + 1];
    for (int s = 0; s <= SMAX; s++) M[s] = 0.0;
    for (int j = 1; j <= jmax; j++) {
        double r = j * dr, r2 = r * r, p = f[j] * pow(r, 2 * l + 2);
        for (int s = 0; s <= SMAX; s++, p *= r2) M[s] += p;
    }
    for (int q = 0; q < 2 * n && q * dk * R < l + 2; q++) {
        double k2 = (q * dk) * (q * dk), c = 1.0, sum = 0.0;
        for (int k = 1; k <= 2 * l + 1; k += 2) c /= k;     /* 1/(2l+1)!! */
        for (int s = 0; s <= SMAX; s++) {
            double term = c * M[s] * dr;
            sum += term;
            if (fabs(term) <= 1e-17 * fabs(sum) && s > 2) break;
            c *= -k2 / 2 / (s + 1) / (2 * l + 2 * s + 3);
        }
        F[q] = FOUR_PI * sum;
    }
}

int fbt_transform(int l, int n, double dr, const double *f, double *F, err *e)
{
    if (l < 0 || l > 20) return err_set(e, EXIT_INTERNAL, "fbt: angular momentum %d", l);
    if (n < 2 || n > (1 << 24)) return err_set(e, EXIT_INTERNAL, "fbt: %d radial points", n);
    if (!(dr > 0.0) || !isfinite(dr)) return err_set(e, EXIT_INTERNAL, "fbt: step %g", dr);
    int m = 2 * n, M = 2 * m;            /* m values of k; FFT length M = 4n */
    double dk = M_PI / (2.0 * n * dr);
    double *h = fftw_malloc(sizeof(double) * (size_t)M);
    fftw_complex *H = fftw_malloc(sizeof(fftw_complex) * (size_t)(M / 2 + 1));
    fftw_plan plan = h && H ? fftw_plan_dft_r2c_1d(M, h, H, FFTW_ESTIMATE) : NULL;
    if (!plan) {
        fftw_free(h); fftw_free(H);
        return err_set(e, EXIT_RUN_FAILED, "fbt: out of memory for %d points", n);
    }
    for (int q = 0; q < m; q++) F[q] = 0.0;
    for (int k = 0; k <= l; k++) {
        /* h_j = 4π f_j r_j^{1+l-k}, zero-padded to M */
        for (int j = 0; j < M; j++) h[j] = 0.0;
        for (int j = 1; j < n; j++) h[j] = FOUR_PI * f[j] * pow(j * dr, 1 + l - k);
        fftw_execute(plan);
        /* FFTW: H_q = Σ h_j e^{-2πi jq/M} = S_cos - i S_sin, and k_q r_j = 2π jq/M, so
         * Re[C Σ h e^{ikr}] = Re C · Re H_q + Im C · Im H_q */
        double complex C = hankel_coef(l, k);
        for (int q = 1; q < m; q++) {
            double kq = q * dk;
            double re = creal(H[q]) * creal(C) + cimag(H[q]) * cimag(C);
            F[q] += dr * re * pow(kq, l - k);
        }
    }
    for (int q = 1; q < m; q++) F[q] /= pow(q * dk, 2 * l + 1);
    small_k_series(l, n, dr, f, dk, F);
    fftw_destroy_plan(plan);
    fftw_free(h);
    fftw_free(H);
    return 0;
}

int fbt_spline(const spline *f, spline *out, err *e)
{
    out->data = NULL; out->nbins = 0; out->l = f->l;
    if (spline_cutoff(f) > FBT_RMAX * (1 + 1e-12))
        return err_set(e, EXIT_INTERNAL, "fbt: cut-off %.3f bohr beyond the %.0f bohr box",
                       spline_cutoff(f), FBT_RMAX);
    int n = FBT_N;
    double dr = FBT_RMAX / n, dk = M_PI / 2 / FBT_RMAX;
    double *fr = malloc(sizeof(double) * (size_t)n), *F = malloc(sizeof(double) * 2 * (size_t)n);
    if (!fr || !F) {
        free(fr); free(F);
        return err_set(e, EXIT_RUN_FAILED, "fbt: out of memory");
    }
    for (int j = 0; j < n; j++) fr[j] = spline_eval(f, j * dr);
    int rc = fbt_transform(f->l, n, dr, fr, F, e);
    if (!rc) rc = spline_init(out, f->l, (2 * n - 1) * dk, 2 * n, F, e);
    free(fr);
    free(F);
    return rc;
}
