/* GPAW's plane-wave kinetic-energy preconditioner (gpaw/wavefunctions/pw.py,
 * Preconditioner; the C kernel pw_precond in GPAW's c/plane_wave.c), after Teter,
 * Payne and Allen, PRB 40, 12255 (1989), as modified by Kresse and Furthmüller,
 * PRB 54, 11169 (1996):
 *
 *   x = |k+G|^2 / (3 E_kin),   a = 27 + x (18 + x (12 + 8 x)),
 *   (P R)(G) = -4 / (3 E_kin) * R(G) * a / (a + 16 x^4),
 *
 * with E_kin = <psi| -1/2 nabla^2 |psi> = <psi| |k+G|^2/2 |psi> the band's kinetic
 * energy (GPAW: Preconditioner.calculate_kinetic_energy, pd.integrate, i.e. the inner
 * product of space.h including its weight). For small |k+G| the factor tends to
 * -4/(3 E_kin) (a/(a+16x^4) -> 1), for large |k+G| to -1/(|k+G|^2/2): the inverse of
 * the kinetic operator, which dominates H there. The overall sign is GPAW's; it does
 * not change the Davidson subspace. */
#ifndef PAWSORB_EIGEN_PRECOND_H
#define PAWSORB_EIGEN_PRECOND_H

#include "eigensolver/space.h"

/* ekin[n] = <psi_n| |k+G|^2/2 |psi_n> for the nb bands of psi. Collective over s->comm. */
void precond_ekin(const eig_space *s, int nb, const double complex *psi, double *ekin);

/* out = P R band by band with each band's ekin (> 0); out may equal R. */
void precond_apply(const eig_space *s, int nb, const double *ekin, const double complex *R,
                   double complex *out);

#endif
