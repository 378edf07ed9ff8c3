/* Nonlocal (projector) force, GPAW's PWWaveFunctions.calculate_forces
 * (gpaw/wavefunctions/fdpw.py, collinear branch):
 *
 *   F_a,v = 2 Re Σ_kn f_kn Σ_ij (dP_niv^a)* P_nj^a (ΔH_ji^a,s - ε_n ΔO_ji^a),
 *   P_ni^a = <p̃_i^a|ψ̃_n>,  dP_niv^a = <∂p̃_i^a/∂r_v|ψ̃_n>       (pwlfc.h eqs. 2, 4)
 *
 * the change of Σ_n f_n <ψ̃_n|H|ψ̃_n> with the projector positions, with the overlap term
 * from keeping <ψ̃_n|S|ψ̃_m> = δ_nm (Blöchl 1994, eq. 39). Per (spin, k) block: one
 * derivative call (GEMMs over the G blocks), then per atom the GEMMs P ΔH and P ΔO over
 * all bands, and the contraction R_ni = f_n [(P ΔH)_ni - ε_n (P ΔO)_ni] against dP. */
#include "forces/forces.h"

#include <cblas.h>
#include <string.h>

/* X_ii = unpack(X_p): both triangles (GPAW's unpack, ΔH stored without doubling). */
static void unpack_c(int ni, const double *p, double complex *ii)
{
    int k = 0;
    for (int i1 = 0; i1 < ni; i1++)
        for (int i2 = i1; i2 < ni; i2++, k++) ii[i1 * ni + i2] = ii[i2 * ni + i1] = p[k];
}

/* (P X)[:, I_a] for one atom: nb x ni times ni x ni. */
static void times_atom(const forces_work *ws, int nb, const double complex *P, int I0, int ni, double complex *out)
{
    const double complex one = 1.0, zero = 0.0;
    cblas_zgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, nb, ni, ni, &one, P + I0, ws->nI, ws->X_ii, ni, &zero,
                out + I0, ws->nI);
}

/* The projector derivatives of block q into ws->dP (complex, v-major). */
static int derivatives(forces_work *ws, wavefunctions *w, const wfs_kpoint *q, err *e)
{
    int nb = w->nbl, nI = ws->nI;   /* this rank's bands */
    pwlfc *pt = &w->pt_k[q->k];
    if (!w->real) return pwlfc_derivative_cplx(pt, nb, q->psi, q->npw, ws->dP, nI, e);
    if (pwlfc_derivative_real(pt, nb, q->psi, q->npw, ws->dP_r, nI, e)) return -1;
    for (long i = 0; i < 3L * nb * nI; i++) ws->dP[i] = ws->dP_r[i];
    return 0;
}

int forces_nonlocal(forces_work *ws, wavefunctions *w, const hamiltonian *h, double (*F)[3], err *e)
{
    const species_set *ss = w->ss;
    int nb = w->nbl, nI = ws->nI, ns = w->nspins;   /* this rank's bands w->n0 + n */
    double (*Fl)[3] = ws->F_local;
    memset(Fl, 0, (size_t)ss->natoms * sizeof *Fl);
    for (int u = 0; u < w->nu; u++) {   /* this rank's blocks */
        const wfs_kpoint *q = &w->kpt_u[u];
        if (derivatives(ws, w, q, e)) return -1;
        for (int a = 0; a < ss->natoms; a++) {
            int ni = ss->ni_a[a], I0 = ss->I_a[a];
            unpack_c(ni, h->dH_asp + (size_t)ns * ss->p_a[a] + (size_t)q->s * ss->np_a[a], ws->X_ii);
            times_atom(ws, nb, q->P, I0, ni, ws->PH);
            const double *dO = species_of(ss, a)->d.dO_ii;
            for (int i = 0; i < ni * ni; i++) ws->X_ii[i] = dO[i];
            times_atom(ws, nb, q->P, I0, ni, ws->PO);
        }
        for (int n = 0; n < nb; n++) {
            double f = wfs_occ(w, q, w->n0 + n), fe = f * q->eps[w->n0 + n];
            if (f == 0.0) continue;
            const double complex *PH = ws->PH + (size_t)n * nI, *PO = ws->PO + (size_t)n * nI;
            for (int a = 0; a < ss->natoms; a++)
                for (int v = 0; v < 3; v++) {
                    const double complex *dP = ws->dP + ((size_t)v * nb + n) * nI;
                    double s = 0.0;
                    for (int j = ss->I_a[a]; j < ss->I_a[a + 1]; j++)
                        s += creal(conj(dP[j]) * (f * PH[j] - fe * PO[j]));
                    Fl[a][v] += 2.0 * s;
                }
        }
    }
    /* the other band ranks' bands and the other k-point groups' blocks (collective over
     * comm->band and comm->kpt, ordered: the same bits on every rank) */
    if (w->nband_ranks > 1) comm_sum_ordered(w->comm->band, &Fl[0][0], 3 * (size_t)ss->natoms, w->comm->work);
    comm_sum_ordered(w->comm->kpt, &Fl[0][0], 3 * (size_t)ss->natoms, w->comm->work);
    for (int a = 0; a < ss->natoms; a++)
        for (int v = 0; v < 3; v++) F[a][v] += Fl[a][v];
    return 0;
}
