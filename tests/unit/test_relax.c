/* Geometry optimisation (src/relax) on surfaces whose answers are known without pawsorb:
 *   - ASE 3.22's BFGS and FIRE on a Lennard-Jones LJ7 cluster with atom 0 fixed
 *     (tests/reference/relax_ase_lj.py): the same energies step by step, the same number of
 *     steps and the same final positions, i.e. the same algorithms;
 *   - every method reaches the LJ7 global minimum, -16.505384 eps (Cambridge Cluster
 *     Database, Wales & Doye 1997), from that start;
 *   - a harmonic bowl with a known minimum: all methods find it; CG (exact cubic line
 *     search on a quadratic) needs at most 2n + 3 evaluations for n free coordinates;
 *   - a Morse dimer: the bond length r_e;
 *   - Grimme D2 (src/dispersion) plus a Born-Mayer repulsion: an Ar2 "molecule" over a
 *     fixed periodic Ar layer (pbc T T F): fixed atoms bit for bit where they were;
 *   - max_steps reached: not converged, every step reported; a failing callback stops
 *     the run with its message;
 *   - checkpoint and resume: every method stopped after step K (each K up to 40) and
 *     continued from its saved state gives the uninterrupted run's energies and final
 *     positions bit for bit; a state of another method or size is refused. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/units.h"
#include "dispersion/d2.h"
#include "relax/relax.h"
#include "tap.h"

static const double lj_start_ang[21] = {
    -2.118458553130214e-01, 1.399593961200573e-01, 1.267453701852702e+00,
    1.117325889154706e-01, 2.389947559983013e-01, -1.279001150927038e+00,
    2.101171379055450e+00, -2.139744333201192e-01, -1.157805099490644e-01,
    6.490657934789084e-01, 2.087414917831502e+00, 1.518695180521877e-01,
    -1.758959550104600e+00, 1.017676426593263e+00, -1.059272003460032e-01,
    -1.494633352819062e+00, -1.378015576350352e+00, -2.393801909115845e-02,
    8.647275529106389e-01, -2.235350305995858e+00, 5.027445873206127e-02};
/* bfgs: 46 energy evaluations to fmax 1e-3 eV/A */
static const int lj_bfgs_steps = 46;
static const double lj_bfgs_energy_ev[12] = {
    -4.205842810981633e+00, -4.309995559491133e+00, -4.471600818664284e+00,
    -4.521005106074132e+00, -4.561206575740801e+00, -4.600783029720697e+00,
    -4.648872084049603e+00, -4.712083295402270e+00, -4.790797611143147e+00,
    -4.813267747968148e+00, -4.857135599490611e+00, -4.901493419453333e+00};
static const double lj_bfgs_final_ev = -4.951614920527207e+00;
static const double lj_bfgs_final_ang[21] = {
    -2.118458553130214e-01, 1.399593961200573e-01, 1.267453701852702e+00,
    6.090528312760595e-02, -3.200644223791161e-03, -1.238729044235404e+00,
    2.014745764070127e+00, 1.534620558169362e-01, 2.368356711021541e-01,
    5.022817294805496e-01, 2.090525607872445e+00, -3.835746987515597e-02,
    -1.808443908807818e+00, 1.233328132689807e+00, -2.405763824940959e-01,
    -1.724120526946324e+00, -1.233747748750175e+00, -9.056237908051173e-02,
    6.388560944674905e-01, -1.901079559063970e+00, 2.044026859367153e-01};
/* fire: 85 energy evaluations to fmax 1e-3 eV/A */
static const int lj_fire_steps = 85;
static const double lj_fire_energy_ev[12] = {
    -4.205842810981633e+00, -4.282262985909255e+00, -4.382683680357326e+00,
    -4.462137342244137e+00, -4.512498356310590e+00, -4.547811799315554e+00,
    -4.582343548476090e+00, -4.622350874817585e+00, -4.673199828942934e+00,
    -4.733485811297273e+00, -4.795428486449700e+00, -4.840709700614886e+00};
static const double lj_fire_final_ev = -4.951614962109598e+00;
static const double lj_fire_final_ang[21] = {
    -2.118458553130214e-01, 1.399593961200573e-01, 1.267453701852702e+00,
    6.064773523331665e-02, -3.052875295940443e-03, -1.239034957079034e+00,
    2.014371104177604e+00, 1.542803135036886e-01, 2.363684812855150e-01,
    5.010729775000706e-01, 2.090701172349815e+00, -3.858047577127580e-02,
    -1.809231166099412e+00, 1.232404430387996e+00, -2.406918235855040e-01,
    -1.723719447890252e+00, -1.234491010554411e+00, -9.052941751504814e-02,
    6.392822478735570e-01, -1.900796964203575e+00, 2.043486539923599e-01};

/* ---- Lennard-Jones, as the reference script (atomic units) ---- */

typedef struct {
    double eps, sig;
    int calls;
} lj_model;

static int lj_energy(void *ctx, int n, const double (*R)[3], double *E, double (*F)[3], err *e)
{
    (void)e;
    lj_model *m = ctx;
    m->calls++;
    *E = 0.0;
    memset(F, 0, (size_t)n * sizeof *F);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double d[3] = {R[j][0] - R[i][0], R[j][1] - R[i][1], R[j][2] - R[i][2]};
            double r2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2], s6 = pow(m->sig * m->sig / r2, 3);
            *E += 4 * m->eps * (s6 * s6 - s6);
            double g = 4 * m->eps * (-12 * s6 * s6 + 6 * s6) / r2;
            for (int c = 0; c < 3; c++) F[i][c] += g * d[c], F[j][c] -= g * d[c];
        }
    return 0;
}

typedef struct {
    int n;
    double E[2000];
} recorder;

static int record(void *ctx, const relax_step *st, err *e)
{
    (void)e;
    recorder *r = ctx;
    if (st->step != r->n) return err_set(e, EXIT_INTERNAL, "step %d reported as %d", r->n, st->step);
    if (r->n < 2000) r->E[r->n] = st->energy;
    r->n++;
    return 0;
}

static void lj_start(double (*pos)[3])
{
    for (int a = 0; a < 7; a++)
        for (int c = 0; c < 3; c++) pos[a][c] = lj_start_ang[3 * a + c] / BOHR_ANG;
}

static void test_lj_vs_ase(relax_kind k, int steps, const double *E_ev, double final_ev, const double *final_ang)
{
    lj_model m = {0.3 / HARTREE_EV, 2.2 / BOHR_ANG, 0};
    unsigned char fixed[7] = {1, 0, 0, 0, 0, 0, 0};
    double pos[7][3], p0[3];
    lj_start(pos);
    memcpy(p0, pos[0], sizeof p0);
    relax_params p;
    relax_params_default(&p);
    p.method = k;
    p.fmax = 1e-3 / HA_PER_BOHR_TO_EV_PER_ANG;
    p.max_steps = 1000;
    static recorder r;
    memset(&r, 0, sizeof r);
    relax_result res;
    err e = {0};
    int rc = relax_run(&p, 7, fixed, pos, lj_energy, &m, record, &r, &res, &e);
    const char *name = relax_method_name(k);
    ok(rc == 0 && res.converged, "%s LJ7: converged (%d steps, ASE %d)", name, res.steps, steps);
    ok(res.steps == steps && r.n == steps && m.calls == steps, "%s LJ7: %d energy evaluations as ASE (%d)", name,
       res.steps, steps);
    double dmax = 0.0;
    for (int s = 0; s < 12 && s < r.n; s++) dmax = fmax(dmax, fabs(r.E[s] * HARTREE_EV - E_ev[s]));
    /* 1e-9 eV: the same arithmetic up to rounding (LAPACK's eigenvectors vs numpy's) */
    ok(dmax < 1e-9, "%s LJ7: first 12 energies as ASE's within %.1e eV", name, dmax);
    near(res.energy * HARTREE_EV, final_ev, 1e-9, "%s LJ7: final energy as ASE's", name);
    near(res.energy / m.eps, -16.505384, 2e-6, "%s LJ7: global minimum -16.505384 eps (CCD)", name);
    double dx = 0.0;
    for (int a = 0; a < 7; a++)
        for (int c = 0; c < 3; c++) dx = fmax(dx, fabs(pos[a][c] * BOHR_ANG - final_ang[3 * a + c]));
    ok(dx < 1e-6, "%s LJ7: final positions as ASE's within %.1e A", name, dx);
    ok(memcmp(p0, pos[0], sizeof p0) == 0, "%s LJ7: fixed atom 0 bit for bit in place", name);
}

static void test_lj_cg(void)
{
    lj_model m = {0.3 / HARTREE_EV, 2.2 / BOHR_ANG, 0};
    unsigned char fixed[7] = {1, 0, 0, 0, 0, 0, 0};
    double pos[7][3], p0[3];
    lj_start(pos);
    memcpy(p0, pos[0], sizeof p0);
    relax_params p;
    relax_params_default(&p);
    p.fmax = 1e-3 / HA_PER_BOHR_TO_EV_PER_ANG;
    p.max_steps = 1000;
    relax_result res;
    err e = {0};
    int rc = relax_run(&p, 7, fixed, pos, lj_energy, &m, NULL, NULL, &res, &e);
    ok(rc == 0 && res.converged, "cg LJ7: converged in %d steps (BFGS %d, FIRE %d)", res.steps, lj_bfgs_steps,
       lj_fire_steps);
    near(res.energy / m.eps, -16.505384, 2e-6, "cg LJ7: global minimum -16.505384 eps (CCD)");
    double dx = 0.0;
    for (int a = 0; a < 7; a++)
        for (int c = 0; c < 3; c++) dx = fmax(dx, fabs(pos[a][c] * BOHR_ANG - lj_bfgs_final_ang[3 * a + c]));
    ok(dx < 2e-3, "cg LJ7: the minimum ASE's BFGS found, within %.1e A", dx);
    ok(memcmp(p0, pos[0], sizeof p0) == 0, "cg LJ7: fixed atom 0 bit for bit in place");
}

/* ---- harmonic bowl E = 1/2 (x - x*)^T A (x - x*), A = B B^T + 0.2 (hartree/bohr^2) ---- */

static double bowl_A[9][9], bowl_min[9];

static void bowl_setup(void)
{
    double B[9][9];
    unsigned s = 12345;
    for (int i = 0; i < 9; i++)
        for (int j = 0; j < 9; j++) s = s * 1103515245u + 12345u, B[i][j] = ((s >> 8) % 1000) / 1000.0 - 0.5;
    for (int i = 0; i < 9; i++) {
        bowl_min[i] = 0.3 * i - 1.0;
        for (int j = 0; j < 9; j++) {
            double v = i == j ? 0.2 : 0.0;
            for (int k = 0; k < 9; k++) v += 0.3 * B[i][k] * B[j][k];
            bowl_A[i][j] = v;
        }
    }
}

static int bowl_energy(void *ctx, int n, const double (*R)[3], double *E, double (*F)[3], err *e)
{
    (void)ctx, (void)e, (void)n;
    const double *x = &R[0][0];
    double *f = &F[0][0];
    *E = 0.0;
    for (int i = 0; i < 9; i++) {
        f[i] = 0.0;
        for (int j = 0; j < 9; j++) f[i] -= bowl_A[i][j] * (x[j] - bowl_min[j]);
        *E -= 0.5 * f[i] * (x[i] - bowl_min[i]);
    }
    return 0;
}

static void test_bowl(relax_kind k)
{
    unsigned char fixed[3] = {0, 1, 0};
    double pos[3][3];
    for (int i = 0; i < 9; i++) (&pos[0][0])[i] = bowl_min[i] + (i % 3 == 1 ? 0.0 : 0.4 * cos(i));
    for (int c = 0; c < 3; c++) pos[1][c] = bowl_min[3 + c];   /* the fixed atom sits at its minimum */
    relax_params p;
    relax_params_default(&p);
    p.method = k;
    p.fmax = 1e-7;
    p.max_steps = 2000;
    relax_result res;
    err e = {0};
    int rc = relax_run(&p, 3, fixed, pos, bowl_energy, NULL, NULL, NULL, &res, &e);
    double dx = 0.0;
    for (int i = 0; i < 9; i++) dx = fmax(dx, fabs((&pos[0][0])[i] - bowl_min[i]));
    /* |x - x*| <= |A^-1| fmax sqrt(2) with the smallest eigenvalue >= 0.2 */
    ok(rc == 0 && res.converged && dx < 1e-6, "%s bowl: minimum found within %.1e bohr in %d steps",
       relax_method_name(k), dx, res.steps);
    if (k == RELAX_CG) ok(res.steps <= 2 * 6 + 3, "cg bowl: %d evaluations <= 2n + 3 = 15 (n = 6)", res.steps);
}

/* ---- Morse dimer E = De (1 - exp(-a (r - re)))^2 ---- */

static int morse_energy(void *ctx, int n, const double (*R)[3], double *E, double (*F)[3], err *e)
{
    (void)ctx, (void)e, (void)n;
    const double De = 0.17, al = 1.0, re = 1.4;
    double d[3] = {R[1][0] - R[0][0], R[1][1] - R[0][1], R[1][2] - R[0][2]};
    double r = sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]), x = exp(-al * (r - re));
    *E = De * (1 - x) * (1 - x);
    double dEdr = 2 * De * (1 - x) * al * x;
    for (int c = 0; c < 3; c++) F[0][c] = dEdr * d[c] / r, F[1][c] = -F[0][c];
    return 0;
}

static void test_morse(relax_kind k)
{
    double pos[2][3] = {{0.1, 0.2, -0.3}, {1.3, 1.0, 0.5}};
    relax_params p;
    relax_params_default(&p);
    p.method = k;
    p.fmax = 1e-6;
    relax_result res;
    err e = {0};
    int rc = relax_run(&p, 2, NULL, pos, morse_energy, NULL, NULL, NULL, &res, &e);
    double r = sqrt(pow(pos[1][0] - pos[0][0], 2) + pow(pos[1][1] - pos[0][1], 2) + pow(pos[1][2] - pos[0][2], 2));
    /* |r - re| <= fmax / (2 De a^2) = 3e-6 bohr */
    ok(rc == 0 && res.converged, "%s Morse: converged in %d steps", relax_method_name(k), res.steps);
    near(r, 1.4, 5e-6, "%s Morse: bond length r_e", relax_method_name(k));
}

/* ---- D2 + Born-Mayer: Ar2 over a fixed periodic Ar layer ---- */

typedef struct {
    d2_model d2;
    structure s;
} d2_ff;

/* E = E_D2 + sum_pairs A exp(-r/rho) (images along the periodic axes within 3 cells) */
static int d2_energy(void *ctx, int n, const double (*R)[3], double *E, double (*F)[3], err *e)
{
    d2_ff *ff = ctx;
    memcpy(ff->s.pos, R, (size_t)n * sizeof *R);
    if (d2_energy_forces(&ff->d2, &ff->s, E, F, NULL, e)) return -1;
    const double A = 1000.0 / HARTREE_EV, rho = 0.3 / BOHR_ANG;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++)
            for (int l0 = -3; l0 <= 3; l0++)
                for (int l1 = -3; l1 <= 3; l1++) {
                    if (i == j && !l0 && !l1) continue;
                    double d[3], r = 0.0;
                    for (int c = 0; c < 3; c++)
                        d[c] = R[j][c] + l0 * ff->s.cell[0][c] + l1 * ff->s.cell[1][c] - R[i][c], r += d[c] * d[c];
                    r = sqrt(r);
                    double v = A * exp(-r / rho);
                    *E += 0.5 * v;            /* each pair seen twice */
                    for (int c = 0; c < 3; c++) F[i][c] -= v / rho * d[c] / r;   /* -dE/dR_i */
                }
    return 0;
}

static void test_d2_slab(relax_kind k)
{
    d2_ff ff;
    d2_table t;
    err e = {0};
    structure_alloc(&ff.s, 10);
    double a = 3.8 / BOHR_ANG;
    ff.s.cell[0][0] = ff.s.cell[1][1] = 2 * a, ff.s.cell[2][2] = 20 / BOHR_ANG;
    ff.s.pbc[0] = ff.s.pbc[1] = 1;
    for (int i = 0; i < 10; i++) ff.s.numbers[i] = 18;
    /* two fixed layers of 2 x 2 (the lower one shifted), then the Ar2 "molecule" */
    for (int l = 0; l < 2; l++)
        for (int i = 0; i < 4; i++) {
            int at = 4 * l + i;
            ff.s.pos[at][0] = (i % 2 + 0.5 * l) * a, ff.s.pos[at][1] = (i / 2 + 0.5 * l) * a;
            ff.s.pos[at][2] = (5.0 - 2.7 * l) / BOHR_ANG;
            ff.s.fixed[at] = 1;
        }
    double mol[2][3] = {{0.3, 0.2, 8.6}, {3.9, 0.6, 8.9}};
    for (int i = 0; i < 2; i++)
        for (int c = 0; c < 3; c++) ff.s.pos[8 + i][c] = mol[i][c] / BOHR_ANG;
    if (d2_table_load(&t, &e) || d2_init(&ff.d2, &t, ff.s.numbers, 10, "PBE", NULL, &e)) {
        ok(0, "D2 table: %s", e.msg);
        structure_free(&ff.s);
        return;
    }
    double(*pos)[3] = calloc(10, sizeof *pos), (*p0)[3] = calloc(10, sizeof *p0);
    memcpy(pos, ff.s.pos, 10 * sizeof *pos);
    memcpy(p0, pos, 10 * sizeof *pos);
    double E0, F0[10][3];
    d2_energy(&ff, 10, (const double(*)[3])pos, &E0, F0, &e);
    relax_params p;
    relax_params_default(&p);
    p.method = k;
    p.fmax = 0.005 / HA_PER_BOHR_TO_EV_PER_ANG;
    relax_result res;
    int rc = relax_run(&p, 10, ff.s.fixed, pos, d2_energy, &ff, NULL, NULL, &res, &e);
    ok(rc == 0 && res.converged && res.energy < E0, "%s D2 slab: converged in %d steps, %.4f -> %.4f eV",
       relax_method_name(k), res.steps, E0 * HARTREE_EV, res.energy * HARTREE_EV);
    ok(memcmp(pos, p0, 8 * sizeof *pos) == 0, "%s D2 slab: the 8 fixed atoms bit for bit in place",
       relax_method_name(k));
    double moved = 0.0;
    for (int c = 0; c < 3; c++) moved += fabs(pos[9][c] - p0[9][c]);
    ok(moved > 0.05, "%s D2 slab: the free atoms moved (%.3f bohr)", relax_method_name(k), moved);
    free(pos), free(p0);
    structure_free(&ff.s);
}

/* ---- limits and errors ---- */

static int failing_energy(void *ctx, int n, const double (*R)[3], double *E, double (*F)[3], err *e)
{
    int *calls = ctx;
    if (++*calls == 3) return err_set(e, EXIT_RUN_FAILED, "scf exploded at step 3");
    return morse_energy(NULL, n, R, E, F, e);
}

static void test_limits(void)
{
    lj_model m = {0.3 / HARTREE_EV, 2.2 / BOHR_ANG, 0};
    double pos[7][3];
    lj_start(pos);
    relax_params p;
    relax_params_default(&p);
    p.method = RELAX_FIRE;
    p.fmax = 1e-3 / HA_PER_BOHR_TO_EV_PER_ANG;
    p.max_steps = 10;
    static recorder r;
    memset(&r, 0, sizeof r);
    relax_result res;
    err e = {0};
    int rc = relax_run(&p, 7, NULL, pos, lj_energy, &m, record, &r, &res, &e);
    ok(rc == 0 && !res.converged && res.steps == 10 && r.n == 10 && m.calls == 10,
       "max_steps 10: not converged, 10 steps reported");
    int calls = 0;
    double d[2][3] = {{0, 0, 0}, {2, 0, 0}};
    rc = relax_run(&p, 2, NULL, d, failing_energy, &calls, NULL, NULL, &res, &e);
    ok(rc == -1 && res.steps == 2 && strstr(e.msg, "step 3"), "a failing energy stops the run: %s", e.msg);
    unsigned char all[2] = {1, 1};
    rc = relax_run(&p, 2, all, d, morse_energy, NULL, NULL, NULL, &res, &e);
    ok(rc == 0 && res.converged && res.steps == 1 && res.fmax == 0.0, "all atoms fixed: converged at once");
}

/* ---- checkpoint and resume: a run stopped after step K and resumed from the saved
 * optimiser state and next point takes the uninterrupted run's path, bit for bit ---- */

typedef struct {
    int stop_at;                 /* stop after this many steps */
    relax_resume saved;
    double next[7][3];
} stopper;

static int stop_after(void *ctx, int steps, int natoms, const double (*next)[3], const relax_state *opt, err *e)
{
    stopper *s = ctx;
    if (steps != s->stop_at) return 0;
    relax_state_free(&s->saved.opt);
    s->saved.steps = steps;
    s->saved.opt.method = opt->method;
    for (int i = 0; i < opt->nfields; i++) relax_state_put(&s->saved.opt, opt->f[i].name, opt->f[i].n, opt->f[i].v);
    memcpy(s->next, next, (size_t)natoms * sizeof *next);
    return err_set(e, EXIT_STOPPED, "stopped after step %d", steps);
}

static void test_resume(relax_kind k)
{
    const char *name = relax_method_name(k);
    lj_model m = {0.3 / HARTREE_EV, 2.2 / BOHR_ANG, 0};
    unsigned char fixed[7] = {1, 0, 0, 0, 0, 0, 0};
    relax_params p;
    relax_params_default(&p);
    p.method = k;
    p.fmax = 1e-3 / HA_PER_BOHR_TO_EV_PER_ANG;
    p.max_steps = 1000;
    static recorder full, part;
    memset(&full, 0, sizeof full);
    double ref[7][3], pos[7][3];
    lj_start(ref);
    relax_result rfull, res;
    err e = {0};
    relax_run(&p, 7, fixed, ref, lj_energy, &m, record, &full, &rfull, &e);
    int bad = 0, fields = 0, tried = 0;
    for (int K = 1; K < rfull.steps && K <= 40; K++, tried++) {
        stopper st = {.stop_at = K};
        memset(&part, 0, sizeof part);
        lj_start(pos);
        relax_hooks h = {.observe = record, .octx = &part, .checkpoint = stop_after, .cctx = &st};
        int rc = relax_run_hooks(&p, 7, fixed, pos, lj_energy, &m, &h, &res, &e);
        if (rc != -1 || e.status != EXIT_STOPPED || res.steps != K) bad++;
        fields = st.saved.opt.nfields;
        /* a fresh run from the saved state continues the recording */
        relax_hooks h2 = {.observe = record, .octx = &part, .resume = &st.saved};
        rc = relax_run_hooks(&p, 7, fixed, st.next, lj_energy, &m, &h2, &res, &e);
        if (rc || res.steps != rfull.steps || res.converged != rfull.converged || part.n != full.n ||
            memcmp(part.E, full.E, (size_t)full.n * sizeof *full.E) || memcmp(st.next, ref, sizeof ref) ||
            res.energy != rfull.energy)
            bad++;
        relax_state_free(&st.saved.opt);
    }
    ok(bad == 0 && tried > 5, "%s LJ7 stopped after each of steps 1..%d and resumed: the uninterrupted path "
       "(%d steps, energies and final positions bit for bit; %d state fields)", name, tried, rfull.steps, fields);
    relax_resume wrong = {.steps = 1, .opt = {.method = k == RELAX_CG ? RELAX_BFGS : RELAX_CG}};
    lj_start(pos);
    relax_hooks h3 = {.resume = &wrong};
    int rc = relax_run_hooks(&p, 7, fixed, pos, lj_energy, &m, &h3, &res, &e);
    ok(rc == -1 && e.status == EXIT_BAD_INPUT, "%s: another method's state is refused: %s", name, e.msg);
    relax_state sized = {.method = k};
    double junk[3] = {0, 0, 0};
    relax_state_put(&sized, "x0", 3, junk);
    relax_resume small = {.steps = 1, .opt = sized};
    relax_hooks h4 = {.resume = &small};
    rc = relax_run_hooks(&p, 7, fixed, pos, lj_energy, &m, &h4, &res, &e);
    ok(rc == -1 && e.status == EXIT_BAD_INPUT && strstr(e.msg, "optimizer state"),
       "%s: a state of the wrong size or without a field is refused: %s", name, e.msg);
    relax_state_free(&sized);
}

int main(void)
{
    for (int k = 0; k < 3; k++) test_resume((relax_kind)k);
    test_lj_vs_ase(RELAX_BFGS, lj_bfgs_steps, lj_bfgs_energy_ev, lj_bfgs_final_ev, lj_bfgs_final_ang);
    test_lj_vs_ase(RELAX_FIRE, lj_fire_steps, lj_fire_energy_ev, lj_fire_final_ev, lj_fire_final_ang);
    test_lj_cg();
    bowl_setup();
    for (int k = 0; k < 3; k++) test_bowl((relax_kind)k);
    for (int k = 0; k < 3; k++) test_morse((relax_kind)k);
    for (int k = 0; k < 3; k++) test_d2_slab((relax_kind)k);
    test_limits();
    return tap_done();
}
