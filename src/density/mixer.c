/* Pulay density mixing: GPAW 22.8's gpaw/mixer.py (BaseMixer, FFTBaseMixer and the
 * separate / sum / difference spin drivers), see mixer.h for the formulas. */
#include "density/mixer.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"

/* LAPACK (OpenBLAS): solve A X = B. */
void dgesv_(const int *n, const int *nrhs, double *a, const int *lda, int *ipiv, double *b,
            const int *ldb, int *info);

void mixer_params_default(mixer_params *p, int nspins)
{
    *p = (mixer_params){.method = nspins == 1 ? MIXER_SEPARATE : MIXER_DIFFERENCE,
                        .backend = MIXER_PULAY,
                        .beta = 0.05, .nmaxold = 5, .weight = 50.0,
                        .beta_m = 0.7, .nmaxold_m = 2, .weight_m = 10.0};
}

static int check_params(double beta, int nmaxold, double weight, const char *what, err *e)
{
    if (!(beta > 0.0 && beta <= 1.0))
        return err_set(e, EXIT_BAD_INPUT, "%sbeta: %g is not in (0, 1]", what, beta);
    if (nmaxold < 1 || nmaxold > 100)
        return err_set(e, EXIT_BAD_INPUT, "%shistory: %d is not in 1..100", what, nmaxold);
    if (!(weight >= 1.0) || !isfinite(weight))
        return err_set(e, EXIT_BAD_INPUT, "%sweight: %g is not a number >= 1", what, weight);
    return 0;
}

/* ---- one Pulay history (GPAW's BaseMixer) ---- */

static void base_init(mixer_base *b, double beta, int nmaxold, double weight, int npoints,
                      int nd, const mixer *m)
{
    memset(b, 0, sizeof *b);
    b->beta = beta;
    b->nmaxold = nmaxold;
    b->weight = weight;
    b->npoints = npoints;
    b->nd = nd;
    b->nt = xmalloc(sizeof(double *) * (nmaxold + 1));
    b->D = xmalloc(sizeof(double *) * (nmaxold + 1));
    b->R = xmalloc(sizeof(double *) * nmaxold);
    b->dD = xmalloc(sizeof(double *) * nmaxold);
    for (int i = 0; i <= nmaxold; i++) {
        b->nt[i] = xmalloc(sizeof(double) * npoints);
        b->D[i] = xmalloc(sizeof(double) * (nd > 0 ? nd : 1));
        if (i < nmaxold) {
            b->R[i] = xmalloc(sizeof(double) * npoints);
            b->dD[i] = xmalloc(sizeof(double) * (nd > 0 ? nd : 1));
        }
    }
    b->A = xcalloc((size_t)nmaxold * nmaxold, sizeof(double));
    b->Atmp = xcalloc((size_t)nmaxold * nmaxold, sizeof(double));
    b->B = xcalloc((size_t)nmaxold * nmaxold, sizeof(double));
    b->ipiv = xmalloc(sizeof(int) * nmaxold);
    b->alpha = xmalloc(sizeof(double) * nmaxold);
    b->mR = xmalloc(sizeof(double) * npoints);
    if (m->p.backend == MIXER_FFT) {
        long nq = m->fft.nlocal_q;
        b->Rq = xmalloc(sizeof(fftw_complex *) * nmaxold);
        for (int i = 0; i < nmaxold; i++) b->Rq[i] = fftw_malloc(sizeof(fftw_complex) * nq);
        b->mq = xmalloc(sizeof(double) * nq);
    }
}

static void base_free(mixer_base *b)
{
    for (int i = 0; b->nt && i <= b->nmaxold; i++) {
        free(b->nt[i]);
        free(b->D[i]);
        if (i < b->nmaxold) {
            free(b->R[i]);
            free(b->dD[i]);
            if (b->Rq) fftw_free(b->Rq[i]);
        }
    }
    free(b->nt), free(b->D), free(b->R), free(b->dD), free(b->Rq);
    free(b->A), free(b->Atmp), free(b->B), free(b->ipiv), free(b->alpha), free(b->mR), free(b->mq);
    memset(b, 0, sizeof *b);
}

/* Drop the oldest entry of a pointer list of length n by rotating it to the end. */
static void rotate(void **list, int n)
{
    void *first = list[0];
    memmove(list, list + 1, sizeof(void *) * (n - 1));
    list[n - 1] = first;
}

/* |G|^2 of full-spectrum index (q0, q1, q2), with |G = 0|^2 = 1 (construct_reciprocal). */
static double k2_at(const fft_grid *g, int q0, int q1, int q2)
{
    int f[3] = {fft_freq(q0, g->n[0]), fft_freq(q1, g->n[1]), fft_freq(q2, g->n[2])};
    double k2 = 0.0;
    for (int v = 0; v < 3; v++) {
        double G = f[0] * g->recip[0][v] + f[1] * g->recip[1][v] + f[2] * g->recip[2][v];
        k2 += G * G;
    }
    return k2 < 1e-10 ? 1.0 : k2;
}

/* ReciprocalMetric M(G) = 1 + (w - 1) k2_min / |G|^2 folded onto the r2c half spectrum,
 * so that sum_half mq Re(conj(a) b) = GPAW's np.vdot(a_Q, M b_Q).real over the full
 * spectrum for real a, b: an interior plane 0 < q2 < n2/2 stands for G and for its
 * partner -G, whose value is the conjugate, so mq = M(G) + M(-G). The two differ on
 * the Nyquist planes of a skewed cell: GPAW's index n/2 has frequency -n/2 for both,
 * so -G is not the negative vector there. */
static void fft_metric(mixer_base *b, const mixer *m)
{
    const fft_grid *g = m->grid;
    int n0 = g->n[0], n1 = g->n[1], n2 = g->n[2], nq2 = n2 / 2 + 1;
    double k2min = INFINITY, w1 = b->weight - 1.0;
    for (int q0 = 0; q0 < n0; q0++)
        for (int q1 = 0; q1 < n1; q1++)
            for (int q2 = 0; q2 < n2; q2++) k2min = fmin(k2min, k2_at(g, q0, q1, q2));
    for (int q0 = 0; q0 < n0; q0++)
        for (int q1 = 0; q1 < n1; q1++)
            for (int q2 = 0; q2 < nq2; q2++) {
                double M = 1.0 + w1 * k2min / k2_at(g, q0, q1, q2);
                if (fft_r2c_weight(q2, n2) == 2.0)
                    M += 1.0 + w1 * k2min / k2_at(g, (n0 - q0) % n0, (n1 - q1) % n1, n2 - q2);
                b->mq[((long)q0 * n1 + q1) * nq2 + q2] = M;
            }
}

/* out[i] += c0 in[i] + c1 (in[i - 1] + in[i + 1]), periodic, n >= 1. */
static void stencil_row(double *out, const double *in, int n, double c0, double c1)
{
    if (n == 1) {
        out[0] += (c0 + 2.0 * c1) * in[0];
        return;
    }
    out[0] += c0 * in[0] + c1 * (in[n - 1] + in[1]);
    for (int i = 1; i < n - 1; i++) out[i] += c0 * in[i] + c1 * (in[i - 1] + in[i + 1]);
    out[n - 1] += c0 * in[n - 1] + c1 * (in[n - 2] + in[0]);
}

/* The 27-point metric of BaseMixer.initialize_metric on the periodic grid, as nine
 * three-point rows along the contiguous axis (no index arithmetic in the inner loop:
 * on a 96^3 grid 5.6 ms against 55 ms with a modulo per point, best of 7, loaded
 * 2-core machine). */
static void fd_metric(const mixer *m, double w, const double *in, double *out)
{
    const double coef[4] = {0.125 * (w + 7), 0.0625 * (w - 1), 0.03125 * (w - 1),
                            0.015625 * (w - 1)};   /* by number of nonzero offsets */
    const int *n = m->grid->n;
    for (int i0 = 0; i0 < n[0]; i0++)
        for (int i1 = 0; i1 < n[1]; i1++) {
            double *o = out + ((long)i0 * n[1] + i1) * n[2];
            memset(o, 0, sizeof(double) * n[2]);
            for (int d0 = -1; d0 <= 1; d0++)
                for (int d1 = -1; d1 <= 1; d1++) {
                    int j0 = (i0 + d0 + n[0]) % n[0], j1 = (i1 + d1 + n[1]) % n[1];
                    int nz = (d0 != 0) + (d1 != 0);
                    stencil_row(o, in + ((long)j0 * n[1] + j1) * n[2], n[2], coef[nz],
                                coef[nz + 1]);
                }
        }
}

/* <R_i | M | R_new> for every stored residual i (GPAW: dotprod(R_1G, mR_G)). */
static double metric_dot(mixer_base *b, mixer *m, int i, int inew)
{
    if (m->p.backend == MIXER_FFT && b->weight != 1.0) {
        const fftw_complex *x = b->Rq[i], *y = b->Rq[inew];
        double s = 0.0;
        for (long q = 0; q < m->fft.nlocal_q; q++)
            s += b->mq[q] * (creal(x[q]) * creal(y[q]) + cimag(x[q]) * cimag(y[q]));
        return s;
    }
    const double *y = b->weight == 1.0 ? b->R[inew] : b->mR;
    double s = cblas_ddot(b->npoints, b->R[i], 1, y, 1);
    /* GPAW's FFT backend works with unnormalised spectra: vdot over Q is N times the
     * grid sum (Parseval); keep its scale (alpha does not depend on it). */
    return m->p.backend == MIXER_FFT ? s * b->npoints : s;
}

/* Pulay coefficients alpha_i = sum_j B_ij / sum_ij B_ij, B = A^-1 (A in Atmp, n x n,
 * overwritten); GPAW falls back to the last input alone when A is singular. */
static void coefficients(mixer_base *b, int n, double *alpha)
{
    for (int i = 0; i < n * n; i++) b->B[i] = 0.0;
    for (int i = 0; i < n; i++) b->B[i * n + i] = 1.0;
    int info;
    dgesv_(&n, &n, b->Atmp, &n, b->ipiv, b->B, &n, &info);
    double sum = 0.0;
    if (info == 0)
        for (int i = 0; i < n; i++) {
            alpha[i] = 0.0;
            for (int j = 0; j < n; j++) alpha[i] += b->B[j * n + i];  /* B column-major */
            sum += alpha[i];
        }
    if (info != 0 || sum == 0.0 || !isfinite(sum)) {
        for (int i = 0; i < n; i++) alpha[i] = 0.0;
        alpha[n - 1] = 1.0;
        return;
    }
    for (int i = 0; i < n; i++) alpha[i] /= sum;
}

/* Forget the oldest input and residual (their storage moves to the end of the lists). */
static void drop_oldest(mixer_base *b)
{
    rotate((void **)b->nt, b->nmaxold + 1);
    rotate((void **)b->D, b->nmaxold + 1);
    rotate((void **)b->R, b->nmaxold);
    rotate((void **)b->dD, b->nmaxold);
    if (b->Rq) rotate((void **)b->Rq, b->nmaxold);
    b->nin--;
    b->nres--;
}

/* R_new = n_out - n_last, dD_new likewise, and the metric applied to R_new.
 * Returns the residual's slot; *dNt = int |R_new| dr. */
static int add_residual(mixer_base *b, mixer *m, const double *nt, const double *D, double *dNt)
{
    int r = b->nres++;
    double *R = b->R[r], *dD = b->dD[r], s = 0.0;
    const double *last = b->nt[b->nin - 1], *Dlast = b->D[b->nin - 1];
    for (int g = 0; g < b->npoints; g++) {
        R[g] = nt[g] - last[g];
        s += fabs(R[g]);
    }
    *dNt = s * m->dv;
    for (int p = 0; p < b->nd; p++) dD[p] = D[p] - Dlast[p];
    if (b->weight == 1.0) return r;
    if (m->p.backend == MIXER_FFT) {
        memcpy(m->fft.r, R, sizeof(double) * b->npoints);
        fft_r2c(&m->fft);
        memcpy(b->Rq[r], m->fft.q, sizeof(fftw_complex) * m->fft.nlocal_q);
    } else
        fd_metric(m, b->weight, R, b->mR);
    return r;
}

/* A becomes n x n: the last n - 1 rows/columns of the previous matrix (GPAW:
 * A_ii[:i2, :i2] = self.A_ii[-i2:, -i2:]) and the new residual's row and column.
 * Leaves a compact copy in Atmp. */
static void update_matrix(mixer_base *b, mixer *m, int n, int r)
{
    int i2 = n - 1, ld = b->nmaxold, shift = b->na - i2;
    for (int i = 0; i < i2; i++)
        for (int j = 0; j < i2; j++) b->A[i * ld + j] = b->A[(i + shift) * ld + j + shift];
    for (int i = 0; i < n; i++) b->A[i * ld + i2] = b->A[i2 * ld + i] = metric_dot(b, m, i, r);
    b->na = n;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) b->Atmp[i * n + j] = b->A[i * ld + j];
}

/* GPAW's BaseMixer.mix_single_density: nt (npoints) and D (nd) in place. */
static double base_mix(mixer_base *b, mixer *m, double *nt, double *D)
{
    double dNt = INFINITY;
    if (b->nin > 0) {
        if (b->nin > b->nmaxold) drop_oldest(b);
        int n = b->nin, r = add_residual(b, m, nt, D, &dNt);
        update_matrix(b, m, n, r);
        coefficients(b, n, b->alpha);
        /* n_in = sum_i alpha_i (n_i + beta R_i), D likewise */
        memset(nt, 0, sizeof(double) * b->npoints);
        memset(D, 0, sizeof(double) * b->nd);
        for (int i = 0; i < n; i++) {
            cblas_daxpy(b->npoints, b->alpha[i], b->nt[i], 1, nt, 1);
            cblas_daxpy(b->npoints, b->alpha[i] * b->beta, b->R[i], 1, nt, 1);
            cblas_daxpy(b->nd, b->alpha[i], b->D[i], 1, D, 1);
            cblas_daxpy(b->nd, b->alpha[i] * b->beta, b->dD[i], 1, D, 1);
        }
    }
    memcpy(b->nt[b->nin], nt, sizeof(double) * b->npoints);
    memcpy(b->D[b->nin], D, sizeof(double) * b->nd);
    b->nin++;
    return dNt;
}

static void base_reset(mixer_base *b)
{
    b->nin = b->nres = b->na = 0;
}

/* ---- the mixer: spin drivers around one or two base mixers ---- */

int mixer_init(mixer *m, const mixer_params *p, int nspins, const fft_grid *grid, int natoms,
               const int *np_a, err *e)
{
    memset(m, 0, sizeof *m);
    if (nspins != 1 && nspins != 2)
        return err_set(e, EXIT_INTERNAL, "mixer: nspins %d is not 1 or 2", nspins);
    if (check_params(p->beta, p->nmaxold, p->weight, "mixer.", e)) return -1;
    if (nspins == 2 && p->method == MIXER_DIFFERENCE &&
        check_params(p->beta_m, p->nmaxold_m, p->weight_m, "mixer (magnetisation) ", e))
        return -1;
    if (nspins == 2 && p->method != MIXER_SEPARATE && p->method != MIXER_SUM &&
        p->method != MIXER_DIFFERENCE)
        return err_set(e, EXIT_INTERNAL, "mixer: unknown method %d", (int)p->method);
    m->p = *p;
    if (nspins == 1) m->p.method = MIXER_SEPARATE;  /* get_mixer_from_keywords */
    m->nspins = nspins;
    m->natoms = natoms;
    m->grid = grid;
    m->npoints = (int)fft_grid_points(grid);
    m->dv = grid->volume / m->npoints;
    m->np_a = xmalloc(sizeof(int) * (natoms > 0 ? natoms : 1));
    for (int a = 0; a < natoms; a++) {
        if (np_a[a] < 0) {
            free(m->np_a);
            return err_set(e, EXIT_INTERNAL, "mixer: atom %d has %d D_p entries", a, np_a[a]);
        }
        m->np_a[a] = np_a[a];
        m->nd1 += np_a[a];
    }
    if (p->backend == MIXER_FFT && fft_plan_init(&m->fft, grid, FFT_REAL, e)) {
        free(m->np_a);
        return err_wrap(e, "mixer");
    }
    int N = m->npoints, nd = m->nd1;
    switch (m->p.method) {
    case MIXER_SEPARATE:
        m->nbase = nspins;
        for (int s = 0; s < nspins; s++) base_init(&m->base[s], p->beta, p->nmaxold, p->weight, N, nd, m);
        break;
    case MIXER_SUM:      /* all of D_asp (both spins) goes along with n_up + n_down */
        m->nbase = 1;
        base_init(&m->base[0], p->beta, p->nmaxold, p->weight, N, 2 * nd, m);
        break;
    case MIXER_DIFFERENCE:
        m->nbase = 2;
        base_init(&m->base[0], p->beta, p->nmaxold, p->weight, N, nd, m);
        base_init(&m->base[1], p->beta_m, p->nmaxold_m, p->weight_m, N, nd, m);
        break;
    }
    for (int i = 0; i < m->nbase; i++)
        if (m->base[i].mq) fft_metric(&m->base[i], m);
    m->tot = xmalloc(sizeof(double) * N);
    m->mag = xmalloc(sizeof(double) * N);
    m->Dtot = xmalloc(sizeof(double) * (nd > 0 ? 2 * nd : 1));
    m->Dmag = xmalloc(sizeof(double) * (nd > 0 ? nd : 1));
    return 0;
}

void mixer_free(mixer *m)
{
    for (int i = 0; i < m->nbase; i++) base_free(&m->base[i]);
    if (m->p.backend == MIXER_FFT && m->fft.r) fft_plan_free(&m->fft);
    free(m->np_a), free(m->tot), free(m->mag), free(m->Dtot), free(m->Dmag);
    memset(m, 0, sizeof *m);
}

void mixer_reset(mixer *m)
{
    for (int i = 0; i < m->nbase; i++) base_reset(&m->base[i]);
}

/* Spin component s of the flat D (atom after atom, each nspins x np_a) into out. */
static void gather_spin(const mixer *m, const double *D, int s, double *out)
{
    for (int a = 0; a < m->natoms; a++) {
        memcpy(out, D + s * m->np_a[a], sizeof(double) * m->np_a[a]);
        out += m->np_a[a];
        D += m->nspins * m->np_a[a];
    }
}

static void scatter_spin(const mixer *m, const double *in, int s, double *D)
{
    for (int a = 0; a < m->natoms; a++) {
        memcpy(D + s * m->np_a[a], in, sizeof(double) * m->np_a[a]);
        in += m->np_a[a];
        D += m->nspins * m->np_a[a];
    }
}

double mixer_mix(mixer *m, double *nt, double *D)
{
    int N = m->npoints, nd = m->nd1;
    double dNt = 0.0;
    switch (m->p.method) {
    case MIXER_SEPARATE:                    /* SeparateSpinMixerDriver */
        for (int s = 0; s < m->nspins; s++) {
            gather_spin(m, D, s, m->Dtot);
            dNt += base_mix(&m->base[s], m, nt + (long)s * N, m->Dtot);
            scatter_spin(m, m->Dtot, s, D);
        }
        return dNt;
    case MIXER_SUM:                         /* SpinSumMixerDriver: D_asp mixed as is */
        for (int g = 0; g < N; g++) {
            m->tot[g] = nt[g] + nt[N + g];
            m->mag[g] = nt[g] - nt[N + g];
        }
        memcpy(m->Dtot, D, sizeof(double) * 2 * nd);
        dNt = base_mix(&m->base[0], m, m->tot, m->Dtot);
        memcpy(D, m->Dtot, sizeof(double) * 2 * nd);
        break;
    case MIXER_DIFFERENCE: {                /* SpinDifferenceMixerDriver */
        double *Dup = m->Dtot + nd;         /* second half of Dtot as scratch */
        for (int g = 0; g < N; g++) {
            m->tot[g] = nt[g] + nt[N + g];
            m->mag[g] = nt[g] - nt[N + g];
        }
        gather_spin(m, D, 0, Dup);
        gather_spin(m, D, 1, m->Dmag);
        for (int p = 0; p < nd; p++) {
            double up = Dup[p], down = m->Dmag[p];
            m->Dtot[p] = up + down;
            m->Dmag[p] = up - down;
        }
        dNt = base_mix(&m->base[0], m, m->tot, m->Dtot);
        base_mix(&m->base[1], m, m->mag, m->Dmag);   /* not counted in the change */
        for (int p = 0; p < nd; p++) {
            double t = m->Dtot[p], d = m->Dmag[p];
            m->Dtot[p] = 0.5 * (t + d);
            Dup[p] = 0.5 * (t - d);
        }
        scatter_spin(m, m->Dtot, 0, D);
        scatter_spin(m, Dup, 1, D);
        break;
    }
    }
    for (int g = 0; g < N; g++) {           /* n_up,down = (n +- m) / 2 */
        double t = m->tot[g], d = m->mag[g];
        nt[g] = 0.5 * (t + d);
        nt[N + g] = 0.5 * (t - d);
    }
    return dNt;
}

void mixer_history_view(mixer *m, int i, mixer_history *h)
{
    mixer_base *b = &m->base[i];
    *h = (mixer_history){.nin = b->nin, .nres = b->nres, .na = b->na, .nmaxold = b->nmaxold, .npoints = b->npoints,
                         .nd = b->nd, .nq = b->Rq ? m->fft.nlocal_q : 0, .nt = b->nt, .D = b->D, .R = b->R,
                         .dD = b->dD, .A = b->A, .Rq = b->Rq};
}

int mixer_history_set(mixer *m, int i, int nin, int nres, int na, const char *what, err *e)
{
    mixer_base *b = &m->base[i];
    if (nin < 0 || nin > b->nmaxold + 1 || nres < 0 || nres > b->nmaxold || (nin > 0 && nres != nin - 1) ||
        (nin == 0 && nres != 0) || na < 0 || na > b->nmaxold)
        return err_set(e, EXIT_BAD_INPUT, "%s: mixer history counts %d %d %d out of range (history %d)", what, nin,
                       nres, na, b->nmaxold);
    b->nin = nin, b->nres = nres, b->na = na;
    return 0;
}
