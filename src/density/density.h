/* The density of a plane-wave PAW calculation, as GPAW's ReciprocalSpaceDensity
 * (gpaw/pw/density.py over gpaw/density.py):
 *
 *   ñ_s(r)  = sum_nk f_nk |ψ̃_snk(r)|² + ñ_c(r)/nspins        on the coarse grid (nt_sG)
 *   D_sij^a = sum_nk f_nk <ψ̃_snk|p̃_i^a> <p̃_j^a|ψ̃_snk>          (D_asp, packed)
 *   Q_L^a   = sum_p D_p^a Delta_pL^a + Delta0^a δ_L0            (spins summed; Blöchl 1994, eq. 27)
 *   ρ̃(G)    = ñ(G) + sum_aL Q_L^a ĝ_L^a(G)                       on the fine sphere pd3 (rhot_q)
 *
 * Grids (density_grids): the coarse grid of the wavefunctions and the fine grid (2x),
 * and GPAW's two real plane-wave spheres on them,
 *   pd2: |G|²/2 <= E_d on the coarse grid,   pd3: |G|²/2 <= 4 E_d on the fine grid,
 *   E_d = min(2 E_cut, E_0),  E_0 = π²/(2 max_c |h_c|²),  h_c = a_c/N_c,
 * with GPAW's Fourier interpolation pd2.interpolate (coarse -> fine, Nyquist planes of
 * even sizes halved and mirrored) and restriction pd3.restrict (fine -> coarse, the two
 * Nyquist planes averaged), and PWMapping between the two spheres
 * (gpaw/pw/descriptor.py).
 *
 * Layouts: grid functions in fft.h's C order, spin outermost; D_asp as one vector,
 * atom after atom, each atom's nspins x np_a packed matrix (GPAW's pack: off-diagonal
 * pairs counted twice), the layout of density/mixer.h; Q_aL atom after atom, Lmax each.
 * Slabs (density_grids_distribute, issue 13): on P > 1 ranks the fine-grid functions
 * (nt_sg, the Hamiltonian's vxct_sg and XC work) are slabs of planes along axis 0
 * (basis/fft_dist.h), nfl points per rank, and the fine FFTs of interpolation and
 * restriction run on the slabs; the coarse grid and the sphere coefficients (pd2, pd3)
 * stay whole on every rank (the coarse FFTs of interpolation and restriction run on
 * coarse slabs, and the restricted coarse grid is gathered). Without it nfl = nf and
 * everything is whole. */
#ifndef PAWSORB_DENSITY_H
#define PAWSORB_DENSITY_H

#include <complex.h>

#include "basis/fft.h"
#include "basis/fft_dist.h"
#include "basis/pw_basis.h"
#include "basis/pwlfc.h"
#include "core/err.h"
#include "density/spectra.h"
#include "hamiltonian/pwfft.h"
#include "scf/species.h"

typedef struct {
    const fft_grid *coarse, *fine; /* borrowed */
    double ecut;                   /* E_d of pd2 (hartree) */
    pw_basis pd2, pd3;             /* real half spheres */
    fft_plan fc, ff;               /* real plans on the coarse and fine grids */
    pw_fft t2, t3;                 /* pd2 on fc, pd3 on ff */
    int *G3_G2;                    /* pd2 index -> pd3 index (PWMapping.G2_G1) */
    long nc, nf;                   /* grid points */
    /* fine-grid slabs (density_grids_distribute); dist = 0: whole fine grid */
    int dist;
    long nfl;                      /* fine points held here: fd.nlocal_r, or nf */
    fft_dist fd;                   /* the fine grid's slabs and transforms */
    fft_sphere s3;                 /* pd3 on the slabs */
    fft_dist cd;                   /* the coarse grid's slabs (interpolation, restriction) */
    fft_sphere s2;                 /* pd2 on the coarse slabs */
    spectra sp;                    /* coarse <-> fine spectrum planes between the slabs */
    MPI_Comm comm;                 /* borrowed: the slabs' ranks (MPI_COMM_NULL: none) */
    double *work;                  /* COMM_CHUNK doubles for ordered sums; borrowed */
} density_grids;

/* ecut_wfs: the wavefunction cutoff (hartree); GPAW's density cutoff is twice that. */
int density_grids_init(density_grids *g, const fft_grid *coarse, const fft_grid *fine, double ecut_wfs, err *e);
void density_grids_free(density_grids *g);
/* Collective over comm: cuts the fine grid into slabs over its ranks (nothing on one
 * rank). Call before density_init and hamiltonian_init, which allocate nfl points.
 * work: COMM_CHUNK doubles (core/comm.h), borrowed. Errors: EXIT_INTERNAL (FFTW). */
int density_grids_distribute(density_grids *g, MPI_Comm comm, double *work, err *e);
/* A fine-grid function made point by point and transformed to pd3 (the charged
 * solver's and the dipole layer's fixed functions): density_fine_work gives the real
 * array to fill — the whole grid, or this rank's slab of planes [*i0, *i0 + *n0) — and
 * density_fine_to_pd3 then sets c = scale x its pd3 coefficients, whole on every rank
 * (collective over the slabs' ranks when distributed). */
double *density_fine_work(density_grids *g, int *i0, int *n0);
void density_fine_to_pd3(density_grids *g, double complex *c, double scale);

/* Collective over the slabs' ranks: the whole fine grid (nf points) on every rank from
 * a fine-grid function of nfl points (a copy when not distributed). For outputs. */
void density_grids_gather_fine(const density_grids *g, const double *a_g, double *whole);

/* pd2.interpolate: a_R on the coarse grid -> out_g on the fine grid (this rank's nfl
 * points); a_G (may be NULL) receives the pd2 coefficients of a_R (unnormalised forward
 * FFT). Collective over the slabs' ranks when distributed. */
void density_interpolate(density_grids *g, const double *a_R, double *out_g, double complex *a_G);
/* pd3.restrict: a_g on the fine grid (nfl points) -> out_R on the whole coarse grid;
 * a_G (may be NULL) receives the pd2 coefficients (fine coefficients / 8, i.e. coarse
 * normalisation). Collective when distributed: the fine planes a coarse plane needs
 * are moved to its slab (density/spectra.h), the coarse c2r runs on the slabs and the
 * coarse grid is gathered (MPI_Allgatherv). */
void density_restrict(density_grids *g, const double *a_g, double *out_R, double complex *a_G);
/* PWMapping.add_to1: a2 (pd2) += b3 (pd3) N2/N3;  add_to2: a3 (pd3) += b2 (pd2) N3/N2. */
void density_map_add_to2(const density_grids *g, double complex *a2, const double complex *b3);
void density_map_add_to3(const density_grids *g, double complex *a3, const double complex *b2);
/* PWDescriptor.integrate for a real sphere: int a*(r) b(r) dr from coefficients,
 * (2 dv/N) [sum_G Re a*(G) b(G) - a(0) b(0)/2] (real parts at G = 0). */
double density_pw_integrate(const pw_basis *pd, const double complex *a, const double complex *b);

typedef struct {
    int nspins;
    density_grids *g;              /* borrowed */
    const species_set *ss;         /* borrowed */
    double charge;                 /* net charge of the system (e; + means electrons removed) */
    pwlfc_funcs nct_fn, ghat_fn;
    pwlfc nct, ghat;               /* ñ_c on pd2, ĝ_L on pd3 */
    double *nt_sG;                 /* nspins x nc */
    double *nt_sg;                 /* nspins x nfl (slabs when distributed) */
    double complex *nt_Q;          /* pd2: sum over spins of the coefficients of nt_sG */
    double complex *rhot_q;        /* pd3 */
    double complex *nct_q;         /* pd2: ñ_c / nspins */
    double *nct_G;                 /* coarse grid: ñ_c / nspins */
    double *D_asp;                 /* nspins * ss->np */
    double *Q_aL;                  /* ss->nL */
    double error;                  /* density change of the last mix (electrons) */
} density;

int density_init(density *d, density_grids *g, const species_set *ss, int nspins, double charge, err *e);
void density_free(density *d);
/* Positions changed (ss->spos): structure factors of ñ_c and ĝ_L, nct_q and nct_G. */
int density_set_positions(density *d, err *e);

/* Splits the compensation-charge work — ĝ_L expanded on the pd3 sphere in every call:
 * the add in density_finish, the integrate of the Hamiltonian's W_aL, the forces'
 * derivative — over the ranks of comm, which must all hold the same density (the
 * plane-wave ranks of a k-point group; basis/pwlfc.h, pwlfc_set_split). Those calls
 * become collective over comm. work: COMM_CHUNK doubles, borrowed. */
void density_split_work(density *d, MPI_Comm comm, double *work);

/* Q_aL from D_asp; returns the total compensation charge sqrt(4 pi) sum_a Q_0^a
 * (negative: nuclei dominate), GPAW's calculate_multipole_moments. */
double density_multipole_moments(density *d);
/* GPAW's Density.normalize: scales nt_sG so that pseudo + compensation charge + charge = 0
 * (used for the initial density only). */
void density_normalize(density *d, double comp_charge);
/* interpolate_pseudo_density + calculate_pseudo_charge: nt_sg, nt_Q and rhot_q from
 * nt_sG and D_asp (Q_aL recomputed). */
int density_finish(density *d, err *e);
/* Pseudo charge int sum_s nt_sG (coarse grid). */
double density_pseudo_charge(const density *d);
/* Magnetic moment int (nt_up - nt_down) dr (0 without spin). */
double density_magmom(const density *d);

#endif
