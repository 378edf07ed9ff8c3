/* Compensation-charge force, GPAW's Hamiltonian.calculate_forces (gpaw/hamiltonian.py)
 * with ghat.derivative(vHt_q) (gpaw/external.py, NoExternalPotential.derivative_pw):
 *
 *   F_a,v = Σ_L Q_L^a ∫ ∂ĝ_L^a(r - R_a)/∂r_v ṽ_H(r) dr,   Q_L^a = Δ_L^a + Σ_p D_p^a Δ_pL^a
 *
 * the change of ½∫ρ̃ ṽ_H with the positions of the compensation charges
 * ρ̃ = ñ + Σ_aL Q_L^a ĝ_L^a (Blöchl 1994, eq. 27; ṽ_H the potential of ρ̃, so the factor ½
 * cancels), on the fine sphere pd3 (real). */
#include "forces/forces.h"

int forces_compensation(forces_work *ws, density *d, const hamiltonian *h, double (*F)[3], err *e)
{
    const species_set *ss = d->ss;
    int nL = ss->nL;
    density_multipole_moments(d); /* Q_aL of the current D_asp (GPAW recomputes them too) */
    if (pwlfc_derivative_real(&d->ghat, 1, h->vHt_q, d->g->pd3.npw, ws->dX, nL, e)) return -1;
    for (int a = 0; a < ss->natoms; a++)
        for (int v = 0; v < 3; v++) {
            double s = 0.0;
            for (int L = ss->L_a[a]; L < ss->L_a[a + 1]; L++) s += d->Q_aL[L] * ws->dX[(size_t)v * nL + L];
            F[a][v] += s;
        }
    return 0;
}
