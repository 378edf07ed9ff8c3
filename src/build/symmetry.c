#include "build/symmetry.h"
#include "cell/lattice.h"
#include "core/mem.h"

#include <math.h>
#include <spglib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int symops_from_database(symops *ops, int hall_number, err *e)
{
    int rot[192][3][3];
    double trans[192][3];
    int n = spg_get_symmetry_from_database(rot, trans, hall_number);
    if (n <= 0)
        return err_set(e, EXIT_INTERNAL, "spglib has no operations for Hall number %d", hall_number);
    ops->n = n;
    ops->rot = xmalloc(n * sizeof *ops->rot);
    ops->trans = xmalloc(n * sizeof *ops->trans);
    memcpy(ops->rot, rot, n * sizeof *ops->rot);
    memcpy(ops->trans, trans, n * sizeof *ops->trans);
    return 0;
}

/* spglib wants lattice vectors as columns and fractional positions. */
static void spg_input(const structure *s, double lat[3][3], double (*frac)[3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) lat[i][j] = s->cell[j][i];
    double cell[3][3];   /* a local copy: GCC 12 misreads s->cell's size under -fsanitize */
    memcpy(cell, s->cell, sizeof cell);
    for (int a = 0; a < s->natoms; a++) lattice_to_fractional((const double(*)[3])cell, s->pos[a], frac[a]);
}

int symops_of_structure(symops *ops, const structure *s, double symprec, err *e)
{
    double lat[3][3];
    double (*frac)[3] = xmalloc(s->natoms * sizeof *frac);
    spg_input(s, lat, frac);
    int max = 48 * s->natoms;
    ops->rot = xmalloc(max * sizeof *ops->rot);
    ops->trans = xmalloc(max * sizeof *ops->trans);
    ops->n = spg_get_symmetry(ops->rot, ops->trans, max, lat, frac, s->numbers, s->natoms, symprec);
    free(frac);
    if (ops->n <= 0) {
        symops_free(ops);
        return err_set(e, EXIT_INTERNAL, "spglib found no symmetry operations (not even identity)");
    }
    return 0;
}

void symops_free(symops *ops)
{
    free(ops->rot);
    free(ops->trans);
    memset(ops, 0, sizeof *ops);
}

static double wrap01(double x)
{
    x -= floor(x);
    return x >= 1.0 - 1e-12 ? 0.0 : x;
}

static int same_frac(const double a[3], const double b[3], double tol)
{
    for (int k = 0; k < 3; k++) {
        double d = a[k] - b[k];
        d -= round(d);
        if (fabs(d) > tol) return 0;
    }
    return 1;
}

int symops_orbit(const symops *ops, const double f[3], double tol, double (*out)[3], int max)
{
    int n = 0;
    for (int o = 0; o < ops->n; o++) {
        double g[3];
        for (int i = 0; i < 3; i++) {
            g[i] = ops->trans[o][i];
            for (int j = 0; j < 3; j++) g[i] += ops->rot[o][i][j] * f[j];
            g[i] = wrap01(g[i]);
        }
        int seen = 0;
        for (int k = 0; k < n && !seen; k++) seen = same_frac(out[k], g, tol);
        if (seen) continue;
        if (n == max) return -1;
        memcpy(out[n++], g, sizeof g);
    }
    return n;
}

int structure_spacegroup(const structure *s, double symprec, char symbol[11])
{
    double lat[3][3];
    double (*frac)[3] = xmalloc(s->natoms * sizeof *frac);
    spg_input(s, lat, frac);
    SpglibDataset *ds = spg_get_dataset(lat, frac, s->numbers, s->natoms, symprec);
    free(frac);
    symbol[0] = 0;
    if (!ds) return 0;
    int number = ds->spacegroup_number;
    snprintf(symbol, 11, "%.10s", ds->international_symbol);
    spg_free_dataset(ds);
    return number;
}

int structure_find_frac(const structure *s, const double f[3], double tol)
{
    for (int a = 0; a < s->natoms; a++) {
        double g[3];
        lattice_to_fractional(s->cell, s->pos[a], g);
        if (same_frac(f, g, tol)) return a;
    }
    return -1;
}
