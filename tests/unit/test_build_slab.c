/* Al/Li ordering inside slabs (src/build/slab_order.c) and LATP(001) slabs (slab.c).
 * The ordering is checked against brute force on a toy slab small enough to try every
 * arrangement: the number of zero-dipole arrangements is counted here directly over all
 * C(8,2) C(9,2) = 1008 of them, and the lowest energy is the minimum of the Ewald energy
 * of each whole structure (ewald_energy on all atoms, not the site decomposition the
 * search uses). The ASE checks of the written LATP slabs are tests/cli/build_slab.sh. */
#include "build/ewald.h"
#include "build/slab.h"
#include "build/slab_order.h"
#include "core/units.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

enum { NTI = 8, NSITE = 9 };

static const double ti_z[4] = {10, 14, 18, 22}, site_z[3] = {12, 16, 20};

/* A toy host (bohr): two neutral TiO2 units per level at z = 10, 14, 18, 22 and three
 * cavity sites per level at z = 12, 16, 20 in a 12 x 12 x 40 cell; `extra` adds an O2- at
 * z = 6 and two Li+ at z = extra_z, giving the host a dipole 2 extra_z - 12. */
static void toy_host(structure *s, double (*site)[3], int extra, double extra_z)
{
    structure_alloc(s, 3 * NTI + (extra ? 3 : 0));
    s->cell[0][0] = s->cell[1][1] = 12.0, s->cell[2][2] = 40.0;
    s->pbc[0] = s->pbc[1] = 1;
    int a = 0;
    for (int l = 0; l < 4; l++)
        for (int k = 0; k < 2; k++) {
            double x = 6.0 * k, y = 6.0 * k, z = ti_z[l];
            s->numbers[a] = 22, s->pos[a][0] = x, s->pos[a][1] = y, s->pos[a++][2] = z;
            for (int sgn = -1; sgn <= 1; sgn += 2) {
                s->numbers[a] = 8, s->pos[a][0] = x + 3.0 * sgn, s->pos[a][1] = y, s->pos[a++][2] = z;
            }
        }
    if (extra) {
        s->numbers[a] = 8, s->pos[a][0] = 3, s->pos[a][1] = 9, s->pos[a++][2] = 6;
        s->numbers[a] = 3, s->pos[a][0] = 9, s->pos[a][1] = 3, s->pos[a++][2] = extra_z;
        s->numbers[a] = 3, s->pos[a][0] = 3, s->pos[a][1] = 9, s->pos[a++][2] = extra_z;
    }
    for (int l = 0, k = 0; l < 3; l++) {
        const double xy[3][2] = {{0, 6}, {6, 0}, {3, 3}};
        for (int j = 0; j < 3; j++, k++)
            site[k][0] = xy[j][0], site[k][1] = xy[j][1], site[k][2] = site_z[l];
    }
}

/* Ewald energy (eV) of the host with Ti i1, i2 -> Al and Li on sites j1, j2. */
static double toy_energy(const structure *h, const double (*site)[3], int i1, int i2, int j1, int j2)
{
    int n = h->natoms + 2, ti = 0;
    double (*pos)[3] = malloc(n * sizeof *pos), *q = malloc(n * sizeof *q);
    for (int a = 0; a < h->natoms; a++) {
        memcpy(pos[a], h->pos[a], sizeof pos[a]);
        q[a] = slab_formal_charge(h->numbers[a]);
        if (h->numbers[a] == 22 && (ti == i1 || ti == i2)) q[a] = 3.0;
        ti += h->numbers[a] == 22;
    }
    memcpy(pos[n - 2], site[j1], sizeof pos[0]), memcpy(pos[n - 1], site[j2], sizeof pos[0]);
    q[n - 2] = q[n - 1] = 1.0;
    double en = ewald_energy(h->cell, (const double(*)[3])pos, q, n) * HARTREE_EV;
    free(pos), free(q);
    return en;
}

/* Brute force: zero-dipole arrangements and their lowest energy (host dipole d0). */
static long toy_brute(const structure *h, const double (*site)[3], double d0, double *e_min)
{
    double tz[NTI];
    for (int a = 0, t = 0; a < h->natoms; a++)
        if (h->numbers[a] == 22) tz[t++] = h->pos[a][2];
    long count = 0;
    *e_min = INFINITY;
    for (int i1 = 0; i1 < NTI; i1++)
        for (int i2 = i1 + 1; i2 < NTI; i2++)
            for (int j1 = 0; j1 < NSITE; j1++)
                for (int j2 = j1 + 1; j2 < NSITE; j2++) {
                    double d = d0 - tz[i1] - tz[i2] + site[j1][2] + site[j2][2];
                    if (fabs(d) > 1e-9) continue;
                    count++;
                    double en = toy_energy(h, site, i1, i2, j1, j2);
                    if (en < *e_min) *e_min = en;
                }
    return count;
}

static int count_z(const structure *s, int z)
{
    int c = 0;
    for (int a = 0; a < s->natoms; a++) c += s->numbers[a] == z;
    return c;
}

static void test_toy(int extra, double extra_z, const char *what)
{
    structure h, s;
    double site[NSITE][3];
    unsigned char fx[NSITE];
    toy_host(&h, site, extra, extra_z);
    for (int k = 0; k < NSITE; k++) fx[k] = site[k][2] < 13;   /* the lowest level is "fixed" */
    double d0 = slab_dipole_z(&h), e_min;
    long count = toy_brute(&h, (const double(*)[3])site, d0, &e_min);

    structure_copy(&s, &h);
    slab_order_opts o = {.n = 2, .sites = (const double(*)[3])site, .site_fixed = fx, .nsites = NSITE};
    slab_order_report r;
    err e = {0};
    ok(slab_order_al_li(&s, &o, &r, &e) == 0, "%s: ordered (%s)", what, e.msg);
    ok(r.n_raw == 1008, "%s: 1008 arrangements in all (%g)", what, r.n_raw);
    ok(r.n_zero == count && r.n_compared == count && !r.sampled,
       "%s: all %ld zero-dipole arrangements counted by brute force compared (%g, %ld)", what, count,
       r.n_zero, r.n_compared);
    near(r.e_best_ev, e_min, 1e-6, "%s: lowest Ewald energy = brute-force minimum %.6f eV", what, e_min);
    ok(s.natoms == h.natoms + 2 && count_z(&s, 13) == 2 && count_z(&s, 22) == NTI - 2 &&
       count_z(&s, 3) == count_z(&h, 3) + 2, "%s: 2 Ti -> Al, 2 Li added", what);
    near(slab_dipole_z(&s), 0.0, 1e-9, "%s: dipole of the result (host %.1f e*bohr)", what, d0);
    int fixed_ok = 1;
    for (int a = 0; a < s.natoms; a++)
        if (s.numbers[a] == 3 && s.pos[a][2] > 11 && s.pos[a][2] < 21)  /* an added Li */
            fixed_ok &= s.fixed[a] == (s.pos[a][2] < 13);
    ok(fixed_ok, "%s: added Li carry their site's fixed flag", what);
    structure_free(&s);

    /* Sampling and descent reach the same minimum on this small case. */
    structure_copy(&s, &h);
    o.max_enum = 1, o.nsample = 20;
    ok(slab_order_al_li(&s, &o, &r, &e) == 0 && r.sampled && r.n_compared == 20,
       "%s: sampled search runs (20 samples)", what);
    near(r.e_best_ev, e_min, 1e-6, "%s: sampled + descent reaches the minimum", what);
    near(slab_dipole_z(&s), 0.0, 1e-9, "%s: sampled result has zero dipole", what);
    structure_free(&s);
    structure_free(&h);
}

static void test_toy_errors(void)
{
    structure h;
    double site[NSITE][3];
    toy_host(&h, site, 1, 30.0);   /* host dipole 48: beyond what 2 Al + 2 Li can cancel */
    slab_order_opts o = {.n = 2, .sites = (const double(*)[3])site, .nsites = NSITE};
    slab_order_report r;
    err e = {0};
    int rc = slab_order_al_li(&h, &o, &r, &e);
    ok(rc && e.status == EXIT_BAD_INPUT && r.no_zero_dipole && strstr(e.msg, "zero dipole"),
       "host dipole 48 e*bohr: refused, no zero-dipole arrangement (%s)", e.msg);
    ok(h.natoms == 3 * NTI + 3 && count_z(&h, 13) == 0, "the refused structure is unchanged");
    o.n = 9;
    err_clear(&e);
    ok(slab_order_al_li(&h, &o, &r, &e) && e.status == EXIT_BAD_INPUT && !r.no_zero_dipole,
       "9 Al on 8 Ti: refused (%s)", e.msg);
    structure_free(&h);
}

/* Whole LATP(001) slabs: composition, dipole, fixed atoms (coordinates not assumed). */
static void test_latp_slab(void)
{
    slab_opts o = {.x = 0.3, .layers = 2, .vacuum = 10 / BOHR_ANG, .supercell = {2, 1}, .fix_layers = 1};
    structure s;
    slab_report r;
    err e = {0};
    ok(slab_latp001(&o, &s, &r, &e) == 0, "quick-sized LATP slab builds (%s)", e.msg);
    ok(r.formula_units == 8 && r.n_al == 2 && fabs(r.x_used - 0.25) < 1e-12,
       "8 formula units: x = 0.3 -> 2 Al, x = 0.25 (%d, %d)", r.formula_units, r.n_al);
    ok(count_z(&s, 3) == 10 && count_z(&s, 13) == 2 && count_z(&s, 22) == 14 && count_z(&s, 15) == 24 &&
       count_z(&s, 8) == 96, "Li10Al2Ti14P24O96");
    ok(fabs(r.dipole) < 1e-6 / BOHR_ANG && fabs(slab_dipole_z(&s)) < 1e-6 / BOHR_ANG,
       "zero formal-charge dipole (%.2e e*A)", slab_dipole_z(&s) * BOHR_ANG);
    ok(!r.order.sampled && r.order.n_compared == (long)r.order.n_zero && r.order.n_zero > 0,
       "all %ld zero-dipole arrangements compared", r.order.n_compared);
    int nfix = 0;
    for (int a = 0; a < s.natoms; a++) nfix += s.fixed[a];
    ok(nfix == r.n_fixed && nfix > 0 && nfix < s.natoms, "%d of %d atoms fixed", nfix, s.natoms);
    structure_free(&s);

    o.x = 0.05;   /* 0.4 Al */
    err_clear(&e);
    ok(slab_latp001(&o, &s, &r, &e) && e.status == EXIT_BAD_INPUT && strstr(e.msg, "--x 0.05") &&
       strstr(e.msg, "1/8"), "--x 0.05 on 8 formula units: refused, names 1/8 (%s)", e.msg);
    o.x = 1.0 / 3, o.allow_dipole = 1;
    err_clear(&e);
    ok(slab_latp001(&o, &s, &r, &e) && strstr(e.msg, "--layers 2"),
       "--allow-dipole with Al cuts the ordered bulk: 2 layers refused (%s)", e.msg);
}

int main(void)
{
    test_toy(0, 0, "toy slab");
    test_toy(1, 10.0, "toy slab with host dipole 8 e*bohr");
    test_toy_errors();
    test_latp_slab();
    return tap_done();
}
