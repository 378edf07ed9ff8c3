/* Unit tests of src/io/structio: extended XYZ and POSCAR read against what ASE 3.22 reads
 * from the same files. The files and the numbers come from tests/reference/make_structures.py
 * (run with /usr/bin/python3; its printout is kept in tests/reference/make_structures.out).
 * Tolerances: 1e-9 A on positions and cells: files hold 8-16 decimals, and the only
 * arithmetic is A -> bohr -> A (1e-15 relative) and, for POSCAR, direct -> cartesian. */
#include "core/elements.h"
#include "core/units.h"
#include "io/structio.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOL 1e-9   /* Angstrom */

static char data_dir[1024];

static const char *data(const char *name)
{
    static char buf[2048];
    snprintf(buf, sizeof buf, "%s/%s", data_dir, name);
    return buf;
}

/* Largest |pawsorb - ASE| over the cell, in Angstrom. */
static double cell_diff(const structure *s, const double want[9])
{
    double worst = 0;
    for (int i = 0; i < 9; i++) {
        double d = fabs(s->cell[i / 3][i % 3] * BOHR_ANG - want[i]);
        if (d > worst) worst = d;
    }
    return worst;
}

/* One atom as ASE printed it. */
typedef struct {
    const char *sym;
    double x, y, z;
    int fixed;
    double magmom;
} ase_atom;

/* Checks atoms [0, n) against ASE; returns the worst position difference (A) and counts
 * mismatching symbols / fixed flags / moments. */
static double atoms_diff(const structure *s, const ase_atom *want, int n, int *mismatch)
{
    double worst = 0;
    *mismatch = 0;
    for (int i = 0; i < n && i < s->natoms; i++) {
        double r[3] = {want[i].x, want[i].y, want[i].z};
        for (int j = 0; j < 3; j++) {
            double d = fabs(s->pos[i][j] * BOHR_ANG - r[j]);
            if (d > worst) worst = d;
        }
        if (strcmp(element_symbol(s->numbers[i]), want[i].sym) || s->fixed[i] != want[i].fixed ||
            fabs(s->magmoms[i] - want[i].magmom) > 1e-12)
            (*mismatch)++;
    }
    return worst;
}

static void check_file(const char *name, const char *format, int natoms, const double cell[9], const int pbc[3],
                       const ase_atom *atoms, int nshow)
{
    structure s;
    err e = {0};
    int rc = structure_read_file(data(name), format, &s, &e);
    ok(rc == 0, "%s: reads (%s)", name, rc ? e.msg : "ok");
    if (rc) return;
    ok(s.natoms == natoms, "%s: %d atoms (want %d)", name, s.natoms, natoms);
    double dc = cell_diff(&s, cell);
    ok(dc <= TOL, "%s: cell as ASE reads it (worst %.2g A)", name, dc);
    ok(s.pbc[0] == pbc[0] && s.pbc[1] == pbc[1] && s.pbc[2] == pbc[2], "%s: pbc %d %d %d", name, s.pbc[0],
       s.pbc[1], s.pbc[2]);
    int bad;
    double dp = atoms_diff(&s, atoms, nshow, &bad);
    ok(dp <= TOL, "%s: positions as ASE reads them (worst %.2g A)", name, dp);
    ok(bad == 0, "%s: symbols, fixed atoms and moments as ASE (%d mismatches)", name, bad);
    structure_free(&s);
}

/* ---- Numbers printed by make_structures.py (ASE 3.22.1) ---- */

static void test_h2o(void)
{
    /* == h2o.xyz: no Lattice=, so no cell and no periodicity */
    static const double cell[9] = {0};
    static const int pbc[3] = {0, 0, 0};
    static const ase_atom at[] = {{"O", 0.0, 0.0, 0.119262, 0, 0},
                                  {"H", 0.0, 0.763239, -0.477047, 0, 0},
                                  {"H", 0.0, -0.763239, -0.477047, 0, 0}};
    check_file("h2o.xyz", NULL, 3, cell, pbc, at, 3);
    check_file("plain.xyz", "xyz", 3, cell, pbc, at, 3);
}

static void test_slab(void)
{
    /* == tio2_slab.xyz: rutile (110), FixAtoms on the bottom layer written as move_mask:L:1 */
    static const double cell[9] = {6.496897105542, 0, 0, 0, 2.959, 0, 0, 0, 15.197517684434};
    static const int pbc[3] = {1, 1, 0};
    static const ase_atom at[] = {
        {"Ti", 0.0, 0.0, 5.0, 1, 0},          {"Ti", 3.24844855, 1.4795, 5.0, 1, 0},
        {"O", 0.0, 0.0, 6.94906913, 0, 0},    {"O", 3.24844855, 0.0, 6.29937942, 0, 0},
        {"O", 1.29937942, 1.4795, 5.0, 1, 0}, {"O", 5.19751768, 1.4795, 5.0, 1, 0},
        {"Ti", 3.24844855, 0.0, 8.24844855, 0, 0}, {"Ti", 6.49689711, 1.4795, 8.24844855, 0, 0},
        {"O", 3.24844855, 0.0, 10.19751768, 0, 0}, {"O", 0.0, 0.0, 9.54782797, 0, 0},
        {"O", 4.54782797, 1.4795, 8.24844855, 0, 0}, {"O", 1.94906913, 1.4795, 8.24844855, 0, 0}};
    /* the cell line carries 16 digits, ASE printed 12 */
    check_file("tio2_slab.xyz", NULL, 12, cell, pbc, at, 12);
}

static void test_triclinic(void)
{
    /* == triclinic.xyz: pbc T T F, initial magnetic moments */
    static const double cell[9] = {3.1, 0, 0, 0.7, 2.9, 0, 0.4, -0.6, 8.5};
    static const int pbc[3] = {1, 1, 0};
    static const ase_atom at[] = {{"Fe", 0.57, 0.4, 2.55, 0, 2.5}, {"O", 2.16, 1.095, 2.975, 0, -0.5}};
    check_file("triclinic.xyz", "extxyz", 2, cell, pbc, at, 2);
}

static void test_poscars(void)
{
    /* == POSCAR_sd: selective dynamics, "F F F" for ASE's FixAtoms; atom 6 is "T T F"
     * (ASE's FixScaled): partly fixed counts as fixed */
    static const double sd_cell[9] = {6.496897105542, 0, 0, 0, 2.959, 0, 0, 0, 15.197517684434};
    static const int all[3] = {1, 1, 1};
    static const ase_atom sd[] = {
        {"Ti", 0.0, 0.0, 5.0, 1, 0}, {"Ti", 3.248448552771, 1.4795, 5.0, 1, 0},
        {"O", 0.0, 0.0, 6.949069131663, 0, 0}, {"O", 3.248448552771, 0.0, 6.299379421108, 0, 0},
        {"O", 1.299379421108, 1.4795, 5.0, 1, 0}, {"O", 5.197517684434, 1.4795, 5.0, 1, 0},
        {"Ti", 3.248448552771, 0.0, 8.248448552771, 1, 0}, {"Ti", 6.496897105542, 1.4795, 8.248448552771, 0, 0},
        {"O", 3.248448552771, 0.0, 10.197517684434, 0, 0}, {"O", 0.0, 0.0, 9.547827973879, 0, 0},
        {"O", 4.547827973879, 1.4795, 8.248448552771, 0, 0}, {"O", 1.949069131663, 1.4795, 8.248448552771, 0, 0}};
    check_file("POSCAR_sd", NULL, 12, sd_cell, all, sd, 12);

    /* == POSCAR_cart_scaled: Cartesian, scale 1.5 */
    static const double cs_cell[9] = {4.594000000050, 0, 0, 0, 4.594000000050, 0, 0, 0, 2.959000000050};
    static const ase_atom cs[] = {{"Ti", 0, 0, 0, 0, 0},
                                  {"Ti", 2.296999999950, 2.296999999950, 1.479499999950, 0, 0},
                                  {"O", 1.3782, 1.3782, 0, 0, 0},
                                  {"O", 3.215800000050, 3.215800000050, 0, 0, 0},
                                  {"O", 0.918799999950, 3.675199999950, 1.479499999950, 0, 0},
                                  {"O", 3.675199999950, 0.918799999950, 1.479499999950, 0, 0}};
    check_file("POSCAR_cart_scaled", NULL, 6, cs_cell, all, cs, 6);

    /* == CONTCAR_vasp4 (species on the comment line) and POSCAR_volume (scale -V: the
     * expected cell is the rutile cell, computed by the script since ASE 3.22 ignores the sign) */
    static const double ru_cell[9] = {4.594, 0, 0, 0, 4.594, 0, 0, 0, 2.959};
    static const ase_atom ru[] = {{"Ti", 0, 0, 0, 0, 0},       {"Ti", 2.297, 2.297, 1.4795, 0, 0},
                                  {"O", 1.3782, 1.3782, 0, 0, 0}, {"O", 3.2158, 3.2158, 0, 0, 0},
                                  {"O", 0.9188, 3.6752, 1.4795, 0, 0}, {"O", 3.6752, 0.9188, 1.4795, 0, 0}};
    check_file("CONTCAR_vasp4", NULL, 6, ru_cell, all, ru, 6);
    check_file("POSCAR_volume", "poscar", 6, ru_cell, all, ru, 6);
}

static void test_scale3(void)
{
    /* == POSCAR_scale3 (hand-written; ASE 3.22 reads only the first scale factor): VASP
     * scales the x, y, z components of lattice vectors and cartesian positions by 2, 3, 4 */
    static const double cell[9] = {2, 0, 0, 0, 6, 0, 1, 0, 12};
    static const int all[3] = {1, 1, 1};
    static const ase_atom at[] = {{"Pt", 2, 3, 4, 0, 0}, {"Pt", 0, 1.5, 1, 0, 0}};
    check_file("POSCAR_scale3", NULL, 2, cell, all, at, 2);
}

/* Every reference file cut short at many places: each read either succeeds (the cut fell
 * after the last needed line) or fails with a bad-input message naming the file and a
 * line; never a crash (the sanitizer build runs this too). */
static void test_truncations(void)
{
    static const char *files[] = {"h2o.xyz", "tio2_slab.xyz", "triclinic.xyz", "traj.xyz", "edge_quotes.xyz",
                                  "edge_crlf.xyz", "fixcart.xyz", "POSCAR_sd", "POSCAR_cart_scaled",
                                  "CONTCAR_vasp4", "POSCAR_volume", "POSCAR_scale3"};
    char tmp[] = "/tmp/pawsorb_cut_XXXXXX";
    int fd = mkstemp(tmp);
    if (!ok(fd >= 0, "temporary file")) return;
    close(fd);
    for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
        FILE *f = fopen(data(files[k]), "rb");
        static char buf[1 << 16];
        size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
        if (f) fclose(f);
        int cuts = 0, failed_ok = 0, bad = 0;
        const char *format = strstr(files[k], ".xyz") ? "extxyz" : "poscar";
        for (size_t cut = 0; cut < n; cut += 1 + n / 400, cuts++) {
            FILE *g = fopen(tmp, "wb");
            if (!g) break;
            fwrite(buf, 1, cut, g);
            fclose(g);
            structure s;
            err e = {0};
            if (structure_read_file(tmp, format, &s, &e) == 0) {
                structure_free(&s);
                continue;
            }
            char where[64];
            snprintf(where, sizeof where, "%s:", tmp);
            if (e.status == EXIT_BAD_INPUT && strncmp(e.msg, where, strlen(where)) == 0 &&
                e.msg[strlen(where)] >= '1' && e.msg[strlen(where)] <= '9')
                failed_ok++;
            else if (bad++ == 0)
                printf("# cut at %zu: %s\n", cut, e.msg);
        }
        ok(n > 0 && bad == 0, "%s cut at %d places: %d errors, each names the file and line", files[k], cuts,
           failed_ok);
    }
    remove(tmp);
}

static void test_fixcart(void)
{
    /* == fixcart.xyz: move_mask:L:3 (FixCartesian); "T T F" is partly fixed -> fixed */
    static const double cell[9] = {5, 0, 0, 0, 5, 0, 0, 0, 5};
    static const int pbc[3] = {1, 1, 1};
    static const ase_atom at[] = {{"Cu", 0, 0, 0, 1, 0}, {"Cu", 2.5, 2.5, 0, 0, 0}};
    check_file("fixcart.xyz", NULL, 2, cell, pbc, at, 2);
}

static void test_trajectory(void)
{
    /* == traj.xyz frame k: energy -10 - 0.25 k eV, atom 0 moved by 0.1 k A along x,
     * forces [[0.1 k, -0.2, 0.3], [-0.1 k, 0.2, -0.3]] eV/A (as ASE read them back) */
    int n = -1;
    err e = {0};
    int rc = extxyz_count_frames(data("traj.xyz"), &n, &e);
    ok(rc == 0 && n == 3, "traj.xyz: 3 frames (%d)", n);
    for (int k = 0; k < 3; k++) {
        structure s;
        extxyz_extras x;
        if (!ok(extxyz_read_frame(data("traj.xyz"), k, &s, &x, &e) == 0, "traj.xyz: frame %d reads", k)) {
            printf("# %s\n", e.msg);
            continue;
        }
        ok(x.has_energy, "frame %d has energy=", k);
        near(x.energy_ha * HARTREE_EV, -10.0 - 0.25 * k, 1e-12, "frame %d energy (eV)", k);
        near(s.pos[0][0] * BOHR_ANG, 0.57 + 0.1 * k, 1e-9, "frame %d position of atom 0 (A)", k);
        double want[2][3] = {{0.1 * k, -0.2, 0.3}, {-0.1 * k, 0.2, -0.3}}, worst = x.forces ? 0 : 1;
        for (int i = 0; i < 2 && x.forces; i++)
            for (int j = 0; j < 3; j++)
                worst = fmax(worst, fabs(x.forces[i][j] * HA_PER_BOHR_TO_EV_PER_ANG - want[i][j]));
        ok(worst < 1e-10, "frame %d forces in eV/A (worst %.2g)", k, worst);
        ok(s.has_magmoms && s.magmoms[0] == 2.5, "frame %d keeps initial_magmoms", k);
        extxyz_extras_free(&x);
        structure_free(&s);
    }
    structure s;
    ok(extxyz_read_frame(data("traj.xyz"), 3, &s, NULL, &e) != 0 && strstr(e.msg, "has 3 frames, frame 3"),
       "frame 3 does not exist: %s", e.msg);
}

static void test_edge_cases(void)
{
    /* Comment-line syntax ASE accepts: spaces around '=', '' / [] / {} quoting, commas,
     * escaped quotes, bare keys, extra columns skipped, Z instead of species, any case of
     * symbols, CRLF line ends. Numbers as ASE printed them (make_structures.out). */
    static const int ttt[3] = {1, 1, 1}, tft[3] = {1, 0, 1}, ttf[3] = {1, 1, 0}, fff[3] = {0, 0, 0};
    static const double c567[9] = {5, 0, 0, 0, 6, 0, 0, 0, 7}, c567b[9] = {5, 0, 0, 0.5, 6, 0, 0, 0, 7};
    static const double c4[9] = {4, 0, 0, 0, 4, 0, 0, 0, 4}, c8[9] = {8, 0, 0, 0, 8, 0, 0, 0, 8};
    static const double c3[9] = {3, 0, 0, 0, 3, 0, 0, 0, 3}, c0[9] = {0};
    static const ase_atom oh[] = {{"O", 1, 2, 3, 0, 0}, {"H", 1.5, 2, 3, 0, 0}};
    static const ase_atom ti[] = {{"Ti", 0.5, 0.5, 0.5, 0, 0}};
    static const ase_atom tio[] = {{"Ti", 0, 0, 0, 0, 0}, {"O", 1.9, 0, 0, 0, 0}};
    static const ase_atom cu[] = {{"Cu", 0, 0, 0, 0, 0}};
    /* initial_magmoms wins over magmoms (ASE: initial 3, -3; calculator moments 1.5, -1.5) */
    static const ase_atom fe[] = {{"Fe", 0, 0, 0, 0, 3.0}, {"Fe", 2, 0, 0, 0, -3.0}};
    /* magmoms alone (ASE keeps them as a calculator's result, 0.6) start the moments */
    static const ase_atom ni[] = {{"Ni", 0, 0, 0, 0, 0.6}};
    check_file("edge_spaces.xyz", NULL, 2, c567, tft, oh, 2);
    check_file("edge_quotes.xyz", NULL, 2, c567b, ttf, oh, 2);
    check_file("edge_braces.xyz", NULL, 1, c4, ttt, ti, 1);
    check_file("edge_case.xyz", NULL, 2, c8, ttt, tio, 2);
    check_file("edge_magmoms.xyz", NULL, 2, c0, fff, fe, 2);
    check_file("edge_magmoms_only.xyz", NULL, 1, c0, fff, ni, 1);
    check_file("edge_crlf.xyz", NULL, 1, c3, ttt, cu, 1);

    structure st;
    extxyz_extras x;
    err e = {0};
    int n = 0;
    ok(extxyz_read_frame(data("edge_quotes.xyz"), 0, &st, &x, &e) == 0 && x.has_energy &&
           fabs(x.energy_ha * HARTREE_EV + 1.5) < 1e-14 && !x.forces,
       "edge_quotes.xyz: energy=-1.5e+00 eV among quoted keys, no forces");
    if (!e.status) extxyz_extras_free(&x), structure_free(&st);
    int rc = extxyz_count_frames(data("edge_crlf.xyz"), &n, &e);
    ok(rc == 0 && n == 2, "edge_crlf.xyz: 2 frames, trailing blank lines end the file (%d)", n);
    ok(extxyz_read_frame(data("edge_crlf.xyz"), 1, &st, NULL, &e) == 0 && fabs(st.pos[0][0] * BOHR_ANG - 0.5) < 1e-12,
       "edge_crlf.xyz: frame 1 at x = 0.5 A");
    if (!e.status) structure_free(&st);
    ok(extxyz_read(data("h2o.xyz"), &st, &e) == 0 && !st.has_magmoms, "h2o.xyz: no moments given");
    if (!e.status) structure_free(&st);
}

/* The writer: read back what it wrote (the reader is checked against ASE above; ASE
 * itself reads the writer's files in tests/cli/structio_ase.sh). */
static void test_write(void)
{
    char path[] = "/tmp/pawsorb_structio_XXXXXX";
    int fd = mkstemp(path);
    if (!ok(fd >= 0, "temporary file")) return;
    close(fd);
    structure s, back;
    err e = {0};
    if (structure_read_file(data("POSCAR_sd"), NULL, &s, &e)) {
        ok(0, "read POSCAR_sd: %s", e.msg);
        return;
    }
    s.pbc[2] = 0;
    s.has_magmoms = 1;
    s.magmoms[3] = -1.25;
    ok(extxyz_write(path, &s, "note=\"written by test\"", &e) == 0, "extxyz_write: %s", e.msg);
    FILE *f = fopen(path, "r");
    char line[4096] = "";
    if (f && fgets(line, sizeof line, f) && fgets(line, sizeof line, f))
        ok(strstr(line, "Properties=species:S:1:pos:R:3:move_mask:L:1:initial_magmoms:R:1") &&
               strstr(line, "pbc=\"T T F\"") && strstr(line, "Lattice=\"6.49689710554") &&
               strstr(line, "note=\"written by test\""),
           "comment line: %s", line);
    if (f) fclose(f);
    int rc = extxyz_read(path, &back, &e);
    ok(rc == 0, "reads its own output (%s)", rc ? e.msg : "ok");
    if (!rc) {
        double worst = 0;
        int same = back.natoms == s.natoms && back.has_magmoms;
        for (int i = 0; i < s.natoms && same; i++) {
            for (int j = 0; j < 3; j++) worst = fmax(worst, fabs(back.pos[i][j] - s.pos[i][j]) * BOHR_ANG);
            same = back.numbers[i] == s.numbers[i] && back.fixed[i] == s.fixed[i] && back.magmoms[i] == s.magmoms[i];
        }
        ok(same && worst < 1e-10 && back.pbc[2] == 0 && memcmp(back.cell, s.cell, sizeof s.cell) == 0,
           "round trip: symbols, fixed, moments, pbc, cell exact, positions within %.1g A", worst);
        structure_free(&back);
    }
    /* a periodic structure without a cell cannot be written as ASE would read it */
    memset(s.cell, 0, sizeof s.cell);
    ok(extxyz_write(path, &s, NULL, &e) != 0 && strstr(e.msg, "without a cell"), "%s", e.msg);
    s.pbc[0] = s.pbc[1] = s.pbc[2] = 0;   /* a molecule: no cell needed */
    ok(extxyz_write("/nonexistent/dir/x.xyz", &s, NULL, &e) != 0 && strstr(e.msg, "cannot write"), "%s", e.msg);
    structure_free(&s);
    remove(path);
}

/* Malformed files: each must give a bad-input error naming the file and the line. */
static void test_bad_files(void)
{
    static const struct {
        const char *file, *where, *what;
    } cases[] = {
        {"empty.xyz", ":1:", "number of atoms"},
        {"natoms_text.xyz", ":1:", "expected the number of atoms, found 'three'"},
        {"natoms_two_tokens.xyz", ":1:", "expected the number of atoms"},
        {"zero_atoms.xyz", ":1:", "0 atoms"},
        {"huge_natoms.xyz", ":1:", "999999999 atoms cannot fit"},
        {"no_comment.xyz", ":2:", "ends before the comment line"},
        {"truncated.xyz", ":4:", "ends after 2 of 3 atoms"},
        {"lattice8.xyz", ":2:", "Lattice= has 8 numbers, expected 9"},
        {"lattice_text.xyz", ":2:", "not 9 numbers"},
        {"pbc_two.xyz", ":2:", "pbc=\"T T\""},
        {"pbc_word.xyz", ":2:", "expected three of T/F"},
        {"pbc_no_lattice.xyz", ":2:", "no Lattice="},
        {"unknown_element.xyz", ":4:", "'Qq' is not a chemical element"},
        {"bad_number.xyz", ":4:", "'abc' is not a number"},
        {"nan_position.xyz", ":3:", "'nan' is not a number"},
        {"props_not_triples.xyz", ":2:", "name:type:width triples"},
        {"props_bad_type.xyz", ":2:", "'pos:X:3'"},
        {"props_no_pos.xyz", ":2:", "no pos:R:3 column"},
        {"props_pos_width.xyz", ":2:", "pos:R:2, expected pos:R:3"},
        {"columns_missing.xyz", ":3:", "6 columns, expected 7"},
        {"columns_extra.xyz", ":3:", "5 columns, expected 4"},
        {"move_mask_bad.xyz", ":3:", "move_mask 'X'"},
        {"magmoms_noncollinear.xyz", ":2:", "non-collinear"},
        {"energy_text.xyz", ":2:", "energy=\"low\""},
        {"garbage.xyz", ":1:", "number of atoms"},
        {"POSCAR_empty", ":1:", "comment line"},
        {"POSCAR_garbage", ":2:", "scale factor"},
        {"POSCAR_scale_text", ":2:", "scale factor"},
        {"POSCAR_scale_zero", ":2:", "scale factor is 0"},
        {"POSCAR_lattice_short", ":4:", "lattice vector a2"},
        {"POSCAR_vasp4_no_species", ":6:", "no species line (VASP 4 format)"},
        {"POSCAR_bad_species", ":6:", "'Xx' is not a chemical element"},
        {"POSCAR_count_mismatch", ":7:", "3 atom counts for 2 species"},
        {"POSCAR_negative_count", ":7:", "'-2' is not a positive number"},
        {"POSCAR_huge_count", ":7:", "99999999 atoms cannot fit"},
        {"POSCAR_truncated", ":11:", "ends after 2 of 3 atoms"},
        {"POSCAR_sd_flags", ":11:", "three flags T or F"},
        {"POSCAR_sd_flag_word", ":11:", "three flags T or F"},
        {"POSCAR_no_mode", ":8:", "expected 'Direct' or 'Cartesian'"},
        {"POSCAR_coplanar_volume", ":5:", "coplanar"},
        {"POSCAR_bad_coordinate", ":10:", "three coordinates"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char name[256], where[300];
        snprintf(name, sizeof name, "bad/%s", cases[i].file);
        snprintf(where, sizeof where, "%s%s", cases[i].file, cases[i].where);
        structure s;
        err e = {0};
        int rc = structure_read_file(data(name), strncmp(cases[i].file, "POSCAR", 6) ? "extxyz" : "poscar", &s, &e);
        ok(rc != 0 && e.status == EXIT_BAD_INPUT && strstr(e.msg, where) && strstr(e.msg, cases[i].what),
           "%s: error names line and problem: %s", cases[i].file, e.msg);
        if (rc == 0) structure_free(&s);
    }
    /* The second frame is broken: the first still reads, counting frames fails. */
    structure s;
    err e = {0};
    int n;
    ok(extxyz_read(data("bad/second_frame_truncated.xyz"), &s, &e) == 0, "first frame of a file whose second is broken");
    if (!e.status) structure_free(&s);
    ok(extxyz_count_frames(data("bad/second_frame_truncated.xyz"), &n, &e) != 0 &&
       strstr(e.msg, "second_frame_truncated.xyz:6: the file ends after 1 of 2 atoms"), "%s", e.msg);
    ok(structure_read_file(data("bad/does_not_exist.xyz"), NULL, &s, &e) != 0 && strstr(e.msg, "cannot open"),
       "missing file: %s", e.msg);
    ok(structure_read_file(data("h2o.dat"), NULL, &s, &e) != 0 && strstr(e.msg, "cannot tell the structure format"),
       "unknown extension: %s", e.msg);
    ok(structure_read_file(data("h2o.xyz"), "cif", &s, &e) != 0 && strstr(e.msg, "unknown structure format 'cif'"),
       "unknown format: %s", e.msg);
    ok(structure_read_file(data_dir, "extxyz", &s, &e) != 0 && strstr(e.msg, "directory"), "directory: %s", e.msg);
}

int main(int argc, char **argv)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    snprintf(data_dir, sizeof data_dir, "%s/tests/data/structures", argc > 1 ? argv[1] : src ? src : "..");
    test_h2o();
    test_slab();
    test_triclinic();
    test_poscars();
    test_scale3();
    test_fixcart();
    test_truncations();
    test_trajectory();
    test_edge_cases();
    test_write();
    test_bad_files();
    return tap_done();
}
