/* pawsorb build sites / build place: adsorption sites of a slab and a molecule put on one. */
#include "build/molecule.h"
#include "build/place.h"
#include "build/sites.h"
#include "cmd/build_cmds.h"
#include "core/elements.h"
#include "core/units.h"
#include "io/structio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_sites(const char *path, const structure *slab, const site_list *l, double tol_ang)
{
    printf("# %s: %d atoms; top layer: %d atoms within %.2f A of the highest; %d symmetry operation%s keep%s "
           "the surface on top\n", path, slab->natoms, l->n_surface, tol_ang, l->n_ops, l->n_ops == 1 ? "" : "s",
           l->n_ops == 1 ? "s" : "");
    printf("# %d symmetry-distinct sites; positions in A (at the height of the highest coordinating atom); "
           "atoms 0-based as in the file\n", l->n);
    printf("# %-10s %-7s %12s %12s %12s %6s  %s\n", "site", "kind", "x", "y", "z", "copies", "atoms");
    for (int i = 0; i < l->n; i++) {
        const ads_site *s = &l->site[i];
        printf("%-12s %-7s %12.6f %12.6f %12.6f %6d ", s->label, site_kind_name(s->kind), s->pos[0] * BOHR_ANG,
               s->pos[1] * BOHR_ANG, s->pos[2] * BOHR_ANG, s->multiplicity);
        for (int k = 0; k < s->ncoord; k++)
            printf(" %s%d", element_symbol(slab->numbers[s->coord[k]]), s->coord[k]);
        printf("\n");
    }
}

static int read_slab_sites(const char *path, double tol_ang, structure *slab, site_list *l, err *e)
{
    if (structure_read_file(path, NULL, slab, e)) return -1;
    if (sites_find(slab, tol_ang / BOHR_ANG, l, e)) {
        structure_free(slab);
        return err_wrap(e, "%s", path);
    }
    return 0;
}

int build_cmd_sites(const comm_ctx *comm, int argc, char **argv, err *e)
{
    const char *path = NULL;
    double tol = 1.0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--layer-tol")) {
            if (build_opt_need(argc, argv, i, 1, e) || build_opt_double("--layer-tol", argv[++i], 0.01, 10, &tol, e))
                return -1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return err_set(e, EXIT_BAD_INPUT, "build sites: unknown option '%s'", argv[i]);
        } else if (path) {
            return err_set(e, EXIT_BAD_INPUT, "build sites: one slab file at a time ('%s' and '%s')", path, argv[i]);
        } else {
            path = argv[i];
        }
    }
    if (!path) return err_set(e, EXIT_BAD_INPUT, "build sites: no slab file (build sites SLAB.xyz)");
    structure slab;
    site_list l;
    if (read_slab_sites(path, tol, &slab, &l, e)) return -1;
    if (comm->rank == 0) print_sites(path, &slab, &l, tol);
    site_list_free(&l);
    structure_free(&slab);
    return 0;
}

/* "flat", "upright" or "euler:A,B,G" (degrees). */
static int parse_orientation(const char *v, place_opts *o, err *e)
{
    if (!strcmp(v, "flat")) return o->orient = ORIENT_FLAT, 0;
    if (!strcmp(v, "upright")) return o->orient = ORIENT_UPRIGHT, 0;
    if (!strncmp(v, "euler:", 6)) {
        const char *p = v + 6;
        for (int k = 0; k < 3; k++) {
            char *end;
            double a = strtod(p, &end);
            if (end == p || !isfinite(a) || (k < 2 ? *end != ',' : *end != 0)) break;
            o->euler[k] = a * M_PI / 180.0;
            p = end + 1;
            if (k == 2) return o->orient = ORIENT_EULER, 0;
        }
    }
    return err_set(e, EXIT_BAD_INPUT,
                   "option --orientation: '%s' is not flat, upright or euler:PHI,THETA,PSI (degrees, e.g. euler:0,90,0)", v);
}

int build_cmd_place(const comm_ctx *comm, int argc, char **argv, err *e)
{
    const char *pos[2] = {NULL, NULL}, *site_key = NULL, *out = NULL;
    int npos = 0;
    double tol = 1.0, h_ang = 2.0;
    place_opts o = {.orient = ORIENT_FLAT};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        int opt = a[0] == '-' && a[1];
        if (opt && build_opt_need(argc, argv, i, 1, e)) return -1;
        if (!strcmp(a, "--layer-tol")) { if (build_opt_double(a, argv[++i], 0.01, 10, &tol, e)) return -1; }
        else if (!strcmp(a, "--height")) { if (build_opt_double(a, argv[++i], 0, 50, &h_ang, e)) return -1; }
        else if (!strcmp(a, "--site")) site_key = argv[++i];
        else if (!strcmp(a, "--orientation")) { if (parse_orientation(argv[++i], &o, e)) return -1; }
        else if (!strcmp(a, "-o") || !strcmp(a, "--output")) out = argv[++i];
        else if (opt) return err_set(e, EXIT_BAD_INPUT, "build place: unknown option '%s'", a);
        else if (npos == 2) return err_set(e, EXIT_BAD_INPUT, "build place: unexpected argument '%s'", a);
        else pos[npos++] = a;
    }
    if (npos < 2) return err_set(e, EXIT_BAD_INPUT, "build place: needs a slab file and a molecule (build place SLAB.xyz MOLECULE --site K -o OUT.xyz)");
    if (!site_key) return err_set(e, EXIT_BAD_INPUT, "build place: no --site (build sites %s lists them)", pos[0]);
    if (!out) return err_set(e, EXIT_BAD_INPUT, "build place: no output file (-o FILE.xyz)");
    o.height = h_ang / BOHR_ANG;
    structure slab, mol, res;
    site_list l;
    int charge;
    if (read_slab_sites(pos[0], tol, &slab, &l, e)) return -1;
    int k = sites_lookup(&l, site_key), rc = -1;
    if (k < 0) {
        char names[1024];
        size_t len = 0;
        names[0] = 0;
        for (int i = 0; i < l.n && len < sizeof names; i++)
            len += snprintf(names + len, sizeof names - len, "%s%s", i ? ", " : "", l.site[i].label);
        err_set(e, EXIT_BAD_INPUT, "option --site: '%s' is not a site of %s (sites: %s)", site_key, pos[0], names);
    } else if (molecule_load(pos[1], &mol, &charge, e) == 0) {
        place_report r;
        if (place_molecule(&slab, &l.site[k], l.normal, &mol, &o, &res, &r, e) == 0) {
            char extra[512];
            snprintf(extra, sizeof extra, "builder=place molecule=%s site=%s height=%.6g charge=%d", pos[1],
                     l.site[k].label, h_ang, charge);
            rc = comm->rank == 0 ? extxyz_write(out, &res, extra, e) : 0;
            if (rc == 0 && comm->rank == 0)
                printf("%s: %s on site %s of %s, %d atoms; closest molecule-slab distance %.3f A (%s%d-%s%d); "
                       "%.2f A of vacuum above the molecule\n", out, pos[1], l.site[k].label, pos[0], res.natoms,
                       r.min_dist * BOHR_ANG, element_symbol(mol.numbers[r.mol_atom]), slab.natoms + r.mol_atom,
                       element_symbol(slab.numbers[r.slab_atom]), r.slab_atom, r.vacuum_above * BOHR_ANG);
            if (rc == 0 && comm->rank == 0 && charge != 0)
                printf("the molecule has charge %d: set dft.charge: %d in the input (docs/input.md)\n", charge, charge);
            structure_free(&res);
        }
        structure_free(&mol);
    }
    site_list_free(&l);
    structure_free(&slab);
    return rc;
}
