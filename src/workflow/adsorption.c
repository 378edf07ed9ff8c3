/* adsorption_run (workflow/adsorption.h): the stages, the parts of each placement, the
 * binding energies and the reports. eV and Angstrom only in the log and the files. */
#include "workflow/adsorption.h"

#include "core/elements.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/timer.h"
#include "core/units.h"
#include "io/cube.h"
#include "io/results.h"
#include "setup/paw_setup.h"
#include "core/stop.h"
#include "workflow/part.h"
#include "workflow/placements.h"
#include "workflow/table.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One pass over placements with one protocol: the screening stage (cheaper cutoff, looser
 * fmax) or the full one. */
typedef struct {
    int stage;                /* 1 screening, 2 full protocol */
    const char *prefix;       /* results group: "/adsorption" or "/adsorption/screening" */
    const char *tag;          /* file-name part: "" or "screening_" */
    double cutoff_ha;
    double fmax_au;
    int max_steps;
} stage_params;

/* Stage 1 (screening) or 2 (the full protocol) of the input. */
static stage_params stage_of(const input *in, int stage)
{
    if (stage == 1)
        return (stage_params){1, "/adsorption/screening", "screening_", in->adsorption.screening.cutoff_ha,
                              in->adsorption.screening.fmax_au, in->adsorption.screening.max_steps};
    return (stage_params){2, "/adsorption", "", in->dft.cutoff_ha, in->relax.fmax_au, in->relax.max_steps};
}

typedef struct {
    const comm_ctx *comm;
    const input *in;
    const char *output;       /* the results file */
    const ads_options *opt;
    char stem[1024];          /* output without .h5: STEM_<part>.xyz, STEM_adsorption.csv */
    char parts[1100];         /* STEM.parts: each part's own results file and checkpoint */
    ads_setup setup;
    int write_main;           /* the run writes the results file (a whole run, collect) */
    int failures;             /* parts that did not finish */
    int missing;              /* collect: parts with no finished file */
    char missing_names[600];  /* the first of them */
    double t0;                /* MPI_Wtime at the start: the results file's wall_time */
    int nrows;
    ads_row *rows;            /* one per placement and stage */
    int nsetups;
    char (*setup_paths)[4096];   /* every dataset of the run: each part file's provenance */
    const char *setup_list[119]; /* setup_paths as results_set_setups takes them */
} workflow;

/* ---- parts, each in its own file, merged into the results file when it ends ---- */

/* STEM.parts/<group without /adsorption/, '/' -> '.'>.h5 and its checkpoint .chk.h5 */
static void part_file(const workflow *w, const char *group, char *path, char *chk, size_t cap)
{
    const char *g = group;
    if (!strncmp(g, "/adsorption/", 12)) g += 12;
    char name[700];
    snprintf(name, sizeof name, "%s", g);
    for (char *c = name; *c; c++)
        if (*c == '/') *c = '.';
    snprintf(path, cap, "%.700s/%.600s.h5", w->parts, name);
    snprintf(chk, cap, "%.700s/%.600s.chk.h5", w->parts, name);
}

static void log_part(const part_spec *spec, const part_result *res, const char *from)
{
    log_printf("adsorption: %-44s E = %16.6f eV (D2 %10.6f)  %3d step%s  %4d SCF iterations  %7.1f s%s%s%s%s%s\n",
               spec->label, res->energy * HARTREE_EV, res->dispersion * HARTREE_EV, res->steps,
               res->steps == 1 ? " " : "s", res->scf_iterations, res->wall, res->finished ? "" : "  NOT FINISHED: ",
               res->finished ? "" : res->why, from ? "  (done before: " : "", from ? from : "", from ? ")" : "");
}

/* Computes one part into its own file STEM.parts/NAME.h5 (a relaxation with its
 * checkpoint beside it, so a stopped or killed run continues it), or takes it from
 * that file when an earlier run finished it for the same input (part_record_read);
 * then copies it into its group of the results file. `compute` 0: the part must be
 * there already (a run of one stage's jobs, or collect). A part that fails hard (-1)
 * is marked in its file before it is closed. */
static int run_part(workflow *w, const structure *s, const part_spec *spec, int compute, part_result *res, err *e)
{
    char path[1400], chk[1400];
    part_file(w, spec->group, path, chk, sizeof path);
    int got = part_record_read(w->comm, w->in, s, spec, path, res, e);
    if (got < 0) return -1;
    if (!got && !compute) {
        if (w->opt->only != ADS_COLLECT)
            return err_set(e, EXIT_BAD_INPUT, "%s: %s is not finished (no finished %s): run the job that computes "
                           "it first (`pawsorb run %s --only references`, or the screening jobs)", w->in->path,
                           spec->label, path, w->in->path);
        memset(res, 0, sizeof *res);
        snprintf(res->why, sizeof res->why, "not computed yet (no finished %.400s)", path);
        if (w->missing++ < 8) {
            size_t o = strlen(w->missing_names);
            snprintf(w->missing_names + o, sizeof w->missing_names - o, "%s%s", o ? ", " : "", spec->label);
        }
        log_printf("adsorption: %-44s NOT COMPUTED: no finished %s\n", spec->label, path);
        w->failures++;
        return 0;
    }
    if (!got) {
        part_spec own = *spec;
        own.group = "";
        own.checkpoint = chk;   /* a relaxation's after each step, an SCF's every scf.checkpoint */
        results_remove_stale(w->comm->world, path);
        results_remove_stale(w->comm->world, chk);
        results *r = results_open(w->comm->world, path, e);
        if (!r) return -1;
        int rc = results_set_input(r, w->in->text ? w->in->text : "", e) ||
                 results_set_setups(r, w->nsetups, w->setup_list, e);
        if (!rc) rc = part_run(w->comm, w->in, s, &own, r, res, e);
        if (!rc) rc = part_record_write(w->comm, w->in, s, &own, r, res, e);
        err keep = *e, ignore = {0};
        if (rc && keep.status == EXIT_BAD_INPUT) {   /* a refused checkpoint: nothing ran */
            results_abort(r);
            return -1;
        }
        if (rc) {
            char why[2200];
            if (keep.status == EXIT_STOPPED)
                snprintf(why, sizeof why, "stopped: %s, resumable", stop_reason() ? stop_reason() : "request");
            else snprintf(why, sizeof why, "failed: %s", keep.msg);
            results_set_status(r, why, &ignore);
        }
        int crc = results_close(r, e);
        if (!rc && !crc && own.checkpoint) {   /* the part has ended: its checkpoint goes (checkpoint_remove) */
            if (w->comm->rank == 0) unlink(chk);
            MPI_Barrier(w->comm->world);
        }
        if (rc || crc) {
            if (w->write_main) results_merge(w->comm->world, w->output, path, spec->group, "part", &ignore);
            if (rc) *e = keep;
            return -1;
        }
    }
    if (w->write_main && results_merge(w->comm->world, w->output, path, spec->group, "part", e)) return -1;
    if (!res->finished) w->failures++;
    log_part(spec, res, got ? path : NULL);
    return 0;
}

static void part_paths(const workflow *w, const stage_params *sp, const char *name, char *traj, size_t cap)
{
    snprintf(traj, cap, "%s_%s%s.xyz", w->stem, sp->tag, name);
}

/* ---- one placement: the complex, then its parts frozen at the complex's geometry ---- */

/* A stage's references: the slab, and with relax each adsorbate relaxed alone. */
typedef struct {
    part_result slab;
    part_result *mol;         /* nads, with relax; NULL without */
} references;

/* The references of one placement's E_b. */
typedef struct {
    const part_result *slab;
    const part_result *mol;   /* NULL without relax: the frozen molecule is the reference */
} refs_of;

static void row_init(ads_row *row, const workflow *w, const ads_placement *p, int stage)
{
    memset(row, 0, sizeof *row);
    snprintf(row->adsorbate, sizeof row->adsorbate, "%s", w->setup.ads[p->ads].name);
    snprintf(row->placement, sizeof row->placement, "%s", p->label);
    snprintf(row->site, sizeof row->site, "%s", p->site);
    snprintf(row->orientation, sizeof row->orientation, "%s", p->orientation);
    row->height_ang = p->height * BOHR_ANG;
    row->stage = stage;
    row->e_bind_ev = row->e_dft_ev = row->e_d2_ev = NAN;
    row->e_def_mol_ev = row->e_def_slab_ev = row->charge_transfer_e = NAN;
}

/* The numbers of one placement into its group of the results file. */
static int write_placement(workflow *w, const char *group, const ads_placement *p, const ads_row *row,
                           const part_result *cx, const refs_of *ref, const part_result *molf, err *e)
{
    results *r = results_open_update(w->comm->world, w->output, e);
    if (!r) return -1;
    const double ev = 1.0 / HARTREE_EV;   /* rows hold eV; the writer converts from hartree */
    double E_mol = ref->mol ? ref->mol->energy : molf->energy;
    struct { const char *name; double v; results_quantity q; } d[] = {
        {"/energy", row->e_bind_ev * ev, RESULTS_ENERGY},
        {"/binding_strength", -row->e_bind_ev * ev, RESULTS_ENERGY},
        {"/energy_dft", row->e_dft_ev * ev, RESULTS_ENERGY},
        {"/energy_d2", row->e_d2_ev * ev, RESULTS_ENERGY},
        {"/deformation_molecule", row->e_def_mol_ev * ev, RESULTS_ENERGY},
        {"/deformation_slab", row->e_def_slab_ev * ev, RESULTS_ENERGY},
        {"/energy_complex", cx->energy, RESULTS_ENERGY},
        {"/energy_slab", ref->slab->energy, RESULTS_ENERGY},
        {"/energy_molecule", E_mol, RESULTS_ENERGY},
        {"/charge_transfer", row->charge_transfer_e, RESULTS_CHARGE},
        {"/height", p->height, RESULTS_LENGTH}};
    int rc = results_set_group(r, group, e);
    for (size_t i = 0; !rc && i < sizeof d / sizeof *d; i++)
        rc = results_write_array(r, d[i].name, 0, NULL, &d[i].v, d[i].q, e);
    if (!rc) rc = results_set_attr(r, "/", "site", p->site, e) || results_set_attr(r, "/", "orientation", p->orientation, e) ||
                  results_set_attr(r, "/", "status", row->status ? row->why : "ok", e);
    if (rc) {
        results_abort(r);
        return -1;
    }
    results_set_group(r, "", e);
    return results_close(r, e);
}

/* E_b and its parts (eV) from the complex, the references and the frozen parts. */
static void fill_row(ads_row *row, const workflow *w, const part_result *cx, double charge, const refs_of *ref,
                     const part_result *molf, const part_result *slabf)
{
    const part_result *mol = ref->mol ? ref->mol : molf;
    row->converged = cx->relax_converged || w->in->adsorption.relax == 0;
    if (!cx->scf_converged || !ref->slab->scf_converged || !mol || !mol->scf_converged) {
        row->status = 1;
        snprintf(row->why, sizeof row->why, "%.150s", !cx->scf_converged ? cx->why : "a reference did not converge");
        return;
    }
    if (!cx->finished) {
        row->status = 1;
        snprintf(row->why, sizeof row->why, "%.150s", cx->why);
    }
    row->e_bind_ev = (cx->energy - ref->slab->energy - mol->energy) * HARTREE_EV;
    row->e_d2_ev = (cx->dispersion - ref->slab->dispersion - mol->dispersion) * HARTREE_EV;
    row->e_dft_ev = row->e_bind_ev - row->e_d2_ev;
    if (!w->in->adsorption.relax) {
        row->e_def_mol_ev = row->e_def_slab_ev = 0.0;   /* the parts are at their complex geometry */
    } else {
        if (molf && molf->scf_converged) row->e_def_mol_ev = (molf->energy - ref->mol->energy) * HARTREE_EV;
        if (slabf && slabf->scf_converged) row->e_def_slab_ev = (slabf->energy - ref->slab->energy) * HARTREE_EV;
    }
    if (cx->bader_done) {
        double q = 0;
        for (int a = w->setup.nslab; a < cx->final.natoms; a++) q += cx->bader_charge[a];
        row->charge_transfer_e = q;
        double z = -charge;   /* all electrons of the complex */
        for (int a = 0; a < cx->final.natoms; a++) z += cx->final.numbers[a];
        log_printf("adsorption: Bader: %s net charge %+.4f e; populations + vacuum %.4f electrons (%.4f in "
                   "vacuum) of %g\n", row->adsorbate, q, cx->bader_electrons, cx->bader_vacuum, z);
    }
}

/* ---- the complex's start from its converged parts ---- */

/* Do atoms [0, n) of `part` sit exactly where atoms [off, off + n) of cx do? */
static int same_positions(const structure *part, const structure *cx, int off)
{
    if (!part->natoms || off + part->natoms > cx->natoms) return 0;
    for (int a = 0; a < part->natoms; a++)
        for (int k = 0; k < 3; k++)
            if (fabs(part->pos[a][k] - cx->pos[off + a][k]) > 1e-8) return 0;
    return 1;
}

typedef struct {
    part_start st;
    double *dn, *D;
    unsigned char *from;
    char what[64];            /* "slab + molecule", "slab + atoms", "atoms" */
} complex_start;

/* The complex's start: the atomic start plus the deformation densities of the slab and of
 * the molecule that sit exactly where they are in the complex, with their D_asp (the
 * complex's atoms are the slab's, then the molecule's, so its D_asp blocks are theirs in
 * that order); the others start from their atoms. */
static void make_start(const workflow *w, const structure *cx, const part_result *slab, const part_result *mol,
                       complex_start *cs)
{
    memset(cs, 0, sizeof *cs);
    int ns = w->setup.nslab;
    int use_s = slab && slab->dn_sG && same_positions(&slab->final, cx, 0);
    /* the molecule's D_asp blocks follow the slab's: their offset is the slab's nD */
    int use_m = mol && mol->dn_sG && same_positions(&mol->final, cx, ns) && slab && slab->nD > 0 &&
                (!use_s || mol->nc == slab->nc);
    snprintf(cs->what, sizeof cs->what, "%s", use_s && use_m ? "slab + molecule" : use_s ? "slab + atoms"
                                              : use_m ? "atoms + molecule" : "atoms");
    if (!use_s && !use_m) return;
    const part_result *any = use_s ? slab : mol;
    size_t nn = (size_t)any->nspins * any->nc, nDs = slab ? slab->nD : 0;
    cs->dn = xcalloc(nn + 1, sizeof *cs->dn);
    cs->D = xcalloc(nDs + (mol ? mol->nD : 0) + 1, sizeof *cs->D);
    cs->from = xcalloc(cx->natoms + 1, 1);
    if (use_s) {
        for (size_t i = 0; i < nn; i++) cs->dn[i] += slab->dn_sG[i];
        memcpy(cs->D, slab->D_asp, nDs * sizeof *cs->D);
        memset(cs->from, 1, ns);
    }
    if (use_m) {   /* the molecule's blocks follow the slab's nDs values, whether used or not */
        for (size_t i = 0; i < nn; i++) cs->dn[i] += mol->dn_sG[i];
        memcpy(cs->D + nDs, mol->D_asp, mol->nD * sizeof *cs->D);
        memset(cs->from + ns, 1, cx->natoms - ns);
    }
    cs->st = (part_start){cs->dn, cs->D, cs->from};
}

static void complex_start_free(complex_start *cs) { free(cs->dn), free(cs->D), free(cs->from); }

/* Δρ = ñ(complex) − ñ(slab) − ñ(molecule), the parts frozen at the complex's geometry,
 * as the cube STEM_<ads>_<placement>_density_difference.cube (electrons/bohr^3, the
 * complex's atoms; rank 0 writes). */
static int density_difference(const workflow *w, const char *name, const part_result *cx, const part_result *slab,
                              const part_result *mol, err *e)
{
    int rc = 0;
    if (!slab->nt_G || !mol->nt_G || memcmp(cx->ngrid, slab->ngrid, sizeof cx->ngrid) ||
        memcmp(cx->ngrid, mol->ngrid, sizeof cx->ngrid))
        return err_set(e, EXIT_INTERNAL, "density difference of %s: the parts' grids differ or are missing", name);
    if (w->comm->rank == 0) {
        cube c;
        char path[1400];
        snprintf(path, sizeof path, "%s_%s_density_difference.cube", w->stem, name);
        rc = cube_alloc(&c, cx->final.natoms, cx->ngrid, e);
        if (!rc) {
            snprintf(c.comment[0], sizeof c.comment[0], "pawsorb: pseudo density of %.120s minus its slab and "
                     "molecule at its geometry, electrons/bohr^3", name);
            snprintf(c.comment[1], sizeof c.comment[1], "OUTER LOOP: X, MIDDLE LOOP: Y, INNER LOOP: Z (atomic units)");
            for (int i = 0; i < 3; i++)
                for (int x = 0; x < 3; x++) c.axis[i][x] = cx->final.cell[i][x] / cx->ngrid[i];
            for (int a = 0; a < cx->final.natoms; a++) {
                c.numbers[a] = cx->final.numbers[a];
                c.nuclear_charge[a] = cx->final.numbers[a];
                memcpy(c.pos[a], cx->final.pos[a], sizeof c.pos[a]);
            }
            long np = (long)cx->ngrid[0] * cx->ngrid[1] * cx->ngrid[2];
            for (long i = 0; i < np; i++) c.data[i] = cx->nt_G[i] - slab->nt_G[i] - mol->nt_G[i];
            rc = cube_write(path, &c, e);
            cube_free(&c);
            if (!rc) log_printf("adsorption: density difference of %s: %s\n", name, path);
        }
    }
    return comm_agree(w->comm, rc, e);
}

/* Placement p: (without relax) the molecule alone at its place, then the complex from
 * `start` (from its converged parts where they fit), then (with relax and deformation)
 * the molecule and the slab frozen at the complex's final geometry; the row. The
 * complex's final geometry is left in *final for a following stage. compute 0: the
 * parts are taken from their files (run_part). */
static int run_placement(workflow *w, const stage_params *sp, int ip, const structure *start, const references *refs,
                         int compute, structure *final, err *e)
{
    const input *in = w->in;
    const ads_placement *p = &w->setup.place[ip];
    const ads_molecule *m = &w->setup.ads[p->ads];
    int relax = in->adsorption.relax, last = sp->stage == 2, reuse = in->adsorption.reuse_density;
    int ddiff = last && in->adsorption.density_difference;
    const char *scr = sp->stage == 1 ? " (screening)" : "";
    char group[600], sub[700], traj[1400], label[200], cube[1400], name[200];
    snprintf(group, sizeof group, "%s/%s/placements/%s", sp->prefix, m->name, p->label);
    snprintf(name, sizeof name, "%s_%s", m->name, p->label);
    refs_of ref = {&refs->slab, relax ? &refs->mol[p->ads] : NULL};
    part_result cx = {0}, molf = {0}, slabf = {0};
    structure part;
    int rc = 0;
    /* single points: the molecule at its place in the complex is the reference, and
     * the complex's start */
    if (!relax) {
        ads_molecule_in_cell(start, w->setup.nslab, &part);
        snprintf(sub, sizeof sub, "%s/molecule_frozen", group);
        snprintf(label, sizeof label, "%s alone at its geometry on %s%s", m->name, p->label, scr);
        part_spec ms = {.label = label, .group = sub, .cutoff_ha = sp->cutoff_ha, .charge = m->charge,
                        .keep_density = reuse, .keep_nt = ddiff};
        rc = run_part(w, &part, &ms, compute, &molf, e);
        structure_free(&part);
    }
    complex_start cs = {0};
    if (!rc) {
        if (reuse) make_start(w, start, ref.slab, relax ? ref.mol : &molf, &cs);
        snprintf(sub, sizeof sub, "%s/complex", group);
        snprintf(label, sizeof label, "%s on the slab, %s%s", m->name, p->label, scr);
        part_paths(w, sp, name, traj, sizeof traj);
        snprintf(cube, sizeof cube, "%s_%s%s.h5", w->stem, sp->tag, name);
        part_spec spec = {.label = label, .group = sub, .relax = relax, .cutoff_ha = sp->cutoff_ha,
                          .fmax_au = sp->fmax_au, .max_steps = sp->max_steps, .charge = in->dft.charge + m->charge,
                          .bader = last, .cube_path = cube, .traj = relax ? traj : NULL, .want_cubes = last,
                          .start = cs.dn ? &cs.st : NULL, .keep_nt = ddiff};
        rc = run_part(w, start, &spec, compute, &cx, e);
        if (!rc && cx.steps)
            log_printf("adsorption: %s started from %s: %d SCF iterations in its first step\n", name,
                       reuse ? cs.what : "atoms (reuse_density: false)", cx.first_scf_iterations);
    }
    complex_start_free(&cs);
    int deform = relax && in->adsorption.deformation;
    if (!rc && cx.scf_converged && deform) {
        ads_molecule_in_cell(&cx.final, w->setup.nslab, &part);
        snprintf(sub, sizeof sub, "%s/molecule_frozen", group);
        snprintf(label, sizeof label, "%s alone at its geometry on %s%s", m->name, p->label, scr);
        part_spec ms = {.label = label, .group = sub, .cutoff_ha = sp->cutoff_ha, .charge = m->charge,
                        .keep_nt = ddiff};
        rc = run_part(w, &part, &ms, compute, &molf, e);
        structure_free(&part);
    }
    if (!rc && cx.scf_converged && deform) {
        ads_slab_of(&cx.final, w->setup.nslab, &part);
        snprintf(sub, sizeof sub, "%s/slab_frozen", group);
        snprintf(label, sizeof label, "slab at its geometry under %s %s%s", m->name, p->label, scr);
        part_spec ss = {.label = label, .group = sub, .cutoff_ha = sp->cutoff_ha, .charge = in->dft.charge,
                        .keep_nt = ddiff};
        rc = run_part(w, &part, &ss, compute, &slabf, e);
        structure_free(&part);
    }
    if (!rc && ddiff && cx.scf_converged && (relax ? slabf.nt_G : ref.slab->nt_G) && molf.nt_G)
        rc = density_difference(w, name, &cx, relax ? &slabf : ref.slab, &molf, e);
    ads_row *row = &w->rows[w->nrows++];
    row_init(row, w, p, sp->stage);
    if (rc) {
        row->status = 1;
        snprintf(row->why, sizeof row->why, "%.150s", e->msg);
    } else {
        int have_molf = !relax || deform;
        fill_row(row, w, &cx, in->dft.charge + m->charge, &ref, have_molf ? &molf : NULL, deform ? &slabf : NULL);
        if (w->write_main) rc = write_placement(w, group, p, row, &cx, &ref, &molf, e);
    }
    if (!rc && cx.final.natoms) structure_copy(final, &cx.final);
    part_result_free(&cx), part_result_free(&molf), part_result_free(&slabf);
    return rc;
}

/* ---- stages ---- */

static void references_free(const workflow *w, references *ref)
{
    part_result_free(&ref->slab);
    for (int a = 0; ref->mol && a < w->setup.nads; a++) part_result_free(&ref->mol[a]);
    free(ref->mol);
    memset(ref, 0, sizeof *ref);
}

/* The slab's part of a stage (label[200], group[600], traj[1400]: its strings). */
static part_spec slab_spec(const workflow *w, const stage_params *sp, char *label, char *group, char *traj)
{
    const input *in = w->in;
    int relax = in->adsorption.relax;
    part_paths(w, sp, "slab", traj, 1400);
    snprintf(group, 600, "%s/slab", sp->prefix);
    snprintf(label, 200, "slab%s", sp->stage == 1 ? " (screening)" : "");
    return (part_spec){.label = label, .group = group, .relax = relax, .cutoff_ha = sp->cutoff_ha,
                       .fmax_au = sp->fmax_au, .max_steps = sp->max_steps, .charge = in->dft.charge,
                       .traj = relax ? traj : NULL, .keep_density = in->adsorption.reuse_density,
                       .keep_nt = !relax && in->adsorption.density_difference && sp->stage == 2};
}

/* The references of a stage: the slab (relaxed or as given) and, with relax, each
 * adsorbate relaxed alone in the cell, from mol_start[ads] when given (the screening
 * stage's relaxed molecule), else from its place in its first placement. */
static int run_references(workflow *w, const stage_params *sp, const structure *mol_start, int compute,
                          references *ref, err *e)
{
    const input *in = w->in;
    int relax = in->adsorption.relax;
    char traj[1400], label[200], group[600];
    memset(ref, 0, sizeof *ref);
    part_spec spec = slab_spec(w, sp, label, group, traj);
    int rc = run_part(w, &in->atoms, &spec, compute, &ref->slab, e);
    if (!relax) return rc;
    ref->mol = xcalloc(w->setup.nads + 1, sizeof *ref->mol);
    for (int ads = 0; !rc && ads < w->setup.nads; ads++) {
        const ads_molecule *m = &w->setup.ads[ads];
        structure mol;
        if (mol_start && mol_start[ads].natoms) structure_copy(&mol, &mol_start[ads]);
        else {
            int first = 0;
            while (w->setup.place[first].ads != ads) first++;
            ads_molecule_in_cell(&w->setup.place[first].complex, w->setup.nslab, &mol);
        }
        char name[100];
        snprintf(name, sizeof name, "%s_molecule", m->name);
        part_paths(w, sp, name, traj, sizeof traj);
        snprintf(group, sizeof group, "%s/%s/molecule", sp->prefix, m->name);
        snprintf(label, sizeof label, "%s alone in the cell%s", m->name, sp->stage == 1 ? " (screening)" : "");
        part_spec ms = {.label = label, .group = group, .relax = 1, .cutoff_ha = sp->cutoff_ha,
                        .fmax_au = sp->fmax_au, .max_steps = sp->max_steps, .charge = m->charge, .traj = traj,
                        .keep_density = in->adsorption.reuse_density};
        rc = run_part(w, &mol, &ms, compute, &ref->mol[ads], e);
        structure_free(&mol);
    }
    return rc;
}

/* Placements made over the slab as given sit on the relaxed slab (complex files keep
 * their own slab geometry). */
static void onto_relaxed_slab(const workflow *w, const references *ref, structure *geom)
{
    if (!w->in->adsorption.relax || ref->slab.final.natoms != w->setup.nslab) return;
    for (int i = 0; i < w->setup.nplace; i++)
        if (!isnan(w->setup.place[i].height))
            memcpy(geom[i].pos, ref->slab.final.pos, w->setup.nslab * sizeof *geom[i].pos);
}

/* The placements of a stage: those selected, each computed when `compute_all` or when it
 * is the one of --only (`only`, -1: none), else taken from its files. */
static int run_placements(workflow *w, const stage_params *sp, const unsigned char *selected, structure *geom,
                          const references *ref, int compute_all, int only, err *e)
{
    int rc = 0;
    for (int i = 0; !rc && i < w->setup.nplace; i++) {
        if (!selected[i]) continue;
        structure final = {0};
        rc = run_placement(w, sp, i, &geom[i], ref, compute_all || i == only, &final, e);
        if (final.natoms) structure_free(&geom[i]), geom[i] = final;
    }
    return rc;
}

/* After the screening stage: the best `keep` placements of each adsorbate go on. */
static void select_best(const workflow *w, int row0, int keep, unsigned char *selected)
{
    memset(selected, 0, w->setup.nplace);
    for (int ads = 0; ads < w->setup.nads; ads++)
        for (int k = 0; k < keep; k++) {
            int best = -1;
            double eb = INFINITY;
            for (int i = 0; i < w->setup.nplace; i++) {
                const ads_row *r = &w->rows[row0 + i];
                if (w->setup.place[i].ads != ads || selected[i] || !ads_row_ranked(r)) continue;
                if (r->e_bind_ev < eb) eb = r->e_bind_ev, best = i;
            }
            if (best >= 0) selected[best] = 1;
        }
}

/* ---- the reports ---- */

static int write_summary(workflow *w, err *e)
{
    results *r = results_open_update(w->comm->world, w->output, e);
    if (!r) return -1;
    int n = w->nrows, rc = 0;
    ads_row *sorted = xcalloc(n + 1, sizeof *sorted);
    memcpy(sorted, w->rows, n * sizeof *sorted);
    ads_rows_sort(sorted, n);
    const char **ads = xcalloc(n + 1, sizeof *ads), **pl = xcalloc(n + 1, sizeof *pl), **st = xcalloc(n + 1, sizeof *st);
    double *col = xcalloc(n + 1, sizeof *col);
    for (int i = 0; i < n; i++)
        ads[i] = sorted[i].adsorbate, pl[i] = sorted[i].placement, st[i] = sorted[i].status ? sorted[i].why : "ok";
    size_t dn = n;
    rc = results_write_strings(r, "/adsorption/summary/adsorbate", dn, ads, e) ||
         results_write_strings(r, "/adsorption/summary/placement", dn, pl, e) ||
         results_write_strings(r, "/adsorption/summary/status", dn, st, e);
#define COLUMN(field, name, scale, q)                                                                      \
    if (!rc) {                                                                                             \
        for (int i = 0; i < n; i++) col[i] = sorted[i].field * (scale);                                    \
        rc = results_write_array(r, "/adsorption/summary/" name, 1, &dn, col, q, e);                       \
    }
    COLUMN(e_bind_ev, "energy", 1 / HARTREE_EV, RESULTS_ENERGY)
    COLUMN(e_dft_ev, "energy_dft", 1 / HARTREE_EV, RESULTS_ENERGY)
    COLUMN(e_d2_ev, "energy_d2", 1 / HARTREE_EV, RESULTS_ENERGY)
    COLUMN(e_def_mol_ev, "deformation_molecule", 1 / HARTREE_EV, RESULTS_ENERGY)
    COLUMN(e_def_slab_ev, "deformation_slab", 1 / HARTREE_EV, RESULTS_ENERGY)
    COLUMN(charge_transfer_e, "charge_transfer", 1, RESULTS_CHARGE)
    COLUMN(height_ang, "height", 1 / BOHR_ANG, RESULTS_LENGTH)
    COLUMN(stage, "stage", 1, RESULTS_DIMENSIONLESS)
    COLUMN(converged, "converged", 1, RESULTS_DIMENSIONLESS)
#undef COLUMN
    /* each adsorbate's best placement at /adsorption/<name> (the contract's keys) */
    for (int a = 0; !rc && a < w->setup.nads; a++) {
        const char *name = w->setup.ads[a].name;
        int b = ads_rows_best(sorted, n, name);
        if (b < 0) continue;
        char g[200];
        snprintf(g, sizeof g, "/adsorption/%s", name);
        double v[] = {sorted[b].e_bind_ev / HARTREE_EV, -sorted[b].e_bind_ev / HARTREE_EV};
        rc = results_set_group(r, g, e) || results_write_array(r, "/energy", 0, NULL, &v[0], RESULTS_ENERGY, e) ||
             results_write_array(r, "/binding_strength", 0, NULL, &v[1], RESULTS_ENERGY, e) ||
             results_write_array(r, "/charge_transfer", 0, NULL, &sorted[b].charge_transfer_e, RESULTS_CHARGE, e) ||
             results_set_attr(r, "/", "best_placement", sorted[b].placement, e);
        results_set_group(r, "", e);
    }
    char status[256];
    if (w->failures) snprintf(status, sizeof status, "%d part%s did not finish (see each group's status)", w->failures,
                              w->failures == 1 ? "" : "s");
    else snprintf(status, sizeof status, "ok");
    if (!rc) rc = results_set_status(r, status, e);
    if (!rc) rc = results_set_wall_time(r, MPI_Wtime() - w->t0, e);
    free(ads), free(pl), free(st), free(col);
    if (rc) results_abort(r);
    else rc = results_close(r, e);
    /* the table in the log, the CSV and the chart (rank 0 writes, everyone learns how it went) */
    int frc = 0;
    err fe = {0};
    if (w->comm->rank == 0) {
        char path[1100];
        log_section("Adsorption energies");
        ads_table_print(log_stream(), sorted, n);
        snprintf(path, sizeof path, "%s_adsorption.csv", w->stem);
        frc = ads_table_write_csv(path, sorted, n, &fe);
        snprintf(path, sizeof path, "%s_adsorption.svg", w->stem);
        if (!frc) frc = ads_chart_write_svg(path, sorted, n, "Adsorption energies (pawsorb)", &fe);
        if (!frc) log_printf("adsorption: table %s_adsorption.csv, chart %s_adsorption.svg\n", w->stem, w->stem);
    }
    free(sorted);
    if (comm_agree(w->comm, frc, &fe) && !rc) *e = fe, rc = -1;
    return rc;
}

/* Every kind of part checked before the first SCF (workflow/part.h's part_check): the
 * slab, and for each adsorbate its first complex and the molecule alone, with the
 * charges they will have, so a dataset or charge problem is found now, not hours later. */
static int preflight(const workflow *w, err *e)
{
    const input *in = w->in;
    part_spec slab = {.group = "", .charge = in->dft.charge};
    if (part_check(w->comm, in, &in->atoms, &slab, e)) return err_wrap(e, "the slab");
    for (int ads = 0; ads < w->setup.nads; ads++) {
        const ads_molecule *m = &w->setup.ads[ads];
        int i = 0;
        while (w->setup.place[i].ads != ads) i++;
        structure mol;
        ads_molecule_in_cell(&w->setup.place[i].complex, w->setup.nslab, &mol);
        part_spec cs = {.group = "", .charge = in->dft.charge + m->charge}, ms = {.group = "", .charge = m->charge};
        int rc = part_check(w->comm, in, &w->setup.place[i].complex, &cs, e);
        if (rc) err_wrap(e, "%s on the slab (charge %g)", m->name, cs.charge);
        else if ((rc = part_check(w->comm, in, &mol, &ms, e))) err_wrap(e, "%s alone (charge %g)", m->name, ms.charge);
        structure_free(&mol);
        if (rc) return -1;
    }
    return 0;
}

/* Every dataset the run uses (each part file's provenance and the results file's). */
static int find_setups(workflow *w, err *e)
{
    const ads_setup *s = &w->setup;
    int seen[119] = {0};
    w->setup_paths = xcalloc(119, sizeof *w->setup_paths);
    for (int i = 0; i < s->nplace; i++)
        for (int a = 0; a < s->place[i].complex.natoms; a++) {
            int z = s->place[i].complex.numbers[a];
            if (seen[z]) continue;
            seen[z] = 1;
            if (setup_find(element_symbol(z), w->in->dft.setups, w->setup_paths[w->nsetups],
                           sizeof w->setup_paths[w->nsetups], e))
                return err_wrap(e, "%s: dft.setups", w->in->path);
            w->setup_list[w->nsetups] = w->setup_paths[w->nsetups];
            w->nsetups++;
        }
    return 0;
}

/* Before the results file is made again: the slab's part file of each stage, if there is
 * one, must belong to this input (every setting that decides an answer is in the slab's
 * fingerprint), so a changed input is refused before anything is replaced. */
static int check_slab_parts(workflow *w, err *e)
{
    for (int stage = w->in->adsorption.screening.on ? 1 : 2; stage <= 2; stage++) {
        stage_params sp = stage_of(w->in, stage);
        char label[200], group[600], traj[1400], path[1400], chk[1400];
        part_spec spec = slab_spec(w, &sp, label, group, traj);
        part_file(w, group, path, chk, sizeof path);
        if (part_record_read(w->comm, w->in, &w->in->atoms, &spec, path, NULL, e) < 0) return -1;
    }
    return 0;
}

/* The results file's start: provenance (input, every dataset of every part), status. */
static int start_results(workflow *w, err *e)
{
    results_remove_stale(w->comm->world, w->output);
    results *r = results_open(w->comm->world, w->output, e);
    if (!r) return -1;
    if (results_set_input(r, w->in->text ? w->in->text : "", e) || results_set_setups(r, w->nsetups, w->setup_list, e)) {
        results_abort(r);
        return -1;
    }
    return results_close(r, e);
}

/* STEM.parts: made when missing; with --fresh emptied of the part files and checkpoints
 * (*.h5 and what killed writers left) first. Rank 0; errors name the directory. */
static int parts_dir(workflow *w, err *e)
{
    err local = {0};
    if (w->comm->rank == 0) {
        struct stat st;
        if (stat(w->parts, &st) != 0) {
            if (mkdir(w->parts, 0777) != 0 && errno != EEXIST)   /* jobs of an array may race here */
                err_set(&local, EXIT_BAD_INPUT, "%s: cannot create the directory of the parts' files: %s", w->parts,
                        strerror(errno));
        } else if (!S_ISDIR(st.st_mode)) {
            err_set(&local, EXIT_BAD_INPUT, "%s: exists and is not a directory (the parts' files go there)", w->parts);
        } else if (w->opt->fresh) {
            DIR *d = opendir(w->parts);
            struct dirent *de;
            int n = 0;
            while (d && (de = readdir(d))) {
                if (!strstr(de->d_name, ".h5")) continue;
                char full[2400];
                snprintf(full, sizeof full, "%s/%s", w->parts, de->d_name);
                n += unlink(full) == 0;
            }
            if (d) closedir(d);
            log_printf("adsorption: --fresh: removed %d file%s of earlier runs from %s\n", n, n == 1 ? "" : "s",
                       w->parts);
        }
    }
    return comm_agree(w->comm, local.status ? -1 : 0, &local) ? (*e = local, -1) : 0;
}

static void log_plan(const workflow *w)
{
    const input *in = w->in;
    log_section("Adsorption workflow");
    log_printf("adsorption: slab %d atoms; %d adsorbate%s; %d placement%s%s; %s; deformation energies %s\n",
               w->setup.nslab, w->setup.nads, w->setup.nads == 1 ? "" : "s", w->setup.nplace,
               w->setup.nplace == 1 ? "" : "s", in->adsorption.auto_place ? " (automatic)" : "",
               in->adsorption.relax ? "relaxed" : "single points", in->adsorption.relax && in->adsorption.deformation
               ? "on" : "off");
    for (int i = 0; i < w->setup.nplace; i++)
        log_printf("adsorption: placement %2d: %-10s %s (%d atoms)\n", i + 1, w->setup.ads[w->setup.place[i].ads].name,
                   w->setup.place[i].label, w->setup.place[i].complex.natoms);
    if (in->adsorption.screening.on)
        log_printf("adsorption: screening stage at %.0f eV, fmax %.3f eV/Ang, %d steps; best %d per adsorbate go on\n",
                   in->adsorption.screening.cutoff_ha * HARTREE_EV,
                   in->adsorption.screening.fmax_au * HA_PER_BOHR_TO_EV_PER_ANG, in->adsorption.screening.max_steps,
                   in->adsorption.screening.keep);
}

int adsorption_check(const comm_ctx *comm, const input *in, err *e)
{
    ads_options none = {0};
    workflow w = {.comm = comm, .in = in, .output = "", .opt = &none};
    int rc = ads_setup_make(in, &w.setup, e);
    if (!rc) rc = preflight(&w, e);
    if (!rc) log_plan(&w);
    ads_setup_free(&w.setup);
    return rc;
}

int adsorption_jobs(const input *in, int *nplace, int *nselected, err *e)
{
    ads_setup s;
    if (ads_setup_make(in, &s, e)) return -1;
    *nplace = s.nplace;
    *nselected = in->adsorption.screening.on ? in->adsorption.screening.keep * s.nads : s.nplace;
    if (*nselected > s.nplace) *nselected = s.nplace;
    ads_setup_free(&s);
    return 0;
}

/* --only's index, checked against this input's placements. */
static int check_only(const workflow *w, err *e)
{
    const ads_options *o = w->opt;
    int scr = w->in->adsorption.screening.on;
    if (o->only == ADS_SCREENING && !scr)
        return err_set(e, EXIT_BAD_INPUT, "%s: --only screening:%d: the input has no screening stage "
                       "(adsorption.screening); use --only placement:%d", w->in->path, o->index, o->index);
    if ((o->only == ADS_SCREENING || (o->only == ADS_PLACEMENT && !scr)) &&
        (o->index < 0 || o->index >= w->setup.nplace))
        return err_set(e, EXIT_BAD_INPUT, "%s: --only %s:%d: the input has %d placement%s (0 to %d)", w->in->path,
                       o->only == ADS_SCREENING ? "screening" : "placement", o->index, w->setup.nplace,
                       w->setup.nplace == 1 ? "" : "s", w->setup.nplace - 1);
    if (o->only == ADS_PLACEMENT && o->index < 0)
        return err_set(e, EXIT_BAD_INPUT, "%s: --only placement:%d: not an index (0, 1, ...)", w->in->path, o->index);
    return 0;
}

/* The index of the k-th selected placement, or -1. */
static int kth_selected(const unsigned char *selected, int n, int k)
{
    for (int i = 0; i < n; i++)
        if (selected[i] && k-- == 0) return i;
    return -1;
}

/* The stages as far as the options go: the references of each stage, the screening
 * placements, the selection, the full protocol's placements. */
static int run_stages(workflow *w, unsigned char *selected, structure *geom, err *e)
{
    const input *in = w->in;
    ads_only only = w->opt->only;
    int all = only == ADS_ALL, refs = all || only == ADS_REFERENCES, np = w->setup.nplace;
    int scr_on = in->adsorption.screening.on;
    stage_params full = stage_of(in, 2), scr = stage_of(in, 1);
    references r1 = {0}, r2 = {0};
    structure *mol1 = NULL;
    int rc = run_references(w, scr_on ? &scr : &full, NULL, refs, &r1, e);
    if (!rc) onto_relaxed_slab(w, &r1, geom);
    if (!rc && scr_on) {
        /* the full protocol's molecules start from the screening's relaxed ones */
        if (r1.mol) {
            mol1 = xcalloc(w->setup.nads + 1, sizeof *mol1);
            for (int a = 0; a < w->setup.nads; a++)
                if (r1.mol[a].final.natoms) structure_copy(&mol1[a], &r1.mol[a].final);
        }
        if (only == ADS_SCREENING) {   /* that placement alone */
            memset(selected, 0, w->setup.nplace);
            selected[w->opt->index] = 1;
        }
        if (only != ADS_REFERENCES)
            rc = run_placements(w, &scr, selected, geom, &r1, all, only == ADS_SCREENING ? w->opt->index : -1, e);
        references_free(w, &r1);
        if (!rc && only != ADS_SCREENING) select_best(w, 0, in->adsorption.screening.keep, selected);
        if (!rc && only != ADS_SCREENING) rc = run_references(w, &full, mol1, refs, &r2, e);
    } else {
        r2 = r1;
        memset(&r1, 0, sizeof r1);
    }
    int target = -1;
    if (!rc && only == ADS_PLACEMENT) {
        target = scr_on ? kth_selected(selected, np, w->opt->index) : w->opt->index;
        if (target < 0) {
            int n = 0;
            for (int i = 0; i < np; i++) n += selected[i];
            log_printf("adsorption: --only placement:%d: the screening selected %d placement%s; nothing to do\n",
                       w->opt->index, n, n == 1 ? "" : "s");
        } else {
            /* only the target placement runs: the others of this stage are not needed */
            memset(selected, 0, np);
            selected[target] = 1;
        }
    }
    if (!rc && only != ADS_REFERENCES && only != ADS_SCREENING && !(only == ADS_PLACEMENT && target < 0))
        rc = run_placements(w, &full, selected, geom, &r2, all, target, e);
    references_free(w, &r2);
    for (int a = 0; mol1 && a < w->setup.nads; a++) structure_free(&mol1[a]);
    free(mol1);
    return rc;
}

int adsorption_run(const comm_ctx *comm, const input *in, const char *output, const ads_options *opt, err *e)
{
    ads_options defaults = {0};
    workflow w = {.comm = comm, .in = in, .output = output, .opt = opt ? opt : &defaults, .t0 = MPI_Wtime()};
    w.write_main = w.opt->only == ADS_ALL || w.opt->only == ADS_COLLECT;
    size_t l = strlen(output);
    snprintf(w.stem, sizeof w.stem, "%.*s", (int)(l > 3 && !strcmp(output + l - 3, ".h5") ? l - 3 : l), output);
    snprintf(w.parts, sizeof w.parts, "%s.parts", w.stem);
    int rc = ads_setup_make(in, &w.setup, e);
    if (!rc) rc = check_only(&w, e);
    if (!rc) rc = preflight(&w, e);
    if (!rc) rc = find_setups(&w, e);
    if (!rc) rc = parts_dir(&w, e);
    if (!rc && w.write_main) rc = check_slab_parts(&w, e);
    if (!rc && w.write_main) rc = start_results(&w, e);
    if (rc) {
        free(w.setup_paths);
        ads_setup_free(&w.setup);
        return -1;
    }
    log_plan(&w);
    static const char *what[] = {"the whole workflow", "the references (slab and molecules)", "one screening placement",
                                 "one placement", "collect: the table from the parts' files"};
    log_printf("adsorption: this run: %s%s; parts' files in %s/\n", what[w.opt->only],
               w.opt->only == ADS_SCREENING || w.opt->only == ADS_PLACEMENT ? " (--only)" : "", w.parts);
    int np = w.setup.nplace;
    w.rows = xcalloc(2 * np + 1, sizeof *w.rows);
    unsigned char *selected = xcalloc(np + 1, 1);
    structure *geom = xcalloc(np + 1, sizeof *geom);
    for (int i = 0; i < np; i++) selected[i] = 1, structure_copy(&geom[i], &w.setup.place[i].complex);
    rc = run_stages(&w, selected, geom, e);
    err keep = *e;
    int src = w.write_main ? write_summary(&w, e) : 0;
    if (rc) *e = keep;
    else if (src) rc = -1;
    else if (w.missing)
        rc = err_set(e, EXIT_RUN_FAILED, "%s: collect: %d part%s not finished (%s%s); the table in %s shows the "
                     "others", in->path, w.missing, w.missing == 1 ? " is" : "s are", w.missing_names,
                     w.missing > 8 ? ", ..." : "", output);
    else if (w.failures)
        rc = err_set(e, EXIT_RUN_FAILED, "%s: %d part%s of the adsorption workflow did not finish (the others are in "
                     "%s)", in->path, w.failures, w.failures == 1 ? "" : "s", w.write_main ? output : w.parts);
    timer_report();
    for (int i = 0; i < np; i++) structure_free(&geom[i]);
    free(geom), free(selected), free(w.rows), free(w.setup_paths);
    ads_setup_free(&w.setup);
    return rc;
}
