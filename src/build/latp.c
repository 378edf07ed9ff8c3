/* LiTi2(PO4)3 and ordered Li(1+x)Al(x)Ti(2-x)(PO4)3 models.
 *
 * Crystal data (hexagonal axes of R-3c, Angstrom). See potentials/latp_LiTi2PO43.md for
 * the provenance and its limits:
 *   cell a = 8.512, c = 20.858: Aono, Sugimoto, Sadaoka, Imanaka, Adachi,
 *     J. Electrochem. Soc. 137 (1990) 1023, doi:10.1149/1.2086597 (as tabulated in the
 *     OBELiX data set, entry "qea").
 *   Wyckoff positions: the NASICON LiTi2(PO4)3 site set Li 6b, Ti 12c, P 18e, O1/O2 36f,
 *     NOT a published refinement: refined by distance least squares to the bond-valence
 *     bond lengths Ti-O 1.965 A and P-O 1.534 A (Brese & O'Keeffe, Acta Cryst. B47 (1991)
 *     192). The refinement to use instead is Arbi et al., Inorg. Chem. (2013),
 *     doi:10.1021/ic400577v (neutron, ICSD 118128); its coordinates could not be
 *     retrieved here (where we looked: potentials/latp_LiTi2PO43.md). COD 2002926,
 *     cited before, is not LiTi2(PO4)3.
 *   Interstitial M2 site of NASICON, 18e (x,0,1/4), x = 0.64: the cavity centre between
 *     the lanterns, where the extra Li of Al-substituted LATP is found (e.g. Redhammer et
 *     al., Solid State Sci. 60 (2016) 99, doi:10.1016/j.solidstatesciences.2016.08.011;
 *     Arbi et al., Inorg. Chem. 52 (2013) 9290). */
#include "build/latp.h"
#include "build/ewald.h"
#include "build/symmetry.h"
#include "cell/lattice.h"
#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double ltp_a_ang = 8.512, ltp_c_ang = 20.858;

typedef struct {
    int z;
    double f[3];
    int mult;
} wyckoff;

static const wyckoff ltp_sites[] = {
    {3, {0.0, 0.0, 0.0}, 6},                 /* Li  6b  (M1) */
    {22, {0.0, 0.0, 0.1360}, 12},            /* Ti 12c */
    {15, {0.2890, 0.0, 0.25}, 18},           /* P  18e */
    {8, {0.1876, -0.0090, 0.1881}, 36},      /* O1 36f */
    {8, {0.1881, 0.1664, 0.0762}, 36},       /* O2 36f */
};
const double latp_m2_site[3] = {0.64, 0.0, 0.25}; /* M2 18e */

static void hex_cell(double cell[3][3], double a, double c)
{
    memset(cell, 0, 9 * sizeof(double));
    cell[0][0] = a;
    cell[1][0] = -0.5 * a, cell[1][1] = 0.5 * sqrt(3.0) * a;
    cell[2][2] = c;
}

/* Appends the orbit of one Wyckoff site; checks its multiplicity against the tables. */
static int add_orbit(const symops *ops, const wyckoff *w, int *n, double (*frac)[3], int *z,
                     int max, err *e)
{
    double orb[192][3];
    int m = symops_orbit(ops, w->f, 1e-6, orb, 192);
    if (m != w->mult)
        return err_set(e, EXIT_INTERNAL, "Wyckoff expansion of Z=%d gave %d sites, expected %d",
                       w->z, m, w->mult);
    if (*n + m > max) return err_set(e, EXIT_INTERNAL, "too many atoms in Wyckoff expansion");
    for (int k = 0; k < m; k++) {
        memcpy(frac[*n], orb[k], sizeof orb[k]);
        z[(*n)++] = w->z;
    }
    return 0;
}

int latp_ltp_bulk(structure *s, err *e)
{
    symops ops;
    if (symops_from_database(&ops, HALL_R3C_HEXAGONAL, e)) return -1;
    double frac[108][3];
    int z[108], n = 0;
    for (size_t w = 0; w < sizeof ltp_sites / sizeof *ltp_sites; w++)
        if (add_orbit(&ops, &ltp_sites[w], &n, frac, z, 108, e)) return symops_free(&ops), -1;
    symops_free(&ops);
    structure_alloc(s, n);
    hex_cell(s->cell, ltp_a_ang / BOHR_ANG, ltp_c_ang / BOHR_ANG);
    for (int k = 0; k < 3; k++) s->pbc[k] = 1;
    for (int a = 0; a < n; a++) {
        s->numbers[a] = z[a];
        lattice_to_cartesian(s->cell, frac[a], s->pos[a]);
    }
    return 0;
}

/* M2 (18e) interstitial positions of the hexagonal cell, fractional. */
static int m2_positions(double (*out)[3], err *e)
{
    symops ops;
    if (symops_from_database(&ops, HALL_R3C_HEXAGONAL, e)) return -1;
    int m = symops_orbit(&ops, latp_m2_site, 1e-6, out, 192);
    symops_free(&ops);
    if (m != 18) return err_set(e, EXIT_INTERNAL, "M2 orbit has %d sites, expected 18", m);
    return m;
}

/* Repeats s rep[0] x rep[1] x rep[2] times (in place). */
static void repeat_structure(structure *s, const int rep[3])
{
    int nc = rep[0] * rep[1] * rep[2];
    if (nc == 1) return;
    structure big;
    structure_alloc(&big, s->natoms * nc);
    for (int k = 0; k < 3; k++) {
        for (int x = 0; x < 3; x++) big.cell[k][x] = rep[k] * s->cell[k][x];
        big.pbc[k] = s->pbc[k];
    }
    int n = 0;
    for (int i = 0; i < rep[0]; i++)
        for (int j = 0; j < rep[1]; j++)
            for (int l = 0; l < rep[2]; l++)
                for (int a = 0; a < s->natoms; a++, n++) {
                    big.numbers[n] = s->numbers[a];
                    big.fixed[n] = s->fixed[a];
                    for (int x = 0; x < 3; x++)
                        big.pos[n][x] = s->pos[a][x] + i * s->cell[0][x] + j * s->cell[1][x] +
                                        l * s->cell[2][x];
                }
    structure_free(s);
    *s = big;
}

static double formal_charge(int z)
{
    switch (z) {
    case 3: return 1.0;
    case 13: return 3.0;
    case 22: return 4.0;
    case 15: return 5.0;
    case 8: return -2.0;
    default: return 0.0;
    }
}

/* The configuration problem: choose n_al of the nt Ti sites and n_li of the nm M2 sites.
 * Energies use E = E0 + sum_i d_i v_i + 1/2 sum_ij d_i d_j phi_ij over the changed sites,
 * with d = -1 (Ti4+ -> Al3+) or +1 (empty -> Li+) and v = phi q0 (the potential of
 * the unsubstituted crystal). Sites 0..nt-1 are Ti, nt..nt+nm-1 are M2. */
typedef struct {
    int nt, nm, nvar;
    int n_al, n_li;
    double *phi;      /* nvar x nvar */
    double *v;        /* nvar */
    int nops;
    int *perm;        /* nops x nvar: image of each variable site under each operation */
    int *var;         /* nvar: index of each variable site in the parent structure */
} config_space;

static double config_energy(const config_space *c, const int *sel, int k)
{
    double e = 0.0;
    for (int a = 0; a < k; a++) {
        int i = sel[a];
        double di = i < c->nt ? -1.0 : 1.0;
        e += di * c->v[i];
        for (int b = 0; b < k; b++) {
            int j = sel[b];
            double dj = j < c->nt ? -1.0 : 1.0;
            e += 0.5 * di * dj * c->phi[i * c->nvar + j];
        }
    }
    return e;
}

static int cmp_int(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

/* 1 if sel (sorted) is the lexicographically smallest image under the operations. */
static int is_canonical(const config_space *c, const int *sel, int k)
{
    int img[64];
    for (int o = 0; o < c->nops; o++) {
        const int *p = c->perm + (size_t)o * c->nvar;
        for (int a = 0; a < k; a++) img[a] = p[sel[a]];
        qsort(img, k, sizeof *img, cmp_int);
        for (int a = 0; a < k; a++) {
            if (img[a] < sel[a]) return 0;
            if (img[a] > sel[a]) break;
        }
    }
    return 1;
}

/* Next k-subset of {lo..hi-1} in lexicographic order; 0 when exhausted. */
static int next_subset(int *s, int k, int lo, int hi)
{
    int i = k - 1;
    while (i >= 0 && s[i] == hi - k + i) i--;
    if (i < 0) return 0;
    s[i]++;
    for (int j = i + 1; j < k; j++) s[j] = s[j - 1] + 1;
    (void)lo;
    return 1;
}

static double binom(int n, int k)
{
    double r = 1.0;
    for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
    return r;
}

typedef struct {
    double best, worst;
    int best_sel[64];
    long tried;
} search_result;

static void consider(const config_space *c, const int *sel, int k, search_result *r)
{
    if (!is_canonical(c, sel, k)) return;
    double en = config_energy(c, sel, k);
    r->tried++;
    if (en < r->best - 1e-9) r->best = en, memcpy(r->best_sel, sel, k * sizeof *sel);
    if (en > r->worst) r->worst = en;
}

static void search_all(const config_space *c, search_result *r)
{
    int k = c->n_al + c->n_li, sel[64], ti[32], mm[32];
    for (int a = 0; a < c->n_al; a++) ti[a] = a;
    do {
        for (int b = 0; b < c->n_li; b++) mm[b] = c->nt + b;
        do {
            memcpy(sel, ti, c->n_al * sizeof *sel);
            memcpy(sel + c->n_al, mm, c->n_li * sizeof *sel);
            consider(c, sel, k, r);
        } while (next_subset(mm, c->n_li, c->nt, c->nt + c->nm));
    } while (next_subset(ti, c->n_al, 0, c->nt));
}

/* Deterministic sample (xorshift64, fixed seed) when exhaustive search is too long. */
static void search_sample(const config_space *c, long nsample, search_result *r)
{
    uint64_t st = 0x9E3779B97F4A7C15ull;
    int k = c->n_al + c->n_li, sel[64];
    for (long t = 0; t < nsample; t++) {
        for (int a = 0; a < k; a++) {
            int lo = a < c->n_al ? 0 : c->nt, n = a < c->n_al ? c->nt : c->nm, i, dup;
            do {
                st ^= st << 13, st ^= st >> 7, st ^= st << 17;
                i = lo + (int)(st % (uint64_t)n);
                dup = 0;
                for (int b = 0; b < a; b++) dup |= sel[b] == i;
            } while (dup);
            sel[a] = i;
        }
        qsort(sel, c->n_al, sizeof *sel, cmp_int);
        qsort(sel + c->n_al, c->n_li, sizeof *sel, cmp_int);
        double en = config_energy(c, sel, k);
        r->tried++;
        if (en < r->best - 1e-9) r->best = en, memcpy(r->best_sel, sel, k * sizeof *sel);
        if (en > r->worst) r->worst = en;
    }
}

/* Sets up variable sites, their symmetry permutations and the Ewald quantities.
 * `parent` holds the crystal with M2 sites as dummy atoms (Z = 0) appended. */
static int config_setup(config_space *c, const structure *parent, err *e)
{
    int n = parent->natoms, *var = xmalloc(n * sizeof *var);
    c->nt = c->nm = 0;
    for (int a = 0; a < n; a++)
        if (parent->numbers[a] == 22) var[c->nt++] = a;
    for (int a = 0; a < n; a++)
        if (parent->numbers[a] == 0) var[c->nt + c->nm++] = a;
    c->nvar = c->nt + c->nm;

    /* Symmetry of the parent (spglib wants distinct types: dummy M2 gets type 200). */
    structure typed;
    structure_copy(&typed, parent);
    for (int a = 0; a < n; a++)
        if (typed.numbers[a] == 0) typed.numbers[a] = 200;
    symops ops;
    int rc = symops_of_structure(&ops, &typed, 1e-2, e);
    structure_free(&typed);
    if (rc) return free(var), -1;
    c->nops = ops.n;
    c->perm = xmalloc((size_t)ops.n * c->nvar * sizeof *c->perm);
    for (int o = 0; o < ops.n; o++)
        for (int i = 0; i < c->nvar; i++) {
            double f[3], g[3];
            lattice_to_fractional(parent->cell, parent->pos[var[i]], f);
            for (int x = 0; x < 3; x++) {
                g[x] = ops.trans[o][x];
                for (int y = 0; y < 3; y++) g[x] += ops.rot[o][x][y] * f[y];
            }
            int a = structure_find_frac(parent, g, 1e-4), j = -1;
            for (int t = 0; t < c->nvar && a >= 0; t++)
                if (var[t] == a) j = t;
            if (j < 0) {
                symops_free(&ops);
                free(var);
                return err_set(e, EXIT_INTERNAL, "symmetry operation %d does not map site %d onto a site", o, i);
            }
            c->perm[(size_t)o * c->nvar + i] = j;
        }
    symops_free(&ops);

    /* Ewald matrix of all sites; q0 = formal charges, M2 empty. */
    double *phi = xmalloc((size_t)n * n * sizeof *phi), *q0 = xmalloc(n * sizeof *q0);
    ewald_matrix(parent->cell, (const double(*)[3])parent->pos, n, phi);
    for (int a = 0; a < n; a++) q0[a] = formal_charge(parent->numbers[a]);
    c->phi = xmalloc((size_t)c->nvar * c->nvar * sizeof *c->phi);
    c->v = xcalloc(c->nvar, sizeof *c->v);
    for (int i = 0; i < c->nvar; i++) {
        for (int j = 0; j < c->nvar; j++) c->phi[i * c->nvar + j] = phi[(size_t)var[i] * n + var[j]];
        for (int b = 0; b < n; b++) c->v[i] += phi[(size_t)var[i] * n + b] * q0[b];
    }
    free(phi);
    free(q0);
    c->var = var;
    return 0;
}

static void config_free(config_space *c)
{
    free(c->phi), free(c->v), free(c->perm), free(c->var);
    memset(c, 0, sizeof *c);
}

/* Order of elements in the written structure. */
static int species_rank(int z)
{
    static const int order[] = {3, 13, 22, 15, 8};
    for (int k = 0; k < 5; k++)
        if (order[k] == z) return k;
    return 5;
}

/* Builds the final structure from the parent and the chosen sites, sorted by species. */
static void realise(const structure *parent, const config_space *c, const int *sel, structure *s)
{
    int n = parent->natoms, *z = xmalloc(n * sizeof *z), nkeep = 0;
    for (int a = 0; a < n; a++) z[a] = parent->numbers[a];
    for (int k = 0; k < c->n_al + c->n_li; k++) {
        int a = c->var[sel[k]];
        z[a] = z[a] == 22 ? 13 : 3;
    }
    for (int a = 0; a < n; a++) nkeep += z[a] != 0;
    structure_alloc(s, nkeep);
    memcpy(s->cell, parent->cell, sizeof s->cell);
    memcpy(s->pbc, parent->pbc, sizeof s->pbc);
    int m = 0;
    for (int r = 0; r < 5; r++)
        for (int a = 0; a < n; a++)
            if (z[a] != 0 && species_rank(z[a]) == r) {
                s->numbers[m] = z[a];
                memcpy(s->pos[m++], parent->pos[a], sizeof s->pos[0]);
            }
    free(z);
}

/* The crystal repeated, with the M2 sites appended as dummy atoms (Z = 0). */
static int parent_structure(const int rep[3], structure *parent, err *e)
{
    structure ltp;
    if (latp_ltp_bulk(&ltp, e)) return -1;
    double m2[192][3];
    int nm = m2_positions(m2, e);
    if (nm < 0) return structure_free(&ltp), -1;
    structure cell;
    structure_alloc(&cell, ltp.natoms + nm);
    memcpy(cell.cell, ltp.cell, sizeof cell.cell);
    memcpy(cell.pbc, ltp.pbc, sizeof cell.pbc);
    memcpy(cell.numbers, ltp.numbers, ltp.natoms * sizeof *cell.numbers);
    memcpy(cell.pos, ltp.pos, ltp.natoms * sizeof *cell.pos);
    for (int k = 0; k < nm; k++) {
        cell.numbers[ltp.natoms + k] = 0;
        lattice_to_cartesian(cell.cell, m2[k], cell.pos[ltp.natoms + k]);
    }
    structure_free(&ltp);
    repeat_structure(&cell, rep);
    *parent = cell;
    return 0;
}

int latp_build(const latp_opts *o, structure *s, latp_report *rep, err *e)
{
    memset(rep, 0, sizeof *rep);
    int ncell = o->rep[0] * o->rep[1] * o->rep[2];
    if (o->x < 0.0 || o->x > 1.0)
        return err_set(e, EXIT_BAD_INPUT, "--x %g: Al content must be between 0 and 1", o->x);
    double nal = o->x * 6.0 * ncell;
    if (fabs(nal - round(nal)) > 1e-6)
        return err_set(e, EXIT_BAD_INPUT,
                       "--x %g: x times 6 formula units times %d cells = %g is not a whole number of Al atoms",
                       o->x, ncell, nal);
    rep->n_al = rep->n_li_extra = (int)round(nal);
    if (rep->n_al > 32)
        return err_set(e, EXIT_BAD_INPUT, "--x %g: %d Al atoms is more than this builder orders (32)",
                       o->x, rep->n_al);
    if (rep->n_al == 0) {   /* LiTi2(PO4)3: nothing to order */
        if (latp_ltp_bulk(s, e)) return -1;
        repeat_structure(s, o->rep);
        int n = s->natoms;
        double *q = xmalloc(n * sizeof *q);
        for (int a = 0; a < n; a++) q[a] = formal_charge(s->numbers[a]);
        rep->e_best_ev = rep->e_worst_ev =
            ewald_energy(s->cell, (const double(*)[3])s->pos, q, n) * HARTREE_EV;
        free(q);
        rep->n_candidates = rep->n_raw = 1;
        return 0;
    }
    structure parent;
    if (parent_structure(o->rep, &parent, e)) return -1;
    config_space c = {0};
    if (config_setup(&c, &parent, e)) return structure_free(&parent), -1;
    c.n_al = c.n_li = rep->n_al;
    search_result r = {.best = INFINITY, .worst = -INFINITY};
    rep->n_raw = (long)(binom(c.nt, c.n_al) * binom(c.nm, c.n_li));
    long max_enum = o->max_enum > 0 ? o->max_enum : 2000000;
    if (binom(c.nt, c.n_al) * binom(c.nm, c.n_li) <= (double)max_enum) {
        search_all(&c, &r);
    } else {
        rep->sampled = 1;
        rep->n_raw = -1;
        search_sample(&c, 200000, &r);
    }
    rep->n_candidates = r.tried;
    /* Energies relative to nothing: add the constant 1/2 q0 phi q0 for reporting. */
    double e0 = 0.0;
    {
        int n = parent.natoms;
        double *q = xmalloc(n * sizeof *q);
        for (int a = 0; a < n; a++) q[a] = formal_charge(parent.numbers[a]);
        e0 = ewald_energy(parent.cell, (const double(*)[3])parent.pos, q, n);
        free(q);
    }
    rep->e_best_ev = (e0 + r.best) * HARTREE_EV;
    rep->e_worst_ev = (e0 + r.worst) * HARTREE_EV;
    realise(&parent, &c, r.best_sel, s);
    config_free(&c);
    structure_free(&parent);
    return 0;
}
