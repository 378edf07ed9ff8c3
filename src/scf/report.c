#include "scf/report.h"

#include "core/elements.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/units.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void report_setup(const calculation *c)
{
    const plan *p = c->pl;
    log_section("Calculation");
    log_printf("Atoms: %d;  valence electrons: %g;  charge: %g\n", c->ss.natoms, c->ss.nvalence, c->in->dft.charge);
    for (int k = 0; k < c->ss.nspecies; k++)
        log_printf("  %-2s  %s  (Z = %d, %d valence, %d projectors)\n", c->ss.sp[k].s.symbol, c->ss.sp[k].s.path,
                   c->ss.sp[k].s.Z, c->ss.sp[k].s.Nv, c->ss.sp[k].d.ni);
    log_printf("Reference energy: %.6f eV\n", c->ss.Eref * HARTREE_EV);
    log_printf("XC: %s;  spin: %s;  bands: %d\n", c->in->dft.xc, c->nspins == 2 ? "polarised" : "paired", c->nbands);
    log_printf("Cutoff: %.2f eV;  coarse grid %dx%dx%d, fine grid %dx%dx%d\n", c->in->dft.cutoff_ha * HARTREE_EV,
               p->coarse.n[0], p->coarse.n[1], p->coarse.n[2], p->fine.n[0], p->fine.n[1], p->fine.n[2]);
    log_printf("Density cutoff: %.2f eV (pd2: %d, pd3: %d coefficients)\n", c->grids.ecut * HARTREE_EV,
               c->grids.pd2.npw, c->grids.pd3.npw);
    log_printf("Symmetries: %d%s\n", p->kpts.sym.nsym, p->kpts.sym.point_group ? "" : " (point group off)");
    log_printf("k-points: %d in the grid, %d irreducible; %s wavefunctions, %d to %d coefficients\n", p->kpts.nbz,
               p->kpts.nk, p->real ? "real" : "complex", p->npw_min, p->npw_max);
    log_printf("Occupations: %s, width %.4f eV\n", occ_method_name(c->occp.method), c->occp.width * HARTREE_EV);
    log_printf("Mixer: Pulay, beta %.3f, history %d, weight %.1f\n", c->mix.p.beta, c->mix.p.nmaxold,
               c->mix.p.weight);
    if (c->ham.charged)
        log_printf("Poisson: Gaussian compensation charge e^(-a r^2), a = %.3f bohr^-2\n", c->ham.alpha);
    if (c->ham.dip.on)
        log_printf("Poisson: dipole correction, sawtooth along z with a %.1f Angstrom dipole layer at z = 0 "
                   "(GPAW's dipolelayer 'xy')\n", DIPOLE_LAYER_WIDTH_ANG);
    const comm_layout *l = &c->comm->layout;
    log_printf("Parallel: %d rank%s = %d k-point group%s x %d band x %d plane-wave ranks; %d of %d (spin, k) blocks "
               "here\n", c->comm->size, c->comm->size == 1 ? "" : "s", l->kpt, l->kpt == 1 ? "" : "s", l->band, l->pw,
               c->wfs.nu, c->wfs.nu_all);
    if (c->grids.dist) {
        const fft_dist *d = &c->grids.fd;
        log_printf("Grids: fine grid in slabs of %d to %d planes over the %d plane-wave ranks; coarse grid whole\n",
                   d->n0_r[d->P - 1], d->n0_r[0], d->P);
    }
    log_section("SCF");
}

void report_energies(const calculation *c, const scf_history *h)
{
    const hamiltonian *H = &c->ham;
    double Ha = HARTREE_EV;
    log_printf("\n%s after %d iterations (%.2f s)\n", h->converged ? "Converged" : "NOT converged", h->iterations,
               h->wall);
    log_printf("\nEnergy contributions relative to reference atoms: (reference = %.6f)\n\n", c->ss.Eref * Ha);
    log_printf("Kinetic:      %+14.6f\n", H->e_kinetic * Ha);
    log_printf("Potential:    %+14.6f\n", H->e_coulomb * Ha);
    log_printf("External:     %+14.6f\n", H->e_external * Ha);
    log_printf("XC:           %+14.6f\n", H->e_xc * Ha);
    log_printf("Entropy (-ST):%+14.6f\n", H->e_entropy * Ha);
    log_printf("Local:        %+14.6f\n", H->e_zero * Ha);
    log_printf("--------------------------\n");
    log_printf("Free energy:  %+14.6f\n", H->e_total_free * Ha);
    log_printf("Extrapolated: %+14.6f\n\n", H->e_total_extrapolated * Ha);
    if (H->dip.on)
        log_printf("Dipole correction: dipole moment %+.6f e*Ang along z;  potential step %+.6f eV (top vacuum minus "
                   "bottom);  energy %+.6f eV (in Potential)\n\n", H->dip.dipole * BOHR_ANG,
                   dipole_layer_step(&H->dip) * Ha, H->dip.energy * Ha);
    if (c->occr.nfermi > 0 && isfinite(c->occr.fermi[0]))
        log_printf("Fermi level: %.5f eV\n", c->occr.fermi[0] * Ha);
    if (c->nspins == 2) log_printf("Magnetic moment: %.6f\n", c->occr.magmom);
    /* eps_skn, f_skn: every block's, gathered by calc_occupations (k-point groups) */
    const wavefunctions *w = &c->wfs;
    for (int u = 0; u < w->nu_all; u++) {
        int s = u / w->nk, k = u % w->nk;
        if (k > 0 && w->nk > 4) continue;
        log_printf("\nk-point %d (%.4f %.4f %.4f), spin %d:\n Band  Eigenvalues  Occupancy\n", k, w->kfrac[k][0],
                   w->kfrac[k][1], w->kfrac[k][2], s);
        const double *eps = c->eps_skn + (size_t)u * c->nbands, *f = c->f_skn + (size_t)u * c->nbands;
        for (int n = 0; n < c->nbands; n++) log_printf("%5d %12.5f %10.5f\n", n, eps[n] * Ha, f[n] * 2.0 / c->nspins);
    }
}

/* /electrostatics of a dipole-corrected slab (hamiltonian/dipole.h): dipole_moment (e*Angstrom,
 * z), potential_step (eV, top vacuum minus bottom), dipole_energy (eV, part of the hartree
 * component). Nothing without the correction. */
static int write_electrostatics(results *r, const hamiltonian *H, err *e)
{
    if (!H->dip.on) return 0;
    double p_eang = H->dip.dipole * BOHR_ANG, step = dipole_layer_step(&H->dip);
    return results_write_array(r, "/electrostatics/dipole_moment", 0, NULL, &p_eang, RESULTS_DIMENSIONLESS, e) ||
           results_set_attr(r, "/electrostatics/dipole_moment", "units", "e*Angstrom", e) ||
           results_write_array(r, "/electrostatics/potential_step", 0, NULL, &step, RESULTS_ENERGY, e) ||
           results_write_array(r, "/electrostatics/dipole_energy", 0, NULL, &H->dip.energy, RESULTS_ENERGY, e);
}

int report_write(results *r, const calculation *c, const scf_history *h, err *e)
{
    const hamiltonian *H = &c->ham;
    results_term terms[] = {{"kinetic", H->e_kinetic}, {"hartree", H->e_coulomb}, {"xc", H->e_xc},
                            {"local", H->e_zero},      {"external", H->e_external}, {"entropy", H->e_entropy}};
    results_energy en = {H->e_total_extrapolated, H->e_total_free, 0.0, 6, terms};
    if (results_write_energy(r, &en, e)) return -1;
    double *dens = xcalloc(h->iterations + 1, sizeof *dens);
    for (int i = 0; i < h->iterations; i++) dens[i] = isfinite(h->density_change[i]) ? h->density_change[i] : -1.0;
    results_scf scf = {h->converged, h->iterations, h->iterations, h->energy, dens};
    int rc = results_write_scf(r, &scf, e);
    free(dens);
    if (rc || write_electrostatics(r, H, e)) return -1;
    const wavefunctions *w = &c->wfs;
    size_t n = (size_t)w->nu_all * c->nbands;   /* all blocks, gathered by calc_occupations */
    double *eps = xmalloc((n + 1) * sizeof *eps), *occ = xmalloc((n + 1) * sizeof *occ);
    for (size_t i = 0; i < n; i++) {
        eps[i] = c->eps_skn[i];
        occ[i] = c->f_skn[i] * 2.0 / c->nspins;
    }
    double fermi = c->occr.nfermi > 0 ? c->occr.fermi[0] : NAN;
    results_electrons el = {fermi, c->nspins, w->nk, c->nbands, eps, occ, (const double(*)[3])w->kfrac, w->w_k};
    rc = results_write_electrons(r, &el, e);
    free(eps), free(occ);
    return rc;
}

void report_forces(const calculation *c, const forces *f)
{
    double Ha = HARTREE_EV;
    if (f->disp.on) {
        const d2_model *m = &f->disp.m;
        const hamiltonian *H = &c->ham;
        log_printf("\nDispersion (Grimme D2, s6 %.3f, d %g, sR %g, cutoff %g Angstrom): %+.6f eV\n", m->s6, m->d, m->sr,
                   m->cutoff * BOHR_ANG, f->disp.energy * Ha);
        log_printf("Free energy + D2:  %+14.6f\n", (H->e_total_free + f->disp.energy) * Ha);
        log_printf("Extrapolated + D2: %+14.6f\n", (H->e_total_extrapolated + f->disp.energy) * Ha);
    }
    /* GPAW's "Forces in eV/Ang:" table (gpaw/forces.py). */
    log_printf("\nForces in eV/Ang%s:\n", f->disp.on ? " (D2 included)" : "");
    for (int a = 0; a < f->natoms; a++)
        log_printf("%3d %-2s %10.5f %10.5f %10.5f\n", a, element_symbol(c->in->atoms.numbers[a]),
                   f->F_av[a][0] * HA_PER_BOHR_TO_EV_PER_ANG, f->F_av[a][1] * HA_PER_BOHR_TO_EV_PER_ANG,
                   f->F_av[a][2] * HA_PER_BOHR_TO_EV_PER_ANG);
    log_printf("Max force: %.5f eV/Ang\n", forces_fmax(f) * HA_PER_BOHR_TO_EV_PER_ANG);
}

int report_write_forces(results *r, const calculation *c, const forces *f, err *e)
{
    if (f->disp.on) {
        /* /energy again with E_D2 in total and free (VASP's IVDW and ASE's D2 sums do the
         * same); the datasets written by report_write are replaced. */
        const hamiltonian *H = &c->ham;
        results_term terms[] = {{"kinetic", H->e_kinetic}, {"hartree", H->e_coulomb}, {"xc", H->e_xc},
                                {"local", H->e_zero},      {"external", H->e_external}, {"entropy", H->e_entropy},
                                {"dispersion", f->disp.energy}};
        double Ed = f->disp.energy;
        results_energy en = {H->e_total_extrapolated + Ed, H->e_total_free + Ed, Ed, 7, terms};
        if (results_write_energy(r, &en, e)) return -1;
    }
    return results_write_forces(r, f->natoms, (const double(*)[3])f->F_av, e);
}
