/* The relaxation driver of relax.h and the registry of optimisers (optimizer.h). */
#include "relax/relax.h"

#include "core/mem.h"
#include "core/units.h"
#include "relax/optimizer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const relax_method *const methods[] = {&relax_method_cg, &relax_method_bfgs, &relax_method_fire};

const relax_method *relax_method_find(relax_kind k)
{
    for (size_t i = 0; i < sizeof methods / sizeof methods[0]; i++)
        if (methods[i]->kind == k) return methods[i];
    return NULL;
}

const char *relax_method_name(relax_kind k)
{
    const relax_method *m = relax_method_find(k);
    return m ? m->name : "?";
}

int relax_opt_init(relax_opt *o, const relax_method *m, int n, double maxstep, err *e)
{
    memset(o, 0, sizeof *o);
    o->m = m;
    o->n = n;
    o->maxstep = maxstep;
    return m->init(o, e);
}

void relax_opt_free(relax_opt *o)
{
    if (o->m && o->state) o->m->free(o);
    memset(o, 0, sizeof *o);
}

double relax_dot(int n, const double *a, const double *b)
{
    double s = 0.0;
    for (int i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

double relax_max_atom_norm(int n, const double *v)
{
    double m = 0.0;
    for (int i = 0; i + 2 < n; i += 3) m = fmax(m, sqrt(v[i] * v[i] + v[i + 1] * v[i + 1] + v[i + 2] * v[i + 2]));
    return m;
}

void relax_params_default(relax_params *p)
{
    p->method = RELAX_CG;
    p->fmax = 0.05 / HA_PER_BOHR_TO_EV_PER_ANG;
    p->max_steps = 200;
    p->maxstep = 0.2 / BOHR_ANG; /* ASE's Optimizer default maxstep, 0.2 A */
}

void relax_params_from_input(relax_params *p, const input *in)
{
    relax_params_default(p);
    p->method = in->relax.method;
    p->fmax = in->relax.fmax_au;
    p->max_steps = in->relax.max_steps;
}

double relax_fmax(int natoms, const unsigned char *fixed, const double (*forces)[3])
{
    double m = 0.0;
    for (int a = 0; a < natoms; a++)
        if (!fixed || !fixed[a])
            m = fmax(m, sqrt(forces[a][0] * forces[a][0] + forces[a][1] * forces[a][1] +
                             forces[a][2] * forces[a][2]));
    return m;
}

/* x <- the free atoms' coordinates of pos (and g <- -F of the free atoms). */
static void pack(int natoms, const unsigned char *fixed, const double (*v)[3], double sign, double *x)
{
    for (int a = 0, i = 0; a < natoms; a++)
        if (!fixed || !fixed[a])
            for (int c = 0; c < 3; c++) x[i++] = sign * v[a][c];
}

/* pos of the free atoms <- x; fixed atoms are not written at all. */
static void unpack(int natoms, const unsigned char *fixed, const double *x, double (*pos)[3])
{
    for (int a = 0, i = 0; a < natoms; a++)
        if (!fixed || !fixed[a])
            for (int c = 0; c < 3; c++) pos[a][c] = x[i++];
}

void relax_state_put(relax_state *s, const char *name, size_t n, const double *v)
{
    if (s->nfields >= RELAX_STATE_MAX) return;   /* the methods stay far below (checked by test_relax) */
    relax_state_field *f = &s->f[s->nfields++];
    snprintf(f->name, sizeof f->name, "%s", name);
    f->n = n;
    f->v = xmalloc((n + 1) * sizeof *f->v);
    if (n) memcpy(f->v, v, n * sizeof *v);
}

const double *relax_state_get(const relax_state *s, const char *name, size_t n, err *e)
{
    for (int i = 0; i < s->nfields; i++)
        if (strcmp(s->f[i].name, name) == 0) {
            if (s->f[i].n == n) return s->f[i].v;
            err_set(e, EXIT_BAD_INPUT, "optimizer state: %s has %zu values, %zu expected", name, s->f[i].n, n);
            return NULL;
        }
    err_set(e, EXIT_BAD_INPUT, "optimizer state: no field %s", name);
    return NULL;
}

void relax_state_free(relax_state *s)
{
    for (int i = 0; i < s->nfields; i++) free(s->f[i].v);
    memset(s, 0, sizeof *s);
}

/* The optimiser's state after a step, handed to the checkpoint callback. */
static int checkpoint_after_step(const relax_hooks *h, relax_opt *o, relax_kind kind, int steps, int natoms,
                                 const double (*pos)[3], err *e)
{
    if (!h->checkpoint) return 0;
    relax_state st = {.method = kind};
    o->m->save(o, &st);
    int rc = h->checkpoint(h->cctx, steps, natoms, pos, &st, e);
    relax_state_free(&st);
    return rc;
}

int relax_run_hooks(const relax_params *p, int natoms, const unsigned char *fixed, double (*pos)[3],
                    relax_energy_fn energy, void *ectx, const relax_hooks *h, relax_result *res, err *e)
{
    memset(res, 0, sizeof *res);
    const relax_method *m = relax_method_find(p->method);
    if (!m) return err_set(e, EXIT_INTERNAL, "relax: unknown method %d", (int)p->method);
    int nfree = 0;
    for (int a = 0; a < natoms; a++) nfree += !fixed || !fixed[a];
    int n = 3 * nfree;
    relax_opt o;
    if (relax_opt_init(&o, m, n, p->maxstep, e)) return -1;
    int first = 0;
    if (h->resume) {
        if (h->resume->opt.method != p->method) {
            relax_opt_free(&o);
            return err_set(e, EXIT_BAD_INPUT, "optimizer state of method %s, the relaxation uses %s",
                           relax_method_name(h->resume->opt.method), m->name);
        }
        if (m->load(&o, &h->resume->opt, e)) {
            relax_opt_free(&o);
            return -1;
        }
        first = res->steps = h->resume->steps;
    }
    double *x = xcalloc(n + 1, sizeof *x), *g = xcalloc(n + 1, sizeof *g);
    double(*F)[3] = xcalloc(natoms + 1, sizeof *F);
    int rc = 0;
    pack(natoms, fixed, (const double(*)[3])pos, 1.0, x);
    for (int step = first; step < p->max_steps; step++) {
        double E = 0.0;
        if (energy(ectx, natoms, (const double(*)[3])pos, &E, F, e)) {
            rc = -1;
            break;
        }
        double fm = relax_fmax(natoms, fixed, (const double(*)[3])F);
        res->steps = step + 1, res->energy = E, res->fmax = fm;
        relax_step st = {step, natoms, E, fm, (const double(*)[3])pos, (const double(*)[3])F};
        if (h->observe && h->observe(h->octx, &st, e)) {
            rc = -1;
            break;
        }
        if (fm < p->fmax) {
            res->converged = 1;
            break;
        }
        if (step + 1 == p->max_steps) break;
        pack(natoms, fixed, (const double(*)[3])F, -1.0, g);
        m->step(&o, x, E, g);
        unpack(natoms, fixed, x, pos);
        if (checkpoint_after_step(h, &o, p->method, step + 1, natoms, (const double(*)[3])pos, e)) {
            rc = -1;
            break;
        }
    }
    relax_opt_free(&o);
    free(x), free(g), free(F);
    return rc;
}

int relax_run(const relax_params *p, int natoms, const unsigned char *fixed, double (*pos)[3],
              relax_energy_fn energy, void *ectx, relax_observer_fn observe, void *octx, relax_result *res,
              err *e)
{
    relax_hooks h = {.observe = observe, .octx = octx};
    return relax_run_hooks(p, natoms, fixed, pos, energy, ectx, &h, res, e);
}
