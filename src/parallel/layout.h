/* The parallel layout of a run and its estimated cost per rank: which k-point groups,
 * band groups and plane-wave groups the ranks form (core/comm.h), how much memory each
 * rank needs, and how many bytes each rank sends per SCF iteration. `pawsorb check`
 * prints these and `pawsorb run` builds its communicators from the same choice, so the
 * two cannot disagree.
 *
 * What is distributed in this version (docs/parallel.md): whole (spin, k) blocks over
 * k-point groups, and inside a group the plane-wave coefficients of every block over
 * the group's `pw` ranks (parallel/pwdist.h: G slices, band transposes for the FFTs),
 * and the bands of every block over the group's `band` ranks (parallel/banddist.h:
 * contiguous runs of bands, passed around a ring for the subspace algebra). Split
 * between the plane-wave ranks of a group but not distributed: the PAW one-centre
 * corrections (by atom). The fine grid (density ñ on it, v_xc, the XC functional with
 * its gradients, the fine FFTs of interpolation and restriction) is cut into slabs over
 * the plane-wave ranks when parallel_grid_slabs() says so (density.h,
 * density_grids_distribute); the coarse grid (densities, potentials, mixer) and the
 * plane-wave spheres pd2, pd3 (ρ̃, v_H, ĝ_L) stay whole on every rank of a group, which
 * repeats the work on them, and the band ranks repeat the subspace solves.
 *
 * Choice (parallel_choose), with R ranks and B = nspins x nk_irreducible blocks:
 *   kpt  = parallel.kpoints if given (it must divide R and be <= B), else the divisor
 *          d <= B of R with the least modelled time per iteration
 *              t(d) = ceil(B / d) / speedup_in_group(R / d),
 *              speedup_in_group(r) = 1 / (s + (1 - s) / (e r))   (r > 1; 1 for r = 1)
 *          with s = PARALLEL_GRID_SHARE, the share of a serial SCF iteration spent on
 *          the replicated grid work, and e = PARALLEL_PW_EFFICIENCY, the efficiency of
 *          the distributed part (transposes and reductions); k-point groups are taken
 *          as perfectly parallel (ties: the larger d); with parallel.bands = b only
 *          the d for which b divides R / d;
 *   band = parallel.bands if given (it must divide R / kpt and be <= nbands), else 1
 *          (band groups are not chosen automatically: nothing measured here shows them
 *          faster than plane-wave ranks; they save the Davidson blocks' memory);
 *   pw   = R / (kpt band).
 *
 * Memory per rank (bytes; complex double coefficients, as wavefunctions.h stores even
 * real ones), with nbl = ceil(nbands / band) bands per band rank:
 *   wavefunctions  16 nbl npw_max ceil(B / kpt) / pw (the local blocks' ψ: mem_psi, the
 *                  stored bands) + the larger of two workspaces that are never touched
 *                  at the same time (their pages count only once written: calloc'd
 *                  memory is not resident before):
 *                    Davidson     16 nbl npw_max 4 / pw (6 with band > 1): ψ2, tmp and
 *                                 (T + V) ψ of 2 nbl, and with band groups S ψ of 2 nbl
 *                                 (eigensolver/davidson.c), on the rank's G slice;
 *                    start        16 ml npw_max 2 / pw (5 with band > 1), ml = ceil(max(nao,
 *                                 nbands) / band): the atomic-orbital start vectors and
 *                                 (T + V) of them (scf/initial.c; with band groups H, S
 *                                 and two ring buffers);
 *                  + 2 16 ceil(ml / pw) npw_max for pw > 1 (the band-transpose buffers of
 *                  pwdist.h, sized for the start's ml bands)
 *                  + for band > 1 the two ring buffers of the Davidson, 2 16 nbl
 *                  npw_max / pw (and 2 16 nbl nproj for projections, left out)
 *   subspace       2 (2 nbands)² 8 (real) or 16 (complex): the Rayleigh-Ritz H and S,
 *                  plus (3 / pw + 1) times one such matrix when ScaLAPACK solves them
 *                  (eigensolver/subspace.h: local A, B, Z and the gather buffer)
 *   grids          fine    (9 nspins + 2 + f) N_fine 8 / pg: ñ_s and v_xc,s (2 nspins),
 *                          the GGA work of xc.h (e, ∇n_s, σ, ∂e/∂σ, a temporary, the
 *                          halo buffer: 7 nspins + 1 — GGA assumed) and the FFT buffers
 *                          (f = 2 whole, 3 on slabs: FFTW's padded slab), pg = pw on
 *                          slabs, else 1;
 *                  coarse  ((2 history + 3) nspins + 7) N_coarse 8: ñ_s, ṽ_s, the
 *                          mixer's inputs and residuals, ñ_c, work and FFT buffers;
 *                  spheres (90 + 180 / pw) (π/12) N_fine: the pd3 sphere (at most
 *                          π/12 N_fine half-sphere vectors) with ρ̃, v_H, work, |G|² and
 *                          its index maps, whole on every rank, and the ĝ_L expansion
 *                          tables of basis/pwlfc.h (Y_L, radial values, vectors; ~180
 *                          bytes per vector), cut to each plane-wave rank's G range
 *   fixed          PARALLEL_MEM_BASE + (3 + ceil(B / kpt)) PARALLEL_MEM_PWLFC (below)
 * Communication per rank and SCF iteration (bytes sent, the busiest rank):
 *   k-point sums   2 ceil(log2 kpt) 8 (nspins N_coarse + B nbands + B): density,
 *                  eigenvalues and eigensolver errors, tree reduction plus broadcast
 *                  (comm_sum_ordered); D_asp (a few thousand numbers) is left out;
 *   plane waves    per block: 7 band transposes of the whole block (3 H applications
 *                  in the Davidson step of GPAW's niter = 2, each there and back, plus
 *                  one for the density), each sending 16 nbands npw_max (pw - 1) / pw^2
 *                  bytes per rank (pwdist.h), and the Gram matrices, 9 nbands² numbers
 *                  (Rayleigh-Ritz nb x nb, then 2 x 2 of nb x 2nb), 8 (real) or 16
 *                  bytes each, summed at ~2 (pw - 1) / pw their size per rank; the
 *                  projection sums (nbands x projectors per application) are left out.
 *                  With band groups the transposes carry nbl bands and the Gram sums
 *                  nbl columns (9 nbands nbl numbers);
 *   band groups    per block: 18 ring passes of a whole block over the band ranks per
 *                  Davidson call (eigensolver/davidson.h), each sending band - 1
 *                  runs of 16 nbl npw_max / pw bytes per rank (projections left out),
 *                  the gathered subspace columns (17 nbands nbl numbers to band - 1
 *                  ranks), and per iteration
 *                  the density and D_asp sums over the band ranks (2 ceil(log2 band) 8
 *                  nspins N_coarse, tree and broadcast). */
#ifndef PAWSORB_PARALLEL_LAYOUT_H
#define PAWSORB_PARALLEL_LAYOUT_H

#include "core/comm.h"
#include "core/err.h"

/* What this version distributes (see above). */
#define PARALLEL_PW_DISTRIBUTED 1
#define PARALLEL_BANDS_DISTRIBUTED 1

/* The time model's constants (above), from benchmarks/scaling.sh (converged SCF, 1 and
 * 2 plane-wave ranks, PW 400 eV, Gamma; benchmarks/scaling_tio2_{27,51}.out): the
 * 2-rank time over the 1-rank time is 27.3/50.0 = 0.546 for the 27-atom TiO2 slab and
 * 134.9/246.4 = 0.547 for the 51-atom one. Two ranks cannot separate s from e; with
 * e = 1 both give s = 2 T2/T1 - 1 = 0.09 (the grid work that stays whole: FFTs between
 * grids, gradients, Hartree, mixing, subspace solves). Efficiency at more ranks is not
 * measured here: e = 1 makes the model optimistic there. */
#define PARALLEL_GRID_SHARE 0.09
#define PARALLEL_PW_EFFICIENCY 1.0

/* Whether the fine grid goes into slabs over the plane-wave ranks: PARALLEL_GRID_SLABS
 * (the default, 0 or 1), overridden by the environment variable PAWSORB_GRID_SLABS=0|1
 * (a developer switch to compare the two paths in one build; docs/parallel.md). */
#ifndef PARALLEL_GRID_SLABS
#define PARALLEL_GRID_SLABS 1
#endif
int parallel_grid_slabs(void);

/* Memory that does not scale with the problem's arrays (mem_fixed): the process with its
 * libraries (MPI, OpenBLAS, ScaLAPACK, HDF5, libxc, FFTW), 32 MB as `pawsorb check` and a
 * one-rank run's start measure it (VmHWM 26-31 MB), and per expanded-function set
 * (basis/pwlfc.c: PWLFC_BLOCK_ENTRIES complex numbers for the expansion block and as many
 * for the derivative block, touched by the forces) 32 MiB: the projectors of each local
 * (spin, k) block and the ĝ_L, v̄ and ñ_c sets. Measured (2026-12-06, /usr/bin/time -v;
 * VmHWM read around the force terms): the 27-atom TiO2 slab's peak grew by 21 MB
 * in the nonlocal and 33 MB in the compensation-charge forces, and the estimate without
 * this term was 134-147 MB below the measured peaks at 1, 2 and 4 ranks. */
#define PARALLEL_MEM_BASE (32.0 * 1048576.0)
#define PARALLEL_MEM_PWLFC (2.0 * 16.0 * 1048576.0)

/* The problem as the layout sees it. */
typedef struct {
    int ranks;
    int nblocks;             /* nspins x irreducible k-points */
    int nspins, nbands;
    int npw_max;             /* most plane waves at any k-point */
    int real;                /* real wavefunctions (Gamma only) */
    long n_coarse, n_fine;   /* grid points */
    int mix_history;
    int grid_slabs;          /* parallel_grid_slabs() */
    int want_kpt, want_bands;/* parallel.kpoints / parallel.bands; 0 = automatic */
    int nao;                 /* atomic orbitals of the initial guess (0: taken as nbands) */
} parallel_problem;

typedef struct {
    comm_layout l;
    int blocks_per_group;    /* the most (spin, k) blocks one group holds */
    double mem_wavefunctions, mem_subspace, mem_grids, mem_fixed, mem_total;   /* bytes per rank */
    double mem_psi;          /* the stored bands alone (part of mem_wavefunctions) */
    double comm_kpt, comm_pw, comm_band;                            /* bytes per rank per iteration */
    double time_model;       /* t(d) of the choice, in units of one block's serial work */
} parallel_estimate;

/* The layout for p (rules above). Errors (EXIT_BAD_INPUT) name `path` and the key:
 * parallel.kpoints that does not divide the ranks or exceeds the blocks,
 * parallel.bands that does not divide the ranks of a k-point group or exceeds nbands. */
int parallel_choose(const parallel_problem *p, const char *path, comm_layout *l, err *e);

/* Memory and communication per rank of layout l for p (formulas above). */
void parallel_estimate_layout(const parallel_problem *p, comm_layout l, parallel_estimate *est);

#endif
