#include "scf/species.h"

#include "cell/lattice.h"
#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* GPAW's Setup.create_basis_functions: each bound pseudo partial wave phit_j is cut off
 * smoothly between rcut2 = 2 max rc_j and rcut3 = 8 bohr,
 *   f(r) <- f(r) - a(r) f(rcut3) - b(r) f'(rcut3),   x = (r - rcut2)/(rcut3 - rcut2),
 *   a = 4 x^3 (1 - 3x/4),  b = x^3 (x - 1)(rcut3 - rcut2),
 * zero beyond rcut3, and splined with 100 points up to rcut3. */
static int make_orbitals(species *sp, err *e)
{
    const paw_setup *s = &sp->s;
    const radial_grid *g = &s->grid;
    const double rcut3 = 8.0;
    double rcmax = 0.0;
    for (int j = 0; j < s->nj; j++) if (s->states[j].rc > rcmax) rcmax = s->states[j].rc;
    const double rcut2 = 2.0 * rcmax;
    int gcut2 = sp->d.gcut2, gcut3 = radial_ceil(g, rcut3);
    if (gcut3 >= g->n) gcut3 = g->n - 1;
    sp->norb_j = 0;
    for (int j = 0; j < s->nj; j++) sp->norb_j += s->states[j].n > 0;
    sp->orb_j = xcalloc(sp->norb_j + 1, sizeof *sp->orb_j);
    sp->phit_j = xcalloc(sp->norb_j + 1, sizeof *sp->phit_j);
    double *f = xmalloc(g->n * sizeof *f);
    int k = 0;
    sp->nao = 0;
    for (int j = 0; j < s->nj; j++) {
        if (s->states[j].n <= 0) continue;
        int l = s->states[j].l;
        memcpy(f, s->phit + (size_t)j * g->n, g->n * sizeof *f);
        double f3 = f[gcut3], df3 = (f3 - f[gcut3 - 1]) / (g->r[gcut3] - g->r[gcut3 - 1]);
        for (int i = gcut2; i < gcut3; i++) {
            double x = (g->r[i] - rcut2) / (rcut3 - rcut2);
            double a = 4 * x * x * x * (1 - 0.75 * x), b = x * x * x * (x - 1) * (rcut3 - rcut2);
            f[i] -= f3 * a + df3 * b;
        }
        for (int i = gcut3; i < g->n; i++) f[i] = 0.0;
        if (radial_spline(g, f, g->n, rcut3, l, 100, &sp->phit_j[k], e)) {
            free(f);
            return err_wrap(e, "%s: atomic orbital %s", s->path, s->states[j].id);
        }
        sp->orb_j[k++] = j;
        sp->nao += 2 * l + 1;
    }
    free(f);
    return 0;
}

static int species_init(species *sp, const char *path, const char *xc_name, err *e)
{
    memset(sp, 0, sizeof *sp);
    if (setup_read(path, &sp->s, e)) return -1;
    if (setup_derive(&sp->s, 2, &sp->d, e)) return -1;
    if (setup_splines_init(&sp->sp, &sp->s, &sp->d, e)) return -1;
    if (xc_correction_init(&sp->xc, &sp->s, &sp->d, xc_name, e)) return -1;
    return make_orbitals(sp, e);
}

static void species_free(species *sp)
{
    for (int k = 0; k < sp->norb_j; k++) spline_free(&sp->phit_j[k]);
    free(sp->phit_j);
    free(sp->orb_j);
    xc_correction_free(&sp->xc);
    setup_splines_free(&sp->sp);
    setup_derived_free(&sp->d);
    setup_free(&sp->s);
    memset(sp, 0, sizeof *sp);
}

int species_set_init(species_set *ss, const structure *s, int nel, const int *z, const char *const *paths,
                     const char *xc_name, err *e)
{
    memset(ss, 0, sizeof *ss);
    ss->nspecies = nel;
    ss->sp = xcalloc(nel, sizeof *ss->sp);
    for (int k = 0; k < nel; k++) {
        if (species_init(&ss->sp[k], paths[k], xc_name, e)) return -1;
        if (ss->sp[k].s.Z != z[k])
            return err_set(e, EXIT_BAD_INPUT, "%s: dataset is for Z = %d, expected Z = %d", paths[k],
                           ss->sp[k].s.Z, z[k]);
    }
    int n = ss->natoms = s->natoms;
    ss->species_a = xmalloc(n * sizeof *ss->species_a);
    ss->spos = xmalloc(n * sizeof *ss->spos);
    ss->ni_a = xmalloc(n * sizeof *ss->ni_a);
    ss->np_a = xmalloc(n * sizeof *ss->np_a);
    ss->I_a = xmalloc((n + 1) * sizeof *ss->I_a);
    ss->p_a = xmalloc((n + 1) * sizeof *ss->p_a);
    ss->L_a = xmalloc((n + 1) * sizeof *ss->L_a);
    ss->I_a[0] = ss->p_a[0] = ss->L_a[0] = 0;
    for (int a = 0; a < n; a++) {
        int k = 0;
        while (k < nel && z[k] != s->numbers[a]) k++;
        if (k == nel) return err_set(e, EXIT_INTERNAL, "atom %d (Z = %d) has no dataset", a, s->numbers[a]);
        ss->species_a[a] = k;
        const setup_derived *d = &ss->sp[k].d;
        ss->ni_a[a] = d->ni;
        ss->np_a[a] = d->np;
        ss->I_a[a + 1] = ss->I_a[a] + d->ni;
        ss->p_a[a + 1] = ss->p_a[a] + d->np;
        ss->L_a[a + 1] = ss->L_a[a] + d->Lmax;
        ss->nvalence += ss->sp[k].s.Nv;
        ss->Eref += d->E;
    }
    ss->nI = ss->I_a[n];
    ss->np = ss->p_a[n];
    ss->nL = ss->L_a[n];
    species_set_positions(ss, s->cell, (const double(*)[3])s->pos);
    return 0;
}

void species_set_positions(species_set *ss, const double cell[3][3], const double (*pos)[3])
{
    for (int a = 0; a < ss->natoms; a++) lattice_to_fractional(cell, pos[a], ss->spos[a]);
}

void species_set_free(species_set *ss)
{
    for (int k = 0; k < ss->nspecies; k++) species_free(&ss->sp[k]);
    free(ss->sp);
    free(ss->species_a);
    free(ss->spos);
    free(ss->ni_a);
    free(ss->np_a);
    free(ss->I_a);
    free(ss->p_a);
    free(ss->L_a);
    memset(ss, 0, sizeof *ss);
}
