/* Occupation numbers and Fermi level(s): GPAW 22.8's gpaw/occupations.py, step by step
 * (see occupations.h for the formulas). */
#include "scf/occupations.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "core/units.h"

void occ_params_default(occ_params *p, int any_periodic)
{
    memset(p, 0, sizeof *p);
    p->method = any_periodic ? OCC_FERMI_DIRAC : OCC_ZERO_WIDTH;
    p->width = any_periodic ? 0.1 / HARTREE_EV : 0.0;
}

static const struct { occ_method m; const char *name; } occ_names[] = {
    {OCC_FERMI_DIRAC, "fermi-dirac"},
    {OCC_MARZARI_VANDERBILT, "marzari-vanderbilt"},
    {OCC_METHFESSEL_PAXTON, "gaussian"},      /* Methfessel-Paxton of order 0 */
    {OCC_METHFESSEL_PAXTON, "methfessel-paxton"},
    {OCC_ZERO_WIDTH, "zero-width"},
    {OCC_FIXED, "fixed"},
};

int occ_method_from_name(const char *name, occ_method *m, err *e)
{
    for (size_t i = 0; i < sizeof occ_names / sizeof occ_names[0]; i++)
        if (strcmp(name, occ_names[i].name) == 0) {
            *m = occ_names[i].m;
            return 0;
        }
    return err_set(e, EXIT_BAD_INPUT, "smearing method '%s' is not one of fermi-dirac, "
                   "marzari-vanderbilt, gaussian, methfessel-paxton, zero-width, fixed", name);
}

const char *occ_method_name(occ_method m)
{
    for (size_t i = 0; i < sizeof occ_names / sizeof occ_names[0]; i++)
        if (occ_names[i].m == m) return occ_names[i].name;
    return "unknown";
}

/* GPAW's extrapolate_factor of each OccupationNumberCalculator class. */
double occ_extrapolate_factor(const occ_params *p)
{
    if (p->width == 0.0) return 0.0;   /* create_occ_calc: width 0 -> ZeroWidth */
    switch (p->method) {
    case OCC_FERMI_DIRAC: return -0.5;
    case OCC_METHFESSEL_PAXTON: return -1.0 / (p->order + 2);
    default: return 0.0;               /* Marzari-Vanderbilt, zero width, fixed */
    }
}

int occ_init(occ_calc *o, const occ_params *p, int nspins, int nkpts, int nbands,
             const double *w_k, err *e)
{
    memset(o, 0, sizeof *o);
    if (nspins != 1 && nspins != 2)
        return err_set(e, EXIT_INTERNAL, "occupations: nspins %d is not 1 or 2", nspins);
    if (nkpts < 1 || nbands < 1)
        return err_set(e, EXIT_INTERNAL, "occupations: %d k-points, %d bands", nkpts, nbands);
    if (!(p->width >= 0.0) || !isfinite(p->width))
        return err_set(e, EXIT_BAD_INPUT, "smearing width %g eV is not a finite number >= 0",
                       p->width * HARTREE_EV);
    if (p->method == OCC_METHFESSEL_PAXTON && (p->order < 0 || p->order > 10))
        return err_set(e, EXIT_BAD_INPUT, "Methfessel-Paxton order %d is not in 0..10",
                       p->order);
    if (p->method == OCC_FIXED && !p->fixed_f)
        return err_set(e, EXIT_BAD_INPUT, "fixed occupations: no occupation numbers given");
    if (p->fixmagmom && !isfinite(p->magmom))
        return err_set(e, EXIT_BAD_INPUT, "fixed magnetic moment %g is not finite", p->magmom);
    double wsum = 0.0;
    for (int k = 0; k < nkpts; k++) {
        if (!(w_k[k] > 0.0) || !isfinite(w_k[k]))
            return err_set(e, EXIT_INTERNAL, "occupations: k-point %d weight %g", k, w_k[k]);
        wsum += w_k[k];
    }
    if (fabs(wsum - 1.0) > 1e-10)
        return err_set(e, EXIT_INTERNAL, "occupations: k-point weights sum to %.15g, not 1", wsum);
    if (p->method == OCC_FIXED)
        for (int i = 0; i < nspins * nbands; i++)
            if (!(p->fixed_f[i] >= 0.0 && p->fixed_f[i] <= 1.0))
                return err_set(e, EXIT_BAD_INPUT, "fixed occupations: spin %d band %d: %g is "
                               "not in [0, 1]", i / nbands, i % nbands, p->fixed_f[i]);

    o->p = *p;
    if (nspins == 1) o->p.fixmagmom = 0;   /* GPAW drops fixmagmom without spin */
    o->nspins = nspins;
    o->nkpts = nkpts;
    o->nbands = nbands;
    o->w_k = xmalloc(sizeof(double) * nkpts);
    memcpy(o->w_k, w_k, sizeof(double) * nkpts);
    if (p->method == OCC_FIXED) {
        o->fixed_f = xmalloc(sizeof(double) * nspins * nbands);
        memcpy(o->fixed_f, p->fixed_f, sizeof(double) * nspins * nbands);
    }
    o->p.fixed_f = o->fixed_f;
    size_t m = (size_t)nspins * nkpts * nbands;
    o->ws_eps = xmalloc(sizeof(double) * m);
    o->ws_w = xmalloc(sizeof(double) * m);
    o->ws_idx = xmalloc(sizeof(int) * m);
    return 0;
}

void occ_free(occ_calc *o)
{
    free(o->w_k);
    free(o->fixed_f);
    free(o->ws_eps);
    free(o->ws_w);
    free(o->ws_idx);
    memset(o, 0, sizeof *o);
}

void occ_reset(occ_calc *o) { o->nfermi = 0; }

/* ---- smearing functions (gpaw/occupations.py: fermi_dirac, marzari_vanderbilt,
 * methfessel_paxton); d = (eps - mu) / w, returns f, df/deps and -TS_n. */

static double hermite(int n, double x)   /* physicists' H_n: H_n = 2x H_{n-1} - 2(n-1) H_{n-2} */
{
    double h0 = 1.0, h1 = 2.0 * x;
    if (n == 0) return h0;
    for (int i = 2; i <= n; i++) {
        double h2 = 2.0 * x * h1 - 2.0 * (i - 1) * h0;
        h0 = h1;
        h1 = h2;
    }
    return h1;
}

static double mp_coefficient(int n)      /* A_n = (-1)^n / (n! 4^n sqrt(pi)) */
{
    double a = 1.0 / sqrt(M_PI);
    for (int i = 1; i <= n; i++) a *= -1.0 / (4.0 * i);
    return a;
}

static void smear(const occ_params *p, double eps, double mu, double *f, double *dfde,
                  double *ets)
{
    double w = p->width, x = (eps - mu) / w;
    switch (p->method) {
    case OCC_FERMI_DIRAC: {
        x = fmin(fmax(x, -100.0), 100.0);
        double y = exp(x), z = y + 1.0;
        *f = 1.0 / z;
        *dfde = (*f - *f * *f) / w;
        *ets = (y * x / z - log(z)) * w;
        break;
    }
    case OCC_MARZARI_VANDERBILT: {
        double ex = exp(-(x + M_SQRT1_2) * (x + M_SQRT1_2));
        *f = ex / sqrt(2.0 * M_PI) + 0.5 * (1.0 - erf(M_SQRT1_2 + x));
        *dfde = ex * (2.0 + M_SQRT2 * x) / sqrt(M_PI) / w;
        *ets = -ex * (1.0 + M_SQRT2 * x) / (2.0 * sqrt(M_PI)) * w;
        break;
    }
    default: {                                /* Methfessel-Paxton */
        double g = exp(-x * x);
        *f = 0.5 * (1.0 - erf(x));
        double d = g / sqrt(M_PI);
        for (int i = 1; i <= p->order; i++) {
            *f += mp_coefficient(i) * hermite(2 * i - 1, x) * g;
            d += mp_coefficient(i) * hermite(2 * i, x) * g;
        }
        *dfde = d / w;
        *ets = -0.5 * mp_coefficient(p->order) * hermite(2 * p->order, x) * g * w;
        break;
    }
    }
}

/* One set of spins sharing a Fermi level: spin s0 .. s0 + nsp - 1 at every k, visited
 * in GPAW's kpt_u order (k outer, spin inner), with weights w_k (every spin of k has
 * the full weight: GPAW passes kpt.weightk per (s, k)). */
typedef struct {
    occ_calc *o;
    const double *eps;
    double *f;
    int s0, nsp;
    double nel;          /* electrons for this channel, per degeneracy */
} channel;

/* Offset of (s, k, band 0) in the eps and f arrays. */
static int offset(const channel *c, int s, int k)
{
    return (s * c->o->nkpts + k) * c->o->nbands;
}

/* Electron count minus target, its derivative and -TS at mu; writes f
 * (SmoothDistribution._calculate, func). */
static void count(const channel *c, double mu, double *df, double *dfdmu, double *ets)
{
    double sf = 0.0, sd = 0.0, se = 0.0;
    int nb = c->o->nbands;
    for (int k = 0; k < c->o->nkpts; k++)
    for (int s = c->s0; s < c->s0 + c->nsp; s++) {
        int base = offset(c, s, k);
        double af = 0.0, ad = 0.0, ae = 0.0;
        for (int n = 0; n < nb; n++) {
            double fn, dn, en;
            smear(&c->o->p, c->eps[base + n], mu, &fn, &dn, &en);
            c->f[base + n] = fn;
            af += fn;
            ad += dn;
            ae += en;
        }
        double w = c->o->w_k[k];
        sf += w * af;
        sd += w * ad;
        se += w * ae;
    }
    *df = sf - c->nel;
    *dfdmu = sd;
    *ets = se;
}

/* Sort key: energy, ties by position (a stable order, as numpy's argsort gives for
 * the short arrays it sorts by insertion). */
static int before(const double *eps, int a, int b)
{
    return eps[a] < eps[b] || (eps[a] == eps[b] && a < b);
}

static void heap_sift(const double *eps, int *idx, int root, int n)
{
    for (;;) {
        int child = 2 * root + 1;
        if (child >= n) return;
        if (child + 1 < n && before(eps, idx[child], idx[child + 1])) child++;
        if (!before(eps, idx[root], idx[child])) return;
        int t = idx[root]; idx[root] = idx[child]; idx[child] = t;
        root = child;
    }
}

static void sort_indices(const double *eps, int *idx, int n)
{
    for (int i = n / 2 - 1; i >= 0; i--) heap_sift(eps, idx, i, n);
    for (int i = n - 1; i > 0; i--) {
        int t = idx[0]; idx[0] = idx[i]; idx[i] = t;
        heap_sift(eps, idx, 0, i);
    }
}

/* GPAW's ZeroWidth._calculate: fill levels in order of energy with integer k weights
 * (w_k N, N = round(1 / min w_k)) when they are integers to 1e-10, so that round-off
 * cannot leave a sliver of charge; the level reached last takes the remainder.
 * Returns the Fermi level: that level's energy, or the midpoint of the gap when the
 * filling ends exactly at a level, or +inf when every band is full. */
static int zero_width(const channel *c, double *mu, err *e)
{
    occ_calc *o = c->o;
    int m = 0, nb = o->nbands;
    double wmin = INFINITY;
    for (int k = 0; k < o->nkpts; k++) wmin = fmin(wmin, o->w_k[k]);
    double N = round(1.0 / wmin);
    int integer = 1;
    for (int k = 0; k < o->nkpts; k++)
        if (fabs(round(o->w_k[k] * N) - N * o->w_k[k]) > 1e-10) integer = 0;
    if (!integer) N = 1.0;
    for (int k = 0; k < o->nkpts; k++)
    for (int s = c->s0; s < c->s0 + c->nsp; s++)
        for (int n = 0; n < nb; n++) {     /* m runs over (k, s, n): GPAW's kpt_u order */
            int base = offset(c, s, k);
            o->ws_eps[m] = c->eps[base + n];
            o->ws_w[m] = integer ? round(o->w_k[k] * N) : o->w_k[k];
            o->ws_idx[m] = m;
            c->f[base + n] = 0.0;
            m++;
        }
    sort_indices(o->ws_eps, o->ws_idx, m);
    double target = c->nel * N, sum = 0.0;
    int i = 0;
    while (i < m && sum + o->ws_w[o->ws_idx[i]] <= target) {
        sum += o->ws_w[o->ws_idx[i]];
        i++;
    }
    if (i == m && target - sum > 1e-9 * N) {
        double g = o->nspins == 1 ? 2.0 : 1.0;
        return err_set(e, EXIT_RUN_FAILED, "%d bands are too few: %.10g electrons to "
                       "place, room for %.10g", nb, c->nel * g, sum / N * g);
    }
    for (int j = 0; j <= i && j < m; j++) {
        int q = o->ws_idx[j];
        int n = q % nb, ks = q / nb, k = ks / c->nsp, s = c->s0 + ks % c->nsp;
        double *fn = c->f + offset(c, s, k) + n;
        if (j < i) *fn = 1.0;
        else {
            double extra = target - sum;
            if (extra > 0.0) {
                *fn = extra / o->ws_w[q];
                *mu = o->ws_eps[q];
                return 0;
            }
            /* ends exactly at a level: midpoint (GPAW uses eig[m_i[i - 1]], which for
             * an empty channel, i = 0, is Python's eig[m_i[-1]], the highest level) */
            int prev = o->ws_idx[i > 0 ? i - 1 : m - 1];
            *mu = 0.5 * (o->ws_eps[q] + o->ws_eps[prev]);
            return 0;
        }
    }
    *mu = INFINITY;
    return 0;
}

/* GPAW's findroot: up to 10 Newton steps, then bracketing and bisection to
 * |N(mu) - N| < 1e-10. GPAW works in eV: its step limit 0.3 eV, first bracket step
 * 0.01 eV and derivative floor 1e-18 / eV are converted here. */
static int find_fermi(const channel *c, double x, double *mu, double *ets, err *e)
{
    const double tol = 1e-10, maxstep = 0.3 / HARTREE_EV, step0 = 0.01 / HARTREE_EV;
    double xmin = -INFINITY, xmax = INFINITY, f, dfdx;
    for (int niter = 0;; niter++) {
        count(c, x, &f, &dfdx, ets);
        if (fabs(f) < tol) return *mu = x, 0;
        if (f < 0.0 && x > xmin) xmin = x;
        else if (f > 0.0 && x < xmax) xmax = x;
        double dx = -f / fmax(dfdx, 1e-18 * HARTREE_EV);
        if (niter == 10 || fabs(dx) > maxstep || !(xmin < x + dx && x + dx < xmax)) break;
        x += dx;
    }
    double d, dd;
    if (!isfinite(xmin)) {
        double fmin = f, step = step0;
        xmin = x;
        for (int i = 0; fmin > tol; i++) {
            if (i == 200) return err_set(e, EXIT_INTERNAL, "Fermi level: no lower bracket");
            xmin -= step;
            count(c, xmin, &fmin, &d, &dd);
            step *= 2.0;
        }
    }
    if (!isfinite(xmax)) {
        double fmax = f, step = step0;
        xmax = x;
        for (int i = 0; fmax < 0.0; i++) {
            if (i == 200) return err_set(e, EXIT_INTERNAL, "Fermi level: no upper bracket");
            xmax += step;
            count(c, xmax, &fmax, &d, &dd);
            step *= 2.0;
        }
    }
    for (int niter = 0; niter < 1000; niter++) {
        x = 0.5 * (xmin + xmax);
        count(c, x, &f, &d, ets);
        if (fabs(f) < tol) return *mu = x, 0;
        if (f > 0.0) xmax = x;
        else xmin = x;
    }
    return err_set(e, EXIT_INTERNAL, "Fermi level: bisection did not converge "
                   "(%.17g .. %.17g hartree)", xmin, xmax);
}

/* SmoothDistribution._calculate: the zero-width level is the first guess when there
 * is no previous one; width 0 or every band full ends there. */
static int solve_channel(const channel *c, double guess, double *mu, double *ets, err *e)
{
    *ets = 0.0;
    if (!isfinite(guess) || c->o->p.width == 0.0 || c->o->p.method == OCC_ZERO_WIDTH) {
        if (zero_width(c, &guess, e)) return -1;
        if (c->o->p.width == 0.0 || c->o->p.method == OCC_ZERO_WIDTH || isinf(guess))
            return *mu = guess, 0;
    }
    return find_fermi(c, guess, mu, ets, e);
}

static void fill_fixed(const occ_calc *o, double *f)
{
    for (int s = 0; s < o->nspins; s++)
        for (int k = 0; k < o->nkpts; k++)
            memcpy(f + (s * o->nkpts + k) * o->nbands, o->fixed_f + s * o->nbands,
                   sizeof(double) * o->nbands);
}

static void sums(const occ_calc *o, const double *eps, const double *f, occ_result *r)
{
    double g = o->nspins == 1 ? 2.0 : 1.0, eb = 0.0, ne = 0.0, mm = 0.0;
    for (int s = 0; s < o->nspins; s++)
        for (int k = 0; k < o->nkpts; k++)
            for (int n = 0; n < o->nbands; n++) {
                int i = (s * o->nkpts + k) * o->nbands + n;
                double fw = f[i] * o->w_k[k] * g;
                eb += fw * eps[i];
                ne += fw;
                mm += s == 0 ? fw : -fw;
            }
    r->e_band = eb;
    r->nelectrons = ne;
    r->magmom = o->nspins == 2 ? mm : 0.0;
}

int occ_calculate(occ_calc *o, double nelectrons, const double *eps, double *f,
                  occ_result *r, err *e)
{
    long m = (long)o->nspins * o->nkpts * o->nbands;
    for (long i = 0; i < m; i++)
        if (!isfinite(eps[i]))
            return err_set(e, EXIT_RUN_FAILED, "occupations: eigenvalue %ld (spin %ld, "
                           "k-point %ld, band %ld) is %g", i, i / o->nbands / o->nkpts,
                           i / o->nbands % o->nkpts, i % o->nbands, eps[i]);
    if (!(nelectrons >= 0.0) || !isfinite(nelectrons))
        return err_set(e, EXIT_BAD_INPUT, "occupations: %g electrons", nelectrons);
    memset(r, 0, sizeof *r);
    double g = o->nspins == 1 ? 2.0 : 1.0;
    if (o->p.method == OCC_FIXED) {
        fill_fixed(o, f);
        r->nfermi = 1;
        r->fermi[0] = INFINITY;
    } else if (o->p.fixmagmom) {
        /* FixMagneticMomentOccupationNumberCalculator: each spin on its own */
        double M = o->p.magmom;
        if (nelectrons + M < 0.0 || nelectrons - M < 0.0)
            return err_set(e, EXIT_BAD_INPUT, "fixed magnetic moment %g with %g electrons: "
                           "a spin channel would hold fewer than 0", M, nelectrons);
        for (int s = 0; s < 2; s++) {
            channel c = {o, eps, f, s, 1, 0.5 * (nelectrons + (s == 0 ? M : -M))};
            double ets, guess = o->nfermi == 2 ? o->fermi[s] : NAN;
            if (solve_channel(&c, guess, &r->fermi[s], &ets, e))
                return err_wrap(e, "spin %s", s == 0 ? "up" : "down");
            r->e_entropy += ets;
        }
        r->nfermi = 2;
    } else {
        channel c = {o, eps, f, 0, o->nspins, nelectrons / g};
        double guess = o->nfermi == 1 ? o->fermi[0] : NAN;
        if (solve_channel(&c, guess, &r->fermi[0], &r->e_entropy, e)) return -1;
        r->nfermi = 1;
        r->e_entropy *= g;
    }
    sums(o, eps, f, r);
    r->extrapolation = occ_extrapolate_factor(&o->p) * r->e_entropy;
    o->nfermi = r->nfermi;
    o->fermi[0] = r->fermi[0];
    o->fermi[1] = r->fermi[1];
    return 0;
}
