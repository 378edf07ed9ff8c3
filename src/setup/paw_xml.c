/* PAW-XML reader (paw_setup.h): zlib reads the file (gzip or plain), libxml2 parses it
 * from memory, and two passes over the top-level elements fill a paw_setup: first the
 * scalars, the states and the grid (which arrays depend on), then the radial arrays.
 * The element and attribute names follow the PAW-XML specification as GPAW writes and
 * reads it (gpaw/setup_data.py, PAWXMLParser). Unknown elements (exact-exchange and
 * GLLB data, comments) are skipped as GPAW does. */
#include "setup/paw_setup.h"

#include "core/elements.h"
#include "core/mem.h"

#include <ctype.h>
#include <errno.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* What every helper needs to say where a problem is. */
typedef struct {
    const char *path;
    err *e;
} reader;

static int bad(const reader *rd, const xmlNode *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static int bad(const reader *rd, const xmlNode *node, const char *fmt, ...)
{
    char what[1536];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    if (node)
        return err_set(rd->e, EXIT_BAD_INPUT, "%s:%ld: <%s>: %s", rd->path, xmlGetLineNo(node),
                       (const char *)node->name, what);
    return err_set(rd->e, EXIT_BAD_INPUT, "%s: %s", rd->path, what);
}

/* Whole file into memory; gzread passes plain files through unchanged. */
static char *slurp(const char *path, size_t *len, err *e)
{
    gzFile f = gzopen(path, "rb");
    if (!f)
        return err_set(e, EXIT_BAD_INPUT, "%s: cannot open PAW dataset: %s", path,
                       errno ? strerror(errno) : "out of memory"), NULL;
    size_t cap = 1 << 20, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (cap - n < (1 << 16)) buf = xrealloc(buf, cap *= 2);
        int got = gzread(f, buf + n, (unsigned)(cap - n));
        if (got < 0) {
            int zerr;
            const char *why = gzerror(f, &zerr);
            size_t plen = strlen(path);
            if (!strncmp(why, path, plen) && !strncmp(why + plen, ": ", 2)) why += plen + 2;   /* zlib repeats the path */
            err_set(e, EXIT_BAD_INPUT, "%s: cannot read PAW dataset: %s", path, why);
            gzclose(f);
            free(buf);
            return NULL;
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    gzclose(f);
    *len = n;
    return buf;
}

/* ---- attributes ------------------------------------------------------------------- */

/* Copy of attribute `name` into out[n]; returns 1 if present, 0 if absent (no error),
 * -1 if too long. */
static int attr_copy(const reader *rd, const xmlNode *node, const char *name, char *out, size_t n)
{
    xmlChar *v = xmlGetProp(node, (const xmlChar *)name);
    if (!v) return 0;
    int fits = strlen((const char *)v) < n;
    if (fits) strcpy(out, (const char *)v);
    else bad(rd, node, "attribute %s=\"%.40s...\" is too long", name, (const char *)v);
    xmlFree(v);
    return fits ? 1 : -1;
}

static int attr_required(const reader *rd, const xmlNode *node, const char *name, char *out, size_t n)
{
    int r = attr_copy(rd, node, name, out, n);
    if (r == 0) return bad(rd, node, "attribute %s is missing", name);
    return r < 0 ? -1 : 0;
}

/* A finite number; `def` is used when the attribute is absent and optional. */
static int attr_double(const reader *rd, const xmlNode *node, const char *name, int required,
                       double def, double *out)
{
    char s[128];
    int r = attr_copy(rd, node, name, s, sizeof s);
    if (r < 0) return -1;
    if (r == 0) {
        if (required) return bad(rd, node, "attribute %s is missing", name);
        *out = def;
        return 0;
    }
    char *end;
    errno = 0;
    double x = strtod(s, &end);
    while (isspace((unsigned char)*end)) end++;
    if (end == s || *end || errno == ERANGE || !isfinite(x))
        return bad(rd, node, "attribute %s=\"%s\" is not a finite number", name, s);
    *out = x;
    return 0;
}

/* An integer-valued number ("8", "2.0"), within [lo, hi]. */
static int attr_int(const reader *rd, const xmlNode *node, const char *name, int required, int def,
                    int lo, int hi, int *out)
{
    double x;
    if (attr_double(rd, node, name, required, def, &x)) return -1;
    if (x != floor(x) || x < lo || x > hi) {
        char s[128] = "";
        attr_copy(rd, node, name, s, sizeof s);
        return bad(rd, node, "attribute %s=\"%s\" is not an integer in [%d, %d]", name, s, lo, hi);
    }
    *out = (int)x;
    return 0;
}

/* ---- arrays ----------------------------------------------------------------------- */

/* The element's text as exactly `count` finite numbers into a new array. */
static int read_numbers(const reader *rd, const xmlNode *node, int count, double **out)
{
    xmlChar *text = xmlNodeGetContent(node);
    const char *s = text ? (const char *)text : "";
    double *x = xmalloc((size_t)(count > 0 ? count : 1) * sizeof *x);
    int k = 0, rc = 0;
    for (;;) {
        while (isspace((unsigned char)*s)) s++;
        if (!*s) break;
        char *end;
        errno = 0;
        double v = strtod(s, &end);
        if (end == s || (*end && !isspace((unsigned char)*end)) || errno == ERANGE || !isfinite(v)) {
            int len = 0;
            while (s[len] && !isspace((unsigned char)s[len]) && len < 40) len++;
            rc = bad(rd, node, "value %d \"%.*s\" is not a finite number", k + 1, len, s);
            break;
        }
        if (k == count) {
            rc = bad(rd, node, "has more than the %d values expected", count);
            break;
        }
        x[k++] = v;
        s = end;
    }
    if (!rc && k != count) rc = bad(rd, node, "has %d values, expected %d", k, count);
    if (text) xmlFree(text);
    if (rc) return free(x), -1;
    *out = x;
    return 0;
}

static int is(const xmlNode *node, const char *name)
{
    return node->type == XML_ELEMENT_NODE && strcmp((const char *)node->name, name) == 0;
}

/* ---- first pass: scalars, states, grid ---------------------------------------------- */

static int read_atom(const reader *rd, const xmlNode *node, paw_setup *s)
{
    if (attr_required(rd, node, "symbol", s->symbol, sizeof s->symbol)) return -1;
    int z = element_z(s->symbol);
    if (!z) return bad(rd, node, "attribute symbol=\"%s\" is not an element", s->symbol);
    if (attr_int(rd, node, "Z", 1, 0, 1, ELEMENT_MAX_Z, &s->Z)) return -1;
    if (s->Z != z) return bad(rd, node, "Z=\"%d\" does not match symbol \"%s\" (Z = %d)", s->Z, s->symbol, z);
    if (attr_double(rd, node, "core", 1, 0, &s->Nc)) return -1;
    if (s->Nc < 0 || s->Nc > s->Z) return bad(rd, node, "core=\"%g\" is not in [0, Z]", s->Nc);
    return attr_int(rd, node, "valence", 1, 0, 0, s->Z, &s->Nv);
}

static int read_xc(const reader *rd, const xmlNode *node, paw_setup *s)
{
    if (attr_required(rd, node, "type", s->xc_type, sizeof s->xc_type)) return -1;
    if (strcmp(s->xc_type, "LDA") == 0) {
        strcpy(s->xc_name, "LDA");   /* GPAW names every LDA dataset "LDA" */
        return 0;
    }
    return attr_required(rd, node, "name", s->xc_name, sizeof s->xc_name);
}

static int read_generator(const reader *rd, const xmlNode *node, paw_setup *s)
{
    if (attr_copy(rd, node, "type", s->generator_type, sizeof s->generator_type) < 0) return -1;
    if (attr_copy(rd, node, "name", s->generator_name, sizeof s->generator_name) < 0) return -1;
    if (attr_int(rd, node, "version", 0, 1, 0, 1000000, &s->generator_version)) return -1;
    xmlChar *text = xmlNodeGetContent(node);
    const char *t = text ? (const char *)text : "";
    while (isspace((unsigned char)*t)) t++;
    size_t len = strlen(t);
    while (len && isspace((unsigned char)t[len - 1])) len--;
    if (len >= sizeof s->generator_text) len = sizeof s->generator_text - 1;
    memcpy(s->generator_text, t, len);
    s->generator_text[len] = 0;
    if (text) xmlFree(text);
    return 0;
}

static int read_state(const reader *rd, const xmlNode *node, int old_format, paw_state *st)
{
    if (attr_int(rd, node, "l", 1, 0, 0, 3, &st->l)) return -1;
    if (attr_int(rd, node, "n", 0, -1, -1, 20, &st->n)) return -1;
    if (st->n == 0 || (st->n > 0 && st->n <= st->l))
        return bad(rd, node, "n=\"%d\" is impossible for l=%d", st->n, st->l);
    if (attr_double(rd, node, "f", 0, 0, &st->f) || attr_double(rd, node, "e", 1, 0, &st->e) ||
        attr_double(rd, node, "rc", 0, -1, &st->rc))
        return -1;
    if (st->f < 0 || st->f > 2 * (2 * st->l + 1))
        return bad(rd, node, "f=\"%g\" is not in [0, %d]", st->f, 2 * (2 * st->l + 1));
    if (st->rc != -1 && !(st->rc > 0)) return bad(rd, node, "rc=\"%g\" is not positive", st->rc);
    if (attr_required(rd, node, "id", st->id, sizeof st->id)) return -1;
    if (old_format && st->f == 0) st->n = -1;   /* datasets before 0.6: unoccupied = unbound */
    return 0;
}

static int read_states(const reader *rd, const xmlNode *node, paw_setup *s)
{
    if (s->states) return bad(rd, node, "appears twice");
    int count = 0;
    for (const xmlNode *c = node->children; c; c = c->next)
        count += is(c, "state");
    if (!count) return bad(rd, node, "has no <state>");
    s->states = xcalloc((size_t)count, sizeof *s->states);
    int old_format = strtod(s->version, NULL) < 0.6;
    for (const xmlNode *c = node->children; c; c = c->next) {
        if (!is(c, "state")) continue;
        paw_state *st = &s->states[s->nj];
        if (read_state(rd, c, old_format, st)) return -1;
        for (int j = 0; j < s->nj; j++)
            if (strcmp(s->states[j].id, st->id) == 0) return bad(rd, c, "id=\"%s\" appears twice", st->id);
        s->nj++;
    }
    return 0;
}

static int read_grid(const reader *rd, const xmlNode *node, paw_setup *s)
{
    if (s->grid.n) return bad(rd, node, "only one radial grid is supported");
    char eq[64];
    if (attr_required(rd, node, "eq", eq, sizeof eq)) return -1;
    double a = 0, b = 0, d = 0;
    int n = 0, istart = 0, iend = 0;
    if (attr_int(rd, node, "istart", 0, 0, 0, 0, &istart)) return -1;   /* GPAW: must be 0 */
    if (strcmp(eq, "r=a*i/(n-i)") == 0 || strcmp(eq, "r=a*i/(1-b*i)") == 0) {
        int ni = strcmp(eq, "r=a*i/(n-i)") == 0;
        if (attr_double(rd, node, "a", 1, 0, &a) || attr_int(rd, node, "n", 1, 0, 2, 1 << 20, &n))
            return -1;
        if (!ni && attr_double(rd, node, "b", 1, 0, &b)) return -1;
        if (ni) a = a / n, b = 1.0 / n;   /* r = beta i/(n-i) = (beta/n) i / (1 - i/n) */
        if (!(a > 0) || b < 0 || 1 - b * (n - 1) <= 0)
            return bad(rd, node, "eq=\"%s\" with a=%g, b=%g, n=%d is not a valid grid", eq, a, b, n);
        radial_init_rational(&s->grid, a, b, n);
        return 0;
    }
    if (attr_int(rd, node, "iend", 1, 0, 1, 1 << 20, &iend)) return -1;
    n = iend + 1;
    if (strcmp(eq, "r=a*(exp(d*i)-1)") == 0) {
        if (attr_double(rd, node, "a", 1, 0, &a) || attr_double(rd, node, "d", 1, 0, &d)) return -1;
        if (!(a > 0) || !(d > 0) || d * iend > 700)
            return bad(rd, node, "eq=\"%s\" with a=%g, d=%g is not a valid grid", eq, a, d);
        radial_init_exp(&s->grid, a, d, n);
    } else if (strcmp(eq, "r=d*i") == 0) {
        if (attr_double(rd, node, "d", 1, 0, &d)) return -1;
        if (!(d > 0)) return bad(rd, node, "d=\"%g\" is not positive", d);
        radial_init_linear(&s->grid, d, n);
    } else {
        return bad(rd, node, "eq=\"%s\" is not a known grid (r=a*i/(n-i), r=a*i/(1-b*i), "
                             "r=a*(exp(d*i)-1), r=d*i)", eq);
    }
    return 0;
}

static int read_shape(const reader *rd, const xmlNode *node, paw_setup *s)
{
    char type[32];
    if (attr_required(rd, node, "type", type, sizeof type)) return -1;
    if (strcmp(type, "gauss") == 0) s->shape = SHAPE_GAUSS;
    else if (strcmp(type, "sinc") == 0) s->shape = SHAPE_SINC;
    else if (strcmp(type, "bessel") == 0) s->shape = SHAPE_BESSEL;
    else return bad(rd, node, "type=\"%s\" is not gauss, sinc or bessel", type);
    if (attr_double(rd, node, "rc", 1, 0, &s->shape_rc)) return -1;
    if (!(s->shape_rc > 0)) return bad(rd, node, "rc=\"%g\" is not positive", s->shape_rc);
    return 0;
}

/* Elements of the first pass; `seen` counts them so that required ones can be checked. */
enum { SEEN_ATOM, SEEN_XC, SEEN_AE_ENERGY, SEEN_CORE_ENERGY, SEEN_STATES, SEEN_GRID, SEEN_SHAPE, SEEN_N };
static const char *const seen_names[SEEN_N] = {"atom", "xc_functional", "ae_energy", "core_energy",
                                               "valence_states", "radial_grid", "shape_function"};

static int first_pass(const reader *rd, const xmlNode *root, paw_setup *s)
{
    int seen[SEEN_N] = {0};
    for (const xmlNode *c = root->children; c; c = c->next) {
        int rc = 0;
        if (is(c, "atom")) rc = read_atom(rd, c, s), seen[SEEN_ATOM]++;
        else if (is(c, "xc_functional")) rc = read_xc(rd, c, s), seen[SEEN_XC]++;
        else if (is(c, "generator")) rc = read_generator(rd, c, s);
        else if (is(c, "ae_energy")) {
            seen[SEEN_AE_ENERGY]++;
            rc = attr_double(rd, c, "kinetic", 1, 0, &s->e_kinetic) || attr_double(rd, c, "xc", 1, 0, &s->e_xc) ||
                 attr_double(rd, c, "electrostatic", 1, 0, &s->e_electrostatic) ||
                 attr_double(rd, c, "total", 1, 0, &s->e_total);
        } else if (is(c, "core_energy"))
            rc = attr_double(rd, c, "kinetic", 1, 0, &s->e_kinetic_core), seen[SEEN_CORE_ENERGY]++;
        else if (is(c, "valence_states")) rc = read_states(rd, c, s), seen[SEEN_STATES]++;
        else if (is(c, "radial_grid")) rc = read_grid(rd, c, s), seen[SEEN_GRID]++;
        else if (is(c, "shape_function")) rc = read_shape(rd, c, s), seen[SEEN_SHAPE]++;
        if (rc) return -1;
    }
    for (int k = 0; k < SEEN_N; k++)
        if (!seen[k]) return bad(rd, root, "element <%s> is missing", seen_names[k]);
    return 0;
}

/* ---- second pass: radial arrays ------------------------------------------------------ */

static int state_index(const reader *rd, const xmlNode *node, const paw_setup *s)
{
    char id[32];
    if (attr_required(rd, node, "state", id, sizeof id)) return -1;
    for (int j = 0; j < s->nj; j++)
        if (strcmp(s->states[j].id, id) == 0) return j;
    bad(rd, node, "state=\"%s\" is not one of the <valence_states>", id);
    return -1;
}

/* Per-state arrays go into row j of an nj x n block. */
static int read_state_array(const reader *rd, const xmlNode *node, paw_setup *s, double *block, char *have)
{
    int j = state_index(rd, node, s);
    if (j < 0) return -1;
    if (have[j]) return bad(rd, node, "appears twice for state \"%s\"", s->states[j].id);
    double *x;
    if (read_numbers(rd, node, s->grid.n, &x)) return -1;
    memcpy(block + (size_t)j * s->grid.n, x, (size_t)s->grid.n * sizeof *x);
    free(x);
    have[j] = 1;
    return 0;
}

static int read_radial(const reader *rd, const xmlNode *node, int count, double **slot)
{
    if (*slot) return bad(rd, node, "appears twice");
    return read_numbers(rd, node, count, slot);
}

static int second_pass(const reader *rd, const xmlNode *root, paw_setup *s)
{
    int n = s->grid.n, nj = s->nj;
    s->phi = xcalloc((size_t)nj * n, sizeof *s->phi);
    s->phit = xcalloc((size_t)nj * n, sizeof *s->phit);
    s->pt = xcalloc((size_t)nj * n, sizeof *s->pt);
    char *have = xcalloc((size_t)3 * nj, 1);
    int rc = 0;
    for (const xmlNode *c = root->children; c && !rc; c = c->next) {
        if (is(c, "ae_core_density")) rc = read_radial(rd, c, n, &s->nc);
        else if (is(c, "pseudo_core_density")) rc = read_radial(rd, c, n, &s->nct);
        else if (is(c, "pseudo_valence_density")) rc = read_radial(rd, c, n, &s->nvt);
        else if (is(c, "zero_potential") || is(c, "localized_potential")) rc = read_radial(rd, c, n, &s->vbar);
        else if (is(c, "ae_core_kinetic_energy_density")) rc = read_radial(rd, c, n, &s->tauc);
        else if (is(c, "pseudo_core_kinetic_energy_density")) rc = read_radial(rd, c, n, &s->tauct);
        else if (is(c, "kinetic_energy_differences")) rc = read_radial(rd, c, nj * nj, &s->e_kin);
        else if (is(c, "ae_partial_wave")) rc = read_state_array(rd, c, s, s->phi, have);
        else if (is(c, "pseudo_partial_wave")) rc = read_state_array(rd, c, s, s->phit, have + nj);
        else if (is(c, "projector_function")) rc = read_state_array(rd, c, s, s->pt, have + 2 * nj);
    }
    static const char *const per_state[3] = {"ae_partial_wave", "pseudo_partial_wave", "projector_function"};
    for (int k = 0; k < 3 * nj && !rc; k++)
        if (!have[k]) rc = bad(rd, root, "element <%s state=\"%s\"> is missing", per_state[k / nj], s->states[k % nj].id);
    free(have);
    if (rc) return -1;
    const struct { const char *name; const double *x; } required[] = {
        {"ae_core_density", s->nc}, {"pseudo_core_density", s->nct}, {"zero_potential", s->vbar},
        {"kinetic_energy_differences", s->e_kin}};
    for (size_t k = 0; k < sizeof required / sizeof *required; k++)
        if (!required[k].x) return bad(rd, root, "element <%s> is missing", required[k].name);
    return 0;
}

/* ---- entry points ---------------------------------------------------------------------- */

static int read_doc(const reader *rd, const xmlNode *root, paw_setup *s)
{
    if (!root || (!is(root, "paw_setup") && !is(root, "paw_dataset")))
        return bad(rd, root, "not a PAW-XML dataset (root element is not <paw_setup>)");
    if (attr_required(rd, root, "version", s->version, sizeof s->version)) return -1;
    int major = 0, minor = 0;
    if (sscanf(s->version, "%d.%d", &major, &minor) != 2 || (major == 0 && minor < 4))
        return bad(rd, root, "version=\"%s\" is not a supported PAW-XML version (>= 0.4)", s->version);
    s->generator_version = 1;
    if (first_pass(rd, root, s) || second_pass(rd, root, s)) return -1;
    return 0;
}

int setup_read(const char *path, paw_setup *s, err *e)
{
    memset(s, 0, sizeof *s);
    reader rd = {path, e};
    if (strlen(path) >= sizeof s->path)
        return err_set(e, EXIT_BAD_INPUT, "PAW dataset path is too long: %.80s...", path);
    strcpy(s->path, path);
    size_t len;
    char *buf = slurp(path, &len, e);
    if (!buf) return -1;
    if (len > (size_t)1 << 30) return free(buf), bad(&rd, NULL, "file is larger than 1 GiB");
    xmlParserCtxtPtr ctx = xmlNewParserCtxt();
    if (!ctx) return free(buf), err_set(e, EXIT_INTERNAL, "%s: libxml2 could not start", path);
    xmlDocPtr doc = xmlCtxtReadMemory(ctx, buf, (int)len, path, NULL,
                                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                          XML_PARSE_HUGE | XML_PARSE_BIG_LINES);
    free(buf);
    int rc = 0;
    if (!doc) {
        const xmlError *xe = xmlCtxtGetLastError(ctx);
        char msg[512] = "not well-formed XML";
        if (xe && xe->message) {
            snprintf(msg, sizeof msg, "%s", xe->message);
            size_t m = strlen(msg);
            while (m && isspace((unsigned char)msg[m - 1])) msg[--m] = 0;
        }
        rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: malformed XML: %s", path, xe ? xe->line : 0, msg);
    } else {
        rc = read_doc(&rd, xmlDocGetRootElement(doc), s);
        xmlFreeDoc(doc);
    }
    xmlFreeParserCtxt(ctx);
    if (rc) {
        setup_free(s);
        strcpy(s->path, path);
    }
    return rc;
}

void setup_free(paw_setup *s)
{
    radial_free(&s->grid);
    free(s->states);
    double *arrays[] = {s->nc, s->nct, s->nvt, s->vbar, s->tauc, s->tauct, s->phi, s->phit, s->pt, s->e_kin};
    for (size_t k = 0; k < sizeof arrays / sizeof *arrays; k++) free(arrays[k]);
    memset(s, 0, sizeof *s);
}

int setup_nproj(const paw_setup *s)
{
    int ni = 0;
    for (int j = 0; j < s->nj; j++) ni += 2 * s->states[j].l + 1;
    return ni;
}
