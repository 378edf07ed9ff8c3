/* Structure files: the format dispatch and the small parsing helpers both readers share. */
#include "io/structio.h"
#include "core/elements.h"
#include "core/mem.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

int structio_lines_open(structio_lines *L, const char *path, err *e)
{
    memset(L, 0, sizeof *L);
    L->path = path;
    L->f = fopen(path, "rb");
    if (!L->f)
        return err_set(e, EXIT_BAD_INPUT, "%s: cannot open: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fileno(L->f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(L->f);
        L->f = NULL;
        return err_set(e, EXIT_BAD_INPUT, "%s: is a directory, not a structure file", path);
    }
    L->size = fstat(fileno(L->f), &st) == 0 && S_ISREG(st.st_mode) ? (long)st.st_size : LONG_MAX;
    return 0;
}

void structio_lines_close(structio_lines *L)
{
    if (L->f) fclose(L->f);
    free(L->buf);
    memset(L, 0, sizeof *L);
}

int structio_lines_next(structio_lines *L)
{
    ssize_t n = getline(&L->buf, &L->cap, L->f);
    if (n < 0) return 0;
    L->lineno++;
    /* An embedded NUL ends the line for every later parser: garbage stays garbage. */
    while (n > 0 && (L->buf[n - 1] == '\n' || L->buf[n - 1] == '\r')) L->buf[--n] = '\0';
    return 1;
}

int structio_split(char *line, char **tok, int maxtok)
{
    int n = 0;
    char *save = NULL;
    for (char *t = strtok_r(line, " \t\r\f\v", &save); t && n < maxtok;
         t = strtok_r(NULL, " \t\r\f\v", &save))
        tok[n++] = t;
    return n;
}

int structio_parse_double(const char *tok, double *v)
{
    if (!tok || !*tok) return -1;
    char *end;
    errno = 0;
    double x = strtod(tok, &end);
    if (end == tok || *end != '\0' || errno == ERANGE || !isfinite(x)) return -1;
    *v = x;
    return 0;
}

int structio_parse_int(const char *tok, long lo, long hi, long *v)
{
    if (!tok || !*tok) return -1;
    char *end;
    errno = 0;
    long x = strtol(tok, &end, 10);
    if (end == tok || *end != '\0' || errno == ERANGE || x < lo || x > hi) return -1;
    *v = x;
    return 0;
}

int structio_element(const char *tok)
{
    /* "Ti_pv", "O_s", "Ti_pv/2b3e..." (VASP 6 POTCAR hashes): the element is before '_' or '/'. */
    char sym[4];
    size_t n = strcspn(tok, "_/");
    if (n == 0 || n > 2) return 0;
    /* ASE capitalises extxyz species ("o" -> "O", "TI" -> "Ti"). */
    sym[0] = (char)toupper((unsigned char)tok[0]);
    if (n == 2) sym[1] = (char)tolower((unsigned char)tok[1]);
    sym[n] = '\0';
    return element_z(sym);
}

/* The format a file name implies, or NULL. */
static const char *format_from_name(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    const char *dot = strrchr(base, '.');
    if (dot && (strcasecmp(dot, ".xyz") == 0 || strcasecmp(dot, ".extxyz") == 0)) return "extxyz";
    if (dot && (strcasecmp(dot, ".vasp") == 0 || strcasecmp(dot, ".poscar") == 0)) return "poscar";
    if (strncasecmp(base, "POSCAR", 6) == 0 || strncasecmp(base, "CONTCAR", 7) == 0) return "poscar";
    return NULL;
}

int structure_read_file(const char *path, const char *format, structure *s, err *e)
{
    memset(s, 0, sizeof *s);
    if (!format || !*format) {
        format = format_from_name(path);
        if (!format)
            return err_set(e, EXIT_BAD_INPUT,
                           "%s: cannot tell the structure format from the file name "
                           "(expected *.xyz, *.extxyz, POSCAR*, CONTCAR*, *.vasp or *.poscar); "
                           "give the format explicitly: extxyz or poscar", path);
    }
    if (strcasecmp(format, "extxyz") == 0 || strcasecmp(format, "xyz") == 0)
        return extxyz_read(path, s, e);
    if (strcasecmp(format, "poscar") == 0 || strcasecmp(format, "vasp") == 0 ||
        strcasecmp(format, "contcar") == 0)
        return poscar_read(path, s, e);
    return err_set(e, EXIT_BAD_INPUT, "%s: unknown structure format '%s' (expected extxyz or poscar)",
                   path, format);
}
