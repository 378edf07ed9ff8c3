#include "scf/calc.h"

#include "core/mem.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int occupations_init(calculation *c, err *e)
{
    const input *in = c->in;
    occ_params *p = &c->occp;
    memset(p, 0, sizeof *p);
    p->width = in->dft.width_ha;
    switch (in->dft.smearing) {
    case SMEAR_FERMI_DIRAC: p->method = OCC_FERMI_DIRAC; break;
    case SMEAR_GAUSSIAN: p->method = OCC_METHFESSEL_PAXTON, p->order = 0; break;
    case SMEAR_MARZARI_VANDERBILT: p->method = OCC_MARZARI_VANDERBILT; break;
    default: p->method = OCC_ZERO_WIDTH, p->width = 0.0;
    }
    if (p->width == 0.0) p->method = OCC_ZERO_WIDTH;
    return occ_init(&c->occ, p, c->nspins, c->pl->kpts.nk, c->nbands, c->pl->kpts.weight, e);
}

/* The smallest |G|^2 > 0 of the grid's reciprocal lattice, capped at 1 (the k2_min of
 * GPAW's ReciprocalMetric, which takes |G = 0|^2 as 1). */
static double k2_min(const fft_grid *g)
{
    double k2 = 1.0;
    for (int a = -2; a <= 2; a++)
        for (int b = -2; b <= 2; b++)
            for (int d = -2; d <= 2; d++) {
                double G[3], s = 0.0;
                for (int v = 0; v < 3; v++) G[v] = a * g->recip[0][v] + b * g->recip[1][v] + d * g->recip[2][v];
                for (int v = 0; v < 3; v++) s += G[v] * G[v];
                if (s > 1e-10) k2 = fmin(k2, s);
            }
    return k2;
}

/* scf.mixer: beta and history as given; kerker auto = GPAW's plane-wave default metric
 * (27-point, weight 50), off = no metric (weight 1), q0 = the Kerker metric
 * M(G) = 1 + q0^2/|G|^2 of Kresse & Furthmüller (PRB 54, 11169, eq. 85), which is GPAW's
 * ReciprocalMetric (backend 'fft') with weight w = 1 + q0^2 / k2_min. */
static int mixer_setup(calculation *c, err *e)
{
    mixer_params mp;
    mixer_params_default(&mp, c->nspins);
    mp.beta = c->in->scf.mix_beta;
    mp.nmaxold = c->in->scf.mix_history;
    double q0 = c->in->scf.kerker;
    if (q0 == 0.0) mp.weight = 1.0;
    else if (q0 > 0.0) mp.backend = MIXER_FFT, mp.weight = 1.0 + q0 * q0 / k2_min(&c->pl->coarse);
    return mixer_init(&c->mix, &mp, c->nspins, &c->pl->coarse, c->ss.natoms, c->ss.np_a, e);
}

int calc_init(calculation *c, const comm_ctx *comm, const input *in, const plan *pl, err *e)
{
    memset(c, 0, sizeof *c);
    c->comm = comm;
    c->in = in;
    c->pl = pl;
    c->nspins = pl->nspins;
    c->nbands = pl->nbands;
    c->nelectrons = pl->nelectrons;
    int z[PLAN_MAX_SPECIES];
    const char *paths[PLAN_MAX_SPECIES];
    for (int k = 0; k < pl->nspecies; k++) z[k] = pl->species[k].z, paths[k] = pl->species[k].path;
    if (species_set_init(&c->ss, &in->atoms, pl->nspecies, z, paths, in->dft.xc, e)) return -1;
    if (density_grids_init(&c->grids, &pl->coarse, &pl->fine, in->dft.cutoff_ha, e)) return -1;
    /* the fine grid in slabs over the plane-wave ranks (density.h, parallel/layout.h) */
    if (parallel_grid_slabs() && density_grids_distribute(&c->grids, comm->pw, comm->work, e)) return -1;
    if (wfs_init(&c->wfs, comm, &pl->coarse, &pl->kpts, c->nspins, c->nbands, pl->real, in->dft.cutoff_ha, &c->ss,
                 e))
        return -1;
    if (density_init(&c->dens, &c->grids, &c->ss, c->nspins, in->dft.charge, e)) return -1;
    density_split_work(&c->dens, comm->pw, comm->work);   /* ĝ_L work over the plane-wave ranks */
    if (hamiltonian_init(&c->ham, &c->grids, &c->ss, c->nspins, in->dft.xc, in->dft.charge, in->atoms.pbc,
                         in->dft.dipole_correction, e))
        return -1;
    hamiltonian_split_work(&c->ham, comm->pw, comm->work);   /* one-centre terms over the atoms */
    if (occupations_init(c, e) || mixer_setup(c, e)) return -1;
    if (davidson_init(&c->dav, c->wfs.npw_max, c->nbands, c->ss.nI, pl->real, e)) return -1;
    /* band groups: each band rank keeps its run of bands (eigensolver/davidson.h) */
    if (davidson_distribute_bands(&c->dav, comm->band, e)) return -1;
    davidson_drop_overlap_blocks(&c->dav);   /* the split form of ham_op (apply.c) never forms S psi */
    c->dav.proj_current = 1;   /* q->P always holds <p|psi> (scf/wavefunctions.h) */
    /* ScaLAPACK over the plane-wave ranks for subspaces of 2 nbands >= SUBSPACE_SCALAPACK_MIN */
    if (subspace_distribute(&c->dav.sub, comm->pw, SUBSPACE_SCALAPACK_MIN, e)) return -1;
    if (symmetrizer_init(&c->symz, &pl->kpts.sym, &pl->coarse, &c->ss, e)) return -1;
    int nao = 0;
    for (int a = 0; a < c->ss.natoms; a++) nao += species_of(&c->ss, a)->nao;
    if (ham_op_init(&c->op, &c->ham, &c->wfs, nao > c->nbands ? nao : c->nbands, e)) return -1;
    size_t n = (size_t)c->nspins * pl->kpts.nk * c->nbands;
    c->eps_skn = xcalloc(n, sizeof *c->eps_skn);
    c->f_skn = xcalloc(n, sizeof *c->f_skn);
    return 0;
}

void calc_free(calculation *c)
{
    free(c->eps_skn);
    free(c->f_skn);
    ham_op_free(&c->op);
    symmetrizer_free(&c->symz);
    davidson_free(&c->dav);
    mixer_free(&c->mix);
    occ_free(&c->occ);
    hamiltonian_free(&c->ham);
    density_free(&c->dens);
    wfs_free(&c->wfs);
    density_grids_free(&c->grids);
    species_set_free(&c->ss);
    memset(c, 0, sizeof *c);
}

int calc_occupations(calculation *c, err *e)
{
    wavefunctions *w = &c->wfs;
    int nb = c->nbands;
    /* blocks are spin-major, k inner: the [s][k][n] layout of occupations.h; every rank
     * gets all blocks (collective over comm->kpt) and finds the same occupations */
    wfs_gather_eigenvalues(w, c->eps_skn);
    if (occ_calculate(&c->occ, c->nelectrons, c->eps_skn, c->f_skn, &c->occr, e)) return -1;
    for (int u = 0; u < w->nu; u++)
        memcpy(w->kpt_u[u].f, c->f_skn + (size_t)(w->u0 + u) * nb, nb * sizeof(double));
    return 0;
}
