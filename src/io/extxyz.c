/* Extended XYZ, as ASE 3.22 reads and writes it (ase/io/extxyz.py):
 *
 *   N                                  number of atoms
 *   Lattice="ax ay az bx by bz cx cy cz" Properties=species:S:1:pos:R:3 energy=-3.2 pbc="T T F"
 *   O   x y z ...                      N lines, columns as Properties= declares them
 *
 * The comment line is a list of key=value pairs; values may be quoted with "", '', {}
 * or [] and a backslash escapes the next character; a key without '=' means key=T.
 * Lattice= lists the lattice vectors a1, a2, a3 one after the other (ASE's cell rows).
 * Without Lattice= the file describes a molecule: no cell, no periodicity. Without
 * Properties= the columns are species and pos only (plain XYZ).
 * Columns read: species:S:1 (or Z:I:1), pos:R:3, move_mask:L:1 (F = fixed: ASE writes
 * FixAtoms this way), move_mask:L:3 (FixCartesian), initial_magmoms:R:1 (else
 * magmoms:R:1) and forces:R:3; any other column is skipped by its declared width.
 * Lengths in the file are Angstrom, energies eV; pawsorb keeps bohr and hartree. */
#include "core/mem.h"
#include "core/units.h"
#include "core/elements.h"
#include "io/structio.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_COLUMNS 4096    /* total declared width of Properties=; far above any real file */

/* ---- The comment line: key=value pairs as ASE's key_val_str_to_dict splits them ---- */

typedef struct {
    char *key;
    char *val;              /* NULL for a bare key (ASE: key=T) */
} kv_pair;

typedef struct {
    kv_pair *p;
    int n;
} kv_list;

static void kv_free(kv_list *kv)
{
    for (int i = 0; i < kv->n; i++) {
        free(kv->p[i].key);
        free(kv->p[i].val);
    }
    free(kv->p);
    memset(kv, 0, sizeof *kv);
}

/* A growing string. */
typedef struct {
    char *s;
    size_t n, cap;
} sbuf;

static void sb_put(sbuf *b, char c)
{
    if (b->n + 2 > b->cap) {
        b->cap = b->cap ? 2 * b->cap : 32;
        b->s = xrealloc(b->s, b->cap);
    }
    b->s[b->n++] = c;
    b->s[b->n] = '\0';
}

static char *sb_take(sbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    memset(b, 0, sizeof *b);
    return s;
}

/* One pair under construction: its key, its value and how many '=' it has seen. */
typedef struct {
    sbuf key, val;
    int nseg;               /* 1: still in the key; >= 2: in the value */
    int seg_started;        /* the current segment has content (or an empty quote) */
} kv_building;

static void kv_push(kv_list *kv, kv_building *b)
{
    kv->p = xrealloc(kv->p, (size_t)(kv->n + 1) * sizeof *kv->p);
    kv->p[kv->n].key = sb_take(&b->key);
    if (b->nseg >= 2) {
        kv->p[kv->n].val = sb_take(&b->val);
    } else {
        free(b->val.s);
        kv->p[kv->n].val = NULL;
    }
    kv->n++;
    memset(b, 0, sizeof *b);
    b->nseg = 1;
}

/* Splits the comment line as ASE does. An unterminated quote runs to the end of the line
 * (as in ASE): a key it swallows is then missing or malformed, which the caller reports.
 * One difference: an empty quoted value (key="") is kept as an empty value. */
static void kv_parse(const char *line, kv_list *kv)
{
    memset(kv, 0, sizeof *kv);
    kv_building b = {.nseg = 1};
    char close = 0;
    int escaped = 0;
    for (const char *c = line; *c; c++) {
        sbuf *seg = b.nseg == 1 ? &b.key : &b.val;
        if (escaped) {
            sb_put(seg, *c), b.seg_started = 1, escaped = 0;
        } else if (*c == '\\') {
            escaped = 1;
        } else if (close) {
            if (*c == close) close = 0;
            else sb_put(seg, *c);
        } else if (*c == '"' || *c == '\'' || *c == '{' || *c == '[') {
            close = *c == '{' ? '}' : *c == '[' ? ']' : *c;
            b.seg_started = 1;
        } else if (*c == ' ' || *c == '\t') {
            if (!b.seg_started) continue;   /* spaces around '=' or between pairs */
            kv_push(kv, &b);
        } else if (*c == '=') {
            if (b.nseg == 1 && !b.seg_started && kv->n > 0) {
                /* "key = value": the '=' continues the previous pair */
                kv_pair *last = &kv->p[--kv->n];
                b.key.s = last->key, b.key.n = b.key.cap = strlen(last->key), b.key.cap++;
                if (last->val) {
                    b.val.s = last->val, b.val.n = b.val.cap = strlen(last->val), b.val.cap++;
                    b.nseg = 2;
                }
            }
            if (b.nseg >= 2) sb_put(&b.val, '=');
            b.nseg++;
            b.seg_started = 0;
        } else {
            sb_put(seg, *c), b.seg_started = 1;
        }
    }
    if (b.seg_started || b.nseg >= 2) kv_push(kv, &b);
    else {
        free(b.key.s);
        free(b.val.s);
    }
}

/* The value of a key (last one wins, as in a Python dict), or NULL. */
static const char *kv_get(const kv_list *kv, const char *key)
{
    for (int i = kv->n - 1; i >= 0; i--)
        if (strcasecmp(kv->p[i].key, key) == 0) return kv->p[i].val ? kv->p[i].val : "T";
    return NULL;
}

/* Splits a value on blanks and commas ("1 2 3", "1,2,3", "[1, 2, 3]" once unquoted). */
static int split_list(char *val, char **tok, int maxtok)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(val, " \t,", &save); t; t = strtok_r(NULL, " \t,", &save)) {
        if (n == maxtok) return maxtok + 1;
        tok[n++] = t;
    }
    return n;
}

static int parse_bool(const char *t, int *v)
{
    if (!strcmp(t, "T") || !strcmp(t, "True") || !strcmp(t, "true")) return *v = 1, 0;
    if (!strcmp(t, "F") || !strcmp(t, "False") || !strcmp(t, "false")) return *v = 0, 0;
    return -1;
}

/* ---- Properties= ---- */

enum { COL_SKIP, COL_SPECIES, COL_Z, COL_POS, COL_MOVE_MASK, COL_INIT_MAGMOMS, COL_MAGMOMS, COL_FORCES };

typedef struct {
    int kind[64];           /* what each declared property is */
    char type[64];          /* R, I, S or L */
    int width[64];
    int nprop;
    int total;              /* sum of widths = tokens per atom line */
    int strict;             /* Properties= was given: atom lines must have exactly `total` tokens */
} columns;

static int column_kind(const char *name)
{
    static const struct { const char *name; int kind; } known[] = {
        {"species", COL_SPECIES}, {"Z", COL_Z}, {"pos", COL_POS}, {"move_mask", COL_MOVE_MASK},
        {"initial_magmoms", COL_INIT_MAGMOMS}, {"magmoms", COL_MAGMOMS}, {"forces", COL_FORCES}};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strcmp(known[i].name, name) == 0) return known[i].kind;
    return COL_SKIP;
}

/* Checks that a known column has the type and width pawsorb understands. */
static int column_check(const char *name, int kind, char type, int width, const structio_lines *L,
                        err *e)
{
    const char *want = NULL;
    switch (kind) {
    case COL_SPECIES: if (type != 'S' || width != 1) want = "S:1"; break;
    case COL_Z: if (type != 'I' || width != 1) want = "I:1"; break;
    case COL_POS: if (type != 'R' || width != 3) want = "R:3"; break;
    case COL_MOVE_MASK: if (type != 'L' || (width != 1 && width != 3)) want = "L:1 or L:3"; break;
    case COL_INIT_MAGMOMS:
    case COL_MAGMOMS:
        if (type != 'R' || width != 1)
            want = "R:1 (collinear moments; non-collinear moments are not supported)";
        break;
    case COL_FORCES: if (type != 'R' || width != 3) want = "R:3"; break;
    default: break;
    }
    if (want)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: Properties=: column %s:%c:%d, expected %s:%s",
                       L->path, L->lineno, name, type, width, name, want);
    return 0;
}

static int parse_properties(const char *prop, columns *c, const structio_lines *L, err *e)
{
    memset(c, 0, sizeof *c);
    c->strict = 1;
    char *copy = xstrdup(prop), *save = NULL;
    char *f[3];
    int nf = 0, rc = 0;
    for (char *t = strtok_r(copy, ":", &save);; t = strtok_r(NULL, ":", &save)) {
        if (t) f[nf++] = t;
        if (t && nf < 3) continue;
        if (!t) {
            if (nf != 0)
                rc = err_set(e, EXIT_BAD_INPUT,
                             "%s:%d: Properties=\"%s\": expected name:type:width triples "
                             "(e.g. species:S:1:pos:R:3)", L->path, L->lineno, prop);
            break;
        }
        nf = 0;
        long w;
        if (strlen(f[1]) != 1 || !strchr("RISL", f[1][0]) ||
            structio_parse_int(f[2], 1, MAX_COLUMNS, &w)) {
            rc = err_set(e, EXIT_BAD_INPUT,
                         "%s:%d: Properties=: '%s:%s:%s' is not name:type:width with type R, I, S or L "
                         "and width a positive integer", L->path, L->lineno, f[0], f[1], f[2]);
            break;
        }
        if (c->nprop == 64 || c->total + w > MAX_COLUMNS) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: Properties= declares too many columns",
                         L->path, L->lineno);
            break;
        }
        int kind = column_kind(f[0]);
        if ((rc = column_check(f[0], kind, f[1][0], (int)w, L, e))) break;
        c->kind[c->nprop] = kind, c->type[c->nprop] = f[1][0], c->width[c->nprop] = (int)w;
        c->nprop++;
        c->total += (int)w;
    }
    free(copy);
    if (rc) return rc;
    int has_pos = 0, has_species = 0;
    for (int i = 0; i < c->nprop; i++) {
        has_pos |= c->kind[i] == COL_POS;
        has_species |= c->kind[i] == COL_SPECIES || c->kind[i] == COL_Z;
    }
    if (!has_pos || !has_species)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: Properties=\"%s\" has no %s column",
                       L->path, L->lineno, prop, has_pos ? "species:S:1 (or Z:I:1)" : "pos:R:3");
    return 0;
}

/* ---- One frame ---- */

/* Cell and pbc from Lattice= and pbc=. */
static int parse_cell(const kv_list *kv, structure *s, const structio_lines *L, err *e)
{
    const char *lat = kv_get(kv, "Lattice"), *pbc = kv_get(kv, "pbc");
    char *tok[10];
    if (lat) {
        char *copy = xstrdup(lat);
        int n = split_list(copy, tok, 9);
        int bad = n != 9;
        for (int i = 0; i < 9 && !bad; i++) {
            double v;
            if (structio_parse_double(tok[i], &v)) bad = 1;
            else s->cell[i / 3][i % 3] = v / BOHR_ANG;
        }
        free(copy);
        if (bad && n != 9)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: Lattice= has %s%d numbers, expected 9",
                           L->path, L->lineno, n > 9 ? "more than " : "", n > 9 ? 9 : n);
        if (bad)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: Lattice=\"%s\": not 9 numbers",
                           L->path, L->lineno, lat);
        s->pbc[0] = s->pbc[1] = s->pbc[2] = 1;   /* ASE's default when Lattice= is given */
    }
    if (pbc) {
        char *copy = xstrdup(pbc);
        int n = split_list(copy, tok, 3), v[3], bad = n != 3 && n != 1;
        for (int i = 0; i < n && !bad; i++) bad = parse_bool(tok[i], &v[i]) != 0;
        free(copy);
        if (bad)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: pbc=\"%s\": expected three of T/F, e.g. pbc=\"T T F\"",
                           L->path, L->lineno, pbc);
        for (int i = 0; i < 3; i++) s->pbc[i] = n == 1 ? v[0] : v[i];
        if (!lat && (s->pbc[0] || s->pbc[1] || s->pbc[2]))
            return err_set(e, EXIT_BAD_INPUT,
                           "%s:%d: pbc=\"%s\" but no Lattice=: a periodic direction needs a lattice vector",
                           L->path, L->lineno, pbc);
    }
    return 0;
}

/* Reads the value of one column of one atom line into the structure. */
static int store_column(int kind, char **tok, int width, int ia, structure *s, extxyz_extras *x,
                        int has_init_magmoms, const structio_lines *L, err *e)
{
    double v[3];
    int b[3];
    switch (kind) {
    case COL_SPECIES:
    case COL_Z: {
        long z = 0;
        if (kind == COL_SPECIES) z = structio_element(tok[0]);
        else if (structio_parse_int(tok[0], 1, ELEMENT_MAX_Z, &z)) z = 0;
        if (!z)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: '%s' is not a chemical element (atom %d)",
                           L->path, L->lineno, tok[0], ia);
        if (kind == COL_Z || !s->numbers[ia]) s->numbers[ia] = (int)z;   /* Z wins, as in ASE */
        return 0;
    }
    case COL_SKIP:
        return 0;
    case COL_MOVE_MASK:
        for (int i = 0; i < width; i++)
            if (parse_bool(tok[i], &b[i]))
                return err_set(e, EXIT_BAD_INPUT, "%s:%d: move_mask '%s' is not T or F (atom %d)",
                               L->path, L->lineno, tok[i], ia);
        /* F = this coordinate is fixed. A partly fixed atom (FixCartesian, e.g. "T T F")
         * counts as fixed: pawsorb fixes whole atoms only. */
        s->fixed[ia] = !b[0] || (width == 3 && (!b[1] || !b[2]));
        return 0;
    default:
        break;
    }
    for (int i = 0; i < width; i++)
        if (structio_parse_double(tok[i], &v[i]))
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: '%s' is not a number (atom %d, column %s)",
                           L->path, L->lineno, tok[i], ia,
                           kind == COL_POS ? "pos" : kind == COL_FORCES ? "forces" : "magmoms");
    if (kind == COL_POS)
        for (int i = 0; i < 3; i++) s->pos[ia][i] = v[i] / BOHR_ANG;
    else if (kind == COL_FORCES && x)
        for (int i = 0; i < 3; i++) x->forces[ia][i] = v[i] / HA_PER_BOHR_TO_EV_PER_ANG;
    else if (kind == COL_INIT_MAGMOMS || (kind == COL_MAGMOMS && !has_init_magmoms)) {
        /* initial_magmoms (ASE's set_initial_magnetic_moments) wins over magmoms (the
         * moments a previous calculation found), which still make a good start. */
        s->magmoms[ia] = v[0];
        s->has_magmoms = 1;
    }
    return 0;
}

/* Reads natoms atom lines. */
static int read_atoms(structio_lines *L, const columns *c, structure *s, extxyz_extras *x, err *e)
{
    char **tok = xmalloc((size_t)(c->total + 1) * sizeof *tok);
    int seen_init = 0, rc = 0;
    for (int p = 0; p < c->nprop; p++) seen_init |= c->kind[p] == COL_INIT_MAGMOMS;
    for (int ia = 0; ia < s->natoms && !rc; ia++) {
        if (!structio_lines_next(L)) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: the file ends after %d of %d atoms",
                         L->path, L->lineno, ia, s->natoms);
            break;
        }
        int n = structio_split(L->buf, tok, c->total + 1);
        if (n < c->total || (c->strict && n > c->total)) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: atom %d has %d columns, expected %d (%s)",
                         L->path, L->lineno, ia, n, c->total,
                         c->strict ? "as Properties= declares" : "symbol x y z");
            break;
        }
        char **t = tok;
        for (int p = 0; p < c->nprop && !rc; p++) {
            rc = store_column(c->kind[p], t, c->width[p], ia, s, x, seen_init, L, e);
            t += c->width[p];
        }
    }
    free(tok);
    return rc;
}

/* Reads one frame starting at the number-of-atoms line. Returns 1 when a frame was read,
 * 0 at the end of the file (end of file or a blank line, as ASE), -1 on error. */
static int read_frame(structio_lines *L, structure *s, extxyz_extras *x, err *e)
{
    if (!structio_lines_next(L)) return 0;
    char *tok[2];
    char *line = xstrdup(L->buf);
    int nt = structio_split(line, tok, 2);
    long natoms;
    int bad = nt != 1 || structio_parse_int(tok[0], 0, LONG_MAX, &natoms);
    free(line);
    if (nt == 0) return 0;
    if (bad)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: expected the number of atoms, found '%.60s'",
                       L->path, L->lineno, L->buf);
    if (natoms == 0)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: a frame with 0 atoms", L->path, L->lineno);
    int count_line = L->lineno;
    if (!structio_lines_next(L))
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: the file ends before the comment line",
                       L->path, L->lineno + 1);
    /* Each atom line has at least "H 0 0 0": 8 bytes. Bounds memory for garbage counts. */
    if (natoms > L->size / 8 + 1 || natoms > INT_MAX / 64)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: %ld atoms cannot fit in a file of %ld bytes",
                       L->path, count_line, natoms, L->size);
    kv_list kv;
    kv_parse(L->buf, &kv);
    columns c;
    int rc = 0;
    const char *prop = kv_get(&kv, "Properties");
    if (prop) {
        rc = parse_properties(prop, &c, L, e);
    } else {   /* plain XYZ: symbol x y z, anything after ignored */
        memset(&c, 0, sizeof c);
        c.kind[0] = COL_SPECIES, c.type[0] = 'S', c.width[0] = 1;
        c.kind[1] = COL_POS, c.type[1] = 'R', c.width[1] = 3;
        c.nprop = 2, c.total = 4;
    }
    structure_alloc(s, (int)natoms);
    if (!rc) rc = parse_cell(&kv, s, L, e);
    const char *energy = kv_get(&kv, "energy");
    double en = 0;
    if (!rc && energy && structio_parse_double(energy, &en))
        rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: energy=\"%s\" is not a number", L->path, L->lineno, energy);
    if (!rc && x) {
        memset(x, 0, sizeof *x);
        x->has_energy = energy != NULL;
        x->energy_ha = en / HARTREE_EV;
        for (int p = 0; p < c.nprop; p++)
            if (c.kind[p] == COL_FORCES) x->forces = xcalloc((size_t)natoms, sizeof *x->forces);
    }
    kv_free(&kv);
    if (!rc) rc = read_atoms(L, &c, s, x, e);
    if (rc) {
        structure_free(s);
        if (x) extxyz_extras_free(x);
        return -1;
    }
    return 1;
}

void extxyz_extras_free(extxyz_extras *x)
{
    free(x->forces);
    memset(x, 0, sizeof *x);
}

int extxyz_read_frame(const char *path, int frame, structure *s, extxyz_extras *x, err *e)
{
    memset(s, 0, sizeof *s);
    if (x) memset(x, 0, sizeof *x);
    if (frame < 0) return err_set(e, EXIT_BAD_INPUT, "%s: frame %d does not exist", path, frame);
    structio_lines L;
    if (structio_lines_open(&L, path, e)) return -1;
    int rc = 0;
    for (int k = 0; k <= frame; k++) {
        int got = read_frame(&L, s, k == frame ? x : NULL, e);
        if (got < 0) {
            rc = -1;
            break;
        }
        if (got == 0) {
            rc = k == 0 ? err_set(e, EXIT_BAD_INPUT, "%s:%d: no atoms: expected the number of atoms "
                                  "on the first line", path, L.lineno ? L.lineno : 1)
                        : err_set(e, EXIT_BAD_INPUT, "%s: has %d frame%s, frame %d was asked for",
                                  path, k, k == 1 ? "" : "s", frame);
            break;
        }
        if (k < frame) structure_free(s);
    }
    structio_lines_close(&L);
    return rc;
}

int extxyz_read(const char *path, structure *s, err *e)
{
    return extxyz_read_frame(path, 0, s, NULL, e);
}

int extxyz_count_frames(const char *path, int *nframes, err *e)
{
    structio_lines L;
    *nframes = 0;
    if (structio_lines_open(&L, path, e)) return -1;
    structure s;
    int got;
    while ((got = read_frame(&L, &s, NULL, e)) == 1) {
        structure_free(&s);
        (*nframes)++;
    }
    structio_lines_close(&L);
    return got < 0 ? -1 : 0;
}

/* ---- Writing ---- */

/* The shortest %g form that reads back as the same double (what Python's repr prints). */
static void fmt_exact(char *buf, size_t n, double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) return;
    }
}

static int write_frame(FILE *f, const structure *s, const char *comment_extra, const double *energy_ev,
                       const double (*forces)[3])
{
    int any_fixed = 0, has_cell = 0;
    for (int i = 0; i < s->natoms; i++) any_fixed |= s->fixed[i] != 0;
    for (int i = 0; i < 9; i++) has_cell |= s->cell[i / 3][i % 3] != 0.0;
    fprintf(f, "%d\n", s->natoms);
    if (has_cell) {
        fputs("Lattice=\"", f);
        for (int i = 0; i < 9; i++) {
            char num[40];
            fmt_exact(num, sizeof num, s->cell[i / 3][i % 3] * BOHR_ANG);
            fprintf(f, "%s%s", i ? " " : "", num);
        }
        fputs("\" ", f);
    }
    fprintf(f, "Properties=species:S:1:pos:R:3%s%s%s", any_fixed ? ":move_mask:L:1" : "",
            s->has_magmoms ? ":initial_magmoms:R:1" : "", forces ? ":forces:R:3" : "");
    if (energy_ev) {
        char num[40];
        fmt_exact(num, sizeof num, *energy_ev);
        fprintf(f, " energy=%s", num);
    }
    fprintf(f, " pbc=\"%c %c %c\"", s->pbc[0] ? 'T' : 'F', s->pbc[1] ? 'T' : 'F', s->pbc[2] ? 'T' : 'F');
    if (comment_extra && *comment_extra) fprintf(f, " %s", comment_extra);
    fputc('\n', f);
    for (int i = 0; i < s->natoms; i++) {
        fprintf(f, "%-2s %19.10f %19.10f %19.10f", element_symbol(s->numbers[i]), s->pos[i][0] * BOHR_ANG,
                s->pos[i][1] * BOHR_ANG, s->pos[i][2] * BOHR_ANG);
        if (any_fixed) fprintf(f, " %c", s->fixed[i] ? 'F' : 'T');
        if (s->has_magmoms) fprintf(f, " %12.8f", s->magmoms[i]);
        if (forces) fprintf(f, " %17.10f %17.10f %17.10f", forces[i][0], forces[i][1], forces[i][2]);
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

static int write_checked(const char *path, const char *mode, const structure *s, const char *extra,
                         const double *energy_ev, const double (*forces)[3], err *e)
{
    int has_cell = 0;
    for (int i = 0; i < 9; i++) has_cell |= s->cell[i / 3][i % 3] != 0.0;
    if (!has_cell && (s->pbc[0] || s->pbc[1] || s->pbc[2]))
        return err_set(e, EXIT_INTERNAL, "%s: a periodic structure without a cell cannot be written", path);
    if (extra && strchr(extra, '\n'))
        return err_set(e, EXIT_INTERNAL, "%s: the comment line cannot contain a line break", path);
    for (int i = 0; i < s->natoms; i++)
        if (s->numbers[i] < 1 || s->numbers[i] > ELEMENT_MAX_Z)
            return err_set(e, EXIT_INTERNAL, "%s: atom %d has atomic number %d", path, i, s->numbers[i]);
    FILE *f = fopen(path, mode);
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot write: %s", path, strerror(errno));
    int rc = write_frame(f, s, extra, energy_ev, forces);
    if (fclose(f) || rc)
        return err_set(e, EXIT_RUN_FAILED, "%s: writing failed: %s", path, strerror(errno));
    return 0;
}

int extxyz_write(const char *path, const structure *s, const char *comment_extra, err *e)
{
    return write_checked(path, "w", s, comment_extra, NULL, NULL, e);
}

int extxyz_append(const char *path, const structure *s, const double *energy_ev,
                  const double (*forces_ev_ang)[3], err *e)
{
    return write_checked(path, "a", s, NULL, energy_ev, forces_ev_ang, e);
}
