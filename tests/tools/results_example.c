/* Writes a results file with known values through io/results.h, for tests/cli/info.sh.
 *   results_example OUT.h5 INPUTS.json SETUP_FILE
 *   results_example --update FILE.h5     replaces /bader (method near-grid, charges 0.7 e
 *                                        larger on O) in an existing file
 * INPUTS.json receives the values given to the writer, in Hartree atomic units, so that
 * tests/reference/check_results.py can convert them with ASE's units and compare.
 * Run under mpirun with any number of ranks: only rank 0 passes array data (the others
 * pass NULL), as the collective contract of io/results.h says. */
#include "core/err.h"
#include "io/results.h"

#include <mpi.h>
#include <stdio.h>
#include <string.h>

/* H2O with one fixed atom in a 12 x 13 x 14 bohr box, periodic along x and y only. */
static const int z[3] = {8, 1, 1};
static const double pos[3][3] = {{11.3, 12.1, 13.0}, {12.73, 12.1, 11.89}, {9.87, 12.1, 11.89}};
static const double cell[3][3] = {{22.0, 0, 0}, {0, 24.0, 0}, {0, 0, 26.0}};
static const double forces[3][3] = {{0.0, 0.0, 0.0051}, {0.0034, 0.0, -0.0012}, {-0.0034, 0.0, -0.0009}};
static const double total = -0.5632104, free_energy = -0.5633011, disp = -0.0004;
static const char *const term_names[4] = {"kinetic", "hartree", "xc", "local"};
static const double term_values[4] = {12.25, 23.5, -4.125, -31.75};
static const double hist_e[4] = {-0.41, -0.55, -0.5631, -0.5632104}, hist_d[4] = {0.5, 0.02, 3e-4, 4e-6};
static const double fermi = -0.2345;
static const double kpts[2][3] = {{0, 0, 0}, {0.5, 0, 0}}, kw[2] = {0.5, 0.5};
static const double relax_e[3] = {-0.55, -0.56, -0.5632104}, relax_f[3] = {0.05, 0.01, 0.0039};
static const double pop[3] = {9.1, 0.45, 0.45}, zval[3] = {8, 1, 1}, vol[3] = {120.5, 30.25, 30.25};
static const char input_text[] = "task: relax\nstructure: {file: h2o.xyz}\ndft: {cutoff: 400}\n";

static void dump_json(const char *path, const char *setup)
{
    FILE *f = fopen(path, "w");
    if (!f) return;
    fprintf(f, "{\"numbers\": [8, 1, 1], \"fixed\": [true, false, false], \"pbc\": [true, true, false],\n");
    fprintf(f, " \"positions_bohr\": [");
    for (int i = 0; i < 3; i++) fprintf(f, "%s[%.17g, %.17g, %.17g]", i ? ", " : "", pos[i][0], pos[i][1], pos[i][2]);
    fprintf(f, "],\n \"cell_bohr\": [[22.0, 0, 0], [0, 24.0, 0], [0, 0, 26.0]],\n \"forces_au\": [");
    for (int i = 0; i < 3; i++)
        fprintf(f, "%s[%.17g, %.17g, %.17g]", i ? ", " : "", forces[i][0], forces[i][1], forces[i][2]);
    fprintf(f, "],\n \"total_ha\": %.17g, \"free_ha\": %.17g, \"dispersion_ha\": %.17g,\n", total, free_energy, disp);
    fprintf(f, " \"components_ha\": {");
    for (int i = 0; i < 4; i++) fprintf(f, "%s\"%s\": %.17g", i ? ", " : "", term_names[i], term_values[i]);
    fprintf(f, "},\n \"scf_energies_ha\": [%.17g, %.17g, %.17g, %.17g], \"scf_converged\": true,\n", hist_e[0],
            hist_e[1], hist_e[2], hist_e[3]);
    fprintf(f, " \"fermi_ha\": %.17g, \"nspin\": 1, \"nkpts\": 2, \"nbands\": 6,\n", fermi);
    fprintf(f, " \"relax_energies_ha\": [%.17g, %.17g, %.17g], \"relax_fmax_au\": [%.17g, %.17g, %.17g],\n",
            relax_e[0], relax_e[1], relax_e[2], relax_f[0], relax_f[1], relax_f[2]);
    fprintf(f, " \"bader_population\": [9.1, 0.45, 0.45], \"bader_volume_bohr3\": [120.5, 30.25, 30.25],\n");
    fprintf(f, " \"setup\": \"%s\"}\n", setup);
    fclose(f);
}

/* A 5 x 4 x 3 "density" grid, value = flat index in electrons/bohr^3, split by rows of
 * the first axis over the ranks (uneven blocks; ranks beyond 5 hold none). */
static int write_grid(results *r, err *e)
{
    int rank, size;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    size_t dims[3] = {5, 4, 3}, lo = 5 * (size_t)rank / size, hi = 5 * (size_t)(rank + 1) / size;
    double rows[5 * 12];
    for (size_t i = 0; i < (hi - lo) * 12; i++) rows[i] = (double)(lo * 12 + i);
    return results_write_array_rows(r, "/test/density", 3, dims, lo, hi - lo, rows, RESULTS_DENSITY, e);
}

static int write_all(results *r, int root, const char *setup, err *e)
{
    structure s;
    structure_alloc(&s, 3);
    memcpy(s.cell, cell, sizeof cell);
    memcpy(s.numbers, z, sizeof z);
    memcpy(s.pos, pos, sizeof pos);
    s.pbc[0] = s.pbc[1] = 1;
    s.fixed[0] = 1;
    results_term terms[4];
    for (int i = 0; i < 4; i++) terms[i] = (results_term){term_names[i], term_values[i]};
    results_energy en = {total, free_energy, disp, 4, terms};
    results_scf scf = {1, 4, 4, root ? hist_e : NULL, root ? hist_d : NULL};
    double eig[2 * 6], occ[2 * 6];
    for (int i = 0; i < 12; i++) eig[i] = -0.9 + 0.15 * i, occ[i] = i % 6 < 4 ? 2.0 : 0.0;
    results_electrons el = {fermi, 1, 2, 6, root ? eig : NULL, root ? occ : NULL, root ? kpts : NULL, root ? kw : NULL};
    results_bader b = {"weight", "all-electron", 3, root ? pop : NULL, root ? zval : NULL, root ? vol : NULL};
    const char *setups[1] = {setup};
    int st = results_set_input(r, root ? input_text : NULL, e) || results_set_setups(r, 1, setups, e) ||
             results_write_structure(r, &s, e);
    for (int i = 0; i < 3 && !st; i++) st = results_relax_append(r, relax_e[i], 3, root ? s.pos : NULL, relax_f[i], e);
    st = st || results_write_energy(r, &en, e) || results_write_forces(r, 3, root ? forces : NULL, e) ||
         results_write_scf(r, &scf, e) || results_write_electrons(r, &el, e) || results_write_bader(r, &b, e) ||
         write_grid(r, e) || results_set_status(r, "ok", e);
    structure_free(&s);
    return st;
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    if (argc == 3 && strcmp(argv[1], "--update") == 0) {
        err e = {0};
        double p[3] = {pop[0] - 0.7, pop[1] + 0.35, pop[2] + 0.35};
        results_bader b = {"near-grid", "density.cube", 3, rank == 0 ? p : NULL, zval, vol};
        results *r = results_open_update(MPI_COMM_WORLD, argv[2], &e);
        int st = !r || results_write_bader(r, &b, &e);
        if (r) st = st ? (results_abort(r), 1) : results_close(r, &e) != 0;
        if (st && rank == 0) fprintf(stderr, "results_example: %s\n", e.msg);
        MPI_Finalize();
        return st;
    }
    if (argc != 4) {
        if (rank == 0) fprintf(stderr, "usage: results_example OUT.h5 INPUTS.json SETUP_FILE | --update FILE.h5\n");
        MPI_Finalize();
        return 1;
    }
    err e = {0};
    results *r = results_open(MPI_COMM_WORLD, argv[1], &e);
    int st = !r || write_all(r, rank == 0, argv[3], &e);
    if (r && st) results_abort(r);
    else if (r) st = results_close(r, &e) != 0;
    if (st && rank == 0) fprintf(stderr, "results_example: %s\n", e.msg);
    if (!st && rank == 0) dump_json(argv[2], argv[3]);
    MPI_Finalize();
    return st;
}
