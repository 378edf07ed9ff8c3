/* Radial grids of PAW datasets and the few operations the one-centre terms need:
 * integration, the radial Poisson (Hartree) solution per angular momentum l, and the
 * index of a radius. Every grid is r(g), g = 0..n-1, with r(0) = 0, and its Jacobian
 * dr/dg; integrals are plain sums over g (GPAW's convention: the setups were generated
 * on these grids with the same quadrature, so sums reproduce GPAW to rounding).
 *
 * The grid equations are those GPAW accepts (gpaw/atom/radialgd.py):
 *   "r=a*i/(n-i)"       PAW-XML default: r = beta g / (N - g), stored as
 *                       a = beta/N, b = 1/N of the next form
 *   "r=a*i/(1-b*i)"     r = a g / (1 - b g),   dr/dg = (b r + a)^2 / a
 *   "r=a*(exp(d*i)-1)"  r = a (e^{d g} - 1),   dr/dg = (r + a) d     (n = iend + 1)
 *   "r=d*i"             r = d g,               dr/dg = d             (n = iend + 1)
 */
#ifndef PAWSORB_RADIAL_H
#define PAWSORB_RADIAL_H

typedef enum {
    RADIAL_RATIONAL,   /* r = a g / (1 - b g) (covers "r=a*i/(n-i)") */
    RADIAL_EXP,        /* r = a (exp(d g) - 1) */
    RADIAL_LINEAR      /* r = d g */
} radial_kind;

typedef struct {
    radial_kind kind;
    double a, b, d;    /* parameters of the equation (unused ones are 0) */
    int n;             /* number of points */
    double *r;         /* r(g), bohr; owned */
    double *dr;        /* dr/dg, bohr; owned */
} radial_grid;

/* Fill g (allocating r and dr) for each equation. n >= 2. */
void radial_init_rational(radial_grid *g, double a, double b, int n);
void radial_init_exp(radial_grid *g, double a, double d, int n);
void radial_init_linear(radial_grid *g, double d, int n);
/* A copy of the first n points (GPAW's rgd.new(n)): the one-centre grid. */
void radial_init_prefix(radial_grid *out, const radial_grid *g, int n);
void radial_free(radial_grid *g);

/* Continuous grid index of radius r, with GPAW's floating-point expression
 * (r2g in radialgd.py) so that radial_ceil(r) gives the same integer. */
double radial_r2g(const radial_grid *g, double r);
int radial_ceil(const radial_grid *g, double r);
int radial_round(const radial_grid *g, double r);

/* sum_{g=1}^{npts-1} f(g) r(g)^(2+k) dr(g): the radial integral int f r^(2+k) dr.
 * (GPAW's rgd.integrate(f, k) is 4 pi times this.) npts <= g->n. */
double radial_moment(const radial_grid *g, const double *f, int k, int npts);

/* Radial Hartree problem for the l-th multipole of a density n_l(r) given on the first
 * npts points:
 *   r v_l(r) = 4 pi/(2l+1) [ r^-l int_0^r n r'^(l+2) dr' + r^(l+1) int_r^inf n r'^(1-l) dr' ]
 * with trapezoid-like midpoint sums as GPAW's C hartree() (weights n r dr/dg per point,
 * half the current point). Writes vr[g] = r v_l(r) for g < npts, vr[0] = 0. */
void radial_poisson(const radial_grid *g, const double *n, int l, int npts, double *vr);

#endif
