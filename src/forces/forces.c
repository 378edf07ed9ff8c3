/* The sum of the force terms (forces.h), GPAW's calculate_forces (gpaw/forces.py):
 * F = F_wfs (nonlocal) + F_ham (compensation, zero potential, pseudo core) + F_D2. */
#include "forces/forces.h"

#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int forces_init(forces *f, const calculation *c, err *e)
{
    memset(f, 0, sizeof *f);
    const species_set *ss = &c->ss;
    int na = ss->natoms;
    f->natoms = na;
    forces_work *w = &f->w;
    w->nb = c->nbands;
    w->nI = ss->nI;
    w->nL = ss->nL;
    w->nimax = 1;
    for (int a = 0; a < na; a++)
        if (ss->ni_a[a] > w->nimax) w->nimax = ss->ni_a[a];
    size_t nbI = (size_t)w->nb * w->nI + 1;
    w->dP_r = xcalloc(3 * nbI, sizeof *w->dP_r);
    w->dP = xcalloc(3 * nbI, sizeof *w->dP);
    w->PH = xcalloc(nbI, sizeof *w->PH);
    w->PO = xcalloc(nbI, sizeof *w->PO);
    w->X_ii = xcalloc((size_t)w->nimax * w->nimax, sizeof *w->X_ii);
    int nx = w->nL;
    if (c->dens.nct_fn.nI > nx) nx = c->dens.nct_fn.nI;
    if (c->ham.vbar_fn.nI > nx) nx = c->ham.vbar_fn.nI;
    w->dX = xcalloc(3 * (size_t)nx + 1, sizeof *w->dX);
    w->F_local = xcalloc(na + 1, sizeof *w->F_local);
    for (int t = 0; t < FORCES_NTERMS; t++) f->F_term[t] = xcalloc(na + 1, sizeof *f->F_term[t]);
    f->F_av = xcalloc(na + 1, sizeof *f->F_av);
    return dispersion_init(&f->disp, c->in, e);
}

void forces_free(forces *f)
{
    forces_work *w = &f->w;
    free(w->dP_r);
    free(w->dP);
    free(w->PH);
    free(w->PO);
    free(w->X_ii);
    free(w->dX);
    free(w->F_local);
    for (int t = 0; t < FORCES_NTERMS; t++) free(f->F_term[t]);
    free(f->F_av);
    memset(f, 0, sizeof *f);
}

int forces_add_l0_derivative(forces_work *ws, pwlfc *lfc, const double complex *a_Q, int npw, double (*F)[3],
                             err *e)
{
    const pwlfc_funcs *fn = lfc->fn;
    int nI = fn->nI;
    if (nI == 0) return 0;
    if (pwlfc_derivative_real(lfc, 1, a_Q, npw, ws->dX, nI, e)) return -1;
    for (int a = 0; a < fn->natoms; a++)
        for (int j = fn->I_a[a]; j < fn->I_a[a + 1]; j++)
            for (int v = 0; v < 3; v++) F[a][v] += ws->dX[(size_t)v * nI + j];
    return 0;
}

int forces_calculate(forces *f, calculation *c, const structure *s, err *e)
{
    int na = f->natoms;
    if (s->natoms != na)
        return err_set(e, EXIT_INTERNAL, "forces: structure of %d atoms for a calculation of %d", s->natoms, na);
    for (int t = 0; t < FORCES_NTERMS; t++) memset(f->F_term[t], 0, (size_t)na * sizeof *f->F_term[t]);
    if (forces_nonlocal(&f->w, &c->wfs, &c->ham, f->F_term[FORCES_NONLOCAL], e) ||
        forces_compensation(&f->w, &c->dens, &c->ham, f->F_term[FORCES_COMPENSATION], e) ||
        forces_zero_potential(&f->w, &c->dens, &c->ham, f->F_term[FORCES_ZERO], e) ||
        forces_core_density(&f->w, &c->dens, &c->ham, f->F_term[FORCES_CORE], e) ||
        dispersion_calculate(&f->disp, s, f->F_term[FORCES_DISPERSION], e))
        return -1;
    for (int a = 0; a < na; a++)
        for (int v = 0; v < 3; v++) {
            double x = 0.0;
            for (int t = 0; t < FORCES_NTERMS; t++) x += f->F_term[t][a][v];
            f->F_av[a][v] = x;
        }
    /* bands of the irreducible k-points only: average over the group (GPAW's
     * symmetry.symmetrize_forces in calculator.get_forces) */
    symmetry_symmetrize_forces(&c->pl->kpts.sym, f->F_av, NULL);
    for (int a = 0; a < na; a++)
        if (!isfinite(f->F_av[a][0] + f->F_av[a][1] + f->F_av[a][2]))
            return err_set(e, EXIT_RUN_FAILED, "forces: non-finite force on atom %d", a);
    return 0;
}

double forces_fmax(const forces *f)
{
    double m = 0.0;
    for (int a = 0; a < f->natoms; a++) {
        const double *x = f->F_av[a];
        m = fmax(m, sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]));
    }
    return m;
}
