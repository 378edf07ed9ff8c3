/* H and S on blocks of plane-wave bands (GPAW's Hamiltonian.apply with
 * PWWaveFunctions.apply_pseudo_hamiltonian, gpaw/hamiltonian.py, wavefunctions/pw.py):
 *
 *   (H ψ)(G) = |k+G|²/2 ψ(G) + FFT[ṽ_s(r) ψ(r)](G) + (1/dv) Σ_aij p̃_i^a(G) ΔH_ij^a P_nj^a
 *   (S ψ)(G) = ψ(G) + (1/dv) Σ_aij p̃_i^a(G) ΔO_ij^a P_nj^a,      P_nj^a = <p̃_j^a|ψ_n>
 *
 * ψ(r) = ifft (1/N); the nonlocal parts are pwlfc's add (pwlfc.h eq. 3) of the
 * coefficients P ΔH and P ΔO, each a GEMM per atom over all bands. */
#include "hamiltonian/hamiltonian.h"

#include "core/mem.h"

#include <cblas.h>
#include <stdlib.h>
#include <string.h>

int ham_op_init(ham_op *op, hamiltonian *h, wavefunctions *w, int nbmax, err *e)
{
    memset(op, 0, sizeof *op);
    op->h = h;
    op->w = w;
    size_t n = (size_t)(nbmax > w->nbands ? nbmax : w->nbands) * w->ss->nI + 1;
    op->Pr = xcalloc(n, sizeof *op->Pr);
    op->cr = xcalloc(n, sizeof *op->cr);
    op->Pc = xcalloc(n, sizeof *op->Pc);
    op->cc = xcalloc(n, sizeof *op->cc);
    op->cr2 = xcalloc(n, sizeof *op->cr2);
    op->cc2 = xcalloc(n, sizeof *op->cc2);
    int nimax = 1;
    for (int a = 0; a < w->ss->natoms; a++)
        if (w->ss->ni_a[a] > nimax) nimax = w->ss->ni_a[a];
    op->dH_ii = xcalloc((size_t)nimax * nimax, sizeof *op->dH_ii);
    op->dO_ii = xcalloc((size_t)nimax * nimax, sizeof *op->dO_ii);
    op->Xc = xcalloc((size_t)nimax * nimax, sizeof *op->Xc);
    (void)e;
    return 0;
}

void ham_op_free(ham_op *op)
{
    free(op->Pr);
    free(op->cr);
    free(op->Pc);
    free(op->cc);
    free(op->cr2);
    free(op->cc2);
    free(op->dH_ii);
    free(op->dO_ii);
    free(op->Xc);
    memset(op, 0, sizeof *op);
}

eig_operator ham_op_operator(ham_op *op, int u)
{
    op->u = u;
    const wavefunctions *w = op->w;
    const wfs_kpoint *q = &w->kpt_u[u];
    const pw_basis *pw = &w->pw_k[q->k];
    eig_operator o;
    memset(&o, 0, sizeof o);
    o.space.npw = pw->npw;
    o.space.ld = pw->npw;
    o.space.real = pw->real;
    o.space.g0 = pw->real && pw->map[0] == 0 ? 0 : -1;
    long N = fft_grid_points(pw->grid);
    o.space.weight = pw->grid->volume / ((double)N * N);
    o.space.g2 = pw->g2;
    o.space.comm = w->npw_ranks > 1 ? w->comm->pw : MPI_COMM_NULL;   /* G slices: Gram sums reduced */
    o.space.work = w->comm->work;
    o.naux = w->ss->nI;
    o.apply = hamiltonian_apply;
    o.apply_local = hamiltonian_apply_local;
    o.nonlocal_gram = hamiltonian_nonlocal_gram;
    o.add_nonlocal = hamiltonian_add_nonlocal;
    o.ctx = op;
    return o;
}

/* dH_ii = unpack(dH_p) (both triangles; GPAW's unpack, not unpack2). */
static void unpack(int ni, const double *p, double *ii)
{
    int k = 0;
    for (int i1 = 0; i1 < ni; i1++)
        for (int i2 = i1; i2 < ni; i2++, k++) ii[i1 * ni + i2] = ii[i2 * ni + i1] = p[k];
}

/* c[:, I_a] = P[:, I_a] X^a for every atom (X = dH or dO, symmetric): real or complex. */
static void times_atomic(ham_op *op, int nb, int use_dH, int real)
{
    const species_set *ss = op->w->ss;
    int nI = ss->nI, s = op->w->kpt_u[op->u].s, ns = op->h->nspins;
    for (int a = 0; a < ss->natoms; a++) {
        int ni = ss->ni_a[a], I0 = ss->I_a[a];
        const double *X = op->dO_ii;
        if (use_dH) {
            unpack(ni, op->h->dH_asp + (size_t)ns * ss->p_a[a] + (size_t)s * ss->np_a[a], op->dH_ii);
            X = op->dH_ii;
        } else {
            const double *dO = species_of(ss, a)->d.dO_ii;
            X = dO;
        }
        if (real)
            cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, ni, ni, 1.0, op->Pr + I0, nI, X, ni, 0.0,
                        op->cr + I0, nI);
        else {
            /* complex P times the real X: X promoted once per atom, one ZGEMM. */
            const double complex one = 1.0, zero = 0.0;
            for (int i = 0; i < ni * ni; i++) op->Xc[i] = X[i];
            cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, ni, ni, &one, op->Pc + I0, nI, op->Xc, ni,
                        &zero, op->cc + I0, nI);
        }
    }
}

/* hpsi = (|k+G|²/2 + ṽ) psi, band by band: ψ(r) = ifft, ṽ ψ(r), fft. */
static void apply_local(ham_op *op, int nb, const double complex *psi, double complex *hpsi)
{
    wavefunctions *w = op->w;
    const wfs_kpoint *q = &w->kpt_u[op->u];
    const pw_basis *pw = &w->pw_k[q->k];
    pw_fft *t = &w->fft_k[q->k];
    long N = fft_grid_points(pw->grid);
    const double *vt = op->h->vt_sG + (size_t)q->s * N;
    int npw = pw->npw;
    for (int n = 0; n < nb; n++) {
        const double complex *x = psi + (size_t)n * npw;
        double complex *y = hpsi + (size_t)n * npw;
        for (int G = 0; G < npw; G++) y[G] = pw->g2[G] * x[G];
        pw_fft_inverse(t, x, 1.0 / N);
        if (pw->real)
            for (long i = 0; i < N; i++) w->plan.r[i] *= vt[i];
        else {
            double complex *z = (double complex *)w->plan.z;
            for (long i = 0; i < N; i++) z[i] *= vt[i];
        }
        pw_fft_forward(t, y, 1.0, 1.0);
    }
}

/* hpsi = (|k+G|²/2 + ṽ) psi with the G coefficients distributed (parallel/pwdist.h):
 * transposed to whole bands, this rank's bands transformed with the serial plans, and
 * back. Per element the same operations as the serial loop (FFT of ṽ ψ, then the
 * kinetic term added: a + b = b + a exactly), so each band's H ψ has the serial bits.
 * Collective over comm->pw. Returns -1 for more bands than the transposes were made for. */
static int apply_local_distributed(ham_op *op, int nb, const double complex *psi, double complex *hpsi)
{
    wavefunctions *w = op->w;
    const wfs_kpoint *q = &w->kpt_u[op->u];
    const pw_basis *pw = &w->pw_k[q->k];
    pw_fft *t = &w->fft_k[q->k];
    pw_dist *d = &w->dist_k[q->k];
    if (nb > d->nbmax) return -1;
    long N = fft_grid_points(pw->grid);
    const double *vt = op->h->vt_sG + (size_t)q->s * N;
    int npw = pw->npw, n0, n1;
    pw_dist_to_bands(d, nb, psi, npw);
    pw_dist_bands(d, nb, d->rank, &n0, &n1);
    for (int i = 0; i < n1 - n0; i++) {
        double complex *x = d->full + (size_t)i * d->npw;
        pw_fft_inverse(t, x, 1.0 / N);
        if (pw->real)
            for (long j = 0; j < N; j++) w->plan.r[j] *= vt[j];
        else {
            double complex *z = (double complex *)w->plan.z;
            for (long j = 0; j < N; j++) z[j] *= vt[j];
        }
        pw_fft_forward(t, x, 1.0, 0.0);
    }
    pw_dist_from_bands(d, nb, hpsi, npw);
    for (int n = 0; n < nb; n++) {
        const double complex *x = psi + (size_t)n * npw;
        double complex *y = hpsi + (size_t)n * npw;
        for (int G = 0; G < npw; G++) y[G] += pw->g2[G] * x[G];
    }
    return 0;
}

/* out = (T + V) psi, serial or through the band transposes. */
static int apply_tv(ham_op *op, int nb, const double complex *psi, double complex *out, err *e)
{
    wavefunctions *w = op->w;
    if (w->npw_ranks == 1) apply_local(op, nb, psi, out);
    else if (apply_local_distributed(op, nb, psi, out))
        return err_set(e, EXIT_INTERNAL, "H apply: %d bands exceed the transposes' %d", nb,
                       w->dist_k[w->kpt_u[op->u].k].nbmax);
    return 0;
}

/* <p|psi> of nb bands into op->Pr (real) or op->Pc, copied to proj (stride ldp) if given. */
static int project(ham_op *op, int nb, const double complex *psi, double complex *proj, int ldp, err *e)
{
    wavefunctions *w = op->w;
    const wfs_kpoint *q = &w->kpt_u[op->u];
    const pw_basis *pw = &w->pw_k[q->k];
    pwlfc *pt = &w->pt_k[q->k];
    int npw = pw->npw, nI = w->ss->nI, real = pw->real;
    if (real ? pwlfc_integrate_real(pt, nb, psi, npw, op->Pr, nI, e)
             : pwlfc_integrate_cplx(pt, nb, psi, npw, op->Pc, nI, e))
        return -1;
    if (proj)
        for (int n = 0; n < nb; n++)
            for (int c = 0; c < nI; c++)
                proj[(size_t)n * ldp + c] = real ? op->Pr[(size_t)n * nI + c] : op->Pc[(size_t)n * nI + c];
    return 0;
}

int hamiltonian_apply(void *ctx, int nb, const double complex *psi, double complex *hpsi, double complex *spsi,
                      double complex *proj, int ldp, err *e)
{
    ham_op *op = ctx;
    wavefunctions *w = op->w;
    const wfs_kpoint *q = &w->kpt_u[op->u];
    const pw_basis *pw = &w->pw_k[q->k];
    pwlfc *pt = &w->pt_k[q->k];
    int npw = pw->npw, nI = w->ss->nI, real = pw->real;
    if (project(op, nb, psi, proj, ldp, e)) return -1;
    if (hpsi) {
        if (apply_tv(op, nb, psi, hpsi, e)) return -1;
        times_atomic(op, nb, 1, real);
        if (real ? pwlfc_add_real(pt, nb, op->cr, nI, hpsi, npw, e) : pwlfc_add_cplx(pt, nb, op->cc, nI, hpsi, npw, e))
            return -1;
    }
    if (spsi) {
        memcpy(spsi, psi, (size_t)nb * npw * sizeof *spsi);
        times_atomic(op, nb, 0, real);
        if (real ? pwlfc_add_real(pt, nb, op->cr, nI, spsi, npw, e) : pwlfc_add_cplx(pt, nb, op->cc, nI, spsi, npw, e))
            return -1;
    }
    return 0;
}

int hamiltonian_apply_local(void *ctx, int nb, const double complex *psi, double complex *tpsi,
                            double complex *proj, int ldp, err *e)
{
    ham_op *op = ctx;
    if (proj && project(op, nb, psi, proj, ldp, e)) return -1;
    return tpsi ? apply_tv(op, nb, psi, tpsi, e) : 0;
}

/* op->Pr / op->Pc (n bands) <- B's projections (stride ldb). */
static void load_projections(ham_op *op, int n, const double complex *B, int ldb, int real)
{
    int nI = op->w->ss->nI;
    for (int j = 0; j < n; j++)
        for (int c = 0; c < nI; c++) {
            if (real) op->Pr[(size_t)j * nI + c] = creal(B[(size_t)j * ldb + c]);
            else op->Pc[(size_t)j * nI + c] = B[(size_t)j * ldb + c];
        }
}

void hamiltonian_nonlocal_gram(void *ctx, int h, int m, const double complex *A, int lda, int n,
                               const double complex *B, int ldb, double *M, int ldm)
{
    ham_op *op = ctx;
    const wfs_kpoint *q = &op->w->kpt_u[op->u];
    int nI = op->w->ss->nI, real = op->w->pw_k[q->k].real;
    load_projections(op, n, B, ldb, real);
    times_atomic(op, n, h, real);   /* XB = P_B X into op->cr / op->cc */
    /* M (column-major, ldm) is M^T row-major: M^T = XB A^H, n x m. */
    if (real) {
        load_projections(op, m, A, lda, 1);
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, n, m, nI, 1.0, op->cr, nI, op->Pr, nI, 1.0, M, ldm);
    } else {
        const double complex one = 1.0;
        cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasConjTrans, n, m, nI, &one, op->cc, nI, A, lda, &one, M, ldm);
    }
}

int hamiltonian_add_nonlocal(void *ctx, int nb, const double *eps, const double complex *proj, int ldp,
                             double complex *R, int ldr, err *e)
{
    ham_op *op = ctx;
    wavefunctions *w = op->w;
    const wfs_kpoint *q = &w->kpt_u[op->u];
    pwlfc *pt = &w->pt_k[q->k];
    int nI = w->ss->nI, real = w->pw_k[q->k].real;
    size_t len = (size_t)nb * nI;
    load_projections(op, nb, proj, ldp, real);
    times_atomic(op, nb, 1, real);   /* P dH */
    if (real) memcpy(op->cr2, op->cr, len * sizeof *op->cr2);
    else memcpy(op->cc2, op->cc, len * sizeof *op->cc2);
    times_atomic(op, nb, 0, real);   /* P dO */
    for (int n = 0; n < nb; n++)
        for (int c = 0; c < nI; c++) {
            size_t i = (size_t)n * nI + c;
            if (real) op->cr[i] = op->cr2[i] - eps[n] * op->cr[i];
            else op->cc[i] = op->cc2[i] - eps[n] * op->cc[i];
        }
    return real ? pwlfc_add_real(pt, nb, op->cr, nI, R, ldr, e) : pwlfc_add_cplx(pt, nb, op->cc, nI, R, ldr, e);
}
