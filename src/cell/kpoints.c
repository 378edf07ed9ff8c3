#include "cell/kpoints.h"
#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Distance of a fractional vector from the nearest lattice point (max norm). */
static double off_lattice(const double d[3])
{
    double worst = 0.0;
    for (int c = 0; c < 3; c++) {
        double r = fabs(d[c] - round(d[c]));
        if (r > worst) worst = r;
    }
    return worst;
}

void kpoints_monkhorst_pack(kpoint_set *ks, const int size[3], int gamma, int time_reversal)
{
    memset(ks, 0, sizeof *ks);
    ks->nbz = size[0] * size[1] * size[2];
    ks->bz = xmalloc(ks->nbz * sizeof *ks->bz);
    ks->bz_to_ibz = xmalloc(ks->nbz * sizeof *ks->bz_to_ibz);
    ks->k = xmalloc(ks->nbz * sizeof *ks->k);
    ks->weight = xcalloc(ks->nbz, sizeof *ks->weight);
    int b = 0;
    for (int i = 0; i < size[0]; i++)
        for (int j = 0; j < size[1]; j++)
            for (int l = 0; l < size[2]; l++, b++) {
                int idx[3] = {i, j, l};
                for (int c = 0; c < 3; c++) {
                    ks->bz[b][c] = (idx[c] + 0.5) / size[c] - 0.5;
                    if (gamma && size[c] % 2 == 0) ks->bz[b][c] += 0.5 / size[c];
                }
            }
    for (b = 0; b < ks->nbz; b++) {
        int found = -1;
        for (int q = 0; q < ks->nk && found < 0 && time_reversal; q++) {
            double s[3] = {ks->bz[b][0] + ks->k[q][0], ks->bz[b][1] + ks->k[q][1], ks->bz[b][2] + ks->k[q][2]};
            if (off_lattice(s) < 1e-9) found = q;
        }
        if (found < 0) {
            found = ks->nk++;
            memcpy(ks->k[found], ks->bz[b], sizeof ks->k[found]);
        }
        ks->bz_to_ibz[b] = found;
        ks->weight[found] += 1.0 / ks->nbz;
    }
}

void kpoints_free(kpoint_set *ks)
{
    free(ks->bz);
    free(ks->k);
    free(ks->weight);
    free(ks->bz_to_ibz);
    memset(ks, 0, sizeof *ks);
}

int kpoints_gamma_only(const kpoint_set *ks)
{
    return ks->nbz == 1 && off_lattice(ks->bz[0]) < 1e-12 &&
           fabs(ks->bz[0][0]) + fabs(ks->bz[0][1]) + fabs(ks->bz[0][2]) < 1e-12;
}
