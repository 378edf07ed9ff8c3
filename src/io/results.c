/* The results file: lifecycle (temporary file + rename), provenance attributes and the
 * primitive writers every group of the contract is built from. Physics groups are in
 * io/results_groups.c.
 *
 * Parallel HDF5 rules followed here (HDF5 "Collective Calling Requirements in Parallel
 * HDF5 Applications"): every call that changes metadata (create/delete a group, dataset
 * or attribute, extend a dataset, write an attribute) is made by all ranks with the same
 * arguments, so attribute values are broadcast from rank 0 first; raw data is written by
 * rank 0 alone with independent transfers, which the other ranks skip. */

#include "config.h"
#include "core/mem.h"
#include "core/units.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/results_internal.h"

const char *results_tmp_path(const results *r) { return r->tmp; }
const char *results_path(const results *r) { return r->path; }

int results_set_group(results *r, const char *group, err *e)
{
    if (group && group[0] && (group[0] != '/' || strlen(group) >= sizeof r->group || group[strlen(group) - 1] == '/'))
        return err_set(e, EXIT_INTERNAL, "%s: group '%s' must be absolute, short, without a trailing /", r->path,
                       group);
    snprintf(r->group, sizeof r->group, "%s", group ? group : "");
    return 0;
}

/* ---- Agreement between ranks ---------------------------------------------------- */

/* Every rank ends a public function here: the lowest rank that failed broadcasts its
 * error, so all ranks return the same value and message. */
int results_agree(const results *r, const err *local, err *e)
{
    int size, mine = local->status ? r->rank : 1 << 30, first;
    MPI_Comm_size(r->comm, &size);
    MPI_Allreduce(&mine, &first, 1, MPI_INT, MPI_MIN, r->comm);
    if (first == 1 << 30) return 0;
    err shared = *local;
    MPI_Bcast(&shared, (int)sizeof shared, MPI_BYTE, first, r->comm);
    if (e) *e = shared;
    return -1;
}

/* Rank 0's string on every rank (malloc'ed; NULL on rank 0 gives ""). */
static char *bcast_string(MPI_Comm comm, int rank, const char *s)
{
    long n = rank == 0 ? (long)(s ? strlen(s) : 0) : 0;
    MPI_Bcast(&n, 1, MPI_LONG, 0, comm);
    char *out = xmalloc((size_t)n + 1);
    if (rank == 0) memcpy(out, s ? s : "", (size_t)n);
    out[n] = '\0';
    if (n > 0) MPI_Bcast(out, (int)n, MPI_CHAR, 0, comm);
    return out;
}

/* ---- HDF5 helpers --------------------------------------------------------------- */

static hid_t string_type(void)
{
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
}

/* h5py's bool: an int8 enum {FALSE = 0, TRUE = 1}. */
static hid_t bool_type(void)
{
    hid_t t = H5Tenum_create(H5T_NATIVE_INT8);
    signed char v = 0;
    H5Tenum_insert(t, "FALSE", &v);
    v = 1;
    H5Tenum_insert(t, "TRUE", &v);
    return t;
}

/* Whether every component of an absolute path exists (H5Lexists needs the parents). */
static int link_exists(hid_t file, const char *path)
{
    char buf[1024];
    if (strlen(path) >= sizeof buf) return 0;
    strcpy(buf, path);
    for (char *p = buf + 1; ; p++) {
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (H5Lexists(file, buf, H5P_DEFAULT) <= 0) return 0;
            if (c == '\0') return 1;
            *p = c;
        }
    }
}

/* The path inside the file: the current group (results_set_group) + path; "/" alone is
 * the group itself. */
static const char *in_group(const results *r, const char *path, char *buf, size_t cap)
{
    if (!r->group[0]) return path;
    snprintf(buf, cap, "%s%s", r->group, strcmp(path, "/") == 0 ? "" : path);
    return buf;
}

/* Creates the group `path` and its parents when missing. */
static int ensure_group(hid_t file, const char *path)
{
    if (link_exists(file, path)) return 0;
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    hid_t g = H5Gcreate2(file, path, lcpl, H5P_DEFAULT, H5P_DEFAULT);
    H5Pclose(lcpl);
    if (g < 0) return -1;
    H5Gclose(g);
    return 0;
}

/* A string attribute on the object `obj` (replaced if present). Collective; value must
 * be the same on all ranks. */
static int attr_string(hid_t obj, const char *name, const char *value)
{
    if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
    hid_t t = string_type(), sp = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    herr_t st = a < 0 ? -1 : H5Awrite(a, t, &value);
    if (a >= 0) H5Aclose(a);
    H5Sclose(sp), H5Tclose(t);
    return st < 0 ? -1 : 0;
}

static int attr_scalar(hid_t obj, const char *name, hid_t type, const void *value)
{
    if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
    hid_t sp = H5Screate(H5S_SCALAR);
    hid_t a = H5Acreate2(obj, name, type, sp, H5P_DEFAULT, H5P_DEFAULT);
    herr_t st = a < 0 ? -1 : H5Awrite(a, type, value);
    if (a >= 0) H5Aclose(a);
    H5Sclose(sp);
    return st < 0 ? -1 : 0;
}

/* A string-array attribute (n strings, same on all ranks). */
static int attr_strings(hid_t obj, const char *name, int n, const char *const *values)
{
    if (H5Aexists(obj, name) > 0) H5Adelete(obj, name);
    hsize_t dim = (hsize_t)n;
    hid_t t = string_type(), sp = H5Screate_simple(1, &dim, NULL);
    hid_t a = H5Acreate2(obj, name, t, sp, H5P_DEFAULT, H5P_DEFAULT);
    herr_t st = a < 0 ? -1 : n == 0 ? 0 : H5Awrite(a, t, values);
    if (a >= 0) H5Aclose(a);
    H5Sclose(sp), H5Tclose(t);
    return st < 0 ? -1 : 0;
}

/* Creates (replacing) the dataset `path` with intermediate groups, writes rank 0's data
 * and the units attribute. maxdims/chunk may be NULL (fixed size, contiguous). */
static hid_t create_dataset(results *r, const char *rel, hid_t ftype, int ndim, const hsize_t *dims,
                            const hsize_t *maxdims, const hsize_t *chunk, const char *units, err *e)
{
    char buf[1600];
    const char *path = in_group(r, rel, buf, sizeof buf);
    if (rel[0] != '/' || strlen(path) >= 1024) {
        err_set(e, EXIT_INTERNAL, "%s: dataset path '%s' must be absolute and short", r->path, path);
        return -1;
    }
    if (link_exists(r->file, path) && H5Ldelete(r->file, path, H5P_DEFAULT) < 0) {
        err_set(e, EXIT_INTERNAL, "%s: cannot replace the dataset %s", r->tmp, path);
        return -1;
    }
    hid_t lcpl = H5Pcreate(H5P_LINK_CREATE), dcpl = H5Pcreate(H5P_DATASET_CREATE);
    H5Pset_create_intermediate_group(lcpl, 1);
    if (chunk) H5Pset_chunk(dcpl, ndim, chunk);
    hid_t sp = ndim == 0 ? H5Screate(H5S_SCALAR) : H5Screate_simple(ndim, dims, maxdims);
    hid_t d = H5Dcreate2(r->file, path, ftype, sp, lcpl, dcpl, H5P_DEFAULT);
    H5Sclose(sp), H5Pclose(lcpl), H5Pclose(dcpl);
    if (d < 0) {
        err_set(e, EXIT_INTERNAL, "%s: HDF5 cannot create the dataset %s", r->tmp, path);
        return -1;
    }
    if (attr_string(d, "units", units)) {
        H5Dclose(d);
        err_set(e, EXIT_INTERNAL, "%s: cannot write %s's units attribute", r->tmp, path);
        return -1;
    }
    return d;
}

/* Creates `path` of type ftype and shape dims, and has rank 0 write `data` (mtype). */
static int write_whole(results *r, const char *path, hid_t ftype, hid_t mtype, int ndim, const size_t *dims,
                       const void *data, const char *units, err *e)
{
    hsize_t hd[8];
    size_t n = 1;
    if (ndim < 0 || ndim > 8) return err_set(e, EXIT_INTERNAL, "%s: %s: %d dimensions", r->path, path, ndim);
    for (int i = 0; i < ndim; i++) hd[i] = dims[i], n *= dims[i];
    hid_t d = create_dataset(r, path, ftype, ndim, hd, NULL, NULL, units, e);
    if (d < 0) return -1;
    int st = 0;
    if (r->rank == 0 && n > 0) {
        if (!data) st = err_set(e, EXIT_INTERNAL, "%s: no data for %s on rank 0", r->path, path);
        else if (H5Dwrite(d, mtype, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
            st = err_set(e, EXIT_RUN_FAILED, "%s: writing %s failed (disk full?)", r->tmp, path);
    }
    H5Dclose(d);
    return st;
}

/* ---- Generic writers -------------------------------------------------------------- */

static const struct {
    const char *units;
    double factor;     /* output value = atomic-unit value * factor */
} quantity[] = {
    [RESULTS_DIMENSIONLESS] = {"1", 1.0},
    [RESULTS_ENERGY] = {"eV", HARTREE_EV},
    [RESULTS_LENGTH] = {"Angstrom", BOHR_ANG},
    [RESULTS_FORCE] = {"eV/Angstrom", HA_PER_BOHR_TO_EV_PER_ANG},
    [RESULTS_VOLUME] = {"Angstrom^3", BOHR_ANG * BOHR_ANG * BOHR_ANG},
    [RESULTS_DENSITY] = {"electrons/Angstrom^3", 1.0 / (BOHR_ANG * BOHR_ANG * BOHR_ANG)},
    [RESULTS_ELECTRONS] = {"electrons", 1.0},
    [RESULTS_CHARGE] = {"e", 1.0},
    [RESULTS_TIME] = {"s", 1.0},
    [RESULTS_AU_LENGTH] = {"bohr", 1.0},
    [RESULTS_AU_ENERGY] = {"hartree", 1.0},
    [RESULTS_AU_FORCE] = {"hartree/bohr", 1.0},
    [RESULTS_AU_DENSITY] = {"electrons/bohr^3", 1.0},
};

int results_write_array(results *r, const char *h5path, int ndim, const size_t *dims, const double *data,
                        results_quantity q, err *e)
{
    err local = {0};
    if ((unsigned)q >= sizeof quantity / sizeof *quantity)
        return err_set(e, EXIT_INTERNAL, "%s: %s: unknown quantity %d", r->path, h5path, (int)q);
    size_t n = 1;
    for (int i = 0; i < ndim; i++) n *= dims[i];
    double *conv = NULL;
    if (r->rank == 0 && data && n > 0) {
        conv = xmalloc(n * sizeof *conv);
        for (size_t i = 0; i < n; i++) conv[i] = data[i] * quantity[q].factor;
    }
    write_whole(r, h5path, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, ndim, dims, conv, quantity[q].units, &local);
    free(conv);
    return results_agree(r, &local, e);
}

/* The row blocks of all ranks must cover 0..n0-1 exactly once. */
static int check_tiling(const results *r, const char *path, size_t n0, size_t offset0, size_t count0, err *e)
{
    int size;
    MPI_Comm_size(r->comm, &size);
    unsigned long long mine[2] = {offset0, count0}, *all = xmalloc(2 * (size_t)size * sizeof *all);
    MPI_Allgather(mine, 2, MPI_UNSIGNED_LONG_LONG, all, 2, MPI_UNSIGNED_LONG_LONG, r->comm);
    unsigned long long total = 0;
    int bad = 0;
    for (int i = 0; i < size && !bad; i++) {
        total += all[2 * i + 1];
        bad = all[2 * i + 1] > 0 && all[2 * i] + all[2 * i + 1] > n0;
        for (int j = 0; j < i && !bad; j++)   /* pairwise overlap of non-empty blocks */
            bad = all[2 * i + 1] && all[2 * j + 1] && all[2 * i] < all[2 * j] + all[2 * j + 1] &&
                  all[2 * j] < all[2 * i] + all[2 * i + 1];
    }
    free(all);
    if (bad || total != n0)
        return err_set(e, EXIT_INTERNAL, "%s: %s: the ranks' row blocks do not tile the %zu rows", r->path, path, n0);
    return 0;
}

int results_write_array_rows(results *r, const char *h5path, int ndim, const size_t *dims, size_t offset0,
                             size_t count0, const double *local, results_quantity q, err *e)
{
    if (ndim < 1 || ndim > 8 || (unsigned)q >= sizeof quantity / sizeof *quantity)
        return err_set(e, EXIT_INTERNAL, "%s: %s: bad shape or quantity", r->path, h5path);
    if (check_tiling(r, h5path, dims[0], offset0, count0, e)) return -1;
    /* whole rows: the block that starts at row offset0 and spans the other axes */
    size_t start[8] = {offset0}, count[8] = {count0};
    for (int i = 1; i < ndim; i++) count[i] = dims[i];
    return results_write_block(r, h5path, ndim, dims, start, count, local, q, e);
}

int results_write_block(results *r, const char *h5path, int ndim, const size_t *dims, const size_t *start,
                        const size_t *count, const double *local, results_quantity q, err *e)
{
    err local_err = {0};
    if (ndim < 1 || ndim > 8 || (unsigned)q >= sizeof quantity / sizeof *quantity)
        return err_set(e, EXIT_INTERNAL, "%s: %s: bad shape or quantity", r->path, h5path);
    hsize_t hd[8], st[8], cnt[8];
    size_t n = 1;
    for (int i = 0; i < ndim; i++) {
        hd[i] = dims[i], st[i] = start[i], cnt[i] = count[i], n *= count[i];
        if (count[i] && start[i] + count[i] > dims[i])
            err_set(&local_err, EXIT_INTERNAL, "%s: %s: block outside the array (axis %d)", r->path, h5path, i);
    }
    if (results_agree(r, &local_err, e)) return -1;
    double *conv = xmalloc((n > 0 ? n : 1) * sizeof *conv);
    for (size_t i = 0; i < n; i++) conv[i] = local[i] * quantity[q].factor;
    hid_t d = create_dataset(r, h5path, H5T_IEEE_F64LE, ndim, hd, NULL, NULL, quantity[q].units, &local_err);
    if (d >= 0) {
        hsize_t one[8];
        for (int i = 0; i < ndim; i++) one[i] = n > 0 ? cnt[i] : 1;
        hid_t fs = H5Dget_space(d), ms = H5Screate_simple(ndim, one, NULL), x = H5Pcreate(H5P_DATASET_XFER);
        H5Pset_dxpl_mpio(x, H5FD_MPIO_COLLECTIVE);
        if (n > 0) H5Sselect_hyperslab(fs, H5S_SELECT_SET, st, NULL, cnt, NULL);
        else H5Sselect_none(fs), H5Sselect_none(ms);
        if (H5Dwrite(d, H5T_NATIVE_DOUBLE, ms, fs, x, conv) < 0)
            err_set(&local_err, EXIT_RUN_FAILED, "%s: writing %s failed (disk full?)", r->tmp, h5path);
        H5Pclose(x), H5Sclose(ms), H5Sclose(fs), H5Dclose(d);
    }
    free(conv);
    return results_agree(r, &local_err, e);
}

int results_delete(results *r, const char *rel, err *e)
{
    err local = {0};
    char buf[1600];
    const char *path = in_group(r, rel, buf, sizeof buf);
    if (link_exists(r->file, path) && H5Ldelete(r->file, path, H5P_DEFAULT) < 0)
        err_set(&local, EXIT_INTERNAL, "%s: cannot delete %s", r->tmp, path);
    return results_agree(r, &local, e);
}

int results_write_ints(results *r, const char *h5path, int ndim, const size_t *dims, const int *data, err *e)
{
    err local = {0};
    write_whole(r, h5path, H5T_STD_I32LE, H5T_NATIVE_INT, ndim, dims, data, "1", &local);
    return results_agree(r, &local, e);
}

int results_write_flags(results *r, const char *h5path, int ndim, const size_t *dims, const unsigned char *data,
                        err *e)
{
    err local = {0};
    size_t n = 1;
    for (int i = 0; i < ndim; i++) n *= dims[i];
    signed char *b = NULL;
    if (r->rank == 0 && data && n > 0) {
        b = xmalloc(n);
        for (size_t i = 0; i < n; i++) b[i] = data[i] != 0;
    }
    hid_t t = bool_type();
    write_whole(r, h5path, t, t, ndim, dims, b, "1", &local);
    H5Tclose(t);
    free(b);
    return results_agree(r, &local, e);
}

int results_write_strings(results *r, const char *h5path, size_t n, const char *const *strings, err *e)
{
    /* fixed-length strings (NUL-padded to the longest): parallel HDF5 writes no
     * variable-length data */
    err local = {0};
    long width = 1;
    for (size_t i = 0; r->rank == 0 && i < n; i++)
        if ((long)strlen(strings[i]) + 1 > width) width = (long)strlen(strings[i]) + 1;
    MPI_Bcast(&width, 1, MPI_LONG, 0, r->comm);
    char *buf = NULL;
    if (r->rank == 0 && n > 0) {
        buf = xcalloc(n * (size_t)width, 1);
        for (size_t i = 0; i < n; i++) memcpy(buf + i * width, strings[i], strlen(strings[i]));
    }
    hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, (size_t)width);
    H5Tset_strpad(t, H5T_STR_NULLPAD);
    H5Tset_cset(t, H5T_CSET_UTF8);
    write_whole(r, h5path, t, t, 1, &n, buf, "1", &local);
    H5Tclose(t);
    free(buf);
    return results_agree(r, &local, e);
}

int results_set_attr(results *r, const char *rel, const char *name, const char *value, err *e)
{
    err local = {0};
    char buf[1600];
    const char *h5path = in_group(r, rel, buf, sizeof buf);
    char *v = bcast_string(r->comm, r->rank, value);
    if (r->group[0] && strcmp(rel, "/") == 0) ensure_group(r->file, h5path);
    hid_t o = link_exists(r->file, h5path) || strcmp(h5path, "/") == 0
                  ? H5Oopen(r->file, h5path, H5P_DEFAULT) : -1;
    if (o < 0) err_set(&local, EXIT_INTERNAL, "%s: no object %s for attribute %s", r->path, h5path, name);
    else if (attr_string(o, name, v)) err_set(&local, EXIT_INTERNAL, "%s: cannot write %s attribute %s", r->tmp, h5path, name);
    if (o >= 0) H5Oclose(o);
    free(v);
    return results_agree(r, &local, e);
}

/* ---- Lifecycle -------------------------------------------------------------------- */

/* Rank 0 checks the target and creates the temporary file with POSIX calls first, so
 * that a missing directory or a read-only disk gets errno's words, not HDF5's. */
static int prepare_tmp(results *r, const char *path, err *e)
{
    struct stat st;
    if (strlen(path) == 0 || strlen(path) >= sizeof r->path)
        return err_set(e, EXIT_BAD_INPUT, "results file name '%s' is empty or too long", path);
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return err_set(e, EXIT_BAD_INPUT, "%s: is a directory, not a results file name", path);
    snprintf(r->tmp, sizeof r->tmp, "%s.tmp.%ld", path, (long)getpid());
    int fd = open(r->tmp, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0)
        return err_set(e, EXIT_BAD_INPUT, "%s: cannot create the results file (as %s): %s", path, r->tmp,
                       strerror(errno));
    close(fd);
    return 0;
}

static void iso8601_now(char buf[32])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int write_provenance(results *r, int nranks)
{
    char created[32] = "";
    if (r->rank == 0) iso8601_now(created);
    MPI_Bcast(created, sizeof created, MPI_CHAR, 0, r->comm);
    hid_t root = H5Gopen2(r->file, "/", H5P_DEFAULT);
    int bad = attr_string(root, "program", "pawsorb") | attr_string(root, "version", PACKAGE_VERSION) |
              attr_string(root, "git_revision", PAWSORB_GIT_REVISION) | attr_string(root, "created", created) |
              attr_string(root, "status", "incomplete") |
              attr_scalar(root, "mpi_ranks", H5T_NATIVE_INT, &nranks);
    H5Gclose(root);
    return bad;
}

static results *open_new(MPI_Comm comm, const char *path, int sealed, err *e);

results *results_open(MPI_Comm comm, const char *path, err *e) { return open_new(comm, path, 0, e); }
results *results_open_sealed(MPI_Comm comm, const char *path, err *e) { return open_new(comm, path, 1, e); }

static results *open_new(MPI_Comm comm, const char *path, int sealed, err *e)
{
    results *r = xcalloc(1, sizeof *r);
    r->sealed = sealed;
    err local = {0};
    int nranks;
    MPI_Comm_dup(comm, &r->comm);
    MPI_Comm_rank(r->comm, &r->rank);
    MPI_Comm_size(r->comm, &nranks);
    r->file = -1;
    r->wall_time = -1;
    r->t_open = MPI_Wtime();
    MPI_Bcast(&r->t_open, 1, MPI_DOUBLE, 0, r->comm);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);   /* we report errors ourselves */
    if (r->rank == 0 && prepare_tmp(r, path, &local) == 0) snprintf(r->path, sizeof r->path, "%s", path);
    MPI_Bcast(r->tmp, sizeof r->tmp, MPI_CHAR, 0, r->comm);
    MPI_Bcast(r->path, sizeof r->path, MPI_CHAR, 0, r->comm);
    if (results_agree(r, &local, e)) goto fail;

    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS), fcpl = H5Pcreate(H5P_FILE_CREATE);
    H5Pset_fapl_mpio(fapl, r->comm, MPI_INFO_NULL);
    if (sealed) H5Pset_userblock(fcpl, SEAL_BYTES);
    r->file = H5Fcreate(r->tmp, H5F_ACC_TRUNC, fcpl, fapl);
    H5Pclose(fapl), H5Pclose(fcpl);
    if (r->file < 0) err_set(&local, EXIT_INTERNAL, "%s: HDF5 cannot create %s", path, r->tmp);
    else if (write_provenance(r, nranks)) err_set(&local, EXIT_INTERNAL, "%s: cannot write the root attributes", r->tmp);
    if (results_agree(r, &local, e) == 0) return r;
fail:
    results_abort(r);
    return NULL;
}

/* Rank 0 copies the existing file into the temporary one, byte for byte. */
int results_copy_file(const char *from, const char *to, err *e)
{
    FILE *in = fopen(from, "rb"), *out = in ? fopen(to, "wb") : NULL;
    char buf[1 << 16];
    size_t n;
    int bad = !in || !out;
    while (!bad && (n = fread(buf, 1, sizeof buf, in)) > 0) bad = fwrite(buf, 1, n, out) != n;
    bad = bad || ferror(in);
    if (out && fclose(out) != 0) bad = 1;
    if (in) fclose(in);
    return bad ? err_set(e, EXIT_RUN_FAILED, "%s: cannot copy it to %s: %s", from, to, strerror(errno)) : 0;
}

/* Rank 0: is `path` an HDF5 file whose root says program="pawsorb"? */
static int is_pawsorb_file(const char *path)
{
    if (H5Fis_hdf5(path) <= 0) return 0;
    hid_t f = H5Fopen(path, H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) return 0;
    int yes = 0;
    if (H5Aexists(f, "program") > 0) {
        hid_t a = H5Aopen(f, "program", H5P_DEFAULT), t = H5Aget_type(a), mt = string_type();
        char *s = NULL;
        H5Tset_cset(mt, H5Tget_cset(t));
        yes = H5Tis_variable_str(t) > 0 && H5Aread(a, mt, &s) >= 0 && s && strcmp(s, "pawsorb") == 0;
        H5free_memory(s), H5Tclose(mt), H5Tclose(t), H5Aclose(a);
    }
    H5Fclose(f);
    return yes;
}

results *results_open_update(MPI_Comm comm, const char *path, err *e)
{
    int exists = access(path, F_OK) == 0;
    MPI_Bcast(&exists, 1, MPI_INT, 0, comm);
    if (!exists) return results_open(comm, path, e);
    results *r = xcalloc(1, sizeof *r);
    err local = {0};
    MPI_Comm_dup(comm, &r->comm);
    MPI_Comm_rank(r->comm, &r->rank);
    r->file = -1, r->wall_time = -2 /* keep the run's */, r->t_open = MPI_Wtime();
    MPI_Bcast(&r->t_open, 1, MPI_DOUBLE, 0, r->comm);
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);
    if (r->rank == 0) {
        if (!is_pawsorb_file(path))
            err_set(&local, EXIT_BAD_INPUT, "%s: exists and is not a pawsorb results file; not overwriting it", path);
        else if (prepare_tmp(r, path, &local) == 0 && results_copy_file(path, r->tmp, &local) == 0)
            snprintf(r->path, sizeof r->path, "%s", path);
    }
    MPI_Bcast(r->tmp, sizeof r->tmp, MPI_CHAR, 0, r->comm);
    MPI_Bcast(r->path, sizeof r->path, MPI_CHAR, 0, r->comm);
    if (results_agree(r, &local, e)) goto fail;
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_mpio(fapl, r->comm, MPI_INFO_NULL);
    r->file = H5Fopen(r->tmp, H5F_ACC_RDWR, fapl);
    H5Pclose(fapl);
    char now[32] = "";
    if (r->rank == 0) iso8601_now(now);
    MPI_Bcast(now, sizeof now, MPI_CHAR, 0, r->comm);
    hid_t root = r->file >= 0 ? H5Gopen2(r->file, "/", H5P_DEFAULT) : -1;
    if (root < 0 || attr_string(root, "modified", now))
        err_set(&local, EXIT_INTERNAL, "%s: HDF5 cannot update its copy %s", path, r->tmp);
    if (root >= 0) H5Gclose(root);
    if (results_agree(r, &local, e) == 0) return r;
fail:
    results_abort(r);
    return NULL;
}

int results_set_status(results *r, const char *status, err *e)
{
    return results_set_attr(r, "/", "status", status, e);
}

int results_set_input(results *r, const char *yaml_text, err *e)
{
    char group[sizeof r->group];
    memcpy(group, r->group, sizeof group);
    r->group[0] = '\0';   /* the input is the whole file's provenance: always the root */
    int st = results_set_attr(r, "/", "input", yaml_text, e);
    memcpy(r->group, group, sizeof group);
    return st;
}

int results_set_wall_time(results *r, double seconds, err *e)
{
    (void)e;
    MPI_Bcast(&seconds, 1, MPI_DOUBLE, 0, r->comm);
    r->wall_time = seconds;
    return 0;
}

int results_set_setups(results *r, int n, const char *const *paths, err *e)
{
    err local = {0};
    char **p = xcalloc((size_t)n + 1, sizeof *p), **sums = xcalloc((size_t)n + 1, sizeof *sums);
    char hex[65] = "";
    for (int i = 0; i < n; i++) {
        p[i] = bcast_string(r->comm, r->rank, r->rank == 0 ? paths[i] : NULL);
        if (r->rank == 0 && !local.status && sha256_file(p[i], hex, &local)) hex[0] = '\0';
        sums[i] = bcast_string(r->comm, r->rank, hex);
    }
    int st = results_agree(r, &local, e);
    if (st == 0) {
        hid_t root = H5Gopen2(r->file, "/", H5P_DEFAULT);
        if (attr_strings(root, "setups", n, (const char *const *)p) ||
            attr_strings(root, "setups_sha256", n, (const char *const *)sums))
            err_set(&local, EXIT_INTERNAL, "%s: cannot write the setups attributes", r->tmp);
        H5Gclose(root);
        st = results_agree(r, &local, e);
    }
    for (int i = 0; i < n; i++) free(p[i]), free(sums[i]);
    free(p), free(sums);
    return st;
}

/* Flushes the closed temporary file to disk before the rename, so that after a crash
 * the target is either the old file or the complete new one. */
static int publish(results *r, err *e)
{
    int fd = open(r->tmp, O_RDONLY);
    if (fd >= 0) fsync(fd), close(fd);
    if (rename(r->tmp, r->path) != 0)
        return err_set(e, EXIT_RUN_FAILED, "%s: cannot rename %s over it: %s (the complete results are in %s)",
                       r->path, r->tmp, strerror(errno), r->tmp);
    return 0;
}

static void release(results *r)
{
    MPI_Comm_free(&r->comm);
    free(r);
}

int results_close(results *r, err *e)
{
    err local = {0};
    double wall = r->wall_time >= 0 ? r->wall_time : MPI_Wtime() - r->t_open;
    MPI_Bcast(&wall, 1, MPI_DOUBLE, 0, r->comm);
    hid_t root = H5Gopen2(r->file, "/", H5P_DEFAULT);
    if (r->wall_time != -2 && attr_scalar(root, "wall_time", H5T_NATIVE_DOUBLE, &wall))
        err_set(&local, EXIT_INTERNAL, "%s: cannot write wall_time", r->tmp);
    H5Gclose(root);
    if (H5Fclose(r->file) < 0 && !local.status)
        err_set(&local, EXIT_RUN_FAILED, "%s: closing the results file failed (disk full?)", r->tmp);
    r->file = -1;
    if (results_agree(r, &local, &local) == 0 && r->rank == 0 && (!r->sealed || results_seal(r->tmp, &local) == 0))
        publish(r, &local);
    int st = results_agree(r, &local, e);
    release(r);
    return st;
}

void results_abort(results *r)
{
    if (!r) return;
    if (r->file >= 0) H5Fclose(r->file);
    MPI_Barrier(r->comm);
    if (r->rank == 0 && r->tmp[0]) unlink(r->tmp);
    release(r);
}

/* ---- Tables and growing datasets --------------------------------------------------- */

int results_write_scf(results *r, const results_scf *scf, err *e)
{
    err local = {0};
    size_t one = 1;
    unsigned char conv = scf->converged != 0;
    if (results_write_flags(r, "/scf/converged", 0, &one, &conv, e) ||
        results_write_ints(r, "/scf/iterations", 0, &one, &scf->iterations, e))
        return -1;
    /* One row per iteration: a compound type, which h5py reads as a structured array. */
    typedef struct { int iteration; double energy, density_change; } row;
    hid_t t = H5Tcreate(H5T_COMPOUND, sizeof(row));
    H5Tinsert(t, "iteration", HOFFSET(row, iteration), H5T_NATIVE_INT);
    H5Tinsert(t, "energy", HOFFSET(row, energy), H5T_NATIVE_DOUBLE);
    H5Tinsert(t, "density_change", HOFFSET(row, density_change), H5T_NATIVE_DOUBLE);
    row *rows = NULL;
    if (r->rank == 0 && scf->nhistory > 0) {
        rows = xcalloc((size_t)scf->nhistory, sizeof *rows);
        for (int i = 0; i < scf->nhistory; i++)
            rows[i] = (row){i + 1, scf->energy_ha[i] * HARTREE_EV, scf->density_change[i]};
    }
    size_t n = (size_t)(scf->nhistory > 0 ? scf->nhistory : 0);
    write_whole(r, "/scf/history", t, t, 1, &n, rows,
                "iteration: 1; energy: eV; density_change: electrons per valence electron", &local);
    H5Tclose(t);
    free(rows);
    return results_agree(r, &local, e);
}

/* The dataset `path` as a growing stack of rows of shape row_dims (created empty, with
 * an unlimited first axis, on first use). Returns it open, or -1. */
static hid_t open_stack(results *r, const char *rel, int ndim, const hsize_t *dims, const char *units, err *e)
{
    char buf[1600];
    const char *path = in_group(r, rel, buf, sizeof buf);
    if (!link_exists(r->file, path)) {
        hsize_t maxd[8], chunk[8];
        for (int i = 0; i < ndim; i++) maxd[i] = chunk[i] = dims[i];
        maxd[0] = H5S_UNLIMITED, chunk[0] = 32;   /* 32 rows per chunk: a few kB for N ~ 100 */
        hsize_t empty[8];
        memcpy(empty, dims, (size_t)ndim * sizeof *dims);
        empty[0] = 0;
        return create_dataset(r, rel, H5T_IEEE_F64LE, ndim, empty, maxd, chunk, units, e);
    }
    hid_t d = H5Dopen2(r->file, path, H5P_DEFAULT), sp = d >= 0 ? H5Dget_space(d) : -1;
    hsize_t have[8] = {0}, maxd[8] = {0};
    int good = sp >= 0 && H5Sget_simple_extent_ndims(sp) == ndim;
    if (good) H5Sget_simple_extent_dims(sp, have, maxd);
    for (int i = 1; good && i < ndim; i++) good = have[i] == dims[i];
    good = good && maxd[0] == H5S_UNLIMITED;
    if (sp >= 0) H5Sclose(sp);
    if (good) return d;
    if (d >= 0) H5Dclose(d);
    err_set(e, EXIT_INTERNAL, "%s: %s exists with another row shape or is not growable", r->path, path);
    return -1;
}

int results_append_row(results *r, const char *h5path, int ndim_row, const size_t *row_dims, const double *row,
                       results_quantity q, err *e)
{
    err local = {0};
    if (ndim_row < 0 || ndim_row > 6 || (unsigned)q >= sizeof quantity / sizeof *quantity)
        return err_set(e, EXIT_INTERNAL, "%s: %s: bad row shape or quantity", r->path, h5path);
    hsize_t dims[8] = {1}, start[8] = {0}, cnt[8] = {1};
    size_t n = 1;
    for (int i = 0; i < ndim_row; i++) dims[i + 1] = cnt[i + 1] = row_dims[i], n *= row_dims[i];
    hid_t d = open_stack(r, h5path, ndim_row + 1, dims, quantity[q].units, &local);
    if (d >= 0) {
        hid_t sp = H5Dget_space(d);
        H5Sget_simple_extent_dims(sp, dims, NULL);
        H5Sclose(sp);
        start[0] = dims[0]++;
        if (H5Dset_extent(d, dims) < 0) {
            err_set(&local, EXIT_INTERNAL, "%s: cannot extend %s", r->tmp, h5path);
        } else if (r->rank == 0 && n > 0) {
            double *conv = xmalloc(n * sizeof *conv);
            for (size_t i = 0; i < n; i++) conv[i] = row ? row[i] * quantity[q].factor : NAN;
            hid_t fs = H5Dget_space(d), ms = H5Screate_simple(ndim_row + 1, cnt, NULL);
            H5Sselect_hyperslab(fs, H5S_SELECT_SET, start, NULL, cnt, NULL);
            if (!row) err_set(&local, EXIT_INTERNAL, "%s: no data for %s on rank 0", r->path, h5path);
            else if (H5Dwrite(d, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, conv) < 0)
                err_set(&local, EXIT_RUN_FAILED, "%s: writing %s failed (disk full?)", r->tmp, h5path);
            H5Sclose(fs), H5Sclose(ms), free(conv);
        }
        H5Dclose(d);
    }
    return results_agree(r, &local, e);
}
