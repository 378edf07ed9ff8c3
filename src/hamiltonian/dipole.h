/* Dipole correction of a slab non-periodic along z, GPAW 22.8's plane-wave
 * poissonsolver={'dipolelayer': 'xy'} (gpaw/dipole_correction.py, DipoleCorrection.pwsolve
 * with ReciprocalSpaceDensity.calculate_dipole_moment; Neugebauer & Scheffler, PRB 46,
 * 16067 (1992); Bengtsson, PRB 59, 12301 (1999)):
 *
 *   p      = -∫ (z - L/2) ρ̃(r) dr = -(L/π) dv Σ_{m>=1} Im ρ̃(0,0,m) / m
 *            the dipole of the cell's charge (ρ̃ counts electrons positive, so p > 0
 *            when positive charge sits at larger z), z - L/2 = -Σ_m (L/πm) sin(2πmz/L)
 *            on (0, L); ρ̃(0,0,m) the unnormalised coefficients of pd3 (GPAW's rhot_q)
 *   c      = 2π p L / V                                  (GPAW's DipoleCorrection.correction)
 *   ΔṽH(r) = -2 c s(z),   s(z) = z/L - 1/2 away from the cell boundary z = 0,
 *            s(z) = z (1/L - 3/(4w) + z²/(4w³)) for |z| < w (odd, continuous slope),
 *            w = 0.5 Å (half of GPAW's 1 Å dipole-layer width), on the fine grid's points
 *            z_i = i L/N3 (the cubic on the first int(w/h) points, mirrored on the last)
 *   E_dip  = 2π p² / V   (added to the Hartree energy; = ½∫ρ̃ ΔṽH for the linear s)
 *
 * ΔṽH is the potential energy of an electron of a dipole sheet at the cell boundary
 * that cancels the slab's field in the vacuum: the electron's potential is flat on both
 * sides of the slab and changes across it by the potential step
 *   ΔV = V(top vacuum) - V(bottom vacuum) = -2c = -4π p / A     (A = V/L the slab area)
 * (= work function on top minus work function at the bottom; GPAW's get_workfunctions
 * gives vacuum + c - ε_F for the bottom side and vacuum - c - ε_F for the top).
 *
 * Forces: ΔṽH is part of ṽ_H, so every force term that ṽ_H enters changes — the
 * compensation charges (ĝ_L against ṽ_H, forces/compensation.c), the pseudo core (ñ_c
 * against ṽ, forces/core.c) and the projector term through ΔH_ij's W_L = ∫ĝ_L ṽ_H
 * (forces/nonlocal.c); the zero-potential term (v̄ against ñ) does not. GPAW computes
 * them with the same ṽ_H and adds nothing else.
 * These forces are GPAW's, and like GPAW's they are -dE/dR only up to what ρ̃ has inside
 * the dipole layer: E_dip weighs ρ̃ with the exact sawtooth (1/m), ṽ_H carries the smoothed
 * one, and the two differ within w of z = 0 by up to ±L/2. Measured (2.85 Å cells, steps
 * of 4-5 eV, 250 eV): F_z of H in a LiH layer 0.5379 eV/Å against a five-point -dE/dz of
 * 0.5491 (GPAW's force the same to 1e-6; Li agrees to 3e-5), of F in an HF layer 0.1413
 * against 0.1247. With the exact sawtooth in ṽ_H instead both agree to 5e-4, but the
 * forces then leave GPAW's by up to 0.025 eV/Å; only atoms with hard compensation
 * charges (H, F) show it, presumably through their Fourier tails at the boundary. The
 * mismatch scales with the step.
 *
 * MPI: pd3 and ρ̃ are whole on every rank (density.h), so every rank computes the same
 * numbers; nothing here communicates. Units: hartree, bohr, e. */
#ifndef PAWSORB_DIPOLE_H
#define PAWSORB_DIPOLE_H

#include <complex.h>

#include "basis/pw_basis.h"
#include "core/err.h"
#include "density/density.h"

/* GPAW's default dipole-layer width (DipoleCorrection(width=1.0)), Angstrom. */
#define DIPOLE_LAYER_WIDTH_ANG 1.0

typedef struct {
    int on;
    double L, volume;             /* a3_z and the cell volume, bohr, bohr^3 */
    double dv;                    /* fine-grid volume element, bohr^3 */
    int nm;                       /* coefficients (0,0,m), m = 1..nm, inside pd3 */
    int *G_m;                     /* nm + 1: pd3 index of (0,0,m) (G_m[0] unused); owned */
    double complex *sawtooth_q;   /* pd3: coefficients of s(z) on the fine grid; owned */
    /* the last dipole_layer_apply */
    double dipole;                /* p, e bohr */
    double correction;            /* c, hartree */
    double energy;                /* E_dip, hartree */
} dipole_layer;

/* Sets up the sawtooth for g's fine grid (whose third axis must be along z, a
 * non-periodic slab normal: io/input.c checks that). Errors (EXIT_BAD_INPUT): the cell
 * shorter than the layer width along z. Uses g->ff's work array. */
int dipole_layer_init(dipole_layer *dl, density_grids *g, err *e);
void dipole_layer_free(dipole_layer *dl);

/* p of rhot_q (pd3 coefficients, GPAW's normalisation), e bohr. */
double dipole_layer_moment(const dipole_layer *dl, const double complex *rhot_q);

/* From ρ̃ (rhot_q): p, c and E_dip (stored in dl), and vHt_q += -2 c s_q. Returns E_dip. */
double dipole_layer_apply(dipole_layer *dl, const pw_basis *pd3, const double complex *rhot_q, double complex *vHt_q);

/* The potential step across the slab, V(top vacuum) - V(bottom vacuum) = -2c, hartree. */
double dipole_layer_step(const dipole_layer *dl);

#endif
