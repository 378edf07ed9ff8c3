/* BFGS as ASE 3.22 does it (ase/optimize/bfgs.py, class BFGS), so that a pawsorb
 * relaxation and an ASE/GPAW one take the same path on the same surface:
 *
 *   Hessian model H, first H = H0 1 with H0 = 70 eV/A^2;
 *   update (after the first step, skipped when max |dr| < 1e-7 A, ASE's threshold in its
 *       unit, angstrom; pawsorb's coordinates are bohr):
 *       dr = x - x0,  df = f - f0 (f = -g),  a = dr.df,  dg = H dr,  b = dr.dg,
 *       H <- H - df df^T / a - dg dg^T / b;
 *   step: H = V diag(omega) V^T,  dx = V (V^T f / |omega|)   (|omega|: uphill curvature
 *       becomes downhill), scaled as a whole so that no atom moves more than maxstep.
 *
 * The eigendecomposition is LAPACK's dsyevd through eigensolver/subspace.h (n = 3 N_free;
 * all workspace made at init). */
#include "relax/optimizer.h"

#include "core/mem.h"
#include "core/units.h"
#include "eigensolver/subspace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int have_prev;
    double *H, *V, *omega;    /* n x n model Hessian, its eigenvectors (columns), n */
    double *x0, *f0, *dr, *df, *dg, *c;
    subspace sub;
} bfgs_state;

/* ASE's H0 = 70 eV/A^2 in hartree/bohr^2. */
static double bfgs_h0(void) { return 70.0 / HARTREE_EV * BOHR_ANG * BOHR_ANG; }

static int bfgs_init(relax_opt *o, err *e)
{
    int n = o->n;
    bfgs_state *s = xcalloc(1, sizeof *s);
    o->state = s;
    size_t nn = (size_t)n * n + 1;
    s->H = xcalloc(nn, sizeof *s->H);
    s->V = xcalloc(nn, sizeof *s->V);
    s->omega = xcalloc(n + 1, sizeof *s->omega);
    s->x0 = xcalloc(n + 1, sizeof *s->x0);
    s->f0 = xcalloc(n + 1, sizeof *s->f0);
    s->dr = xcalloc(n + 1, sizeof *s->dr);
    s->df = xcalloc(n + 1, sizeof *s->df);
    s->dg = xcalloc(n + 1, sizeof *s->dg);
    s->c = xcalloc(n + 1, sizeof *s->c);
    for (int i = 0; i < n; i++) s->H[(size_t)i * n + i] = bfgs_h0();
    return n > 0 ? subspace_init(&s->sub, n, 1, e) : 0;
}

static void bfgs_free(relax_opt *o)
{
    bfgs_state *s = o->state;
    subspace_free(&s->sub);
    free(s->H), free(s->V), free(s->omega), free(s->x0), free(s->f0);
    free(s->dr), free(s->df), free(s->dg), free(s->c);
    free(s);
    o->state = NULL;
}

/* ASE's BFGS.update(r, f, r0, f0) with f = -g. */
static void bfgs_update(bfgs_state *s, int n, const double *x, const double *g)
{
    double mx = 0.0;
    for (int i = 0; i < n; i++) s->dr[i] = x[i] - s->x0[i], mx = fmax(mx, fabs(s->dr[i]));
    if (mx < 1e-7 / BOHR_ANG) return;   /* ASE: np.abs(dr).max() < 1e-7 with dr in angstrom */
    for (int i = 0; i < n; i++) s->df[i] = -g[i] - s->f0[i];
    double a = relax_dot(n, s->dr, s->df);
    for (int i = 0; i < n; i++) s->dg[i] = relax_dot(n, s->H + (size_t)i * n, s->dr);
    double b = relax_dot(n, s->dr, s->dg);
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) s->H[(size_t)i * n + j] -= s->df[i] * s->df[j] / a + s->dg[i] * s->dg[j] / b;
}

static void bfgs_step(relax_opt *o, double *x, double E, const double *g)
{
    (void)E;
    bfgs_state *s = o->state;
    int n = o->n;
    if (n == 0) return;
    if (s->have_prev) bfgs_update(s, n, x, g);
    memcpy(s->V, s->H, (size_t)n * n * sizeof *s->V);
    err e = {0};
    if (subspace_eigh(&s->sub, n, s->V, n, s->omega, &e)) {
        /* a non-finite Hessian (a = 0 or b = 0 in the update): start again from H0 */
        memset(s->H, 0, (size_t)n * n * sizeof *s->H);
        for (int i = 0; i < n; i++) s->H[(size_t)i * n + i] = bfgs_h0();
        memcpy(s->V, s->H, (size_t)n * n * sizeof *s->V);
        for (int i = 0; i < n; i++) s->omega[i] = bfgs_h0();
    }
    /* dx = V (V^T f / |omega|), f = -g; V's columns are contiguous (column-major) */
    for (int k = 0; k < n; k++) s->c[k] = -relax_dot(n, s->V + (size_t)k * n, g) / fabs(s->omega[k]);
    memset(s->dr, 0, n * sizeof *s->dr);
    for (int k = 0; k < n; k++)
        for (int i = 0; i < n; i++) s->dr[i] += s->V[(size_t)k * n + i] * s->c[k];
    double m = relax_max_atom_norm(n, s->dr), scale = m >= o->maxstep ? o->maxstep / m : 1.0;
    memcpy(s->x0, x, n * sizeof *x);
    for (int i = 0; i < n; i++) s->f0[i] = -g[i], x[i] += scale * s->dr[i];
    s->have_prev = 1;
}

/* The Hessian model, the last point and force and whether there is one; V, omega and
 * the vectors are workspace that every step rebuilds. */
static void bfgs_save(const relax_opt *o, relax_state *st)
{
    const bfgs_state *s = o->state;
    double hp = s->have_prev;
    relax_state_put(st, "have_prev", 1, &hp);
    relax_state_put(st, "hessian", (size_t)o->n * o->n, s->H);
    relax_state_put(st, "x0", o->n, s->x0);
    relax_state_put(st, "f0", o->n, s->f0);
}

static int bfgs_load(relax_opt *o, const relax_state *st, err *e)
{
    bfgs_state *s = o->state;
    size_t n = o->n;
    const double *hp = relax_state_get(st, "have_prev", 1, e), *H = relax_state_get(st, "hessian", n * n, e),
                 *x0 = relax_state_get(st, "x0", n, e), *f0 = relax_state_get(st, "f0", n, e);
    if (!hp || !H || !x0 || !f0) return -1;
    s->have_prev = (int)hp[0];
    memcpy(s->H, H, n * n * sizeof *H), memcpy(s->x0, x0, n * sizeof *x0), memcpy(s->f0, f0, n * sizeof *f0);
    return 0;
}

const relax_method relax_method_bfgs = {RELAX_BFGS, "bfgs", "ASE 3.22 ase/optimize/bfgs.py (BFGS, H0 = 70 eV/A^2)",
                                        bfgs_init, bfgs_step, bfgs_free, bfgs_save, bfgs_load};
