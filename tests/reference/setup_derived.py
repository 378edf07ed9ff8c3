#!/usr/bin/python3
"""Reference numbers for tests/unit/test_setup_derived.c: GPAW 22.8's derived one-centre
quantities (gpaw/setup.py, Setup.__init__) for the Debian gpaw-data PBE datasets, built
as a GPAW calculation builds them (lmax=2, no filter, the PBE functional).

    /usr/bin/python3 tests/reference/setup_derived.py > tests/data/setups/derived_ref.txt

Lines "<symbol> <key> <value>". Scalars are printed as they are; arrays as
  key.n      number of elements
  key.sum    plain sum
  key.norm2  sum of squares
  key.wsum   sum_k cos(0.7 k) x_k over the C-order flattened index k (catches
             permutations and sign errors that sum and norm miss)
  key[k]     a few single elements (first, middle, last)
"""
import sys
from math import cos, pi, sqrt

import numpy as np
from gpaw.setup import create_setup
from gpaw.xc import XC

SYMBOLS = ['H', 'O', 'Ti', 'Li']


def out(sym, key, value):
    print(f'{sym} {key} {float(value):.17g}')


def array(sym, key, x):
    x = np.asarray(x, float).ravel()
    out(sym, key + '.n', len(x))
    out(sym, key + '.sum', x.sum())
    out(sym, key + '.norm2', (x * x).sum())
    out(sym, key + '.wsum', sum(cos(0.7 * k) * v for k, v in enumerate(x)))
    for k in sorted({0, len(x) // 2, len(x) - 1}):
        out(sym, f'{key}[{k}]', x[k])


def dump(sym):
    # create_setup wraps Setup in LeanSetup; the full Setup is kept as .data? No:
    # LeanSetup copies the attributes we need.
    s = create_setup(sym, XC('PBE'), lmax=2)
    out(sym, 'ni', s.ni)
    out(sym, 'lmax', s.lmax)
    out(sym, 'gcut2', s.local_corr.rgd2.N)
    out(sym, 'lcut', s.local_corr.lcut)
    out(sym, 'rcutfilter', s.rcutfilter)
    out(sym, 'rcore', s.rcore)
    out(sym, 'Delta0', s.Delta0)
    out(sym, 'M', s.M)
    out(sym, 'MB', s.MB)
    out(sym, 'Nct', s.Nct)
    out(sym, 'E', s.E)
    out(sym, 'Kc', s.Kc)
    out(sym, 'dEH0', s.dEH0)
    array(sym, 'g_lg', s.g_lg)
    array(sym, 'Delta_pL', s.Delta_pL)
    array(sym, 'M_p', s.M_p)
    array(sym, 'M_pp', s.M_pp)
    array(sym, 'MB_p', s.MB_p)
    array(sym, 'K_p', s.K_p)
    array(sym, 'dO_ii', s.dO_ii)
    array(sym, 'B_ii', s.B_ii)
    array(sym, 'dC_ii', s.dC_ii)
    array(sym, 'dEH_p', s.dEH_p)
    array(sym, 'N0_p', s.N0_p)


def grids_and_shapes():
    """The grid equations GPAW accepts other than the gpaw-data one, and the sinc and
    bessel shape functions no installed dataset uses (names: gexp, glin, grat; ssinc,
    sbess, sgaus on the O grid with rc = 0.5, lmax = 2)."""
    from gpaw.atom.radialgd import radial_grid_descriptor
    from gpaw.atom.shapefunc import shape_functions
    grids = {'gexp': radial_grid_descriptor('r=a*(exp(d*i)-1)', a=1e-3, d=0.02,
                                            istart=0, iend=499),
             'glin': radial_grid_descriptor('r=d*i', d=0.01, istart=0, iend=999),
             'grat': radial_grid_descriptor('r=a*i/(1-b*i)', a=0.002, b=0.0025,
                                            n=350)}
    for name, rgd in grids.items():
        out(name, 'n', rgd.N)
        array(name, 'r', rgd.r_g)
        array(name, 'dr', rgd.dr_g)
        for rc in (0.5, 1.3, 2.6):
            out(name, f'ceil{rc}', rgd.ceil(rc))
    rgd = radial_grid_descriptor('r=a*i/(n-i)', a=0.4, n=300)
    for name, kind in [('ssinc', 'sinc'), ('sbess', 'bessel'), ('sgaus', 'gauss')]:
        array(name, 'g_lg', shape_functions(rgd, kind, 0.5, 2))


if __name__ == '__main__':
    print('# made by tests/reference/setup_derived.py with GPAW',
          __import__('gpaw').__version__)
    for sym in sys.argv[1:] or SYMBOLS:
        dump(sym)
    if not sys.argv[1:]:
        grids_and_shapes()
