/* FIRE, the fast inertial relaxation engine (Bitzek, Koskinen, Gähler, Moseler, Gumbsch,
 * PRL 97, 170201 (2006)), in ASE 3.22's form (ase/optimize/fire.py, without the
 * downhill check), unit masses:
 *
 *   if P = F.v > 0:  v <- (1 - a) v + a |v| F/|F|;  after Nmin such steps dt <- min(finc dt, dtmax),
 *                    a <- fa a
 *   else:            v <- 0, a <- astart, dt <- fdec dt, counter reset
 *   v <- v + dt F;  dx = dt v, scaled as a whole to |dx| <= maxstep (ASE: the norm of the
 *   whole displacement vector, not per atom).
 *
 * ASE's parameters are in its units (A, eV, time such that dx[A] = dt^2 F[eV/A]):
 * dt = 0.1, dtmax = 1.0, Nmin = 5, finc = 1.1, fdec = 0.5, astart = a = 0.1, fa = 0.99.
 * The same trajectory in bohr and hartree/bohr needs dt_au^2 = dt^2 E_h/a0^2 (E_h in eV,
 * a0 in A): dx[bohr] = dx[A]/a0 = dt^2 F[Ha/bohr] E_h/a0^2. */
#include "relax/optimizer.h"

#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int started, nsteps;
    double dt, dtmax, a;
    double *v;
} fire_state;

static const double fire_nmin = 5, fire_finc = 1.1, fire_fdec = 0.5, fire_astart = 0.1, fire_fa = 0.99;

static int fire_init(relax_opt *o, err *e)
{
    (void)e;
    fire_state *s = xcalloc(1, sizeof *s);
    double t = sqrt(HARTREE_EV) / BOHR_ANG; /* ASE time unit -> this code's (unit masses) */
    s->dt = 0.1 * t;
    s->dtmax = 1.0 * t;
    s->a = 0.1;
    s->v = xcalloc(o->n + 1, sizeof *s->v);
    o->state = s;
    return 0;
}

static void fire_free(relax_opt *o)
{
    fire_state *s = o->state;
    free(s->v);
    free(s);
    o->state = NULL;
}

static void fire_step(relax_opt *o, double *x, double E, const double *g)
{
    (void)E;
    fire_state *s = o->state;
    int n = o->n;
    if (s->started) {
        double vf = -relax_dot(n, g, s->v);
        if (vf > 0.0) {
            double ff = relax_dot(n, g, g), vv = relax_dot(n, s->v, s->v);
            double c = ff > 0 ? s->a * sqrt(vv / ff) : 0.0;
            for (int i = 0; i < n; i++) s->v[i] = (1.0 - s->a) * s->v[i] - c * g[i];
            if (s->nsteps > fire_nmin) {
                s->dt = fmin(s->dt * fire_finc, s->dtmax);
                s->a *= fire_fa;
            }
            s->nsteps++;
        } else {
            for (int i = 0; i < n; i++) s->v[i] = 0.0;
            s->a = fire_astart;
            s->dt *= fire_fdec;
            s->nsteps = 0;
        }
    }
    s->started = 1;
    for (int i = 0; i < n; i++) s->v[i] -= s->dt * g[i];
    double norm = s->dt * sqrt(relax_dot(n, s->v, s->v));
    double scale = norm > o->maxstep ? o->maxstep / norm : 1.0;
    for (int i = 0; i < n; i++) x[i] += scale * s->dt * s->v[i];
}

static void fire_save(const relax_opt *o, relax_state *st)
{
    const fire_state *s = o->state;
    double v[5] = {s->started, s->nsteps, s->dt, s->dtmax, s->a};   /* started, counter, dt, dtmax, alpha */
    relax_state_put(st, "scalars", 5, v);
    relax_state_put(st, "velocity", o->n, s->v);
}

static int fire_load(relax_opt *o, const relax_state *st, err *e)
{
    fire_state *s = o->state;
    const double *v = relax_state_get(st, "scalars", 5, e), *vel = relax_state_get(st, "velocity", o->n, e);
    if (!v || !vel) return -1;
    s->started = (int)v[0], s->nsteps = (int)v[1], s->dt = v[2], s->dtmax = v[3], s->a = v[4];
    memcpy(s->v, vel, (size_t)o->n * sizeof *vel);
    return 0;
}

const relax_method relax_method_fire = {RELAX_FIRE, "fire", "Bitzek et al., PRL 97, 170201 (2006); ASE 3.22 fire.py",
                                        fire_init, fire_step, fire_free, fire_save, fire_load};
