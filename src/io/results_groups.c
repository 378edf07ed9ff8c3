/* The physics groups of the results file (docs/interface.md, "Results file"), built on
 * the generic writers of io/results.c, which convert atomic units to eV and Angstrom.
 * All functions are collective; arrays are rank 0's. */
#include "io/results.h"

#include "core/mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Rank-0 arrays may be NULL elsewhere: these copies are made only where data exists. */
static double *flat3(int n, const double (*v)[3])
{
    if (!v || n <= 0) return NULL;
    double *out = xmalloc(3 * (size_t)n * sizeof *out);
    memcpy(out, v, 3 * (size_t)n * sizeof *out);
    return out;
}

int results_write_structure(results *r, const structure *s, err *e)
{
    size_t n = (size_t)s->natoms, d33[2] = {3, 3}, dn3[2] = {n, 3}, d3 = 3;
    double *pos = flat3(s->natoms, s->pos);
    unsigned char pbc[3] = {s->pbc[0] != 0, s->pbc[1] != 0, s->pbc[2] != 0};
    int st = results_write_array(r, "/structure/cell", 2, d33, &s->cell[0][0], RESULTS_LENGTH, e) ||
             results_write_array(r, "/structure/positions", 2, dn3, pos, RESULTS_LENGTH, e) ||
             results_write_ints(r, "/structure/numbers", 1, &n, s->numbers, e) ||
             results_write_flags(r, "/structure/pbc", 1, &d3, pbc, e) ||
             results_write_flags(r, "/structure/fixed", 1, &n, s->fixed, e);
    free(pos);
    return st ? -1 : 0;
}

int results_write_energy(results *r, const results_energy *en, err *e)
{
    if (results_write_array(r, "/energy/total", 0, NULL, &en->total_ha, RESULTS_ENERGY, e) ||
        results_write_array(r, "/energy/free", 0, NULL, &en->free_ha, RESULTS_ENERGY, e) ||
        results_write_array(r, "/energy/dispersion", 0, NULL, &en->dispersion_ha, RESULTS_ENERGY, e))
        return -1;
    for (int i = 0; i < en->nterms; i++) {
        const char *name = en->terms[i].name;
        char path[256];
        if (!name || !*name || strchr(name, '/') || strlen(name) > 64)
            return err_set(e, EXIT_INTERNAL, "%s: energy component %d has no usable name", results_path(r), i);
        snprintf(path, sizeof path, "/energy/components/%s", name);
        if (results_write_array(r, path, 0, NULL, &en->terms[i].value_ha, RESULTS_ENERGY, e)) return -1;
    }
    return 0;
}

int results_write_forces(results *r, int natoms, const double (*forces_au)[3], err *e)
{
    size_t dims[2] = {(size_t)natoms, 3};
    return results_write_array(r, "/forces", 2, dims, forces_au ? &forces_au[0][0] : NULL, RESULTS_FORCE, e);
}

int results_write_electrons(results *r, const results_electrons *el, err *e)
{
    size_t skb[3] = {(size_t)el->nspin, (size_t)el->nkpts, (size_t)el->nbands};
    size_t k3[2] = {(size_t)el->nkpts, 3}, nk = (size_t)el->nkpts;
    if (results_write_array(r, "/electrons/fermi_level", 0, NULL, &el->fermi_level_ha, RESULTS_ENERGY, e) ||
        results_write_array(r, "/electrons/eigenvalues", 3, skb, el->eigenvalues_ha, RESULTS_ENERGY, e) ||
        results_write_array(r, "/electrons/occupations", 3, skb, el->occupations, RESULTS_ELECTRONS, e) ||
        results_write_array(r, "/electrons/kpoints", 2, k3, el->kpoints ? &el->kpoints[0][0] : NULL,
                            RESULTS_DIMENSIONLESS, e) ||
        results_set_attr(r, "/electrons/kpoints", "coordinates", "fractional (reciprocal lattice vectors)", e) ||
        results_write_array(r, "/electrons/kweights", 1, &nk, el->kweights, RESULTS_DIMENSIONLESS, e))
        return -1;
    return 0;
}

int results_write_bader(results *r, const results_bader *b, err *e)
{
    size_t n = (size_t)b->natoms;
    double *charge = NULL;
    if (b->population && b->nuclear_charge && n > 0) {
        /* Net atomic charge q_a = Z_a - N_a (N_a: electrons in basin a). */
        charge = xmalloc(n * sizeof *charge);
        for (size_t i = 0; i < n; i++) charge[i] = b->nuclear_charge[i] - b->population[i];
    }
    int st = results_write_array(r, "/bader/population", 1, &n, b->population, RESULTS_ELECTRONS, e) ||
             results_write_array(r, "/bader/charge", 1, &n, charge, RESULTS_CHARGE, e) ||
             results_write_array(r, "/bader/volume", 1, &n, b->volume_bohr3, RESULTS_VOLUME, e) ||
             results_set_attr(r, "/bader", "method", b->method, e) ||
             results_set_attr(r, "/bader", "density", b->density, e);
    free(charge);
    return st ? -1 : 0;
}

int results_relax_append(results *r, double energy_ha, int natoms, const double (*pos_bohr)[3], double fmax_au,
                         err *e)
{
    if (natoms <= 0) return err_set(e, EXIT_INTERNAL, "%s: relax step with %d atoms", results_path(r), natoms);
    size_t frame[2] = {(size_t)natoms, 3};
    /* positions first: it is the row whose shape can disagree with the earlier steps */
    return results_append_row(r, "/relax/positions", 2, frame, pos_bohr ? &pos_bohr[0][0] : NULL,
                              RESULTS_LENGTH, e) ||
                   results_append_row(r, "/relax/energies", 0, NULL, &energy_ha, RESULTS_ENERGY, e) ||
                   results_append_row(r, "/relax/fmax", 0, NULL, &fmax_au, RESULTS_FORCE, e)
               ? -1 : 0;
}
