/* Unit tests of src/hamiltonian/xc and gradient: XC energy and potential on the grid
 * against (1) the analytic LDA exchange, (2) libxc called directly point by point,
 * (3) GPAW 22.8's own grid XC on the same grid and density (numbers made by
 * tests/reference/xc_gpaw_grid.py), (4) v_xc = dE_xc/dn by finite differences,
 * (5) the FD gradient against analytic derivatives, and bad names. */
#include "cell/lattice.h"
#include "core/mem.h"
#include "hamiltonian/gradient.h"
#include "hamiltonian/xc.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const double CUBIC[3][3] = {{6, 0, 0}, {0, 6, 0}, {0, 0, 6}};
static const double TRICLINIC[3][3] = {{6.0, 0.0, 0.0}, {1.2, 5.6, 0.0}, {0.7, 0.9, 6.4}};

typedef struct {
    double R[3], w, a_up, a_dn;
} gaussian;
static const gaussian SMOOTH[2] = {{{2.0, 2.5, 3.0}, 1.1, 0.5, 0.3}, {{4.1, 3.6, 2.2}, 0.8, 0.15, 0.35}};
static const gaussian NARROW[2] = {{{2.0, 2.5, 3.0}, 0.55, 0.9, 0.6}, {{4.1, 3.6, 2.2}, 0.45, 0.4, 0.5}};

static void make_grid(fft_grid *g, const double cell[3][3], int n0, int n1, int n2)
{
    memcpy(g->cell, cell, sizeof g->cell);
    lattice_reciprocal(cell, g->recip);
    g->volume = fabs(lattice_volume(cell));
    g->n[0] = n0, g->n[1] = n1, g->n[2] = n2;
}

/* n_s(r) = sum_k A_ks sum_m exp(-|r - R_k - m.cell|^2 / w_k^2), m in {-1,0,1}^3,
 * r = sum_c (i_c/N_c) a_c: the same formula as xc_gpaw_grid.py. Spin-paired: A_up. */
static void gauss_density(const fft_grid *g, const gaussian *gs, int ng, int nspins, double *n_sg)
{
    long np = fft_grid_points(g), i = 0;
    memset(n_sg, 0, (size_t)(np * nspins) * sizeof *n_sg);
    for (int i0 = 0; i0 < g->n[0]; i0++)
        for (int i1 = 0; i1 < g->n[1]; i1++)
            for (int i2 = 0; i2 < g->n[2]; i2++, i++) {
                double f[3] = {(double)i0 / g->n[0], (double)i1 / g->n[1], (double)i2 / g->n[2]}, r[3];
                lattice_to_cartesian(g->cell, f, r);
                for (int k = 0; k < ng; k++)
                    for (int m = 0; m < 27; m++) {
                        double mm[3] = {m / 9 - 1, (m / 3) % 3 - 1, m % 3 - 1}, d[3], t[3];
                        lattice_to_cartesian(g->cell, mm, t);
                        for (int v = 0; v < 3; v++) d[v] = r[v] - gs[k].R[v] - t[v];
                        double x = exp(-(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) / (gs[k].w * gs[k].w));
                        n_sg[i] += gs[k].a_up * x;
                        if (nspins == 2) n_sg[np + i] += gs[k].a_dn * x;
                    }
            }
}

/* LDA exchange alone against Dirac's formula: e_x = -(3/4)(3/pi)^(1/3) n^(4/3),
 * v_x = -(3 n / pi)^(1/3); spin-polarised e_x = -(3/4)(6/pi)^(1/3) sum_s n_s^(4/3),
 * v_x,s = -(6 n_s / pi)^(1/3). */
static void test_lda_exchange_analytic(void)
{
    for (int ns = 1; ns <= 2; ns++) {
        fft_grid g;
        make_grid(&g, CUBIC, 12, 12, 12);
        xc_grid x;
        err e = {0};
        ok(xc_grid_init(&x, "lda_x", ns, &g, &e) == 0, "init LDA_X, %d spin(s): %s", ns, e.msg);
        long np = fft_grid_points(&g);
        double *n = xmalloc((size_t)(2 * np) * sizeof *n), *v = xmalloc((size_t)(2 * np) * sizeof *v);
        gauss_density(&g, SMOOTH, 2, ns, n);
        double exc = xc_grid_calculate(&x, n, v), eref = 0, verr = 0;
        double cx = ns == 1 ? cbrt(3.0 / M_PI) : cbrt(6.0 / M_PI);
        for (long i = 0; i < ns * np; i++) {
            eref += -0.75 * cx * pow(n[i], 4.0 / 3.0) * x.dv;
            verr = fmax(verr, fabs(v[i] + cbrt((ns == 1 ? 3.0 : 6.0) * n[i] / M_PI)));
        }
        near(exc, eref, 1e-12 * fabs(eref), "LDA_X energy = Dirac's formula, %d spin(s)", ns);
        ok(verr < 1e-12, "LDA_X potential = -(3n/pi)^(1/3) (max error %.2g), %d spin(s)", verr, ns);
        free(n), free(v);
        xc_grid_free(&x);
    }
}

/* The "LDA" alias on the grid against xc_lda_exc_vxc of LDA_X and LDA_C_PW called
 * directly at single points (spin-polarised: libxc's interleaved layout). */
static void test_lda_vs_libxc_points(void)
{
    fft_grid g;
    make_grid(&g, CUBIC, 12, 12, 12);
    long np = fft_grid_points(&g);
    double *n = xmalloc((size_t)(2 * np) * sizeof *n), *v = xmalloc((size_t)(2 * np) * sizeof *v);
    for (int ns = 1; ns <= 2; ns++) {
        xc_grid x;
        err e = {0};
        ok(xc_grid_init(&x, "LDA", ns, &g, &e) == 0, "init LDA alias, %d spin(s)", ns);
        gauss_density(&g, SMOOTH, 2, ns, n);
        xc_grid_calculate(&x, n, v);
        xc_func_type fx, fc;
        xc_func_init(&fx, XC_LDA_X, ns == 1 ? XC_UNPOLARIZED : XC_POLARIZED);
        xc_func_init(&fc, XC_LDA_C_PW, ns == 1 ? XC_UNPOLARIZED : XC_POLARIZED);
        double maxe = 0, maxv = 0;
        for (long i = 0; i < np; i += 97) {
            double rho[2] = {n[i], ns == 2 ? n[np + i] : 0}, ex, ec, vx[2], vc[2];
            xc_lda_exc_vxc(&fx, 1, rho, &ex, vx);
            xc_lda_exc_vxc(&fc, 1, rho, &ec, vc);
            double ntot = rho[0] + rho[1];
            maxe = fmax(maxe, fabs(x.e[i] - ntot * (ex + ec)));
            for (int s = 0; s < ns; s++) maxv = fmax(maxv, fabs(v[s * np + i] - (vx[s] + vc[s])));
        }
        ok(maxe < 1e-15 && maxv < 1e-14, "LDA = libxc LDA_X + LDA_C_PW point by point, %d spin(s) "
           "(max |de| %.2g, |dv| %.2g)", ns, maxe, maxv);
        xc_func_end(&fx), xc_func_end(&fc);
        xc_grid_free(&x);
    }
    free(n), free(v);
}

/* GPAW 22.8 reference numbers (tests/reference/xc_gpaw_grid.py): E_xc, int v_s n_s,
 * int v_s^2, v_s at three grid points. */
typedef struct {
    const char *name;
    int nspins, narrow, n[3];
    double exc, vn[2], v2[2], vp[2][3];
} gpaw_case;

static const gpaw_case gpaw_ref[] = {
    /* generated by tests/reference/xc_gpaw_grid.py (GPAW 22.8, libxc 5.2.3) */
    {"LDA_X+LDA_C_PW", 1, 0, {24, 24, 24}, -1.7578663199219267, {-2.2997730611597818, 0}, {12.645065821040127, 0}, {{-0.0083227459475995989, -0.85515530829940944, -0.58678535446384106}, {0, 0, 0}}},
    {"LDA_X+LDA_C_PW", 2, 0, {24, 24, 24}, -3.6964426515822049, {-2.8254539885505272, -2.0193793380044505}, {19.06603349534997, 17.246162803677269}, {{-0.0096691495338564557, -1.0519386437321405, -0.75337203208194103}, {-0.0096160169428608517, -0.92111425194517405, -0.92554532290818337}}},
    {"GGA_X_PBE+GGA_C_PBE", 1, 0, {24, 24, 24}, -1.8145488985278455, {-2.3474819859700737, 0}, {13.175279480242486, 0}, {{-0.0088596536617476258, -0.85515220991881769, -0.59449387883590099}, {0, 0, 0}}},
    {"GGA_X_PBE+GGA_C_PBE", 2, 0, {24, 24, 24}, -3.7957488895551901, {-2.8683197538085312, -2.0571415132305204}, {19.577840486450722, 17.593633384760903}, {{-0.011160550705955983, -1.0490143015203477, -0.77210981033000614}, {-0.0094169759913802515, -0.92593214883658148, -0.92372138000679815}}},
    {"GGA_X_PBE+GGA_C_PBE", 2, 0, {20, 24, 28}, -3.7959962556429709, {-2.8685157492710456, -2.0573498668796426}, {19.541899135537378, 17.550466894653034}, {{-0.023651147689452083, -0.7283892365436947, -0.15778193510901278}, {-0.019951081849206808, -0.63892005478123015, -0.25258589387955238}}},
    {"GGA_X_PBE+GGA_C_PBE", 1, 1, {24, 24, 24}, -0.56624978417427507, {-0.72477894033770263, 0}, {3.2505723434814477, 0}, {{-0.00084853523912827413, -1.0487909341635271, -0.93139300653786639}, {0, 0, 0}}},
    {"GGA_X_PBE+GGA_C_PBE", 2, 1, {24, 24, 24}, -1.1806709464089087, {-0.88063722415976819, -0.63546954935336997}, {4.7522269945926991, 4.2754739706211131}, {{-0.0010632687568517269, -1.275551692295416, -1.0863820705113256}, {-0.0010632687757418052, -1.1641544978147889, -1.128525966972421}}},
    {"GGA_X_B88+GGA_C_LYP", 1, 0, {20, 24, 28}, -1.7985155371173922, {-2.3242215534319111, 0}, {14.032671023367136, 0}, {{-0.00057967091406881457, -0.58525811410051232, -0.16255810515407554}, {0, 0, 0}}},
};
static const int POINTS[3][3] = {{0, 0, 0}, {8, 10, 12}, {16, 14, 9}};

/* GPAW's built-in kernels for its names LDA and PBE (not libxc), same densities. */
static const gpaw_case gpaw_native[] = {
    {"LDA", 1, 0, {24, 24, 24}, -1.7578663199219269, {-2.2997730611597826, 0}, {12.645065821040127, 0}, {{-0.0083227459475996007, -0.85515530829940967, -0.58678535446384117}, {0, 0, 0}}},
    {"PBE", 1, 0, {24, 24, 24}, -1.8145496838535735, {-2.3474829281260368, 0}, {13.175291202220455, 0}, {{-0.0088596536791595969, -0.8551524790729238, -0.59449407896076412}, {0, 0, 0}}},
    {"PBE", 2, 0, {24, 24, 24}, -3.7957504427939921, {-2.8683207544583627, -2.0571423534134898}, {19.577856346321614, 17.593648708441105}, {{-0.011160550740770353, -1.0490145512555458, -0.77211025473858608}, {-0.0094169760119318258, -0.92593251540929244, -0.92372156047057052}}},
};

/* Runs one case; returns the largest relative deviation from the reference over
 * E_xc, the potential integrals and the sampled potential values. */
static double run_case(const gpaw_case *c, const char *name)
{
    fft_grid g;
    make_grid(&g, c->n[0] == 24 ? CUBIC : TRICLINIC, c->n[0], c->n[1], c->n[2]);
    long np = fft_grid_points(&g);
    int ns = c->nspins;
    double *n = xmalloc((size_t)(ns * np) * sizeof *n), *v = xmalloc((size_t)(ns * np) * sizeof *v);
    gauss_density(&g, c->narrow ? NARROW : SMOOTH, 2, ns, n);
    xc_grid x;
    err e = {0};
    if (xc_grid_init(&x, name, ns, &g, &e)) {
        ok(0, "init %s: %s", name, e.msg);
        return INFINITY;
    }
    double dev = fabs(xc_grid_calculate(&x, n, v) / c->exc - 1.0);
    for (int s = 0; s < ns; s++) {
        double vn = 0, v2 = 0;
        for (long i = 0; i < np; i++) vn += v[s * np + i] * n[s * np + i], v2 += v[s * np + i] * v[s * np + i];
        dev = fmax(dev, fabs(vn * x.dv / c->vn[s] - 1.0));
        dev = fmax(dev, fabs(v2 * x.dv / c->v2[s] - 1.0));
        for (int p = 0; p < 3; p++) {
            const int *q = POINTS[p];
            long i = ((long)q[0] * g.n[1] + q[1]) * g.n[2] + q[2];
            dev = fmax(dev, fabs(v[s * np + i] / c->vp[s][p] - 1.0));
        }
    }
    xc_grid_free(&x);
    free(n), free(v);
    return dev;
}

static void test_vs_gpaw(void)
{
    /* 1e-10 relative: same libxc, same FD stencil; only summation order differs. */
    for (size_t k = 0; k < sizeof gpaw_ref / sizeof gpaw_ref[0]; k++) {
        const gpaw_case *c = &gpaw_ref[k];
        double dev = run_case(c, c->name);
        ok(dev < 1e-10, "%s, %d spin(s), %s %dx%dx%d grid%s = GPAW (max rel. dev. %.2g)", c->name,
           c->nspins, c->n[0] == 24 ? "cubic" : "triclinic", c->n[0], c->n[1], c->n[2],
           c->narrow ? ", tiny densities" : "", dev);
    }
    /* Our LDA alias = libxc = GPAW's built-in LDA (same PW92 constants). Our PBE alias
     * (libxc) vs GPAW's built-in PBE: its BETA/MU are rounded differently; measured
     * 4.3e-7 relative in E_xc here, 7.8e-7 hartree: far below 1 meV/atom. */
    double d_lda = run_case(&gpaw_native[0], "LDA");
    ok(d_lda < 1e-10, "alias LDA = GPAW's built-in LDA (max rel. dev. %.2g)", d_lda);
    for (int k = 1; k <= 2; k++) {
        double d = run_case(&gpaw_native[k], "PBE");
        ok(d < 2e-6, "alias PBE (libxc) vs GPAW's built-in PBE, %d spin(s): max rel. dev. %.2g "
           "(< 2e-6: different rounding of beta, mu)", gpaw_native[k].nspins, d);
    }
}

/* v_xc(r_i) dv = dE_xc/dn(r_i): central difference of the energy with n changed at one
 * grid point (exact in the discrete sense because the divergence is the adjoint of
 * the gradient). */
static void test_potential_is_derivative(const char *name, int ns, const double cell[3][3], int nn)
{
    fft_grid g;
    make_grid(&g, cell, nn, nn, nn + 2);
    long np = fft_grid_points(&g);
    double *n = xmalloc((size_t)(ns * np) * sizeof *n), *v = xmalloc((size_t)(ns * np) * sizeof *v);
    double *w = xmalloc((size_t)(ns * np) * sizeof *w);
    gauss_density(&g, SMOOTH, 2, ns, n);
    xc_grid x;
    err e = {0};
    xc_grid_init(&x, name, ns, &g, &e);
    xc_grid_calculate(&x, n, v);
    double maxrel = 0;
    long pts[3], npts = 0;   /* points where the energy change is well above rounding */
    for (long i = 0; i < np && npts < 3; i += 37)
        if (n[i] > 0.005) pts[npts++] = i;
    for (int s = 0; s < ns; s++)
        for (int p = 0; p < npts; p++) {
            long i = s * np + pts[p];
            double d = 1e-3 * n[i], n0 = n[i];
            n[i] = n0 + d;
            double ep = xc_grid_calculate(&x, n, w);
            n[i] = n0 - d;
            double em = xc_grid_calculate(&x, n, w);
            n[i] = n0;
            double fd = (ep - em) / (2 * d * x.dv);
            maxrel = fmax(maxrel, fabs(fd / v[i] - 1.0));
        }
    ok(npts == 3 && maxrel < 1e-6,
       "%s, %d spin(s): v_xc = dE_xc/dn by finite differences at %ld points (max rel. dev. %.2g)",
       name, ns, npts * ns, maxrel);
    xc_grid_free(&x);
    free(n), free(v), free(w);
}

/* FD gradient of sin(G.r) for a reciprocal vector G: the O(h^4) stencil gives
 * G cos(G.r) times sin(Gh)/(Gh)-type factors; check the error is small and shrinks
 * ~16x when h halves (fourth order), on a triclinic cell. */
static double gradient_error(int nn)
{
    fft_grid g;
    make_grid(&g, TRICLINIC, nn, nn, nn);
    fd_gradient op;
    err e = {0};
    fd_gradient_init(&op, &g, 2, &e);
    long np = fft_grid_points(&g);
    double *f = xmalloc((size_t)np * sizeof *f), *df = xmalloc((size_t)np * sizeof *df), G[3];
    for (int v = 0; v < 3; v++) G[v] = g.recip[0][v] + 2 * g.recip[1][v] - g.recip[2][v];
    double r[3], err_max = 0;
    for (int v = 0; v < 3; v++) {
        long i = 0;
        for (int i0 = 0; i0 < nn; i0++)
            for (int i1 = 0; i1 < nn; i1++)
                for (int i2 = 0; i2 < nn; i2++, i++) {
                    double fr[3] = {(double)i0 / nn, (double)i1 / nn, (double)i2 / nn};
                    lattice_to_cartesian(g.cell, fr, r);
                    f[i] = sin(G[0] * r[0] + G[1] * r[1] + G[2] * r[2]);
                }
        fd_gradient_apply(&op, v, f, df);
        i = 0;
        for (int i0 = 0; i0 < nn; i0++)
            for (int i1 = 0; i1 < nn; i1++)
                for (int i2 = 0; i2 < nn; i2++, i++) {
                    double fr[3] = {(double)i0 / nn, (double)i1 / nn, (double)i2 / nn};
                    lattice_to_cartesian(g.cell, fr, r);
                    err_max = fmax(err_max, fabs(df[i] - G[v] * cos(G[0] * r[0] + G[1] * r[1] + G[2] * r[2])));
                }
    }
    free(f), free(df);
    return err_max;
}

static void test_gradient(void)
{
    double e1 = gradient_error(16), e2 = gradient_error(32);
    ok(e1 < 0.1 && e2 < e1 / 12, "FD gradient is O(h^4) on a triclinic grid (errors %.3g, %.3g)", e1, e2);
    fft_grid g;
    make_grid(&g, CUBIC, 24, 24, 24);
    fd_gradient op;
    err e = {0};
    fd_gradient_init(&op, &g, 2, &e);
    ok(op.npoints[0] == 4 && fabs(op.coef[0][0] - (2.0 / 3.0) / 0.25) < 1e-13,
       "cubic grid: 4-point stencil 2/3h, -1/12h (GPAW Gradient n=2)");
    ok(fd_gradient_init(&op, &g, 4, &e) != 0, "stencil range 4 refused: %s", e.msg);
}

static void test_bad_names(void)
{
    const char *bad[] = {"PBEX", "MGGA_X_SCAN+MGGA_C_SCAN", "HYB_GGA_XC_B3LYP", "GGA_X_PBE+",
                         "GGA_X_PBE+GGA_C_PBE+LDA_X", "", "GGA_K_TFVW"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        xc_kernel k;
        err e = {0};
        int rc = xc_kernel_init(&k, bad[i], 1, &e);
        ok(rc != 0 && e.status == EXIT_BAD_INPUT && strstr(e.msg, bad[i]),
           "bad xc '%s' refused: %s", bad[i], e.msg);
    }
    xc_kernel k;
    err e = {0};
    ok(xc_kernel_init(&k, "pbe", 2, &e) == 0 && k.family == XC_FAMILY_GGA && k.nparts == 2 &&
       strcmp(k.parts, "gga_x_pbe+gga_c_pbe") == 0, "alias 'pbe' = %s", k.parts);
    xc_kernel_free(&k);
    ok(xc_kernel_init(&k, "GGA_XC_HCTH_407", 1, &e) == 0 && k.nparts == 1, "single libxc XC part");
    xc_kernel_free(&k);
}

int main(void)
{
    test_lda_exchange_analytic();
    test_lda_vs_libxc_points();
    test_vs_gpaw();
    test_potential_is_derivative("PBE", 1, TRICLINIC, 12);
    test_potential_is_derivative("PBE", 2, TRICLINIC, 12);
    test_potential_is_derivative("LDA", 2, CUBIC, 12);
    test_gradient();
    test_bad_names();
    return tap_done();
}
