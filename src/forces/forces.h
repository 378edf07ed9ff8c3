/* Atomic forces of plane-wave PAW, F_a = -dE/dR_a of the (free) energy, as GPAW's
 * calculate_forces (gpaw/forces.py) sums them (Blöchl 1994, Sec. VIII; Enkovaara et al.,
 * J. Phys.: Condens. Matter 22, 253202 (2010), Sec. 2.5), one file per term, mirroring
 * src/hamiltonian/:
 *
 *   nonlocal.c      F_a += 2 Re Σ_kn f_kn Σ_ij <∂p̃_i^a/∂r|ψ̃_n>* <p̃_j^a|ψ̃_n> (ΔH_ji^a - ε_n ΔO_ji^a)
 *                   (wfs.calculate_forces; pt.derivative; Hellmann-Feynman with the overlap
 *                   term of the orthonormality constraint)
 *   compensation.c  F_a += Σ_L Q_L^a ∫ ∇ĝ_L^a(r - R_a) ṽ_H(r) dr        (ghat.derivative(vHt_q))
 *   zero.c          F_a += ∫ ∇v̄^a(r - R_a) ñ(r) dr                        (vbar.derivative(nt_Q))
 *   core.c          F_a += ∫ ∇ñ_c^a(r - R_a) ṽ(r) dr, ṽ = (1/ns) Σ_s ṽ_s  (nct.derivative(vt_Q))
 *   dispersion.c    F_a += -∂E_D2/∂R_a                                    (Grimme D2, dispersion/d2.h)
 *
 * With dft.dipole_correction ṽ_H carries the dipole layer's sawtooth (hamiltonian/dipole.h),
 * so compensation.c, core.c and, through W_L in ΔH, nonlocal.c include its force, as in
 * GPAW; zero.c does not see it.
 *
 * ∇ acts on the function's argument (∂/∂r = -∂/∂R_a), which is basis/pwlfc.h's
 * derivative (eq. 4). f_kn = f_n w_k 2/ns (wfs_occ): with smearing the same expression is
 * the derivative of the free energy E - TS (the occupations are variational); with spin
 * ΔH^a is the one of each spin block. The pseudo-density and potential terms use the
 * state GPAW uses after its SCF loop: the last wavefunctions with the density and
 * Hamiltonian they were solved in.
 *
 * Symmetry: the bands exist at the irreducible k-points only, so forces_calculate
 * averages the sum over the point group (GPAW's symmetrize_forces, cell/symmetry.h); with
 * time reversal alone the k and -k terms are complex conjugates and the weighted sum is
 * already the full-zone force.
 *
 * k-point groups (issue 5): each rank holds the blocks of its group; the nonlocal term is
 * summed over the groups, the grid terms are the same on every rank.
 *
 * Units: hartree/bohr. Workspaces are allocated by forces_init; forces_calculate
 * allocates nothing. */
#ifndef PAWSORB_FORCES_H
#define PAWSORB_FORCES_H

#include <complex.h>

#include "cell/structure.h"
#include "core/err.h"
#include "density/density.h"
#include "forces/dispersion.h"
#include "hamiltonian/hamiltonian.h"
#include "scf/calc.h"
#include "scf/wavefunctions.h"

enum { FORCES_NONLOCAL, FORCES_COMPENSATION, FORCES_ZERO, FORCES_CORE, FORCES_DISPERSION, FORCES_NTERMS };

/* Work arrays of the terms (sizes from the calculation; owned). */
typedef struct {
    int nb, nI, nL, nimax;
    double *dP_r;             /* 3 x nb x nI: real-basis projector derivatives */
    double complex *dP;       /* 3 x nb x nI */
    double complex *PH, *PO;  /* nb x nI: P ΔH and P ΔO per atom column block */
    double complex *X_ii;     /* nimax^2 */
    double *dX;               /* 3 x max(nL, nI_nct, nI_vbar): density-term derivatives */
    double (*F_local)[3];     /* natoms: this rank's part of the nonlocal force */
} forces_work;

typedef struct {
    int natoms;
    forces_work w;
    dispersion disp;                          /* D2 when the input asks for it */
    double (*F_term[FORCES_NTERMS])[3];       /* each term, natoms rows; owned */
    double (*F_av)[3];                        /* their sum; owned */
} forces;

/* Workspaces for c's sizes, and D2 from c->in (dft.dispersion, dft.d2). Errors: D2
 * table or parameters (EXIT_BAD_INPUT naming the table or key). */
int forces_init(forces *f, const calculation *c, err *e);
void forces_free(forces *f);

/* Every term and their sum F_av for the current state of c and the structure s (bohr;
 * positions must be those of c->ss). Also sets f->disp.energy (0 without D2). */
int forces_calculate(forces *f, calculation *c, const structure *s, err *e);

/* The terms, each ADDED to F (natoms x 3, hartree/bohr). forces_nonlocal is collective
 * over w->comm->band (the bands of every band group summed) and w->comm->kpt (the blocks
 * of every k-point group summed). */
int forces_nonlocal(forces_work *ws, wavefunctions *w, const hamiltonian *h, double (*F)[3], err *e);
int forces_compensation(forces_work *ws, density *d, const hamiltonian *h, double (*F)[3], err *e);
int forces_zero_potential(forces_work *ws, const density *d, hamiltonian *h, double (*F)[3], err *e);
int forces_core_density(forces_work *ws, density *d, const hamiltonian *h, double (*F)[3], err *e);
/* The derivative (pwlfc.h eq. 4) of a set with one l = 0 function per atom (v̄, ñ_c)
 * against the real-sphere function a_Q, added to F (zero.c, core.c). */
int forces_add_l0_derivative(forces_work *ws, pwlfc *lfc, const double complex *a_Q, int npw, double (*F)[3],
                             err *e);

/* Largest |F_a| over the atoms (hartree/bohr). */
double forces_fmax(const forces *f);

#endif
