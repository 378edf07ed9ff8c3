/* Bowyer-Watson Delaunay triangulation (delaunay.h). O(n^2) in the worst case; surface
 * layers have at most a few hundred repeated points, where this takes milliseconds. */
#include "build/delaunay.h"
#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int v[3];
    double cx, cy, r2;   /* circumcircle */
} bw_tri;

/* Circumcircle of (a, b, c); returns 0 for a degenerate (collinear) triangle. */
static int circumcircle(const double *a, const double *b, const double *c, bw_tri *t)
{
    double bx = b[0] - a[0], by = b[1] - a[1], cx = c[0] - a[0], cy = c[1] - a[1];
    double d = 2.0 * (bx * cy - by * cx);
    double scale = bx * bx + by * by + cx * cx + cy * cy;
    if (fabs(d) <= 1e-14 * scale) return 0;
    double b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
    double ux = (cy * b2 - by * c2) / d, uy = (bx * c2 - cx * b2) / d;
    t->cx = a[0] + ux, t->cy = a[1] + uy, t->r2 = ux * ux + uy * uy;
    return 1;
}

static void make_ccw(const double (*p)[2], int v[3])
{
    const double *a = p[v[0]], *b = p[v[1]], *c = p[v[2]];
    if ((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]) < 0) {
        int t = v[1];
        v[1] = v[2], v[2] = t;
    }
}

int delaunay_2d(const double (*pin)[2], int n, dl_triangle **out)
{
    if (n < 3) return -1;
    /* Points plus the three vertices of a super-triangle that contains them all. */
    double (*p)[2] = xmalloc((n + 3) * sizeof *p);
    memcpy(p, pin, n * sizeof *p);
    double lo[2] = {INFINITY, INFINITY}, hi[2] = {-INFINITY, -INFINITY};
    for (int i = 0; i < n; i++)
        for (int k = 0; k < 2; k++) lo[k] = fmin(lo[k], p[i][k]), hi[k] = fmax(hi[k], p[i][k]);
    double span = fmax(hi[0] - lo[0], hi[1] - lo[1]) + 1.0, mx = 0.5 * (lo[0] + hi[0]), my = 0.5 * (lo[1] + hi[1]);
    p[n][0] = mx - 40 * span, p[n][1] = my - 30 * span;
    p[n + 1][0] = mx + 40 * span, p[n + 1][1] = my - 30 * span;
    p[n + 2][0] = mx, p[n + 2][1] = my + 40 * span;

    int cap = 2 * n + 16, nt = 1;
    bw_tri *t = xmalloc(cap * sizeof *t);
    t[0].v[0] = n, t[0].v[1] = n + 1, t[0].v[2] = n + 2;
    circumcircle(p[n], p[n + 1], p[n + 2], &t[0]);
    int (*edge)[2] = xmalloc(3 * cap * sizeof *edge);
    char *bad = xmalloc(cap);
    for (int i = 0; i < n; i++) {
        int ne = 0;
        for (int k = 0; k < nt; k++) {
            double dx = p[i][0] - t[k].cx, dy = p[i][1] - t[k].cy;
            bad[k] = dx * dx + dy * dy < t[k].r2 * (1.0 - 1e-10);
            if (!bad[k]) continue;
            for (int s = 0; s < 3; s++) {   /* boundary edges of the cavity: appear once */
                int a = t[k].v[s], b = t[k].v[(s + 1) % 3], dup = -1;
                for (int q = 0; q < ne && dup < 0; q++)
                    if ((edge[q][0] == b && edge[q][1] == a) || (edge[q][0] == a && edge[q][1] == b)) dup = q;
                if (dup >= 0) edge[dup][0] = edge[dup][1] = -1;
                else edge[ne][0] = a, edge[ne++][1] = b;
            }
        }
        int m = 0;
        for (int k = 0; k < nt; k++)
            if (!bad[k]) t[m++] = t[k];
        nt = m;
        for (int q = 0; q < ne; q++) {
            if (edge[q][0] < 0) continue;
            if (nt == cap) {
                cap *= 2;
                t = xrealloc(t, cap * sizeof *t);
                bad = xrealloc(bad, cap);
                edge = xrealloc(edge, 3 * cap * sizeof *edge);
            }
            bw_tri nw = {.v = {edge[q][0], edge[q][1], i}};
            if (!circumcircle(p[nw.v[0]], p[nw.v[1]], p[nw.v[2]], &nw)) nw.cx = nw.cy = 0, nw.r2 = -1;
            t[nt++] = nw;
        }
    }
    dl_triangle *res = xmalloc((nt + 1) * sizeof *res);
    int m = 0;
    for (int k = 0; k < nt; k++) {
        if (t[k].v[0] >= n || t[k].v[1] >= n || t[k].v[2] >= n || t[k].r2 < 0) continue;
        memcpy(res[m].v, t[k].v, sizeof res[m].v);
        make_ccw(p, res[m++].v);
    }
    free(t), free(edge), free(bad), free(p);
    if (m == 0) return free(res), -1;
    *out = res;
    return m;
}

int dl_point(const dl_periodic *d, int idx, int *i, int *j)
{
    int w = 2 * d->R + 1, img = idx / d->n;
    *i = img / w - d->R, *j = img % w - d->R;
    return idx % d->n;
}

int delaunay_periodic(const double (*p)[2], int n, const double A1[2], const double A2[2], dl_periodic *d)
{
    memset(d, 0, sizeof *d);
    double area = fabs(A1[0] * A2[1] - A1[1] * A2[0]);
    if (n < 1 || area < 1e-12) return -1;
    /* Enough images that every triangle touching the central cell is far from the patch
     * edge: at least 2 rings, and at least ~64 repeated points. */
    int R = 2;
    while ((2 * R + 1) * (2 * R + 1) * n < 64 && R < 6) R++;
    int w = 2 * R + 1, np = w * w * n;
    d->n = n, d->R = R;
    d->pts = xmalloc(np * sizeof *d->pts);
    for (int i = -R; i <= R; i++)
        for (int j = -R; j <= R; j++)
            for (int k = 0; k < n; k++) {
                int idx = ((i + R) * w + (j + R)) * n + k;
                d->pts[idx][0] = p[k][0] + i * A1[0] + j * A2[0];
                d->pts[idx][1] = p[k][1] + i * A1[1] + j * A2[1];
            }
    dl_triangle *all;
    int nt = delaunay_2d((const double(*)[2])d->pts, np, &all);
    if (nt < 0) return delaunay_periodic_free(d), -1;
    d->tri = xmalloc(nt * sizeof *d->tri);
    for (int t = 0; t < nt; t++) {
        int outer = 0;
        for (int s = 0; s < 3; s++) {
            int i, j;
            dl_point(d, all[t].v[s], &i, &j);
            outer |= abs(i) == R || abs(j) == R;
        }
        if (!outer) d->tri[d->ntri++] = all[t];
    }
    free(all);
    return 0;
}

void delaunay_periodic_free(dl_periodic *d)
{
    free(d->pts), free(d->tri);
    memset(d, 0, sizeof *d);
}
