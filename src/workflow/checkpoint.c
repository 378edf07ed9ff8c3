/* The checkpoint of one relaxation or SCF (workflow/checkpoint.h): the fingerprint of
 * what decides the answer, the relaxation's state, the file's writer (collective,
 * sealed) and reader. The bands and the SCF's state: checkpoint_scf.c. */
#include "workflow/checkpoint.h"

#include "config.h"
#include "core/mem.h"
#include "core/units.h"
#include "workflow/checkpoint_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CHECKPOINT_KIND "pawsorb relaxation checkpoint"
#define CHECKPOINT_KIND_SCF "pawsorb scf checkpoint"
/* "1": after an ionic step; "2": with the state of an SCF at its safe point (/scf,
 * /mixer), which a reader of format 1 must not take for the state after the step */
#define CHECKPOINT_FORMAT "1"
#define CHECKPOINT_FORMAT_SCF "2"

/* ---- the steps so far --------------------------------------------------------------- */

void relax_rows_init(relax_rows *r, int natoms)
{
    memset(r, 0, sizeof *r);
    r->natoms = natoms;
}

static void rows_reserve(relax_rows *r, int n)
{
    if (n <= r->cap) return;
    r->cap = n > 2 * r->cap ? n : 2 * r->cap;
    size_t na = (size_t)r->cap * r->natoms + 1;
    r->fmax = xrealloc(r->fmax, (size_t)r->cap * sizeof *r->fmax);
    r->pos = xrealloc(r->pos, na * sizeof *r->pos);
    r->forces = xrealloc(r->forces, na * sizeof *r->forces);
}

void relax_rows_push(relax_rows *r, const relax_step *st)
{
    rows_reserve(r, r->nsteps + 1);
    size_t off = (size_t)r->nsteps * r->natoms, n = (size_t)r->natoms * sizeof *r->pos;
    r->fmax[r->nsteps] = st->fmax;
    memcpy(r->pos + off, st->pos, n);
    memcpy(r->forces + off, st->forces, n);
    r->nsteps++;
}

void relax_rows_free(relax_rows *r)
{
    free(r->fmax), free(r->pos), free(r->forces);
    memset(r, 0, sizeof *r);
}

void checkpoint_path(const char *results_path, char *out, size_t n)
{
    size_t l = strlen(results_path);
    if (l > 3 && strcmp(results_path + l - 3, ".h5") == 0) snprintf(out, n, "%.*s.chk.h5", (int)(l - 3), results_path);
    else snprintf(out, n, "%s.chk.h5", results_path);
}

void checkpoint_remove(MPI_Comm comm, const char *path)
{
    int rank;
    MPI_Comm_rank(comm, &rank);
    if (rank == 0) unlink(path);
    MPI_Barrier(comm);
}

/* ---- fingerprint: "key = value" lines of everything that decides the answer -------- */

typedef struct {
    int n, cap;
    char **line;
} lines;

__attribute__((format(printf, 3, 4))) static void add(lines *l, const char *key, const char *fmt, ...)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 64;
        l->line = xrealloc(l->line, (size_t)l->cap * sizeof *l->line);
    }
    char v[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v, sizeof v, fmt, ap);
    va_end(ap);
    size_t n = strlen(key) + strlen(v) + 4;
    l->line[l->n] = xmalloc(n);
    snprintf(l->line[l->n++], n, "%s = %s", key, v);
}

static void lines_free(lines *l)
{
    for (int i = 0; l->line && i < l->n; i++) free(l->line[i]);
    free(l->line);
    memset(l, 0, sizeof *l);
}

static void fingerprint_structure(lines *l, const structure *s)
{
    add(l, "structure.natoms", "%d", s->natoms);
    for (int i = 0; i < 3; i++) {
        char k[48];
        snprintf(k, sizeof k, "structure.cell[%d]", i);
        add(l, k, "%.15g %.15g %.15g Angstrom", s->cell[i][0] * BOHR_ANG, s->cell[i][1] * BOHR_ANG,
            s->cell[i][2] * BOHR_ANG);
    }
    add(l, "structure.pbc", "%d %d %d", s->pbc[0], s->pbc[1], s->pbc[2]);
    for (int a = 0; a < s->natoms; a++) {
        char k[48];
        snprintf(k, sizeof k, "structure.atoms[%d]", a);
        add(l, k, "Z %d at %.15g %.15g %.15g Angstrom, fixed %d, magmom %.15g", s->numbers[a],
            s->pos[a][0] * BOHR_ANG, s->pos[a][1] * BOHR_ANG, s->pos[a][2] * BOHR_ANG, s->fixed ? s->fixed[a] : 0,
            s->magmoms && s->has_magmoms ? s->magmoms[a] : 0.0);
    }
}

/* Rank 0: the fingerprint of the part's input c->in and plan c->pl. */
static int fingerprint(const calculation *c, lines *l, err *e)
{
    const input *in = c->in;
    const plan *pl = c->pl;
    add(l, "task", "%s", in->task == TASK_RELAX ? "relax" : "scf");
    fingerprint_structure(l, &in->atoms);
    add(l, "dft.xc", "%s", in->dft.xc);
    add(l, "dft.setups", "%s", in->dft.setups);
    add(l, "dft.cutoff", "%.15g eV", in->dft.cutoff_ha * HARTREE_EV);
    add(l, "dft.kpoints", "%d %d %d (density %.15g), gamma %d", in->dft.kpts[0], in->dft.kpts[1], in->dft.kpts[2],
        in->dft.kpt_density, in->dft.gamma);
    add(l, "dft.smearing", "kind %d, width %.15g eV", (int)in->dft.smearing, in->dft.width_ha * HARTREE_EV);
    add(l, "dft.spin", "%d", in->dft.spin);
    add(l, "dft.charge", "%.15g", in->dft.charge);
    add(l, "dft.dispersion", "%d (d2: s6 %.15g, d %.15g, sr %.15g, cutoff %.15g Angstrom)", (int)in->dft.dispersion,
        in->dft.d2.s6, in->dft.d2.d, in->dft.d2.sr, in->dft.d2.cutoff_bohr * BOHR_ANG);
    add(l, "dft.bands", "%d", in->dft.nbands);
    add(l, "dft.symmetry", "%d", in->dft.symmetry);
    add(l, "dft.dipole_correction", "%d", in->dft.dipole_correction);
    for (int k = 0; k < pl->nspecies; k++) {
        char key[48], hex[65];
        snprintf(key, sizeof key, "setups[Z=%d]", pl->species[k].z);
        if (sha256_file(pl->species[k].path, hex, e)) return -1;
        add(l, key, "sha256 %s", hex);
    }
    add(l, "scf.energy_tol", "%.15g eV", in->scf.energy_tol_ha * HARTREE_EV);
    add(l, "scf.density_tol", "%.15g", in->scf.density_tol);
    add(l, "scf.forces_tol", "%.15g eV/Angstrom", in->scf.forces_tol_au * HA_PER_BOHR_TO_EV_PER_ANG);   /* 0: off */
    add(l, "scf.max_iter", "%d", in->scf.max_iter);
    add(l, "scf.mixer", "beta %.15g, history %d, kerker %.15g", in->scf.mix_beta, in->scf.mix_history,
        in->scf.kerker);
    if (in->task == TASK_RELAX) {   /* a single point's answer does not depend on them */
        add(l, "relax.method", "%s", relax_method_name(in->relax.method));
        add(l, "relax.fmax", "%.15g eV/Angstrom", in->relax.fmax_au * HA_PER_BOHR_TO_EV_PER_ANG);
        add(l, "relax.max_steps", "%d", in->relax.max_steps);
    }
    add(l, "plan", "%d bands, %d spins, %d irreducible k-points, grid %d %d %d, real %d", pl->nbands, pl->nspins,
        pl->kpts.nk, pl->coarse.n[0], pl->coarse.n[1], pl->coarse.n[2], pl->real);
    return 0;
}

/* The value part of "key = value" and the key's length. */
static const char *value_of(const char *line, size_t *klen)
{
    const char *eq = strstr(line, " = ");
    *klen = eq ? (size_t)(eq - line) : strlen(line);
    return eq ? eq + 3 : "";
}

static const char *find_key(char **l, size_t n, const char *line)
{
    size_t kl, ml;
    value_of(line, &kl);
    for (size_t i = 0; i < n; i++) {
        const char *v = value_of(l[i], &ml);
        if (ml == kl && strncmp(l[i], line, kl) == 0) return v;
    }
    return NULL;
}

/* Rank 0: the differences between the checkpoint's fingerprint and the input's, as a
 * message (empty when none). */
static void compare(char **old, size_t nold, const lines *now, const char *where, char *msg, size_t cap)
{
    msg[0] = '\0';
    int shown = 0, more = 0;
    for (int i = 0; i < now->n; i++) {
        size_t kl;
        const char *v = value_of(now->line[i], &kl), *was = find_key(old, nold, now->line[i]);
        if (was && strcmp(was, v) == 0) continue;
        if (shown == 6) {
            more++;
            continue;
        }
        size_t o = strlen(msg);
        snprintf(msg + o, cap - o, "\n  %.*s: %s in the %s, %s in the input", (int)kl, now->line[i],
                 was ? was : "(absent)", where, v);
        shown++;
    }
    for (size_t i = 0; i < nold; i++) {   /* keys the input no longer has */
        size_t kl;
        value_of(old[i], &kl);
        if (!find_key(now->line, (size_t)now->n, old[i])) {
            if (shown == 6) more++;
            else {
                size_t o = strlen(msg);
                snprintf(msg + o, cap - o, "\n  %.*s: only in the %s", (int)kl, old[i], where);
                shown++;
            }
        }
    }
    if (more) {
        size_t o = strlen(msg);
        snprintf(msg + o, cap - o, "\n  and %d more", more);
    }
}

/* ---- writing ---------------------------------------------------------------------- */

/* relax_dft's counters, per-step values, last positions and extrapolation ring. */
static int write_relax_dft(results *r, const calculation *c, const relax_dft *d, err *e)
{
    int natoms = d->s->natoms, counters[3] = {d->nsteps, d->nhist, d->head};
    size_t n3 = 3, ns = d->nsteps, dn3[2] = {natoms, 3};
    size_t nn = (size_t)c->nspins * c->grids.nc, nd = (size_t)c->nspins * c->ss.np;
    size_t dring[2] = {RELAX_NHIST, nn}, dD[2] = {RELAX_NHIST, nd}, dR[3] = {RELAX_NHIST, natoms, 3};
    double *ring = NULL, *D = NULL, *R = NULL;
    if (c->comm->rank == 0) {
        ring = xmalloc((RELAX_NHIST * nn + 1) * sizeof *ring);
        D = xmalloc((RELAX_NHIST * nd + 1) * sizeof *D);
        R = xmalloc((RELAX_NHIST * natoms * 3 + 1) * sizeof *R);
        for (int h = 0; h < RELAX_NHIST; h++) {
            memcpy(ring + h * nn, d->dn[h], nn * sizeof *ring);
            memcpy(D + h * nd, d->D[h], nd * sizeof *D);
            memcpy(R + (size_t)h * natoms * 3, d->R[h], (size_t)natoms * 3 * sizeof *R);
        }
    }
    int rc = results_write_ints(r, "/relax_dft/counters", 1, &n3, counters, e) ||
             results_write_ints(r, "/relax_dft/scf_iterations", 1, &ns, d->scf_iterations, e) ||
             results_write_array(r, "/relax_dft/total", 1, &ns, d->total, RESULTS_AU_ENERGY, e) ||
             results_write_array(r, "/relax_dft/free_energy", 1, &ns, d->free_energy, RESULTS_AU_ENERGY, e) ||
             results_write_array(r, "/relax_dft/spos_old", 2, dn3, &d->spos_old[0][0], RESULTS_DIMENSIONLESS, e) ||
             results_write_array(r, "/relax_dft/dn", 2, dring, ring, RESULTS_AU_DENSITY, e) ||
             results_write_array(r, "/relax_dft/D", 2, dD, D, RESULTS_DIMENSIONLESS, e) ||
             results_write_array(r, "/relax_dft/R", 3, dR, R, RESULTS_AU_LENGTH, e);
    free(ring), free(D), free(R);
    return rc ? -1 : 0;
}

static int write_optimizer(results *r, const relax_rows *rows, int steps, const double (*next)[3],
                           const relax_state *opt, err *e)
{
    int natoms = rows->natoms;
    size_t one = 1, dn3[2] = {natoms, 3}, ns = rows->nsteps, dr[3] = {rows->nsteps, natoms, 3};
    int rc = results_write_ints(r, "/optimizer/steps", 0, &one, &steps, e) ||
             results_write_array(r, "/optimizer/next_positions", 2, dn3, &next[0][0], RESULTS_AU_LENGTH, e);
    for (int i = 0; i < opt->nfields && !rc; i++) {
        char path[64];
        snprintf(path, sizeof path, "/optimizer/state/%s", opt->f[i].name);
        rc = results_write_array(r, path, 1, &opt->f[i].n, opt->f[i].v, RESULTS_DIMENSIONLESS, e);
    }
    if (!rc) rc = results_set_attr(r, "/optimizer", "method", relax_method_name(opt->method), e);
    if (!rc && rows->nsteps > 0)   /* none before the first step ends (a mid-SCF checkpoint) */
        rc = results_write_array(r, "/rows/fmax", 1, &ns, rows->fmax, RESULTS_AU_FORCE, e) ||
                  results_write_array(r, "/rows/positions", 3, dr, &rows->pos[0][0], RESULTS_AU_LENGTH, e) ||
                  results_write_array(r, "/rows/forces", 3, dr, &rows->forces[0][0], RESULTS_AU_FORCE, e);
    return rc ? -1 : 0;
}

/* What a relaxation's checkpoint holds besides the bands (NULL for a single point). */
typedef struct {
    const relax_dft *d;
    const relax_rows *rows;
    int steps;
    const double (*next_pos)[3];
    const relax_state *opt;
} relax_part;

/* Collective: the whole file. rx: the relaxation's state (NULL: a single point); h: the
 * SCF at its safe point (NULL: after an ionic step). */
static int write_file(const char *path, const calculation *c, const relax_part *rx, const scf_history *h, err *e)
{
    lines fp = {0};
    int frc = c->comm->rank == 0 ? fingerprint(c, &fp, e) : 0;
    if (comm_agree(c->comm, frc, e)) return lines_free(&fp), -1;
    MPI_Bcast(&fp.n, 1, MPI_INT, 0, c->comm->world);   /* the dataset's shape on every rank; the text is rank 0's */
    results *r = results_open_sealed(c->comm->world, path, e);
    if (!r) return lines_free(&fp), -1;
    char layout[128], status[128];
    snprintf(layout, sizeof layout, "%d ranks = %d k-point groups x %d band x %d plane-wave ranks", c->comm->size,
             c->comm->layout.kpt, c->comm->layout.band, c->comm->layout.pw);
    if (rx && h)
        snprintf(status, sizeof status, "checkpoint after ionic step %d and SCF iteration %d of step %d", rx->steps,
                 h->iterations, rx->steps + 1);
    else if (rx) snprintf(status, sizeof status, "checkpoint after ionic step %d", rx->steps);
    else snprintf(status, sizeof status, "checkpoint after SCF iteration %d", h->iterations);
    int rc = results_set_attr(r, "/", "kind", rx ? CHECKPOINT_KIND : CHECKPOINT_KIND_SCF, e) ||
             results_set_attr(r, "/", "format", h ? CHECKPOINT_FORMAT_SCF : CHECKPOINT_FORMAT, e) ||
             results_set_attr(r, "/", "layout", layout, e) || results_set_status(r, status, e) ||
             results_write_strings(r, "/checkpoint/fingerprint", (size_t)fp.n, (const char *const *)fp.line, e);
    if (!rc && rx) rc = write_optimizer(r, rx->rows, rx->steps, rx->next_pos, rx->opt, e) ||
                        (rx->steps > 0 && write_relax_dft(r, c, rx->d, e));
    if (!rc && h) rc = checkpoint_write_scf_state(r, c, h, e);
    if (!rc) rc = checkpoint_write_bands(r, c, e);
    lines_free(&fp);
    if (rc) {
        results_abort(r);
        return -1;
    }
    return results_close(r, e);
}

int checkpoint_write(const char *path, const calculation *c, const relax_dft *d, const relax_rows *rows,
                     int steps, const double (*next_pos)[3], const relax_state *opt, err *e)
{
    relax_part rx = {d, rows, steps, next_pos, opt};
    return write_file(path, c, &rx, NULL, e);
}

int checkpoint_write_relax_scf(const char *path, const calculation *c, const relax_dft *d, const relax_rows *rows,
                               int steps, const double (*next_pos)[3], const relax_state *opt,
                               const scf_history *h, err *e)
{
    relax_part rx = {d, rows, steps, next_pos, opt};
    return write_file(path, c, &rx, h, e);
}

int checkpoint_write_scf(const char *path, const calculation *c, const scf_history *h, err *e)
{
    return write_file(path, c, NULL, h, e);
}

/* ---- reading ---------------------------------------------------------------------- */

/* Rank 0: the seal, the kind and the fingerprint against this part's. */
static int check_file(const char *path, const calculation *c, err *e)
{
    if (results_seal_check(path, e)) {
        size_t n = strlen(e->msg);
        snprintf(e->msg + n, sizeof e->msg - n, "; remove it, or start again with `pawsorb run --fresh`");
        return -1;
    }
    h5read *f = h5read_open(path, e);
    if (!f) return -1;
    char kind[128] = "", format[16] = "";
    int rc = 0;
    if (h5read_attr(f, "/", "kind", kind, sizeof kind, e) ||
        (strcmp(kind, CHECKPOINT_KIND) != 0 && strcmp(kind, CHECKPOINT_KIND_SCF) != 0) ||
        h5read_attr(f, "/", "format", format, sizeof format, e) ||
        (strcmp(format, CHECKPOINT_FORMAT) != 0 && strcmp(format, CHECKPOINT_FORMAT_SCF) != 0))
        rc = err_set(e, EXIT_BAD_INPUT, "%s: not a pawsorb checkpoint of format %s or %s", path, CHECKPOINT_FORMAT,
                     CHECKPOINT_FORMAT_SCF);
    else if (strcmp(format, CHECKPOINT_FORMAT_SCF) == 0 && !h5read_exists(f, "/scf/counters"))
        rc = err_set(e, EXIT_BAD_INPUT, "%s: a checkpoint of format %s without its SCF state (/scf)", path,
                     CHECKPOINT_FORMAT_SCF);
    size_t nold = 0;
    char **old = NULL;
    if (!rc) rc = h5read_strings(f, "/checkpoint/fingerprint", &nold, &old, e);
    h5read_close(f);
    lines now = {0};
    if (!rc) rc = fingerprint(c, &now, e);
    if (!rc) {
        char diff[1600];
        compare(old, nold, &now, "checkpoint", diff, sizeof diff);
        if (diff[0])
            rc = err_set(e, EXIT_BAD_INPUT, "%s: written for another input; resuming would change the answer:%s\n"
                         "Run the input it was written for, or start again with `pawsorb run --fresh` (which "
                         "replaces the checkpoint).", path, diff);
    }
    h5read_free_strings(nold, old);
    lines_free(&now);
    return rc;
}

static int read_relax_dft(h5read *f, calculation *c, relax_dft *d, err *e)
{
    int natoms = d->s->natoms, counters[3];
    if (h5read_ints(f, "/relax_dft/counters", 3, counters, e)) return -1;
    if (counters[0] < 1 || counters[1] < 1 || counters[1] > RELAX_NHIST || counters[2] < 0 ||
        counters[2] >= RELAX_NHIST)
        return err_set(e, EXIT_BAD_INPUT, "%s: /relax_dft/counters out of range", h5read_path(f));
    relax_dft_set_steps(d, counters[0]);
    d->nhist = counters[1], d->head = counters[2];
    size_t ns = d->nsteps, dn3[2] = {natoms, 3}, nn = (size_t)c->nspins * c->grids.nc,
           nd = (size_t)c->nspins * c->ss.np;
    if (h5read_ints(f, "/relax_dft/scf_iterations", ns, d->scf_iterations, e) ||
        h5read_doubles(f, "/relax_dft/total", 1, &ns, NULL, NULL, d->total, e) ||
        h5read_doubles(f, "/relax_dft/free_energy", 1, &ns, NULL, NULL, d->free_energy, e) ||
        h5read_doubles(f, "/relax_dft/spos_old", 2, dn3, NULL, NULL, &d->spos_old[0][0], e))
        return -1;
    for (int h = 0; h < RELAX_NHIST; h++) {
        size_t dr[2] = {RELAX_NHIST, nn}, dD[2] = {RELAX_NHIST, nd}, dR[3] = {RELAX_NHIST, natoms, 3};
        size_t s2[2] = {h, 0}, c2a[2] = {1, nn}, c2b[2] = {1, nd}, s3[3] = {h, 0, 0}, c3[3] = {1, natoms, 3};
        if (h5read_doubles(f, "/relax_dft/dn", 2, dr, s2, c2a, d->dn[h], e) ||
            h5read_doubles(f, "/relax_dft/D", 2, dD, s2, c2b, d->D[h], e) ||
            h5read_doubles(f, "/relax_dft/R", 3, dR, s3, c3, &d->R[h][0][0], e))
            return -1;
    }
    memcpy(d->s->pos, d->R[d->head], (size_t)natoms * sizeof *d->s->pos);   /* the last evaluated point */
    return 0;
}

/* The optimiser's fields (the names under /optimizer/state are the method's own), the
 * next point and the rows. */
static int read_optimizer(h5read *f, relax_dft *d, relax_rows *rows, relax_resume *res, double (*next)[3],
                          err *e)
{
    int natoms = d->s->natoms;
    static const char *const names[] = {"scalars", "x0", "direction", "previous_gradient", "previous_direction",
                                        "have_prev", "hessian", "f0", "velocity"};
    char method[16] = "";
    size_t dn3[2] = {natoms, 3};
    if (h5read_ints(f, "/optimizer/steps", 1, &res->steps, e) ||
        h5read_attr(f, "/optimizer", "method", method, sizeof method, e) ||
        h5read_doubles(f, "/optimizer/next_positions", 2, dn3, NULL, NULL, &next[0][0], e))
        return -1;
    res->opt.method = strcmp(method, "bfgs") == 0 ? RELAX_BFGS : strcmp(method, "fire") == 0 ? RELAX_FIRE : RELAX_CG;
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        char path[80];
        snprintf(path, sizeof path, "/optimizer/state/%s", names[i]);
        if (!h5read_exists(f, path)) continue;
        int nd;
        size_t dims[8];
        if (h5read_shape(f, path, &nd, dims, e) || nd != 1)
            return nd != 1 ? err_set(e, EXIT_BAD_INPUT, "%s: %s is not a vector", h5read_path(f), path) : -1;
        double *v = xmalloc((dims[0] + 1) * sizeof *v);
        int rc = h5read_doubles(f, path, 1, dims, NULL, NULL, v, e);
        if (!rc) relax_state_put(&res->opt, names[i], dims[0], v);
        free(v);
        if (rc) return -1;
    }
    if (res->steps != d->nsteps)
        return err_set(e, EXIT_BAD_INPUT, "%s: %d optimizer steps but %d ionic steps", h5read_path(f), res->steps,
                       d->nsteps);
    if (d->nsteps == 0) return 0;   /* a mid-SCF checkpoint of the first step: no rows yet */
    rows_reserve(rows, d->nsteps);
    rows->nsteps = d->nsteps;
    size_t ns = d->nsteps, dr[3] = {ns, natoms, 3};
    return h5read_doubles(f, "/rows/fmax", 1, &ns, NULL, NULL, rows->fmax, e) ||
                   h5read_doubles(f, "/rows/positions", 3, dr, NULL, NULL, &rows->pos[0][0], e) ||
                   h5read_doubles(f, "/rows/forces", 3, dr, NULL, NULL, &rows->forces[0][0], e)
               ? -1
               : 0;
}

/* Rank 0 checks the file (seal, kind, fingerprint); then every rank opens it. NULL with
 * e set when refused (collective). */
static h5read *open_checked(const char *path, calculation *c, err *e)
{
    int rc = c->comm->rank == 0 ? check_file(path, c, e) : 0;
    if (comm_agree(c->comm, rc, e)) return NULL;
    h5read *f = h5read_open(path, e);
    if (comm_agree(c->comm, f ? 0 : -1, e)) {
        if (f) h5read_close(f);
        return NULL;
    }
    return f;
}

static int file_exists(const char *path, const calculation *c)
{
    int exists = c->comm->rank == 0 ? access(path, F_OK) == 0 : 0;
    MPI_Bcast(&exists, 1, MPI_INT, 0, c->comm->world);
    return exists;
}

int checkpoint_read(const char *path, calculation *c, relax_dft *d, relax_rows *rows, relax_resume *resume,
                    double (*next_pos)[3], err *e)
{
    memset(resume, 0, sizeof *resume);
    d->resume_scf = 0;
    if (!file_exists(path, c)) return 0;
    h5read *f = open_checked(path, c, e);
    if (!f) return -1;
    int steps = -1, mid = h5read_exists(f, "/scf/counters");
    int rc = h5read_ints(f, "/optimizer/steps", 1, &steps, e);
    if (!rc && steps == 0 && !mid)
        rc = err_set(e, EXIT_BAD_INPUT, "%s: /optimizer/steps is 0 without an SCF state", path);
    if (!rc && steps > 0) rc = read_relax_dft(f, c, d, e);
    rc = rc || read_optimizer(f, d, rows, resume, next_pos, e) || checkpoint_read_bands(f, c, e) ||
         (mid && checkpoint_read_scf_state(f, c, &d->hist, e));
    h5read_close(f);
    if (comm_agree(c->comm, rc ? -1 : 0, e)) {
        relax_state_free(&resume->opt);
        scf_history_free(&d->hist);
        return -1;
    }
    d->resume_scf = mid;
    return 1;
}

int checkpoint_read_scf(const char *path, calculation *c, scf_history *hist, err *e)
{
    memset(hist, 0, sizeof *hist);
    if (!file_exists(path, c)) return 0;
    h5read *f = open_checked(path, c, e);
    if (!f) return -1;
    int rc = checkpoint_read_bands(f, c, e) || checkpoint_read_scf_state(f, c, hist, e);
    h5read_close(f);
    if (comm_agree(c->comm, rc ? -1 : 0, e)) {
        scf_history_free(hist);
        return -1;
    }
    return 1;
}

/* ---- the fingerprint of a workflow part's file (workflow/part.h) ------------------ */

int checkpoint_fingerprint(const input *in, const plan *pl, size_t *n, char ***out, err *e)
{
    calculation c;
    memset(&c, 0, sizeof c);
    c.in = in, c.pl = pl;
    lines l = {0};
    if (fingerprint(&c, &l, e)) {
        lines_free(&l);
        return -1;
    }
    *n = (size_t)l.n, *out = l.line;
    return 0;
}

void checkpoint_fingerprint_diff(char **old, size_t nold, char **now, size_t nnow, const char *where, char *msg,
                                 size_t cap)
{
    lines l = {(int)nnow, (int)nnow, now};
    compare(old, nold, &l, where, msg, cap);
}
