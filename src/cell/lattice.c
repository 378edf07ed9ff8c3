#include "cell/lattice.h"
#include "cell/vec3.h"

#include <math.h>

double lattice_volume(const double cell[3][3])
{
    double c[3];
    vec3_cross(cell[1], cell[2], c);
    return cell[0][0] * c[0] + cell[0][1] * c[1] + cell[0][2] * c[2];
}

void lattice_reciprocal(const double cell[3][3], double recip[3][3])
{
    double vol = lattice_volume(cell);
    for (int i = 0; i < 3; i++) {
        vec3_cross(cell[(i + 1) % 3], cell[(i + 2) % 3], recip[i]);
        for (int x = 0; x < 3; x++) recip[i][x] *= 2 * M_PI / vol;
    }
}

void lattice_to_fractional(const double cell[3][3], const double r[3], double f[3])
{
    double recip[3][3];
    lattice_reciprocal(cell, recip);
    for (int i = 0; i < 3; i++)
        f[i] = (recip[i][0] * r[0] + recip[i][1] * r[1] + recip[i][2] * r[2]) / (2 * M_PI);
}

void lattice_to_cartesian(const double cell[3][3], const double f[3], double r[3])
{
    for (int x = 0; x < 3; x++)
        r[x] = f[0] * cell[0][x] + f[1] * cell[1][x] + f[2] * cell[2][x];
}
