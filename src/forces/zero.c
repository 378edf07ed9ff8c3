/* Zero-potential force, GPAW's Hamiltonian.calculate_forces with vbar.derivative(nt_Q)
 * (gpaw/pw/hamiltonian.py, calculate_forces2):
 *
 *   F_a,v = ∫ ∂v̄^a(r - R_a)/∂r_v ñ(r) dr,   ñ = Σ_s ñ_s (ñ_c included)
 *
 * the change of e_zero = ∫ v̄ ñ dr (hamiltonian.h) with the position of v̄^a, on the
 * coarse density sphere pd2 (real). */
#include "forces/forces.h"

int forces_zero_potential(forces_work *ws, const density *d, hamiltonian *h, double (*F)[3], err *e)
{
    return forces_add_l0_derivative(ws, &h->vbar, d->nt_Q, d->g->pd2.npw, F, e);
}
