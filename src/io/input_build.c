/* structure.build: the structure made by a builder of `pawsorb build` (docs/input.md):
 *   {name: latp001, preset, layers | thickness, vacuum, supercell, fix, termination, x,
 *    max_enum, allow_dipole}          (src/build/slab.h, presets in build/slab_preset.h)
 *   {name: latp-bulk, x, repeat}      (src/build/latp.h)
 * with the command's defaults and ranges, read in Angstrom exactly as the command reads
 * its options (strtod), so the structure is bit-identical to the one `pawsorb build`
 * makes with the same options before it writes it. Both builders are deterministic: their
 * random samples use a fixed seed (xorshift64 in build/latp.c and build/slab_order.c). */
#include "build/latp.h"
#include "build/slab_preset.h"
#include "core/units.h"
#include "io/input_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const builders[] = {"latp001", "latp-bulk", NULL};
static const char *const latp001_keys[] = {"name", "preset", "layers", "thickness", "vacuum", "supercell", "fix",
                                           "termination", "x", "max_enum", "allow_dipole", NULL};
static const char *const bulk_keys[] = {"name", "x", "repeat", NULL};

/* A key's node and its path "structure.build.KEY" (path ready for messages). */
static const ynode *key(const ynode *b, const char *k, char *path, size_t cap)
{
    snprintf(path, cap, "structure.build.%s", k);
    return ynode_get(b, k);
}

/* supercell: [a, b] / repeat: [a, b, c], each 1..4 as the command's --supercell/--repeat. */
static int read_repeats(const ictx *c, const ynode *n, const char *path, int len, int out[])
{
    char p[96];
    if (in_list(c, n, path, (size_t)len, len == 2 ? "a list of 2 integers [a, b]" : "a list of 3 integers [a, b, c]"))
        return -1;
    for (int k = 0; k < len; k++) {
        snprintf(p, sizeof p, "%s[%d]", path, k);
        if (in_int(c, n->items[k], p, 1, 4, &out[k])) return -1;
    }
    return 0;
}

/* The builders refuse options in the command's words ("--x 0.3 (1 Al in 4 formula units):
 * none of ...; try another --x"). Turned here into the key that caused it and the input's
 * words: "structure.build.x: 1 Al in 4 formula units: none of ...; try another x (0.3)",
 * pointing at the key's line, or at the preset's (or the builder's) when the value was not
 * written. */
static int builder_refused(const ictx *c, const ynode *b, const char *preset, const err *be)
{
    if (be->status != EXIT_BAD_INPUT)
        return err_set(c->e, be->status, "%s:%d: structure.build: %s", c->file, b->line, be->msg);
    const char *m = be->msg;
    char k[32] = "", val[64] = "", text[sizeof be->msg], path[64];
    if (sscanf(m, "--%31[a-z-] %63[^ :]", k, val) == 2) {
        m += strlen(k) + strlen(val) + 3;
        if (*m == ':' || *m == ' ') m++;
        while (*m == ' ') m++;
        const char *close = *m == '(' ? strstr(m, "): ") : NULL;
        if (close) {   /* "(1 Al in 4 formula units): rest" -> "1 Al in 4 formula units: rest" */
            snprintf(text, sizeof text, "%.*s%s", (int)(close - m - 1), m + 1, close + 1);
            m = text;
        }
    } else if (sscanf(m, "termination %63[0-9]", val) == 1) {
        snprintf(k, sizeof k, "termination");
    }
    char out[sizeof be->msg];
    size_t w = 0;
    for (const char *p = m; *p && w + 1 < sizeof out; p++) {   /* --allow-dipole -> allow_dipole */
        if (p[0] == '-' && p[1] == '-' && p[2] >= 'a' && p[2] <= 'z') {
            for (p += 2; ((*p >= 'a' && *p <= 'z') || *p == '-') && w + 1 < sizeof out; p++)
                out[w++] = *p == '-' ? '_' : *p;
            p--;
        } else {
            out[w++] = *p;
        }
    }
    out[w] = '\0';
    for (char *p = k; *p; p++)
        if (*p == '-') *p = '_';
    if (!k[0]) return in_bad(c, b, "structure.build", "%s", out);
    const ynode *n = key(b, k, path, sizeof path), *pn = ynode_get(b, "preset");
    char shown[64];
    if (n) return in_bad(c, n, path, "%s (%s)", out, in_shown(n, shown, sizeof shown));
    if (preset[0]) return in_bad(c, pn ? pn : b, path, "%s (%s from preset %s)", out, val, preset);
    return in_bad(c, b, path, "%s (%s, the default)", out, val);
}

/* Numbers and switches of latp001 over the preset's values; lengths in Angstrom. */
static int read_latp001_opts(const ictx *c, const ynode *b, slab_opts *o, double *thick, double *vac)
{
    const ynode *n;
    char path[64];
    double v;
    if ((n = key(b, "x", path, sizeof path)) && in_double_range(c, n, path, 0, 0, 1, "", &o->x)) return -1;
    if ((n = key(b, "layers", path, sizeof path)) && in_int(c, n, path, 1, 24, &o->layers)) return -1;
    if ((n = key(b, "thickness", path, sizeof path))) {
        if (ynode_get(b, "layers")) return in_bad(c, n, path, "give layers or thickness, not both");
        if (in_double_range(c, n, path, 1, 0, 200, "Angstrom", thick)) return -1;
    }
    if ((n = key(b, "vacuum", path, sizeof path)) && in_double_range(c, n, path, 0, 0, 100, "Angstrom", vac))
        return -1;
    if ((n = key(b, "supercell", path, sizeof path)) && read_repeats(c, n, path, 2, o->supercell)) return -1;
    if ((n = key(b, "fix", path, sizeof path)) && in_int(c, n, path, 0, 23, &o->fix_layers)) return -1;
    if ((n = key(b, "termination", path, sizeof path)) && in_int(c, n, path, 0, 99, &o->termination)) return -1;
    if ((n = key(b, "allow_dipole", path, sizeof path)) && in_bool(c, n, path, &o->allow_dipole)) return -1;
    if ((n = key(b, "max_enum", path, sizeof path))) {
        char shown[64];
        if (in_double_range(c, n, path, 1, 0, 1e10, "", &v)) return -1;
        if (v != floor(v)) return in_bad(c, n, path, "must be a whole number (%s)", in_shown(n, shown, sizeof shown));
        o->max_enum = (long)v;
    }
    return 0;
}

/* printf at out + *w, *w advanced and kept within cap. */
static void append(char *out, size_t cap, size_t *w, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void append(char *out, size_t cap, size_t *w, const char *fmt, ...)
{
    if (*w + 1 >= cap) return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(out + *w, cap - *w, fmt, ap);
    va_end(ap);
    if (k > 0) *w = *w + (size_t)k < cap ? *w + (size_t)k : cap - 1;
}

/* "; layers 3, supercell 1x1" for the keys written over the preset (for the logs). */
static void describe_overrides(const ynode *b, const slab_opts *o, double thick, double vac, char *out, size_t cap)
{
    size_t w = 0;
    out[0] = '\0';
    for (int i = 2; latp001_keys[i]; i++) {   /* after name and preset */
        const char *k = latp001_keys[i];
        if (!ynode_get(b, k)) continue;
        append(out, cap, &w, "%s%s ", w ? ", " : "; ", k);
        if (!strcmp(k, "layers")) append(out, cap, &w, "%d", o->layers);
        else if (!strcmp(k, "thickness")) append(out, cap, &w, "%g A = %d layers", thick, o->layers);
        else if (!strcmp(k, "vacuum")) append(out, cap, &w, "%g A", vac);
        else if (!strcmp(k, "supercell")) append(out, cap, &w, "%dx%d", o->supercell[0], o->supercell[1]);
        else if (!strcmp(k, "fix")) append(out, cap, &w, "%d", o->fix_layers);
        else if (!strcmp(k, "termination")) append(out, cap, &w, "%d", o->termination);
        else if (!strcmp(k, "x")) append(out, cap, &w, "%g", o->x);
        else if (!strcmp(k, "max_enum")) append(out, cap, &w, "%ld", o->max_enum);
        else append(out, cap, &w, "%s", o->allow_dipole ? "true" : "false");
    }
}

static int build_latp001(const ictx *c, const ynode *b, structure *s, char *origin, size_t cap)
{
    const char *names[8];
    int np = 0, k = 0;
    for (const slab_preset *p = slab_presets; p->name && np < 7; p++) names[np++] = p->name;
    names[np] = NULL;
    const ynode *pn = ynode_get(b, "preset");
    const slab_preset *p = slab_preset_find(SLAB_PRESET_DEFAULT);
    if (pn) {
        if (in_choice(c, pn, "structure.build.preset", names, &k)) return -1;
        p = &slab_presets[k];
    }
    slab_opts o = slab_preset_opts(p);
    double thick = 0, vac = p->vacuum_ang;
    if (read_latp001_opts(c, b, &o, &thick, &vac)) return -1;
    o.vacuum = vac / BOHR_ANG;   /* as build_cmd_latp001: Angstrom -> bohr once */
    if (thick > 0) o.layers = slab_layers_for_thickness(&o, thick);
    long natoms = 36L * o.layers * o.supercell[0] * o.supercell[1];   /* 2 f.u. of 18 atoms per layer, + Li */
    if (natoms > INPUT_MAX_ATOMS)
        return in_bad(c, b, "structure.build", "the slab would hold at least %ld atoms (36 per layer and in-plane "
                      "cell: %d layers, supercell %dx%d); at most %d", natoms, o.layers, o.supercell[0],
                      o.supercell[1], INPUT_MAX_ATOMS);
    const ynode *fn = ynode_get(b, "fix");
    char shown[64];
    if (fn && o.fix_layers >= o.layers)
        return in_bad(c, fn, "structure.build.fix", "must be less than the slab's %d layer%s: a slab needs a free "
                      "layer (%s)", o.layers, o.layers == 1 ? "" : "s", in_shown(fn, shown, sizeof shown));
    if (o.fix_layers >= o.layers) o.fix_layers = o.layers - 1;   /* the preset's, on a thinner slab: as the command */
    slab_report r;
    err be = {0};
    if (slab_latp001(&o, s, &r, &be)) return builder_refused(c, b, p->name, &be);
    char over[256];
    describe_overrides(b, &o, thick, vac, over, sizeof over);
    char xs[96] = "";
    if (r.n_al > 0) snprintf(xs, sizeof xs, "x = %d/%d = %.4g (%g asked), ", r.n_al, r.formula_units, r.x_used, o.x);
    double dip = fabs(r.dipole * BOHR_ANG) < 5e-5 ? 0.0 : r.dipole * BOHR_ANG;   /* no "-0.0000" */
    snprintf(origin, cap, "built by latp001 (preset %s%s): %d atoms; %stermination %d (%s), %d fixed (bottom %d "
             "layer%s), formal-charge dipole %.4f e*A", p->name, over, s->natoms, xs, o.termination, r.termination,
             r.n_fixed, o.fix_layers, o.fix_layers == 1 ? "" : "s", dip);
    return 0;
}

static int build_latp_bulk(const ictx *c, const ynode *b, structure *s, char *origin, size_t cap)
{
    latp_opts o = {.x = 1.0 / 3.0, .rep = {1, 1, 1}};   /* build_cmd_latp_bulk's defaults */
    const ynode *n;
    char path[64];
    if ((n = key(b, "x", path, sizeof path)) && in_double_range(c, n, path, 0, 0, 1, "", &o.x)) return -1;
    if ((n = key(b, "repeat", path, sizeof path)) && read_repeats(c, n, path, 3, o.rep)) return -1;
    long natoms = 108L * o.rep[0] * o.rep[1] * o.rep[2];   /* the hexagonal cell, + Li */
    if (natoms > INPUT_MAX_ATOMS)   /* refused before its Ewald sum, which grows as N^2 */
        return in_bad(c, b, "structure.build", "the cell would hold at least %ld atoms (108 per hexagonal cell, "
                      "repeat %dx%dx%d); at most %d", natoms, o.rep[0], o.rep[1], o.rep[2], INPUT_MAX_ATOMS);
    latp_report r;
    err be = {0};
    if (latp_build(&o, s, &r, &be)) return builder_refused(c, b, "", &be);
    snprintf(origin, cap, "built by latp-bulk (x %g, repeat %dx%dx%d): %d atoms; lowest Ewald energy of formal "
             "charges %.4f eV", o.x, o.rep[0], o.rep[1], o.rep[2], s->natoms, r.e_best_ev);
    return 0;
}

int input_read_build(const ictx *c, const ynode *b, structure *s, char *origin, size_t cap)
{
    char shown[64];
    int k;
    if (b->kind != YNODE_MAP)
        return in_bad(c, b, "structure.build", "expected a mapping such as {name: latp001, preset: quick}, got %s",
                      in_shown(b, shown, sizeof shown));
    const ynode *name = ynode_get(b, "name");
    if (!name) return in_bad(c, b, "structure.build.name", "missing: name the builder (latp001 or latp-bulk)");
    if (in_choice(c, name, "structure.build.name", builders, &k)) return -1;
    if (in_check_keys(c, b, "structure.build", k == 0 ? latp001_keys : bulk_keys)) return -1;
    structure built = {0};
    int rc = k == 0 ? build_latp001(c, b, &built, origin, cap) : build_latp_bulk(c, b, &built, origin, cap);
    if (rc) return -1;
    *s = built;
    return 0;
}
