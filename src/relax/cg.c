/* Conjugate gradients with a trial step and a corrector step, the scheme VASP users know
 * from IBRION=2 (VASP manual, IBRION; the trial/corrector line minimisation of
 * Teter, Payne, Allan, PRB 40, 12255 (1989), Sec. III), on x with gradient g = -F:
 *
 *   direction  Polak-Ribiere, restarted when not downhill or every n directions:
 *                beta = max(0, g.(g - g_prev) / g_prev.g_prev),   d = -g + beta d_prev
 *   trial      x1 = x0 + a_t d with the Newton step of a model curvature k along d,
 *                a_t = -s0 / (k |d|^2),  s0 = g0.d  (k: 70 eV/A^2 at first, ASE's BFGS H0,
 *                later the curvature (s1 - s0)/(a_t |d|^2) measured on the last line),
 *                limited so that no atom moves more than maxstep
 *   corrector  the minimum along the line of the cubic through E0, s0 at 0 and E1, s1 at
 *                a_t (Nocedal & Wright, Numerical Optimization, eq. 3.59), the secant
 *                a* = -s0 a_t/(s1 - s0) when the cubic has no minimum; a* kept within
 *                [0.02, 4] a_t and the move within 2 maxstep per atom
 *   line done  when the slope has dropped, |s| <= 0.5 |s0|, or the energy went down and
 *                |s| <= |s0|; otherwise further cubic steps inside the bracket (at most
 *                four points per line). A trial point that already has |s1| <= 0.02 |s0|
 *                and a lower energy ends the line without a corrector.
 * Every point is an energy evaluation (an ionic step) and the driver stops as soon as
 * one has fmax below the threshold, wherever the line search is. On a quadratic
 * surface the cubic is exact, so each line costs two evaluations and an n-dimensional
 * bowl is minimised along at most n directions. */
#include "relax/optimizer.h"

#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double a, E, s; /* position along the line, energy, slope g.d */
} line_point;

typedef struct {
    int phase;                /* 0: start a direction, 1: at the trial point, 2: at a corrector */
    int ndir, npoints;        /* directions since restart; points on the current line */
    int have_prev, restart;
    double k;                 /* model curvature along a unit direction, hartree/bohr^2 */
    double E0, s0, a_cur;
    line_point lo, hi;        /* bracket: lo has the lowest energy with s < 0 */
    double *x0, *d, *gprev, *dprev;
} cg_state;

static double cg_k0(void) { return 70.0 / HARTREE_EV * BOHR_ANG * BOHR_ANG; }

static int cg_init(relax_opt *o, err *e)
{
    (void)e;
    cg_state *s = xcalloc(1, sizeof *s);
    int n = o->n;
    s->k = cg_k0();
    s->x0 = xcalloc(n + 1, sizeof *s->x0);
    s->d = xcalloc(n + 1, sizeof *s->d);
    s->gprev = xcalloc(n + 1, sizeof *s->gprev);
    s->dprev = xcalloc(n + 1, sizeof *s->dprev);
    o->state = s;
    return 0;
}

static void cg_free(relax_opt *o)
{
    cg_state *s = o->state;
    free(s->x0), free(s->d), free(s->gprev), free(s->dprev);
    free(s);
    o->state = NULL;
}

/* Minimum of the cubic through (a0, E0, s0) and (a1, E1, s1) (Nocedal & Wright eq. 3.59),
 * else of the parabola through the two slopes, else a step on downhill. */
static double cubic_min(line_point p, line_point q)
{
    double d1 = p.s + q.s - 3.0 * (p.E - q.E) / (p.a - q.a), disc = d1 * d1 - p.s * q.s;
    if (disc >= 0.0) {
        double d2 = copysign(sqrt(disc), q.a - p.a), den = q.s - p.s + 2.0 * d2;
        double a = q.a - (q.a - p.a) * (q.s + d2 - d1) / den;
        if (den != 0.0 && isfinite(a)) return a;
    }
    double curv = (q.s - p.s) / (q.a - p.a);
    if (curv > 0.0 && isfinite(curv)) return p.a - p.s / curv;
    line_point b = p.E <= q.E ? p : q;
    return b.a + (b.s < 0 ? 2.0 : -2.0) * fabs(q.a - p.a);
}

/* x <- x0 + a d with the move limited to `lim` per atom (a shrunk when needed). */
static double move_along(relax_opt *o, cg_state *s, double *x, double a, double lim)
{
    double m = fabs(a) * relax_max_atom_norm(o->n, s->d);
    if (m > lim) a *= lim / m;
    for (int i = 0; i < o->n; i++) x[i] = s->x0[i] + a * s->d[i];
    s->a_cur = a;
    return a;
}

static void new_direction(relax_opt *o, cg_state *s, double *x, double E, const double *g)
{
    int n = o->n;
    double gg = relax_dot(n, g, g), beta = 0.0;
    if (s->have_prev && !s->restart && s->ndir < n) {
        double gp = relax_dot(n, s->gprev, s->gprev), num = gg - relax_dot(n, g, s->gprev);
        beta = gp > 0 ? fmax(0.0, num / gp) : 0.0;
    }
    for (int i = 0; i < n; i++) s->d[i] = -g[i] + beta * s->dprev[i];
    double s0 = relax_dot(n, g, s->d);
    if (s0 >= 0.0 || beta == 0.0) { /* steepest descent restart */
        for (int i = 0; i < n; i++) s->d[i] = -g[i];
        s0 = -gg;
        s->ndir = 0;
    }
    s->ndir++;
    s->restart = 0;
    s->have_prev = 1;
    memcpy(s->gprev, g, n * sizeof *g);
    memcpy(s->dprev, s->d, n * sizeof *g);
    memcpy(s->x0, x, n * sizeof *x);
    s->E0 = E, s->s0 = s0;
    double dd = relax_dot(n, s->d, s->d);
    if (dd == 0.0) return;
    move_along(o, s, x, -s0 / (s->k * dd), o->maxstep);
    s->phase = 1;
    s->npoints = 1;
}

static void cg_step(relax_opt *o, double *x, double E, const double *g)
{
    cg_state *s = o->state;
    int n = o->n;
    if (n == 0) return;
    if (s->phase == 0) {
        new_direction(o, s, x, E, g);
        return;
    }
    line_point cur = {s->a_cur, E, relax_dot(n, g, s->d)};
    line_point start = {0.0, s->E0, s->s0};
    double as = fabs(s->s0);
    s->npoints++;
    if (s->phase == 1) {
        double curv = (cur.s - start.s) / (cur.a * relax_dot(n, s->d, s->d));
        if (curv > 0.0 && isfinite(curv)) s->k = curv;
        if (E <= s->E0 && fabs(cur.s) <= 0.02 * as) {
            new_direction(o, s, x, E, g);
            return;
        }
        s->lo = start, s->hi = cur;
        double a = cubic_min(start, cur);
        a = fmin(fmax(a, 0.02 * cur.a), 4.0 * cur.a);
        move_along(o, s, x, a, 2.0 * o->maxstep);
        s->phase = 2;
        return;
    }
    int good = fabs(cur.s) <= 0.5 * as || (E < s->E0 && fabs(cur.s) <= as);
    if (good || s->npoints >= 4) {
        if (E > s->E0) s->restart = 1; /* the line failed: steepest descent next */
        new_direction(o, s, x, E, g);
        return;
    }
    /* refine inside the bracket: lo keeps the best point with a negative slope */
    if (cur.s < 0.0 && cur.E <= s->lo.E) s->lo = cur;
    else s->hi = cur;
    double a = cubic_min(s->lo, s->hi);
    double amin = fmin(s->lo.a, s->hi.a), amax = fmax(s->lo.a, s->hi.a), w = amax - amin;
    if (s->hi.s > 0.0 || s->hi.E > s->lo.E) a = fmin(fmax(a, amin + 0.05 * w), amax - 0.05 * w);
    move_along(o, s, x, a, 2.0 * o->maxstep);
}

/* The scalars in one field, in this order (integers exactly as doubles). */
enum { CG_PHASE, CG_NDIR, CG_NPOINTS, CG_HAVE_PREV, CG_RESTART, CG_K, CG_E0, CG_S0, CG_A_CUR,
       CG_LO_A, CG_LO_E, CG_LO_S, CG_HI_A, CG_HI_E, CG_HI_S, CG_NSCALARS };

static void cg_save(const relax_opt *o, relax_state *st)
{
    const cg_state *s = o->state;
    double v[CG_NSCALARS] = {s->phase, s->ndir, s->npoints, s->have_prev, s->restart, s->k, s->E0, s->s0,
                             s->a_cur, s->lo.a, s->lo.E, s->lo.s, s->hi.a, s->hi.E, s->hi.s};
    relax_state_put(st, "scalars", CG_NSCALARS, v);
    relax_state_put(st, "x0", o->n, s->x0);
    relax_state_put(st, "direction", o->n, s->d);
    relax_state_put(st, "previous_gradient", o->n, s->gprev);
    relax_state_put(st, "previous_direction", o->n, s->dprev);
}

static int cg_load(relax_opt *o, const relax_state *st, err *e)
{
    cg_state *s = o->state;
    size_t n = o->n;
    const double *v = relax_state_get(st, "scalars", CG_NSCALARS, e), *x0 = relax_state_get(st, "x0", n, e),
                 *d = relax_state_get(st, "direction", n, e), *gp = relax_state_get(st, "previous_gradient", n, e),
                 *dp = relax_state_get(st, "previous_direction", n, e);
    if (!v || !x0 || !d || !gp || !dp) return -1;
    s->phase = (int)v[CG_PHASE], s->ndir = (int)v[CG_NDIR], s->npoints = (int)v[CG_NPOINTS];
    s->have_prev = (int)v[CG_HAVE_PREV], s->restart = (int)v[CG_RESTART];
    s->k = v[CG_K], s->E0 = v[CG_E0], s->s0 = v[CG_S0], s->a_cur = v[CG_A_CUR];
    s->lo = (line_point){v[CG_LO_A], v[CG_LO_E], v[CG_LO_S]};
    s->hi = (line_point){v[CG_HI_A], v[CG_HI_E], v[CG_HI_S]};
    memcpy(s->x0, x0, n * sizeof *x0), memcpy(s->d, d, n * sizeof *d);
    memcpy(s->gprev, gp, n * sizeof *gp), memcpy(s->dprev, dp, n * sizeof *dp);
    return 0;
}

const relax_method relax_method_cg = {RELAX_CG, "cg",
                                      "Polak-Ribiere CG, trial + cubic corrector step (VASP IBRION=2)",
                                      cg_init, cg_step, cg_free, cg_save, cg_load};
