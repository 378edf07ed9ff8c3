/* Unit tests of src/setup: finding and reading PAW-XML datasets.
 * Reference numbers: tests/data/setups/read_ref.txt, made by GPAW 22.8's own reader
 * (tests/reference/setup_dump.py) from the same Debian gpaw-data files.
 * Tolerance 1e-12 relative: both read the same decimal text into doubles (strtod vs
 * Python float are both correctly rounded), so only summation order differs. */
#include "setup/derived.h"
#include "setup/paw_setup.h"
#include "tap.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

/* ---- the statistics setup_dump.py prints ------------------------------------------- */

static double stat(const paw_setup *s, const double *x, const char *what, int *found)
{
    const radial_grid *g = &s->grid;
    double sum = 0, norm2 = 0;
    for (int i = 0; i < g->n; i++) sum += x[i], norm2 += x[i] * x[i];
    if (!strcmp(what, "sum")) return sum;
    if (!strcmp(what, "norm2")) return norm2;
    if (!strcmp(what, "at1")) return x[1];
    if (!strcmp(what, "at3rd")) return x[g->n / 3];
    if (!strcmp(what, "int_r2dr")) return radial_moment(g, x, 0, g->n);
    *found = 0;
    return 0;
}

static double state_value(const paw_setup *s, const char *key, int *found)
{
    int j;
    char what[32];
    const int n = s->grid.n;
    if (sscanf(key, "state%d.%31s", &j, what) == 2 && j >= 0 && j < s->nj) {
        const paw_state *st = &s->states[j];
        if (!strcmp(what, "n")) return st->n;
        if (!strcmp(what, "l")) return st->l;
        if (!strcmp(what, "f")) return st->f;
        if (!strcmp(what, "rc")) return st->rc;
        if (!strcmp(what, "e")) return st->e;
    }
    if (sscanf(key, "phit%d.%31s", &j, what) == 2 && j >= 0 && j < s->nj)
        return stat(s, s->phit + (size_t)j * n, what, found);
    if (sscanf(key, "phi%d.%31s", &j, what) == 2 && j >= 0 && j < s->nj)
        return stat(s, s->phi + (size_t)j * n, what, found);
    if (sscanf(key, "pt%d.%31s", &j, what) == 2 && j >= 0 && j < s->nj)
        return stat(s, s->pt + (size_t)j * n, what, found);
    *found = 0;
    return 0;
}

static double value_of(const paw_setup *s, const char *key, int *found)
{
    *found = 1;
    const struct { const char *name; double v; } scalars[] = {
        {"Z", s->Z}, {"Nc", s->Nc}, {"Nv", s->Nv}, {"nj", s->nj},
        {"e_kinetic", s->e_kinetic}, {"e_xc", s->e_xc}, {"e_electrostatic", s->e_electrostatic},
        {"e_total", s->e_total}, {"e_kinetic_core", s->e_kinetic_core},
        {"grid.n", s->grid.n}, {"grid.a", s->grid.a}, {"grid.b", s->grid.b},
        {"grid.r_last", s->grid.r[s->grid.n - 1]}, {"grid.dr_last", s->grid.dr[s->grid.n - 1]},
        {"shape.rc", s->shape_rc}};
    for (size_t k = 0; k < sizeof scalars / sizeof *scalars; k++)
        if (!strcmp(key, scalars[k].name)) return scalars[k].v;
    const struct { const char *name; const double *x; } arrays[] = {
        {"nc.", s->nc}, {"nct.", s->nct}, {"vbar.", s->vbar}, {"nvt.", s->nvt}, {"tauc.", s->tauc}};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) {
        size_t len = strlen(arrays[k].name);
        if (!strncmp(key, arrays[k].name, len)) {
            if (!arrays[k].x) break;
            return stat(s, arrays[k].x, key + len, found);
        }
    }
    if (!strncmp(key, "e_kin.", 6)) {
        double sum = 0, norm2 = 0;
        for (int k = 0; k < s->nj * s->nj; k++) sum += s->e_kin[k], norm2 += s->e_kin[k] * s->e_kin[k];
        if (!strcmp(key, "e_kin.sum")) return sum;
        if (!strcmp(key, "e_kin.norm2")) return norm2;
        if (!strcmp(key, "e_kin.01")) return s->e_kin[1];
    }
    if (!strcmp(key, "core_electrons")) return sqrt(4 * M_PI) * radial_moment(&s->grid, s->nc, 0, s->grid.n);
    return state_value(s, key, found);
}

/* Compares every line of read_ref.txt for one element; one TAP line per element. */
static void test_against_gpaw(const char *ref, const char *symbol)
{
    char path[4096];
    err e = {0};
    paw_setup s;
    if (!ok(setup_find(symbol, "PBE", path, sizeof path, &e) == 0, "%s.PBE found: %s", symbol, e.msg)) return;
    if (!ok(setup_read(path, &s, &e) == 0, "%s read: %s", symbol, e.msg)) return setup_free(&s);
    ok(!strcmp(s.symbol, symbol) && !strcmp(s.xc_name, "PBE") && s.shape == SHAPE_GAUSS,
       "%s: symbol, xc and shape type (%s, %s)", symbol, s.symbol, s.xc_name);
    FILE *f = fopen(ref, "r");
    char line[256], sym[8], key[64];
    double want;
    int compared = 0, failed = 0, unknown = 0;
    while (f && fgets(line, sizeof line, f)) {
        if (sscanf(line, "%7s %63s %lf", sym, key, &want) != 3 || strcmp(sym, symbol)) continue;
        int found;
        double got = value_of(&s, key, &found);
        compared++;
        if (!found) {
            unknown++;
            printf("#   %s %s: no such quantity\n", symbol, key);
        } else if (fabs(got - want) > 1e-12 * fabs(want) + 1e-300) {
            failed++;
            printf("#   %s %s: got %.17g, GPAW %.17g\n", symbol, key, got, want);
        }
    }
    if (f) fclose(f);
    ok(compared > 40 && !failed && !unknown, "%s: %d numbers agree with GPAW's reader to 1e-12 (%d differ, %d unknown)",
       symbol, compared, failed, unknown);
    setup_free(&s);
}

/* ---- finding -------------------------------------------------------------------------- */

static void test_find(const char *tmpdir)
{
    char path[4096], p2[4096];
    err e = {0};
    ok(setup_find("Xq", "PBE", path, sizeof path, &e) == -1 && e.status == EXIT_BAD_INPUT &&
           strstr(e.msg, "Xq") && strstr(e.msg, "PBE") && strstr(e.msg, "/usr/share/gpaw-setups") &&
           strstr(e.msg, tmpdir),
       "missing dataset: message names element, family and directories: %s", e.msg);
    /* A plain-XML copy in a directory of PAWSORB_SETUP_PATH wins over gpaw-data. */
    snprintf(p2, sizeof p2, "%s/H.PBE", tmpdir);
    FILE *f = fopen(p2, "w");
    if (f) fputs("<paw_setup/>", f), fclose(f);
    ok(setup_find("H", "PBE", path, sizeof path, &e) == 0 && !strcmp(path, p2),
       "search path is tried before /usr/share/gpaw-setups: %s", path);
    unlink(p2);
    ok(setup_find("H", "PBE", path, sizeof path, &e) == 0 && !strcmp(path, "/usr/share/gpaw-setups/H.PBE.gz"),
       "falls back to gpaw-data: %s", path);
}

/* ---- malformed datasets: mutations of the real H file --------------------------------- */

static char *h_text;   /* the decompressed H.PBE dataset */

static void load_h(void)
{
    gzFile f = gzopen("/usr/share/gpaw-setups/H.PBE.gz", "rb");
    size_t cap = 1 << 20, n = 0;
    h_text = calloc(cap, 1);
    int got;
    while (f && (got = gzread(f, h_text + n, (unsigned)(cap - 1 - n))) > 0) n += (size_t)got;
    if (f) gzclose(f);
}

/* Writes H's text with every `from` replaced by `to` (or cut after the first `from` when
 * to == NULL) to a file and reads it; returns setup_read's result, error in e. */
static int read_mutant(const char *file, const char *from, const char *to, err *e)
{
    const char *at = strstr(h_text, from);
    if (!at) return printf("#   mutation anchor not found: %s\n", from), 0;
    FILE *f = fopen(file, "w");
    const char *rest = h_text;
    for (; at; at = to ? strstr(rest, from) : NULL) {
        fwrite(rest, 1, (size_t)(at - rest), f);
        fputs(to ? to : from, f);
        rest = at + strlen(from);
    }
    if (to) fputs(rest, f);
    fclose(f);
    paw_setup s;
    err_clear(e);
    int rc = setup_read(file, &s, e);
    setup_free(&s);
    return rc;
}

static void test_malformed(const char *tmpdir)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/bad.xml", tmpdir);
    err e;
    struct { const char *from, *to, *expect[3]; } cases[] = {
        {"<atom symbol=\"H\" Z=\"1\"", "<atom symbol=\"H\" Z=\"one\"", {":5:", "<atom>", "Z=\"one\""}},
        {"<atom symbol=\"H\" Z=\"1\"", "<atom symbol=\"H\" Z=\"2\"", {"<atom>", "Z=\"2\"", "H"}},
        {"<atom symbol=\"H\"", "<atom symbol=\"Hx\"", {"<atom>", "symbol=\"Hx\"", "element"}},
        {"<atom symbol", "<atomx symbol", {"element <atom> is missing", "", ""}},
        {"rc=\"0.900\" e=\"-0.23866\"", "rc=\"0.900\" e=\"abc\"", {"<state>", "e=\"abc\"", ":14:"}},
        {"l=\"1\"        rc", "l=\"7\"        rc", {"<state>", "l=\"7\"", ""}},
        {"eq=\"r=a*i/(n-i)\"", "eq=\"r=log\"", {"<radial_grid>", "eq=\"r=log\"", ""}},
        {"n=\"150\"", "n=\"-3\"", {"<radial_grid>", "n=\"-3\"", ""}},
        {"type=\"gauss\"", "type=\"cosine\"", {"<shape_function>", "cosine", ""}},
        {"rc=\"2.846049894152e-01\"", "", {"<shape_function>", "rc is missing", ""}},
        {"5.436362456979e-01", "5.43636x2456979e-01", {"<pseudo_valence_density>", "value 1", "5.43636x"}},
        {"6.956697663994e+00", "", {"<zero_potential>", "149 values, expected 150", ""}},
        {"6.956697663994e+00", "nan", {"<zero_potential>", "\"nan\"", ""}},
        {"<ae_partial_wave state=\"H-1s\"", "<ae_partial_wave state=\"H-9s\"", {"state=\"H-9s\"", "valence_states", ""}},
        {"projector_function", "projector_functionx", {"<projector_function state=\"H-1s\"> is missing", "", ""}},
        {"zero_potential", "zero_potentialx", {"<zero_potential> is missing", "", ""}},
        {"<kinetic_energy_differences>", "<kinetic_energy_differences>1 2", {"kinetic_energy_differences", "more than the 9", ""}},
        {"</valence_states>", "</valence_stats>", {"malformed XML", "bad.xml:", ""}},
        {"<paw_setup version=\"0.6\">", "<paw_setup version=\"0.3\">", {"version=\"0.3\"", "", ""}},
        {"<paw_setup version=\"0.6\">", "<paw_set version=\"0.6\">", {"malformed XML", "", ""}},
        {"total=\"-0.459005\"", "total=\"1e999\"", {"<ae_energy>", "total=\"1e999\"", ""}},
        {"<ae_core_density grid=\"g1\">", NULL, {"malformed XML", "", ""}},   /* truncated file */
    };
    int n = sizeof cases / sizeof *cases;
    for (int k = 0; k < n; k++) {
        int rc = read_mutant(file, cases[k].from, cases[k].to, &e);
        int all = rc == -1 && e.status == EXIT_BAD_INPUT && strstr(e.msg, file);
        for (int m = 0; m < 3 && all; m++) all = strstr(e.msg, cases[k].expect[m]) != NULL;
        ok(all, "malformed dataset %d rejected with file, line, element, value: %s", k, e.msg);
    }
    paw_setup s;
    ok(setup_read("/nonexistent/H.PBE.gz", &s, &e) == -1 && strstr(e.msg, "/nonexistent/H.PBE.gz") &&
           strstr(e.msg, "cannot open"),
       "missing file: %s", e.msg);
    setup_free(&s);
    ok(setup_read(tmpdir, &s, &e) == -1 && strstr(e.msg, tmpdir) && strstr(e.msg, "Is a directory"),
       "a directory: %s", e.msg);
    setup_free(&s);
    FILE *f = fopen(file, "wb");
    fputs("\x1f\x8b\x08garbage", f);   /* gzip magic, broken header */
    fclose(f);
    ok(setup_read(file, &s, &e) == -1 && strstr(e.msg, file) && e.status == EXIT_BAD_INPUT, "broken gzip: %s", e.msg);
    setup_free(&s);
    unlink(file);
}

/* Random corruption of the H file (fixed seed): every outcome is either a dataset or an
 * input error naming the file, never a crash (run under ASan/UBSan in the sanitizer build). */
static void test_fuzz(const char *tmpdir)
{
    char file[4096];
    snprintf(file, sizeof file, "%s/fuzz.xml", tmpdir);
    size_t len = strlen(h_text);
    char *copy = malloc(len + 1);
    static const char junk[] = "<>\"=/ .-e0123456789x\n";
    unsigned seed = 12345;
    int rejected = 0, read_ok = 0, bad_error = 0;
    for (int k = 0; k < 300; k++) {
        memcpy(copy, h_text, len + 1);
        for (int m = 0; m < 1 + k % 4; m++) {
            seed = seed * 1103515245u + 12345u;
            size_t at = (seed >> 8) % len;
            seed = seed * 1103515245u + 12345u;
            copy[at] = junk[(seed >> 8) % (sizeof junk - 1)];
        }
        FILE *f = fopen(file, "w");
        fwrite(copy, 1, len, f);
        fclose(f);
        paw_setup s;
        err e = {0};
        if (setup_read(file, &s, &e) == 0) {
            setup_derived d;   /* what survives the reader must not crash the next stage */
            if (setup_derive(&s, 2, &d, &e) == 0 || e.status == EXIT_BAD_INPUT) read_ok++;
            else bad_error++, printf("#   unexpected derive error: %s\n", e.msg);
            setup_derived_free(&d);
        }
        else if (e.status == EXIT_BAD_INPUT && strstr(e.msg, file)) rejected++;
        else bad_error++, printf("#   unexpected error: %s\n", e.msg);
        setup_free(&s);
    }
    ok(bad_error == 0, "300 corrupted H datasets: %d rejected with a message naming the file, %d still valid (and derived)", rejected,
       read_ok);
    free(copy);
    unlink(file);
}

int main(void)
{
    const char *src = getenv("PAWSORB_SRCDIR");
    char ref[4096], tmpdir[] = "/tmp/pawsorb_setup_XXXXXX";
    snprintf(ref, sizeof ref, "%s/tests/data/setups/read_ref.txt", src ? src : ".");
    if (!mkdtemp(tmpdir)) return printf("not ok 1 - mkdtemp\n"), 1;
    setenv("PAWSORB_SETUP_PATH", tmpdir, 1);
    ok(access(ref, R_OK) == 0, "reference file %s (PAWSORB_SRCDIR set by tests/run.sh)", ref);
    const char *symbols[] = {"H", "O", "Ti", "Li"};
    for (int k = 0; k < 4; k++) test_against_gpaw(ref, symbols[k]);
    test_find(tmpdir);
    load_h();
    test_malformed(tmpdir);
    test_fuzz(tmpdir);
    free(h_text);
    rmdir(tmpdir);
    return tap_done();
}
