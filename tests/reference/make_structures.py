#!/usr/bin/python3
"""Reference structure files for tests/unit/test_structio.c, written by ASE 3.22.

Run with Debian's python (python3-ase):  /usr/bin/python3 tests/reference/make_structures.py
It (re)writes tests/data/structures/* and prints, for each file, what ASE reads back:
cell (A), pbc, symbols, positions (A), fixed atoms, magnetic moments. Those printed
numbers are copied into tests/unit/test_structio.c; the output of the last run is kept
in tests/reference/make_structures.out.
"""
import os
import sys

import numpy as np
from ase import Atoms
from ase.build import molecule, surface
from ase.calculators.singlepoint import SinglePointCalculator
from ase.constraints import FixAtoms, FixCartesian, FixScaled
from ase.io import read, write
from ase.spacegroup import crystal

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, '..', 'data', 'structures')
os.makedirs(out, exist_ok=True)


def path(name):
    return os.path.join(out, name)


def fixed_of(atoms):
    fixed = np.zeros(len(atoms), bool)
    for c in atoms.constraints:
        if isinstance(c, FixAtoms):
            fixed[c.index] = True
        elif isinstance(c, FixScaled):  # mask True = fixed direction
            fixed[c.a] |= bool(np.any(c.mask))
        elif isinstance(c, FixCartesian):  # ASE 3.22 stores mask True = free direction
            fixed[c.a] |= not bool(np.all(c.mask))
        # pawsorb fixes whole atoms: a partly fixed atom counts as fixed
    return fixed


def show(name, atoms, extra=''):
    print('== %s%s' % (name, extra))
    print('natoms %d' % len(atoms))
    c = atoms.cell[:]
    print('cell ' + ' '.join('%.12f' % x for x in c.ravel()))
    print('pbc ' + ' '.join('%d' % p for p in atoms.pbc))
    fixed = fixed_of(atoms)
    mag = atoms.get_initial_magnetic_moments()
    for i, a in enumerate(atoms):
        print('%3d %-2s %18.12f %18.12f %18.12f fixed=%d magmom=%.6f'
              % (i, a.symbol, *a.position, fixed[i], mag[i]))


# 1. H2O molecule, no cell (no Lattice= in the file)
h2o = molecule('H2O')
write(path('h2o.xyz'), h2o, format='extxyz')

# 2. rutile TiO2 (110) slab, two layers, bottom layer fixed (FixAtoms -> move_mask:L:1)
rutile = crystal(['Ti', 'O'], basis=[(0, 0, 0), (0.3, 0.3, 0.0)], spacegroup=136,
                 cellpar=[4.594, 4.594, 2.959, 90, 90, 90])
slab = surface(rutile, (1, 1, 0), 2, vacuum=5.0)
slab.pbc = [True, True, False]
zmin = slab.positions[:, 2].min()
slab.set_constraint(FixAtoms(indices=[a.index for a in slab if a.position[2] < zmin + 1.0]))
write(path('tio2_slab.xyz'), slab, format='extxyz',
      columns=['symbols', 'positions', 'move_mask'])

# 3. triclinic cell, pbc T T F, initial magnetic moments
tri = Atoms('FeO', cell=[[3.1, 0.0, 0.0], [0.7, 2.9, 0.0], [0.4, -0.6, 8.5]],
            scaled_positions=[[0.1, 0.2, 0.3], [0.55, 0.45, 0.35]], pbc=[True, True, False])
tri.set_initial_magnetic_moments([2.5, -0.5])
write(path('triclinic.xyz'), tri, format='extxyz')

# 4. a trajectory: three frames with energies and forces (SinglePointCalculator)
frames = []
for k in range(3):
    f = tri.copy()
    f.positions[0, 0] += 0.1 * k
    f.calc = SinglePointCalculator(f, energy=-10.0 - 0.25 * k,
                                   forces=[[0.1 * k, -0.2, 0.3], [-0.1 * k, 0.2, -0.3]])
    frames.append(f)
write(path('traj.xyz'), frames, format='extxyz')

# 5. POSCAR with selective dynamics (ASE writes FixAtoms as "F F F", direct coordinates)
#    and atom 6 partly fixed (FixScaled: "T T F", free in-plane only)
sd = slab.copy()
sd.set_constraint([FixAtoms(indices=[a.index for a in sd if a.position[2] < zmin + 1.0]),
                   FixScaled(sd.cell, 6, [False, False, True])])
write(path('POSCAR_sd'), sd, format='vasp', direct=True, vasp5=True)

# 6. cartesian POSCAR with scale factor 1.5 (ASE writes scale 1.0 only: written by hand
#    from an ASE structure, then read back by ASE)
base = crystal(['Ti', 'O'], basis=[(0, 0, 0), (0.3, 0.3, 0.0)], spacegroup=136,
               cellpar=[4.594, 4.594, 2.959, 90, 90, 90])


def poscar_text(atoms, scale, comment, species_line=True, cartesian=True):
    syms = []
    for s in atoms.get_chemical_symbols():
        if s not in syms:
            syms.append(s)
    order = [i for s in syms for i in range(len(atoms)) if atoms[i].symbol == s]
    lines = [comment, '%.10f' % scale]
    cell_unscaled = atoms.cell[:] / (abs(scale) if scale > 0 else 1.0)
    lines += ['  %.10f %.10f %.10f' % tuple(v) for v in cell_unscaled]
    if species_line:
        lines.append(' '.join(syms))
    lines.append(' '.join(str(atoms.get_chemical_symbols().count(s)) for s in syms))
    if cartesian:
        lines.append('Cartesian')
        for i in order:
            lines.append('  %.10f %.10f %.10f' % tuple(atoms.positions[i] / scale))
    else:
        lines.append('Direct')
        for i in order:
            lines.append('  %.10f %.10f %.10f' % tuple(atoms.get_scaled_positions()[i]))
    return '\n'.join(lines) + '\n'


with open(path('POSCAR_cart_scaled'), 'w') as fd:
    fd.write(poscar_text(base, 1.5, 'TiO2 rutile, cartesian, scale 1.5'))

# 7. negative scale = target volume; ASE 3.22 does not implement it, so the expected cell
#    is computed here: lattice * (V_target / V)^(1/3). Written with the cell unscaled
#    (volume of base / 2**3 after dividing lengths by 2), asking for base's volume.
small = base.copy()
small.set_cell(base.cell[:] / 2.0, scale_atoms=True)
with open(path('POSCAR_volume'), 'w') as fd:
    text = poscar_text(small, 1.0, 'TiO2 rutile, direct, volume given', cartesian=False)
    text = text.replace('1.0000000000', '-%.10f' % base.get_volume(), 1)
    fd.write(text)

# 8. VASP 4 POSCAR: no species line, species on the comment line
with open(path('CONTCAR_vasp4'), 'w') as fd:
    fd.write(poscar_text(base, 1.0, 'Ti O  rutile VASP 4', species_line=False, cartesian=False))

# 9. plain XYZ (no key=value comment line)
with open(path('plain.xyz'), 'w') as fd:
    fd.write('3\nwater, plain xyz written by hand\n'
             'O 0.0 0.0 0.119262\nH 0.0 0.763239 -0.477047\nH 0.0 -0.763239 -0.477047\n')

# 10. move_mask:L:3 (ASE's FixCartesian column, T = free direction), written by hand
with open(path('fixcart.xyz'), 'w') as fd:
    fd.write('2\nLattice="5.0 0.0 0.0 0.0 5.0 0.0 0.0 0.0 5.0" '
             'Properties=species:S:1:pos:R:3:move_mask:L:3 pbc="T T T"\n'
             'Cu 0.0 0.0 0.0 T T F\nCu 2.5 2.5 0.0 T T T\n')

# 11. comment-line and column edge cases, written by hand, read by ASE below
edge = {
    'edge_spaces.xyz': '2\n Lattice = "5.0 0.0 0.0 0.0 6.0 0.0 0.0 0.0 7.0"   pbc = "T F T" \n'
                       'O 1.0 2.0 3.0\nH 1.5 2.0 3.0\n',
    'edge_quotes.xyz': "2\nLattice='5.0 0.0 0.0 0.5 6.0 0.0 0.0 0.0 7.0' pbc=[T, T, F] "
                       "name=\"a \\\"quoted\\\" word\" flag energy=-1.5e+00 "
                       "Properties=species:S:1:pos:R:3:tags:I:1:label:S:1:charges:R:1\n"
                       "O 1.0 2.0 3.0 7 first -0.5\nh 1.5 2.0 3.0 8 second 0.25\n",
    'edge_braces.xyz': '1\nLattice={4.0,0.0,0.0,0.0,4.0,0.0,0.0,0.0,4.0} Properties=Z:I:1:pos:R:3\n'
                       '22 0.5 0.5 0.5\n',
    'edge_case.xyz': '2\nLattice="8 0 0 0 8 0 0 0 8"\nTI 0 0 0\no 1.9 0 0\n',
    'edge_magmoms.xyz': '2\nProperties=species:S:1:pos:R:3:magmoms:R:1:initial_magmoms:R:1\n'
                        'Fe 0 0 0 1.5 3.0\nFe 2 0 0 -1.5 -3.0\n',
    'edge_magmoms_only.xyz': '1\nProperties=species:S:1:pos:R:3:magmoms:R:1\nNi 0 0 0 0.6\n',
    'edge_crlf.xyz': '1\r\nLattice="3 0 0 0 3 0 0 0 3" pbc="T T T"\r\nCu 0 0 0\r\n'
                     '1\r\nLattice="3 0 0 0 3 0 0 0 3" pbc="T T T"\r\nCu 0.5 0 0\r\n\r\n\r\n',
}
for name, text in edge.items():
    with open(path(name), 'w', newline='') as fd:
        fd.write(text)

for name in ['h2o.xyz', 'tio2_slab.xyz', 'triclinic.xyz', 'POSCAR_sd', 'POSCAR_cart_scaled',
             'CONTCAR_vasp4', 'plain.xyz', 'fixcart.xyz']:
    fmt = 'extxyz' if name.endswith('.xyz') else 'vasp'
    show(name, read(path(name), format=fmt))
print('== POSCAR_volume (expected: ASE 3.22 ignores the sign; this is base scaled)')
show('POSCAR_volume', base)
for k, a in enumerate(read(path('traj.xyz'), index=':')):
    show('traj.xyz', a, ' frame %d energy %.10f' % (k, a.get_potential_energy()))
    print('forces ' + ' '.join('%.10f' % x for x in a.get_forces().ravel()))
for name in edge:
    for k, a in enumerate(read(path(name), index=':', format='extxyz')):
        show(name, a, ' frame %d info %s' % (k, a.info))
        if a.calc is not None and 'magmoms' in a.calc.results:
            print('magmoms (calculator results) %s' % a.calc.results['magmoms'].tolist())
sys.stdout.flush()
