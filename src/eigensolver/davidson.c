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
    size_t block = (size_t)d->npw_max * d->nbl, ablock = (size_t)(d->naux_max > 0 ? d->naux_max : 1) * d->nbl;
    for (int k = 0; k < 2; k++) {
        d->ring[k] = xcalloc(block, sizeof **d->ring);
        d->pring[k] = xcalloc(ablock, sizeof **d->pring);
    }
    return 0;
}

void davidson_drop_overlap_blocks(davidson *d)
{
    if (d->bd.B > 1) return;
    free(d->sblk);
    d->sblk = NULL;
}

void davidson_free(davidson *d)
{
    subspace_free(&d->sub);
    if (d->bd.cnt) band_dist_free(&d->bd);
    free_blocks(d);
    void *p[] = {d->H, d->S, d->eps2, d->resid, d->ring[0], d->ring[1], d->pring[0], d->pring[1]};
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

/* The split form (space.h) is used when the operator offers it, the bands are not
 * distributed and the caller keeps projections (they carry the PAW terms). */
static int use_split(const davidson *d, const eig_operator *op, const double complex *proj)
{
    return op->apply_local && op->nonlocal_gram && op->add_nonlocal && d->bd.B == 1 && proj && op->naux > 0;
}

static int apply_local(davidson *d, const eig_operator *op, int nb, const double complex *psi,
                       double complex *tpsi, double complex *proj, int ldp, err *e)
{
    double t = timer_now();
    timer_start("Davidson: apply (T + V), <p|psi>");
    int rc = op->apply_local(op->ctx, nb, psi, tpsi, proj, ldp, e);
    timer_stop("Davidson: apply (T + V), <p|psi>");
    d->t_apply += timer_now() - t;
    d->napply += nb;
    if (rc) return err_wrap(e, "applying the Hamiltonian to %d bands", nb);
    return 0;
}

/* psi2_n = (T + V) psi_n - eps_n psi_n + sum_a |p^a> (dH - eps_n dO) P_n: the residual
 * H psi - eps S psi of the split form, from d->hblk = (T + V) psi. */
static int residuals_split(davidson *d, const eig_operator *op, int nb, const double complex *psi,
                           const double complex *proj, int ldp, const double *eps, err *e)
{
    const eig_space *s = &op->space;
    timer_start("Davidson: residuals");
    for (int n = 0; n < nb; n++) {
        size_t o = (size_t)n * s->ld;
        for (int g = 0; g < s->npw; g++) d->psi2[o + g] = d->hblk[o + g] - eps[n] * psi[o + g];
    }
    int rc = op->add_nonlocal(op->ctx, nb, eps, proj, ldp, d->psi2, s->ld, e);
    timer_stop("Davidson: residuals");
    return rc ? err_wrap(e, "residuals of %d bands", nb) : 0;
}

/* Band groups pass projections around the ring packed (stride naux). */
static int bands_ldp_error(const eig_operator *op, int ldp, err *e)
{
    return err_set(e, EXIT_INTERNAL, "eigensolver: distributed bands need projections of stride %d, not %d", op->naux,
                   ldp);
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

/* proj (stride ldp) <- [proj, P2] [C1; C2] (C2 NULL: proj C1), through d->auxtmp: the whole-block rotation of the projections (full and split forms; band groups: rotate_proj). */
static void rotate_proj_whole(davidson *d, const eig_operator *op, int nb, double complex *proj, int ldp,
                              const double *C1, const double *C2, int ldc)
{
    const int na = op->naux, r = op->space.real;
    eig_rotate(r, na, nb, nb, proj, ldp, C1, ldc, 0.0, d->auxtmp, na);
    if (C2) eig_rotate(r, na, nb, nb, d->aux2, na, C2, ldc, 1.0, d->auxtmp, na);
    for (int n = 0; n < nb; n++)
        memcpy(proj + (size_t)n * ldp, d->auxtmp + (size_t)n * na, na * sizeof *proj);
}

/* Rayleigh-Ritz in the split form: H_nm = <psi_n|(T + V) psi_m> + P_n^H dH P_m; psi,
 * (T + V) psi (d->hblk) and proj rotated; d->sblk is not used. */
static int rayleigh_ritz_split(davidson *d, const eig_operator *op, int nb, double complex *psi,
                               double complex *proj, int ldp, double *eps, err *e)
{
    const eig_space *s = &op->space;
    /* the caller's projections of psi are current (d->proj_current): only T + V applied */
    if (apply_local(d, op, nb, psi, d->hblk, d->proj_current ? NULL : proj, ldp, e)) return -1;
    double t = timer_now();
    timer_start("Davidson: matrices");
    eig_gram(s, nb, nb, psi, d->hblk, d->H, nb);
    op->nonlocal_gram(op->ctx, 1, nb, proj, ldp, nb, proj, ldp, d->H, nb);
    timer_stop("Davidson: matrices");
    d->t_gram += timer_now() - t;
    t = timer_now();
    timer_start("Davidson: subspace solve");
    int rc = subspace_eigh(&d->sub, nb, d->H, nb, eps, e);
    timer_stop("Davidson: subspace solve");
    if (rc) return err_wrap(e, "Rayleigh-Ritz");
    d->t_diag += timer_now() - t;
    t = timer_now();
    timer_start("Davidson: rotations");
    rotate_inplace(d, s, nb, nb, psi, d->H, nb);
    rotate_inplace(d, s, nb, nb, d->hblk, d->H, nb);
    rotate_proj_whole(d, op, nb, proj, ldp, d->H, NULL, nb);
    timer_stop("Davidson: rotations");
    d->t_rotate += timer_now() - t;
    return 0;
}

int eig_rayleigh_ritz(davidson *d, const eig_operator *op, int nb, double complex *psi,
                      double complex *proj, int ldp, double *eps, err *e)
{
    const eig_space *s = &op->space;
    if (check_call(d, op, nb, e)) return -1;
    if (!proj) proj = d->auxtmp, ldp = op->naux;  /* the operator may still want somewhere */
    if (d->bd.B > 1) {
        if (ldp != op->naux) return bands_ldp_error(op, ldp, e);
        return rayleigh_ritz_bands(d, op, nb, psi, proj, ldp, eps, e);
    }
    if (use_split(d, op, proj)) return rayleigh_ritz_split(d, op, nb, psi, proj, ldp, eps, e);
    if (!d->sblk) return err_set(e, EXIT_INTERNAL, "eigensolver: S psi wanted of a split-form workspace");
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
    if (op->naux > 0 && proj != d->auxtmp) rotate_proj_whole(d, op, nb, proj, ldp, d->H, NULL, nb);
    d->t_rotate += timer_now() - t;
    return 0;
}

int eig_orthonormalize(davidson *d, const eig_operator *op, int nb, double complex *psi,
                       double complex *proj, int ldp, err *e)
{
    const eig_space *s = &op->space;
    if (check_call(d, op, nb, e)) return -1;
    if (!proj) proj = d->auxtmp, ldp = op->naux;
    if (d->bd.B > 1) {
        if (ldp != op->naux) return bands_ldp_error(op, ldp, e);
        return orthonormalize_bands(d, op, nb, psi, proj, ldp, e);
    }
    double t;
    if (use_split(d, op, proj)) {   /* <psi|S|psi> = <psi|psi> + P^H dO P: projections only */
        if (apply_local(d, op, nb, psi, NULL, proj, ldp, e)) return -1;
        t = timer_now();
        eig_gram(s, nb, nb, psi, psi, d->S, nb);
        op->nonlocal_gram(op->ctx, 0, nb, proj, ldp, nb, proj, ldp, d->S, nb);
    } else {
        if (!d->sblk) return err_set(e, EXIT_INTERNAL, "eigensolver: S psi wanted of a split-form workspace");
        if (apply(d, op, nb, psi, NULL, d->sblk, proj, ldp, e)) return -1;
        t = timer_now();
        eig_gram(s, nb, nb, psi, d->sblk, d->S, nb);
    }
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

/* The 2B x 2B H_NN and S_NN (ld N) zeroed, with the Rayleigh-Ritz block eps and 1 on
 * the first B diagonal entries (psi is already an eigenbasis of it). */
static void subspace_diagonal(davidson *d, const eig_space *s, int nb, const double *eps)
{
    const int N = 2 * nb, per = s->real ? 1 : 2;
    memset(d->H, 0, (size_t)N * N * per * sizeof(double));
    memset(d->S, 0, (size_t)N * N * per * sizeof(double));
    for (int n = 0; n < nb; n++) {
        d->H[(size_t)(n + n * N) * per] = eps[n];
        d->S[(size_t)(n + n * N) * per] = 1.0;
    }
}

/* Fills the lower triangles of the 2B x 2B H_NN and S_NN (ld N) of davidson.h. */
static void subspace_matrices(davidson *d, const eig_space *s, int nb, const double *eps)
{
    const int N = 2 * nb, per = s->real ? 1 : 2;
    subspace_diagonal(d, s, nb, eps);
    /* rows B..2B-1, all 2B columns: [<psi2|H psi>, <psi2|H psi2>] in one GEMM (the
     * strict upper part of the H22 block is computed too, and not read) */
    eig_gram(s, nb, N, d->psi2, d->hblk, d->H + (size_t)nb * per, N);
    eig_gram(s, nb, N, d->psi2, d->sblk, d->S + (size_t)nb * per, N);
}

/* [psi, psi2] C[:, :B] -> psi and the projections, and unless last H psi and S psi. */
static void davidson_rotate(davidson *d, const eig_operator *op, int nb, double complex *psi,
                            double complex *proj, int ldp, int last)
{
    const eig_space *s = &op->space;
    const int N = 2 * nb, per = s->real ? 1 : 2, r = s->real;
    const double *C11 = d->H, *C21 = d->H + (size_t)nb * per;
    eig_rotate(r, s->npw, nb, nb, psi, s->ld, C11, N, 0.0, d->tmp, s->ld);
    eig_rotate(r, s->npw, nb, nb, d->psi2, s->ld, C21, N, 1.0, d->tmp, s->ld);
    memcpy(psi, d->tmp, (size_t)s->ld * nb * sizeof *psi);
    if (!last) {   /* H psi and S psi are wanted only by another inner iteration */
        rotate_inplace(d, s, nb, N, d->hblk, C11, N);   /* [H psi, H psi2] C[:, :B] */
        rotate_inplace(d, s, nb, N, d->sblk, C11, N);
    }
    if (op->naux > 0 && proj != d->auxtmp) rotate_proj_whole(d, op, nb, proj, ldp, C11, C21, N);
}

/* ---- band groups (davidson.h): this rank holds bands [n0, n1) of nb ---------------- */

/* Mcols[x] (M at row 0 of my first column, ldm) rows [n0_src, n1_src) <- A_src^H B[x]
 * for every run A_src of A passed around the ring (stride ld) and this rank's nl bands
 * B[x]: my columns of A^H B. Each block is summed over the G slices (eig_gram). */
static void ring_gram(davidson *d, const eig_space *s, int nb, const double complex *A, int nx,
                      const double complex *const *B, double *const *Mcols, int nl, int ldm)
{
    const size_t per = s->real ? 1 : 2;
    band_ring r;
    for (band_ring_begin(&r, &d->bd, nb, A, 2 * (size_t)s->ld, d->ring[0], d->ring[1]); r.cur; band_ring_next(&r))
        for (int x = 0; x < nx; x++)
            eig_gram(s, r.n1 - r.n0, nl, r.cur, B[x], Mcols[x] + (size_t)r.n0 * per, ldm);
}

/* Y (my nl bands, stride ld of len coefficients) = beta Y + X C[:, n0:n1], X distributed
 * (nb bands, this rank's run Xloc), C k x nb-columns with ldc: ring over X. */
static void ring_rotate(davidson *d, int real, int len, int ld, int nb, const double complex *Xloc, void *b0,
                        void *b1, const double *C, int ldc, int n0, int nl, double beta, double complex *Y)
{
    const size_t per = real ? 1 : 2;
    band_ring r;
    for (band_ring_begin(&r, &d->bd, nb, Xloc, 2 * (size_t)ld, b0, b1); r.cur; band_ring_next(&r), beta = 1.0)
        eig_rotate(real, len, nl, r.n1 - r.n0, r.cur, ld, C + ((size_t)n0 * ldc + r.n0) * per, ldc, beta, Y, ld);
}

/* X (my bands) <- X C[:, n0:n1] through d->tmp. */
static void rotate_block(davidson *d, const eig_space *s, int nb, double complex *X, const double *C, int ldc,
                         int n0, int nl)
{
    ring_rotate(d, s->real, s->npw, s->ld, nb, X, d->ring[0], d->ring[1], C, ldc, n0, nl, 0.0, d->tmp);
    memcpy(X, d->tmp, (size_t)s->ld * nl * sizeof *X);
}

/* proj (my bands, stride naux) <- proj C[:, n0:n1] through d->auxtmp. */
static void rotate_proj(davidson *d, const eig_space *s, int naux, int nb, double complex *proj, const double *C,
                        int ldc, int n0, int nl)
{
    ring_rotate(d, s->real, naux, naux, nb, proj, d->pring[0], d->pring[1], C, ldc, n0, nl, 0.0, d->auxtmp);
    memcpy(proj, d->auxtmp, (size_t)naux * nl * sizeof *proj);
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
    const double complex *B[1] = {d->hblk};
    double *M[1] = {d->H + (size_t)n0 * nb * per};   /* my columns of H_nm = <psi_n|H psi_m> */
    ring_gram(d, s, nb, psi, 1, B, M, nl, nb);
    band_dist_allgather(&d->bd, nb, NULL, d->H, per * nb);
    d->t_gram += timer_now() - t;
    t = timer_now();
    if (subspace_eigh(&d->sub, nb, d->H, nb, eps, e)) return err_wrap(e, "Rayleigh-Ritz");
    d->t_diag += timer_now() - t;
    t = timer_now();
    rotate_block(d, s, nb, psi, d->H, nb, n0, nl);
    rotate_block(d, s, nb, d->hblk, d->H, nb, n0, nl);
    rotate_block(d, s, nb, d->sblk, d->H, nb, n0, nl);
    (void)ldp;   /* ldp == naux (check_call) */
    if (op->naux > 0 && own_proj) rotate_proj(d, s, op->naux, nb, proj, d->H, nb, n0, nl);
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
    const double complex *B[1] = {d->sblk};
    double *M[1] = {d->S + (size_t)n0 * nb * per};
    ring_gram(d, s, nb, psi, 1, B, M, nl, nb);
    band_dist_allgather(&d->bd, nb, NULL, d->S, per * nb);
    d->t_gram += timer_now() - t;
    t = timer_now();
    /* S = L L^H, C = L^{-H}: psi <- psi C, the rotation form of psi L^{-H} */
    if (subspace_cholesky(&d->sub, nb, d->S, nb, e) || subspace_inverse_lower_h(&d->sub, nb, d->S, nb, d->H, nb, e))
        return -1;
    d->t_diag += timer_now() - t;
    t = timer_now();
    rotate_block(d, s, nb, psi, d->H, nb, n0, nl);
    if (op->naux > 0 && own_proj) rotate_proj(d, s, op->naux, nb, proj, d->H, nb, n0, nl);
    d->t_rotate += timer_now() - t;
    return 0;
}

/* The lower triangles of H_NN and S_NN with distributed bands: one ring pass of psi2
 * gives my columns n0..n1 and nb+n0..nb+n1 of the rows nb..2nb-1, then the columns are
 * gathered. */
static void subspace_matrices_bands(davidson *d, const eig_space *s, int nb, int n0, int nl, const double *eps)
{
    const int N = 2 * nb;
    const size_t per = s->real ? 1 : 2, off = (size_t)nl * s->ld;
    subspace_diagonal(d, s, nb, eps);
    const double complex *B[4] = {d->hblk, d->hblk + off, d->sblk, d->sblk + off};
    double *M[4];
    for (int x = 0; x < 4; x++)   /* [H psi | H psi2], [S psi | S psi2]: my columns, rows from nb */
        M[x] = (x < 2 ? d->H : d->S) + ((size_t)((x % 2) * nb + n0) * N + nb) * per;
    ring_gram(d, s, nb, d->psi2, 4, B, M, nl, N);
    for (int x = 0; x < 2; x++) {
        double *Mx = x ? d->S : d->H;
        band_dist_allgather(&d->bd, nb, NULL, Mx, per * N);
        band_dist_allgather(&d->bd, nb, NULL, Mx + (size_t)nb * N * per, per * N);
    }
}

/* [psi, psi2] C[:, :nb] -> psi (my columns), and the same for the projections and unless last H psi, S psi:
 * two ring passes per block (C11 for the first nb rows, C21 for the rest). */
static void davidson_rotate_bands(davidson *d, const eig_operator *op, int nb, int n0, int nl, double complex *psi,
                                  double complex *proj, int ldp, int last)
{
    const eig_space *s = &op->space;
    const int N = 2 * nb;
    const size_t per = s->real ? 1 : 2, off = (size_t)nl * s->ld;
    const double *C11 = d->H, *C21 = d->H + (size_t)nb * per;
    double complex *X[3] = {psi, d->hblk, d->sblk}, *X2[3] = {d->psi2, d->hblk + off, d->sblk + off};
    for (int x = 0; x < (last ? 1 : 3); x++) {   /* H psi, S psi: only for another inner iteration */
        ring_rotate(d, s->real, s->npw, s->ld, nb, X[x], d->ring[0], d->ring[1], C11, N, n0, nl, 0.0, d->tmp);
        ring_rotate(d, s->real, s->npw, s->ld, nb, X2[x], d->ring[0], d->ring[1], C21, N, n0, nl, 1.0, d->tmp);
        memcpy(X[x], d->tmp, (size_t)s->ld * nl * sizeof *psi);
    }
    (void)ldp;   /* ldp == naux (check_call) */
    if (op->naux > 0 && proj != d->auxtmp) {
        const int na = op->naux;
        ring_rotate(d, s->real, na, na, nb, proj, d->pring[0], d->pring[1], C11, N, n0, nl, 0.0, d->auxtmp);
        ring_rotate(d, s->real, na, na, nb, d->aux2, d->pring[0], d->pring[1], C21, N, n0, nl, 1.0, d->auxtmp);
        memcpy(proj, d->auxtmp, (size_t)na * nl * sizeof *proj);
    }
}

/* One Davidson call in the split form (space.h; bands not distributed): H psi and S psi
 * never formed. d->hblk holds [(T + V) psi | (T + V) psi2], d->aux2 the projections of
 * psi2; the rows <psi2| of H_NN and S_NN are the plane-wave Gram matrices plus the
 * projector terms; (T + V) psi is rotated only when another inner iteration follows. */
static int davidson_iterate_split(davidson *d, const eig_operator *op, int nb, double complex *psi,
                                  double complex *proj, int ldp, double *eps, const double *weights,
                                  double *error, err *e)
{
    const eig_space *s = &op->space;
    const int N = 2 * nb, per = s->real ? 1 : 2, na = op->naux;
    if (rayleigh_ritz_split(d, op, nb, psi, proj, ldp, eps, e)) return -1;
    if (residuals_split(d, op, nb, psi, proj, ldp, eps, e)) return -1;
    for (int it = 0; it < d->niter; it++) {
        const int last = it == d->niter - 1;
        if (last) {
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
        double complex *tpsi2 = d->hblk + (size_t)nb * s->ld;
        if (apply_local(d, op, nb, d->psi2, tpsi2, d->aux2, na, e)) return -1;
        t = timer_now();
        timer_start("Davidson: matrices");
        subspace_diagonal(d, s, nb, eps);
        double *H21 = d->H + (size_t)nb * per, *H22 = d->H + ((size_t)nb * N + nb) * per;
        double *S21 = d->S + (size_t)nb * per, *S22 = d->S + ((size_t)nb * N + nb) * per;
        eig_gram(s, nb, N, d->psi2, d->hblk, H21, N);   /* <psi2|(T + V)[psi, psi2]> */
        op->nonlocal_gram(op->ctx, 1, nb, d->aux2, na, nb, proj, ldp, H21, N);
        op->nonlocal_gram(op->ctx, 1, nb, d->aux2, na, nb, d->aux2, na, H22, N);
        eig_gram(s, nb, nb, d->psi2, psi, S21, N);
        eig_gram(s, nb, nb, d->psi2, d->psi2, S22, N);
        op->nonlocal_gram(op->ctx, 0, nb, d->aux2, na, nb, proj, ldp, S21, N);
        op->nonlocal_gram(op->ctx, 0, nb, d->aux2, na, nb, d->aux2, na, S22, N);
        timer_stop("Davidson: matrices");
        d->t_gram += timer_now() - t;
        t = timer_now();
        timer_start("Davidson: subspace solve");
        int rc = subspace_eigh_gen(&d->sub, N, d->H, d->S, N, d->eps2, e);
        timer_stop("Davidson: subspace solve");
        if (rc) return err_wrap(e, "Davidson step %d", it + 1);
        memcpy(eps, d->eps2, nb * sizeof *eps);
        d->t_diag += timer_now() - t;
        t = timer_now();
        timer_start("Davidson: rotations");
        const double *C11 = d->H, *C21 = d->H + (size_t)nb * per;
        eig_rotate(s->real, s->npw, nb, nb, psi, s->ld, C11, N, 0.0, d->tmp, s->ld);
        eig_rotate(s->real, s->npw, nb, nb, d->psi2, s->ld, C21, N, 1.0, d->tmp, s->ld);
        memcpy(psi, d->tmp, (size_t)s->ld * nb * sizeof *psi);
        rotate_proj_whole(d, op, nb, proj, ldp, C11, C21, N);
        if (!last) rotate_inplace(d, s, nb, N, d->hblk, C11, N);   /* [(T+V) psi, (T+V) psi2] C[:, :B] */
        timer_stop("Davidson: rotations");
        d->t_rotate += timer_now() - t;
        if (!last && residuals_split(d, op, nb, psi, proj, ldp, eps, e)) return -1;
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
    if (use_split(d, op, proj)) return davidson_iterate_split(d, op, nb, psi, proj, ldp, eps, weights, error, e);
    if (!d->sblk) return err_set(e, EXIT_INTERNAL, "eigensolver: S psi wanted of a split-form workspace");
    if (!proj) proj = d->auxtmp, ldp = op->naux;
    /* This rank's bands [n0, n0 + nl): all of them (0, nb) without band groups, where the
     * band variants below are not called and the gathers do nothing. */
    const int banded = d->bd.B > 1;
    if (banded && ldp != op->naux) return bands_ldp_error(op, ldp, e);
    int n0, n1;
    band_dist_mine(&d->bd, nb, &n0, &n1);
    const int nl = n1 - n0;
    if (eig_rayleigh_ritz(d, op, nb, psi, proj, ldp, eps, e)) return -1;
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
        size_t off = (size_t)nl * s->ld;   /* H psi2 and S psi2 next to H psi and S psi */
        if (apply(d, op, nl, d->psi2, d->hblk + off, d->sblk + off, d->aux2, op->naux, e)) return -1;
        t = timer_now();
        if (banded)
            subspace_matrices_bands(d, s, nb, n0, nl, eps);
        else
            subspace_matrices(d, s, nb, eps);
        d->t_gram += timer_now() - t;
        t = timer_now();
        if (subspace_eigh_gen(&d->sub, 2 * nb, d->H, d->S, 2 * nb, d->eps2, e))
            return err_wrap(e, "Davidson step %d", it + 1);
        memcpy(eps, d->eps2, nb * sizeof *eps);
        d->t_diag += timer_now() - t;
        t = timer_now();
        if (banded)
            davidson_rotate_bands(d, op, nb, n0, nl, psi, proj, ldp, it == d->niter - 1);
        else
            davidson_rotate(d, op, nb, psi, proj, ldp, it == d->niter - 1);
        d->t_rotate += timer_now() - t;
        if (it < d->niter - 1) residuals(d, s, nl, eps + n0);
    }
    return 0;
}
