/* Gaussian cube reader and writer (format in cube.h). */
#include "io/cube.h"
#include "core/units.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Largest grid accepted: 2^31 points would overflow the int indices of the callers. */
#define CUBE_MAX_POINTS 2000000000L

typedef struct {
    FILE *f;
    const char *path;
    char *line;
    size_t cap;
    long lineno;
} reader;

/* Next line into r->line (newline stripped); 0, or -1 at end of file. */
static int next_line(reader *r)
{
    ssize_t len = getline(&r->line, &r->cap, r->f);
    if (len < 0) return -1;
    r->lineno++;
    while (len > 0 && (r->line[len - 1] == '\n' || r->line[len - 1] == '\r')) r->line[--len] = '\0';
    return 0;
}

/* Parses `n` numbers from the start of the current line; the first may be an integer
 * count. Errors name the file, line and what was expected. */
static int parse_numbers(reader *r, const char *what, int n, double *v, err *e)
{
    char *p = r->line;
    for (int i = 0; i < n; i++) {
        char *end;
        errno = 0;
        v[i] = strtod(p, &end);
        if (end == p || errno == ERANGE || !isfinite(v[i]))
            return err_set(e, EXIT_BAD_INPUT, "%s:%ld: %s: expected %d numbers, got '%.60s'", r->path, r->lineno,
                           what, n, r->line);
        p = end;
    }
    return 0;
}

static int header_line(reader *r, const char *what, int n, double *v, err *e)
{
    if (next_line(r))
        return err_set(e, EXIT_BAD_INPUT, "%s:%ld: file ends before the %s line", r->path, r->lineno + 1, what);
    return parse_numbers(r, what, n, v, e);
}

static int is_integer(double x) { return x == floor(x) && fabs(x) < 1e9; }

int cube_alloc(cube *c, int natoms, const int n[3], err *e)
{
    memset(c, 0, sizeof *c);
    c->natoms = natoms;
    memcpy(c->n, n, sizeof c->n);
    size_t np = (size_t)n[0] * (size_t)n[1] * (size_t)n[2];
    c->numbers = calloc(natoms > 0 ? natoms : 1, sizeof *c->numbers);
    c->nuclear_charge = calloc(natoms > 0 ? natoms : 1, sizeof *c->nuclear_charge);
    c->pos = calloc(natoms > 0 ? natoms : 1, sizeof *c->pos);
    c->data = calloc(np ? np : 1, sizeof *c->data);
    if (!c->numbers || !c->nuclear_charge || !c->pos || !c->data) {
        cube_free(c);
        return err_set(e, EXIT_RUN_FAILED, "cube: out of memory for %d x %d x %d points", n[0], n[1], n[2]);
    }
    return 0;
}

void cube_free(cube *c)
{
    free(c->numbers), free(c->nuclear_charge), free(c->pos), free(c->data);
    c->numbers = NULL, c->nuclear_charge = NULL, c->pos = NULL, c->data = NULL;
}

void cube_cell(const cube *c, double cell[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) cell[i][x] = c->n[i] * c->axis[i][x];
}

/* The header: comments, atom count and origin, the three axes, the atoms. */
static int read_header(reader *r, cube *c, err *e)
{
    char comment[2][256];
    for (int i = 0; i < 2; i++) {
        if (next_line(r))
            return err_set(e, EXIT_BAD_INPUT, "%s:%ld: file ends in the two comment lines (not a cube file?)",
                           r->path, r->lineno + 1);
        snprintf(comment[i], sizeof comment[i], "%s", r->line);
    }
    double v[5];
    if (header_line(r, "atom count and origin", 4, v, e)) return -1;
    if (!is_integer(v[0]) || v[0] == 0 || fabs(v[0]) > 1e6)
        return err_set(e, EXIT_BAD_INPUT, "%s:%ld: atom count %g is not a nonzero integer", r->path, r->lineno, v[0]);
    int natoms = (int)fabs(v[0]), has_ids = v[0] < 0;
    double origin[3] = {v[1], v[2], v[3]}, axis[3][3];
    int n[3], angstrom[3];
    long total = 1;
    for (int i = 0; i < 3; i++) {
        char what[32];
        snprintf(what, sizeof what, "axis %d", i + 1);
        if (header_line(r, what, 4, v, e)) return -1;
        if (!is_integer(v[0]) || v[0] == 0 || fabs(v[0]) > 100000)
            return err_set(e, EXIT_BAD_INPUT, "%s:%ld: %s: grid count %g is not a nonzero integer", r->path,
                           r->lineno, what, v[0]);
        n[i] = (int)fabs(v[0]);
        angstrom[i] = v[0] < 0;
        total *= n[i];
        if (total > CUBE_MAX_POINTS)
            return err_set(e, EXIT_BAD_INPUT, "%s:%ld: grid of more than %ld points", r->path, r->lineno,
                           CUBE_MAX_POINTS);
        for (int x = 0; x < 3; x++) axis[i][x] = v[1 + x];
    }
    if (angstrom[0] != angstrom[1] || angstrom[1] != angstrom[2])
        return err_set(e, EXIT_BAD_INPUT, "%s:4-6: grid counts mix signs (bohr and Angstrom)", r->path);
    double scale = angstrom[0] ? 1.0 / BOHR_ANG : 1.0;
    double det = axis[0][0] * (axis[1][1] * axis[2][2] - axis[1][2] * axis[2][1]) -
                 axis[0][1] * (axis[1][0] * axis[2][2] - axis[1][2] * axis[2][0]) +
                 axis[0][2] * (axis[1][0] * axis[2][1] - axis[1][1] * axis[2][0]);
    if (fabs(det) < 1e-12)
        return err_set(e, EXIT_BAD_INPUT, "%s:4-6: the voxel vectors are singular (volume %g)", r->path, det);
    if (cube_alloc(c, natoms, n, e)) return err_wrap(e, "%s", r->path);
    memcpy(c->comment, comment, sizeof comment);
    for (int x = 0; x < 3; x++) c->origin[x] = origin[x] * scale;
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) c->axis[i][x] = axis[i][x] * scale;
    for (int a = 0; a < natoms; a++) {
        if (header_line(r, "atom (Z charge x y z)", 5, v, e)) return -1;
        if (!is_integer(v[0]) || v[0] < 0 || v[0] > 118)
            return err_set(e, EXIT_BAD_INPUT, "%s:%ld: atom %d: atomic number %g is not in 0..118", r->path,
                           r->lineno, a + 1, v[0]);
        c->numbers[a] = (int)v[0];
        c->nuclear_charge[a] = v[1];
        for (int x = 0; x < 3; x++) c->pos[a][x] = v[2 + x] * scale;
    }
    if (has_ids && next_line(r))
        return err_set(e, EXIT_BAD_INPUT, "%s:%ld: file ends before the orbital-id line", r->path, r->lineno + 1);
    return 0;
}

/* The values, any number per line, until n0*n1*n2 are read. */
static int read_values(reader *r, cube *c, err *e)
{
    size_t np = (size_t)c->n[0] * c->n[1] * c->n[2], k = 0;
    while (k < np) {
        if (next_line(r))
            return err_set(e, EXIT_BAD_INPUT, "%s: file ends after %zu of %zu values (%d x %d x %d grid)", r->path,
                           k, np, c->n[0], c->n[1], c->n[2]);
        char *p = r->line;
        for (;;) {
            while (*p == ' ' || *p == '\t') p++;
            if (!*p) break;
            char *end;
            double x = strtod(p, &end);
            if (end == p || !isfinite(x))
                return err_set(e, EXIT_BAD_INPUT, "%s:%ld: value %zu: '%.30s' is not a finite number", r->path,
                               r->lineno, k + 1, p);
            if (k == np)
                return err_set(e, EXIT_BAD_INPUT, "%s:%ld: more values than the %d x %d x %d grid holds", r->path,
                               r->lineno, c->n[0], c->n[1], c->n[2]);
            c->data[k++] = x;
            p = end;
        }
    }
    return 0;
}

int cube_read(const char *path, cube *c, err *e)
{
    memset(c, 0, sizeof *c);
    reader r = {.path = path};
    r.f = fopen(path, "r");
    if (!r.f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot open: %s", path, strerror(errno));
    int rc = read_header(&r, c, e);
    if (!rc) rc = read_values(&r, c, e);
    free(r.line);
    fclose(r.f);
    if (rc) cube_free(c);
    return rc;
}

int cube_write(const char *path, const cube *c, err *e)
{
    FILE *f = fopen(path, "w");
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot write: %s", path, strerror(errno));
    fprintf(f, "%s\n%s\n", c->comment[0], c->comment[1]);
    fprintf(f, "%5d %12.6f %12.6f %12.6f\n", c->natoms, c->origin[0], c->origin[1], c->origin[2]);
    for (int i = 0; i < 3; i++)
        fprintf(f, "%5d %12.6f %12.6f %12.6f\n", c->n[i], c->axis[i][0], c->axis[i][1], c->axis[i][2]);
    for (int a = 0; a < c->natoms; a++)
        fprintf(f, "%5d %12.6f %12.6f %12.6f %12.6f\n", c->numbers[a], c->nuclear_charge[a], c->pos[a][0],
                c->pos[a][1], c->pos[a][2]);
    size_t row = (size_t)c->n[2], nrows = (size_t)c->n[0] * c->n[1];
    for (size_t ij = 0; ij < nrows; ij++) {
        const double *v = c->data + ij * row;
        for (size_t k = 0; k < row; k++) fprintf(f, k % 6 == 5 || k == row - 1 ? "%13.5e\n" : "%13.5e ", v[k]);
    }
    int bad = ferror(f);
    if (fclose(f) || bad) return err_set(e, EXIT_RUN_FAILED, "%s: write failed: %s", path, strerror(errno));
    return 0;
}
