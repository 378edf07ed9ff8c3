/* Grimme D2 (src/dispersion): the parameter table against the checked shared table, the
 * unit conversion against ASE's constants, energy/forces/stress against an independent
 * Python implementation (tests/reference/d2_reference.py, ASE neighbour list) on an H2O
 * dimer, a Cu(111)+H2O slab (pbc T T F) and a triclinic LiTiPO bulk cell, and against
 * Quantum ESPRESSO's D2 (tests/reference/d2_qe.py) on the 3D-periodic ones; forces and
 * stress against finite differences of the energy; translation invariance; cutoff
 * convergence; and clear errors for bad tables and bad settings. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cell/lattice.h"
#include "core/units.h"
#include "dispersion/d2.h"
#include "io/structio.h"
#include "tap.h"

#define EV_ANG3 (HARTREE_EV / (BOHR_ANG * BOHR_ANG * BOHR_ANG)) /* hartree/bohr^3 -> eV/A^3 */

static char src_dir[1024];
static char tmp_dir[64];
static d2_table table;

static const char *path_of(const char *rel)
{
    static char buf[4][1200];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", src_dir, rel);
    return buf[k];
}

/* ---- table and units ---- */

static void test_units(void)
{
    /* ASE 3.22: 1e-3 * units.kJ / units.mol * units.nm**6 = 10.364269574711573 eV A^6 */
    double ev_ang6 = d2_c6_unit() * HARTREE_EV * pow(BOHR_ANG, 6);
    near(ev_ang6, 10.364269574711573, 1e-12, "1 J nm^6/mol = %.12f eV A^6 (ASE constants)", ev_ang6);
    /* the shared table's "1 J nm^6/mol = 34.69 Ry bohr^6" */
    near(2 * d2_c6_unit(), 34.69, 0.005, "1 J nm^6/mol = %.5f Ry bohr^6 (QE's 34.69)", 2 * d2_c6_unit());
}

/* Compares potentials/d2.csv with ../shared/reference/d2-params.csv (Z,symbol,C6,R0,...). */
static void test_shared_table(void)
{
    char shared[1200];
    snprintf(shared, sizeof shared, "%s/../shared/reference/d2-params.csv", src_dir);
    FILE *f = fopen(shared, "r");
    if (!f) {
        printf("ok %d # skip %s absent\n", ++tap_count, shared);
        return;
    }
    char line[512], sym[8];
    int rows = 0, bad = 0, z;
    double c6, r0;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "%d,%7[^,],%lf,%lf", &z, sym, &c6, &r0) != 4) continue;
        rows++;
        if (z < 1 || z > ELEMENT_MAX_Z || !table.have[z] || fabs(table.c6[z] / d2_c6_unit() - c6) > 1e-12 ||
            fabs(table.r0[z] * BOHR_ANG - r0) > 1e-12) {
            printf("#   %s: C6 %g R0 %g, shared table %g %g\n", sym, z > 0 && z <= ELEMENT_MAX_Z ? table.c6[z] / d2_c6_unit() : 0,
                   z > 0 && z <= ELEMENT_MAX_Z ? table.r0[z] * BOHR_ANG : 0, c6, r0);
            bad++;
        }
    }
    fclose(f);
    int ntable = 0;
    for (z = 1; z <= ELEMENT_MAX_Z; z++) ntable += table.have[z];
    ok(rows == 54 && bad == 0 && ntable == rows, "potentials/d2.csv equals the checked table (%d rows, %d differ, %d in ours)",
       rows, bad, ntable);
}

static void test_table(void)
{
    err e = {0};
    ok(d2_table_read(path_of("potentials/d2.csv"), &table, &e) == 0, "read potentials/d2.csv %s", e.msg);
    int n = 0;
    for (int z = 1; z <= 54; z++) n += table.have[z];
    ok(n == 54 && !table.have[55], "H..Xe present (%d), nothing beyond", n);
    /* Grimme 2006: O 0.70 J nm^6/mol, 1.342 A; Ti 10.80, 1.562 */
    near(table.c6[8] * HARTREE_EV * pow(BOHR_ANG, 6), 0.70 * 10.364269574711573, 1e-12, "C6(O) in eV A^6");
    near(table.r0[22] * BOHR_ANG, 1.562, 1e-14, "R0(Ti) = 1.562 A");
    test_shared_table();
}

/* Writes `text` to a temporary d2 table and expects an error containing each of `want`. */
static void bad_table_n(const char *name, const char *text, size_t len, const char *want1, const char *want2)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", tmp_dir, name);
    FILE *f = fopen(path, "w");
    fwrite(text, 1, len, f);
    fclose(f);
    d2_table t;
    err e = {0};
    int rc = d2_table_read(path, &t, &e);
    ok(rc != 0 && e.status == EXIT_BAD_INPUT && strstr(e.msg, want1) && (!want2 || strstr(e.msg, want2)) &&
           strstr(e.msg, name) && !t.have[1],
       "bad table %s: %s", name, e.msg);
    unlink(path);
}

static void bad_table(const char *name, const char *text, const char *want1, const char *want2)
{
    bad_table_n(name, text, strlen(text), want1, want2);
}

static void test_bad_tables(void)
{
    bad_table("fields.csv", "# c\nZ,symbol,C6,R0\n1,H,0.14\n", ":3:", "3 comma-separated fields");
    bad_table("z.csv", "0,H,0.14,1.001\n", ":1: Z: '0'", NULL);
    bad_table("symbol.csv", "1,H,0.14,1.001\n\n8,N,0.70,1.342\n", ":3: symbol: 'N'", "Z = 8 (O)");
    bad_table("c6.csv", "14,Si,x9.23,1.716\n", ":1: C6 of Si: 'x9.23'", NULL);
    bad_table("r0.csv", "14,Si,9.23,-1.716\n", "R0 of Si: '-1.716'", NULL);
    bad_table("nan.csv", "14,Si,nan,1.716\n", "C6 of Si: 'nan'", NULL);
    bad_table("twice.csv", "1,H,0.14,1.001\r\n1,H,0.14,1.001\r\n", ":2: Z: 1 (H) is given twice (first on line 1)", NULL);
    bad_table("empty.csv", "# only comments\n\n", "no parameter lines", NULL);
    static const char nul[] = "1,H,0.14,1.001\n2,He\0,0.08,1.012\n";
    bad_table_n("nul.csv", nul, sizeof nul - 1, ":2:", "NUL");
    d2_table t;
    err e = {0};
    ok(d2_table_read("/nonexistent/d2.csv", &t, &e) != 0 && strstr(e.msg, "/nonexistent/d2.csv: cannot open"),
       "missing table: %s", e.msg);
    ok(d2_table_read(tmp_dir, &t, &e) != 0 && strstr(e.msg, "not a regular file"), "directory: %s", e.msg);
}

static void test_find(void)
{
    char path[1024], mine[256];
    err e = {0};
    snprintf(mine, sizeof mine, "%s/d2.csv", tmp_dir);
    FILE *f = fopen(mine, "w");
    fputs("Z,symbol,C6,R0\n6,C,1.75,1.452\n", f);
    fclose(f);
    char env[600];
    snprintf(env, sizeof env, "/nonexistent::%s", tmp_dir);
    setenv("PAWSORB_DATA_PATH", env, 1);
    d2_table t;
    ok(d2_table_load(&t, &e) == 0 && strcmp(t.path, mine) == 0 && t.have[6] && !t.have[1],
       "PAWSORB_DATA_PATH entry found first: %s", t.path);
    setenv("PAWSORB_DATA_PATH", "/nonexistent", 1);
    ok(d2_table_find(path, sizeof path, &e) == 0 && strstr(path, "d2.csv") && access(path, R_OK) == 0,
       "falls back to the installed or source-tree table: %s", path);
    unsetenv("PAWSORB_DATA_PATH");
    unlink(mine);
}

/* ---- settings ---- */

static void test_s6(void)
{
    static const struct { const char *xc; double s6; } want[] = {
        {"PBE", 0.75}, {"pbe", 0.75}, {"GGA_X_PBE+GGA_C_PBE", 0.75}, {"BLYP", 1.2}, {"B-P86", 1.05},
        {"TPSS", 1.0}, {"B3LYP", 1.05}};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        double s6 = 0;
        err e = {0};
        int rc = d2_s6_for_xc(want[i].xc, &s6, &e);
        ok(rc == 0 && s6 == want[i].s6, "s6(%s) = %g", want[i].xc, s6);
    }
    double s6;
    err e = {0};
    ok(d2_s6_for_xc("LDA", &s6, &e) != 0 && strstr(e.msg, "'LDA'") && strstr(e.msg, "PBE 0.75"), "LDA: %s", e.msg);
    d2_options o;
    d2_options_default(&o);
    near(o.cutoff * BOHR_ANG, 50.0, 1e-12, "default cutoff 50 A (VASP's VDW_RADIUS)");
    ok(o.d == 20 && o.sr == 1 && o.s6 <= 0, "default d 20, sR 1, s6 from the functional");
}

static void test_init_errors(void)
{
    d2_model m;
    err e = {0};
    int cs[2] = {8, 55};
    ok(d2_init(&m, &table, cs, 2, "PBE", NULL, &e) != 0 && strstr(e.msg, "Cs (Z = 55, atom 1)") &&
           strstr(e.msg, "d2.csv"),
       "element without parameters: %s", e.msg);
    int h2o[3] = {8, 1, 1};
    d2_options o;
    d2_options_default(&o);
    o.cutoff = -1;
    ok(d2_init(&m, &table, h2o, 3, "PBE", &o, &e) != 0 && strstr(e.msg, "cutoff"), "negative cutoff: %s", e.msg);
    d2_options_default(&o);
    o.d = 0;
    ok(d2_init(&m, &table, h2o, 3, "PBE", &o, &e) != 0 && strstr(e.msg, "d = 0"), "zero d: %s", e.msg);
    d2_options_default(&o);
    o.s6 = 1.2;
    ok(d2_init(&m, &table, h2o, 3, "LDA", &o, &e) == 0 && m.s6 == 1.2, "explicit s6 overrides the functional");
    ok(d2_init(&m, &table, h2o, 3, "LDA", NULL, &e) != 0 && strstr(e.msg, "LDA"), "LDA without s6: %s", e.msg);
}

/* ---- energy, forces, stress ---- */

/* Two C atoms 3.5 A apart, no cell: the formula evaluated by hand in eV and Angstrom. */
static void test_pair_by_hand(void)
{
    structure s;
    structure_alloc(&s, 2);
    s.numbers[0] = s.numbers[1] = 6;
    s.pos[1][2] = 3.5 / BOHR_ANG;
    d2_model m;
    err e = {0};
    double en, f[2][3];
    ok(d2_init(&m, &table, s.numbers, 2, "PBE", NULL, &e) == 0 && d2_energy_forces(&m, &s, &en, f, NULL, &e) == 0,
       "C2 in vacuum %s", e.msg);
    double c6 = 1.75 * 10.364269574711573, r0 = 2 * 1.452, r = 3.5;
    double fd = 1 / (1 + exp(-20 * (r / r0 - 1)));
    double want = -0.75 * c6 / pow(r, 6) * fd;
    near(en * HARTREE_EV, want, 1e-13, "C2 at 3.5 A: E = -s6 C6 f/r^6 = %.10f eV", want);
    double dedr = -0.75 * c6 * (20 / r0 * fd * (1 - fd) / pow(r, 6) - 6 * fd / pow(r, 7));
    near(f[1][2] * HA_PER_BOHR_TO_EV_PER_ANG, -dedr, 1e-12, "C2: F_z on the upper atom = -dE/dr");
    ok(f[0][2] == -f[1][2] && f[0][0] == 0 && f[1][1] == 0, "C2: opposite forces along the bond");
    structure_free(&s);
}

typedef struct {
    double energy, energy80;   /* eV */
    double forces[64][3];      /* eV/A */
    double stress[9];          /* eV/A^3 */
} reference;

static int read_reference(const char *name, structure *s, reference *ref)
{
    char rel[128];
    err e = {0};
    snprintf(rel, sizeof rel, "tests/data/d2/%s.xyz", name);
    if (structure_read_file(path_of(rel), NULL, s, &e)) {
        ok(0, "%s", e.msg);
        return -1;
    }
    snprintf(rel, sizeof rel, "tests/data/d2/%s.ref", name);
    FILE *f = fopen(path_of(rel), "r");
    if (!f || s->natoms > 64) {
        ok(0, "open %s", rel);
        if (f) fclose(f);
        return -1;
    }
    char line[1024];
    int a, nf = 0;
    double *st = ref->stress;
    while (fgets(line, sizeof line, f)) {
        if (sscanf(line, "energy %lf", &ref->energy) == 1) continue;
        if (sscanf(line, "energy_cutoff80 %lf", &ref->energy80) == 1) continue;
        double x, y, z;
        if (sscanf(line, "force %d %lf %lf %lf", &a, &x, &y, &z) == 4 && a >= 0 && a < 64)
            ref->forces[a][0] = x, ref->forces[a][1] = y, ref->forces[a][2] = z, nf++;
        sscanf(line, "stress %lf %lf %lf %lf %lf %lf %lf %lf %lf", st, st + 1, st + 2, st + 3, st + 4, st + 5,
               st + 6, st + 7, st + 8);
    }
    fclose(f);
    return nf == s->natoms ? 0 : -1;
}

static double energy_of(const d2_model *m, const structure *s)
{
    double en = NAN;
    err e = {0};
    if (d2_energy_forces(m, s, &en, NULL, NULL, &e)) printf("#   %s\n", e.msg);
    return en;
}

/* Fourth-order central difference of the energy: forces (h = 0.005 bohr). */
static double fd_force_error(const d2_model *m, structure *s, double (*f)[3])
{
    const double h = 0.005, st[4] = {-2, -1, 1, 2}, wt[4] = {1, -8, 8, -1};
    double worst = 0;
    for (int a = 0; a < s->natoms; a++)
        for (int x = 0; x < 3; x++) {
            double x0 = s->pos[a][x], de = 0;
            for (int k = 0; k < 4; k++) {
                s->pos[a][x] = x0 + st[k] * h;
                de += wt[k] * energy_of(m, s);
            }
            s->pos[a][x] = x0;
            worst = fmax(worst, fabs(-de / (12 * h) - f[a][x]));
        }
    return worst;
}

/* What a sharp cutoff adds to the strain derivative of the energy: straining moves pairs
 * across the cutoff sphere, and the energy they take along is not in the virial sum.
 * For pairs spread evenly beyond rc (continuum), with e_ij(rc) = -s6 C6ij f_ij(rc)/rc^6,
 *   3D (pbc TTT):  dE/d(eps_ab)/V - sigma_ab = -delta_ab 2 pi rc^3 / (3 V^2) sum_ij e_ij(rc)
 *   2D (pbc TTF, plane xy, area A):          = -delta_ab pi rc^2 / (2 A V) sum_ij e_ij(rc), a,b in x,y
 * (from T(eps) = tail energy ~ 1/volume or 1/area, and integrating the tail virial by
 * parts); 0 for a molecule. It shrinks as rc^-3 (rc^-4 in 2D). */
static void cutoff_surface_term(const d2_model *m, const structure *s, double surf[3][3])
{
    double rc = m->cutoff, sum = 0, vol = fabs(lattice_volume(s->cell));
    for (int i = 0; i < s->natoms; i++)
        for (int j = 0; j < s->natoms; j++) {
            int zi = s->numbers[i], zj = s->numbers[j];
            double r0 = m->r0[zi] + m->r0[zj], f = 1 / (1 + exp(-m->d * (rc / r0 - 1)));
            sum += -m->s6 * sqrt(m->c6[zi] * m->c6[zj]) * f / pow(rc, 6);
        }
    memset(surf, 0, sizeof(double[3][3]));
    int np = s->pbc[0] + s->pbc[1] + s->pbc[2];
    double area = fabs(s->cell[0][0] * s->cell[1][1] - s->cell[0][1] * s->cell[1][0]);
    for (int a = 0; a < 3; a++) {
        if (np == 3) surf[a][a] = -2 * M_PI * pow(rc, 3) / (3 * vol * vol) * sum;
        if (np == 2 && s->pbc[0] && s->pbc[1] && a < 2) surf[a][a] = -M_PI * rc * rc / (2 * area * vol) * sum;
    }
}

/* Stress from the energy under the strain x_a -> x_a + eps x_b of cell and positions,
 * against the analytic stress plus the cutoff's surface term. */
static double fd_stress_error(const d2_model *m, structure *s, double stress[3][3])
{
    double surf[3][3];
    cutoff_surface_term(m, s, surf);
    const double h = 1e-3, st[4] = {-2, -1, 1, 2}, wt[4] = {1, -8, 8, -1};
    double worst = 0, vol = fabs(lattice_volume(s->cell));
    structure t;
    structure_copy(&t, s);
    for (int a = 0; a < 3; a++)
        for (int b = 0; b < 3; b++) {
            double de = 0;
            for (int k = 0; k < 4; k++) {
                for (int i = 0; i < 3; i++) t.cell[i][a] = s->cell[i][a] + st[k] * h * s->cell[i][b];
                for (int i = 0; i < s->natoms; i++) t.pos[i][a] = s->pos[i][a] + st[k] * h * s->pos[i][b];
                de += wt[k] * energy_of(m, &t);
            }
            for (int i = 0; i < 3; i++) t.cell[i][a] = s->cell[i][a];
            for (int i = 0; i < s->natoms; i++) t.pos[i][a] = s->pos[i][a];
            worst = fmax(worst, fabs(de / (12 * h) / vol - stress[a][b] - surf[a][b]));
        }
    structure_free(&t);
    return worst;
}

/* Shifts every atom by one vector plus whole lattice vectors along periodic axes. */
static double invariance_error(const d2_model *m, const structure *s, double en, double (*f)[3], double stress[3][3])
{
    structure t;
    structure_copy(&t, s);
    const double shift[3] = {0.37, -0.21, 0.53};
    for (int i = 0; i < t.natoms; i++)
        for (int x = 0; x < 3; x++) {
            t.pos[i][x] += shift[x];
            for (int c = 0; c < 3; c++)
                if (t.pbc[c]) t.pos[i][x] += ((i + c) % 3 - 1) * t.cell[c][x];
        }
    double en2, (*f2)[3] = calloc((size_t)t.natoms, sizeof *f2), st2[3][3], worst;
    err e = {0};
    if (d2_energy_forces(m, &t, &en2, f2, st2, &e)) printf("#   %s\n", e.msg);
    worst = fabs(en2 - en);
    for (int i = 0; i < t.natoms; i++)
        for (int x = 0; x < 3; x++) worst = fmax(worst, fabs(f2[i][x] - f[i][x]));
    for (int x = 0; x < 3; x++)
        for (int y = 0; y < 3; y++) worst = fmax(worst, fabs(st2[x][y] - stress[x][y]));
    free(f2);
    structure_free(&t);
    return worst;
}

static void test_case(const char *name)
{
    structure s;
    reference ref;
    memset(&ref, 0, sizeof ref);
    if (read_reference(name, &s, &ref)) {
        ok(0, "%s: reference files", name);
        return;
    }
    d2_model m;
    err e = {0};
    double en, (*f)[3] = calloc((size_t)s.natoms, sizeof *f), stress[3][3];
    if (!ok(d2_init(&m, &table, s.numbers, s.natoms, "PBE", NULL, &e) == 0 &&
                d2_energy_forces(&m, &s, &en, f, stress, &e) == 0,
            "%s: D2 of %d atoms, pbc %d%d%d %s", name, s.natoms, s.pbc[0], s.pbc[1], s.pbc[2], e.msg)) {
        free(f);
        structure_free(&s);
        return;
    }
    /* 1e-6 eV, 1e-5 eV/A: the two codes sum the same terms in another order; the
     * differences measured are ~1e-15 relative. */
    near(en * HARTREE_EV, ref.energy, 1e-6, "%s: E = %.10f eV vs Python %.10f (diff %.1e)", name, en * HARTREE_EV,
         ref.energy, en * HARTREE_EV - ref.energy);
    double df = 0, ds = 0, fsum[3] = {0};
    for (int a = 0; a < s.natoms; a++)
        for (int x = 0; x < 3; x++) {
            df = fmax(df, fabs(f[a][x] * HA_PER_BOHR_TO_EV_PER_ANG - ref.forces[a][x]));
            fsum[x] += f[a][x];
        }
    for (int k = 0; k < 9; k++) ds = fmax(ds, fabs(stress[k / 3][k % 3] * EV_ANG3 - ref.stress[k]));
    ok(df <= 1e-5, "%s: forces vs Python: max deviation %.1e eV/A", name, df);
    ok(ds <= 1e-8, "%s: stress vs Python: max deviation %.1e eV/A^3", name, ds);
    double fs = fmax(fabs(fsum[0]), fmax(fabs(fsum[1]), fabs(fsum[2]))) * HA_PER_BOHR_TO_EV_PER_ANG;
    ok(fs < 1e-12, "%s: forces sum to zero (%.1e eV/A)", name, fs);
    /* finite differences: 4th-order stencils; the sharp cutoff makes the energy jump by
     * ~1e-11 Ha when a pair crosses 50 A, which bounds what they can show (~1e-7) */
    double dfd = fd_force_error(&m, &s, f) * HA_PER_BOHR_TO_EV_PER_ANG;
    ok(dfd <= 1e-5, "%s: forces = -dE/dR by finite differences: max deviation %.1e eV/A", name, dfd);
    /* the stress by finite differences, after removing the cutoff's surface term (see
     * cutoff_surface_term: 1.9e-6 eV/A^3 at 50 A in the triclinic cell); what remains
     * is the scatter of single pairs crossing the cutoff (~2e-7 at 50 A, ~2e-8 at 100 A) */
    d2_options o;
    d2_options_default(&o);
    for (int k = 0; k < 2; k++) {
        o.cutoff = (k ? 100 : 50) / BOHR_ANG;
        d2_model mk;
        double enk, stk[3][3];
        d2_init(&mk, &table, s.numbers, s.natoms, "PBE", &o, &e);
        d2_energy_forces(&mk, &s, &enk, NULL, stk, &e);
        double dsd = fd_stress_error(&mk, &s, stk) * EV_ANG3, tol = k ? 5e-8 : 5e-7;
        ok(dsd <= tol, "%s: stress = dE/d(strain)/V by finite differences (cutoff %.0f A): max deviation %.1e eV/A^3",
           name, o.cutoff * BOHR_ANG, dsd);
    }
    double inv = invariance_error(&m, &s, en, f, stress);
    ok(inv <= 1e-12, "%s: translation (and lattice-vector moves) change nothing: %.1e", name, inv);
    /* the cutoff: 80 A against Python's 80 A sum, and the tail shrinking as rc^-3 */
    double ec[4], rc[4] = {25, 50, 80, 120};
    for (int k = 0; k < 4; k++) {
        o.cutoff = rc[k] / BOHR_ANG;
        d2_init(&m, &table, s.numbers, s.natoms, "PBE", &o, &e);
        ec[k] = energy_of(&m, &s) * HARTREE_EV;
    }
    near(ec[2], ref.energy80, 1e-6, "%s: E(cutoff 80 A) vs Python (diff %.1e eV)", name, ec[2] - ref.energy80);
    if (s.pbc[0] || s.pbc[1] || s.pbc[2])
        ok(fabs(ec[0] - ec[3]) > fabs(ec[1] - ec[3]) && fabs(ec[1] - ec[3]) > fabs(ec[2] - ec[3]) &&
               fabs(ec[1] - ec[3]) < 5e-5 * s.natoms,
           "%s: cutoff convergence E(rc) - E(120 A): 25 A %.1e, 50 A %.1e, 80 A %.1e eV", name, ec[0] - ec[3],
           ec[1] - ec[3], ec[2] - ec[3]);
    else
        ok(ec[0] == ec[3], "%s: molecule in vacuum: no pair beyond 25 A (%.1e eV)", name, ec[0] - ec[3]);
    free(f);
    structure_free(&s);
}

/* Quantum ESPRESSO's D2 (tests/reference/d2_qe.py) on the 3D-periodic version of a case.
 * QE prints 8 decimals of Ry and Ry/bohr (rounding 7e-8 eV, 1.3e-7 eV/A) and the stress
 * in kbar with 2 decimals (rounding 3.1e-6 eV/A^3). */
static void test_qe(const char *name)
{
    structure s;
    reference ref, qe;
    memset(&qe, 0, sizeof qe);
    if (read_reference(name, &s, &ref)) return;
    char rel[128];
    snprintf(rel, sizeof rel, "tests/data/d2/%s_qe.ref", name);
    FILE *f = fopen(path_of(rel), "r");
    if (!ok(f != NULL, "%s: open %s", name, rel)) {
        structure_free(&s);
        return;
    }
    char line[1024];
    int a;
    double *st = qe.stress, x, y, z;
    while (fgets(line, sizeof line, f)) {
        sscanf(line, "energy %lf", &qe.energy);
        if (sscanf(line, "force %d %lf %lf %lf", &a, &x, &y, &z) == 4 && a >= 0 && a < s.natoms)
            qe.forces[a][0] = x, qe.forces[a][1] = y, qe.forces[a][2] = z;
        sscanf(line, "stress %lf %lf %lf %lf %lf %lf %lf %lf %lf", st, st + 1, st + 2, st + 3, st + 4, st + 5,
               st + 6, st + 7, st + 8);
    }
    fclose(f);
    s.pbc[0] = s.pbc[1] = s.pbc[2] = 1;
    d2_model m;
    err e = {0};
    double en, (*fr)[3] = calloc((size_t)s.natoms, sizeof *fr), stress[3][3];
    if (d2_init(&m, &table, s.numbers, s.natoms, "PBE", NULL, &e) || d2_energy_forces(&m, &s, &en, fr, stress, &e))
        ok(0, "%s", e.msg);
    near(en * HARTREE_EV, qe.energy, 1e-6, "%s (pbc TTT): E = %.10f eV vs QE pw.x %.10f (diff %.1e)", name,
         en * HARTREE_EV, qe.energy, en * HARTREE_EV - qe.energy);
    double df = 0, ds = 0;
    for (a = 0; a < s.natoms; a++)
        for (int k = 0; k < 3; k++) df = fmax(df, fabs(fr[a][k] * HA_PER_BOHR_TO_EV_PER_ANG - qe.forces[a][k]));
    for (int k = 0; k < 9; k++) ds = fmax(ds, fabs(stress[k / 3][k % 3] * EV_ANG3 - qe.stress[k]));
    ok(df <= 1e-5, "%s (pbc TTT): forces vs QE: max deviation %.1e eV/A", name, df);
    ok(ds <= 4e-6, "%s (pbc TTT): stress vs QE: max deviation %.1e eV/A^3", name, ds);
    free(fr);
    structure_free(&s);
}

static void test_bad_structures(void)
{
    structure s;
    structure_alloc(&s, 2);
    s.numbers[0] = 8, s.numbers[1] = 1;
    d2_model m;
    err e = {0};
    double en, f[2][3], st[3][3];
    d2_init(&m, &table, s.numbers, 2, "PBE", NULL, &e);
    ok(d2_energy_forces(&m, &s, &en, f, NULL, &e) != 0 && strstr(e.msg, "atoms 0 (O) and 1 (H)") &&
           strstr(e.msg, "same place"),
       "coincident atoms: %s", e.msg);
    s.pos[1][0] = 2;
    ok(d2_energy_forces(&m, &s, &en, f, st, &e) != 0 && strstr(e.msg, "stress"), "stress without a cell: %s", e.msg);
    s.pbc[0] = 1;
    ok(d2_energy_forces(&m, &s, &en, f, NULL, &e) != 0 && strstr(e.msg, "singular"), "periodic, no cell: %s", e.msg);
    for (int c = 0; c < 3; c++) s.cell[c][c] = 0.001;
    s.pbc[1] = s.pbc[2] = 1;
    ok(d2_energy_forces(&m, &s, &en, f, NULL, &e) != 0 && strstr(e.msg, "too small"), "tiny cell: %s", e.msg);
    s.cell[0][0] = 4, s.cell[1][1] = 4, s.cell[2][2] = 4;
    s.pos[1][0] = 4; /* atom 1 sits on an image of atom 0 */
    ok(d2_energy_forces(&m, &s, &en, f, NULL, &e) != 0 && strstr(e.msg, "up to lattice vectors"), "atom on an image: %s",
       e.msg);
    s.pos[1][0] = NAN;
    ok(d2_energy_forces(&m, &s, &en, f, NULL, &e) != 0 && strstr(e.msg, "non-finite"), "NaN position: %s", e.msg);
    s.pos[1][0] = 2, s.numbers[1] = 6;
    ok(d2_energy_forces(&m, &s, &en, f, NULL, &e) != 0 && strstr(e.msg, "atom 1 (C)"), "element not initialised: %s",
       e.msg);
    structure_free(&s);
}

int main(int argc, char **argv)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    snprintf(src_dir, sizeof src_dir, "%s", argc > 1 ? argv[1] : src ? src : "..");
    snprintf(tmp_dir, sizeof tmp_dir, "/tmp/test_d2.XXXXXX");
    if (!mkdtemp(tmp_dir)) return perror("mkdtemp"), 1;
    test_units();
    test_table();
    test_bad_tables();
    test_find();
    test_s6();
    test_init_errors();
    test_pair_by_hand();
    test_case("h2o_dimer");
    test_case("slab_ttf");
    test_case("triclinic");
    test_qe("triclinic");
    test_qe("h2o_dimer");
    test_bad_structures();
    rmdir(tmp_dir);
    return tap_done();
}
