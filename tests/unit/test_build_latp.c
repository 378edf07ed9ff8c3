/* LiTi2(PO4)3 bulk and ordered LATP: Ewald sums against textbook Madelung constants,
 * spglib's space group of the built crystal, formula, and cation-O distances against
 * the published ranges of NASICON LiTi2(PO4)3 (Ti-O 1.87-2.03 A, P-O 1.50-1.56 A,
 * Li(M1)-O 2.1-2.35 A). */
#include "build/ewald.h"
#include "build/latp.h"
#include "build/symmetry.h"
#include "core/units.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>

static int count_z(const structure *s, int z)
{
    int n = 0;
    for (int a = 0; a < s->natoms; a++) n += s->numbers[a] == z;
    return n;
}

/* Shortest distance (Angstrom) between an atom of species za and one of zb, and the
 * largest such nearest-neighbour distance over all za atoms. */
static void nn_range(const structure *s, int za, int zb, double *dmin, double *dmax)
{
    *dmin = 1e9, *dmax = 0.0;
    for (int a = 0; a < s->natoms; a++) {
        if (s->numbers[a] != za) continue;
        double best = 1e9;
        for (int b = 0; b < s->natoms; b++) {
            if (s->numbers[b] != zb) continue;
            for (int i = -1; i <= 1; i++)
                for (int j = -1; j <= 1; j++)
                    for (int k = -1; k <= 1; k++) {
                        double d2 = 0;
                        for (int x = 0; x < 3; x++) {
                            double d = s->pos[b][x] - s->pos[a][x] + i * s->cell[0][x] +
                                       j * s->cell[1][x] + k * s->cell[2][x];
                            d2 += d * d;
                        }
                        if (d2 < best) best = d2;
                    }
        }
        best = sqrt(best) * BOHR_ANG;
        if (best < *dmin) *dmin = best;
        if (best > *dmax) *dmax = best;
    }
}

static void test_madelung(void)
{
    /* NaCl, conventional cubic cell of edge 2 bohr (r0 = 1): E = -4 M / r0,
     * M = 1.747564594633 (e.g. Kittel, Introduction to Solid State Physics, ch. 3). */
    double cell[3][3] = {{2, 0, 0}, {0, 2, 0}, {0, 0, 2}};
    double pos[8][3], q[8];
    int n = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++)
            for (int k = 0; k < 2; k++) {
                pos[n][0] = i, pos[n][1] = j, pos[n][2] = k;
                q[n++] = ((i + j + k) % 2) ? -1.0 : 1.0;
            }
    near(ewald_energy(cell, (const double(*)[3])pos, q, 8), -4 * 1.747564594633, 1e-8,
         "NaCl Madelung constant 1.747565");
    /* CsCl: M = 1.762674773 referred to r0 = sqrt(3)/2 a. */
    double c2[3][3] = {{1.3, 0, 0}, {0, 1.3, 0}, {0, 0, 1.3}};
    double p2[2][3] = {{0, 0, 0}, {0.65, 0.65, 0.65}}, q2[2] = {1, -1};
    near(ewald_energy(c2, (const double(*)[3])p2, q2, 2), -1.762674773 / (sqrt(3) / 2 * 1.3), 1e-8,
         "CsCl Madelung constant 1.762675");
}

static void test_ltp(void)
{
    structure s;
    err e = {0};
    if (!ok(latp_ltp_bulk(&s, &e) == 0, "LiTi2(PO4)3 built: %s", e.msg)) return;
    ok(s.natoms == 108, "108 atoms in the hexagonal cell (got %d)", s.natoms);
    ok(count_z(&s, 3) == 6 && count_z(&s, 22) == 12 && count_z(&s, 15) == 18 && count_z(&s, 8) == 72,
       "formula Li6Ti12P18O72");
    char sym[11];
    int sg = structure_spacegroup(&s, 1e-3, sym);
    ok(sg == 167, "spglib: space group %d (%s), want 167 R-3c", sg, sym);
    double lo, hi;
    nn_range(&s, 22, 8, &lo, &hi);
    ok(lo > 1.87 && hi < 2.03 && hi > 0, "Ti-O nearest %.3f..%.3f A in 1.87-2.03", lo, hi);
    nn_range(&s, 15, 8, &lo, &hi);
    ok(lo > 1.50 && hi < 1.56 && hi > 0, "P-O nearest %.3f..%.3f A in 1.50-1.56", lo, hi);
    nn_range(&s, 3, 8, &lo, &hi);
    ok(lo > 2.10 && hi < 2.35 && hi > 0, "Li-O nearest %.3f..%.3f A in 2.10-2.35", lo, hi);
    ok(structure_validate(&s, 1.3 / BOHR_ANG, &e) == 0, "no atoms closer than 1.3 A: %s", e.msg);
    structure_free(&s);
}

static void test_latp(void)
{
    structure s;
    err e = {0};
    latp_report r;
    latp_opts o = {.x = 1.0 / 3.0, .rep = {1, 1, 1}};
    if (!ok(latp_build(&o, &s, &r, &e) == 0, "LATP x=1/3 built: %s", e.msg)) return;
    ok(s.natoms == 110 && count_z(&s, 3) == 8 && count_z(&s, 13) == 2 && count_z(&s, 22) == 10 &&
           count_z(&s, 15) == 18 && count_z(&s, 8) == 72,
       "formula Li8Al2Ti10P18O72 (%d atoms)", s.natoms);
    ok(r.n_raw == 66 * 153, "C(12,2) C(18,2) = 10098 raw arrangements (got %ld)", r.n_raw);
    ok(r.n_candidates > 100 && r.n_candidates < r.n_raw,
       "symmetry reduces the candidates: %ld of %ld", r.n_candidates, r.n_raw);
    ok(r.e_best_ev < r.e_worst_ev, "lowest Ewald energy %.3f eV below highest %.3f eV", r.e_best_ev,
       r.e_worst_ev);
    double q = 0;
    for (int a = 0; a < s.natoms; a++) {
        int z = s.numbers[a];
        q += z == 3 ? 1 : z == 13 ? 3 : z == 22 ? 4 : z == 15 ? 5 : -2;
    }
    near(q, 0.0, 1e-12, "formal charges neutral");
    ok(structure_validate(&s, 1.3 / BOHR_ANG, &e) == 0, "no atoms closer than 1.3 A: %s", e.msg);
    double lo, hi;
    nn_range(&s, 3, 8, &lo, &hi);
    ok(lo > 1.9, "every Li has O neighbours no closer than 1.9 A (%.3f)", lo);
    /* The chosen model must be the lowest of all: recompute its energy directly. */
    double *qs = malloc(s.natoms * sizeof *qs);
    for (int a = 0; a < s.natoms; a++) {
        int z = s.numbers[a];
        qs[a] = z == 3 ? 1 : z == 13 ? 3 : z == 22 ? 4 : z == 15 ? 5 : -2;
    }
    near(ewald_energy(s.cell, (const double(*)[3])s.pos, qs, s.natoms) * HARTREE_EV, r.e_best_ev, 1e-6,
         "reported energy is the Ewald energy of the written structure");
    free(qs);
    structure_free(&s);

    o.x = 0.3;
    ok(latp_build(&o, &s, &r, &e) != 0 && e.status == EXIT_BAD_INPUT && strstr(e.msg, "--x 0.3"),
       "x = 0.3 in one cell is rejected: %s", e.msg);
    o.x = 0.0;
    err_clear(&e);
    ok(latp_build(&o, &s, &r, &e) == 0 && s.natoms == 108, "x = 0 gives LiTi2(PO4)3");
    structure_free(&s);
}

int main(void)
{
    test_madelung();
    test_ltp();
    test_latp();
    return tap_done();
}
