"""Reference numbers for tests/unit/test_davidson.c (test_gpaw_precond): GPAW 22.8's
plane-wave inner product (PWDescriptor.integrate) and kinetic preconditioner
(gpaw/wavefunctions/pw.py, Preconditioner: calculate_kinetic_energy and __call__, the
C kernel _gpaw.pw_precond) on deterministic coefficient vectors, for a Gamma-only real
(dtype=float, half sphere) and a complex k-point basis.

Run with Debian's python: /usr/bin/python3 tests/reference/eigen_precond_gpaw.py
"""
import numpy as np
from gpaw.grid_descriptor import GridDescriptor
from gpaw.kpt_descriptor import KPointDescriptor
from gpaw.pw.descriptor import PWDescriptor
from gpaw.wavefunctions.pw import Preconditioner

CELL = np.array([[5.0, 0.0, 0.0], [0.5, 5.5, 0.0], [0.3, 0.2, 6.0]])  # bohr
N_C = (16, 18, 20)
ECUT = 12.0  # hartree
NB = 3


def vectors(G2_G, real):
    """psi_n(G) = (cos(0.37 (G+1)(n+1)) + i sin(0.11 (G+1) + n)) / (1 + |k+G|^2/2)."""
    i = np.arange(len(G2_G)) + 1.0
    psi = np.array([(np.cos(0.37 * i * (n + 1)) + 1j * np.sin(0.11 * i + n)) /
                    (1 + 0.5 * G2_G) for n in range(NB)])
    if real:
        psi[:, 0] = psi[:, 0].real
    return psi


class Kpt:
    q = 0


def case(real, k_c):
    gd = GridDescriptor(N_C, CELL, pbc_c=True)
    kd = KPointDescriptor([k_c])
    pd = PWDescriptor(ECUT, gd, float if real else complex, kd)
    G2_G = pd.G2_qG[0]
    psi = vectors(G2_G, real)
    prec = Preconditioner(pd.G2_qG, pd)
    ekin = prec.calculate_kinetic_energy(psi, Kpt())
    out = prec(psi, Kpt(), ekin)
    S = pd.integrate(psi, psi)  # <psi_i|psi_j>, filled for i <= j
    ng = len(G2_G)
    idx = [0, 7, ng // 2, ng - 1]
    name = 'real' if real else 'complex'
    print(f'/* {name}: k = {list(k_c)} */')
    print(f'{{{int(real)}, {{{k_c[0]}, {k_c[1]}, {k_c[2]}}}, {ng}, {gd.dv / gd.N_c.prod():.17g},')
    print('  {' + ', '.join(f'{x:.17g}' for x in ekin) + '},')
    print('  {' + ', '.join(f'{{{S[i, j].real:.17g}, {S[i, j].imag:.17g}}}'
                            for i in range(NB) for j in range(i, NB)) + '},')
    print('  {' + ', '.join(str(i) for i in idx) + '},')
    print('  {' + ', '.join(f'{{{out[1, i].real:.17g}, {out[1, i].imag:.17g}}}'
                            for i in idx) + '},')
    print(f'  {np.sum(abs(out)**2):.17g}}},')


case(True, (0.0, 0.0, 0.0))
case(False, (0.1, -0.2, 0.25))
