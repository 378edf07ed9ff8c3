/* Unit tests of io/results and io/sha256: SHA-256 against the FIPS 180-4 / NIST example
 * vectors; a results file written through the API and read back with the plain HDF5 API
 * (layout, `units` attributes, values converted to eV/Angstrom); an interrupted write
 * (a child process that _exit()s before results_close) leaves the older file intact; a
 * sealed file (results_open_sealed, the checkpoint's): its user block holds the SHA-256
 * of the rest (computed here from the bytes), plain HDF5 and io/h5read read it, blocks
 * written by results_write_block come back, and one changed byte, a truncation or a
 * missing seal are refused with messages naming the file.
 *
 * Expected numbers in eV and Angstrom were computed with ASE 3.22's ase.units
 * (`/usr/bin/python3 tests/reference/check_results.py --constants` prints them), not with
 * pawsorb's own units.h. */
#include "core/err.h"
#include "io/h5read.h"
#include "io/results.h"
#include "tap.h"

#include <hdf5.h>
#include <mpi.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- SHA-256 ---------------------------------------------------------------------- */

static void test_sha256(const char *dir)
{
    char hex[65];
    sha256_hex("", 0, hex);
    ok(strcmp(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855") == 0, "sha256('')");
    sha256_hex("abc", 3, hex);
    ok(strcmp(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0, "sha256('abc')");
    const char *m448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"; /* 56 bytes: 2 blocks */
    sha256_hex(m448, strlen(m448), hex);
    ok(strcmp(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1") == 0,
       "sha256 of the 448-bit NIST message: %s", hex);
    /* One million 'a', fed in uneven pieces to exercise the block buffering. */
    sha256_ctx c;
    unsigned char d[32];
    char piece[997];
    memset(piece, 'a', sizeof piece);
    sha256_init(&c);
    size_t left = 1000000;
    while (left > 0) {
        size_t n = left < sizeof piece ? left : sizeof piece;
        sha256_update(&c, piece, n);
        left -= n;
    }
    sha256_final(&c, d);
    for (int i = 0; i < 32; i++) snprintf(hex + 2 * i, 3, "%02x", d[i]);
    ok(strcmp(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0") == 0,
       "sha256 of 10^6 'a' in 997-byte pieces");

    char path[512];
    snprintf(path, sizeof path, "%s/abc.txt", dir);
    FILE *f = fopen(path, "w");
    fputs("abc", f);
    fclose(f);
    err e = {0};
    ok(sha256_file(path, hex, &e) == 0 && strncmp(hex, "ba7816bf", 8) == 0, "sha256_file");
    snprintf(path, sizeof path, "%s/missing.gz", dir);
    ok(sha256_file(path, hex, &e) == -1 && strstr(e.msg, "missing.gz"), "missing file named: %s", e.msg);
}

/* ---- Reading back with the plain HDF5 API ------------------------------------------ */

static char *read_attr_string(hid_t obj, const char *name)
{
    static char buf[4096];
    buf[0] = '\0';
    if (H5Aexists(obj, name) <= 0) return buf;
    hid_t a = H5Aopen(obj, name, H5P_DEFAULT), t = H5Aget_type(a);
    if (H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) > 0) {
        char *s = NULL;
        hid_t mt = H5Tcopy(H5T_C_S1);
        H5Tset_size(mt, H5T_VARIABLE);
        H5Tset_cset(mt, H5Tget_cset(t));
        if (H5Aread(a, mt, &s) >= 0 && s) snprintf(buf, sizeof buf, "%s", s), H5free_memory(s);
        H5Tclose(mt);
    }
    H5Tclose(t), H5Aclose(a);
    return buf;
}

static char *dset_units(hid_t file, const char *path)
{
    hid_t d = H5Oopen(file, path, H5P_DEFAULT);
    if (d < 0) return "";
    char *u = read_attr_string(d, "units");
    H5Oclose(d);
    return u;
}

/* Reads a whole double dataset (at most `max` values); returns the number of values or -1,
 * and its shape in dims (ndim returned through *ndim). */
static long read_doubles(hid_t file, const char *path, double *out, long max, int *ndim, hsize_t dims[4])
{
    if (H5Lexists(file, path, H5P_DEFAULT) <= 0) return -1;
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT), sp = H5Dget_space(d);
    *ndim = H5Sget_simple_extent_ndims(sp);
    H5Sget_simple_extent_dims(sp, dims, NULL);
    long n = (long)H5Sget_simple_extent_npoints(sp);
    herr_t st = n <= max ? H5Dread(d, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) : -1;
    H5Sclose(sp), H5Dclose(d);
    return st < 0 ? -1 : n;
}

static double read_scalar(hid_t file, const char *path)
{
    double v = NAN;
    int nd;
    hsize_t dims[4];
    read_doubles(file, path, &v, 1, &nd, dims);
    return v;
}

static int is_h5py_bool(hid_t file, const char *path)
{
    hid_t d = H5Dopen2(file, path, H5P_DEFAULT);
    if (d < 0) return 0;
    hid_t t = H5Dget_type(d);
    char *n0 = NULL, *n1 = NULL;
    int good = H5Tget_class(t) == H5T_ENUM && H5Tget_nmembers(t) == 2 && H5Tget_size(t) == 1 &&
               (n0 = H5Tget_member_name(t, 0)) && (n1 = H5Tget_member_name(t, 1)) &&
               strcmp(n0, "FALSE") == 0 && strcmp(n1, "TRUE") == 0;
    H5free_memory(n0), H5free_memory(n1);
    H5Tclose(t), H5Dclose(d);
    return good;
}

/* H5Ovisit callback: counts datasets and those without a units attribute. */
typedef struct { int datasets, without_units; char first_bad[256]; } units_census;

static herr_t census_cb(hid_t obj, const char *name, const H5O_info_t *info, void *data)
{
    units_census *c = data;
    if (info->type != H5O_TYPE_DATASET) return 0;
    c->datasets++;
    hid_t d = H5Oopen(obj, name, H5P_DEFAULT);
    if (H5Aexists(d, "units") <= 0 && c->without_units++ == 0) snprintf(c->first_bad, sizeof c->first_bad, "%s", name);
    H5Oclose(d);
    return 0;
}

/* ---- A file with known values ------------------------------------------------------- */

/* H2O-like: 3 atoms in a 10-bohr cube, atom 0 fixed; numbers chosen to be easy to check. */
static void fill_structure(structure *s)
{
    structure_alloc(s, 3);
    for (int i = 0; i < 3; i++) s->cell[i][i] = 10.0;
    s->pbc[0] = s->pbc[1] = 1;
    int z[3] = {8, 1, 1};
    double pos[3][3] = {{5, 5, 5}, {6.5, 5, 5}, {5, 6.5, 2.0}};
    memcpy(s->numbers, z, sizeof z);
    memcpy(s->pos, pos, sizeof pos);
    s->fixed[0] = 1;
}

static int write_known(const char *path, const char *setup_file, double total_ha, const char *status, err *e)
{
    results *r = results_open(MPI_COMM_WORLD, path, e);
    if (!r) return -1;
    structure s;
    fill_structure(&s);
    const char *setups[1] = {setup_file};
    results_term terms[2] = {{"kinetic", 2.0}, {"hartree", -0.2}};
    results_energy en = {total_ha, -1.3, 0.0, 2, terms};
    double f[3][3] = {{0, 0, 0.02}, {0.01, 0, 0}, {0, -0.01, 0}};
    double hist_e[3] = {-1.0, -1.2, -1.25}, hist_d[3] = {1e-1, 1e-3, 1e-5};
    results_scf scf = {1, 3, 3, hist_e, hist_d};
    double eig[2 * 2 * 3] = {-1, -0.5, 0.1, -1, -0.5, 0.2, -0.9, -0.4, 0.1, -0.9, -0.4, 0.2};
    double occ[2 * 2 * 3] = {1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 1, 0};
    double kpts[2][3] = {{0, 0, 0}, {0.5, 0, 0}}, kw[2] = {0.25, 0.75};
    results_electrons el = {-0.2, 2, 2, 3, eig, occ, kpts, kw};
    double pop[3] = {8.9, 0.55, 0.55}, zz[3] = {8, 1, 1}, vol[3] = {100, 20, 20};
    results_bader bader = {"weight", "all-electron", 3, pop, zz, vol};
    size_t d222[3] = {2, 2, 2};
    double cube[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    int st = results_set_input(r, "task: scf\nstructure: {file: h2o.xyz}\n", e) ||
             results_set_setups(r, 1, setups, e) || results_write_structure(r, &s, e) ||
             results_write_structure(r, &s, e) /* replaced, not an error */ ||
             results_write_energy(r, &en, e) || results_write_forces(r, 3, f, e) ||
             results_write_scf(r, &scf, e) || results_write_electrons(r, &el, e) ||
             results_write_bader(r, &bader, e) ||
             results_write_array(r, "/extra/grid/density", 3, d222, cube, RESULTS_DENSITY, e);
    for (int step = 0; step < 3 && !st; step++) {
        s.pos[1][0] = 6.5 - 0.1 * step;
        st = results_relax_append(r, -1.0 - 0.1 * step, 3, s.pos, 0.02 / (step + 1), e);
    }
    if (!st) st = results_set_status(r, status, e);
    structure_free(&s);
    if (st) {
        results_abort(r);
        return -1;
    }
    return results_close(r, e);
}

/* Tolerance for converted values: the conversion is one multiplication (a few ulp). */
#define TOL 1e-12

static void check_layout(const char *path, const char *setup_file)
{
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    ok(f >= 0, "the results file opens with serial HDF5");
    if (f < 0) return;
    hid_t root = H5Gopen2(f, "/", H5P_DEFAULT);
    ok(strcmp(read_attr_string(root, "program"), "pawsorb") == 0, "program = pawsorb");
    ok(strlen(read_attr_string(root, "version")) > 0 && strlen(read_attr_string(root, "git_revision")) > 0,
       "version and git_revision present");
    const char *created = read_attr_string(root, "created");
    ok(strlen(created) == 20 && created[4] == '-' && created[10] == 'T' && created[19] == 'Z',
       "created is ISO 8601 UTC: %s", created);
    ok(strcmp(read_attr_string(root, "status"), "ok") == 0, "status = ok");
    ok(strstr(read_attr_string(root, "input"), "structure: {file: h2o.xyz}") != NULL, "input text kept");
    int ranks = 0;
    double wall = -1;
    hid_t a = H5Aopen(root, "mpi_ranks", H5P_DEFAULT);
    H5Aread(a, H5T_NATIVE_INT, &ranks), H5Aclose(a);
    a = H5Aopen(root, "wall_time", H5P_DEFAULT);
    H5Aread(a, H5T_NATIVE_DOUBLE, &wall), H5Aclose(a);
    ok(ranks == 1 && wall >= 0 && wall < 60, "mpi_ranks = %d, wall_time = %g s", ranks, wall);
    /* setups: one path and the SHA-256 of its bytes ("abc") */
    a = H5Aopen(root, "setups_sha256", H5P_DEFAULT);
    hid_t mt = H5Tcopy(H5T_C_S1);
    H5Tset_size(mt, H5T_VARIABLE);
    char *sum = NULL;
    ok(a >= 0 && H5Aread(a, mt, &sum) >= 0 && sum &&
           strcmp(sum, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") == 0,
       "setups_sha256 is the dataset file's SHA-256");
    H5free_memory(sum), H5Aclose(a);
    a = H5Aopen(root, "setups", H5P_DEFAULT);
    char *sp = NULL;
    ok(a >= 0 && H5Aread(a, mt, &sp) >= 0 && sp && strcmp(sp, setup_file) == 0, "setups names the file");
    H5free_memory(sp), H5Aclose(a), H5Tclose(mt), H5Gclose(root);

    double v[64];
    int nd;
    hsize_t dims[4];
    long n = read_doubles(f, "/structure/cell", v, 64, &nd, dims);
    ok(n == 9 && nd == 2 && dims[0] == 3 && dims[1] == 3, "cell is (3,3)");
    near(v[0], 5.291772105638412, TOL, "cell a1.x = 10 bohr in Angstrom");
    ok(strcmp(dset_units(f, "/structure/cell"), "Angstrom") == 0, "cell units Angstrom");
    n = read_doubles(f, "/structure/positions", v, 64, &nd, dims);
    ok(n == 9 && dims[0] == 3 && dims[1] == 3, "positions (N,3)");
    near(v[8], 1.0583544211276823, TOL, "position z of atom 2 = 2 bohr in Angstrom");
    n = read_doubles(f, "/structure/numbers", v, 64, &nd, dims);
    ok(n == 3 && v[0] == 8 && v[1] == 1 && v[2] == 1, "numbers 8 1 1");
    ok(is_h5py_bool(f, "/structure/pbc") && is_h5py_bool(f, "/structure/fixed"), "pbc, fixed are h5py bools");
    n = read_doubles(f, "/structure/pbc", v, 64, &nd, dims);
    ok(n == 3 && v[0] == 1 && v[1] == 1 && v[2] == 0, "pbc T T F");
    n = read_doubles(f, "/structure/fixed", v, 64, &nd, dims);
    ok(n == 3 && v[0] == 1 && v[1] == 0, "fixed T F F");

    near(read_scalar(f, "/energy/total"), -34.014232530459054, TOL, "energy/total eV");
    near(read_scalar(f, "/energy/free"), -35.374801831677416, TOL, "energy/free eV");
    near(read_scalar(f, "/energy/dispersion"), 0.0, 0, "energy/dispersion 0");
    near(read_scalar(f, "/energy/components/kinetic"), 54.42277204873449, TOL, "components/kinetic eV");
    near(read_scalar(f, "/energy/components/hartree"), -5.442277204873449, TOL, "components/hartree eV");
    ok(strcmp(dset_units(f, "/energy/total"), "eV") == 0, "energy units eV");

    n = read_doubles(f, "/forces", v, 64, &nd, dims);
    ok(n == 9 && strcmp(dset_units(f, "/forces"), "eV/Angstrom") == 0, "forces (3,3) eV/Angstrom");
    near(v[2], 1.028441341809613, TOL, "force 0.02 hartree/bohr in eV/Angstrom");

    ok(is_h5py_bool(f, "/scf/converged") && read_scalar(f, "/scf/converged") == 1, "scf/converged true");
    ok(read_scalar(f, "/scf/iterations") == 3, "scf/iterations 3");
    typedef struct { int it; double en, dn; } row;
    row rows[3];
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(row));
    H5Tinsert(t, "iteration", HOFFSET(row, it), H5T_NATIVE_INT);
    H5Tinsert(t, "energy", HOFFSET(row, en), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "density_change", HOFFSET(row, dn), H5T_NATIVE_DOUBLE);
    hid_t d = H5Dopen2(f, "/scf/history", H5P_DEFAULT);
    ok(d >= 0 && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, rows) >= 0, "scf/history reads as a table");
    H5Tclose(t), H5Dclose(d);
    ok(rows[2].it == 3 && rows[2].dn == 1e-5, "history row 3: iteration 3, density change 1e-5");
    near(rows[2].en, -34.014232530459054, TOL, "history row 3 energy eV");

    near(read_scalar(f, "/electrons/fermi_level"), -5.442277204873449, TOL, "fermi level eV");
    n = read_doubles(f, "/electrons/eigenvalues", v, 64, &nd, dims);
    ok(n == 12 && nd == 3 && dims[0] == 2 && dims[1] == 2 && dims[2] == 3, "eigenvalues (spin,k,band) = (2,2,3)");
    near(v[6 + 3 + 2], 0.2 * 27.211386024367243, TOL, "eigenvalue [1][1][2] in eV");
    n = read_doubles(f, "/electrons/occupations", v, 64, &nd, dims);
    ok(n == 12 && v[2] == 0 && v[3] == 1, "occupations (2,2,3)");
    n = read_doubles(f, "/electrons/kpoints", v, 64, &nd, dims);
    ok(n == 6 && dims[0] == 2 && dims[1] == 3 && v[3] == 0.5, "kpoints (k,3) fractional");
    n = read_doubles(f, "/electrons/kweights", v, 64, &nd, dims);
    ok(n == 2 && v[0] == 0.25 && v[1] == 0.75, "kweights");

    n = read_doubles(f, "/relax/energies", v, 64, &nd, dims);
    ok(n == 3 && nd == 1, "relax/energies has 3 steps");
    near(v[2], -32.65366322924069, TOL, "relax energy of step 3 eV");
    n = read_doubles(f, "/relax/positions", v, 64, &nd, dims);
    ok(n == 27 && nd == 3 && dims[0] == 3 && dims[1] == 3 && dims[2] == 3, "relax/positions (3,3,3)");
    near(v[2 * 9 + 3], 3.333816426552199, TOL, "relax step 3, atom 1 x = 6.3 bohr in Angstrom");
    n = read_doubles(f, "/relax/fmax", v, 64, &nd, dims);
    ok(n == 3, "relax/fmax 3 steps");
    near(v[2], 0.34281378060320433, TOL, "relax fmax step 3 eV/Angstrom");

    n = read_doubles(f, "/bader/charge", v, 64, &nd, dims);
    ok(n == 3 && strcmp(dset_units(f, "/bader/charge"), "e") == 0, "bader/charge (N,) e");
    near(v[0], -0.9, 1e-12, "bader charge of O = 8 - 8.9");
    n = read_doubles(f, "/bader/volume", v, 64, &nd, dims);
    near(v[0], 14.818471118724036, TOL, "bader volume 100 bohr^3 in Angstrom^3");
    ok(strcmp(dset_units(f, "/bader/population"), "electrons") == 0, "bader population units electrons");
    hid_t g = H5Gopen2(f, "/bader", H5P_DEFAULT);
    ok(strcmp(read_attr_string(g, "method"), "weight") == 0 && strcmp(read_attr_string(g, "density"), "all-electron") == 0,
       "bader attributes method, density");
    H5Gclose(g);

    n = read_doubles(f, "/extra/grid/density", v, 64, &nd, dims);
    ok(n == 8 && nd == 3 && strcmp(dset_units(f, "/extra/grid/density"), "electrons/Angstrom^3") == 0,
       "generic array: (2,2,2), intermediate groups created, units");
    near(v[7], 47.23834155303023, 1e-10, "generic array converted: 7 e/bohr^3 in e/Angstrom^3");

    units_census c = {0};
    H5Ovisit(f, H5_INDEX_NAME, H5_ITER_NATIVE, census_cb, &c);
    ok(c.datasets >= 25 && c.without_units == 0, "all %d datasets carry units (first without: %s)", c.datasets,
       c.first_bad);
    H5Fclose(f);
}

/* ---- Failures --------------------------------------------------------------------- */

static void test_open_errors(const char *dir)
{
    err e = {0};
    char path[512];
    snprintf(path, sizeof path, "%s/no/such/dir/out.h5", dir);
    results *r = results_open(MPI_COMM_WORLD, path, &e);
    ok(!r && e.status == EXIT_BAD_INPUT && strstr(e.msg, path) && strstr(e.msg, "No such file"),
       "missing directory: %s", e.msg);
    err_clear(&e);
    r = results_open(MPI_COMM_WORLD, dir, &e);
    ok(!r && e.status == EXIT_BAD_INPUT && strstr(e.msg, "is a directory"), "directory as target: %s", e.msg);
    err_clear(&e);
    snprintf(path, sizeof path, "%s/aborted.h5", dir);
    r = results_open(MPI_COMM_WORLD, path, &e);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s", r ? results_tmp_path(r) : "");
    ok(r && access(tmp, F_OK) == 0 && access(path, F_OK) != 0, "while open only the temporary file exists");
    results_abort(r);
    ok(access(tmp, F_OK) != 0 && access(path, F_OK) != 0, "results_abort leaves nothing behind");
    err_clear(&e);
    size_t dims[2] = {4, 2};
    double rows[8] = {0, 1, 2, 3, 4, 5, 6, 7};
    r = results_open(MPI_COMM_WORLD, path, &e);
    ok(r && results_write_array_rows(r, "/grid/rows", 2, dims, 1, 3, rows, RESULTS_LENGTH, &e) == -1 &&
           strstr(e.msg, "do not tile"), "row blocks that miss row 0 are refused: %s", e.msg);
    ok(r && results_write_array_rows(r, "/grid/rows", 2, dims, 0, 4, rows, RESULTS_LENGTH, &e) == 0,
       "one rank holding all rows writes");
    if (r) results_close(r, &e);
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    double v[8] = {0};
    int nd;
    hsize_t hd[4];
    ok(f >= 0 && read_doubles(f, "/grid/rows", v, 8, &nd, hd) == 8 && nd == 2, "rows dataset (4,2)");
    near(v[7], 3.704240473946888, TOL, "rows converted: 7 bohr in Angstrom");
    if (f >= 0) H5Fclose(f);
    const char *bad_setup[1] = {"/nonexistent/O.PBE.gz"};
    r = results_open(MPI_COMM_WORLD, path, &e);
    ok(r && results_set_setups(r, 1, bad_setup, &e) == -1 && strstr(e.msg, "/nonexistent/O.PBE.gz"),
       "unreadable dataset file named: %s", e.msg);
    if (r) results_abort(r);
}

/* Before MPI_Init in the parent (Open MPI does not support fork after MPI_Init): one
 * child writes a complete file, a second starts overwriting it and dies before
 * results_close. Returns the second child's exit status. */
static int child_write(const char *path, const char *setup, int interrupt)
{
    pid_t pid = fork();
    if (pid == 0) {
        MPI_Init(NULL, NULL);
        err e = {0};
        if (!interrupt) _exit(write_known(path, setup, -1.25, "ok", &e) ? 1 : (MPI_Finalize(), 0));
        results *r = results_open(MPI_COMM_WORLD, path, &e);
        results_energy en = {-99.0, -99.0, 0, 0, NULL};
        if (!r || results_write_energy(r, &en, &e) || results_set_status(r, "ok", &e)) _exit(1);
        _exit(0);   /* killed: no results_close, no MPI_Finalize */
    }
    int status = -1;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

static void check_interrupted(const char *path, const char *setup, int first_rc, int second_rc)
{
    ok(first_rc == 0 && second_rc == 0, "children ran (complete write %d, interrupted write %d)", first_rc, second_rc);
    check_layout(path, setup);   /* the complete file, untouched */
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    near(f >= 0 ? read_scalar(f, "/energy/total") : NAN, -34.014232530459054, TOL,
         "after the interrupted write the old energy is still there");
    if (f >= 0) H5Fclose(f);
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "ls %s.tmp.* >/dev/null 2>&1", path);
    ok(system(cmd) == 0, "the interrupted write left only its temporary file");
    snprintf(cmd, sizeof cmd, "rm -f %s.tmp.*", path);
    if (system(cmd)) {}
}

/* Updating a complete file adds/replaces groups and keeps the rest. */
static void test_update(const char *dir, const char *setup)
{
    char path[300], created[64];
    err e = {0};
    snprintf(path, sizeof path, "%s/update.h5", dir);
    ok(write_known(path, setup, -1.25, "ok", &e) == 0, "file to update written");
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    snprintf(created, sizeof created, "%s", read_attr_string(f, "created"));
    H5Fclose(f);
    results *r = results_open_update(MPI_COMM_WORLD, path, &e);
    double pop[3] = {8.5, 0.75, 0.75}, zz[3] = {8, 1, 1}, vol[3] = {90, 25, 25};
    results_bader b = {"near-grid", "h2o_density.cube", 3, pop, zz, vol};
    double p3[3][3] = {{5, 5, 5}, {6.2, 5, 5}, {5, 6.5, 2}};
    ok(r && results_write_bader(r, &b, &e) == 0 && results_relax_append(r, -1.3, 3, p3, 0.001, &e) == 0 &&
           results_close(r, &e) == 0, "update: bader replaced, one relax step appended: %s", e.msg);
    f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    double v[64];
    int nd;
    hsize_t dims[4];
    ok(read_doubles(f, "/bader/population", v, 32, &nd, dims) == 3 && v[0] == 8.5, "update: new bader population");
    hid_t g = H5Gopen2(f, "/bader", H5P_DEFAULT);
    ok(strcmp(read_attr_string(g, "method"), "near-grid") == 0, "update: bader method replaced");
    H5Gclose(g);
    near(read_scalar(f, "/energy/total"), -34.014232530459054, TOL, "update: energy kept");
    ok(read_doubles(f, "/relax/energies", v, 32, &nd, dims) == 4, "update: relax continues at step 4");
    ok(read_doubles(f, "/relax/positions", v, 64, &nd, dims) == 36 && dims[0] == 4 && dims[1] == 3,
       "update: relax/positions now (4,3,3)");
    ok(strcmp(read_attr_string(f, "created"), created) == 0 && strlen(read_attr_string(f, "modified")) == 20,
       "update: created kept, modified added");
    H5Fclose(f);
    r = results_open_update(MPI_COMM_WORLD, path, &e);
    double p2[2][3] = {{0, 0, 0}, {1, 1, 1}};
    ok(r && results_relax_append(r, -1.0, 2, p2, 0.1, &e) == -1 && strstr(e.msg, "/relax/positions") &&
           strstr(e.msg, "row shape"), "a relax step with another atom count is refused: %s", e.msg);
    if (r) results_abort(r);
    r = results_open_update(MPI_COMM_WORLD, setup, &e);
    FILE *t = fopen(setup, "r");
    char text[8] = "";
    if (t) fgets(text, sizeof text, t), fclose(t);
    ok(!r && e.status == EXIT_BAD_INPUT && strstr(e.msg, "not a pawsorb results file") && strcmp(text, "abc") == 0,
       "update refuses a foreign file and leaves it: %s", e.msg);
    snprintf(path, sizeof path, "%s/new_by_update.h5", dir);
    r = results_open_update(MPI_COMM_WORLD, path, &e);
    ok(r && results_close(r, &e) == 0 && access(path, F_OK) == 0, "update of a missing file creates it");
}

/* ---- Sealed files, blocks and io/h5read -------------------------------------------- */

static unsigned char *slurp(const char *path, long *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    *n = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *b = malloc(*n + 1);
    if (fread(b, 1, *n, f) != (size_t)*n) *n = -1;
    fclose(f);
    return b;
}

static void spit(const char *path, const unsigned char *b, long n)
{
    FILE *f = fopen(path, "wb");
    fwrite(b, 1, n, f);
    fclose(f);
}

static void test_sealed(const char *dir)
{
    char path[300], bad[320];
    snprintf(path, sizeof path, "%s/sealed.h5", dir);
    snprintf(bad, sizeof bad, "%s/bad.h5", dir);
    err e = {0};
    results *r = results_open_sealed(MPI_COMM_WORLD, path, &e);
    double v[2][3][2];
    for (int i = 0; i < 12; i++) (&v[0][0][0])[i] = 0.1 * i - 0.35;
    /* the (1..2, 2..4, 0..1) block of a (4, 5, 2) array; the rest stays 0 (fill value) */
    size_t dims[3] = {4, 5, 2}, start[3] = {1, 2, 0}, cnt[3] = {2, 3, 2};
    const char *words[2] = {"alpha = 1", "beta = two"};
    int rc = !r || results_write_block(r, "/wfs/psi_0", 3, dims, start, cnt, &v[0][0][0], RESULTS_DIMENSIONLESS, &e) ||
             results_write_strings(r, "/checkpoint/fingerprint", 2, words, &e) ||
             results_set_attr(r, "/", "kind", "test", &e) || results_close(r, &e);
    ok(rc == 0, "sealed file written: %s", e.msg);
    long n = 0;
    unsigned char *b = slurp(path, &n);
    char want[65] = "", line[200];
    if (b && n > 512) sha256_hex(b + 512, (size_t)(n - 512), want);
    snprintf(line, sizeof line, "pawsorb sealed sha256=%s size=%ld\n", want, n - 512);
    ok(b && n > 512 && memcmp(b, line, strlen(line)) == 0 && b[strlen(line)] == 0,
       "the user block holds the SHA-256 and size of the bytes after it (%ld bytes)", n - 512);
    ok(results_seal_check(path, &e) == 0, "results_seal_check accepts it");
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    ok(f >= 0 && strcmp(read_attr_string(f, "kind"), "test") == 0, "plain HDF5 opens it past the user block");
    if (f >= 0) H5Fclose(f);

    h5read *h = h5read_open(path, &e);
    double blk[2][3][2], whole[4][5][2];
    size_t s2[3] = {1, 2, 0};
    int good = h && h5read_doubles(h, "/wfs/psi_0", 3, dims, s2, cnt, &blk[0][0][0], &e) == 0 &&
               memcmp(blk, v, sizeof v) == 0 && h5read_doubles(h, "/wfs/psi_0", 3, dims, NULL, NULL, &whole[0][0][0], &e) == 0;
    for (int i = 0; good && i < 4; i++)
        for (int j = 0; j < 5; j++)
            for (int k = 0; k < 2; k++) {
                int in = i >= 1 && i < 3 && j >= 2;
                good = good && whole[i][j][k] == (in ? v[i - 1][j - 2][k] : 0.0);
            }
    ok(good, "the block comes back where it was written, the rest is 0: %s", e.msg);
    size_t wrong[3] = {4, 6, 2};
    ok(h && h5read_doubles(h, "/wfs/psi_0", 3, wrong, NULL, NULL, &whole[0][0][0], &e) == -1 &&
           strstr(e.msg, "shape (4x5x2), (4x6x2) expected"), "another shape is refused: %s", e.msg);
    size_t ns = 0;
    char **str = NULL, kind[32] = "";
    ok(h && h5read_strings(h, "/checkpoint/fingerprint", &ns, &str, &e) == 0 && ns == 2 &&
           strcmp(str[1], "beta = two") == 0 && h5read_attr(h, "/", "kind", kind, sizeof kind, &e) == 0 &&
           strcmp(kind, "test") == 0, "strings and attributes come back");
    h5read_free_strings(ns, str);
    ok(h && h5read_doubles(h, "/missing", 1, NULL, NULL, NULL, &whole[0][0][0], &e) == -1 &&
           strstr(e.msg, "no dataset /missing"), "a missing dataset is named: %s", e.msg);
    h5read_close(h);

    b[n / 2 + 256] ^= 1;
    spit(bad, b, n);
    ok(results_seal_check(bad, &e) == -1 && strstr(e.msg, "bad.h5: corrupted"), "one flipped bit: %s", e.msg);
    b[n / 2 + 256] ^= 1;
    spit(bad, b, n - 100);
    ok(results_seal_check(bad, &e) == -1 && strstr(e.msg, "truncated"), "100 bytes cut: %s", e.msg);
    spit(bad, b + 512, n - 512);
    ok(results_seal_check(bad, &e) == -1 && strstr(e.msg, "not a complete pawsorb checkpoint"),
       "no user block: %s", e.msg);
    spit(bad, (const unsigned char *)"hello", 5);
    ok(h5read_open(bad, &e) == NULL && strstr(e.msg, "not a readable HDF5 file"), "h5read_open of a text file: %s",
       e.msg);
    free(b);
}

int main(void)
{
    char dir[] = "/tmp/pawsorb_test_results_XXXXXX", target[256], setup[256];
    if (!mkdtemp(dir)) return 1;
    snprintf(target, sizeof target, "%s/results.h5", dir);
    snprintf(setup, sizeof setup, "%s/abc.txt", dir);
    FILE *fs = fopen(setup, "w");
    fputs("abc", fs);
    fclose(fs);
    int rc1 = child_write(target, setup, 0);
    int rc2 = child_write(target, setup, 1);

    MPI_Init(NULL, NULL);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    test_sha256(dir);
    check_interrupted(target, setup, rc1, rc2);
    err e = {0};
    char second[300];
    snprintf(second, sizeof second, "%s/second.h5", dir);
    ok(write_known(second, setup, -1.25, "ok", &e) == 0, "write in this process: %s", e.msg);
    check_layout(second, setup);
    test_open_errors(dir);
    test_update(dir, setup);
    test_sealed(dir);
    MPI_Finalize();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd)) {}
    return tap_done();
}
