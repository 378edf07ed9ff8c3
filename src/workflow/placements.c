/* ads_setup_make (workflow/placements.h): adsorbates loaded, placements made and checked. */
#include "workflow/placements.h"

#include "build/molecule.h"
#include "build/place.h"
#include "build/sites.h"
#include "cell/vec3.h"
#include "core/elements.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/units.h"
#include "io/structio.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *orient_name(int orient, const double euler[3], char *buf, size_t cap)
{
    if (orient == ORIENT_FLAT) return "flat";
    if (orient == ORIENT_UPRIGHT) return "upright";
    snprintf(buf, cap, "euler-%g-%g-%g", euler[0] * 180 / M_PI, euler[1] * 180 / M_PI, euler[2] * 180 / M_PI);
    return buf;
}

static int load_adsorbates(const input *in, ads_setup *s, err *e)
{
    s->nads = in->adsorption.nads;
    s->ads = xcalloc(s->nads + 1, sizeof *s->ads);
    for (int i = 0; i < s->nads; i++) {
        const input_adsorbate *a = &in->adsorption.ads[i];
        int qfile = 0;
        if (molecule_load(a->source, &s->ads[i].mol, &qfile, e))
            return err_wrap(e, "%s:%d: adsorption.adsorbates[%d]", in->path, a->line, i);
        snprintf(s->ads[i].name, sizeof s->ads[i].name, "%s", a->name);
        s->ads[i].charge = a->has_charge ? a->charge : qfile;
    }
    return 0;
}

/* Vacuum between the adsorbate's highest atom and the periodic image of the slab's lowest
 * atom along the normal n (bohr). */
static double vacuum_above(const structure *cx, int nslab, const double n[3])
{
    double lo = INFINITY, hi = -INFINITY;
    for (int a = 0; a < cx->natoms; a++) {
        double h = vec3_dot(cx->pos[a], n);
        if (a < nslab) lo = fmin(lo, h);
        else hi = fmax(hi, h);
    }
    return vec3_dot(cx->cell[2], n) + lo - hi;
}

/* The complex's slab keeps the slab's initial moments (the molecule's atoms start at 0). */
static void keep_moments(const structure *slab, structure *cx)
{
    if (!slab->has_magmoms) return;
    cx->has_magmoms = 1;
    memcpy(cx->magmoms, slab->magmoms, slab->natoms * sizeof *cx->magmoms);
}

static ads_placement *new_placement(ads_setup *s, int *cap)
{
    if (s->nplace == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        s->place = xrealloc(s->place, *cap * sizeof *s->place);
    }
    ads_placement *p = &s->place[s->nplace];
    memset(p, 0, sizeof *p);
    return p;
}

/* Site + orientation + height: place_molecule's checks, then the vacuum left above. */
static int place_one(const input *in, const structure *slab, const site_list *sl, int site, int ads, int orient,
                     const double euler[3], double height, ads_setup *s, int *cap, err *e)
{
    place_opts o = {height, (place_orientation)orient, {euler[0], euler[1], euler[2]}};
    place_report rep;
    structure cx;
    if (place_molecule(slab, &sl->site[site], sl->normal, &s->ads[ads].mol, &o, &cx, &rep, e)) return -1;
    double vac = vacuum_above(&cx, slab->natoms, sl->normal);
    if (vac < in->adsorption.min_vacuum) {
        structure_free(&cx);
        return err_set(e, EXIT_BAD_INPUT, "placement rejected: %.2f A of vacuum above %s, less than "
                       "adsorption.min_vacuum (%.2f A); the slab needs more vacuum", vac * BOHR_ANG,
                       s->ads[ads].name, in->adsorption.min_vacuum * BOHR_ANG);
    }
    keep_moments(slab, &cx);
    ads_placement *p = new_placement(s, cap);
    p->ads = ads;
    p->complex = cx;
    p->height = height;
    snprintf(p->site, sizeof p->site, "%s", sl->site[site].label);
    char ob[48];
    snprintf(p->orientation, sizeof p->orientation, "%s", orient_name(orient, euler, ob, sizeof ob));
    snprintf(p->label, sizeof p->label, "%s_%s_%.2fA", p->site, p->orientation, height * BOHR_ANG);
    s->nplace++;
    return 0;
}

/* A site's family: its kind and the sorted symbols of its coordinating atoms
 * ("bridge:O-Ti"). */
static void site_family(const structure *slab, const ads_site *st, char *key, size_t cap)
{
    const char *sym[SITE_MAX_COORD];
    for (int k = 0; k < st->ncoord; k++) sym[k] = element_symbol(slab->numbers[st->coord[k]]);
    for (int k = 1; k < st->ncoord; k++)   /* insertion sort of a handful */
        for (int j = k; j > 0 && strcmp(sym[j - 1], sym[j]) > 0; j--) {
            const char *t = sym[j];
            sym[j] = sym[j - 1], sym[j - 1] = t;
        }
    size_t o = (size_t)snprintf(key, cap, "%s:", site_kind_name(st->kind));
    for (int k = 0; k < st->ncoord && o < cap; k++) o += (size_t)snprintf(key + o, cap - o, "%s%s", k ? "-" : "", sym[k]);
}

/* Does site i pass the auto filter (labels "top-1", kinds "top"/"bridge"/"hollow", numbers;
 * families: the first site of its family in the site finder's order)? */
static int site_wanted(const input_auto_placements *a, const structure *slab, const site_list *sl, int i)
{
    if (a->families) {
        char fi[160], fj[160];
        site_family(slab, &sl->site[i], fi, sizeof fi);
        for (int j = 0; j < i; j++) {
            site_family(slab, &sl->site[j], fj, sizeof fj);
            if (!strcmp(fi, fj)) return 0;
        }
        return 1;
    }
    if (a->nsites == 0) return 1;
    const ads_site *st = &sl->site[i];
    for (int k = 0; k < a->nsites; k++) {
        if (!strcmp(a->sites[k], st->label) || !strcmp(a->sites[k], site_kind_name(st->kind))) return 1;
        if (!strcmp(a->sites[k], "hollow") && (st->kind == SITE_FCC || st->kind == SITE_HCP)) return 1;
        if (sites_lookup(sl, a->sites[k]) == i) return 1;
    }
    return 0;
}

/* placements: auto: sites x orientations x heights in that order, up to max per adsorbate;
 * placements the builder refuses are skipped with a line of log. */
static int auto_placements(const input *in, const structure *slab, const site_list *sl, ads_setup *s, int *cap,
                           err *e)
{
    const input_auto_placements *a = &in->adsorption.autop;
    for (int k = 0; k < a->nsites; k++) {
        int known = 0;
        for (int i = 0; i < sl->n && !known; i++) {
            input_auto_placements one = {.nsites = 1};
            snprintf(one.sites[0], sizeof one.sites[0], "%s", a->sites[k]);
            known = site_wanted(&one, slab, sl, i);
        }
        if (!known)
            return err_set(e, EXIT_BAD_INPUT, "%s: adsorption.placements.sites: '%s' is not a site of the slab "
                           "(see `pawsorb build sites`; kinds top, bridge, hollow)", in->path, a->sites[k]);
    }
    if (a->families) {
        int nf = 0;
        for (int i = 0; i < sl->n; i++) nf += site_wanted(a, slab, sl, i);
        log_printf("adsorption: sites: families: %d of the %d symmetry-distinct sites, one per kind and set of "
                   "coordinating elements:\n", nf, sl->n);
        for (int i = 0; i < sl->n; i++) {
            char f[160];
            if (!site_wanted(a, slab, sl, i)) continue;
            site_family(slab, &sl->site[i], f, sizeof f);
            log_printf("adsorption:   %-12s %s\n", sl->site[i].label, f);
        }
    }
    for (int ads = 0; ads < s->nads; ads++) {
        int made = 0;
        for (int i = 0; i < sl->n && made < a->max; i++) {
            if (!site_wanted(a, slab, sl, i)) continue;
            for (int o = 0; o < a->norient && made < a->max; o++)
                for (int h = 0; h < a->nheights && made < a->max; h++) {
                    err why = {0};
                    if (place_one(in, slab, sl, i, ads, a->orient[o], a->euler[o], a->heights[h], s, cap, &why)) {
                        char ob[48];
                        log_printf("adsorption: %s on %s %s %.2f A skipped: %s\n", s->ads[ads].name,
                                   sl->site[i].label, orient_name(a->orient[o], a->euler[o], ob, sizeof ob),
                                   a->heights[h] * BOHR_ANG, why.msg);
                        s->skipped++;
                        continue;
                    }
                    made++;
                }
        }
        if (!made)
            return err_set(e, EXIT_BAD_INPUT, "%s: adsorption.placements: no automatic placement of %s fits "
                           "the slab (%d refused; the log says why)", in->path, s->ads[ads].name, s->skipped);
    }
    return 0;
}

/* The sorted atomic numbers of atoms [from, to) of s, compared with another's. */
static int same_formula(const structure *a, int a0, const structure *b, int b0)
{
    int na = a->natoms - a0, nb = b->natoms - b0;
    if (na != nb) return 0;
    int ca[119] = {0};
    for (int i = 0; i < na; i++) ca[a->numbers[a0 + i]]++, ca[b->numbers[b0 + i]]--;
    for (int z = 0; z < 119; z++)
        if (ca[z]) return 0;
    return 1;
}

/* complex: FILE: the slab's atoms first (same elements in the same order, same cell), the
 * adsorbate's after them. */
static int complex_placement(const input *in, const input_placement *ip, int idx, int ads, ads_setup *s, int *cap,
                             err *e)
{
    const structure *slab = &in->atoms;
    structure cx;
    if (structure_read_file(ip->complex_file, NULL, &cx, e))
        return err_wrap(e, "%s:%d: adsorption.placements[%d].complex", in->path, ip->line, idx);
    const char *bad = NULL;
    char why[256];
    if (cx.natoms <= slab->natoms) bad = "has no atoms beyond the slab's";
    for (int a = 0; !bad && a < slab->natoms; a++)
        if (cx.numbers[a] != slab->numbers[a]) {
            snprintf(why, sizeof why, "atom %d is %s where the slab has %s: the slab's atoms must come first, in "
                     "the slab's order", a, element_symbol(cx.numbers[a]), element_symbol(slab->numbers[a]));
            bad = why;
        }
    for (int i = 0; !bad && i < 3; i++)
        for (int k = 0; k < 3; k++)
            if (fabs(cx.cell[i][k] - slab->cell[i][k]) > 1e-4 / BOHR_ANG) bad = "has another cell than the slab";
    if (!bad && !same_formula(&cx, slab->natoms, &s->ads[ads].mol, 0)) {
        snprintf(why, sizeof why, "its atoms after the slab's are not %s's (%d atoms, %d expected)", s->ads[ads].name,
                 cx.natoms - slab->natoms, s->ads[ads].mol.natoms);
        bad = why;
    }
    if (bad) {
        structure_free(&cx);
        return err_set(e, EXIT_BAD_INPUT, "%s:%d: adsorption.placements[%d].complex: %s %s", in->path, ip->line, idx,
                       ip->complex_file, bad);
    }
    memcpy(cx.pbc, slab->pbc, sizeof cx.pbc);
    for (int a = 0; a < slab->natoms; a++) cx.fixed[a] |= slab->fixed[a];
    keep_moments(slab, &cx);
    ads_placement *p = new_placement(s, cap);
    p->ads = ads;
    p->complex = cx;
    p->height = NAN;
    const char *b = strrchr(ip->complex_file, '/');
    b = b ? b + 1 : ip->complex_file;
    snprintf(p->label, sizeof p->label, "%.*s", (int)strcspn(b, "."), b);
    snprintf(p->site, sizeof p->site, "file");
    snprintf(p->orientation, sizeof p->orientation, "file");
    s->nplace++;
    return 0;
}

/* An explicit list, adsorbate by adsorbate: each site placement for its adsorbate (or for
 * every adsorbate), each complex file for its own. */
static int listed_placements(const input *in, const site_list *sl, ads_setup *s, int *cap, err *e)
{
    for (int ads = 0; ads < s->nads; ads++)
        for (int k = 0; k < in->adsorption.nplace; k++) {
            const input_placement *ip = &in->adsorption.place[k];
            if (ip->adsorbate[0] && strcmp(ip->adsorbate, s->ads[ads].name)) continue;
            if (ip->kind == PLACEMENT_COMPLEX) {
                if (complex_placement(in, ip, k, ads, s, cap, e)) return -1;
                continue;
            }
            int site = sites_lookup(sl, ip->site);
            if (site < 0) {
                char names[1024] = "";
                for (int i = 0; i < sl->n && strlen(names) < sizeof names - 40; i++)
                    snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", i ? ", " : "",
                             sl->site[i].label);
                return err_set(e, EXIT_BAD_INPUT, "%s:%d: adsorption.placements[%d].site: '%s' is not a site of the "
                               "slab (its sites: %s)", in->path, ip->line, k, ip->site, names);
            }
            if (place_one(in, &in->atoms, sl, site, ads, ip->orient, ip->euler, ip->height, s, cap, e))
                return err_wrap(e, "%s:%d: adsorption.placements[%d] (%s)", in->path, ip->line, k, s->ads[ads].name);
        }
    return 0;
}

int ads_setup_make(const input *in, ads_setup *s, err *e)
{
    memset(s, 0, sizeof *s);
    s->nslab = in->atoms.natoms;
    if (load_adsorbates(in, s, e)) return -1;
    int need_sites = in->adsorption.auto_place;
    for (int k = 0; k < in->adsorption.nplace; k++) need_sites |= in->adsorption.place[k].kind == PLACEMENT_SITE;
    site_list sl = {0};
    if (need_sites && sites_find(&in->atoms, in->adsorption.autop.layer_tol, &sl, e))
        return err_wrap(e, "%s: structure (the slab)", in->path);
    int cap = 0;
    int rc = in->adsorption.auto_place ? auto_placements(in, &in->atoms, &sl, s, &cap, e)
                                       : listed_placements(in, &sl, s, &cap, e);
    site_list_free(&sl);
    if (rc) return -1;
    for (int i = 0; i < s->nplace; i++)
        for (int j = 0; j < i; j++)
            if (s->place[i].ads == s->place[j].ads && !strcmp(s->place[i].label, s->place[j].label))
                return err_set(e, EXIT_BAD_INPUT, "%s: adsorption.placements: %s is placed twice as %s", in->path,
                               s->ads[s->place[i].ads].name, s->place[i].label);
    for (int ads = 0; ads < s->nads; ads++) {
        int n = 0;
        for (int i = 0; i < s->nplace; i++) n += s->place[i].ads == ads;
        if (!n)
            return err_set(e, EXIT_BAD_INPUT, "%s: adsorption.placements: no placement names adsorbate %s", in->path,
                           s->ads[ads].name);
    }
    return 0;
}

void ads_setup_free(ads_setup *s)
{
    for (int i = 0; i < s->nads; i++) structure_free(&s->ads[i].mol);
    for (int i = 0; i < s->nplace; i++) structure_free(&s->place[i].complex);
    free(s->ads), free(s->place);
    memset(s, 0, sizeof *s);
}

void ads_molecule_in_cell(const structure *cx, int nslab, structure *out)
{
    int n = cx->natoms - nslab;
    structure_alloc(out, n);
    memcpy(out->cell, cx->cell, sizeof out->cell);
    memcpy(out->pbc, cx->pbc, sizeof out->pbc);
    for (int a = 0; a < n; a++) {
        out->numbers[a] = cx->numbers[nslab + a];
        memcpy(out->pos[a], cx->pos[nslab + a], sizeof out->pos[a]);
        out->fixed[a] = cx->fixed[nslab + a];
        out->magmoms[a] = cx->magmoms[nslab + a];
    }
    out->has_magmoms = cx->has_magmoms;
}

void ads_slab_of(const structure *cx, int nslab, structure *out)
{
    structure_alloc(out, nslab);
    memcpy(out->cell, cx->cell, sizeof out->cell);
    memcpy(out->pbc, cx->pbc, sizeof out->pbc);
    for (int a = 0; a < nslab; a++) {
        out->numbers[a] = cx->numbers[a];
        memcpy(out->pos[a], cx->pos[a], sizeof out->pos[a]);
        out->fixed[a] = cx->fixed[a];
        out->magmoms[a] = cx->magmoms[a];
    }
    out->has_magmoms = cx->has_magmoms;
}
