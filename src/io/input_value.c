/* Typed access to YAML values with the messages users see. Strict on purpose: a number
 * must be written as a plain decimal number (no quotes, no .inf/.nan, no hex), a boolean as
 * true/false, and a list must have the length the key needs. */
#include "io/input_internal.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int in_bad(const ictx *c, const ynode *n, const char *path, const char *fmt, ...)
{
    char what[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return err_set(c->e, EXIT_BAD_INPUT, "%s:%d: %s%s%s", c->file, n ? n->line : 1, path, path[0] ? ": " : "", what);
}

const char *in_shown(const ynode *n, char *buf, size_t cap)
{
    if (n->kind == YNODE_LIST) {
        snprintf(buf, cap, "a list of %zu item%s", n->n, n->n == 1 ? "" : "s");
    } else if (n->kind == YNODE_MAP) {
        snprintf(buf, cap, "a mapping");
    } else if (n->plain && n->str[0] == '\0') {
        snprintf(buf, cap, "no value");
    } else {
        /* At most 40 bytes of the text, control characters replaced, so the message
         * stays one short line whatever the file holds. */
        char s[48];
        size_t len = strlen(n->str), k = 0;
        for (size_t i = 0; i < len && k < 40; i++)
            s[k++] = (unsigned char)n->str[i] < 0x20 || n->str[i] == 0x7f ? '?' : n->str[i];
        s[k] = '\0';
        snprintf(buf, cap, "%s%s%s%s", n->plain ? "" : "\"", s, len > 40 ? "..." : "", n->plain ? "" : "\"");
    }
    return buf;
}

const char *in_join(char *buf, size_t cap, const char *a, const char *b)
{
    snprintf(buf, cap, "%s%s%s", a, a[0] ? "." : "", b);
    return buf;
}

/* Edit distance with transpositions (optimal string alignment: "dtf" is one edit from
 * "dft"), case-insensitive, on at most 63 characters of each word. */
static int edit_distance(const char *a, const char *b)
{
    int la = (int)strnlen(a, 63), lb = (int)strnlen(b, 63);
    int d[64][64];
    for (int i = 0; i <= la; i++) d[i][0] = i;
    for (int j = 0; j <= lb; j++) d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int ca = a[i - 1] | 0x20, cb = b[j - 1] | 0x20;
            int best = d[i - 1][j - 1] + (ca != cb);
            if (d[i - 1][j] + 1 < best) best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best) best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && ca == (b[j - 2] | 0x20) && (a[i - 2] | 0x20) == cb && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    return d[la][lb];
}

const char *in_closest(const char *word, const char *const names[])
{
    const char *best = NULL;
    int bestd = INT_MAX;
    for (int i = 0; names[i]; i++) {
        int d = edit_distance(word, names[i]);
        if (d < bestd) bestd = d, best = names[i];
    }
    /* a typo: at most 2 edits, and fewer than a third of the word for short words */
    int len = (int)strlen(word);
    if (best && bestd <= 2 && (bestd <= len / 3 || bestd == 1 || strlen(best) > 4) && bestd < len)
        return best;
    return NULL;
}

int in_check_keys(const ictx *c, const ynode *map, const char *path, const char *const keys[])
{
    char buf[64], kp[160];
    if (ynode_is_null(map)) return 0;
    if (map->kind != YNODE_MAP)
        return in_bad(c, map, path, "expected a mapping of keys (key: value), got %s",
                      in_shown(map, buf, sizeof buf));
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->items[2 * i];
        if (k->kind != YNODE_SCALAR || k->str[0] == '\0')
            return in_bad(c, k, path, "keys must be plain words, got %s", in_shown(k, buf, sizeof buf));
        int known = 0;
        for (int j = 0; keys[j] && !known; j++) known = strcmp(keys[j], k->str) == 0;
        snprintf(buf, sizeof buf, "%.40s%s", k->str, strlen(k->str) > 40 ? "..." : "");
        in_join(kp, sizeof kp, path, buf);
        if (!known) {
            const char *near = in_closest(k->str, keys);
            const char *other = c->elsewhere && !near ? c->elsewhere(k->str) : NULL;
            if (near) return in_bad(c, k, kp, "unknown key (did you mean '%s'?)", near);
            if (other) return in_bad(c, k, kp, "unknown key here (did you mean '%s'?)", other);
            char list[512] = "";
            for (int j = 0; keys[j]; j++)
                snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", j ? ", " : "", keys[j]);
            return in_bad(c, k, kp, "unknown key (known keys: %s)", list);
        }
        for (size_t j = 0; j < i; j++)
            if (strcmp(map->items[2 * j]->str, k->str) == 0)
                return in_bad(c, k, kp, "duplicate key (first given on line %d)", map->items[2 * j]->line);
    }
    return 0;
}

/* A plain decimal number: [+-] digits [. digits] [e [+-] digits], at least one digit. */
static int is_decimal(const char *s)
{
    int digits = 0;
    if (*s == '+' || *s == '-') s++;
    while (*s >= '0' && *s <= '9') s++, digits++;
    if (*s == '.') {
        s++;
        while (*s >= '0' && *s <= '9') s++, digits++;
    }
    if (!digits) return 0;
    if (*s == 'e' || *s == 'E') {
        s++;
        if (*s == '+' || *s == '-') s++;
        if (!(*s >= '0' && *s <= '9')) return 0;
        while (*s >= '0' && *s <= '9') s++;
    }
    return *s == '\0';
}

int in_double(const ictx *c, const ynode *n, const char *path, double *out)
{
    char buf[64];
    if (n->kind != YNODE_SCALAR || !n->plain || !is_decimal(n->str))
        return in_bad(c, n, path, "expected a number, got %s", in_shown(n, buf, sizeof buf));
    errno = 0;
    double v = strtod(n->str, NULL);
    if (!isfinite(v) || (errno == ERANGE && fabs(v) > 1.0))
        return in_bad(c, n, path, "number out of range (%s)", in_shown(n, buf, sizeof buf));
    *out = v;
    return 0;
}

int in_double_range(const ictx *c, const ynode *n, const char *path, double lo, int lo_open,
                    double hi, const char *unit, double *out)
{
    char buf[64];
    double v;
    if (in_double(c, n, path, &v)) return -1;
    if (v < lo || (lo_open && v == lo) || v > hi)
        return in_bad(c, n, path, "must be %s %g and <= %g%s%s (%s)", lo_open ? ">" : ">=", lo, hi,
                      unit[0] ? " " : "", unit, in_shown(n, buf, sizeof buf));
    *out = v;
    return 0;
}

int in_int(const ictx *c, const ynode *n, const char *path, long lo, long hi, int *out)
{
    char buf[64];
    const char *s = n->kind == YNODE_SCALAR ? n->str : "";
    int ok = n->kind == YNODE_SCALAR && n->plain && *s;
    for (const char *p = s + (*s == '+' || *s == '-'); ok && *p; p++) ok = *p >= '0' && *p <= '9';
    if (!ok || !s[*s == '+' || *s == '-'])
        return in_bad(c, n, path, "expected an integer, got %s", in_shown(n, buf, sizeof buf));
    errno = 0;
    long v = strtol(s, NULL, 10);
    if (errno == ERANGE || v < lo || v > hi)
        return in_bad(c, n, path, "must be an integer from %ld to %ld (%s)", lo, hi, in_shown(n, buf, sizeof buf));
    *out = (int)v;
    return 0;
}

int in_bool(const ictx *c, const ynode *n, const char *path, int *out)
{
    static const char *const yes[] = {"true", "True", "TRUE"}, *const no[] = {"false", "False", "FALSE"};
    char buf[64];
    if (n->kind == YNODE_SCALAR && n->plain)
        for (int i = 0; i < 3; i++) {
            if (strcmp(n->str, yes[i]) == 0) return *out = 1, 0;
            if (strcmp(n->str, no[i]) == 0) return *out = 0, 0;
        }
    return in_bad(c, n, path, "expected true or false, got %s", in_shown(n, buf, sizeof buf));
}

int in_string(const ictx *c, const ynode *n, const char *path, char *buf, size_t cap)
{
    char shown[64];
    if (n->kind != YNODE_SCALAR || ynode_is_null(n))
        return in_bad(c, n, path, "expected a text value, got %s", in_shown(n, shown, sizeof shown));
    size_t len = strlen(n->str);
    if (len == 0) return in_bad(c, n, path, "must not be empty");
    if (len >= cap)
        return in_bad(c, n, path, "too long (%zu characters, at most %zu) (%s)", len, cap - 1,
                      in_shown(n, shown, sizeof shown));
    memcpy(buf, n->str, len + 1);
    return 0;
}

int in_choice(const ictx *c, const ynode *n, const char *path, const char *const names[], int *idx)
{
    char buf[64], list[256] = "";
    if (n->kind == YNODE_SCALAR)
        for (int i = 0; names[i]; i++)
            if (strcmp(n->str, names[i]) == 0) return *idx = i, 0;
    for (int i = 0; names[i]; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? " | " : "", names[i]);
    const char *near = n->kind == YNODE_SCALAR ? in_closest(n->str, names) : NULL;
    if (near)
        return in_bad(c, n, path, "unknown value %s (did you mean '%s'?)", in_shown(n, buf, sizeof buf), near);
    return in_bad(c, n, path, "must be one of %s (%s)", list, in_shown(n, buf, sizeof buf));
}

int in_list(const ictx *c, const ynode *n, const char *path, size_t len, const char *what)
{
    char buf[64];
    if (n->kind != YNODE_LIST || (len && n->n != len))
        return in_bad(c, n, path, "expected %s, got %s", what, in_shown(n, buf, sizeof buf));
    return 0;
}
