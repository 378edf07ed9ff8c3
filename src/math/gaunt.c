/* Gaunt coefficients from the exact polynomial form of the real solid harmonics;
 * see gaunt.h for the formulas. */
#include "math/gaunt.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#define FOUR_PI 12.566370614359172953850573533118
#define HP_DMAX (2 * GAUNT_LMAX)   /* the product of two harmonics has degree <= 12 */

/* A homogeneous polynomial of degree d in x, y, z: c[a][b] multiplies
 * x^a y^b z^(d-a-b) (entries with a + b > d are unused and kept 0). */
typedef struct {
    int d;
    double c[HP_DMAX + 1][HP_DMAX + 1];
} hpoly;

static void hp_zero(hpoly *p, int d)
{
    memset(p, 0, sizeof *p);
    p->d = d;
}

/* out = p q (out must not alias p or q; degrees must add up to <= HP_DMAX) */
static void hp_mul(const hpoly *p, const hpoly *q, hpoly *out)
{
    hp_zero(out, p->d + q->d);
    for (int a = 0; a <= p->d; a++)
        for (int b = 0; a + b <= p->d; b++) {
            if (p->c[a][b] == 0.0) continue;
            for (int a2 = 0; a2 <= q->d; a2++)
                for (int b2 = 0; a2 + b2 <= q->d; b2++)
                    out->c[a + a2][b + b2] += p->c[a][b] * q->c[a2][b2];
        }
}

/* out = s p + t q for p, q of the same degree (out may alias p) */
static void hp_axpby(double s, const hpoly *p, double t, const hpoly *q, hpoly *out)
{
    int d = p->d;
    for (int a = 0; a <= d; a++)
        for (int b = 0; a + b <= d; b++) out->c[a][b] = s * p->c[a][b] + t * q->c[a][b];
    out->d = d;
}

/* Polynomials of r^l Y_L for L < GAUNT_NL, from the recurrences of ylm.h applied to
 * polynomials instead of numbers. */
static hpoly ylm_poly[GAUNT_NL];
static double table[GAUNT_NL * GAUNT_NL * GAUNT_NL];
/* moment[L3][d] [a][b] = ∫ Y_L3 x^a y^b z^(d-a-b) dΩ for the degrees d a product
 * Y_L1 Y_L2 can have: the Gaunt coefficient is then one contraction. */
static hpoly moment[GAUNT_NL][HP_DMAX + 1];
static once_flag table_once = ONCE_FLAG_INIT;

double sphere_monomial_integral(int a, int b, int c)
{
    if (a < 0 || b < 0 || c < 0 || a % 2 || b % 2 || c % 2) return 0.0;
    /* Γ(n+½)/Γ(½) = Π_{j<n} (j+½);  ∫ = 2π g(a/2) g(b/2) g(c/2) / g((a+b+c)/2 + 1) */
    int h[3] = {a / 2, b / 2, c / 2}, hs = h[0] + h[1] + h[2] + 1;
    double num = 1.0, den = 1.0;
    for (int v = 0; v < 3; v++)
        for (int j = 0; j < h[v]; j++) num *= j + 0.5;
    for (int j = 0; j < hs; j++) den *= j + 0.5;
    return 2.0 * M_PI * num / den;
}

static void build_ylm_poly(void)
{
    hpoly z, r2, pim1, pim2, pi, cm, sm, tmp, tmp2;
    hp_zero(&z, 1); z.c[0][0] = 1.0;
    hp_zero(&r2, 2); r2.c[2][0] = r2.c[0][2] = r2.c[0][0] = 1.0;
    hp_zero(&cm, 0); cm.c[0][0] = 1.0;       /* Re (x+iy)^m */
    hp_zero(&sm, 0);                          /* Im (x+iy)^m */
    double inv2mfac = 1.0;
    for (int m = 0; m <= GAUNT_LMAX; m++) {
        hp_zero(&pi, 0);
        pi.c[0][0] = 1.0;
        for (int k = 1; k < 2 * m; k += 2) pi.c[0][0] *= k;
        hp_zero(&pim1, 0); hp_zero(&pim2, 0);
        double f = inv2mfac, twice = m > 0 ? 2.0 : 1.0;
        for (int l = m; l <= GAUNT_LMAX; l++) {
            if (l == m + 1) {
                hp_mul(&z, &pim1, &pi);
                hp_axpby(2 * m + 1, &pi, 0.0, &pi, &pi);
            } else if (l > m + 1) {
                hp_mul(&z, &pim1, &tmp);
                hp_mul(&r2, &pim2, &tmp2);
                hp_axpby((2.0 * l - 1) / (l - m), &tmp, -(double)(l + m - 1) / (l - m), &tmp2, &pi);
            }
            if (l > m) f *= (double)(l - m) / (double)(l + m);
            double n = sqrt((2 * l + 1) / FOUR_PI * f * twice);
            hp_mul(&pi, &cm, &tmp);
            hp_axpby(n, &tmp, 0.0, &tmp, &ylm_poly[l * l + l + m]);
            if (m > 0) {
                hp_mul(&pi, &sm, &tmp);
                hp_axpby(n, &tmp, 0.0, &tmp, &ylm_poly[l * l + l - m]);
            }
            pim2 = pim1;
            pim1 = pi;
        }
        hpoly x, y;   /* (x+iy)^{m+1}: Re = x Re - y Im, Im = x Im + y Re */
        hp_zero(&x, 1); x.c[1][0] = 1.0;
        hp_zero(&y, 1); y.c[0][1] = 1.0;
        hpoly xc, ys, xs, yc;
        hp_mul(&x, &cm, &xc); hp_mul(&y, &sm, &ys);
        hp_mul(&x, &sm, &xs); hp_mul(&y, &cm, &yc);
        hp_axpby(1.0, &xc, -1.0, &ys, &cm);
        hp_axpby(1.0, &xs, 1.0, &yc, &sm);
        inv2mfac /= (double)(2 * m + 1) * (double)(2 * m + 2);
    }
}

static int lof(int L) { return (int)sqrt((double)L + 0.5); }

static void build_table(void)
{
    build_ylm_poly();
    for (int L3 = 0; L3 < GAUNT_NL; L3++) {
        const hpoly *y3 = &ylm_poly[L3];
        for (int d = 0; d <= HP_DMAX; d++) {
            hpoly *mo = &moment[L3][d];
            hp_zero(mo, d);
            if ((d + y3->d) % 2) continue;
            for (int a = 0; a <= d; a++)
                for (int b = 0; a + b <= d; b++) {
                    double s = 0.0;
                    for (int a3 = 0; a3 <= y3->d; a3++)
                        for (int b3 = 0; a3 + b3 <= y3->d; b3++)
                            if (y3->c[a3][b3] != 0.0)
                                s += y3->c[a3][b3] * sphere_monomial_integral(
                                    a + a3, b + b3, d - a - b + y3->d - a3 - b3);
                    mo->c[a][b] = s;
                }
        }
    }
    for (int L1 = 0; L1 < GAUNT_NL; L1++)
        for (int L2 = 0; L2 < GAUNT_NL; L2++) {
            hpoly p;
            hp_mul(&ylm_poly[L1], &ylm_poly[L2], &p);
            int l1 = lof(L1), l2 = lof(L2);
            for (int L3 = 0; L3 < GAUNT_NL; L3++) {
                int l3 = lof(L3);
                double g = 0.0;
                if ((l1 + l2 + l3) % 2 == 0 && l3 >= abs(l1 - l2) && l3 <= l1 + l2) {
                    const hpoly *mo = &moment[L3][p.d];
                    for (int a = 0; a <= p.d; a++)
                        for (int b = 0; a + b <= p.d; b++) g += p.c[a][b] * mo->c[a][b];
                }
                table[(L1 * GAUNT_NL + L2) * GAUNT_NL + L3] = g;
            }
        }
}

const double *gaunt_table(void)
{
    call_once(&table_once, build_table);
    return table;
}

double gaunt_real(int L1, int L2, int L3)
{
    if (L1 < 0 || L2 < 0 || L3 < 0 || L1 >= GAUNT_NL || L2 >= GAUNT_NL || L3 >= GAUNT_NL)
        return NAN;
    return gaunt_table()[(L1 * GAUNT_NL + L2) * GAUNT_NL + L3];
}

/* ∫ Y_L1 ∂_v(r^l2 Y_L2) dΩ on the unit sphere: differentiate the monomials of
 * r^l2 Y_L2, then integrate the product with Y_L1 monomial by monomial. */
double gaunt_nabla(int L1, int L2, int v)
{
    if (L1 < 0 || L2 < 0 || L1 >= GAUNT_NL || L2 >= GAUNT_NL || v < 0 || v > 2) return NAN;
    (void)gaunt_table();
    const hpoly *p1 = &ylm_poly[L1], *p2 = &ylm_poly[L2];
    double s = 0.0;
    for (int a1 = 0; a1 <= p1->d; a1++)
        for (int b1 = 0; a1 + b1 <= p1->d; b1++) {
            if (p1->c[a1][b1] == 0.0) continue;
            int c1 = p1->d - a1 - b1;
            for (int a2 = 0; a2 <= p2->d; a2++)
                for (int b2 = 0; a2 + b2 <= p2->d; b2++) {
                    int n[3] = {a2, b2, p2->d - a2 - b2};
                    if (p2->c[a2][b2] == 0.0 || n[v] == 0) continue;
                    double c = p1->c[a1][b1] * p2->c[a2][b2] * n[v];
                    n[v]--;
                    s += c * sphere_monomial_integral(a1 + n[0], b1 + n[1], c1 + n[2]);
                }
        }
    return s;
}
