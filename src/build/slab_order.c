/* Al/Li ordering inside a LiTi2(PO4)3 slab.
 *
 * With n Ti -> Al (charge change d = -1) and n Li on empty sites (d = +1), the formal-
 * charge dipole per cell along z becomes
 *     D = D0 - sum_{Al} z_i + sum_{Li} z_j,
 * which depends only on how many substitutions sit on each z level. The Ti atoms and the
 * cavity sites are therefore grouped into levels; every "composition" (a count c_l per
 * level, sum n) of the Ti levels and of the site levels is listed with its z sum; the
 * pairs of compositions with D = 0 (|D| < 1e-6 e*A) are kept. The number of zero-dipole
 * arrangements is then exact: sum over those pairs of prod_l C(m_l, c_l).
 *
 * Their Ewald energies of formal charges (build/ewald.h, the slab cell with its vacuum,
 * periodic in 3D) are E = E0 + sum_i d_i v_i + 1/2 sum_ij d_i d_j phi_ij with v = phi q0
 * (q0: the host's charges, sites empty); the background term cancels because every
 * arrangement is neutral. All of them are compared when there are at most max_enum;
 * otherwise nsample are drawn uniformly among all zero-dipole arrangements (xorshift64,
 * fixed seed), and the best NTOP of them are improved by a steepest descent whose moves
 * keep D = 0 (below, at `walker`) while E drops. */
#include "build/slab_order.h"
#include "build/ewald.h"
#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SUB SLAB_ORDER_MAX_SUB
#define MAX_COMPOSITIONS 4000000L
#define MAX_EWALD_SITES SLAB_ORDER_MAX_ATOMS
#define NTOP 16               /* sampled arrangements the descent starts from */

double slab_formal_charge(int z)
{
    return z == 3 ? 1 : z == 13 ? 3 : z == 22 ? 4 : z == 15 ? 5 : z == 8 ? -2 : 0;
}

double slab_dipole_z(const structure *s)
{
    double d = 0.0;
    for (int a = 0; a < s->natoms; a++) d += slab_formal_charge(s->numbers[a]) * s->pos[a][2];
    return d;
}

static double binom(int n, int k)
{
    double r = 1.0;
    for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
    return r;
}

/* Sites (variable indices) grouped by z level. */
typedef struct {
    int nlev;
    int *start;   /* nlev + 1 offsets into idx */
    int *idx;     /* variable indices, level by level */
    double *z;    /* z of each level, bohr */
} level_set;

static const double *sort_z;
static int cmp_by_z(const void *a, const void *b)
{
    double x = sort_z[*(const int *)a], y = sort_z[*(const int *)b];
    return (x > y) - (x < y);
}

/* Groups the n variables first..first+n-1 with heights z[] (indexed by variable) into
 * levels 1e-6 bohr apart: symmetry-equivalent heights agree to ~1e-12 bohr. */
static void levels_make(level_set *L, const double *z, int first, int n)
{
    L->idx = xmalloc((n + 1) * sizeof *L->idx);
    L->start = xmalloc((n + 1) * sizeof *L->start);
    L->z = xmalloc((n + 1) * sizeof *L->z);
    for (int k = 0; k < n; k++) L->idx[k] = first + k;
    sort_z = z;
    qsort(L->idx, n, sizeof *L->idx, cmp_by_z);
    L->nlev = 0;
    for (int k = 0; k < n; k++)
        if (k == 0 || z[L->idx[k]] - z[L->idx[k - 1]] > 1e-6) {
            L->start[L->nlev] = k;
            L->z[L->nlev++] = z[L->idx[k]];
        }
    L->start[L->nlev] = n;
}

static void levels_free(level_set *L) { free(L->start), free(L->idx), free(L->z); }

/* Compositions of one level set: counts per level summing to n. */
typedef struct {
    const level_set *L;
    int n;
    long ncomp, cap;
    int *counts;      /* ncomp x nlev */
    double *sum;      /* sum_l c_l z_l, bohr */
    double *ways;     /* prod_l C(m_l, c_l) */
} comp_list;

static int comp_rec(comp_list *c, int *cur, const int *room, int l, int left, double sum, double ways)
{
    const level_set *L = c->L;
    if (l == L->nlev) {
        if (left) return 0;
        if (c->ncomp == MAX_COMPOSITIONS) return -1;
        if (c->ncomp == c->cap) {
            c->cap = c->cap ? 2 * c->cap : 1024;
            c->counts = xrealloc(c->counts, (size_t)c->cap * L->nlev * sizeof *c->counts);
            c->sum = xrealloc(c->sum, c->cap * sizeof *c->sum);
            c->ways = xrealloc(c->ways, c->cap * sizeof *c->ways);
        }
        memcpy(c->counts + (size_t)c->ncomp * L->nlev, cur, L->nlev * sizeof *cur);
        c->sum[c->ncomp] = sum, c->ways[c->ncomp++] = ways;
        return 0;
    }
    if (room[l] < left) return 0;   /* the remaining levels cannot hold `left` */
    int m = L->start[l + 1] - L->start[l];
    for (int k = 0; k <= left && k <= m; k++) {
        cur[l] = k;
        if (comp_rec(c, cur, room, l + 1, left - k, sum + k * L->z[l], ways * binom(m, k))) return -1;
    }
    cur[l] = 0;
    return 0;
}

static int comps_make(comp_list *c, const level_set *L, int n)
{
    memset(c, 0, sizeof *c);
    c->L = L, c->n = n;
    int *cur = xcalloc(L->nlev + 1, sizeof *cur), *room = xcalloc(L->nlev + 1, sizeof *room);
    for (int l = L->nlev - 1; l >= 0; l--) room[l] = room[l + 1] + L->start[l + 1] - L->start[l];
    int rc = comp_rec(c, cur, room, 0, n, 0.0, 1.0);
    free(cur), free(room);
    return rc;
}

static void comps_free(comp_list *c) { free(c->counts), free(c->sum), free(c->ways); }

/* The energy model over the variables: 0..nt-1 are Ti atoms, nt.. are sites. */
typedef struct {
    int nt, nvar;
    int *atom;        /* nt: atom index in s of each Ti variable */
    double *phi;      /* nvar x nvar */
    double *v;        /* nvar: potential of the host's charges */
    double e0;        /* 1/2 q0 phi q0, hartree */
} energy_model;

static double model_energy(const energy_model *m, const int *sel, int k)
{
    double e = 0.0;
    for (int a = 0; a < k; a++) {
        int i = sel[a];
        double di = i < m->nt ? -1.0 : 1.0;
        e += di * m->v[i];
        for (int b = 0; b < k; b++) {
            int j = sel[b];
            e += 0.5 * di * (j < m->nt ? -1.0 : 1.0) * m->phi[(size_t)i * m->nvar + j];
        }
    }
    return e;
}

static void model_make(energy_model *m, const structure *s, const int *ti, int nt,
                       const double (*sites)[3], int nsites)
{
    int na = s->natoms, n = na + nsites;
    double (*pos)[3] = xmalloc((size_t)n * sizeof *pos), *q = xcalloc(n, sizeof *q);
    memcpy(pos, s->pos, (size_t)na * sizeof *pos);
    memcpy(pos + na, sites, (size_t)nsites * sizeof *pos);
    for (int a = 0; a < na; a++) q[a] = slab_formal_charge(s->numbers[a]);
    double *phi = xmalloc((size_t)n * n * sizeof *phi);
    ewald_matrix(s->cell, (const double(*)[3])pos, n, phi);
    m->nt = nt, m->nvar = nt + nsites;
    m->atom = xmalloc(nt * sizeof *m->atom);
    memcpy(m->atom, ti, nt * sizeof *ti);
    int *row = xmalloc(m->nvar * sizeof *row);
    for (int i = 0; i < m->nvar; i++) row[i] = i < nt ? ti[i] : na + i - nt;
    m->phi = xmalloc((size_t)m->nvar * m->nvar * sizeof *m->phi);
    m->v = xcalloc(m->nvar, sizeof *m->v);
    for (int i = 0; i < m->nvar; i++) {
        for (int j = 0; j < m->nvar; j++) m->phi[(size_t)i * m->nvar + j] = phi[(size_t)row[i] * n + row[j]];
        for (int b = 0; b < na; b++) m->v[i] += phi[(size_t)row[i] * n + b] * q[b];
    }
    m->e0 = 0.0;
    for (int a = 0; a < na; a++)
        for (int b = 0; b < na; b++) m->e0 += 0.5 * q[a] * q[b] * phi[(size_t)a * n + b];
    free(row), free(phi), free(pos), free(q);
}

static void model_free(energy_model *m) { free(m->atom), free(m->phi), free(m->v); }

/* The search: Ti and site compositions, matched by z sums. */
typedef struct {
    const energy_model *m;
    level_set lt, ls;
    comp_list ct, cs;
    int *order;        /* site compositions sorted by z sum */
    double *prefix;    /* prefix sums of their ways in that order (ncomp + 1) */
    long *lo, *hi;     /* per Ti composition: matching range in `order` */
    double *weight;    /* per Ti composition: ways_T x sum of matching ways_S */
    double total;      /* zero-dipole arrangements */
    int n;
    double best, worst;
    int best_sel[2 * MAX_SUB];
    long compared;
    int *lev_of;                    /* nvar: level of each variable in its set */
    int ntop;                       /* lowest distinct energies seen, ascending (sampling) */
    double top_e[NTOP];
    int top_sel[NTOP][2 * MAX_SUB];
} search;

static const double *sort_sum;
static int cmp_by_sum(const void *a, const void *b)
{
    double x = sort_sum[*(const int *)a], y = sort_sum[*(const int *)b];
    return (x > y) - (x < y);
}

/* Index of the first entry of `order` whose sum is >= target. */
static long lower_bound(const search *S, double target)
{
    long a = 0, b = S->cs.ncomp;
    while (a < b) {
        long c = (a + b) / 2;
        if (S->cs.sum[S->order[c]] < target) a = c + 1;
        else b = c;
    }
    return a;
}

/* D = D0 - sum_T + sum_S = 0  <=>  sum_S = sum_T - D0. */
static void match(search *S, double d0, double tol)
{
    long ns = S->cs.ncomp, nt = S->ct.ncomp;
    S->order = xmalloc(ns * sizeof *S->order);
    for (long k = 0; k < ns; k++) S->order[k] = (int)k;
    sort_sum = S->cs.sum;
    qsort(S->order, ns, sizeof *S->order, cmp_by_sum);
    S->prefix = xmalloc((ns + 1) * sizeof *S->prefix);
    S->prefix[0] = 0.0;
    for (long k = 0; k < ns; k++) S->prefix[k + 1] = S->prefix[k] + S->cs.ways[S->order[k]];
    S->lo = xmalloc(nt * sizeof *S->lo), S->hi = xmalloc(nt * sizeof *S->hi);
    S->weight = xmalloc(nt * sizeof *S->weight);
    S->total = 0.0;
    for (long t = 0; t < nt; t++) {
        double target = S->ct.sum[t] - d0;
        S->lo[t] = lower_bound(S, target - tol), S->hi[t] = lower_bound(S, target + tol);
        S->weight[t] = S->ct.ways[t] * (S->prefix[S->hi[t]] - S->prefix[S->lo[t]]);
        S->total += S->weight[t];
    }
}

/* Keeps the NTOP lowest distinct energies (equal within 1e-9 hartree: one entry). */
static void keep_top(search *S, const int *sel, double en)
{
    int k = 0;
    while (k < S->ntop && S->top_e[k] < en - 1e-9) k++;
    if (k == NTOP || (k < S->ntop && fabs(S->top_e[k] - en) <= 1e-9)) return;
    int last = S->ntop < NTOP ? S->ntop++ : NTOP - 1;
    for (int j = last; j > k; j--) {
        S->top_e[j] = S->top_e[j - 1];
        memcpy(S->top_sel[j], S->top_sel[j - 1], sizeof S->top_sel[j]);
    }
    S->top_e[k] = en;
    memcpy(S->top_sel[k], sel, 2 * S->n * sizeof *sel);
}

static void consider(search *S, const int *sel)
{
    double en = model_energy(S->m, sel, 2 * S->n);
    keep_top(S, sel, en);
    S->compared++;
    if (en < S->best - 1e-9) S->best = en, memcpy(S->best_sel, sel, 2 * S->n * sizeof *sel);
    if (en > S->worst) S->worst = en;
}

/* Next k-subset (lexicographic) of 0..m-1; 0 when exhausted. */
static int next_subset(int *s, int k, int m)
{
    int i = k - 1;
    while (i >= 0 && s[i] == m - k + i) i--;
    if (i < 0) return 0;
    s[i]++;
    for (int j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
    return 1;
}

/* Every arrangement of one (Ti composition, site composition) pair: an odometer over the
 * levels of both sets, each level running through its c_l-subsets. */
static void enumerate_pair(search *S, const int *ct, const int *cs)
{
    const level_set *L[2] = {&S->lt, &S->ls};
    const int *c[2] = {ct, cs};
    int nblk = 0, blk_set[4 * MAX_SUB], blk_lev[4 * MAX_SUB], blk_off[4 * MAX_SUB];
    int sub[2 * MAX_SUB], sel[2 * MAX_SUB], k = 0;
    for (int s = 0; s < 2; s++)
        for (int l = 0; l < L[s]->nlev; l++)
            if (c[s][l]) {
                blk_set[nblk] = s, blk_lev[nblk] = l, blk_off[nblk++] = k;
                for (int a = 0; a < c[s][l]; a++) sub[k++] = a;
            }
    for (;;) {
        for (int b = 0; b < nblk; b++) {
            const level_set *Ls = L[blk_set[b]];
            for (int a = 0; a < c[blk_set[b]][blk_lev[b]]; a++)
                sel[blk_off[b] + a] = Ls->idx[Ls->start[blk_lev[b]] + sub[blk_off[b] + a]];
        }
        consider(S, sel);
        int b = nblk - 1;
        for (; b >= 0; b--) {
            const level_set *Ls = L[blk_set[b]];
            int l = blk_lev[b], cnt = c[blk_set[b]][l], m = Ls->start[l + 1] - Ls->start[l];
            if (next_subset(sub + blk_off[b], cnt, m)) break;
            for (int a = 0; a < cnt; a++) sub[blk_off[b] + a] = a;
        }
        if (b < 0) return;
    }
}

static void enumerate_all(search *S)
{
    for (long t = 0; t < S->ct.ncomp; t++)
        for (long k = S->lo[t]; k < S->hi[t]; k++)
            enumerate_pair(S, S->ct.counts + (size_t)t * S->lt.nlev,
                           S->cs.counts + (size_t)S->order[k] * S->ls.nlev);
}

static uint64_t xorshift(uint64_t *st)
{
    *st ^= *st << 13, *st ^= *st >> 7, *st ^= *st << 17;
    return *st;
}

static double uniform(uint64_t *st) { return (xorshift(st) >> 11) * (1.0 / 9007199254740992.0); }

/* Random c-subsets of each level of L with counts c, appended to sel. */
static int draw_levels(const level_set *L, const int *c, uint64_t *st, int *sel)
{
    int k = 0, tmp[4096];
    for (int l = 0; l < L->nlev; l++) {
        int m = L->start[l + 1] - L->start[l];
        if (!c[l]) continue;
        for (int a = 0; a < m; a++) tmp[a] = L->idx[L->start[l] + a];
        for (int a = 0; a < c[l]; a++) {   /* partial Fisher-Yates */
            int b = a + (int)(xorshift(st) % (uint64_t)(m - a)), t = tmp[a];
            tmp[a] = tmp[b], tmp[b] = t;
            sel[k++] = tmp[a];
        }
    }
    return k;
}

/* The interval i (0..n-1) with cum[i] <= u < cum[i+1] (cum ascending, n + 1 entries). */
static long pick(const double *cum, long n, double u)
{
    long a = 0, b = n - 1;
    while (a < b) {
        long c = (a + b + 1) / 2;
        if (cum[c] <= u) a = c;
        else b = c - 1;
    }
    return a;
}

static void sample(search *S, long nsample)
{
    long nt = S->ct.ncomp;
    double *cum = xmalloc((nt + 1) * sizeof *cum);
    cum[0] = 0.0;
    for (long t = 0; t < nt; t++) cum[t + 1] = cum[t] + S->weight[t];
    uint64_t st = 0x9E3779B97F4A7C15ull;
    int sel[2 * MAX_SUB];
    for (long k = 0; k < nsample; k++) {
        long t = pick(cum, nt, uniform(&st) * S->total);
        while (S->weight[t] <= 0 && t + 1 < nt) t++;   /* rounding at an interval's end */
        const double *pre = S->prefix;
        double u = pre[S->lo[t]] + uniform(&st) * (pre[S->hi[t]] - pre[S->lo[t]]);
        long j = S->lo[t] + pick(pre + S->lo[t], S->hi[t] - S->lo[t], u);
        int a = draw_levels(&S->lt, S->ct.counts + (size_t)t * S->lt.nlev, &st, sel);
        draw_levels(&S->ls, S->cs.counts + (size_t)S->order[j] * S->ls.nlev, &st, sel + a);
        consider(S, sel);
    }
    free(cum);
}

/* Local search over zero-dipole arrangements. A move takes one substitution (an Al or an
 * added Li, charge change d) from site i to a free site j of its kind; the dipole changes
 * by d (z_j - z_i). Single moves stay on one level; pair moves shift two substitutions
 * a, b with d_a (z_j - z_i) + d_b (z_l - z_k) = 0. With w_x = sum_b d_b phi_{x s_b}, the
 * potential of the substitutions at site x, a single move changes E by
 *     dE = d (v_j - v_i) + d (w_j - w_i) - (phi_ij - phi_ii) + (phi_jj - phi_ii) / 2,
 * and a pair move by dE_a + dE_b + d_a d_b (phi_jl - phi_jk - phi_il + phi_ik). */
typedef struct {
    const search *S;
    int k, sel[2 * MAX_SUB];
    unsigned char *used;   /* nvar */
    double *w;             /* nvar */
} walker;

static double var_d(const search *S, int i) { return i < S->m->nt ? -1.0 : 1.0; }
static double var_z(const search *S, int i, int *lev_set, int *lev);

static double move_de(const walker *W, int i, int j)
{
    const energy_model *m = W->S->m;
    const double *phi = m->phi;
    int n = m->nvar;
    double d = var_d(W->S, i);
    return d * (m->v[j] - m->v[i]) + d * (W->w[j] - W->w[i]) - (phi[(size_t)i * n + j] - phi[(size_t)i * n + i]) +
           0.5 * (phi[(size_t)j * n + j] - phi[(size_t)i * n + i]);
}

static void move_apply(walker *W, int a, int j)
{
    const energy_model *m = W->S->m;
    int i = W->sel[a], n = m->nvar;
    double d = var_d(W->S, i);
    for (int x = 0; x < n; x++) W->w[x] += d * (m->phi[(size_t)x * n + j] - m->phi[(size_t)x * n + i]);
    W->used[i] = 0, W->used[j] = 1, W->sel[a] = j;
}

/* Level (in its set) holding height z within 1e-6 bohr, -1 if none. */
static int level_at(const level_set *L, double z)
{
    int a = 0, b = L->nlev - 1;
    while (a <= b) {
        int c = (a + b) / 2;
        if (L->z[c] < z - 1e-6) a = c + 1;
        else if (L->z[c] > z + 1e-6) b = c - 1;
        else return c;
    }
    return -1;
}

typedef struct {
    double de;
    int a, j, b, l;   /* b < 0: single move */
} move;

/* The best pair move of substitution a with any b > a; updates *best. */
static void best_pair_moves(const walker *W, int a, move *best)
{
    const search *S = W->S;
    const double *phi = S->m->phi;
    int n = S->m->nvar, i = W->sel[a];
    double da = var_d(S, i);
    const level_set *La = i < S->m->nt ? &S->lt : &S->ls;
    for (int b = a + 1; b < W->k; b++) {
        int kk = W->sel[b];
        double db = var_d(S, kk);
        const level_set *Lb = kk < S->m->nt ? &S->lt : &S->ls;
        for (int p = 0; p < La->start[La->nlev]; p++) {
            int j = La->idx[p];
            if (W->used[j]) continue;
            double zi = var_z(S, i, NULL, NULL), zj = var_z(S, j, NULL, NULL);
            if (fabs(zj - zi) < 1e-6) continue;   /* same level: a single move */
            int lev = level_at(Lb, var_z(S, kk, NULL, NULL) - da * db * (zj - zi));
            if (lev < 0) continue;
            double de_a = move_de(W, i, j);
            for (int q = Lb->start[lev]; q < Lb->start[lev + 1]; q++) {
                int l = Lb->idx[q];
                if (W->used[l] || l == j) continue;
                double de = de_a + move_de(W, kk, l) +
                            da * db * (phi[(size_t)j * n + l] - phi[(size_t)j * n + kk] -
                                       phi[(size_t)i * n + l] + phi[(size_t)i * n + kk]);
                if (de < best->de) *best = (move){de, a, j, b, l};
            }
        }
    }
}

/* Steepest descent from start with single and pair moves until none lowers E.
 * Returns the accepted moves. */
static long descend(search *S, const int *start)
{
    int n = S->m->nvar;
    walker W = {.S = S, .k = 2 * S->n};
    W.used = xcalloc(n, 1), W.w = xcalloc(n, sizeof *W.w);
    memcpy(W.sel, start, W.k * sizeof *W.sel);
    for (int a = 0; a < W.k; a++) {
        W.used[W.sel[a]] = 1;
        for (int x = 0; x < n; x++) W.w[x] += var_d(S, W.sel[a]) * S->m->phi[(size_t)x * n + W.sel[a]];
    }
    long moves = 0;
    for (;;) {
        move best = {-1e-9, -1, -1, -1, -1};
        for (int a = 0; a < W.k; a++) {
            int i = W.sel[a], set, lev;
            var_z(S, i, &set, &lev);
            const level_set *L = set ? &S->ls : &S->lt;
            for (int p = L->start[lev]; p < L->start[lev + 1]; p++) {
                int j = L->idx[p];
                if (W.used[j]) continue;
                double de = move_de(&W, i, j);
                if (de < best.de) best = (move){de, a, j, -1, -1};
            }
            best_pair_moves(&W, a, &best);
        }
        if (best.a < 0) break;
        move_apply(&W, best.a, best.j);
        if (best.b >= 0) move_apply(&W, best.b, best.l);
        moves++;
    }
    double en = model_energy(S->m, W.sel, W.k);   /* afresh, not the sum of the dE */
    if (en < S->best - 1e-9) S->best = en, memcpy(S->best_sel, W.sel, W.k * sizeof *W.sel);
    free(W.used), free(W.w);
    return moves;
}

/* Height of variable i; also its set (0 Ti, 1 sites) and level when asked. */
static double var_z(const search *S, int i, int *lev_set, int *lev)
{
    const level_set *L = i < S->m->nt ? &S->lt : &S->ls;
    int l = S->lev_of[i];
    if (lev_set) *lev_set = i >= S->m->nt;
    if (lev) *lev = l;
    return L->z[l];
}

static int species_rank(int z)
{
    static const int order[] = {3, 13, 22, 15, 8};
    for (int k = 0; k < 5; k++)
        if (order[k] == z) return k;
    return 5;
}

/* Writes the chosen arrangement into s: Ti -> Al, Li appended, re-sorted by species. */
static void realise(structure *s, const energy_model *m, const int *sel, int k,
                    const double (*sites)[3], const unsigned char *site_fixed)
{
    int na = s->natoms, nli = 0;
    for (int a = 0; a < k; a++) nli += sel[a] >= m->nt;
    structure t;
    structure_alloc(&t, na + nli);
    memcpy(t.cell, s->cell, sizeof t.cell);
    memcpy(t.pbc, s->pbc, sizeof t.pbc);
    int *z = xmalloc((na + nli) * sizeof *z), n = na;
    double (*pos)[3] = xmalloc((size_t)(na + nli) * sizeof *pos);
    unsigned char *fix = xmalloc(na + nli);
    memcpy(z, s->numbers, na * sizeof *z);
    memcpy(pos, s->pos, (size_t)na * sizeof *pos);
    memcpy(fix, s->fixed, na);
    for (int a = 0; a < k; a++) {
        int i = sel[a];
        if (i < m->nt) {
            z[m->atom[i]] = 13;
        } else {
            z[n] = 3, fix[n] = site_fixed ? site_fixed[i - m->nt] : 0;
            memcpy(pos[n++], sites[i - m->nt], sizeof pos[0]);
        }
    }
    int w = 0;
    for (int r = 0; r <= 5; r++)
        for (int a = 0; a < n; a++)
            if (species_rank(z[a]) == r) {
                t.numbers[w] = z[a], t.fixed[w] = fix[a];
                memcpy(t.pos[w++], pos[a], sizeof pos[0]);
            }
    free(z), free(pos), free(fix);
    structure_free(s);
    *s = t;
}

static void search_free(search *S)
{
    levels_free(&S->lt), levels_free(&S->ls);
    comps_free(&S->ct), comps_free(&S->cs);
    free(S->order), free(S->prefix), free(S->lo), free(S->hi), free(S->weight), free(S->lev_of);
}

int slab_order_al_li(structure *s, const slab_order_opts *o, slab_order_report *r, err *e)
{
    memset(r, 0, sizeof *r);
    int nt = 0, *ti = xmalloc((s->natoms + 1) * sizeof *ti);
    for (int a = 0; a < s->natoms; a++)
        if (s->numbers[a] == 22) ti[nt++] = a;
    if (o->n < 1 || o->n > MAX_SUB || o->n > nt || o->n > o->nsites) {
        free(ti);
        return err_set(e, EXIT_BAD_INPUT, "%d Al and %d Li: this slab has %d Ti and %d cavity sites "
                       "(at most %d of each are ordered)", o->n, o->n, nt, o->nsites, MAX_SUB);
    }
    if (s->natoms + o->nsites > MAX_EWALD_SITES) {
        free(ti);
        return err_set(e, EXIT_BAD_INPUT, "%d atoms and %d cavity sites: too large to order Al/Li "
                       "(at most %d in all); use fewer --layers or a smaller --supercell",
                       s->natoms, o->nsites, MAX_EWALD_SITES);
    }
    r->n_raw = binom(nt, o->n) * binom(o->nsites, o->n);
    double *z = xmalloc((nt + o->nsites) * sizeof *z);
    for (int i = 0; i < nt; i++) z[i] = s->pos[ti[i]][2];
    for (int i = 0; i < o->nsites; i++) z[nt + i] = o->sites[i][2];
    search S = {.n = o->n, .best = INFINITY, .worst = -INFINITY};
    levels_make(&S.lt, z, 0, nt);
    levels_make(&S.ls, z, nt, o->nsites);
    free(z);
    if (comps_make(&S.ct, &S.lt, o->n) || comps_make(&S.cs, &S.ls, o->n)) {
        search_free(&S), free(ti);
        return err_set(e, EXIT_BAD_INPUT, "%d Al on %d Ti levels: too many level compositions "
                       "(more than %ld) to order; use a smaller slab or --x", o->n, S.lt.nlev,
                       MAX_COMPOSITIONS);
    }
    double d0 = slab_dipole_z(s);
    match(&S, d0, 1e-6 / BOHR_ANG);
    r->n_zero = S.total;
    if (S.total < 0.5) {
        r->no_zero_dipole = 1;
        search_free(&S), free(ti);
        return err_set(e, EXIT_BAD_INPUT, "none of the %.4g arrangements of %d Al on Ti sites and %d Li "
                       "on cavity sites has a zero dipole along z (host dipole %.4f e*A)", r->n_raw,
                       o->n, o->n, d0 * BOHR_ANG);
    }
    energy_model m;
    model_make(&m, s, ti, nt, o->sites, o->nsites);
    free(ti);
    S.m = &m;
    S.lev_of = xmalloc(m.nvar * sizeof *S.lev_of);
    for (int l = 0; l < S.lt.nlev; l++)
        for (int p = S.lt.start[l]; p < S.lt.start[l + 1]; p++) S.lev_of[S.lt.idx[p]] = l;
    for (int l = 0; l < S.ls.nlev; l++)
        for (int p = S.ls.start[l]; p < S.ls.start[l + 1]; p++) S.lev_of[S.ls.idx[p]] = l;
    long max_enum = o->max_enum > 0 ? o->max_enum : 2000000;
    if (S.total <= (double)max_enum) {
        enumerate_all(&S);
    } else {
        r->sampled = 1;
        sample(&S, o->nsample > 0 ? o->nsample : 200000);
        for (int t = 0; t < S.ntop; t++) r->descent_moves += descend(&S, S.top_sel[t]);
    }
    r->n_compared = S.compared;
    r->e_best_ev = (m.e0 + S.best) * HARTREE_EV;
    r->e_worst_ev = (m.e0 + S.worst) * HARTREE_EV;
    realise(s, &m, S.best_sel, 2 * o->n, o->sites, o->site_fixed);
    r->dipole = slab_dipole_z(s);
    model_free(&m);
    search_free(&S);
    return 0;
}
