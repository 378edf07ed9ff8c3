/* pawsorb check INPUT.yaml: validate the input and print what the run would be —
 * datasets, electrons, bands, k-points, FFT grids, plane-wave counts, memory per rank.
 * Runs no calculation. Output in eV and Angstrom. */
#include "basis/plan.h"
#include "cmd/cmd.h"
#include "core/elements.h"
#include "core/units.h"
#include "core/log.h"
#include "io/input.h"
#include "workflow/adsorption.h"

#include <stdio.h>
#include <string.h>

static const char *task_name(task_kind t)
{
    static const char *names[] = {"scf", "relax", "adsorption", "scan"};
    return names[t];
}

static void print_structure(const input *in, const plan *p)
{
    const structure *s = &in->atoms;
    printf("Structure       %d atoms:", s->natoms);
    for (int k = 0; k < p->nspecies; k++) printf(" %s%d", element_symbol(p->species[k].z), p->species[k].count);
    printf("\n  %s\n", in->structure_origin);
    for (int i = 0; i < 3; i++)
        printf("  a%d            %12.6f %12.6f %12.6f A   periodic: %s\n", i + 1, s->cell[i][0] * BOHR_ANG,
               s->cell[i][1] * BOHR_ANG, s->cell[i][2] * BOHR_ANG, s->pbc[i] ? "yes" : "no");
    int nfixed = 0;
    for (int a = 0; a < s->natoms; a++) nfixed += s->fixed[a];
    printf("  volume        %.4f A^3; %d fixed atoms\n", structure_volume(s) * BOHR_ANG * BOHR_ANG * BOHR_ANG, nfixed);
}

static void print_plan(const input *in, const plan *p)
{
    printf("PAW datasets\n");
    for (int k = 0; k < p->nspecies; k++)
        printf("  %-2s            %s (%d valence electrons)\n", element_symbol(p->species[k].z),
               p->species[k].path, p->species[k].nvalence);
    printf("Electrons       %g valence, charge %g -> %g electrons; spin %s\n", p->nvalence, in->dft.charge,
           p->nelectrons, p->nspins == 2 ? "polarised" : "paired");
    printf("Bands           %d%s\n", p->nbands, in->dft.nbands > 0 ? "" : " (default)");
    printf("XC              %s\n", in->dft.xc);
    printf("Cutoff          %.2f eV\n", in->dft.cutoff_ha * HARTREE_EV);
    const symmetry *sym = &p->kpts.sym;
    printf("Symmetry        %d operation%s%s%s\n", sym->nsym, sym->nsym == 1 ? "" : "s",
           sym->point_group ? " (symmorphic point group, tolerance 1e-7)" : " (point group off: dft.symmetry false)",
           sym->has_inversion ? ", inversion" : "");
    printf("k-points        %dx%dx%d Monkhorst-Pack%s: %d in the grid, %d irreducible (%s)\n", in->dft.kpts[0],
           in->dft.kpts[1], in->dft.kpts[2], in->dft.gamma ? " (Gamma-centred)" : "", p->kpts.nbz, p->kpts.nk,
           sym->point_group ? "point group and time reversal" : "time reversal");
    if (!p->kpts.symmetric_grid)
        printf("                note: the k-points are not as symmetric as the crystal (as GPAW warns)\n");
    printf("Coarse grid     %d x %d x %d (wavefunctions)\n", p->coarse.n[0], p->coarse.n[1], p->coarse.n[2]);
    printf("Fine grid       %d x %d x %d (density, potentials)\n", p->fine.n[0], p->fine.n[1], p->fine.n[2]);
    if (p->real)
        printf("Plane waves     %d coefficients (real wavefunctions at Gamma)\n", p->npw_max);
    else
        printf("Plane waves     %d to %d coefficients per k-point (mean %.1f)\n", p->npw_min, p->npw_max, p->npw_mean);
    const comm_layout *l = &p->layout;
    int slabs = l->pw > 1 && parallel_grid_slabs();   /* fine grid in slabs (density.h) */
    const char *split = l->pw > 1 && l->band > 1
                            ? (slabs ? " (plane waves, fine grid and bands split; coarse grid repeated: "
                                       "docs/parallel.md)"
                                     : " (plane waves and bands split; grids and PAW corrections repeated: "
                                       "docs/parallel.md)")
                        : l->pw > 1 ? (slabs ? " (plane waves and fine grid split; coarse grid repeated: docs/parallel.md)"
                                             : " (plane waves split; grids and PAW corrections repeated: docs/parallel.md)")
                        : l->band > 1 ? " (bands split; grids, PAW corrections and subspace solves repeated: "
                                        "docs/parallel.md)"
                                      : "";
    printf("Parallel        %d rank%s = %d k-point group%s x %d band x %d plane-wave ranks; at most %d of %d "
           "(spin, k) blocks per group%s\n", p->ranks, p->ranks == 1 ? "" : "s", l->kpt, l->kpt == 1 ? "" : "s",
           l->band, l->pw, p->par.blocks_per_group, p->kpts.nk * p->nspins, split);
    printf("Memory          %.1f MB per rank on %d rank%s (wavefunctions %.1f MB, of which stored bands %.3f MB; "
           "grids %.1f MB; process and expansion blocks %.1f MB; estimate)\n", p->mem_total / 1048576.0, p->ranks,
           p->ranks == 1 ? "" : "s", p->mem_wavefunctions / 1048576.0, p->par.mem_psi / 1048576.0,
           p->mem_grids / 1048576.0, p->par.mem_fixed / 1048576.0);
    double comm = p->par.comm_kpt + p->par.comm_pw + p->par.comm_band;
    printf("Communication   %.2f MB per rank per SCF iteration (k-point sums %.2f MB, plane waves %.2f MB, bands "
           "%.2f MB; estimate)\n", comm / 1048576.0, p->par.comm_kpt / 1048576.0, p->par.comm_pw / 1048576.0,
           p->par.comm_band / 1048576.0);
}

int cmd_check(const comm_ctx *comm, int argc, char **argv)
{
    if (argc != 2 || argv[1][0] == '-')
        return cmd_fail(comm, "usage: pawsorb check INPUT.yaml", EXIT_BAD_INPUT);
    input in;
    err e = {0};
    if (input_read(argv[1], &in, &e)) {
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    plan p;
    if (plan_make(&p, &in, comm->size, &e)) {
        plan_free(&p);
        input_free(&in);
        return cmd_fail(comm, e.msg, e.status);
    }
    /* adsorption: the placements and every kind of part checked as `run` checks them */
    if ((in.task == TASK_ADSORPTION || in.task == TASK_SCAN)) {
        log_init(stdout, comm->rank);
        if (adsorption_check(comm, &in, &e)) {
            plan_free(&p);
            input_free(&in);
            return cmd_fail(comm, e.msg, e.status);
        }
        log_init(NULL, comm->rank);
        if (comm->rank == 0) printf("The slab:\n");
    }
    if (comm->rank == 0) {
        printf("pawsorb check: %s (task %s) is valid\n", in.path, task_name(in.task));
        print_structure(&in, &p);
        print_plan(&in, &p);
    }
    plan_free(&p);
    input_free(&in);
    return EXIT_OK;
}
