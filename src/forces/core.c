/* Pseudo-core force, GPAW's Hamiltonian.calculate_forces with nct.derivative(vt_Q)
 * (gpaw/pw/hamiltonian.py, calculate_forces2):
 *
 *   F_a,v = ∫ ∂ñ_c^a(r - R_a)/∂r_v ṽ(r) dr,   ṽ = (1/ns) Σ_s ṽ_s  (vt_Q, hamiltonian.h)
 *
 * ñ_c/ns enters every spin density, so E changes by Σ_s ∫ ṽ_s δñ_c/ns: ṽ_s holds v̄, the
 * Hartree and the XC potential, everything ñ feels on the grid. Coarse sphere pd2 (real). */
#include "forces/forces.h"

int forces_core_density(forces_work *ws, density *d, const hamiltonian *h, double (*F)[3], err *e)
{
    return forces_add_l0_derivative(ws, &d->nct, h->vt_Q, d->g->pd2.npw, F, e);
}
