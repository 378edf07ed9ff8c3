/* The results file (docs/interface.md, "Results file"): one HDF5 file per run, written
 * in parallel (HDF5 MPI-IO driver) and readable with h5py or h5dump.
 *
 * Safety: results_open creates a TEMPORARY file next to the target, "NAME.tmp.<pid>"
 * (pid of rank 0), and results_close renames it over the target. A run killed before
 * results_close leaves at most a stray *.tmp.<pid> file; a results file already at the
 * target stays intact and readable until the new one is complete.
 *
 * Units: every argument is in Hartree atomic units (hartree, bohr, hartree/bohr,
 * bohr^3) unless its name says otherwise; this module converts to eV, Angstrom, eV/Angstrom
 * and Angstrom^3 with core/units.h. That is the output edge of the code. Every dataset
 * carries a string attribute `units` ("eV", "Angstrom", "eV/Angstrom", "Angstrom^3",
 * "electrons", "e", "s", or "1" for dimensionless numbers, flags and indices).
 *
 * MPI: a results handle lives on one communicator. Every function below is COLLECTIVE
 * over it: every rank calls it, in the same order, with the same scalar arguments
 * (names, counts). Array data is taken from RANK 0 only; other ranks may pass NULL
 * pointers for arrays (callers gather small arrays to rank 0 first). Every rank gets
 * the same return value and, on failure, the same message.
 *
 * Writing a dataset that already exists replaces it (the last write wins), so a run may
 * write its structure at the start and again at the end. */
#ifndef PAWSORB_RESULTS_H
#define PAWSORB_RESULTS_H

#include "cell/structure.h"
#include "core/err.h"

#include <mpi.h>
#include <stddef.h>
#include <stdint.h>

typedef struct results results;   /* opaque: the open file, its paths, start time */

/* ---- Lifecycle ---------------------------------------------------------------- */

/* Collective. Creates `path`.tmp.<pid> and writes the provenance attributes known at
 * once: program="pawsorb", version, git_revision, created (ISO 8601 UTC, now),
 * mpi_ranks (size of comm), status="incomplete". Returns NULL on failure with a message
 * naming the file (EXIT_BAD_INPUT when the directory is missing or not writable). */
results *results_open(MPI_Comm comm, const char *path, err *e);

/* Collective. Like results_open, but when `path` already holds a pawsorb results file its
 * content is copied into the temporary file first, so groups can be added or replaced
 * (`pawsorb bader CUBE --output run.h5` adds /bader to a run's file). The provenance
 * attributes of the original stay (wall_time too, unless results_set_wall_time is
 * called); `modified` (ISO 8601 UTC) is added. A file at `path`
 * that is not a pawsorb results file is refused (EXIT_BAD_INPUT), not overwritten.
 * Growing datasets already in the file (relaxation steps) are continued. */
results *results_open_update(MPI_Comm comm, const char *path, err *e);

/* Collective. As results_open, for a file that must be checked before it is read back
 * (a checkpoint, workflow/checkpoint.h): the file starts with a 512-byte HDF5 user block
 * (which HDF5, h5py and h5dump skip) that results_close fills, after the HDF5 file is
 * closed and before it is renamed, with the line
 *   "pawsorb sealed sha256=<64 hex digits> size=<bytes after the user block>\n"
 * so that results_seal_check can refuse a truncated or altered file before HDF5 opens it. */
results *results_open_sealed(MPI_Comm comm, const char *path, err *e);

/* Not collective. Checks the seal of a file written by results_open_sealed: 0, or -1 with
 * e (EXIT_BAD_INPUT) naming the file and saying what is wrong (not sealed, truncated,
 * checksum mismatch). Reads the whole file. */
int results_seal_check(const char *path, err *e);

/* Collective. Writes wall_time (seconds since results_open unless results_set_wall_time
 * was called), closes the file, flushes it to disk and renames it over the target.
 * Frees r in every case. Returns 0, or -1 with the temporary file left in place. */
int results_close(results *r, err *e);

/* Collective. Publishes the file as it is now: flushes it, has rank 0 copy the temporary
 * file to "NAME.snap.<pid>", fsync it and rename it over the target, and goes on writing
 * the temporary file. A run killed later (SIGKILL) leaves a readable results file with
 * everything written up to this call (the status as set then). Cost: one copy of the file. */
int results_publish(results *r, err *e);

/* Collective. Rank 0 removes the leftovers of runs killed while writing `path`
 * ("path.tmp.<pid>", "path.snap.<pid>") whose process no longer exists on this host
 * (kill(pid, 0) fails with ESRCH); returns how many it removed (on every rank). */
int results_remove_stale(MPI_Comm comm, const char *path);

/* Collective. Copies every object at the root of the results file `src` (except the
 * link named `skip`, when not NULL) into `group` of the closed results file `target`,
 * replacing that group if it exists, and the root's `status` attribute onto the group;
 * rank 0 does it on a copy of target, flushed and renamed over it, so a run killed
 * meanwhile leaves target as it was. The adsorption workflow's part files
 * (workflow/adsorption.h) go into its results file this way. */
int results_merge(MPI_Comm comm, const char *target, const char *src, const char *group, const char *skip, err *e);

/* Collective. Closes and deletes the temporary file, leaving any older target untouched;
 * frees r. For error paths where nothing worth keeping was written. */
void results_abort(results *r);

/* The temporary file being written and the final target (valid until close/abort). */
const char *results_tmp_path(const results *r);
const char *results_path(const results *r);

/* Not collective (call it on every rank alike). Every dataset and attribute path that
 * follows ("/energy/total", "/" for attributes) is written inside `group` instead of
 * the root ("/adsorption/slab/energy/total"); "" or NULL goes back to the root. The
 * provenance attributes below (status, input, setups, wall_time) always go to the
 * root, except results_set_status, which follows the group (a part's own status). */
int results_set_group(results *r, const char *group, err *e);

/* ---- Root attributes (provenance) ----------------------------------------------- */

/* Collective. status: "ok", or why not ("scf not converged after 100 iterations"). */
int results_set_status(results *r, const char *status, err *e);
/* Collective. The YAML input verbatim (root attribute `input`); rank 0's text is used. */
int results_set_input(results *r, const char *yaml_text, err *e);
/* Collective. Overrides the wall time measured from results_open, seconds. */
int results_set_wall_time(results *r, double seconds, err *e);
/* Collective. PAW dataset files used: root attributes `setups` (the paths, as given) and
 * `setups_sha256` (hex SHA-256 of each file's bytes, computed on rank 0). Paths are
 * taken from rank 0. An unreadable file is an error naming it. */
int results_set_setups(results *r, int n, const char *const *paths, err *e);

/* ---- Groups of the contract ------------------------------------------------------ */

/* Collective. /structure/cell (3,3) Angstrom, positions (N,3) Angstrom, numbers (N,),
 * pbc (3,) bool, fixed (N,) bool. s->natoms must agree on all ranks. */
int results_write_structure(results *r, const structure *s, err *e);

typedef struct {
    const char *name;   /* "kinetic", "hartree", "xc", "local", "external", ... */
    double value_ha;
} results_term;

typedef struct {
    double total_ha;        /* free energy extrapolated to zero smearing, GPAW convention */
    double free_ha;         /* variational free energy E - TS */
    double dispersion_ha;   /* 0 when none */
    int nterms;             /* components, written to /energy/components/<name> */
    const results_term *terms;
} results_energy;

/* Collective. /energy/{total,free,dispersion} and /energy/components/<name>, eV. */
int results_write_energy(results *r, const results_energy *en, err *e);

/* Collective. /forces (N,3) eV/Angstrom from hartree/bohr (dispersion included). */
int results_write_forces(results *r, int natoms, const double (*forces_au)[3], err *e);

typedef struct {
    int converged;
    int iterations;
    int nhistory;                /* rows of the history table (usually = iterations) */
    const double *energy_ha;     /* nhistory: total energy after each iteration */
    const double *density_change;/* nhistory: electrons per valence electron */
} results_scf;

/* Collective. /scf/converged (bool), /scf/iterations, /scf/history: a table (compound
 * dataset, one row per iteration) with fields iteration, energy (eV), density_change. */
int results_write_scf(results *r, const results_scf *scf, err *e);

typedef struct {
    double fermi_level_ha;
    int nspin, nkpts, nbands;
    const double *eigenvalues_ha;  /* [spin][k][band], nspin*nkpts*nbands */
    const double *occupations;     /* [spin][k][band], electrons in each state (0..2/nspin) */
    const double (*kpoints)[3];    /* nkpts, fractional (units of reciprocal vectors) */
    const double *kweights;        /* nkpts, summing to 1 */
} results_electrons;

/* Collective. /electrons/{fermi_level, eigenvalues, occupations, kpoints, kweights}. */
int results_write_electrons(results *r, const results_electrons *el, err *e);

/* Collective. Appends one relaxation step to /relax/energies (steps,) eV,
 * /relax/positions (steps,N,3) Angstrom and /relax/fmax (steps,) eV/Angstrom: extendible
 * datasets (results_append_row), so the file holds every step so far; an updated file's
 * steps are continued. natoms must stay the same. */
int results_relax_append(results *r, double energy_ha, int natoms, const double (*pos_bohr)[3],
                         double fmax_au, err *e);

typedef struct {
    const char *method;          /* "weight" | "near-grid" */
    const char *density;         /* "all-electron" or the cube file's name */
    int natoms;
    const double *population;    /* electrons in each basin */
    const double *nuclear_charge;/* Z (all-electron density) or the cube's nuclear charge */
    const double *volume_bohr3;  /* basin volumes */
} results_bader;

/* Collective. /bader/population (N,) electrons, /bader/charge (N,) e = nuclear_charge -
 * population (negative: electrons gained), /bader/volume (N,) Angstrom^3; group attributes
 * method and density. */
int results_write_bader(results *r, const results_bader *b, err *e);

/* ---- Generic arrays -------------------------------------------------------------- */

/* What a number measures: selects both the conversion from atomic units and the `units`
 * attribute written. */
typedef enum {
    RESULTS_DIMENSIONLESS,  /* "1", written as is */
    RESULTS_ENERGY,         /* hartree -> "eV" */
    RESULTS_LENGTH,         /* bohr -> "Angstrom" */
    RESULTS_FORCE,          /* hartree/bohr -> "eV/Angstrom" */
    RESULTS_VOLUME,         /* bohr^3 -> "Angstrom^3" */
    RESULTS_DENSITY,        /* electrons/bohr^3 -> "electrons/Angstrom^3" */
    RESULTS_ELECTRONS,      /* a number of electrons, "electrons", as is */
    RESULTS_CHARGE,         /* elementary charges, "e", as is */
    RESULTS_TIME,           /* seconds, "s", as is */
    /* atomic units kept bit for bit (a checkpoint's state, not the contract's numbers) */
    RESULTS_AU_LENGTH,      /* "bohr" */
    RESULTS_AU_ENERGY,      /* "hartree" */
    RESULTS_AU_FORCE,       /* "hartree/bohr" */
    RESULTS_AU_DENSITY      /* "electrons/bohr^3" */
} results_quantity;

/* Collective. Writes a double array of `ndim` dimensions (0 = a scalar) at `h5path`
 * ("/adsorption/CO/energy"; missing groups are created), converting from atomic units
 * as `q` says. dims[] must agree on all ranks; data is rank 0's. */
int results_write_array(results *r, const char *h5path, int ndim, const size_t *dims,
                        const double *data, results_quantity q, err *e);

/* Collective. A large distributed double array (a density on the FFT grid): the global
 * shape dims[] is the same on all ranks; each rank holds rows [offset0, offset0 + count0)
 * along the first axis (C order, contiguous), which may be empty (count0 = 0). The rows of
 * all ranks must tile 0..dims[0]-1 without overlap (checked). Written with one collective
 * MPI-IO transfer; converted from atomic units as `q` says. */
int results_write_array_rows(results *r, const char *h5path, int ndim, const size_t *dims, size_t offset0,
                             size_t count0, const double *local, results_quantity q, err *e);

/* Collective. Appends one row (shape row_dims, ndim_row dimensions; 0 = a number) to the
 * growing dataset `h5path` of shape (rows, row_dims...), creating it on first use with an
 * unlimited first axis; a row of another shape is an error. Rank 0's row is written. */
int results_append_row(results *r, const char *h5path, int ndim_row, const size_t *row_dims, const double *row,
                       results_quantity q, err *e);

/* Collective. A distributed double array of global shape dims[] (the same on all ranks)
 * of which each rank writes one block: start[] and count[] per dimension (C order,
 * `local` contiguous, count[] of the block's shape); a block with a zero count writes
 * nothing. Blocks must not overlap (a value held by several ranks is written by one of
 * them). One collective MPI-IO transfer; converted as `q` says. */
int results_write_block(results *r, const char *h5path, int ndim, const size_t *dims, const size_t *start,
                        const size_t *count, const double *local, results_quantity q, err *e);

/* Collective. Deletes the dataset or group `h5path` (in the current group) if it exists. */
int results_delete(results *r, const char *h5path, err *e);

/* Collective. Integer array (units "1"), e.g. atomic numbers or indices. */
int results_write_ints(results *r, const char *h5path, int ndim, const size_t *dims,
                       const int *data, err *e);
/* Collective. Flag array stored as HDF5's bool (int8 enum FALSE/TRUE, which h5py reads as
 * numpy bool), units "1"; any nonzero byte is true. */
int results_write_flags(results *r, const char *h5path, int ndim, const size_t *dims,
                        const unsigned char *data, err *e);

/* Collective. A 1-d array of n strings (fixed length, NUL-padded, UTF-8; h5py reads bytes),
 * units "1": the text columns of a table. Rank 0's strings are written. */
int results_write_strings(results *r, const char *h5path, size_t n, const char *const *strings, err *e);
/* Collective. A string attribute on an existing group or dataset ("/" for the root). */
int results_set_attr(results *r, const char *h5path, const char *name, const char *value, err *e);

/* ---- SHA-256 (FIPS 180-4), io/sha256.c ------------------------------------------ */

typedef struct {
    uint32_t h[8];
    uint64_t nbytes;
    unsigned char buf[64];
    size_t fill;
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
void sha256_final(sha256_ctx *c, unsigned char digest[32]);
/* Lower-case hex digest of a buffer / of a file's bytes (errors name the file). */
void sha256_hex(const void *data, size_t n, char hex[65]);
int sha256_file(const char *path, char hex[65], err *e);

#endif
