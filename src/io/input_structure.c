/* The `structure` section and the k-point grid that depends on it.
 *   structure: {file, format}, {build} (input_build.c) or inline {cell, pbc, atoms};
 *   plus fixed, fix_below.
 * Lengths are read in Angstrom and stored in bohr (units.h). */
#include "cell/lattice.h"
#include "core/elements.h"
#include "core/units.h"
#include "io/input_internal.h"
#include "io/structio.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Largest |coordinate| and |cell component| accepted, Angstrom: far beyond any real box,
 * small enough that distances and volumes stay finite. */
#define MAX_LENGTH_ANG 1.0e4
/* Closest approach of two atoms (periodic images included), Angstrom (docs/input.md). */
#define MIN_DIST_ANG 0.5
/* Closest periodic lattice planes accepted, Angstrom (bounds the image search). */
#define MIN_PLANE_ANG 0.1

static const char *const structure_keys[] = {"file", "build", "format", "cell", "pbc", "atoms", "fixed", "fix_below",
                                             NULL};

/* cell: [[ax,ay,az],[bx,by,bz],[cx,cy,cz]] or [a, b, c] (orthorhombic), Angstrom. */
static int read_cell(const ictx *c, const ynode *n, double cell[3][3])
{
    const char *want = "a 3x3 list [[ax,ay,az],[bx,by,bz],[cx,cy,cz]] or [a, b, c] (Angstrom)";
    char path[64];
    if (in_list(c, n, "structure.cell", 3, want)) return -1;
    memset(cell, 0, 9 * sizeof(double));
    int diagonal = n->items[0]->kind == YNODE_SCALAR;
    for (int i = 0; i < 3; i++) {
        const ynode *row = n->items[i];
        snprintf(path, sizeof path, "structure.cell[%d]", i);
        if (diagonal) {
            if (in_double_range(c, row, path, 0, 1, MAX_LENGTH_ANG, "Angstrom", &cell[i][i])) return -1;
            cell[i][i] /= BOHR_ANG;
            continue;
        }
        if (in_list(c, row, path, 3, "a list of 3 numbers (Angstrom)")) return -1;
        for (int j = 0; j < 3; j++) {
            snprintf(path, sizeof path, "structure.cell[%d][%d]", i, j);
            if (in_double_range(c, row->items[j], path, -MAX_LENGTH_ANG, 0, MAX_LENGTH_ANG, "Angstrom",
                                &cell[i][j]))
                return -1;
            cell[i][j] /= BOHR_ANG;
        }
    }
    return 0;
}

/* pbc: true | false | [b1, b2, b3] */
static int read_pbc(const ictx *c, const ynode *n, int pbc[3])
{
    char path[64];
    if (n->kind == YNODE_SCALAR) {
        if (in_bool(c, n, "structure.pbc", &pbc[0])) return -1;
        pbc[1] = pbc[2] = pbc[0];
        return 0;
    }
    if (in_list(c, n, "structure.pbc", 3, "true, false or a list of 3 booleans")) return -1;
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "structure.pbc[%d]", i);
        if (in_bool(c, n->items[i], path, &pbc[i])) return -1;
    }
    return 0;
}

/* An element symbol as chemistry writes it; a hint when only the case is wrong. */
static int read_symbol(const ictx *c, const ynode *n, const char *path, int *z)
{
    char buf[64], fixed[4] = "";
    if (n->kind == YNODE_SCALAR && n->str[0] && strlen(n->str) <= 3) {
        *z = element_z(n->str);
        if (*z) return 0;
        fixed[0] = (char)toupper((unsigned char)n->str[0]);
        for (int i = 1; n->str[i]; i++) fixed[i] = (char)tolower((unsigned char)n->str[i]);
        fixed[strlen(n->str)] = '\0';
        if (element_z(fixed))
            return in_bad(c, n, path, "unknown element symbol %s (did you mean '%s'?)", in_shown(n, buf, sizeof buf), fixed);
    }
    return in_bad(c, n, path, "unknown element symbol %s", in_shown(n, buf, sizeof buf));
}

/* atoms: [[Symbol, x, y, z], ...], Angstrom. */
static int read_atoms(const ictx *c, const ynode *n, structure *s)
{
    char path[64];
    if (in_list(c, n, "structure.atoms", 0, "a list of atoms [[O, x, y, z], ...]")) return -1;
    if (n->n == 0) return in_bad(c, n, "structure.atoms", "the list of atoms is empty");
    if (n->n > INPUT_MAX_ATOMS)
        return in_bad(c, n, "structure.atoms", "too many atoms (%zu; at most %d)", n->n, INPUT_MAX_ATOMS);
    structure_alloc(s, (int)n->n);
    for (size_t a = 0; a < n->n; a++) {
        const ynode *at = n->items[a];
        snprintf(path, sizeof path, "structure.atoms[%zu]", a);
        if (in_list(c, at, path, 4, "[Symbol, x, y, z] (Angstrom)")) return -1;
        snprintf(path, sizeof path, "structure.atoms[%zu][0]", a);
        if (read_symbol(c, at->items[0], path, &s->numbers[a])) return -1;
        for (int x = 0; x < 3; x++) {
            snprintf(path, sizeof path, "structure.atoms[%zu][%d]", a, x + 1);
            if (in_double_range(c, at->items[x + 1], path, -MAX_LENGTH_ANG, 0, MAX_LENGTH_ANG, "Angstrom",
                                &s->pos[a][x]))
                return -1;
            s->pos[a][x] /= BOHR_ANG;
        }
    }
    return 0;
}

/* structure.file relative to the input file's directory; checked readable here so the
 * message is ours ("cannot read ..."), the reader's own messages name its lines. */
static int read_file(const ictx *c, const ynode *sec, const char *input_dir, input *in)
{
    static const char *const formats[] = {"extxyz", "poscar", NULL};
    const ynode *n = ynode_get(sec, "file"), *f = ynode_get(sec, "format");
    char name[1024], fmt[16] = "";
    if (in_string(c, n, "structure.file", name, sizeof name)) return -1;
    int k = 0;
    if (f && in_choice(c, f, "structure.format", formats, &k)) return -1;
    if (f) snprintf(fmt, sizeof fmt, "%s", formats[k]);
    int w = name[0] == '/' || !input_dir[0]
                ? snprintf(in->structure_file, sizeof in->structure_file, "%s", name)
                : snprintf(in->structure_file, sizeof in->structure_file, "%s/%s", input_dir, name);
    if (w < 0 || (size_t)w >= sizeof in->structure_file)
        return in_bad(c, n, "structure.file", "path too long (%s)", name);
    struct stat st;
    if (access(in->structure_file, R_OK) != 0 || stat(in->structure_file, &st) != 0)
        return in_bad(c, n, "structure.file", "cannot read '%s' (%s)", in->structure_file, strerror(errno));
    if (!S_ISREG(st.st_mode))
        return in_bad(c, n, "structure.file", "'%s' is not a regular file", in->structure_file);
    err fe = {0};
    if (structure_read_file(in->structure_file, fmt, &in->atoms, &fe)) {
        memset(&in->atoms, 0, sizeof in->atoms);
        return in_bad(c, n, "structure.file", "%s", fe.msg);
    }
    if (in->atoms.natoms > INPUT_MAX_ATOMS)
        return in_bad(c, n, "structure.file", "too many atoms (%d; at most %d)", in->atoms.natoms,
                      INPUT_MAX_ATOMS);
    return 0;
}

/* structure.fixed (indices) and fix_below (z in Angstrom) add to what the file fixed. */
static int read_fixed(const ictx *c, const ynode *sec, structure *s)
{
    const ynode *fx = ynode_get(sec, "fixed"), *fb = ynode_get(sec, "fix_below");
    char path[64];
    if (fx && !ynode_is_null(fx)) {
        if (in_list(c, fx, "structure.fixed", 0, "a list of atom indices (0-based)")) return -1;
        for (size_t i = 0; i < fx->n; i++) {
            int idx;
            snprintf(path, sizeof path, "structure.fixed[%zu]", i);
            if (in_int(c, fx->items[i], path, 0, s->natoms - 1, &idx)) return -1;
            s->fixed[idx] = 1;
        }
    }
    if (fb) {
        double zmin;
        if (in_double_range(c, fb, "structure.fix_below", -MAX_LENGTH_ANG, 0, MAX_LENGTH_ANG, "Angstrom", &zmin))
            return -1;
        for (int a = 0; a < s->natoms; a++)
            if (s->pos[a][2] < zmin / BOHR_ANG) s->fixed[a] = 1;
    }
    return 0;
}

/* Before structure_validate, whose image search grows as (min_dist / plane spacing)^3:
 * periodic lattice planes closer than MIN_PLANE_ANG mean a degenerate cell anyway (a
 * cell just too small is left to structure_validate, whose message says so). */
static int check_cell_shape(const ictx *c, const ynode *n, const char *path, const structure *s)
{
    double recip[3][3], vol = lattice_volume(s->cell);
    for (int i = 0; i < 3; i++)
        if (s->cell[i][0] == 0 && s->cell[i][1] == 0 && s->cell[i][2] == 0)
            return in_bad(c, n, path, "cell vector %d is zero: the cell is singular%s", i + 1,
                          s->pbc[i] ? "" : " (a non-periodic direction still needs a box)");
    if (!isfinite(vol) || fabs(vol) < 1e-6)
        return in_bad(c, n, path, "the cell is singular (volume %.3g A^3)", vol * BOHR_ANG * BOHR_ANG * BOHR_ANG);
    lattice_reciprocal(s->cell, recip);
    for (int i = 0; i < 3; i++) {
        double spacing = 2 * M_PI / sqrt(recip[i][0] * recip[i][0] + recip[i][1] * recip[i][1] +
                                         recip[i][2] * recip[i][2]) * BOHR_ANG;
        if (s->pbc[i] && !(spacing >= MIN_PLANE_ANG))
            return in_bad(c, n, path, "the cell is nearly singular: lattice planes along a%d are %.3g A apart", i + 1,
                          spacing);
    }
    return 0;
}

/* structure.build excludes the other ways of giving atoms and a cell: the builder makes both. */
static int check_build_alone(const ictx *c, const ynode *sec)
{
    static const char *const others[] = {"file", "atoms", "cell", "pbc", "format", NULL};
    char path[32];
    for (int i = 0; others[i]; i++) {
        const ynode *n = ynode_get(sec, others[i]);
        if (!n) continue;
        snprintf(path, sizeof path, "structure.%s", others[i]);
        if (i < 2) return in_bad(c, n, path, "give one of structure.file, structure.build or inline atoms, not two");
        return in_bad(c, n, path, "not with structure.build: the builder makes the cell and its periodicity");
    }
    return 0;
}

/* One line for the logs (input.h's structure_origin) when the structure was read. */
static void set_origin(input *in, const ynode *file)
{
    if (file)
        snprintf(in->structure_origin, sizeof in->structure_origin, "read from %.480s: %d atoms", in->structure_file,
                 in->atoms.natoms);
    else
        snprintf(in->structure_origin, sizeof in->structure_origin, "inline: %d atoms", in->atoms.natoms);
}

int input_read_structure(const ictx *c, const ynode *sec, const char *input_dir, input *in)
{
    structure *s = &in->atoms;
    if (!sec || ynode_is_null(sec))
        return in_bad(c, sec, "structure", "missing: give structure.file, structure.build, or structure.cell and "
                      "structure.atoms");
    if (in_check_keys(c, sec, "structure", structure_keys)) return -1;
    const ynode *file = ynode_get(sec, "file"), *cell = ynode_get(sec, "cell"), *pbc = ynode_get(sec, "pbc"),
                *atoms = ynode_get(sec, "atoms"), *fmt = ynode_get(sec, "format"), *build = ynode_get(sec, "build");
    if (build && check_build_alone(c, sec)) return -1;
    if (file && atoms)
        return in_bad(c, atoms, "structure.atoms", "give either structure.file or inline atoms, not both");
    if (!file && fmt) return in_bad(c, fmt, "structure.format", "only meaningful with structure.file");
    if (!file && !atoms && !build)
        return in_bad(c, sec, "structure", "give structure.file, structure.build, or structure.cell and "
                      "structure.atoms");
    if (atoms && !cell)
        return in_bad(c, atoms, "structure.cell", "missing: inline atoms need a cell (the box, Angstrom)");
    if (build ? input_read_build(c, build, s, in->structure_origin, sizeof in->structure_origin)
              : file ? read_file(c, sec, input_dir, in) : read_atoms(c, atoms, s))
        return -1;
    if (build && s->natoms > INPUT_MAX_ATOMS)
        return in_bad(c, build, "structure.build", "too many atoms (%d; at most %d)", s->natoms, INPUT_MAX_ATOMS);
    if (atoms) s->pbc[0] = s->pbc[1] = s->pbc[2] = 1; /* default: periodic, as plane waves are */
    if (cell && read_cell(c, cell, s->cell)) return -1;
    if (file && !cell && lattice_volume(s->cell) == 0 && s->cell[0][0] == 0 && s->cell[1][1] == 0 && s->cell[2][2] == 0)
        return in_bad(c, file, "structure.file", "the file gives no cell (no Lattice=): add structure.cell "
                      "(the box, Angstrom) and structure.pbc");
    if (pbc && read_pbc(c, pbc, s->pbc)) return -1;
    if (read_fixed(c, sec, s)) return -1;
    if (!build) set_origin(in, file);
    const ynode *where = build ? build : cell ? cell : file;
    const char *path = build ? "structure.build" : cell ? "structure.cell" : "structure.file";
    if (check_cell_shape(c, where, path, s)) return -1;
    err ve = {0};
    if (structure_validate(s, MIN_DIST_ANG / BOHR_ANG, &ve)) {
        /* Point at the line of the later atom named in the message, when inline. */
        const ynode *where_atom = atoms;
        char apath[48] = "structure.atoms";
        int i = -1, j = -1;
        if (atoms && (sscanf(ve.msg, "atoms %d (%*[^)]) and %d", &i, &j) == 2 || sscanf(ve.msg, "atom %d", &j) == 1) &&
            j >= 0 && (size_t)j < atoms->n) {
            where_atom = atoms->items[j];
            snprintf(apath, sizeof apath, "structure.atoms[%d]", j);
        }
        return in_bad(c, atoms ? where_atom : where, atoms ? apath : path, "%s", ve.msg);
    }
    return 0;
}

void input_kpts_from_density(const double cell[3][3], const int pbc[3], double density, int kpts[3])
{
    /* ASE: k = 2 pi |b_i| density with b_i = rows of inv(cell)^T (no 2 pi, 1/Angstrom);
     * our reciprocal vectors carry the 2 pi and are in 1/bohr. Even: 2 ceil(k/2). */
    double recip[3][3];
    lattice_reciprocal(cell, recip);
    for (int i = 0; i < 3; i++) {
        double b = sqrt(recip[i][0] * recip[i][0] + recip[i][1] * recip[i][1] + recip[i][2] * recip[i][2]);
        double k = b / BOHR_ANG * density;
        kpts[i] = pbc[i] ? 2 * (int)ceil(k / 2) : 1;
    }
}

/* dft.kpoints: [n1, n2, n3] or {density: x} (points per 1/Angstrom); 1 along
 * non-periodic axes. */
int input_read_kpoints(const ictx *c, const ynode *n, input *in)
{
    static const char *const keys[] = {"density", NULL};
    const structure *s = &in->atoms;
    char path[64];
    if (n->kind == YNODE_MAP) {
        const ynode *d = ynode_get(n, "density");
        if (in_check_keys(c, n, "dft.kpoints", keys)) return -1;
        if (!d) return in_bad(c, n, "dft.kpoints.density", "missing: write kpoints: {density: 3.5}");
        if (in_double_range(c, d, "dft.kpoints.density", 0, 1, 100, "points per 1/Angstrom", &in->dft.kpt_density))
            return -1;
        input_kpts_from_density(s->cell, s->pbc, in->dft.kpt_density, in->dft.kpts);
        for (int i = 0; i < 3; i++)
            if (in->dft.kpts[i] > 1000)
                return in_bad(c, d, "dft.kpoints.density", "gives %d k-points along a%d: the cell is too large for "
                              "this density", in->dft.kpts[i], i + 1);
        return 0;
    }
    if (in_list(c, n, "dft.kpoints", 3, "a list of 3 integers [n1, n2, n3] or {density: x}")) return -1;
    for (int i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "dft.kpoints[%d]", i);
        if (in_int(c, n->items[i], path, 1, 1000, &in->dft.kpts[i])) return -1;
        if (!s->pbc[i] && in->dft.kpts[i] != 1)
            return in_bad(c, n->items[i], path, "must be 1 along the non-periodic direction a%d (%d)", i + 1,
                          in->dft.kpts[i]);
    }
    in->dft.kpt_density = 0;
    return 0;
}
