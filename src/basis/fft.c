#include "basis/fft.h"

#include <string.h>

static void set_layout(fft_plan *p, const fft_grid *g, int kinds)
{
    memset(p, 0, sizeof *p);
    for (int c = 0; c < 3; c++) p->n[c] = g->n[c];
    p->npoints = (long)g->n[0] * g->n[1] * g->n[2];
    p->nq2 = g->n[2] / 2 + 1;
    p->local_n0 = p->local_g_n0 = g->n[0];
    p->local_0_start = p->local_g_start = 0;
    p->nlocal_r = (long)p->local_n0 * g->n[1] * g->n[2];
    p->nlocal_q = (long)p->local_g_n0 * g->n[1] * p->nq2;
    p->nlocal_z = (long)p->local_g_n0 * g->n[1] * g->n[2];
    p->howmany = 1;
    p->kinds = kinds;
}

static int plan_real(fft_plan *p, err *e)
{
    p->r = fftw_alloc_real((size_t)p->nlocal_r);
    p->q = fftw_alloc_complex((size_t)p->nlocal_q);
    if (!p->r || !p->q)
        return err_set(e, EXIT_RUN_FAILED, "FFT %dx%dx%d: out of memory for work arrays",
                       p->n[0], p->n[1], p->n[2]);
    p->r2c = fftw_plan_dft_r2c_3d(p->n[0], p->n[1], p->n[2], p->r, p->q, FFTW_ESTIMATE);
    p->c2r = fftw_plan_dft_c2r_3d(p->n[0], p->n[1], p->n[2], p->q, p->r, FFTW_ESTIMATE);
    if (!p->r2c || !p->c2r)
        return err_set(e, EXIT_INTERNAL, "FFTW could not plan a %dx%dx%d real transform",
                       p->n[0], p->n[1], p->n[2]);
    return 0;
}

static int plan_complex(fft_plan *p, err *e)
{
    p->z = fftw_alloc_complex((size_t)p->nlocal_z);
    if (!p->z)
        return err_set(e, EXIT_RUN_FAILED, "FFT %dx%dx%d: out of memory for work arrays",
                       p->n[0], p->n[1], p->n[2]);
    p->fwd = fftw_plan_dft_3d(p->n[0], p->n[1], p->n[2], p->z, p->z, FFTW_FORWARD, FFTW_ESTIMATE);
    p->bwd = fftw_plan_dft_3d(p->n[0], p->n[1], p->n[2], p->z, p->z, FFTW_BACKWARD, FFTW_ESTIMATE);
    if (!p->fwd || !p->bwd)
        return err_set(e, EXIT_INTERNAL, "FFTW could not plan a %dx%dx%d complex transform",
                       p->n[0], p->n[1], p->n[2]);
    return 0;
}

int fft_plan_init(fft_plan *p, const fft_grid *g, int kinds, err *e)
{
    for (int c = 0; c < 3; c++)
        if (g->n[c] < 1)
            return err_set(e, EXIT_INTERNAL, "FFT grid %dx%dx%d has an empty axis",
                           g->n[0], g->n[1], g->n[2]);
    if (!(kinds & (FFT_REAL | FFT_COMPLEX)))
        return err_set(e, EXIT_INTERNAL, "fft_plan_init: no transform kind requested");
    set_layout(p, g, kinds);
    if ((kinds & FFT_REAL) && plan_real(p, e)) return fft_plan_free(p), -1;
    if ((kinds & FFT_COMPLEX) && plan_complex(p, e)) return fft_plan_free(p), -1;
    return 0;
}

void fft_plan_free(fft_plan *p)
{
    if (p->r2c) fftw_destroy_plan(p->r2c);
    if (p->c2r) fftw_destroy_plan(p->c2r);
    if (p->fwd) fftw_destroy_plan(p->fwd);
    if (p->bwd) fftw_destroy_plan(p->bwd);
    fftw_free(p->r);
    fftw_free(p->q);
    fftw_free(p->z);
    memset(p, 0, sizeof *p);
}

void fft_r2c(fft_plan *p)
{
    fftw_execute(p->r2c);
}

/* The 1/N of the backward transform is applied to the result (one pass over the
 * real array, which is half the size of the spectrum's bytes). */
void fft_c2r(fft_plan *p)
{
    fftw_execute(p->c2r);
    const double scale = 1.0 / (double)p->npoints;
    for (long i = 0; i < p->nlocal_r; i++) p->r[i] *= scale;
}

void fft_c2c_forward(fft_plan *p)
{
    fftw_execute(p->fwd);
}

void fft_c2c_backward(fft_plan *p)
{
    fftw_execute(p->bwd);
    const double scale = 1.0 / (double)p->npoints;
    for (long i = 0; i < p->nlocal_z; i++) p->z[i] *= scale;
}
