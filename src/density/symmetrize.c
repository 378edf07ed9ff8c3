#include "density/symmetrize.h"
#include "core/mem.h"

#include <stdlib.h>
#include <string.h>

/* R_sii of atom a's dataset: channel blocks in the dataset's l_j order (GPAW's
 * calculate_rotations). */
static int atom_rotations(const symmetry *sym, const species *sp, int ni, double *R_sii, err *e)
{
    double R[49];
    for (int s = 0; s < sym->nsym; s++) {
        double U[3][3];
        symmetry_cartesian(sym, s, U);
        double *Rs = R_sii + (size_t)s * ni * ni;
        memset(Rs, 0, (size_t)ni * ni * sizeof *Rs);
        for (int j = 0, i1 = 0; j < sp->s.nj; j++) {
            int l = sp->s.states[j].l, nm = 2 * l + 1;
            if (symmetry_ylm_rotation(l, U, R))
                return err_set(e, EXIT_BAD_INPUT, "symmetry: a projector with l = %d (> 3) cannot be rotated", l);
            for (int m1 = 0; m1 < nm; m1++)
                for (int m2 = 0; m2 < nm; m2++) Rs[(i1 + m1) * ni + i1 + m2] = R[m1 * nm + m2];
            i1 += nm;
        }
    }
    return 0;
}

int symmetrizer_init(density_symmetrizer *z, const symmetry *sym, const fft_grid *coarse, const species_set *ss,
                     err *e)
{
    memset(z, 0, sizeof *z);
    z->sym = sym;
    z->ss = ss;
    memcpy(z->n, coarse->n, sizeof z->n);
    z->nc = fft_grid_points(coarse);
    if (sym->nsym <= 1) return 0;
    if (!symmetry_check_grid(sym, z->n))
        return err_set(e, EXIT_BAD_INPUT, "symmetry: the %dx%dx%d grid is not mapped onto itself by the %d operations",
                       z->n[0], z->n[1], z->n[2], sym->nsym);
    int na = ss->natoms, nimax = 1;
    z->R_a = xmalloc((na + 1) * sizeof *z->R_a);
    z->D_a = xmalloc((na + 1) * sizeof *z->D_a);
    z->R_a[0] = z->D_a[0] = 0;
    for (int a = 0; a < na; a++) {
        int ni = ss->ni_a[a];
        if (ni > nimax) nimax = ni;
        z->R_a[a + 1] = z->R_a[a] + (long)sym->nsym * ni * ni;
        z->D_a[a + 1] = z->D_a[a] + (long)ni * ni;
    }
    z->R_asii = xmalloc((z->R_a[na] > 0 ? z->R_a[na] : 1) * sizeof *z->R_asii);
    z->D_aii = xmalloc((z->D_a[na] > 0 ? z->D_a[na] : 1) * sizeof *z->D_aii);
    z->tmp_ii = xmalloc(2 * (size_t)nimax * nimax * sizeof *z->tmp_ii);
    z->work_G = xmalloc(z->nc * sizeof *z->work_G);
    for (int a = 0; a < na; a++)
        if (atom_rotations(sym, species_of(ss, a), ss->ni_a[a], z->R_asii + z->R_a[a], e)) {
            symmetrizer_free(z);
            return err_wrap(e, "atom %d", a);
        }
    return 0;
}

void symmetrizer_free(density_symmetrizer *z)
{
    free(z->work_G), free(z->R_asii), free(z->R_a), free(z->D_aii), free(z->D_a), free(z->tmp_ii);
    memset(z, 0, sizeof *z);
}

/* b[g U] += a[g] over the grid (GPAW's _gpaw.symmetrize, periodic axes). */
static void add_rotated(const int n[3], const int U[3][3], const double *a, double *b)
{
    const double *src = a;
    for (int g0 = 0; g0 < n[0]; g0++)
        for (int g1 = 0; g1 < n[1]; g1++) {
            long p[3];
            for (int c = 0; c < 3; c++) {
                long x = (long)U[0][c] * g0 + (long)U[1][c] * g1;
                p[c] = ((x % n[c]) + n[c]) % n[c];
            }
            int step[3] = {(U[2][0] + n[0]) % n[0], (U[2][1] + n[1]) % n[1], (U[2][2] + n[2]) % n[2]};
            for (int g2 = 0; g2 < n[2]; g2++) {
                b[(p[0] * n[1] + p[1]) * n[2] + p[2]] += *src++;
                for (int c = 0; c < 3; c++) {
                    p[c] += step[c];
                    if (p[c] >= n[c]) p[c] -= n[c];
                }
            }
        }
}

void symmetrize_density(density_symmetrizer *z, double *nt_sG, int nspins)
{
    const symmetry *sym = z->sym;
    if (sym->nsym <= 1) return;
    for (int s = 0; s < nspins; s++) {
        double *a = nt_sG + (size_t)s * z->nc;
        memset(z->work_G, 0, z->nc * sizeof *z->work_G);
        for (int k = 0; k < sym->nsym; k++) add_rotated(z->n, (const int(*)[3])sym->op[k], a, z->work_G);
        double f = 1.0 / sym->nsym;
        for (long i = 0; i < z->nc; i++) a[i] = z->work_G[i] * f;
    }
}

/* GPAW's unpack2: D_ij = D_p on the diagonal, D_p / 2 off it. */
static void unpack2(const double *Dp, int ni, double *D)
{
    for (int i = 0, p = 0; i < ni; i++)
        for (int j = i; j < ni; j++, p++) {
            double v = i == j ? Dp[p] : 0.5 * Dp[p];
            D[i * ni + j] = D[j * ni + i] = v;
        }
}

/* GPAW's pack: D_p = D_ii on the diagonal, D_ij + D_ji off it. */
static void pack(const double *D, int ni, double *Dp)
{
    for (int i = 0, p = 0; i < ni; i++)
        for (int j = i; j < ni; j++, p++) Dp[p] = i == j ? D[i * ni + i] : D[i * ni + j] + D[j * ni + i];
}

void symmetrize_D_asp(density_symmetrizer *z, double *D_asp, int nspins)
{
    const symmetry *sym = z->sym;
    const species_set *ss = z->ss;
    if (sym->nsym <= 1) return;
    int na = ss->natoms;
    for (int s = 0; s < nspins; s++) {
        for (int a = 0; a < na; a++)
            unpack2(D_asp + (size_t)nspins * ss->p_a[a] + (size_t)s * ss->np_a[a], ss->ni_a[a], z->D_aii + z->D_a[a]);
        for (int a = 0; a < na; a++) {
            int ni = ss->ni_a[a];
            double *acc = z->tmp_ii, *RD = z->tmp_ii + (size_t)ni * ni;
            memset(acc, 0, (size_t)ni * ni * sizeof *acc);
            for (int k = 0; k < sym->nsym; k++) {
                const double *R = z->R_asii + z->R_a[a] + (size_t)k * ni * ni;
                const double *D = z->D_aii + z->D_a[sym->a_sa[(size_t)k * na + a]];
                /* acc += R D R^T (ni <= ~30: plain loops beat BLAS call overhead here) */
                for (int i = 0; i < ni; i++)
                    for (int j = 0; j < ni; j++) {
                        double x = 0.0;
                        for (int m = 0; m < ni; m++) x += R[i * ni + m] * D[m * ni + j];
                        RD[i * ni + j] = x;
                    }
                for (int i = 0; i < ni; i++)
                    for (int j = 0; j < ni; j++) {
                        double x = 0.0;
                        for (int m = 0; m < ni; m++) x += RD[i * ni + m] * R[j * ni + m];
                        acc[i * ni + j] += x;
                    }
            }
            for (int i = 0; i < ni * ni; i++) acc[i] /= sym->nsym;
            pack(acc, ni, D_asp + (size_t)nspins * ss->p_a[a] + (size_t)s * ss->np_a[a]);
        }
    }
}
