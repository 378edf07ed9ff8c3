/* Localized functions on plane waves (GPAW's PWLFC); formulas (1)-(4) in pwlfc.h. */
#include "basis/pwlfc.h"
#include "basis/fft.h"
#include "core/comm.h"
#include "core/mem.h"
#include "math/fbt.h"
#include "math/ylm.h"

#include <cblas.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Entries of one G block in the workspaces: about 16 MB of complex numbers at most,
 * and never more G than GPAW's block of 5000 would take (numbers do not depend on it
 * beyond the order of the GEMM sums). */
#define PWLFC_BLOCK_ENTRIES (1 << 20)
#define PWLFC_BLOCK_MAX 5000

/* ------------------------------------------------------------------ pwlfc_funcs */

void pwlfc_funcs_free(pwlfc_funcs *fn)
{
    for (int s = 0; s < fn->ns && fn->F_s; s++) spline_free(&fn->F_s[s]);
    free(fn->F_s);
    free(fn->l_s);
    free(fn->I_a);
    free(fn->a_J);
    free(fn->s_J);
    memset(fn, 0, sizeof *fn);
}

int pwlfc_funcs_init(pwlfc_funcs *fn, int natoms, const pwlfc_atom *atoms, err *e)
{
    memset(fn, 0, sizeof *fn);
    fn->lmax = -1;
    if (natoms < 0 || (natoms > 0 && !atoms)) return err_set(e, EXIT_INTERNAL, "pwlfc: %d atoms", natoms);
    int nJ = 0;
    for (int a = 0; a < natoms; a++) {
        if (atoms[a].nf < 0 || (atoms[a].nf > 0 && !atoms[a].f))
            return err_set(e, EXIT_INTERNAL, "pwlfc: atom %d has %d functions", a, atoms[a].nf);
        nJ += atoms[a].nf;
    }
    fn->natoms = natoms;
    fn->nJ = nJ;
    fn->I_a = xmalloc((size_t)(natoms + 1) * sizeof *fn->I_a);
    fn->a_J = xmalloc((size_t)(nJ + 1) * sizeof *fn->a_J);
    fn->s_J = xmalloc((size_t)(nJ + 1) * sizeof *fn->s_J);
    fn->l_s = xmalloc((size_t)(nJ + 1) * sizeof *fn->l_s);
    fn->F_s = xcalloc((size_t)nJ + 1, sizeof *fn->F_s);
    const spline **seen = xmalloc((size_t)(nJ + 1) * sizeof *seen);
    int J = 0, nI = 0;
    for (int a = 0; a < natoms; a++) {
        fn->I_a[a] = nI;
        for (int j = 0; j < atoms[a].nf; j++, J++) {
            const spline *f = &atoms[a].f[j];
            int s = 0;
            while (s < fn->ns && seen[s] != f) s++;
            if (s == fn->ns) {   /* a new spline: its transform F_l(q) */
                if (f->l < 0 || f->l > 20 || !f->data) {
                    free(seen);
                    pwlfc_funcs_free(fn);
                    return err_set(e, EXIT_INTERNAL, "pwlfc: atom %d function %d is not a spline (l = %d)", a, j,
                                   f->l);
                }
                if (fbt_spline(f, &fn->F_s[s], e)) {
                    free(seen);
                    pwlfc_funcs_free(fn);
                    return err_wrap(e, "pwlfc: atom %d function %d", a, j);
                }
                seen[s] = f;
                fn->l_s[s] = f->l;
                fn->ns++;
                if (f->l > fn->lmax) fn->lmax = f->l;
            }
            fn->a_J[J] = a;
            fn->s_J[J] = s;
            nI += 2 * f->l + 1;
        }
    }
    fn->I_a[natoms] = nI;
    fn->nI = nI;
    free(seen);
    return 0;
}

/* ------------------------------------------------------------------ pwlfc */

static void fill_cache(pwlfc *lfc);

void pwlfc_free(pwlfc *lfc)
{
    free(lfc->m_Gc);
    free(lfc->kG_Gv);
    free(lfc->f_Gs);
    free(lfc->Y_GL);
    free(lfc->sf_acm);
    free(lfc->eikR_a);
    free(lfc->sf_a);
    free(lfc->cache);
    free(lfc->f_GI);
    free(lfc->d_GI);
    free(lfc->c_nI);
    free(lfc->split_cnt);
    free(lfc->split_dsp);
    memset(lfc, 0, sizeof *lfc);
}

/* Integer frequencies and cartesian k+G of every basis vector (the map's order). The
 * axes are folded as in GPAW's PWDescriptor: complex bases fold all three (fft_freq);
 * real bases keep the third axis unfolded, 0..n2/2, so an even n2's Nyquist plane is
 * +n2/2 (the density spheres pd2/pd3 include it when they reach it; pw_basis's real
 * half sphere never contains it). Returns the largest mismatch between the tabulated
 * |k+G|^2/2 and the basis's g2, relative to the largest g2. */
static double tabulate_vectors(pwlfc *lfc)
{
    const pw_basis *pw = lfc->pw;
    const fft_grid *g = pw->grid;
    double dmax = 0, gmax = 0;
    for (int G = lfc->Gt; G < lfc->Gt + lfc->nGt; G++) {
        int q = pw->map[G];
        int i[3] = {q / (g->n[1] * g->n[2]), (q / g->n[2]) % g->n[1], q % g->n[2]};
        int *m = lfc->m_Gc + 3 * (G - lfc->Gt);
        double *kG = lfc->kG_Gv + 3 * (G - lfc->Gt);
        for (int c = 0; c < 3; c++) {
            m[c] = (c == 2 && pw->real && 2 * i[c] <= g->n[c]) ? i[c] : fft_freq(i[c], g->n[c]);
            if (abs(m[c]) > lfc->mmax) lfc->mmax = abs(m[c]);
        }
        double q2 = 0;
        for (int v = 0; v < 3; v++) {
            double x = 0;
            for (int c = 0; c < 3; c++) x += (m[c] + pw->kfrac[c]) * g->recip[c][v];
            kG[v] = x;
            q2 += x * x;
        }
        dmax = fmax(dmax, fabs(0.5 * q2 - pw->g2[G]));
        gmax = fmax(gmax, pw->g2[G]);
    }
    return gmax > 0 ? dmax / gmax : dmax;
}

/* The tables (vectors, F_s(|k+G|), |k+G|^l Y_L) of the basis vectors G0 <= G < G1,
 * replacing any before; each row depends on its G alone, so a range's rows are the
 * whole basis's bits. mmax only grows (the structure-factor tables may already be made
 * for the whole basis). */
static int tabulate_range(pwlfc *lfc, int G0, int G1, err *e)
{
    const pwlfc_funcs *fn = lfc->fn;
    const pw_basis *pw = lfc->pw;
    free(lfc->m_Gc), free(lfc->kG_Gv), free(lfc->f_Gs), free(lfc->Y_GL);
    lfc->Gt = G0;
    lfc->nGt = G1 - G0;
    size_t nG = (size_t)lfc->nGt;
    lfc->m_Gc = xmalloc((3 * nG + 1) * sizeof *lfc->m_Gc);
    lfc->kG_Gv = xmalloc((3 * nG + 1) * sizeof *lfc->kG_Gv);
    lfc->f_Gs = xmalloc((nG * fn->ns + 1) * sizeof *lfc->f_Gs);
    lfc->Y_GL = xmalloc((nG * lfc->Lmax + 1) * sizeof *lfc->Y_GL);
    int mmax = lfc->mmax;
    double mismatch = tabulate_vectors(lfc);
    if (lfc->mmax < mmax) lfc->mmax = mmax;
    if (mismatch > 1e-10)
        return err_set(e, EXIT_INTERNAL, "pwlfc: basis map and |k+G|^2 disagree (%.2g relative)", mismatch);
    /* F_s(|k+G|) with |k+G| = sqrt(2 g2), GPAW's f.map(G2_G**0.5) */
    for (size_t G = 0; G < nG; G++) {
        double q = sqrt(2.0 * pw->g2[G0 + G]);
        for (int s = 0; s < fn->ns; s++) lfc->f_Gs[G * fn->ns + s] = spline_eval(&fn->F_s[s], q);
    }
    if (fn->lmax >= 0) rlylm_real_many(fn->lmax, lfc->nGt, lfc->kG_Gv, lfc->Y_GL);
    return 0;
}

int pwlfc_init(pwlfc *lfc, const pwlfc_funcs *fn, const pw_basis *pw, int nbmax, err *e)
{
    memset(lfc, 0, sizeof *lfc);
    if (nbmax < 1) return err_set(e, EXIT_INTERNAL, "pwlfc: nbmax %d < 1", nbmax);
    /* a real basis (or a rank's slice of one, parallel/pwdist.h) holds G = 0 first or not at all */
    if (pw->real && pw->npw > 0 && pw->map[0] != 0)
        for (int G = 1; G < pw->npw; G++)
            if (pw->map[G] == 0) return err_set(e, EXIT_INTERNAL, "pwlfc: a real basis must start with G = 0");
    lfc->g0 = pw->real && pw->npw > 0 && pw->map[0] == 0;
    lfc->comm = MPI_COMM_NULL;
    lfc->Gb = 0;
    lfc->Ge = pw->npw;
    lfc->fn = fn;
    lfc->pw = pw;
    lfc->nG = pw->npw;
    lfc->nbmax = nbmax;
    lfc->Lmax = ylm_count(fn->lmax);
    long N = (long)pw->grid->n[0] * pw->grid->n[1] * pw->grid->n[2];
    lfc->inv_N = 1.0 / N;
    lfc->inv_dv = N / pw->grid->volume;
    lfc->mmax = 0;
    if (tabulate_range(lfc, 0, lfc->nG, e)) return pwlfc_free(lfc), -1;
    int nI = fn->nI > 0 ? fn->nI : 1;
    int B = PWLFC_BLOCK_ENTRIES / nI;
    if (B > PWLFC_BLOCK_MAX) B = PWLFC_BLOCK_MAX;
    if (B < 64) B = 64;
    if (B > lfc->nG) B = lfc->nG > 0 ? lfc->nG : 1;
    lfc->blocksize = B;
    lfc->f_GI = xmalloc((size_t)B * nI * sizeof *lfc->f_GI);
    lfc->d_GI = xmalloc((size_t)B * nI * sizeof *lfc->d_GI);
    lfc->c_nI = xmalloc((size_t)nbmax * nI * sizeof *lfc->c_nI);
    lfc->sf_acm = xmalloc(((size_t)fn->natoms * 3 * (2 * lfc->mmax + 1) + 1) * sizeof *lfc->sf_acm);
    lfc->eikR_a = xmalloc(((size_t)fn->natoms + 1) * sizeof *lfc->eikR_a);
    lfc->sf_a = xmalloc(((size_t)fn->natoms + 1) * sizeof *lfc->sf_a);
    return 0;
}

int pwlfc_set_positions(pwlfc *lfc, const double (*spos)[3], err *e)
{
    const pwlfc_funcs *fn = lfc->fn;
    int M = 2 * lfc->mmax + 1;
    for (int a = 0; a < fn->natoms; a++) {
        double ks = 0;
        for (int c = 0; c < 3; c++) {
            if (!isfinite(spos[a][c]))
                return err_set(e, EXIT_BAD_INPUT, "pwlfc: atom %d has a non-finite position", a);
            ks += lfc->pw->kfrac[c] * spos[a][c];
        }
        /* e^{-iG.R} factorises over axes: G.R = 2π Σ_c m_c s_c (a_c . b_c' = 2π δ) */
        for (int c = 0; c < 3; c++)
            for (int m = -lfc->mmax; m <= lfc->mmax; m++)
                lfc->sf_acm[((size_t)a * 3 + c) * M + m + lfc->mmax] = cexp(-2.0 * M_PI * I * (m * spos[a][c]));
        lfc->eikR_a[a] = cexp(2.0 * M_PI * I * ks);
    }
    lfc->have_positions = 1;
    if (lfc->cache) fill_cache(lfc);
    return 0;
}

/* f_I(G) of (1), G1 <= G < G2: Re and Im of entry (G, i) go to
 * re[(G - G1) sG + i si] and re[(G - G1) sG + i si + im_off], so one routine writes
 * both the complex layout (sG = 2 nI, si = 2, im_off = 1) and GPAW's real layout
 * (sG = 2 nI, si = 1, im_off = nI). The structure factor of each atom is made once per
 * G from three table entries and shared by its functions. Plain real arithmetic: C's
 * complex product carries NaN/Inf recovery branches that cost more than the product
 * here (measured: expand was 35% of integrate + add + derivative at 8 bands). */
static void expand_core(const pwlfc *lfc, int G1, int G2, int cc, double *re, size_t sG, size_t si, size_t im_off)
{
    const pwlfc_funcs *fn = lfc->fn;
    int ns = fn->ns, Lmax = lfc->Lmax, M = 2 * lfc->mmax + 1, mm = lfc->mmax;
    double *sfr = (double *)lfc->sf_a;   /* natoms (re, im) pairs */
    double sgn = cc ? -1.0 : 1.0;
    for (int G = G1; G < G2; G++) {
        const int *m = lfc->m_Gc + 3 * (G - lfc->Gt);
        const double *f = lfc->f_Gs + (size_t)(G - lfc->Gt) * ns, *Y = lfc->Y_GL + (size_t)(G - lfc->Gt) * Lmax;
        for (int a = 0; a < fn->natoms; a++) {
            const double *t = (const double *)(lfc->sf_acm + (size_t)a * 3 * M);
            const double *x = t + 2 * (m[0] + mm), *y = t + 2 * (M + m[1] + mm), *z = t + 2 * (2 * M + m[2] + mm);
            double xr = x[0] * y[0] - x[1] * y[1], xi = x[0] * y[1] + x[1] * y[0];
            sfr[2 * a] = xr * z[0] - xi * z[1];
            sfr[2 * a + 1] = xr * z[1] + xi * z[0];
        }
        double *o = re + (size_t)(G - G1) * sG;
        size_t i = 0;
        for (int J = 0; J < fn->nJ; J++) {
            int s = fn->s_J[J], l = fn->l_s[s], a = fn->a_J[J];
            double pr = sfr[2 * a] * f[s], pi = sfr[2 * a + 1] * f[s], qr, qi;
            switch (l & 3) {   /* times (-i)^l */
            case 0: qr = pr, qi = pi; break;
            case 1: qr = pi, qi = -pr; break;
            case 2: qr = -pr, qi = -pi; break;
            default: qr = -pi, qi = pr; break;
            }
            qi *= sgn;
            for (int L = l * l; L < (l + 1) * (l + 1); L++, i++) {
                o[i * si] = qr * Y[L];
                o[i * si + im_off] = qi * Y[L];
            }
        }
    }
}

/* One band on a real basis, fused: the sums of the GEMM paths of pwlfc_integrate_real and
 * pwlfc_add_real for nb = 1 without writing the expanded block. That is the call of the
 * compensation charges ĝ_L^a on the density grid (pd3: ~150 000 G and 243 functions on
 * the 27-atom TiO2 slab), made in every Density and Hamiltonian update, where storing
 * the nG x nI block and reading it back through a one-row GEMM cost more than the
 * arithmetic itself. f_I(G) = e^{-iG.R_a} F_s(|G|) (-i)^l |G|^l Y_L(G) as expand_core
 * (cc = 0), so per G the structure factor of each atom is made once and each function
 * costs one multiply-add. Same terms as the GEMM path, summed in another order. */
static void sf_of_G(const pwlfc *lfc, int G, double *sfr)
{
    int M = 2 * lfc->mmax + 1, mm = lfc->mmax;
    const int *m = lfc->m_Gc + 3 * (G - lfc->Gt);
    for (int a = 0; a < lfc->fn->natoms; a++) {
        const double *t = (const double *)(lfc->sf_acm + (size_t)a * 3 * M);
        const double *x = t + 2 * (m[0] + mm), *y = t + 2 * (M + m[1] + mm), *z = t + 2 * (2 * M + m[2] + mm);
        double xr = x[0] * y[0] - x[1] * y[1], xi = x[0] * y[1] + x[1] * y[0];
        sfr[2 * a] = xr * z[0] - xi * z[1];
        sfr[2 * a + 1] = xr * z[1] + xi * z[0];
    }
}

/* (-i)^l (pr + i pi) */
static inline void times_minus_i_l(int l, double pr, double pi, double *qr, double *qi)
{
    switch (l & 3) {
    case 0: *qr = pr, *qi = pi; break;
    case 1: *qr = pi, *qi = -pr; break;
    case 2: *qr = -pr, *qi = -pi; break;
    default: *qr = -pi, *qi = pr; break;
    }
}

/* c_I += 2/N Σ_G Re[conj(f_I(G)) psi(G)] over G1 <= G < G2, G = 0's real part once
 * (pwlfc_integrate_real's rule). */
static void integrate_one_real(const pwlfc *lfc, int G1, int G2, const double complex *psi, double *c)
{
    const pwlfc_funcs *fn = lfc->fn;
    double *sfr = (double *)lfc->sf_a;
    for (int G = G1; G < G2; G++) {
        const int *m = lfc->m_Gc + 3 * (G - lfc->Gt);
        double wr = (m[0] | m[1] | m[2]) ? 2.0 * lfc->inv_N : lfc->inv_N;
        double ar = creal(psi[G]) * wr, ai = cimag(psi[G]) * 2.0 * lfc->inv_N;
        const double *f = lfc->f_Gs + (size_t)(G - lfc->Gt) * fn->ns, *Y = lfc->Y_GL + (size_t)(G - lfc->Gt) * lfc->Lmax;
        sf_of_G(lfc, G, sfr);
        size_t i = 0;
        for (int J = 0; J < fn->nJ; J++) {
            int s = fn->s_J[J], l = fn->l_s[s], a = fn->a_J[J];
            double qr, qi;
            times_minus_i_l(l, sfr[2 * a] * f[s], sfr[2 * a + 1] * f[s], &qr, &qi);
            double t = ar * qr + ai * qi;
            for (int L = l * l; L < (l + 1) * (l + 1); L++, i++) c[i] += t * Y[L];
        }
    }
}

/* psi(G) += (N/V) Σ_I c_I f_I(G) over G1 <= G < G2 (pwlfc_add_real's rule). */
static void add_one_real(const pwlfc *lfc, int G1, int G2, const double *c, double complex *psi)
{
    const pwlfc_funcs *fn = lfc->fn;
    double *sfr = (double *)lfc->sf_a;
    for (int G = G1; G < G2; G++) {
        const double *f = lfc->f_Gs + (size_t)(G - lfc->Gt) * fn->ns, *Y = lfc->Y_GL + (size_t)(G - lfc->Gt) * lfc->Lmax;
        sf_of_G(lfc, G, sfr);
        double re = 0.0, im = 0.0;
        size_t i = 0;
        for (int J = 0; J < fn->nJ; J++) {
            int s = fn->s_J[J], l = fn->l_s[s], a = fn->a_J[J];
            double u = 0.0, qr, qi;
            for (int L = l * l; L < (l + 1) * (l + 1); L++, i++) u += c[i] * Y[L];
            times_minus_i_l(l, sfr[2 * a] * f[s], sfr[2 * a + 1] * f[s], &qr, &qi);
            re += qr * u;
            im += qi * u;
        }
        psi[G] += lfc->inv_dv * (re + I * im);
    }
}

/* Complex layout: out[(G - G1) nI + I]. */
static void expand_block(const pwlfc *lfc, int G1, int G2, int cc, double complex *out)
{
    size_t nI = (size_t)lfc->fn->nI;
    expand_core(lfc, G1, G2, cc, (double *)out, 2 * nI, 2, 1);
}

/* GPAW's real layout: row 2G = Re f_I(G), row 2G+1 = Im f_I(G). */
static void expand_block_real(const pwlfc *lfc, int G1, int G2, int cc, double *out)
{
    size_t nI = (size_t)lfc->fn->nI;
    expand_core(lfc, G1, G2, cc, out, 2 * nI, 1, nI);
}

void pwlfc_set_comm(pwlfc *lfc, MPI_Comm comm, double *work)
{
    lfc->comm = comm;
    lfc->comm_work = work;
}

void pwlfc_set_split(pwlfc *lfc, MPI_Comm comm, double *work)
{
    int P, r;
    MPI_Comm_size(comm, &P);
    if (P == 1) return;
    MPI_Comm_rank(comm, &r);
    lfc->comm = comm;
    lfc->comm_work = work;
    lfc->split_cnt = xmalloc((size_t)P * sizeof *lfc->split_cnt);
    lfc->split_dsp = xmalloc((size_t)P * sizeof *lfc->split_dsp);
    for (int s = 0; s < P; s++) {
        long b = (long)s * lfc->nG / P, end = (long)(s + 1) * lfc->nG / P;
        lfc->split_dsp[s] = (int)(2 * b);   /* complex coefficients as pairs of doubles */
        lfc->split_cnt[s] = (int)(2 * (end - b));
    }
    lfc->Gb = lfc->split_dsp[r] / 2;
    lfc->Ge = lfc->Gb + lfc->split_cnt[r] / 2;
    /* only this rank's range is ever expanded: keep its tables alone (memory / P) */
    if (!lfc->cache) tabulate_range(lfc, lfc->Gb, lfc->Ge, NULL);
}

/* Split work (pwlfc_set_split): every rank's range of rows n < nb of psi to all ranks. */
static void gather_ranges(const pwlfc *lfc, int nb, double complex *psi, int ldpsi)
{
    if (!lfc->split_cnt) return;
    for (int n = 0; n < nb; n++)
        MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, (double *)(psi + (size_t)n * ldpsi), lfc->split_cnt,
                       lfc->split_dsp, MPI_DOUBLE, lfc->comm);
}

/* Rows n < nrows of c (ncol doubles each, stride ld doubles) summed over lfc->comm
 * (collective when distributed: every rank calls it, with or without G vectors). */
static void sum_slices(const pwlfc *lfc, int nrows, double *c, size_t ld, size_t ncol)
{
    if (lfc->comm == MPI_COMM_NULL) return;
    int size;
    MPI_Comm_size(lfc->comm, &size);
    if (size == 1) return;
    if (ld == ncol) comm_sum_ordered(lfc->comm, c, (size_t)nrows * ncol, lfc->comm_work);
    else
        for (int n = 0; n < nrows; n++) comm_sum_ordered(lfc->comm, c + n * ld, ncol, lfc->comm_work);
}

static int check(const pwlfc *lfc, int real, int nb, err *e)
{
    if (!lfc->have_positions) return err_set(e, EXIT_INTERNAL, "pwlfc: positions not set");
    if (lfc->pw->real != real)
        return err_set(e, EXIT_INTERNAL, "pwlfc: %s call on a %s basis", real ? "real" : "complex",
                       lfc->pw->real ? "real" : "complex");
    if (nb < 0) return err_set(e, EXIT_INTERNAL, "pwlfc: %d bands", nb);
    return 0;
}

int pwlfc_expand(pwlfc *lfc, int G1, int G2, int cc, double complex *out, err *e)
{
    if (!lfc->have_positions) return err_set(e, EXIT_INTERNAL, "pwlfc: positions not set");
    if (G1 < lfc->Gt || G2 > lfc->Gt + lfc->nGt || G1 > G2)
        return err_set(e, EXIT_INTERNAL, "pwlfc: G range %d..%d outside the tabulated %d..%d", G1, G2, lfc->Gt,
                       lfc->Gt + lfc->nGt);
    expand_block(lfc, G1, G2, cc, out);
    return 0;
}

/* Columns of atom a times ph_a (ph = e^{ik.R_a} times `scale`), rows n < nb. */
static void phase_columns(const pwlfc *lfc, int nb, double complex *c, int ldc, double complex scale, int conjugate)
{
    const pwlfc_funcs *fn = lfc->fn;
    for (int a = 0; a < fn->natoms; a++) {
        double complex ph = scale * (conjugate ? conj(lfc->eikR_a[a]) : lfc->eikR_a[a]);
        for (int n = 0; n < nb; n++)
            for (int k = fn->I_a[a]; k < fn->I_a[a + 1]; k++) c[(size_t)n * ldc + k] *= ph;
    }
}

/* Rows G1..G2-1 of conj(f_I(G)) (complex basis) in the layout of expand_block: from
 * the cache when there is one, else expanded into the workspace. */
static const double complex *block_cplx(pwlfc *lfc, int G1, int G2)
{
    if (lfc->cache) return lfc->cache + (size_t)(G1 - lfc->Gt) * lfc->fn->nI;
    expand_block(lfc, G1, G2, 1, lfc->f_GI);
    return lfc->f_GI;
}

/* Rows 2 G1..2 G2-1 of f_I(G) in GPAW's real layout (real basis), likewise. */
static const double *block_real(pwlfc *lfc, int G1, int G2)
{
    if (lfc->cache) return (const double *)lfc->cache + (size_t)2 * (G1 - lfc->Gt) * lfc->fn->nI;
    expand_block_real(lfc, G1, G2, 0, (double *)lfc->f_GI);
    return (const double *)lfc->f_GI;
}

static void fill_cache(pwlfc *lfc)
{
    int G0 = lfc->Gt, G1 = lfc->Gt + lfc->nGt;
    if (lfc->pw->real) expand_block_real(lfc, G0, G1, 0, (double *)lfc->cache);
    else expand_block(lfc, G0, G1, 1, lfc->cache);
}

int pwlfc_enable_cache(pwlfc *lfc, err *e)
{
    if (lfc->cache) return 0;
    size_t n = (size_t)lfc->nGt * lfc->fn->nI;
    lfc->cache = malloc((n > 0 ? n : 1) * sizeof *lfc->cache);
    if (!lfc->cache)
        return err_set(e, EXIT_RUN_FAILED, "pwlfc: out of memory for the %zu MB cache of expanded functions",
                       (n * sizeof *lfc->cache) >> 20);
    if (lfc->have_positions) fill_cache(lfc);
    return 0;
}

int pwlfc_integrate_cplx(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double complex *c, int ldc,
                         err *e)
{
    if (check(lfc, 0, nb, e)) return -1;
    int nI = lfc->fn->nI;
    for (int n = 0; n < nb; n++) memset(c + (size_t)n * ldc, 0, (size_t)nI * sizeof *c);
    if (nb == 0 || nI == 0) return 0;
    double complex alpha = lfc->inv_N, one = 1.0;
    for (int G1 = lfc->Gb; G1 < lfc->Ge; G1 += lfc->blocksize) {
        int G2 = G1 + lfc->blocksize < lfc->Ge ? G1 + lfc->blocksize : lfc->Ge;
        const double complex *f = block_cplx(lfc, G1, G2);
        cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, nI, G2 - G1, &alpha, psi + G1, ldpsi, f, nI, &one,
                    c, ldc);
    }
    sum_slices(lfc, nb, (double *)c, 2 * (size_t)ldc, 2 * (size_t)nI);
    phase_columns(lfc, nb, c, ldc, 1.0, 0);
    return 0;
}

int pwlfc_integrate_real(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double *c, int ldc, err *e)
{
    if (check(lfc, 1, nb, e)) return -1;
    int nI = lfc->fn->nI;
    for (int n = 0; n < nb; n++) memset(c + (size_t)n * ldc, 0, (size_t)nI * sizeof *c);
    if (nb == 0 || nI == 0) return 0;
    for (int G1 = lfc->Gb; G1 < lfc->Ge; G1 += lfc->blocksize) {
        int G2 = G1 + lfc->blocksize < lfc->Ge ? G1 + lfc->blocksize : lfc->Ge;
        if (nb == 1 && !lfc->cache) {   /* one band: fused, nothing expanded (integrate_one_real) */
            integrate_one_real(lfc, G1, G2, psi, c);
            continue;
        }
        const double *f = block_real(lfc, G1, G2), *a = (const double *)(psi + G1);
        int skip = G1 == 0 && lfc->g0;   /* the real row of G = 0 is taken once, below */
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, nI, 2 * (G2 - G1) - skip, 2.0 * lfc->inv_N,
                    a + skip, 2 * ldpsi, f + (size_t)skip * nI, nI, 1.0, c, ldc);
        if (skip)   /* 2 Re Σ_G counts G = 0 once: GPAW halves its real row (f_GI[0] *= 0.5) */
            for (int n = 0; n < nb; n++) {
                double p0 = creal(psi[(size_t)n * ldpsi]) * lfc->inv_N;
                for (int k = 0; k < nI; k++) c[(size_t)n * ldc + k] += p0 * f[k];
            }
    }
    sum_slices(lfc, nb, c, (size_t)ldc, (size_t)nI);
    return 0;
}

int pwlfc_add_cplx(pwlfc *lfc, int nb, const double complex *c, int ldc, double complex *psi, int ldpsi, err *e)
{
    if (check(lfc, 0, nb, e)) return -1;
    int nI = lfc->fn->nI;
    if (nI == 0) return 0;
    double complex alpha = lfc->inv_dv, one = 1.0;
    for (int n1 = 0; n1 < nb; n1 += lfc->nbmax) {
        int mb = nb - n1 < lfc->nbmax ? nb - n1 : lfc->nbmax;
        for (int n = 0; n < mb; n++)
            memmove(lfc->c_nI + (size_t)n * nI, c + (size_t)(n1 + n) * ldc, (size_t)nI * sizeof *c);
        phase_columns(lfc, mb, lfc->c_nI, nI, 1.0, 1);
        for (int G1 = lfc->Gb; G1 < lfc->Ge; G1 += lfc->blocksize) {
            int G2 = G1 + lfc->blocksize < lfc->Ge ? G1 + lfc->blocksize : lfc->Ge;
            const double complex *f = block_cplx(lfc, G1, G2);   /* conj(f): f^T = conj(f)^H */
            cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasConjTrans, mb, G2 - G1, nI, &alpha, lfc->c_nI, nI, f, nI,
                        &one, psi + (size_t)n1 * ldpsi + G1, ldpsi);
        }
    }
    gather_ranges(lfc, nb, psi, ldpsi);
    return 0;
}

int pwlfc_add_real(pwlfc *lfc, int nb, const double *c, int ldc, double complex *psi, int ldpsi, err *e)
{
    if (check(lfc, 1, nb, e)) return -1;
    int nI = lfc->fn->nI;
    if (nI == 0 || nb == 0) return 0;
    for (int G1 = lfc->Gb; G1 < lfc->Ge; G1 += lfc->blocksize) {
        int G2 = G1 + lfc->blocksize < lfc->Ge ? G1 + lfc->blocksize : lfc->Ge;
        if (nb == 1 && !lfc->cache) {   /* one band: fused, nothing expanded (add_one_real) */
            add_one_real(lfc, G1, G2, c, psi);
            continue;
        }
        const double *f = block_real(lfc, G1, G2);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, nb, 2 * (G2 - G1), nI, lfc->inv_dv, c, ldc, f, nI, 1.0,
                    (double *)(psi + G1), 2 * ldpsi);
    }
    gather_ranges(lfc, nb, psi, ldpsi);
    return 0;
}

int pwlfc_add_constant(pwlfc *lfc, double x, double complex *a, err *e)
{
    int nI = lfc->fn->nI;
    if (lfc->pw->real) {
        double *c = (double *)lfc->c_nI;   /* nI reals fit in nbmax >= 1 complex rows */
        for (int k = 0; k < nI; k++) c[k] = x;
        return pwlfc_add_real(lfc, 1, c, nI, a, lfc->nG, e);
    }
    if (check(lfc, 0, 1, e)) return -1;
    double complex *c = lfc->c_nI + (size_t)(lfc->nbmax - 1) * nI;   /* add_cplx copies row 0 into row 0 */
    for (int k = 0; k < nI; k++) c[k] = x;
    return pwlfc_add_cplx(lfc, 1, c, nI, a, lfc->nG, e);
}

int pwlfc_derivative_cplx(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double complex *dc, int ldc,
                          err *e)
{
    if (check(lfc, 0, nb, e)) return -1;
    int nI = lfc->fn->nI;
    for (int n = 0; n < 3 * nb; n++) memset(dc + (size_t)n * ldc, 0, (size_t)nI * sizeof *dc);
    if (nb == 0 || nI == 0) return 0;
    double complex alpha = -lfc->inv_N, one = 1.0;
    for (int G1 = lfc->Gb; G1 < lfc->Ge; G1 += lfc->blocksize) {
        int G2 = G1 + lfc->blocksize < lfc->Ge ? G1 + lfc->blocksize : lfc->Ge;
        const double *f = (const double *)block_cplx(lfc, G1, G2);
        double *d = (double *)lfc->d_GI;
        for (int v = 0; v < 3; v++) {
            for (int G = G1; G < G2; G++) {
                double gv = lfc->kG_Gv[3 * (G - lfc->Gt) + v];
                size_t o = (size_t)2 * (G - G1) * nI;
                for (int k = 0; k < 2 * nI; k++) d[o + k] = f[o + k] * gv;
            }
            cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, nI, G2 - G1, &alpha, psi + G1, ldpsi,
                        lfc->d_GI, nI, &one, dc + (size_t)v * nb * ldc, ldc);
        }
    }
    sum_slices(lfc, 3 * nb, (double *)dc, 2 * (size_t)ldc, 2 * (size_t)nI);
    phase_columns(lfc, 3 * nb, dc, ldc, I, 0);
    return 0;
}

int pwlfc_derivative_real(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double *dc, int ldc, err *e)
{
    if (check(lfc, 1, nb, e)) return -1;
    int nI = lfc->fn->nI;
    for (int n = 0; n < 3 * nb; n++) memset(dc + (size_t)n * ldc, 0, (size_t)nI * sizeof *dc);
    if (nb == 0 || nI == 0) return 0;
    double *d = (double *)lfc->d_GI;
    for (int G1 = lfc->Gb; G1 < lfc->Ge; G1 += lfc->blocksize) {
        int G2 = G1 + lfc->blocksize < lfc->Ge ? G1 + lfc->blocksize : lfc->Ge;
        const double *f = block_real(lfc, G1, G2);
        for (int v = 0; v < 3; v++) {
            /* GPAW: d[2G] = Im conj(f) G_v = -Im f G_v, d[2G+1] = Re conj(f) G_v = Re f G_v */
            for (int G = G1; G < G2; G++) {
                double gv = lfc->kG_Gv[3 * (G - lfc->Gt) + v];
                const double *fre = f + (size_t)2 * (G - G1) * nI, *fim = fre + nI;
                double *dre = d + (size_t)2 * (G - G1) * nI, *dim = dre + nI;
                for (int k = 0; k < nI; k++) {
                    dre[k] = -fim[k] * gv;
                    dim[k] = fre[k] * gv;
                }
            }
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, nI, 2 * (G2 - G1), 2.0 * lfc->inv_N,
                        (const double *)(psi + G1), 2 * ldpsi, d, nI, 1.0, dc + (size_t)v * nb * ldc, ldc);
        }
    }
    sum_slices(lfc, 3 * nb, dc, (size_t)ldc, (size_t)nI);
    return 0;
}
