/* pawsorb bader FILE.cube [--method weight|near-grid] [--vacuum RHO|off] [--pbc XYZ]
 *                         [--output FILE.h5]
 * Bader charges of any Gaussian cube density (docs/bader.md). Rank 0 reads the file and
 * partitions the grid (the algorithms are serial); all ranks take part in writing the
 * results file. Bad options, an unreadable or malformed cube: exit 1 with a message
 * naming the file, line, option and value. */
#include "bader/bader.h"
#include "bader/report.h"
#include "cmd/cmd.h"
#include "core/err.h"
#include "core/units.h"
#include "io/cube.h"
#include "io/results.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    const char *cube_path, *output;
    bader_options opt;
    int pbc[3];
} bader_args;

static int parse_args(int argc, char **argv, bader_args *a, err *e)
{
    a->opt = (bader_options){.method = BADER_WEIGHT, .use_vacuum = 1, .vacuum = BADER_DEFAULT_VACUUM};
    a->pbc[0] = a->pbc[1] = a->pbc[2] = 1;
    for (int i = 1; i < argc; i++) {
        const char *s = argv[i];
        int has_value = i + 1 < argc;
        if (!strcmp(s, "--method") || !strcmp(s, "--vacuum") || !strcmp(s, "--pbc") || !strcmp(s, "--output") ||
            !strcmp(s, "-o")) {
            if (!has_value) return err_set(e, EXIT_BAD_INPUT, "bader: option %s needs a value", s);
            const char *v = argv[++i];
            if (!strcmp(s, "--method")) {
                if (bader_method_parse(v, &a->opt.method))
                    return err_set(e, EXIT_BAD_INPUT, "bader: --method: '%s' is not weight or near-grid", v);
            } else if (!strcmp(s, "--vacuum")) {
                if (!strcmp(v, "off")) {
                    a->opt.use_vacuum = 0;
                    continue;
                }
                char *end;
                errno = 0;
                double x = strtod(v, &end);
                if (end == v || *end || errno || !isfinite(x) || x < 0)
                    return err_set(e, EXIT_BAD_INPUT,
                                   "bader: --vacuum: '%s' is not a density >= 0 (electrons/Angstrom^3) or 'off'", v);
                a->opt.vacuum = x * BOHR_ANG * BOHR_ANG * BOHR_ANG;   /* e/A^3 -> e/bohr^3 */
            } else if (!strcmp(s, "--pbc")) {
                if (strlen(v) != 3 || strspn(v, "01") != 3)
                    return err_set(e, EXIT_BAD_INPUT, "bader: --pbc: '%s' is not three digits 0/1 such as 110", v);
                for (int x = 0; x < 3; x++) a->pbc[x] = v[x] == '1';
            } else {
                a->output = v;
            }
        } else if (s[0] == '-' && s[1]) {
            return err_set(e, EXIT_BAD_INPUT,
                           "bader: unknown option '%s' (options: --method, --vacuum, --pbc, --output)", s);
        } else if (a->cube_path) {
            return err_set(e, EXIT_BAD_INPUT, "bader: one cube file only ('%s' and '%s')", a->cube_path, s);
        } else {
            a->cube_path = s;
        }
    }
    if (!a->cube_path)
        return err_set(e, EXIT_BAD_INPUT,
                       "usage: pawsorb bader FILE.cube [--method weight|near-grid] [--vacuum RHO|off] [--pbc XYZ] "
                       "[--output FILE.h5]");
    return 0;
}

/* Rank 0: read, partition, print. nuclear charges: the cube's second atom column when
 * nonzero (Gaussian writes the nuclear charge, valence codes the valence charge), else Z
 * (ASE and GPAW write 0 there; their densities are all-electron). */
static int analyse(const bader_args *a, cube *c, bader_result *res, double **zn, err *e)
{
    if (cube_read(a->cube_path, c, e)) return -1;
    bader_grid g = {.rho = c->data};
    memcpy(g.n, c->n, sizeof g.n);
    memcpy(g.axis, c->axis, sizeof g.axis);
    memcpy(g.origin, c->origin, sizeof g.origin);
    memcpy(g.pbc, a->pbc, sizeof g.pbc);
    if (bader_partition(&g, &a->opt, c->natoms, (const double(*)[3])c->pos, res, e))
        return err_wrap(e, "%s", a->cube_path);
    *zn = malloc(c->natoms * sizeof **zn);
    if (!*zn) return err_set(e, EXIT_RUN_FAILED, "bader: out of memory");
    for (int i = 0; i < c->natoms; i++) (*zn)[i] = c->nuclear_charge[i] != 0 ? c->nuclear_charge[i] : c->numbers[i];
    const char *base = strrchr(a->cube_path, '/');
    bader_report_print(stdout, &g, &a->opt, c->natoms, c->numbers, *zn, res, base ? base + 1 : a->cube_path);
    return 0;
}

/* Collective: the /bader group (and /structure when the file is new) in a->output. */
static int write_results(const comm_ctx *comm, const bader_args *a, const cube *c, const bader_result *res,
                         const double *zn, int natoms, err *e)
{
    int is_new = comm->rank == 0 ? access(a->output, F_OK) != 0 : 0;
    MPI_Bcast(&is_new, 1, MPI_INT, 0, comm->world);
    results *r = results_open_update(comm->world, a->output, e);
    if (!r) return -1;
    const char *base = strrchr(a->cube_path, '/');
    int rc = bader_report_write(r, &a->opt, natoms, zn, res, base ? base + 1 : a->cube_path, e);
    if (!rc && is_new) {
        structure s = {0};
        structure_alloc(&s, natoms);
        if (comm->rank == 0) {
            cube_cell(c, s.cell);
            memcpy(s.pbc, a->pbc, sizeof s.pbc);
            for (int i = 0; i < natoms; i++) s.numbers[i] = c->numbers[i], memcpy(s.pos[i], c->pos[i], sizeof s.pos[i]);
        }
        rc = results_write_structure(r, &s, e) || results_set_status(r, "ok", e) ? -1 : 0;
        structure_free(&s);
    }
    if (rc) {
        results_abort(r);
        return -1;
    }
    return results_close(r, e);
}

int cmd_bader(const comm_ctx *comm, int argc, char **argv)
{
    err e = {0};
    bader_args a = {0};
    cube c = {0};
    bader_result res = {0};
    double *zn = NULL;
    int rc = parse_args(argc, argv, &a, &e);
    if (!rc && comm->rank == 0) rc = analyse(&a, &c, &res, &zn, &e);
    rc = comm_agree(comm, rc, &e);
    int natoms = c.natoms;
    MPI_Bcast(&natoms, 1, MPI_INT, 0, comm->world);
    if (!rc && a.output) rc = write_results(comm, &a, &c, &res, zn, natoms, &e);
    free(zn);
    bader_result_free(&res);
    cube_free(&c);
    return rc ? cmd_fail(comm, e.msg, e.status) : EXIT_OK;
}
