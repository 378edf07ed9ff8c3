#!/usr/bin/python3
"""Grid convergence of pawsorb's Bader charges on its own all-electron density, next to
the same partition of GPAW 22.8's all-electron cubes (issue 6; run with /usr/bin/python3,
about 3 min on 2 cores).

    /usr/bin/python3 tests/reference/bader_gpaw_cubes.py CUBEDIR h2o lif --ref4
    PAWSORB=build/pawsorb /usr/bin/python3 tests/reference/bader_refinement.py CUBEDIR

Its output (3 min; measured 2026-11 on this machine) is the last section of
tests/data/bader/compare_henkelman.txt and the table in docs/bader.md.

Cases as bader_gpaw_cubes.py: H2O (ASE g2, vacuum 4 A, periodic box) and LiF (rocksalt
a = 4.03 A, primitive cell, 4x4x4 plain Monkhorst-Pack as GPAW's kpts=(4, 4, 4), i.e.
pawsorb's `gamma: false`, Fermi-Dirac 0.1 eV), PW 500 eV, PBE. For each case pawsorb runs
with `bader: {refinement: R, method: weight}` for R = 2, 4 (default vacuum 1e-4 e/A^3),
and `pawsorb bader CUBEDIR/CASE_aeR.cube --method weight` partitions GPAW's cube with the
same vacuum. LiF is also run with a Gamma-centred 4x4x4 grid (`gamma: true`, pawsorb's
default) to show what that does to the energy. Populations in electrons, energies in eV
(/energy/total, GPAW's get_potential_energy).
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import h5py
from ase.build import bulk, molecule

PAWSORB = os.environ.get('PAWSORB', 'pawsorb')


def case(name):
    if name == 'h2o':
        a = molecule('H2O')
        a.center(vacuum=4.0)
        a.pbc = True
        return a, ''
    a = bulk('LiF', 'rocksalt', a=4.03)
    return a, '  kpoints: [4, 4, 4]\n  gamma: GAMMA\n'


def yaml(atoms, dft, refinement, gamma):
    cell = ', '.join('[%.10f, %.10f, %.10f]' % tuple(v) for v in atoms.cell)
    lines = ['task: scf', 'structure:', f'  cell: [{cell}]', '  pbc: [true, true, true]', '  atoms:']
    for s, p in zip(atoms.get_chemical_symbols(), atoms.positions):
        lines.append('    - [%s, %.10f, %.10f, %.10f]' % (s, *p))
    lines += ['dft:', '  xc: PBE', '  cutoff: 500', '  smearing: {method: fermi-dirac, width: 0.1}']
    text = '\n'.join(lines) + '\n' + dft.replace('GAMMA', 'true' if gamma else 'false')
    return text + f'output:\n  file: out.h5\nbader: {{refinement: {refinement}, method: weight}}\n'


def populations(log):
    """Per-atom populations from a Bader table in pawsorb's log."""
    on, pops = False, []
    for line in log.splitlines():
        if line.startswith('Bader charges:'):
            on = True
        elif on and re.match(r'\s+\d+ [A-Z][a-z]? ', line) and len(line.split()) == 6:
            pops.append(float(line.split()[2]))
        elif on and line.startswith('populations'):
            tot = float(line.split()[-1].rstrip(')'))
            return pops, tot
    raise RuntimeError('no Bader table in:\n' + log[-2000:])


def run(atoms, dft, refinement, gamma):
    with tempfile.TemporaryDirectory() as d:
        with open(f'{d}/in.yaml', 'w') as f:
            f.write(yaml(atoms, dft, refinement, gamma))
        p = subprocess.run([PAWSORB, 'run', 'in.yaml'], cwd=d, capture_output=True, text=True)
        if p.returncode:
            raise RuntimeError(p.stdout + p.stderr)
        grid = re.search(r'gridrefinement \d\), grid (\d+ x \d+ x \d+)', p.stdout).group(1)
        with h5py.File(f'{d}/out.h5') as h:
            e = float(h['energy/total'][()])
        return populations(p.stdout), e, grid


def on_cube(path):
    p = subprocess.run([PAWSORB, 'bader', path, '--method', 'weight'], capture_output=True, text=True, check=True)
    grid = re.search(r'grid (\d+ x \d+ x \d+)', p.stdout).group(1)
    return populations(p.stdout), grid


def main():
    cubes = sys.argv[1]
    print('# Bader populations (electrons), weight method, vacuum 1e-4 e/A^3, PBE, PW 500 eV')
    print('# pawsorb R: pawsorb run with bader: {refinement: R}; GPAW-cube R: pawsorb bader on')
    print('# GPAW 22.8 get_all_electron_density(gridrefinement=R) (bader_gpaw_cubes.py --ref4)')
    for name in ('h2o', 'lif'):
        atoms, dft = case(name)
        ref = json.load(open(f'{cubes}/{name}.json'))
        cols, grids, energies = {}, {}, {}
        for r in (2, 4):
            (cols[f'pawsorb {r}'], energies[r], grids[f'pawsorb {r}']) = run(atoms, dft, r, False)
            cols[f'GPAW-cube {r}'], grids[f'GPAW-cube {r}'] = on_cube(f'{cubes}/{name}_ae{r}.cube')
        names = list(cols)
        print(f'\n## {name}: E_pawsorb = {energies[2]:.5f} eV, E_GPAW = {ref["energy_eV"]:.5f} eV '
              f'(difference {1000 * (energies[2] - ref["energy_eV"]):+.2f} meV)')
        print('# grids: ' + '; '.join(f'{k} {v}' for k, v in grids.items()))
        print('%-5s' % 'atom' + ''.join('%13s' % k for k in names) + '%13s%13s' % ('p4 - p2', 'p4 - G4'))
        for i, s in enumerate(atoms.get_chemical_symbols()):
            v = [cols[k][0][i] for k in names]
            print('%-5s' % s + ''.join('%13.5f' % x for x in v) + '%+13.5f%+13.5f' % (v[2] - v[0], v[2] - v[3]))
        print('%-5s' % 'sum' + ''.join('%13.5f' % cols[k][1] for k in names) + '   (populations + vacuum)')
        if name == 'lif':
            _, eg, _ = run(atoms, dft, 2, True)
            print(f'# LiF with a Gamma-centred 4x4x4 grid (gamma: true): E = {eg:.5f} eV, '
                  f'{1000 * (eg - ref["energy_eV"]):+.2f} meV from GPAW (plain MP: '
                  f'{1000 * (energies[2] - ref["energy_eV"]):+.2f} meV)')


main()
