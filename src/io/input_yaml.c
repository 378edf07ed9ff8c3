/* libyaml event stream -> ynode tree. libyaml's parser is an explicit state machine (no C
 * recursion), so deep nesting cannot overflow the stack there; we stop at YNODE_MAX_DEPTH
 * ourselves so that the tree walkers, which recurse, stay bounded too. */
#include "io/input_yaml.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

static ynode *node_new(ynode_kind kind, const yaml_mark_t *mark)
{
    ynode *n = xcalloc(1, sizeof *n);
    n->kind = kind;
    n->line = (int)mark->line + 1;
    return n;
}

void ynode_free(ynode *n)
{
    if (!n) return;
    /* a map cut short by a syntax error may hold a pending key (marked by str) */
    size_t count = n->kind == YNODE_MAP ? 2 * n->n + (n->str ? 1 : 0) : n->n;
    for (size_t i = 0; i < count; i++) ynode_free(n->items[i]);
    free(n->items);
    free(n->str);
    free(n);
}

/* Appends child to an open list or map (a map holds keys and values alternately). */
static void node_append(ynode *parent, ynode *child, size_t *cap)
{
    size_t used = parent->kind == YNODE_MAP ? 2 * parent->n + (parent->str ? 1 : 0) : parent->n;
    if (used + 1 > *cap) {
        *cap = *cap ? 2 * *cap : 8;
        parent->items = xrealloc(parent->items, *cap * sizeof *parent->items);
    }
    parent->items[used] = child;
    if (parent->kind == YNODE_LIST) {
        parent->n++;
    } else if (parent->str) {  /* a key was pending: the pair is complete */
        free(parent->str);
        parent->str = NULL;
        parent->n++;
    } else {                   /* mark "key pending" with a non-NULL str */
        parent->str = xstrdup("");
    }
}

/* The line of a syntax error, plus a hint for the commonest cause we can recognise. */
static int syntax_error(const yaml_parser_t *p, const char *text, size_t len, const char *file, err *e)
{
    int line = (int)p->problem_mark.line + 1;
    const char *hint = "";
    if (p->error == YAML_READER_ERROR) {
        /* Encoding errors carry a byte offset, not a mark. */
        line = 1;
        for (size_t i = 0; i < p->problem_offset && i < len; i++) line += text[i] == '\n';
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: YAML syntax error: %s (byte 0x%02x at offset %zu; "
                       "the input must be UTF-8 text)", file, line, p->problem ? p->problem : "unreadable input",
                       (unsigned)p->problem_value & 0xffu, p->problem_offset);
    }
    /* Find that line and look for a tab: YAML forbids tabs in indentation. */
    size_t pos = 0;
    for (int l = 1; l < line && pos < len; pos++)
        if (text[pos] == '\n') l++;
    for (size_t i = pos; i < len && text[i] != '\n'; i++)
        if (text[i] == '\t') {
            hint = "; tabs are not allowed in YAML indentation, use spaces";
            break;
        }
    if (p->context)
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: YAML syntax error: %s %s (line %d)%s", file, line,
                       p->problem ? p->problem : "malformed input", p->context,
                       (int)p->context_mark.line + 1, hint);
    return err_set(e, EXIT_BAD_INPUT, "%s:%d: YAML syntax error: %s%s", file, line,
                   p->problem ? p->problem : "malformed input", hint);
}

typedef struct {
    ynode *node;
    size_t cap;
} open_node;

/* Handles one content event; returns 0, or -1 with e set. */
static int on_event(const yaml_event_t *ev, open_node *stack, int *depth, ynode **root,
                    const char *file, err *e)
{
    ynode *n = NULL;
    switch (ev->type) {
    case YAML_ALIAS_EVENT:
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: YAML aliases (*%s) are not supported in pawsorb input",
                       file, (int)ev->start_mark.line + 1, (const char *)ev->data.alias.anchor);
    case YAML_SCALAR_EVENT:
        n = node_new(YNODE_SCALAR, &ev->start_mark);
        n->str = xmalloc(ev->data.scalar.length + 1);
        memcpy(n->str, ev->data.scalar.value, ev->data.scalar.length);
        n->str[ev->data.scalar.length] = '\0';
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE && !ev->data.scalar.tag;
        break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        if (*depth >= YNODE_MAX_DEPTH)
            return err_set(e, EXIT_BAD_INPUT, "%s:%d: the input is nested deeper than %d levels",
                           file, (int)ev->start_mark.line + 1, YNODE_MAX_DEPTH);
        n = node_new(ev->type == YAML_SEQUENCE_START_EVENT ? YNODE_LIST : YNODE_MAP, &ev->start_mark);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        if (*depth > 0) (*depth)--;
        return 0;
    default:
        return 0;
    }
    if (*depth == 0) {
        if (*root) ynode_free(*root); /* cannot happen within one document */
        *root = n;
    } else {
        node_append(stack[*depth - 1].node, n, &stack[*depth - 1].cap);
    }
    if (n->kind != YNODE_SCALAR) {
        stack[*depth].node = n;
        stack[*depth].cap = 0;
        (*depth)++;
    }
    return 0;
}

int ynode_parse(const char *text, size_t len, const char *file, ynode **root, err *e)
{
    yaml_parser_t p;
    yaml_event_t ev;
    open_node stack[YNODE_MAX_DEPTH];
    int depth = 0, documents = 0, rc = 0, done = 0;
    *root = NULL;
    if (!yaml_parser_initialize(&p)) return err_set(e, EXIT_INTERNAL, "%s: cannot start the YAML parser", file);
    yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
    while (!done && rc == 0) {
        if (!yaml_parser_parse(&p, &ev)) {
            rc = syntax_error(&p, text, len, file, e);
            break;
        }
        if (ev.type == YAML_DOCUMENT_START_EVENT && ++documents > 1)
            rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: the input holds more than one YAML document (a second '---')",
                         file, (int)ev.start_mark.line + 1);
        else if (ev.type == YAML_STREAM_END_EVENT)
            done = 1;
        else
            rc = on_event(&ev, stack, &depth, root, file, e);
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    if (rc) {
        ynode_free(*root);
        *root = NULL;
    }
    return rc;
}

const ynode *ynode_get(const ynode *map, const char *key)
{
    if (!map || map->kind != YNODE_MAP) return NULL;
    for (size_t i = 0; i < map->n; i++) {
        const ynode *k = map->items[2 * i];
        if (k->kind == YNODE_SCALAR && strcmp(k->str, key) == 0) return map->items[2 * i + 1];
    }
    return NULL;
}

int ynode_is_null(const ynode *n)
{
    return n->kind == YNODE_SCALAR && n->plain &&
           (n->str[0] == '\0' || strcmp(n->str, "~") == 0 || strcmp(n->str, "null") == 0 ||
            strcmp(n->str, "Null") == 0 || strcmp(n->str, "NULL") == 0);
}
