#include "scf/initial.h"

#include "core/mem.h"
#include "eigensolver/subspace.h"
#include "math/ylm.h"
#include "parallel/banddist.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- initial occupations (gpaw/setup.py) --------------------------------------------- */

/* correct_occ_numbers: add electrons to the lowest states in jsorted order, or remove
 * them from the highest. */
static void correct_occ(double *f, const double *deg, const int *jsorted, int n, double corr)
{
    const double eps = 1e-12;
    if (corr > 0)
        for (int k = 0; k < n && corr >= eps; k++) {
            int j = jsorted[k];
            double c = fmin(corr, deg[j] - f[j]);
            f[j] += c, corr -= c;
        }
    else if (corr < 0)
        for (int k = n - 1; k >= 0 && corr <= -eps; k--) {
            int j = jsorted[k];
            double c = fmin(-corr, f[j]);
            f[j] -= c, corr += c;
        }
}

/* Bound states sorted by (empty, d - f, e, j) as GPAW does. */
static int sorted_states(const paw_setup *s, const double *deg, int *jsorted)
{
    int n = 0;
    for (int j = 0; j < s->nj; j++)
        if (s->states[j].e < 0.0) jsorted[n++] = j;
    for (int a = 1; a < n; a++)
        for (int b = a; b > 0; b--) {
            int x = jsorted[b - 1], y = jsorted[b];
            const paw_state *X = &s->states[x], *Y = &s->states[y];
            double kx[4] = {X->f == 0, deg[x] - X->f, X->e, x}, ky[4] = {Y->f == 0, deg[y] - Y->f, Y->e, y};
            int gt = 0;
            for (int k = 0; k < 4; k++)
                if (kx[k] != ky[k]) { gt = kx[k] > ky[k]; break; }
            if (!gt) break;
            jsorted[b - 1] = y, jsorted[b] = x;
        }
    return n;
}

int initial_occupations(const species *sp, int nspins, double magmom, int hund, double charge, double *f_si,
                        err *e)
{
    const paw_setup *s = &sp->s;
    int nj = s->nj;
    double *f_sj = xcalloc(2 * nj + 1, sizeof *f_sj), *deg = xcalloc(nj + 1, sizeof *deg);
    int *jsorted = xcalloc(nj + 1, sizeof *jsorted);
    double fsum = 0.0;
    for (int j = 0; j < nj; j++) deg[j] = 2 * (2 * s->states[j].l + 1), fsum += s->states[j].f;
    int ns = sorted_states(s, deg, jsorted);
    int rc = 0;
    if (nspins == 1) {
        for (int j = 0; j < nj; j++) f_sj[j] = s->states[j].f;
        correct_occ(f_sj, deg, jsorted, ns, -charge);
    } else {
        double nval = fsum - charge;
        if (fabs(magmom) > nval) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s: magnetic moment %g is larger than the %g valence electrons",
                         s->path, magmom, nval);
            goto out;
        }
        for (int j = 0; j < nj; j++) f_sj[j] = f_sj[nj + j] = 0.5 * s->states[j].f, deg[j] /= 2;
        double up = 0.0, dn = 0.0;
        for (int j = 0; j < nj; j++) up += f_sj[j], dn += f_sj[nj + j];
        correct_occ(f_sj, deg, jsorted, ns, 0.5 * (nval + magmom) - up);
        correct_occ(f_sj + nj, deg, jsorted, ns, 0.5 * (nval - magmom) - dn);
    }
    memset(f_si, 0, (size_t)nspins * sp->nao * sizeof *f_si);
    double M = magmom;
    for (int k = 0, i = 0; k < sp->norb_j; k++) {
        int j = sp->orb_j[k], d = 2 * s->states[j].l + 1;
        if (hund && nspins == 2) {
            int f = (int)s->states[j].f;
            for (int m = 0; m < d; m++) {
                f_si[i + m] = m < f ? 1.0 : 0.0;
                f_si[sp->nao + i + m] = m < f - d ? 1.0 : 0.0;
            }
            M -= f < d ? f : 2 * d - f;
        } else
            for (int x = 0; x < nspins; x++)
                for (int m = 0; m < d; m++) f_si[x * sp->nao + i + m] = f_sj[x * nj + j] / d;
        i += d;
    }
    if (hund && nspins == 2 && M != 0.0)
        rc = err_set(e, EXIT_BAD_INPUT, "%s: bad magnetic moment %g for a %s atom (Hund's rule)", s->path, magmom,
                     s->symbol);
out:
    free(f_sj), free(deg), free(jsorted);
    return rc;
}

double initial_hund_moment(const species *sp)
{
    double M = 0.0;
    for (int k = 0; k < sp->norb_j; k++) {
        const paw_state *st = &sp->s.states[sp->orb_j[k]];
        int f = (int)st->f, d = 2 * st->l + 1;
        M += f < d ? f : 2 * d - f;
    }
    return M;
}

/* ---- initial density ------------------------------------------------------------------ */

/* n_s(r) += sum_i f_si |phit_i(r - R_a - T)|^2 on the coarse grid points r = sum_c
 * (i_c / N_c) a_c, summed over the periodic images T within the orbitals' cutoff: the
 * real-space sampling of GPAW's BasisFunctions.add_to_density (lfc.py; phit_i = phit_j
 * r^l Y_L). Sampling the squares on the grid (not their plane-wave expansion) matters:
 * the filtered density of H2O at 300 eV has an XC energy 1.6 eV lower and starts the SCF
 * elsewhere than GPAW.
 * Only the grid points inside the sphere's bounding box are visited: along a_c the sphere
 * |x - R| < rc spans s_c +- rc |b_c| / 2 pi in fractional coordinates (b_c the reciprocal
 * vector). An unwrapped index j_c = i_c - t_c N_c within that range is grid point i_c
 * seen from the atom's image R + T, T = sum_c t_c a_c; each (i, t) pair is met once, and
 * running the j_c downwards meets the images of one point in increasing (t0, t1, t2),
 * the order of a loop over all images, so the sums keep their bits. */
static void add_atom_density(const fft_grid *g, const species *sp, const double spos[3], int ns,
                             const double *f_si, double *nt_sG)
{
    const int *n = g->n;
    long nc = (long)n[0] * n[1] * n[2];
    double rc = 0.0;
    for (int o = 0; o < sp->norb_j; o++) rc = fmax(rc, spline_cutoff(&sp->phit_j[o]));
    int lmax = 0;
    for (int o = 0; o < sp->norb_j; o++) lmax = sp->phit_j[o].l > lmax ? sp->phit_j[o].l : lmax;
    double Y[64];
    long j_lo[3], j_hi[3];
    for (int c = 0; c < 3; c++) {
        double b = sqrt(g->recip[c][0] * g->recip[c][0] + g->recip[c][1] * g->recip[c][1] +
                        g->recip[c][2] * g->recip[c][2]);
        double w = rc * b / (2 * M_PI);
        j_lo[c] = (long)floor((spos[c] - w) * n[c]) - 1;
        j_hi[c] = (long)ceil((spos[c] + w) * n[c]) + 1;
    }
    /* floor(j / N): minus the image t along c of unwrapped index j */
#define IMAGE_OF(j, N) ((j) >= 0 ? (j) / (N) : -((-(j) + (N) - 1) / (N)))
    for (long j0 = j_hi[0]; j0 >= j_lo[0]; j0--) {
        long t0 = -IMAGE_OF(j0, n[0]), i0 = j0 + t0 * n[0];
        for (long j1 = j_hi[1]; j1 >= j_lo[1]; j1--) {
            long t1 = -IMAGE_OF(j1, n[1]), i1 = j1 + t1 * n[1];
            for (long j2 = j_hi[2]; j2 >= j_lo[2]; j2--) {
                long t2 = -IMAGE_OF(j2, n[2]), i2 = j2 + t2 * n[2];
                double s0[3] = {spos[0] + t0, spos[1] + t1, spos[2] + t2}, R[3], x[3], r2 = 0.0;
                for (int v = 0; v < 3; v++) R[v] = s0[0] * g->cell[0][v] + s0[1] * g->cell[1][v] + s0[2] * g->cell[2][v];
                for (int v = 0; v < 3; v++) {
                    x[v] = (double)i0 / n[0] * g->cell[0][v] + (double)i1 / n[1] * g->cell[1][v] +
                           (double)i2 / n[2] * g->cell[2][v] - R[v];
                    r2 += x[v] * x[v];
                }
                if (r2 >= rc * rc) continue;
                long p = (i0 * n[1] + i1) * n[2] + i2;
                double r = sqrt(r2);
                rlylm_real(lmax, x, Y);
                for (int o = 0, i = 0; o < sp->norb_j; o++) {
                    const spline *phi = &sp->phit_j[o];
                    int l = phi->l;
                    double f = r < spline_cutoff(phi) ? spline_eval(phi, r) : 0.0;
                    for (int m = 0; m < 2 * l + 1; m++, i++) {
                        double v = f * Y[l * l + m];
                        for (int s = 0; s < ns; s++) nt_sG[(size_t)s * nc + p] += f_si[s * sp->nao + i] * v * v;
                    }
                }
            }
        }
    }
#undef IMAGE_OF
}

/* nt_sG = sum_a sum_i f_si^a |phit_i^a|^2 + nct/ns (GPAW's initialize_from_atomic_densities).
 * Collective over comm->pw: its ranks sample every P-th atom and the parts are summed in
 * a fixed order (parallel/pwdist.h; 20 % of a short TiO2-slab run was this sampling). */
static int atomic_density(calculation *c, const double *f_asi, err *e)
{
    (void)e;
    species_set *ss = &c->ss;
    density *d = &c->dens;
    long nc = c->grids.nc;
    int ns = c->nspins, P, rank;
    MPI_Comm_size(c->comm->pw, &P);
    MPI_Comm_rank(c->comm->pw, &rank);
    memset(d->nt_sG, 0, (size_t)ns * nc * sizeof *d->nt_sG);
    const double *fa = f_asi;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        if (a % P == rank) add_atom_density(c->grids.coarse, sp, ss->spos[a], ns, fa, d->nt_sG);
        fa += (size_t)ns * sp->nao;
    }
    if (P > 1) comm_sum_ordered(c->comm->pw, d->nt_sG, (size_t)ns * nc, c->comm->work);
    for (int s = 0; s < ns; s++)
        for (long i = 0; i < nc; i++) d->nt_sG[(size_t)s * nc + i] += d->nct_G[i];
    return 0;
}

/* D_sii = f_si on the diagonal of the bound channels (Setup.initialize_density_matrix). */
static void atomic_density_matrices(calculation *c, const double *f_asi)
{
    species_set *ss = &c->ss;
    int ns = c->nspins;
    memset(c->dens.D_asp, 0, (size_t)ns * ss->np * sizeof(double));
    const double *fa = f_asi;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        double *D = c->dens.D_asp + (size_t)ns * ss->p_a[a];
        for (int o = 0, ib = 0; o < sp->norb_j; o++) {
            int j = sp->orb_j[o], l = sp->s.states[j].l, i0 = 0;
            for (int jj = 0; jj < j; jj++) i0 += 2 * sp->s.states[jj].l + 1;
            for (int m = 0; m < 2 * l + 1; m++) {
                int p = setup_packed_index(i0 + m, i0 + m, sp->d.ni);
                for (int s = 0; s < ns; s++) D[s * sp->d.np + p] = fa[s * sp->nao + ib + m];
            }
            ib += 2 * l + 1;
        }
        fa += (size_t)ns * sp->nao;
    }
}

/* ---- initial wavefunctions -------------------------------------------------------------- */

/* xorshift64; each block seeds its own state from its global (spin, k) index, so the
 * start does not depend on how blocks are distributed or on earlier runs. */
static double rng(unsigned long long *x)
{
    *x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
    return (*x >> 11) * (1.0 / 9007199254740992.0);
}

/* This rank's start vectors [m0, m0 + ml) of block u: atomic orbitals o < no, then
 * seeded random vectors (the serial run's stream on any distribution: the draws of other
 * G slices and of other band ranks' vectors are skipped). */
static int start_vectors(const calculation *c, const wfs_kpoint *q, pwlfc *orb, int nao, int no, int m0, int ml,
                         double complex *phi, err *e)
{
    const wavefunctions *w = &c->wfs;
    const pw_basis *pw = &w->pw_k[q->k];
    int npw = pw->npw, real = pw->real, rc = 0;
    int npw_all = w->pwall_k[q->k].npw, G0 = wfs_slice_start(w, q->k);
    int o1 = no < m0 + ml ? no : m0 + ml, nol = o1 > m0 ? o1 - m0 : 0;
    if (nol > 0) {
        /* phi_o = the orbital o itself: PWLFC add with rows of the identity as coefficients */
        if (real) {
            double *id = xcalloc((size_t)nol * nao, sizeof *id);
            for (int o = m0; o < o1; o++) id[(size_t)(o - m0) * nao + o] = 1.0;
            rc = pwlfc_add_real(orb, nol, id, nao, phi, npw, e);
            free(id);
        } else {
            double complex *id = xcalloc((size_t)nol * nao, sizeof *id);
            for (int o = m0; o < o1; o++) id[(size_t)(o - m0) * nao + o] = 1.0;
            rc = pwlfc_add_cplx(orb, nol, id, nao, phi, npw, e);
            free(id);
        }
        if (rc) return -1;
    }
    unsigned long long u = (unsigned long long)(q->s * w->nk + q->k + 1);
    unsigned long long x = 88172645463325252ULL ^ (0x9E3779B97F4A7C15ULL * u);
    int r0 = no > m0 ? no : m0;
    for (long k = 0; k < 2L * npw_all * (r0 - no); k++) rng(&x);   /* earlier band ranks' vectors */
    for (int n = r0; n < m0 + ml; n++) {
        double complex *p = phi + (size_t)(n - m0) * npw;
        for (long k = 0; k < 2L * G0; k++) rng(&x);
        for (int G = 0; G < npw; G++) {
            double a = 1.0 / (1.0 + pw->g2[G]);
            p[G] = a * ((rng(&x) - 0.5) + I * (rng(&x) - 0.5));
            if (real && G0 + G == 0) p[0] = creal(p[0]);
        }
        for (long k = 0; k < 2L * (npw_all - G0 - npw); k++) rng(&x);
    }
    return 0;
}

/* Rayleigh-Ritz of block u in [atomic orbitals, random vectors]: m start vectors, H and S
 * applied, the m x m generalised problem solved, the lowest nbands kept. With band
 * groups (parallel/banddist.h) each band rank makes and transforms its run of the m
 * vectors; the Gram columns and the rotation into its run of bands go around the ring
 * (as in the Davidson, eigensolver/davidson.h), so the start needs 5 ceil(m / B) vectors
 * per rank instead of 3 m. One band rank: the serial code, bit for bit. */
static int initial_block(calculation *c, int u, pwlfc *orb, int nao, err *e)
{
    wavefunctions *w = &c->wfs;
    wfs_kpoint *q = &w->kpt_u[u];
    const pw_basis *pw = &w->pw_k[q->k];
    int nb = c->nbands, m = nao > nb ? nao : nb, npw = pw->npw, real = pw->real, rc = -1;
    if (m > w->pwall_k[q->k].npw) m = w->pwall_k[q->k].npw;
    band_dist bd;
    if (band_dist_init(&bd, c->comm->band, e)) return -1;
    int m0, m1;
    band_dist_mine(&bd, m, &m0, &m1);
    int ml = m1 - m0, mmax = (m + bd.B - 1) / bd.B;
    size_t blk = (size_t)mmax * npw + 1;
    eig_operator op = ham_op_operator(&c->op, u);
    /* without band groups the split form (eigensolver/space.h): (T + V) phi and the
     * projections, the PAW terms of H and S from them; S phi never formed */
    const int split = bd.B == 1 && op.apply_local && op.naux > 0;
    double complex *phi = xcalloc(blk, sizeof *phi), *hphi = xcalloc(blk, sizeof *hphi);
    double complex *sphi = split ? NULL : xcalloc(blk, sizeof *sphi), *ring[2] = {NULL, NULL};
    double complex *P = split ? xcalloc((size_t)m * op.naux + 1, sizeof *P) : NULL;
    if (bd.B > 1) ring[0] = xcalloc(blk, sizeof *phi), ring[1] = xcalloc(blk, sizeof *phi);
    int sz = real ? 1 : 2;
    double *H = xcalloc((size_t)sz * m * m, sizeof *H), *S = xcalloc((size_t)sz * m * m, sizeof *S);
    double *eps = xcalloc(m, sizeof *eps);
    subspace sub = {0};
    int no = nao < m ? nao : m;
    if (start_vectors(c, q, orb, nao, no, m0, ml, phi, e)) goto out;
    band_ring r;
    if (split) {
        if (op.apply_local(op.ctx, m, phi, hphi, P, op.naux, e)) goto out;
        eig_gram(&op.space, m, m, phi, hphi, H, m);
        op.nonlocal_gram(op.ctx, 1, m, P, op.naux, m, P, op.naux, H, m);
        eig_gram(&op.space, m, m, phi, phi, S, m);
        op.nonlocal_gram(op.ctx, 0, m, P, op.naux, m, P, op.naux, S, m);
    } else {
        if (op.apply(op.ctx, ml, phi, hphi, sphi, NULL, 0, e)) goto out;
        /* my columns m0..m1 of <phi|H phi> and <phi|S phi>, row block by row block */
        for (band_ring_begin(&r, &bd, m, phi, 2 * (size_t)npw, ring[0], ring[1]); r.cur; band_ring_next(&r)) {
            eig_gram(&op.space, r.n1 - r.n0, ml, r.cur, hphi, H + ((size_t)m0 * m + r.n0) * sz, m);
            eig_gram(&op.space, r.n1 - r.n0, ml, r.cur, sphi, S + ((size_t)m0 * m + r.n0) * sz, m);
        }
        band_dist_allgather(&bd, m, NULL, H, (size_t)sz * m);
        band_dist_allgather(&bd, m, NULL, S, (size_t)sz * m);
    }
    if (subspace_init(&sub, m, real, e) || subspace_eigh_gen(&sub, m, H, S, m, eps, e)) goto out;
    /* this rank's bands w->n0 .. w->n0 + w->nbl - 1: phi C[:, n0:n0+nbl], run by run */
    double beta = 0.0;
    for (band_ring_begin(&r, &bd, m, phi, 2 * (size_t)npw, ring[0], ring[1]); r.cur; band_ring_next(&r), beta = 1.0)
        eig_rotate(real, npw, w->nbl, r.n1 - r.n0, r.cur, npw, H + ((size_t)w->n0 * m + r.n0) * sz, m, beta, q->psi,
                   npw);
    memcpy(q->eps, eps, nb * sizeof *eps);
    rc = wfs_project(w, u, e);
out:
    subspace_free(&sub);
    band_dist_free(&bd);
    free(phi), free(hphi), free(sphi), free(P), free(ring[0]), free(ring[1]), free(H), free(S), free(eps);
    return rc;
}

static int initial_wavefunctions(calculation *c, err *e)
{
    species_set *ss = &c->ss;
    wavefunctions *w = &c->wfs;
    pwlfc_atom *at = xcalloc(ss->natoms + 1, sizeof *at);
    int nao = 0;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        at[a] = (pwlfc_atom){sp->norb_j, sp->phit_j};
        nao += sp->nao;
    }
    pwlfc_funcs fn = {0};
    int rc = pwlfc_funcs_init(&fn, ss->natoms, at, e);
    free(at);
    /* the local blocks kpt_u (all of them when serial), one orbital set per k-point */
    for (int k = 0; k < w->nk && !rc; k++) {
        int local = 0;
        for (int u = 0; u < w->nu; u++) local |= w->kpt_u[u].k == k;
        if (!local) continue;
        pwlfc orb = {0};
        rc = pwlfc_init(&orb, &fn, &w->pw_k[k], nao > 0 ? nao : 1, e) ||
             pwlfc_set_positions(&orb, (const double(*)[3])ss->spos, e);
        for (int u = 0; u < w->nu && !rc; u++)
            if (w->kpt_u[u].k == k) rc = initial_block(c, u, &orb, nao, e);
        pwlfc_free(&orb);
    }
    pwlfc_funcs_free(&fn);
    return rc ? -1 : 0;
}

/* ---- driver ------------------------------------------------------------------------------- */

static int atom_moment(const calculation *c, int a, int *hund, double *M)
{
    const structure *s = &c->in->atoms;
    *hund = 0;
    *M = 0.0;
    if (c->nspins == 1) return 0;
    if (s->has_magmoms) *M = s->magmoms[a];
    else if (s->natoms == 1) *hund = 1, *M = initial_hund_moment(species_of(&c->ss, a));
    return 0;
}

/* f_si of every atom, atom after atom (ns x nao each); NULL with e set on a bad moment. */
static double *atomic_occupations(calculation *c, err *e)
{
    species_set *ss = &c->ss;
    int ns = c->nspins;
    size_t nf = 0;
    for (int a = 0; a < ss->natoms; a++) nf += (size_t)ns * species_of(ss, a)->nao;
    double *f_asi = xcalloc(nf + 1, sizeof *f_asi), *fa = f_asi;
    double charge_a = c->in->dft.charge / ss->natoms;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        int hund;
        double M;
        atom_moment(c, a, &hund, &M);
        if (initial_occupations(sp, ns, fabs(M), hund, charge_a, fa, e)) {
            free(f_asi);
            err_wrap(e, "%s: atom %d", c->in->path, a);
            return NULL;
        }
        if (M < 0 && ns == 2) /* GPAW: negative moments swap the spin channels */
            for (int i = 0; i < sp->nao; i++) {
                double t = fa[i];
                fa[i] = fa[sp->nao + i], fa[sp->nao + i] = t;
            }
        fa += (size_t)ns * sp->nao;
    }
    return f_asi;
}

int initial_add_atomic_density(calculation *c, const double (*spos)[3], double sign, double *nt_sG, err *e)
{
    double *f_asi = atomic_occupations(c, e);
    if (!f_asi) return -1;
    species_set *ss = &c->ss;
    int ns = c->nspins;
    double *fa = f_asi;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        for (int i = 0; i < ns * sp->nao; i++) fa[i] *= sign;
        add_atom_density(c->grids.coarse, sp, spos[a], ns, fa, nt_sG);
        fa += (size_t)ns * sp->nao;
    }
    free(f_asi);
    return 0;
}

/* The atomic start (steps 1-3 of initial.h) with δñ added and the flagged atoms' D_asp
 * blocks replaced, then the first mix, the Hamiltonian, the wavefunctions (step 4) and
 * the start's occupations. */
int initial_guess_from(calculation *c, const double *dn_sG, const double *D_asp, const unsigned char *D_from, err *e)
{
    double *f_asi = atomic_occupations(c, e);
    if (!f_asi) return -1;
    atomic_density_matrices(c, f_asi);
    int rc = atomic_density(c, f_asi, e);
    free(f_asi);
    if (rc) return -1;
    density *d = &c->dens;
    const species_set *ss = &c->ss;
    size_t nn = (size_t)c->nspins * c->grids.nc;
    if (dn_sG)
        for (size_t i = 0; i < nn; i++) d->nt_sG[i] += dn_sG[i];
    for (int a = 0; D_from && a < ss->natoms; a++)
        if (D_from[a]) {
            size_t off = (size_t)c->nspins * ss->p_a[a], n = (size_t)c->nspins * (ss->p_a[a + 1] - ss->p_a[a]);
            memcpy(d->D_asp + off, D_asp + off, n * sizeof *D_asp);
        }
    density_normalize(d, density_multipole_moments(d));
    /* GPAW's initialize_from_atomic_densities ends with Density.mix: the atomic density
     * is the mixer's first input, so the first density from the bands is mixed with it
     * (a linear step of beta) instead of being taken whole. */
    mixer_reset(&c->mix);
    d->error = mixer_mix(&c->mix, d->nt_sG, d->D_asp);
    if (density_finish(d, e) || hamiltonian_update(&c->ham, d, e)) return -1;
    if (initial_wavefunctions(c, e)) return -1;
    /* Occupations of the start for the first eigensolver step; GPAW has none yet
     * (kpt.f_n None, fermi_levels None): its first Fermi search starts from the zero-width
     * level, and in a gap where that search stops depends on its start. */
    if (calc_occupations(c, e)) return -1;
    occ_reset(&c->occ);
    return 0;
}

int initial_guess(calculation *c, err *e) { return initial_guess_from(c, NULL, NULL, NULL, e); }

int initial_deformation_density(calculation *c, double *dn_sG, err *e)
{
    const density *d = &c->dens;
    long nc = c->grids.nc;
    for (int s = 0; s < c->nspins; s++)
        for (long i = 0; i < nc; i++) dn_sG[(size_t)s * nc + i] = d->nt_sG[(size_t)s * nc + i] - d->nct_G[i];
    return initial_add_atomic_density(c, (const double(*)[3])c->ss.spos, -1.0, dn_sG, e);
}
