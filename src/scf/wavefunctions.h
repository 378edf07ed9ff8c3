/* Kohn-Sham wavefunctions on plane waves: one pw_basis, projector set and FFT map per
 * irreducible k-point, and per (spin, k) the coefficients ψ̃_n(G), eigenvalues,
 * occupations and projections P_ni = <p̃_i^a|ψ̃_n> (GPAW's PWWaveFunctions and its
 * KPoint objects, gpaw/wavefunctions/pw.py, kpoint.py).
 *
 * Coefficients follow GPAW's normalisation (hamiltonian/pwfft.h): ψ(r) = (1/N)
 * Σ_G ψ(G) e^{i(k+G).r}, <ψ|ψ> = (dv/N) Σ_G |ψ(G)|² (real, Γ-only half sphere: space.h's
 * rule). Layout: band n of a (spin, k) block at psi + n ld, ld = npw; projections P at
 * P + n nI (complex; at Γ the imaginary parts are zero), atoms in ss->I_a order.
 * Invariant: P always holds <p̃|ψ̃> of the stored ψ̃ (the initial guess projects, the
 * eigensolver and the orthonormalisation rotate P with ψ̃, checkpoints store both, new
 * positions are followed by an orthonormalisation that projects again); the eigensolver
 * relies on it (davidson.h, proj_current).
 *
 * Distribution (issue 5, core/comm.h): the nu_all = nspins nk blocks, spin-major
 * (u = s nk + k), are dealt to the comm->layout.kpt k-point groups in contiguous runs,
 * group g owning u in [g nu_all / G, (g + 1) nu_all / G) (GPAW's kd: contiguous chunks
 * of the spin-k list). kpt_u holds this rank's blocks only (nu of them, local index);
 * bases, projector sets and FFT maps exist only for the k-points of local blocks
 * (has_k). The sums over blocks (density, D_asp, eigensolver error, eigenvalues for the
 * occupations) are ordered reductions over comm->kpt (comm_sum_ordered): bit-identical
 * run to run for one rank count; between rank counts they differ by rounding only.
 * Inside a k-point group the coefficients are distributed over comm->pw
 * (parallel/pwdist.h): pw_k[k] is this rank's slice of the whole basis pwall_k[k]
 * (npw, map and g2 point into pwall_k's arrays), ψ, the projector sets and the
 * eigensolver work on the slice; projections are summed over comm->pw inside pwlfc,
 * FFTs go through dist_k's band transposes. With one plane-wave rank pw_k[k] is the
 * whole basis and nothing changes.
 * Band groups (parallel/banddist.h): with comm->layout.band = B > 1 every block stores
 * only this rank's bands n0 <= n < n0 + nbl (contiguous runs over comm->band) on its G
 * slice: psi (nbl x npw) and P (nbl x nI) are local, eps and f stay whole (nbands; the
 * subspace eigensolver returns all of them on every rank). Density and D_asp are summed
 * over the band ranks in a fixed order (comm_sum_ordered) before the k-point sums. */
#ifndef PAWSORB_WAVEFUNCTIONS_H
#define PAWSORB_WAVEFUNCTIONS_H

#include <complex.h>

#include "basis/fft.h"
#include "basis/pw_basis.h"
#include "basis/pwlfc.h"
#include "cell/kpoints.h"
#include "core/comm.h"
#include "core/err.h"
#include "hamiltonian/pwfft.h"
#include "parallel/pwdist.h"
#include "scf/species.h"

typedef struct {
    int s, k;               /* spin and irreducible k-point */
    double weight;          /* k-point weight (sum over k = 1) */
    int npw;                /* coefficients on this rank (the slice of pw_k) */
    double complex *psi;    /* nbl x npw: bands n0 .. n0 + nbl - 1; owned */
    double *eps;            /* nbands (all bands), hartree */
    double *f;              /* nbands occupations in [0, 1] (all bands) */
    double complex *P;      /* nbl x nI (this rank's bands); owned */
} wfs_kpoint;

typedef struct {
    int nspins, nk, nbands, real;
    int nband_ranks;        /* band ranks of the group (comm->layout.band) */
    int n0, nbl;            /* this rank's bands of every block: n0 .. n0 + nbl - 1 */
    const comm_ctx *comm;   /* borrowed */
    const species_set *ss;  /* borrowed */
    const fft_grid *grid;   /* coarse grid; borrowed */
    fft_plan plan;          /* coarse-grid transforms (real or complex) */
    pwlfc_funcs pt_fn;      /* projectors of all atoms */
    pw_basis *pw_k;         /* nk bases: this rank's G slice (views into pwall_k) */
    pw_basis *pwall_k;      /* nk whole bases (all G); owned */
    pwlfc *pt_k;            /* nk projector sets on the slices */
    pw_fft *fft_k;          /* nk, on the whole bases */
    int npw_ranks;          /* plane-wave ranks of the group (comm->layout.pw) */
    pw_dist *dist_k;        /* nk G <-> band transposes (npw_ranks > 1) */
    double (*kfrac)[3];
    double *w_k;
    int npw_max;            /* largest slice over local k-points (1 when none) */
    int nu_all;             /* nspins * nk blocks, spin-major */
    int u0, nu;             /* this rank's blocks: global u0 .. u0 + nu - 1 */
    wfs_kpoint *kpt_u;      /* nu local blocks */
    char *has_k;            /* nk: 1 when a local block uses k-point k */
    double *sum_u;          /* nu_all: per-block sums (work) */
    double *work_nI;        /* nbands x nI (real D algebra) */
    double complex *work_cnI;
} wavefunctions;

/* comm: its layout decides which blocks are local (borrowed for the run). */
int wfs_init(wavefunctions *w, const comm_ctx *comm, const fft_grid *grid, const kpoint_set *kp, int nspins,
             int nbands, int real, double ecut, const species_set *ss, err *e);
void wfs_free(wavefunctions *w);
/* Projector structure factors for ss->spos. */
int wfs_set_positions(wavefunctions *w, err *e);

/* Projections P_ni of this rank's bands of block u from its ψ (pt.integrate). */
int wfs_project(wavefunctions *w, int u, err *e);

/* nt_sG[s] = Σ_kn f_n w_k (2/nspins) |ψ_n(r)|² (coarse grid), overwritten. Collective
 * over comm->pw (each rank transforms its share of the bands), comm->band and
 * comm->kpt (ordered sums of the parts). */
void wfs_add_to_density(wavefunctions *w, double *nt_sG);

/* D_asp (layout of density.h) = Σ_kn f_n w_k (2/nspins) Re P*_ni P_nj, packed (GPAW's
 * calculate_atomic_density_matrices; pack counts off-diagonal pairs twice). BLAS-3.
 * Collective over comm->band and comm->kpt (ordered sums). */
void wfs_atomic_density_matrices(wavefunctions *w, double *D_asp);

/* Σ over all blocks of x_u (one value per local block, local order), added in global
 * block order: the serial sum, bit for bit, on every rank. Collective over comm->kpt. */
double wfs_sum_blocks(wavefunctions *w, const double *x_u);

/* eps_skn (nspins x nk x nbands, occupations.h's layout) = every block's eigenvalues, on
 * every rank (exact: each entry has one owner). Collective over comm->kpt. */
void wfs_gather_eigenvalues(wavefunctions *w, double *eps_skn);

/* First index of this rank's G slice pw_k[k] in the whole basis pwall_k[k]. */
static inline int wfs_slice_start(const wavefunctions *w, int k)
{
    return (int)(w->pw_k[k].map - w->pwall_k[k].map);
}

/* Weighted occupation f_n w_k 2/nspins of band n of block u (GPAW's kpt.f_n). */
static inline double wfs_occ(const wavefunctions *w, const wfs_kpoint *kp, int n)
{
    return kp->f[n] * kp->weight * 2.0 / w->nspins;
}

#endif
