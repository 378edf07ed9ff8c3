#include "cell/symmetry.h"
#include "cell/lattice.h"
#include "core/mem.h"
#include "math/ylm.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The k-th of GPAW's 3^9 candidates: U[r][c] = 1 - digit_{3r+c}(k), digit 0 the most
 * significant base-3 digit (np.indices([3]*9) reshaped to (3, 3, 3^9)). */
static void candidate(int k, int U[3][3])
{
    for (int d = 8; d >= 0; d--, k /= 3) U[d / 3][d % 3] = 1 - k % 3;
}

/* Σ_ij |(U g U^T - g)_ij| <= tol and no periodic/non-periodic axes mixed. */
static int keeps_lattice(const int U[3][3], const double g[3][3], const int pbc[3], double tol)
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            if (U[i][j] && (!pbc[i] != !pbc[j])) return 0;
    double dev = 0.0;
    for (int i = 0; i < 3; i++)
        for (int l = 0; l < 3; l++) {
            double m = 0.0;
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) m += U[i][j] * g[j][k] * U[l][k];
            dev += fabs(m - g[i][l]);
        }
    return dev <= tol;
}

/* GPAW's check_one_symmetry with ft = 0: fills a_a, or returns 0 if some atom has no
 * image; -1 if an atom has two images (atoms on top of each other). */
static int maps_atoms(const int U[3][3], int natoms, const int *id_a, const double (*spos)[3], double tol, int *a_a)
{
    for (int a = 0; a < natoms; a++) {
        double r[3];
        for (int c = 0; c < 3; c++) r[c] = spos[a][0] * U[0][c] + spos[a][1] * U[1][c] + spos[a][2] * U[2][c];
        int found = -1, count = 0;
        for (int b = 0; b < natoms; b++) {
            if (id_a[b] != id_a[a]) continue;
            double worst = 0.0;
            for (int c = 0; c < 3; c++) {
                double d = r[c] - spos[b][c];
                d -= round(d);
                if (fabs(d) > worst) worst = fabs(d);
            }
            if (worst < tol) found = b, count++;
        }
        if (count > 1) return -1;
        if (count == 0) return 0;
        a_a[a] = found;
    }
    return 1;
}

int symmetry_analyze(symmetry *sym, const double cell[3][3], const int pbc[3], int natoms, const int *id_a,
                     const double (*spos)[3], int point_group, int time_reversal, double tol, err *e)
{
    memset(sym, 0, sizeof *sym);
    memcpy(sym->cell, cell, sizeof sym->cell);
    sym->natoms = natoms;
    sym->point_group = point_group;
    sym->time_reversal = time_reversal;
    double g[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) g[i][j] = cell[i][0] * cell[j][0] + cell[i][1] * cell[j][1] + cell[i][2] * cell[j][2];
    int cap = 48, n = 0;
    sym->op = xmalloc(cap * sizeof *sym->op);
    sym->a_sa = xmalloc((size_t)cap * (natoms > 0 ? natoms : 1) * sizeof *sym->a_sa);
    for (int k = 0; k < 19683; k++) {
        int U[3][3];
        candidate(k, U);
        int identity = 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) identity &= U[i][j] == (i == j);
        if (!point_group && !identity) continue;
        if (!keeps_lattice(U, g, pbc, tol)) continue;
        if (n == cap) {
            cap *= 2;
            sym->op = xrealloc(sym->op, cap * sizeof *sym->op);
            sym->a_sa = xrealloc(sym->a_sa, (size_t)cap * (natoms > 0 ? natoms : 1) * sizeof *sym->a_sa);
        }
        int rc = maps_atoms(U, natoms, id_a, spos, tol, sym->a_sa + (size_t)n * natoms);
        if (rc < 0) {
            symmetry_free(sym);
            return err_set(e, EXIT_BAD_INPUT, "symmetry: two atoms of one kind on the same point (tolerance %g)", tol);
        }
        if (rc == 0) continue;
        memcpy(sym->op[n], U, sizeof sym->op[n]);
        int inv = 1;
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) inv &= U[i][j] == -(i == j);
        sym->has_inversion |= inv;
        n++;
    }
    sym->nsym = n;
    return 0;
}

void symmetry_free(symmetry *sym)
{
    free(sym->op);
    free(sym->a_sa);
    memset(sym, 0, sizeof *sym);
}

void symmetry_atom_kinds(int natoms, const int *z, const double *magmoms, int *id_a)
{
    long *key = xmalloc((natoms > 0 ? natoms : 1) * sizeof *key);
    int nkind = 0;
    for (int a = 0; a < natoms; a++) {
        long m = magmoms ? lround(magmoms[a] * 1000.0) : 0;
        key[a] = (long)z[a] * 1000000L + m;   /* |m| <= 10 mu_B: 10^4 < 10^6 */
        id_a[a] = -1;
        for (int b = 0; b < a && id_a[a] < 0; b++)
            if (key[b] == key[a]) id_a[a] = id_a[b];
        if (id_a[a] < 0) id_a[a] = nkind++;
    }
    free(key);
}

/* Inverse of a 3x3 matrix (rows). */
static void inverse3(const double m[3][3], double inv[3][3])
{
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                 m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
            inv[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
        }
}

void symmetry_cartesian(const symmetry *sym, int s, double U_vv[3][3])
{
    double ainv[3][3];
    inverse3(sym->cell, ainv);
    for (int v = 0; v < 3; v++)
        for (int w = 0; w < 3; w++) {
            double x = 0.0;
            for (int c = 0; c < 3; c++)
                for (int d = 0; d < 3; d++) x += ainv[v][c] * sym->op[s][c][d] * sym->cell[d][w];
            U_vv[v][w] = x;
        }
}

int symmetry_check_grid(const symmetry *sym, const int n[3])
{
    for (int s = 0; s < sym->nsym; s++)
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if ((sym->op[s][i][j] * n[j]) % n[i]) return 0;
    return 1;
}

int symmetry_fit_grid(const symmetry *sym, int n[3])
{
    int changed = 0;
    for (int pass = 0; pass < 3; pass++)
        for (int s = 0; s < sym->nsym; s++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    if (i != j && sym->op[s][i][j] && n[i] != n[j]) {
                        int m = n[i] > n[j] ? n[i] : n[j];
                        n[i] = n[j] = m;
                        changed = 1;
                    }
    return changed;
}

/* GPAW's sphere_lm (gpaw/rotation.py): 2l+1 points on the unit sphere per l. */
static void sphere_point(int l, int m, double p[3])
{
    const double s = sqrt(0.5), t = sqrt(3.0) / 3.0;
    static const double one[1][3] = {{1, 0, 0}};
    static const double pl[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    const double d[5][3] = {{s, s, 0}, {0, s, s}, {s, 0, s}, {1, 0, 0}, {0, 0, 1}};
    const double f[7][3] = {{s, s, 0}, {0, s, s}, {s, 0, s}, {1, 0, 0}, {s, -s, 0}, {t, -t, t}, {t, t, -t}};
    const double *q = l == 0 ? one[m] : l == 1 ? pl[m] : l == 2 ? d[m] : f[m];
    memcpy(p, q, 3 * sizeof *p);
}

/* Y_mm[m1][m2] = Y_{l m2}(p_m1 U) for the points of sphere_point (GPAW's Y_matrix). */
static void y_matrix(int l, const double U[3][3], double *Y)
{
    int nm = 2 * l + 1;
    double all[16];
    for (int m1 = 0; m1 < nm; m1++) {
        double p[3], q[3];
        sphere_point(l, m1, p);
        for (int w = 0; w < 3; w++) q[w] = p[0] * U[0][w] + p[1] * U[1][w] + p[2] * U[2][w];
        rlylm_real(l, q, all);
        for (int m2 = 0; m2 < nm; m2++) Y[m1 * nm + m2] = all[l * l + m2];
    }
}

/* Solves A X = B in place (A n x n, B n x n; Gauss-Jordan with partial pivoting). */
static void solve_small(int n, double *A, double *B)
{
    for (int c = 0; c < n; c++) {
        int p = c;
        for (int r = c + 1; r < n; r++)
            if (fabs(A[r * n + c]) > fabs(A[p * n + c])) p = r;
        for (int k = 0; k < n; k++) {
            double t = A[c * n + k]; A[c * n + k] = A[p * n + k]; A[p * n + k] = t;
            t = B[c * n + k]; B[c * n + k] = B[p * n + k]; B[p * n + k] = t;
        }
        for (int r = 0; r < n; r++) {
            if (r == c) continue;
            double f = A[r * n + c] / A[c * n + c];
            for (int k = 0; k < n; k++) A[r * n + k] -= f * A[c * n + k], B[r * n + k] -= f * B[c * n + k];
        }
    }
    for (int r = 0; r < n; r++)
        for (int k = 0; k < n; k++) B[r * n + k] /= A[r * n + r];
}

int symmetry_ylm_rotation(int l, const double U_vv[3][3], double *R)
{
    if (l < 0 || l > 3) return -1;
    static const double I[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    double Y0[49];
    y_matrix(l, I, Y0);
    y_matrix(l, U_vv, R);
    solve_small(2 * l + 1, Y0, R);   /* R = Y0^-1 Y(U) */
    return 0;
}

void symmetry_symmetrize_forces(const symmetry *sym, double (*F)[3], double (*work)[3])
{
    int na = sym->natoms;
    if (sym->nsym <= 1 || na == 0) return;
    double (*acc)[3] = work ? work : xmalloc(na * sizeof *acc);
    memset(acc, 0, na * sizeof *acc);
    for (int s = 0; s < sym->nsym; s++) {
        double U[3][3];
        symmetry_cartesian(sym, s, U);
        for (int a = 0; a < na; a++) {
            int b = sym->a_sa[(size_t)s * na + a];
            for (int w = 0; w < 3; w++) acc[b][w] += F[a][0] * U[0][w] + F[a][1] * U[1][w] + F[a][2] * U[2][w];
        }
    }
    for (int a = 0; a < na; a++)
        for (int w = 0; w < 3; w++) F[a][w] = acc[a][w] / sym->nsym;
    if (!work) free(acc);
}
