/* The `adsorption` section of task: adsorption / scan (docs/input.md):
 *   adsorption:
 *     adsorbates: [H2O, {name: SN, charge: 0}, {file: my.xyz, name: mine}]
 *     placements: auto | {sites, orientations, heights, max, layer_tol}
 *                 | [{site, orientation, height, adsorbate}, {complex, adsorbate}, ...]
 *     relax: true          # false: single points at the given geometries
 *     deformation: true    # frozen single points for the deformation energies (relax only)
 *     min_vacuum: 5        # Angstrom of vacuum left above every adsorbate
 *     reuse_density: true  # a complex starts from its converged slab and molecule
 *     density_difference: false   # Δρ cube of each complex
 *     screening: {cutoff, fmax, max_steps, keep}
 * Lengths in Angstrom, angles in degrees, stored in bohr and radians. What can only be
 * checked against the structures (a site the slab lacks, a placement too close to the
 * slab) is the workflow's (workflow/adsorption.c), with the line kept here. */
#include "core/mem.h"
#include "core/units.h"
#include "io/input_internal.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_ADSORBATES 64
#define MAX_PLACEMENTS 256
#define DEG (3.14159265358979323846 / 180.0)

static const char *const ads_keys[] = {"adsorbates", "placements", "relax", "deformation", "min_vacuum",
                                       "screening", "reuse_density", "density_difference", NULL};
static const char *const adsorbate_keys[] = {"name", "file", "charge", NULL};
static const char *const placement_keys[] = {"site", "orientation", "height", "adsorbate", "complex", NULL};
static const char *const auto_keys[] = {"sites", "orientations", "heights", "max", "layer_tol", NULL};
static const char *const screening_keys[] = {"cutoff", "fmax", "max_steps", "keep", NULL};

/* A name usable as an HDF5 group and a file-name part: letters, digits, + - _ . */
static int good_name(const char *s)
{
    if (!s[0] || s[0] == '.') return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && !strchr("+-_.", *s)) return 0;
    return 1;
}

/* A path relative to the input's directory, checked readable. */
static int resolve_file(const ictx *c, const ynode *n, const char *path, const char *dir, char *out, size_t cap)
{
    char name[1024];
    struct stat st;
    if (in_string(c, n, path, name, sizeof name)) return -1;
    int w = name[0] == '/' || !dir[0] ? snprintf(out, cap, "%s", name) : snprintf(out, cap, "%s/%s", dir, name);
    if (w < 0 || (size_t)w >= cap) return in_bad(c, n, path, "path too long (%s)", name);
    if (access(out, R_OK) != 0 || stat(out, &st) != 0)
        return in_bad(c, n, path, "cannot read '%s' (%s)", out, strerror(errno));
    if (!S_ISREG(st.st_mode)) return in_bad(c, n, path, "'%s' is not a regular file", out);
    return 0;
}

/* The stem of a path: "dir/my_mol.xyz" -> "my_mol". */
static void stem(const char *path, char *out, size_t cap)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t l = strcspn(b, ".");
    snprintf(out, cap, "%.*s", (int)(l < cap ? l : cap - 1), b);
}

/* One adsorbate: NAME | {name, file, charge}. */
static int read_adsorbate(const ictx *c, const ynode *n, const char *path, const char *dir, input_adsorbate *a)
{
    char p[96], buf[64];
    a->line = n->line;
    if (n->kind == YNODE_SCALAR) {
        if (in_string(c, n, path, a->source, sizeof a->source)) return -1;
        snprintf(a->name, sizeof a->name, "%.63s", a->source);
    } else {
        if (n->kind != YNODE_MAP)
            return in_bad(c, n, path, "expected a library name (H2O) or {name: ..., file: ..., charge: ...}, got %s",
                          in_shown(n, buf, sizeof buf));
        if (in_check_keys(c, n, path, adsorbate_keys)) return -1;
        const ynode *nm = ynode_get(n, "name"), *f = ynode_get(n, "file"), *q = ynode_get(n, "charge");
        if (!nm && !f) return in_bad(c, n, path, "give name (a library molecule) or file (an .xyz file)");
        if (nm && in_string(c, nm, in_join(p, sizeof p, path, "name"), a->name, sizeof a->name)) return -1;
        if (f) {
            if (resolve_file(c, f, in_join(p, sizeof p, path, "file"), dir, a->source, sizeof a->source)) return -1;
            if (!nm) stem(a->source, a->name, sizeof a->name);
        } else {
            snprintf(a->source, sizeof a->source, "%s", a->name);
        }
        if (q) {
            if (in_double_range(c, q, in_join(p, sizeof p, path, "charge"), -100, 0, 100, "e", &a->charge)) return -1;
            a->has_charge = 1;
        }
    }
    if (!good_name(a->name))
        return in_bad(c, n, path, "'%s' cannot name an adsorbate: use letters, digits and + - _ . "
                      "(give name: for a file)", a->name);
    /* the results file's other groups under /adsorption */
    if (!strcmp(a->name, "slab") || !strcmp(a->name, "summary") || !strcmp(a->name, "screening"))
        return in_bad(c, n, path, "'%s' is reserved (a group of the results file): give another name", a->name);
    return 0;
}

static int read_adsorbates(const ictx *c, const ynode *n, const char *dir, input *in)
{
    char path[64];
    if (n->kind == YNODE_SCALAR) {   /* one adsorbate written without a list */
        in->adsorption.ads = xcalloc(1, sizeof *in->adsorption.ads);
        in->adsorption.nads = 1;
        return read_adsorbate(c, n, "adsorption.adsorbates", dir, &in->adsorption.ads[0]);
    }
    if (in_list(c, n, "adsorption.adsorbates", 0, "a list of library names or {name, file, charge}")) return -1;
    if (n->n < 1 || n->n > MAX_ADSORBATES)
        return in_bad(c, n, "adsorption.adsorbates", "has %zu items (1 to %d)", n->n, MAX_ADSORBATES);
    in->adsorption.ads = xcalloc(n->n, sizeof *in->adsorption.ads);
    in->adsorption.nads = (int)n->n;
    for (size_t i = 0; i < n->n; i++) {
        snprintf(path, sizeof path, "adsorption.adsorbates[%zu]", i);
        if (read_adsorbate(c, n->items[i], path, dir, &in->adsorption.ads[i])) return -1;
        for (size_t j = 0; j < i; j++)
            if (!strcmp(in->adsorption.ads[j].name, in->adsorption.ads[i].name))
                return in_bad(c, n->items[i], path, "'%s' is listed twice (adsorbates[%zu]); give name: to tell "
                              "them apart", in->adsorption.ads[i].name, j);
    }
    return 0;
}

/* flat | upright | [phi, theta, psi] (degrees, ASE's Atoms.euler_rotate). */
static int read_orientation(const ictx *c, const ynode *n, const char *path, int *orient, double euler[3])
{
    static const char *const words[] = {"flat", "upright", NULL};
    char p[96];
    if (n->kind == YNODE_LIST) {
        if (in_list(c, n, path, 3, "[phi, theta, psi] in degrees")) return -1;
        for (int k = 0; k < 3; k++) {
            snprintf(p, sizeof p, "%s[%d]", path, k);
            if (in_double_range(c, n->items[k], p, -360, 0, 360, "degrees", &euler[k])) return -1;
            euler[k] *= DEG;
        }
        *orient = 2;
        return 0;
    }
    return in_choice(c, n, path, words, orient);
}

static int read_height(const ictx *c, const ynode *n, const char *path, double *h)
{
    if (in_double_range(c, n, path, 0.5, 0, 20, "Angstrom", h)) return -1;
    *h /= BOHR_ANG;
    return 0;
}

/* One explicit placement: {site, orientation, height, adsorbate} or {complex, adsorbate}. */
static int read_placement(const ictx *c, const ynode *n, const char *path, const char *dir, input *in,
                          input_placement *p)
{
    char q[96], buf[64];
    p->line = n->line;
    if (n->kind != YNODE_MAP)
        return in_bad(c, n, path, "expected {site: top-1, orientation: flat, height: 2.0} or {complex: FILE.xyz}, "
                      "got %s", in_shown(n, buf, sizeof buf));
    if (in_check_keys(c, n, path, placement_keys)) return -1;
    const ynode *s = ynode_get(n, "site"), *o = ynode_get(n, "orientation"), *h = ynode_get(n, "height"),
                *a = ynode_get(n, "adsorbate"), *cx = ynode_get(n, "complex");
    if (a) {
        if (in_string(c, a, in_join(q, sizeof q, path, "adsorbate"), p->adsorbate, sizeof p->adsorbate)) return -1;
        int found = 0;
        for (int i = 0; i < in->adsorption.nads; i++) found |= !strcmp(in->adsorption.ads[i].name, p->adsorbate);
        if (!found) return in_bad(c, a, q, "'%s' is not one of adsorption.adsorbates", p->adsorbate);
    }
    if (cx) {
        if (s || o || h)
            return in_bad(c, n, path, "a complex file gives the geometry: site, orientation and height do not apply");
        p->kind = PLACEMENT_COMPLEX;
        if (!a && in->adsorption.nads > 1)
            return in_bad(c, cx, path, "with several adsorbates a complex needs adsorbate: NAME");
        if (!a) snprintf(p->adsorbate, sizeof p->adsorbate, "%s", in->adsorption.ads[0].name);
        return resolve_file(c, cx, in_join(q, sizeof q, path, "complex"), dir, p->complex_file, sizeof p->complex_file);
    }
    if (!s) return in_bad(c, n, path, "needs site: (a label or number from `pawsorb build sites`) or complex: FILE");
    p->kind = PLACEMENT_SITE;
    if (in_string(c, s, in_join(q, sizeof q, path, "site"), p->site, sizeof p->site)) return -1;
    p->height = 2.0 / BOHR_ANG;
    if (o && read_orientation(c, o, in_join(q, sizeof q, path, "orientation"), &p->orient, p->euler)) return -1;
    if (h && read_height(c, h, in_join(q, sizeof q, path, "height"), &p->height)) return -1;
    return 0;
}

/* placements: {sites, orientations, heights, max, layer_tol}: the auto search's options. */
static int read_auto(const ictx *c, const ynode *n, input_auto_placements *a)
{
    char p[96];
    const ynode *v;
    if (in_check_keys(c, n, "adsorption.placements", auto_keys)) return -1;
    if ((v = ynode_get(n, "sites"))) {
        if (v->kind == YNODE_SCALAR && v->plain && (!strcmp(v->str, "all") || !strcmp(v->str, "families"))) {
            a->nsites = 0;
            a->families = !strcmp(v->str, "families");
        } else {
            if (in_list(c, v, "adsorption.placements.sites", 0,
                        "all, families, or a list of site labels, kinds or numbers"))
                return -1;
            if (v->n < 1 || v->n > INPUT_MAX_AUTO)
                return in_bad(c, v, "adsorption.placements.sites", "has %zu items (1 to %d)", v->n, INPUT_MAX_AUTO);
            a->nsites = (int)v->n;
            for (size_t i = 0; i < v->n; i++) {
                snprintf(p, sizeof p, "adsorption.placements.sites[%zu]", i);
                if (in_string(c, v->items[i], p, a->sites[i], sizeof a->sites[i])) return -1;
            }
        }
    }
    if ((v = ynode_get(n, "orientations"))) {
        if (in_list(c, v, "adsorption.placements.orientations", 0, "a list of flat, upright or [phi, theta, psi]"))
            return -1;
        if (v->n < 1 || v->n > INPUT_MAX_AUTO)
            return in_bad(c, v, "adsorption.placements.orientations", "has %zu items (1 to %d)", v->n, INPUT_MAX_AUTO);
        a->norient = (int)v->n;
        for (size_t i = 0; i < v->n; i++) {
            snprintf(p, sizeof p, "adsorption.placements.orientations[%zu]", i);
            if (read_orientation(c, v->items[i], p, &a->orient[i], a->euler[i])) return -1;
        }
    }
    if ((v = ynode_get(n, "heights"))) {
        if (in_list(c, v, "adsorption.placements.heights", 0, "a list of heights in Angstrom")) return -1;
        if (v->n < 1 || v->n > INPUT_MAX_AUTO)
            return in_bad(c, v, "adsorption.placements.heights", "has %zu items (1 to %d)", v->n, INPUT_MAX_AUTO);
        a->nheights = (int)v->n;
        for (size_t i = 0; i < v->n; i++) {
            snprintf(p, sizeof p, "adsorption.placements.heights[%zu]", i);
            if (read_height(c, v->items[i], p, &a->heights[i])) return -1;
        }
    }
    if ((v = ynode_get(n, "max")) && in_int(c, v, "adsorption.placements.max", 1, MAX_PLACEMENTS, &a->max)) return -1;
    if ((v = ynode_get(n, "layer_tol"))) {
        if (in_double_range(c, v, "adsorption.placements.layer_tol", 0.01, 0, 10, "Angstrom", &a->layer_tol))
            return -1;
        a->layer_tol /= BOHR_ANG;
    }
    return 0;
}

static int read_placements(const ictx *c, const ynode *n, const char *dir, input *in)
{
    char path[64], buf[64];
    if (n->kind == YNODE_SCALAR && n->plain && !strcmp(n->str, "auto")) return in->adsorption.auto_place = 1, 0;
    if (n->kind == YNODE_MAP) return in->adsorption.auto_place = 1, read_auto(c, n, &in->adsorption.autop);
    if (n->kind != YNODE_LIST)
        return in_bad(c, n, "adsorption.placements", "expected auto, a mapping of auto options or a list of "
                      "placements, got %s", in_shown(n, buf, sizeof buf));
    if (n->n < 1 || n->n > MAX_PLACEMENTS)
        return in_bad(c, n, "adsorption.placements", "has %zu items (1 to %d)", n->n, MAX_PLACEMENTS);
    in->adsorption.auto_place = 0;
    in->adsorption.place = xcalloc(n->n, sizeof *in->adsorption.place);
    in->adsorption.nplace = (int)n->n;
    for (size_t i = 0; i < n->n; i++) {
        snprintf(path, sizeof path, "adsorption.placements[%zu]", i);
        if (read_placement(c, n->items[i], path, dir, in, &in->adsorption.place[i])) return -1;
    }
    return 0;
}

static int read_screening(const ictx *c, const ynode *n, input *in)
{
    const ynode *v;
    double x;
    if (in_check_keys(c, n, "adsorption.screening", screening_keys)) return -1;
    in->adsorption.screening.on = 1;
    if ((v = ynode_get(n, "cutoff"))) {
        if (in_double_range(c, v, "adsorption.screening.cutoff", 0, 1, 5000, "eV", &x)) return -1;
        in->adsorption.screening.cutoff_ha = x / HARTREE_EV;
    }
    if ((v = ynode_get(n, "fmax"))) {
        if (in_double_range(c, v, "adsorption.screening.fmax", 0, 1, 100, "eV/Angstrom", &x)) return -1;
        in->adsorption.screening.fmax_au = x / HA_PER_BOHR_TO_EV_PER_ANG;
    }
    if ((v = ynode_get(n, "max_steps")) &&
        in_int(c, v, "adsorption.screening.max_steps", 1, 100000, &in->adsorption.screening.max_steps))
        return -1;
    if ((v = ynode_get(n, "keep")) && in_int(c, v, "adsorption.screening.keep", 1, MAX_PLACEMENTS,
                                             &in->adsorption.screening.keep))
        return -1;
    if (in->adsorption.screening.cutoff_ha > in->dft.cutoff_ha)
        return in_bad(c, ynode_get(n, "cutoff"), "adsorption.screening.cutoff",
                      "%g eV is above dft.cutoff (%g eV): the screening stage is the cheaper one",
                      in->adsorption.screening.cutoff_ha * HARTREE_EV, in->dft.cutoff_ha * HARTREE_EV);
    return 0;
}

void input_adsorption_defaults(input *in)
{
    in->adsorption.auto_place = 1;
    input_auto_placements *a = &in->adsorption.autop;
    a->nsites = 0;
    a->norient = 2, a->orient[0] = 0, a->orient[1] = 1;   /* flat, upright */
    a->nheights = 1, a->heights[0] = 2.0 / BOHR_ANG;
    a->max = 8;
    a->layer_tol = 1.0 / BOHR_ANG;
    in->adsorption.relax = 1;
    in->adsorption.deformation = 1;
    in->adsorption.reuse_density = 1;
    in->adsorption.min_vacuum = 5.0 / BOHR_ANG;
}

int input_read_adsorption(const ictx *c, const ynode *sec, const char *dir, input *in)
{
    const ynode *n;
    double x;
    int adsorption = in->task == TASK_ADSORPTION || in->task == TASK_SCAN;
    if (!adsorption) {
        if (sec) return in_bad(c, sec, "adsorption", "only with task: adsorption (or scan)");
        return 0;
    }
    if (!sec || ynode_is_null(sec))
        return in_bad(c, sec, "adsorption", "task: adsorption needs an adsorption section with at least adsorbates");
    if (in_check_keys(c, sec, "adsorption", ads_keys)) return -1;
    if (!(n = ynode_get(sec, "adsorbates")))
        return in_bad(c, sec, "adsorption.adsorbates", "missing: a list of library names or {name, file, charge}");
    if (read_adsorbates(c, n, dir, in)) return -1;
    if ((n = ynode_get(sec, "placements")) && read_placements(c, n, dir, in)) return -1;
    if ((n = ynode_get(sec, "relax")) && in_bool(c, n, "adsorption.relax", &in->adsorption.relax)) return -1;
    if ((n = ynode_get(sec, "deformation")) && in_bool(c, n, "adsorption.deformation", &in->adsorption.deformation))
        return -1;
    if ((n = ynode_get(sec, "reuse_density")) &&
        in_bool(c, n, "adsorption.reuse_density", &in->adsorption.reuse_density))
        return -1;
    if ((n = ynode_get(sec, "density_difference"))) {
        if (in_bool(c, n, "adsorption.density_difference", &in->adsorption.density_difference)) return -1;
        if (in->adsorption.density_difference && in->adsorption.relax && !in->adsorption.deformation)
            return in_bad(c, n, "adsorption.density_difference", "with relax: true it needs deformation: true (the "
                          "slab and the molecule frozen at the complex's geometry are its two terms)");
    }
    if ((n = ynode_get(sec, "min_vacuum"))) {
        if (in_double_range(c, n, "adsorption.min_vacuum", 0, 0, 100, "Angstrom", &x)) return -1;
        in->adsorption.min_vacuum = x / BOHR_ANG;
    }
    /* the screening stage defaults to the full protocol's cutoff and steps with a 4x looser fmax */
    in->adsorption.screening.cutoff_ha = in->dft.cutoff_ha;
    in->adsorption.screening.fmax_au = 4 * in->relax.fmax_au;
    in->adsorption.screening.max_steps = in->relax.max_steps;
    in->adsorption.screening.keep = 2;
    if ((n = ynode_get(sec, "screening")) && !ynode_is_null(n) && read_screening(c, n, in)) return -1;
    if (in->atoms.pbc[0] != 1 || in->atoms.pbc[1] != 1)
        return in_bad(c, sec, "structure", "task: adsorption needs a slab periodic along a1 and a2 (pbc: [true, "
                      "true, ...])");
    return 0;
}
