/* VASP POSCAR / CONTCAR (VASP wiki, "POSCAR"):
 *
 *   comment                       (VASP 4: often the species, "Ti O")
 *   s                             scale: s > 0 multiplies the lattice; s < 0 is the cell
 *                                 volume in A^3; three numbers scale x, y and z separately
 *   a1x a1y a1z                   lattice vectors (rows), Angstrom before scaling
 *   a2x a2y a2z
 *   a3x a3y a3z
 *   Ti O                          species (VASP 5; absent in VASP 4)
 *   2 4                           atoms per species
 *   Selective dynamics            optional (only the first letter counts)
 *   Direct                        or Cartesian (first letter C or K); cartesian
 *   x y z [T T F]                 coordinates are scaled like the lattice
 *   ...
 *   (lattice velocities, velocities, predictor-corrector lines: ignored)
 *
 * Positions and cell are converted to bohr; all directions are periodic. */
#include "cell/lattice.h"
#include "core/elements.h"
#include "core/mem.h"
#include "core/units.h"
#include "io/structio.h"

#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SPECIES 64
#define MAX_ATOMS 10000000

/* What the header of the file says, before the coordinates. */
typedef struct {
    char comment[256];
    double scale[3];        /* per cartesian axis; all equal for one scale factor */
    double volume;          /* > 0: the scale line asked for this volume (A^3) */
    double cell[3][3];      /* Angstrom, scaled */
    int nspecies;
    int z[MAX_SPECIES];
    long count[MAX_SPECIES];
    long natoms;
    int selective, cartesian;
} poscar_header;

static int need_line(structio_lines *L, const char *what, err *e)
{
    if (structio_lines_next(L)) return 0;
    return err_set(e, EXIT_BAD_INPUT, "%s:%d: the file ends here; expected %s", L->path, L->lineno + 1, what);
}

static int read_scale(structio_lines *L, poscar_header *h, err *e)
{
    if (need_line(L, "the scale factor (line 2)", e)) return -1;
    char *tok[4];
    int n = structio_split(L->buf, tok, 4);
    double s[3];
    int bad = !(n == 1 || n == 3);   /* a trailing comment would make it 2 or 4+: still wrong */
    for (int i = 0; i < n && i < 3 && !bad; i++) bad = structio_parse_double(tok[i], &s[i]) != 0;
    if (bad)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: expected the scale factor (one number, or three)",
                       L->path, L->lineno);
    if (n == 1 && s[0] == 0.0)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: the scale factor is 0", L->path, L->lineno);
    if (n == 3 && (s[0] <= 0 || s[1] <= 0 || s[2] <= 0))
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: three scale factors must all be positive",
                       L->path, L->lineno);
    h->volume = n == 1 && s[0] < 0 ? -s[0] : 0.0;
    for (int i = 0; i < 3; i++) h->scale[i] = n == 3 ? s[i] : (s[0] > 0 ? s[0] : 1.0);
    return 0;
}

static int read_lattice(structio_lines *L, poscar_header *h, err *e)
{
    for (int i = 0; i < 3; i++) {
        if (need_line(L, "a lattice vector (lines 3-5)", e)) return -1;
        char *tok[3];
        int n = structio_split(L->buf, tok, 3);
        for (int j = 0; j < 3; j++)
            if (n < 3 || structio_parse_double(tok[j], &h->cell[i][j]))
                return err_set(e, EXIT_BAD_INPUT, "%s:%d: expected lattice vector a%d as three numbers",
                               L->path, L->lineno, i + 1);
    }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) h->cell[i][j] *= h->scale[j];
    double vol = fabs(lattice_volume(h->cell));
    if (h->volume > 0) {
        /* Negative scale: the factor that gives the requested volume, (|s| / V)^(1/3). */
        if (vol == 0.0)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: the lattice vectors are coplanar: no volume to scale",
                           L->path, L->lineno);
        double f = cbrt(h->volume / vol);
        for (int i = 0; i < 3; i++) {
            h->scale[i] = f;
            for (int j = 0; j < 3; j++) h->cell[i][j] *= f;
        }
    }
    return 0;
}

/* VASP 4 has no species line; like ASE, take the species from the comment line when its
 * first words are exactly as many element symbols as there are counts. */
static int species_from_comment(structio_lines *L, poscar_header *h, err *e)
{
    char copy[sizeof h->comment], *tok[MAX_SPECIES + 1];
    memcpy(copy, h->comment, sizeof copy);
    int n = structio_split(copy, tok, MAX_SPECIES + 1), ok = n >= h->nspecies;
    for (int i = 0; i < h->nspecies && ok; i++) ok = (h->z[i] = structio_element(tok[i])) != 0;
    if (!ok)
        return err_set(e, EXIT_BAD_INPUT,
                       "%s:%d: no species line (VASP 4 format) and the comment line does not start "
                       "with %d element symbol%s; add a line with the species above the counts "
                       "(VASP 5 format, e.g. \"Ti O\")",
                       L->path, L->lineno, h->nspecies, h->nspecies == 1 ? "" : "s");
    return 0;
}

static int parse_counts(structio_lines *L, poscar_header *h, err *e)
{
    char *tok[MAX_SPECIES + 1];
    int n = structio_split(L->buf, tok, MAX_SPECIES + 1);
    for (int i = 0; i < n; i++)
        if (tok[i][0] == '!' || tok[i][0] == '#') n = i;   /* a trailing comment */
    if (n == 0 || n > MAX_SPECIES)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: expected the number of atoms of each species",
                       L->path, L->lineno);
    h->natoms = 0;
    for (int i = 0; i < n; i++) {
        if (structio_parse_int(tok[i], 1, LONG_MAX / MAX_SPECIES, &h->count[i]))
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: '%s' is not a positive number of atoms",
                           L->path, L->lineno, tok[i]);
        h->natoms += h->count[i];
    }
    if (h->nspecies && n != h->nspecies)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: %d atom counts for %d species on line %d",
                       L->path, L->lineno, n, h->nspecies, L->lineno - 1);
    h->nspecies = n;
    /* Each coordinate line has at least "0 0 0": 6 bytes. Bounds memory for garbage. */
    if (h->natoms > MAX_ATOMS || h->natoms > L->size / 6 + 1)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: %ld atoms cannot fit in a file of %ld bytes",
                       L->path, L->lineno, h->natoms, L->size);
    return 0;
}

static int read_species_counts(structio_lines *L, poscar_header *h, err *e)
{
    if (need_line(L, "the species or the atom counts (line 6)", e)) return -1;
    char *tok[MAX_SPECIES + 1];
    char *line = xstrdup(L->buf);
    int n = structio_split(line, tok, MAX_SPECIES + 1);
    long dummy;
    int vasp5 = n > 0 && structio_parse_int(tok[0], LONG_MIN, LONG_MAX, &dummy) != 0;
    int rc = 0;
    if (vasp5) {
        for (int i = 0; i < n && !rc; i++)
            if (tok[i][0] == '!' || tok[i][0] == '#') n = i;
        if (n > MAX_SPECIES)
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: more than %d species", L->path, L->lineno, MAX_SPECIES);
        for (int i = 0; i < n && !rc; i++)
            if (!(h->z[i] = structio_element(tok[i])))
                rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: species '%s' is not a chemical element",
                             L->path, L->lineno, tok[i]);
        h->nspecies = n;
        if (!rc) rc = need_line(L, "the atom counts (line 7)", e);
    }
    free(line);
    if (!rc) rc = parse_counts(L, h, e);
    if (!rc && !vasp5) rc = species_from_comment(L, h, e);
    return rc;
}

static int read_mode_lines(structio_lines *L, poscar_header *h, err *e)
{
    if (need_line(L, "'Direct' or 'Cartesian'", e)) return -1;
    const char *c = L->buf + strspn(L->buf, " \t");
    if (*c == 'S' || *c == 's') {
        h->selective = 1;
        if (need_line(L, "'Direct' or 'Cartesian' after 'Selective dynamics'", e)) return -1;
        c = L->buf + strspn(L->buf, " \t");
    }
    int ch = tolower((unsigned char)*c);
    if (ch != 'd' && ch != 'c' && ch != 'k')
        return err_set(e, EXIT_BAD_INPUT,
                       "%s:%d: expected 'Direct' or 'Cartesian'%s, found '%.40s' "
                       "(do the atom counts match the coordinate lines?)",
                       L->path, L->lineno, h->selective ? "" : " (or 'Selective dynamics')", L->buf);
    h->cartesian = ch == 'c' || ch == 'k';
    return 0;
}

static int read_coordinates(structio_lines *L, const poscar_header *h, structure *s, err *e)
{
    int ia = 0;
    for (int sp = 0; sp < h->nspecies; sp++)
        for (long k = 0; k < h->count[sp]; k++, ia++) {
            if (!structio_lines_next(L))
                return err_set(e, EXIT_BAD_INPUT, "%s:%d: the file ends after %d of %ld atoms",
                               L->path, L->lineno + 1, ia, h->natoms);
            char *tok[6];
            int n = structio_split(L->buf, tok, 6);
            double x[3];
            for (int j = 0; j < 3; j++)
                if (n < 3 || structio_parse_double(tok[j], &x[j]))
                    return err_set(e, EXIT_BAD_INPUT, "%s:%d: atom %d: expected three coordinates",
                                   L->path, L->lineno, ia);
            if (h->selective) {
                for (int j = 3; j < 6; j++)
                    if (n < 6 || (strcmp(tok[j], "T") && strcmp(tok[j], "F")))
                        return err_set(e, EXIT_BAD_INPUT,
                                       "%s:%d: atom %d: selective dynamics needs three flags T or F after "
                                       "the coordinates", L->path, L->lineno, ia);
                /* Any F fixes the whole atom. A partly fixed atom ("T T F": moves in x, y
                 * only) is thus held completely: pawsorb's relaxations fix whole atoms. */
                s->fixed[ia] = !strcmp(tok[3], "F") || !strcmp(tok[4], "F") || !strcmp(tok[5], "F");
            }
            s->numbers[ia] = h->z[sp];
            for (int j = 0; j < 3; j++) {
                double r = h->cartesian ? x[j] * h->scale[j]
                                        : x[0] * h->cell[0][j] + x[1] * h->cell[1][j] + x[2] * h->cell[2][j];
                s->pos[ia][j] = r / BOHR_ANG;
            }
        }
    return 0;
}

int poscar_read(const char *path, structure *s, err *e)
{
    memset(s, 0, sizeof *s);
    structio_lines L;
    if (structio_lines_open(&L, path, e)) return -1;
    poscar_header h;
    memset(&h, 0, sizeof h);
    int rc = need_line(&L, "a comment line (line 1)", e);
    if (!rc) snprintf(h.comment, sizeof h.comment, "%s", L.buf);
    if (!rc) rc = read_scale(&L, &h, e);
    if (!rc) rc = read_lattice(&L, &h, e);
    if (!rc) rc = read_species_counts(&L, &h, e);
    if (!rc) rc = read_mode_lines(&L, &h, e);
    if (!rc) {
        structure_alloc(s, (int)h.natoms);
        for (int i = 0; i < 3; i++) {
            s->pbc[i] = 1;
            for (int j = 0; j < 3; j++) s->cell[i][j] = h.cell[i][j] / BOHR_ANG;
        }
        rc = read_coordinates(&L, &h, s, e);
        if (rc) structure_free(s);
    }
    structio_lines_close(&L);
    return rc;
}
