#include "hamiltonian/gradient.h"
#include "cell/vec3.h"

#include <math.h>
#include <string.h>

/* Central-difference weights s_k of the first derivative (Fornberg; GPAW's
 * fd_operators.derivatives). */
static const double stencil_s[3][3] = {
    {1.0 / 2.0, 0, 0}, {2.0 / 3.0, -1.0 / 12.0, 0}, {3.0 / 4.0, -3.0 / 20.0, 1.0 / 60.0}};

static void matvec_m(const double h[3][3], const int m[3], double out[3])
{
    for (int v = 0; v < 3; v++) out[v] = m[0] * h[0][v] + m[1] * h[1][v] + m[2] * h[2][v];
}

static int inverse3(const double a[3][3], double inv[3][3])
{
    double det = a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
                 a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
                 a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
    if (det == 0.0) return -1;
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
            inv[i][j] = (a[i1][j1] * a[i2][j2] - a[i1][j2] * a[i2][j1]) / det;
        }
    return 0;
}

/* Is M (offset in {-1,0,1}^3) a Voronoi-relevant neighbour of the grid lattice h?
 * Voronoi's criterion: +-h_M are the unique shortest vectors of the coset
 * h_M + 2L (Conway & Sloane, SPLAG ch. 21 sec. 2). Gives the same neighbours as
 * GPAW's scipy Voronoi of the 27 points (checked for cubic, orthorhombic, fcc,
 * hexagonal and triclinic grids). */
static int voronoi_relevant(const double h[3][3], const int m[3])
{
    double hm[3], u[3];
    matvec_m(h, m, hm);
    double len2 = vec3_dot(hm, hm);
    for (int a = -2; a <= 2; a++)
        for (int b = -2; b <= 2; b++)
            for (int c = -2; c <= 2; c++) {
                if ((!a && !b && !c) || (a == -m[0] && b == -m[1] && c == -m[2])) continue;
                int mw[3] = {m[0] + 2 * a, m[1] + 2 * b, m[2] + 2 * c};
                matvec_m(h, mw, u);
                if (vec3_dot(u, u) <= len2 * (1.0 + 1e-10)) return 0;
            }
    return 1;
}

/* Eigen-decomposition of a symmetric 3x3 matrix by cyclic Jacobi rotations:
 * a = V diag(lam) V^T, columns of V the eigenvectors. */
static void jacobi3(double a[3][3], double lam[3], double V[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) V[i][j] = (i == j);
    for (int sweep = 0; sweep < 50; sweep++) {
        double off = fabs(a[0][1]) + fabs(a[0][2]) + fabs(a[1][2]);
        if (off == 0.0) break;
        for (int p = 0; p < 2; p++)
            for (int q = p + 1; q < 3; q++) {
                if (a[p][q] == 0.0) continue;
                double theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                double t = (theta >= 0 ? 1.0 : -1.0) / (fabs(theta) + sqrt(theta * theta + 1.0));
                double c = 1.0 / sqrt(t * t + 1.0), s = t * c;
                for (int k = 0; k < 3; k++) {   /* a <- a J */
                    double akp = a[k][p], akq = a[k][q];
                    a[k][p] = c * akp - s * akq;
                    a[k][q] = s * akp + c * akq;
                }
                for (int k = 0; k < 3; k++) {   /* a <- J^T a */
                    double apk = a[p][k], aqk = a[q][k];
                    a[p][k] = c * apk - s * aqk;
                    a[q][k] = s * apk + c * aqk;
                }
                for (int k = 0; k < 3; k++) {
                    double vkp = V[k][p], vkq = V[k][q];
                    V[k][p] = c * vkp - s * vkq;
                    V[k][q] = s * vkp + c * vkq;
                }
            }
    }
    for (int i = 0; i < 3; i++) lam[i] = a[i][i];
}

/* Minimum-norm solution x (m unknowns) of A x = (1, 0, 0), A 3 x m:
 * x = A^T (A A^T)^+ e_1, the pseudo-inverse taken over the nonzero eigenvalues
 * (numpy's SVD solve in GPAW's Gradient). */
static void min_norm_solve(double A[3][7], int m, double x[7])
{
    double B[3][3], lam[3], V[3][3], y[3] = {0, 0, 0};
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            B[i][j] = 0.0;
            for (int k = 0; k < m; k++) B[i][j] += A[i][k] * A[j][k];
        }
    jacobi3(B, lam, V);
    double lmax = fmax(fabs(lam[0]), fmax(fabs(lam[1]), fabs(lam[2])));
    for (int k = 0; k < 3; k++) {   /* y = V diag(1/lam) V^T e_1 */
        if (fabs(lam[k]) <= 1e-13 * lmax) continue;
        for (int i = 0; i < 3; i++) y[i] += V[i][k] * V[0][k] / lam[k];
    }
    for (int k = 0; k < m; k++) x[k] = A[0][k] * y[0] + A[1][k] * y[1] + A[2][k] * y[2];
}

/* The neighbour offsets M_d (index > 13 in GPAW's 27-point order). Returns D. */
static int find_neighbours(const double h[3][3], int M[7][3])
{
    int D = 0;
    for (int i = 14; i < 27; i++) {
        int m[3] = {i / 9 - 1, (i / 3) % 3 - 1, i % 3 - 1};
        if (D < 7 && voronoi_relevant(h, m)) memcpy(M[D++], m, sizeof m);
    }
    return D;
}

/* Weights coef[c][d] of the derivative along the unit normal u_c. */
static void direction_weights(const double h[3][3], const double u[3][3], int M[7][3], int D,
                              double coef[3][7])
{
    double hd[7][3];
    for (int d = 0; d < D; d++) matvec_m(h, M[d], hd[d]);
    for (int c = 0; c < 3; c++) {
        double A[3][7], x[7];
        int idx[7], m = 0;
        for (int d = 0; d < D; d++) {
            coef[c][d] = 0.0;
            if (fabs(vec3_dot(hd[d], u[c])) <= 1e-10) continue;
            A[0][m] = vec3_dot(hd[d], u[c]);
            A[1][m] = vec3_dot(hd[d], h[(c + 2) % 3]);
            A[2][m] = vec3_dot(hd[d], h[(c + 1) % 3]);
            idx[m++] = d;
        }
        min_norm_solve(A, m, x);
        for (int k = 0; k < m; k++) coef[c][idx[k]] = x[k];
    }
}

int fd_gradient_init(fd_gradient *op, const fft_grid *g, int nn, err *e)
{
    memset(op, 0, sizeof *op);
    if (nn < 1 || nn > 3)
        return err_set(e, EXIT_INTERNAL, "gradient stencil range %d is not 1, 2 or 3", nn);
    for (int c = 0; c < 3; c++) {
        op->n[c] = g->n[c];
        if (g->n[c] < 2 * nn)
            return err_set(e, EXIT_INTERNAL, "grid axis %d has %d points, too few for a %d-point stencil",
                           c, g->n[c], 2 * nn);
    }
    double h[3][3], hinv[3][3], u[3][3], uinv[3][3], coef[3][7];
    for (int c = 0; c < 3; c++)
        for (int v = 0; v < 3; v++) h[c][v] = g->cell[c][v] / g->n[c];
    if (inverse3(h, hinv)) return err_set(e, EXIT_INTERNAL, "gradient: singular cell");
    for (int c = 0; c < 3; c++) {   /* u_c: column c of h^-1, normalised */
        double norm = sqrt(hinv[0][c] * hinv[0][c] + hinv[1][c] * hinv[1][c] + hinv[2][c] * hinv[2][c]);
        for (int v = 0; v < 3; v++) u[c][v] = hinv[v][c] / norm;
    }
    inverse3(u, uinv);
    int M[7][3];
    int D = find_neighbours(h, M);
    direction_weights(h, u, M, D, coef);
    for (int v = 0; v < 3; v++)
        for (int d = 0; d < D; d++) {
            double cd = uinv[v][0] * coef[0][d] + uinv[v][1] * coef[1][d] + uinv[v][2] * coef[2][d];
            if (fabs(cd) < 1e-10) continue;   /* GPAW drops these too */
            for (int sign = 1; sign >= -1; sign -= 2)
                for (int k = 1; k <= nn; k++) {
                    int p = op->npoints[v]++;
                    for (int x = 0; x < 3; x++) op->offset[v][p][x] = sign * k * M[d][x];
                    op->coef[v][p] = sign * cd * stencil_s[nn - 1][k - 1];
                }
        }
    return 0;
}

/* One stencil point added along a row: dst[i2] += c src[(i2 + o) mod n2]. */
static void add_shifted_row(double *dst, const double *src, int n2, int o, double c)
{
    int split = n2 - ((o % n2) + n2) % n2;   /* first i2 whose source wraps */
    int s0 = n2 - split;
    for (int i2 = 0; i2 < split; i2++) dst[i2] += c * src[i2 + s0];
    for (int i2 = split; i2 < n2; i2++) dst[i2] += c * src[i2 + s0 - n2];
}

void fd_gradient_apply(const fd_gradient *op, int v, const double *in, double *out)
{
    const int n0 = op->n[0], n1 = op->n[1], n2 = op->n[2];
    for (int i0 = 0; i0 < n0; i0++)
        for (int i1 = 0; i1 < n1; i1++) {
            double *dst = out + ((long)i0 * n1 + i1) * n2;
            memset(dst, 0, (size_t)n2 * sizeof *dst);
            for (int p = 0; p < op->npoints[v]; p++) {
                const int *o = op->offset[v][p];
                int j0 = (i0 + o[0] + n0) % n0, j1 = (i1 + o[1] + n1) % n1;
                add_shifted_row(dst, in + ((long)j0 * n1 + j1) * n2, n2, o[2], op->coef[v][p]);
            }
        }
}

void fd_gradient_apply_slab(const fd_gradient *op, int v, const double *in, int width, int n0l, double *out)
{
    const int n1 = op->n[1], n2 = op->n[2];
    for (int i0 = 0; i0 < n0l; i0++)
        for (int i1 = 0; i1 < n1; i1++) {
            double *dst = out + ((long)i0 * n1 + i1) * n2;
            memset(dst, 0, (size_t)n2 * sizeof *dst);
            for (int p = 0; p < op->npoints[v]; p++) {
                const int *o = op->offset[v][p];
                int j0 = i0 + width + o[0], j1 = (i1 + o[1] + n1) % n1;
                add_shifted_row(dst, in + ((long)j0 * n1 + j1) * n2, n2, o[2], op->coef[v][p]);
            }
        }
}

int fd_gradient_range0(const fd_gradient *op)
{
    int r = 0;
    for (int v = 0; v < 3; v++)
        for (int p = 0; p < op->npoints[v]; p++) {
            int o = op->offset[v][p][0] < 0 ? -op->offset[v][p][0] : op->offset[v][p][0];
            if (o > r) r = o;
        }
    return r;
}
