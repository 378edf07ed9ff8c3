#!/usr/bin/python3
"""GPAW 22.8's density-grid operations for tests/unit/test_density.c:
pd2.interpolate, pd3.restrict and PWMapping (gpaw/pw/descriptor.py) on small grids with
even and odd sizes, an orthorhombic and a triclinic cell.

    /usr/bin/python3 tests/reference/scf_grids.py > tests/data/scf/grids.txt

The input functions are formulas of the grid indices that test_density.c evaluates the
same way (they have Nyquist content on purpose). Output lines:
    case NAME N0 N1 N2 ecut npw2 npw3
    fine i value        (interpolate: fine-grid value at flat index i)
    coef2 G re im       (interpolate: pd2 coefficient G)
    coarse i value      (restrict: coarse value at flat index i)
    rcoef2 G re im      (restrict: pd2 coefficient G)
    map G2 G3           (PWMapping: pd2 index -> pd3 index)
"""
from math import pi

import numpy as np
from gpaw.grid_descriptor import GridDescriptor
from gpaw.pw.descriptor import PWDescriptor, PWMapping


def f_coarse(N):
    i = np.indices(N).astype(float)
    return (np.exp(-0.07 * ((i[0] - N[0] / 3) ** 2 + (i[1] - N[1] / 2) ** 2 + (i[2] - 1) ** 2))
            + 0.1 * np.cos(pi * i[0]) + 0.05 * np.cos(pi * i[1] + 0.3) * np.sin(2 * pi * i[2] / N[2])
            + 0.02 * np.cos(pi * i[2]))


def g_fine(M):
    i = np.indices(M).astype(float)
    return (np.exp(-0.03 * ((i[0] - M[0] / 2) ** 2 + (i[1] - 3) ** 2 + (i[2] - M[2] / 4) ** 2))
            + 0.2 * np.cos(2 * pi * 3 * i[0] / M[0]) * np.cos(pi * i[1])
            + 0.1 * np.sin(2 * pi * i[2] * 5 / M[2] + 0.7))


def run(name, cell, N):
    N = np.array(N)
    gd = GridDescriptor(N, cell, pbc_c=True)
    fgd = gd.refine()
    ecut0 = 0.5 * pi ** 2 / (gd.h_cv ** 2).sum(1).max()
    ecut = min(2 * 100.0, ecut0)   # wavefunction cutoff 100 hartree: ReciprocalSpaceDensity takes ecut0
    pd2 = PWDescriptor(ecut, gd)
    pd3 = PWDescriptor(4 * ecut, fgd)
    print('case', name, *N, repr(ecut), len(pd2.Q_qG[0]), len(pd3.Q_qG[0]))
    a = f_coarse(N)
    b, aG = pd2.interpolate(a, pd3)
    for i in range(0, b.size, max(1, b.size // 37)):
        print('fine', i, repr(b.ravel()[i]))
    for G in list(range(0, len(aG), max(1, len(aG) // 23))) + [len(aG) - 1]:
        print('coef2', G, repr(aG[G].real), repr(aG[G].imag))
    g = g_fine(fgd.N_c)
    c, cG = pd3.restrict(g, pd2)
    for i in range(0, c.size, max(1, c.size // 37)):
        print('coarse', i, repr(c.ravel()[i]))
    for G in list(range(0, len(cG), max(1, len(cG) // 23))) + [len(cG) - 1]:
        print('rcoef2', G, repr(cG[G].real), repr(cG[G].imag))
    m = PWMapping(pd2, pd3)
    for k in range(0, len(m.G1), max(1, len(m.G1) // 17)):
        print('map', m.G1[k], m.G2_G1[k])


run('ortho_even', np.diag([5.0, 5.6, 6.2]), (12, 14, 16))
run('ortho_odd', np.diag([5.0, 5.6, 6.2]), (9, 15, 11))
run('tri_mixed', np.array([[0, 5.1, 5.1], [5.1, 0, 5.1], [5.1, 5.1, 0.0]]), (10, 9, 12))
