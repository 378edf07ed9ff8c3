/* The dipole layer of a slab (formulas and sources in dipole.h). */
#include "hamiltonian/dipole.h"

#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* s(z_i) on the n grid points z_i = i L/n of the third axis (DipoleCorrection.
 * initialize_sawtooth): linear, the first gc = int(w/h) points replaced by the odd cubic
 * that meets the line with the same slope at z = w, the last gc points mirrored. */
static void sawtooth_1d(double L, int n, double w, double *s)
{
    double h = L / n;
    int gc = (int)(w / h);
    double a = 1.0 / L - 0.75 / w, b = 0.25 / (w * w * w);
    for (int i = 0; i < n; i++) s[i] = (i * h) / L - 0.5;
    for (int i = 0; i < gc; i++) {
        double x = i * h;
        s[i] = x * (a + b * x * x);
    }
    for (int j = 0; j < gc; j++) s[n - gc + j] = -s[gc - j];   /* sawtooth[-gc:] = -sawtooth[gc:0:-1] */
}

int dipole_layer_init(dipole_layer *dl, density_grids *g, err *e)
{
    memset(dl, 0, sizeof *dl);
    const fft_grid *f = g->fine;
    const pw_basis *pd = &g->pd3;
    const int *n = f->n;
    dl->L = f->cell[2][2];
    dl->volume = f->volume;
    dl->dv = f->volume / g->nf;
    double w = 0.5 * DIPOLE_LAYER_WIDTH_ANG / BOHR_ANG;
    if (!(w < dl->L / 2))
        return err_set(e, EXIT_BAD_INPUT, "dft.dipole_correction: the cell is %g Angstrom along z, shorter than the "
                       "dipole layer's %g Angstrom", dl->L * BOHR_ANG, 2 * w * BOHR_ANG);
    /* the coefficients (0,0,m) of the half sphere: box index m (pw_basis.h) */
    dl->G_m = xcalloc(n[2] / 2 + 2, sizeof *dl->G_m);
    for (int G = 0; G < pd->npw; G++) {
        int m = pd->map[G];
        if (m > 0 && m <= n[2] / 2) dl->G_m[m] = G;
    }
    while (dl->nm < n[2] / 2 && dl->G_m[dl->nm + 1] > 0) dl->nm++;
    /* s on the fine grid (constant in the plane) and its pd3 coefficients */
    double *s = xmalloc(n[2] * sizeof *s);
    sawtooth_1d(dl->L, n[2], w, s);
    int lo, nloc;
    double *r = density_fine_work(g, &lo, &nloc);
    for (long k = 0; k < (long)nloc * n[1] * n[2]; k++) r[k] = s[k % n[2]];
    free(s);
    dl->sawtooth_q = xcalloc(pd->npw + 1, sizeof *dl->sawtooth_q);
    density_fine_to_pd3(g, dl->sawtooth_q, 1.0);
    dl->on = 1;
    return 0;
}

void dipole_layer_free(dipole_layer *dl)
{
    free(dl->G_m);
    free(dl->sawtooth_q);
    memset(dl, 0, sizeof *dl);
}

double dipole_layer_moment(const dipole_layer *dl, const double complex *rhot_q)
{
    double d = 0.0;
    for (int m = 1; m <= dl->nm; m++) d += cimag(rhot_q[dl->G_m[m]]) / m;
    return -d * dl->L / M_PI * dl->dv;
}

double dipole_layer_apply(dipole_layer *dl, const pw_basis *pd3, const double complex *rhot_q, double complex *vHt_q)
{
    dl->dipole = dipole_layer_moment(dl, rhot_q);
    dl->correction = 2 * M_PI * dl->dipole * dl->L / dl->volume;
    for (int G = 0; G < pd3->npw; G++) vHt_q[G] -= 2 * dl->correction * dl->sawtooth_q[G];
    dl->energy = 2 * M_PI * dl->dipole * dl->dipole / dl->volume;
    return dl->energy;
}

double dipole_layer_step(const dipole_layer *dl)
{
    return -2 * dl->correction;
}
