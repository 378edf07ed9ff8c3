/* One-centre PAW exchange-correlation correction of one element (GPAW's PAWXCCorrection,
 * gpaw/xc/pawcorrection.py, evaluated as gpaw/xc/lda.py calculate_paw_correction with
 * the radial expansions of lda.py and gga.py):
 *
 *   dE_xc = E_xc[n^a + n_c] - E_xc[nt^a + nt_c] - e_xc0,
 *
 * n^a(r) = sum_ij D_ij phi_i(r) phi_j(r) (and nt^a with the pseudo waves phit) inside the
 * augmentation sphere (Blöchl 1994, eq. 33; Enkovaara et al. 2010, Sec. 2.3), n_c and
 * nt_c the (pseudo) core densities, e_xc0 the XC energy of the dataset's reference atom
 * (<ae_energy xc=...>), so that reference-atom energies cancel in GPAW's convention.
 *
 * Angular expansion. With D_Lq = sum_p D_p B_Lqp (Gaunt map, derived.h T_Lqp) and the
 * pair radial functions n_qg = phi_j1 phi_j2 (nt_qg: phit), the density is
 *   n(r, Ω) = sum_L n_L(r) Y_L(Ω),  n_Lg = sum_q D_Lq n_qg + delta_L0 sqrt(4 pi)/ns n_c,g,
 * for L < Lmax = (min(2 lcut, 4) + 1)^2, evaluated on GPAW's 50-point Lebedev grid
 * (math/lebedev.h) times the radial grid cut at gcut2 (derived.h):
 *   E = 4 pi sum_n w_n sum_{g>=1} e(n_ng, sigma_ng) r_g^2 dr_g.
 * GGA: sigma = (dn/dr)^2 + |sum_L n_L r grad Y_L|^2 / r^2, with GPAW's finite-difference
 * dn/dr (rgd.derivative) and rnablaY_nLv; sigma at r = 0 takes the angular part of g = 1.
 * The derivative, as GPAW's (add_radial_gradient_correction, GGARadialExpansion):
 *   dE/dD_p = sum_Lq B_Lqp sum_n w_n sum_g [dv_g v_ng Y_nL + 8 pi dr_g B_nvg rnablaY_nLv] n_qg
 * minus the same with nt_qg, v = de/dn - D^T(2 de/dsigma dn/dr) / dv (D = rgd.derivative)
 * and B_v = de/dsigma (sum_L' n_L' rnablaY_nL'v) (spin: GPAW's sigma_ud terms).
 * GPAW replaces v at g = 0 by v at g = 1, where dv_0 = 0 then removes it: the term
 * [D^T(...)]_0, through which n_0 enters dn/dr at g = 1, is dropped, so GPAW's dH differs
 * from the exact gradient of its E by ~1e-5 relative (GGA only). exact_gradient = 1 keeps
 * it (tests: finite differences); the default 0 reproduces GPAW.
 *
 * Spin: collinear; D_sp has nspins rows (up, down), each core density is split equally.
 * Functionals: any LDA/GGA of hamiltonian/xc.h, through libxc with GPAW's thresholds.
 * GPAW evaluates its own names "LDA"/"PBE" with built-in kernels whose constants differ
 * from libxc's (up to 1e-5 relative in dE_xc, 8e-6 for Ti PBE; hamiltonian/xc.h); GPAW
 * with the libxc names (LDA_X+LDA_C_PW, GGA_X_PBE+GGA_C_PBE) agrees with this code to
 * rounding.
 * Not supported (as not needed by the datasets in use): core holes, meta-GGAs.
 *
 * Units: hartree, bohr. Packed pairs p as derived.h (off-diagonal D_p counted twice). */
#ifndef PAWSORB_XC_CORRECTION_H
#define PAWSORB_XC_CORRECTION_H

#include "core/err.h"
#include "hamiltonian/xc.h"
#include "math/lebedev.h"
#include "setup/derived.h"
#include "setup/paw_setup.h"

typedef struct {
    int ni, np, nq;        /* projectors, packed projector pairs, packed channel pairs */
    int Lmax;              /* (min(2 lcut, 4) + 1)^2 angular channels of the density */
    int ng;                /* radial points (gcut2) */
    int gga;               /* 1 for GGA functionals (gradient terms), 0 for LDA */
    int na;                /* rows of A_aL: 50 (LDA) or 4 x 50 (GGA) */
    double e_xc0;          /* XC energy of the reference atom (<ae_energy xc>), hartree */
    int exact_gradient;    /* 0 (default): dH as GPAW; 1: the exact gradient (see above) */

    /* Precomputed, independent of D_p; all owned. */
    double *r_g, *dr_g;    /* ng: radius (bohr) and dr/dg */
    double *r2dr_g;        /* ng: r^2 dr (GPAW's rgd.integrate weights / 4 pi) */
    double *dv_g;          /* ng: 4 pi r^2 dr */
    double *B_Lqp;         /* Lmax*nq x np: G_{L_i1 L_i2 L} (GPAW's B_pqL transposed) */
    double *n_qg, *nt_qg;  /* nq x ng: phi_j1 phi_j2 and phit_j1 phit_j2 */
    double *nc_g, *nct_g;  /* ng: core and pseudo-core densities (not x sqrt(4 pi)) */
    double *A_aL;          /* na x Lmax: Y_nL, then rnablaY_nLv for v = x, y, z (GGA) */
    double w_n[LEBEDEV_N]; /* Lebedev weights, sum 1 */
    xc_kernel *kernel;     /* [2]: for 1 and 2 spin channels; owned */

    /* Work arrays for calculate (allocated once, sized for 2 spins); owned. Because of
     * them one xc_correction serves one thread at a time. */
    double *D_sLq, *dEdD_sLq, *n_sLg, *f_sag, *a_sng, *x_sag, *w_sLg, *tmp_g;
    double *rho, *sigma, *e, *vrho, *vsigma;
} xc_correction;

/* Builds the correction of dataset s (with its derived quantities d, as setup_derive made
 * them) for the functional xc_name (hamiltonian/xc.h names). Returns 0, or -1 with an
 * error naming the dataset file and the functional (unknown or unsupported functional:
 * EXIT_BAD_INPUT). c is initialised in both cases; release it with xc_correction_free.
 * Does not check that the functional is the one the dataset was generated with (GPAW's
 * "Cannot use PBE setup with LDA functional"): the caller decides (s->xc_name). */
int xc_correction_init(xc_correction *c, const paw_setup *s, const setup_derived *d,
                       const char *xc_name, err *e);
void xc_correction_free(xc_correction *c);

/* dE_xc (hartree) for the packed density matrices D_sp (nspins rows of np, nspins 1 or
 * 2), adding dE_xc/dD_sp to dH_sp (same shape) unless it is NULL: GPAW's
 * xc.calculate_paw_correction(setup, D_sp, dH_sp). Allocates nothing; uses the work
 * arrays of c (not reentrant). Returns NaN for nspins other than 1 and 2. */
double xc_correction_calculate(const xc_correction *c, int nspins, const double *D_sp,
                               double *dH_sp);

#endif
