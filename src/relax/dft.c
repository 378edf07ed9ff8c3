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
    for (int k = 0; k < w->nk; k++)
        if (pwlfc_init(&r->orb_k[k], &r->orb_fn, &w->pw_k[k], c->nbands, e)) return -1;
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
    return extrapolate ? mover_init(r, e) : 0;
}

void relax_dft_free(relax_dft *r)
{
    free(r->scf_iterations), free(r->total), free(r->free_energy), free(r->spos_old);
    if (r->orb_k)
        for (int k = 0; k < r->c->wfs.nk; k++) pwlfc_free(&r->orb_k[k]);
    free(r->orb_k), free(r->c_r), free(r->c_c);
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
    for (int n = 0; n < r->c->nbands; n++) {
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
                rc = w->pw_k[k].real ? pwlfc_add_real(orb, r->c->nbands, r->c_r, r->nao, q->psi, q->npw, e)
                                     : pwlfc_add_cplx(orb, r->c->nbands, r->c_c, r->nao, q->psi, q->npw, e);
            }
            if (rc) return -1;
        }
    }
    return 0;
}

/* Steps 1-5 of dft.h for the new scaled positions already in c->ss. Collective. */
static int restart_scf(relax_dft *r, err *e)
{
    calculation *c = r->c;
    if (r->extrapolate && move_wavefunctions(r, e)) return -1;
    if (wfs_set_positions(&c->wfs, e) || density_set_positions(&c->dens, e) || hamiltonian_set_positions(&c->ham, e))
        return -1;
    wavefunctions *w = &c->wfs;
    for (int u = 0; u < w->nu; u++) {
        wfs_kpoint *q = &w->kpt_u[u];
        eig_operator op = ham_op_operator(&c->op, u);
        if (eig_orthonormalize(&c->dav, &op, c->nbands, q->psi, q->P, c->ss.nI, e)) return -1;
    }
    density *d = &c->dens;
    long nc = c->grids.nc;
    memset(d->nt_sG, 0, (size_t)c->nspins * nc * sizeof *d->nt_sG);
    wfs_add_to_density(w, d->nt_sG);
    for (int s = 0; s < c->nspins; s++)
        for (long i = 0; i < nc; i++) d->nt_sG[(size_t)s * nc + i] += d->nct_G[i];
    wfs_atomic_density_matrices(w, d->D_asp);
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

int relax_dft_energy(void *ctx, int natoms, const double (*pos)[3], double *energy, double (*F)[3], err *e)
{
    relax_dft *r = ctx;
    calculation *c = r->c;
    memcpy(r->s->pos, pos, (size_t)natoms * sizeof *pos);
    species_set_positions(&c->ss, r->s->cell, (const double(*)[3])r->s->pos);
    timer_start("Initialisation");
    int rc = r->nsteps == 0 ? initial_guess(c, e) : restart_scf(r, e);
    timer_stop("Initialisation");
    if (rc) return err_wrap(e, "ionic step %d", r->nsteps + 1);
    scf_history_free(&r->hist);
    if (scf_run(c, &r->p, &r->hist, e)) return err_wrap(e, "ionic step %d", r->nsteps + 1);
    if (!r->hist.converged)
        return err_set(e, EXIT_RUN_FAILED, "ionic step %d: %s", r->nsteps + 1, r->hist.why);
    if (forces_calculate(r->f, c, r->s, e)) return err_wrap(e, "ionic step %d: forces", r->nsteps + 1);
    memcpy(F, r->f->F_av, (size_t)natoms * sizeof *F);
    grow(r);
    double ed = r->f->disp.energy;
    r->scf_iterations[r->nsteps] = r->hist.iterations;
    r->total[r->nsteps] = c->ham.e_total_extrapolated + ed;
    r->free_energy[r->nsteps] = c->ham.e_total_free + ed;
    *energy = r->free_energy[r->nsteps];
    memcpy(r->spos_old, c->ss.spos, (size_t)natoms * sizeof *r->spos_old);
    r->nsteps++;
    return 0;
}
