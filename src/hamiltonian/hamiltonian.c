#include "hamiltonian/hamiltonian.h"
#include "core/comm.h"

#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- Poisson on pd3 (gpaw/pw/poisson.py) ------------------------------------------ */

/* ChargedReciprocalSpacePoissonSolver.__init__: alpha from e^{-alpha rcut^2} = 1e-5 with
 * rcut the shortest centre-to-face distance; a Gaussian of charge `charge` at the cell
 * centre (charge_q) and its potential erf(sqrt(alpha) d)/d on the fine grid (potential_q). */
static int charged_init(hamiltonian *h, double charge, err *e)
{
    density_grids *g = h->g;
    const fft_grid *f = g->fine;
    const pw_basis *pd = &g->pd3;
    double icmax = 0.0, center[3] = {0, 0, 0};
    for (int c = 0; c < 3; c++) {
        double s = 0.0;
        for (int v = 0; v < 3; v++) s += pow(f->recip[c][v] / (2 * M_PI), 2);
        if (s > icmax) icmax = s;
        for (int v = 0; v < 3; v++) center[v] += 0.5 * f->cell[c][v];
    }
    double rcut = 0.5 / sqrt(icmax);
    h->alpha = -log(1e-5) / (rcut * rcut);
    h->charge = charge;
    h->charged = 1;
    h->charge_q = xcalloc(pd->npw + 1, sizeof *h->charge_q);
    h->potential_q = xcalloc(pd->npw + 1, sizeof *h->potential_q);
    double dv = f->volume / g->nf;
    const int *n = f->n;
    for (int G = 0; G < pd->npw; G++) {
        int m = pd->map[G];
        int i[3] = {m / (n[1] * n[2]), (m / n[2]) % n[1], m % n[2]};
        double Gv[3] = {0, 0, 0};
        for (int c = 0; c < 3; c++) {
            int fr = c == 2 ? i[2] : fft_freq(i[c], n[c]);
            for (int v = 0; v < 3; v++) Gv[v] += fr * f->recip[c][v];
        }
        double G2 = Gv[0] * Gv[0] + Gv[1] * Gv[1] + Gv[2] * Gv[2];
        double Gc = Gv[0] * center[0] + Gv[1] * center[1] + Gv[2] * center[2];
        h->charge_q[G] = charge / dv * exp(-G2 / (4 * h->alpha)) * cexp(I * Gc);
    }
    int even = n[0] % 2 == 0 && n[1] % 2 == 0 && n[2] % 2 == 0;
    int lo, nloc;
    double *r = density_fine_work(g, &lo, &nloc);
    for (int i0 = lo; i0 < lo + nloc; i0++)
        for (int i1 = 0; i1 < n[1]; i1++)
            for (int i2 = 0; i2 < n[2]; i2++) {
                double x[3];
                for (int v = 0; v < 3; v++)
                    x[v] = (double)i0 / n[0] * f->cell[0][v] + (double)i1 / n[1] * f->cell[1][v] +
                           (double)i2 / n[2] * f->cell[2][v] - center[v];
                double d = sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
                long k = ((long)(i0 - lo) * n[1] + i1) * n[2] + i2;
                r[k] = d > 0 ? erf(sqrt(h->alpha) * d) / d : 0.0;
                if (even && 2 * i0 == n[0] && 2 * i1 == n[1] && 2 * i2 == n[2]) r[k] = sqrt(4 * h->alpha / M_PI);
            }
    density_fine_to_pd3(g, h->potential_q, charge);
    (void)e;
    return 0;
}

/* Returns E_H; vHt_q = 4 pi rho / |G|^2 (G = 0 dropped), with the charged corrections, or
 * the dipole layer's sawtooth and E_dip (DipoleCorrection.pwsolve wraps the solver). */
static double poisson_solve(hamiltonian *h, const double complex *rhot_q)
{
    const pw_basis *pd = &h->g->pd3;
    double complex *nq = h->work_q;
    for (int G = 0; G < pd->npw; G++) nq[G] = rhot_q[G] + (h->charged ? h->charge_q[G] : 0.0);
    nq[0] = 0.0;
    for (int G = 0; G < pd->npw; G++) h->vHt_q[G] = 4 * M_PI * nq[G] / h->G2_q[G];
    double epot = 0.5 * density_pw_integrate(pd, h->vHt_q, h->charged ? nq : rhot_q);
    if (h->charged) {
        epot -= density_pw_integrate(pd, h->potential_q, rhot_q);
        epot -= h->charge * h->charge * sqrt(h->alpha / 2 / M_PI);
        for (int G = 0; G < pd->npw; G++) h->vHt_q[G] -= h->potential_q[G];
    }
    if (h->dip.on) epot += dipole_layer_apply(&h->dip, pd, rhot_q, h->vHt_q);
    return epot;
}

/* ---- lifecycle ---------------------------------------------------------------------- */

int hamiltonian_init(hamiltonian *h, density_grids *g, const species_set *ss, int nspins, const char *xc_name,
                     double charge, const int pbc[3], int dipole, err *e)
{
    memset(h, 0, sizeof *h);
    h->nspins = nspins;
    h->g = g;
    h->ss = ss;
    pwlfc_atom *at = xcalloc(ss->natoms + 1, sizeof *at);
    for (int a = 0; a < ss->natoms; a++) at[a] = (pwlfc_atom){1, &species_of(ss, a)->sp.vbar};
    int rc = pwlfc_funcs_init(&h->vbar_fn, ss->natoms, at, e);
    free(at);
    if (rc || pwlfc_init(&h->vbar, &h->vbar_fn, &g->pd2, 1, e)) return -1;
    if (xc_grid_init(&h->xc, xc_name, nspins, g->fine, e)) return -1;
    if (g->dist && xc_grid_distribute(&h->xc, &g->fd, g->work, e)) return -1;   /* XC on the slabs */
    int n2 = g->pd2.npw, n3 = g->pd3.npw;
    h->G2_q = xmalloc((n3 + 1) * sizeof *h->G2_q);
    for (int G = 0; G < n3; G++) h->G2_q[G] = 2.0 * g->pd3.g2[G];
    h->G2_q[0] = 1.0;
    h->vbar_Q = xcalloc(n2 + 1, sizeof *h->vbar_Q);
    h->vt_Q = xcalloc(n2 + 1, sizeof *h->vt_Q);
    h->work_Q = xcalloc(n2 + 1, sizeof *h->work_Q);
    h->vHt_q = xcalloc(n3 + 1, sizeof *h->vHt_q);
    h->work_q = xcalloc(n3 + 1, sizeof *h->work_q);
    h->vt_sG = xcalloc((size_t)nspins * g->nc, sizeof *h->vt_sG);
    h->vxct_sg = xcalloc((size_t)nspins * g->nfl + 1, sizeof *h->vxct_sg);
    h->work_R = xcalloc(g->nc, sizeof *h->work_R);
    h->dH_asp = xcalloc((size_t)nspins * ss->np + 1, sizeof *h->dH_asp);
    h->W_aL = xcalloc(ss->nL + 1, sizeof *h->W_aL);
    h->en_a = xcalloc(4 * (size_t)ss->natoms + 1, sizeof *h->en_a);
    h->split = MPI_COMM_NULL;
    if (charge != 0.0 && !pbc[0] && !pbc[1] && !pbc[2] && charged_init(h, charge, e)) return -1;
    if (dipole && dipole_layer_init(&h->dip, g, e)) return -1;
    return hamiltonian_set_positions(h, e);
}

void hamiltonian_free(hamiltonian *h)
{
    pwlfc_free(&h->vbar);
    pwlfc_funcs_free(&h->vbar_fn);
    xc_grid_free(&h->xc);
    free(h->G2_q);
    free(h->charge_q);
    free(h->potential_q);
    dipole_layer_free(&h->dip);
    free(h->vbar_Q);
    free(h->vt_Q);
    free(h->work_Q);
    free(h->vHt_q);
    free(h->work_q);
    free(h->vt_sG);
    free(h->vxct_sg);
    free(h->work_R);
    free(h->en_a);
    free(h->dH_asp);
    free(h->W_aL);
    memset(h, 0, sizeof *h);
}

int hamiltonian_set_positions(hamiltonian *h, err *e)
{
    if (pwlfc_set_positions(&h->vbar, (const double(*)[3])h->ss->spos, e)) return -1;
    memset(h->vbar_Q, 0, h->g->pd2.npw * sizeof *h->vbar_Q);
    return pwlfc_add_constant(&h->vbar, 1.0, h->vbar_Q, e);
}

/* ---- update ------------------------------------------------------------------------- */

/* update_pseudo_potential: returns {epot, ebar, eext, exc}. */
static void pseudo_potential(hamiltonian *h, const density *d, double en[4])
{
    density_grids *g = h->g;
    int n2 = g->pd2.npw;
    en[1] = density_pw_integrate(&g->pd2, h->vbar_Q, d->nt_Q);
    en[0] = poisson_solve(h, d->rhot_q);
    memcpy(h->vt_Q, h->vbar_Q, n2 * sizeof *h->vt_Q);
    density_map_add_to2(g, h->vt_Q, h->vHt_q);
    en[2] = 0.0;
    /* NoExternalPotential.update_potential_pw: vt_sG = pd2.ifft(vt_Q). */
    pw_fft_inverse(&g->t2, h->vt_Q, 1.0 / g->nc);
    for (int s = 0; s < h->nspins; s++) memcpy(h->vt_sG + (size_t)s * g->nc, g->fc.r, g->nc * sizeof(double));
    en[3] = xc_grid_calculate(&h->xc, d->nt_sg, h->vxct_sg);
    for (int s = 0; s < h->nspins; s++) {
        density_restrict(g, h->vxct_sg + (size_t)s * g->nfl, h->work_R, h->work_Q);
        double *vt = h->vt_sG + (size_t)s * g->nc;
        for (long i = 0; i < g->nc; i++) vt[i] += h->work_R[i];
        for (int G = 0; G < n2; G++) h->vt_Q[G] += h->work_Q[G] / h->nspins;
    }
}

/* calculate_kinetic_energy (pw): -sum_s int vt_s nt_s + sum_s int vt_s nct/ns. */
static double kinetic_grid(const hamiltonian *h, const density *d)
{
    const density_grids *g = h->g;
    double s = 0.0;
    for (int sp = 0; sp < h->nspins; sp++) {
        const double *vt = h->vt_sG + (size_t)sp * g->nc, *nt = d->nt_sG + (size_t)sp * g->nc;
        for (long i = 0; i < g->nc; i++) s += vt[i] * (d->nct_G[i] - nt[i]);
    }
    return s * g->coarse->volume / g->nc;
}

/* update_corrections: atomic parts of the energies and dH_asp. en = {kin, coul, zero, xc}. */
/* The one-centre terms of Hamiltonian.update_corrections, atom by atom: ΔH_ij into
 * dH_asp and the atom's kinetic, Coulomb, zero-potential and XC energies into en_a.
 * With a split, each rank does its atoms (a mod P) and the rest stay zero for the sum. */
static void atomic_corrections(hamiltonian *h, const density *d)
{
    const species_set *ss = h->ss;
    int ns = h->nspins, rank = 0, size = 1;
    if (h->split != MPI_COMM_NULL) {
        MPI_Comm_rank(h->split, &rank);
        MPI_Comm_size(h->split, &size);
        memset(h->dH_asp, 0, (size_t)ns * ss->np * sizeof *h->dH_asp);
    }
    memset(h->en_a, 0, 4 * (size_t)ss->natoms * sizeof *h->en_a);
    for (int a = 0; a < ss->natoms; a++) {
        if (a % size != rank) continue;
        double *en = h->en_a + 4 * a;
        const species *sp = species_of(ss, a);
        const setup_derived *sd = &sp->d;
        int np = sd->np;
        const double *D_sp = d->D_asp + (size_t)ns * ss->p_a[a];
        double *dH_sp = h->dH_asp + (size_t)ns * ss->p_a[a];
        const double *W = h->W_aL + ss->L_a[a];
        for (int p = 0; p < np; p++) {
            double Dp = 0.0;
            for (int s = 0; s < ns; s++) Dp += D_sp[s * np + p];
            double MD = 0.0, DW = 0.0;
            for (int q = 0; q < np; q++) {
                double Dq = 0.0;
                for (int s = 0; s < ns; s++) Dq += D_sp[s * np + q];
                MD += sd->M_pp[p * np + q] * Dq;
            }
            for (int L = 0; L < sd->Lmax; L++) DW += sd->Delta_pL[p * sd->Lmax + L] * W[L];
            double dH = sd->K_p[p] + sd->M_p[p] + sd->MB_p[p] + 2.0 * MD + DW;
            for (int s = 0; s < ns; s++) dH_sp[s * np + p] = dH;
            en[0] += sd->K_p[p] * Dp;
            en[1] += Dp * (sd->M_p[p] + MD);
            en[2] += sd->MB_p[p] * Dp;
        }
        en[0] += sd->Kc;
        en[1] += sd->M;
        en[2] += sd->MB;
        en[3] += xc_correction_calculate(&sp->xc, ns, D_sp, dH_sp);
        for (int i = 0; i < ns * np; i++) en[0] -= D_sp[i] * dH_sp[i];
    }
    if (size > 1) {
        comm_sum_ordered(h->split, h->dH_asp, (size_t)ns * ss->np, h->split_work);
        comm_sum_ordered(h->split, h->en_a, 4 * (size_t)ss->natoms, h->split_work);
    }
}

/* Σ_a of the per-atom energies in atom order (the same bits with or without a split). */
static void sum_atomic_energies(const hamiltonian *h, double en[4])
{
    memset(en, 0, 4 * sizeof *en);
    for (int a = 0; a < h->ss->natoms; a++)
        for (int k = 0; k < 4; k++) en[k] += h->en_a[4 * a + k];
}

void hamiltonian_split_work(hamiltonian *h, MPI_Comm comm, double *work)
{
    int size = 1;
    if (comm != MPI_COMM_NULL) MPI_Comm_size(comm, &size);
    h->split = size > 1 ? comm : MPI_COMM_NULL;
    h->split_work = work;
    xc_grid_split(&h->xc, h->split, work);   /* libxc on each rank's share of the fine grid */
}

int hamiltonian_update(hamiltonian *h, const density *d, err *e)
{
    double fine[4], atomic[4];
    pseudo_potential(h, d, fine);
    double ekin = kinetic_grid(h, d);
    /* W_aL = ghat.integrate(vHt_q) (NoExternalPotential.update_atomic_hamiltonians_pw). */
    if (pwlfc_integrate_real((pwlfc *)&d->ghat, 1, h->vHt_q, h->g->pd3.npw, h->W_aL, h->ss->nL, e)) return -1;
    atomic_corrections(h, d);
    sum_atomic_energies(h, atomic);
    h->e_kinetic0 = atomic[0] + ekin;
    h->e_coulomb = atomic[1] + fine[0];
    h->e_zero = atomic[2] + fine[1];
    h->e_external = fine[2];
    h->e_xc = atomic[3] + fine[3];
    if (!isfinite(h->e_kinetic0 + h->e_coulomb + h->e_zero + h->e_xc))
        return err_set(e, EXIT_RUN_FAILED, "Hamiltonian: non-finite energy (kinetic %g, coulomb %g, zero %g, xc %g)",
                       h->e_kinetic0, h->e_coulomb, h->e_zero, h->e_xc);
    return 0;
}

double hamiltonian_get_energy(hamiltonian *h, double e_band, double e_entropy, double extrapolation)
{
    h->e_band = e_band;
    h->e_entropy = e_entropy;
    h->e_kinetic = h->e_kinetic0 + e_band;
    h->e_total_free = h->e_kinetic + h->e_coulomb + h->e_external + h->e_zero + h->e_xc + e_entropy;
    h->e_total_extrapolated = h->e_total_free + extrapolation;
    return h->e_total_free;
}
