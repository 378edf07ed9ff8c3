#include "build/slab.h"
#include "build/latp.h"
#include "build/slab_order.h"
#include "build/symmetry.h"
#include "cell/lattice.h"
#include "core/elements.h"
#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A unit: a cation, or a PO4 tetrahedron (P plus its four nearest O). */
typedef struct {
    int center;       /* atom index in the bulk */
    int natoms;
    int atoms[5];
    double q;         /* formal charge */
    double fz;        /* fractional z of the centre, in [0,1) */
} unit;

static double formal_q(int z)
{
    return z == 3 ? 1 : z == 13 ? 3 : z == 22 ? 4 : z == 15 ? 5 : z == 8 ? -2 : 0;
}

/* Minimum-image vector from a to b (bohr). */
static void mic(const double cell[3][3], const double a[3], const double b[3], double d[3])
{
    double r[3], f[3];
    for (int x = 0; x < 3; x++) r[x] = b[x] - a[x];
    lattice_to_fractional(cell, r, f);
    for (int x = 0; x < 3; x++) f[x] -= round(f[x]);
    lattice_to_cartesian(cell, f, d);
}

static int make_units(const structure *b, unit *u, err *e)
{
    int nu = 0, *owner = xmalloc(b->natoms * sizeof *owner);
    for (int a = 0; a < b->natoms; a++) owner[a] = -1;
    for (int a = 0; a < b->natoms; a++) {
        if (b->numbers[a] == 8) continue;
        unit *v = &u[nu];
        v->center = a, v->natoms = 1, v->atoms[0] = a, v->q = formal_q(b->numbers[a]);
        double f[3];
        lattice_to_fractional(b->cell, b->pos[a], f);
        v->fz = f[2] - floor(f[2]);
        owner[a] = nu++;
    }
    for (int o = 0; o < b->natoms; o++) {
        if (b->numbers[o] != 8) continue;
        int best = -1;
        double bd = 1e9;
        for (int a = 0; a < b->natoms; a++) {
            if (b->numbers[a] != 15) continue;
            double d[3];
            mic(b->cell, b->pos[a], b->pos[o], d);
            double r = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
            if (r < bd) bd = r, best = a;
        }
        unit *v = best >= 0 ? &u[owner[best]] : NULL;
        if (!v || v->natoms == 5 || bd > 1.8 / BOHR_ANG) {
            free(owner);
            return err_set(e, EXIT_INTERNAL, "O atom %d has no PO4 tetrahedron to belong to", o);
        }
        v->atoms[v->natoms++] = o;
        v->q += formal_q(8);
    }
    free(owner);
    return nu;
}

static const char *unit_name(const structure *b, const unit *u)
{
    return b->numbers[u->center] == 15 ? "PO4" : element_symbol(b->numbers[u->center]);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Distinct unit levels (fractional z modulo the period), sorted; returns their number. */
static int levels(const unit *u, int nu, double period, double *lev)
{
    double *z = xmalloc(nu * sizeof *z);
    for (int k = 0; k < nu; k++) z[k] = fmod(u[k].fz, period);
    qsort(z, nu, sizeof *z, cmp_double);
    int nl = 0;
    for (int k = 0; k < nu; k++)
        if (nl == 0 || z[k] - lev[nl - 1] > 1e-4) lev[nl++] = z[k];
    free(z);
    return nl;
}

/* One unit copy in the slab: cartesian positions (bohr) of its atoms. */
typedef struct {
    const unit *u;
    double shift[3];   /* added to the bulk (unwrapped) positions */
    double zc;         /* z of the centre */
} piece;

static int cmp_piece(const void *a, const void *b)
{
    double x = ((const piece *)a)->zc, y = ((const piece *)b)->zc;
    return (x > y) - (x < y);
}

/* Chooses which surface pieces to carry to the other side by +-T so that the dipole
 * sum q z vanishes: exhaustive over subsets of the top and bottom two levels. */
static int fix_dipole(piece *p, int np, const double T[3], double *dip)
{
    int cand[20], nc = 0;
    double zlo = p[0].zc, zhi = p[np - 1].zc;
    int lv_lo = 0, lv_hi = 0;
    for (int k = 0; k < np && nc < 10; k++) {           /* bottom two levels */
        if (k > 0 && p[k].zc - p[k - 1].zc > 1e-3) lv_lo++;
        if (lv_lo >= 2) break;
        cand[nc++] = k;
    }
    (void)zlo;
    int nb = nc;
    for (int k = np - 1; k >= 0 && nc < 20; k--) {      /* top two levels */
        if (k < np - 1 && p[k + 1].zc - p[k].zc > 1e-3) lv_hi++;
        if (lv_hi >= 2 || k < nb) break;
        cand[nc++] = k;
    }
    (void)zhi;
    double best = fabs(*dip);
    unsigned long bestmask = 0;
    int bestcount = 0;
    for (unsigned long m = 1; m < (1ul << nc); m++) {
        double d = *dip;
        int cnt = 0;
        for (int c = 0; c < nc; c++)
            if (m >> c & 1) d += p[cand[c]].u->q * (c < nb ? T[2] : -T[2]), cnt++;
        if (fabs(d) < best - 1e-9 || (fabs(d) < best + 1e-9 && bestmask && cnt < bestcount))
            best = fabs(d), bestmask = m, bestcount = cnt;
    }
    for (int c = 0; c < nc; c++)
        if (bestmask >> c & 1) {
            double s = c < nb ? 1.0 : -1.0;
            for (int x = 0; x < 3; x++) p[cand[c]].shift[x] += s * T[x];
            p[cand[c]].zc += s * T[2];
            *dip += p[cand[c]].u->q * s * T[2];
        }
    return bestcount;
}

static int species_rank(int z)
{
    static const int order[] = {3, 13, 22, 15, 8};
    for (int k = 0; k < 5; k++)
        if (order[k] == z) return k;
    return 5;
}

/* The M2 (18e) cavities of the hexagonal supercell b (sa x sb x 1 cells), fractional in
 * b: where the extra Li of Li(1+x)Al(x)Ti(2-x)(PO4)3 sit: the orbit of latp_m2_site
 * (build/latp.h) under R-3c. */
static int cavities_bulk(const int sc[2], double (*f)[3], err *e)
{
    symops ops;
    if (symops_from_database(&ops, HALL_R3C_HEXAGONAL, e)) return -1;
    double orb[192][3];
    int m = symops_orbit(&ops, latp_m2_site, 1e-6, orb, 192), n = 0;
    symops_free(&ops);
    if (m != 18) return err_set(e, EXIT_INTERNAL, "M2 orbit has %d sites, expected 18", m);
    for (int i = 0; i < sc[0]; i++)
        for (int j = 0; j < sc[1]; j++)
            for (int k = 0; k < m; k++, n++) {
                f[n][0] = (orb[k][0] + i) / sc[0];
                f[n][1] = (orb[k][1] + j) / sc[1];
                f[n][2] = orb[k][2];
            }
    return n;
}

/* The bulk pieces (units and their periodic copies along c) whose centre lies in
 * [z0, z0 + L), fractional along c; sorted by z. Returns their number. */
static int cut_pieces(const structure *b, const unit *u, int nu, double z0, double L, piece *p)
{
    int np = 0;
    for (int i = 0; i < nu; i++)
        for (int m = -1; m <= (int)ceil(L) + 1; m++) {
            double zz = u[i].fz + m;
            if (zz < z0 || zz >= z0 + L) continue;
            double f[3], c[3];
            lattice_to_fractional(b->cell, b->pos[u[i].center], f);
            f[2] = zz;
            lattice_to_cartesian(b->cell, f, c);
            p[np].u = &u[i];
            for (int x = 0; x < 3; x++) p[np].shift[x] = c[x] - b->pos[u[i].center][x];
            p[np++].zc = c[2];
        }
    qsort(p, np, sizeof *p, cmp_piece);
    return np;
}

/* Cavity sites of the slab (cartesian, before the vacuum shift): centre in [z0, z0 + L),
 * like the units, and no atom of the slab closer than 1.5 A (in-plane images included). */
static int cut_cavities(const structure *b, const structure *s, const int sc[2], double z0,
                        double L, double (*site)[3], err *e)
{
    double (*f)[3] = xmalloc(18 * sc[0] * sc[1] * sizeof *f);
    int nf = cavities_bulk(sc, f, e), n = 0;
    for (int k = 0; k < nf; k++)
        for (int m = -1; m <= (int)ceil(L) + 1; m++) {
            double g[3] = {f[k][0], f[k][1], f[k][2] + m}, c[3], dmin = INFINITY;
            if (g[2] < z0 || g[2] >= z0 + L) continue;
            lattice_to_cartesian(b->cell, g, c);
            for (int a = 0; a < s->natoms; a++) {
                double d[3];
                mic(b->cell, c, s->pos[a], d);   /* in-plane images; z differences stay < c */
                d[2] = s->pos[a][2] - c[2];
                double r = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]);
                if (r < dmin) dmin = r;
            }
            if (dmin >= 1.5 / BOHR_ANG) memcpy(site[n++], c, sizeof c);
        }
    free(f);
    return nf < 0 ? -1 : n;
}

/* The slab's atoms: each piece's atoms unwrapped around its centre, sorted by species;
 * fixed when the piece's centre lies below z_fix. Cell and vacuum are set later. */
static void assemble(const structure *b, const piece *p, int np, double z_fix, structure *s, int *n_fixed)
{
    int na = 0;
    for (int i = 0; i < np; i++) na += p[i].u->natoms;
    structure_alloc(s, na);
    int a = 0;
    *n_fixed = 0;
    for (int rk = 0; rk <= 5; rk++)
        for (int i = 0; i < np; i++)
            for (int t = 0; t < p[i].u->natoms; t++) {
                int src = p[i].u->atoms[t];
                if (species_rank(b->numbers[src]) != rk) continue;
                double d[3];
                mic(b->cell, b->pos[p[i].u->center], b->pos[src], d);
                s->numbers[a] = b->numbers[src];
                for (int x = 0; x < 3; x++)
                    s->pos[a][x] = b->pos[p[i].u->center][x] + d[x] + p[i].shift[x];
                s->fixed[a] = p[i].zc < z_fix;
                *n_fixed += s->fixed[a];
                a++;
            }
}

/* Cell: in-plane vectors of the bulk, vacuum along z; atoms (and sites) shifted so that
 * the lowest atom sits vacuum/2 above z = 0. */
static void set_cell(const structure *b, double vacuum, structure *s, double (*site)[3], int nsite)
{
    double zmin = INFINITY, zmax = -INFINITY;
    for (int a = 0; a < s->natoms; a++) {
        if (s->pos[a][2] < zmin) zmin = s->pos[a][2];
        if (s->pos[a][2] > zmax) zmax = s->pos[a][2];
    }
    for (int a = 0; a < s->natoms; a++) s->pos[a][2] += 0.5 * vacuum - zmin;
    for (int k = 0; k < nsite; k++) site[k][2] += 0.5 * vacuum - zmin;
    for (int x = 0; x < 3; x++) s->cell[0][x] = b->cell[0][x], s->cell[1][x] = b->cell[1][x];
    s->cell[2][0] = s->cell[2][1] = 0.0;
    s->cell[2][2] = zmax - zmin + vacuum;
    s->pbc[0] = s->pbc[1] = 1, s->pbc[2] = 0;
}

/* Al/Li ordering of the LiTi2(PO4)3 slab s (build/slab_order.h) for its F formula units:
 * n_Al = round(x F), or, when no arrangement of that many has zero dipole, the nearer of
 * round(x F) -+ 1 that has one, if its x is within X_SLACK of the x asked. Li put on
 * cavities below z_fix are fixed. */
#define X_SLACK 0.1
static int order_slab(const slab_opts *o, structure *s, double (*site)[3], int nsite, double z_fix,
                      slab_report *r, err *e)
{
    int f = r->formula_units, n0 = (int)floor(o->x * f + 0.5);
    unsigned char *fx = xmalloc(nsite + 1);
    for (int k = 0; k < nsite; k++) fx[k] = site[k][2] < z_fix;
    slab_order_opts so = {.sites = (const double(*)[3])site, .site_fixed = fx, .nsites = nsite,
                          .max_enum = o->max_enum};
    double want = o->x * f;
    int cand[3] = {n0, want < n0 ? n0 - 1 : n0 + 1, want < n0 ? n0 + 1 : n0 - 1}, rc = -1;
    char why[sizeof e->msg] = "", others[128] = "";
    for (int k = 0, len = 0; k < 3 && rc; k++) {
        int n = cand[k];
        if (n < 1 || n > f) continue;
        if (k > 0 && fabs((double)n / f - o->x) > X_SLACK + 1e-12) {
            len += snprintf(others + len, sizeof others - len, "%s--x %.4g (%d Al)", len ? ", " : "",
                            (double)n / f, n);
            continue;
        }
        err e1 = {0};
        so.n = n;
        rc = slab_order_al_li(s, &so, &r->order, &e1);
        if (rc && k == 0) snprintf(why, sizeof why, "%s", e1.msg);
        if (rc && !r->order.no_zero_dipole) {   /* not a dipole problem: stop here */
            free(fx);
            return err_set(e, e1.status, "--x %g (%d Al in %d formula units): %s", o->x, n, f, e1.msg);
        }
        if (rc == 0) r->n_al = n;
    }
    free(fx);
    if (rc == 0) {
        r->x_used = (double)r->n_al / f;
        return 0;
    }
    return err_set(e, EXIT_BAD_INPUT,
                   "--x %g (%d Al in %d formula units): %s, nor has one Al more or less within %g of x%s%s%s; "
                   "try another --x, --termination or --supercell, or --allow-dipole to cut the ordered "
                   "bulk instead", o->x, n0, f, why, X_SLACK, *others ? " (not tried, farther: " : "", others,
                   *others ? ")" : "");
}

/* Checks what can be checked before the cavities are cut: some Al, not too many, not too
 * many atoms. Sets r->formula_units. */
static int order_precheck(const slab_opts *o, const structure *s, slab_report *r, err *e)
{
    int np = 0;
    for (int a = 0; a < s->natoms; a++) np += s->numbers[a] == 15;
    int f = r->formula_units = np / 3, n0 = (int)floor(o->x * f + 0.5);
    if (n0 == 0 && o->x * f < 0.5)
        return err_set(e, EXIT_BAD_INPUT, "--x %g: this slab has %d formula units, so x = %g "
                       "gives no Al; the smallest x > 0 it can hold is 1/%d = %.4g",
                       o->x, f, o->x, f, 1.0 / f);
    if (n0 > SLAB_ORDER_MAX_SUB || s->natoms > SLAB_ORDER_MAX_ATOMS)
        return err_set(e, EXIT_BAD_INPUT, "--x %g: %d Al in a slab of %d atoms is more than the Al/Li "
                       "ordering handles (%d Al, %d atoms and cavities); use fewer --layers or a smaller "
                       "--supercell, or --allow-dipole", o->x, n0, s->natoms, SLAB_ORDER_MAX_SUB,
                       SLAB_ORDER_MAX_ATOMS);
    return 0;
}

/* Al and Li into the LiTi2(PO4)3 slab s just assembled (before set_cell): cavities cut
 * from the bulk b like the units ([z0, z0 + L) along c), the cell set, the ordering done.
 * Frees s on failure. */
static int order_in_slab(const slab_opts *o, const structure *b, double z0, double L, double z_fix,
                         structure *s, slab_report *r, err *e)
{
    if (order_precheck(o, s, r, e)) return structure_free(s), -1;
    double (*site)[3] = xmalloc((size_t)18 * o->supercell[0] * o->supercell[1] * (o->layers + 3) * sizeof *site);
    int nsite = cut_cavities(b, s, o->supercell, z0, L, site, e);
    if (nsite < 0) return free(site), structure_free(s), -1;
    double zmin = INFINITY;
    for (int a = 0; a < s->natoms; a++) zmin = fmin(zmin, s->pos[a][2]);
    set_cell(b, o->vacuum, s, site, nsite);
    z_fix += 0.5 * o->vacuum - zmin;   /* set_cell's shift */
    if (order_slab(o, s, site, nsite, z_fix, r, e)) return free(site), structure_free(s), -1;
    free(site);
    r->dipole = slab_dipole_z(s);
    r->n_fixed = 0;
    for (int a = 0; a < s->natoms; a++) r->n_fixed += s->fixed[a];
    return 0;
}

/* "PO4 | Ti": the units just below and above cut plane k (between levels k and k + 1). */
static void name_termination(const structure *b, const unit *u, int nu, const double *lev, int nl,
                             int k, double period, char *out, size_t n)
{
    double hi = k + 1 < nl ? lev[k + 1] : lev[0] + period;
    const char *below = "?", *above = "?";
    for (int i = 0; i < nu; i++) {
        double zz = fmod(u[i].fz, period);
        if (fabs(zz - lev[k]) < 1e-4) below = unit_name(b, &u[i]);
        if (fabs(zz - fmod(hi, period)) < 1e-4) above = unit_name(b, &u[i]);
    }
    snprintf(out, n, "%s | %s", below, above);
}

int slab_latp001(const slab_opts *o, structure *s, slab_report *r, err *e)
{
    memset(r, 0, sizeof *r);
    /* With --allow-dipole and Al, the ordered bulk is cut (whole hexagonal cells); otherwise
     * the LiTi2(PO4)3 slab is cut and Al/Li are ordered inside it. */
    int bulk_ordered = o->x > 0 && o->allow_dipole, per = bulk_ordered ? 3 : 1;
    if (o->layers < 1 || o->layers % per)
        return err_set(e, EXIT_BAD_INPUT,
                       "--layers %d: with Al (x = %g) and --allow-dipole the ordered bulk is cut, so "
                       "the slab must be a whole number of hexagonal cells thick, i.e. a multiple of "
                       "3 layers", o->layers, o->x);
    if (o->fix_layers < 0 || o->fix_layers >= o->layers)
        return err_set(e, EXIT_BAD_INPUT, "--fix %d: must be 0..%d for a %d-layer slab", o->fix_layers,
                       o->layers - 1, o->layers);
    structure b;
    latp_report lr;
    latp_opts lo = {.x = bulk_ordered ? o->x : 0.0, .rep = {o->supercell[0], o->supercell[1], 1}};
    if (latp_build(&lo, &b, &lr, e)) return -1;
    unit *u = xmalloc(b.natoms * sizeof *u);
    int nu = make_units(&b, u, e);
    if (nu < 0) return free(u), structure_free(&b), -1;

    double period = per / 3.0, lev[4096];
    int nl = levels(u, nu, period, lev);
    r->n_terminations = nl;
    if (o->termination < 0 || o->termination >= nl) {
        free(u), structure_free(&b);
        return err_set(e, EXIT_BAD_INPUT, "--termination %d: this bulk has terminations 0..%d",
                       o->termination, nl - 1);
    }
    int k = o->termination;
    double hi = k + 1 < nl ? lev[k + 1] : lev[0] + period, z0 = 0.5 * (lev[k] + hi);
    name_termination(&b, u, nu, lev, nl, k, period, r->termination, sizeof r->termination);

    double L = o->layers / 3.0;
    piece *p = xmalloc((size_t)nu * (o->layers / per + 3) * sizeof *p);
    int np = cut_pieces(&b, u, nu, z0, L, p);

    /* The bulk translation spanning the slab: N t with t = (2/3,1/3,1/3) of the 1x1 cell
     * (a lattice vector of R-3c), or whole c vectors when Al breaks the R centring. */
    double T[3];
    for (int x = 0; x < 3; x++)
        T[x] = per == 3 ? (o->layers / 3) * b.cell[2][x]
                        : o->layers * (2.0 / 3 * b.cell[0][x] / o->supercell[0] +
                                       1.0 / 3 * b.cell[1][x] / o->supercell[1] + 1.0 / 3 * b.cell[2][x]);
    double dip = 0.0, zref = z0 * b.cell[2][2];
    for (int i = 0; i < np; i++) dip += p[i].u->q * (p[i].zc - zref);
    r->dipole_before = dip;
    if (!o->allow_dipole) r->moved = fix_dipole(p, np, T, &dip);
    r->dipole = dip;
    int order = o->x > 0 && !bulk_ordered;
    if (!o->allow_dipole && !order && fabs(dip) > 1e-6 / BOHR_ANG) {
        double d_ea = dip * BOHR_ANG;
        free(p), free(u), structure_free(&b);
        return err_set(e, EXIT_BAD_INPUT,
                       "termination %d with --supercell %d %d, --x %g: moving surface units leaves a "
                       "formal-charge dipole of %.3f e*A; try --supercell 2 1, another "
                       "--termination, or --allow-dipole to keep it",
                       o->termination, o->supercell[0], o->supercell[1], o->x, d_ea);
    }
    /* Units moved down by the dipole fix sit below zref: with no fixed layer none is fixed. */
    double z_fix = o->fix_layers > 0 ? zref + o->fix_layers * b.cell[2][2] / 3.0 : -INFINITY;
    assemble(&b, p, np, z_fix, s, &r->n_fixed);
    free(p), free(u);
    int rc = 0;
    if (order) rc = order_in_slab(o, &b, z0, L, z_fix, s, r, e);
    else set_cell(&b, o->vacuum, s, NULL, 0);
    structure_free(&b);
    return rc;
}
