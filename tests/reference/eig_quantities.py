"""Gaps, band widths and selected eigenvalues from a set of Kohn-Sham eigenvalues.

Used on GPAW's eigenvalues by tests/reference/eig_gpaw.py and on pawsorb's by
benchmarks/scf_cases.py --eig, so that both codes go through the same definitions:

  nocc = N_valence / 2 (spin-paired; every case of gpaw-public.json is);
  insulator (N_valence even and max_k eps[nocc-1] < min_k eps[nocc]):
    HOMO/VBM = max_k eps_k[nocc-1], LUMO/CBM = min_k eps_k[nocc],
    gap = CBM - VBM (indirect when the two k differ),
    direct gap at each IBZ k-point: eps_k[nocc] - eps_k[nocc-1],
    valence band width = VBM - min_k eps_k[0],
    and for a single k-point (molecules) every eigenvalue eps_0 ... eps_nocc (HOMO, LUMO);
  metal: Fermi level and occupied band width E_F - min_k eps_k[0].

k-points are named by their fractional coordinates folded into (-1/2, 1/2] and turned
by time reversal so that the first non-zero coordinate is positive: the same name in
both codes means the same (or a time-reversed) k-point.
"""
import numpy as np


def kname(k):
    k = np.array(k, float)
    k = k - np.round(k)              # (-1/2, 1/2]
    k[np.isclose(k, -0.5)] = 0.5
    k[np.isclose(k, 0.0)] = 0.0
    nz = [x for x in k if abs(x) > 1e-8]
    if nz and nz[0] < 0:             # time reversal
        k = -k
        k[np.isclose(k, -0.5)] = 0.5
    return '(' + ','.join(f'{x:+.4f}' for x in k + 0.0) + ')'


def quantities(name, eps, kweights, fermi, nvalence, kpoints, nocc_s=None):
    """eps: (spin, k, band) in eV. Returns {quantity: value in eV}. Spin-polarised
    (two spin channels): nocc_s gives the occupied bands of each channel (from GPAW's
    run, e.g. O2 triplet 7 and 5) and every quantity is made per channel, prefixed
    'up_' / 'down_'."""
    eps = np.asarray(eps, float)
    if eps.shape[0] == 2:
        q = {}
        for s, tag in enumerate(('up_', 'down_')):
            qs = channel(eps[s], fermi, 2 * nocc_s[s], kpoints)
            q.update({tag + k: v for k, v in qs.items()})
        return q
    return channel(eps[0], fermi, nvalence, kpoints)


def channel(eps, fermi, nvalence, kpoints):
    """One spin channel (k, band); nvalence counts 2 electrons per occupied band."""
    q = {}
    nocc = int(round(nvalence)) // 2
    metal = int(round(nvalence)) % 2 == 1 or eps.shape[1] <= nocc or \
        eps[:, nocc - 1].max() >= eps[:, nocc].min()
    if metal:
        q['fermi'] = fermi
        q['occupied_band_width'] = fermi - eps[:, 0].min()
        return {k: float(v) for k, v in q.items()}
    vbm, cbm = eps[:, nocc - 1].max(), eps[:, nocc].min()
    q['VBM'] = vbm
    q['CBM'] = cbm
    q['gap'] = cbm - vbm
    q['valence_band_width'] = vbm - eps[:, 0].min()
    if eps.shape[0] == 1:
        for n in range(nocc + 1):
            q[f'eps_{n}'] = eps[0, n]
    else:
        for k, kp in enumerate(kpoints):
            q['direct_gap' + kname(kp)] = eps[k, nocc] - eps[k, nocc - 1]
    return {k: float(v) for k, v in q.items()}
