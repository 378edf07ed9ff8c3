/* The weight method of Yu & Trinkle, J. Chem. Phys. 134, 064111 (2011).
 *
 * Points are visited in order of decreasing density. For point i with higher Voronoi
 * neighbours j (facet area A_j, distance |R_j|), the fraction of its flux going to j is
 *     p_ij = alpha_j (rho_j - rho_i) / sum_j' alpha_j' (rho_j' - rho_i),  alpha = A/|R|
 * (eq. 9-11), and its basin weights are w_i^B = sum_j p_ij w_j^B. A point with no higher
 * neighbour is a maximum and opens a basin (w = 1). A point whose higher neighbours are
 * all interior points of one basin is interior to it (w = 1, nothing stored); the others
 * are boundary points and keep a short sparse list (basin, weight). The populations are
 * N_B = sum_i w_i^B rho_i dV and volumes V_B = sum_i w_i^B dV, accumulated as the points
 * are visited, so one pass suffices (the Henkelman group's weight_mod.f90 loops over the
 * grid once per basin instead: O(N x basins)).
 * Ties in density are broken by grid index, as a stable sort of the grid would. When all
 * higher neighbours have the same density as the point (a plateau), the flux is shared
 * equally. */
#include "bader/bader_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    double rho;
    long index;
} ranked;

static int by_density(const void *pa, const void *pb)
{
    const ranked *a = pa, *b = pb;
    if (a->rho != b->rho) return a->rho > b->rho ? -1 : 1;
    return (a->index > b->index) - (a->index < b->index);
}

/* Sparse boundary weights: list L holds entries off[L] .. off[L]+len[L]-1 of the pool. */
typedef struct {
    int *basin;
    double *w;
    size_t n, cap;
    size_t *off;
    int *len;
    size_t nlists, lcap;
} weight_pool;

static int pool_reserve(weight_pool *p, size_t extra)
{
    if (p->n + extra > p->cap) {
        size_t cap = 2 * (p->n + extra) + 1024;
        int *b = realloc(p->basin, cap * sizeof *b);
        if (b) p->basin = b;
        double *w = realloc(p->w, cap * sizeof *w);
        if (w) p->w = w;
        if (!b || !w) return -1;
        p->cap = cap;
    }
    if (p->nlists == p->lcap) {
        size_t cap = 2 * p->lcap + 1024;
        size_t *o = realloc(p->off, cap * sizeof *o);
        if (o) p->off = o;
        int *l = realloc(p->len, cap * sizeof *l);
        if (l) p->len = l;
        if (!o || !l) return -1;
        p->lcap = cap;
    }
    return 0;
}

static void pool_free(weight_pool *p)
{
    free(p->basin), free(p->w), free(p->off), free(p->len);
}

/* Scratch for merging weights: acc[basin] and the list of basins touched. */
typedef struct {
    double *acc;
    int *touched;
    int ntouched, cap;
} merger;

static int merger_fit(merger *m, int nbasins)
{
    if (nbasins <= m->cap) return 0;
    int cap = 2 * nbasins;
    double *a = realloc(m->acc, cap * sizeof *a);
    if (a) m->acc = a;
    int *t = realloc(m->touched, cap * sizeof *t);
    if (t) m->touched = t;
    if (!a || !t) return -1;
    for (int b = m->cap; b < cap; b++) m->acc[b] = 0;
    m->cap = cap;
    return 0;
}

static void merger_add(merger *m, int basin, double w)
{
    if (m->acc[basin] == 0) m->touched[m->ntouched++] = basin;
    m->acc[basin] += w;
    if (m->acc[basin] == 0) m->acc[basin] = 1e-300;   /* keep it marked as touched */
}

#define MAXV 32

int bader_weight_run(const bader_grid *g, const unsigned char *vac, bader_basins *b, err *e)
{
    int vect[MAXV][3];
    double alpha[MAXV];
    int nv = bader_voronoi(g->axis, MAXV, vect, alpha);
    size_t np = (size_t)g->n[0] * g->n[1] * g->n[2], nsort = 0;
    double dv = bader_voxel_volume(g);
    ranked *order = malloc(np * sizeof *order);
    int *rank = malloc(np * sizeof *rank);     /* position in the order; INT_MAX: vacuum */
    int *basin = malloc(np * sizeof *basin);   /* >= 0 interior of that basin; < 0: -1-list */
    weight_pool pool = {0};
    merger m = {0};
    int rc = -1;
    if (!order || !rank || !basin || np > (size_t)INT_MAX) goto done;
    for (size_t i = 0; i < np; i++) {
        rank[i] = INT_MAX;
        if (!vac || !vac[i]) order[nsort].rho = g->rho[i], order[nsort++].index = (long)i;
    }
    qsort(order, nsort, sizeof *order, by_density);
    for (size_t r = 0; r < nsort; r++) rank[order[r].index] = (int)r;

    long above[MAXV];
    double t[MAXV];
    for (size_t r = 0; r < nsort; r++) {
        long idx = order[r].index;
        double rho = order[r].rho;
        int i = (int)(idx / ((long)g->n[1] * g->n[2])), j = (int)(idx / g->n[2] % g->n[1]), k = (int)(idx % g->n[2]);
        int nabove = 0;
        double tsum = 0;
        for (int v = 0; v < nv; v++) {
            long q = bader_neighbour(g, i, j, k, vect[v]);
            if (q < 0 || rank[q] >= (int)r) continue;
            above[nabove] = q;
            t[nabove] = alpha[v] * (g->rho[q] - rho);
            tsum += t[nabove++];
        }
        if (nabove == 0) {                                    /* a maximum */
            int nb = bader_basins_add(b, idx);
            if (nb < 0 || merger_fit(&m, b->n)) goto done;
            basin[idx] = nb;
            b->population[nb] += rho * dv, b->volume[nb] += dv;
            continue;
        }
        int first = basin[above[0]], interior = first >= 0;
        for (int a = 1; a < nabove && interior; a++) interior = basin[above[a]] == first;
        if (interior) {
            basin[idx] = first;
            b->population[first] += rho * dv, b->volume[first] += dv;
            continue;
        }
        m.ntouched = 0;
        for (int a = 0; a < nabove; a++) {
            double p = tsum > 0 ? t[a] / tsum : 1.0 / nabove;
            int bq = basin[above[a]];
            if (bq >= 0) {
                merger_add(&m, bq, p);
            } else {
                size_t L = (size_t)(-1 - bq);
                for (int s = 0; s < pool.len[L]; s++) merger_add(&m, pool.basin[pool.off[L] + s], p * pool.w[pool.off[L] + s]);
            }
        }
        if (pool_reserve(&pool, (size_t)m.ntouched)) goto done;
        size_t L = pool.nlists++;
        pool.off[L] = pool.n, pool.len[L] = m.ntouched;
        for (int s = 0; s < m.ntouched; s++) {
            int bb = m.touched[s];
            double w = m.acc[bb];
            m.acc[bb] = 0;
            pool.basin[pool.n] = bb, pool.w[pool.n++] = w;
            b->population[bb] += w * rho * dv, b->volume[bb] += w * dv;
        }
        basin[idx] = -1 - (int)L;
    }
    rc = 0;
done:
    if (rc) err_set(e, EXIT_RUN_FAILED, "bader (weight): out of memory for %zu grid points", np);
    free(order), free(rank), free(basin), free(m.acc), free(m.touched);
    pool_free(&pool);
    return rc;
}
