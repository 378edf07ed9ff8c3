/* The adsorption table as CSV (table.h): RFC 4180 fields (a field holding a comma, a
 * double quote or a line break is quoted, its quotes doubled), units in the header
 * names, NAN as an empty field. Energies are written with 6 decimals (1 micro-eV, far
 * below what the DFT numbers mean), so a read-back row equals the written one to 5e-7. */
#include "workflow/table_internal.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* The stored columns: header name, and where the value lives in an ads_row. */
typedef enum { COL_TEXT, COL_INT, COL_REAL } col_kind;

typedef struct {
    const char *name;
    col_kind kind;
    size_t offset, size;  /* size: capacity of a text field */
    int decimals;         /* reals */
} csv_column;

#define TEXT(f, name) {name, COL_TEXT, offsetof(ads_row, f), sizeof(((ads_row *)0)->f), 0}
#define INT(f, name) {name, COL_INT, offsetof(ads_row, f), 0, 0}
#define REAL(f, name, d) {name, COL_REAL, offsetof(ads_row, f), 0, d}

static const csv_column columns[] = {
    TEXT(adsorbate, "adsorbate"),
    TEXT(placement, "placement"),
    TEXT(site, "site"),
    TEXT(orientation, "orientation"),
    REAL(height_ang, "height_A", 3),
    INT(stage, "stage"),
    INT(status, "status"),
    INT(converged, "converged"),
    REAL(e_bind_ev, "e_bind_eV", 6),
    REAL(e_dft_ev, "e_dft_eV", 6),
    REAL(e_d2_ev, "e_d2_eV", 6),
    REAL(e_def_mol_ev, "e_def_mol_eV", 6),
    REAL(e_def_slab_ev, "e_def_slab_eV", 6),
    REAL(charge_transfer_e, "charge_transfer_e", 4),
    TEXT(why, "why"),
};
enum { NCOL = sizeof columns / sizeof columns[0] };

/* ---- Writing ------------------------------------------------------------------------ */

static void put_text(FILE *f, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"') fputc('"', f);
        fputc(*s, f);
    }
    fputc('"', f);
}

static void put_value(FILE *f, const ads_row *r, const csv_column *c)
{
    const char *p = (const char *)r + c->offset;
    if (c->kind == COL_TEXT) put_text(f, p);
    else if (c->kind == COL_INT) fprintf(f, "%d", *(const int *)p);
    else if (isfinite(*(const double *)p)) {
        double x = *(const double *)p;
        fprintf(f, "%.*f", c->decimals, fabs(x) < 0.5 * pow(10, -c->decimals) ? 0.0 : x);   /* no "-0.000000" */
    }
}

int ads_table_write_csv(const char *path, const ads_row *rows, int n, err *e)
{
    int *order = n > 0 ? malloc((size_t)n * sizeof *order) : NULL;
    ads_group *groups = n > 0 ? malloc((size_t)n * sizeof *groups) : NULL;
    if (n > 0 && (!order || !groups)) {
        free(order), free(groups);
        return err_set(e, EXIT_RUN_FAILED, "%s: out of memory for %d rows", path, n);
    }
    table_file t;
    if (table_file_open(&t, path, e)) return free(order), free(groups), -1;
    ads_rank_order(rows, n, order);
    int ng = ads_group_list(rows, n, groups);
    fputs("rank,best", t.f);
    for (int c = 0; c < NCOL; c++) fprintf(t.f, ",%s", columns[c].name);
    fputc('\n', t.f);
    for (int i = 0, rank = 0; i < n; i++) {
        const ads_row *r = &rows[order[i]];
        int best = 0;
        for (int g = 0; g < ng; g++) best = best || groups[g].best == order[i];
        if (ads_row_ranked(r)) fprintf(t.f, "%d", ++rank);
        fprintf(t.f, ",%d", best);
        for (int c = 0; c < NCOL; c++) {
            fputc(',', t.f);
            put_value(t.f, r, &columns[c]);
        }
        fputc('\n', t.f);
    }
    free(order), free(groups);
    return table_file_commit(&t, e);
}

/* ---- Reading ------------------------------------------------------------------------ */

/* A CSV text split into records of fields, in place: fields point into the text. */
typedef struct {
    char *p, *end;
    int line;             /* line of the next character */
} csv_reader;

/* Reads one record into fields (at most max; *nf the count found, which may exceed max).
 * Returns 0, 1 at the end of the text, -1 on an unterminated quote. */
static int next_record(csv_reader *c, char **fields, int max, int *nf)
{
    if (c->p >= c->end) return 1;
    *nf = 0;
    for (;;) {
        char *out = c->p, *start = c->p;
        if (*c->p == '"') {
            c->p++;
            for (;; c->p++) {
                if (c->p >= c->end) return -1;
                if (*c->p == '"' && (c->p + 1 >= c->end || c->p[1] != '"')) break;
                if (*c->p == '"') c->p++;
                if (*c->p == '\n') c->line++;
                *out++ = *c->p;
            }
            c->p++;
        }
        while (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r') *out++ = *c->p++;
        char sep = c->p < c->end ? *c->p : '\n';
        *out = '\0';   /* overwrites the separator, or the text's terminating NUL */
        if (*nf < max) fields[*nf] = start;
        (*nf)++;
        c->p++;
        if (sep == ',') continue;
        if (sep == '\r' && c->p < c->end && *c->p == '\n') c->p++;
        c->line++;
        return 0;
    }
}

static char *read_all(const char *path, size_t *len, err *e)
{
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot open: %s", path, strerror(errno)), NULL;
    size_t cap = 1 << 16, n = 0, got;
    char *buf = malloc(cap + 1);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            char *b = realloc(buf, 2 * cap + 1);
            if (!b) free(buf);
            buf = b, cap *= 2;
        }
    }
    int bad = ferror(f);
    fclose(f);
    if (!buf) return err_set(e, EXIT_RUN_FAILED, "%s: out of memory", path), NULL;
    if (bad) return free(buf), err_set(e, EXIT_BAD_INPUT, "%s: read error", path), NULL;
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int store_value(ads_row *r, const csv_column *c, const char *text, const char *path, int line, err *e)
{
    char *p = (char *)r + c->offset, *end;
    if (c->kind == COL_TEXT) {
        if (strlen(text) >= c->size)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: %s: %zu characters, at most %zu", path, line, c->name,
                           strlen(text), c->size - 1);
        memcpy(p, text, strlen(text) + 1);
        return 0;
    }
    if (!*text) {
        if (c->kind == COL_INT) *(int *)p = 0;
        else *(double *)p = NAN;
        return 0;
    }
    errno = 0;
    if (c->kind == COL_INT) {
        long v = strtol(text, &end, 10);
        if (*end || errno || v < -2147483647L || v > 2147483647L)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: %s: '%.60s' is not an integer", path, line, c->name, text);
        *(int *)p = (int)v;
    } else {
        double v = strtod(text, &end);
        if (*end || errno == ERANGE)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: %s: '%.60s' is not a number", path, line, c->name, text);
        *(double *)p = v;
    }
    return 0;
}

/* Maps each stored column to its field index in the header; the header may hold more. */
static int read_header(csv_reader *c, int *where, char **fields, int max, int *nf, const char *path, err *e)
{
    int rc = next_record(c, fields, max, nf);
    if (rc > 0) return err_set(e, EXIT_BAD_INPUT, "%s: empty file, no header line", path);
    if (rc < 0) return err_set(e, EXIT_BAD_INPUT, "%s:1: unterminated quoted field", path);
    if (*nf > max) return err_set(e, EXIT_BAD_INPUT, "%s:1: %d columns, at most %d", path, *nf, max);
    for (int k = 0; k < NCOL; k++) {
        where[k] = -1;
        for (int i = 0; i < *nf; i++)
            if (strcmp(fields[i], columns[k].name) == 0) where[k] = i;
        if (where[k] < 0) return err_set(e, EXIT_BAD_INPUT, "%s:1: no column '%s' in the header", path, columns[k].name);
    }
    return 0;
}

int ads_table_read_csv(const char *path, ads_row **rows, int *n, err *e)
{
    enum { MAXF = 256 };
    size_t len;
    char *text = read_all(path, &len, e), *fields[MAXF];
    if (!text) return -1;
    csv_reader c = {text, text + len, 1};
    int where[NCOL], nhead, nf, rc = 0, cap = 0;
    *rows = NULL, *n = 0;
    if (read_header(&c, where, fields, MAXF, &nhead, path, e)) return free(text), -1;
    for (;;) {
        int line = c.line;
        int got = next_record(&c, fields, MAXF, &nf);
        if (got > 0) break;
        if (got < 0) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: unterminated quoted field", path, line);
            break;
        }
        if (nf == 1 && !fields[0][0]) continue;   /* a blank line */
        if (nf != nhead) {
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: %d fields, the header has %d", path, line, nf, nhead);
            break;
        }
        if (*n == cap) {
            ads_row *r = realloc(*rows, (size_t)(cap = cap ? 2 * cap : 16) * sizeof *r);
            if (!r) {
                rc = err_set(e, EXIT_RUN_FAILED, "%s: out of memory", path);
                break;
            }
            *rows = r;
        }
        ads_row *r = &(*rows)[*n];
        memset(r, 0, sizeof *r);
        for (int k = 0; k < NCOL && !rc; k++) rc = store_value(r, &columns[k], fields[where[k]], path, line, e);
        if (rc) break;
        (*n)++;
    }
    free(text);
    if (rc) free(*rows), *rows = NULL, *n = 0;
    return rc;
}
