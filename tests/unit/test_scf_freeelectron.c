/* The free-electron gas through the SCF's own machinery: a calculation is built from a
 * YAML input (one H atom in a skewed cell, so that the grids, k-point bases, projector
 * sets, FFT maps and Davidson workspaces are the production ones), then the potential is
 * switched off: ṽ_s(r) = 0 (vt_sG), ΔH^a_ij = 0 (dH_asp) and ΔO^a_ij = 0 (the datasets'
 * dO_ii), so that H = -½∇² and S = 1. The Davidson iterations of the run
 * (davidson_iterate through ham_op_operator: kinetic |k+G|²/2, local potential by FFT,
 * nonlocal GEMMs with zero matrices) must then reach the free-electron levels
 *
 *     ε_n = the n-th smallest |k + G|² / 2 over the reciprocal lattice,
 *
 * which the test enumerates itself from the cell (B = 2π A^-T, G = m B for integer m;
 * no pawsorb code involved), to 1e-8 hartree; and the basis must hold exactly the G
 * with |k + G|²/2 <= E_cut (GPAW's sphere). Cases: 2x1x1 and 2x2x1 Monkhorst-Pack
 * grids without Γ, time reversal only (k = (1/4, 0, 0); (1/4, ±1/4, 0): two blocks),
 * complex wavefunctions. Several levels are nearly degenerate (the cell is only
 * slightly skewed), which also tests the subspace solver on near-degenerate blocks.
 *
 * Not tested here: Γ (real wavefunctions). There the lowest free-electron state is the
 * G = 0 plane wave with kinetic energy 0, and GPAW's kinetic preconditioner
 * (-4/(3 E_kin) ... , precond.h) divides by that band's E_kin: once the band is nearly
 * converged its correction vector becomes a huge multiple of itself and the 2B x 2B
 * overlap turns singular (GPAW 22.8 has the same formula; no system with atoms has
 * E_kin = 0). Well under a second. */
#include "tap.h"

#include "basis/plan.h"
#include "core/units.h"
#include "eigensolver/davidson.h"
#include "io/input.h"
#include "scf/calc.h"
#include "scf/initial.h"

#include <math.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { NBANDS = 14 };
static const double CELL[3][3] = {{4.6, 0.0, 0.0}, {0.4, 4.9, 0.0}, {0.3, -0.2, 5.2}};   /* Å */
static const double ECUT_EV = 120.0;

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Every |k+G|²/2 <= ecut (hartree) over G = m B, m integer, k = kfrac B; sorted.
 * Returns how many (at most cap kept). */
static int enumerate(const double kfrac[3], double ecut, double *out, int cap)
{
    double A[3][3], B[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) A[i][j] = CELL[i][j] / BOHR_ANG;
    /* B = 2π (A^-1)^T: rows b_i with a_i . b_j = 2π δ_ij */
    double det = A[0][0] * (A[1][1] * A[2][2] - A[1][2] * A[2][1]) - A[0][1] * (A[1][0] * A[2][2] - A[1][2] * A[2][0]) +
                 A[0][2] * (A[1][0] * A[2][1] - A[1][1] * A[2][0]);
    for (int i = 0; i < 3; i++) {
        const double *u = A[(i + 1) % 3], *v = A[(i + 2) % 3];
        B[i][0] = 2 * M_PI * (u[1] * v[2] - u[2] * v[1]) / det;
        B[i][1] = 2 * M_PI * (u[2] * v[0] - u[0] * v[2]) / det;
        B[i][2] = 2 * M_PI * (u[0] * v[1] - u[1] * v[0]) / det;
    }
    int n = 0, M = 12;
    for (int m0 = -M; m0 <= M; m0++)
        for (int m1 = -M; m1 <= M; m1++)
            for (int m2 = -M; m2 <= M; m2++) {
                double q[3];
                for (int c = 0; c < 3; c++)
                    q[c] = (m0 + kfrac[0]) * B[0][c] + (m1 + kfrac[1]) * B[1][c] + (m2 + kfrac[2]) * B[2][c];
                double e = 0.5 * (q[0] * q[0] + q[1] * q[1] + q[2] * q[2]);
                if (e <= ecut && n < cap) out[n++] = e;
            }
    qsort(out, n, sizeof *out, cmp_double);
    return n;
}

static int write_input(char *path, size_t len, const char *kpoints, const char *gamma)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(path, len, "%s/test_scf_freeelectron.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    FILE *f = fdopen(fd, "w");
    fprintf(f, "task: scf\nstructure:\n  cell: [[%g, %g, %g], [%g, %g, %g], [%g, %g, %g]]\n"
               "  atoms:\n    - [H, 1.0, 1.2, 1.4]\ndft:\n  xc: PBE\n  cutoff: %g\n  kpoints: %s\n"
               "  gamma: %s\n  symmetry: false\n  bands: %d\n",
            CELL[0][0], CELL[0][1], CELL[0][2], CELL[1][0], CELL[1][1], CELL[1][2], CELL[2][0], CELL[2][1],
            CELL[2][2], ECUT_EV, kpoints, gamma, NBANDS);
    fclose(f);
    return 0;
}

static void run_case(const comm_ctx *comm, const char *what, const char *kpoints, const char *gamma, int want_blocks)
{
    char path[4096];
    err e = {0};
    input in;
    plan pl;
    calculation c;
    if (!ok(write_input(path, sizeof path, kpoints, gamma) == 0, "%s: input written", what)) return;
    int rc = input_read(path, &in, &e);
    unlink(path);
    if (!ok(rc == 0, "%s: input read: %s", what, rc ? e.msg : "ok")) return;
    rc = plan_make(&pl, &in, 1, &e) || calc_init(&c, comm, &in, &pl, &e) || initial_guess(&c, &e);
    if (!ok(rc == 0, "%s: calculation built: %s", what, rc ? e.msg : "ok")) {
        input_free(&in);
        return;
    }
    wavefunctions *w = &c.wfs;
    ok(w->nu == want_blocks && !w->real, "%s: %d k-point blocks, complex wavefunctions", what, w->nu);

    /* switch the potential off: H = -½∇², S = 1 */
    memset(c.ham.vt_sG, 0, (size_t)c.nspins * c.grids.nc * sizeof *c.ham.vt_sG);
    size_t ndh = 0;
    for (int a = 0; a < c.ss.natoms; a++) ndh += (size_t)c.nspins * c.ss.np_a[a];
    memset(c.ham.dH_asp, 0, ndh * sizeof *c.ham.dH_asp);
    for (int k = 0; k < c.ss.nspecies; k++) {
        int ni = c.ss.sp[k].d.ni;
        memset(c.ss.sp[k].d.dO_ii, 0, (size_t)ni * ni * sizeof *c.ss.sp[k].d.dO_ii);
    }

    int cap = 200000;
    double *ref = malloc(cap * sizeof *ref), ecut = ECUT_EV / HARTREE_EV;
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        const pw_basis *pw = &w->pw_k[q->k];
        const double *kf = w->kfrac[q->k];
        eig_operator op = ham_op_operator(&c.op, u);
        rc = eig_orthonormalize(&c.dav, &op, c.nbands, q->psi, q->P, c.ss.nI, &e);
        double error = INFINITY;
        int it = 0;
        for (; !rc && it < 80 && !(error < 1e-20); it++)
            rc = davidson_iterate(&c.dav, &op, c.nbands, q->psi, q->P, c.ss.nI, q->eps, NULL, &error, &e);
        ok(rc == 0 && error < 1e-20, "%s, k = (%g, %g, %g): Davidson converged (residual %.1e after %d steps)%s%s",
           what, kf[0], kf[1], kf[2], error, it, rc ? ": " : "", rc ? e.msg : "");
        int nref = enumerate(kf, ecut, ref, cap);
        ok(pw->npw == nref, "%s, k = (%g, %g, %g): %d plane waves = the |k+G|^2/2 <= Ecut enumeration (%d)", what,
           kf[0], kf[1], kf[2], pw->npw, nref);
        double dmax = 0.0;
        for (int n = 0; n < c.nbands; n++) dmax = fmax(dmax, fabs(q->eps[n] - ref[n]));
        ok(dmax < 1e-8, "%s, k = (%g, %g, %g): %d eigenvalues = |k+G|^2/2 (max diff %.1e Ha)", what, kf[0], kf[1],
           kf[2], c.nbands, dmax);
        printf("# n, eps (eV), |k+G|^2/2 (eV)\n");
        for (int n = 0; n < c.nbands; n++)
            printf("#   %2d %12.6f %12.6f\n", n, q->eps[n] * HARTREE_EV, ref[n] * HARTREE_EV);
    }
    free(ref);
    calc_free(&c);
    plan_free(&pl);
    input_free(&in);
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    comm_ctx comm;
    if (ok(comm_init(&comm, MPI_COMM_WORLD) == 0, "comm")) {
        run_case(&comm, "2x1x1 grid", "[2, 1, 1]", "false", 1);
        run_case(&comm, "2x2x1 grid", "[2, 2, 1]", "false", 2);
    }
    MPI_Finalize();
    return tap_done();
}
