#!/usr/bin/python3
"""Reference numbers for tests/unit/test_setup_read.c: what GPAW 22.8's own reader
(gpaw.setup_data.SetupData) makes of the Debian gpaw-data datasets H, O, Ti, Li (PBE).

Run with Debian's python (GPAW + ASE installed there):
    /usr/bin/python3 tests/reference/setup_dump.py > tests/data/setups/read_ref.txt
Output: one line per number, "<symbol> <key> <value>" with 17 significant digits.
Keys: scalars (Z, Nc, Nv, energies, grid a/b/n, shape rc), per state j
(n, l, f, rc, e), and for every radial array its sum, sum of squares (norm^2), value at
grid point 1 and at the point N//3, and the radial integral sum_{g>=1} f r^2 dr.
"""
import sys
from math import sqrt, pi

import numpy as np
from gpaw.setup_data import SetupData

SYMBOLS = ['H', 'O', 'Ti', 'Li']


def out(sym, key, value):
    print(f'{sym} {key} {float(value):.17g}')


def array(sym, key, rgd, x):
    x = np.asarray(x, float)
    out(sym, key + '.sum', x.sum())
    out(sym, key + '.norm2', (x * x).sum())
    out(sym, key + '.at1', x[1])
    out(sym, key + '.at3rd', x[len(x) // 3])
    out(sym, key + '.int_r2dr', np.dot(x[1:], (rgd.r_g**2 * rgd.dr_g)[1:]))


def dump(sym):
    s = SetupData(sym, 'PBE')
    rgd = s.rgd
    out(sym, 'Z', s.Z)
    out(sym, 'Nc', s.Nc)
    out(sym, 'Nv', s.Nv)
    out(sym, 'nj', len(s.l_j))
    out(sym, 'e_kinetic', s.e_kinetic)
    out(sym, 'e_xc', s.e_xc)
    out(sym, 'e_electrostatic', s.e_electrostatic)
    out(sym, 'e_total', s.e_total)
    out(sym, 'e_kinetic_core', s.e_kinetic_core)
    out(sym, 'grid.n', rgd.N)
    out(sym, 'grid.a', rgd.a)
    out(sym, 'grid.b', rgd.b)
    out(sym, 'grid.r_last', rgd.r_g[-1])
    out(sym, 'grid.dr_last', rgd.dr_g[-1])
    out(sym, 'shape.rc', s.shape_function['rc'])
    for j in range(len(s.l_j)):
        out(sym, f'state{j}.n', s.n_j[j])
        out(sym, f'state{j}.l', s.l_j[j])
        out(sym, f'state{j}.f', s.f_j[j])
        out(sym, f'state{j}.rc', s.rcut_j[j])
        out(sym, f'state{j}.e', s.eps_j[j])
        array(sym, f'phi{j}', rgd, s.phi_jg[j])
        array(sym, f'phit{j}', rgd, s.phit_jg[j])
        array(sym, f'pt{j}', rgd, s.pt_jg[j])
    array(sym, 'nc', rgd, s.nc_g)
    array(sym, 'nct', rgd, s.nct_g)
    array(sym, 'vbar', rgd, s.vbar_g)
    if s.nvt_g is not None:
        array(sym, 'nvt', rgd, s.nvt_g)
    if s.tauc_g is not None:
        array(sym, 'tauc', rgd, s.tauc_g)
    out(sym, 'e_kin.sum', s.e_kin_jj.sum())
    out(sym, 'e_kin.norm2', (s.e_kin_jj**2).sum())
    out(sym, 'e_kin.01', s.e_kin_jj[0, 1])
    # The sqrt(4 pi) convention of densities: sqrt(4 pi) int nc r^2 dr = Nc.
    out(sym, 'core_electrons', sqrt(4 * pi) * np.dot(s.nc_g[1:], (rgd.r_g**2 * rgd.dr_g)[1:]))


if __name__ == '__main__':
    print('# made by tests/reference/setup_dump.py with GPAW', __import__('gpaw').__version__)
    for sym in sys.argv[1:] or SYMBOLS:
        dump(sym)
