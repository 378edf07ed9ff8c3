#!/usr/bin/python3
"""All-electron density cubes from GPAW 22.8 for checking pawsorb's Bader code
(run with /usr/bin/python3; ~1-2 min on 2 cores).

    /usr/bin/python3 tests/reference/bader_gpaw_cubes.py OUTDIR [CASE ...] [--ecut=EV] [--ref4]

CASE: h2o (ASE g2 H2O, vacuum 4 A, periodic box as tests/data/scf/h2o_*.yaml) and lif
(rocksalt a = 4.03 A, primitive fcc cell, non-orthogonal, 4x4x4 Monkhorst-Pack,
Fermi-Dirac 0.1 eV). PW 500 eV (or --ecut), PBE, GPAW's default setups. For each case writes
OUTDIR/CASE_ae2.cube: calc.get_all_electron_density(gridrefinement=2), in
electrons/bohr^3 (z fastest, as every cube file); OUTDIR/CASE_ae4.cube with
gridrefinement=4 when --ref4 is given; OUTDIR/CASE_pseudo.cube the pseudo density;
OUTDIR/CASE.json with the grid, the integral of each cube and the energy.
"""
import json
import sys

from ase.build import bulk, molecule
from ase.io import write
from ase.units import Bohr
from gpaw import GPAW, PW, FermiDirac


def case(name):
    if name == 'h2o':
        a = molecule('H2O')
        a.center(vacuum=4.0)
        a.pbc = True
        return a, {}
    if name == 'lif':
        return bulk('LiF', 'rocksalt', a=4.03), {'kpts': (4, 4, 4), 'occupations': FermiDirac(0.1)}
    raise SystemExit('unknown case ' + name)


def main():
    out = sys.argv[1]
    names = [a for a in sys.argv[2:] if not a.startswith('--')] or ['h2o', 'lif']
    for name in names:
        atoms, kw = case(name)
        ecut = float(next((a[7:] for a in sys.argv if a.startswith('--ecut=')), 500))
        calc = GPAW(mode=PW(ecut), xc='PBE', txt=f'{out}/{name}_gpaw.txt', **kw)
        atoms.calc = calc
        e = atoms.get_potential_energy()
        info = {'energy_eV': e, 'symbols': atoms.get_chemical_symbols()}
        refs = [2, 4] if '--ref4' in sys.argv else [2]
        for gr in refs:
            n = calc.get_all_electron_density(gridrefinement=gr) * Bohr**3
            write(f'{out}/{name}_ae{gr}.cube', atoms, data=n)
            dv = atoms.get_volume() / Bohr**3 / n.size
            info[f'ae{gr}'] = {'shape': list(n.shape), 'integral': float(n.sum() * dv)}
        n = calc.get_pseudo_density() * Bohr**3
        write(f'{out}/{name}_pseudo.cube', atoms, data=n)
        info['pseudo'] = {'shape': list(n.shape), 'integral': float(n.sum() * atoms.get_volume() / Bohr**3 / n.size)}
        print(name, json.dumps(info))
        with open(f'{out}/{name}.json', 'w') as f:
            json.dump(info, f, indent=1)


main()
