/* Reading back what pawsorb wrote (a checkpoint, workflow/checkpoint.h): one HDF5 file
 * opened read-only by each rank on its own (no MPI: every rank reads what it needs, a
 * block of a distributed array or a whole replicated one). Every failure is an error
 * naming the file and the object, never a crash: HDF5's own error printing is off, and
 * a file that should be sealed is checked first (results_seal_check).
 *
 * Shapes are checked against what the caller expects; a dataset of another shape is an
 * error (EXIT_BAD_INPUT: the file is not what it claims). */
#ifndef PAWSORB_H5READ_H
#define PAWSORB_H5READ_H

#include "core/err.h"

#include <stddef.h>

typedef struct h5read h5read;

/* Opens path read-only. Returns NULL with e set (EXIT_BAD_INPUT) when it is not a
 * readable HDF5 file. */
h5read *h5read_open(const char *path, err *e);
void h5read_close(h5read *f);
const char *h5read_path(const h5read *f);

/* Whether the dataset or group `obj` exists. */
int h5read_exists(h5read *f, const char *obj);

/* The shape of dataset `obj`: *ndim (<= 8) and dims. */
int h5read_shape(h5read *f, const char *obj, int *ndim, size_t dims[8], err *e);

/* The block start[]..start[]+count[] of the double dataset `obj`, which must have ndim
 * dimensions and, where dims is not NULL, exactly the shape dims. start NULL: the whole
 * dataset (count then = dims). out holds prod(count) doubles. */
int h5read_doubles(h5read *f, const char *obj, int ndim, const size_t *dims, const size_t *start,
                   const size_t *count, double *out, err *e);
/* The whole integer dataset `obj` of n values. */
int h5read_ints(h5read *f, const char *obj, size_t n, int *out, err *e);
/* The 1-d string dataset `obj` (results_write_strings): *n strings, malloc'ed, each and
 * the array (free with h5read_free_strings). */
int h5read_strings(h5read *f, const char *obj, size_t *n, char ***out, err *e);
void h5read_free_strings(size_t n, char **s);
/* A string attribute of `obj` ("/" for the root) into buf (truncated to cap). */
int h5read_attr(h5read *f, const char *obj, const char *name, char *buf, size_t cap, err *e);

#endif
