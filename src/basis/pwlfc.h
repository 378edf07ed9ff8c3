/* Atom-centred localized functions on plane waves: projectors p̃_i, compensation
 * shapes ĝ_L, zero potential v̄ and pseudo core density ñ_c, as GPAW's PWLFC
 * (gpaw/pw/lfc.py) — same formulas, same normalisation, same numbers to rounding.
 *
 * A function of atom a at R_a, f_I(r) = f_j(|r - R_a|) |r - R_a|^l Y_L(r - R_a), with
 * I = (a, j, m), L = l^2 + m, has the plane-wave coefficient (GPAW's expand)
 *
 *   f_I(G) = F_j(|k+G|) (-i)^l |k+G|^l Y_L(k+G) e^{-i G.R_a},                  (1)
 *
 * F_j the Fourier-Bessel transform of the radial spline (math/fbt.h, GPAW's ft), so
 * that f_I(G) e^{-i k.R_a} = ∫ e^{-i(k+G).r} f_I(r) d³r. Coefficients of a function on
 * the grid follow fft.h (ψ(G) = Σ_r ψ(r) e^{-iG.r}, no factor; N grid points, dv =
 * volume/N). Then, with e^{ik.R_a} = e^{2πi k.s_a} (GPAW's eikR_qa):
 *
 *   integrate:  c_nI = e^{ik.R_a} (1/N) Σ_G f_I(G)* ψ_n(G)          = <p̃_I|ψ_n>  (2)
 *   add:        ψ_n(G) += (1/dv) Σ_I f_I(G) e^{-ik.R_a} c_nI                      (3)
 *   derivative: c_nIv = i e^{ik.R_a} (-1/N) Σ_G (k+G)_v f_I(G)* ψ_n(G)            (4)
 *
 * (4) is GPAW's pt.derivative: the derivative of (2) with respect to the function's
 * argument, ∂/∂r = -∂/∂R_a. (3) with c = 1 gives v̄(G), ñ_c(G); with c = Q_aL the
 * compensation charges Σ_aL Q_aL ĝ_aL(G) (GPAW's vbar.add, nct.add, ghat.add).
 *
 * Real storage (basis->real: Γ-only wavefunctions, and the density grids, which GPAW
 * keeps as real functions on half spheres): only half of the G sphere is stored,
 * ψ(-G) = ψ(G)*, and c is real. The third FFT axis is then read unfolded, index
 * i2 = 0..n2/2 meaning +i2 (GPAW's r2c PWDescriptor: pd2/pd3 at the grid's cutoff hold
 * the Nyquist plane +n2/2); complex bases fold every axis (fft.h). pwlfc_init checks
 * the basis's map against its |k+G|^2. GPAW's dtype=float path, reproduced exactly:
 *   integrate:  c_nI = (2/N) Σ_G Re[f_I(G)* ψ_n(G)], with the REAL part of the G = 0
 *               term (index 0 of the basis) halved — 2 Re(...) − G=0 rule; an
 *               imaginary part of ψ(G=0) is counted twice, as in GPAW;
 *   add:        ψ_n(G) += (1/dv) Σ_I f_I(G) c_nI (real c, no phase);
 *   derivative: c_nIv = (2/N) Σ_G G_v Im[f_I(G)* ψ_n(G)].
 *
 * All band algebra is one ZGEMM (complex) or DGEMM (real: the coefficients viewed as
 * interleaved re/im reals, GPAW's layout) per block of G vectors; f_I(G) is rebuilt
 * per block from the precomputed F_j(|k+G|), |k+G|^l Y_L and per-axis structure-factor
 * tables e^{-2πi m s_c} (e^{-iG.R} = Π_c e^{-2πi m_c s_c} for G = Σ_c m_c b_c), so the
 * memory is O(nG (ns + Lmax)) per basis, as GPAW's f_qGs and Y_qGL. Nothing is
 * allocated after pwlfc_init.
 *
 * Arrays: wavefunctions ψ_n(G) are rows of a double complex array, ψ + n ldpsi, G in the
 * basis order; coefficients c_nI rows of nb x nI, c + n ldc (atom a owns the columns
 * I_a[a] .. I_a[a+1]-1, j-major then m, as GPAW's P_ani); derivatives three such
 * matrices, v-major: dc + v nb ldc + n ldc + I. */
#ifndef PAWSORB_PWLFC_H
#define PAWSORB_PWLFC_H

#include <complex.h>

#include <mpi.h>

#include "basis/pw_basis.h"
#include "core/err.h"
#include "math/spline.h"

/* One atom's radial functions: nf splines (borrowed, e.g. setup_splines.pt_j of its
 * element; l taken from each spline). Atoms of one element should pass the same array:
 * each distinct spline (by address) is Fourier-transformed once, as in GPAW. */
typedef struct {
    int nf;
    const spline *f;
} pwlfc_atom;

/* The functions of all atoms in reciprocal space: independent of basis and positions,
 * shared by the pwlfc of every k-point. Owns its arrays. */
typedef struct {
    int natoms;
    int nI;            /* number of functions, sum over atoms and splines of 2l+1 */
    int *I_a;          /* natoms + 1 offsets into I */
    int nJ;            /* (atom, spline) pairs, J-major in I */
    int *a_J, *s_J;    /* atom and distinct-spline index of J */
    int ns;            /* distinct splines */
    int *l_s;
    spline *F_s;       /* F_l(q) of each distinct spline (GPAW's ft), owned */
    int lmax;          /* largest l (-1 without functions) */
} pwlfc_funcs;

/* Fourier-Bessel transforms of every distinct spline. Returns 0, or -1 with e set
 * (negative counts, a NULL spline array, a cut-off beyond math/fbt.h's 50 bohr box);
 * fn is then empty. */
int pwlfc_funcs_init(pwlfc_funcs *fn, int natoms, const pwlfc_atom *atoms, err *e);
void pwlfc_funcs_free(pwlfc_funcs *fn);

/* The functions on one plane-wave basis. Borrows fn and the basis (and its grid). */
typedef struct {
    const pwlfc_funcs *fn;
    const pw_basis *pw;
    int nG;
    int Lmax;                 /* (lmax+1)^2 */
    /* tables of the vectors Gt <= G < Gt + nGt (the whole basis; a split's own range,
     * pwlfc_set_split), row G - Gt */
    int Gt, nGt;
    int *m_Gc;                /* nGt x 3 integer frequencies of G */
    double *kG_Gv;            /* nGt x 3 cartesian k+G, 1/bohr */
    double *f_Gs;             /* nGt x ns: F_s(|k+G|) */
    double *Y_GL;             /* nGt x Lmax: |k+G|^l Y_L(k+G) */
    double inv_N, inv_dv;     /* 1/N and N/volume of the basis grid */
    /* positions (pwlfc_set_positions) */
    int have_positions;
    int mmax;                 /* tables hold m = -mmax..mmax per axis */
    double complex *sf_acm;   /* natoms x 3 x (2 mmax+1): e^{-2πi m s_c} */
    double complex *eikR_a;   /* natoms: e^{2πi k.s_a} */
    /* workspaces, made at init */
    int blocksize;            /* G vectors per GEMM block */
    int nbmax;                /* bands per call handled at once (add, complex) */
    double complex *f_GI;     /* blocksize x nI (or 2 blocksize x nI reals) */
    double complex *d_GI;     /* same size, derivative */
    double complex *c_nI;     /* nbmax x nI, phased coefficients for add */
    double complex *sf_a;     /* natoms: e^{-iG.R_a} of the G being expanded */
    double complex *cache;    /* NULL, or all nG x nI expanded functions (pwlfc_enable_cache):
                               * conj(f_I(G)) (complex basis) or GPAW's real layout (real) */
    /* plane-wave distribution (issue 5): the basis may be one rank's slice of a k-point's
     * G list (parallel/pwdist.h); integrate and derivative then sum over `comm` */
    int g0;                   /* real basis: G = 0 is basis index 0 of this slice */
    MPI_Comm comm;            /* MPI_COMM_NULL: not distributed */
    double *comm_work;        /* COMM_CHUNK doubles for the ordered sum; borrowed */
    /* or the work split over comm on a whole basis (pwlfc_set_split): this rank's range */
    int Gb, Ge;               /* basis indices Gb <= G < Ge handled here (0, nG: all) */
    int *split_cnt, *split_dsp;   /* comm size counts / offsets (doubles) of the ranges; owned */
} pwlfc;

/* Tabulates F_s(|k+G|) and |k+G|^l Y_L for the basis and allocates the workspaces;
 * nbmax (>= 1) is the block of bands `add` works on at once (more bands are done in
 * blocks). Returns 0, or -1 with e set; lfc is then empty. */
int pwlfc_init(pwlfc *lfc, const pwlfc_funcs *fn, const pw_basis *pw, int nbmax, err *e);
void pwlfc_free(pwlfc *lfc);

/* The basis is this rank's slice of the G list of a k-point distributed over comm
 * (parallel/pwdist.h; a real slice holds G = 0 only on the rank that has index 0):
 * integrate and derivative (2), (4) become collective over comm, each result the sum of
 * the slices' partial sums in a fixed order (comm_sum_ordered, work: COMM_CHUNK
 * doubles, borrowed), the same bits on every rank. add (3) stays local. A comm of one
 * rank, or MPI_COMM_NULL, changes nothing. */
void pwlfc_set_comm(pwlfc *lfc, MPI_Comm comm, double *work);

/* The basis is whole on every rank of comm, and the work is split: rank r expands and
 * multiplies only the contiguous range r nG / P <= G < (r + 1) nG / P. integrate and
 * derivative are then summed over comm as above; add (3) adds the rank's range and
 * gathers the others' (MPI_Allgatherv), so the array must be the same on every rank
 * before the call and is after it. Every operation becomes collective over comm. For
 * functions on the density grids (compensation charges ĝ_L: one band, hundreds of
 * thousands of G, expanded in every call). The tables are cut to the rank's range, so
 * their memory falls as 1/P (pwlfc_expand then takes only that range). A comm of one
 * rank changes nothing. */
void pwlfc_set_split(pwlfc *lfc, MPI_Comm comm, double *work);

/* Keeps all nG x nI values f_I(G) (16 nG nI bytes), rebuilt by each
 * pwlfc_set_positions, instead of expanding them block by block in every call: the
 * operations then cost their GEMMs alone. Measured (H2O, 400 eV, 5945 G, 23 projectors,
 * one core of a loaded 2-core machine): 8 bands, integrate 2.0 -> 0.7 ms, add 1.3 ->
 * 0.5 ms (GPAW 22.8's pt.integrate/pt.add on the same machine: 1.3, 1.2 ms); 64 bands,
 * integrate 5.2 -> 4.4 ms, add 2.8 -> 2.3 ms (GPAW 4.3, 3.9 ms). Worth it for projectors,
 * applied many times per SCF step; the caller decides against its memory budget.
 * Returns 0, or -1 (EXIT_RUN_FAILED: no memory; lfc still works without the cache). */
int pwlfc_enable_cache(pwlfc *lfc, err *e);

/* Scaled positions s_a (fractions of the cell vectors of the basis grid, any value:
 * periodic images are the same atom). Recomputes the structure-factor tables and the
 * phases e^{2πi k.s_a}. Returns 0, or -1 (a non-finite position) with e set. */
int pwlfc_set_positions(pwlfc *lfc, const double (*spos)[3], err *e);

/* f_I(G) of (1) for basis indices G1 <= G < G2 into out[(G - G1) nI + I] (conjugated
 * if cc). Positions must be set. For inspection and tests; the operations below build
 * the same values block by block. */
int pwlfc_expand(pwlfc *lfc, int G1, int G2, int cc, double complex *out, err *e);

/* (2) for a complex basis: c[n ldc + I], n < nb. */
int pwlfc_integrate_cplx(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double complex *c, int ldc,
                         err *e);
/* (2) for a real basis: real c. */
int pwlfc_integrate_real(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double *c, int ldc, err *e);

/* (3), complex basis: psi[n ldpsi + G] += ... */
int pwlfc_add_cplx(pwlfc *lfc, int nb, const double complex *c, int ldc, double complex *psi, int ldpsi, err *e);
/* (3), real basis. */
int pwlfc_add_real(pwlfc *lfc, int nb, const double *c, int ldc, double complex *psi, int ldpsi, err *e);
/* (3) with every c_I = x, one function a(G) (real or complex basis): v̄, ñ_c. */
int pwlfc_add_constant(pwlfc *lfc, double x, double complex *a, err *e);

/* (4), complex basis: dc[(v nb + n) ldc + I]. */
int pwlfc_derivative_cplx(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double complex *dc, int ldc,
                          err *e);
/* (4), real basis. */
int pwlfc_derivative_real(pwlfc *lfc, int nb, const double complex *psi, int ldpsi, double *dc, int ldc, err *e);

#endif
