#include "build/ewald.h"
#include "cell/vec3.h"
#include "cell/lattice.h"
#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>


/* Real-space part: images n with |r+n| < rc, where erfc(a rc) ~ 1e-11. */
static void real_space(const double cell[3][3], const double (*pos)[3], int n, double a,
                       double rc, double *phi)
{
    double recip[3][3];
    lattice_reciprocal(cell, recip);
    int nr[3];
    for (int k = 0; k < 3; k++) nr[k] = (int)ceil(rc * vec3_norm(recip[k]) / (2 * M_PI)) + 1;
    for (int i = 0; i < n; i++)
        for (int j = i; j < n; j++) {
            double sum = 0.0;
            for (int u = -nr[0]; u <= nr[0]; u++)
                for (int v = -nr[1]; v <= nr[1]; v++)
                    for (int w = -nr[2]; w <= nr[2]; w++) {
                        double d[3];
                        for (int x = 0; x < 3; x++)
                            d[x] = pos[j][x] - pos[i][x] + u * cell[0][x] + v * cell[1][x] + w * cell[2][x];
                        double r = vec3_norm(d);
                        if (r < 1e-10 || r > rc) continue;
                        sum += erfc(a * r) / r;
                    }
            phi[i * n + j] = phi[j * n + i] = sum;
        }
}

/* Reciprocal part, accumulated G by G through cos/sin structure factors:
 * cos(G.(ri-rj)) = cos_i cos_j + sin_i sin_j. Only one of +-G is visited (factor 2). */
static void recip_space(const double cell[3][3], const double (*pos)[3], int n, double a,
                        double gc, double *phi)
{
    double recip[3][3], vol = fabs(lattice_volume(cell));
    lattice_reciprocal(cell, recip);
    int ng[3];
    for (int k = 0; k < 3; k++) ng[k] = (int)ceil(gc * vec3_norm(cell[k]) / (2 * M_PI));
    double *c = xmalloc(n * sizeof *c), *s = xmalloc(n * sizeof *s);
    for (int u = 0; u <= ng[0]; u++)
        for (int v = (u == 0 ? 0 : -ng[1]); v <= ng[1]; v++)
            for (int w = (u == 0 && v == 0 ? 1 : -ng[2]); w <= ng[2]; w++) {
                double g[3];
                for (int x = 0; x < 3; x++) g[x] = u * recip[0][x] + v * recip[1][x] + w * recip[2][x];
                double g2 = g[0] * g[0] + g[1] * g[1] + g[2] * g[2];
                if (g2 > gc * gc) continue;
                double f = 2.0 * 4.0 * M_PI / vol * exp(-g2 / (4 * a * a)) / g2;
                for (int i = 0; i < n; i++) {
                    double ph = g[0] * pos[i][0] + g[1] * pos[i][1] + g[2] * pos[i][2];
                    c[i] = cos(ph), s[i] = sin(ph);
                }
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++) phi[i * n + j] += f * (c[i] * c[j] + s[i] * s[j]);
            }
    free(c);
    free(s);
}

void ewald_matrix(const double cell[3][3], const double (*pos)[3], int n, double *phi)
{
    double vol = fabs(lattice_volume(cell));
    /* a from the volume per charge: balances ~equal work in both sums. */
    double a = sqrt(M_PI) * pow((double)(n > 8 ? 8 : n) / (vol * vol), 1.0 / 6.0);
    double rc = 4.8 / a, gc = 2.0 * a * 4.8;
    memset(phi, 0, (size_t)n * n * sizeof *phi);
    real_space(cell, pos, n, a, rc, phi);
    recip_space(cell, pos, n, a, gc, phi);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) phi[i * n + j] -= M_PI / (vol * a * a);
        phi[i * n + i] -= 2.0 * a / sqrt(M_PI);
    }
}

double ewald_energy(const double cell[3][3], const double (*pos)[3], const double *q, int n)
{
    double *phi = xmalloc((size_t)n * n * sizeof *phi);
    ewald_matrix(cell, pos, n, phi);
    double e = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = 0; j < n; j++) e += 0.5 * q[i] * q[j] * phi[i * n + j];
    free(phi);
    return e;
}
