/* input_read: the YAML input of docs/interface.md, every key checked, every value
 * converted to Hartree atomic units. The schema lives in the key tables below and in the
 * one reader per section; docs/input.md lists the same keys, defaults and ranges. */
#include "core/mem.h"
#include "core/units.h"
#include "io/input_internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <xc.h>

/* An input file is a page of text; anything larger is not one. */
#define MAX_INPUT_BYTES (16L << 20)

static const char *const top_keys[] = {"task", "structure", "dft", "scf", "relax", "output", "bader", "parallel", "adsorption", NULL};
static const char *const dft_keys[] = {"xc", "cutoff", "kpoints", "gamma", "smearing", "spin", "magmoms", "charge",
                                       "dispersion", "d2", "setups", "bands", "symmetry", "dipole_correction", NULL};
static const char *const d2_keys[] = {"s6", "d", "sr", "cutoff", NULL};
static const char *const scf_keys[] = {"energy_tol", "density_tol", "forces_tol", "max_iter", "mixer", "checkpoint",
                                       NULL};
static const char *const mixer_keys[] = {"beta", "history", "kerker", NULL};
static const char *const smearing_keys[] = {"method", "width", NULL};
static const char *const relax_keys[] = {"method", "fmax", "max_steps", NULL};
static const char *const output_keys[] = {"file", "cube", NULL};
static const char *const bader_keys[] = {"refinement", "method", "vacuum", NULL};
static const char *const parallel_keys[] = {"kpoints", "bands", "memory_per_rank", NULL};
static const char *const structure_leaf_keys[] = {"file", "build", "format", "cell", "pbc", "atoms", "fixed",
                                                  "fix_below", NULL};

/* Where a key that is unknown in one place lives instead ("cutoff" -> "dft.cutoff"). */
static const char *key_elsewhere(const char *key)
{
    static const struct { const char *section; const char *const *keys; } sections[] = {
        {"structure", structure_leaf_keys}, {"dft", dft_keys}, {"scf", scf_keys}, {"scf.mixer", mixer_keys},
        {"dft.smearing", smearing_keys}, {"relax", relax_keys}, {"output", output_keys},
        {"parallel", parallel_keys}, {"", top_keys}, {"dft.d2", d2_keys}, {"bader", bader_keys}};
    static char full[96];
    for (size_t s = 0; s < sizeof sections / sizeof *sections; s++)
        for (int i = 0; sections[s].keys[i]; i++)
            if (strcmp(sections[s].keys[i], key) == 0) {
                snprintf(full, sizeof full, "%s%s%s", sections[s].section, sections[s].section[0] ? "." : "", key);
                return full;
            }
    return NULL;
}

/* ---- dft ---- */

/* Short names users of GPAW/ASE type, and what libxc calls them. */
static const struct { const char *alias, *libxc; } xc_aliases[] = {
    {"LDA", "LDA_X+LDA_C_PW"}, {"PBE", "GGA_X_PBE+GGA_C_PBE"}, {"PBEsol", "GGA_X_PBE_SOL+GGA_C_PBE_SOL"},
    {"revPBE", "GGA_X_PBE_R+GGA_C_PBE"}, {"RPBE", "GGA_X_RPBE+GGA_C_PBE"}, {"BLYP", "GGA_X_B88+GGA_C_LYP"},
    {"PW91", "GGA_X_PW91+GGA_C_PW91"}};

/* dft.xc: an alias, or libxc LDA/GGA functionals joined by '+' ("GGA_X_PBE+GGA_C_PBE"). */
static int read_xc(const ictx *c, const ynode *n, input *in)
{
    char buf[64], part[64];
    if (in_string(c, n, "dft.xc", in->dft.xc, sizeof in->dft.xc)) return -1;
    for (size_t i = 0; i < sizeof xc_aliases / sizeof *xc_aliases; i++)
        if (strcmp(in->dft.xc, xc_aliases[i].alias) == 0) return 0;
    const char *s = in->dft.xc;
    while (*s) {
        size_t len = strcspn(s, "+");
        snprintf(part, sizeof part, "%.*s", (int)len, s);
        int id = len ? xc_functional_get_number(part) : -1, family = 0;
        if (id < 0) {
            const char *names[sizeof xc_aliases / sizeof *xc_aliases + 1];
            for (size_t i = 0; i < sizeof xc_aliases / sizeof *xc_aliases; i++) names[i] = xc_aliases[i].alias;
            names[sizeof xc_aliases / sizeof *xc_aliases] = NULL;
            const char *near = in_closest(in->dft.xc, names);
            if (near) return in_bad(c, n, "dft.xc", "unknown functional %s (did you mean '%s'?)", in_shown(n, buf, sizeof buf), near);
            return in_bad(c, n, "dft.xc", "unknown functional %s: not an alias (LDA, PBE, PBEsol, revPBE, RPBE, "
                          "BLYP, PW91) nor a libxc name such as GGA_X_PBE+GGA_C_PBE", in_shown(n, buf, sizeof buf));
        }
        xc_family_from_id(id, &family, NULL);
        if (family != XC_FAMILY_LDA && family != XC_FAMILY_GGA)
            return in_bad(c, n, "dft.xc", "%s is not an LDA or GGA functional (only those are supported) (%s)", part,
                          in_shown(n, buf, sizeof buf));
        s += len + (s[len] == '+');
    }
    return 0;
}

static int read_smearing(const ictx *c, const ynode *n, input *in)
{
    static const char *const methods[] = {"fermi-dirac", "gaussian", "marzari-vanderbilt", "none", NULL};
    static const smearing_kind kinds[] = {SMEAR_FERMI_DIRAC, SMEAR_GAUSSIAN, SMEAR_MARZARI_VANDERBILT, SMEAR_NONE};
    const ynode *m = ynode_get(n, "method"), *w = ynode_get(n, "width");
    int k;
    double width_ev;
    if (in_check_keys(c, n, "dft.smearing", smearing_keys)) return -1;
    if (m) {
        if (in_choice(c, m, "dft.smearing.method", methods, &k)) return -1;
        in->dft.smearing = kinds[k];
    }
    if (w) {
        if (in_double_range(c, w, "dft.smearing.width", 0, 0, 10, "eV", &width_ev)) return -1;
        in->dft.width_ha = width_ev / HARTREE_EV;
    }
    if (in->dft.smearing == SMEAR_NONE) in->dft.width_ha = 0;
    return 0;
}

static int read_magmoms(const ictx *c, const ynode *n, input *in)
{
    structure *s = &in->atoms;
    char path[64];
    if (in_list(c, n, "dft.magmoms", 0, "a list of initial magnetic moments (mu_B), one per atom")) return -1;
    if ((int)n->n != s->natoms)
        return in_bad(c, n, "dft.magmoms", "has %zu values but the structure has %d atoms", n->n, s->natoms);
    for (size_t a = 0; a < n->n; a++) {
        snprintf(path, sizeof path, "dft.magmoms[%zu]", a);
        if (in_double_range(c, n->items[a], path, -10, 0, 10, "mu_B", &s->magmoms[a])) return -1;
    }
    s->has_magmoms = 1;
    return 0;
}

/* dft.d2: Grimme D2 settings (VASP's VDW_S6, VDW_D, VDW_SR, VDW_RADIUS). */
static int read_d2(const ictx *c, const ynode *n, input *in)
{
    const ynode *v;
    double cutoff_ang;
    if (in_check_keys(c, n, "dft.d2", d2_keys)) return -1;
    if ((v = ynode_get(n, "s6")) && in_double_range(c, v, "dft.d2.s6", 0, 1, 100, "", &in->dft.d2.s6)) return -1;
    if ((v = ynode_get(n, "d")) && in_double_range(c, v, "dft.d2.d", 0, 1, 1000, "", &in->dft.d2.d)) return -1;
    if ((v = ynode_get(n, "sr")) && in_double_range(c, v, "dft.d2.sr", 0, 1, 10, "", &in->dft.d2.sr)) return -1;
    if ((v = ynode_get(n, "cutoff"))) {
        if (in_double_range(c, v, "dft.d2.cutoff", 0, 1, 1000, "Angstrom", &cutoff_ang)) return -1;
        in->dft.d2.cutoff_bohr = cutoff_ang / BOHR_ANG;
    }
    return 0;
}

/* dft.dipole_correction: true needs what GPAW's poissonsolver={'dipolelayer': 'xy'} needs
 * (gpaw/dipole_correction.py, check_direction): a slab non-periodic along its third cell
 * vector only, that vector along z (x, y components below 1e-12 bohr, pointing to +z) and
 * orthogonal to the other two (|a_i . a3| <= 1e-12 bohr^2). */
static int check_dipole_correction(const ictx *c, const ynode *n, const input *in)
{
    const int *p = in->atoms.pbc;
    const double(*a)[3] = (const double(*)[3])in->atoms.cell;
    if (!p[0] || !p[1] || p[2])
        return in_bad(c, n, "dft.dipole_correction", "true needs structure.pbc [true, true, false] (a slab normal to "
                      "the third cell vector), the structure has [%s, %s, %s] (true)", p[0] ? "true" : "false",
                      p[1] ? "true" : "false", p[2] ? "true" : "false");
    double d0 = a[0][0] * a[2][0] + a[0][1] * a[2][1] + a[0][2] * a[2][2];
    double d1 = a[1][0] * a[2][0] + a[1][1] * a[2][1] + a[1][2] * a[2][2];
    if (fabs(a[2][0]) >= 1e-12 || fabs(a[2][1]) >= 1e-12 || a[2][2] <= 0 || fabs(d0) > 1e-12 || fabs(d1) > 1e-12)
        return in_bad(c, n, "dft.dipole_correction", "true needs the third cell vector along +z and perpendicular to "
                      "the first two, the cell has a1 = [%g, %g, %g], a2 = [%g, %g, %g], a3 = [%g, %g, %g] "
                      "Angstrom (true)", a[0][0] * BOHR_ANG, a[0][1] * BOHR_ANG, a[0][2] * BOHR_ANG,
                      a[1][0] * BOHR_ANG, a[1][1] * BOHR_ANG, a[1][2] * BOHR_ANG, a[2][0] * BOHR_ANG,
                      a[2][1] * BOHR_ANG, a[2][2] * BOHR_ANG);
    return 0;
}

/* Keys after xc, cutoff, kpoints and smearing: scalar switches and counts. */
static int read_dft_rest(const ictx *c, const ynode *sec, input *in)
{
    static const char *const disps[] = {"none", "d2", NULL};
    const ynode *n;
    int k;
    char buf[64];
    if ((n = ynode_get(sec, "gamma")) && in_bool(c, n, "dft.gamma", &in->dft.gamma)) return -1;
    if ((n = ynode_get(sec, "spin")) && in_bool(c, n, "dft.spin", &in->dft.spin)) return -1;
    if ((n = ynode_get(sec, "symmetry")) && in_bool(c, n, "dft.symmetry", &in->dft.symmetry)) return -1;
    if ((n = ynode_get(sec, "dipole_correction")) &&
        (in_bool(c, n, "dft.dipole_correction", &in->dft.dipole_correction) ||
         (in->dft.dipole_correction && check_dipole_correction(c, n, in))))
        return -1;
    if ((n = ynode_get(sec, "charge")) && in_double_range(c, n, "dft.charge", -1000, 0, 1000, "e", &in->dft.charge))
        return -1;
    if ((n = ynode_get(sec, "dispersion"))) {
        if (in_choice(c, n, "dft.dispersion", disps, &k)) return -1;
        in->dft.dispersion = k ? DISP_D2 : DISP_NONE;
    }
    if ((n = ynode_get(sec, "d2")) && !ynode_is_null(n)) {
        if (read_d2(c, n, in)) return -1;
        if (in->dft.dispersion != DISP_D2) return in_bad(c, n, "dft.d2", "options need dft.dispersion: d2");
    }
    if ((n = ynode_get(sec, "setups")) && in_string(c, n, "dft.setups", in->dft.setups, sizeof in->dft.setups))
        return -1;
    for (const char *p = in->dft.setups; *p; p++)
        if (!(*p == '-' || *p == '_' || *p == '.' || (*p >= '0' && *p <= '9') || ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z')))
            return in_bad(c, n, "dft.setups", "a dataset family is a plain name such as PBE (%s)", in_shown(n, buf, sizeof buf));
    if ((n = ynode_get(sec, "bands")) && !(n->kind == YNODE_SCALAR && n->plain && strcmp(n->str, "auto") == 0) &&
        in_int(c, n, "dft.bands", 1, 100000, &in->dft.nbands))
        return -1;
    const ynode *mm = ynode_get(sec, "magmoms");
    if (mm && !ynode_is_null(mm)) {
        if (read_magmoms(c, mm, in)) return -1;
        if (!in->dft.spin) return in_bad(c, mm, "dft.magmoms", "initial moments need dft.spin: true");
    }
    /* Electrons left after the charge: sum Z - charge must be positive (the valence
     * count against the datasets is the check command's). */
    double nel = -in->dft.charge;
    for (int a = 0; a < in->atoms.natoms; a++) nel += in->atoms.numbers[a];
    if (nel <= 0)
        return in_bad(c, ynode_get(sec, "charge"), "dft.charge", "%g leaves %g electrons: the atoms hold only %g",
                      in->dft.charge, nel, nel + in->dft.charge);
    return 0;
}

static int read_dft(const ictx *c, const ynode *sec, input *in)
{
    /* GPAW's default occupations: Fermi-Dirac 0.1 eV when any direction is periodic,
     * integer (zero-width) occupations for an isolated system (gpaw/occupations.py). */
    if (!in->atoms.pbc[0] && !in->atoms.pbc[1] && !in->atoms.pbc[2]) {
        in->dft.smearing = SMEAR_NONE;
        in->dft.width_ha = 0.0;
    }
    const ynode *n;
    double cutoff_ev;
    if (!sec || ynode_is_null(sec)) return read_dft_rest(c, NULL, in);
    if (in_check_keys(c, sec, "dft", dft_keys)) return -1;
    if ((n = ynode_get(sec, "xc"))) {
        if (read_xc(c, n, in)) return -1;
        if (!ynode_get(sec, "setups") && strcmp(in->dft.xc, "LDA") == 0) snprintf(in->dft.setups, sizeof in->dft.setups, "LDA");
    }
    if ((n = ynode_get(sec, "cutoff"))) {
        if (in_double_range(c, n, "dft.cutoff", 0, 1, 5000, "eV", &cutoff_ev)) return -1;
        in->dft.cutoff_ha = cutoff_ev / HARTREE_EV;
    }
    if ((n = ynode_get(sec, "kpoints")) && input_read_kpoints(c, n, in)) return -1;
    if ((n = ynode_get(sec, "smearing")) && read_smearing(c, n, in)) return -1;
    return read_dft_rest(c, sec, in);
}

/* ---- scf, relax, output, parallel ---- */

/* Kerker screening wave vector used for `kerker: true`, 1/Angstrom (VASP's BMIX default). */
#define KERKER_Q0_DEFAULT_ANG 1.0

static int read_mixer(const ictx *c, const ynode *sec, input *in)
{
    const ynode *n;
    if (in_check_keys(c, sec, "scf.mixer", mixer_keys)) return -1;
    if ((n = ynode_get(sec, "beta")) && in_double_range(c, n, "scf.mixer.beta", 0, 1, 1, "", &in->scf.mix_beta))
        return -1;
    if ((n = ynode_get(sec, "history")) && in_int(c, n, "scf.mixer.history", 1, 100, &in->scf.mix_history))
        return -1;
    if ((n = ynode_get(sec, "kerker"))) {
        int on;
        double q0;
        if (n->kind == YNODE_SCALAR && n->plain && strcmp(n->str, "auto") == 0) {
            in->scf.kerker = -1;
        } else if (n->kind == YNODE_SCALAR && n->plain && (n->str[0] == 't' || n->str[0] == 'f' || n->str[0] == 'T' || n->str[0] == 'F')) {
            if (in_bool(c, n, "scf.mixer.kerker", &on)) return -1;
            in->scf.kerker = on ? KERKER_Q0_DEFAULT_ANG * BOHR_ANG : 0;
        } else {
            char buf[64];
            if (n->kind != YNODE_SCALAR || !n->plain || in_double(c, n, "scf.mixer.kerker", &q0))
                return in_bad(c, n, "scf.mixer.kerker", "expected auto, true, false or q0 in 1/Angstrom, got %s",
                              in_shown(n, buf, sizeof buf));
            if (in_double_range(c, n, "scf.mixer.kerker", 0, 1, 100, "1/Angstrom", &q0)) return -1;
            in->scf.kerker = q0 * BOHR_ANG; /* 1/Angstrom -> 1/bohr */
        }
    }
    return 0;
}

/* scf.checkpoint: N (iterations, >= 1), a time ("10m", "600s", "1.5h", "90 min") or
 * off (also false, none, 0): how often a long SCF saves its state (scf/scf.h). */
static int read_scf_checkpoint(const ictx *c, const ynode *n, input *in)
{
    static const struct { const char *unit; double factor; } units[] = {
        {"s", 1}, {"m", 60}, {"min", 60}, {"h", 3600}};
    const char *want = "expected a number of iterations (an integer >= 1), a time such as 10m, 600s or 2h, or off; "
                       "got %s";
    char buf[64];
    in->scf.checkpoint_iterations = 0, in->scf.checkpoint_seconds = 0;
    if (n->kind != YNODE_SCALAR || !n->plain) return in_bad(c, n, "scf.checkpoint", want, in_shown(n, buf, sizeof buf));
    const char *v = n->str;
    if (strcasecmp(v, "off") == 0 || strcasecmp(v, "false") == 0 || strcasecmp(v, "none") == 0 || strcmp(v, "0") == 0)
        return 0;
    char *end;
    errno = 0;
    double x = strtod(v, &end);
    if (end == v || !(v[0] >= '0' && v[0] <= '9') || errno == ERANGE || !isfinite(x) || x <= 0)
        return in_bad(c, n, "scf.checkpoint", want, in_shown(n, buf, sizeof buf));
    if (!*end) {   /* iterations */
        if (x != floor(x) || x > 100000)
            return in_bad(c, n, "scf.checkpoint", "iterations must be an integer 1 ... 100000 (or a time with a unit: "
                          "10m, 600s, 2h); got %s", in_shown(n, buf, sizeof buf));
        in->scf.checkpoint_iterations = (int)x;
        return 0;
    }
    while (*end == ' ') end++;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(end, units[i].unit) == 0) {
            in->scf.checkpoint_seconds = x * units[i].factor;
            if (in->scf.checkpoint_seconds > 366 * 86400.0)
                return in_bad(c, n, "scf.checkpoint", "a time of at most a year, got %s", in_shown(n, buf, sizeof buf));
            return 0;
        }
    return in_bad(c, n, "scf.checkpoint", "unknown unit '%s' (use s, m or h) (%s)", end, in_shown(n, buf, sizeof buf));
}

static int read_scf(const ictx *c, const ynode *sec, input *in)
{
    const ynode *n;
    double tol_ev;
    if (in_check_keys(c, sec, "scf", scf_keys)) return -1;
    if ((n = ynode_get(sec, "energy_tol"))) {
        if (in_double_range(c, n, "scf.energy_tol", 0, 1, 10, "eV per electron", &tol_ev)) return -1;
        in->scf.energy_tol_ha = tol_ev / HARTREE_EV;
    }
    if ((n = ynode_get(sec, "density_tol")) &&
        in_double_range(c, n, "scf.density_tol", 0, 1, 1, "electrons per electron", &in->scf.density_tol))
        return -1;
    if ((n = ynode_get(sec, "forces_tol"))) {   /* GPAW's convergence={'forces': tol}; absent: off */
        if (in_double_range(c, n, "scf.forces_tol", 0, 1, 100, "eV/Angstrom", &tol_ev)) return -1;
        in->scf.forces_tol_au = tol_ev / HA_PER_BOHR_TO_EV_PER_ANG;
    }
    if ((n = ynode_get(sec, "max_iter")) && in_int(c, n, "scf.max_iter", 1, 100000, &in->scf.max_iter)) return -1;
    if ((n = ynode_get(sec, "mixer")) && read_mixer(c, n, in)) return -1;
    if ((n = ynode_get(sec, "checkpoint")) && read_scf_checkpoint(c, n, in)) return -1;
    return 0;
}

static int read_relax(const ictx *c, const ynode *sec, input *in)
{
    static const char *const methods[] = {"cg", "bfgs", "fire", NULL};
    static const relax_kind kinds[] = {RELAX_CG, RELAX_BFGS, RELAX_FIRE};
    const ynode *n;
    int k;
    double fmax_ev;
    if (in_check_keys(c, sec, "relax", relax_keys)) return -1;
    if ((n = ynode_get(sec, "method"))) {
        if (in_choice(c, n, "relax.method", methods, &k)) return -1;
        in->relax.method = kinds[k];
    }
    if ((n = ynode_get(sec, "fmax"))) {
        if (in_double_range(c, n, "relax.fmax", 0, 1, 100, "eV/Angstrom", &fmax_ev)) return -1;
        in->relax.fmax_au = fmax_ev / HA_PER_BOHR_TO_EV_PER_ANG;
    }
    if ((n = ynode_get(sec, "max_steps")) && in_int(c, n, "relax.max_steps", 1, 100000, &in->relax.max_steps))
        return -1;
    return 0;
}

static int read_output(const ictx *c, const ynode *sec, input *in)
{
    static const char *const cubes[] = {"density", "all_electron_density", "potential", NULL};
    const ynode *n;
    char path[64];
    if (in_check_keys(c, sec, "output", output_keys)) return -1;
    if ((n = ynode_get(sec, "file")) && in_string(c, n, "output.file", in->output.file, sizeof in->output.file))
        return -1;
    if ((n = ynode_get(sec, "cube")) && !ynode_is_null(n)) {
        if (in_list(c, n, "output.cube", 0, "a list such as [density, potential]")) return -1;
        for (size_t i = 0; i < n->n; i++) {
            int k;
            snprintf(path, sizeof path, "output.cube[%zu]", i);
            if (in_choice(c, n->items[i], path, cubes, &k)) return -1;
            *(k == 0 ? &in->output.cube_density : k == 1 ? &in->output.cube_ae_density : &in->output.cube_potential) = 1;
        }
    }
    return 0;
}

/* bader: true/false, or a mapping {refinement: 2|4, method: weight|near-grid,
 * vacuum: RHO|off} that turns the Bader analysis on (docs/bader.md). vacuum in
 * electrons/Angstrom^3, stored in electrons/bohr^3. */
static int read_bader(const ictx *c, const ynode *sec, input *in)
{
    static const char *const methods[] = {"weight", "near-grid", NULL};
    const ynode *n;
    char buf[64];
    int k;
    if (sec->kind != YNODE_MAP) {
        if (sec->kind == YNODE_SCALAR && sec->plain) {
            if (!strcmp(sec->str, "true") || !strcmp(sec->str, "True") || !strcmp(sec->str, "TRUE"))
                return in->bader = 1, 0;
            if (!strcmp(sec->str, "false") || !strcmp(sec->str, "False") || !strcmp(sec->str, "FALSE"))
                return in->bader = 0, 0;
        }
        return in_bad(c, sec, "bader", "expected true or false, got %s; or a mapping {refinement: 2|4, "
                      "method: weight|near-grid, vacuum: RHO|off}", in_shown(sec, buf, sizeof buf));
    }
    if (in_check_keys(c, sec, "bader", bader_keys)) return -1;
    in->bader = 1;
    if ((n = ynode_get(sec, "refinement"))) {
        if (n->kind != YNODE_SCALAR || !n->plain || (strcmp(n->str, "2") && strcmp(n->str, "4")))
            return in_bad(c, n, "bader.refinement", "must be 2 or 4 (all-electron grid = that many times the "
                          "coarse grid per axis) (%s)", in_shown(n, buf, sizeof buf));
        in->bader_opt.refinement = n->str[0] - '0';
    }
    if ((n = ynode_get(sec, "method"))) {
        if (in_choice(c, n, "bader.method", methods, &k)) return -1;
        in->bader_opt.near_grid = k;
    }
    if ((n = ynode_get(sec, "vacuum"))) {
        double rho;
        char *end = NULL;
        int scalar = n->kind == YNODE_SCALAR && n->plain;
        if (scalar && (!strcmp(n->str, "off") || !strcmp(n->str, "false")))
            in->bader_opt.use_vacuum = 0;
        else if (!scalar || (strtod(n->str, &end), end == n->str || *end))
            return in_bad(c, n, "bader.vacuum", "expected a density in electrons/Angstrom^3 or off, got %s",
                          in_shown(n, buf, sizeof buf));
        else if (in_double_range(c, n, "bader.vacuum", 0, 0, 1, "electrons/Angstrom^3 (or off)", &rho))
            return -1;
        else
            in->bader_opt.vacuum = rho * BOHR_ANG * BOHR_ANG * BOHR_ANG;
    }
    return 0;
}

/* "2 GB", "512MiB", 4e9 (bytes), 0 or none (no limit). kB/MB/GB/TB are powers of 1000,
 * KiB/MiB/GiB/TiB powers of 1024. */
static int read_memory(const ictx *c, const ynode *n, double *bytes)
{
    static const struct { const char *unit; double factor; } units[] = {
        {"", 1}, {"B", 1}, {"kB", 1e3}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12},
        {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}, {"TiB", 1099511627776.0}};
    char buf[64];
    const char *want = "expected bytes or a size such as \"2 GB\" or \"512 MiB\", got %s";
    if (n->kind != YNODE_SCALAR || !n->plain) return in_bad(c, n, "parallel.memory_per_rank", want, in_shown(n, buf, sizeof buf));
    if (strcmp(n->str, "none") == 0) return *bytes = 0, 0;
    char *end;
    errno = 0;
    double v = strtod(n->str, &end);
    if (end == n->str || !(n->str[0] >= '0' && n->str[0] <= '9') || errno == ERANGE || !isfinite(v))
        return in_bad(c, n, "parallel.memory_per_rank", want, in_shown(n, buf, sizeof buf));
    while (*end == ' ') end++;
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strcmp(end, units[i].unit) == 0) {
            *bytes = v * units[i].factor;
            if (*bytes > 1e15 || (*bytes > 0 && *bytes < 1e6))
                return in_bad(c, n, "parallel.memory_per_rank", "must be 0 (no limit) or between 1 MB and 1 PB (%s)",
                              in_shown(n, buf, sizeof buf));
            return 0;
        }
    return in_bad(c, n, "parallel.memory_per_rank", "unknown unit '%s' (use B, kB, MB, GB, TB, KiB, MiB, GiB, TiB) (%s)",
                  end, in_shown(n, buf, sizeof buf));
}

/* `auto` or an integer >= 1. */
static int read_auto_int(const ictx *c, const ynode *n, const char *path, int *out)
{
    if (n->kind == YNODE_SCALAR && n->plain && strcmp(n->str, "auto") == 0) return *out = 0, 0;
    return in_int(c, n, path, 1, 1000000, out);
}

static int read_parallel(const ictx *c, const ynode *sec, input *in)
{
    const ynode *n;
    if (in_check_keys(c, sec, "parallel", parallel_keys)) return -1;
    if ((n = ynode_get(sec, "kpoints")) && read_auto_int(c, n, "parallel.kpoints", &in->parallel.kpoints)) return -1;
    if ((n = ynode_get(sec, "bands")) && read_auto_int(c, n, "parallel.bands", &in->parallel.bands)) return -1;
    if ((n = ynode_get(sec, "memory_per_rank")) && read_memory(c, n, &in->parallel.memory_per_rank_bytes)) return -1;
    return 0;
}

/* ---- the file ---- */

static void input_defaults(input *in)
{
    in->task = TASK_SCF;
    snprintf(in->dft.xc, sizeof in->dft.xc, "PBE");
    snprintf(in->dft.setups, sizeof in->dft.setups, "PBE");
    in->dft.cutoff_ha = 400.0 / HARTREE_EV;
    in->dft.kpts[0] = in->dft.kpts[1] = in->dft.kpts[2] = 1;
    in->dft.gamma = 1;
    in->dft.symmetry = 1;
    in->dft.smearing = SMEAR_FERMI_DIRAC;
    in->dft.width_ha = 0.1 / HARTREE_EV;
    in->dft.dispersion = DISP_NONE;
    in->dft.d2.s6 = 0.0;    /* from the functional */
    in->dft.d2.d = 20.0;
    in->dft.d2.sr = 1.0;
    in->dft.d2.cutoff_bohr = 50.0 / BOHR_ANG;
    in->scf.energy_tol_ha = 5.0e-4 / HARTREE_EV;
    in->scf.density_tol = 1.0e-4;
    in->scf.forces_tol_au = 0.0;   /* off */
    in->scf.max_iter = 100;
    in->scf.mix_beta = 0.05;
    in->scf.mix_history = 5;
    in->scf.kerker = -1;
    in->scf.checkpoint_seconds = 1800.0;   /* 30 min: docs/input.md, scf.checkpoint */
    in->relax.method = RELAX_CG;
    in->relax.fmax_au = 0.05 / HA_PER_BOHR_TO_EV_PER_ANG;
    in->relax.max_steps = 200;
    snprintf(in->output.file, sizeof in->output.file, "results.h5");
    in->bader_opt.refinement = 2;
    in->bader_opt.use_vacuum = 1;
    in->bader_opt.vacuum = 1e-4 * BOHR_ANG * BOHR_ANG * BOHR_ANG;   /* 1e-4 e/Angstrom^3 */
    input_adsorption_defaults(in);
}

/* The whole file into in->text (NUL-terminated; *len excludes the NUL). */
static int read_text(const char *path, input *in, size_t *len, err *e)
{
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot open the input file (%s)", path, strerror(errno));
    if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
        fclose(f);
        return err_set(e, EXIT_BAD_INPUT, "%s: not a regular file", path);
    }
    if (st.st_size > MAX_INPUT_BYTES) {
        fclose(f);
        return err_set(e, EXIT_BAD_INPUT, "%s: %lld bytes is too large for an input file (at most %ld)", path,
                       (long long)st.st_size, MAX_INPUT_BYTES);
    }
    in->text = xmalloc((size_t)st.st_size + 1);
    *len = fread(in->text, 1, (size_t)st.st_size, f);
    int bad = ferror(f);
    fclose(f);
    in->text[*len] = '\0';
    if (bad) return err_set(e, EXIT_BAD_INPUT, "%s: cannot read the input file", path);
    return 0;
}

/* The sections in dependency order: structure first (k-points, magmoms and charge need it). */
static int read_sections(const ictx *c, const ynode *root, const char *dir, input *in)
{
    static const char *const tasks[] = {"scf", "relax", "adsorption", "scan", NULL};
    static const task_kind kinds[] = {TASK_SCF, TASK_RELAX, TASK_ADSORPTION, TASK_SCAN};
    const ynode *n;
    int k;
    if (in_check_keys(c, root, "", top_keys)) return -1;
    if (!(n = ynode_get(root, "structure")))
        return in_bad(c, root, "structure", "missing: give structure.file, structure.build, or structure.cell and "
                      "structure.atoms");
    if (input_read_structure(c, n, dir, in)) return -1;
    if ((n = ynode_get(root, "task"))) {
        if (in_choice(c, n, "task", tasks, &k)) return -1;
        in->task = kinds[k];
    }
    if (read_dft(c, ynode_get(root, "dft"), in)) return -1;
    if ((n = ynode_get(root, "scf")) && read_scf(c, n, in)) return -1;
    if ((n = ynode_get(root, "relax")) && read_relax(c, n, in)) return -1;
    if ((n = ynode_get(root, "output")) && read_output(c, n, in)) return -1;
    if ((n = ynode_get(root, "bader")) && read_bader(c, n, in)) return -1;
    if ((n = ynode_get(root, "parallel")) && read_parallel(c, n, in)) return -1;
    return input_read_adsorption(c, ynode_get(root, "adsorption"), dir, in);
}

/* One line whatever the file holds: control characters in the message become '?'. */
static void one_line(err *e)
{
    if (!e) return;
    for (char *p = e->msg; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
}

int input_read(const char *path, input *in, err *e)
{
    ictx c = {path, e, key_elsewhere};
    char buf[64], dir[1024];
    size_t len = 0;
    ynode *root = NULL;
    memset(in, 0, sizeof *in);
    input_defaults(in);
    if (strlen(path) >= sizeof in->path || strlen(path) >= sizeof dir)
        return err_set(e, EXIT_BAD_INPUT, "%.200s...: the input file's path is too long", path);
    snprintf(in->path, sizeof in->path, "%s", path);
    const char *slash = strrchr(path, '/');
    snprintf(dir, sizeof dir, "%.*s", slash ? (int)(slash - path) + (slash == path) : 0, path);
    int rc = read_text(path, in, &len, e);
    if (!rc) rc = ynode_parse(in->text, len, path, &root, e);
    if (!rc && (!root || ynode_is_null(root)))
        rc = err_set(e, EXIT_BAD_INPUT, "%s:1: the input is empty: it needs at least a structure section", path);
    if (!rc && root->kind != YNODE_MAP)
        rc = err_set(e, EXIT_BAD_INPUT, "%s:%d: the input must be a mapping of keys (task:, structure:, dft:, ...), "
                     "not %s%s", path, root->line, root->kind == YNODE_LIST ? "a list" : "a single value: ",
                     root->kind == YNODE_LIST ? "" : in_shown(root, buf, sizeof buf));
    if (!rc) rc = read_sections(&c, root, dir, in);
    ynode_free(root);
    if (rc) {
        if (e) e->status = e->status == EXIT_INTERNAL ? EXIT_INTERNAL : EXIT_BAD_INPUT;
        one_line(e);
        input_free(in);
    }
    return rc;
}

void input_free(input *in)
{
    free(in->text);
    in->text = NULL;
    structure_free(&in->atoms);
    free(in->adsorption.ads);
    free(in->adsorption.place);
    in->adsorption.ads = NULL, in->adsorption.place = NULL;
    in->adsorption.nads = in->adsorption.nplace = 0;
}
