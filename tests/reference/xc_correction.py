#!/usr/bin/python3
"""Reference numbers for tests/unit/test_xc_correction.c: GPAW 22.8's one-centre PAW XC
correction (gpaw/xc/lda.py calculate_paw_correction with the radial expansions of
gpaw/xc/lda.py and gpaw/xc/gga.py, PAWXCCorrection of gpaw/xc/pawcorrection.py).

    /usr/bin/python3 tests/reference/xc_correction.py > tests/data/xccorr/ref.txt

For each case the setup is built as a GPAW calculation builds it (create_setup with the
dataset's own functional, lmax=2), a density matrix D_sp is made from the reference-atom
occupations of orbitals perturbed at random (fixed seed; D_sp printed), and

    E = xc.calculate_paw_correction(setup, D_sp, dEdD_sp)      (dEdD_sp starts at 0)

is printed for xc = XC(<libxc name>) (the numbers pawsorb must reproduce to rounding)
and, as `E_gpaw`, for GPAW's built-in kernel of the same functional (XC('PBE'),
XC('LDA'): PW92/PBE constants rounded differently, ~1e-6 relative).

Format, whitespace-separated tokens:
    case <name> <symbol> <dataset family> <libxc name> <nspins> <np>
    D_sp <nspins*np values>
    E <value>
    dH_sp <nspins*np values>
    E_gpaw <value>
    nmin <value>
    end
nmin is the smallest spin density (all-electron or pseudo) on the radial x Lebedev grid:
below GPAW's clamp NMIN = 1e-10 the result is sensitive to rounding (the test's
tolerance depends on it).
"""
import numpy as np
from gpaw.setup import create_setup
from gpaw.sphere.lebedev import Y_nL
from gpaw.utilities import pack
from gpaw.xc import XC

LIBXC = {'PBE': 'GGA_X_PBE+GGA_C_PBE', 'LDA': 'LDA_X+LDA_C_PW'}

# (name, symbol, family, nspins, perturbation amplitude, spin-up fraction)
CASES = [
    ('H_PBE_1', 'H', 'PBE', 1, 0.05, 0.5),
    ('H_PBE_2', 'H', 'PBE', 2, 0.05, 0.8),
    ('O_PBE_1ref', 'O', 'PBE', 1, 0.0, 0.5),   # the reference atom itself
    ('O_PBE_1', 'O', 'PBE', 1, 0.05, 0.5),
    ('O_PBE_2', 'O', 'PBE', 2, 0.05, 0.65),
    ('Ti_PBE_1', 'Ti', 'PBE', 1, 0.05, 0.5),
    ('Ti_PBE_2', 'Ti', 'PBE', 2, 0.05, 0.6),
    ('Li_PBE_2', 'Li', 'PBE', 2, 0.05, 0.7),
    ('Li_PBE_2neg', 'Li', 'PBE', 2, 0.02, 0.9),   # negative spin-down density
    ('H_LDA_1', 'H', 'LDA', 1, 0.05, 0.5),
    ('H_LDA_2', 'H', 'LDA', 2, 0.05, 0.8),
    ('O_LDA_1', 'O', 'LDA', 1, 0.05, 0.5),
    ('O_LDA_2', 'O', 'LDA', 2, 0.05, 0.65),
    ('Ti_LDA_2', 'Ti', 'LDA', 2, 0.05, 0.6),
]


def orbital_D_ii(setup, amp, rng):
    """D_ii = sum_n f_n/(2l+1) P_ni P_nj over the bound (j, m), P_n = e_i + amp x random:
    the density matrix of perturbed atomic orbitals, so that n and nt stay >= 0."""
    D = np.zeros((setup.ni, setup.ni))
    i = 0
    for l, f in zip(setup.l_j, setup.f_j):
        for m in range(2 * l + 1):
            P = rng.uniform(-amp, amp, setup.ni)
            P[i] += 1.0
            D += f / (2 * l + 1) * np.outer(P, P)
            i += 1
    return D


def reference_D_ii(setup):
    """Diagonal density matrix of the reference atom: f_j / (2 l + 1) on each m."""
    D = []
    for l, f in zip(setup.l_j, setup.f_j):
        D += [f / (2 * l + 1)] * (2 * l + 1)
    return np.diag(D)


def min_density(setup, D_sp):
    xcc = setup.xc_correction
    D_sLq = np.inner(D_sp, xcc.B_pqL.T)
    nmin = np.inf
    for n_qg, nc_g in ((xcc.n_qg, xcc.nc_g), (xcc.nt_qg, xcc.nct_g)):
        n_sLg = np.dot(D_sLq, n_qg)
        n_sLg[:, 0] += np.sqrt(4 * np.pi) / len(D_sp) * nc_g
        nmin = min(nmin, np.einsum('nL,sLg->nsg', Y_nL[:, :xcc.Lmax], n_sLg).min())
    return nmin


def vec(key, x):
    print(key, ' '.join(f'{v:.17g}' for v in np.ravel(x)))


def main():
    rng = np.random.default_rng(20240613)
    setups = {}
    for name, sym, family, ns, amp, up in CASES:
        if (sym, family) not in setups:
            setups[sym, family] = create_setup(sym, XC(family), lmax=2)
        s = setups[sym, family]
        fractions = [1.0] if ns == 1 else [up, 1.0 - up]
        D_sp = []
        for f in fractions:
            if name.endswith('neg'):  # any symmetric perturbation: densities may be < 0
                P = rng.uniform(-amp, amp, (s.ni, s.ni))
                D_sp.append(pack(f * reference_D_ii(s) + 0.5 * (P + P.T)))
            else:
                D_sp.append(pack(f * orbital_D_ii(s, amp, rng)))
        D_sp = np.array(D_sp)
        print('case', name, sym, family, LIBXC[family], ns, D_sp.shape[1])
        vec('D_sp', D_sp)
        dH_sp = np.zeros_like(D_sp)
        E = XC(LIBXC[family]).calculate_paw_correction(s, D_sp, dH_sp)
        print('E', f'{E:.17g}')
        vec('dH_sp', dH_sp)
        E_gpaw = XC(family).calculate_paw_correction(s, D_sp.copy())
        print('E_gpaw', f'{E_gpaw:.17g}')
        print('nmin', f'{min_density(s, D_sp):.17g}')
        print('end')


main()
