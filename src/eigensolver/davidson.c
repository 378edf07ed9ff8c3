/* Block Davidson, Rayleigh-Ritz and S-orthonormalisation (algorithm and sources in
 * davidson.h). */
#include "eigensolver/davidson.h"
#include "core/mem.h"
#include "core/timer.h"
#include "eigensolver/precond.h"

#include <stdlib.h>
#include <string.h>

/* The band blocks for nbl bands per rank (davidson.h). */
static void alloc_blocks(davidson *d, int nbl)
{
    d->nbl = nbl;
    size_t block = (size_t)d->npw_max * nbl, ablock = (size_t)(d->naux_max > 0 ? d->naux_max : 1) * nbl;
    d->psi2 = xcalloc(block, sizeof(double complex));
    d->tmp = xcalloc(block, sizeof(double complex));
    d->hblk = xcalloc(2 * block, sizeof(double complex));
    d->sblk = xcalloc(2 * block, sizeof(double complex));
    d->aux2 = xcalloc(ablock, sizeof(double complex));
    d->auxtmp = xcalloc(ablock, sizeof(double complex));
    d->ekin = xcalloc(nbl, sizeof(double));
}

static void free_blocks(davidson *d)
{
    void *p[] = {d->psi2, d->tmp, d->hblk, d->sblk, d->aux2, d->auxtmp, d->ekin};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) free(p[i]);
}

int davidson_init(davidson *d, int npw_max, int nbands, int naux_max, int real, err *e)
{
    memset(d, 0, sizeof *d);
    if (npw_max < 1 || nbands < 1 || naux_max < 0)
        return err_set(e, EXIT_INTERNAL, "davidson: npw %d, bands %d, projections %d", npw_max,
                       nbands, naux_max);
    d->npw_max = npw_max;
    d->nbands = nbands;
    d->naux_max = naux_max;
    d->real = real;
    d->niter = 2;
    d->bd.B = 1;
    if (subspace_init(&d->sub, 2 * nbands, real, e)) return -1;
    alloc_blocks(d, nbands);
    size_t per = real ? 1 : 2, n2 = 2 * (size_t)nbands;
    d->H = xcalloc(n2 * n2 * per, sizeof(double));
    d->S = xcalloc(n2 * n2 * per, sizeof(double));
    d->eps2 = xcalloc(n2, sizeof(double));
    d->resid = xcalloc(nbands, sizeof(double));
    return 0;
}

int davidson_distribute_bands(davidson *d, MPI_Comm band, err *e)
{
    int B;
    MPI_Comm_size(band, &B);
    if (B == 1) return 0;
    if (B > d->nbands)
        return err_set(e, EXIT_INTERNAL, "davidson: %d band ranks for %d bands", B, d->nbands);
    if (band_dist_init(&d->bd, band, e)) return -1;
    free_blocks(d);
    alloc_blocks(d, (d->nbands + B - 1) / B);
    d->all = xcalloc((size_t)d->npw_max * d->nbands, sizeof *d->all);
    d->auxall = xcalloc((size_t)(d->naux_max > 0 ? d->naux_max : 1) * d->nbands, sizeof *d->auxall);
    return 0;
}

void davidson_free(davidson *d)
{
    subspace_free(&d->sub);
    if (d->bd.cnt) band_dist_free(&d->bd);
    free_blocks(d);
    void *p[] = {d->H, d->S, d->eps2, d->resid, d->all, d->auxall};
    for (size_t i = 0; i < sizeof p / sizeof *p; i++) free(p[i]);
    memset(d, 0, sizeof *d);
}

/* Checks that a call fits the workspace; no allocation, so every call may check. */
static int check_call(const davidson *d, const eig_operator *op, int nb, err *e)
{
    const eig_space *s = &op->space;
    if (s->real != d->real || s->ld > d->npw_max || s->npw > s->ld || s->npw < 0 || nb > d->nbands ||
        nb < 0 || op->naux > d->naux_max || op->naux < 0)
        return err_set(e, EXIT_INTERNAL,
                       "eigensolver: call (npw %d, ld %d, bands %d, projections %d, real %d) does not "
                       "fit the workspace (npw %d, bands %d, projections %d, real %d)",
                       s->npw, s->ld, nb, op->naux, s->real, d->npw_max, d->nbands, d->naux_max,
                       d->real);
    return 0;
}

static int apply(davidson *d, const eig_operator *op, int nb, const double complex *psi,
                 double complex *hpsi, double complex *spsi, double complex *proj, int ldp, err *e)
{
    double t = timer_now();
    int rc = op->apply(op->ctx, nb, psi, hpsi, spsi, op->naux > 0 ? proj : NULL, ldp, e);
    d->t_apply += timer_now() - t;
    d->napply += nb;
    if (rc) return err_wrap(e, "applying the Hamiltonian to %d bands", nb);
    return 0;
}

/* The band-group variants (below). */
static int rayleigh_ritz_bands(davidson *d, const eig_operator *op, int nb, double complex *psi,
                               double complex *proj, int ldp, double *eps, err *e);
static int orthonormalize_bands(davidson *d, const eig_operator *op, int nb, double complex *psi,
                                double complex *proj, int ldp, err *e);

/* X[:, :nb] <- X[:, :k] C (k x nb C, k = nb or 2 nb): one GEMM into d->tmp, copied back. */
static void rotate_inplace(davidson *d, const eig_space *s, int nb, int k, double complex *X,
                           const double *C, int ldc)
{
    eig_rotate(s->real, s->npw, nb, k, X, s->ld, C, ldc, 0.0, d->tmp, s->ld);
    memcpy(X, d->tmp, (size_t)s->ld * nb * sizeof *X);
}

int eig_rayleigh_ritz(davidson *d, const eig_operator *op, int nb, double complex *psi,
                      double complex *proj, int ldp, double *eps, err *e)
{
    const eig_space *s = &op->space;
    if (check_call(d, op, nb, e)) return -1;
    if (!proj) proj = d->auxtmp, ldp = op->naux;  /* the operator may still want somewhere */
    if (d->bd.B > 1) return rayleigh_ritz_bands(d, op, nb, psi, proj, ldp, eps, e);
    if (apply(d, op, nb, psi, d->hblk, d->sblk, proj, ldp, e)) return -1;
    double t = timer_now();
    eig_gram(s, nb, nb, psi, d->hblk, d->H, nb);  /* H_nm = <psi_n|H psi_m> */
    d->t_gram += timer_now() - t;
    t = timer_now();
    if (subspace_eigh(&d->sub, nb, d->H, nb, eps, e)) return err_wrap(e, "Rayleigh-Ritz");
    d->t_diag += timer_now() - t;
    t = timer_now();
    rotate_inplace(d, s, nb, nb, psi, d->H, nb);
    rotate_inplace(d, s, nb, nb, d->hblk, d->H, nb);
    rotate_inplace(d, s, nb, nb, d->sblk, d->H, nb);
    if (op->naux > 0 && proj != d->auxtmp) {
        eig_rotate(s->real, op->naux, nb, nb, proj, ldp, d->H, nb, 0.0, d->auxtmp, op->naux);
        for (int n = 0; n < nb; n++)
            memcpy(proj + (size_t)n * ldp, d->auxtmp + (size_t)n * op->naux, op->naux * sizeof *proj);
    }
    d->t_rotate += timer_now() - t;
    return 0;
}

int eig_orthonormalize(davidson *d, const eig_operator *op, int nb, double complex *psi,
                       double complex *proj, int ldp, err *e)
{
    const eig_space *s = &op->space;
    if (check_call(d, op, nb, e)) return -1;
    if (!proj) proj = d->auxtmp, ldp = op->naux;
    if (d->bd.B > 1) return orthonormalize_bands(d, op, nb, psi, proj, ldp, e);
    if (apply(d, op, nb, psi, NULL, d->sblk, proj, ldp, e)) return -1;
    double t = timer_now();
    eig_gram(s, nb, nb, psi, d->sblk, d->S, nb);
    d->t_gram += timer_now() - t;
    t = timer_now();
    if (subspace_cholesky(&d->sub, nb, d->S, nb, e)) return -1;
    d->t_diag += timer_now() - t;
    t = timer_now();
    eig_solve_lower_h(s->real, s->npw, s->ld, nb, d->S, nb, psi);
    if (op->naux > 0 && proj != d->auxtmp) eig_solve_lower_h(s->real, op->naux, ldp, nb, d->S, nb, proj);
    d->t_rotate += timer_now() - t;
    return 0;
}

/* psi2_n = H psi_n - eps_n S psi_n (GPAW's calculate_residuals with H psi at hand). */
static void residuals(davidson *d, const eig_space *s, int nb, const double *eps)
{
    for (int n = 0; n < nb; n++) {
        size_t o = (size_t)n * s->ld;
        for (int g = 0; g < s->npw; g++) d->psi2[o + g] = d->hblk[o + g] - eps[n] * d->sblk[o + g];
    }
}

/* Fills the lower triangles of the 2B x 2B H_NN and S_NN (ld N) of davidson.h. */
static void subspace_matrices(davidson *d, const eig_space *s, int nb, const double *eps)
{
    const int N = 2 * nb, per = s->real ? 1 : 2;
    memset(d->H, 0, (size_t)N * N * per * sizeof(double));
    memset(d->S, 0, (size_t)N * N * per * sizeof(double));
    for (int n = 0; n < nb; n++) {
        d->H[(size_t)(n + n * N) * per] = eps[n];
        d->S[(size_t)(n + n * N) * per] = 1.0;
    }
    /* rows B..2B-1, all 2B columns: [<psi2|H psi>, <psi2|H psi2>] in one GEMM (the
     * strict upper part of the H22 block is computed too, and not read) */
    eig_gram(s, nb, N, d->psi2, d->hblk, d->H + (size_t)nb * per, N);
    eig_gram(s, nb, N, d->psi2, d->sblk, d->S + (size_t)nb * per, N);
}

/* [psi, psi2] C[:, :B] -> psi, and the same for H psi, S psi and the projections. */
static void davidson_rotate(davidson *d, const eig_operator *op, int nb, double complex *psi,
                            double complex *proj, int ldp)
{
    const eig_space *s = &op->space;
    const int N = 2 * nb, per = s->real ? 1 : 2, r = s->real;
    const double *C11 = d->H, *C21 = d->H + (size_t)nb * per;
    eig_rotate(r, s->npw, nb, nb, psi, s->ld, C11, N, 0.0, d->tmp, s->ld);
    eig_rotate(r, s->npw, nb, nb, d->psi2, s->ld, C21, N, 1.0, d->tmp, s->ld);
    memcpy(psi, d->tmp, (size_t)s->ld * nb * sizeof *psi);
    rotate_inplace(d, s, nb, N, d->hblk, C11, N);   /* [H psi, H psi2] C[:, :B] */
    rotate_inplace(d, s, nb, N, d->sblk, C11, N);
    if (op->naux > 0 && proj != d->auxtmp) {
        const int na = op->naux;
        eig_rotate(r, na, nb, nb, proj, ldp, C11, N, 0.0, d->auxtmp, na);
        eig_rotate(r, na, nb, nb, d->aux2, na, C21, N, 1.0, d->auxtmp, na);
        for (int n = 0; n < nb; n++)
            memcpy(proj + (size_t)n * ldp, d->auxtmp + (size_t)n * na, na * sizeof *proj);
    }
}

/* ---- band groups (davidson.h): this rank holds bands [n0, n1) of nb ---------------- */

/* all <- the nb bands of the block whose local part is X (nl bands, stride s->ld). */
static void gather_block(davidson *d, const eig_space *s, int nb, const double complex *X)
{
    band_dist_allgather(&d->bd, nb, X, d->all, 2 * (size_t)s->ld);
}

/* auxall <- every band's projections (naux each, packed) from this rank's proj (stride
 * ldp); auxtmp packs when ldp > naux. */
static void gather_proj(davidson *d, int naux, int nb, int nl, const double complex *proj, int ldp)
{
    const double complex *src = proj;
    if (ldp != naux) {
        for (int n = 0; n < nl; n++) memcpy(d->auxtmp + (size_t)n * naux, proj + (size_t)n * ldp, naux * sizeof *proj);
        src = d->auxtmp;
    }
    band_dist_allgather(&d->bd, nb, src, d->auxall, 2 * (size_t)naux);
}

/* Y (nl local bands, stride ld) = beta Y + all C[:, n0:n1] (C: k x nb..., ldc). */
static void rotate_mine(const eig_space *s, int nl, int k, const double complex *all, const double *C, int ldc,
                        int n0, double beta, double complex *Y)
{
    size_t per = s->real ? 1 : 2;
    eig_rotate(s->real, s->npw, nl, k, all, s->ld, C + (size_t)n0 * ldc * per, ldc, beta, Y, s->ld);
}

/* proj (local, stride ldp) <- d->auxtmp (packed, naux) */
static void unpack_proj(davidson *d, int naux, int nl, double complex *proj, int ldp)
{
    for (int n = 0; n < nl; n++) memmove(proj + (size_t)n * ldp, d->auxtmp + (size_t)n * naux, naux * sizeof *proj);
}

static int rayleigh_ritz_bands(davidson *d, const eig_operator *op, int nb, double complex *psi,
                               double complex *proj, int ldp, double *eps, err *e)
{
    const eig_space *s = &op->space;
    const size_t per = s->real ? 1 : 2;
    int n0, n1, own_proj = proj != d->auxtmp;
    band_dist_mine(&d->bd, nb, &n0, &n1);
    const int nl = n1 - n0;
    if (apply(d, op, nl, psi, d->hblk, d->sblk, proj, ldp, e)) return -1;
    double t = timer_now();
    gather_block(d, s, nb, psi);
    eig_gram(s, nb, nl, d->all, d->hblk, d->H + (size_t)n0 * nb * per, nb);   /* my columns of H_nm */
    band_dist_allgather(&d->bd, nb, NULL, d->H, per * nb);
    d->t_gram += timer_now() - t;
    t = timer_now();
    if (subspace_eigh(&d->sub, nb, d->H, nb, eps, e)) return err_wrap(e, "Rayleigh-Ritz");
    d->t_diag += timer_now() - t;
    t = timer_now();
    rotate_mine(s, nl, nb, d->all, d->H, nb, n0, 0.0, d->tmp);   /* psi is still gathered */
    memcpy(psi, d->tmp, (size_t)s->ld * nl * sizeof *psi);
    double complex *X[2] = {d->hblk, d->sblk};
    for (int x = 0; x < 2; x++) {
        gather_block(d, s, nb, X[x]);
        rotate_mine(s, nl, nb, d->all, d->H, nb, n0, 0.0, d->tmp);
        memcpy(X[x], d->tmp, (size_t)s->ld * nl * sizeof *psi);
    }
    if (op->naux > 0 && own_proj) {
        gather_proj(d, op->naux, nb, nl, proj, ldp);
        eig_rotate(s->real, op->naux, nl, nb, d->auxall, op->naux, d->H + (size_t)n0 * nb * per, nb, 0.0,
                   d->auxtmp, op->naux);
        unpack_proj(d, op->naux, nl, proj, ldp);
    }
    d->t_rotate += timer_now() - t;
    return 0;
}

static int orthonormalize_bands(davidson *d, const eig_operator *op, int nb, double complex *psi,
                                double complex *proj, int ldp, err *e)
{
    const eig_space *s = &op->space;
    const size_t per = s->real ? 1 : 2;
    int n0, n1, own_proj = proj != d->auxtmp;
    band_dist_mine(&d->bd, nb, &n0, &n1);
    const int nl = n1 - n0;
    if (apply(d, op, nl, psi, NULL, d->sblk, proj, ldp, e)) return -1;
    double t = timer_now();
    gather_block(d, s, nb, psi);
    eig_gram(s, nb, nl, d->all, d->sblk, d->S + (size_t)n0 * nb * per, nb);
    band_dist_allgather(&d->bd, nb, NULL, d->S, per * nb);
    d->t_gram += timer_now() - t;
    t = timer_now();
    /* S = L L^H, C = L^{-H}: psi <- psi C, the rotation form of psi L^{-H} */
    if (subspace_cholesky(&d->sub, nb, d->S, nb, e) || subspace_inverse_lower_h(&d->sub, nb, d->S, nb, d->H, nb, e))
        return -1;
    d->t_diag += timer_now() - t;
    t = timer_now();
    rotate_mine(s, nl, nb, d->all, d->H, nb, n0, 0.0, d->tmp);
    memcpy(psi, d->tmp, (size_t)s->ld * nl * sizeof *psi);
    if (op->naux > 0 && own_proj) {
        gather_proj(d, op->naux, nb, nl, proj, ldp);
        eig_rotate(s->real, op->naux, nl, nb, d->auxall, op->naux, d->H + (size_t)n0 * nb * per, nb, 0.0,
                   d->auxtmp, op->naux);
        unpack_proj(d, op->naux, nl, proj, ldp);
    }
    d->t_rotate += timer_now() - t;
    return 0;
}

/* The lower triangles of H_NN and S_NN with distributed bands: psi2 gathered, my
 * columns n0..n1 and nb+n0..nb+n1 of the rows nb..2nb-1, then the columns gathered.
 * Leaves psi2 of all bands in d->all. */
static void subspace_matrices_bands(davidson *d, const eig_space *s, int nb, int n0, int nl, const double *eps)
{
    const int N = 2 * nb;
    const size_t per = s->real ? 1 : 2, off = (size_t)nl * s->ld;
    memset(d->H, 0, (size_t)N * N * per * sizeof(double));
    memset(d->S, 0, (size_t)N * N * per * sizeof(double));
    for (int n = 0; n < nb; n++) {
        d->H[(size_t)(n + n * N) * per] = eps[n];
        d->S[(size_t)(n + n * N) * per] = 1.0;
    }
    gather_block(d, s, nb, d->psi2);
    double *M[2] = {d->H, d->S};
    const double complex *X[2] = {d->hblk, d->sblk};
    for (int x = 0; x < 2; x++) {
        for (int half = 0; half < 2; half++) {   /* columns of [X psi | X psi2] */
            double *col = M[x] + ((size_t)half * nb + n0) * N * per + (size_t)nb * per;
            eig_gram(s, nb, nl, d->all, X[x] + half * off, col, N);
        }
        band_dist_allgather(&d->bd, nb, NULL, M[x], per * N);
        band_dist_allgather(&d->bd, nb, NULL, M[x] + (size_t)nb * N * per, per * N);
    }
}

/* [psi, psi2] C[:, :nb] -> psi (my columns), and the same for H psi, S psi and the
 * projections; expects psi2 of all bands in d->all (subspace_matrices_bands). */
static void davidson_rotate_bands(davidson *d, const eig_operator *op, int nb, int n0, int nl, double complex *psi,
                                  double complex *proj, int ldp)
{
    const eig_space *s = &op->space;
    const int N = 2 * nb;
    const size_t per = s->real ? 1 : 2, off = (size_t)nl * s->ld;
    const double *C11 = d->H, *C21 = d->H + (size_t)nb * per;
    rotate_mine(s, nl, nb, d->all, C21, N, n0, 0.0, d->tmp);
    gather_block(d, s, nb, psi);
    rotate_mine(s, nl, nb, d->all, C11, N, n0, 1.0, d->tmp);
    memcpy(psi, d->tmp, (size_t)s->ld * nl * sizeof *psi);
    double complex *X[2] = {d->hblk, d->sblk};
    for (int x = 0; x < 2; x++) {
        gather_block(d, s, nb, X[x]);
        rotate_mine(s, nl, nb, d->all, C11, N, n0, 0.0, d->tmp);
        gather_block(d, s, nb, X[x] + off);
        rotate_mine(s, nl, nb, d->all, C21, N, n0, 1.0, d->tmp);
        memcpy(X[x], d->tmp, (size_t)s->ld * nl * sizeof *psi);
    }
    if (op->naux > 0 && proj != d->auxtmp) {
        const int na = op->naux;
        gather_proj(d, na, nb, nl, proj, ldp);
        eig_rotate(s->real, na, nl, nb, d->auxall, na, C11 + (size_t)n0 * N * per, N, 0.0, d->auxtmp, na);
        band_dist_allgather(&d->bd, nb, d->aux2, d->auxall, 2 * (size_t)na);
        eig_rotate(s->real, na, nl, nb, d->auxall, na, C21 + (size_t)n0 * N * per, N, 1.0, d->auxtmp, na);
        unpack_proj(d, na, nl, proj, ldp);
    }
}

static int davidson_iterate_bands(davidson *d, const eig_operator *op, int nb, double complex *psi,
                                  double complex *proj, int ldp, double *eps, const double *weights,
                                  double *error, err *e)
{
    const eig_space *s = &op->space;
    int n0, n1;
    band_dist_mine(&d->bd, nb, &n0, &n1);
    const int nl = n1 - n0;
    if (rayleigh_ritz_bands(d, op, nb, psi, proj, ldp, eps, e)) return -1;
    residuals(d, s, nl, eps + n0);
    for (int it = 0; it < d->niter; it++) {
        if (it == d->niter - 1) {
            eig_norms(s, nl, d->psi2, d->resid + n0);
            band_dist_allgather(&d->bd, nb, NULL, d->resid, 1);   /* every band's norm, exact */
            if (error) {
                *error = 0.0;   /* in band order, as the serial sum */
                for (int n = 0; n < nb; n++) *error += (weights ? weights[n] : 1.0) * d->resid[n];
            }
        }
        double t = timer_now();
        precond_ekin(s, nl, psi, d->ekin);
        precond_apply(s, nl, d->ekin, d->psi2, d->psi2);
        d->t_precond += timer_now() - t;
        size_t off = (size_t)nl * s->ld;
        if (apply(d, op, nl, d->psi2, d->hblk + off, d->sblk + off, d->aux2, op->naux, e)) return -1;
        t = timer_now();
        subspace_matrices_bands(d, s, nb, n0, nl, eps);
        d->t_gram += timer_now() - t;
        t = timer_now();
        if (subspace_eigh_gen(&d->sub, 2 * nb, d->H, d->S, 2 * nb, d->eps2, e))
            return err_wrap(e, "Davidson step %d", it + 1);
        memcpy(eps, d->eps2, nb * sizeof *eps);
        d->t_diag += timer_now() - t;
        t = timer_now();
        davidson_rotate_bands(d, op, nb, n0, nl, psi, proj, ldp);
        d->t_rotate += timer_now() - t;
        if (it < d->niter - 1) residuals(d, s, nl, eps + n0);
    }
    return 0;
}

int davidson_iterate(davidson *d, const eig_operator *op, int nb, double complex *psi,
                     double complex *proj, int ldp, double *eps, const double *weights,
                     double *error, err *e)
{
    const eig_space *s = &op->space;
    if (check_call(d, op, nb, e)) return -1;
    /* 2B trial vectors need a basis of at least 2B dimensions (real: 2 npw - 1). */
    long dim = s->real ? 2L * s->npw - 1 : s->npw;
    if (s->comm == MPI_COMM_NULL && 2L * nb > dim)
        return err_set(e, EXIT_BAD_INPUT, "%d bands need at least %d plane waves; the basis has %ld "
                       "(raise the cutoff or lower the number of bands)", nb, 2 * nb, dim);
    if (!proj) proj = d->auxtmp, ldp = op->naux;
    if (d->bd.B > 1) return davidson_iterate_bands(d, op, nb, psi, proj, ldp, eps, weights, error, e);
    if (eig_rayleigh_ritz(d, op, nb, psi, proj, ldp, eps, e)) return -1;
    residuals(d, s, nb, eps);
    for (int it = 0; it < d->niter; it++) {
        if (it == d->niter - 1) {
            eig_norms(s, nb, d->psi2, d->resid);
            if (error) {
                *error = 0.0;
                for (int n = 0; n < nb; n++) *error += (weights ? weights[n] : 1.0) * d->resid[n];
            }
        }
        double t = timer_now();
        precond_ekin(s, nb, psi, d->ekin);
        precond_apply(s, nb, d->ekin, d->psi2, d->psi2);
        d->t_precond += timer_now() - t;
        size_t off = (size_t)nb * s->ld;   /* H psi2 and S psi2 next to H psi and S psi */
        if (apply(d, op, nb, d->psi2, d->hblk + off, d->sblk + off, d->aux2, op->naux, e)) return -1;
        t = timer_now();
        subspace_matrices(d, s, nb, eps);
        d->t_gram += timer_now() - t;
        t = timer_now();
        if (subspace_eigh_gen(&d->sub, 2 * nb, d->H, d->S, 2 * nb, d->eps2, e))
            return err_wrap(e, "Davidson step %d", it + 1);
        memcpy(eps, d->eps2, nb * sizeof *eps);
        d->t_diag += timer_now() - t;
        t = timer_now();
        davidson_rotate(d, op, nb, psi, proj, ldp);
        d->t_rotate += timer_now() - t;
        if (it < d->niter - 1) residuals(d, s, nb, eps);
    }
    return 0;
}
