/* Lattice algebra on 3x3 cells whose rows are lattice vectors. */
#ifndef PAWSORB_LATTICE_H
#define PAWSORB_LATTICE_H

double lattice_volume(const double cell[3][3]);
/* Reciprocal vectors b_i (rows) with a_i . b_j = 2 pi delta_ij. */
void lattice_reciprocal(const double cell[3][3], double recip[3][3]);
/* Fractional coordinates of cartesian r: r = sum_i f_i a_i. */
void lattice_to_fractional(const double cell[3][3], const double r[3], double f[3]);
void lattice_to_cartesian(const double cell[3][3], const double f[3], double r[3]);

#endif
