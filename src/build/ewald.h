/* Ewald sums for point charges in a periodic cell (bohr, hartree).
 *
 * Pair potential of the periodic lattice of unit charges at r_j seen at r_i:
 *   phi_ij = sum_n' erfc(a|r_ij+n|)/|r_ij+n|
 *          + (4 pi / V) sum_{G!=0} exp(-G^2/4a^2)/G^2 cos(G.r_ij)
 *          - pi/(V a^2)                  (neutralising background)
 *          - 2a/sqrt(pi) delta_ij        (self term; n=0 excluded when i=j)
 * so that the electrostatic energy of charges q is E = 1/2 q^T phi q
 * (Ewald 1921; e.g. Allen & Tildesley, "Computer Simulation of Liquids", sec. 5.2).
 * The result does not depend on a; it is chosen to balance the two sums. */
#ifndef PAWSORB_BUILD_EWALD_H
#define PAWSORB_BUILD_EWALD_H

/* Fills phi (n*n, row-major) for the n positions pos (cartesian bohr) in cell
 * (rows are lattice vectors, bohr). Converged to ~1e-10 hartree. */
void ewald_matrix(const double cell[3][3], const double (*pos)[3], int n, double *phi);

/* E = 1/2 sum_ij q_i q_j phi_ij, hartree. */
double ewald_energy(const double cell[3][3], const double (*pos)[3], const double *q, int n);

#endif
