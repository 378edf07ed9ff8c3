/* Derived one-centre quantities of a PAW dataset: everything the plane-wave PAW energy
 * needs from one element that does not depend on the atom's surroundings. GPAW builds
 * the same in gpaw/setup.py (Setup.__init__ and helpers); names follow GPAW's.
 *
 * Indices: j = partial-wave channel (paw_setup.states); i = (j, m) projector, j-major,
 * L = l^2 + m (GPAW's real-harmonic order, math/ylm.h); q = packed channel pair
 * (j1 <= j2, j1-major); p = packed projector pair (i1 <= i2, i1-major), np = ni(ni+1)/2.
 * Densities of pairs expand as phi_i1 phi_i2 = sum_L G_{L1 L2 L} phi_j1 phi_j2 Y_L,
 * i.e. T_Lqp = G_{L_i1 L_i2 L} (math/gaunt.h) maps pair radial functions onto L.
 *
 * All one-centre integrals run over the first gcut2 = ceil(r2g(2 max_j rc_j)) grid
 * points, as GPAW's: beyond twice the largest cutoff radius the all-electron and
 * pseudo waves agree and unbound partial waves are not normalisable.
 *
 * Energies in hartree. With D_p the packed density matrix (off-diagonal pairs counted
 * twice, GPAW's pack), the one-centre energy corrections are
 *   Coulomb  dE_C = M + D_p M_p + D_p M_pp D_p
 *   kinetic  dE_K = D_p K_p          (+ Kc for the frozen core)
 *   zero pot dE_0 = MB + D_p MB_p
 * and the compensation charge moments Q_L = sum_p D_p Delta_pL + Delta0 delta_{L0}
 * (Blöchl 1994, eq. 27; Enkovaara et al. 2010, Sec. 2).
 */
#ifndef PAWSORB_DERIVED_H
#define PAWSORB_DERIVED_H

#include "core/err.h"
#include "setup/paw_setup.h"

typedef struct {
    int lmax;          /* compensation charges l = 0..lmax (GPAW's calculations: 2) */
    int Lmax;          /* (lmax+1)^2 */
    int lcut;          /* max l_j, raised to (lmax+1)/2 if 2 l_j < lmax */
    int ni, np, nq;    /* projectors, packed projector pairs, packed channel pairs */
    int *j_i, *l_i, *L_i; /* channel, l and L of projector i; owned (ni each) */

    int gcut2;         /* one-centre grid size */
    radial_grid grid2; /* the first gcut2 points of the dataset grid; owned */
    double rcutfilter; /* radius beyond which projectors and vbar vanish (splines), bohr */
    double rcore;      /* radius holding all but 1e-7 core electrons (nct spline), bohr */

    double *g_lg;      /* (lmax+1) x gcut2 normalised shape functions (shape.h) */
    double *T_Lqp;     /* Lcut x nq x np Gaunt map, Lcut = (2 lcut + 1)^2 */
    double *Delta_lq;  /* (lmax+1) x nq: int (phi phi - phit phit) r^(l+2) dr */
    double *Delta_pL;  /* np x Lmax: multipoles of n - nt per packed pair */
    double Delta0;     /* int (nc - nct) r^2 dr - Z / sqrt(4 pi): core and nucleus */

    double M;          /* constant Coulomb correction (e_electrostatic subtracted) */
    double *M_p;       /* np */
    double *M_pp;      /* np x np */
    double MB;         /* -int nct vbar r^2 dr */
    double *MB_p;      /* np */
    double *K_p;       /* np: sqrt(4 pi) sum_q e_kin_q T_0qp */
    double Kc;         /* e_kinetic_core - e_kinetic */
    double E;          /* reference energy e_total, subtracted from reported totals */
    double dEH0;       /* average electrostatic potential correction (constant) */
    double *dEH_p;     /* np (linear) */

    double *dO_ii;     /* ni x ni overlap correction sqrt(4 pi) Delta_ii,L=0 */
    double *B_ii;      /* ni x ni projector overlaps <pt_i|pt_i'> */
    double *dC_ii;     /* ni x ni inverse-overlap coefficients -dO (1 + B dO)^-1 */
    double *N0_p;      /* np: electrons inside the sphere per pair (magnetic moments) */
    double Nct;        /* integral of the pseudo core density (charge of nct) */
} setup_derived;

/* Computes every field from a dataset read by setup_read, for compensation charges up to
 * lmax (0..2; GPAW uses 2). Returns 0, or -1 with an error naming the dataset file
 * (missing cutoff radius, l beyond the Gaunt table, a singular overlap). d is
 * initialised in both cases; release it with setup_derived_free. */
int setup_derive(const paw_setup *s, int lmax, setup_derived *d, err *e);

void setup_derived_free(setup_derived *d);

/* Packed index p of the projector pair (i1, i2), either order (GPAW's packed_index). */
int setup_packed_index(int i1, int i2, int ni);

#endif
