/* Kinetic preconditioner (formula and sources in precond.h). */
#include "eigensolver/precond.h"

#include "core/comm.h"

void precond_ekin(const eig_space *s, int nb, const double complex *psi, double *ekin)
{
    for (int n = 0; n < nb; n++) {
        const double complex *p = psi + (long)n * s->ld;
        double sum = 0.0;
        for (int g = 0; g < s->npw; g++)
            sum += s->g2[g] * (creal(p[g]) * creal(p[g]) + cimag(p[g]) * cimag(p[g]));
        if (s->real) {
            sum *= 2.0;   /* G and -G; the G = 0 term carries g2 = 0 */
            if (s->g0 >= 0) sum -= s->g2[s->g0] * creal(p[s->g0]) * creal(p[s->g0]);
        }
        ekin[n] = s->weight * sum;
    }
    if (s->comm != MPI_COMM_NULL) {   /* ordered sum over the G slices (core/comm.h) */
        int size;
        MPI_Comm_size(s->comm, &size);
        if (size > 1) comm_sum_ordered(s->comm, ekin, nb, s->work);
    }
}

void precond_apply(const eig_space *s, int nb, const double *ekin, const double complex *R,
                   double complex *out)
{
    for (int n = 0; n < nb; n++) {
        const double complex *r = R + (long)n * s->ld;
        double complex *o = out + (long)n * s->ld;
        const double c = 1.0 / (3.0 * ekin[n]);  /* x = |k+G|^2 / (3 E_kin), |k+G|^2 = 2 g2 */
        const double pre = -4.0 * c;
        for (int g = 0; g < s->npw; g++) {
            double x = 2.0 * s->g2[g] * c;
            double a = 27.0 + x * (18.0 + x * (12.0 + x * 8.0));
            double xx = x * x;
            o[g] = pre * r[g] * (a / (a + 16.0 * xx * xx));
        }
    }
}
