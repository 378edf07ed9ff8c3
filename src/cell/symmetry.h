/* Crystal symmetry of a calculation, as GPAW 22.8 finds and uses it (gpaw/symmetry.py,
 * class Symmetry, with the calculator's defaults point_group=True, time_reversal=True,
 * symmorphic=True, tolerance=1e-7):
 *
 *   1. lattice operations: every integer matrix U (entries -1, 0, 1; 3^9 candidates, in
 *      GPAW's enumeration order) that keeps the metric, Σ_ij |(U g U^T - g)_ij| <= tol,
 *      g = A A^T (bohr², rows of A the cell vectors), and mixes no periodic with a
 *      non-periodic axis (find_lattice_symmetry);
 *   2. kept if it maps every atom onto an atom of the same kind with no fractional
 *      translation: s_a U = s_b (mod 1, max-norm < tol), kinds = element and initial
 *      magnetic moment rounded to 1e-3 μ_B (prune_symmetries_atoms, check_one_symmetry).
 *
 * Scaled positions are row vectors, so an operation moves s to s U (GPAW's
 * np.dot(spos_ac, op_cc)), k-points (fractional, column) to U k, and in cartesian
 * coordinates r -> r U_vv with U_vv = A^-1 U A (GPAW's op_vv).
 *
 * GPAW 22.8 does not ask spglib for these operations: its own search above is what
 * decides the numbers it prints, and is followed here so that the k-point sets agree.
 * tests/unit/test_symmetry.c checks the result against spglib's symmorphic operations.
 *
 * Units: bohr. Owns its arrays. */
#ifndef PAWSORB_SYMMETRY_H
#define PAWSORB_SYMMETRY_H

#include "core/err.h"

/* GPAW's default tolerance (relative to nothing: bohr² for the metric, fractions for
 * positions). */
#define SYMMETRY_TOL 1e-7

typedef struct {
    int nsym;                /* operations kept (1 = identity only) */
    int (*op)[3][3];         /* nsym: U_scc; owned */
    int natoms;
    int *a_sa;               /* nsym x natoms: the atom a goes to under s (GPAW's a_sa); owned */
    int has_inversion;       /* -1 is among the operations */
    int point_group;         /* the point group was searched (else identity only) */
    int time_reversal;       /* k ~ -k may be used */
    double cell[3][3];       /* bohr, rows = lattice vectors */
} symmetry;

/* Finds the operations. id_a: one integer per atom, equal for atoms that may be
 * exchanged (element and rounded magnetic moment: symmetry_atom_kinds). spos: scaled
 * positions. With point_group = 0 only the identity is kept (GPAW's
 * symmetry={'point_group': False}). Fails (EXIT_BAD_INPUT) when two atoms of one kind
 * sit on the same point. */
int symmetry_analyze(symmetry *sym, const double cell[3][3], const int pbc[3], int natoms, const int *id_a,
                     const double (*spos)[3], int point_group, int time_reversal, double tol, err *e);
void symmetry_free(symmetry *sym);

/* Kinds for symmetry_analyze: atoms get one number per distinct (Z, round(1000 m)),
 * m = magmoms[a] or 0 when magmoms is NULL (GPAW's id_a + rounded magmom_av). */
void symmetry_atom_kinds(int natoms, const int *z, const double *magmoms, int *id_a);

/* Operation s in cartesian coordinates, r -> r U_vv: U_vv = A^-1 U A. */
void symmetry_cartesian(const symmetry *sym, int s, double U_vv[3][3]);

/* 1 if every operation maps the grid n onto itself (GPAW's check_grid): U_ij n_j is a
 * multiple of n_i for all i, j. */
int symmetry_check_grid(const symmetry *sym, const int n[3]);

/* The first half of GPAW's get_number_of_grid_points fallback when check_grid fails:
 * axes that an operation mixes get the larger of their sizes (the caller then rounds
 * each up to an FFT-friendly size and checks again). Returns 1 if n changed. */
int symmetry_fit_grid(const symmetry *sym, int n[3]);

/* Rotation of the real spherical harmonics of degree l (l <= 3) under the cartesian
 * operation U_vv: R[m][m'] with Y_lm'(r̂ U_vv) = Σ_m Y_lm(r̂) R[m][m'] — GPAW's
 * gpaw/rotation.py rotation(l, U_vv) = Y(points)^-1 Y(points U_vv) on its 2l+1 points.
 * R has (2l+1)² entries, row-major. Returns -1 for l > 3. */
int symmetry_ylm_rotation(int l, const double U_vv[3][3], double *R);

/* Forces F (natoms x 3, cartesian) replaced by their symmetric average
 * F'_b = (1/nsym) Σ_s Σ_{a: a_sa[s][a]=b} F_a U_vv(s)   (GPAW's symmetrize_forces).
 * work: natoms x 3 scratch (may be NULL: then allocated here). */
void symmetry_symmetrize_forces(const symmetry *sym, double (*F)[3], double (*work)[3]);

#endif
