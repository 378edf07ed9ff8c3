/* Exchange-correlation on the fine grid, through libxc (LDA and GGA, spin-paired and
 * collinear spin-polarised):
 *
 *   E_xc = int e_xc(n_s, sigma_ss') dr = dv sum_r e(r),      e = n eps_xc,
 *   v_xc,s(r) = de/dn_s - 2 div(de/dsigma_ss grad n_s) - div(de/dsigma_ud grad n_s'),
 *
 * sigma_ss' = grad n_s . grad n_s' (spin-paired: sigma = |grad n|^2 of the total n
 * and v = de/dn - 2 div(de/dsigma grad n)). The gradient and the divergence are
 * GPAW 22.8's finite-difference operator, also in plane-wave mode (gradient.h;
 * gpaw/xc/gga.py: calculate_sigma, add_gradient_correction), so energies match
 * GPAW's on the same grid and density.
 *
 * Thresholds as GPAW's libxc wrapper (c/xc/libxc.c, NMIN in c/xc/xc_gpaw.h): each
 * spin density is clamped from below to XC_NMIN = 1e-10 before libxc sees it,
 * sigma is passed unchanged, and e = (clamped total density) x eps_xc; libxc's own
 * per-functional thresholds stay at their defaults. Gradients use the unclamped n.
 *
 * Names: any libxc LDA/GGA functional, or two joined by '+' (exchange+correlation),
 * case-insensitive ("GGA_X_PBE+GGA_C_PBE"), or an alias of the registry in xc.c:
 * LDA = LDA_X+LDA_C_PW, PBE = GGA_X_PBE+GGA_C_PBE, ... as gpaw/xc/libxc.py
 * short_names. GPAW itself evaluates its own names "LDA" and "PBE" with built-in
 * kernels whose PW92/PBE constants are rounded differently from libxc's
 * (c/xc/xc_gpaw.h: BETA = 0.066725 vs libxc 0.06672455...): expect ~1e-6 relative
 * differences there, none with libxc names (tests/unit/test_xc.c measures both).
 *
 * Layout on the grid: spin index outermost, n_sg[s * np + g], g as in fft.h. */
#ifndef PAWSORB_XC_H
#define PAWSORB_XC_H

#include <mpi.h>
#include <xc.h>

#include "basis/fft_dist.h"
#include "basis/fft_grid.h"
#include "core/err.h"
#include "hamiltonian/gradient.h"

#define XC_NMIN 1.0e-10        /* GPAW's NMIN (c/xc/xc_gpaw.h) */
#define XC_BLOCK 1024          /* points per libxc call (work arrays of this size) */
#define XC_GRADIENT_RANGE 2    /* GPAW's GGA default: 2 nearest neighbours, O(h^4) */

/* A functional: one or two libxc parts evaluated at points, with GPAW's thresholds. */
typedef struct {
    char name[64];             /* the name as given */
    char parts[128];           /* the libxc names used, e.g. "gga_x_pbe+gga_c_pbe" */
    int nparts;
    xc_func_type func[2];
    int family;                /* XC_FAMILY_LDA or XC_FAMILY_GGA (the most complex part) */
    int nspins;                /* 1 or 2 */
    /* work arrays for one block of XC_BLOCK points, libxc layout; owned */
    double *rho, *zk, *vrho, *vsigma;
} xc_kernel;

/* Errors (EXIT_BAD_INPUT, naming the value): unknown name, meta-GGA, hybrid, kinetic,
 * non-local functionals. The caller wraps with the input file and key. */
int xc_kernel_init(xc_kernel *k, const char *name, int nspins, err *e);
void xc_kernel_free(xc_kernel *k);

/* At np points, libxc layout (spin innermost): rho[np*ns], sigma[np*(2ns-1)] (GGA;
 * NULL for LDA). Outputs, overwritten: e[np] (energy per volume), vrho[np*ns]
 * = de/dn_s, vsigma[np*(2ns-1)] = de/dsigma (GGA; NULL for LDA). */
void xc_kernel_eval(xc_kernel *k, long np, const double *rho, const double *sigma,
                    double *e, double *vrho, double *vsigma);

/* The functional on a grid: kernel, gradient stencil and all work arrays. */
typedef struct {
    xc_kernel kernel;
    fd_gradient grad;          /* GGA only */
    long np;                   /* local grid points */
    double dv;                 /* bohr^3 */
    /* owned work arrays, grid layout */
    double *e;                 /* np: energy density of the last call (kept for stress) */
    double *gradn;             /* ns*3*np: d n_s / d x_v at [(s*3+v)*np + g] (GGA) */
    double *sigma, *dedsigma;  /* (2ns-1)*np (GGA) */
    double *tmp;               /* np (GGA) */
    double *sb, *vsb;          /* one block of sigma / vsigma, libxc layout (GGA) */
    double *nb, *vb;           /* one block of n / v, libxc layout */
    /* Split of the pointwise libxc evaluation (xc_grid_split): each rank of `split`
     * evaluates its contiguous range [p0, p1) of the points and the ranges are gathered
     * (MPI_Allgatherv moves bits, adds nothing), so v_sg has the serial bits on every
     * rank; E_xc is each range's sum, added over the ranks in a fixed order. */
    MPI_Comm split;            /* MPI_COMM_NULL: every point here */
    double *split_work;        /* COMM_CHUNK doubles for comm_sum_ordered; borrowed */
    int *cnt, *dsp;            /* per rank of split: count and start of its range; owned */
    long p0, p1;               /* this rank's range */
    /* Slabs of the fine grid (xc_grid_distribute): np is the slab's points; the GGA
     * gradient and divergence read `width` halo planes on each side (fft_halo), so
     * every point's value is the serial one; E_xc is summed over the slabs in a fixed
     * order. */
    const fft_dist *slabs;     /* borrowed; NULL: the whole grid here */
    fft_halo halo;
    double *hbuf;              /* (local_n0 + 2 width) planes (GGA); owned */
} xc_grid;

int xc_grid_init(xc_grid *x, const char *name, int nspins, const fft_grid *g, err *e);
void xc_grid_free(xc_grid *x);

/* Splits the libxc evaluation over the ranks of comm (all of which hold the same n_sg
 * and call xc_grid_calculate together); MPI_COMM_NULL or one rank: no split. work:
 * COMM_CHUNK doubles (core/comm.h), borrowed. The gradients and the divergence of the
 * GGA correction stay whole on every rank (cheap FD stencils). */
void xc_grid_split(xc_grid *x, MPI_Comm comm, double *work);

/* Collective over d->comm: the functional on this rank's slab of d (d borrowed; grid
 * work arrays reallocated to the slab). Replaces any split (xc_grid_split is then a
 * no-op). work: COMM_CHUNK doubles, borrowed. */
int xc_grid_distribute(xc_grid *x, const fft_dist *d, double *work, err *e);

/* v_sg = v_xc[n_sg] (overwritten), returns E_xc (hartree). n_sg: ns*np, v_sg: ns*np,
 * distinct arrays. Allocates nothing. Collective over the split's ranks, if any; x->e
 * is then valid on [p0, p1) only. */
double xc_grid_calculate(xc_grid *x, const double *n_sg, double *v_sg);

#endif
