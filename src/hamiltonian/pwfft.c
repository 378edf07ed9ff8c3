#include "hamiltonian/pwfft.h"

#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

int pw_fft_init(pw_fft *t, const pw_basis *pw, fft_plan *plan, err *e)
{
    memset(t, 0, sizeof *t);
    const int *n = pw->grid->n;
    for (int c = 0; c < 3; c++)
        if (n[c] != plan->n[c])
            return err_set(e, EXIT_INTERNAL, "pw_fft: plan %dx%dx%d is not on the basis grid %dx%dx%d",
                           plan->n[0], plan->n[1], plan->n[2], n[0], n[1], n[2]);
    if (!(plan->kinds & (pw->real ? FFT_REAL : FFT_COMPLEX)))
        return err_set(e, EXIT_INTERNAL, "pw_fft: plan lacks the %s transform", pw->real ? "real" : "complex");
    t->pw = pw;
    t->plan = plan;
    t->real = pw->real;
    t->q_G = xmalloc((size_t)(pw->npw + 1) * sizeof *t->q_G);
    t->qc_G = xmalloc((size_t)(pw->npw + 1) * sizeof *t->qc_G);
    int nq2 = n[2] / 2 + 1;
    for (int G = 0; G < pw->npw; G++) {
        int m = pw->map[G];
        int i2 = m % n[2], i1 = (m / n[2]) % n[1], i0 = m / (n[2] * n[1]);
        t->qc_G[G] = -1;
        if (!t->real) {
            t->q_G[G] = m;
            continue;
        }
        t->q_G[G] = ((long)i0 * n[1] + i1) * nq2 + i2;
        /* GPAW fills t[-i0, -i1, 0] = t[i0, i1, 0]* for 0 < |freq| < N/2 (pw/descriptor.py,
         * ifft): skip G = 0 and the Nyquist rows. */
        int nyq = (2 * i0 == n[0]) || (2 * i1 == n[1]);
        if (i2 == 0 && !(i0 == 0 && i1 == 0) && !nyq)
            t->qc_G[G] = ((long)((n[0] - i0) % n[0]) * n[1] + (n[1] - i1) % n[1]) * nq2;
    }
    return 0;
}

void pw_fft_free(pw_fft *t)
{
    free(t->q_G);
    free(t->qc_G);
    memset(t, 0, sizeof *t);
}

void pw_fft_inverse(pw_fft *t, const double complex *c, double scale)
{
    fft_plan *p = t->plan;
    int npw = t->pw->npw;
    if (t->real) {
        double complex *q = (double complex *)p->q;
        memset(q, 0, (size_t)p->nlocal_q * sizeof *q);
        for (int G = 0; G < npw; G++) q[t->q_G[G]] = scale * c[G];
        for (int G = 0; G < npw; G++)
            if (t->qc_G[G] >= 0) q[t->qc_G[G]] = conj(q[t->q_G[G]]);
        fftw_execute(p->c2r);
    } else {
        double complex *z = (double complex *)p->z;
        memset(z, 0, (size_t)p->nlocal_z * sizeof *z);
        for (int G = 0; G < npw; G++) z[t->q_G[G]] = scale * c[G];
        fftw_execute(p->bwd);
    }
}

void pw_fft_forward(pw_fft *t, double complex *c, double scale, double beta)
{
    fft_plan *p = t->plan;
    int npw = t->pw->npw;
    const double complex *src;
    if (t->real) {
        fftw_execute(p->r2c);
        src = (const double complex *)p->q;
    } else {
        fftw_execute(p->fwd);
        src = (const double complex *)p->z;
    }
    if (beta == 0.0)
        for (int G = 0; G < npw; G++) c[G] = scale * src[t->q_G[G]];
    else
        for (int G = 0; G < npw; G++) c[G] = beta * c[G] + scale * src[t->q_G[G]];
}
