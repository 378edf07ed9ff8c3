/* Read-only access to pawsorb's HDF5 files (io/h5read.h). */
#include "io/h5read.h"

#include "core/mem.h"

#include <hdf5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct h5read {
    hid_t file;
    char path[4096];
};

h5read *h5read_open(const char *path, err *e)
{
    H5Eset_auto2(H5E_DEFAULT, NULL, NULL);   /* errors are ours to report */
    hid_t fapl = H5Pcreate(H5P_FILE_ACCESS);
    H5Pset_fapl_sec2(fapl);
    hid_t id = H5Fis_hdf5(path) > 0 ? H5Fopen(path, H5F_ACC_RDONLY, fapl) : -1;
    H5Pclose(fapl);
    if (id < 0) {
        err_set(e, EXIT_BAD_INPUT, "%s: not a readable HDF5 file", path);
        return NULL;
    }
    h5read *f = xcalloc(1, sizeof *f);
    f->file = id;
    snprintf(f->path, sizeof f->path, "%s", path);
    return f;
}

void h5read_close(h5read *f)
{
    if (!f) return;
    H5Fclose(f->file);
    free(f);
}

const char *h5read_path(const h5read *f) { return f->path; }

int h5read_exists(h5read *f, const char *obj)
{
    char buf[1024];
    if (strcmp(obj, "/") == 0) return 1;
    if (strlen(obj) >= sizeof buf || obj[0] != '/') return 0;
    strcpy(buf, obj);
    for (char *p = buf + 1;; p++)
        if (*p == '/' || *p == '\0') {
            char c = *p;
            *p = '\0';
            if (H5Lexists(f->file, buf, H5P_DEFAULT) <= 0) return 0;
            if (c == '\0') return 1;
            *p = c;
        }
}

static hid_t open_dataset(h5read *f, const char *obj, err *e)
{
    hid_t d = h5read_exists(f, obj) ? H5Dopen2(f->file, obj, H5P_DEFAULT) : -1;
    if (d < 0) err_set(e, EXIT_BAD_INPUT, "%s: no dataset %s", f->path, obj);
    return d;
}

int h5read_shape(h5read *f, const char *obj, int *ndim, size_t dims[8], err *e)
{
    hid_t d = open_dataset(f, obj, e);
    if (d < 0) return -1;
    hid_t sp = H5Dget_space(d);
    int nd = sp >= 0 ? H5Sget_simple_extent_ndims(sp) : -1;
    hsize_t hd[8] = {0};
    if (nd >= 0 && nd <= 8) H5Sget_simple_extent_dims(sp, hd, NULL);
    if (sp >= 0) H5Sclose(sp);
    H5Dclose(d);
    if (nd < 0 || nd > 8) return err_set(e, EXIT_BAD_INPUT, "%s: %s has no usable shape", f->path, obj);
    *ndim = nd;
    for (int i = 0; i < nd; i++) dims[i] = hd[i];
    return 0;
}

/* The shape check: ndim, and dims when given. */
static int check_shape(h5read *f, const char *obj, int ndim, const size_t *dims, size_t have[8], err *e)
{
    int nd;
    if (h5read_shape(f, obj, &nd, have, e)) return -1;
    int good = nd == ndim;
    for (int i = 0; good && dims && i < nd; i++) good = have[i] == dims[i];
    if (good) return 0;
    char s[160] = "", w[160] = "";
    for (int i = 0; i < nd; i++) snprintf(s + strlen(s), sizeof s - strlen(s), "%s%zu", i ? "x" : "", have[i]);
    for (int i = 0; dims && i < ndim; i++)
        snprintf(w + strlen(w), sizeof w - strlen(w), "%s%zu", i ? "x" : "", dims[i]);
    return err_set(e, EXIT_BAD_INPUT, "%s: %s has shape (%s), (%s) expected", f->path, obj, s,
                   dims ? w : "another number of dimensions");
}

int h5read_doubles(h5read *f, const char *obj, int ndim, const size_t *dims, const size_t *start,
                   const size_t *count, double *out, err *e)
{
    size_t have[8];
    if (ndim < 0 || ndim > 8 || check_shape(f, obj, ndim, dims, have, e)) return -1;
    hsize_t st[8] = {0}, cnt[8] = {0};
    size_t n = 1;
    for (int i = 0; i < ndim; i++) {
        st[i] = start ? start[i] : 0;
        cnt[i] = start ? count[i] : have[i];
        n *= cnt[i];
        if (st[i] + cnt[i] > have[i])
            return err_set(e, EXIT_BAD_INPUT, "%s: %s is smaller than the block asked for", f->path, obj);
    }
    if (n == 0) return 0;
    hid_t d = open_dataset(f, obj, e);
    if (d < 0) return -1;
    hid_t fs = H5Dget_space(d), ms = ndim ? H5Screate_simple(ndim, cnt, NULL) : H5Screate(H5S_SCALAR);
    if (ndim) H5Sselect_hyperslab(fs, H5S_SELECT_SET, st, NULL, cnt, NULL);
    herr_t rc = H5Dread(d, H5T_NATIVE_DOUBLE, ms, fs, H5P_DEFAULT, out);
    H5Sclose(ms), H5Sclose(fs), H5Dclose(d);
    return rc < 0 ? err_set(e, EXIT_BAD_INPUT, "%s: cannot read %s", f->path, obj) : 0;
}

int h5read_ints(h5read *f, const char *obj, size_t n, int *out, err *e)
{
    size_t have[8];
    int nd;
    if (h5read_shape(f, obj, &nd, have, e)) return -1;
    size_t m = 1;
    for (int i = 0; i < nd; i++) m *= have[i];
    if (m != n) return err_set(e, EXIT_BAD_INPUT, "%s: %s has %zu values, %zu expected", f->path, obj, m, n);
    if (n == 0) return 0;
    hid_t d = open_dataset(f, obj, e);
    if (d < 0) return -1;
    herr_t rc = H5Dread(d, H5T_NATIVE_INT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out);
    H5Dclose(d);
    return rc < 0 ? err_set(e, EXIT_BAD_INPUT, "%s: cannot read %s", f->path, obj) : 0;
}

void h5read_free_strings(size_t n, char **s)
{
    for (size_t i = 0; s && i < n; i++) free(s[i]);
    free(s);
}

int h5read_strings(h5read *f, const char *obj, size_t *n, char ***out, err *e)
{
    size_t have[8];
    *n = 0, *out = NULL;
    if (check_shape(f, obj, 1, NULL, have, e)) return -1;
    hid_t d = open_dataset(f, obj, e);
    if (d < 0) return -1;
    hid_t t = H5Dget_type(d);
    size_t w = t >= 0 && H5Tget_class(t) == H5T_STRING && !H5Tis_variable_str(t) ? H5Tget_size(t) : 0;
    char *buf = w ? xcalloc(have[0] * w + 1, 1) : NULL;
    int rc = !w || (have[0] && H5Dread(d, t, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0);
    if (t >= 0) H5Tclose(t);
    H5Dclose(d);
    if (rc) {
        free(buf);
        return err_set(e, EXIT_BAD_INPUT, "%s: cannot read %s as fixed-length strings", f->path, obj);
    }
    char **s = xcalloc(have[0] + 1, sizeof *s);
    for (size_t i = 0; i < have[0]; i++) {
        s[i] = xcalloc(w + 1, 1);
        memcpy(s[i], buf + i * w, w);
    }
    free(buf);
    *n = have[0], *out = s;
    return 0;
}

int h5read_attr(h5read *f, const char *obj, const char *name, char *buf, size_t cap, err *e)
{
    hid_t o = h5read_exists(f, obj) ? H5Oopen(f->file, obj, H5P_DEFAULT) : -1;
    hid_t a = o >= 0 && H5Aexists(o, name) > 0 ? H5Aopen(o, name, H5P_DEFAULT) : -1;
    hid_t t = a >= 0 ? H5Aget_type(a) : -1;
    int rc = -1;
    if (t >= 0 && H5Tget_class(t) == H5T_STRING && H5Tis_variable_str(t) > 0) {
        hid_t mt = H5Tcopy(H5T_C_S1);
        H5Tset_size(mt, H5T_VARIABLE);
        H5Tset_cset(mt, H5Tget_cset(t));
        char *s = NULL;
        if (H5Aread(a, mt, &s) >= 0 && s) snprintf(buf, cap, "%s", s), rc = 0;
        H5free_memory(s);
        H5Tclose(mt);
    }
    if (t >= 0) H5Tclose(t);
    if (a >= 0) H5Aclose(a);
    if (o >= 0) H5Oclose(o);
    return rc ? err_set(e, EXIT_BAD_INPUT, "%s: no string attribute %s on %s", f->path, name, obj) : 0;
}
