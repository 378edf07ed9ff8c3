#include "build/slab.h"
#include "build/latp.h"
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

int slab_latp001(const slab_opts *o, structure *s, slab_report *r, err *e)
{
    memset(r, 0, sizeof *r);
    int per = o->x > 0 ? 3 : 1;   /* layers per bulk period along z */
    if (o->layers < 1 || o->layers % per)
        return err_set(e, EXIT_BAD_INPUT,
                       "--layers %d: with Al (x = %g) the slab must be a whole number of hexagonal "
                       "cells thick, i.e. a multiple of 3 layers", o->layers, o->x);
    if (o->fix_layers < 0 || o->fix_layers >= o->layers)
        return err_set(e, EXIT_BAD_INPUT, "--fix %d: must be 0..%d for a %d-layer slab", o->fix_layers,
                       o->layers - 1, o->layers);
    structure b;
    latp_report lr;
    latp_opts lo = {.x = o->x, .rep = {o->supercell[0], o->supercell[1], 1}};
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
    const char *below = "?", *above = "?";
    for (int i = 0; i < nu; i++) {
        double zz = fmod(u[i].fz, period);
        if (fabs(zz - lev[k]) < 1e-4) below = unit_name(&b, &u[i]);
        if (fabs(zz - fmod(hi, period)) < 1e-4) above = unit_name(&b, &u[i]);
    }
    snprintf(r->termination, sizeof r->termination, "%s | %s", below, above);

    /* Pieces with centre in [z0, z0 + L). */
    double L = o->layers / 3.0;
    piece *p = xmalloc((size_t)nu * (o->layers / per + 3) * sizeof *p);
    int np = 0;
    for (int i = 0; i < nu; i++)
        for (int m = -1; m <= (int)ceil(L) + 1; m++) {
            double zz = u[i].fz + m;
            if (zz < z0 || zz >= z0 + L) continue;
            double f[3], c[3];
            lattice_to_fractional(b.cell, b.pos[u[i].center], f);
            f[2] = zz;
            lattice_to_cartesian(b.cell, f, c);
            p[np].u = &u[i];
            for (int x = 0; x < 3; x++) p[np].shift[x] = c[x] - b.pos[u[i].center][x];
            p[np++].zc = c[2];
        }
    qsort(p, np, sizeof *p, cmp_piece);

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
    if (!o->allow_dipole && fabs(dip) > 1e-6) {
        double d_ea = dip * BOHR_ANG;
        free(p), free(u), structure_free(&b);
        return err_set(e, EXIT_BAD_INPUT,
                       "termination %d with --supercell %d %d, --x %g: moving surface units leaves a "
                       "formal-charge dipole of %.3f e*A; try --supercell 2 1, --x 0, another "
                       "--termination, or --allow-dipole to keep it",
                       o->termination, o->supercell[0], o->supercell[1], o->x, d_ea);
    }

    /* Assemble: atoms of each piece, unwrapped around the centre. */
    int na = 0;
    for (int i = 0; i < np; i++) na += p[i].u->natoms;
    structure_alloc(s, na);
    double zmin = INFINITY, zmax = -INFINITY;
    int a = 0;
    for (int rk = 0; rk <= 5; rk++)
        for (int i = 0; i < np; i++)
            for (int t = 0; t < p[i].u->natoms; t++) {
                int src = p[i].u->atoms[t];
                if (species_rank(b.numbers[src]) != rk) continue;
                double d[3];
                mic(b.cell, b.pos[p[i].u->center], b.pos[src], d);
                s->numbers[a] = b.numbers[src];
                for (int x = 0; x < 3; x++)
                    s->pos[a][x] = b.pos[p[i].u->center][x] + d[x] + p[i].shift[x];
                s->fixed[a] = p[i].zc - zref < o->fix_layers * b.cell[2][2] / 3.0;
                r->n_fixed += s->fixed[a];
                if (s->pos[a][2] < zmin) zmin = s->pos[a][2];
                if (s->pos[a][2] > zmax) zmax = s->pos[a][2];
                a++;
            }
    for (int i = 0; i < na; i++) s->pos[i][2] += 0.5 * o->vacuum - zmin;
    for (int x = 0; x < 3; x++) s->cell[0][x] = b.cell[0][x], s->cell[1][x] = b.cell[1][x];
    s->cell[2][0] = s->cell[2][1] = 0.0;
    s->cell[2][2] = zmax - zmin + o->vacuum;
    s->pbc[0] = s->pbc[1] = 1, s->pbc[2] = 0;
    free(p), free(u), structure_free(&b);
    return 0;
}
