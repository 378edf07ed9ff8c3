/* Unit tests of src/io/input*.c: defaults and unit conversion on good inputs, k-point
 * densities against ASE, and the corpus of malformed inputs in tests/data/inputs/bad/
 * (each file's first line "# expect: <text>" names what the one-line message must say).
 * Run under the sanitizer build, the corpus is also the "nothing crashes" test. */
#include "core/units.h"
#include "io/input.h"
#include "tap.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *srcdir(void)
{
    const char *s = getenv("PAWSORB_SRCDIR");
    return s && *s ? s : PAWSORB_TEST_SRCDIR;
}

/* Writes `yaml` to a temporary file and reads it. */
static int read_string(const char *yaml, input *in, err *e, char *path, size_t cap)
{
    snprintf(path, cap, "/tmp/pawsorb_test_input_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return -2;
    size_t len = strlen(yaml);
    if (write(fd, yaml, len) != (ssize_t)len) len = 0;
    close(fd);
    int rc = input_read(path, in, e);
    unlink(path);
    return rc;
}

static const char h2o[] =
    "structure:\n"
    "  cell: [[8.0, 0.0, 0.0], [0.0, 9.5, 0.0], [0.0, 0.0, 8.6]]\n"
    "  pbc: false\n"
    "  atoms:\n"
    "    - [O, 4.0, 4.763239, 4.596309]\n"
    "    - [H, 4.0, 5.526478, 4.0]\n"
    "    - [H, 4.0, 4.0, 4.0]\n";

/* Periodic systems default to Fermi-Dirac 0.1 eV, as GPAW. */
static void test_periodic_smearing_default(void)
{
    input in;
    err e = {0};
    char path[64], yaml[sizeof h2o];
    memcpy(yaml, h2o, sizeof h2o);
    char *p = strstr(yaml, "pbc: false");
    memcpy(p, "pbc: true ", 10);
    int rc = read_string(yaml, &in, &e, path, sizeof path);
    ok(rc == 0, "periodic H2O accepted: %s", e.msg);
    if (rc) return;
    ok(in.dft.smearing == SMEAR_FERMI_DIRAC, "periodic: smearing default fermi-dirac");
    near(in.dft.width_ha, 0.003674932247495664, 1e-17, "periodic: width default 0.1 eV in hartree");
    input_free(&in);
}

static void test_defaults(void)
{
    input in;
    err e = {0};
    char path[64];
    int rc = read_string(h2o, &in, &e, path, sizeof path);
    ok(rc == 0, "minimal input (structure only) is accepted: %s", e.msg);
    if (rc) return;
    ok(in.text && strcmp(in.text, h2o) == 0, "text is the file verbatim");
    ok(strcmp(in.path, path) == 0, "path kept");
    ok(in.task == TASK_SCF, "task default scf");
    ok(in.atoms.natoms == 3 && in.atoms.numbers[0] == 8 && in.atoms.numbers[2] == 1, "atoms O H H");
    near(in.atoms.pos[0][1], 4.763239 / 0.5291772105638411, 1e-12, "positions Angstrom -> bohr");
    near(in.atoms.cell[1][1], 9.5 / 0.5291772105638411, 1e-12, "cell Angstrom -> bohr");
    ok(!in.atoms.pbc[0] && !in.atoms.pbc[1] && !in.atoms.pbc[2], "pbc: false applies to all axes");
    ok(strcmp(in.dft.xc, "PBE") == 0 && strcmp(in.dft.setups, "PBE") == 0, "xc and setups default PBE");
    /* 400 eV, 0.1 eV and 0.05 eV/A in atomic units as ASE 3.22 converts them:
     * /usr/bin/python3 -c "from ase import units; print(400/units.Hartree, 0.1/units.Hartree,
     *                      0.05/(units.Hartree/units.Bohr))" */
    near(in.dft.cutoff_ha, 14.699728989982654, 1e-13, "cutoff default 400 eV in hartree");
    ok(in.dft.smearing == SMEAR_NONE && in.dft.width_ha == 0.0,
       "isolated system: integer occupations by default (GPAW's zero width)");
    ok(in.dft.kpts[0] == 1 && in.dft.kpts[1] == 1 && in.dft.kpts[2] == 1 && in.dft.gamma == 1, "kpoints [1,1,1], gamma");
    ok(in.dft.spin == 0 && in.dft.charge == 0 && in.dft.nbands == 0 && in.dft.dispersion == DISP_NONE,
       "spin off, neutral, bands auto, no dispersion");
    near(in.scf.energy_tol_ha, 5.0e-4 / 27.211386024367243, 1e-18, "energy_tol default 5e-4 eV");
    ok(in.scf.density_tol == 1e-4 && in.scf.max_iter == 100, "density_tol 1e-4, max_iter 100");
    ok(in.scf.forces_tol_au == 0.0, "forces_tol off by default");
    ok(in.scf.mix_beta == 0.05 && in.scf.mix_history == 5 && in.scf.kerker == -1, "mixer 0.05, 5, kerker auto");
    ok(in.scf.checkpoint_iterations == 0 && in.scf.checkpoint_seconds == 1800.0, "scf.checkpoint default 30 min");
    near(in.relax.fmax_au, 0.0009723451978704314, 1e-18, "fmax default 0.05 eV/A in hartree/bohr");
    ok(in.relax.method == RELAX_CG && in.relax.max_steps == 200, "relax cg, 200 steps");
    ok(strcmp(in.output.file, "results.h5") == 0 && !in.output.cube_density && !in.bader, "output results.h5, no cubes, no bader");
    ok(in.parallel.kpoints == 0 && in.parallel.bands == 0 && in.parallel.memory_per_rank_bytes == 0, "parallel auto");
    ok(!in.atoms.fixed[0] && !in.atoms.has_magmoms, "nothing fixed, no magmoms");
    input_free(&in);
    input_free(&in); /* safe twice */
}

static void test_everything(void)
{
    static const char yaml[] =
        "task: relax\n"
        "structure:\n"
        "  cell: [6.5, 6.5, 25.0]\n"
        "  pbc: [true, true, false]\n"
        "  atoms: [[Ti, 0, 0, 5.0], [O, 1.6, 1.6, 5.9], [O, 1.6, 1.6, 4.1], [C, 3.2, 3.2, 9.0]]\n"
        "  fixed: [3]\n"
        "  fix_below: 4.5\n"
        "dft:\n"
        "  xc: GGA_X_PBE_SOL+GGA_C_PBE_SOL\n"
        "  cutoff: 500\n"
        "  kpoints: {density: 4.0}\n"
        "  gamma: false\n"
        "  smearing: {method: marzari-vanderbilt, width: 0.2}\n"
        "  spin: true\n"
        "  magmoms: [1.0, 0, 0, -0.5]\n"
        "  charge: -1\n"
        "  dispersion: d2\n"
        "  setups: LDA\n"
        "  bands: 40\n"
        "scf: {energy_tol: 1.0e-5, density_tol: 1e-6, forces_tol: 1e-5, max_iter: 60,\n"
        "      mixer: {beta: 0.1, history: 8, kerker: 1.5}, checkpoint: 20}\n"
        "relax: {method: fire, fmax: 0.02, max_steps: 50}\n"
        "output: {file: slab.h5, cube: [density, potential]}\n"
        "bader: true\n"
        "parallel: {kpoints: 2, bands: auto, memory_per_rank: 2 GiB}\n";
    input in;
    err e = {0};
    char path[64];
    int rc = read_string(yaml, &in, &e, path, sizeof path);
    ok(rc == 0, "input with every key is accepted: %s", e.msg);
    if (rc) return;
    ok(in.task == TASK_RELAX, "task relax");
    near(in.atoms.cell[2][2], 25.0 / BOHR_ANG, 1e-12, "cell [a,b,c] is orthorhombic");
    ok(in.atoms.pbc[0] && in.atoms.pbc[1] && !in.atoms.pbc[2], "pbc list");
    ok(!in.atoms.fixed[0] && !in.atoms.fixed[1] && in.atoms.fixed[2] && in.atoms.fixed[3],
       "fixed = union of fixed: [3] and fix_below 4.5 A (atom 2 at z = 4.1 A)");
    near(in.dft.cutoff_ha, 500 / HARTREE_EV, 1e-14, "cutoff 500 eV");
    ok(in.dft.kpts[0] == 4 && in.dft.kpts[1] == 4 && in.dft.kpts[2] == 1, "density 4.0 on the slab: 4x4x1 (ASE)");
    near(in.dft.kpt_density, 4.0, 0, "density kept");
    ok(!in.dft.gamma && in.dft.smearing == SMEAR_MARZARI_VANDERBILT, "gamma false, marzari-vanderbilt");
    near(in.dft.width_ha, 0.2 / HARTREE_EV, 1e-16, "width 0.2 eV");
    ok(in.dft.spin && in.atoms.has_magmoms && in.atoms.magmoms[0] == 1.0 && in.atoms.magmoms[3] == -0.5, "spin with magmoms");
    ok(in.dft.charge == -1 && in.dft.dispersion == DISP_D2 && in.dft.nbands == 40, "charge -1, d2, 40 bands");
    ok(strcmp(in.dft.setups, "LDA") == 0 && strcmp(in.dft.xc, "GGA_X_PBE_SOL+GGA_C_PBE_SOL") == 0, "xc libxc name, setups");
    near(in.scf.energy_tol_ha, 1e-5 / HARTREE_EV, 1e-20, "energy_tol");
    ok(in.scf.density_tol == 1e-6 && in.scf.max_iter == 60 && in.scf.mix_beta == 0.1 && in.scf.mix_history == 8, "scf");
    near(in.scf.kerker, 1.5 * BOHR_ANG, 1e-15, "kerker q0 1.5/A in 1/bohr");
    ok(in.scf.checkpoint_iterations == 20 && in.scf.checkpoint_seconds == 0, "scf.checkpoint every 20 iterations");
    near(in.scf.forces_tol_au, 1e-5 * BOHR_ANG / HARTREE_EV, 1e-20, "forces_tol 1e-5 eV/A in hartree/bohr");
    near(in.relax.fmax_au, 0.02 * BOHR_ANG / HARTREE_EV, 1e-18, "fmax 0.02 eV/A");
    ok(in.relax.method == RELAX_FIRE && in.relax.max_steps == 50, "relax fire, 50 steps");
    ok(strcmp(in.output.file, "slab.h5") == 0 && in.output.cube_density && in.output.cube_potential &&
       !in.output.cube_ae_density, "output");
    ok(in.bader && in.parallel.kpoints == 2 && in.parallel.bands == 0, "bader, parallel");
    near(in.parallel.memory_per_rank_bytes, 2.0 * 1073741824.0, 0, "2 GiB");
    input_free(&in);
}

/* Monkhorst-Pack sizes from tests/reference/input_kpt_density.py (ASE 3.22
 * kptdensity2monkhorstpack, even=True). Exact integers: no tolerance. */
static void test_kpt_density(void)
{
    static const struct { double cell[3][3]; int pbc[3]; double density; int want[3]; } cases[] = {
        {{{5.43, 0.0, 0.0}, {0.0, 5.43, 0.0}, {0.0, 0.0, 5.43}}, {1, 1, 1}, 3.5, {6, 6, 6}},
        {{{0.0, 2.715, 2.715}, {2.715, 0.0, 2.715}, {2.715, 2.715, 0.0}}, {1, 1, 1}, 3.5, {8, 8, 8}},
        {{{2.95, 0.0, 0.0}, {-1.475, 2.5547749, 0.0}, {0.0, 0.0, 4.68}}, {1, 1, 1}, 5.0, {14, 14, 8}},
        {{{4.1, 0.3, -0.2}, {1.2, 5.3, 0.4}, {-0.7, 0.9, 6.2}}, {1, 1, 1}, 2.7, {6, 4, 4}},
        {{{6.5, 0.0, 0.0}, {0.0, 6.5, 0.0}, {0.0, 0.0, 25.0}}, {1, 1, 0}, 4.0, {4, 4, 1}},
        {{{8.0, 0.0, 0.0}, {0.0, 9.5, 0.0}, {0.0, 0.0, 8.6}}, {0, 0, 0}, 3.5, {1, 1, 1}},
        {{{3.0, 0.0, 0.0}, {0.0, 3.0, 0.0}, {0.0, 0.0, 3.0}}, {1, 1, 1}, 0.1, {2, 2, 2}},
        {{{10.2, 0.0, 0.0}, {0.0, 10.2, 0.0}, {0.0, 0.0, 10.2}}, {1, 1, 1}, 6.0, {4, 4, 4}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        double cell[3][3];
        int k[3];
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) cell[a][b] = cases[i].cell[a][b] / BOHR_ANG;
        input_kpts_from_density(cell, cases[i].pbc, cases[i].density, k);
        ok(k[0] == cases[i].want[0] && k[1] == cases[i].want[1] && k[2] == cases[i].want[2],
           "k-point density case %zu: %dx%dx%d, ASE %dx%dx%d", i, k[0], k[1], k[2], cases[i].want[0],
           cases[i].want[1], cases[i].want[2]);
    }
}

/* Every file of a corpus directory, sorted, with a callback. */
static int corpus(const char *sub, void (*check)(const char *path))
{
    char dir[1024], path[1400];
    snprintf(dir, sizeof dir, "%s/tests/data/inputs/%s", srcdir(), sub);
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort), count = 0;
    for (int i = 0; i < n; i++) {
        if (strstr(names[i]->d_name, ".yaml")) {
            snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
            check(path);
            count++;
        }
        free(names[i]);
    }
    if (n >= 0) free(names);
    return count;
}

static void check_bad(const char *path)
{
    char expect[512] = "", line[512];
    FILE *f = fopen(path, "r");
    if (f && fgets(line, sizeof line, f) && strncmp(line, "# expect: ", 10) == 0) {
        snprintf(expect, sizeof expect, "%s", line + 10);
        expect[strcspn(expect, "\r\n")] = '\0';
    }
    if (f) fclose(f);
    input in;
    err e = {0};
    int rc = input_read(path, &in, &e);
    const char *name = strrchr(path, '/') + 1;
    ok(rc == -1 && e.status == EXIT_BAD_INPUT && expect[0] && strstr(e.msg, expect) &&
       strncmp(e.msg, path, strlen(path)) == 0 && !strchr(e.msg, '\n') && in.text == NULL,
       "bad/%s: \"%s\" in: %s", name, expect, e.msg);
    if (rc == 0) input_free(&in);
}

static void check_good(const char *path)
{
    input in;
    err e = {0};
    int rc = input_read(path, &in, &e);
    ok(rc == 0, "good/%s is accepted: %s", strrchr(path, '/') + 1, e.msg);
    if (rc == 0) input_free(&in);
}

static void test_corpus(void)
{
    int nbad = corpus("bad", check_bad);
    ok(nbad >= 35, "the bad-input corpus has %d files (at least 35)", nbad);
    int ngood = corpus("good", check_good);
    ok(ngood >= 1, "the good-input corpus has %d files", ngood);
}

/* Structure files through input_read: relative paths, fixed-atom union, file + cell. */
static void test_structure_files(void)
{
    char path[1200];
    input in;
    err e = {0};
    snprintf(path, sizeof path, "%s/tests/data/inputs/good/slab_file.yaml", srcdir());
    if (ok(input_read(path, &in, &e) == 0, "slab_file.yaml: %s", e.msg)) {
        /* tio2_slab.xyz: move_mask fixes 0,1,4,5 (ASE FixAtoms); fix_below 6.5 A adds atom 3
         * (z = 6.299 A); fixed: [11] adds 11. */
        static const int want[12] = {1, 1, 0, 1, 1, 1, 0, 0, 0, 0, 0, 1};
        int same = in.atoms.natoms == 12;
        for (int a = 0; same && a < 12; a++) same = in.atoms.fixed[a] == want[a];
        ok(same, "fixed = file's move_mask + fix_below + fixed");
        ok(in.atoms.pbc[0] && in.atoms.pbc[1] && !in.atoms.pbc[2], "pbc T T F from the file");
        /* ASE 3.22 kptdensity2monkhorstpack(read('tio2_slab.xyz'), 3.5): [4, 8, 1]
         * (tests/reference/input_kpt_density.py) */
        ok(in.dft.kpts[0] == 4 && in.dft.kpts[1] == 8 && in.dft.kpts[2] == 1, "density 3.5 on the slab: %dx%dx%d, ASE 4x8x1",
           in.dft.kpts[0], in.dft.kpts[1], in.dft.kpts[2]);
        ok(in.relax.method == RELAX_BFGS && in.output.cube_ae_density && in.scf.kerker > 0, "relax bfgs, cube, kerker on");
        ok(strstr(in.structure_file, "tests/data/inputs/good/../../structures/tio2_slab.xyz") != NULL,
           "structure_file resolved against the input's directory: %s", in.structure_file);
        input_free(&in);
    }
    snprintf(path, sizeof path, "%s/tests/data/inputs/good/poscar_sd.yaml", srcdir());
    if (ok(input_read(path, &in, &e) == 0, "poscar_sd.yaml: %s", e.msg)) {
        /* POSCAR_sd: "F F F" on atoms 0, 1, 4, 5 (ASE: FixAtoms(indices=[0, 1, 4, 5])) */
        ok(in.atoms.natoms == 12 && in.atoms.fixed[0] && in.atoms.fixed[1] && in.atoms.fixed[4] && in.atoms.fixed[5] &&
           !in.atoms.fixed[2] && !in.atoms.fixed[3] && in.atoms.fixed[11], "selective dynamics + fixed: [11]");
        near(in.dft.cutoff_ha * HARTREE_EV, 350, 1e-12, "cutoff 350 eV");
        input_free(&in);
    }
    snprintf(path, sizeof path, "%s/tests/data/inputs/good/molecule_xyz_box.yaml", srcdir());
    if (ok(input_read(path, &in, &e) == 0, "molecule_xyz_box.yaml: %s", e.msg)) {
        near(in.atoms.cell[0][0], 8.0 / BOHR_ANG, 1e-12, "the input's cell boxes a plain XYZ molecule");
        ok(!in.atoms.pbc[0] && in.dft.spin && in.atoms.has_magmoms && in.dft.charge == 1, "pbc false, spin, charge");
        ok(strcmp(in.dft.setups, "LDA") == 0, "xc LDA selects the LDA datasets");
        near(in.parallel.memory_per_rank_bytes, 512.0 * 1048576.0, 0, "512 MiB");
        input_free(&in);
    }
}

/* Mutation fuzzing: each inline good input, damaged a few thousand ways (bytes replaced by
 * YAML punctuation or random bytes, ranges deleted or repeated, truncation), must give
 * either success or one one-line EXIT_BAD_INPUT message naming the file. Deterministic
 * (fixed seed); under the sanitizer build any memory error fails the run. */
static unsigned long fuzz_state = 12345;
static unsigned fuzz_rand(unsigned n)
{
    fuzz_state = fuzz_state * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((fuzz_state >> 33) % n);
}

static void mutate(char *buf, size_t *len, size_t cap)
{
    static const char special[] = "[]{}:,-#&*!|>'\"\t\n 0.9e-~?%@`\\";
    size_t pos = *len ? fuzz_rand((unsigned)*len) : 0, span = 1 + fuzz_rand(12);
    switch (fuzz_rand(5)) {
    case 0: if (*len) buf[pos] = special[fuzz_rand(sizeof special - 1)]; break;
    case 1: if (*len) buf[pos] = (char)fuzz_rand(256); break;
    case 2: /* delete a range */
        if (pos + span > *len) span = *len - pos;
        memmove(buf + pos, buf + pos + span, *len - pos - span);
        *len -= span;
        break;
    case 3: /* repeat a range */
        if (pos + span > *len) span = *len - pos;
        if (*len + span < cap) {
            memmove(buf + pos + span, buf + pos, *len - pos);
            *len += span;
        }
        break;
    default: *len = pos; /* truncate */
    }
}

static void test_mutations(void)
{
    static const char *const names[] = {"h2o.yaml", "json_style.yaml", "minimal_comments.yaml"};
    char orig[4096], buf[8192], path[64], first[2048] = "";
    int bad = 0, runs = 0, accepted = 0;
    snprintf(path, sizeof path, "/tmp/pawsorb_fuzz_input_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return;
    close(fd);
    for (size_t f = 0; f < sizeof names / sizeof *names; f++) {
        char src[1200];
        snprintf(src, sizeof src, "%s/tests/data/inputs/good/%s", srcdir(), names[f]);
        FILE *in_f = fopen(src, "rb");
        size_t olen = in_f ? fread(orig, 1, sizeof orig, in_f) : 0;
        if (in_f) fclose(in_f);
        for (int trial = 0; trial < 600; trial++) {
            size_t len = olen;
            memcpy(buf, orig, olen);
            for (int m = 1 + (int)fuzz_rand(3); m > 0; m--) mutate(buf, &len, sizeof buf);
            FILE *out = fopen(path, "wb");
            if (!out) continue;
            fwrite(buf, 1, len, out);
            fclose(out);
            input in;
            err e = {0};
            int rc = input_read(path, &in, &e);
            runs++;
            if (rc == 0) {
                accepted++;
                input_free(&in);
            } else if (!(rc == -1 && e.status == EXIT_BAD_INPUT && strncmp(e.msg, path, strlen(path)) == 0 &&
                         !strchr(e.msg, '\n') && in.text == NULL)) {
                if (!bad++) snprintf(first, sizeof first, "%s", e.msg);
            }
        }
    }
    unlink(path);
    ok(bad == 0 && runs > 0, "%d damaged inputs: %d accepted, the rest one-line bad-input messages (%d not: %s)",
       runs, accepted, bad, first);
}

static void test_files(void)
{
    input in;
    err e = {0};
    ok(input_read("/nonexistent/in.yaml", &in, &e) == -1 && e.status == EXIT_BAD_INPUT &&
       strstr(e.msg, "/nonexistent/in.yaml: cannot open"), "missing input file: %s", e.msg);
    ok(input_read("/tmp", &in, &e) == -1 && strstr(e.msg, "not a regular file"), "a directory: %s", e.msg);
    char path[64];
    /* binary garbage, including NUL bytes */
    static const char garbage[] = "\x7f\x45\x4c\x46\x02\x01\x01\x00\xff\xfe\x00\x13structure: {";
    snprintf(path, sizeof path, "/tmp/pawsorb_test_input_XXXXXX");
    int fd = mkstemp(path);
    ok(fd >= 0 && write(fd, garbage, sizeof garbage) == (ssize_t)sizeof garbage, "wrote garbage");
    close(fd);
    int rc = input_read(path, &in, &e);
    ok(rc == -1 && e.status == EXIT_BAD_INPUT && strstr(e.msg, "YAML syntax error") && !strchr(e.msg, '\n'),
       "binary garbage: %s", e.msg);
    unlink(path);
    /* nesting far deeper than the limit */
    char deep[4096] = "structure: ";
    for (int i = 0; i < 1000; i++) strcat(deep, "[");
    rc = read_string(deep, &in, &e, path, sizeof path);
    ok(rc == -1 && strstr(e.msg, "nested deeper"), "deep nesting: %s", e.msg);
}

int main(void)
{
    test_defaults();
    test_periodic_smearing_default();
    test_everything();
    test_kpt_density();
    test_files();
    test_structure_files();
    test_corpus();
    test_mutations();
    return tap_done();
}
