/* Bader table and results-file group (report.h). Converts to eV/Angstrom units here only. */
#include "bader/report.h"
#include "core/elements.h"

#include <math.h>

#define ANG3 (BOHR_ANG * BOHR_ANG * BOHR_ANG)

void bader_report_print(FILE *out, const bader_grid *g, const bader_options *opt, int natoms, const int *numbers,
                        const double *zn, const bader_result *res, const char *density)
{
    double h[3];
    for (int i = 0; i < 3; i++)
        h[i] = sqrt(g->axis[i][0] * g->axis[i][0] + g->axis[i][1] * g->axis[i][1] + g->axis[i][2] * g->axis[i][2]);
    fprintf(out, "Bader charges: %s method on %s, grid %d x %d x %d (spacing %.4f %.4f %.4f Angstrom), pbc %d%d%d\n",
            bader_method_name(opt->method), density, g->n[0], g->n[1], g->n[2], h[0] * BOHR_ANG, h[1] * BOHR_ANG,
            h[2] * BOHR_ANG, g->pbc[0], g->pbc[1], g->pbc[2]);
    fprintf(out, "%6s %-4s %12s %10s %10s %14s\n", "atom", "", "population", "Z", "charge", "volume/A^3");
    double sum = 0;
    for (int a = 0; a < natoms; a++) {
        fprintf(out, "%6d %-4s %12.5f %10.3f %10.5f %14.4f\n", a, element_symbol(numbers[a]), res->population[a],
                zn[a], zn[a] - res->population[a], res->volume[a] * ANG3);
        sum += res->population[a];
    }
    if (opt->use_vacuum)
        fprintf(out, "vacuum (rho <= %.3g electrons/Angstrom^3): %.5f electrons in %.4f Angstrom^3 (%ld points)\n",
                opt->vacuum / ANG3, res->vacuum_charge, res->vacuum_volume * ANG3, res->nvacuum_points);
    else
        fprintf(out, "vacuum: off (every point belongs to an atom)\n");
    fprintf(out, "populations %.5f + vacuum %.5f = %.5f electrons (integral of the density %.5f)\n", sum,
            res->vacuum_charge, sum + res->vacuum_charge, res->total);
    fprintf(out, "basins: %d maxima, farthest %.3f Angstrom from its atom, %d farther than 0.79 Angstrom\n",
            res->nmaxima, res->max_distance * BOHR_ANG, res->far_maxima);
}

int bader_report_write(results *r, const bader_options *opt, int natoms, const double *zn, const bader_result *res,
                       const char *density, err *e)
{
    results_bader b = {.method = bader_method_name(opt->method),
                       .density = density,
                       .natoms = natoms,
                       .population = res ? res->population : NULL,
                       .nuclear_charge = zn,
                       .volume_bohr3 = res ? res->volume : NULL};
    double vc = res ? res->vacuum_charge : 0, vv = res ? res->vacuum_volume : 0, thr = opt->vacuum;
    if (results_write_bader(r, &b, e) ||
        results_write_array(r, "/bader/vacuum_charge", 0, NULL, &vc, RESULTS_ELECTRONS, e) ||
        results_write_array(r, "/bader/vacuum_volume", 0, NULL, &vv, RESULTS_VOLUME, e))
        return -1;
    if (opt->use_vacuum && results_write_array(r, "/bader/vacuum_threshold", 0, NULL, &thr, RESULTS_DENSITY, e))
        return -1;
    return 0;
}
