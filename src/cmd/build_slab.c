/* pawsorb build latp001: (001) slabs of LiTi2(PO4)3 / LATP (docs/latp.md). */
#include "build/slab_preset.h"
#include "cmd/build_cmds.h"
#include "core/units.h"
#include "io/structio.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* What the Al/Li ordering inside the slab did (docs/latp.md). */
static void print_order(const slab_opts *o, const slab_report *r)
{
    const slab_order_report *q = &r->order;
    printf("x = %g asked: %d Al and %d extra Li in %d formula units, x = %d/%d = %.4g%s\n", o->x, r->n_al,
           r->n_al, r->formula_units, r->n_al, r->formula_units, r->x_used,
           r->n_al == (int)floor(o->x * r->formula_units + 0.5) ? "" : " (nearest with a zero-dipole arrangement)");
    if (q->sampled)
        printf("Al on Ti sites, Li on M2 (18e) cavities: %ld random ones of the %.4g zero-dipole arrangements "
               "(of %.4g) compared, then %ld descent moves that keep the dipole zero\n", q->n_compared, q->n_zero, q->n_raw,
               q->descent_moves);
    else
        printf("Al on Ti sites, Li on M2 (18e) cavities: all %ld zero-dipole arrangements (of %.4g) compared\n",
               q->n_compared, q->n_raw);
    printf("lowest Ewald energy of formal charges %.4f eV (highest %.4f eV)\n", q->e_best_ev, q->e_worst_ev);
}

int build_cmd_latp001(const comm_ctx *comm, int argc, char **argv, err *e)
{
    const slab_preset *p = slab_preset_find(SLAB_PRESET_DEFAULT);
    for (int i = 1; i < argc; i++)   /* preset first, so explicit options override it */
        if (!strcmp(argv[i], "--preset")) {
            if (build_opt_need(argc, argv, i, 1, e)) return -1;
            if (!(p = slab_preset_find(argv[i + 1]))) {
                char names[128] = "";
                for (const slab_preset *q = slab_presets; q->name; q++)
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", q == slab_presets ? "" :
                             q[1].name ? ", " : " or ", q->name);
                return err_set(e, EXIT_BAD_INPUT, "option --preset: '%s' is not %s", argv[i + 1], names);
            }
        }
    slab_opts o = slab_preset_opts(p);
    const char *out = NULL;
    double thick = 0, vac = p->vacuum_ang;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int need = !strcmp(a, "--supercell") ? 2 : strcmp(a, "--allow-dipole") ? 1 : 0;
        if (need && build_opt_need(argc, argv, i, need, e)) return -1;
        if (!strcmp(a, "--preset")) i++;
        else if (!strcmp(a, "--x")) { if (build_opt_double(a, argv[++i], 0, 1, &o.x, e)) return -1; }
        else if (!strcmp(a, "--layers")) { if (build_opt_int(a, argv[++i], 1, 24, &o.layers, e)) return -1; }
        else if (!strcmp(a, "--thickness")) { if (build_opt_double(a, argv[++i], 1, 200, &thick, e)) return -1; }
        else if (!strcmp(a, "--vacuum")) { if (build_opt_double(a, argv[++i], 0, 100, &vac, e)) return -1; }
        else if (!strcmp(a, "--fix")) { if (build_opt_int(a, argv[++i], 0, 23, &o.fix_layers, e)) return -1; }
        else if (!strcmp(a, "--termination")) { if (build_opt_int(a, argv[++i], 0, 99, &o.termination, e)) return -1; }
        else if (!strcmp(a, "--allow-dipole")) o.allow_dipole = 1;
        else if (!strcmp(a, "--max-enum")) {
            double v;
            if (build_opt_double(a, argv[++i], 1, 1e10, &v, e)) return -1;
            o.max_enum = (long)v;
        }
        else if (!strcmp(a, "--supercell")) {
            for (int k = 0; k < 2; k++)
                if (build_opt_int(a, argv[++i], 1, 4, &o.supercell[k], e)) return -1;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) { if (!need) return -1; out = argv[++i]; }
        else return err_set(e, EXIT_BAD_INPUT, "build latp001: unknown option '%s'", a);
    }
    if (!out) return err_set(e, EXIT_BAD_INPUT, "build latp001: no output file (-o FILE.xyz)");
    o.vacuum = vac / BOHR_ANG;
    if (thick > 0) o.layers = slab_layers_for_thickness(&o, thick);
    if (o.fix_layers >= o.layers) o.fix_layers = o.layers - 1;
    structure s;
    slab_report r;
    if (slab_latp001(&o, &s, &r, e)) return -1;
    char formula[128], extra[512];
    build_formula(&s, formula, sizeof formula);
    snprintf(extra, sizeof extra,
             "builder=latp001 x=%.6g x_asked=%.6g layers=%d supercell=\"%d %d\" termination=%d "
             "dipole_eA=%.6f fixed_layers=%d vacuum=%.3f",
             r.n_al > 0 ? r.x_used : o.x, o.x, o.layers, o.supercell[0], o.supercell[1], o.termination,
             r.dipole * BOHR_ANG, o.fix_layers, vac);
    int rc = comm->rank == 0 ? extxyz_write(out, &s, extra, e) : 0;
    if (rc == 0 && comm->rank == 0) {
        printf("%s: %d atoms, %s; %d layers (%.2f A of slab), %.2f A vacuum, supercell %dx%d\n", out,
               s.natoms, formula, o.layers, s.cell[2][2] * BOHR_ANG - vac, vac, o.supercell[0], o.supercell[1]);
        printf("termination %d of %d (cut between %s); %d atoms fixed in the bottom %d layer%s\n",
               o.termination, r.n_terminations, r.termination, r.n_fixed, o.fix_layers,
               o.fix_layers == 1 ? "" : "s");
        if (r.n_al > 0) print_order(&o, &r);
        printf("formal-charge dipole along z: %.4f e*A as cut, %.4f e*A after moving %d surface unit%s%s\n",
               r.dipole_before * BOHR_ANG, r.dipole * BOHR_ANG, r.moved, r.moved == 1 ? "" : "s",
               r.n_al > 0 ? " and ordering Al/Li" : "");
    }
    structure_free(&s);
    return rc;
}
