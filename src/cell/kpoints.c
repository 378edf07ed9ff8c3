#include "cell/kpoints.h"
#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Distance of a fractional vector from the nearest lattice point (max norm). */
static double off_lattice(const double d[3])
{
    double worst = 0.0;
    for (int c = 0; c < 3; c++) {
        double r = fabs(d[c] - round(d[c]));
        if (r > worst) worst = r;
    }
    return worst;
}

/* Lookup of grid points by position modulo 1: keys are the coordinates wrapped into
 * [0, 1) and rounded to 1e-6 (grid points of any practical mesh are >= 1e-3 apart). */
typedef struct {
    long key[3];
    int index;
} kkey;

static void make_key(const double k[3], long key[3])
{
    for (int c = 0; c < 3; c++) {
        double x = k[c] - floor(k[c]);
        key[c] = lround(x * 1e6) % 1000000L;
    }
}

static int cmp_kkey(const void *pa, const void *pb)
{
    const kkey *a = pa, *b = pb;
    for (int c = 0; c < 3; c++)
        if (a->key[c] != b->key[c]) return a->key[c] < b->key[c] ? -1 : 1;
    return 0;
}

/* Grid index ≡ q (mod 1) within GPAW's tolerance, or -1. */
static int find_point(const kpoint_set *ks, const kkey *sorted, const double q[3], double tol)
{
    kkey probe;
    make_key(q, probe.key);
    const kkey *hit = bsearch(&probe, sorted, ks->nbz, sizeof *sorted, cmp_kkey);
    if (hit) return hit->index;
    for (int b = 0; b < ks->nbz; b++) {   /* rounding fell on a key boundary */
        double d[3] = {q[0] - ks->bz[b][0], q[1] - ks->bz[b][1], q[2] - ks->bz[b][2]};
        if (off_lattice(d) < tol) return b;
    }
    return -1;
}

static void drop_reduction(kpoint_set *ks)
{
    free(ks->k), free(ks->weight), free(ks->bz_to_ibz), free(ks->ibz_to_bz);
    free(ks->sym_k), free(ks->time_reversal_k);
    ks->k = NULL, ks->weight = NULL, ks->bz_to_ibz = ks->ibz_to_bz = ks->sym_k = ks->time_reversal_k = NULL;
    symmetry_free(&ks->sym);
}

/* bz2bz_ks (nbz x nops) of GPAW's map_k_points_fast: ops U_s, then -U_s with time reversal. */
static int *map_k_points(kpoint_set *ks, int nops, double tol)
{
    const symmetry *sym = &ks->sym;
    kkey *sorted = xmalloc(ks->nbz * sizeof *sorted);
    for (int b = 0; b < ks->nbz; b++) make_key(ks->bz[b], sorted[b].key), sorted[b].index = b;
    qsort(sorted, ks->nbz, sizeof *sorted, cmp_kkey);
    int *map = xmalloc((size_t)ks->nbz * nops * sizeof *map);
    ks->symmetric_grid = 1;
    for (int b = 0; b < ks->nbz; b++)
        for (int s = 0; s < nops; s++) {
            const int(*U)[3] = sym->op[s % sym->nsym];
            double sign = s < sym->nsym ? 1.0 : -1.0, q[3];
            for (int c = 0; c < 3; c++)
                q[c] = sign * (U[c][0] * ks->bz[b][0] + U[c][1] * ks->bz[b][1] + U[c][2] * ks->bz[b][2]);
            int t = find_point(ks, sorted, q, tol);
            map[(size_t)b * nops + s] = t;
            if (t < 0) ks->symmetric_grid = 0;
        }
    free(sorted);
    return map;
}

void kpoints_reduce(kpoint_set *ks, symmetry *sym)
{
    drop_reduction(ks);
    ks->sym = *sym;
    memset(sym, 0, sizeof *sym);
    int nsym = ks->sym.nsym;
    int tr = ks->sym.time_reversal && !ks->sym.has_inversion;
    int nops = tr ? 2 * nsym : nsym, nbz = ks->nbz;
    int *map = map_k_points(ks, nops, SYMMETRY_TOL);
    /* representatives: highest index of each orbit (GPAW walks the grid backwards) */
    int *bz2bz = xmalloc(nbz * sizeof *bz2bz);
    for (int b = 0; b < nbz; b++) bz2bz[b] = -1;
    ks->nk = 0;
    for (int b = nbz - 1; b >= 0; b--) {
        if (bz2bz[b] != -1) continue;
        for (int s = 0; s < nops; s++) {
            int t = map[(size_t)b * nops + s];
            if (t >= 0) bz2bz[t] = b;
        }
        bz2bz[b] = b;
        ks->nk++;
    }
    ks->ibz_to_bz = xmalloc(ks->nk * sizeof *ks->ibz_to_bz);
    ks->k = xmalloc(ks->nk * sizeof *ks->k);
    ks->weight = xcalloc(ks->nk, sizeof *ks->weight);
    ks->bz_to_ibz = xmalloc(nbz * sizeof *ks->bz_to_ibz);
    ks->sym_k = xmalloc(nbz * sizeof *ks->sym_k);
    ks->time_reversal_k = xmalloc(nbz * sizeof *ks->time_reversal_k);
    int *ibz_of = xmalloc(nbz * sizeof *ibz_of);
    for (int b = 0, q = 0; b < nbz; b++)
        if (bz2bz[b] == b) {
            ks->ibz_to_bz[q] = b, ibz_of[b] = q;
            memcpy(ks->k[q], ks->bz[b], sizeof ks->k[q]);
            q++;
        }
    for (int b = 0; b < nbz; b++) {
        int r = bz2bz[b], s = 0;
        ks->bz_to_ibz[b] = ibz_of[r];
        ks->weight[ibz_of[r]] += 1.0 / nbz;
        while (s < nops && map[(size_t)r * nops + s] != b) s++;
        ks->sym_k[b] = s % (nsym > 0 ? nsym : 1);
        ks->time_reversal_k[b] = s >= nsym && s < nops;
    }
    free(ibz_of);
    free(bz2bz);
    free(map);
}

void kpoints_monkhorst_pack(kpoint_set *ks, const int size[3], int gamma, int time_reversal)
{
    memset(ks, 0, sizeof *ks);
    ks->nbz = size[0] * size[1] * size[2];
    ks->bz = xmalloc(ks->nbz * sizeof *ks->bz);
    int b = 0;
    for (int i = 0; i < size[0]; i++)
        for (int j = 0; j < size[1]; j++)
            for (int l = 0; l < size[2]; l++, b++) {
                int idx[3] = {i, j, l};
                for (int c = 0; c < 3; c++) {
                    ks->bz[b][c] = (idx[c] + 0.5) / size[c] - 0.5;
                    if (gamma && size[c] % 2 == 0) ks->bz[b][c] += 0.5 / size[c];
                }
            }
    static const double unit[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    static const int pbc[3] = {1, 1, 1};
    symmetry id;
    symmetry_analyze(&id, unit, pbc, 0, NULL, NULL, 0, time_reversal, SYMMETRY_TOL, NULL);
    kpoints_reduce(ks, &id);
}

void kpoints_free(kpoint_set *ks)
{
    drop_reduction(ks);
    free(ks->bz);
    memset(ks, 0, sizeof *ks);
}

int kpoints_gamma_only(const kpoint_set *ks)
{
    return ks->nbz == 1 && off_lattice(ks->bz[0]) < 1e-12 &&
           fabs(ks->bz[0][0]) + fabs(ks->bz[0][1]) + fabs(ks->bz[0][2]) < 1e-12;
}
