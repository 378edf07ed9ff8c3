/* Cube files and Bader charges after the SCF (after_scf.h). */
#include "bader/after_scf.h"
#include "bader/report.h"
#include "core/log.h"
#include "density/ae_density.h"
#include "io/cube.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* STEM_name.cube next to the results file (its name without ".h5"). */
static void cube_path(const char *results_path, const char *name, char *out, size_t n)
{
    size_t len = strlen(results_path);
    int strip = len > 3 && !strcmp(results_path + len - 3, ".h5");
    snprintf(out, n, "%.*s_%s.cube", (int)(strip ? len - 3 : len), results_path, name);
}

/* One grid function (n points per axis over the cell) with the atoms, as a cube file. */
static int write_grid(const char *path, const char *what, const structure *s, const int n[3], const double *v,
                      int nsum, size_t stride, double scale, err *e)
{
    cube c;
    if (cube_alloc(&c, s->natoms, n, e)) return -1;
    snprintf(c.comment[0], sizeof c.comment[0], "pawsorb: %s", what);
    snprintf(c.comment[1], sizeof c.comment[1], "OUTER LOOP: X, MIDDLE LOOP: Y, INNER LOOP: Z (atomic units)");
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) c.axis[i][x] = s->cell[i][x] / n[i];
    for (int a = 0; a < s->natoms; a++) {
        c.numbers[a] = s->numbers[a];
        c.nuclear_charge[a] = s->numbers[a];
        memcpy(c.pos[a], s->pos[a], sizeof c.pos[a]);
    }
    size_t np = (size_t)n[0] * n[1] * n[2];
    for (size_t i = 0; i < np; i++) {
        double x = 0;
        for (int k = 0; k < nsum; k++) x += v[k * stride + i];
        c.data[i] = x * scale;
    }
    int rc = cube_write(path, &c, e);
    cube_free(&c);
    if (!rc) log_printf("cube file: %s (%s)\n", path, what);
    return rc;
}

static int bader_on_ae(const calculation *c, const input *in, const ae_density *ae, bader_scf *b, err *e)
{
    const structure *s = &in->atoms;
    bader_grid g = {.rho = ae->n_g};
    memcpy(g.n, ae->n, sizeof g.n);
    memcpy(g.pbc, s->pbc, sizeof g.pbc);
    for (int i = 0; i < 3; i++)
        for (int x = 0; x < 3; x++) g.axis[i][x] = s->cell[i][x] / ae->n[i];
    b->opt = (bader_options){.method = in->bader_opt.near_grid ? BADER_NEAR_GRID : BADER_WEIGHT,
                             .use_vacuum = in->bader_opt.use_vacuum, .vacuum = in->bader_opt.vacuum};
    if (bader_partition(&g, &b->opt, s->natoms, (const double(*)[3])s->pos, &b->res, e))
        return err_wrap(e, "bader on the all-electron density");
    b->zn = malloc(s->natoms * sizeof *b->zn);
    if (!b->zn) return err_set(e, EXIT_RUN_FAILED, "bader: out of memory");
    for (int a = 0; a < s->natoms; a++) b->zn[a] = s->numbers[a];
    b->done = 1;
    FILE *out = log_stream();
    if (out) {
        char what[80];
        snprintf(what, sizeof what, "the all-electron density (gridrefinement %d)", in->bader_opt.refinement);
        log_section("Bader charges");
        bader_report_print(out, &g, &b->opt, s->natoms, s->numbers, b->zn, &b->res, what);
    }
    (void)c;
    return 0;
}

/* nt: the whole fine-grid pseudo density, spins summed (fine_density), or NULL. */
static int rank0_work(const calculation *c, const input *in, const char *results_path, bader_scf *b,
                      const double *nt, err *e)
{
    const density *d = &c->dens;
    const structure *s = &in->atoms;
    char path[4200];
    if (in->output.cube_density) {
        cube_path(results_path, "density", path, sizeof path);
        if (write_grid(path, "pseudo density, electrons/bohr^3", s, c->grids.coarse->n, d->nt_sG, c->nspins,
                       (size_t)d->g->nc, 1.0, e))
            return -1;
    }
    if (in->output.cube_potential) {
        cube_path(results_path, "potential", path, sizeof path);
        if (write_grid(path, "effective potential, hartree", s, c->grids.coarse->n, c->ham.vt_sG, c->nspins,
                       (size_t)d->g->nc, 1.0 / c->nspins, e))
            return -1;
    }
    if (!in->output.cube_ae_density && !in->bader) return 0;
    if (!nt) return err_set(e, EXIT_RUN_FAILED, "all-electron density: out of memory");
    const int *nf = c->grids.fine->n;
    /* the fine grid is GPAW's gridrefinement 2; refinement 4 Fourier-interpolates it twice
     * finer per axis (ae_density.h) */
    int refinement = in->bader_opt.refinement == 4 ? 4 : 2;
    ae_density ae;
    int rc = ae_density_build(&c->ss, s->cell, s->pbc, nf, nt, d->D_asp, c->nspins, refinement / 2, &ae, e);
    if (rc) return -1;
    log_printf("all-electron density: %d x %d x %d grid, %.6f electrons\n", ae.n[0], ae.n[1], ae.n[2], ae.total);
    if (in->output.cube_ae_density) {
        cube_path(results_path, "all_electron_density", path, sizeof path);
        char what[80];
        snprintf(what, sizeof what, "all-electron density (gridrefinement %d), electrons/bohr^3", refinement);
        rc = write_grid(path, what, s, ae.n, ae.n_g, 1, 0, 1.0, e);
    }
    if (!rc && in->bader) rc = bader_on_ae(c, in, &ae, b, e);
    ae_density_free(&ae);
    return rc;
}

/* The pseudo density on the whole fine grid, spins summed: each rank sums its slab's
 * spins (the serial additions), then the slabs are gathered (collective over the
 * plane-wave ranks when the fine grid is distributed, density.h). NULL when out of
 * memory. */
static double *fine_density(const calculation *c)
{
    const density_grids *g = &c->grids;
    const density *d = &c->dens;
    double *nt = malloc((size_t)g->nf * sizeof *nt), *mine = malloc(((size_t)g->nfl + 1) * sizeof *mine);
    int good = nt && mine;
    for (long i = 0; good && i < g->nfl; i++) {
        mine[i] = 0;
        for (int sp = 0; sp < c->nspins; sp++) mine[i] += d->nt_sg[sp * g->nfl + i];
    }
    if (g->dist) {   /* every rank of the group takes part, even one short of memory */
        int all;
        MPI_Allreduce(&good, &all, 1, MPI_INT, MPI_MIN, g->comm);
        good = all;
    }
    if (good) density_grids_gather_fine(g, mine, nt);
    free(mine);
    if (!good) free(nt), nt = NULL;
    return nt;
}

int bader_after_scf(const calculation *c, const input *in, const char *results_path, bader_scf *b, err *e)
{
    memset(b, 0, sizeof *b);
    b->natoms = in->atoms.natoms;
    double *nt = NULL;
    if (in->output.cube_ae_density || in->bader) nt = fine_density(c);
    int rc = c->comm->rank == 0 ? rank0_work(c, in, results_path, b, nt, e) : 0;
    free(nt);
    rc = comm_agree(c->comm, rc, e);
    MPI_Bcast(&b->done, 1, MPI_INT, 0, c->comm->world);
    return rc;
}

int bader_after_scf_write(results *r, const bader_scf *b, err *e)
{
    if (!b->done) return 0;
    return bader_report_write(r, &b->opt, b->natoms, b->zn, b->done ? &b->res : NULL, "all-electron", e);
}

void bader_scf_free(bader_scf *b)
{
    bader_result_free(&b->res);
    free(b->zn);
    b->zn = NULL;
}
