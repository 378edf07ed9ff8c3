/* Delaunay triangulation of points in a plane (Bowyer 1981, Watson 1981 incremental
 * algorithm), and its periodic form for a 2D lattice: the points are repeated over
 * (2R+1)^2 lattice images and only triangles well inside the repeated patch are kept,
 * which are then exactly those of the periodic triangulation. */
#ifndef PAWSORB_BUILD_DELAUNAY_H
#define PAWSORB_BUILD_DELAUNAY_H

typedef struct {
    int v[3];        /* indices into the point list, counter-clockwise */
} dl_triangle;

/* Triangulates n points p[i] = (x, y). Cocircular points (a square) are split by one
 * diagonal, chosen by insertion order. Returns the number of triangles written to *tri
 * (malloc'ed; caller frees), or -1 if n < 3 or all points are collinear. */
int delaunay_2d(const double (*p)[2], int n, dl_triangle **tri);

/* A periodic point set: n points in a cell spanned by the 2D vectors A1, A2, repeated
 * over images (i, j), |i|, |j| <= R. Point k of image (i, j) has index
 * ((i + R) * (2R + 1) + (j + R)) * n + k in the repeated list. */
typedef struct {
    int n, R;
    double (*pts)[2];    /* (2R+1)^2 n repeated points; owned */
    dl_triangle *tri;    /* triangles not touching the outermost ring of images (the
                          * central cell and its neighbours are fully covered); owned */
    int ntri;
} dl_periodic;

/* Returns 0, or -1 if the points cannot be triangulated (fewer than 1 point or a
 * degenerate cell). */
int delaunay_periodic(const double (*p)[2], int n, const double A1[2], const double A2[2], dl_periodic *d);
void delaunay_periodic_free(dl_periodic *d);
/* Point index -> original point k, and its image (i, j). */
int dl_point(const dl_periodic *d, int idx, int *i, int *j);

#endif
