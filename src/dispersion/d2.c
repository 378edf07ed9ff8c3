/* Grimme D2 energy, forces and stress (formulas in d2.h; S. Grimme, J. Comput. Chem. 27,
 * 1787 (2006)) as a real-space lattice sum to a sharp cutoff, like VASP's IVDW=10.
 *
 * With e(r) = -s6 C6ij f(r) / r^6 and f(r) = 1/(1 + exp(-d (r/Rd - 1))), Rd = sR R0ij:
 *   de/dr = -s6 C6ij (f'(r) / r^6 - 6 f(r) / r^7),   f'(r) = f (1 - f) d / Rd,
 *   F_i = sum_{j,L} (de/dr) v/r  with v = r_j + L - r_i   (F_j gets the opposite),
 *   sigma_ab = (1/V) sum_pairs (de/dr) v_a v_b / r        (dE/d(strain_ab) / V).
 * A pair i = j with L != 0 is summed over all L with weight 1/2 (the +L and -L terms are
 * the same interaction); its forces cancel, its stress does not. */
#include "dispersion/d2.h"

#include <math.h>
#include <string.h>

#include "cell/lattice.h"
#include "core/units.h"

#define D2_MIN_DIST 1e-6        /* bohr: closer atoms are an input error, not a number */
#define D2_MAX_IMAGES 100000000 /* lattice translations tried per pair */

int d2_init(d2_model *m, const d2_table *t, const int *numbers, int natoms, const char *xc,
            const d2_options *opt, err *e)
{
    d2_options o;
    if (opt) o = *opt;
    else d2_options_default(&o);
    memset(m, 0, sizeof *m);
    if (!(o.d > 0) || !isfinite(o.d))
        return err_set(e, EXIT_BAD_INPUT, "dispersion d2: damping d = %g is not positive", o.d);
    if (!(o.sr > 0) || !isfinite(o.sr))
        return err_set(e, EXIT_BAD_INPUT, "dispersion d2: R0 scaling sR = %g is not positive", o.sr);
    if (!(o.cutoff > 0) || !isfinite(o.cutoff))
        return err_set(e, EXIT_BAD_INPUT, "dispersion d2: cutoff %g Angstrom is not positive",
                       o.cutoff * BOHR_ANG);
    if (!isfinite(o.s6)) return err_set(e, EXIT_BAD_INPUT, "dispersion d2: s6 = %g is not a number", o.s6);
    if (o.s6 <= 0 && d2_s6_for_xc(xc, &o.s6, e)) return -1;
    m->s6 = o.s6, m->d = o.d, m->sr = o.sr, m->cutoff = o.cutoff;
    for (int a = 0; a < natoms; a++) {
        int z = numbers[a];
        if (z < 1 || z > ELEMENT_MAX_Z)
            return err_set(e, EXIT_BAD_INPUT, "dispersion d2: atom %d has atomic number %d", a, z);
        if (!t->have[z])
            return err_set(e, EXIT_BAD_INPUT,
                           "dispersion d2: no C6/R0 for %s (Z = %d, atom %d) in %s; add a line "
                           "'%d,%s,C6,R0' (J nm^6 mol^-1, Angstrom) to a copy found via PAWSORB_DATA_PATH",
                           element_symbol(z), z, a, t->path[0] ? t->path : "the D2 table", z, element_symbol(z));
        m->present[z] = 1;
        m->c6[z] = t->c6[z];
        m->r0[z] = t->r0[z];
    }
    return 0;
}

/* e(r) of one pair and de/dr; c6 already multiplied by s6, rd = sR R0ij. */
static double pair_energy(double c6, double rd, double d, double r, double *dedr)
{
    double ex = exp(-d * (r / rd - 1));   /* may be +inf for r << rd: then f = 0 */
    double f = 1 / (1 + ex);
    double r6 = r * r * r * r * r * r;
    double dfdr = f * (1 - f) * d / rd;
    *dedr = -c6 * (dfdr / r6 - 6 * f / (r6 * r));
    return -c6 * f / r6;
}

/* Number of translations along each lattice vector so that every image within the cutoff
 * of a minimum-image difference vector is visited: its fractional coordinate is
 * |f_c + n_c| <= rcut |b_c| / (2 pi) with |f_c| <= 1/2. */
static int image_range(const structure *s, double rcut, int nmax[3], err *e)
{
    nmax[0] = nmax[1] = nmax[2] = 0;
    if (!s->pbc[0] && !s->pbc[1] && !s->pbc[2]) return 0;
    double vol = lattice_volume(s->cell), recip[3][3];
    double len = sqrt(s->cell[0][0] * s->cell[0][0] + s->cell[0][1] * s->cell[0][1] + s->cell[0][2] * s->cell[0][2]);
    for (int c = 1; c < 3; c++)
        len = fmax(len, sqrt(s->cell[c][0] * s->cell[c][0] + s->cell[c][1] * s->cell[c][1] + s->cell[c][2] * s->cell[c][2]));
    if (!isfinite(vol) || fabs(vol) <= 1e-10 * len * len * len || len == 0)
        return err_set(e, EXIT_BAD_INPUT, "dispersion d2: the cell is singular (volume %g Angstrom^3) but has a "
                       "periodic direction", vol * BOHR_ANG * BOHR_ANG * BOHR_ANG);
    lattice_reciprocal(s->cell, recip);
    double count = 1;
    for (int c = 0; c < 3; c++) {
        if (!s->pbc[c]) continue;
        double b = sqrt(recip[c][0] * recip[c][0] + recip[c][1] * recip[c][1] + recip[c][2] * recip[c][2]);
        double n = ceil(rcut * b / (2 * M_PI) + 0.5);
        count *= 2 * n + 1;
        if (!(count <= D2_MAX_IMAGES))
            return err_set(e, EXIT_BAD_INPUT, "dispersion d2: the cell is too small for the %g Angstrom cutoff "
                           "(more than %d lattice images per pair)", rcut * BOHR_ANG, D2_MAX_IMAGES);
        nmax[c] = (int)n;
    }
    return 0;
}

/* r_j - r_i with whole lattice vectors removed along periodic directions; returns 1 when
 * some were removed. */
static int min_image(const structure *s, int i, int j, double v[3])
{
    int moved = 0;
    for (int x = 0; x < 3; x++) v[x] = s->pos[j][x] - s->pos[i][x];
    if (!s->pbc[0] && !s->pbc[1] && !s->pbc[2]) return 0;
    double f[3];
    lattice_to_fractional(s->cell, v, f);
    for (int c = 0; c < 3; c++) {
        if (!s->pbc[c]) continue;
        double n = round(f[c]);
        moved |= n != 0;
        for (int x = 0; x < 3; x++) v[x] -= n * s->cell[c][x];
    }
    return moved;
}

/* Sums the images of pair (i, j); adds to *energy, forces, virial (sum g v v). */
static int pair_sum(const d2_model *m, const structure *s, int i, int j, const int nmax[3], double *energy,
                    double (*forces)[3], double virial[3][3], err *e)
{
    int zi = s->numbers[i], zj = s->numbers[j];
    double c6 = m->s6 * sqrt(m->c6[zi] * m->c6[zj]), rd = m->sr * (m->r0[zi] + m->r0[zj]);
    double rc2 = m->cutoff * m->cutoff, w = i == j ? 0.5 : 1.0, d0[3];
    int moved = min_image(s, i, j, d0);
    for (int n0 = -nmax[0]; n0 <= nmax[0]; n0++)
        for (int n1 = -nmax[1]; n1 <= nmax[1]; n1++)
            for (int n2 = -nmax[2]; n2 <= nmax[2]; n2++) {
                if (i == j && !n0 && !n1 && !n2) continue;
                double v[3];
                for (int x = 0; x < 3; x++)
                    v[x] = d0[x] + n0 * s->cell[0][x] + n1 * s->cell[1][x] + n2 * s->cell[2][x];
                double r2 = v[0] * v[0] + v[1] * v[1] + v[2] * v[2];
                if (r2 >= rc2) continue;
                if (r2 < D2_MIN_DIST * D2_MIN_DIST)
                    return err_set(e, EXIT_BAD_INPUT, "dispersion d2: atoms %d (%s) and %d (%s)%s are at the same "
                                   "place", i, element_symbol(zi), j, element_symbol(zj),
                                   moved || n0 || n1 || n2 ? " (up to lattice vectors)" : "");
                double r = sqrt(r2), dedr;
                *energy += w * pair_energy(c6, rd, m->d, r, &dedr);
                double g = w * dedr / r;
                for (int x = 0; x < 3; x++) {
                    if (forces) forces[i][x] += g * v[x], forces[j][x] -= g * v[x];
                    for (int y = 0; y < 3; y++) virial[x][y] += g * v[x] * v[y];
                }
            }
    return 0;
}

static int check_atoms(const d2_model *m, const structure *s, err *e)
{
    for (int a = 0; a < s->natoms; a++) {
        int z = s->numbers[a];
        if (z < 1 || z > ELEMENT_MAX_Z || !m->present[z])
            return err_set(e, EXIT_INTERNAL, "dispersion d2: atom %d (%s) has no parameters: d2_init was not "
                           "given this element", a, element_symbol(z));
        if (!isfinite(s->pos[a][0]) || !isfinite(s->pos[a][1]) || !isfinite(s->pos[a][2]))
            return err_set(e, EXIT_BAD_INPUT, "dispersion d2: atom %d (%s) has a non-finite position", a,
                           element_symbol(z));
    }
    return 0;
}

int d2_energy_forces(const d2_model *m, const structure *s, double *energy, double (*forces)[3],
                     double stress[3][3], err *e)
{
    int nmax[3];
    double vol = 0, virial[3][3] = {{0}};
    *energy = 0;
    if (forces) memset(forces, 0, sizeof(double[3]) * (size_t)s->natoms);
    if (check_atoms(m, s, e) || image_range(s, m->cutoff, nmax, e)) return -1;
    if (stress) {
        vol = fabs(lattice_volume(s->cell));
        if (!(vol > 0))
            return err_set(e, EXIT_BAD_INPUT, "dispersion d2: the stress needs a cell with a volume (the cell is "
                           "singular)");
    }
    for (int i = 0; i < s->natoms; i++)
        for (int j = i; j < s->natoms; j++)
            if (pair_sum(m, s, i, j, nmax, energy, forces, virial, e)) return -1;
    if (stress)
        for (int x = 0; x < 3; x++)
            for (int y = 0; y < 3; y++) stress[x][y] = virial[x][y] / vol;
    return 0;
}
