/* structure.build (src/io/input_build.c): the structure the input reader builds must be the
 * one `pawsorb build` makes with the same options, to the last bit:
 *  - against slab_latp001 / latp_build called with the options written out here by hand
 *    (preset values from docs/latp.md's table, lengths / BOHR_ANG as the command converts);
 *  - against the file `build latp001 ...` writes (build_cmd_latp001 itself), both read back
 *    through the same Angstrom round trip, so that a difference in how the command and the
 *    reader turn options into slab_opts would show.
 * And: fix_below adds to the builder's fixed atoms; the log line names the builder. */
#include "build/latp.h"
#include "build/slab.h"
#include "cmd/build_cmds.h"
#include "core/units.h"
#include "io/input.h"
#include "io/structio.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Writes `yaml` to a temporary file and reads it. */
static int read_yaml(const char *yaml, input *in, err *e)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/pawsorb_test_build_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return -2;
    size_t len = strlen(yaml);
    if (write(fd, yaml, len) != (ssize_t)len) len = 0;
    close(fd);
    int rc = input_read(path, in, e);
    unlink(path);
    return rc;
}

/* Same atoms, cell, pbc and fixed flags, bit for bit. */
static int same_structure(const structure *a, const structure *b)
{
    if (a->natoms != b->natoms || a->natoms == 0) return 0;
    size_t n = (size_t)a->natoms;
    return !memcmp(a->cell, b->cell, sizeof a->cell) && !memcmp(a->pbc, b->pbc, sizeof a->pbc) &&
           !memcmp(a->numbers, b->numbers, n * sizeof *a->numbers) && !memcmp(a->pos, b->pos, n * sizeof *a->pos) &&
           !memcmp(a->fixed, b->fixed, n * sizeof *a->fixed);
}

static int count_fixed(const structure *s)
{
    int n = 0;
    for (int a = 0; a < s->natoms; a++) n += s->fixed[a];
    return n;
}

/* The quick preset (docs/latp.md: x 0.3, 2 layers, 2x1, 1 fixed layer, 15 A vacuum). */
static void test_quick(void)
{
    input in;
    err e = {0};
    int rc = read_yaml("structure:\n  build: {name: latp001, preset: quick}\n", &in, &e);
    if (!ok(rc == 0, "build {latp001, preset quick} accepted: %s", e.msg)) return;
    slab_opts o = {.x = 0.3, .layers = 2, .vacuum = 15.0 / BOHR_ANG, .supercell = {2, 1}, .fix_layers = 1};
    structure s = {0};
    slab_report r;
    ok(slab_latp001(&o, &s, &r, &e) == 0, "slab_latp001 quick: %s", e.msg);
    ok(same_structure(&in.atoms, &s), "quick: bit-identical to slab_latp001 (%d atoms, %d fixed)", s.natoms,
       count_fixed(&s));
    ok(s.natoms == 146 && count_fixed(&in.atoms) == 74, "quick: 146 atoms, 74 fixed (docs/latp.md)");
    ok(!strncmp(in.structure_origin, "built by latp001 (preset quick): 146 atoms;", 43), "log line: %s",
       in.structure_origin);
    structure_free(&s);
    input_free(&in);
    /* no preset named: quick, as `build latp001` without --preset */
    rc = read_yaml("structure:\n  build: {name: latp001}\n", &in, &e);
    ok(rc == 0 && in.atoms.natoms == 146 && strstr(in.structure_origin, "(preset quick)"), "default preset quick");
    if (rc == 0) input_free(&in);
}

/* Every option written over a preset, against the command writing the same slab. */
static void test_options_vs_command(void)
{
    static const char yaml[] =
        "structure:\n"
        "  build:\n"
        "    name: latp001\n"
        "    preset: paper\n"
        "    layers: 2\n"
        "    vacuum: 12.5\n"
        "    supercell: [2, 1]\n"
        "    fix: 1\n"
        "    termination: 3\n"
        "    x: 0.3\n"
        "    max_enum: 1000\n"
        "    allow_dipole: false\n";
    char *argv[] = {"latp001", "--preset", "paper", "--layers", "2", "--vacuum", "12.5", "--supercell", "2", "1",
                    "--fix", "1", "--termination", "3", "--x", "0.3", "--max-enum", "1000", "-o", NULL, NULL};
    char dir[64] = "/tmp/pawsorb_test_build_XXXXXX", cli[96], mine[96];
    if (!ok(mkdtemp(dir) != NULL, "temporary directory")) return;
    snprintf(cli, sizeof cli, "%s/cli.xyz", dir);
    snprintf(mine, sizeof mine, "%s/input.xyz", dir);
    argv[19] = cli;
    comm_ctx comm = {.rank = 0, .size = 1};
    input in;
    err e = {0};
    ok(build_cmd_latp001(&comm, 20, argv, &e) == 0, "build latp001 (all options) writes its file: %s", e.msg);
    int rc = read_yaml(yaml, &in, &e);
    if (ok(rc == 0, "the same options in structure.build accepted: %s", e.msg)) {
        slab_opts o = {.x = 0.3, .layers = 2, .vacuum = 12.5 / BOHR_ANG, .supercell = {2, 1}, .fix_layers = 1,
                       .termination = 3, .max_enum = 1000};
        structure s = {0}, a = {0}, b = {0};
        slab_report r;
        rc = slab_latp001(&o, &s, &r, &e);
        ok(rc == 0 && same_structure(&in.atoms, &s), "all options: bit-identical to slab_latp001 (%d atoms)",
           s.natoms);
        structure_free(&s);
        ok(extxyz_write(mine, &in.atoms, NULL, &e) == 0, "write the input's structure: %s", e.msg);
        rc = structure_read_file(cli, "", &a, &e);
        if (!rc) rc = structure_read_file(mine, "", &b, &e);
        ok(rc == 0 && same_structure(&a, &b), "after the Angstrom round trip: the command's file and the input's "
           "structure agree bit for bit (%d atoms, %d fixed) %s", a.natoms, a.natoms ? count_fixed(&a) : 0, e.msg);
        ok(strstr(in.structure_origin, "(preset paper; layers 2, vacuum 12.5 A, supercell 2x1, fix 1, termination 3"
                  ", x 0.3, max_enum 1000, allow_dipole false): ") != NULL, "log line lists the options: %s",
           in.structure_origin);
        structure_free(&a), structure_free(&b);
        input_free(&in);
    }
    unlink(cli), unlink(mine), rmdir(dir);
}

/* thickness -> layers as the command's --thickness; a preset's fix on a thinner slab is
 * clamped as the command does; fix_below adds to the builder's fixed atoms. */
static void test_thickness_fix(void)
{
    input in;
    err e = {0};
    int rc = read_yaml("structure:\n  build: {name: latp001, x: 0, thickness: 25, supercell: [2, 1], fix: 1,"
                       " vacuum: 12}\n", &in, &e);
    if (ok(rc == 0, "thickness 25 A, x 0: %s", e.msg)) {
        slab_opts o = {.x = 0, .layers = 4, .vacuum = 12.0 / BOHR_ANG, .supercell = {2, 1}, .fix_layers = 1};
        structure s = {0};
        slab_report r;
        rc = slab_latp001(&o, &s, &r, &e);
        ok(rc == 0 && same_structure(&in.atoms, &s),
           "thickness 25 A = 4 layers (6.95 A each, rounded up): bit-identical (%d atoms)", s.natoms);
        structure_free(&s);
        input_free(&in);
    }
    rc = read_yaml("structure:\n  build: {name: latp001, x: 0, layers: 1}\n", &in, &e);
    ok(rc == 0 && count_fixed(&in.atoms) == 0, "1 layer: the preset's fix 1 becomes 0 (%s)", e.msg);
    if (rc == 0) input_free(&in);
    rc = read_yaml("structure:\n  build: {name: latp001, preset: quick}\n  fix_below: 16.0\n", &in, &e);
    if (ok(rc == 0, "fix_below with build: %s", e.msg)) {
        int all = 1, extra = 0;
        slab_opts o = {.x = 0.3, .layers = 2, .vacuum = 15.0 / BOHR_ANG, .supercell = {2, 1}, .fix_layers = 1};
        structure s = {0};
        slab_report r;
        slab_latp001(&o, &s, &r, &e);
        for (int a = 0; a < s.natoms && a < in.atoms.natoms; a++) {
            int want = s.fixed[a] || s.pos[a][2] < 16.0 / BOHR_ANG;
            all &= in.atoms.fixed[a] == want;
            extra += in.atoms.fixed[a] && !s.fixed[a];
        }
        ok(all && extra > 0, "fixed = the builder's bottom layer + z < 16 A (%d more than the builder's %d)", extra,
           count_fixed(&s));
        structure_free(&s);
        input_free(&in);
    }
}

static void test_bulk(void)
{
    input in;
    err e = {0};
    int rc = read_yaml("structure:\n  build: {name: latp-bulk}\n", &in, &e);
    if (ok(rc == 0, "build {latp-bulk} accepted: %s", e.msg)) {
        latp_opts o = {.x = 1.0 / 3.0, .rep = {1, 1, 1}};
        structure s = {0};
        latp_report r;
        rc = latp_build(&o, &s, &r, &e);
        ok(rc == 0 && same_structure(&in.atoms, &s) && s.natoms == 110,
           "latp-bulk default (x 1/3): bit-identical to latp_build, 110 atoms");
        ok(in.atoms.pbc[0] && in.atoms.pbc[1] && in.atoms.pbc[2], "bulk: periodic along all three axes");
        structure_free(&s);
        input_free(&in);
    }
    rc = read_yaml("structure:\n  build: {name: latp-bulk, x: 0, repeat: [1, 2, 1]}\n", &in, &e);
    ok(rc == 0 && in.atoms.natoms == 216 && strstr(in.structure_origin, "built by latp-bulk (x 0, repeat 1x2x1): 216"),
       "latp-bulk x 0, repeat 1 2 1: 216 atoms (%s)", rc ? e.msg : in.structure_origin);
    if (rc == 0) input_free(&in);
}

int main(void)
{
    test_quick();
    test_options_vs_command();
    test_thickness_fix();
    test_bulk();
    return tap_done();
}
