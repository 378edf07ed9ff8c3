/* Pulay density mixing, exactly as GPAW 22.8 (gpaw/mixer.py; Kresse & Furthmüller,
 * PRB 54, 11169 (1996)), mixing the atomic density matrices D_asp with the same
 * coefficients as the pseudo density.
 *
 * One "base mixer" (GPAW's BaseMixer) keeps the last inputs n_i and residuals
 * R_i = n_out[n_i] - n_i (at most nmaxold of them). Given a new output density:
 *   R_new = n_out - n_last,   A_ij = <R_i | M | R_j>   (GPAW: np.vdot(R_i, M R_j), no dv)
 *   alpha_i = sum_j (A^-1)_ij / sum_ij (A^-1)_ij
 *   n_in = sum_i alpha_i (n_i + beta R_i),   D_in = sum_i alpha_i (D_i + beta dD_i).
 * The metric M damps long-wavelength changes ("weight" w):
 *   backend PULAY (GPAW 'pulay', the default): the 27-point real-space stencil of
 *     BaseMixer.initialize_metric on the density's grid,
 *     centre (w + 7)/8, 6 faces (w - 1)/16, 12 edges (w - 1)/32, 8 corners (w - 1)/64,
 *     periodic; in Fourier space M = 1 + (w - 1) prod_c cos^2(pi q_c / N_c), i.e. w for
 *     G = 0 falling to 1 at the zone corner (a Kerker-like weight on long wavelengths);
 *   backend FFT (GPAW 'fft', FFTBaseMixer with ReciprocalMetric):
 *     M(G) = 1 + (w - 1) k2_min / |G|^2, with |G = 0|^2 taken as 1 and k2_min the
 *     smallest |G|^2 after that replacement (so min(1, |G_1|^2)), as GPAW does.
 *   w = 1: no metric (plain dot product).
 * The "density change" returned (GPAW's density.error, which its convergence criterion
 * divides by the number of valence electrons) is int |R_new| dr = dv sum |R_new|,
 * summed over the base mixers that GPAW counts.
 *
 * Spin (GPAW's mixer drivers):
 *   SEPARATE   one base mixer per spin (GPAW's only choice without spin);
 *   SUM        one mixer on n_up + n_down (and all D_sp entries as they are); the
 *              output magnetisation is kept unmixed (MixerSum);
 *   DIFFERENCE total density (beta, nmaxold, weight) and magnetisation n_up - n_down,
 *              D_up - D_down (beta_m, nmaxold_m, weight_m) mixed separately; only the
 *              total's change is reported (GPAW's default with spin: MixerDif).
 *
 * Defaults in plane-wave mode (gpaw/mixer.py, get_mixer_from_keywords, called by
 * density.py with the density grid's pbc, which GPAW's PW mode sets periodic even
 * for molecules): beta 0.05, nmaxold 5, weight 50, backend PULAY, SEPARATE without
 * spin, DIFFERENCE with spin (beta_m 0.7, nmaxold_m 2, weight_m 10).
 * GPAW mixes nt_sG on the coarse grid (density.py: MixerWrapper(..., self.gd)); any
 * periodic grid works here.
 *
 * Layout: densities nt[s][point] in the grid's C order (fft.h); atomic density
 * matrices as one flat vector, atom after atom, each atom's D_sp (nspins x np_a,
 * packed as GPAW's D_asp[a]). Serial: every array is the whole grid (domain
 * decomposition would add a sum over ranks of A_ij and of the change, and halos). */
#ifndef PAWSORB_MIXER_H
#define PAWSORB_MIXER_H

#include "basis/fft.h"
#include "basis/fft_grid.h"
#include "core/err.h"

typedef enum { MIXER_SEPARATE, MIXER_SUM, MIXER_DIFFERENCE } mixer_method;
typedef enum { MIXER_PULAY, MIXER_FFT } mixer_backend;

typedef struct {
    mixer_method method;
    mixer_backend backend;
    double beta;        /* (0, 1] */
    int nmaxold;        /* history length, >= 1 */
    double weight;      /* metric weight, >= 1 (1: none) */
    double beta_m;      /* DIFFERENCE: the magnetisation mixer's parameters */
    int nmaxold_m;
    double weight_m;
} mixer_params;

/* GPAW 22.8's plane-wave defaults for nspins (see above). */
void mixer_params_default(mixer_params *p, int nspins);

/* One Pulay history (GPAW's BaseMixer); internal to mixer.c, declared for sizing. */
typedef struct {
    double beta, weight;
    int nmaxold, npoints, nd;
    int nin, nres;          /* inputs and residuals held (GPAW len(nt_iG), len(R_iG)) */
    int na;                 /* current size of A (stride nmaxold) */
    double **nt, **R;       /* nmaxold+1 and nmaxold grid vectors (pointers rotate) */
    double **D, **dD;       /* nmaxold+1 and nmaxold D vectors */
    double *A, *Atmp, *B;   /* nmaxold^2: A_ij, scratch, inverse */
    double *alpha;          /* nmaxold Pulay coefficients */
    int *ipiv;
    double *mR;             /* metric times the newest residual */
    fftw_complex **Rq;      /* FFT backend: r2c spectra of R_i (nmaxold) */
    double *mq;             /* FFT backend: M(G) on the half spectrum */
} mixer_base;

typedef struct {
    mixer_params p;
    int nspins, natoms, npoints;
    int *np_a;              /* packed D size per atom; owned */
    int nd1;                /* sum_a np_a (one spin) */
    double dv;              /* bohr^3 per grid point */
    const fft_grid *grid;   /* borrowed */
    mixer_base base[2];     /* SEPARATE: one per spin; SUM: [0]; DIFFERENCE: total, magnetisation */
    int nbase;
    fft_plan fft;           /* FFT backend only */
    double *tot, *mag;      /* npoints workspaces (spin drivers) */
    double *Dtot, *Dmag;    /* nd1 workspaces */
} mixer;

/* grid: the (periodic) grid of the densities, borrowed; natoms and np_a[a] (packed
 * D_p size of atom a, ni(ni+1)/2) fix the D layout. Returns 0, or -1 with e set
 * (EXIT_BAD_INPUT naming the parameter and value). */
int mixer_init(mixer *m, const mixer_params *p, int nspins, const fft_grid *grid, int natoms,
               const int *np_a, err *e);
void mixer_free(mixer *m);

/* Forget the history (GPAW: mixer.reset(), at start and after atoms move). */
void mixer_reset(mixer *m);

/* In: the output density nt[s][point] and D (flat, see above) of the last step.
 * Out (in place): the next input density and D. Returns the density change
 * int |n_out - n_in| dr (electrons; +INFINITY on the first call after a reset, as GPAW).
 * Allocates nothing. */
double mixer_mix(mixer *m, double *nt, double *D);

/* ---- the history as plain arrays, for a checkpoint (workflow/checkpoint.h) ----------
 * Everything the next mixer_mix depends on, per base mixer i < m->nbase: the inputs
 * n_j and D_j (j < nin, oldest first), the residuals R_j and dD_j (j < nres, oldest
 * first), the matrix A (nmaxold x nmaxold, row-major; the leading na x na block is in
 * use) and, with the FFT backend, the r2c spectra of the residuals (nq complex each).
 * The pointers are the mixer's own storage: a writer reads them, a reader fills them and
 * then sets the counts with mixer_history_set. Restored this way, the next mix gives the
 * same bits as the mixer that was saved. */
typedef struct {
    int nin, nres, na, nmaxold;
    long npoints, nd, nq;     /* grid points, D entries, FFT spectrum (0: PULAY backend) */
    double *const *nt;        /* nin (storage for nmaxold + 1) */
    double *const *D;
    double *const *R;         /* nres (storage for nmaxold) */
    double *const *dD;
    double *A;
    fftw_complex *const *Rq;  /* nres, or NULL */
} mixer_history;

void mixer_history_view(mixer *m, int i, mixer_history *h);
/* The counts of a restored history; -1 with e set (EXIT_BAD_INPUT, naming `what`) when
 * they are out of range for this mixer (nin <= nmaxold + 1, nres = nin - 1 or 0,
 * na <= nmaxold). */
int mixer_history_set(mixer *m, int i, int nin, int nres, int na, const char *what, err *e);

#endif
