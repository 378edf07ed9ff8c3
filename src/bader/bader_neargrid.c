/* The near-grid method of Tang, Sanville & Henkelman, J. Phys.: Condens. Matter 21,
 * 084204 (2009), as the Henkelman group's bader_mod.f90 runs it by default.
 *
 * Ascent path from each unassigned point: at p the gradient in grid-index units is
 *     d = (A A^T)^{-1} g,   g_i = (rho(p + e_i) - rho(p - e_i)) / 2
 * (A: rows the voxel vectors; g_i = 0 when both neighbours along i are lower), scaled so
 * that max|d_i| = 1. The path steps to the nearest grid point p + round(d) and carries
 * the remainder dr += d - round(d), taking an extra step round(dr) when it exceeds half
 * a grid spacing: the path follows the true gradient direction, not the grid's. Where the
 * gradient vanishes, or the step would revisit the path, it takes the on-grid step to
 * the neighbour of largest (rho_j - rho_p)/|R_j|. A path ends at a maximum (a new basin
 * if unassigned) or at a point known to be inside a basin (all six neighbours in it);
 * every point on it joins that basin.
 * Then the edges are refined: points with a neighbour (of 26) in another basin are
 * walked again, only they are reassigned, and the neighbours of every point that
 * changed basin are walked in the next round, until no point changes. */
#include "bader/bader_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum { ON_PATH = 1, KNOWN = 2, CHANGED = 4 };
#define VACUUM_VOL (-2147483647 - 1)

typedef struct {
    const bader_grid *g;
    const unsigned char *vac;
    int *vol;                  /* basin+1; negative: to be walked again; 0: unassigned */
    unsigned char *known;
    long *path;
    size_t npath, cap;
    double minv[3][3];         /* (A A^T)^{-1} */
    double inv_dist[27];       /* 1/|d1 v1 + d2 v2 + d3 v3| for the 26 offsets */
} walker;

static int offs[27][3];

static void index_ijk(const bader_grid *g, long idx, int p[3])
{
    p[0] = (int)(idx / ((long)g->n[1] * g->n[2]));
    p[1] = (int)(idx / g->n[2] % g->n[1]);
    p[2] = (int)(idx % g->n[2]);
}

static int is_max(const walker *w, long idx)
{
    int p[3];
    index_ijk(w->g, idx, p);
    double r = w->g->rho[idx];
    for (int o = 0; o < 27; o++) {
        long q = bader_neighbour(w->g, p[0], p[1], p[2], offs[o]);
        if (q >= 0 && w->g->rho[q] > r) return 0;
    }
    return 1;
}

/* On-grid step: the neighbour of steepest ascent (rho_j - rho_p)/|R_j|, or p itself. */
static long step_ongrid(const walker *w, long idx)
{
    int p[3];
    index_ijk(w->g, idx, p);
    double r = w->g->rho[idx], best = r;
    long to = idx;
    for (int o = 0; o < 27; o++) {
        long q = bader_neighbour(w->g, p[0], p[1], p[2], offs[o]);
        if (q < 0) continue;
        double s = r + (w->g->rho[q] - r) * w->inv_dist[o];
        if (s > best) best = s, to = q;
    }
    return to;
}

/* One near-grid step from idx; dr carries the off-grid remainder. */
static long step_neargrid(walker *w, long idx, double dr[3])
{
    const bader_grid *g = w->g;
    int p[3];
    index_ijk(g, idx, p);
    double r = g->rho[idx], gl[3], d[3];
    for (int x = 0; x < 3; x++) {
        int e[3] = {0, 0, 0};
        e[x] = 1;
        long qp = bader_neighbour(g, p[0], p[1], p[2], e);
        e[x] = -1;
        long qm = bader_neighbour(g, p[0], p[1], p[2], e);
        double rp = qp >= 0 ? g->rho[qp] : r, rm = qm >= 0 ? g->rho[qm] : r;
        gl[x] = (rp < r && rm < r) ? 0 : 0.5 * (rp - rm);
    }
    double dmax = 0;
    for (int x = 0; x < 3; x++) {
        d[x] = w->minv[x][0] * gl[0] + w->minv[x][1] * gl[1] + w->minv[x][2] * gl[2];
        if (fabs(d[x]) > dmax) dmax = fabs(d[x]);
    }
    long to;
    if (dmax < 1e-30) {
        memset(dr, 0, 3 * sizeof *dr);
        if (is_max(w, idx)) return idx;
        to = step_ongrid(w, idx);
    } else {
        int m[3];
        for (int x = 0; x < 3; x++) {
            d[x] /= dmax;
            double s = round(d[x]);
            dr[x] += d[x] - s;
            double c = round(dr[x]);
            dr[x] -= c;
            m[x] = (int)(s + c);
        }
        to = bader_neighbour(g, p[0], p[1], p[2], m);
    }
    w->known[idx] |= ON_PATH;
    if (to < 0 || (w->known[to] & ON_PATH) || (w->vac && w->vac[to])) {
        to = step_ongrid(w, idx);
        memset(dr, 0, 3 * sizeof *dr);
    }
    return to;
}

static int path_push(walker *w, long idx)
{
    if (w->npath == w->cap) {
        size_t cap = 2 * w->cap + 256;
        long *p = realloc(w->path, cap * sizeof *p);
        if (!p) return -1;
        w->path = p, w->cap = cap;
    }
    w->path[w->npath++] = idx;
    return 0;
}

/* Walks from idx to a maximum or a known interior point; the path is in w->path.
 * Returns the end point, or -1 when memory runs out. */
static long walk(walker *w, long idx)
{
    double dr[3] = {0, 0, 0};
    w->npath = 0;
    if (path_push(w, idx)) return -1;
    for (;;) {
        long to = step_neargrid(w, idx, dr);
        if (to == idx) break;
        if (path_push(w, to)) return -1;
        idx = to;
        if (w->known[idx] & KNOWN) break;
    }
    for (size_t s = 0; s < w->npath; s++) w->known[w->path[s]] &= (unsigned char)~ON_PATH;
    return idx;
}

/* Marks q KNOWN when it and its six face neighbours lie in the same basin. */
static void check_known(walker *w, long q)
{
    int v = w->vol[q];
    if (v <= 0) return;
    int p[3];
    index_ijk(w->g, q, p);
    for (int x = 0; x < 3; x++)
        for (int s = -1; s <= 1; s += 2) {
            int e[3] = {0, 0, 0};
            e[x] = s;
            long n = bader_neighbour(w->g, p[0], p[1], p[2], e);
            if (n >= 0 && w->vol[n] != v) return;
        }
    w->known[q] |= KNOWN;
}

static int first_pass(walker *w, bader_basins *b)
{
    const bader_grid *g = w->g;
    long np = (long)g->n[0] * g->n[1] * g->n[2];
    for (long i = 0; i < np; i++) {
        if (w->vol[i] != 0) continue;
        long end = walk(w, i);
        if (end < 0) return -1;
        int v = w->vol[end];
        if (v <= 0) {
            int nb = bader_basins_add(b, end);
            if (nb < 0) return -1;
            v = nb + 1;
        }
        for (size_t s = 0; s < w->npath; s++) w->vol[w->path[s]] = v;
        for (size_t s = 0; s < w->npath; s++) {
            int p[3];
            index_ijk(g, w->path[s], p);
            for (int o = 0; o < 27; o++) {
                int nz = !!offs[o][0] + !!offs[o][1] + !!offs[o][2];
                if (nz != 1) continue;
                long q = bader_neighbour(g, p[0], p[1], p[2], offs[o]);
                if (q >= 0 && !(w->known[q] & KNOWN)) check_known(w, q);
            }
        }
    }
    return 0;
}

/* Visits the 26 neighbours of idx that exist and are not vacuum. */
#define FOR_NEIGHBOURS(w, idx, q)                                                       \
    int p_[3];                                                                           \
    index_ijk((w)->g, (idx), p_);                                                        \
    for (int o_ = 0; o_ < 27; o_++)                                                      \
        for (long q = bader_neighbour((w)->g, p_[0], p_[1], p_[2], offs[o_]); q >= 0; q = -1) \
            if ((w)->vol[q] != VACUUM_VOL)

static int is_edge(const walker *w, long idx)
{
    int v = abs(w->vol[idx]);
    FOR_NEIGHBOURS(w, idx, q) if (abs(w->vol[q]) != v) return 1;
    return 0;
}

/* Clears KNOWN around every point to be walked again, so their paths cannot stop on a
 * stale interior mark. */
static void forget_around_negatives(walker *w, long np)
{
    for (long i = 0; i < np; i++)
        if (w->vol[i] < 0 && w->vol[i] != VACUUM_VOL) {
            w->known[i] &= (unsigned char)~KNOWN;
            FOR_NEIGHBOURS(w, i, q) w->known[q] &= (unsigned char)~KNOWN;
        }
}

/* Walks every negative point again; returns how many changed basin (marked CHANGED), or
 * -1 (memory). */
static long reassign(walker *w, long np)
{
    long changed = 0;
    for (long i = 0; i < np; i++) {
        if (w->vol[i] >= 0 || w->vol[i] == VACUUM_VOL) continue;
        long end = walk(w, i);
        if (end < 0) return -1;
        int old = -w->vol[i], v = w->vol[end] == VACUUM_VOL ? 0 : abs(w->vol[end]);
        if (end == i || v == 0) v = old;
        w->vol[i] = v;
        if (v != old) w->known[i] |= CHANGED, changed++;
    }
    return changed;
}

static int refine_edges(walker *w)
{
    long np = (long)w->g->n[0] * w->g->n[1] * w->g->n[2];
    for (long i = 0; i < np; i++)
        if (w->vol[i] > 0 && is_edge(w, i) && !is_max(w, i)) w->vol[i] = -w->vol[i];
    for (int round = 0; round < 1000; round++) {
        forget_around_negatives(w, np);
        long changed = reassign(w, np);
        if (changed < 0) return -1;
        if (changed == 0) break;
        for (long i = 0; i < np; i++) {
            if (!(w->known[i] & CHANGED)) continue;
            w->known[i] &= (unsigned char)~CHANGED;
            FOR_NEIGHBOURS(w, i, q) if (w->vol[q] > 0 && !is_max(w, q)) w->vol[q] = -w->vol[q];
        }
    }
    return 0;
}

static void setup_walker(walker *w)
{
    const bader_grid *g = w->g;
    int o = 0;
    for (int a = -1; a <= 1; a++)
        for (int b = -1; b <= 1; b++)
            for (int c = -1; c <= 1; c++) {
                offs[o][0] = a, offs[o][1] = b, offs[o][2] = c;
                double r[3];
                for (int x = 0; x < 3; x++) r[x] = a * g->axis[0][x] + b * g->axis[1][x] + c * g->axis[2][x];
                double len = sqrt(r[0] * r[0] + r[1] * r[1] + r[2] * r[2]);
                w->inv_dist[o++] = len > 0 ? 1 / len : 0;
            }
    double m[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++)
            m[i][j] = g->axis[i][0] * g->axis[j][0] + g->axis[i][1] * g->axis[j][1] + g->axis[i][2] * g->axis[j][2];
    double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) +
                 m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            int i1 = (j + 1) % 3, i2 = (j + 2) % 3, j1 = (i + 1) % 3, j2 = (i + 2) % 3;
            w->minv[i][j] = (m[i1][j1] * m[i2][j2] - m[i1][j2] * m[i2][j1]) / det;
        }
}

int bader_neargrid_run(const bader_grid *g, const unsigned char *vac, bader_basins *b, err *e)
{
    size_t np = (size_t)g->n[0] * g->n[1] * g->n[2];
    walker w = {.g = g, .vac = vac};
    w.vol = calloc(np, sizeof *w.vol);
    w.known = calloc(np, 1);
    int rc = -1;
    if (!w.vol || !w.known) goto done;
    setup_walker(&w);
    if (vac)
        for (size_t i = 0; i < np; i++)
            if (vac[i]) w.vol[i] = VACUUM_VOL;
    if (first_pass(&w, b) || refine_edges(&w)) goto done;
    double dv = bader_voxel_volume(g);
    for (size_t i = 0; i < np; i++) {
        if (w.vol[i] == VACUUM_VOL) continue;
        int k = abs(w.vol[i]) - 1;
        b->population[k] += g->rho[i] * dv;
        b->volume[k] += dv;
    }
    rc = 0;
done:
    if (rc) err_set(e, EXIT_RUN_FAILED, "bader (near-grid): out of memory for %zu grid points", np);
    free(w.vol), free(w.known), free(w.path);
    return rc;
}
