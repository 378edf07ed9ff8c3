/* Bader partition (src/bader/bader.h) on analytic densities: Voronoi cells of three grid
 * lattices (facet count, pyramid sum rule), symmetric atoms get equal populations in
 * orthogonal and non-orthogonal periodic cells and in a non-periodic box, populations
 * add up, the vacuum volume of a Gaussian matches the sphere outside its threshold
 * radius, both methods agree with each other on a smooth two-centre density. The
 * comparison with the Henkelman group's program is tests/cli/bader_lif.sh. */
#include "bader/bader.h"
#include "bader/bader_internal.h"
#include "cell/lattice.h"
#include "tap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Sum over facets of the pyramids (1/3) A (|R|/2) = voxel volume, i.e.
 * sum alpha |R|^2 / 6 = V for alpha = A/|R|. */
static void check_voronoi(const char *name, const double axis[3][3], int want)
{
    int vect[32][3];
    double alpha[32];
    int n = bader_voronoi(axis, 32, vect, alpha);
    double s = 0;
    for (int v = 0; v < n; v++) {
        double r[3];
        for (int x = 0; x < 3; x++) r[x] = vect[v][0] * axis[0][x] + vect[v][1] * axis[1][x] + vect[v][2] * axis[2][x];
        s += alpha[v] * (r[0] * r[0] + r[1] * r[1] + r[2] * r[2]) / 6;
    }
    ok(n == want, "%s: %d Voronoi facets (want %d)", name, n, want);
    near(s, fabs(lattice_volume(axis)), 1e-10 * fabs(lattice_volume(axis)), "%s: pyramids fill the voxel", name);
}

/* rho = sum_a q_a (w_a/pi)^{3/2} exp(-w_a |r - R_a|^2), nearest images along periodic axes. */
static double *gaussians(const bader_grid *g, int na, const double (*pos)[3], const double *q, const double *w)
{
    size_t np = (size_t)g->n[0] * g->n[1] * g->n[2];
    double *rho = malloc(np * sizeof *rho), cell[3][3];
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) cell[i][x] = g->n[i] * g->axis[i][x];
    for (int i = 0; i < g->n[0]; i++)
        for (int j = 0; j < g->n[1]; j++)
            for (int k = 0; k < g->n[2]; k++) {
                double r[3], s = 0;
                for (int x = 0; x < 3; x++) r[x] = g->origin[x] + i * g->axis[0][x] + j * g->axis[1][x] + k * g->axis[2][x];
                for (int a = 0; a < na; a++)
                    for (int m0 = -1; m0 <= 1; m0++)
                        for (int m1 = -1; m1 <= 1; m1++)
                            for (int m2 = -1; m2 <= 1; m2++) {
                                if ((!g->pbc[0] && m0) || (!g->pbc[1] && m1) || (!g->pbc[2] && m2)) continue;
                                double d2 = 0;
                                for (int x = 0; x < 3; x++) {
                                    double d = r[x] - pos[a][x] - m0 * cell[0][x] - m1 * cell[1][x] - m2 * cell[2][x];
                                    d2 += d * d;
                                }
                                s += q[a] * pow(w[a] / M_PI, 1.5) * exp(-w[a] * d2);
                            }
                rho[((size_t)i * g->n[1] + j) * g->n[2] + k] = s;
            }
    return rho;
}

static void set_grid(bader_grid *g, const double cell[3][3], int n0, int n1, int n2, int pbc)
{
    memset(g, 0, sizeof *g);
    g->n[0] = n0, g->n[1] = n1, g->n[2] = n2;
    for (int i = 0; i < 3; i++) {
        g->pbc[i] = pbc;
        for (int x = 0; x < 3; x++) g->axis[i][x] = cell[i][x] / g->n[i];
    }
}

/* Two equal atoms related by a symmetry of the grid: equal populations, summing to all. */
static void check_pair(const char *name, const bader_grid *g, const double (*pos)[3], bader_method m, double tol)
{
    double q[2] = {3, 3}, w[2] = {1.2, 1.2};
    double *rho = gaussians(g, 2, pos, q, w);
    bader_grid gg = *g;
    gg.rho = rho;
    bader_options opt = {.method = m};
    bader_result res;
    err e = {0};
    int rc = bader_partition(&gg, &opt, 2, pos, &res, &e);
    ok(rc == 0, "%s %s: runs %s", name, bader_method_name(m), e.msg);
    if (!rc) {
        near(res.population[0], res.population[1], tol, "%s %s: symmetric atoms equal", name, bader_method_name(m));
        near(res.population[0] + res.population[1], res.total, 1e-10, "%s %s: populations sum to the integral", name,
             bader_method_name(m));
        near(res.total, 6, 2e-3, "%s %s: density integrates to 6", name, bader_method_name(m));
        ok(res.nmaxima == 2, "%s %s: two maxima (%d)", name, bader_method_name(m), res.nmaxima);
        bader_result_free(&res);
    }
    free(rho);
}

int main(void)
{
    double cubic[3][3] = {{0.2, 0, 0}, {0, 0.2, 0}, {0, 0, 0.2}};
    double fcc[3][3] = {{0, 0.1, 0.1}, {0.1, 0, 0.1}, {0.1, 0.1, 0}};
    double hex[3][3] = {{0.2, 0, 0}, {-0.1, 0.1 * sqrt(3.0), 0}, {0, 0, 0.3}};
    check_voronoi("cubic voxels", cubic, 6);
    check_voronoi("fcc voxels", fcc, 12);
    check_voronoi("hexagonal voxels", hex, 8);

    /* Atom pairs related by inversion through a point halfway between grid points (no
     * grid point is its own image, so no ties decide the result): orthorhombic and
     * hexagonal (non-orthogonal) periodic cells, a non-periodic box. */
    double box[3][3] = {{10, 0, 0}, {0, 8, 0}, {0, 0, 8}};
    double a = 6, c = 7;
    double hcell[3][3] = {{a, 0, 0}, {-a / 2, a * sqrt(3.0) / 2, 0}, {0, 0, c}};
    bader_grid g;
    for (int cs = 0; cs < 3; cs++) {
        const char *name = cs == 0 ? "orthorhombic" : cs == 1 ? "hexagonal" : "non-periodic";
        set_grid(&g, cs == 1 ? hcell : box, cs == 1 ? 30 : 40, cs == 1 ? 30 : 32, cs == 1 ? 35 : 32, cs != 2);
        double fc[3] = {0.5 * (g.n[0] - 1), 0.5 * (g.n[1] - 1), 0.5 * (g.n[2] - 1)}, centre[3];
        for (int x = 0; x < 3; x++) centre[x] = fc[0] * g.axis[0][x] + fc[1] * g.axis[1][x] + fc[2] * g.axis[2][x];
        double d[3] = {cs == 2 ? 2.6 : 1.5, 0.37, -0.21}, pos[2][3];
        for (int x = 0; x < 3; x++) pos[0][x] = centre[x] + d[x], pos[1][x] = centre[x] - d[x];
        check_pair(name, &g, (const double(*)[3])pos, BADER_WEIGHT, 1e-9);
        check_pair(name, &g, (const double(*)[3])pos, BADER_NEAR_GRID, 2e-3);
    }

    /* vacuum: one Gaussian, threshold t: the vacuum is the box outside the sphere
     * rho(r) = t, r_t^2 = ln(q (w/pi)^1.5 / t) / w */
    {
        set_grid(&g, box, 50, 40, 40, 1);
        double p1[1][3] = {{5, 4, 4}}, q = 8, w = 1.0;
        double *rho = gaussians(&g, 1, (const double(*)[3])p1, &q, &w);
        g.rho = rho;
        double t = 1e-3, rt = sqrt(log(q * pow(w / M_PI, 1.5) / t) / w);
        bader_options opt = {.method = BADER_WEIGHT, .use_vacuum = 1, .vacuum = t};
        bader_result res;
        err e = {0};
        ok(bader_partition(&g, &opt, 1, (const double(*)[3])p1, &res, &e) == 0, "vacuum: runs");
        double vsphere = 4.0 / 3 * M_PI * rt * rt * rt;
        near(res.volume[0], vsphere, 0.02 * vsphere, "vacuum: atom volume = sphere inside the threshold");
        near(res.vacuum_volume + res.volume[0], 640, 1e-9, "vacuum: volumes fill the box");
        near(res.population[0] + res.vacuum_charge, res.total, 1e-10, "vacuum: populations + vacuum = integral");
        /* charge outside r_t of a normalised Gaussian: erfc(x) + 2x exp(-x^2)/sqrt(pi), x = sqrt(w) r_t */
        double x = sqrt(w) * rt, outside = q * (erfc(x) + 2 * x * exp(-x * x) / sqrt(M_PI));
        near(res.vacuum_charge, outside, 0.05 * outside + 1e-4, "vacuum: charge outside the sphere");
        bader_result_free(&res);
        opt.vacuum = 1e3;
        ok(bader_partition(&g, &opt, 1, (const double(*)[3])p1, &res, &e) != 0 && e.status == EXIT_BAD_INPUT,
           "all-vacuum grid is an error: %s", e.msg);
        free(rho);
    }

    /* two different atoms: the two methods agree on a smooth density */
    {
        set_grid(&g, box, 50, 40, 40, 1);
        double p[2][3] = {{3.7, 4.1, 3.9}, {6.1, 3.8, 4.2}}, q[2] = {5, 2}, w[2] = {1.5, 0.8};
        double *rho = gaussians(&g, 2, (const double(*)[3])p, q, w);
        g.rho = rho;
        bader_result rw, rn;
        err e = {0};
        bader_options ow = {.method = BADER_WEIGHT}, on = {.method = BADER_NEAR_GRID};
        ok(!bader_partition(&g, &ow, 2, (const double(*)[3])p, &rw, &e) &&
               !bader_partition(&g, &on, 2, (const double(*)[3])p, &rn, &e),
           "unequal pair: both methods run");
        near(rw.population[1], rn.population[1], 0.02, "unequal pair: weight and near-grid within 0.02 e");
        ok(rw.population[0] > 5 && rw.population[1] < 2, "unequal pair: the tighter atom takes charge (%.4f, %.4f)",
           rw.population[0], rw.population[1]);
        bader_result_free(&rw), bader_result_free(&rn);
        free(rho);
    }

    /* bad input */
    {
        err e = {0};
        bader_result res;
        bader_options opt = {0};
        set_grid(&g, box, 1, 4, 4, 1);
        double dummy = 1, p[1][3] = {{0, 0, 0}};
        g.rho = &dummy;
        ok(bader_partition(&g, &opt, 1, (const double(*)[3])p, &res, &e) != 0 && e.status == EXIT_BAD_INPUT,
           "one-point axis refused: %s", e.msg);
        bader_method m;
        ok(bader_method_parse("on-grid", &m) != 0 && bader_method_parse("near-grid", &m) == 0 &&
               m == BADER_NEAR_GRID,
           "method names");
    }
    return tap_done();
}
