/* The starting point of the SCF, the analogue of GPAW 22.8's start in plane-wave mode
 * (density.py: initialize_from_atomic_densities; wavefunctions/fdpw.py:
 * initialize_wave_functions_from_lcao with the setups' pseudo partial waves as the
 * basis when no basis files are given):
 *
 *  1. initial occupations of each atom's bound orbitals (GPAW's
 *     Setup.calculate_initial_occupation_numbers: the net charge spread over the atoms,
 *     spin split to the initial moment, Hund's rule on request);
 *  2. D_sii^a = f_si on the diagonal of the bound channels (initialize_density_matrix);
 *  3. ñ_s = Σ_a Σ_j f_sj |φ̃_j|²/4π (spherical atomic densities of the cut partial
 *     waves) + ñ_c/ns, normalised to neutrality (Density.normalize), then the first
 *     Hamiltonian;
 *  4. ψ̃: Rayleigh-Ritz (H C = S C ε) in the span of the atomic orbitals φ̃_j Y_L on
 *     every k-point, plus smooth random vectors when there are more bands than
 *     orbitals; the lowest nbands Ritz vectors are kept, S-orthonormal.
 * GPAW's LCAO start is a full LCAO diagonalisation on the same orbitals; the converged
 * result does not depend on the start, only the number of iterations does. */
#ifndef PAWSORB_SCF_INITIAL_H
#define PAWSORB_SCF_INITIAL_H

#include "scf/calc.h"

/* Initial moments per atom: structure magmoms if given, else Hund's rule for a single
 * spin-polarised atom (docs/interface.md), else 0. Errors (EXIT_BAD_INPUT): a moment
 * that the atom's valence electrons cannot carry. */
int initial_guess(calculation *c, err *e);
/* initial_guess from a better density than the atoms' (the adsorption workflow starts a
 * complex from its converged slab and molecule, workflow/adsorption.h): the atomic start
 * plus dn_sG (nspins x coarse grid, a deformation density as initial_deformation_density
 * makes; NULL for none), and for every atom with D_from[a] set its D_asp block taken from
 * D_asp (nspins x ss.np in this calculation's layout) instead of the atomic one; then
 * normalised to the electron count and on as initial_guess. */
int initial_guess_from(calculation *c, const double *dn_sG, const double *D_asp, const unsigned char *D_from,
                       err *e);
/* δñ_s = ñ_s - ñ_c/ns - Σ_a ñ_at^a(r - R_a) at the current positions: the density less
 * the atomic start's, the part that carries the bonding (nspins x coarse grid). Used by the
 * relaxation's extrapolation (relax/dft.h) and by initial_guess_from's callers. */
int initial_deformation_density(calculation *c, double *dn_sG, err *e);

/* nt_sG += sign * sum_a sum_i f_si^a |phit_i^a(r - R_a)|^2 on the coarse grid at the
 * scaled positions spos (natoms): the spherical atomic densities of step 3 without ñ_c,
 * with the occupations of step 1. Used by the relaxation's density extrapolation
 * (relax/dft.h; VASP's IWAVPR scheme, GPAW rebuilds ñ from the moved bands instead).
 * Serial in the atoms: every rank adds all of them (no communication).
 * Errors: those of initial_occupations. */
int initial_add_atomic_density(calculation *c, const double (*spos)[3], double sign, double *nt_sG, err *e);

/* f_si of the atomic orbitals of one species (nspins x nao), GPAW's
 * calculate_initial_occupation_numbers(magmom, hund, charge, nspins). */
int initial_occupations(const species *sp, int nspins, double magmom, int hund, double charge, double *f_si,
                        err *e);
/* Hund's-rule moment of the neutral atom (GPAW's get_hunds_rule_moment). */
double initial_hund_moment(const species *sp);

#endif
