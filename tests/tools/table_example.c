/* Test helper for tests/cli/table.sh: writes adsorption tables through src/workflow/table.h
 * so Python can check them (XML parser, csv module). Not installed; not a test by itself.
 *
 *   table_example DIR    writes into DIR:
 *     big.csv big.svg big.txt   10 adsorbates (the molecule library) x 8 placements
 *                               (sites top-1, top-2, bridge-1, hollow-1 x flat/upright at
 *                               2.00 A), made-up energies between -1.6 and +0.3 eV, two
 *                               screening-stage rows, three failed rows, one not converged;
 *     odd.csv odd.svg           names that need escaping or quoting: A&B<1>, quotes, a
 *                               comma, a line break, a control character, non-ASCII text,
 *                               a name longer than the chart shows;
 *     empty.csv empty.svg       no rows.
 * tests/cli/table.sh knows these rows. Exit 0, or the err status with its message. */
#include "workflow/table.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static ads_row row(const char *ads, const char *placement, double eb)
{
    ads_row r = {.height_ang = NAN, .e_bind_ev = eb, .e_dft_ev = NAN, .e_d2_ev = NAN, .e_def_mol_ev = NAN,
                 .e_def_slab_ev = NAN, .charge_transfer_e = NAN, .stage = 2, .converged = 1};
    snprintf(r.adsorbate, sizeof r.adsorbate, "%s", ads);
    snprintf(r.placement, sizeof r.placement, "%s", placement);
    return r;
}

static int write_all(const char *dir, const char *name, const ads_row *rows, int n, const char *title)
{
    char path[4096];
    err e = {0};
    snprintf(path, sizeof path, "%s/%s.csv", dir, name);
    if (ads_table_write_csv(path, rows, n, &e)) return fprintf(stderr, "error: %s\n", e.msg), e.status;
    snprintf(path, sizeof path, "%s/%s.svg", dir, name);
    if (ads_chart_write_svg(path, rows, n, title, &e)) return fprintf(stderr, "error: %s\n", e.msg), e.status;
    return 0;
}

static int big(const char *dir)
{
    static const char *mol[] = {"H2O", "SN", "EC", "FEC", "DOL", "DME", "PEO", "LiTFSI", "TFSI-", "Li+"};
    static const char *site[] = {"top-1", "top-2", "bridge-1", "hollow-1"};
    ads_row rows[80];
    int n = 0;
    for (int m = 0; m < 10; m++)
        for (int p = 0; p < 8; p++) {
            char placement[96];
            const char *orient = p % 2 ? "upright" : "flat";
            snprintf(placement, sizeof placement, "%s/%s/2.00", site[p / 2], orient);
            /* deterministic, varied: deeper for bigger molecules, flat below upright */
            double eb = -0.25 - 0.12 * m + 0.35 * (p % 2) - 0.15 * sin(1.7 * m + 2.3 * p) + 0.05 * (p / 2);
            ads_row *r = &rows[n++];
            *r = row(mol[m], placement, eb);
            snprintf(r->site, sizeof r->site, "%s", site[p / 2]);
            snprintf(r->orientation, sizeof r->orientation, "%s", orient);
            r->height_ang = 2.0;
            r->e_d2_ev = -0.08 - 0.03 * m;
            r->e_dft_ev = eb - r->e_d2_ev;
            r->e_def_mol_ev = 0.02 + 0.01 * p;
            r->e_def_slab_ev = 0.05 + 0.005 * m;
            r->charge_transfer_e = -0.01 * (m + p % 3);
        }
    rows[3].stage = rows[19].stage = 1;
    rows[22].converged = 0;
    rows[30].status = 2, rows[30].e_bind_ev = rows[30].e_dft_ev = NAN;
    snprintf(rows[30].why, sizeof rows[30].why, "SCF not converged in 100 iterations");
    rows[57].status = 1, rows[57].e_bind_ev = rows[57].e_dft_ev = rows[57].e_d2_ev = NAN;
    snprintf(rows[57].why, sizeof rows[57].why, "placement refused: O 1.2 A from Li (minimum 1.5 A)");
    rows[58].status = 2;   /* failed after an energy: drawn hollow at its E_b */
    snprintf(rows[58].why, sizeof rows[58].why, "relaxation stopped: max_steps 200");
    char path[4096];
    snprintf(path, sizeof path, "%s/big.txt", dir);
    FILE *f = fopen(path, "w");
    if (!f) return fprintf(stderr, "error: %s: cannot create\n", path), 1;
    ads_table_print(f, rows, n);
    fclose(f);
    return write_all(dir, "big", rows, n, "LATP(001), 2x1: adsorption of electrolyte molecules (PBE+D2)");
}

static int odd(const char *dir)
{
    ads_row rows[] = {row("A&B<1>", "top-1/flat/2.00", -0.7),
                      row("A&B<1>", "complex \"cis\", 'relaxed'.xyz", -0.9),
                      row("x,y", "line\nbreak", -0.2),
                      row("ctl\x01" "char", "tab\there", 0.1),
                      row("Li\u207a in \u00c5", "\u00e9t\u00e9", -0.4),
                      row("a-very-long-adsorbate-name-that-goes-on-and-on-and-on-beyond-40", "p", -0.3)};
    return write_all(dir, "odd", rows, sizeof rows / sizeof rows[0], "odd <names> & \"quotes\"");
}

int main(int argc, char **argv)
{
    if (argc != 2) return fprintf(stderr, "usage: table_example DIR\n"), 1;
    int rc = big(argv[1]);
    if (!rc) rc = odd(argv[1]);
    if (!rc) rc = write_all(argv[1], "empty", NULL, 0, NULL);
    return rc;
}
