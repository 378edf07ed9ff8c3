/* Bader partition: vacuum, dispatch to a method, basins to atoms (bader.h). Also the
 * Voronoi cell of the grid lattice that the weight method needs. */
#include "bader/bader_internal.h"
#include "cell/vec3.h"
#include "cell/lattice.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


static void cross3(const double a[3], const double b[3], double c[3])
{
    c[0] = a[1] * b[2] - a[2] * b[1];
    c[1] = a[2] * b[0] - a[0] * b[2];
    c[2] = a[0] * b[1] - a[1] * b[0];
}

/* ---- Voronoi cell of the grid lattice ------------------------------------------- */

#define VOR_RANGE 3
#define VOR_NCAND ((2 * VOR_RANGE + 1) * (2 * VOR_RANGE + 1) * (2 * VOR_RANGE + 1) - 1)
#define VOR_MAXPOLY (VOR_NCAND + 8)

/* Area of the facet of the Voronoi cell on the bisector plane of R: a square in that
 * plane, larger than any facet, clipped by every other bisector half-space
 * x.R' <= |R'|^2/2 (Sutherland-Hodgman). Zero when the plane does not bound the cell. */
static double facet_area(const double R[3], const double (*cand)[3], int ncand, double half)
{
    double r = sqrt(vec3_dot(R, R)), n[3] = {R[0] / r, R[1] / r, R[2] / r};
    double t[3] = {1, 0, 0}, u[3], w[3];
    if (fabs(n[0]) > 0.6) t[0] = 0, t[1] = 1;
    cross3(n, t, u);
    double un = sqrt(vec3_dot(u, u));
    for (int x = 0; x < 3; x++) u[x] /= un;
    cross3(n, u, w);
    static const double sq[4][2] = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}};
    double poly[VOR_MAXPOLY][3], next[VOR_MAXPOLY][3];
    int np = 4;
    for (int v = 0; v < 4; v++)
        for (int x = 0; x < 3; x++) poly[v][x] = 0.5 * R[x] + half * (sq[v][0] * u[x] + sq[v][1] * w[x]);
    for (int c = 0; c < ncand && np > 0; c++) {
        const double *Q = cand[c];
        if (Q == R) continue;
        double q2 = 0.5 * vec3_dot(Q, Q), tol = 1e-12 * q2;
        int nn = 0;
        for (int v = 0; v < np; v++) {
            const double *a = poly[v], *b = poly[(v + 1) % np];
            double fa = vec3_dot(a, Q) - q2, fb = vec3_dot(b, Q) - q2;
            if (fa <= tol) memcpy(next[nn++], a, sizeof next[0]);
            if ((fa < -tol && fb > tol) || (fa > tol && fb < -tol)) {
                double s = fa / (fa - fb);
                for (int x = 0; x < 3; x++) next[nn][x] = a[x] + s * (b[x] - a[x]);
                nn++;
            }
        }
        np = nn;
        memcpy(poly, next, (size_t)np * sizeof poly[0]);
    }
    double area = 0;
    for (int v = 0; v < np; v++) {
        double c[3];
        cross3(poly[v], poly[(v + 1) % np], c);
        area += vec3_dot(c, n);
    }
    return 0.5 * fabs(area);
}

int bader_voronoi(const double axis[3][3], int max, int (*vect)[3], double *alpha)
{
    double cand[VOR_NCAND][3];
    int d[VOR_NCAND][3], nc = 0;
    double rmax2 = 0;
    for (int a = -VOR_RANGE; a <= VOR_RANGE; a++)
        for (int b = -VOR_RANGE; b <= VOR_RANGE; b++)
            for (int c = -VOR_RANGE; c <= VOR_RANGE; c++) {
                if (!a && !b && !c) continue;
                for (int x = 0; x < 3; x++) cand[nc][x] = a * axis[0][x] + b * axis[1][x] + c * axis[2][x];
                d[nc][0] = a, d[nc][1] = b, d[nc][2] = c;
                double r2 = vec3_dot(cand[nc], cand[nc]);
                if (r2 > rmax2) rmax2 = r2;
                nc++;
            }
    /* Facet areas relative to the largest one below 1e-8 are edges or corners (the
     * 12 edge neighbours of a cubic grid), not facets. */
    double area[VOR_NCAND], amax = 0;
    for (int c = 0; c < nc; c++) {
        area[c] = facet_area(cand[c], (const double(*)[3])cand, nc, 2 * sqrt(rmax2));
        if (area[c] > amax) amax = area[c];
    }
    int n = 0;
    for (int c = 0; c < nc && n < max; c++)
        if (area[c] > 1e-8 * amax) {
            memcpy(vect[n], d[c], sizeof vect[0]);
            alpha[n++] = area[c] / sqrt(vec3_dot(cand[c], cand[c]));
        }
    return n;
}

/* ---- Basins ---------------------------------------------------------------------- */

int bader_basins_add(bader_basins *b, long index)
{
    if (b->n == b->cap) {
        int cap = b->cap ? 2 * b->cap : 64;
        long *mi = realloc(b->max_index, cap * sizeof *mi);
        if (mi) b->max_index = mi;
        double *p = realloc(b->population, cap * sizeof *p);
        if (p) b->population = p;
        double *v = realloc(b->volume, cap * sizeof *v);
        if (v) b->volume = v;
        if (!mi || !p || !v) return -1;
        b->cap = cap;
    }
    b->max_index[b->n] = index;
    b->population[b->n] = b->volume[b->n] = 0;
    return b->n++;
}

void bader_basins_free(bader_basins *b)
{
    free(b->max_index), free(b->population), free(b->volume);
    memset(b, 0, sizeof *b);
}

double bader_voxel_volume(const bader_grid *g) { return fabs(lattice_volume(g->axis)); }

/* ---- Basins to atoms --------------------------------------------------------------- */

/* Minimum-image distance^2 between r and s: fractional difference wrapped along the
 * periodic axes, then the 27 neighbouring images tried (non-orthogonal cells). */
static double image_distance2(const double cell[3][3], const int pbc[3], const double r[3], const double s[3])
{
    double d[3] = {r[0] - s[0], r[1] - s[1], r[2] - s[2]}, f[3];
    lattice_to_fractional(cell, d, f);
    for (int x = 0; x < 3; x++)
        if (pbc[x]) f[x] -= floor(f[x] + 0.5);
    double best = INFINITY;
    for (int a = -1; a <= 1; a++)
        for (int b = -1; b <= 1; b++)
            for (int c = -1; c <= 1; c++) {
                int m[3] = {a, b, c};
                if ((!pbc[0] && a) || (!pbc[1] && b) || (!pbc[2] && c)) continue;
                double g[3], v[3];
                for (int x = 0; x < 3; x++) g[x] = f[x] + m[x];
                lattice_to_cartesian(cell, g, v);
                double r2 = vec3_dot(v, v);
                if (r2 < best) best = r2;
            }
    return best;
}

static void assign_to_atoms(const bader_grid *g, const bader_basins *b, int natoms, const double (*pos)[3],
                            bader_result *res)
{
    double cell[3][3];
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) cell[i][x] = g->n[i] * g->axis[i][x];
    for (int k = 0; k < b->n; k++) {
        long idx = b->max_index[k];
        int p[3] = {(int)(idx / ((long)g->n[1] * g->n[2])), (int)(idx / g->n[2] % g->n[1]), (int)(idx % g->n[2])};
        double r[3];
        for (int x = 0; x < 3; x++)
            r[x] = g->origin[x] + p[0] * g->axis[0][x] + p[1] * g->axis[1][x] + p[2] * g->axis[2][x];
        int best = 0;
        double dbest = INFINITY;
        for (int a = 0; a < natoms; a++) {
            double d2 = image_distance2(cell, g->pbc, r, pos[a]);
            if (d2 < dbest) dbest = d2, best = a;
        }
        res->population[best] += b->population[k];
        res->volume[best] += b->volume[k];
        double dist = sqrt(dbest);
        if (dist > res->max_distance) res->max_distance = dist;
        if (dist > 1.5) res->far_maxima++;
    }
}

/* ---- Entry point ----------------------------------------------------------------- */

int bader_partition(const bader_grid *g, const bader_options *opt, int natoms, const double (*pos)[3],
                    bader_result *res, err *e)
{
    memset(res, 0, sizeof *res);
    if (natoms < 1) return err_set(e, EXIT_BAD_INPUT, "bader: no atoms to give the basins to");
    for (int x = 0; x < 3; x++)
        if (g->n[x] < 2) return err_set(e, EXIT_BAD_INPUT, "bader: grid has %d point(s) along axis %d", g->n[x], x + 1);
    size_t np = (size_t)g->n[0] * g->n[1] * g->n[2];
    double dv = bader_voxel_volume(g);
    unsigned char *vac = NULL;
    res->natoms = natoms;
    res->population = calloc(natoms, sizeof *res->population);
    res->volume = calloc(natoms, sizeof *res->volume);
    if (opt->use_vacuum) vac = malloc(np);
    if (!res->population || !res->volume || (opt->use_vacuum && !vac)) goto oom;
    for (size_t i = 0; i < np; i++) res->total += g->rho[i] * dv;
    if (vac)
        for (size_t i = 0; i < np; i++) {
            vac[i] = g->rho[i] <= opt->vacuum;
            if (vac[i]) res->vacuum_charge += g->rho[i] * dv, res->nvacuum_points++;
        }
    res->vacuum_volume = res->nvacuum_points * dv;
    if ((size_t)res->nvacuum_points == np) {
        free(vac);
        bader_result_free(res);
        return err_set(e, EXIT_BAD_INPUT, "bader: every grid point is below the vacuum threshold %g electrons/bohr^3",
                       opt->vacuum);
    }
    bader_basins b = {0};
    int rc = opt->method == BADER_WEIGHT ? bader_weight_run(g, vac, &b, e) : bader_neargrid_run(g, vac, &b, e);
    free(vac);
    if (rc) {
        bader_basins_free(&b);
        bader_result_free(res);
        return -1;
    }
    res->nmaxima = b.n;
    assign_to_atoms(g, &b, natoms, pos, res);
    bader_basins_free(&b);
    return 0;
oom:
    free(vac);
    bader_result_free(res);
    return err_set(e, EXIT_RUN_FAILED, "bader: out of memory for %zu grid points", np);
}

void bader_result_free(bader_result *r)
{
    free(r->population), free(r->volume);
    r->population = r->volume = NULL;
}

const char *bader_method_name(bader_method m) { return m == BADER_WEIGHT ? "weight" : "near-grid"; }

int bader_method_parse(const char *name, bader_method *m)
{
    if (!strcmp(name, "weight")) return *m = BADER_WEIGHT, 0;
    if (!strcmp(name, "near-grid")) return *m = BADER_NEAR_GRID, 0;
    return -1;
}
