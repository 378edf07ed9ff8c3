"""GPAW 22.8 reference for crystal symmetry and k-point reduction (run with /usr/bin/python3).

For each case GPAW's calculator is initialised with its default symmetry settings
(point group, time reversal, symmorphic, tolerance 1e-7) and this prints, in C syntax
for tests/unit/test_symmetry.c:
  - the number of operations and their matrices (GPAW's op_scc, its order),
  - the irreducible k-points in GPAW's order with weights as multiples of 1/nbz,
  - sym_k and time_reversal_k for every grid point,
  - for two cases the D_ij rotation matrices R_sii of a Ti and an O setup for a few
    operations (gpaw/setup.py calculate_rotations via gpaw/rotation.py).
Structures: ASE's bulk builders, tests/data/structures/tio2_slab.xyz (pbc T T F).
Usage: sym_kpts.py > /tmp/sym_kpts.out
"""
import os

import numpy as np
from ase.build import bulk, molecule
from ase.io import read
from gpaw import GPAW, PW

here = os.path.dirname(os.path.abspath(__file__))


def cases():
    h2o = molecule('H2O')
    h2o.center(vacuum=4.0)
    yield 'h2o', h2o, (1, 1, 1), False, {}
    yield 'si', bulk('Si', 'diamond', a=5.43), (4, 4, 4), False, {}
    yield 'si_gamma', bulk('Si', 'diamond', a=5.43), (4, 4, 4), True, {}
    yield 'si_tr', bulk('Si', 'diamond', a=5.43), (4, 4, 4), False, {'point_group': False}
    yield 'al', bulk('Al', 'fcc', a=4.05), (8, 8, 8), False, {}
    yield 'lif', bulk('LiF', 'rocksalt', a=4.03), (4, 4, 4), False, {}
    yield 'ti_hcp', bulk('Ti', 'hcp', a=2.95, c=4.68), (3, 3, 2), False, {}
    yield 'ti_hcp6', bulk('Ti', 'hcp', a=2.95, c=4.68), (6, 6, 4), True, {}
    # Si with the origin at the bond centre: inversion swaps the two atoms, so opposite
    # initial moments remove the operations that exchange them.
    mid = bulk('Si', 'diamond', a=5.43)
    mid.translate(-mid.positions[1] / 2)
    yield 'si_mid', mid.copy(), (4, 4, 4), False, {}
    mid.set_initial_magnetic_moments([1.0, -1.0])
    yield 'si_afm', mid, (4, 4, 4), False, {}
    slab = read(os.path.join(here, '..', 'data', 'structures', 'tio2_slab.xyz'))
    yield 'tio2_slab', slab, (4, 8, 1), False, {}


def cints(a):
    return '{' + ', '.join(str(int(x)) for x in np.ravel(a)) + '}'


for name, atoms, kpts, gamma, symm in cases():
    sym = {'point_group': True, 'time_reversal': True, 'symmorphic': True, 'tolerance': 1e-7}
    sym.update(symm)
    # plain tuple = ASE's monkhorst_pack (pawsorb's gamma: false); {'gamma': False} would
    # instead shift odd sizes off Gamma
    calc = GPAW(mode=PW(200), kpts={'size': kpts, 'gamma': True} if gamma else kpts, symmetry=sym, txt=None,
                spinpol=bool(atoms.get_initial_magnetic_moments().any()))
    atoms.calc = calc
    calc.initialize(atoms)
    kd = calc.wfs.kd
    s = calc.symmetry
    nbz = kd.nbzkpts
    print(f'/* {name}: {len(atoms)} atoms, pbc {atoms.pbc.tolist()}, kpts {kpts} gamma {gamma}, {symm} */')
    print(f'static const int {name}_nsym = {len(s.op_scc)}, {name}_nbz = {nbz}, {name}_nibz = {kd.nibzkpts}, '
          f'{name}_symgrid = {int(-1 not in kd.bz2bz_ks)};')
    print(f'static const int {name}_op[][9] = {{' + ', '.join(cints(op) for op in s.op_scc) + '};')
    w = np.rint(kd.weight_k * nbz).astype(int)
    print(f'static const int {name}_w[] = {cints(w)};')
    print(f'static const int {name}_ibz2bz[] = {cints(kd.ibz2bz_k)};')
    print(f'static const int {name}_sym_k[] = {cints(kd.sym_k)};')
    print(f'static const int {name}_tr_k[] = {cints(kd.time_reversal_k)};')
    if name in ('ti_hcp', 'tio2_slab'):
        for a, symbol in ((0, "Ti"),) if name == "ti_hcp" else ((0, "Ti"), (len(atoms) - 1, atoms[-1].symbol)):
            setup = calc.wfs.setups[a]
            pick = [1, len(s.op_scc) // 2, len(s.op_scc) - 1]
            print(f'/* {name}: R_sii of atom {a} ({symbol}, l_j {setup.l_j}), operations {pick} */')
            print(f'static const int {name}_R{a}_ni = {setup.ni};')
            print(f'static const int {name}_R{a}_ops[] = {cints(pick)};')
            vals = ', '.join(repr(float(x)) for x in setup.R_sii[pick].ravel())
            print(f'static const double {name}_R{a}[] = {{{vals}}};')
    if name == 'ti_hcp':
        # l = 3 (f) rotations, which no dataset here carries, straight from gpaw/rotation.py
        from gpaw.rotation import rotation
        pick = [1, len(s.op_scc) - 1]
        vals = []
        for k in pick:
            op_vv = np.linalg.inv(s.cell_cv) @ s.op_scc[k] @ s.cell_cv
            vals += [repr(float(x)) for x in rotation(3, op_vv).ravel()]
        print(f'/* ti_hcp: rotation(3, op_vv) for operations {pick} */')
        print(f'static const int {name}_f_ops[] = {cints(pick)};')
        print(f'static const double {name}_f[] = {{' + ', '.join(vals) + '};')
    print()
