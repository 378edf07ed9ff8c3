/* Ranking of adsorption rows and the log table (table.h); the atomic output files shared
 * with the CSV and SVG writers (table_internal.h). */
#include "workflow/table_internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int ads_row_ranked(const ads_row *r) { return r->status == 0 && isfinite(r->e_bind_ev); }

/* 1 if a ranks strictly before b: lower E_b first, unranked rows after every ranked one.
 * Equal keys are not "before", which keeps the sorts below stable. */
static int ranks_before(const ads_row *a, const ads_row *b)
{
    int ra = ads_row_ranked(a), rb = ads_row_ranked(b);
    if (ra != rb) return ra;
    return ra && a->e_bind_ev < b->e_bind_ev;
}

/* Insertion sorts: a workflow has tens to a few hundred rows (each one hours of DFT), so
 * n^2/4 comparisons cost nothing, and insertion sort is stable without scratch memory. */
void ads_rank_order(const ads_row *rows, int n, int *order)
{
    for (int i = 0; i < n; i++) {
        int k = i, j = i;
        for (; j > 0 && ranks_before(&rows[k], &rows[order[j - 1]]); j--) order[j] = order[j - 1];
        order[j] = k;
    }
}

void ads_rows_sort(ads_row *rows, int n)
{
    for (int i = 1; i < n; i++) {
        ads_row r = rows[i];
        int j = i;
        for (; j > 0 && ranks_before(&r, &rows[j - 1]); j--) rows[j] = rows[j - 1];
        rows[j] = r;
    }
}

int ads_rows_best(const ads_row *rows, int n, const char *adsorbate)
{
    int best = -1;
    for (int i = 0; i < n; i++) {
        const ads_row *r = &rows[i];
        if (!ads_row_ranked(r) || strcmp(r->adsorbate, adsorbate) != 0) continue;
        if (best < 0 || r->stage > rows[best].stage ||
            (r->stage == rows[best].stage && r->e_bind_ev < rows[best].e_bind_ev))
            best = i;
    }
    return best;
}

/* ---- The log table ------------------------------------------------------------------ */

static void print_number(FILE *out, int width, int decimals, double x)
{
    if (fabs(x) < 0.5 * pow(10, -decimals)) x = 0;   /* no "-0.000" */
    if (isfinite(x)) fprintf(out, " %*.*f", width, decimals, x);
    else fprintf(out, " %*s", width, "-");
}

static void print_status(FILE *out, const ads_row *r)
{
    if (r->status != 0)
        fprintf(out, "failed (status %d)%s%s", r->status, r->why[0] ? ": " : "", r->why);
    else if (!isfinite(r->e_bind_ev))
        fprintf(out, "not computed%s%s", r->why[0] ? ": " : "", r->why);
    else
        fprintf(out, "%s", r->converged ? "ok" : "ok, relaxation not converged");
}

/* The table's rows in ranking order; wa, wp: widths of the adsorbate and placement columns. */
static void print_rows(FILE *out, const ads_row *rows, int n, const int *order, int wa, int wp)
{
    fprintf(out, "%4s  %-*s  %-*s %5s %8s %8s %8s %8s %8s %7s  %s\n", "rank", wa, "adsorbate", wp, "placement",
            "stage", "E_b", "DFT", "D2", "def_mol", "def_slab", "q_Bader", "status");
    int rank = 0;
    for (int i = 0; i < n; i++) {
        const ads_row *r = &rows[order[i]];
        if (ads_row_ranked(r)) fprintf(out, "%4d", ++rank);
        else fprintf(out, "%4s", "-");
        fprintf(out, "  %-*s  %-*s %5d", wa, r->adsorbate, wp, r->placement, r->stage);
        print_number(out, 8, 3, r->e_bind_ev);
        print_number(out, 8, 3, r->e_dft_ev);
        print_number(out, 8, 3, r->e_d2_ev);
        print_number(out, 8, 3, r->e_def_mol_ev);
        print_number(out, 8, 3, r->e_def_slab_ev);
        print_number(out, 7, 3, r->charge_transfer_e);
        fputs("  ", out);
        print_status(out, r);
        fputc('\n', out);
    }
}

/* Distinct adsorbates in order of first appearance, then stably by their best E_b. */
int ads_group_list(const ads_row *rows, int n, ads_group *groups)
{
    int ng = 0;
    for (int i = 0; i < n; i++) {
        int g = 0;
        while (g < ng && strcmp(groups[g].name, rows[i].adsorbate) != 0) g++;
        if (g == ng) groups[ng++] = (ads_group){rows[i].adsorbate, ads_rows_best(rows, n, rows[i].adsorbate), 0, 0};
        groups[g].count++;
        groups[g].failed += rows[i].status != 0;
    }
    for (int i = 1; i < ng; i++) {
        ads_group x = groups[i];
        int j = i;
        for (; j > 0 && x.best >= 0 && (groups[j - 1].best < 0 || rows[x.best].e_bind_ev < rows[groups[j - 1].best].e_bind_ev);
             j--)
            groups[j] = groups[j - 1];
        groups[j] = x;
    }
    return ng;
}

static void print_best(FILE *out, const ads_row *rows, int n, ads_group *groups, int wa, int wp)
{
    int ng = ads_group_list(rows, n, groups);
    fprintf(out, "Best placement per adsorbate (lowest E_b of its highest stage):\n");
    for (int g = 0; g < ng; g++) {
        const ads_group *G = &groups[g];
        const ads_row *b = G->best >= 0 ? &rows[G->best] : NULL;
        fprintf(out, "  %-*s  ", wa, G->name);
        if (b)
            fprintf(out, "%-*s  E_b %8.3f eV (stage %d%s; ", wp, b->placement, b->e_bind_ev, b->stage,
                    b->converged ? "" : ", relaxation not converged");
        else
            fprintf(out, "no placement with an energy (");
        fprintf(out, "%d placement%s, %d failed)\n", G->count, G->count == 1 ? "" : "s", G->failed);
    }
}

void ads_table_print(FILE *out, const ads_row *rows, int n)
{
    if (!out) return;
    fprintf(out, "Adsorption: E_b = E(complex) - E(slab) - E(molecule) = DFT + D2, eV (negative: bound); "
                 "def_mol, def_slab: deformation energies, eV; q_Bader: net Bader charge of the adsorbate, e\n");
    if (n <= 0) {
        fprintf(out, "(no placements)\n");
        return;
    }
    int *order = malloc((size_t)n * sizeof *order);
    ads_group *groups = malloc((size_t)n * sizeof *groups);
    if (!order || !groups) {
        fprintf(out, "(the table of %d placements cannot be printed: out of memory)\n", n);
    } else {
        int wa = (int)strlen("adsorbate"), wp = (int)strlen("placement");
        for (int i = 0; i < n; i++) {
            int la = (int)strlen(rows[i].adsorbate), lp = (int)strlen(rows[i].placement);
            wa = la > wa ? la : wa, wp = lp > wp ? lp : wp;
        }
        ads_rank_order(rows, n, order);
        print_rows(out, rows, n, order, wa, wp);
        print_best(out, rows, n, groups, wa, wp);
    }
    free(order);
    free(groups);
}

/* ---- Atomic output files ------------------------------------------------------------ */

int table_file_open(table_file *t, const char *path, err *e)
{
    t->f = NULL;
    if (strlen(path) >= sizeof t->path) return err_set(e, EXIT_BAD_INPUT, "%.200s...: path too long", path);
    snprintf(t->path, sizeof t->path, "%s", path);
    snprintf(t->tmp, sizeof t->tmp, "%s.tmp.%ld", path, (long)getpid());
    t->f = fopen(t->tmp, "w");
    if (!t->f) return err_set(e, EXIT_BAD_INPUT, "%s: cannot create (as %s): %s", path, t->tmp, strerror(errno));
    return 0;
}

int table_file_commit(table_file *t, err *e)
{
    int bad = ferror(t->f) || fflush(t->f) != 0 || fsync(fileno(t->f)) != 0;
    int saved = errno;
    bad = fclose(t->f) != 0 || bad;
    t->f = NULL;
    if (bad) {
        remove(t->tmp);
        return err_set(e, EXIT_RUN_FAILED, "%s: writing %s failed (disk full?): %s", t->path, t->tmp,
                       strerror(saved ? saved : errno));
    }
    if (rename(t->tmp, t->path) != 0) {
        saved = errno;
        remove(t->tmp);
        return err_set(e, EXIT_RUN_FAILED, "%s: cannot rename %s over it: %s", t->path, t->tmp, strerror(saved));
    }
    return 0;
}

void table_file_abandon(table_file *t)
{
    if (t->f) fclose(t->f);
    t->f = NULL;
    remove(t->tmp);
}
