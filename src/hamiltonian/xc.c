#include "hamiltonian/xc.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/comm.h"
#include "core/mem.h"

/* Short names, as gpaw/xc/libxc.py short_names (LDA and GGA entries), with the
 * references of the functionals libxc evaluates. */
static const struct {
    const char *alias, *libxc, *reference;
} xc_aliases[] = {
    {"LDA", "LDA_X+LDA_C_PW", "Dirac 1930; Perdew & Wang, PRB 45, 13244 (1992)"},
    {"PBE", "GGA_X_PBE+GGA_C_PBE", "Perdew, Burke & Ernzerhof, PRL 77, 3865 (1996)"},
    {"PW91", "GGA_X_PW91+GGA_C_PW91", "Perdew et al., PRB 46, 6671 (1992)"},
    {"PBEsol", "GGA_X_PBE_SOL+GGA_C_PBE_SOL", "Perdew et al., PRL 100, 136406 (2008)"},
    {"revPBE", "GGA_X_PBE_R+GGA_C_PBE", "Zhang & Yang, PRL 80, 890 (1998)"},
    {"RPBE", "GGA_X_RPBE+GGA_C_PBE", "Hammer, Hansen & Norskov, PRB 59, 7413 (1999)"},
    {"BLYP", "GGA_X_B88+GGA_C_LYP", "Becke, PRA 38, 3098 (1988); Lee, Yang & Parr, PRB 37, 785 (1988)"},
    {"HCTH407", "GGA_XC_HCTH_407", "Boese & Handy, JCP 114, 5497 (2001)"},
    {"WC", "GGA_X_WC+GGA_C_PBE", "Wu & Cohen, PRB 73, 235116 (2006)"},
    {"AM05", "GGA_X_AM05+GGA_C_AM05", "Armiento & Mattsson, PRB 72, 085108 (2005)"},
};

static const char *resolve_alias(const char *name)
{
    for (size_t i = 0; i < sizeof xc_aliases / sizeof xc_aliases[0]; i++)
        if (!strcasecmp(name, xc_aliases[i].alias)) return xc_aliases[i].libxc;
    return name;
}

/* Checks that libxc part `id` is an LDA or GGA exchange/correlation functional
 * without exact exchange or non-local correlation, and initialises it. */
static int init_part(xc_func_type *f, const char *user, const char *part, int nspins, err *e)
{
    int id = xc_functional_get_number(part);
    if (id < 0)
        return err_set(e, EXIT_BAD_INPUT,
                       "xc '%s': '%s' is not a libxc functional (use a libxc name such as "
                       "GGA_X_PBE+GGA_C_PBE, or LDA, PBE, PBEsol, revPBE, RPBE, PW91, BLYP)",
                       user, part);
    if (xc_func_init(f, id, nspins == 2 ? XC_POLARIZED : XC_UNPOLARIZED))
        return err_set(e, EXIT_INTERNAL, "xc '%s': libxc could not initialise '%s'", user, part);
    const xc_func_info_type *info = f->info;
    const char *why = NULL;
    if (info->family != XC_FAMILY_LDA && info->family != XC_FAMILY_GGA)
        why = "is not an LDA or GGA (meta-GGAs and hybrids are not supported)";
    else if (info->kind == XC_KINETIC)
        why = "is a kinetic-energy functional";
    else if (info->flags & XC_FLAGS_VV10)
        why = "has non-local (VV10) correlation";
    else if (xc_hyb_exx_coef(f) != 0.0 || (info->flags & (XC_FLAGS_HYB_CAM | XC_FLAGS_HYB_CAMY)))
        why = "contains exact exchange";
    else if (!(info->flags & XC_FLAGS_HAVE_EXC) || !(info->flags & XC_FLAGS_HAVE_VXC))
        why = "has no energy or potential in libxc";
    if (why) {
        xc_func_end(f);
        return err_set(e, EXIT_BAD_INPUT, "xc '%s': '%s' %s", user, part, why);
    }
    return 0;
}

static void lowercase(char *s)
{
    for (; *s; s++) *s = (char)tolower((unsigned char)*s);
}

static int parse_parts(xc_kernel *k, const char *name, err *e)
{
    const char *full = resolve_alias(name);
    char buf[128];
    if (strlen(full) >= sizeof buf || strlen(name) >= sizeof k->name)
        return err_set(e, EXIT_BAD_INPUT, "xc '%.60s...': name too long", name);
    strcpy(buf, full);
    char *plus = strchr(buf, '+');
    if (plus) *plus = '\0';
    if (plus && strchr(plus + 1, '+'))
        return err_set(e, EXIT_BAD_INPUT, "xc '%s': at most two parts (exchange+correlation)", name);
    const char *parts[2] = {buf, plus ? plus + 1 : NULL};
    for (int i = 0; i < 2 && parts[i]; i++) {
        if (!*parts[i])
            return err_set(e, EXIT_BAD_INPUT, "xc '%s': empty functional name", name);
        if (init_part(&k->func[i], name, parts[i], k->nspins, e)) return -1;
        k->nparts++;
        if (k->func[i].info->family == XC_FAMILY_GGA) k->family = XC_FAMILY_GGA;
    }
    strcpy(k->name, name);
    snprintf(k->parts, sizeof k->parts, "%s", full);
    lowercase(k->parts);
    return 0;
}

int xc_kernel_init(xc_kernel *k, const char *name, int nspins, err *e)
{
    memset(k, 0, sizeof *k);
    if (nspins != 1 && nspins != 2)
        return err_set(e, EXIT_INTERNAL, "xc: %d spin channels (1 or 2)", nspins);
    if (!name || !*name) return err_set(e, EXIT_BAD_INPUT, "xc: empty functional name");
    k->nspins = nspins;
    k->family = XC_FAMILY_LDA;
    if (parse_parts(k, name, e)) return xc_kernel_free(k), -1;
    k->rho = xmalloc(XC_BLOCK * 2 * sizeof *k->rho);
    k->zk = xmalloc(XC_BLOCK * sizeof *k->zk);
    k->vrho = xmalloc(XC_BLOCK * 2 * sizeof *k->vrho);
    k->vsigma = xmalloc(XC_BLOCK * 3 * sizeof *k->vsigma);
    return 0;
}

void xc_kernel_free(xc_kernel *k)
{
    for (int i = 0; i < k->nparts; i++) xc_func_end(&k->func[i]);
    free(k->rho);
    free(k->zk);
    free(k->vrho);
    free(k->vsigma);
    memset(k, 0, sizeof *k);
}

/* One part on m <= XC_BLOCK points of the clamped k->rho into the scratch arrays. */
static void eval_part(xc_kernel *k, const xc_func_type *f, long m, const double *sigma)
{
    if (f->info->family == XC_FAMILY_GGA) {
        xc_gga_exc_vxc(f, (size_t)m, k->rho, sigma, k->zk, k->vrho, k->vsigma);
    } else {
        xc_lda_exc_vxc(f, (size_t)m, k->rho, k->zk, k->vrho);
        memset(k->vsigma, 0, (size_t)m * (2 * k->nspins - 1) * sizeof *k->vsigma);
    }
}

/* out (+)= scratch: the first part assigns, the second adds (x + c). */
static void accumulate(double *out, const double *in, long count, int add)
{
    if (add)
        for (long i = 0; i < count; i++) out[i] += in[i];
    else
        memcpy(out, in, (size_t)count * sizeof *out);
}

void xc_kernel_eval(xc_kernel *k, long np, const double *rho, const double *sigma,
                    double *e, double *vrho, double *vsigma)
{
    const int ns = k->nspins, nx = 2 * ns - 1, gga = k->family == XC_FAMILY_GGA;
    for (long b0 = 0; b0 < np; b0 += XC_BLOCK) {
        long m = np - b0 < XC_BLOCK ? np - b0 : XC_BLOCK;
        const double *r = rho + b0 * ns;
        for (long i = 0; i < m * ns; i++) k->rho[i] = r[i] < XC_NMIN ? XC_NMIN : r[i];
        for (int p = 0; p < k->nparts; p++) {
            eval_part(k, &k->func[p], m, gga ? sigma + b0 * nx : NULL);
            for (long i = 0; i < m; i++) {   /* e = n eps, n the clamped total */
                double n = ns == 1 ? k->rho[i] : k->rho[2 * i] + k->rho[2 * i + 1];
                e[b0 + i] = (p ? e[b0 + i] : 0.0) + n * k->zk[i];
            }
            accumulate(vrho + b0 * ns, k->vrho, m * ns, p > 0);
            if (gga) accumulate(vsigma + b0 * nx, k->vsigma, m * nx, p > 0);
        }
    }
}

/* The arrays of np grid points (np + 1: a slab may be empty). */
static void alloc_grid_arrays(xc_grid *x)
{
    const size_t np = (size_t)x->np + 1;
    x->e = xmalloc(np * sizeof *x->e);
    if (x->kernel.family != XC_FAMILY_GGA) return;
    const int ns = x->kernel.nspins, nx = 2 * ns - 1;
    x->gradn = xmalloc(np * 3 * ns * sizeof *x->gradn);
    x->sigma = xmalloc(np * nx * sizeof *x->sigma);
    x->dedsigma = xmalloc(np * nx * sizeof *x->dedsigma);
    x->tmp = xmalloc(np * sizeof *x->tmp);
}

static void free_grid_arrays(xc_grid *x)
{
    free(x->e);
    free(x->gradn);
    free(x->sigma);
    free(x->dedsigma);
    free(x->tmp);
    x->e = x->gradn = x->sigma = x->dedsigma = x->tmp = NULL;
}

int xc_grid_distribute(xc_grid *x, const fft_dist *d, double *work, err *e)
{
    xc_grid_split(x, MPI_COMM_NULL, work);
    free_grid_arrays(x);
    x->slabs = d;
    x->split_work = work;
    x->np = d->nlocal_r;
    x->p0 = 0;
    x->p1 = x->np;
    alloc_grid_arrays(x);
    if (x->kernel.family != XC_FAMILY_GGA) return 0;
    int w = fd_gradient_range0(&x->grad);
    if (fft_halo_init(&x->halo, d, w, e)) return -1;
    x->hbuf = xcalloc((size_t)(d->local_n0 + 2 * w) * d->plane_r + 1, sizeof *x->hbuf);
    return 0;
}

int xc_grid_init(xc_grid *x, const char *name, int nspins, const fft_grid *g, err *e)
{
    memset(x, 0, sizeof *x);
    if (xc_kernel_init(&x->kernel, name, nspins, e)) return -1;
    x->np = fft_grid_points(g);
    x->dv = g->volume / (double)x->np;
    if (x->kernel.family == XC_FAMILY_GGA && fd_gradient_init(&x->grad, g, XC_GRADIENT_RANGE, e))
        return xc_grid_free(x), -1;
    alloc_grid_arrays(x);
    if (x->kernel.family == XC_FAMILY_GGA) {
        x->sb = xmalloc(XC_BLOCK * 3 * sizeof *x->sb);
        x->vsb = xmalloc(XC_BLOCK * 3 * sizeof *x->vsb);
    }
    /* Interleave buffers for n and v (libxc wants spin innermost). */
    x->nb = xmalloc(XC_BLOCK * 2 * sizeof *x->nb);
    x->vb = xmalloc(XC_BLOCK * 2 * sizeof *x->vb);
    x->split = MPI_COMM_NULL;
    x->p0 = 0;
    x->p1 = x->np;
    return 0;
}

void xc_grid_split(xc_grid *x, MPI_Comm comm, double *work)
{
    if (x->slabs) return;   /* slabs replace the split */
    int size = 1, rank = 0;
    if (comm != MPI_COMM_NULL) {
        MPI_Comm_size(comm, &size);
        MPI_Comm_rank(comm, &rank);
    }
    free(x->cnt);
    free(x->dsp);
    x->cnt = x->dsp = NULL;
    x->split = size > 1 ? comm : MPI_COMM_NULL;
    x->split_work = work;
    x->p0 = 0;
    x->p1 = x->np;
    if (size == 1) return;
    x->cnt = xmalloc((size_t)size * sizeof *x->cnt);
    x->dsp = xmalloc((size_t)size * sizeof *x->dsp);
    for (int r = 0; r < size; r++) {
        long a = (long)r * x->np / size, b = (long)(r + 1) * x->np / size;
        x->dsp[r] = (int)a;
        x->cnt[r] = (int)(b - a);
    }
    x->p0 = x->dsp[rank];
    x->p1 = x->p0 + x->cnt[rank];
}

void xc_grid_free(xc_grid *x)
{
    xc_kernel_free(&x->kernel);
    free_grid_arrays(x);
    if (x->slabs) fft_halo_free(&x->halo);
    free(x->hbuf);
    free(x->sb);
    free(x->vsb);
    free(x->nb);
    free(x->vb);
    free(x->cnt);
    free(x->dsp);
    memset(x, 0, sizeof *x);
}

/* out = d f / d x_v, v = 0, 1, 2, on the whole grid or (slabs) through the halo buffer:
 * f is copied into its interior and the halo planes exchanged once for the three
 * components. */
static void gradient3(xc_grid *x, const double *f, double *out0, long stride)
{
    if (!x->slabs) {
        for (int v = 0; v < 3; v++) fd_gradient_apply(&x->grad, v, f, out0 + v * stride);
        return;
    }
    const long pl = x->slabs->plane_r;
    const int w = x->halo.width;
    if (f != x->hbuf + w * pl) memcpy(x->hbuf + w * pl, f, (size_t)x->np * sizeof *f);
    fft_halo_exchange(&x->halo, x->hbuf);
    for (int v = 0; v < 3; v++)
        fd_gradient_apply_slab(&x->grad, v, x->hbuf, w, x->slabs->local_n0, out0 + v * stride);
}

/* out = d f / d x_v for one v (the divergence's terms). */
static void gradient1(xc_grid *x, int v, const double *f, double *out)
{
    if (!x->slabs) {
        fd_gradient_apply(&x->grad, v, f, out);
        return;
    }
    const long pl = x->slabs->plane_r;
    const int w = x->halo.width;
    memcpy(x->hbuf + w * pl, f, (size_t)x->np * sizeof *f);
    fft_halo_exchange(&x->halo, x->hbuf);
    fd_gradient_apply_slab(&x->grad, v, x->hbuf, w, x->slabs->local_n0, out);
}

/* sigma_0 = |grad n_0|^2, sigma_1 = grad n_0 . grad n_1, sigma_2 = |grad n_1|^2
 * (gpaw/xc/gga.py calculate_sigma). */
static void compute_sigma(xc_grid *x, const double *n_sg)
{
    const long np = x->np;
    const int ns = x->kernel.nspins, nx = 2 * ns - 1;
    for (int s = 0; s < ns; s++) gradient3(x, n_sg + s * np, x->gradn + s * 3 * np, np);
    memset(x->sigma, 0, (size_t)(nx * np) * sizeof *x->sigma);
    for (int v = 0; v < 3; v++) {
        const double *g0 = x->gradn + v * np, *g1 = x->gradn + (3 + v) * np;
        for (long i = 0; i < np; i++) x->sigma[i] += g0[i] * g0[i];
        if (ns == 2)
            for (long i = 0; i < np; i++) {
                x->sigma[np + i] += g0[i] * g1[i];
                x->sigma[2 * np + i] += g1[i] * g1[i];
            }
    }
}

/* The kernel over this rank's points [p0, p1) in blocks: grid layout <-> libxc
 * layout; v_sg and dedsigma are overwritten there. Each point is evaluated on its own,
 * so where the blocks start does not change any bit. */
static void kernel_on_grid(xc_grid *x, const double *n_sg, double *v_sg)
{
    const long np = x->np;
    const int ns = x->kernel.nspins, nx = 2 * ns - 1, gga = x->kernel.family == XC_FAMILY_GGA;
    for (long b0 = x->p0; b0 < x->p1; b0 += XC_BLOCK) {
        long m = x->p1 - b0 < XC_BLOCK ? x->p1 - b0 : XC_BLOCK;
        for (long i = 0; i < m; i++)
            for (int s = 0; s < ns; s++) x->nb[i * ns + s] = n_sg[s * np + b0 + i];
        if (gga)
            for (long i = 0; i < m; i++)
                for (int c = 0; c < nx; c++) x->sb[i * nx + c] = x->sigma[c * np + b0 + i];
        xc_kernel_eval(&x->kernel, m, x->nb, gga ? x->sb : NULL, x->e + b0, x->vb,
                       gga ? x->vsb : NULL);
        for (long i = 0; i < m; i++)
            for (int s = 0; s < ns; s++) v_sg[s * np + b0 + i] = x->vb[i * ns + s];
        if (gga)
            for (long i = 0; i < m; i++)
                for (int c = 0; c < nx; c++) x->dedsigma[c * np + b0 + i] = x->vsb[i * nx + c];
    }
}

/* v_s -= 2 div(de/dsigma_ss grad n_s) + div(de/dsigma_ud grad n_s') (spin-polarised
 * cross term to the other channel); gpaw/xc/gga.py add_gradient_correction. The
 * divergence is sum_v D_v with the same FD operator; x->sigma is reused as a buffer. */
static void add_gradient_correction(xc_grid *x, double *v_sg)
{
    const long np = x->np;
    const int ns = x->kernel.nspins;
    double *out = x->sigma;
    for (int v = 0; v < 3; v++)
        for (int s = 0; s < ns; s++) {
            const double *gsv = x->gradn + (s * 3 + v) * np, *ded = x->dedsigma + 2 * s * np;
            for (long i = 0; i < np; i++) x->tmp[i] = ded[i] * gsv[i];
            gradient1(x, v, x->tmp, out);
            for (long i = 0; i < np; i++) v_sg[s * np + i] -= 2.0 * out[i];
            if (ns == 2) {
                const double *dud = x->dedsigma + np;
                for (long i = 0; i < np; i++) x->tmp[i] = dud[i] * gsv[i];
                gradient1(x, v, x->tmp, out);
                for (long i = 0; i < np; i++) v_sg[(1 - s) * np + i] -= out[i];
            }
        }
}

/* Every rank's range of each of the n arrays a + i np, gathered in place. */
static void gather_ranges(const xc_grid *x, double *a, int n)
{
    for (int i = 0; i < n; i++)
        MPI_Allgatherv(MPI_IN_PLACE, 0, MPI_DATATYPE_NULL, a + (size_t)i * x->np, x->cnt, x->dsp, MPI_DOUBLE,
                       x->split);
}

double xc_grid_calculate(xc_grid *x, const double *n_sg, double *v_sg)
{
    const int gga = x->kernel.family == XC_FAMILY_GGA, ns = x->kernel.nspins;
    if (gga) compute_sigma(x, n_sg);
    kernel_on_grid(x, n_sg, v_sg);
    if (x->split != MPI_COMM_NULL) {
        gather_ranges(x, v_sg, ns);
        if (gga) gather_ranges(x, x->dedsigma, 2 * ns - 1);
    }
    if (gga) add_gradient_correction(x, v_sg);
    double exc = 0.0;
    for (long i = x->p0; i < x->p1; i++) exc += x->e[i];
    if (x->split != MPI_COMM_NULL) comm_sum_ordered(x->split, &exc, 1, x->split_work);
    if (x->slabs) comm_sum_ordered(x->slabs->comm, &exc, 1, x->split_work);
    return exc * x->dv;
}
