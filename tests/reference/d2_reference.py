#!/usr/bin/python3
"""Reference numbers for tests/unit/test_d2.c: an independent implementation of Grimme's
DFT-D2 (S. Grimme, J. Comput. Chem. 27, 1787 (2006)) with numpy and ASE.

Run from the source tree: /usr/bin/python3 tests/reference/d2_reference.py
It writes tests/data/d2/<case>.xyz (the structures, extended XYZ by ASE) and
tests/data/d2/<case>.ref (energy in eV, forces in eV/Angstrom, stress in eV/Angstrom^3).

Written from the paper's formula, not from pawsorb's C:
    E = -(s6/2) sum_i sum_(j,L)' C6ij / r^6 f(r),   f(r) = 1 / (1 + exp(-d (r/R0ij - 1)))
    C6ij = sqrt(C6i C6j), R0ij = R0i + R0j, s6 = 0.75 (PBE), d = 20,
with every (i, j, L) within the cutoff enumerated by ASE's neighbour list
(ase.neighborlist.neighbor_list, which handles any pbc combination by its own binning),
parameters converted with ase.units (kJ, mol, nm), and
    F_i = sum_(j,L) de/dr D/r,   stress = (1/2V) sum_(i,j,L) de/dr D D^T / r
for D = r_j + L - r_i (the 1/2 because every pair appears twice in the list).
Cutoff 50 Angstrom (VASP's VDW_RADIUS default); a pair counts when r < cutoff.
"""
import os
import sys

import numpy as np
from ase import Atoms
from ase.build import fcc111
from ase.collections import s22
from ase.io import read, write
from ase.neighborlist import neighbor_list
from ase import units

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', '..')
OUT = os.path.join(SRC, 'tests', 'data', 'd2')
S6, D, CUTOFF = 0.75, 20.0, 50.0


def read_params(path):
    """potentials/d2.csv: Z,symbol,C6 (J nm^6/mol),R0 (Angstrom) -> eV A^6, A."""
    c6, r0 = {}, {}
    jnm6mol = 1e-3 * units.kJ / units.mol * units.nm**6   # eV A^6
    for line in open(path):
        line = line.strip()
        if not line or line.startswith('#') or line.startswith('Z,'):
            continue
        z, sym, c, r = line.split(',')
        c6[int(z)] = float(c) * jnm6mol
        r0[int(z)] = float(r)
    return c6, r0


def d2(atoms, c6, r0, cutoff=CUTOFF, s6=S6, d=D):
    i, j, dist, vec = neighbor_list('ijdD', atoms, cutoff, self_interaction=False)
    z = atoms.numbers
    c6ij = np.sqrt(np.array([c6[a] for a in z[i]]) * np.array([c6[a] for a in z[j]]))
    r0ij = np.array([r0[a] for a in z[i]]) + np.array([r0[a] for a in z[j]])
    f = 1.0 / (1.0 + np.exp(-d * (dist / r0ij - 1.0)))
    e = -s6 * c6ij * f / dist**6
    dfdr = d / r0ij * f * (1.0 - f)
    dedr = -s6 * c6ij * (dfdr / dist**6 - 6.0 * f / dist**7)
    energy = 0.5 * e.sum()
    g = (dedr / dist)[:, None] * vec
    forces = np.zeros((len(atoms), 3))
    np.add.at(forces, i, g)
    stress = 0.5 * np.einsum('p,pa,pb->ab', dedr / dist, vec, vec) / abs(atoms.get_volume())
    return energy, forces, stress


def cases():
    rng = np.random.RandomState(42)
    # H2O dimer (S22 geometry) in a 12 Angstrom box, not periodic.
    dimer = s22['Water_dimer'].copy()
    dimer.set_cell([12.0, 12.0, 12.0])
    dimer.center()
    dimer.pbc = False
    # Slab-like: Cu(111) 2x2x2 (hexagonal in-plane cell) with H2O above, periodic in x, y only.
    slab = fcc111('Cu', size=(2, 2, 2), vacuum=6.0)
    h2o = Atoms('OH2', positions=[(0, 0, 0), (0.76, 0.59, 0), (-0.76, 0.59, 0)])
    h2o.translate(slab.positions[-1] + (0.3, 0.2, 2.3))
    slab += h2o
    slab.pbc = (True, True, False)
    slab.rattle(0.05, rng=rng)
    del slab.arrays['tags']
    slab.info.clear()
    # Small triclinic bulk with LATP's elements.
    bulk = Atoms('LiTiPO', cell=[[4.1, 0.0, 0.0], [1.2, 3.9, 0.0], [0.7, -0.9, 4.4]],
                 scaled_positions=[(0.0, 0.0, 0.0), (0.5, 0.45, 0.55), (0.23, 0.71, 0.18),
                                   (0.77, 0.12, 0.81)], pbc=True)
    bulk.rattle(0.03, rng=rng)
    return [('h2o_dimer', dimer), ('slab_ttf', slab), ('triclinic', bulk)]


def main():
    c6, r0 = read_params(os.path.join(SRC, 'potentials', 'd2.csv'))
    os.makedirs(OUT, exist_ok=True)
    for name, atoms in cases():
        path = os.path.join(OUT, name + '.xyz')
        write(path, atoms, format='extxyz')
        atoms = read(path)   # the positions as stored (8 decimals), which the C test reads
        energy, forces, stress = d2(atoms, c6, r0)
        e80 = d2(atoms, c6, r0, cutoff=80.0)[0]
        with open(os.path.join(OUT, name + '.ref'), 'w') as f:
            f.write('# %s: D2 (s6 %.2f, d %.0f, cutoff %.0f A) by tests/reference/d2_reference.py, '
                    'ASE %s\n' % (name, S6, D, CUTOFF, __import__('ase').__version__))
            f.write('energy %.15e\n' % energy)
            f.write('energy_cutoff80 %.15e\n' % e80)
            for a, fa in enumerate(forces):
                f.write('force %d %.15e %.15e %.15e\n' % (a, *fa))
            f.write('stress' + ''.join(' %.15e' % x for x in stress.ravel()) + '\n')
        print('%-10s natoms %2d  E %.10f eV  E(80 A) - E(50 A) %.3e eV  max|F| %.6f eV/A'
              % (name, len(atoms), energy, e80 - energy, np.abs(forces).max()), file=sys.stderr)


if __name__ == '__main__':
    main()
