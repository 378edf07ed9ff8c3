/* Molecule placement over a site (place.h). */
#include "build/place.h"
#include "cell/vec3.h"
#include "build/molecule.h"
#include "core/elements.h"
#include "core/units.h"

#include <math.h>
#include <stdio.h>
#include <string.h>


/* Shortest distance from r to s + i a1 + j a2 (+ l a3 when the slab is periodic along a3,
 * as a POSCAR slab is) over images |i|, |j| <= 2, |l| <= 1. */
static double image_dist(const structure *slab, const double r[3], const double s[3], int skip_zero)
{
    double best = INFINITY;
    int lmax = slab->pbc[2] ? 1 : 0;
    for (int i = -2; i <= 2; i++)
        for (int j = -2; j <= 2; j++)
            for (int l = -lmax; l <= lmax; l++) {
                if (skip_zero && i == 0 && j == 0 && l == 0) continue;
                double d2 = 0.0;
                for (int k = 0; k < 3; k++) {
                    double d = s[k] + i * slab->cell[0][k] + j * slab->cell[1][k] + l * slab->cell[2][k] - r[k];
                    d2 += d * d;
                }
                best = fmin(best, d2);
            }
    return sqrt(best);
}

/* Orients and moves a copy of mol; returns it in m. */
static void position_molecule(const ads_site *site, const double n[3], const structure *mol,
                              const place_opts *o, structure *m)
{
    structure_copy(m, mol);
    double rot[3][3];
    if (o->orient == ORIENT_FLAT) molecule_rotation_flat(m, n, rot);
    else if (o->orient == ORIENT_UPRIGHT) molecule_rotation_upright(m, n, rot);
    else molecule_rotation_euler(o->euler[0], o->euler[1], o->euler[2], rot);
    molecule_rotate(m, rot);
    double c[3] = {0, 0, 0}, hmin = INFINITY;
    for (int a = 0; a < m->natoms; a++) {
        for (int k = 0; k < 3; k++) c[k] += m->pos[a][k] / m->natoms;
        hmin = fmin(hmin, vec3_dot(m->pos[a], n));
    }
    /* shift = in-plane part of (site - c) + (site height + height - lowest atom) n */
    double d[3], dn;
    for (int k = 0; k < 3; k++) d[k] = site->pos[k] - c[k];
    dn = vec3_dot(d, n);
    double up = site->height + o->height - hmin;
    double shift[3];
    for (int k = 0; k < 3; k++) shift[k] = d[k] - dn * n[k] + up * n[k];
    for (int a = 0; a < m->natoms; a++)
        for (int k = 0; k < 3; k++) m->pos[a][k] += shift[k];
    memset(m->fixed, 0, m->natoms);
    memset(m->cell, 0, sizeof m->cell);
}

int place_molecule(const structure *slab, const ads_site *site, const double n[3], const structure *mol,
                   const place_opts *o, structure *out, place_report *r, err *e)
{
    memset(r, 0, sizeof *r);
    if (!(o->height >= 0))
        return err_set(e, EXIT_BAD_INPUT, "--height %g: must not be negative", o->height * BOHR_ANG);
    structure m;
    position_molecule(site, n, mol, o, &m);
    r->min_dist = INFINITY;
    for (int a = 0; a < m.natoms; a++)
        for (int b = 0; b < slab->natoms; b++) {
            double dd = image_dist(slab, m.pos[a], slab->pos[b], 0);
            if (dd < r->min_dist) r->min_dist = dd, r->mol_atom = a, r->slab_atom = b;
        }
    if (r->min_dist < PLACE_MIN_DIST) {
        err_set(e, EXIT_BAD_INPUT,
                "placement rejected: molecule atom %d (%s) is %.3f A from slab atom %d (%s), closer than "
                "%.1f A (periodic images included); increase --height or choose another site or orientation",
                r->mol_atom, element_symbol(m.numbers[r->mol_atom]), r->min_dist * BOHR_ANG, r->slab_atom,
                element_symbol(slab->numbers[r->slab_atom]), PLACE_MIN_DIST * BOHR_ANG);
        return structure_free(&m), -1;
    }
    for (int a = 0; a < m.natoms; a++)
        for (int b = 0; b < m.natoms; b++) {
            double dd = image_dist(slab, m.pos[a], m.pos[b], 1);
            if (dd < PLACE_MIN_DIST) {
                err_set(e, EXIT_BAD_INPUT,
                        "placement rejected: molecule atom %d (%s) is %.3f A from a periodic image of molecule "
                        "atom %d: the slab's cell is too small in-plane for this molecule; use a larger supercell",
                        a, element_symbol(m.numbers[a]), dd * BOHR_ANG, b);
                return structure_free(&m), -1;
            }
        }
    double top = vec3_dot(slab->cell[2], n), hi = -INFINITY;
    for (int a = 0; a < m.natoms; a++) hi = fmax(hi, vec3_dot(m.pos[a], n));
    r->vacuum_above = top - hi;
    if (r->vacuum_above < 0) {
        err_set(e, EXIT_BAD_INPUT,
                "placement rejected: the molecule reaches %.2f A above the top of the cell; the slab needs more vacuum",
                -r->vacuum_above * BOHR_ANG);
        return structure_free(&m), -1;
    }
    structure_alloc(out, slab->natoms + m.natoms);
    memcpy(out->cell, slab->cell, sizeof out->cell);
    memcpy(out->pbc, slab->pbc, sizeof out->pbc);
    for (int a = 0; a < slab->natoms; a++) {
        out->numbers[a] = slab->numbers[a], out->fixed[a] = slab->fixed[a];
        memcpy(out->pos[a], slab->pos[a], sizeof out->pos[a]);
    }
    for (int a = 0; a < m.natoms; a++) {
        out->numbers[slab->natoms + a] = m.numbers[a];
        memcpy(out->pos[slab->natoms + a], m.pos[a], sizeof m.pos[a]);
    }
    structure_free(&m);
    return 0;
}
