/* Occupation numbers, Fermi level(s), the smearing entropy and the zero-width
 * extrapolation, exactly as GPAW 22.8 (gpaw/occupations.py, called from
 * gpaw/wavefunctions/base.py: calculate_occupation_numbers).
 *
 * Smearing functions, x = (eps - mu) / w (Hartree inside; GPAW works in eV, x is the same):
 *   fermi-dirac          f = 1 / (1 + e^x)  (x clipped to [-100, 100]),
 *                        -TS_n = w [x e^x / (1 + e^x) - ln(1 + e^x)]
 *   marzari-vanderbilt   f = e^{-(x + 1/sqrt2)^2} / sqrt(2 pi) + erfc(x + 1/sqrt2) / 2,
 *                        -TS_n = -w e^{-(x + 1/sqrt2)^2} (1 + sqrt2 x) / (2 sqrt pi)
 *                        (Marzari et al., PRL 82, 3296 (1999))
 *   methfessel-paxton N  f = erfc(x)/2 + sum_{i=1..N} A_i H_{2i-1}(x) e^{-x^2},
 *                        -TS_n = -w A_N H_{2N}(x) e^{-x^2} / 2, A_i = (-1)^i / (i! 4^i sqrt pi)
 *                        (Methfessel & Paxton, PRB 40, 3616 (1989)); "gaussian" is N = 0.
 *   zero width           integer filling in order of energy; the last partly filled
 *                        level (if any) carries the fraction (GPAW's ZeroWidth).
 *   fixed                f_sn given by the user for every k-point (FixedOccupationNumbers).
 * The Fermi level mu solves sum_sk w_k g f(eps_skn) = N_el (g = 2 without spin, 1 with);
 * with a fixed magnetic moment M two levels solve it for (N_el + M)/2 and (N_el - M)/2.
 *
 * Energies:  -TS = g sum_skn w_k (-TS_n),   E_band = g sum_skn w_k f_skn eps_skn,
 * and GPAW's "Extrapolated" (zero-width) energy (hamiltonian.py, get_energy):
 *   E_0 = E_free + c (-TS),  c = -1/2 (Fermi-Dirac), 0 (Marzari-Vanderbilt),
 *                              -1/(N+2) (Methfessel-Paxton order N), 0 (zero width, fixed).
 *
 * No MPI: every rank passes the full (spin, k, band) eigenvalue array and gets identical
 * results (the search is deterministic). Allocation happens in occ_init only. */
#ifndef PAWSORB_OCCUPATIONS_H
#define PAWSORB_OCCUPATIONS_H

#include "core/err.h"

typedef enum {
    OCC_ZERO_WIDTH,          /* GPAW {'width': 0.0}; also any method with width 0 */
    OCC_FERMI_DIRAC,         /* 'fermi-dirac' */
    OCC_MARZARI_VANDERBILT,  /* 'marzari-vanderbilt' (cold smearing) */
    OCC_METHFESSEL_PAXTON,   /* 'methfessel-paxton', order 0 = Gaussian smearing */
    OCC_FIXED                /* 'fixed': f_sn given */
} occ_method;

typedef struct {
    occ_method method;
    double width;        /* smearing width, hartree (>= 0; 0 selects zero width) */
    int order;           /* Methfessel-Paxton order (0: Gaussian) */
    int fixmagmom;       /* spin only: two Fermi levels for a fixed total moment */
    double magmom;       /* the fixed moment (electrons, up - down) when fixmagmom */
    const double *fixed_f; /* OCC_FIXED: f_sn, nspins x nbands, each in [0, 1];
                            * borrowed, copied by occ_init */
} occ_params;

/* GPAW's defaults (calculator.py, create_occupations): Fermi-Dirac 0.1 eV when any
 * direction is periodic, zero width otherwise. */
void occ_params_default(occ_params *p, int any_periodic);

/* Name as the user writes it: "fermi-dirac", "marzari-vanderbilt", "gaussian",
 * "methfessel-paxton", "zero-width", "fixed". Returns 0, or -1 with e naming `name`. */
int occ_method_from_name(const char *name, occ_method *m, err *e);
const char *occ_method_name(occ_method m);

/* Zero-width correction factor c of E_0 = E_free + c (-TS) (see above). */
double occ_extrapolate_factor(const occ_params *p);

typedef struct {
    occ_params p;            /* p.fixed_f points to this struct's own copy */
    int nspins, nkpts, nbands;
    double *w_k;             /* k-point weights (sum 1); owned */
    double *fixed_f;         /* nspins x nbands; owned (OCC_FIXED) */
    double fermi[2];         /* last Fermi level(s), hartree; the next call's guess */
    int nfermi;              /* 0 before the first call, then 1 or 2 */
    /* workspace for the zero-width filling (nspins nkpts nbands each); owned */
    double *ws_eps, *ws_w;
    int *ws_idx;
} occ_calc;

typedef struct {
    double fermi[2];     /* hartree; fermi[1] only with fixmagmom. +INFINITY when all
                          * bands are exactly filled, or for fixed occupations (GPAW). */
    int nfermi;
    double e_entropy;    /* -TS, hartree (<= 0 for Fermi-Dirac) */
    double e_band;       /* sum_skn w_k g f eps, hartree */
    double magmom;       /* sum_k w_k (f_up - f_down) (spin), electrons */
    double nelectrons;   /* sum_skn w_k g f: the electron count reached */
    double extrapolation;/* c (-TS): add to the free energy for GPAW's "Extrapolated" */
} occ_result;

/* nspins 1 or 2, nkpts >= 1, nbands >= 1, w_k[nkpts] > 0 summing to 1 (checked to 1e-10).
 * Returns 0, or -1 with e set (EXIT_BAD_INPUT naming the parameter). */
int occ_init(occ_calc *o, const occ_params *p, int nspins, int nkpts, int nbands,
             const double *w_k, err *e);
void occ_free(occ_calc *o);

/* Forget the previous Fermi level(s) (GPAW: wfs.fermi_levels = None). */
void occ_reset(occ_calc *o);

/* Occupations for eigenvalues eps[s][k][n] (hartree, each k's bands in any order)
 * and nelectrons valence electrons (after charge). f[s][k][n] receives the occupation
 * numbers in [0, 1]; the weighted occupation that enters the density (GPAW's kpt.f_n)
 * is f w_k g, g = 2 / nspins. The previous call's Fermi level(s) are the starting
 * guess, as in GPAW. Returns 0, or -1 with e set (EXIT_RUN_FAILED: the electrons do
 * not fit in the bands, or a non-finite eigenvalue). Allocates nothing. */
int occ_calculate(occ_calc *o, double nelectrons, const double *eps, double *f,
                  occ_result *r, err *e);

#endif
