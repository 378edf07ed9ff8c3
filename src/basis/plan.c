#include "basis/plan.h"
#include "basis/pw_basis.h"
#include "core/elements.h"
#include "cell/lattice.h"
#include "core/mem.h"
#include "setup/paw_setup.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One dataset per element present; reads each once for its electron and orbital counts. */
static int find_species(plan *p, const input *in, err *e)
{
    const structure *s = &in->atoms;
    for (int a = 0; a < s->natoms; a++) {
        int k = 0;
        while (k < p->nspecies && p->species[k].z != s->numbers[a]) k++;
        if (k == p->nspecies) {
            if (k == PLAN_MAX_SPECIES)
                return err_set(e, EXIT_BAD_INPUT, "%s: more than %d elements", in->path, PLAN_MAX_SPECIES);
            plan_species *sp = &p->species[p->nspecies++];
            sp->z = s->numbers[a];
            const char *sym = element_symbol(sp->z);
            if (setup_find(sym, in->dft.setups, sp->path, sizeof sp->path, e))
                return err_wrap(e, "%s: dft.setups", in->path);
            paw_setup ps;
            if (setup_read(sp->path, &ps, e)) {
                setup_free(&ps);
                return err_wrap(e, "%s: dft.setups", in->path);
            }
            sp->nvalence = ps.Nv;
            for (int j = 0; j < ps.nj; j++)
                if (ps.states[j].n > 0) sp->nbound_orbitals += 2 * ps.states[j].l + 1;
            setup_free(&ps);
        }
        p->species[k].count++;
    }
    return 0;
}

/* GPAW's default (gpaw/calculator.py): ceil(1.2 (N_valence + M) / 2) + 4, capped at the
 * number of bound atomic orbitals; M is the total initial magnetic moment. */
static int default_bands(const plan *p, const input *in)
{
    double m = 0.0;
    if (in->dft.spin)
        for (int a = 0; a < in->atoms.natoms; a++) m += in->atoms.magmoms[a];
    int nb = (int)ceil(1.2 * (p->nelectrons + fabs(m)) / 2.0) + 4;
    int cap = 0;
    for (int k = 0; k < p->nspecies; k++) cap += p->species[k].count * p->species[k].nbound_orbitals;
    return nb > cap ? cap : nb;
}

/* The parallel layout and the memory per rank: parallel/layout.h decides both, so
 * `check` and `run` build the same groups. */
static int layout_and_memory(plan *p, const input *in, err *e)
{
    int nao = 0;   /* the initial guess' atomic orbitals (scf/species.c: bound valence states) */
    for (int k = 0; k < p->nspecies; k++) nao += p->species[k].count * p->species[k].nbound_orbitals;
    parallel_problem pp = {p->ranks, p->kpts.nk * p->nspins, p->nspins, p->nbands, p->npw_max, p->real,
                           fft_grid_points(&p->coarse), fft_grid_points(&p->fine), in->scf.mix_history,
                           parallel_grid_slabs(), in->parallel.kpoints, in->parallel.bands, nao};
    if (parallel_choose(&pp, in->path, &p->layout, e)) return -1;
    parallel_estimate_layout(&pp, p->layout, &p->par);
    p->mem_wavefunctions = p->par.mem_wavefunctions + p->par.mem_subspace;
    p->mem_grids = p->par.mem_grids;
    p->mem_total = p->par.mem_total;
    return 0;
}

/* The crystal's operations (cell/symmetry.h; dft.symmetry false: identity only) and
 * the Monkhorst-Pack grid reduced by them and time reversal, as GPAW's
 * create_symmetry + KPointDescriptor.set_symmetry. Atoms are told apart by element and,
 * with spin, by their initial moment rounded to 1e-3 mu_B. */
static int kpoints_with_symmetry(plan *p, const input *in, err *e)
{
    const structure *s = &in->atoms;
    int n = s->natoms > 0 ? s->natoms : 1;
    int *id = xmalloc(n * sizeof *id);
    double (*spos)[3] = xmalloc(n * sizeof *spos);
    for (int a = 0; a < s->natoms; a++) lattice_to_fractional(s->cell, s->pos[a], spos[a]);
    symmetry_atom_kinds(s->natoms, s->numbers, in->dft.spin ? s->magmoms : NULL, id);
    symmetry sym;
    int rc = symmetry_analyze(&sym, s->cell, s->pbc, s->natoms, id, (const double(*)[3])spos, in->dft.symmetry, 1,
                              SYMMETRY_TOL, e);
    free(id), free(spos);
    if (rc) return err_wrap(e, "%s: structure", in->path);
    kpoints_monkhorst_pack(&p->kpts, in->dft.kpts, in->dft.gamma, 0);
    kpoints_reduce(&p->kpts, &sym);
    return 0;
}

/* GPAW's get_number_of_grid_points: a grid some operation does not map onto itself
 * has the axes it mixes made equal, then FFT-friendly sizes (gpaw/utilities/gpts.py). */
static void grid_fit_symmetry(fft_grid *g, const symmetry *sym)
{
    if (symmetry_check_grid(sym, g->n)) return;
    symmetry_fit_grid(sym, g->n);
    for (int c = 0; c < 3; c++) g->n[c] = fft_good_size(g->n[c], 1);
}

int plan_make(plan *p, const input *in, int ranks, err *e)
{
    memset(p, 0, sizeof *p);
    p->ranks = ranks;
    if (find_species(p, in, e)) return -1;
    for (int k = 0; k < p->nspecies; k++) p->nvalence += (double)p->species[k].count * p->species[k].nvalence;
    p->nelectrons = p->nvalence - in->dft.charge;
    if (p->nelectrons <= 0)
        return err_set(e, EXIT_BAD_INPUT, "%s: dft.charge: %g leaves %g electrons (the datasets have %g valence electrons)",
                       in->path, in->dft.charge, p->nelectrons, p->nvalence);
    p->nspins = in->dft.spin ? 2 : 1;
    p->nbands = in->dft.nbands > 0 ? in->dft.nbands : default_bands(p, in);
    if (p->nelectrons > 2.0 * p->nbands + 1e-9)
        return err_set(e, EXIT_BAD_INPUT, "%s: dft.bands: %d bands cannot hold %g electrons",
                       in->path, p->nbands, p->nelectrons);

    if (kpoints_with_symmetry(p, in, e)) return -1;
    p->real = kpoints_gamma_only(&p->kpts);
    fft_grid_coarse(&p->coarse, in->atoms.cell, in->dft.cutoff_ha);
    grid_fit_symmetry(&p->coarse, &p->kpts.sym);
    fft_grid_fine(&p->fine, &p->coarse);
    p->npw_min = -1;
    double sum = 0.0;
    for (int q = 0; q < p->kpts.nk; q++) {
        int n = pw_basis_count(&p->coarse, p->kpts.k[q], in->dft.cutoff_ha, p->real);
        if (p->npw_min < 0 || n < p->npw_min) p->npw_min = n;
        if (n > p->npw_max) p->npw_max = n;
        sum += n;
    }
    p->npw_mean = sum / p->kpts.nk;
    if (p->nbands > p->npw_min)
        return err_set(e, EXIT_BAD_INPUT, "%s: dft.bands: %d bands but only %d plane waves at some k-point: raise dft.cutoff",
                       in->path, p->nbands, p->npw_min);
    if (layout_and_memory(p, in, e)) return -1;
    if (in->parallel.memory_per_rank_bytes > 0 && p->mem_total > in->parallel.memory_per_rank_bytes)
        return err_set(e, EXIT_BAD_INPUT,
                       "%s: parallel.memory_per_rank: the run needs about %.0f MB per rank on %d ranks, more than the %.0f MB given",
                       in->path, p->mem_total / 1048576.0, ranks, in->parallel.memory_per_rank_bytes / 1048576.0);
    return 0;
}

void plan_free(plan *p)
{
    kpoints_free(&p->kpts);
}
