#!/usr/bin/python3
"""Reference trajectories for tests/unit/test_relax.c: ASE 3.22's BFGS and FIRE on a
Lennard-Jones cluster (plain 12-6 pair potential, no cutoff, written out here so nothing
depends on ase.calculators.lj's cutoff shift), atom 0 held by FixAtoms.

LJ7 (eps = 0.3 eV, sigma = 2.2 A) started from a pentagonal bipyramid distorted with a
fixed seed. Prints, as C arrays in eV and Angstrom: the start positions, the energies of
the first steps of each optimiser, the number of steps to fmax = 1e-3 eV/A, the final
energy and final positions.  Run: /usr/bin/python3 tests/reference/relax_ase_lj.py
The output is pasted into tests/unit/test_relax.c (and stored in relax_ase_lj.out)."""
import numpy as np
from ase import Atoms
from ase.calculators.calculator import Calculator, all_changes
from ase.constraints import FixAtoms
from ase.optimize import BFGS, FIRE

EPS, SIG = 0.3, 2.2


class LJ(Calculator):
    implemented_properties = ['energy', 'forces']

    def calculate(self, atoms=None, properties=['energy'], system_changes=all_changes):
        Calculator.calculate(self, atoms, properties, system_changes)
        R = self.atoms.positions
        E, F = 0.0, np.zeros_like(R)
        for i in range(len(R)):
            for j in range(i + 1, len(R)):
                d = R[j] - R[i]
                r2 = d @ d
                sr6 = (SIG * SIG / r2) ** 3
                E += 4 * EPS * (sr6 * sr6 - sr6)
                # dE/dr / r
                g = 4 * EPS * (-12 * sr6 * sr6 + 6 * sr6) / r2
                F[i] += g * d
                F[j] -= g * d
        self.results = {'energy': E, 'forces': F}


def start():
    r = 2 ** (1 / 6) * SIG
    a = r / (2 * np.sin(np.pi / 5))          # pentagon radius, edge r
    h = np.sqrt(r * r - a * a)
    p = [[0, 0, h], [0, 0, -h]] + [[a * np.cos(2 * np.pi * k / 5), a * np.sin(2 * np.pi * k / 5), 0]
                                   for k in range(5)]
    rng = np.random.RandomState(7)
    return np.array(p) + rng.uniform(-0.25, 0.25, (7, 3))


def run(opt_cls, pos):
    atoms = Atoms('Ar7', positions=pos)
    atoms.set_constraint(FixAtoms(indices=[0]))
    atoms.calc = LJ()
    energies = []
    opt = opt_cls(atoms, logfile=None)
    opt.attach(lambda: energies.append(atoms.get_potential_energy()))
    opt.run(fmax=1e-3, steps=1000)
    return energies, atoms.positions.copy()


def carr(name, a):
    a = np.ravel(a)
    body = ',\n    '.join(', '.join('%.15e' % v for v in a[i:i + 3]) for i in range(0, len(a), 3))
    return 'static const double %s[%d] = {\n    %s};' % (name, len(a), body)


p0 = start()
print('/* tests/reference/relax_ase_lj.py: ASE 3.22.1 LJ7, eps %.2f eV, sigma %.2f A, atom 0 fixed */'
      % (EPS, SIG))
print(carr('lj_start_ang', p0))
for name, cls in (('bfgs', BFGS), ('fire', FIRE)):
    E, pos = run(cls, p0)
    print('/* %s: %d energy evaluations to fmax 1e-3 eV/A */' % (name, len(E)))
    print('static const int lj_%s_steps = %d;' % (name, len(E)))
    print(carr('lj_%s_energy_ev' % name, E[:12]))
    print('static const double lj_%s_final_ev = %.15e;' % (name, E[-1]))
    print(carr('lj_%s_final_ang' % name, pos))
