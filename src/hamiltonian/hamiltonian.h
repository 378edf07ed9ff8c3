/* The Kohn-Sham Hamiltonian of plane-wave PAW, as GPAW's ReciprocalSpaceHamiltonian
 * (gpaw/pw/hamiltonian.py over gpaw/hamiltonian.py, Hamiltonian.update):
 *
 *   ṽ_s(r) = v̄(r) + v_H[ρ̃](r) + v_xc,s[ñ](r)      (coarse grid vt_sG; v_H and v_xc made on
 *                                                   the fine grid and restricted)
 *   W_L^a  = ∫ ĝ_L^a(r) v_H(r) dr
 *   ΔH_p^a = K_p + M_p + MB_p + 2 Σ_p' M_pp' D_p' + Σ_L Δ_pL W_L + ∂ΔE_xc/∂D_sp
 *   H ψ̃    = -½∇²ψ̃ + ṽ ψ̃ + Σ_a Σ_ij |p̃_i⟩ ΔH_ij ⟨p̃_j|ψ̃⟩,   S = 1 + Σ |p̃_i⟩ ΔO_ij ⟨p̃_j|
 *
 * Energies (GPAW's components; Blöchl 1994, eq. 31-33; Enkovaara et al. 2010, Sec. 2):
 *   e_kinetic0 = -Σ_s ∫ṽ_s (ñ_s - ñ_c/ns) dr + Σ_a [K_p·D_p + Kc - Σ_sp D_sp ΔH_sp]
 *                (the band energy is added in get_energy: E_kin = e_kinetic0 + Σ f ε)
 *   e_coulomb  = ½ ∫ρ̃ v_H dr + Σ_a [M + D_p·(M_p + M_pp D_p)]
 *   e_zero     = ∫v̄ ñ dr + Σ_a [MB + MB_p·D_p]
 *   e_external = 0 (no external field yet)
 *   e_xc       = E_xc[ñ] + Σ_a ΔE_xc^a
 * All relative to the datasets' reference atoms (GPAW's convention, built into M, Kc
 * and the XC correction). Poisson: 4π ρ̃(G)/|G|² on pd3 with G = 0 dropped, or for a
 * charged system without periodic directions GPAW's ChargedReciprocalSpacePoissonSolver
 * (a Gaussian compensating charge at the cell centre and the 1/r tail restored), and for a
 * slab with dft.dipole_correction GPAW's DipoleCorrection: a sawtooth added to ṽ_H and
 * E_dip = 2π p²/V to e_coulomb (hamiltonian/dipole.h).
 *
 * Applying H and S (hamiltonian_apply, an eig_operator for the eigensolver): kinetic
 * |k+G|²/2, local potential by one FFT pair per band, nonlocal through the projections
 * with one GEMM per atom (GPAW's Hamiltonian.apply + pt.add). */
#ifndef PAWSORB_HAMILTONIAN_H
#define PAWSORB_HAMILTONIAN_H

#include <complex.h>

#include "core/err.h"
#include <mpi.h>
#include "density/density.h"
#include "eigensolver/space.h"
#include "hamiltonian/dipole.h"
#include "hamiltonian/xc.h"
#include "scf/wavefunctions.h"

typedef struct {
    int nspins;
    density_grids *g;             /* borrowed */
    const species_set *ss;        /* borrowed */
    pwlfc_funcs vbar_fn;
    pwlfc vbar;                   /* v̄ on pd2 */
    xc_grid xc;                   /* fine grid */
    double *G2_q;                 /* pd3: |G|^2 (1 at G = 0, GPAW's guard) */
    int charged;                  /* ChargedReciprocalSpacePoissonSolver in use */
    double charge, alpha;         /* its net charge (e) and Gaussian exponent (1/bohr^2) */
    double complex *charge_q, *potential_q;   /* pd3, charged solver only */
    dipole_layer dip;             /* dipole correction of a slab (dip.on), dipole.h */
    double complex *vbar_Q, *vt_Q, *vHt_q, *work_q, *work_Q;
    double *vt_sG;                /* nspins x nc */
    double *vxct_sg;              /* nspins x nfl (the fine grid's slab when distributed) */
    double *dH_asp;               /* layout of D_asp */
    double *W_aL;                 /* ss->nL */
    MPI_Comm split;               /* ranks sharing the atoms' corrections (MPI_COMM_NULL: none) */
    double *split_work;           /* COMM_CHUNK doubles for the ordered sums; borrowed */
    double *en_a;                 /* natoms x 4 per-atom energies (kinetic, coulomb, zero, xc) */
    double *work_R;               /* nc */
    /* energies, hartree */
    double e_kinetic0, e_coulomb, e_zero, e_external, e_xc;
    double e_band, e_entropy, e_kinetic, e_total_free, e_total_extrapolated;
} hamiltonian;

/* xc_name: a hamiltonian/xc.h name. charge: the system's net charge; pbc: the
 * structure's periodic directions (selects the charged solver as GPAW does). dipole: 1 for
 * the dipole correction of a slab (pbc T, T, F with a3 along z, checked by the input). */
int hamiltonian_init(hamiltonian *h, density_grids *g, const species_set *ss, int nspins, const char *xc_name,
                     double charge, const int pbc[3], int dipole, err *e);
void hamiltonian_free(hamiltonian *h);
/* Splits the one-centre corrections (ΔH_ij, ΔE_xc of each atom) over the ranks of comm:
 * atom a is computed on rank a mod P and the results summed. Each entry has exactly one
 * nonzero contribution, so the sums are exact and the energies (added over atoms in
 * order afterwards) carry the same bits on any number of ranks. Also splits the libxc
 * evaluation on the fine grid by point ranges (xc_grid_split): v_xc keeps its bits, the
 * grid's E_xc is summed over the ranks in a fixed order (rounding-level differences
 * between rank counts) — unless the fine grid is in slabs (density_grids_distribute,
 * made before hamiltonian_init), where each rank evaluates its slab and the split is a
 * no-op. work: COMM_CHUNK doubles. */
void hamiltonian_split_work(hamiltonian *h, MPI_Comm comm, double *work);
/* v̄(G) for the positions of ss. */
int hamiltonian_set_positions(hamiltonian *h, err *e);

/* Hamiltonian.update: potentials, ΔH and the energy components from the density. */
int hamiltonian_update(hamiltonian *h, const density *d, err *e);

/* Hamiltonian.get_energy: with the band energy Σ f ε and -TS of the occupations, the
 * free energy (returned) and e_total_extrapolated = free + c (-TS), c as occupations.h. */
double hamiltonian_get_energy(hamiltonian *h, double e_band, double e_entropy, double extrapolation);

/* The operator the eigensolver iterates with on block u of w: owns work arrays. */
typedef struct {
    hamiltonian *h;
    wavefunctions *w;
    int u;
    double *Pr, *cr;              /* nbands x nI (real projections, GEMM output) */
    double complex *Pc, *cc;      /* nbands x nI (complex) */
    double *cr2;                  /* nbands x nI: P dH of the residuals (real) */
    double complex *cc2;          /* the same, complex */
    double *dH_ii, *dO_ii;        /* per atom unpacked (max ni^2 each) */
    double complex *Xc;           /* the same promoted to complex */
} ham_op;

/* nbmax: the most bands one apply call will see (>= w->nbands). */
int ham_op_init(ham_op *op, hamiltonian *h, wavefunctions *w, int nbmax, err *e);
void ham_op_free(ham_op *op);
/* The eig_operator of block u (op->u is set; the space borrows the basis' g2). */
eig_operator ham_op_operator(ham_op *op, int u);
/* eig_apply_fn: H psi, S psi and <p|psi> for nb bands (space.h). */
int hamiltonian_apply(void *ctx, int nb, const double complex *psi, double complex *hpsi, double complex *spsi,
                      double complex *proj, int ldp, err *e);
/* The split form (eigensolver/space.h): (T + V) psi and <p|psi>; P_A^H dH P_B (h = 1) or
 * P_A^H dO P_B (h = 0) added to a subspace matrix; sum_a |p^a> (dH - eps_n dO) P_n added
 * to residuals. */
int hamiltonian_apply_local(void *ctx, int nb, const double complex *psi, double complex *tpsi,
                            double complex *proj, int ldp, err *e);
void hamiltonian_nonlocal_gram(void *ctx, int h, int m, const double complex *A, int lda, int n,
                               const double complex *B, int ldb, double *M, int ldm);
int hamiltonian_add_nonlocal(void *ctx, int nb, const double *eps, const double complex *proj, int ldp,
                             double complex *R, int ldr, err *e);

#endif
