/* GPAW's rgd.spline and the splines of Setup.__init__; formulas in radial_spline.h. */
#include "setup/radial_spline.h"
#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* r^l as numpy evaluates r_g**l: squares by one multiplication, other powers by pow. */
static double rpow(double r, int l)
{
    if (l == 1) return r;
    if (l == 2) return r * r;
    return pow(r, l);
}

/* GPAW's divrl: a_g / r_g^l, the r = 0 value from the even quadratic through g = 1, 2. */
static void divrl(const double *a, int l, const double *r, int n, double *b)
{
    memcpy(b, a, (size_t)n * sizeof *b);
    if (l == 0) return;
    for (int g = 1; g < n; g++) b[g] /= rpow(r[g], l);
    double r12 = r[1] * r[1], r22 = r[2] * r[2];
    b[0] = (b[1] * r22 - b[2] * r12) / (r22 - r12);
}

/* Step 3 of the header: 3-point Lagrange interpolation of b_g at the nodes. */
static void lagrange_nodes(const radial_grid *g, const double *b, int n, double rcut, int points, double *out)
{
    const double *r = g->r;
    double step = rcut / points;
    for (int i = 0; i <= points; i++) {
        double x = i < points ? i * step : rcut;
        double gx = radial_r2g(g, x) + 0.5;
        int k = gx < 1 ? 1 : (gx >= n - 2 ? n - 2 : (int)gx);
        double r1 = r[k - 1], r2 = r[k], r3 = r[k + 1];
        double x1 = (x - r2) * (x - r3) / (r1 - r2) / (r1 - r3);
        double x2 = (x - r1) * (x - r3) / (r2 - r1) / (r2 - r3);
        double x3 = (x - r1) * (x - r2) / (r3 - r1) / (r3 - r2);
        out[i] = b[k - 1] * x1 + b[k] * x2 + b[k + 1] * x3;
    }
}

int radial_spline(const radial_grid *g, const double *a, int n, double rcut, int l, int points, spline *out,
                  err *e)
{
    memset(out, 0, sizeof *out);
    if (n < 3 || n > g->n)
        return err_set(e, EXIT_INTERNAL, "radial spline: %d grid points (grid has %d, need >= 3)", n, g->n);
    if (l < 0) return err_set(e, EXIT_INTERNAL, "radial spline: angular momentum %d < 0", l);
    for (int k = 0; k < n; k++)
        if (!isfinite(a[k]))
            return err_set(e, EXIT_BAD_INPUT, "radial spline: value %d (r = %g bohr) is not finite", k, g->r[k]);
    if (points <= 0) points = RADIAL_SPLINE_POINTS;
    double *b = xmalloc((size_t)n * sizeof *b);
    divrl(a, l, g->r, n, b);
    int rc;
    if (g->kind == RADIAL_LINEAR) {
        /* EquidistantRadialGridDescriptor.spline: the grid values themselves */
        rc = spline_init(out, l, g->r[n - 1], n, b, e);
    } else {
        if (!(rcut > 0)) {
            int k = n - 1;
            while (k >= 0 && a[k] == 0.0) k--;
            if (k < 0 || k + 1 >= n) {
                free(b);
                return err_set(e, EXIT_BAD_INPUT, k < 0 ? "radial spline: the function is zero everywhere"
                                                        : "radial spline: the function does not vanish at the grid end");
            }
            rcut = g->r[k + 1];
        }
        /* GPAW's ghat_l use rcut = 2 max rc, up to one step beyond the gcut2 points:
         * the Lagrange window then extrapolates; anything further is refused. */
        if (!isfinite(rcut) || radial_r2g(g, rcut) > n) {
            free(b);
            return err_set(e, EXIT_BAD_INPUT, "radial spline: cut-off %g bohr beyond the grid (%d points, %g bohr)",
                           rcut, n, g->r[n - 1]);
        }
        double *f = xmalloc((size_t)(points + 1) * sizeof *f);
        lagrange_nodes(g, b, n, rcut, points, f);
        rc = spline_init(out, l, rcut, points + 1, f, e);
        free(f);
    }
    free(b);
    return rc;
}

void setup_splines_free(setup_splines *sp)
{
    for (int j = 0; j < sp->nj && sp->pt_j; j++) spline_free(&sp->pt_j[j]);
    for (int l = 0; l < sp->nl && sp->ghat_l; l++) spline_free(&sp->ghat_l[l]);
    free(sp->pt_j);
    free(sp->ghat_l);
    spline_free(&sp->vbar);
    spline_free(&sp->nct);
    memset(sp, 0, sizeof *sp);
}

int setup_splines_init(setup_splines *sp, const paw_setup *s, const setup_derived *d, err *e)
{
    memset(sp, 0, sizeof *sp);
    const radial_grid *g = &s->grid;
    sp->pt_j = xcalloc((size_t)s->nj, sizeof *sp->pt_j);
    sp->ghat_l = xcalloc((size_t)d->lmax + 1, sizeof *sp->ghat_l);
    for (int j = 0; j < s->nj; j++, sp->nj++)
        if (radial_spline(g, s->pt + (size_t)j * g->n, g->n, d->rcutfilter, s->states[j].l, 0, &sp->pt_j[j], e))
            goto fail_wrap_j;
    double rcmax = 0;
    for (int j = 0; j < s->nj; j++) rcmax = fmax(rcmax, s->states[j].rc);
    for (int l = 0; l <= d->lmax; l++, sp->nl++)
        if (radial_spline(&d->grid2, d->g_lg + (size_t)l * d->gcut2, d->gcut2, 2 * rcmax, l, 50, &sp->ghat_l[l], e)) {
            err_wrap(e, "%s: compensation charge shape l=%d", s->path, l);
            goto fail;
        }
    if (radial_spline(g, s->vbar, g->n, d->rcutfilter, 0, 0, &sp->vbar, e)) {
        err_wrap(e, "%s: <zero_potential>", s->path);
        goto fail;
    }
    if (radial_spline(g, s->nct, g->n, d->rcore, 0, 0, &sp->nct, e)) {
        err_wrap(e, "%s: <pseudo_core_density>", s->path);
        goto fail;
    }
    return 0;
fail_wrap_j:
    err_wrap(e, "%s: <projector_function state=\"%s\">", s->path, s->states[sp->nj].id);
fail:
    setup_splines_free(sp);
    return -1;
}
