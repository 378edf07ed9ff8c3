/* Adsorption-site finder (sites.h). */
#include "build/sites.h"
#include "cell/vec3.h"
#include "build/delaunay.h"
#include "build/symmetry.h"
#include "cell/lattice.h"
#include "core/elements.h"
#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The surface plane: e1, e2 in-plane (orthonormal), n the normal; A1, A2 the in-plane
 * lattice vectors in (e1, e2) coordinates. */
typedef struct {
    double e1[3], e2[3], n[3];
    double A1[2], A2[2];
} plane;


static int plane_of(const structure *s, plane *p, err *e)
{
    const double *a1 = s->cell[0], *a2 = s->cell[1], *a3 = s->cell[2];
    double l1 = sqrt(vec3_dot(a1, a1));
    p->n[0] = a1[1] * a2[2] - a1[2] * a2[1];
    p->n[1] = a1[2] * a2[0] - a1[0] * a2[2];
    p->n[2] = a1[0] * a2[1] - a1[1] * a2[0];
    double ln = sqrt(vec3_dot(p->n, p->n));
    if (l1 < 1e-6 || ln < 1e-6 * l1 * l1)
        return err_set(e, EXIT_BAD_INPUT, "the slab has no in-plane cell (the lattice vectors a1, a2 are zero or parallel)");
    double sg = vec3_dot(p->n, a3) < 0 ? -1.0 : 1.0;
    for (int k = 0; k < 3; k++) p->n[k] *= sg / ln, p->e1[k] = a1[k] / l1;
    p->e2[0] = p->n[1] * p->e1[2] - p->n[2] * p->e1[1];
    p->e2[1] = p->n[2] * p->e1[0] - p->n[0] * p->e1[2];
    p->e2[2] = p->n[0] * p->e1[1] - p->n[1] * p->e1[0];
    p->A1[0] = vec3_dot(a1, p->e1), p->A1[1] = vec3_dot(a1, p->e2);
    p->A2[0] = vec3_dot(a2, p->e1), p->A2[1] = vec3_dot(a2, p->e2);
    return 0;
}

/* In-plane fractional coordinates of the plane point (u, v). */
static void plane_frac(const plane *p, double u, double v, double f[2])
{
    double det = p->A1[0] * p->A2[1] - p->A1[1] * p->A2[0];
    f[0] = (u * p->A2[1] - v * p->A2[0]) / det;
    f[1] = (p->A1[0] * v - p->A1[1] * u) / det;
}

/* In-plane distance between (u, v) points, minimum over lattice images. */
static double plane_dist(const plane *p, const double a[2], const double b[2])
{
    double f[2];
    plane_frac(p, b[0] - a[0], b[1] - a[1], f);
    f[0] -= round(f[0]), f[1] -= round(f[1]);
    double best = INFINITY;
    for (int i = -1; i <= 1; i++)
        for (int j = -1; j <= 1; j++) {
            double x = (f[0] + i) * p->A1[0] + (f[1] + j) * p->A2[0];
            double y = (f[0] + i) * p->A1[1] + (f[1] + j) * p->A2[1];
            best = fmin(best, sqrt(x * x + y * y));
        }
    return best;
}

/* A site before symmetry reduction: plane point (u, v), height h. */
typedef struct {
    site_kind kind;
    double uv[2], h;
    int ncoord, coord[SITE_MAX_COORD];
    int cls;
} raw_site;

typedef struct {
    raw_site *s;
    int n, cap;
} raw_list;

static void raw_add(raw_list *l, const raw_site *r)
{
    if (l->n == l->cap) l->cap = l->cap ? 2 * l->cap : 64, l->s = xrealloc(l->s, l->cap * sizeof *l->s);
    l->s[l->n++] = *r;
}

/* 1 if the plane point lies in the central cell [0,1)^2 (the one copy of each site). */
static int in_cell(const plane *p, const double uv[2])
{
    double f[2];
    plane_frac(p, uv[0], uv[1], f);
    const double eps = 1e-7;
    return f[0] >= -eps && f[0] < 1.0 - eps && f[1] >= -eps && f[1] < 1.0 - eps;
}

/* Surface layer: indices of atoms with height > hmax - tol. Returns their number. */
static int top_layer(const structure *s, const plane *p, double tol, int *idx, double *hmax)
{
    *hmax = -INFINITY;
    for (int a = 0; a < s->natoms; a++) *hmax = fmax(*hmax, vec3_dot(s->pos[a], p->n));
    int m = 0;
    for (int a = 0; a < s->natoms; a++)
        if (vec3_dot(s->pos[a], p->n) > *hmax - tol) idx[m++] = a;
    return m;
}

/* Layer number of each atom counted from the top: heights sorted downwards, a new layer
 * at every gap larger than tol. */
static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? 1 : x > y ? -1 : 0;
}

static void layer_numbers(const structure *s, const plane *p, double tol, int *layer)
{
    double *h = xmalloc(s->natoms * sizeof *h);
    for (int a = 0; a < s->natoms; a++) h[a] = vec3_dot(s->pos[a], p->n);
    double *sorted = xmalloc(s->natoms * sizeof *sorted);
    memcpy(sorted, h, s->natoms * sizeof *h);
    qsort(sorted, s->natoms, sizeof *sorted, cmp_desc);
    for (int a = 0; a < s->natoms; a++) {
        int l = 0;
        for (int k = 1; k < s->natoms && sorted[k] >= h[a] - 1e-9; k++)
            if (sorted[k - 1] - sorted[k] > tol) l++;
        layer[a] = l;
    }
    free(h), free(sorted);
}

typedef struct {
    const structure *s;
    const plane *p;
    const int *surf;        /* surface atom indices */
    const dl_periodic *d;
} site_ctx;

static int atom_of_point(const site_ctx *c, int idx)
{
    int i, j;
    return c->surf[dl_point(c->d, idx, &i, &j)];
}

static double height_of(const site_ctx *c, const int *coord, int n)
{
    double h = -INFINITY;
    for (int k = 0; k < n; k++) h = fmax(h, vec3_dot(c->s->pos[coord[k]], c->p->n));
    return h;
}

/* Groups triangles with a common circumcircle (cocircular points); group[t] = id. */
static void circle_groups(const dl_periodic *d, int *group)
{
    double (*cc)[3] = xmalloc(d->ntri * sizeof *cc);
    for (int t = 0; t < d->ntri; t++) {
        const double *a = d->pts[d->tri[t].v[0]], *b = d->pts[d->tri[t].v[1]], *c = d->pts[d->tri[t].v[2]];
        double bx = b[0] - a[0], by = b[1] - a[1], cx = c[0] - a[0], cy = c[1] - a[1];
        double den = 2.0 * (bx * cy - by * cx), b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
        cc[t][0] = a[0] + (cy * b2 - by * c2) / den;
        cc[t][1] = a[1] + (bx * c2 - cx * b2) / den;
        cc[t][2] = sqrt(b2 + c2);   /* length scale */
        group[t] = t;
    }
    for (int t = 0; t < d->ntri; t++)
        for (int u = 0; u < t; u++)
            if (group[u] == u && hypot(cc[t][0] - cc[u][0], cc[t][1] - cc[u][1]) < 1e-6 * cc[t][2]) {
                group[t] = u;
                break;
            }
    free(cc);
}

static void add_hollows(const site_ctx *c, const int *group, raw_list *out)
{
    const dl_periodic *d = c->d;
    for (int g = 0; g < d->ntri; g++) {
        if (group[g] != g) continue;
        int pts[SITE_MAX_COORD], np = 0;
        for (int t = g; t < d->ntri; t++) {
            if (group[t] != g) continue;
            for (int s = 0; s < 3; s++) {
                int v = d->tri[t].v[s], seen = 0;
                for (int k = 0; k < np; k++) seen |= pts[k] == v;
                if (!seen && np < SITE_MAX_COORD) pts[np++] = v;
            }
        }
        raw_site r = {.kind = SITE_HOLLOW, .ncoord = np};
        for (int k = 0; k < np; k++) {
            r.uv[0] += d->pts[pts[k]][0] / np, r.uv[1] += d->pts[pts[k]][1] / np;
            r.coord[k] = atom_of_point(c, pts[k]);
        }
        if (!in_cell(c->p, r.uv)) continue;
        r.h = height_of(c, r.coord, np);
        raw_add(out, &r);
    }
}

typedef struct {
    int a, b, group;
} edge_rec;

static int cmp_edge(const void *x, const void *y)
{
    const edge_rec *p = x, *q = y;
    return p->a != q->a ? p->a - q->a : p->b != q->b ? p->b - q->b : p->group - q->group;
}

/* Bridges: Delaunay edges, except the diagonals inside a cocircular polygon (an edge
 * whose two triangles share the circumcircle). */
static void add_bridges(const site_ctx *c, const int *group, raw_list *out)
{
    const dl_periodic *d = c->d;
    edge_rec *ed = xmalloc(3 * d->ntri * sizeof *ed);
    int ne = 0;
    for (int t = 0; t < d->ntri; t++)
        for (int s = 0; s < 3; s++) {
            int a = d->tri[t].v[s], b = d->tri[t].v[(s + 1) % 3];
            ed[ne].a = a < b ? a : b, ed[ne].b = a < b ? b : a, ed[ne++].group = group[t];
        }
    qsort(ed, ne, sizeof *ed, cmp_edge);
    for (int k = 0; k < ne; k++) {
        if (k > 0 && ed[k].a == ed[k - 1].a && ed[k].b == ed[k - 1].b) continue;   /* seen */
        if (k + 1 < ne && ed[k + 1].a == ed[k].a && ed[k + 1].b == ed[k].b && ed[k + 1].group == ed[k].group)
            continue;   /* diagonal of a cocircular polygon */
        raw_site r = {.kind = SITE_BRIDGE, .ncoord = 2};
        for (int x = 0; x < 2; x++) r.uv[x] = 0.5 * (d->pts[ed[k].a][x] + d->pts[ed[k].b][x]);
        if (!in_cell(c->p, r.uv)) continue;
        r.coord[0] = atom_of_point(c, ed[k].a), r.coord[1] = atom_of_point(c, ed[k].b);
        r.h = height_of(c, r.coord, 2);
        raw_add(out, &r);
    }
    free(ed);
}

/* fcc / hcp names for three-fold hollows of a one-element layer of equal edges: "hcp"
 * when an atom of the second layer lies under the hollow (within 0.3 of the edge,
 * in-plane), "fcc" when none does (on fcc(111) a third-layer atom is under it, on
 * hcp(0001) no atom is: the names of ASE's fcc111 and hcp0001 sites). */
static site_kind classify_hollow(const site_ctx *c, const raw_site *r, const int *layer, int one_element)
{
    if (r->ncoord != 3 || !one_element) return SITE_HOLLOW;
    double uvk[3][2], edge[3];
    for (int k = 0; k < 3; k++)
        uvk[k][0] = vec3_dot(c->s->pos[r->coord[k]], c->p->e1), uvk[k][1] = vec3_dot(c->s->pos[r->coord[k]], c->p->e2);
    for (int k = 0; k < 3; k++) edge[k] = plane_dist(c->p, uvk[k], uvk[(k + 1) % 3]);
    double lo = fmin(edge[0], fmin(edge[1], edge[2])), hi = fmax(edge[0], fmax(edge[1], edge[2]));
    if (hi > 1.05 * lo) return SITE_HOLLOW;
    int second_layer = 0;
    for (int a = 0; a < c->s->natoms; a++) {
        if (layer[a] != 1) continue;
        second_layer = 1;
        double uv[2] = {vec3_dot(c->s->pos[a], c->p->e1), vec3_dot(c->s->pos[a], c->p->e2)};
        if (plane_dist(c->p, uv, r->uv) < 0.3 * lo) return SITE_HCP;
    }
    return second_layer ? SITE_FCC : SITE_HOLLOW;
}

/* Union of sites mapped onto each other by the operations that keep the surface on top. */
static int find_root(int *parent, int i)
{
    while (parent[i] != i) i = parent[i] = parent[parent[i]];
    return i;
}

static int symmetry_classes(const structure *slab, const plane *p, raw_list *raw, err *e)
{
    symops ops;
    if (symops_of_structure(&ops, slab, 0.01 / BOHR_ANG, e)) return -1;
    int *parent = xmalloc(raw->n * sizeof *parent), nkeep = 0;
    for (int i = 0; i < raw->n; i++) parent[i] = i;
    double (*f)[3] = xmalloc(raw->n * sizeof *f), cell[3][3];
    memcpy(cell, slab->cell, sizeof cell);
    for (int i = 0; i < raw->n; i++) {
        double r[3];
        for (int k = 0; k < 3; k++) r[k] = raw->s[i].uv[0] * p->e1[k] + raw->s[i].uv[1] * p->e2[k] + raw->s[i].h * p->n[k];
        lattice_to_fractional((const double(*)[3])cell, r, f[i]);
    }
    const double tol = 0.02 / BOHR_ANG;
    for (int o = 0; o < ops.n; o++) {
        const int(*R)[3] = ops.rot[o];
        if (R[2][0] != 0 || R[2][1] != 0 || R[2][2] != 1) continue;   /* flips or tilts the surface */
        nkeep++;
        for (int i = 0; i < raw->n; i++) {
            double g[3], uv[2], r[3];
            for (int x = 0; x < 3; x++) g[x] = ops.trans[o][x] + R[x][0] * f[i][0] + R[x][1] * f[i][1] + R[x][2] * f[i][2];
            lattice_to_cartesian((const double(*)[3])cell, g, r);
            uv[0] = vec3_dot(r, p->e1), uv[1] = vec3_dot(r, p->e2);
            for (int j = 0; j < raw->n; j++)
                if (raw->s[j].kind == raw->s[i].kind && fabs(vec3_dot(r, p->n) - raw->s[j].h) < tol &&
                    plane_dist(p, uv, raw->s[j].uv) < tol) {
                    int a = find_root(parent, i), b = find_root(parent, j);
                    if (a != b) parent[a > b ? a : b] = a < b ? a : b;
                }
        }
    }
    for (int i = 0; i < raw->n; i++) raw->s[i].cls = find_root(parent, i);
    free(parent), free(f);
    symops_free(&ops);
    return nkeep;
}

const char *site_kind_name(site_kind k)
{
    static const char *names[] = {"top", "bridge", "hollow", "fcc", "hcp"};
    return names[k];
}

static int kind_rank(site_kind k)
{
    static const int rank[] = {0, 1, 4, 2, 3};   /* top, bridge, fcc, hcp, hollow */
    return rank[k];
}

static int cmp_site(const void *x, const void *y)
{
    const ads_site *a = x, *b = y;
    if (kind_rank(a->kind) != kind_rank(b->kind)) return kind_rank(a->kind) - kind_rank(b->kind);
    if (fabs(a->height - b->height) > 1e-6) return a->height < b->height ? 1 : -1;
    return a->coord[0] - b->coord[0];
}

/* One ads_site per class, sorted and labelled. */
static void collect(const raw_list *raw, const plane *p, site_list *out)
{
    out->site = xcalloc(raw->n ? raw->n : 1, sizeof *out->site);
    out->n = 0;
    for (int i = 0; i < raw->n; i++) {
        if (raw->s[i].cls != i) continue;
        ads_site *s = &out->site[out->n++];
        const raw_site *r = &raw->s[i];
        s->kind = r->kind, s->ncoord = r->ncoord, s->height = r->h;
        memcpy(s->coord, r->coord, sizeof s->coord);
        for (int k = 0; k < 3; k++) s->pos[k] = r->uv[0] * p->e1[k] + r->uv[1] * p->e2[k] + r->h * p->n[k];
        for (int j = 0; j < raw->n; j++) s->multiplicity += raw->s[j].cls == i;
    }
    qsort(out->site, out->n, sizeof *out->site, cmp_site);
    for (int i = 0; i < out->n; i++) {
        int count = 0, nth = 0;
        for (int j = 0; j < out->n; j++)
            if (out->site[j].kind == out->site[i].kind) count++, nth += j <= i;
        if (count == 1) snprintf(out->site[i].label, sizeof out->site[i].label, "%s", site_kind_name(out->site[i].kind));
        else snprintf(out->site[i].label, sizeof out->site[i].label, "%s-%d", site_kind_name(out->site[i].kind), nth);
    }
}

int sites_find(const structure *slab, double layer_tol, site_list *out, err *e)
{
    memset(out, 0, sizeof *out);
    if (!slab->pbc[0] || !slab->pbc[1])
        return err_set(e, EXIT_BAD_INPUT, "not a slab: it must be periodic along a1 and a2 (pbc=\"T T ...\")");
    if (slab->natoms < 1) return err_set(e, EXIT_BAD_INPUT, "the slab has no atoms");
    if (!(layer_tol > 0)) return err_set(e, EXIT_BAD_INPUT, "layer tolerance must be positive");
    plane p;
    if (plane_of(slab, &p, e)) return -1;
    int *surf = xmalloc(slab->natoms * sizeof *surf), *layer = xmalloc(slab->natoms * sizeof *layer);
    double hmax;
    int ns = top_layer(slab, &p, layer_tol, surf, &hmax);
    layer_numbers(slab, &p, layer_tol, layer);
    int one_element = 1;
    for (int k = 1; k < ns; k++) one_element &= slab->numbers[surf[k]] == slab->numbers[surf[0]];

    raw_list raw = {0};
    double (*uv)[2] = xmalloc(ns * sizeof *uv);
    for (int k = 0; k < ns; k++) {   /* surface atoms wrapped into the central cell */
        const double *r = slab->pos[surf[k]];
        double f[2];
        plane_frac(&p, vec3_dot(r, p.e1), vec3_dot(r, p.e2), f);
        f[0] -= floor(f[0]), f[1] -= floor(f[1]);
        uv[k][0] = f[0] * p.A1[0] + f[1] * p.A2[0], uv[k][1] = f[0] * p.A1[1] + f[1] * p.A2[1];
        raw_site t = {.kind = SITE_TOP, .uv = {uv[k][0], uv[k][1]}, .h = vec3_dot(r, p.n), .ncoord = 1, .coord = {surf[k]}};
        raw_add(&raw, &t);
    }
    dl_periodic d;
    if (ns >= 1 && delaunay_periodic((const double(*)[2])uv, ns, p.A1, p.A2, &d) == 0) {
        int *group = xmalloc((d.ntri ? d.ntri : 1) * sizeof *group);
        site_ctx c = {slab, &p, surf, &d};
        circle_groups(&d, group);
        add_bridges(&c, group, &raw);
        add_hollows(&c, group, &raw);
        for (int i = 0; i < raw.n; i++)
            if (raw.s[i].kind == SITE_HOLLOW) raw.s[i].kind = classify_hollow(&c, &raw.s[i], layer, one_element);
        free(group);
        delaunay_periodic_free(&d);
    }
    free(uv), free(layer), free(surf);
    int nops = symmetry_classes(slab, &p, &raw, e);
    if (nops < 0) return free(raw.s), -1;
    collect(&raw, &p, out);
    out->n_surface = ns, out->n_ops = nops;
    memcpy(out->normal, p.n, sizeof p.n);
    free(raw.s);
    return 0;
}

void site_list_free(site_list *l)
{
    free(l->site);
    memset(l, 0, sizeof *l);
}

int sites_lookup(const site_list *l, const char *key)
{
    for (int i = 0; i < l->n; i++)
        if (!strcmp(l->site[i].label, key)) return i;
    char *end;
    long k = strtol(key, &end, 10);
    if (end != key && !*end && k >= 1 && k <= l->n) return (int)k - 1;
    return -1;
}
