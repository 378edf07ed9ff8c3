/* All-electron density on a grid (ae_density.h), GPAW's get_all_electron_density. */
#include "density/ae_density.h"
#include "cell/lattice.h"
#include "math/spline.h"
#include "math/ylm.h"
#include "setup/radial_spline.h"

#include <complex.h>
#include <fftw3.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define LMAX_PW 3   /* partial waves up to f */

/* The radial functions of one element, as Setup.get_partial_waves makes them. */
typedef struct {
    int nj;
    spline *phi, *phit;   /* nj each: phi_j / r^l, 100 points to rcut2 */
    spline nc, nct;       /* sqrt(4 pi) n_c, sqrt(4 pi) ñ_c, 1000 points to rcut2 */
    double rcut2;
} ae_funcs;

static void ae_funcs_free(ae_funcs *f)
{
    for (int j = 0; j < f->nj; j++) spline_free(&f->phi[j]), spline_free(&f->phit[j]);
    free(f->phi), free(f->phit);
    spline_free(&f->nc), spline_free(&f->nct);
    memset(f, 0, sizeof *f);
}

static int ae_funcs_init(ae_funcs *f, const paw_setup *s, err *e)
{
    memset(f, 0, sizeof *f);
    double rmax = 0;
    for (int j = 0; j < s->nj; j++) {
        if (s->states[j].rc <= 0)
            return err_set(e, EXIT_INTERNAL, "%s: state %s has no cutoff radius", s->path, s->states[j].id);
        if (s->states[j].l > LMAX_PW)
            return err_set(e, EXIT_INTERNAL, "%s: partial wave with l = %d", s->path, s->states[j].l);
        rmax = fmax(rmax, s->states[j].rc);
    }
    f->rcut2 = 2 * rmax;
    int n = s->grid.n, gcut2 = radial_ceil(&s->grid, f->rcut2);
    double *buf = malloc(n * sizeof *buf);
    f->phi = calloc(s->nj, sizeof *f->phi);
    f->phit = calloc(s->nj, sizeof *f->phit);
    if (!buf || !f->phi || !f->phit) {
        free(buf);
        return err_set(e, EXIT_RUN_FAILED, "all-electron density: out of memory");
    }
    f->nj = s->nj;
    int rc = 0;
    for (int j = 0; j < s->nj && !rc; j++)
        for (int w = 0; w < 2 && !rc; w++) {
            memcpy(buf, (w ? s->phit : s->phi) + (size_t)j * n, n * sizeof *buf);
            for (int g = gcut2; g < n; g++) buf[g] = 0;   /* phi_g[gcut2:] = 0 */
            rc = radial_spline(&s->grid, buf, n, f->rcut2, s->states[j].l, 100, w ? &f->phit[j] : &f->phi[j], e);
        }
    if (!rc) rc = radial_spline(&s->grid, s->nc, n, f->rcut2, 0, 1000, &f->nc, e);
    if (!rc) rc = radial_spline(&s->grid, s->nct, n, f->rcut2, 0, 1000, &f->nct, e);
    free(buf);
    if (rc) {
        ae_funcs_free(f);
        return err_wrap(e, "%s: all-electron partial waves", s->path);
    }
    return 0;
}

/* Adds atom a's sphere corrections (all periodic images within rcut2) to n_g and returns
 * their integral on the grid. D: spin-summed packed density matrix of the atom. */
static double add_atom(const ae_funcs *f, const setup_derived *sd, const double *D, const double spos[3],
                       const double cell[3][3], const int pbc[3], const int n[3], double dv, double *n_g)
{
    double recip[3][3], centre[3];
    lattice_reciprocal(cell, recip);
    lattice_to_cartesian(cell, spos, centre);
    int lo[3], hi[3];
    for (int c = 0; c < 3; c++) {
        /* the sphere spans |delta f_c| <= rcut |b_c| / (2 pi) along axis c */
        double bn = sqrt(recip[c][0] * recip[c][0] + recip[c][1] * recip[c][1] + recip[c][2] * recip[c][2]);
        double df = f->rcut2 * bn / (2 * M_PI);
        lo[c] = (int)ceil((spos[c] - df) * n[c]);
        hi[c] = (int)floor((spos[c] + df) * n[c]);
    }
    double Y[16], phi[16], phit[16], sum = 0, y00 = 1 / sqrt(4 * M_PI);
    for (int i = lo[0]; i <= hi[0]; i++)
        for (int j = lo[1]; j <= hi[1]; j++)
            for (int k = lo[2]; k <= hi[2]; k++) {
                int g[3] = {i, j, k};
                int out = 0;
                for (int c = 0; c < 3; c++) {
                    int w = ((g[c] % n[c]) + n[c]) % n[c];
                    if (w != g[c] && !pbc[c]) out = 1;
                    g[c] = w;
                }
                if (out) continue;
                double fr[3] = {(double)i / n[0], (double)j / n[1], (double)k / n[2]}, r[3];
                lattice_to_cartesian(cell, fr, r);
                for (int x = 0; x < 3; x++) r[x] -= centre[x];
                double d = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
                if (d >= f->rcut2) continue;
                rlylm_real(LMAX_PW, r, Y);
                for (int q = 0; q < sd->ni; q++) {
                    int jj = sd->j_i[q];
                    phi[q] = spline_eval(&f->phi[jj], d) * Y[sd->L_i[q]];
                    phit[q] = spline_eval(&f->phit[jj], d) * Y[sd->L_i[q]];
                }
                double v = (spline_eval(&f->nc, d) - spline_eval(&f->nct, d)) * y00;
                for (int i1 = 0, p = 0; i1 < sd->ni; i1++)
                    for (int i2 = i1; i2 < sd->ni; i2++, p++) v += D[p] * (phi[i1] * phi[i2] - phit[i1] * phit[i2]);
                n_g[((size_t)g[0] * n[1] + g[1]) * n[2] + g[2]] += v;
                sum += v * dv;
            }
    return sum;
}

/* Fourier interpolation to a grid `up` times finer: the coefficients are copied into the
 * larger box, Nyquist planes of even sizes dropped (the fine pseudo density, itself an
 * interpolation of the coarse grid, has nothing there). */
static int fourier_upsample(const int n[3], const double *in, int up, const int m[3], double *out, err *e)
{
    int nh = n[2] / 2 + 1, mh = m[2] / 2 + 1;
    size_t nin = (size_t)n[0] * n[1] * nh, nout = (size_t)m[0] * m[1] * mh;
    fftw_complex *a = fftw_malloc(nin * sizeof *a), *b = fftw_malloc(nout * sizeof *b);
    double *tmp = fftw_malloc((size_t)n[0] * n[1] * n[2] * sizeof *tmp);
    if (!a || !b || !tmp) {
        fftw_free(a), fftw_free(b), fftw_free(tmp);
        return err_set(e, EXIT_RUN_FAILED, "all-electron density: out of memory for the refined grid");
    }
    fftw_plan pf = fftw_plan_dft_r2c_3d(n[0], n[1], n[2], tmp, a, FFTW_ESTIMATE);
    fftw_plan pb = fftw_plan_dft_c2r_3d(m[0], m[1], m[2], b, out, FFTW_ESTIMATE);
    memcpy(tmp, in, (size_t)n[0] * n[1] * n[2] * sizeof *tmp);
    fftw_execute(pf);
    memset(b, 0, nout * sizeof *b);
    double scale = 1.0 / ((double)n[0] * n[1] * n[2]);
    for (int i = 0; i < n[0]; i++) {
        int fi = i <= n[0] / 2 ? i : i - n[0];
        if (2 * fi == n[0]) continue;
        for (int j = 0; j < n[1]; j++) {
            int fj = j <= n[1] / 2 ? j : j - n[1];
            if (2 * fj == n[1]) continue;
            for (int k = 0; k < nh; k++) {
                if (2 * k == n[2]) continue;
                int oi = (fi + m[0]) % m[0], oj = (fj + m[1]) % m[1];
                b[((size_t)oi * m[1] + oj) * mh + k] = a[((size_t)i * n[1] + j) * nh + k] * scale;
            }
        }
    }
    fftw_execute(pb);
    (void)up;
    fftw_destroy_plan(pf), fftw_destroy_plan(pb);
    fftw_free(a), fftw_free(b), fftw_free(tmp);
    return 0;
}

int ae_density_build(const species_set *ss, const double cell[3][3], const int pbc[3], const int n_in[3],
                     const double *nt_g, const double *D_asp, int nspins, int upsample, ae_density *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (upsample != 1 && upsample != 2)
        return err_set(e, EXIT_INTERNAL, "all-electron density: refinement %d is not 1 or 2", upsample);
    for (int c = 0; c < 3; c++) out->n[c] = n_in[c] * upsample;
    memcpy(out->cell, cell, sizeof out->cell);
    size_t np = (size_t)out->n[0] * out->n[1] * out->n[2];
    out->n_g = malloc(np * sizeof *out->n_g);
    out->I_a = calloc(ss->natoms, sizeof *out->I_a);
    ae_funcs *f = calloc(ss->nspecies, sizeof *f);
    int np_max = 0;
    for (int a = 0; a < ss->natoms; a++) np_max = ss->np_a[a] > np_max ? ss->np_a[a] : np_max;
    double *D = malloc((np_max + 1) * sizeof *D);
    int rc = 0;
    if (!out->n_g || !out->I_a || !f || !D) {
        rc = err_set(e, EXIT_RUN_FAILED, "all-electron density: out of memory for %zu points", np);
        goto done;
    }
    if (upsample == 1) memcpy(out->n_g, nt_g, np * sizeof *out->n_g);
    else if ((rc = fourier_upsample(n_in, nt_g, upsample, out->n, out->n_g, e))) goto done;
    for (int k = 0; k < ss->nspecies && !rc; k++) rc = ae_funcs_init(&f[k], &ss->sp[k].s, e);
    if (rc) goto done;
    double dv = fabs(lattice_volume(cell)) / np;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        const setup_derived *sd = &sp->d;
        const double *Ds = D_asp + (size_t)nspins * ss->p_a[a];
        /* exact integral of the corrections: sqrt(4 pi) sum_p D_p Delta_p0 + N_c - N_ct */
        double exact = sp->s.Nc - sd->Nct;
        for (int p = 0; p < sd->np; p++) {
            D[p] = 0;
            for (int s = 0; s < nspins; s++) D[p] += Ds[s * sd->np + p];
            exact += sqrt(4 * M_PI) * D[p] * sd->Delta_pL[p * sd->Lmax];
        }
        double grid = add_atom(&f[ss->species_a[a]], sd, D, ss->spos[a], cell, pbc, out->n, dv, out->n_g);
        /* the missing charge goes to the grid point nearest the nucleus (GPAW: g_ac =
         * round(N_c spos_ac) mod N_c) */
        out->I_a[a] = grid - exact;
        size_t g[3];
        for (int c = 0; c < 3; c++) {
            long q = lround(out->n[c] * ss->spos[a][c]) % out->n[c];
            g[c] = (size_t)(q < 0 ? q + out->n[c] : q);
        }
        out->n_g[(g[0] * out->n[1] + g[1]) * out->n[2] + g[2]] -= out->I_a[a] / dv;
    }
    out->total = 0;
    for (size_t i = 0; i < np; i++) out->total += out->n_g[i] * dv;
done:
    if (f)
        for (int k = 0; k < ss->nspecies; k++) ae_funcs_free(&f[k]);
    free(f), free(D);
    if (rc) ae_density_free(out);
    return rc;
}

void ae_density_free(ae_density *a)
{
    free(a->n_g), free(a->I_a);
    a->n_g = NULL, a->I_a = NULL;
}
