/* Adsorption table (src/workflow/table.h): ranking with NAN, failures and ties; the best
 * row per adsorbate across stages; the log table's fixed columns; CSV quoting, NAN as
 * empty fields, exact header and row text, read back, malformed files refused with file
 * and line; the SVG holds every name, escaped. XML well-formedness and Python's CSV
 * reading of the same files: tests/cli/table.sh. */
#include "workflow/table_internal.h"
#include "tap.h"

#include <ctype.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static ads_row row(const char *ads, const char *placement, double eb, int stage)
{
    ads_row r = {.height_ang = NAN, .e_bind_ev = eb, .e_dft_ev = NAN, .e_d2_ev = NAN, .e_def_mol_ev = NAN,
                 .e_def_slab_ev = NAN, .charge_transfer_e = NAN, .stage = stage, .converged = 1};
    snprintf(r.adsorbate, sizeof r.adsorbate, "%s", ads);
    snprintf(r.placement, sizeof r.placement, "%s", placement);
    return r;
}

static ads_row failed(const char *ads, const char *placement, double eb, const char *why)
{
    ads_row r = row(ads, placement, eb, 1);
    r.status = 2;
    snprintf(r.why, sizeof r.why, "%s", why);
    return r;
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[1 << 17];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    return buf;
}

static int count(const char *hay, const char *needle)
{
    int k = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle)) k++;
    return k;
}

static void test_sort(void)
{
    ads_row r[] = {row("H2O", "a", -0.5, 2),         row("H2O", "nan", NAN, 2),  row("SN", "b", -1.0, 2),
                   row("SN", "tie", -0.5, 2),        failed("SN", "f", -2.0, "SCF not converged"),
                   row("EC", "c", -0.1, 2),          failed("EC", "g", NAN, "refused"), row("EC", "neg0", -0.0, 2),
                   row("EC", "pos0", 0.0, 2)};
    int n = sizeof r / sizeof r[0];
    const char *want[] = {"b", "a", "tie", "c", "neg0", "pos0", "nan", "f", "g"};
    int order[9];
    ads_rank_order(r, n, order);
    int same = 1;
    for (int i = 0; i < n; i++) same = same && strcmp(r[order[i]].placement, want[i]) == 0;
    ok(same, "rank order: E_b ascending, equal E_b (-0.5, and -0 = +0) in given order, NAN and failed last in "
             "given order (failed -2.0 eV not ranked)");
    ads_rows_sort(r, n);
    same = 1;
    for (int i = 0; i < n; i++) same = same && strcmp(r[i].placement, want[i]) == 0;
    ok(same, "ads_rows_sort: the same order, rows moved");
    ads_rows_sort(r, n);
    same = 1;
    for (int i = 0; i < n; i++) same = same && strcmp(r[i].placement, want[i]) == 0;
    ok(same, "sorting a sorted set changes nothing (stable)");
    ads_rows_sort(r, 0);
    ok(!ads_row_ranked(&r[7]) && ads_row_ranked(&r[0]), "ads_row_ranked: failed no, finite E_b with status 0 yes");
}

static void test_best(void)
{
    ads_row r[] = {row("X", "screen-1", -1.5, 1), row("X", "full-1", -0.8, 2), row("X", "full-2", -0.9, 2),
                   row("X", "full-3", -0.9, 2),   failed("X", "bad", -3.0, "x"), failed("Y", "y1", NAN, "y"),
                   row("Z", "z-screen", -0.2, 1)};
    int n = sizeof r / sizeof r[0];
    ok(ads_rows_best(r, n, "X") == 2, "best of X: lowest E_b of stage 2 (-0.9, first of the tie), not the "
                                      "stage-1 -1.5 nor the failed -3.0");
    ok(ads_rows_best(r, n, "Y") == -1, "no best for an adsorbate with failed rows only");
    ok(ads_rows_best(r, n, "Z") == 6, "stage 1 is the best when an adsorbate has no stage 2");
    ok(ads_rows_best(r, n, "W") == -1, "unknown adsorbate: -1");
}

static void test_print(void)
{
    ads_row r[] = {row("H2O", "top-1/flat/2.00", -0.81234, 2), failed("LiTFSI", "bridge-2/upright/2.50", NAN, "SCF "
                                                                                                              "diverged"),
                   row("SN", "hollow-1/flat/2.00", -1.2, 2)};
    r[0].e_dft_ev = -0.6, r[0].e_d2_ev = -0.21234, r[0].charge_transfer_e = -0.031;
    r[2].converged = 0;
    char path[300];
    snprintf(path, sizeof path, "%s/table.txt", dir);
    FILE *f = fopen(path, "w");
    ads_table_print(f, r, 3);
    fclose(f);
    char *t = slurp(path);
    ok(t && strstr(t, "   1  SN "), "SN (-1.2 eV) ranks first");
    ok(t && strstr(t, "   2  H2O ") && strstr(t, "  -0.812   -0.600   -0.212 "), "H2O second, E_b DFT D2 to 1 meV");
    ok(t && strstr(t, "   -  LiTFSI ") && strstr(t, "failed (status 2): SCF diverged"), "failed row: rank -, why");
    ok(t && strstr(t, "ok, relaxation not converged"), "an unconverged relaxation is said");
    ok(t && strstr(t, "-0.031  ok\n"), "Bader charge transfer column");
    /* fixed width: the E_b values end under the header's "E_b" */
    const char *head = t ? strstr(t, "rank") : NULL;
    int col = head ? (int)(strstr(head, "E_b") - head) + 2 : -1, aligned = head != NULL;
    for (const char *l = head; l && *l && strncmp(l, "Best", 4); l = strchr(l, '\n') + 1) {
        aligned = aligned && (isdigit((unsigned char)l[col]) || l[col] == '-' || l[col] == 'b');
        aligned = aligned && l[col + 1] == ' ';
    }
    ok(aligned, "E_b column aligned in every line");
    ok(t && strstr(t, "\n  SN         hollow-1/flat/2.00     E_b   -1.200 eV (stage 2, relaxation not converged;") &&
           strstr(t, "\n  LiTFSI     no placement with an energy (1 placement, 1 failed)"),
       "best placement per adsorbate after the table");
    ok(t && strstr(t, "SN ") < strstr(t, "Best") && strstr(strstr(t, "Best"), "SN") < strstr(strstr(t, "Best"), "H2O"),
       "best list: most bound adsorbate first");
}

static void test_csv(void)
{
    ads_row r[] = {row("H2O", "top-1/flat/2.00", -0.812, 2), row("EC", "complex \"cis\", relaxed.xyz", -0.3, 2),
                   failed("SN", "s", NAN, "line one\nline \"two\", end")};
    snprintf(r[0].site, sizeof r[0].site, "top-1");
    snprintf(r[0].orientation, sizeof r[0].orientation, "flat");
    r[0].height_ang = 2, r[0].e_dft_ev = -0.601, r[0].e_d2_ev = -0.211, r[0].e_def_mol_ev = 0.045;
    r[0].charge_transfer_e = -0.032;
    r[1].e_def_slab_ev = 1e-7;
    char path[300], tmp[340];
    snprintf(path, sizeof path, "%s/table.csv", dir);
    err e = {0};
    ok(ads_table_write_csv(path, r, 3, &e) == 0, "write CSV %s", e.msg);
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    ok(access(tmp, F_OK) != 0, "no temporary file left");
    char *t = slurp(path);
    ok(t && strncmp(t, "rank,best,adsorbate,placement,site,orientation,height_A,stage,status,converged,e_bind_eV,"
                       "e_dft_eV,e_d2_eV,e_def_mol_eV,e_def_slab_eV,charge_transfer_e,why\n", 150) == 0,
       "header: names with units");
    ok(t && strstr(t, "\n1,1,H2O,top-1/flat/2.00,top-1,flat,2.000,2,0,1,-0.812000,-0.601000,-0.211000,0.045000,,"
                      "-0.0320,\n"),
       "first row exactly (NAN as an empty field)");
    ok(t && strstr(t, "\n2,1,EC,\"complex \"\"cis\"\", relaxed.xyz\",,,,2,0,1,-0.300000,,,,0.000000,,\n"),
       "a field with quotes and a comma quoted, quotes doubled");
    ok(t && strstr(t, "\n,0,SN,s,,,,1,2,1,,,,,,,\"line one\nline \"\"two\"\", end\"\n"),
       "failed row last: no rank, empty energies, a line break kept inside quotes");

    ads_row *back = NULL;
    int nb = 0;
    ok(ads_table_read_csv(path, &back, &nb, &e) == 0 && nb == 3, "read back: 3 rows %s", e.msg);
    ads_rows_sort(r, 3);   /* the file is in ranking order */
    int same = nb == 3;
    for (int i = 0; i < nb && same; i++) {
        const ads_row *a = &r[i], *b = &back[i];
        same = !strcmp(a->adsorbate, b->adsorbate) && !strcmp(a->placement, b->placement) &&
               !strcmp(a->site, b->site) && !strcmp(a->orientation, b->orientation) && !strcmp(a->why, b->why) &&
               a->stage == b->stage && a->status == b->status && a->converged == b->converged;
        const double *x = &a->e_bind_ev, *y = &b->e_bind_ev;   /* the 6 reals from e_bind_ev on */
        for (int k = 0; k < 6 && same; k++)
            same = isnan(x[k]) ? isnan(y[k]) : fabs(x[k] - y[k]) <= 5e-7 && !isnan(y[k]);
        same = same && (isnan(a->height_ang) ? isnan(b->height_ang) : fabs(a->height_ang - b->height_ang) < 5e-4);
    }
    ok(same, "every field read back (reals to 5e-7, NAN as NAN, quoted text exact)");
    free(back);
}

static void csv_refused(const char *text, const char *want, const char *what)
{
    char path[300];
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    ads_row *rows = NULL;
    int n = -1;
    err e = {0};
    int rc = ads_table_read_csv(path, &rows, &n, &e);
    ok(rc != 0 && e.status == EXIT_BAD_INPUT && strstr(e.msg, "bad.csv") && strstr(e.msg, want) && !rows && n == 0,
       "%s: %s", what, e.msg);
    free(rows);
}

static void test_csv_errors(void)
{
    const char *head = "adsorbate,placement,site,orientation,height_A,stage,status,converged,e_bind_eV,e_dft_eV,"
                       "e_d2_eV,e_def_mol_eV,e_def_slab_eV,charge_transfer_e,why\n";
    char text[1024];
    csv_refused("", "empty file", "empty file");
    csv_refused("adsorbate,placement\nH2O,a\n", ":1: no column 'site'", "missing column named");
    snprintf(text, sizeof text, "%sH2O,a,,,,2,0,1,-0.5,,,,,,\nH2O,b,,,,2,0,1,-0.5x,,,,,,\n", head);
    csv_refused(text, ":3: e_bind_eV: '-0.5x' is not a number", "bad number: line and column");
    snprintf(text, sizeof text, "%sH2O,a,,,,2,0,1,-0.5,,,,\n", head);
    csv_refused(text, ":2: 13 fields, the header has 15", "short row");
    snprintf(text, sizeof text, "%sH2O,\"a,,,,2,0,1,-0.5,,,,,,\n", head);
    csv_refused(text, ":2: unterminated quoted field", "unterminated quote");
    snprintf(text, sizeof text, "%sH2O,a,,,,two,0,1,-0.5,,,,,,\n", head);
    csv_refused(text, ":2: stage: 'two' is not an integer", "bad integer");

    /* extra columns (a spreadsheet's), CRLF line ends and a final line without one are read */
    char path[300];
    snprintf(path, sizeof path, "%s/extra.csv", dir);
    FILE *f = fopen(path, "w");
    fputs("note,adsorbate,placement,site,orientation,height_A,stage,status,converged,e_bind_eV,e_dft_eV,"
          "e_d2_eV,e_def_mol_eV,e_def_slab_eV,charge_transfer_e,why\r\n"
          "x,H2O,a,top,flat,2.1,2,0,1,-0.5,-0.4,-0.1,,,,\r\n\r\n"
          "y,SN,\"b\"\"\",,,,1,0,0,-1.25e-1,,,,,-0.25,", f);
    fclose(f);
    ads_row *rows = NULL;
    int n = 0;
    err e = {0};
    int rc = ads_table_read_csv(path, &rows, &n, &e);
    ok(rc == 0 && n == 2 && !strcmp(rows[0].orientation, "flat") && rows[0].height_ang == 2.1 &&
           !strcmp(rows[1].placement, "b\"") && rows[1].e_bind_ev == -0.125 && rows[1].charge_transfer_e == -0.25 &&
           isnan(rows[1].e_dft_ev) && rows[1].converged == 0,
       "extra column, CRLF, blank line, no final line end: read %s", e.msg);
    free(rows);
}

static void test_svg(void)
{
    ads_row r[] = {row("H2O", "top-1/flat/2.00", -0.8, 2), row("H2O", "top-1/upright/2.00", -0.5, 2),
                   row("A&B<1>", "bridge \"q\" 'x'", -1.1, 2), failed("A&B<1>", "hollow", NAN, "SCF <diverged>"),
                   row("SN", "top-2/flat/2.00", 0.2, 1), failed("DME", "only", NAN, "refused")};
    char path[300];
    snprintf(path, sizeof path, "%s/chart.svg", dir);
    err e = {0};
    ok(ads_chart_write_svg(path, r, 6, "LATP(001) & solvents", &e) == 0, "write SVG %s", e.msg);
    char *t = slurp(path);
    ok(t && !strncmp(t, "<?xml version=\"1.0\" encoding=\"UTF-8\"", 36) && strstr(t, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"") &&
           strstr(t, "</svg>\n"),
       "an SVG 1.1 document");
    ok(t && strstr(t, ">H2O</text>") && strstr(t, ">SN</text>") && strstr(t, ">DME</text>"),
       "every adsorbate name written as text");
    ok(t && strstr(t, ">A&amp;B&lt;1&gt;</text>") && !strstr(t, "A&B") && !strstr(t, "<1>"),
       "A&B<1> escaped, never raw");
    ok(t && strstr(t, "bridge &quot;q&quot; &apos;x&apos;") && strstr(t, "SCF &lt;diverged&gt;"),
       "quotes in a placement and < > in a reason escaped");
    ok(t && strstr(t, ">LATP(001) &amp; solvents</text>") && strstr(t, "<title>LATP(001) &amp; solvents</title>"),
       "title escaped");
    ok(t && count(t, "<g><title>") == 6, "one mark per row, each with a tooltip");
    ok(t && count(t, "r=\"6\" fill=\"#e8590c\"") == 1 + 2 && strstr(t, "m0 -7l7 7l-7 7l-7 -7z\" fill=\"#e8590c\""),
       "best of H2O and A&B<1> as large orange circles (and the legend's), SN's (stage 1) an orange diamond");
    ok(t && count(t, "fill=\"white\" stroke=\"#b03a2e\"") == 2 + 1, "two failed rows hollow (and the legend's)");
    ok(t && strstr(t, "best \u22121.100 eV") && strstr(t, ">no E_b</text>"), "best value under each name");
    ok(t && strstr(t, "binding energy E<tspan") && strstr(t, ">(eV)</tspan>"), "y axis labelled in eV");

    err e2 = {0};
    ok(ads_chart_write_svg("/nonexistent-dir/chart.svg", r, 6, NULL, &e2) != 0 &&
           strstr(e2.msg, "/nonexistent-dir/chart.svg") && strstr(e2.msg, "cannot create"),
       "unwritable path: error names it: %s", e2.msg);
    snprintf(path, sizeof path, "%s/empty.svg", dir);
    ok(ads_chart_write_svg(path, r, 0, NULL, &e) == 0 && (t = slurp(path)) && strstr(t, "No placements."),
       "no rows: a chart that says so");
}

int main(void)
{
    snprintf(dir, sizeof dir, "%s/test_table.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (!mkdtemp(dir)) return printf("not ok 1 - cannot create a directory in %s\n", dir), 1;
    test_sort();
    test_best();
    test_print();
    test_csv();
    test_csv_errors();
    test_svg();
    const char *names[] = {"table.txt", "table.csv", "bad.csv", "extra.csv", "chart.svg", "empty.svg"};
    for (int i = 0; i < 6; i++) {
        char p[300];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        remove(p);
    }
    ok(rmdir(dir) == 0, "nothing else left in the test directory");
    return tap_done();
}
