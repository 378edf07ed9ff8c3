/* Unit tests of src/basis/fft: layout, frequency convention and normalisation against
 * analytic plane waves, round trips, Parseval with the r2c plane weights. */
#include "basis/fft.h"
#include "cell/lattice.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static void make_grid(fft_grid *g, int n0, int n1, int n2)
{
    double cell[3][3] = {{5.0, 0, 0}, {0.8, 4.5, 0}, {0.3, 0.4, 6.0}};
    memcpy(g->cell, cell, sizeof cell);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
    g->n[0] = n0, g->n[1] = n1, g->n[2] = n2;
}

static void test_frequencies(void)
{
    ok(fft_freq(0, 8) == 0 && fft_freq(3, 8) == 3 && fft_freq(4, 8) == -4 && fft_freq(7, 8) == -1,
       "even axis: 0..3, -4..-1 (Nyquist negative, as GPAW)");
    ok(fft_freq(2, 5) == 2 && fft_freq(3, 5) == -2, "odd axis: 0..2, -2..-1");
    ok(fft_r2c_weight(0, 8) == 1 && fft_r2c_weight(4, 8) == 1 && fft_r2c_weight(2, 8) == 2 &&
       fft_r2c_weight(2, 5) == 2, "r2c plane weights");
}

/* f(r) = cos(2 pi (m0 i0/n0 + m1 i1/n1 + m2 i2/n2)) has forward transform N/2 at
 * (m0, m1, m2) and at its negative; everything else 0. */
static void test_r2c_plane_wave(int n0, int n1, int n2, const int m[3])
{
    fft_grid g;
    make_grid(&g, n0, n1, n2);
    fft_plan p;
    err e = {0};
    ok(fft_plan_init(&p, &g, FFT_REAL, &e) == 0, "plan %dx%dx%d", n0, n1, n2);
    long i = 0;
    for (int i0 = 0; i0 < n0; i0++)
        for (int i1 = 0; i1 < n1; i1++)
            for (int i2 = 0; i2 < n2; i2++, i++)
                p.r[i] = cos(2 * M_PI * ((double)m[0] * i0 / n0 + (double)m[1] * i1 / n1 + (double)m[2] * i2 / n2));
    fft_r2c(&p);
    int q[3] = {(m[0] + n0) % n0, (m[1] + n1) % n1, m[2]};
    long iq = ((long)q[0] * n1 + q[1]) * p.nq2 + q[2];
    double half = 0.5 * p.npoints, other = 0;
    for (long k = 0; k < p.nlocal_q; k++)
        if (k != iq) other = fmax(other, cabs(p.q[k]));
    near(creal(p.q[iq]), half, 1e-9, "forward sum_r f e^{-iGr}: N/2 at G=(%d,%d,%d)", m[0], m[1], m[2]);
    ok(other < 1e-9 * p.npoints, "no other half-spectrum coefficient (max %.2g)", other);
    fft_plan_free(&p);
}

static void test_round_trip_and_parseval(void)
{
    fft_grid g;
    make_grid(&g, 9, 10, 12);
    fft_plan p;
    err e = {0};
    fft_plan_init(&p, &g, FFT_REAL | FFT_COMPLEX, &e);
    double *f = malloc((size_t)p.nlocal_r * sizeof *f), s2 = 0;
    srand(7);
    for (long i = 0; i < p.nlocal_r; i++) f[i] = p.r[i] = rand() / (double)RAND_MAX - 0.3, s2 += f[i] * f[i];
    fft_r2c(&p);
    double sq = 0;
    for (int q0 = 0; q0 < 9; q0++)
        for (int q1 = 0; q1 < 10; q1++)
            for (int q2 = 0; q2 < p.nq2; q2++) {
                double complex c = p.q[(q0 * 10 + q1) * p.nq2 + q2];
                sq += fft_r2c_weight(q2, 12) * (creal(c) * creal(c) + cimag(c) * cimag(c));
            }
    near(sq / p.npoints, s2, 1e-10 * s2, "Parseval: sum |f|^2 = (1/N) sum_G |F|^2 with r2c weights");
    fft_c2r(&p);
    double d = 0;
    for (long i = 0; i < p.nlocal_r; i++) d = fmax(d, fabs(p.r[i] - f[i]));
    ok(d < 1e-14, "c2r(r2c(f)) = f, backward includes 1/N (max dev %.2g)", d);
    /* c2c: e^{+iGr} -> N at G; back to the same values */
    int m[3] = {-2, 3, 5};
    long i = 0;
    for (int i0 = 0; i0 < 9; i0++)
        for (int i1 = 0; i1 < 10; i1++)
            for (int i2 = 0; i2 < 12; i2++, i++)
                p.z[i] = cexp(2 * M_PI * I * ((double)m[0] * i0 / 9 + (double)m[1] * i1 / 10 + (double)m[2] * i2 / 12));
    fft_c2c_forward(&p);
    long iq = ((long)(m[0] + 9) * 10 + m[1]) * 12 + m[2];
    near(creal(p.z[iq]), (double)p.npoints, 1e-9, "c2c forward: e^{iGr} -> N at G");
    fft_c2c_backward(&p);
    near(creal(p.z[0]), 1.0, 1e-14, "c2c backward restores f(0) = 1");
    near(cimag(p.z[1]), sin(2 * M_PI * 5.0 / 12), 1e-14, "c2c backward restores f(r_1)");
    ok(p.local_n0 == 9 && p.local_0_start == 0 && p.howmany == 1, "serial slab is the whole grid");
    free(f);
    fft_plan_free(&p);
}

static void test_bad_grid(void)
{
    fft_grid g;
    make_grid(&g, 0, 4, 4);
    fft_plan p;
    err e = {0};
    ok(fft_plan_init(&p, &g, FFT_REAL, &e) != 0 && e.status == EXIT_INTERNAL, "empty axis refused: %s", e.msg);
}

int main(void)
{
    test_frequencies();
    int m1[3] = {1, -2, 3}, m2[3] = {-3, 4, 2};
    test_r2c_plane_wave(8, 9, 10, m1);
    test_r2c_plane_wave(8, 9, 10, m2);
    test_round_trip_and_parseval();
    test_bad_grid();
    return tap_done();
}
