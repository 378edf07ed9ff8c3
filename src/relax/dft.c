/* The DFT energy surface of a relaxation with the SCF restarted between ionic steps
 * (relax/dft.h). */
#include "relax/dft.h"

#include "core/log.h"
#include "core/mem.h"
#include "core/timer.h"
#include "core/units.h"
#include "scf/initial.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The atomic orbitals of every atom on every k-point's basis (as initial.c builds them
 * for the initial guess) and the coefficient workspaces. */
static int mover_init(relax_dft *r, err *e)
{
    calculation *c = r->c;
    const species_set *ss = &c->ss;
    pwlfc_atom *at = xcalloc(ss->natoms + 1, sizeof *at);
    r->nao = 0;
    for (int a = 0; a < ss->natoms; a++) {
        const species *sp = species_of(ss, a);
        at[a] = (pwlfc_atom){sp->norb_j, sp->phit_j};
        r->nao += sp->nao;
    }
    int rc = pwlfc_funcs_init(&r->orb_fn, ss->natoms, at, e);
    free(at);
    if (rc) return -1;
    wavefunctions *w = &c->wfs;
    r->orb_k = xcalloc(w->nk + 1, sizeof *r->orb_k);
    for (int k = 0; k < w->nk; k++)   /* only this rank's k-points have a basis (k-point groups) */
        if (w->has_k[k] && pwlfc_init(&r->orb_k[k], &r->orb_fn, &w->pw_k[k], c->nbands, e)) return -1;
    size_t n = (size_t)c->nbands * r->nao + 1;
    r->c_r = xcalloc(n, sizeof *r->c_r);
    r->c_c = xcalloc(n, sizeof *r->c_c);
    return 0;
}

int relax_dft_init(relax_dft *r, calculation *c, forces *f, structure *s, const scf_params *p, int extrapolate,
                   err *e)
{
    memset(r, 0, sizeof *r);
    r->c = c, r->f = f, r->s = s, r->p = *p;
    r->extrapolate = extrapolate;
    r->cap = 16;
    r->scf_iterations = xcalloc(r->cap, sizeof *r->scf_iterations);
    r->total = xcalloc(r->cap, sizeof *r->total);
    r->free_energy = xcalloc(r->cap, sizeof *r->free_energy);
    r->spos_old = xcalloc(s->natoms + 1, sizeof *r->spos_old);
    size_t nn = (size_t)c->nspins * c->grids.nc, nd = (size_t)c->nspins * c->ss.np + 1;
    for (int h = 0; h < RELAX_NHIST; h++) {
        r->dn[h] = xcalloc(nn, sizeof *r->dn[h]);
        r->D[h] = xcalloc(nd, sizeof *r->D[h]);
        r->R[h] = xcalloc(s->natoms + 1, sizeof *r->R[h]);
    }
    return extrapolate ? mover_init(r, e) : 0;
}

void relax_dft_free(relax_dft *r)
{
    free(r->scf_iterations), free(r->total), free(r->free_energy), free(r->spos_old);
    if (r->orb_k)
        for (int k = 0; k < r->c->wfs.nk; k++) pwlfc_free(&r->orb_k[k]);
    free(r->orb_k), free(r->c_r), free(r->c_c);
    for (int h = 0; h < RELAX_NHIST; h++) free(r->dn[h]), free(r->D[h]), free(r->R[h]);
    pwlfc_funcs_free(&r->orb_fn);
    scf_history_free(&r->hist);
    memset(r, 0, sizeof *r);
}

double relax_dft_mean_later_iterations(const relax_dft *r)
{
    if (r->nsteps < 2) return 0.0;
    double s = 0.0;
    for (int i = 1; i < r->nsteps; i++) s += r->scf_iterations[i];
    return s / (r->nsteps - 1);
}

/* Coefficients of the orbitals for band n: the projections P_ni of the bound channels
 * (GPAW's P_ani[a][:, :ni_a] in PseudoPartialWaveWfsMover), times sign. */
static void mover_coefficients(relax_dft *r, const wfs_kpoint *q, double sign)
{
    const species_set *ss = &r->c->ss;
    for (int n = 0; n < r->c->wfs.nbl; n++) {   /* this rank's bands */
        const double complex *P = q->P + (size_t)n * ss->nI;
        for (int a = 0, o = 0; a < ss->natoms; a++) {
            const species *sp = species_of(ss, a);
            for (int k = 0; k < sp->norb_j; k++) {
                int j = sp->orb_j[k], l = sp->s.states[j].l, i0 = 0;
                for (int jj = 0; jj < j; jj++) i0 += 2 * sp->s.states[jj].l + 1;
                for (int m = 0; m < 2 * l + 1; m++, o++) {
                    double complex v = sign * P[ss->I_a[a] + i0 + m];
                    r->c_c[(size_t)n * r->nao + o] = v;
                    r->c_r[(size_t)n * r->nao + o] = creal(v);
                }
            }
        }
    }
}

/* Step 2 of dft.h: psi -= sum phit(R_old) P, psi += sum phit(R_new) P, every local block.
 * spos_old: the positions the P belong to; c->ss.spos the new ones. */
static int move_wavefunctions(relax_dft *r, err *e)
{
    wavefunctions *w = &r->c->wfs;
    for (int k = 0; k < w->nk; k++) {
        pwlfc *orb = &r->orb_k[k];
        for (int pass = 0; pass < 2; pass++) {
            const double(*spos)[3] = pass ? (const double(*)[3])r->c->ss.spos : (const double(*)[3])r->spos_old;
            int rc = 0, set = 0;
            for (int u = 0; u < w->nu && !rc; u++) {
                wfs_kpoint *q = &w->kpt_u[u];
                if (q->k != k) continue;
                if (!set && pwlfc_set_positions(orb, spos, e)) return -1;
                set = 1;
                mover_coefficients(r, q, pass ? 1.0 : -1.0);
                rc = w->pw_k[k].real ? pwlfc_add_real(orb, w->nbl, r->c_r, r->nao, q->psi, q->npw, e)
                                     : pwlfc_add_cplx(orb, w->nbl, r->c_c, r->nao, q->psi, q->npw, e);
            }
            if (rc) return -1;
        }
    }
    return 0;
}

/* The converged step just finished becomes the newest history entry:
 * δñ = ñ - ñ_c - ñ_at(R), D_asp and R. */
static int push_history(relax_dft *r, err *e)
{
    calculation *c = r->c;
    density *d = &c->dens;
    int h = r->head = (r->head + RELAX_NHIST - 1) % RELAX_NHIST;
    if (r->nhist < RELAX_NHIST) r->nhist++;
    if (initial_deformation_density(c, r->dn[h], e)) return -1;
    memcpy(r->D[h], d->D_asp, (size_t)c->nspins * c->ss.np * sizeof *d->D_asp);
    memcpy(r->R[h], r->s->pos, (size_t)r->s->natoms * sizeof *r->R[h]);
    return 0;
}

/* Alfè's fit (Comput. Phys. Commun. 118, 31 (1999); VASP's IWAVPR): with
 * d1 = R(t+1) - R(t), d0 = R(t) - R(t-1), dm = R(t-1) - R(t-2), the α, β that minimise
 * |d1 - α d0 - β dm|²; first order (β = 0) with two steps, none with one, and first
 * order when the 2x2 system is singular. */
static void fit_extrapolation(const relax_dft *r, double *alpha, double *beta)
{
    int n = r->s->natoms, h0 = r->head, h1 = (h0 + 1) % RELAX_NHIST, h2 = (h0 + 2) % RELAX_NHIST;
    double a00 = 0, a01 = 0, a11 = 0, b0 = 0, b1 = 0;
    for (int a = 0; a < n; a++)
        for (int v = 0; v < 3; v++) {
            double d1 = r->s->pos[a][v] - r->R[h0][a][v];
            double d0 = r->nhist > 1 ? r->R[h0][a][v] - r->R[h1][a][v] : 0.0;
            double dm = r->nhist > 2 ? r->R[h1][a][v] - r->R[h2][a][v] : 0.0;
            a00 += d0 * d0, a01 += d0 * dm, a11 += dm * dm, b0 += d1 * d0, b1 += d1 * dm;
        }
    *alpha = *beta = 0.0;
    double det = a00 * a11 - a01 * a01;
    if (r->nhist > 2 && det > 1e-8 * a00 * a11) {
        *alpha = (b0 * a11 - b1 * a01) / det;
        *beta = (a00 * b1 - a01 * b0) / det;
    } else if (r->nhist > 1 && a00 > 0)
        *alpha = b0 / a00;
}

/* ñ(t+1) = ñ_at(R(t+1)) + ñ_c(R(t+1)) + δñ(t) + α (δñ(t) - δñ(t-1)) + β (δñ(t-1) - δñ(t-2)),
 * D_asp likewise from the D history (the fit of fit_extrapolation). */
static int extrapolate_density(relax_dft *r, err *e)
{
    calculation *c = r->c;
    density *d = &c->dens;
    long nc = c->grids.nc;
    double al, be;
    fit_extrapolation(r, &al, &be);
    int h0 = r->head, h1 = (h0 + 1) % RELAX_NHIST, h2 = (h0 + 2) % RELAX_NHIST;
    double w0 = 1.0 + al, w1 = be - al, w2 = -be;
    size_t nn = (size_t)c->nspins * nc, nd = (size_t)c->nspins * c->ss.np;
    for (size_t i = 0; i < nn; i++) d->nt_sG[i] = w0 * r->dn[h0][i] + w1 * r->dn[h1][i] + w2 * r->dn[h2][i];
    for (size_t i = 0; i < nd; i++) d->D_asp[i] = w0 * r->D[h0][i] + w1 * r->D[h1][i] + w2 * r->D[h2][i];
    for (int s = 0; s < c->nspins; s++)
        for (long i = 0; i < nc; i++) d->nt_sG[(size_t)s * nc + i] += d->nct_G[i];
    return initial_add_atomic_density(c, (const double(*)[3])c->ss.spos, 1.0, d->nt_sG, e);
}

/* Step 1 of dft.h: the structure factors at the scaled positions in c->ss. */
static int set_positions(calculation *c, err *e)
{
    return wfs_set_positions(&c->wfs, e) || density_set_positions(&c->dens, e) ||
                   hamiltonian_set_positions(&c->ham, e)
               ? -1
               : 0;
}

/* Steps 1-5 of dft.h for the new scaled positions already in c->ss. Collective. */
static int restart_scf(relax_dft *r, err *e)
{
    calculation *c = r->c;
    if (r->extrapolate && move_wavefunctions(r, e)) return -1;
    if (set_positions(c, e)) return -1;
    wavefunctions *w = &c->wfs;
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        eig_operator op = ham_op_operator(&c->op, u);
        if (eig_orthonormalize(&c->dav, &op, c->nbands, q->psi, q->P, c->ss.nI, e)) return -1;
    }
    density *d = &c->dens;
    if (extrapolate_density(r, e)) return -1;
    density_normalize(d, density_multipole_moments(d));
    mixer_reset(&c->mix);
    d->error = mixer_mix(&c->mix, d->nt_sG, d->D_asp);
    if (density_finish(d, e)) return -1;
    return hamiltonian_update(&c->ham, d, e);
}

static void grow(relax_dft *r)
{
    if (r->nsteps < r->cap) return;
    r->cap *= 2;
    r->scf_iterations = xrealloc(r->scf_iterations, r->cap * sizeof *r->scf_iterations);
    r->total = xrealloc(r->total, r->cap * sizeof *r->total);
    r->free_energy = xrealloc(r->free_energy, r->cap * sizeof *r->free_energy);
}

void relax_dft_set_steps(relax_dft *r, int n)
{
    r->nsteps = 0;
    while (r->cap < n + 1) {
        r->nsteps = r->cap;
        grow(r);
    }
    r->nsteps = n;
}

int relax_dft_energy(void *ctx, int natoms, const double (*pos)[3], double *energy, double (*F)[3], err *e)
{
    relax_dft *r = ctx;
    calculation *c = r->c;
    memcpy(r->s->pos, pos, (size_t)natoms * sizeof *pos);
    species_set_positions(&c->ss, r->s->cell, (const double(*)[3])r->s->pos);
    int resume = r->resume_scf;
    r->resume_scf = 0;
    timer_start("Initialisation");
    int rc = resume ? set_positions(c, e)
             : r->nsteps == 0 ? initial_guess_from(c, r->start_dn, r->start_D, r->start_D_from, e)
                              : restart_scf(r, e);
    timer_stop("Initialisation");
    if (rc) return err_wrap(e, "ionic step %d", r->nsteps + 1);
    if (!resume) scf_history_free(&r->hist);
    rc = resume ? scf_continue(c, &r->p, &r->hist, e) : scf_run(c, &r->p, &r->hist, e);
    if (rc) return err_wrap(e, "ionic step %d", r->nsteps + 1);
    if (!r->hist.converged)
        return err_set(e, EXIT_RUN_FAILED, "ionic step %d: %s", r->nsteps + 1, r->hist.why);
    /* with scf.forces_tol the criterion left the final state's forces in r->f */
    if (!r->hist.forces_current && forces_calculate(r->f, c, r->s, e))
        return err_wrap(e, "ionic step %d: forces", r->nsteps + 1);
    memcpy(F, r->f->F_av, (size_t)natoms * sizeof *F);
    grow(r);
    double ed = r->f->disp.energy;
    r->scf_iterations[r->nsteps] = r->hist.iterations;
    r->total[r->nsteps] = c->ham.e_total_extrapolated + ed;
    r->free_energy[r->nsteps] = c->ham.e_total_free + ed;
    *energy = r->free_energy[r->nsteps];
    memcpy(r->spos_old, c->ss.spos, (size_t)natoms * sizeof *r->spos_old);
    if (push_history(r, e)) return err_wrap(e, "ionic step %d", r->nsteps + 1);
    r->nsteps++;
    return 0;
}
