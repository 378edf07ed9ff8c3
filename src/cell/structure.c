#include "cell/structure.h"
#include "cell/lattice.h"
#include "core/elements.h"
#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void structure_alloc(structure *s, int natoms)
{
    memset(s, 0, sizeof *s);
    s->natoms = natoms;
    s->numbers = xcalloc(natoms, sizeof *s->numbers);
    s->pos = xcalloc(natoms, sizeof *s->pos);
    s->fixed = xcalloc(natoms, sizeof *s->fixed);
    s->magmoms = xcalloc(natoms, sizeof *s->magmoms);
}

void structure_free(structure *s)
{
    free(s->numbers);
    free(s->pos);
    free(s->fixed);
    free(s->magmoms);
    memset(s, 0, sizeof *s);
}

void structure_copy(structure *dst, const structure *src)
{
    structure_alloc(dst, src->natoms);
    memcpy(dst->cell, src->cell, sizeof dst->cell);
    memcpy(dst->pbc, src->pbc, sizeof dst->pbc);
    memcpy(dst->numbers, src->numbers, src->natoms * sizeof *dst->numbers);
    memcpy(dst->pos, src->pos, src->natoms * sizeof *dst->pos);
    memcpy(dst->fixed, src->fixed, src->natoms * sizeof *dst->fixed);
    memcpy(dst->magmoms, src->magmoms, src->natoms * sizeof *dst->magmoms);
    dst->has_magmoms = src->has_magmoms;
}

double structure_volume(const structure *s)
{
    return lattice_volume(s->cell);
}

/* Minimum-image distance between atoms i and j: every combination of -n..n image shifts
 * along periodic directions, with n large enough for the cell's shape. */
static double closest_image(const structure *s, int i, int j, int nrep[3])
{
    double best = INFINITY;
    for (int a = -nrep[0]; a <= nrep[0]; a++)
        for (int b = -nrep[1]; b <= nrep[1]; b++)
            for (int c = -nrep[2]; c <= nrep[2]; c++) {
                if (i == j && a == 0 && b == 0 && c == 0) continue;
                double d2 = 0.0;
                for (int x = 0; x < 3; x++) {
                    double d = s->pos[j][x] - s->pos[i][x] + a * s->cell[0][x] +
                               b * s->cell[1][x] + c * s->cell[2][x];
                    d2 += d * d;
                }
                if (d2 < best) best = d2;
            }
    return sqrt(best);
}

int structure_validate(const structure *s, double min_dist, err *e)
{
    double vol = structure_volume(s);
    double scale = 1.0;
    for (int i = 0; i < 3; i++) {
        double n = sqrt(s->cell[i][0] * s->cell[i][0] + s->cell[i][1] * s->cell[i][1] +
                        s->cell[i][2] * s->cell[i][2]);
        if (n == 0.0)
            return err_set(e, EXIT_BAD_INPUT, "cell vector %d is zero", i + 1);
        scale *= n;
    }
    if (fabs(vol) < 1e-8 * scale)
        return err_set(e, EXIT_BAD_INPUT, "the cell is singular (volume %.3g A^3)",
                       vol * BOHR_ANG * BOHR_ANG * BOHR_ANG);
    /* Images needed: min_dist over the spacing between lattice planes. */
    double recip[3][3];
    lattice_reciprocal(s->cell, recip);
    int nrep[3];
    for (int c = 0; c < 3; c++) {
        double plane = 2 * M_PI / sqrt(recip[c][0] * recip[c][0] + recip[c][1] * recip[c][1] +
                                       recip[c][2] * recip[c][2]);
        nrep[c] = s->pbc[c] ? (int)ceil(min_dist / plane) + 1 : 0;
    }
    for (int i = 0; i < s->natoms; i++)
        for (int j = i; j < s->natoms; j++) {
            double d = closest_image(s, i, j, nrep);
            if (d < min_dist) {
                if (i == j)
                    return err_set(e, EXIT_BAD_INPUT,
                                   "atom %d (%s) is %.3f A from its own periodic image: the cell is too small",
                                   i, element_symbol(s->numbers[i]), d * BOHR_ANG);
                return err_set(e, EXIT_BAD_INPUT,
                               "atoms %d (%s) and %d (%s) are %.3f A apart (periodic images included); "
                               "the minimum is %.2f A",
                               i, element_symbol(s->numbers[i]), j, element_symbol(s->numbers[j]),
                               d * BOHR_ANG, min_dist * BOHR_ANG);
            }
        }
    return 0;
}
