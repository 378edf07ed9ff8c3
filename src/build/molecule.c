/* Molecule library and molecule orientation (molecule.h). */
#include "build/molecule.h"
#include "cell/vec3.h"
#include "io/structio.h"

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

int molecule_library_dir(char *dir, size_t n)
{
    const char *env = getenv("PAWSORB_MOLECULES");
    if (env && *env) {
        snprintf(dir, n, "%s", env);
        return is_dir(dir) ? 0 : -1;
    }
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (len > 0) {
        exe[len] = 0;
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = 0;
            static const char *rel[] = {"../inputs/molecules", "../../inputs/molecules"};
            for (int k = 0; k < 2; k++) {
                char cand[4200], *real;
                snprintf(cand, sizeof cand, "%s/%s", exe, rel[k]);
                if (is_dir(cand) && (real = realpath(cand, NULL))) {
                    snprintf(dir, n, "%s", real);
                    free(real);
                    return 0;
                }
            }
        }
    }
#ifdef PAWSORB_PKGDATADIR
    snprintf(dir, n, "%s/molecules", PAWSORB_PKGDATADIR);   /* make install */
    if (is_dir(dir)) return 0;
#endif
    snprintf(dir, n, "inputs/molecules");
    return is_dir(dir) ? 0 : -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

void molecule_library_names(const char *dir, char *out, size_t n)
{
    char *names[256];
    int k = 0;
    out[0] = 0;
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    while ((de = readdir(d)) && k < 256) {
        size_t l = strlen(de->d_name);
        if (l > 4 && !strcmp(de->d_name + l - 4, ".xyz")) {
            names[k] = strdup(de->d_name);
            names[k++][l - 4] = 0;
        }
    }
    closedir(d);
    qsort(names, k, sizeof *names, cmp_str);
    size_t len = 0;
    for (int i = 0; i < k; i++) {
        if (len < n) len += snprintf(out + len, n - len, "%s%s", i ? ", " : "", names[i]);
        free(names[i]);
    }
}

/* charge= from the comment line (0 if absent or not an integer). */
static int comment_charge(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return 0;
    char line[4096];
    int q = 0;
    if (fgets(line, sizeof line, f) && fgets(line, sizeof line, f)) {
        for (char *p = strstr(line, "charge="); p; p = strstr(p + 1, "charge="))
            if (p == line || p[-1] == ' ' || p[-1] == '\t') {
                char *end;
                long v = strtol(p + 7, &end, 10);
                if (end != p + 7 && v > -100 && v < 100) q = (int)v;
                break;
            }
    }
    fclose(f);
    return q;
}

int molecule_load(const char *name_or_path, structure *mol, int *charge, err *e)
{
    size_t l = strlen(name_or_path);
    char path[8300];
    if (strchr(name_or_path, '/') || (l > 4 && !strcmp(name_or_path + l - 4, ".xyz"))) {
        snprintf(path, sizeof path, "%s", name_or_path);
    } else {
        char dir[4096], names[2048];
        if (molecule_library_dir(dir, sizeof dir))
            return err_set(e, EXIT_BAD_INPUT,
                           "molecule '%s': the molecule library (inputs/molecules) was not found; "
                           "set PAWSORB_MOLECULES to its directory or give a path to an .xyz file",
                           name_or_path);
        int len = snprintf(path, sizeof path, "%s/%s.xyz", dir, name_or_path);
        if (len < 0 || (size_t)len >= sizeof path || access(path, R_OK) != 0) {
            molecule_library_names(dir, names, sizeof names);
            return err_set(e, EXIT_BAD_INPUT, "molecule '%s' is not in the library %s (known: %s)",
                           name_or_path, dir, names);
        }
    }
    if (extxyz_read(path, mol, e)) return -1;
    if (mol->natoms < 1) {
        structure_free(mol);
        return err_set(e, EXIT_BAD_INPUT, "%s: no atoms", path);
    }
    *charge = comment_charge(path);
    return 0;
}

static void centre(const structure *s, double c[3])
{
    c[0] = c[1] = c[2] = 0.0;
    for (int a = 0; a < s->natoms; a++)
        for (int x = 0; x < 3; x++) c[x] += s->pos[a][x] / s->natoms;
}

void molecule_box(structure *mol, double vacuum)
{
    double lo[3] = {INFINITY, INFINITY, INFINITY}, hi[3] = {-INFINITY, -INFINITY, -INFINITY};
    for (int a = 0; a < mol->natoms; a++)
        for (int x = 0; x < 3; x++) {
            if (mol->pos[a][x] < lo[x]) lo[x] = mol->pos[a][x];
            if (mol->pos[a][x] > hi[x]) hi[x] = mol->pos[a][x];
        }
    memset(mol->cell, 0, sizeof mol->cell);
    for (int x = 0; x < 3; x++) {
        mol->cell[x][x] = hi[x] - lo[x] + 2.0 * vacuum;
        mol->pbc[x] = 0;
        for (int a = 0; a < mol->natoms; a++) mol->pos[a][x] += vacuum - lo[x];
    }
}

/* Eigenvectors of a symmetric 3x3 matrix by cyclic Jacobi rotations; vec columns,
 * sorted by decreasing eigenvalue; each column's largest component made positive. */
static void sym3_eigen(double m[3][3], double val[3], double vec[3][3])
{
    double v[3][3] = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int sweep = 0; sweep < 50; sweep++) {
        double off = fabs(m[0][1]) + fabs(m[0][2]) + fabs(m[1][2]);
        if (off < 1e-14 * (fabs(m[0][0]) + fabs(m[1][1]) + fabs(m[2][2]) + 1e-300)) break;
        for (int p = 0; p < 2; p++)
            for (int q = p + 1; q < 3; q++) {
                if (m[p][q] == 0.0) continue;
                double th = 0.5 * atan2(2.0 * m[p][q], m[q][q] - m[p][p]);
                double c = cos(th), s = sin(th);
                for (int k = 0; k < 3; k++) {   /* m <- J^T m J with J the (p,q) rotation */
                    double mkp = m[k][p], mkq = m[k][q];
                    m[k][p] = c * mkp - s * mkq, m[k][q] = s * mkp + c * mkq;
                }
                for (int k = 0; k < 3; k++) {
                    double mpk = m[p][k], mqk = m[q][k];
                    m[p][k] = c * mpk - s * mqk, m[q][k] = s * mpk + c * mqk;
                }
                for (int k = 0; k < 3; k++) {
                    double vkp = v[k][p], vkq = v[k][q];
                    v[k][p] = c * vkp - s * vkq, v[k][q] = s * vkp + c * vkq;
                }
            }
    }
    int order[3] = {0, 1, 2};
    for (int i = 0; i < 3; i++)
        for (int j = i + 1; j < 3; j++)
            if (m[order[j]][order[j]] > m[order[i]][order[i]] + 1e-12) {
                int t = order[i];
                order[i] = order[j], order[j] = t;
            }
    for (int i = 0; i < 3; i++) {
        int c = order[i], big = 0;
        val[i] = m[c][c];
        for (int k = 1; k < 3; k++)
            if (fabs(v[k][c]) > fabs(v[big][c]) + 1e-9) big = k;
        double sg = v[big][c] < 0 ? -1.0 : 1.0;
        for (int k = 0; k < 3; k++) vec[k][i] = sg * v[k][c];
    }
}

static void normalise(double a[3])
{
    double l = sqrt(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]);
    for (int k = 0; k < 3; k++) a[k] /= l;
}

/* Principal axes of the positions: ax[i] the i-th axis, largest spread first. */
static void principal_axes(const structure *mol, double ax[3][3])
{
    double c[3], cov[3][3] = {{0}}, val[3], vec[3][3];
    centre(mol, c);
    for (int a = 0; a < mol->natoms; a++)
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) cov[i][j] += (mol->pos[a][i] - c[i]) * (mol->pos[a][j] - c[j]);
    sym3_eigen(cov, val, vec);
    for (int i = 0; i < 3; i++)
        for (int k = 0; k < 3; k++) ax[i][k] = vec[k][i];
    vec3_cross(ax[0], ax[1], ax[2]);   /* right-handed */
}

/* R with R s_i = t_i for two orthonormal right-handed frames (rows s[i], t[i]). */
static void frame_rotation(const double s[3][3], const double t[3][3], double rot[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            rot[i][j] = 0.0;
            for (int k = 0; k < 3; k++) rot[i][j] += t[k][i] * s[k][j];
        }
}

/* Target frame: t[2] = n, t[0] the in-plane direction closest to x, t[1] = n x t[0]. */
static void surface_frame(const double n[3], double t[3][3])
{
    memcpy(t[2], n, sizeof t[2]);
    normalise(t[2]);
    double x[3] = {1, 0, 0};
    if (fabs(t[2][0]) > 0.9) x[0] = 0, x[1] = 1;
    double d = x[0] * t[2][0] + x[1] * t[2][1] + x[2] * t[2][2];
    for (int k = 0; k < 3; k++) t[0][k] = x[k] - d * t[2][k];
    normalise(t[0]);
    vec3_cross(t[2], t[0], t[1]);
}

void molecule_rotation_flat(const structure *mol, const double n[3], double rot[3][3])
{
    double ax[3][3], t[3][3];
    principal_axes(mol, ax);   /* ax[2] (least spread) -> n, ax[0] -> in-plane x */
    surface_frame(n, t);
    frame_rotation(ax, t, rot);
}

void molecule_rotation_upright(const structure *mol, const double n[3], double rot[3][3])
{
    double ax[3][3], s[3][3], t[3][3];
    principal_axes(mol, ax);   /* long axis ax[0] -> n, ax[1] -> in-plane x */
    memcpy(s[0], ax[1], sizeof s[0]);
    memcpy(s[1], ax[2], sizeof s[1]);
    memcpy(s[2], ax[0], sizeof s[2]);
    surface_frame(n, t);
    frame_rotation(s, t, rot);
}

void molecule_rotation_euler(double phi, double theta, double psi, double rot[3][3])
{
    /* ASE 3.22 ase/atoms.py euler_rotate: D (phi about z), C (theta about x), B (psi about z),
     * each in the passive form [[c, s, 0], [-s, c, 0], [0, 0, 1]]; A = B C D. */
    double D[3][3] = {{cos(phi), sin(phi), 0}, {-sin(phi), cos(phi), 0}, {0, 0, 1}};
    double C[3][3] = {{1, 0, 0}, {0, cos(theta), sin(theta)}, {0, -sin(theta), cos(theta)}};
    double B[3][3] = {{cos(psi), sin(psi), 0}, {-sin(psi), cos(psi), 0}, {0, 0, 1}};
    double CD[3][3];
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            CD[i][j] = 0.0;
            for (int k = 0; k < 3; k++) CD[i][j] += C[i][k] * D[k][j];
        }
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) {
            rot[i][j] = 0.0;
            for (int k = 0; k < 3; k++) rot[i][j] += B[i][k] * CD[k][j];
        }
}

void molecule_rotate(structure *mol, const double rot[3][3])
{
    double c[3];
    centre(mol, c);
    for (int a = 0; a < mol->natoms; a++) {
        double r[3], out[3];
        for (int k = 0; k < 3; k++) r[k] = mol->pos[a][k] - c[k];
        for (int i = 0; i < 3; i++) out[i] = c[i] + rot[i][0] * r[0] + rot[i][1] * r[1] + rot[i][2] * r[2];
        memcpy(mol->pos[a], out, sizeof out);
    }
}
