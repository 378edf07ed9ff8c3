/* The DFT energy surface for relax.h: energy and forces of positions from a plane-wave
 * PAW calculation, with the SCF of each ionic step started from the previous one.
 *
 * Restart between ionic steps (GPAW 22.8's set_positions + wfs.initialize, calculator.py
 * and wavefunctions/fdpw.py; VASP reuses and extrapolates the same way):
 *   1. scaled positions, projector, ñ_c, ĝ_L and v̄ structure factors at the new R;
 *   2. wavefunctions: kept (GPAW's default NullWfsMover), or with `extrapolate` on
 *      moved with the atoms through the dual PAW basis (GPAW's reuse_wfs_method='paw',
 *      PseudoPartialWaveWfsMover):  ψ̃_n -= Σ_ai φ̃_i^a(r - R_a^old) P_ni^a,
 *      ψ̃_n += Σ_ai φ̃_i^a(r - R_a^new) P_ni^a   (bound channels; P of the old positions);
 *   3. S-orthonormalised at the new projectors (GPAW's wfs.orthonormalize; GPAW does it
 *      at the first eigensolver call, here before the density is made from them);
 *   4. density extrapolated (VASP's IWAVPR scheme; Alfè, Comput. Phys. Commun. 118, 31
 *      (1999)) from the last three converged steps, δñ = ñ_scf - ñ_c - ñ_at(R) with ñ_at
 *      the atomic start's density (scf/initial.h):
 *        ñ(t+1) = ñ_at(R_t+1) + ñ_c(R_t+1) + δñ_t + α (δñ_t - δñ_t-1) + β (δñ_t-1 - δñ_t-2),
 *      D_asp likewise, α, β minimising |R_t+1 - R_t - α (R_t - R_t-1) - β (R_t-1 - R_t-2)|
 *      (first order with two steps, δñ_t moved with the atoms after the first); normalised;
 *      the mixer's history reset with it as its first input (as GPAW's
 *      Density.set_positions: mixer.reset()). GPAW 22.8 instead rebuilds ñ from the
 *      moved bands (Density.initialize_from_wavefunctions); measured on H2O (relax_h2o.sh,
 *      BFGS to 0.01 eV/Å), mean SCF iterations of the later steps over the first's:
 *      250 eV 0.54 -> 0.46, 300 eV 0.36 -> 0.44 (13 steps instead of 8), 400 eV 0.45 -> 0.37;
 *   5. Hamiltonian update, then the SCF loop of scf.h.
 * The first ionic step is the ordinary atomic start (scf/initial.h), or initial_guess_from
 * with the start_* fields when the caller set them.
 *
 * The energy handed to the optimiser is the free energy E - TS plus E_D2, whose
 * gradient the forces are (forces.h); the total energy extrapolated to zero width (the
 * contract's /energy/total) is kept beside it for the report. An SCF that does not
 * converge is an error (EXIT_RUN_FAILED) naming the ionic step. */
#ifndef PAWSORB_RELAX_DFT_H
#define PAWSORB_RELAX_DFT_H

#include "cell/structure.h"
#include "forces/forces.h"
#include "scf/calc.h"
#include "scf/scf.h"

#define RELAX_NHIST 3

typedef struct {
    calculation *c;           /* borrowed */
    forces *f;                /* borrowed */
    structure *s;             /* borrowed: its positions follow the relaxation */
    scf_params p;
    int extrapolate;          /* 1: move ψ̃ with the atoms (step 2) */
    int nsteps;               /* ionic steps done */
    int cap;
    int *scf_iterations;      /* per ionic step; owned */
    double *total;            /* per ionic step: extrapolated total energy + E_D2, hartree; owned */
    double *free_energy;      /* per ionic step: free energy + E_D2, hartree; owned */
    scf_history hist;         /* the last step's SCF */
    int resume_scf;           /* 1: hist and c hold a saved SCF of step nsteps + 1 (a mid-SCF
                                 checkpoint, workflow/checkpoint.h): the next evaluation
                                 continues it (scf_continue) instead of restarting */
    double (*spos_old)[3];    /* scaled positions of the last SCF; owned */
    /* the mover of step 2: the atomic orbitals (species phit_j, the bound pseudo partial
     * waves) on each k-point's basis, and their coefficients per band */
    pwlfc_funcs orb_fn;
    pwlfc *orb_k;             /* nk; owned */
    int nao;
    double *c_r;              /* nbands x nao (real bases) */
    double complex *c_c;      /* nbands x nao (complex) */
    /* density extrapolation: the last RELAX_NHIST converged steps, newest first (ring) */
    int nhist, head;
    double *dn[RELAX_NHIST];  /* δñ = ñ_scf - ñ_c - ñ_at(R), nspins x nc; owned */
    double *D[RELAX_NHIST];   /* D_asp, nspins x np; owned */
    double (*R[RELAX_NHIST])[3]; /* cartesian positions, bohr; owned */
    /* the first step's start (initial_guess_from's arguments; borrowed, NULL = atomic) */
    const double *start_dn, *start_D;
    const unsigned char *start_D_from;
} relax_dft;

/* extrapolate: 1 moves the wavefunctions with the atoms (step 2), 0 keeps them. */
int relax_dft_init(relax_dft *r, calculation *c, forces *f, structure *s, const scf_params *p, int extrapolate,
                   err *e);
void relax_dft_free(relax_dft *r);

/* relax_energy_fn: moves the atoms to pos, restarts and runs the SCF, computes forces.
 * Collective over c->comm. */
int relax_dft_energy(void *ctx, int natoms, const double (*pos)[3], double *energy, double (*forces)[3],
                     err *e);

/* Room for n ionic steps in the per-step arrays and nsteps = n: a resumed relaxation
 * (workflow/checkpoint.h) then fills them, the ring and spos_old. */
void relax_dft_set_steps(relax_dft *r, int n);

/* Mean SCF iterations over ionic steps 2..n (0 with fewer than 2 steps). */
double relax_dft_mean_later_iterations(const relax_dft *r);

#endif
