/* FFT grid sizes and plane-wave counts against GPAW 22.8 for the same cells and cutoffs.
 * Reference numbers: tests/reference/basis_counts.py (GPAW PW mode, symmetry off, so every
 * k-point of the Monkhorst-Pack grid is listed in ASE's order). Counts are integers and
 * must match exactly: the same cutoff sphere on the same grid. */
#include "basis/fft_grid.h"
#include "basis/pw_basis.h"
#include "cell/kpoints.h"
#include "core/units.h"
#include "tap.h"

#include <string.h>

static void cell_from_ang(double cell[3][3], const double ang[3][3])
{
    for (int i = 0; i < 3; i++)
        for (int j = 0; j < 3; j++) cell[i][j] = ang[i][j] / BOHR_ANG;
}

/* Checks grids and the per-k counts of a case; `counts` in the order of the full MP grid. */
static void check_case(const char *name, const double ang[3][3], double ecut_ev, const int kpts[3],
                       const int coarse[3], const int *counts, int ncounts, int sum, int real)
{
    double cell[3][3];
    cell_from_ang(cell, ang);
    fft_grid g, f;
    fft_grid_coarse(&g, cell, ecut_ev / HARTREE_EV);
    fft_grid_fine(&f, &g);
    ok(g.n[0] == coarse[0] && g.n[1] == coarse[1] && g.n[2] == coarse[2],
       "%s: coarse grid %dx%dx%d (GPAW %dx%dx%d)", name, g.n[0], g.n[1], g.n[2], coarse[0], coarse[1], coarse[2]);
    ok(f.n[0] == 2 * coarse[0] && f.n[1] == 2 * coarse[1] && f.n[2] == 2 * coarse[2], "%s: fine grid", name);
    kpoint_set ks;
    kpoints_monkhorst_pack(&ks, kpts, 0, 0);
    int total = 0, listed_ok = 1, first_bad = -1;
    for (int b = 0; b < ks.nbz; b++) {
        int n = pw_basis_count(&g, ks.bz[b], ecut_ev / HARTREE_EV, real);
        total += n;
        if (b < ncounts && n != counts[b] && first_bad < 0) listed_ok = 0, first_bad = b;
    }
    ok(listed_ok, "%s: per-k counts match GPAW's first %d k-points%s", name, ncounts,
       first_bad >= 0 ? " (first mismatch shown below)" : "");
    if (first_bad >= 0)
        printf("#   k %d: pawsorb %d, GPAW %d\n", first_bad,
               pw_basis_count(&g, ks.bz[first_bad], ecut_ev / HARTREE_EV, real), counts[first_bad]);
    ok(total == sum, "%s: %d coefficients summed over %d k (GPAW %d)", name, total, ks.nbz, sum);
    kpoints_free(&ks);
}

static void test_grids_and_counts(void)
{
    const double a_si = 5.43, a_lif = 4.03, a_al = 4.05, a_ti = 2.95, c_ti = 4.68;
    const double h2o[3][3] = {{8.0, 0, 0}, {0, 9.526478, 0}, {0, 0, 8.596309}};
    const double si[3][3] = {{0, a_si / 2, a_si / 2}, {a_si / 2, 0, a_si / 2}, {a_si / 2, a_si / 2, 0}};
    const double lif[3][3] = {{0, a_lif / 2, a_lif / 2}, {a_lif / 2, 0, a_lif / 2}, {a_lif / 2, a_lif / 2, 0}};
    const double al[3][3] = {{0, a_al / 2, a_al / 2}, {a_al / 2, 0, a_al / 2}, {a_al / 2, a_al / 2, 0}};
    const double tio2[3][3] = {{6.496897105541999, 0, 0}, {0, 5.918, 0}, {0, 0, 18.19324116996131}};
    const double hcp[3][3] = {{a_ti, 0, 0}, {-a_ti / 2, a_ti * 0.8660254037844386, 0}, {0, 0, c_ti}};

    const int one[3] = {1, 1, 1}, k4[3] = {4, 4, 4}, k8[3] = {8, 8, 8}, k332[3] = {3, 3, 2};
    /* GPAW: "11889 coefficients (5945 real)" for H2O at 400 eV, 40x45x40 / 80x90x80. */
    check_case("H2O 400 eV", h2o, 400, one, (int[]){40, 45, 40}, (int[]){5945}, 1, 5945, 1);
    check_case("H2O 400 eV complex", h2o, 400, one, (int[]){40, 45, 40}, (int[]){11889}, 1, 11889, 0);
    check_case("Si 400 eV 4x4x4", si, 400, k4, (int[]){18, 18, 18},
               (int[]){739, 724, 730, 722, 724, 733, 729, 721, 730, 729, 726, 721, 722, 721, 721, 722},
               16, 46468, 0);
    check_case("LiF 500 eV 4x4x4", lif, 500, k4, (int[]){15, 15, 15},
               (int[]){419, 420, 420, 412, 420, 411, 415, 414}, 8, 26572, 0);
    check_case("Al 400 eV 8x8x8", al, 400, k8, (int[]){14, 14, 14}, (int[]){296, 300, 307, 310}, 4, 154382, 0);
    check_case("TiO2(110)+H2O 400 eV", tio2, 400, one, (int[]){30, 28, 84}, (int[]){6377}, 1, 6377, 1);
    check_case("hcp Ti 350 eV 3x3x2", hcp, 350, k332, (int[]){14, 14, 21},
               (int[]){522, 522, 523, 523, 523, 523, 523, 523, 524, 524, 523, 523, 523, 523, 523, 523, 522, 522},
               18, 9412, 0);
}

static void test_fft_sizes(void)
{
    ok(fft_good_size(17, 1) == 18 && fft_good_size(11, 1) == 12 && fft_good_size(13, 1) == 14 &&
       fft_good_size(43, 1) == 45 && fft_good_size(1, 1) == 1,
       "efficient FFT sizes (GPAW: 17->18, 11->12, 13->14, 43->45)");
    ok(fft_good_size(17, 4) == 20, "divisibility constraint honoured");
}

static void test_kpoints(void)
{
    kpoint_set ks;
    kpoints_monkhorst_pack(&ks, (int[]){4, 4, 4}, 0, 1);
    double wsum = 0;
    for (int q = 0; q < ks.nk; q++) wsum += ks.weight[q];
    ok(ks.nbz == 64 && ks.nk == 32, "4x4x4 MP: 64 points, 32 after time reversal (got %d)", ks.nk);
    near(wsum, 1.0, 1e-14, "weights sum to one");
    near(ks.bz[0][0], -0.375, 1e-15, "first MP point at -3/8 as ASE's monkhorst_pack");
    kpoints_free(&ks);
    kpoints_monkhorst_pack(&ks, (int[]){4, 4, 1}, 1, 1);
    int has_gamma = 0;
    for (int b = 0; b < ks.nbz; b++)
        if (fabs(ks.bz[b][0]) + fabs(ks.bz[b][1]) + fabs(ks.bz[b][2]) < 1e-14) has_gamma = 1;
    ok(has_gamma && ks.nk == 10, "Gamma-centred 4x4x1 contains Gamma; 10 irreducible by time reversal (got %d)", ks.nk);
    ok(!kpoints_gamma_only(&ks), "4x4x1 is not Gamma-only");
    kpoints_free(&ks);
    kpoints_monkhorst_pack(&ks, (int[]){1, 1, 1}, 0, 1);
    ok(kpoints_gamma_only(&ks), "1x1x1 is Gamma-only");
    kpoints_free(&ks);
}

/* The density's spheres reach the grid edge, where GPAW's real (r2c) layout keeps the
 * +N/2 plane of the third axis: H2O at 400 eV, pd2 = ecut_dens on the coarse grid and
 * pd3 = 4 ecut_dens on the fine grid, ecut_dens = min(2 ecut, 0.5 pi^2 / max h_c^2)
 * (gpaw/pw/density.py). GPAW 22.8: 16825 and 134655 coefficients
 * (tests/reference/pwlfc_gpaw.py prints them). */
static void test_density_spheres(void)
{
    const double h2o[3][3] = {{8.0, 0, 0}, {0, 9.526478, 0}, {0, 0, 8.596309}};
    double cell[3][3];
    cell_from_ang(cell, h2o);
    fft_grid g, f;
    double ecut = 400 / HARTREE_EV;
    fft_grid_coarse(&g, cell, ecut);
    fft_grid_fine(&f, &g);
    double hmax2 = 0;
    for (int c = 0; c < 3; c++) {
        double h2 = (cell[c][0] * cell[c][0] + cell[c][1] * cell[c][1] + cell[c][2] * cell[c][2]) / (g.n[c] * g.n[c]);
        if (h2 > hmax2) hmax2 = h2;
    }
    double ecut0 = 0.5 * M_PI * M_PI / hmax2, ecut_dens = 2 * ecut < ecut0 ? 2 * ecut : ecut0;
    double k0[3] = {0, 0, 0};
    int n2 = pw_basis_count(&g, k0, ecut_dens, 1), n3 = pw_basis_count(&f, k0, 4 * ecut_dens, 1);
    ok(n2 == 16825, "H2O density sphere on the coarse grid: %d coefficients (GPAW 16825)", n2);
    ok(n3 == 134655, "H2O density sphere on the fine grid: %d coefficients (GPAW 134655)", n3);
}

int main(void)
{
    test_fft_sizes();
    test_kpoints();
    test_grids_and_counts();
    test_density_spheres();
    return tap_done();
}
