#include "forces/dispersion.h"

#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dispersion_init(dispersion *d, const input *in, err *e)
{
    memset(d, 0, sizeof *d);
    if (in->dft.dispersion != DISP_D2) return 0;
    d2_options o;
    d2_options_default(&o);
    o.s6 = in->dft.d2.s6;    /* 0: from the functional */
    o.d = in->dft.d2.d;
    o.sr = in->dft.d2.sr;
    o.cutoff = in->dft.d2.cutoff_bohr;
    d2_table *t = xmalloc(sizeof *t);
    int rc = d2_table_load(t, e);
    if (rc) err_wrap(e, "%s: dft.dispersion: d2", in->path);
    if (!rc && d2_init(&d->m, t, in->atoms.numbers, in->atoms.natoms, in->dft.xc, &o, e)) {
        /* "input.yaml: dft.dispersion: d2: no s6 for functional 'LDA' (...); set dft.d2.s6" */
        char why[sizeof e->msg];
        const char *lib = "dispersion d2: ";
        snprintf(why, sizeof why, "%s", strncmp(e->msg, lib, strlen(lib)) ? e->msg : e->msg + strlen(lib));
        int s6 = in->dft.d2.s6 <= 0 && strstr(why, "s6");
        rc = err_set(e, e->status, "%s: dft.dispersion: d2: %.1800s%s", in->path, why, s6 ? "; set dft.d2.s6" : "");
    }
    free(t);
    if (rc) return -1;
    d->on = 1;
    return 0;
}

int dispersion_calculate(dispersion *d, const structure *s, double (*F)[3], err *e)
{
    d->energy = 0.0;
    if (F) memset(F, 0, sizeof(double[3]) * (size_t)s->natoms);
    if (!d->on) return 0;
    return d2_energy_forces(&d->m, s, &d->energy, F, NULL, e);
}
