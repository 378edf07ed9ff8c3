/* The adsorption chart as a standalone SVG 1.1 file (table.h): binding energies grouped by
 * adsorbate, one lollipop mark per placement. Sizes are in px; text widths are estimated
 * (text_width) to keep labels apart: groups widen to fit their names, the band of
 * rotated placement labels grows with the longest label. */
#include "workflow/table_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

enum {
    SLOT = 18,           /* horizontal room per placement mark: more than the 10 px labels' height */
    GROUP_PAD = 10,      /* inside each side of a group's band */
    LEFT = 82, RIGHT = 24,
    PLOT_TOP = 86, PLOT_H = 320,
    STRIP_H = 26,        /* the failed strip under the plot */
    LABEL_CHARS = 28,    /* placement labels longer than this are shortened (tooltip: full) */
    NAME_CHARS = 40,     /* adsorbate names likewise */
    TITLE_CHARS = 120,
};
#define FONT "DejaVu Sans, Helvetica, Arial, sans-serif"

typedef struct {
    double lo, hi, step; /* y axis range and tick step, eV */
    double width, height;
    double strip_top;    /* failed strip (only if has_strip) */
    double labels_top;   /* top of the rotated placement labels */
    double names_y;      /* baseline of the adsorbate names */
    int has_strip, has_screening, has_failed;
} chart_layout;

/* ---- Text --------------------------------------------------------------------------- */

/* Characters of UTF-8 text (continuation bytes not counted). */
static int text_chars(const char *s)
{
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Bytes of the valid UTF-8 sequence starting at s, or 0 if it is not one. */
static int utf8_seq(const unsigned char *s)
{
    int len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 2 && s[0] < 0xC2) return 0;
    /* overlong forms, UTF-16 surrogates and code points past U+10FFFF are not characters */
    if (len == 3 && ((s[0] == 0xE0 && s[1] < 0xA0) || (s[0] == 0xED && s[1] >= 0xA0))) return 0;
    if (len == 4 && (s[0] > 0xF4 || (s[0] == 0xF0 && s[1] < 0x90) || (s[0] == 0xF4 && s[1] >= 0x90))) return 0;
    for (int i = 1; i < len; i++)
        if ((s[i] & 0xC0) != 0x80) return 0;
    return len;
}

/* Writes s as XML character data, at most max characters (then an ellipsis): the five
 * markup characters as entities; control characters and bytes that are not UTF-8, which
 * XML 1.0 cannot hold at all, as '?'. */
static void put_xml(FILE *f, const char *text, int max)
{
    const unsigned char *s = (const unsigned char *)text;
    for (int chars = 0; *s; chars++) {
        if (chars == max - 1 && text_chars((const char *)s) > 1) {
            fputs("\u2026", f);
            return;
        }
        int len = utf8_seq(s);
        if (len == 0 || (len == 1 && *s < 0x20 && *s != '\t')) fputc('?', f), len = len ? len : 1;
        else if (*s == '&') fputs("&amp;", f);
        else if (*s == '<') fputs("&lt;", f);
        else if (*s == '>') fputs("&gt;", f);
        else if (*s == '"') fputs("&quot;", f);
        else if (*s == '\'') fputs("&apos;", f);
        else fwrite(s, 1, (size_t)len, f);
        s += len;
    }
}

/* <text x y ATTRS>TEXT</text>, TEXT escaped and shortened to max characters. */
static void svg_text(FILE *f, double x, double y, const char *attrs, const char *text, int max)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" %s>", x, y, attrs);
    put_xml(f, text, max);
    fputs("</text>\n", f);
}

/* Estimated width in px of the first max characters of s at font size `size`: DejaVu
 * Sans advance widths (1/2048 em) rounded up by class: narrow punctuation and i j l r t f
 * 0.40 em, capitals and m w 0.80, others (digits 0.64, most lower case 0.61) 0.64. */
static double text_width(const char *s, int max, double size)
{
    double w = 0;
    for (int chars = 0; *s && chars < max; s++) {
        unsigned char c = (unsigned char)*s;
        if ((c & 0xC0) == 0x80) continue;
        chars++;
        w += c < 0x80 && strchr(" !'(),-./:;[]`|ijlrtf", c) ? 0.40 : (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w' ? 0.80 : 0.64;
    }
    return w * size;
}

/* "-0.812" with a typographic minus, as tick labels and values are set. */
static void format_ev(char *buf, size_t size, double x, int decimals)
{
    if (fabs(x) < 0.5 * pow(10, -decimals)) x = 0;
    snprintf(buf, size, "%s%.*f", x < 0 ? "\u2212" : "", decimals, fabs(x));
}

/* ---- Layout ------------------------------------------------------------------------- */

/* Width of a group's band: its marks, or its name and best value if wider. */
static double group_width(const ads_group *g)
{
    double marks = g->count * SLOT;
    double name = 1.1 * text_width(g->name, NAME_CHARS, 13);   /* bold */
    double value = text_width("best -12.345 eV", 20, 11);
    double w = marks > name ? marks : name;
    return (w > value ? w : value) + 2 * GROUP_PAD;
}

/* A y range holding every finite E_b and zero, on ticks 1, 2 or 5 x 10^k apart. */
static void layout_range(chart_layout *L, const ads_row *rows, int n)
{
    double lo = 0, hi = 0;
    for (int i = 0; i < n; i++)
        if (isfinite(rows[i].e_bind_ev)) lo = fmin(lo, rows[i].e_bind_ev), hi = fmax(hi, rows[i].e_bind_ev);
    if (hi - lo < 1e-3) lo -= 0.5, hi += 0.5;
    double pad = 0.05 * (hi - lo), raw = (hi - lo + 2 * pad) / 6, p = pow(10, floor(log10(raw)));
    double f = raw / p;
    L->step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    L->lo = floor((lo - pad) / L->step) * L->step;
    L->hi = ceil((hi + pad) / L->step) * L->step;
}

static double y_of(const chart_layout *L, double v) { return PLOT_TOP + PLOT_H * (L->hi - v) / (L->hi - L->lo); }

static void layout_chart(chart_layout *L, const ads_row *rows, int n, const double *gw, int ng, const char *title)
{
    memset(L, 0, sizeof *L);
    layout_range(L, rows, n);
    double longest = 0;
    for (int i = 0; i < n; i++) {
        longest = fmax(longest, text_width(rows[i].placement, LABEL_CHARS, 10));
        L->has_screening |= ads_row_ranked(&rows[i]) && rows[i].stage == 1;
        L->has_failed |= !ads_row_ranked(&rows[i]);
        L->has_strip |= !isfinite(rows[i].e_bind_ev);
    }
    double x = LEFT;
    for (int g = 0; g < ng; g++) x += gw[g];
    /* at least as wide as the subtitle (about 700 px) and the title (16 px bold) */
    double title_w = LEFT + 1.1 * text_width(title, TITLE_CHARS, 16) + RIGHT;
    L->width = fmax(fmax(x + RIGHT, 780), title_w);
    L->strip_top = PLOT_TOP + PLOT_H + 8;
    L->labels_top = (L->has_strip ? L->strip_top + STRIP_H : PLOT_TOP + PLOT_H) + 8;
    L->names_y = L->labels_top + longest + 20;
    L->height = L->names_y + 15 + 34;
}

/* ---- Drawing ------------------------------------------------------------------------ */

static void draw_header(FILE *f, const chart_layout *L, const char *title)
{
    fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
               "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"%.0f\" height=\"%.0f\" "
               "viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\" font-size=\"11\" fill=\"#222\">\n<title>",
            L->width, L->height, L->width, L->height, FONT);
    put_xml(f, title, 1000);
    fprintf(f, "</title>\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    svg_text(f, LEFT, 26, "font-size=\"16\" font-weight=\"bold\"", title, TITLE_CHARS);
    svg_text(f, LEFT, 45, "fill=\"#555\"",
             "E_b = E(complex) \u2212 E(slab) \u2212 E(molecule) = DFT + D2; negative: bound. "
             "Groups and marks: most bound first.", 200);
}

/* One legend entry at x: a marker drawn by `shape` and its text; returns the next x. */
static double legend_item(FILE *f, double x, const char *shape, const char *text)
{
    fprintf(f, shape, x + 6, 63.0);
    svg_text(f, x + 16, 67, "", text, 80);
    return x + 16 + text_width(text, 80, 11) + 22;
}

#define CIRCLE "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"#3b6ea5\"/>\n"
#define DIAMOND "<path d=\"M%.1f %.1fm0 -5.5l5.5 5.5l-5.5 5.5l-5.5 -5.5z\" fill=\"#93b7dc\"/>\n"
#define BEST "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"#e8590c\" stroke=\"#8a3205\" stroke-width=\"1.2\"/>\n"
#define HOLLOW "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"white\" stroke=\"#b03a2e\" stroke-width=\"1.5\"/>\n"

static void draw_legend(FILE *f, const chart_layout *L)
{
    double x = legend_item(f, LEFT, CIRCLE, "full protocol");
    if (L->has_screening) x = legend_item(f, x, DIAMOND, "screening stage");
    x = legend_item(f, x, BEST, "best per adsorbate");
    if (L->has_failed) legend_item(f, x, HOLLOW, L->has_strip ? "failed (no E_b: strip under the axis)" : "failed");
}

static void draw_axes(FILE *f, const chart_layout *L)
{
    int decimals = L->step >= 1 ? 0 : (int)ceil(-log10(L->step) - 1e-9);
    double right = L->width - RIGHT;
    for (double v = L->lo; v <= L->hi + 1e-9 * L->step; v += L->step) {
        double y = y_of(L, v);
        char label[32];
        format_ev(label, sizeof label, v, decimals);
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e2e2e2\"/>\n", LEFT - 4, y, right, y);
        svg_text(f, LEFT - 7, y + 4, "text-anchor=\"end\"", label, 20);
    }
    double y0 = y_of(L, 0);
    fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\" stroke-width=\"1.2\"/>\n", LEFT, y0,
            right, y0);
    fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>\n", LEFT, PLOT_TOP, LEFT,
            PLOT_TOP + PLOT_H);
    fprintf(f, "<text transform=\"translate(24 %.1f) rotate(-90)\" text-anchor=\"middle\" font-size=\"13\">"
               "binding energy E<tspan dy=\"3\" font-size=\"10\">b</tspan><tspan dx=\"4\" dy=\"-3\">(eV)</tspan></text>\n",
            PLOT_TOP + PLOT_H / 2.0);
    if (L->has_strip) {
        svg_text(f, LEFT - 7, L->strip_top + STRIP_H / 2.0 + 4, "text-anchor=\"end\" fill=\"#b03a2e\"", "failed", 10);
        fprintf(f, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#e2e2e2\" stroke-dasharray=\"3 3\"/>\n",
                LEFT, L->strip_top + STRIP_H / 2.0, right, L->strip_top + STRIP_H / 2.0);
    }
}

/* Appends to text[*k..size), never past its end. */
static void appendf(char *text, size_t size, size_t *k, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void appendf(char *text, size_t size, size_t *k, const char *fmt, ...)
{
    if (*k >= size - 1) return;
    va_list ap;
    va_start(ap, fmt);
    int m = vsnprintf(text + *k, size - *k, fmt, ap);
    va_end(ap);
    *k = m < 0 ? size - 1 : *k + (size_t)m < size - 1 ? *k + (size_t)m : size - 1;
}

/* "%.3f", or "n/a" for NAN */
static const char *num(char buf[32], double x)
{
    if (isfinite(x)) snprintf(buf, 32, "%.3f", x);
    else strcpy(buf, "n/a");
    return buf;
}

/* The mark's <title>, a tooltip in browsers: every number of the row. */
static void mark_title(FILE *f, const ads_row *r)
{
    char text[700], a[32], b[32], c[32];
    size_t k = 0;
    appendf(text, sizeof text, &k, "%s, %s: ", r->adsorbate, r->placement);
    if (isfinite(r->e_bind_ev))
        appendf(text, sizeof text, &k, "E_b %.3f eV (DFT %s, D2 %s)", r->e_bind_ev, num(a, r->e_dft_ev),
                num(b, r->e_d2_ev));
    else
        appendf(text, sizeof text, &k, "no E_b");
    if (isfinite(r->e_def_mol_ev) || isfinite(r->e_def_slab_ev))
        appendf(text, sizeof text, &k, "; deformation mol %s, slab %s eV", num(a, r->e_def_mol_ev),
                num(b, r->e_def_slab_ev));
    if (isfinite(r->charge_transfer_e)) appendf(text, sizeof text, &k, "; Bader charge %s e", num(c, r->charge_transfer_e));
    appendf(text, sizeof text, &k, "; stage %d, %s", r->stage,
            r->status ? "failed" : r->converged ? "converged" : "relaxation not converged");
    if (r->why[0]) appendf(text, sizeof text, &k, ": %s", r->why);
    fputs("<title>", f);
    put_xml(f, text, (int)sizeof text);
    fputs("</title>", f);
}

static void draw_mark(FILE *f, const chart_layout *L, const ads_row *r, double x, int best)
{
    double y0 = y_of(L, 0);
    fputs("<g>", f);
    mark_title(f, r);
    if (!ads_row_ranked(r)) {
        fprintf(f, HOLLOW, x, isfinite(r->e_bind_ev) ? y_of(L, r->e_bind_ev) : L->strip_top + STRIP_H / 2.0);
    } else {
        double y = y_of(L, r->e_bind_ev);
        const char *color = best ? "#e8590c" : r->stage == 1 ? "#93b7dc" : "#3b6ea5";
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>\n", x,
                y0, x, y, color);
        if (best && r->stage == 1)
            fprintf(f, "<path d=\"M%.1f %.1fm0 -7l7 7l-7 7l-7 -7z\" fill=\"#e8590c\" stroke=\"#8a3205\"/>\n", x, y);
        else fprintf(f, best ? BEST : r->stage == 1 ? DIAMOND : CIRCLE, x, y);
    }
    fputs("</g>\n", f);
}

/* One adsorbate: its marks in ranking order, placement labels, name, best value. */
static void draw_group(FILE *f, const chart_layout *L, const ads_row *rows, int n, const int *order,
                       const ads_group *g, double x0, double w)
{
    double x = x0 + (w - g->count * SLOT) / 2 + SLOT / 2.0;
    for (int i = 0; i < n; i++) {
        const ads_row *r = &rows[order[i]];
        if (strcmp(r->adsorbate, g->name) != 0) continue;
        draw_mark(f, L, r, x, order[i] == g->best);
        fprintf(f, "<text transform=\"translate(%.1f %.1f) rotate(-90)\" text-anchor=\"end\" font-size=\"10\"%s>",
                x + 3.5, L->labels_top, ads_row_ranked(r) ? "" : " fill=\"#999\"");
        put_xml(f, r->placement, LABEL_CHARS);
        fputs("</text>\n", f);
        x += SLOT;
    }
    svg_text(f, x0 + w / 2, L->names_y, "text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\"", g->name,
             NAME_CHARS);
    char value[64] = "no E_b", num[32];
    if (g->best >= 0) {
        format_ev(num, sizeof num, rows[g->best].e_bind_ev, 3);
        snprintf(value, sizeof value, "best %s eV", num);
    }
    svg_text(f, x0 + w / 2, L->names_y + 15, "text-anchor=\"middle\" fill=\"#8a3205\"", value, 40);
}

static void draw_note(FILE *f, const chart_layout *L, int n, int ng, const ads_group *groups)
{
    int failed = 0;
    for (int g = 0; g < ng; g++) failed += groups[g].failed;
    char note[256];
    snprintf(note, sizeof note,
             "%d placement%s of %d adsorbate%s, %d failed. Full numbers: hover a mark, or the CSV table.", n,
             n == 1 ? "" : "s", ng, ng == 1 ? "" : "s", failed);
    svg_text(f, LEFT, L->height - 12, "fill=\"#555\"", n ? note : "No placements.", 200);
    if (!n)
        svg_text(f, (LEFT + L->width - RIGHT) / 2, PLOT_TOP + PLOT_H / 4.0, "text-anchor=\"middle\" font-size=\"14\" fill=\"#888\"",
                 "no placements to show", 40);
}

static void write_chart(FILE *f, const ads_row *rows, int n, const char *title, const int *order,
                       ads_group *groups, double *gw)
{
    int ng = ads_group_list(rows, n, groups);
    for (int g = 0; g < ng; g++) gw[g] = group_width(&groups[g]);
    if (!title) title = "Adsorption energies";
    chart_layout L;
    layout_chart(&L, rows, n, gw, ng, title);
    draw_header(f, &L, title);
    draw_legend(f, &L);
    double x = LEFT;
    for (int g = 0; g < ng; x += gw[g++])   /* every other group's band shaded */
        if (g % 2 == 0)
            fprintf(f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"#f1f4f8\"/>\n", x, PLOT_TOP,
                    gw[g], L.names_y + 20 - PLOT_TOP);
    draw_axes(f, &L);
    x = LEFT;
    for (int g = 0; g < ng; g++) {
        draw_group(f, &L, rows, n, order, &groups[g], x, gw[g]);
        x += gw[g];
    }
    draw_note(f, &L, n, ng, groups);
    fputs("</svg>\n", f);
}

int ads_chart_write_svg(const char *path, const ads_row *rows, int n, const char *title, err *e)
{
    size_t m = n > 0 ? (size_t)n : 1;
    int *order = malloc(m * sizeof *order);
    ads_group *groups = malloc(m * sizeof *groups);
    double *gw = malloc(m * sizeof *gw);
    table_file t = {0};
    int rc = !order || !groups || !gw ? err_set(e, EXIT_RUN_FAILED, "%s: out of memory for %d rows", path, n)
                                      : table_file_open(&t, path, e);
    if (!rc) {
        ads_rank_order(rows, n, order);
        write_chart(t.f, rows, n, title, order, groups, gw);
        rc = table_file_commit(&t, e);
    }
    free(order), free(groups), free(gw);
    return rc;
}
