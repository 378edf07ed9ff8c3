/* Periodic Delaunay triangulation, adsorption sites and molecule placement (src/build).
 * References are analytic: the Euler relation of a torus triangulation (2N triangles,
 * 3N edges), the empty-circumcircle property, and the textbook fcc(111) and fcc(100)
 * sites. The ASE comparison is tests/cli/build_sites.sh. */
#include "build/delaunay.h"
#include "build/molecule.h"
#include "build/place.h"
#include "build/sites.h"
#include "core/units.h"
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Triangles of the periodic triangulation whose centroid is in the central cell. */
static int central_triangles(const dl_periodic *d, const double A1[2], const double A2[2], int check_empty)
{
    int count = 0, np = (2 * d->R + 1) * (2 * d->R + 1) * d->n, empty = 1;
    double det = A1[0] * A2[1] - A1[1] * A2[0];
    for (int t = 0; t < d->ntri; t++) {
        const double *a = d->pts[d->tri[t].v[0]], *b = d->pts[d->tri[t].v[1]], *c = d->pts[d->tri[t].v[2]];
        double u = (a[0] + b[0] + c[0]) / 3, v = (a[1] + b[1] + c[1]) / 3;
        double f0 = (u * A2[1] - v * A2[0]) / det, f1 = (A1[0] * v - A1[1] * u) / det;
        if (f0 < 0 || f0 >= 1 || f1 < 0 || f1 >= 1) continue;
        count++;
        if (!check_empty) continue;
        double bx = b[0] - a[0], by = b[1] - a[1], cx = c[0] - a[0], cy = c[1] - a[1];
        double den = 2 * (bx * cy - by * cx), b2 = bx * bx + by * by, c2 = cx * cx + cy * cy;
        double ox = (cy * b2 - by * c2) / den, oy = (bx * c2 - cx * b2) / den, r2 = ox * ox + oy * oy;
        for (int k = 0; k < np; k++) {
            double dx = d->pts[k][0] - a[0] - ox, dy = d->pts[k][1] - a[1] - oy;
            if (dx * dx + dy * dy < r2 * (1 - 1e-9)) empty = 0;
        }
    }
    return check_empty && !empty ? -1 : count;
}

static void test_delaunay(void)
{
    /* 2x2 triangular lattice: 4 points, 8 triangles, all equilateral. */
    double A1[2] = {2.0, 0.0}, A2[2] = {1.0, sqrt(3.0)}, p[4][2];
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) p[2 * i + j][0] = i * 1.0 + j * 0.5, p[2 * i + j][1] = j * sqrt(3.0) / 2;
    dl_periodic d;
    ok(delaunay_periodic((const double(*)[2])p, 4, A1, A2, &d) == 0, "triangular lattice triangulates");
    ok(central_triangles(&d, A1, A2, 1) == 8, "triangular lattice: 2N = 8 triangles per cell, circumcircles empty");
    delaunay_periodic_free(&d);

    /* 13 pseudo-random points in an oblique cell: still 2N triangles, Delaunay. */
    double B1[2] = {7.0, 0.3}, B2[2] = {-2.0, 6.0}, q[13][2];
    uint64_t st = 12345;
    for (int k = 0; k < 13; k++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        double f0 = (st >> 11) * 0x1.0p-53;
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        double f1 = (st >> 11) * 0x1.0p-53;
        q[k][0] = f0 * B1[0] + f1 * B2[0], q[k][1] = f0 * B1[1] + f1 * B2[1];
    }
    ok(delaunay_periodic((const double(*)[2])q, 13, B1, B2, &d) == 0, "13 random points triangulate");
    int nt = central_triangles(&d, B1, B2, 1);
    ok(nt == 26, "random points: 2N = 26 triangles per cell with empty circumcircles (got %d)", nt);
    delaunay_periodic_free(&d);

    /* One point per cell (the 1x1 fcc(111) top layer). */
    double one[1][2] = {{0.3, 0.2}};
    ok(delaunay_periodic((const double(*)[2])one, 1, A1, A2, &d) == 0 && central_triangles(&d, A1, A2, 1) == 2,
       "one point per cell: 2 triangles");
    delaunay_periodic_free(&d);
}

/* fcc slab, (111) when hex = 1 (ABC stacking), (100) otherwise; n x n in plane, 3 layers,
 * 10 A vacuum; angstrom inputs, bohr structure. */
static void fcc_slab(structure *s, int hex, int n, double a_ang)
{
    double d = a_ang / sqrt(2.0) / BOHR_ANG, dz = (hex ? a_ang / sqrt(3.0) : a_ang / 2) / BOHR_ANG;
    structure_alloc(s, 3 * n * n);
    double a1[3] = {d, 0, 0}, a2[3] = {hex ? d / 2 : 0, hex ? d * sqrt(3.0) / 2 : d, 0};
    for (int k = 0; k < 3; k++) s->cell[0][k] = n * a1[k], s->cell[1][k] = n * a2[k];
    s->cell[2][2] = 2 * dz + 20.0 / BOHR_ANG;
    s->pbc[0] = s->pbc[1] = 1;
    int m = 0;
    for (int l = 0; l < 3; l++)
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++, m++) {
                double f0 = i + (hex ? l / 3.0 : 0.5 * (l % 2)), f1 = j + (hex ? l / 3.0 : 0.5 * (l % 2));
                s->numbers[m] = 78;
                for (int k = 0; k < 3; k++) s->pos[m][k] = f0 * a1[k] + f1 * a2[k];
                s->pos[m][2] = 10.0 / BOHR_ANG + l * dz;
            }
}

/* In-plane distance to the nearest lattice image, angstrom. */
static double inplane(const structure *s, const double a[3], const double b[3])
{
    double best = 1e9;
    for (int i = -3; i <= 3; i++)
        for (int j = -3; j <= 3; j++) {
            double x = b[0] + i * s->cell[0][0] + j * s->cell[1][0] - a[0];
            double y = b[1] + i * s->cell[0][1] + j * s->cell[1][1] - a[1];
            best = fmin(best, sqrt(x * x + y * y));
        }
    return best * BOHR_ANG;
}

static void test_fcc111(void)
{
    structure s;
    fcc_slab(&s, 1, 2, 3.92);
    site_list l;
    err e = {0};
    ok(sites_find(&s, 1.0 / BOHR_ANG, &l, &e) == 0, "fcc(111) 2x2x3: sites found %s", e.msg);
    ok(l.n == 4, "fcc(111): exactly 4 distinct sites (got %d)", l.n);
    const char *want[] = {"top", "bridge", "fcc", "hcp"};
    int mult[] = {4, 12, 4, 4};
    for (int i = 0; i < 4 && i < l.n; i++)
        ok(!strcmp(l.site[i].label, want[i]) && l.site[i].multiplicity == mult[i],
           "fcc(111) site %d is %s with %d copies (got %s, %d)", i + 1, want[i], mult[i], l.site[i].label,
           l.site[i].multiplicity);
    ok(l.n_surface == 4, "fcc(111): 4 top-layer atoms");
    /* Analytic positions: top on atom 8 (top layer); fcc over a first-layer atom (0);
     * hcp over a second-layer atom (4); bridge half a nearest-neighbour distance from a top atom. */
    if (l.n == 4) {
        near(inplane(&s, l.site[0].pos, s.pos[8]), 0.0, 1e-9, "top site over a top-layer atom");
        near(inplane(&s, l.site[2].pos, s.pos[0]), 0.0, 1e-9, "fcc site over a third-layer atom");
        near(inplane(&s, l.site[3].pos, s.pos[4]), 0.0, 1e-9, "hcp site over a second-layer atom");
        near(inplane(&s, l.site[1].pos, s.pos[l.site[1].coord[0]]), 3.92 / sqrt(2.0) / 2, 1e-9,
             "bridge midway between two top atoms");
        near(l.site[2].height, s.pos[8][2], 1e-12, "site height is that of the top layer");
    }

    /* Placement: a water molecule (O at origin) flat over fcc, 2 A above. */
    structure w;
    structure_alloc(&w, 3);
    w.numbers[0] = 8, w.numbers[1] = w.numbers[2] = 1;
    double wp[3][3] = {{0, 0, 0.119}, {0, 0.763, -0.477}, {0, -0.763, -0.477}};
    for (int a = 0; a < 3; a++)
        for (int k = 0; k < 3; k++) w.pos[a][k] = wp[a][k] / BOHR_ANG;
    place_opts o = {.height = 2.0 / BOHR_ANG, .orient = ORIENT_FLAT};
    structure out;
    place_report r;
    ok(place_molecule(&s, &l.site[2], l.normal, &w, &o, &out, &r, &e) == 0, "H2O placed flat over fcc %s", e.msg);
    if (out.natoms == s.natoms + 3) {
        double lo = 1e9, c[3] = {0, 0, 0};
        for (int a = s.natoms; a < out.natoms; a++) {
            lo = fmin(lo, out.pos[a][2]);
            for (int k = 0; k < 3; k++) c[k] += out.pos[a][k] / 3;
        }
        near((lo - l.site[2].height) * BOHR_ANG, 2.0, 1e-9, "lowest H2O atom 2 A above the site");
        near(inplane(&s, c, l.site[2].pos), 0.0, 1e-9, "H2O centre over the site");
        double spread = 0;
        for (int a = s.natoms; a < out.natoms; a++) spread = fmax(spread, fabs(out.pos[a][2] - lo));
        near(spread, 0.0, 1e-9, "flat: all three atoms at the same height");
        near(r.min_dist * BOHR_ANG, sqrt(2.0 * 2.0 + pow(3.92 / sqrt(6.0), 2)) , 0.5, "closest distance reported");
        structure_free(&out);
    }
    o.height = 0.3 / BOHR_ANG;
    err e2 = {0};
    ok(place_molecule(&s, &l.site[0], l.normal, &w, &o, &out, &r, &e2) != 0 && e2.status == EXIT_BAD_INPUT &&
           strstr(e2.msg, "rejected") && strstr(e2.msg, "1.5 A"),
       "0.3 A over a top atom is rejected: %s", e2.msg);
    /* A slab periodic along a3 too (as POSCAR slabs are): bottom layer 0.5 A above the
     * cell origin, cell top 2.8 A above the top layer. Flat H2O 2 A over fcc (over a
     * bottom-layer atom) is then 1.3 A below that atom's image: refused only with pbc z. */
    {
        structure p3;
        structure_copy(&p3, &s);
        double top = -1e9, shift = s.pos[0][2] - 0.5 / BOHR_ANG;
        for (int a = 0; a < p3.natoms; a++) p3.pos[a][2] -= shift, top = fmax(top, p3.pos[a][2]);
        p3.cell[2][2] = top + 2.8 / BOHR_ANG;
        site_list l3;
        o.height = 2.0 / BOHR_ANG;
        ok(sites_find(&p3, 1.0 / BOHR_ANG, &l3, &e) == 0 && l3.n == 4, "shifted slab: same 4 sites");
        ok(place_molecule(&p3, &l3.site[2], l3.normal, &w, &o, &out, &r, &e) == 0, "pbc F along a3: accepted");
        structure_free(&out);
        p3.pbc[2] = 1;
        e2.msg[0] = 0;
        int refused = place_molecule(&p3, &l3.site[2], l3.normal, &w, &o, &out, &r, &e2) != 0;
        ok(refused && strstr(e2.msg, "rejected") && r.min_dist * BOHR_ANG > 1.3 && r.min_dist * BOHR_ANG < 1.5,
           "pbc T along a3: %.3f A from the image of the bottom layer (1.3 A below it), refused: %s",
           r.min_dist * BOHR_ANG, e2.msg);
        site_list_free(&l3);
        structure_free(&p3);
    }
    o.orient = ORIENT_UPRIGHT, o.height = 2.0 / BOHR_ANG;
    ok(place_molecule(&s, &l.site[0], l.normal, &w, &o, &out, &r, &e) == 0, "upright placement works");
    if (out.natoms == s.natoms + 3) {   /* upright: the H-H axis (longest) along z */
        near(fabs(out.pos[s.natoms + 1][2] - out.pos[s.natoms + 2][2]) * BOHR_ANG, 1.526, 1e-9,
             "upright: H-H axis along the normal");
        structure_free(&out);
    }
    structure_free(&w);
    site_list_free(&l);
    structure_free(&s);
}

static void test_fcc100(void)
{
    structure s;
    fcc_slab(&s, 0, 2, 3.92);
    site_list l;
    err e = {0};
    ok(sites_find(&s, 1.0 / BOHR_ANG, &l, &e) == 0, "fcc(100) 2x2x3: sites found %s", e.msg);
    ok(l.n == 3 && !strcmp(l.site[0].label, "top") && !strcmp(l.site[1].label, "bridge") &&
           !strcmp(l.site[2].label, "hollow") && l.site[2].ncoord == 4 && l.site[1].multiplicity == 8 &&
           l.site[2].multiplicity == 4,
       "fcc(100): top, bridge (8 copies), four-fold hollow (4 copies); the square's diagonal is no bridge");
    site_list_free(&l);
    s.pbc[1] = 0;
    ok(sites_find(&s, 1.0 / BOHR_ANG, &l, &e) != 0 && strstr(e.msg, "periodic"), "non-periodic a2 refused: %s", e.msg);
    structure_free(&s);
}

static void test_euler(void)
{
    double R[3][3];
    molecule_rotation_euler(M_PI / 2, 0, 0, R);   /* ASE: passive rotation, x -> -y */
    near(R[1][0], -1.0, 1e-15, "euler(90,0,0) maps x to -y as ASE's euler_rotate");
    molecule_rotation_euler(0, M_PI / 2, 0, R);
    near(R[2][1], -1.0, 1e-15, "euler(0,90,0) maps y to -z");
}

int main(void)
{
    test_delaunay();
    test_fcc111();
    test_fcc100();
    test_euler();
    return tap_done();
}
