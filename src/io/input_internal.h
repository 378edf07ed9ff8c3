/* Shared by the input reader's files (input.c, input_structure.c, input_value.c):
 * typed access to ynode values, each failure turned into the one message the user sees,
 *   "FILE:LINE: key.path: what is wrong (value as written)". */
#ifndef PAWSORB_INPUT_INTERNAL_H
#define PAWSORB_INPUT_INTERNAL_H

#include "core/err.h"
#include "io/input.h"
#include "io/input_yaml.h"

/* Most atoms a structure may have (structure_validate compares all pairs; beyond this a
 * plane-wave PAW run is out of reach anyway). */
#define INPUT_MAX_ATOMS 5000

typedef struct {
    const char *file;     /* the input path as given: every message starts with it */
    err *e;
    /* For an unknown key: the full path of a key of that name in another section, or NULL
     * ("cutoff" at top level -> "dft.cutoff"). */
    const char *(*elsewhere)(const char *key);
} ictx;

/* Sets e (EXIT_BAD_INPUT) to "file:LINE: path: <fmt>" with LINE from n (1 when n is NULL).
 * Returns -1. */
int in_bad(const ictx *c, const ynode *n, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The value as written, for messages: a scalar quoted and shortened to ~40 characters,
 * "a list of N items" or "a mapping". Returns buf. */
const char *in_shown(const ynode *n, char *buf, size_t cap);
/* "a.b" into buf; returns buf. */
const char *in_join(char *buf, size_t cap, const char *a, const char *b);

/* Checks that map is a mapping (or null: an empty section) whose keys are plain scalars,
 * all among the NULL-terminated `keys`, none repeated. Unknown keys get a did-you-mean. */
int in_check_keys(const ictx *c, const ynode *map, const char *path, const char *const keys[]);
/* The closest of the NULL-terminated names to `word` by edit distance, or NULL when none
 * is close enough to be a plausible typo. */
const char *in_closest(const char *word, const char *const names[]);

/* Scalar conversions; each returns 0 or -1 with the message set. */
int in_double(const ictx *c, const ynode *n, const char *path, double *out);
/* A double in the interval (lo, hi] when lo_open, else [lo, hi]; `unit` is shown in the
 * message ("eV", "" for none). */
int in_double_range(const ictx *c, const ynode *n, const char *path, double lo, int lo_open,
                    double hi, const char *unit, double *out);
int in_int(const ictx *c, const ynode *n, const char *path, long lo, long hi, int *out);
int in_bool(const ictx *c, const ynode *n, const char *path, int *out);
/* A non-empty string that fits in cap bytes (including the NUL). */
int in_string(const ictx *c, const ynode *n, const char *path, char *buf, size_t cap);
/* One of the NULL-terminated names; *idx is its index. */
int in_choice(const ictx *c, const ynode *n, const char *path, const char *const names[], int *idx);
/* A list of exactly `len` items (len 0: any length). */
int in_list(const ictx *c, const ynode *n, const char *path, size_t len, const char *what);

/* Structure section (input_structure.c): fills in->atoms, in->structure_file and
 * in->structure_origin. */
int input_read_structure(const ictx *c, const ynode *sec, const char *input_dir, input *in);
/* structure.build (input_build.c): the structure of a `pawsorb build` builder into *s (s
 * untouched on error), and one line saying how it was made into origin. */
int input_read_build(const ictx *c, const ynode *b, structure *s, char *origin, size_t cap);
/* dft.kpoints, after the structure is known (input_structure.c). */
int input_read_kpoints(const ictx *c, const ynode *n, input *in);
/* adsorption section (input_adsorption.c): after dft and relax, whose values it defaults
 * from; refused unless task is adsorption or scan, required when it is. */
int input_read_adsorption(const ictx *c, const ynode *sec, const char *input_dir, input *in);
void input_adsorption_defaults(input *in);
#endif
