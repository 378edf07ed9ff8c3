/* D2 parameters: the per-element table of potentials/d2.csv (C6 in J nm^6 mol^-1, R0 in
 * Angstrom, Grimme 2006) converted once to atomic units, where to find it, VASP's
 * defaults for the other settings, and Grimme's s6 per functional. */
#include "dispersion/d2.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/units.h"

/* Compiled in by src/dispersion/local.mk; the fallbacks keep a stray build working. */
#ifndef PAWSORB_D2_PKGDATADIR
#define PAWSORB_D2_PKGDATADIR "/usr/local/share/pawsorb"
#endif
#ifndef PAWSORB_D2_SRCDIR
#define PAWSORB_D2_SRCDIR "."
#endif

/* CODATA 2014, as in ASE 3.22 (ase/units.py), like core/units.h. */
#define AVOGADRO 6.022140857e23         /* 1/mol */
#define ELEMENTARY_CHARGE 1.6021766208e-19 /* C, i.e. J per eV */

double d2_c6_unit(void)
{
    /* 1 J nm^6/mol = 1e6 J A^6/mol = 1e6/(N_A e) eV A^6; then eV -> hartree, A -> bohr. */
    double ev_ang6 = 1e6 / (AVOGADRO * ELEMENTARY_CHARGE);
    return ev_ang6 / HARTREE_EV / pow(BOHR_ANG, 6);
}

void d2_options_default(d2_options *o)
{
    o->s6 = 0;                    /* from the functional */
    o->d = 20.0;                  /* Grimme 2006; VASP's VDW_D */
    o->sr = 1.0;                  /* VASP's VDW_SR */
    o->cutoff = 50.0 / BOHR_ANG;  /* VASP's VDW_RADIUS = 50 Angstrom */
}

/* s6 fitted by Grimme (2006) for each functional, under the names users type. */
static const struct { const char *name; double s6; } s6_table[] = {
    {"PBE", 0.75},  {"GGA_X_PBE+GGA_C_PBE", 0.75},
    {"BLYP", 1.2},  {"GGA_X_B88+GGA_C_LYP", 1.2},
    {"B-P86", 1.05}, {"BP86", 1.05}, {"GGA_X_B88+GGA_C_P86", 1.05},
    {"TPSS", 1.0},  {"MGGA_X_TPSS+MGGA_C_TPSS", 1.0},
    {"B3LYP", 1.05}, {"HYB_GGA_XC_B3LYP", 1.05},
};

int d2_s6_for_xc(const char *xc, double *s6, err *e)
{
    for (size_t i = 0; i < sizeof s6_table / sizeof *s6_table; i++)
        if (xc && strcasecmp(xc, s6_table[i].name) == 0) {
            *s6 = s6_table[i].s6;
            return 0;
        }
    return err_set(e, EXIT_BAD_INPUT,
                   "dispersion d2: no s6 for functional '%.64s' (Grimme 2006 gives PBE 0.75, BLYP 1.2, "
                   "B-P86 1.05, TPSS 1.0, B3LYP 1.05)", xc ? xc : "(none)");
}

/* ---- reading d2.csv ---- */

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n')) s[--n] = 0;
    return s;
}

/* A positive finite number filling the whole field. */
static int parse_positive(const char *f, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(f, &end);
    return *f && !*end && !errno && isfinite(*v) && *v > 0 ? 0 : -1;
}

/* One data line "Z,symbol,C6,R0" (already split). Fills the table or sets e. */
static int parse_row(const char *path, int line, char **fld, d2_table *t, int *first_line, err *e)
{
    char *end;
    errno = 0;
    long z = strtol(fld[0], &end, 10);
    if (!*fld[0] || *end || errno || z < 1 || z > ELEMENT_MAX_Z)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: Z: '%.40s' is not an atomic number (1..%d)", path, line,
                       fld[0], ELEMENT_MAX_Z);
    if (element_z(fld[1]) != z)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: symbol: '%.40s' is not the symbol of Z = %ld (%s)", path, line,
                       fld[1], z, element_symbol((int)z));
    if (t->have[z])
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: Z: %ld (%s) is given twice (first on line %d)", path, line, z,
                       element_symbol((int)z), first_line[z]);
    double c6, r0;
    if (parse_positive(fld[2], &c6))
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: C6 of %s: '%.40s' is not a positive number (J nm^6 mol^-1)",
                       path, line, element_symbol((int)z), fld[2]);
    if (parse_positive(fld[3], &r0))
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: R0 of %s: '%.40s' is not a positive number (Angstrom)", path,
                       line, element_symbol((int)z), fld[3]);
    t->have[z] = 1;
    t->c6[z] = c6 * d2_c6_unit();
    t->r0[z] = r0 / BOHR_ANG;
    first_line[z] = line;
    return 0;
}

/* Splits at commas into at most 4 trimmed fields; returns the number of fields found. */
static int split(char *s, char **fld)
{
    int n = 0;
    for (char *p = s;; n++) {
        char *comma = strchr(p, ',');
        if (comma) *comma = 0;
        if (n < 4) fld[n] = trim(p);
        if (!comma) return n + 1;
        p = comma + 1;
    }
}

static int read_lines(FILE *f, const char *path, d2_table *t, err *e)
{
    char *buf = NULL;
    size_t cap = 0;
    ssize_t len;
    int line = 0, rows = 0, rc = 0;
    int first_line[ELEMENT_MAX_Z + 1] = {0};
    while (!rc && (len = getline(&buf, &cap, f)) >= 0) {
        line++;
        if ((size_t)len != strlen(buf)) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: a NUL byte: not a text file", path, line);
            break;
        }
        char *s = trim(buf), *fld[4];
        if (!*s || *s == '#') continue;
        int n = split(s, fld);
        if (n != 4) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: %d comma-separated fields, expected 4 (Z,symbol,C6,R0)", path,
                         line, n);
        } else if (strcmp(fld[0], "Z") == 0 && rows == 0) {
            continue; /* the header line */
        } else {
            rc = parse_row(path, line, fld, t, first_line, e);
            rows++;
        }
    }
    free(buf);
    if (!rc && ferror(f)) rc = err_set(e, EXIT_BAD_INPUT, "%s: read error after line %d", path, line);
    if (!rc && rows == 0) rc = err_set(e, EXIT_BAD_INPUT, "%s: no parameter lines (Z,symbol,C6,R0)", path);
    return rc;
}

int d2_table_read(const char *path, d2_table *t, err *e)
{
    memset(t, 0, sizeof *t);
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode))
        return err_set(e, EXIT_BAD_INPUT, "%s: not a regular file (expected the D2 table d2.csv)", path);
    FILE *f = fopen(path, "r");
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot open the D2 table: %s", path, strerror(errno));
    int rc = read_lines(f, path, t, e);
    fclose(f);
    if (rc) {
        memset(t, 0, sizeof *t);
        return -1;
    }
    snprintf(t->path, sizeof t->path, "%s", path);
    return 0;
}

/* ---- finding d2.csv ---- */

static int is_file(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Tries dir/name; on a miss appends it to `tried`. Returns 1 when found. */
static int try_path(const char *dir, size_t dlen, const char *name, char *path, size_t n, char *tried, size_t cap)
{
    int w = snprintf(path, n, "%.*s/%s", (int)dlen, dir, name);
    if (w > 0 && (size_t)w < n && is_file(path)) return 1;
    size_t used = strlen(tried);
    if (used + dlen + strlen(name) + 4 < cap)
        snprintf(tried + used, cap - used, "%s%.*s/%s", used ? ", " : "", (int)dlen, dir, name);
    return 0;
}

int d2_table_find(char *path, size_t n, err *e)
{
    char tried[2048] = "";
    const char *env = getenv("PAWSORB_DATA_PATH");
    for (const char *p = env ? env : ""; *p;) {
        size_t len = strcspn(p, ":");
        if (len && try_path(p, len, "d2.csv", path, n, tried, sizeof tried)) return 0;
        p += len;
        if (*p == ':') p++;
    }
    static const char *const dirs[2][2] = {{PAWSORB_D2_PKGDATADIR, "d2.csv"}, {PAWSORB_D2_SRCDIR, "potentials/d2.csv"}};
    for (int k = 0; k < 2; k++)
        if (try_path(dirs[k][0], strlen(dirs[k][0]), dirs[k][1], path, n, tried, sizeof tried)) return 0;
    if (n) path[0] = 0;
    return err_set(e, EXIT_BAD_INPUT,
                   "dispersion d2: no parameter table d2.csv (tried %s); set PAWSORB_DATA_PATH to a directory "
                   "holding a copy of pawsorb's potentials/d2.csv", tried);
}

int d2_table_load(d2_table *t, err *e)
{
    char path[1024];
    if (d2_table_find(path, sizeof path, e)) return -1;
    return d2_table_read(path, t, e);
}
