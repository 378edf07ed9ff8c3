/* A small YAML tree for the input reader: scalars, lists and mappings with their line
 * numbers, built from libyaml's event stream. Only what an input file needs: one document,
 * no aliases, bounded nesting. Internal to src/io/input*.c. */
#ifndef PAWSORB_INPUT_YAML_H
#define PAWSORB_INPUT_YAML_H

#include "core/err.h"

#include <stddef.h>

typedef enum { YNODE_SCALAR, YNODE_LIST, YNODE_MAP } ynode_kind;

typedef struct ynode {
    ynode_kind kind;
    int line;               /* 1-based line where the node starts */
    int plain;              /* scalar written plain (unquoted, untagged): may be a number/bool/null */
    char *str;              /* scalar text (NUL-terminated; "" for an empty value); owned */
    size_t n;               /* list: items; map: number of key/value pairs */
    struct ynode **items;   /* list: n items; map: keys at 2i, values at 2i+1; owned */
} ynode;

/* Deepest nesting accepted (the schema needs 4: top, section, key, list of lists). */
#define YNODE_MAX_DEPTH 16

/* Parses `len` bytes of `text` (named `file` in messages) into *root (NULL when the file
 * holds no document). On malformed YAML returns -1 with EXIT_BAD_INPUT and
 * "file:line: YAML syntax error: ...". */
int ynode_parse(const char *text, size_t len, const char *file, ynode **root, err *e);
void ynode_free(ynode *n);

/* Map lookup by key (first match); NULL when absent. */
const ynode *ynode_get(const ynode *map, const char *key);
/* A scalar that YAML reads as null: empty plain, "~" or "null". */
int ynode_is_null(const ynode *n);

#endif
