#include "parallel/layout.h"

#include "eigensolver/subspace.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Speed-up of r plane-wave ranks on one block (layout.h): Amdahl's law with the
 * replicated grid share and the efficiency of the distributed part. */
static double speedup_in_group(int r)
{
    if (!PARALLEL_PW_DISTRIBUTED || r == 1) return 1.0;
    return 1.0 / (PARALLEL_GRID_SHARE + (1.0 - PARALLEL_GRID_SHARE) / (PARALLEL_PW_EFFICIENCY * r));
}

static double time_model(const parallel_problem *p, int d)
{
    int per = (p->nblocks + d - 1) / d;
    return per / speedup_in_group(p->ranks / d);
}

static int choose_kpt(const parallel_problem *p, const char *path, int *kpt, err *e)
{
    int R = p->ranks;
    if (p->want_kpt > 0) {
        if (R % p->want_kpt)
            return err_set(e, EXIT_BAD_INPUT, "%s: parallel.kpoints: %d k-point groups do not divide %d ranks", path,
                           p->want_kpt, R);
        if (p->want_kpt > p->nblocks)
            return err_set(e, EXIT_BAD_INPUT,
                           "%s: parallel.kpoints: %d k-point groups for %d (spin, k-point) blocks would leave groups idle",
                           path, p->want_kpt, p->nblocks);
        *kpt = p->want_kpt;
        return 0;
    }
    /* with parallel.bands = b > 1 only groups whose ranks b divides */
    int b = p->want_bands > 1 ? p->want_bands : 1, best = 1;
    for (int d = 2; d <= R && d <= p->nblocks; d++)
        if (R % d == 0 && (R / d) % b == 0 && time_model(p, d) <= time_model(p, best)) best = d;
    *kpt = best;
    return 0;
}

int parallel_choose(const parallel_problem *p, const char *path, comm_layout *l, err *e)
{
    if (p->ranks < 1 || p->nblocks < 1)
        return err_set(e, EXIT_INTERNAL, "parallel layout: %d ranks, %d blocks", p->ranks, p->nblocks);
    int kpt = 1;
    if (choose_kpt(p, path, &kpt, e)) return -1;
    int rest = p->ranks / kpt, band = 1;
    if (p->want_bands > 1) {
        if (!PARALLEL_BANDS_DISTRIBUTED)
            return err_set(e, EXIT_BAD_INPUT,
                           "%s: parallel.bands: %d band groups asked, but bands are not distributed in this version "
                           "(use 1 or auto; docs/parallel.md)", path, p->want_bands);
        if (rest % p->want_bands)
            return err_set(e, EXIT_BAD_INPUT, "%s: parallel.bands: %d band groups do not divide the %d ranks of a "
                           "k-point group", path, p->want_bands, rest);
        if (p->want_bands > p->nbands)
            return err_set(e, EXIT_BAD_INPUT, "%s: parallel.bands: %d band groups for %d bands would leave ranks "
                           "without bands", path, p->want_bands, p->nbands);
        band = p->want_bands;
    }
    *l = (comm_layout){kpt, band, rest / band};
    return 0;
}

int parallel_grid_slabs(void)
{
    const char *v = getenv("PAWSORB_GRID_SLABS");
    if (v && (!strcmp(v, "0") || !strcmp(v, "1"))) return v[0] == '1';
    return PARALLEL_GRID_SLABS;
}

void parallel_estimate_layout(const parallel_problem *p, comm_layout l, parallel_estimate *est)
{
    double nb = p->nbands, B = p->nblocks, num = p->real ? 8.0 : 16.0;
    int per = (p->nblocks + l.kpt - 1) / l.kpt;
    int band = PARALLEL_BANDS_DISTRIBUTED ? l.band : 1;
    double P = PARALLEL_PW_DISTRIBUTED ? l.pw : 1, nbl = ceil(nb / band);
    memset(est, 0, sizeof *est);
    est->l = l;
    est->blocks_per_group = per;
    est->mem_psi = 16.0 * nbl * p->npw_max * per / P;
    /* Davidson blocks: psi2, tmp and [H psi | H psi2]; with band groups also [S psi | S psi2]
     * (without them the split form never forms S psi: davidson_drop_overlap_blocks); or,
     * before the first Davidson step touches those, the start's vectors (scf/initial.c) */
    double ml = ceil((p->nao > nb ? p->nao : nb) / band);
    double davidson = 16.0 * nbl * p->npw_max * (band > 1 ? 6.0 : 4.0) / P;
    double start = 16.0 * ml * p->npw_max * (band > 1 ? 5.0 : 2.0) / P;
    est->mem_wavefunctions = est->mem_psi + (davidson > start ? davidson : start);
    if (P > 1)   /* the two band-transpose buffers (pwdist.h), sized for the start's bands */
        est->mem_wavefunctions += 2.0 * 16.0 * ceil(ml / P) * p->npw_max;
    if (band > 1)   /* the Davidson ring buffers, two runs of bands (davidson.h) */
        est->mem_wavefunctions += 2.0 * 16.0 * nbl * p->npw_max / P;
    double n2 = (2 * nb) * (2 * nb) * num;
    est->mem_subspace = 2.0 * n2;
    if (l.pw > 1 && 2 * nb >= SUBSPACE_SCALAPACK_MIN)   /* ScaLAPACK: 3 local parts + gather buffer */
        est->mem_subspace += n2 * (3.0 / l.pw + 1.0);
    double pg = p->grid_slabs && l.pw > 1 ? l.pw : 1.0, fft = pg > 1 ? 3.0 : 2.0;
    double fine = (9.0 * p->nspins + 2.0 + fft) * p->n_fine * 8.0 / pg;
    double coarse = ((2.0 * p->mix_history + 3.0) * p->nspins + 7.0) * p->n_coarse * 8.0;
    double spheres = (90.0 + 180.0 / l.pw) * (M_PI / 12.0) * p->n_fine;   /* ĝ_L tables split over pw */
    est->mem_grids = fine + coarse + spheres;
    /* the process and its libraries, and the expansion and derivative blocks of the
     * projector sets (one per local block) and of ĝ_L, v̄ and ñ_c (basis/pwlfc.c) */
    est->mem_fixed = PARALLEL_MEM_BASE + (3.0 + per) * PARALLEL_MEM_PWLFC;
    est->mem_total = est->mem_wavefunctions + est->mem_subspace + est->mem_grids + est->mem_fixed;
    double levels = l.kpt > 1 ? ceil(log2((double)l.kpt)) : 0.0;
    est->comm_kpt = 2.0 * levels * 8.0 * (p->nspins * (double)p->n_coarse + B * nb + B);
    if (P > 1) {
        double transpose = 16.0 * nbl * p->npw_max * (P - 1) / (P * P);
        double gram = 9.0 * nb * nbl * num * 2.0 * (P - 1) / P;
        est->comm_pw = per * (7.0 * transpose + gram);
    }
    if (band > 1) {
        double gathers = 18.0 * 16.0 * nbl * p->npw_max / P * (band - 1);
        double columns = 17.0 * nb * nbl * num * (band - 1);
        double sums = 2.0 * ceil(log2((double)band)) * 8.0 * p->nspins * (double)p->n_coarse;
        est->comm_band = per * (gathers + columns) + sums;
    }
    est->time_model = time_model(p, l.kpt);
}
