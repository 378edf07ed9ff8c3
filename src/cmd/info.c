/* pawsorb info FILE.h5: a human summary of a results file (docs/interface.md, "Results
 * file"): provenance, structure, energies, forces, SCF, electrons, relaxation and Bader
 * charges, each printed only when the file holds it (a failed run writes what it had).
 * Rank 0 reads the file with serial HDF5; the other ranks only receive the exit status.
 * A missing file, a file that is not HDF5 and an HDF5 file that pawsorb did not write
 * are bad input (exit 1) with a message naming the file. */
#include "cmd/cmd.h"
#include "core/elements.h"
#include "core/err.h"

#include <errno.h>
#include <hdf5.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A dataset read whole as doubles (HDF5 converts integers and bools). */
typedef struct {
    int ndim;
    hsize_t dims[4];
    size_t n;
    double *v;      /* n values; owned; NULL when absent or unreadable */
} array;

static array read_array(hid_t f, const char *path)
{
    array a = {0};
    /* Walk the components: H5Lexists needs every parent to exist. */
    char buf[256];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            int there = H5Lexists(f, buf, H5P_DEFAULT) > 0;
            *p = '/';
            if (!there) return a;
        }
    if (H5Lexists(f, path, H5P_DEFAULT) <= 0) return a;
    H5O_info_t oi;
    if (H5Oget_info_by_name(f, path, &oi, H5P_DEFAULT) < 0 || oi.type != H5O_TYPE_DATASET) return a;
    hid_t d = H5Dopen2(f, path, H5P_DEFAULT), sp = H5Dget_space(d);
    int nd = H5Sget_simple_extent_ndims(sp);
    hssize_t n = H5Sget_simple_extent_npoints(sp);
    if (nd >= 0 && nd <= 4 && n >= 0 && n < (1 << 26)) {
        a.ndim = nd;
        H5Sget_simple_extent_dims(sp, a.dims, NULL);
        a.n = (size_t)n;
        a.v = malloc((a.n ? a.n : 1) * sizeof *a.v);
        if (a.v && H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, a.v) < 0) free(a.v), a.v = NULL;
    }
    H5Sclose(sp), H5Dclose(d);
    return a;
}

static void array_free(array *a) { free(a->v), a->v = NULL; }

/* A scalar (or one-element) dataset, or NAN. */
static double read_scalar(hid_t f, const char *path)
{
    array a = read_array(f, path);
    double v = a.v && a.n == 1 ? a.v[0] : NAN;
    array_free(&a);
    return v;
}

/* A string attribute of an object (variable or fixed length) into buf; "" if absent. */
static const char *attr_text(hid_t f, const char *obj, const char *name, char *buf, size_t size)
{
    buf[0] = '\0';
    if (H5Aexists_by_name(f, obj, name, H5P_DEFAULT) <= 0) return buf;
    hid_t a = H5Aopen_by_name(f, obj, name, H5P_DEFAULT, H5P_DEFAULT), t = H5Aget_type(a);
    hid_t sp = H5Aget_space(a);
    if (H5Tget_class(t) == H5T_STRING && H5Sget_simple_extent_npoints(sp) == 1) {
        hid_t mt = H5Tcopy(H5T_C_S1);
        H5Tset_cset(mt, H5Tget_cset(t));   /* HDF5 converts no character sets */
        if (H5Tis_variable_str(t) > 0) {
            char *s = NULL;
            H5Tset_size(mt, H5T_VARIABLE);
            if (H5Aread(a, mt, &s) >= 0 && s) snprintf(buf, size, "%s", s);
            H5free_memory(s);
        } else {
            size_t n = H5Tget_size(t);
            char *s = calloc(n + 1, 1);
            H5Tset_size(mt, n + 1);
            if (s && H5Aread(a, mt, s) >= 0) snprintf(buf, size, "%s", s);
            free(s);
        }
        H5Tclose(mt);
    }
    H5Sclose(sp), H5Tclose(t), H5Aclose(a);
    return buf;
}

static double attr_number(hid_t f, const char *name)
{
    double v = NAN;
    if (H5Aexists(f, name) <= 0) return v;
    hid_t a = H5Aopen(f, name, H5P_DEFAULT), sp = H5Aget_space(a), t = H5Aget_type(a);
    if (H5Sget_simple_extent_npoints(sp) == 1 && (H5Tget_class(t) == H5T_INTEGER || H5Tget_class(t) == H5T_FLOAT) &&
        H5Aread(a, H5T_NATIVE_DOUBLE, &v) < 0)
        v = NAN;
    H5Tclose(t), H5Sclose(sp), H5Aclose(a);
    return v;
}

/* An atomic number read as a double; 0 ("X") for anything that is not one. */
static int as_z(double v)
{
    return v >= 1 && v <= ELEMENT_MAX_Z ? (int)v : 0;
}

/* Chemical formula in Hill order, as ASE's Atoms.get_chemical_formula() writes it:
 * with carbon, C then H then the rest alphabetically; without, all alphabetically. */
static void hill_formula(const array *numbers, char *out, size_t size)
{
    int count[ELEMENT_MAX_Z + 1] = {0}, has_c;
    for (size_t i = 0; i < numbers->n; i++) {
        count[as_z(numbers->v[i])]++;
    }
    has_c = count[6] > 0;
    int order[ELEMENT_MAX_Z + 1], n = 0;
    for (int z = 0; z <= ELEMENT_MAX_Z; z++)
        if (count[z] && !(has_c && (z == 6 || z == 1))) order[n++] = z;
    for (int i = 1; i < n; i++)   /* insertion sort by symbol */
        for (int j = i; j > 0 && strcmp(element_symbol(order[j - 1]), element_symbol(order[j])) > 0; j--) {
            int t = order[j];
            order[j] = order[j - 1], order[j - 1] = t;
        }
    out[0] = '\0';
    int all[ELEMENT_MAX_Z + 3], m = 0;
    if (has_c) {
        all[m++] = 6;
        if (count[1]) all[m++] = 1;
    }
    for (int i = 0; i < n; i++) all[m++] = order[i];
    for (int i = 0; i < m; i++) {
        size_t len = strlen(out);
        if (count[all[i]] == 1) snprintf(out + len, size - len, "%s", element_symbol(all[i]));
        else snprintf(out + len, size - len, "%s%d", element_symbol(all[i]), count[all[i]]);
    }
}

/* The PAW dataset files and the first 16 hex digits of their SHA-256. */
static void print_setups(hid_t f, FILE *out)
{
    if (H5Aexists(f, "setups") <= 0 || H5Aexists(f, "setups_sha256") <= 0) return;
    hid_t a = H5Aopen(f, "setups", H5P_DEFAULT), b = H5Aopen(f, "setups_sha256", H5P_DEFAULT);
    hid_t sa = H5Aget_space(a), sb = H5Aget_space(b), ta = H5Aget_type(a), tb = H5Aget_type(b);
    hssize_t n = H5Sget_simple_extent_npoints(sa);
    if (n > 0 && n < 1000 && H5Sget_simple_extent_npoints(sb) == n && H5Tis_variable_str(ta) > 0 &&
        H5Tis_variable_str(tb) > 0) {
        char **names = calloc((size_t)n, sizeof *names), **sums = calloc((size_t)n, sizeof *sums);
        hid_t mt = H5Tcopy(H5T_C_S1);
        H5Tset_size(mt, H5T_VARIABLE);
        H5Tset_cset(mt, H5Tget_cset(ta));
        if (names && sums && H5Aread(a, mt, names) >= 0 && H5Aread(b, mt, sums) >= 0)
            for (hssize_t i = 0; i < n; i++)
                fprintf(out, "%s %s (sha256 %.16s...)\n", i ? "            " : "setups      ",
                        names[i] ? names[i] : "?", sums[i] ? sums[i] : "?");
        for (hssize_t i = 0; i < n; i++) {
            if (names) H5free_memory(names[i]);
            if (sums) H5free_memory(sums[i]);
        }
        free(names), free(sums), H5Tclose(mt);
    }
    H5Tclose(ta), H5Tclose(tb), H5Sclose(sa), H5Sclose(sb), H5Aclose(a), H5Aclose(b);
}

static void print_provenance(hid_t f, FILE *out)
{
    char a[512], b[512], c[512];
    fprintf(out, "program      %s %s (git %s)\n", attr_text(f, "/", "program", a, sizeof a),
            attr_text(f, "/", "version", b, sizeof b), attr_text(f, "/", "git_revision", c, sizeof c));
    fprintf(out, "status       %s\n", attr_text(f, "/", "status", a, sizeof a));
    fprintf(out, "created      %s\n", attr_text(f, "/", "created", a, sizeof a));
    double wall = attr_number(f, "wall_time"), ranks = attr_number(f, "mpi_ranks");
    if (!isnan(wall)) fprintf(out, "wall time    %.3f s on %.0f MPI rank(s)\n", wall, ranks);
    print_setups(f, out);
}

static void print_structure(hid_t f, FILE *out, int *natoms)
{
    array num = read_array(f, "/structure/numbers"), cell = read_array(f, "/structure/cell");
    array pbc = read_array(f, "/structure/pbc"), fixed = read_array(f, "/structure/fixed");
    *natoms = num.v ? (int)num.n : 0;
    if (num.v) {
        char formula[512];
        int nfixed = 0;
        for (size_t i = 0; fixed.v && i < fixed.n; i++) nfixed += fixed.v[i] != 0;
        hill_formula(&num, formula, sizeof formula);
        fprintf(out, "structure    %s, %zu atoms, %d fixed", formula, num.n, nfixed);
        if (pbc.v && pbc.n == 3)
            fprintf(out, ", pbc %c %c %c", pbc.v[0] ? 'T' : 'F', pbc.v[1] ? 'T' : 'F', pbc.v[2] ? 'T' : 'F');
        fputc('\n', out);
    }
    if (cell.v && cell.n == 9)
        for (int i = 0; i < 3; i++)
            fprintf(out, "%s%12.6f %12.6f %12.6f\n", i == 0 ? "cell (Å)     " : "             ", cell.v[3 * i],
                    cell.v[3 * i + 1], cell.v[3 * i + 2]);
    array_free(&num), array_free(&cell), array_free(&pbc), array_free(&fixed);
}

typedef struct {
    hid_t file;
    FILE *out;
} visit_ctx;

static herr_t print_component(hid_t g, const char *name, const H5L_info_t *info, void *data)
{
    (void)g, (void)info;
    visit_ctx *c = data;
    char path[300];
    snprintf(path, sizeof path, "/energy/components/%s", name);
    fprintf(c->out, "  %-16s%16.6f eV\n", name, read_scalar(c->file, path));
    return 0;
}

static void print_energy(hid_t f, FILE *out)
{
    static const char *const names[3] = {"total", "free", "dispersion"};
    for (int i = 0; i < 3; i++) {
        char path[64];
        snprintf(path, sizeof path, "/energy/%s", names[i]);
        double v = read_scalar(f, path);
        if (!isnan(v)) fprintf(out, "energy %-11s%16.6f eV\n", names[i], v);
    }
    if (H5Lexists(f, "/energy", H5P_DEFAULT) > 0 && H5Lexists(f, "/energy/components", H5P_DEFAULT) > 0) {
        visit_ctx c = {f, out};
        fprintf(out, "energy components\n");
        hid_t g = H5Gopen2(f, "/energy/components", H5P_DEFAULT);
        if (g >= 0) H5Literate(g, H5_INDEX_NAME, H5_ITER_INC, NULL, print_component, &c), H5Gclose(g);
    }
}

/* Largest |F_a| over all atoms and over the atoms free to move. */
static void print_forces(hid_t f, FILE *out, int natoms)
{
    array F = read_array(f, "/forces"), fixed = read_array(f, "/structure/fixed");
    if (F.v && F.n % 3 == 0 && F.n > 0) {
        double worst = 0, worst_free = 0;
        int at = 0;
        for (size_t a = 0; a < F.n / 3; a++) {
            double m = sqrt(F.v[3 * a] * F.v[3 * a] + F.v[3 * a + 1] * F.v[3 * a + 1] + F.v[3 * a + 2] * F.v[3 * a + 2]);
            if (m > worst) worst = m, at = (int)a;
            int is_fixed = fixed.v && fixed.n == F.n / 3 && fixed.v[a] != 0;
            if (!is_fixed && m > worst_free) worst_free = m;
        }
        fprintf(out, "max force    %.6f eV/Å (atom %d); on free atoms %.6f eV/Å\n", worst, at, worst_free);
        if (natoms && (int)(F.n / 3) != natoms) fprintf(out, "             (warning: forces for %zu atoms, structure has %d)\n", F.n / 3, natoms);
    }
    array_free(&F), array_free(&fixed);
}

static void print_scf_electrons(hid_t f, FILE *out)
{
    double conv = read_scalar(f, "/scf/converged"), iters = read_scalar(f, "/scf/iterations");
    if (!isnan(iters))
        fprintf(out, "scf          %s after %.0f iterations\n", conv == 1 ? "converged" : "NOT converged", iters);
    double ef = read_scalar(f, "/electrons/fermi_level");
    if (!isnan(ef)) fprintf(out, "fermi level  %.6f eV\n", ef);
    array eig = read_array(f, "/electrons/eigenvalues");
    if (eig.v && eig.ndim == 3)
        fprintf(out, "electrons    %llu spin(s), %llu k-point(s), %llu bands\n", (unsigned long long)eig.dims[0],
                (unsigned long long)eig.dims[1], (unsigned long long)eig.dims[2]);
    array_free(&eig);
}

/* /electrostatics of a dipole-corrected slab (dft.dipole_correction). */
static void print_electrostatics(hid_t f, FILE *out)
{
    double p = read_scalar(f, "/electrostatics/dipole_moment"), step = read_scalar(f, "/electrostatics/potential_step");
    if (!isnan(step))
        fprintf(out, "dipole layer moment %.6f e*Å along z, potential step %.6f eV (top vacuum minus bottom)\n", p,
                step);
}

static void print_relax(hid_t f, FILE *out)
{
    array en = read_array(f, "/relax/energies"), fm = read_array(f, "/relax/fmax");
    if (en.v && en.n > 0) {
        fprintf(out, "relax        %zu steps, last energy %.6f eV", en.n, en.v[en.n - 1]);
        if (fm.v && fm.n == en.n) fprintf(out, ", last fmax %.6f eV/Å", fm.v[fm.n - 1]);
        fputc('\n', out);
    }
    array_free(&en), array_free(&fm);
}

static void print_bader(hid_t f, FILE *out)
{
    array pop = read_array(f, "/bader/population"), q = read_array(f, "/bader/charge");
    array vol = read_array(f, "/bader/volume"), num = read_array(f, "/structure/numbers");
    if (pop.v && q.v && vol.v && q.n == pop.n && vol.n == pop.n) {
        char method[64], density[512];
        fprintf(out, "bader        method %s, density %s\n", attr_text(f, "/bader", "method", method, sizeof method),
                attr_text(f, "/bader", "density", density, sizeof density));
        fprintf(out, "  atom  element  population    charge (e)  volume (Å^3)\n");
        for (size_t i = 0; i < pop.n; i++)
            fprintf(out, "  %4zu  %-7s  %10.4f  %12.4f  %12.4f\n", i,
                    num.v && num.n == pop.n ? element_symbol(as_z(num.v[i])) : "?", pop.v[i], q.v[i], vol.v[i]);
    }
    array_free(&pop), array_free(&q), array_free(&vol), array_free(&num);
}

/* A 1-d dataset of fixed-length strings (results_write_strings): n strings of `width`
 * bytes each (NUL-padded) in one malloc'ed block, or NULL. */
static char *read_strings(hid_t f, const char *path, size_t *n, size_t *width)
{
    /* H5Lexists needs every parent to exist */
    if (H5Lexists(f, "/adsorption", H5P_DEFAULT) <= 0 || H5Lexists(f, "/adsorption/summary", H5P_DEFAULT) <= 0 ||
        H5Lexists(f, path, H5P_DEFAULT) <= 0)
        return NULL;
    hid_t d = H5Dopen2(f, path, H5P_DEFAULT);
    if (d < 0) return NULL;
    hid_t t = H5Dget_type(d), sp = H5Dget_space(d);
    char *buf = NULL;
    hsize_t dims[1] = {0};
    if (H5Tget_class(t) == H5T_STRING && !H5Tis_variable_str(t) && H5Sget_simple_extent_ndims(sp) == 1) {
        H5Sget_simple_extent_dims(sp, dims, NULL);
        *width = H5Tget_size(t), *n = dims[0];
        buf = calloc(*n * *width + 1, 1);
        if (buf && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0) free(buf), buf = NULL;
    }
    H5Sclose(sp), H5Tclose(t), H5Dclose(d);
    return buf;
}

/* task: adsorption: the summary table, sorted by E_b as written. */
static void print_adsorption(hid_t f, FILE *out)
{
    size_t na = 0, np = 0, wa = 0, wp = 0;
    char *ads = read_strings(f, "/adsorption/summary/adsorbate", &na, &wa);
    char *pl = read_strings(f, "/adsorption/summary/placement", &np, &wp);
    array eb = read_array(f, "/adsorption/summary/energy"), dft = read_array(f, "/adsorption/summary/energy_dft");
    array d2 = read_array(f, "/adsorption/summary/energy_d2"), q = read_array(f, "/adsorption/summary/charge_transfer");
    array st = read_array(f, "/adsorption/summary/stage");
    if (ads && pl && na == np && eb.v && eb.n == na && dft.n == na && d2.n == na && q.n == na && st.n == na) {
        fprintf(out, "adsorption   %zu placement row%s, sorted by E_b (eV; negative = bound; q: Bader charge of the "
                "adsorbate, e)\n", na, na == 1 ? "" : "s");
        fprintf(out, "  %-12s %-28s %5s %10s %10s %10s %8s\n", "adsorbate", "placement", "stage", "E_b", "DFT", "D2", "q");
        for (size_t i = 0; i < na; i++)
            fprintf(out, "  %-12.*s %-28.*s %5.0f %10.4f %10.4f %10.4f %8.4f\n", (int)wa, ads + i * wa, (int)wp,
                    pl + i * wp, st.v[i], eb.v[i], dft.v[i], d2.v[i], q.v[i]);
    }
    free(ads), free(pl);
    array_free(&eb), array_free(&dft), array_free(&d2), array_free(&q), array_free(&st);
}

/* Opens and checks the file; returns the HDF5 file or -1 with the reason in e. */
static hid_t open_results(const char *path, err *e)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return err_set(e, EXIT_BAD_INPUT, "info: %s: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode)) return err_set(e, EXIT_BAD_INPUT, "info: %s: is a directory, not a results file", path);
    if (H5Fis_hdf5(path) <= 0)
        return err_set(e, EXIT_BAD_INPUT, "info: %s: not an HDF5 file (pawsorb results files are HDF5)", path);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return err_set(e, EXIT_BAD_INPUT, "info: %s: HDF5 cannot open it (damaged?)", path);
    char program[64];
    if (strcmp(attr_text(f, "/", "program", program, sizeof program), "pawsorb") != 0) {
        H5Fclose(f);
        return err_set(e, EXIT_BAD_INPUT, "info: %s: not a pawsorb results file (root attribute program is '%s', "
                       "expected 'pawsorb')", path, program);
    }
    return f;
}

static int info_print(const char *path, FILE *out, err *e)
{
    hid_t f = open_results(path, e);
    if (f < 0) return -1;
    int natoms = 0;
    fprintf(out, "results      %s\n", path);
    print_provenance(f, out);
    print_structure(f, out, &natoms);
    print_energy(f, out);
    print_forces(f, out, natoms);
    print_scf_electrons(f, out);
    print_electrostatics(f, out);
    print_relax(f, out);
    print_bader(f, out);
    print_adsorption(f, out);
    H5Fclose(f);
    return 0;
}

int cmd_info(const comm_ctx *comm, int argc, char **argv)
{
    if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        if (comm->rank == 0) puts("usage: pawsorb info FILE.h5   (summary of a results file)");
        return EXIT_OK;
    }
    if (argc != 2) return cmd_fail(comm, "info: expected one argument, the results file (usage: pawsorb info FILE.h5)",
                                   EXIT_BAD_INPUT);
    err e = {0};
    int status = EXIT_OK;
    if (comm->rank == 0) {
        H5Eset_auto2(H5E_DEFAULT, NULL, NULL);   /* errors are ours to word */
        if (info_print(argv[1], stdout, &e)) status = e.status;
        fflush(stdout);
    }
    MPI_Bcast(&status, 1, MPI_INT, 0, comm->world);
    MPI_Bcast(e.msg, sizeof e.msg, MPI_CHAR, 0, comm->world);
    return status ? cmd_fail(comm, e.msg, status) : EXIT_OK;
}
